//! Folding names for lookup: `Côte d’Ivoire`, `cote d'ivoire` and `COTE D IVOIRE` meet.
//!
//! Users type names the way they remember them. Lookup keys are lowercased, stripped of
//! accents (Unicode canonical decomposition, combining marks dropped), with apostrophes,
//! hyphens and runs of spaces unified. Display always uses the curated spelling.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The lookup key of a name.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.nfkd().filter(|c| !is_combining_mark(*c)) {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '\u{b4}' => '\'',
            '-' | '\u{2010}'..='\u{2015}' | '_' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("  cote   d'ivoire "), "cote d'ivoire");
        assert_eq!(fold("Burkina-Faso"), "burkina faso");
        assert_eq!(fold("Россия"), "россия");
        assert_eq!(fold("MALI"), "mali");
    }
}
