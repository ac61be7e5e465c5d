//! Writing many rows on every core: consecutive runs of a selection's links, each into
//! its own buffer on its own thread, the buffers then joined in order.
//!
//! The CSV and DOT exports of a large graph spend most of their time turning links into
//! text, one row or statement per link, and no row depends on another, so the result is
//! the same bytes as writing them one after another. Small selections stay on one thread
//! ([`MIN_RUN`]), where starting threads would cost more than it saves.

/// The fewest items worth a thread of their own.
pub const MIN_RUN: usize = 20_000;

/// Writes `items` in consecutive runs: the first into `head` on this thread, each other
/// into a `fresh()` buffer on a thread of its own. Returns the buffers in order, `head`
/// first, or the first error in that order.
pub fn write<T, B, E>(
    items: &[T],
    head: B,
    fresh: impl Fn() -> B + Sync,
    write: impl Fn(&mut B, &[T]) -> Result<(), E> + Sync,
) -> Result<Vec<B>, E>
where
    T: Sync,
    B: Send,
    E: Send,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(items.len() / MIN_RUN)
        .max(1);
    let mut runs = items.chunks(items.len().div_ceil(threads).max(1));
    let first = runs.next().unwrap_or_default();
    let (fresh, write) = (&fresh, &write);
    std::thread::scope(|s| {
        let others: Vec<_> = runs
            .map(|run| {
                s.spawn(move || {
                    let mut b = fresh();
                    write(&mut b, run).map(|()| b)
                })
            })
            .collect();
        let mut head = head;
        let head = write(&mut head, first).map(|()| head);
        let mut out = vec![head?];
        for t in others {
            match t.join() {
                Ok(b) => out.push(b?),
                // A panic in a writer is a bug; pass it on as one.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn runs_join_in_order() {
        let items: Vec<usize> = (0..3 * MIN_RUN + 7).collect();
        let bufs = write(&items, vec![usize::MAX], Vec::new, |b, run| {
            b.extend_from_slice(run);
            Ok::<(), ()>(())
        })
        .unwrap();
        let joined: Vec<usize> = bufs.into_iter().flatten().collect();
        assert_eq!(joined.first(), Some(&usize::MAX));
        assert_eq!(joined.get(1..), Some(items.as_slice()));
    }
}
