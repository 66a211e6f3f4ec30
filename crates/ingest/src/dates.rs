//! Publication dates as they appear in article metadata.
//!
//! A [`DateValue`] is either a calendar date or a moment with a UTC offset, and serializes as
//! `YYYY-MM-DD` or RFC 3339. [`parse_loose`] reads the forms that news metadata uses: RFC 3339,
//! RFC 2822, ISO dates and date-times, `December 2, 2021`, `2 Dec 2021`, `December 2nd, 2021`,
//! `26-FEB-1987 15:01:01.79`, and `December 2, 2021 07:38am`.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date, or a date and time with its offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
}

impl DateValue {
    /// The calendar date, local to the value's own offset.
    pub fn date(&self) -> NaiveDate {
        match self {
            DateValue::Date(d) => *d,
            DateValue::DateTime(t) => t.date_naive(),
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Written out by hand: chrono's format string is parsed anew on every call.
            DateValue::Date(d) if (0..=9999).contains(&d.year()) => {
                write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
            }
            DateValue::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            DateValue::DateTime(t) => {
                write!(
                    f,
                    "{}",
                    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
                )
            }
        }
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match parse_loose(&s) {
            Some(Parsed::Date(d)) => Ok(DateValue::Date(d)),
            Some(Parsed::Zoned(t)) => Ok(DateValue::DateTime(t)),
            _ => Err(serde::de::Error::custom(format!(
                "expected YYYY-MM-DD or an RFC 3339 time, got {s:?}"
            ))),
        }
    }
}

/// What [`parse_loose`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    /// A calendar date only.
    Date(NaiveDate),
    /// A date and time with an explicit offset.
    Zoned(DateTime<FixedOffset>),
    /// A date and time with no offset: the caller places it in a time zone.
    Local(NaiveDateTime),
}

impl Parsed {
    /// Turns a local time into a zoned one in `tz` (or UTC when `tz` is `None`, returning
    /// `assumed_utc = true`).
    pub fn resolve(self, tz: Option<chrono_tz::Tz>) -> (DateValue, bool) {
        match self {
            Parsed::Date(d) => (DateValue::Date(d), false),
            Parsed::Zoned(t) => (DateValue::DateTime(t), false),
            Parsed::Local(n) => match tz {
                Some(tz) => match tz.from_local_datetime(&n).earliest() {
                    Some(t) => (DateValue::DateTime(t.fixed_offset()), false),
                    None => (DateValue::DateTime(n.and_utc().fixed_offset()), true),
                },
                None => (DateValue::DateTime(n.and_utc().fixed_offset()), true),
            },
        }
    }
}

const DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%d-%b-%Y %H:%M:%S%.f",
    "%B %d, %Y %I:%M%p",
    "%B %d, %Y %I:%M %p",
    "%b %d, %Y %I:%M%p",
    "%b %d, %Y %I:%M %p",
    "%B %d, %Y %H:%M",
    "%d %B %Y %H:%M",
    "%d %b %Y %H:%M",
];

const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d-%b-%Y",
    "%A, %B %d, %Y",
    "%A %d %B %Y",
    "%a, %d %b %Y",
    "%Y%m%d",
];

/// Reads a date or time in any of the forms news metadata uses. Returns `None` when nothing fits.
pub fn parse_loose(input: &str) -> Option<Parsed> {
    // Wire metadata often trails junk after the date (`27-MAR-1987 00:02:59.13&#5;&#5;RM`): cut at the
    // first control character or reference to one.
    let cut = input
        .find(|c: char| c.is_control() && c != '\t')
        .into_iter()
        .chain(input.find("&#"))
        .min()
        .unwrap_or(input.len());
    let s = input[..cut].trim();
    if s.is_empty() {
        return None;
    }
    if let Some(p) = parse_exact(s) {
        return Some(p);
    }
    // Then the longest run of leading words that reads as a date.
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..words.len())
        .rev()
        .find_map(|n| parse_exact(&words[..n].join(" ")))
}

