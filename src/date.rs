//! Partial, qualified dates as closed ranges of days.
//!
//! Fact files write dates in EDTF level 0 (`2023`, `2023-09`, `2023-09-14`) with the
//! level-1 qualifiers `~` (approximate), `?` (uncertain) and `%` (both). polity never
//! pretends to know more than the text says: every date is the closed range of days it
//! could mean (`2023` is 2023-01-01..=2023-12-31), and a qualifier widens that range by
//! one unit of its precision on each side (`2023-09~` is 2023-08-01..=2023-10-31).
//! All time arithmetic happens on [`Day`] numbers, so comparisons are exact and cheap.

use std::fmt;

/// A calendar day, counted from 1970-01-01 (day 0) in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

impl Day {
    /// The day for a valid year, month (1–12) and day of month.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Day {
        // Howard Hinnant's days_from_civil.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i32::try_from(month).unwrap_or(1);
        let d = i32::try_from(day).unwrap_or(1);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    /// The year, month and day of this day.
    pub fn ymd(self) -> (i32, u32, u32) {
        // Howard Hinnant's civil_from_days.
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i32::from(m <= 2);
        (
            y,
            u32::try_from(m).unwrap_or(1),
            u32::try_from(d).unwrap_or(1),
        )
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Day {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Day(i32::try_from(secs / 86_400).unwrap_or(i32::MAX))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// How much of a date the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    /// The lowercase name used in JSON and CSV output.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// An EDTF qualifier: how sure the text is of the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// `~`: about then.
    Approximate,
    /// `?`: possibly then.
    Uncertain,
    /// `%`: both approximate and uncertain.
    Both,
}

/// A date as written in a fact file, with the closed range of days it may mean.
///
/// 16 bytes: a million relations hold several million of these, so month and day are
/// stored as bytes (0 when the text does not give them).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FuzzyDate {
    year: i32,
    month: u8,
    day: u8,
    qualifier: Option<Qualifier>,
    earliest: Day,
    latest: Day,
}

/// Why a date string is not a valid EDTF level-0/1 date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DateError {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: &'static str,
}

const DATE_HINT: &str = "write YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~ (approximate), ? (uncertain) or % (both)";

fn date_error(message: impl Into<String>) -> DateError {
    DateError {
        message: message.into(),
        hint: DATE_HINT,
    }
}

/// The number of days in a month of a year.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(part: &str, width: usize, what: &str, text: &str) -> Result<u32, DateError> {
    if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(date_error(format!(
            "invalid date `{text}`: the {what} must be {width} digits, found `{part}`"
        )));
    }
    part.parse::<u32>()
        .map_err(|_| date_error(format!("invalid date `{text}`")))
}

impl FuzzyDate {
    /// Parse an EDTF date such as `2023`, `2023-09`, `2023-09-14`, `2021~` or `2012-01?`.
    pub fn parse(text: &str) -> Result<FuzzyDate, DateError> {
        match Self::parse_plain(text) {
            Some(date) => Ok(date),
            None => Self::parse_general(text),
        }
    }

    /// Every form `parse` accepts, and the reason for every text it refuses.
    fn parse_general(text: &str) -> Result<FuzzyDate, DateError> {
        if text.is_empty() {
            return Err(date_error("empty date"));
        }
        if text.contains('/') {
            return Err(DateError {
                message: format!("`{text}` is an interval, not a date"),
                hint: "give a tie a `start` and an `end` instead of an EDTF interval",
            });
        }
        let (body, qualifier) = if let Some(b) = text.strip_suffix('~') {
            (b, Some(Qualifier::Approximate))
        } else if let Some(b) = text.strip_suffix('?') {
            (b, Some(Qualifier::Uncertain))
        } else if let Some(b) = text.strip_suffix('%') {
            (b, Some(Qualifier::Both))
        } else {
            (text, None)
        };
        if body.ends_with(['~', '?', '%']) {
            return Err(date_error(format!(
                "invalid date `{text}`: a date takes one qualifier at most (use % for both ~ and ?)"
            )));
        }
        let mut parts = body.split('-');
        let year_part = parts.next().unwrap_or_default();
        let year = i32::try_from(digits(year_part, 4, "year", text)?)
            .map_err(|_| date_error(format!("invalid year in `{text}`")))?;
        let month = match parts.next() {
            None => None,
            Some(p) => {
                let m = digits(p, 2, "month", text)?;
                if !(1..=12).contains(&m) {
                    return Err(date_error(format!(
                        "invalid date `{text}`: month {m} is not between 01 and 12"
                    )));
                }
                Some(m)
            }
        };
        let day = match (parts.next(), month) {
            (None, _) => None,
            (Some(p), Some(m)) => {
                let d = digits(p, 2, "day", text)?;
                let max = days_in_month(year, m);
                if d == 0 || d > max {
                    return Err(date_error(format!(
                        "invalid date `{text}`: {year:04}-{m:02} has days 01 to {max}, not {d:02}"
                    )));
                }
                Some(d)
            }
            (Some(_), None) => unreachable_month(text)?,
        };
        if parts.next().is_some() {
            return Err(date_error(format!(
                "invalid date `{text}`: too many `-` separated parts"
            )));
        }
        Ok(Self::from_parts(year, month, day, qualifier))
    }

