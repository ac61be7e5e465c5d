//! Rendering diagnostics the way rustc does: a header, the place, a snippet with a caret,
//! and the hint. Colour goes through `anstream`, which drops it when the output is not a
//! terminal or `NO_COLOR` is set.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::diagnostic::{Diagnostic, Severity};

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const ACCENT: Style = AnsiColor::Blue.on_default().bold();
const BOLD: Style = Style::new().bold();

/// `error` in the error style.
pub fn error_label() -> String {
    format!("{ERROR}error{ERROR:#}")
}

/// Writes one diagnostic; `strict` shows warnings as errors.
pub fn diagnostic(out: &mut impl Write, d: &Diagnostic, strict: bool) -> io::Result<()> {
    let (word, style) = match d.severity {
        Severity::Error => ("error", ERROR),
        Severity::Warning if strict => ("error", ERROR),
        Severity::Warning => ("warning", WARNING),
    };
    writeln!(
        out,
        "{style}{word}[{}]{style:#}{BOLD}: {}{BOLD:#}",
        d.code, d.message
    )?;
    let gutter = d.location.as_ref().map_or(1, |l| l.line.to_string().len());
    let pad = " ".repeat(gutter);
    if let Some(file) = &d.file {
        let place = match &d.location {
            Some(l) => format!("{file}:{}:{}", l.line, l.column),
            None => file.clone(),
        };
        let path = d
            .path
            .as_ref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        writeln!(out, "{pad}{ACCENT}-->{ACCENT:#} {place}{path}")?;
    }
    if let Some(l) = &d.location {
        let text = l.line_text.replace('\t', " ");
        if !text.trim().is_empty() && text.chars().count() <= 300 {
            let before: String = text.chars().take(l.column.saturating_sub(1)).collect();
            let width = token_width(text.chars().skip(l.column.saturating_sub(1)));
            writeln!(out, "{pad} {ACCENT}|{ACCENT:#}")?;
            writeln!(
                out,
                "{ACCENT}{}{ACCENT:#} {ACCENT}|{ACCENT:#} {text}",
                l.line
            )?;
            writeln!(
                out,
                "{pad} {ACCENT}|{ACCENT:#} {}{style}{}{style:#}",
                " ".repeat(before.chars().count()),
                "^".repeat(width)
            )?;
        }
    }
    if let Some(note) = &d.note {
        writeln!(out, "{pad} {ACCENT}={ACCENT:#} {BOLD}note{BOLD:#}: {note}")?;
    }
    if let Some(hint) = &d.hint {
        writeln!(out, "{pad} {ACCENT}={ACCENT:#} {BOLD}help{BOLD:#}: {hint}")?;
    }
    writeln!(out)
}

/// The width of the JSON token starting here: a whole string, or a bare word.
fn token_width(mut rest: impl Iterator<Item = char>) -> usize {
    match rest.next() {
        Some('"') => {
            let mut n = 1;
            let mut escaped = false;
            for c in rest {
                n += 1;
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => return n,
                    _ => escaped = false,
                }
            }
            1
        }
        Some(c) if c.is_alphanumeric() || c == '-' => {
            1 + rest
                .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '+'))
                .count()
        }
        Some(_) | None => 1,
    }
}
