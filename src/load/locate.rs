//! Finding where a field path sits in JSON text.
//!
//! serde tells us *what* is wrong and *which* field; this scanner turns a field path such
//! as `relations[3].to` back into a byte offset so a diagnostic can show line, column and
//! a caret. It runs only on files that already parsed (so it can be lenient) and only when
//! there is something to report, keeping the happy path free of position bookkeeping.

use std::collections::HashMap;

use crate::diagnostic::{Location, Segment};

/// Where things sit in one file, built in one pass when the first diagnostic needs it, so
/// that locating many diagnostics in a large file stays linear rather than quadratic.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// For each top-level array (`relations`, …), the byte offset of each element.
    elements: HashMap<String, Vec<usize>>,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
}

impl Index {
    /// Indexes a file's text.
    pub fn build(text: &str) -> Index {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut s = Scanner {
            bytes: text.as_bytes(),
            text,
            pos: 0,
        };
        Index {
            elements: s.top_level_elements().unwrap_or_default(),
            line_starts,
        }
    }

    /// The byte offset of the value at `path` (or of its key, when `at_key`).
    pub fn locate(&self, text: &str, path: &[Segment], at_key: bool) -> Option<usize> {
        if let [Segment::Key(collection), Segment::Index(i), rest @ ..] = path
            && let Some(&start) = self.elements.get(collection).and_then(|v| v.get(*i))
        {
            let mut s = Scanner {
                bytes: text.as_bytes(),
                text,
                pos: start,
            };
            return s.find(rest, at_key);
        }
        locate(text, path, at_key)
    }

    /// Line, column (in characters) and line text of a byte offset.
    pub fn location(&self, text: &str, offset: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        let rest = text.get(start..).unwrap_or_default();
        let line_text = rest.split('\n').next().unwrap_or_default();
        Location {
            line,
            column,
            line_text: line_text.trim_end_matches('\r').to_owned(),
        }
    }
}

/// The byte offset of the value at `path` (or of its key, when `at_key`), if present.
pub fn locate(text: &str, path: &[Segment], at_key: bool) -> Option<usize> {
    let mut s = Scanner {
        bytes: text.as_bytes(),
        text,
        pos: 0,
    };
    s.find(path, at_key)
}

/// Line, column (in characters) and line text of a byte offset.
pub fn location_of(text: &str, offset: usize) -> Location {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = text.get(..offset).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = text
        .get(line_start..offset)
        .map_or(0, |s| s.chars().count())
        + 1;
    let rest = text.get(line_start..).unwrap_or_default();
    let line_text = rest.split('\n').next().unwrap_or_default();
    Location {
        line,
        column,
        line_text: line_text.trim_end_matches('\r').to_owned(),
    }
}

/// The location of a 1-based line and a 1-based *byte* column, as `serde_json` reports them.
pub fn location_of_line_byte(text: &str, line: usize, byte_column: usize) -> Location {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            offset += byte_column.saturating_sub(1).min(l.len());
            return location_of(text, offset);
        }
        offset += l.len();
    }
    location_of(text, text.len())
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