fn parse_exact(s: &str) -> Option<Parsed> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(Parsed::Zoned(t));
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(Parsed::Zoned(t));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Some(Parsed::Zoned(t));
        }
    }
    let cleaned = clean(s);
    let s = cleaned.as_str();
    for f in DATETIME_FORMATS {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(Parsed::Local(t));
        }
    }
    for f in DATE_FORMATS {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(Parsed::Date(d));
        }
    }
    // "December 2, 2021 07:38am" style with the time glued: split the last token off.
    if let Some((d, t)) = s.rsplit_once(' ')
        && let Some(Parsed::Date(date)) = parse_exact(d)
        && let Some(time) = parse_time(t)
    {
        return Some(Parsed::Local(date.and_time(time)));
    }
    None
}

/// Reads a clock time: `07:38am`, `7:38 pm`, `19:05`, `19:05:10`.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim().to_ascii_lowercase().replace('.', "");
    for f in ["%I:%M%p", "%I:%M %p", "%H:%M:%S", "%H:%M"] {
        if let Ok(t) = NaiveTime::parse_from_str(&s, f) {
            return Some(t);
        }
    }
    None
}

/// Normalises ordinals ("2nd" → "2"), "Sept" → "Sep", and runs of spaces.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let (core, tail) = match word.strip_suffix(',') {
            Some(c) => (c, ","),
            None => (word, ""),
        };
        let lower = core.to_ascii_lowercase();
        let core = if core.len() > 2
            && core.as_bytes()[0].is_ascii_digit()
            && ["st", "nd", "rd", "th"].iter().any(|x| lower.ends_with(x))
            && core[..core.len() - 2].bytes().all(|b| b.is_ascii_digit())
        {
            &core[..core.len() - 2]
        } else if lower == "sept" || lower == "sept." {
            "Sep"
        } else {
            core.strip_suffix('.').unwrap_or(core)
        };
        out.push_str(core);
        out.push_str(tail);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn reads_common_forms() {
        assert_eq!(
            parse_loose("December 2, 2021"),
            Some(Parsed::Date(d(2021, 12, 2)))
        );
        assert_eq!(
            parse_loose("December 2nd, 2021"),
            Some(Parsed::Date(d(2021, 12, 2)))
        );
        assert_eq!(
            parse_loose("3 Sept. 2020"),
            Some(Parsed::Date(d(2020, 9, 3)))
        );
        assert_eq!(
            parse_loose("2021-12-02"),
            Some(Parsed::Date(d(2021, 12, 2)))
        );
        let t = d(2021, 12, 2).and_hms_opt(7, 38, 0).expect("time");
        assert_eq!(
            parse_loose("December 2, 2021 07:38am"),
            Some(Parsed::Local(t))
        );
        let pm = d(1987, 2, 26)
            .and_hms_milli_opt(15, 1, 1, 790)
            .expect("time");
        assert_eq!(
            parse_loose("26-FEB-1987 15:01:01.79"),
            Some(Parsed::Local(pm))
        );
        assert!(matches!(
            parse_loose("Thu, 02 Dec 2021 07:38:00 +0500"),
            Some(Parsed::Zoned(_))
        ));
        assert_eq!(parse_loose("not a date"), None);
        assert_eq!(
            parse_loose("26-FEB-1987 15:01:01.79&#5;&#5;&#5;RM"),
            Some(Parsed::Local(pm))
        );
        assert_eq!(
            parse_loose("2021-12-02 (updated)"),
            Some(Parsed::Date(d(2021, 12, 2)))
        );
    }

    #[test]
    fn resolves_local_time_in_zone() {
        let p = parse_loose("December 2, 2021 07:38am").expect("parses");
        let (v, assumed) = p.resolve(Some(chrono_tz::Asia::Karachi));
        assert!(!assumed);
        assert_eq!(v.to_string(), "2021-12-02T07:38:00+05:00");
        let (v, assumed) = p.resolve(None);
        assert!(assumed);
        assert_eq!(v.to_string(), "2021-12-02T07:38:00+00:00");
    }

    #[test]
    fn serde_round_trip() {
        let v = DateValue::Date(d(2021, 12, 2));
        let j = serde_json::to_string(&v).expect("serializes");
        assert_eq!(j, "\"2021-12-02\"");
        let back: DateValue = serde_json::from_str(&j).expect("deserializes");
        assert_eq!(back, v);
    }
}
