//! Time-aware truth: when is a relation active, and how sure can we be?
//!
//! A relation's [`Span`] holds the range of days its start may fall on and the range its
//! end may fall on. A question's time is a [`Period`] of days. Because dates are honest
//! ranges, the answer is three-valued ([`Activity`]): **yes** when every reading of the
//! dates makes it true, **maybe** when some do, **no** when none do. Widening any date
//! can turn yes into maybe, never into no.

use std::fmt;

use serde::Serialize;

use crate::date::{Day, FuzzyDate};
use crate::validate::{TieEnd, When};

/// A day far in the future, standing for "still ongoing".
pub const FOREVER: Day = Day(i32::MAX / 2);

/// A closed range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// First day.
    pub first: Day,
    /// Last day.
    pub last: Day,
}

impl Period {
    /// The range of days a date may mean.
    pub fn of(date: &FuzzyDate) -> Period {
        Period {
            first: date.earliest(),
            last: date.latest(),
        }
    }

    /// One day.
    pub const fn day(day: Day) -> Period {
        Period {
            first: day,
            last: day,
        }
    }
}

/// Certain or not: the answer to "is this relation active then?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Activity {
    /// Active under no reading of the dates.
    No,
    /// Active under some readings of the dates.
    Maybe,
    /// Active under every reading of the dates.
    Yes,
}

impl Activity {
    /// Both conditions hold (three-valued AND).
    #[must_use]
    pub fn and(self, other: Activity) -> Activity {
        self.min(other)
    }

    /// Either condition holds (three-valued OR).
    #[must_use]
    pub fn or(self, other: Activity) -> Activity {
        self.max(other)
    }

    /// The least activity a question accepts: `Yes` under `--certain`, else `Maybe`.
    pub fn least(certain: bool) -> Activity {
        if certain {
            Activity::Yes
        } else {
            Activity::Maybe
        }
    }

    /// The lowercase word used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Activity::Yes => "yes",
            Activity::Maybe => "maybe",
            Activity::No => "no",
        }
    }
}

impl fmt::Display for Activity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When a relation may have started and may have ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The days the start may fall on.
    pub start: Period,
    /// The days the end may fall on (`FOREVER` while ongoing).
    pub end: Period,
}

impl Span {
    /// A span that is never active.
    pub const EMPTY: Span = Span {
        start: Period::day(FOREVER),
        end: Period::day(Day(i32::MIN / 2)),
    };

    /// The span of an event (its date) or a tie (start to end).
    pub fn of(when: &When) -> Span {
        match when {
            When::Event(d) => Span {
                start: Period::of(d),
                end: Period::of(d),
            },
            When::Tie { start, end } => Span::tie(start, end),
        }
    }

    /// The span of a tie from a start date to an end.
    pub fn tie(start: &FuzzyDate, end: &TieEnd) -> Span {
        let start = Period::of(start);
        let end = match end {
            TieEnd::Ongoing => Period::day(FOREVER),
            // Ended some time after it began; no source says when.
            TieEnd::Unknown => Period {
                first: start.first,
                last: FOREVER,
            },
            TieEnd::At(d) => Period::of(d),
        };
        Span { start, end }
    }

    /// Days on which it is certainly active, if any: from the latest start to the earliest end.
    fn certain(&self) -> Option<Period> {
        (self.start.last <= self.end.first).then_some(Period {
            first: self.start.last,
            last: self.end.first,
        })
    }

    /// Days on which it may be active: from the earliest start to the latest end.
    fn possible(&self) -> Period {
        Period {
            first: self.start.first,
            last: self.end.last.max(self.start.first),
        }
    }

    /// Is it active at some one (uncertain) day of `t`?  Yes when active on every day of
    /// `t`, maybe when on some, no when on none. For a single day this is plain "at".
    pub fn at(&self, t: Period) -> Activity {
        if self
            .certain()
            .is_some_and(|c| c.first <= t.first && c.last >= t.last)
        {
            Activity::Yes
        } else if overlaps(self.possible(), t) {
            Activity::Maybe
        } else {
            Activity::No
        }
    }

    /// Is it active on at least one day of `t`?  Yes when, however the dates are read,
    /// it starts by the end of `t` and ends no earlier than the start of `t`.
    pub fn during(&self, t: Period) -> Activity {
        if self.start.last <= t.last && self.end.first >= t.first {
            Activity::Yes
        } else if overlaps(self.possible(), t) {
            Activity::Maybe
        } else {
            Activity::No
        }
    }

    /// Is it active on every day of `t`?
    pub fn throughout(&self, t: Period) -> Activity {
        let p = self.possible();
        if self
            .certain()
            .is_some_and(|c| c.first <= t.first && c.last >= t.last)
        {
            Activity::Yes
        } else if p.first <= t.first && p.last >= t.last {
            Activity::Maybe
        } else {
            Activity::No
        }
    }
}

fn overlaps(a: Period, b: Period) -> bool {
    a.first <= b.last && b.first <= a.last
}