    /// The common unqualified forms `YYYY`, `YYYY-MM` and `YYYY-MM-DD` when valid, read
    /// straight from the bytes (loading parses millions of dates); `None` sends anything
    /// else, including every error, through the general parser.
    fn parse_plain(text: &str) -> Option<FuzzyDate> {
        let b = text.as_bytes();
        let num = |r: &[u8]| {
            r.iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        let (year, month, day) = match b {
            [_, _, _, _] => (num(b)?, None, None),
            [y0, y1, y2, y3, b'-', m0, m1] => {
                (num(&[*y0, *y1, *y2, *y3])?, Some(num(&[*m0, *m1])?), None)
            }
            [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] => (
                num(&[*y0, *y1, *y2, *y3])?,
                Some(num(&[*m0, *m1])?),
                Some(num(&[*d0, *d1])?),
            ),
            _ => return None,
        };
        let year = i32::try_from(year).ok()?;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return None;
            }
            if let Some(d) = day
                && (d == 0 || d > days_in_month(year, m))
            {
                return None;
            }
        }
        Some(Self::from_parts(year, month, day, None))
    }

    /// The date from its checked parts.
    fn from_parts(
        year: i32,
        month: Option<u32>,
        day: Option<u32>,
        qualifier: Option<Qualifier>,
    ) -> FuzzyDate {
        let (mut earliest, mut latest) = match (month, day) {
            (Some(m), Some(d)) => (Day::from_ymd(year, m, d), Day::from_ymd(year, m, d)),
            (Some(m), None) => (
                Day::from_ymd(year, m, 1),
                Day::from_ymd(year, m, days_in_month(year, m)),
            ),
            _ => (Day::from_ymd(year, 1, 1), Day::from_ymd(year, 12, 31)),
        };
        if qualifier.is_some() {
            match (month, day) {
                (Some(_), Some(_)) => {
                    earliest = Day(earliest.0 - 1);
                    latest = Day(latest.0 + 1);
                }
                (Some(m), None) => {
                    let (py, pm) = if m == 1 {
                        (year - 1, 12)
                    } else {
                        (year, m - 1)
                    };
                    let (ny, nm) = if m == 12 {
                        (year + 1, 1)
                    } else {
                        (year, m + 1)
                    };
                    earliest = Day::from_ymd(py, pm, 1);
                    latest = Day::from_ymd(ny, nm, days_in_month(ny, nm));
                }
                _ => {
                    earliest = Day::from_ymd(year - 1, 1, 1);
                    latest = Day::from_ymd(year + 1, 12, 31);
                }
            }
        }
        FuzzyDate {
            year,
            month: month.and_then(|m| u8::try_from(m).ok()).unwrap_or(0),
            day: day.and_then(|d| u8::try_from(d).ok()).unwrap_or(0),
            qualifier,
            earliest,
            latest,
        }
    }

    /// The exact day, as a day-precision date without qualifier.
    pub fn from_day(day: Day) -> FuzzyDate {
        let (y, m, d) = day.ymd();
        FuzzyDate {
            year: y,
            month: u8::try_from(m).unwrap_or(1),
            day: u8::try_from(d).unwrap_or(1),
            qualifier: None,
            earliest: day,
            latest: day,
        }
    }

    /// The first day this date may mean.
    pub fn earliest(&self) -> Day {
        self.earliest
    }

    /// The last day this date may mean.
    pub fn latest(&self) -> Day {
        self.latest
    }

    /// How much of the date the text gives.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// The qualifier, if any.
    pub fn qualifier(&self) -> Option<Qualifier> {
        self.qualifier
    }

    /// True when the date names one certain day.
    pub fn is_exact(&self) -> bool {
        self.earliest == self.latest
    }

    /// The first day of the written date, ignoring any qualifier (what a database column
    /// of type `date` would hold).
    pub fn first_day(&self) -> Day {
        Day::from_ymd(
            self.year,
            u32::from(self.month.max(1)),
            u32::from(self.day.max(1)),
        )
    }
}

fn unreachable_month<T>(text: &str) -> Result<T, DateError> {
    Err(date_error(format!("invalid date `{text}`")))
}

impl fmt::Display for FuzzyDate {
    /// The date as written, at its own precision (`2023-09`, not `2023-09-01`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month > 0 {
            write!(f, "-{:02}", self.month)?;
        }
        if self.day > 0 {
            write!(f, "-{:02}", self.day)?;
        }
        match self.qualifier {
            Some(Qualifier::Approximate) => f.write_str("~"),
            Some(Qualifier::Uncertain) => f.write_str("?"),
            Some(Qualifier::Both) => f.write_str("%"),
            None => Ok(()),
        }
    }
}

