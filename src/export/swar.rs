//! Finding bytes eight at a time in one `u64` ("SIMD within a register"), for the
//! writers that check every byte of hundreds of megabytes of text for the few that need
//! escaping (CSV quotes, DOT escapes). Plain integer arithmetic: no `unsafe`, no
//! platform intrinsics, and several times faster than a loop over single bytes.
//!
//! Each function returns a word that is non-zero exactly when some byte matches (the
//! positions of its set bits are not meant to be read).

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// `bytes` as words of eight, the last filled up with `fill` (a byte the caller does
/// not look for), so a short text is one word rather than a loop over single bytes.
pub fn words(bytes: &[u8], fill: u8) -> impl Iterator<Item = u64> + '_ {
    let (words, rest) = bytes.as_chunks::<8>();
    let last = (!rest.is_empty()).then(|| {
        let mut last = [fill; 8];
        for (to, &from) in last.iter_mut().zip(rest) {
            *to = from;
        }
        u64::from_le_bytes(last)
    });
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
        fn prop_words_hold_the_bytes_then_the_fill(bytes: Vec<u8>, fill: u8) {
            let back: Vec<u8> = words(&bytes, fill).flat_map(u64::to_le_bytes).collect();
            prop_assert_eq!(back.get(..bytes.len()), Some(bytes.as_slice()));
            prop_assert!(back.get(bytes.len()..).unwrap_or_default().iter().all(|&b| b == fill));
            prop_assert_eq!(back.len(), bytes.len().div_ceil(8) * 8);
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
