//! Escaping for the hand-written XML exports (GraphML, GEXF).
//!
//! One helper serves text and attribute values alike: markup characters become entities,
//! tab, newline and carriage return become character references (so attribute values keep
//! them instead of being normalised to spaces), and characters XML 1.0 forbids (other
//! control characters, U+FFFE, U+FFFF) become U+FFFD, so the output is always well-formed.

/// `text` escaped for XML element content or a double- or single-quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\n\u{1}Россия"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;&#10;\u{fffd}Россия"
        );
    }
}
