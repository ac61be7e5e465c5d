//! Sources stored compactly: one text arena, one offset per source.
//!
//! A large fact set cites about two sources per relation, so at a million relations the
//! sources would be the largest thing in memory if each kept seven `String`s (about
//! 330 bytes each). Here a source is one record in a shared `String`: each of its seven
//! fields as `-` when absent, else its length in ASCII digits, `:` and its text (a
//! netstring), about 90 bytes for a typical source. Invariant: the arena is only ever
//! extended with whole records, so every field is a valid `str` slice found without
//! re-validating UTF-8; a record that does not decode reads as missing, never a panic.

use std::fmt::Write;

use crate::model::Source;

/// The number of fields of a source, in record order.
const FIELDS: usize = 7;

/// Sources in insertion order, indexed from 0.
#[derive(Debug, Clone, Default)]
pub struct SourceTable {
    /// Every record, back to back.
    text: String,
    /// Where each record starts in `bytes`.
    starts: Vec<usize>,
}

/// One source, borrowed from a [`SourceTable`]; fields mean what they mean in
/// [`crate::model::Source`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceRef<'a> {
    /// Stable identity, unique across all files.
    pub id: &'a str,
    /// Where the document can be read.
    pub url: &'a str,
    /// The document's title as published.
    pub title: Option<&'a str>,
    /// Who published it.
    pub publisher: Option<&'a str>,
    /// When it was published (EDTF date, as written).
    pub published: Option<&'a str>,
    /// The document's language tag.
    pub language: Option<&'a str>,
    /// When a curator last read it (EDTF date, as written).
    pub retrieved: Option<&'a str>,
}

impl SourceTable {
    /// An empty table.
    pub fn new() -> SourceTable {
        SourceTable::default()
    }

    /// The number of sources.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// True when there are no sources.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Makes room for `records` more sources of `bytes` encoded bytes in all.
    pub fn reserve(&mut self, records: usize, bytes: usize) {
        self.starts.reserve(records);
        self.text.reserve(bytes);
    }

    /// The encoded size of every record, in bytes.
    pub fn byte_len(&self) -> usize {
        self.text.len()
    }

    /// Appends every source of `other`, in order.
    pub fn append(&mut self, other: &SourceTable) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.starts.extend(other.starts.iter().map(|s| s + base));
    }

    /// Appends a source; its index is the previous [`len`](Self::len).
    pub fn push(&mut self, s: &Source) {
        self.push_ref(&SourceRef {
            id: &s.id,
            url: &s.url,
            title: s.title.as_deref(),
            publisher: s.publisher.as_deref(),
            published: s.published.as_deref(),
            language: s.language.as_deref(),
            retrieved: s.retrieved.as_deref(),
        });
    }

    /// Appends a borrowed source (from another table, say).
    pub fn push_ref(&mut self, s: &SourceRef<'_>) {
        self.starts.push(self.text.len());
        for field in [
            Some(s.id),
            Some(s.url),
            s.title,
            s.publisher,
            s.published,
            s.language,
            s.retrieved,
        ] {
            match field {
                None => self.text.push('-'),
                Some(text) => {
                    // Writing to a String cannot fail.
                    let _ = write!(self.text, "{}:", text.len());
                    self.text.push_str(text);
                }
            }
        }
    }

    /// The source at index `i`.
    pub fn get(&self, i: usize) -> Option<SourceRef<'_>> {
        let start = *self.starts.get(i)?;
        let mut rest = self.text.get(start..)?;
        let mut fields: [Option<&str>; FIELDS] = [None; FIELDS];
        for f in &mut fields {
            if let Some(after) = rest.strip_prefix('-') {
                rest = after;
                continue;
            }
            let colon = rest.bytes().position(|b| b == b':')?;
            let len: usize = rest.get(..colon)?.parse().ok()?;
            let (field, after) = rest.get(colon + 1..)?.split_at_checked(len)?;
            *f = Some(field);
            rest = after;
        }
        let [id, url, title, publisher, date, language, retrieved] = fields;
        Some(SourceRef {
            id: id?,
            url: url?,
            title,
            publisher,
            published: date,
            language,
            retrieved,
        })
    }

    /// Every source, in index order.
    pub fn iter(&self) -> impl Iterator<Item = SourceRef<'_>> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// The index of the source with this id (a linear scan: lookups by id are rare after
    /// validation, which resolves every reference once).
    pub fn find(&self, id: &str) -> Option<usize> {
        (0..self.len()).find(|&i| self.get(i).is_some_and(|s| s.id == id))
    }

    /// Releases spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.starts.shrink_to_fit();
    }

    /// Bytes held, for memory reports.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.starts.capacity() * std::mem::size_of::<usize>()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn prop_sources_round_trip(
            id in ".{0,20}", url in ".{0,300}", title in proptest::option::of(".{0,200}"),
            publisher in proptest::option::of(".{0,10}"), published in proptest::option::of("[0-9-]{0,10}"),
        ) {
            let s = Source {
                id: id.clone(), url: url.clone(), title: title.clone(), publisher: publisher.clone(),
                published: published.clone(), language: Some(String::new()), retrieved: None,
            };
            let mut t = SourceTable::new();
            t.push(&s);
            t.push(&s);
            prop_assert_eq!(t.len(), 2);
            let r = t.get(1).unwrap();
            prop_assert_eq!(r.id, id.as_str());
            prop_assert_eq!(r.url, url.as_str());
            prop_assert_eq!(r.title, title.as_deref());
            prop_assert_eq!(r.publisher, publisher.as_deref());
            prop_assert_eq!(r.published, published.as_deref());
            prop_assert_eq!(r.language, Some(""));
            prop_assert_eq!(r.retrieved, None);
            prop_assert_eq!(t.find(&id), Some(0));
        }
    }
}