/// A date in JSON output: as written, its first and last possible day, and its precision.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DateJson {
    /// The date as written in the facts (EDTF), e.g. `2019-06`.
    pub text: String,
    /// The first day it may mean, ISO 8601.
    pub earliest: String,
    /// The last day it may mean, ISO 8601.
    pub latest: String,
    /// `year`, `month` or `day`.
    pub precision: &'static str,
}

impl From<&FuzzyDate> for DateJson {
    fn from(d: &FuzzyDate) -> DateJson {
        DateJson {
            text: d.to_string(),
            earliest: d.earliest().to_string(),
            latest: d.latest().to_string(),
            precision: d.precision().as_str(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use proptest::prelude::*;

    fn range(s: &str) -> (String, String) {
        let d = FuzzyDate::parse(s).unwrap();
        (d.earliest().to_string(), d.latest().to_string())
    }

    #[test]
    fn year_month_day_ranges() {
        assert_eq!(range("2023"), ("2023-01-01".into(), "2023-12-31".into()));
        assert_eq!(range("2024-02"), ("2024-02-01".into(), "2024-02-29".into()));
        assert_eq!(range("2023-02"), ("2023-02-01".into(), "2023-02-28".into()));
        assert_eq!(
            range("2023-09-14"),
            ("2023-09-14".into(), "2023-09-14".into())
        );
    }

    #[test]
    fn qualifiers_widen_by_one_unit() {
        assert_eq!(range("2023~"), ("2022-01-01".into(), "2024-12-31".into()));
        assert_eq!(
            range("2023-01?"),
            ("2022-12-01".into(), "2023-02-28".into())
        );
        assert_eq!(
            range("2023-12%"),
            ("2023-11-01".into(), "2024-01-31".into())
        );
        assert_eq!(
            range("2023-03-01~"),
            ("2023-02-28".into(), "2023-03-02".into())
        );
    }

    #[test]
    fn display_keeps_precision_and_qualifier() {
        for s in [
            "2023",
            "2023-09",
            "2023-09-14",
            "2021~",
            "2012-01?",
            "1999-12-31%",
        ] {
            assert_eq!(FuzzyDate::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn rejects_malformed_dates() {
        for s in [
            "",
            "2023-13",
            "2023-02-30",
            "20233",
            "2023-1-5",
            "2023-00",
            "2023-01-00",
            "23",
            "2023-01-01-01",
            "2023/2024",
            "abcd",
            "2023-01-01T10:00",
            "-2023",
            "2023~~",
        ] {
            assert!(FuzzyDate::parse(s).is_err(), "{s} should be rejected");
        }
        let e = FuzzyDate::parse("2023-02-30").unwrap_err();
        assert!(e.message.contains("days 01 to 28"), "{}", e.message);
    }

    #[test]
    fn leap_years() {
        assert!(FuzzyDate::parse("2024-02-29").is_ok());
        assert!(FuzzyDate::parse("2000-02-29").is_ok());
        assert!(FuzzyDate::parse("1900-02-29").is_err());
    }

    proptest! {
        #[test]
        fn prop_plain_dates_read_as_the_general_parser_reads_them(
            text in "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|[0-9-]{0,11}"
        ) {
            let general = FuzzyDate::parse_general(&text);
            match FuzzyDate::parse_plain(&text) {
                Some(plain) => prop_assert_eq!(Ok(plain), general),
                None => prop_assert!(general.is_err(), "{text} is valid but not read plainly"),
            }
        }
    }

    proptest! {
        #[test]
        fn prop_day_roundtrip(n in -800_000i32..800_000) {
            let (y, m, d) = Day(n).ymd();
            prop_assert_eq!(Day::from_ymd(y, m, d), Day(n));
        }

        #[test]
        fn prop_ranges_nest_by_precision(y in 1000i32..2999, m in 1u32..=12, d in 1u32..=28) {
            let year = FuzzyDate::parse(&format!("{y:04}")).unwrap();
            let month = FuzzyDate::parse(&format!("{y:04}-{m:02}")).unwrap();
            let day = FuzzyDate::parse(&format!("{y:04}-{m:02}-{d:02}")).unwrap();
            prop_assert!(year.earliest() <= month.earliest() && month.latest() <= year.latest());
            prop_assert!(month.earliest() <= day.earliest() && day.latest() <= month.latest());
            let approx = FuzzyDate::parse(&format!("{y:04}-{m:02}~")).unwrap();
            prop_assert!(approx.earliest() < month.earliest() && month.latest() < approx.latest());
        }

        #[test]
        fn prop_parse_never_panics(s in "\\PC{0,16}") {
            let _ = FuzzyDate::parse(&s);
        }
    }
}
