//! "Did you mean …?": the nearest known name to a mistyped one.
//!
//! Used for unknown fields, unknown ids and unknown actor names alike, so every such
//! message suggests the same way: case-insensitive edit distance, adjacent swaps counting
//! as one edit, and only suggestions close enough to be a plausible typo.

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), on characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        if let Some(x) = d.get_mut(at(i, 0)) {
            *x = i;
        }
    }
    for j in 0..=b.len() {
        if let Some(x) = d.get_mut(at(0, j)) {
            *x = j;
        }
    }
    for (i, ca) in a.iter().enumerate() {
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let get = |i: usize, j: usize| d.get(at(i, j)).copied().unwrap_or(usize::MAX / 2);
            let mut best = (get(i, j + 1) + 1)
                .min(get(i + 1, j) + 1)
                .min(get(i, j) + cost);
            if i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca) {
                best = best.min(get(i - 1, j - 1) + 1);
            }
            if let Some(x) = d.get_mut(at(i + 1, j + 1)) {
                *x = best;
            }
        }
    }
    d.last().copied().unwrap_or(0)
}

/// The largest distance still taken for a typo of a word of `len` characters.
fn tolerance(len: usize) -> usize {
    match len {
        0..=2 => 1,
        3..=5 => 2,
        _ => 3.min(len / 3 + 1),
    }
}

/// All candidates within typo distance of `word`, nearest first (ties in input order).
pub fn near<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let w = word.to_lowercase();
    let limit = tolerance(w.chars().count());
    let mut found: Vec<(usize, usize, &str)> = candidates
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let dist = distance(&w, &c.to_lowercase());
            (dist <= limit).then_some((dist, i, c))
        })
        .collect();
    found.sort_unstable();
    found.into_iter().map(|(_, _, c)| c).collect()
}

/// The nearest candidate within typo distance of `word`.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    near(word, candidates).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("MLY", "MLI"), 1);
        assert_eq!(distance("nmae", "name"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggests_plausible_typos_only() {
        assert_eq!(closest("MLY", ["MLI", "NER", "BFA"]), Some("MLI"));
        assert_eq!(closest("sumary", ["summary", "sources"]), Some("summary"));
        assert_eq!(closest("zzzzzz", ["summary", "sources"]), None);
    }
}
