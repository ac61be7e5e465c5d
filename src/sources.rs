//! Sources stored compactly: one text arena, one offset per source.
//!
//! A large fact set cites about two sources per relation, so at a million relations the
//! sources would be the largest thing in memory if each kept seven `String`s (about
//! 330 bytes each). Here a source is one record in a shared `String`: each of its seven
//! fields as `-` when absent, else its length in ASCII digits, `:` and its text (a
//! netstring), about 90 bytes for a typical source. Invariant: the arena is only ever
//! extended with whole records, so every field is a valid `str` slice found without
//! re-validating UTF-8; a record that does not decode reads as missing, never a panic.

use crate::model::Source;

/// The number of fields of a source, in record order.
const FIELDS: usize = 7;

/// Sources in insertion order, indexed from 0.
///
/// Records sit in chunks (one per fact file, when tables are joined with
/// [`SourceTable::append`], which moves chunks instead of copying them); a chunk holds at
/// most `CHUNK_BYTES` (1 GiB) of text, so offsets within it fit `u32`.
#[derive(Debug, Clone, Default)]
pub struct SourceTable {
    chunks: Vec<Chunk>,
    /// The index of each chunk's first source.
    firsts: Vec<usize>,
    len: usize,
}

#[derive(Debug, Clone, Default)]
struct Chunk {
    /// Every record, back to back.
    text: String,
    /// Where each record starts in `text`.
    starts: Vec<u32>,
}

/// The most text a chunk holds before a new one is started.
const CHUNK_BYTES: usize = 1 << 30;

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

impl SourceRef<'_> {
    /// The source as the format's own type.
    pub fn to_source(&self) -> Source {
        Source {
            id: self.id.to_owned(),
            url: self.url.to_owned(),
            title: self.title.map(str::to_owned),
            publisher: self.publisher.map(str::to_owned),
            published: self.published.map(str::to_owned),
            language: self.language.map(str::to_owned),
            retrieved: self.retrieved.map(str::to_owned),
        }
    }
}

impl SourceTable {
    /// An empty table.
    pub fn new() -> SourceTable {
        SourceTable::default()
    }

    /// The number of sources.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are no sources.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends every source of `other`, in order, moving its records rather than copying.
    pub fn append(&mut self, other: SourceTable) {
        for chunk in other.chunks {
            if !chunk.starts.is_empty() {
                self.firsts.push(self.len);
                self.len += chunk.starts.len();
                self.chunks.push(chunk);
            }
        }
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

    /// Appends a borrowed source (from another table, say). Every field is a netstring
    /// (`len:text`), `-` when absent.
    pub fn push_ref(&mut self, s: &SourceRef<'_>) {
        let fits = self
            .chunks
            .last()
            .is_some_and(|c| c.text.len() < CHUNK_BYTES);
        if !fits {
            self.firsts.push(self.len);
            self.chunks.push(Chunk::default());
        }
        let Some(chunk) = self.chunks.last_mut() else {
            return;
        };
        chunk
            .starts
            .push(u32::try_from(chunk.text.len()).unwrap_or(u32::MAX));
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
                None => chunk.text.push('-'),
                Some(text) => {
                    push_len(&mut chunk.text, text.len());
                    chunk.text.push(':');
                    chunk.text.push_str(text);
                }
            }
        }
        self.len += 1;
    }

    /// The source at index `i`.
    pub fn get(&self, i: usize) -> Option<SourceRef<'_>> {
        let c = self.firsts.partition_point(|&f| f <= i).checked_sub(1)?;
        let chunk = self.chunks.get(c)?;
        let start = *chunk.starts.get(i - self.firsts.get(c)?)? as usize;
        let mut rest = chunk.text.get(start..)?;
        let mut fields: [Option<&str>; FIELDS] = [None; FIELDS];
        for f in &mut fields {
            if let Some(after) = rest.strip_prefix('-') {
                rest = after;
                continue;
            }
            let (field, after) = netstring(rest)?;
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

    /// Every source's id, in index order (reading only the first field of each record).
    pub fn ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.chunks.iter().flat_map(|c| {
            c.starts.iter().map(|&start| {
                c.text
                    .get(start as usize..)
                    .and_then(netstring)
                    .map_or("", |(id, _)| id)
            })
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
        for c in &mut self.chunks {
            c.text.shrink_to_fit();
            c.starts.shrink_to_fit();
        }
        self.chunks.shrink_to_fit();
        self.firsts.shrink_to_fit();
    }

    /// Bytes held, for memory reports.
    pub fn heap_bytes(&self) -> usize {
        self.chunks
            .iter()
            .map(|c| c.text.capacity() + c.starts.capacity() * 4)
            .sum()
    }
}

/// The text of the netstring (`len:text`) `rest` starts with, and what follows it.
fn netstring(rest: &str) -> Option<(&str, &str)> {
    let mut len = 0usize;
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'0'..=b'9' => len = len.checked_mul(10)?.checked_add(usize::from(b - b'0'))?,
            b':' if i > 0 => return rest.get(i + 1..)?.split_at_checked(len),
            _ => return None,
        }
    }
    None
}

/// Appends `n` in decimal (what `write!(text, "{n}")` does, without the formatting machinery:
/// this runs for every field of every source while loading).
fn push_len(text: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            // `n % 10` is below 10, so the cast cannot truncate.
            #[allow(clippy::cast_possible_truncation)]
            {
                *d = b'0' + (n % 10) as u8;
            }
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    for &d in digits.get(at..).unwrap_or_default() {
        text.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn prop_push_len_writes_decimal(n in any::<usize>()) {
            let mut text = String::from("x");
            push_len(&mut text, n);
            prop_assert_eq!(text, format!("x{n}"));
        }

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
            let mut u = SourceTable::new();
            u.push(&s);
            t.append(u);
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
            prop_assert_eq!(t.ids().collect::<Vec<_>>(), vec![id.as_str(), id.as_str()]);
        }
    }
}
