//! Finding bytes eight at a time in one `u64` ("SIMD within a register"), for the
//! writers that check every byte of hundreds of megabytes of text for the few that need
//! escaping (CSV quotes, DOT escapes). Plain integer arithmetic: no `unsafe`, no
//! platform intrinsics, and several times faster than a loop over single bytes.
//!
//! Each function returns a word that is non-zero exactly when some byte matches (the
//! positions of its set bits are not meant to be read).

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// `bytes` as words of eight that together hold every byte and no other: whole words,
/// then one word for the rest made of the last eight bytes (some read twice) or, for a
/// text shorter than that, of its bytes repeated. A short text is one word, with no loop
/// over single bytes.
pub fn words(bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    let (words, rest) = bytes.as_chunks::<8>();
    let last = if rest.is_empty() {
        None
    } else if let Some(w) = bytes.last_chunk::<8>() {
        Some(u64::from_le_bytes(*w))
    } else if let (Some(lo), Some(hi)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        Some(u64::from(u32::from_le_bytes(*lo)) | (u64::from(u32::from_le_bytes(*hi)) << 32))
    } else {
        // One to three bytes: the first, the middle and the last are all of them.
        let [a, m, z] = [0, bytes.len() / 2, bytes.len() - 1].map(|i| bytes.get(i).copied());
        a.zip(m)
            .zip(z)
            .map(|((a, m), z)| u64::from_le_bytes([a, m, z, a, a, a, a, a]))
    };
    words.iter().map(|w| u64::from_le_bytes(*w)).chain(last)
}

/// Non-zero when some byte of `w` is `b`.
pub fn has(w: u64, b: u8) -> u64 {
    let x = w ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// Non-zero when some byte of `w` is below `n` (`n` at most 128).
pub fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGHS
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn prop_words_hold_exactly_the_bytes(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
            let held: Vec<u8> = words(&bytes).flat_map(u64::to_le_bytes).collect();
            prop_assert!(held.iter().all(|b| bytes.contains(b)));
            prop_assert!(bytes.iter().all(|b| held.contains(b)));
        }

        #[test]
        fn prop_words_agree_with_bytes(bytes: [u8; 8], b: u8, n in 0u8..=128) {
            let w = u64::from_le_bytes(bytes);
            prop_assert_eq!(has(w, b) != 0, bytes.contains(&b));
            prop_assert_eq!(below(w, n) != 0, bytes.iter().any(|&x| x < n));
        }
    }

    #[test]
    fn every_byte_and_position() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut bytes = [b'a'; 8];
                bytes[pos] = b;
                let w = u64::from_le_bytes(bytes);
                assert!(has(w, b) != 0);
                assert_eq!(has(w, b',') != 0, bytes.contains(&b','));
                assert_eq!(below(w, b' ') != 0, b < b' ');
            }
        }
    }
}
