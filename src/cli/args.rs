//! Options shared by several commands: the time a question asks about, and actor names.

use std::fmt::Write;

use super::Failure;
use crate::date::{Day, FuzzyDate};
use crate::graph::{Graph, ResolveError};
use crate::time::{FOREVER, Period, TimeQuery};

/// When a question is about. Dates are EDTF: `2021`, `2021-06`, `2021-06-01`.
#[derive(Debug, Clone, Default, clap::Args)]
#[group(multiple = false)]
pub struct TimeArgs {
    /// Active at this date (a partial date is one unknown day in it) [default: today]
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
    /// Active at some time within this period
    #[arg(long, value_name = "PERIOD")]
    pub during: Option<String>,
    /// Active over the whole of this period
    #[arg(long, value_name = "PERIOD")]
    pub throughout: Option<String>,
    /// No time filter: every relation counts, whenever it held
    #[arg(long)]
    pub any_time: bool,
}

impl TimeArgs {
    /// The question's time; `--at` today when nothing is given, no filter for `--any-time`.
    pub fn query(&self) -> Result<TimeQuery, Failure> {
        if self.any_time {
            return Ok(TimeQuery::Always);
        }
        Ok(match (&self.at, &self.during, &self.throughout) {
            (Some(d), _, _) => TimeQuery::At(period(d)?),
            (_, Some(d), _) => TimeQuery::During(period(d)?),
            (_, _, Some(d)) => TimeQuery::Throughout(period(d)?),
            _ => TimeQuery::At(Period::day(today())),
        })
    }

    /// The question's time, or no filter when none is given (for exports and timelines).
    pub fn filter(&self) -> Result<TimeQuery, Failure> {
        if self.at.is_none() && self.during.is_none() && self.throughout.is_none() {
            Ok(TimeQuery::Always)
        } else {
            self.query()
        }
    }
}

/// A window of time with either end open: `--from DATE --to DATE`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WindowArgs {
    /// Only what may hold on or after this date (its first possible day)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only what may hold on or before this date (its last possible day)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

/// A day long before any fact, standing for "since ever".
const EVER: crate::date::Day = crate::date::Day(i32::MIN / 2);

impl WindowArgs {
    /// The window's days, or `None` when neither end is given.
    pub fn period(&self) -> Result<Option<Period>, Failure> {
        if self.from.is_none() && self.to.is_none() {
            return Ok(None);
        }
        let first = match &self.from {
            Some(d) => date(d)?.earliest(),
            None => EVER,
        };
        let last = match &self.to {
            Some(d) => date(d)?.latest(),
            None => FOREVER,
        };
        if last < first {
            return Err(Failure::Usage(format!(
                "--to {} is before --from {}",
                self.to.as_deref().unwrap_or_default(),
                self.from.as_deref().unwrap_or_default()
            )));
        }
        Ok(Some(Period { first, last }))
    }

    /// Describes the window for a title line, e.g. " from 2021 to 2023" (empty when open).
    pub fn describe(&self) -> String {
        match (&self.from, &self.to) {
            (Some(f), Some(t)) => format!(" from {f} to {t}"),
            (Some(f), None) => format!(" from {f}"),
            (None, Some(t)) => format!(" up to {t}"),
            (None, None) => String::new(),
        }
    }
}

/// Today, or the day in `POLITY_TODAY` (for reproducible examples and tests).
pub fn today() -> Day {
    std::env::var("POLITY_TODAY")
        .ok()
        .and_then(|s| FuzzyDate::parse(&s).ok())
        .map_or_else(Day::today, |d| d.earliest())
}

/// Parses a date given on the command line; `today` means today.
pub fn date(text: &str) -> Result<FuzzyDate, Failure> {
    if text == "today" || text == "now" {
        return Ok(FuzzyDate::from_day(today()));
    }
    FuzzyDate::parse(text).map_err(|e| Failure::Usage(format!("{e}; {}", e.hint)))
}

/// The days a date given on the command line may mean.
pub fn period(text: &str) -> Result<Period, Failure> {
    date(text).map(|d| Period::of(&d))
}

/// Describes a time question for a title line, e.g. "at 2021-06-01".
pub fn describe(q: &TimeQuery, args: &TimeArgs) -> String {
    match q {
        TimeQuery::At(_) => format!(
            "at {}",
            args.at.clone().unwrap_or_else(|| today().to_string())
        ),
        TimeQuery::During(_) => format!("during {}", args.during.clone().unwrap_or_default()),
        TimeQuery::Throughout(_) => {
            format!("throughout {}", args.throughout.clone().unwrap_or_default())
        }
        TimeQuery::Always => "at any time".to_owned(),
    }
}

/// Resolves a relation type id given on the command line, or fails with the nearest one.
pub fn relation_type(g: &Graph, id: &str) -> Result<usize, Failure> {
    if let Some(&t) = g.facts.type_ix.get(id) {
        return Ok(t);
    }
    let mut ids: Vec<&str> = g.facts.type_ix.keys().map(String::as_str).collect();
    ids.sort_unstable();
    Err(Failure::Usage(match crate::suggest::closest(id, ids) {
        Some(near) => format!("no relation type `{id}`; did you mean `{near}`?"),
        None => format!("no relation type `{id}`; `polity stats` lists the types in use"),
    }))
}

/// Resolves an actor name given on the command line, or fails with the nearest matches.
pub fn actor(g: &Graph, name: &str) -> Result<usize, Failure> {
    g.resolve(name).map_err(|e| match e {
        ResolveError::Unknown { name, suggestions } if suggestions.is_empty() => Failure::Usage(
            format!("no actor `{name}`; `polity actors --search TEXT` lists actors"),
        ),
        ResolveError::Unknown { name, suggestions } => {
            let list: Vec<String> = suggestions
                .iter()
                .map(|(id, n)| format!("{n} ({id})"))
                .collect();
            Failure::Usage(format!(
                "no actor `{name}`; did you mean {}?",
                list.join(" or ")
            ))
        }
        ResolveError::Ambiguous { name, candidates } => {
            let mut msg = format!("`{name}` could mean several actors; use an id:");
            for (id, n) in candidates {
                let _ = write!(msg, "\n  {id}\t{n}");
            }
            Failure::Usage(msg)
        }
    })
}