struct Scanner<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Scanner<'_> {
    /// Offsets of the elements of every top-level array.
    fn top_level_elements(&mut self) -> Option<HashMap<String, Vec<usize>>> {
        let mut out = HashMap::new();
        self.ws();
        if self.peek()? != b'{' {
            return None;
        }
        self.pos += 1;
        loop {
            self.ws();
            match self.peek()? {
                b',' => {
                    self.pos += 1;
                    continue;
                }
                b'"' => {}
                _ => return Some(out),
            }
            let key = self.string()?;
            self.ws();
            if self.peek()? != b':' {
                return Some(out);
            }
            self.pos += 1;
            self.ws();
            if self.peek()? != b'[' {
                self.skip_value()?;
                continue;
            }
            self.pos += 1;
            let mut starts = Vec::new();
            loop {
                self.ws();
                match self.peek()? {
                    b']' => {
                        self.pos += 1;
                        break;
                    }
                    b',' => self.pos += 1,
                    _ => {
                        starts.push(self.pos);
                        self.skip_value()?;
                    }
                }
            }
            out.insert(key, starts);
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn find(&mut self, path: &[Segment], at_key: bool) -> Option<usize> {
        // Iterative descent: only the containers on the path are entered.
        let mut rest = path;
        loop {
            self.ws();
            let Some((first, tail)) = rest.split_first() else {
                return Some(self.pos);
            };
            match (first, self.peek()?) {
                (Segment::Key(want), b'{') => {
                    self.pos += 1;
                    loop {
                        self.ws();
                        if self.peek()? != b'"' {
                            return None;
                        }
                        let key_at = self.pos;
                        let key = self.string()?;
                        self.ws();
                        if self.peek()? != b':' {
                            return None;
                        }
                        self.pos += 1;
                        if &key == want {
                            if tail.is_empty() && at_key {
                                return Some(key_at);
                            }
                            break;
                        }
                        self.skip_value()?;
                        self.ws();
                        match self.peek()? {
                            b',' => self.pos += 1,
                            _ => return None,
                        }
                    }
                }
                (Segment::Index(want), b'[') => {
                    self.pos += 1;
                    for _ in 0..*want {
                        self.ws();
                        self.skip_value()?;
                        self.ws();
                        match self.peek()? {
                            b',' => self.pos += 1,
                            _ => return None,
                        }
                    }
                }
                _ => return None,
            }
            rest = tail;
        }
    }

    /// Reads a string starting at `"` and returns its decoded value.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.pos += 1;
        let mut escaped = false;
        loop {
            let b = self.peek()?;
            self.pos += 1;
            match b {
                b'\\' => {
                    escaped = true;
                    self.pos += 1;
                }
                b'"' => break,
                _ => {}
            }
        }
        let raw = self.text.get(start..self.pos)?;
        if escaped {
            serde_json::from_str(raw).ok()
        } else {
            raw.get(1..raw.len() - 1).map(str::to_owned)
        }
    }

    /// Skips one value of any kind, without recursion.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.ws();
            match self.peek()? {
                b'{' | b'[' => {
                    depth += 1;
                    self.pos += 1;
                    continue;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.pos += 1;
                }
                b'"' => {
                    self.string()?;
                    self.ws();
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                        continue;
                    }
                }
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {
                    while !matches!(
                        self.peek(),
                        None | Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
                    ) {
                        self.pos += 1;
                    }
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn path(p: &[&str]) -> Vec<Segment> {
        p.iter()
            .map(|s| match s.parse::<usize>() {
                Ok(n) => Segment::Index(n),
                Err(_) => Segment::Key((*s).to_owned()),
            })
            .collect()
    }

    const TEXT: &str = "{\n  \"actors\": [{\"id\": \"A\", \"x\": {\"a\": [1, {\"b\": 2}]}},\n    {\"id\": \"B\", \"name\": \"Bé\"}],\n  \"relations\": [ {\"id\": \"r\\\"1\", \"to\": \"MLY\"} ]\n}";

    #[test]
    fn finds_values_and_keys() {
        let at = locate(TEXT, &path(&["actors", "1", "name"]), false).unwrap();
        assert!(TEXT[at..].starts_with("\"Bé\""));
        let at = locate(TEXT, &path(&["actors", "1", "name"]), true).unwrap();
        assert!(TEXT[at..].starts_with("\"name\""));
        let at = locate(TEXT, &path(&["relations", "0", "to"]), false).unwrap();
        let loc = location_of(TEXT, at);
        assert_eq!((loc.line, loc.column), (4, 39));
        assert!(locate(TEXT, &path(&["actors", "2"]), false).is_none());
    }

    #[test]
    fn index_agrees_with_a_plain_scan() {
        let index = Index::build(TEXT);
        for p in [
            &["actors", "1", "name"][..],
            &["relations", "0", "to"],
            &["actors", "0", "x", "a", "1", "b"],
            &["actors", "0"],
        ] {
            for at_key in [false, true] {
                let a = index.locate(TEXT, &path(p), at_key);
                assert_eq!(a, locate(TEXT, &path(p), at_key), "{p:?}");
                let a = a.unwrap();
                assert_eq!(index.location(TEXT, a), location_of(TEXT, a));
            }
        }
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\"é\": 1, \"b\": 2}";
        let at = locate(text, &path(&["b"]), true).unwrap();
        assert_eq!(location_of(text, at).column, 10);
    }
}