/// The time a question asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeQuery {
    /// Active at (an uncertain day of) this period.
    At(Period),
    /// Active at some point of this period.
    During(Period),
    /// Active over the whole of this period.
    Throughout(Period),
    /// No time filter: everything, whenever.
    Always,
}

impl TimeQuery {
    /// How active a span is for this question.
    pub fn activity(&self, span: &Span) -> Activity {
        match self {
            TimeQuery::At(t) => span.at(*t),
            TimeQuery::During(t) => span.during(*t),
            TimeQuery::Throughout(t) => span.throughout(*t),
            TimeQuery::Always => Activity::Yes,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> FuzzyDate {
        FuzzyDate::parse(s).unwrap()
    }

    fn p(s: &str) -> Period {
        Period::of(&d(s))
    }

    fn tie(start: &str, end: Option<&str>) -> Span {
        let end = end.map_or(TieEnd::Ongoing, |e| TieEnd::At(d(e)));
        Span::tie(&d(start), &end)
    }

    #[test]
    fn day_precise_tie() {
        let s = tie("2013-01-11", Some("2022-05-02"));
        assert_eq!(s.at(p("2021-06-01")), Activity::Yes);
        assert_eq!(s.at(p("2022-05-02")), Activity::Yes);
        assert_eq!(s.at(p("2022-05-03")), Activity::No);
        assert_eq!(s.at(p("2013-01-10")), Activity::No);
    }

    #[test]
    fn month_precise_end_is_maybe_within_the_month() {
        let s = tie("2013", Some("2022-05"));
        assert_eq!(s.at(p("2022-04-30")), Activity::Yes);
        assert_eq!(s.at(p("2022-05-15")), Activity::Maybe);
        assert_eq!(s.at(p("2022-06-01")), Activity::No);
        assert_eq!(s.at(p("2013-06-01")), Activity::Maybe);
        assert_eq!(s.at(p("2014")), Activity::Yes);
    }

    #[test]
    fn ongoing_and_unknown_ends() {
        let s = tie("2019-06", None);
        assert_eq!(s.at(p("2026-11-28")), Activity::Yes);
        let u = Span::tie(&d("2019-06"), &TieEnd::Unknown);
        assert_eq!(u.at(p("2026-11-28")), Activity::Maybe);
        assert_eq!(u.at(p("2019-05-31")), Activity::No);
    }

    #[test]
    fn at_during_throughout_differ() {
        let s = tie("2021-03-01", Some("2021-09-30"));
        assert_eq!(s.at(p("2021")), Activity::Maybe);
        assert_eq!(s.during(p("2021")), Activity::Yes);
        assert_eq!(s.throughout(p("2021")), Activity::No);
        assert_eq!(s.throughout(p("2021-05")), Activity::Yes);
    }

    #[test]
    fn events_are_active_on_their_date() {
        let e = Span::of(&When::Event(d("2023-09")));
        assert_eq!(e.at(p("2023-09-16")), Activity::Maybe);
        assert_eq!(e.during(p("2023")), Activity::Yes);
        assert_eq!(e.at(p("2023-10-01")), Activity::No);
    }

    fn date_strategy() -> impl Strategy<Value = String> {
        (1990i32..2030, 1u32..=12, 1u32..=28, 0usize..3, 0usize..4).prop_map(
            |(y, m, dd, prec, q)| {
                let mut s = match prec {
                    0 => format!("{y:04}"),
                    1 => format!("{y:04}-{m:02}"),
                    _ => format!("{y:04}-{m:02}-{dd:02}"),
                };
                s.push_str(["", "~", "?", "%"].get(q).copied().unwrap_or_default());
                s
            },
        )
    }

    proptest! {
        #[test]
        fn prop_inside_a_certain_tie_is_yes(a in 0i32..5000, len in 0i32..5000, off in 0i32..5000) {
            let start = FuzzyDate::from_day(Day(a));
            let end = FuzzyDate::from_day(Day(a + len));
            let s = Span::tie(&start, &TieEnd::At(end));
            let t = Day(a + off.min(len));
            prop_assert_eq!(s.at(Period::day(t)), Activity::Yes);
        }

        #[test]
        fn prop_widening_never_turns_yes_into_no(start in date_strategy(), end in date_strategy(), q in 10000i32..22000) {
            let (s, e) = (d(&start), d(&end));
            prop_assume!(e.latest() >= s.earliest());
            let narrow = Span::tie(&s, &TieEnd::At(e.clone()));
            // Widen both dates: the year, approximately.
            let ws = d(&format!("{}~", &start[..4]));
            let we = d(&format!("{}~", &end[..4]));
            let wide = Span::tie(&ws, &TieEnd::At(we));
            for t in [Period::day(Day(q)), Period { first: Day(q), last: Day(q + 40) }] {
                for f in [Span::at, Span::during, Span::throughout] {
                    let before = f(&narrow, t);
                    let after = f(&wide, t);
                    prop_assert!(!(before == Activity::Yes && after == Activity::No));
                    prop_assert!(!(before != Activity::No && after == Activity::No));
                }
            }
        }
    }
}
