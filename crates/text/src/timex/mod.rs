//! Temporal expressions: finding dates, times, durations and sets in raw
//! English news text and normalising them to TimeML (TIMEX3) values against
//! an anchor date (usually the article's publication date).
//!
//! The finder works directly on the string with hand-written regular
//! expressions; it does not need tokens or part-of-speech tags.
//!
//! ```
//! use chrono::NaiveDate;
//! use dyad_text::timex::{find_timexes, TimexKind};
//!
//! let anchor = NaiveDate::from_ymd_opt(2021, 12, 2);
//! let found = find_timexes("The minister resigned on Wednesday.", anchor);
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].text, "Wednesday");
//! assert_eq!(found[0].kind, TimexKind::Date);
//! assert_eq!(found[0].value, "2021-12-01");
//! ```
//!
//! Conventions follow TimeML as annotated in TimeBank: a weekday with no
//! other cue is the most recent such day on or before the anchor (the next
//! one when the sentence speaks of the future), a month-day with no year
//! takes the year that puts it nearest the anchor (ties go to the past)
//! unless the tense of its sentence says otherwise and the nearest reading
//! lies more than two months on the wrong side ("resigned in March" told
//! in December is last March), ranges are reported as their two ends, and
//! vague references become `PAST_REF`, `PRESENT_REF` or `FUTURE_REF`.
//!
//! The text is read as one document: anaphoric expressions ("the following
//! year", "that month", "the next day", "the quarter", "a year earlier")
//! are resolved against what the text spoke of before them, while deictic
//! ones ("yesterday", "last week", bare weekdays) stay anchored to the
//! publication date, which measured better on news.

use serde::Serialize;

pub mod eval;
mod resolve;
mod rules;
mod tense;

pub use chrono::NaiveDate;

/// The TIMEX3 type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexKind {
    /// A calendar date or a vaguer period on the calendar (`2021-12-01`, `2021-W48`, `1990`).
    Date,
    /// A time of day (`2021-12-02T15:00`, `2021-12-02TMO`).
    Time,
    /// A length of time (`P3D`, `PXY`).
    Duration,
    /// A recurring time (`P1D` for "daily", `XXXX-WXX-4` for "each Thursday").
    Set,
}

impl TimexKind {
    /// The TimeML spelling (`DATE`, `TIME`, `DURATION`, `SET`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }

    /// Parses the TimeML spelling (case-insensitive).
    pub fn from_timeml(s: &str) -> Option<TimexKind> {
        match s.to_ascii_uppercase().as_str() {
            "DATE" => Some(TimexKind::Date),
            "TIME" => Some(TimexKind::Time),
            "DURATION" => Some(TimexKind::Duration),
            "SET" => Some(TimexKind::Set),
            _ => None,
        }
    }
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timex {
    /// Byte offset of the first byte of the expression.
    pub start: usize,
    /// Byte offset just past the expression.
    pub end: usize,
    /// The expression as written (`text[start..end]`).
    pub text: String,
    /// TIMEX3 type.
    pub kind: TimexKind,
    /// TIMEX3 value, e.g. `2021-12-01`, `2021-W48`, `P3D`, `PRESENT_REF`.
    /// Parts that cannot be known (no anchor, vague amounts) are `X`s.
    pub value: String,
}

const CUE_DAY: u8 = 1;
const CUE_MONTH: u8 = 2;
const CUE_CLOCK: u8 = 4;
const CUE_YEAR: u8 = 8;
const CUE_END_NEW: u8 = 16;
const CUE_FOURTH: u8 = 32;
const CUE_JULY: u8 = 64;

/// Words that can give a day: weekdays, day words, parts of a day, holidays.
const DAY_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "day",
    "days",
    "morning",
    "afternoon",
    "evening",
    "night",
    "overnight",
    "midnight",
    "noon",
    "midday",
    "christmas",
    "halloween",
    "thanksgiving",
    "valentine",
    "yearend",
];
/// Month names and abbreviations: a day beside a digit.
const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];
/// Clock words: a time of day beside a digit.
const CLOCK: &[&str] = &[
    "am", "pm", "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt",
];

/// The cue words of [`may_have_day`], each with its `CUE_*` bits (built once).
fn cue_words() -> &'static rustc_hash::FxHashMap<&'static str, u8> {
    static T: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, u8>> =
        std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = rustc_hash::FxHashMap::default();
        let lists: [(&[&'static str], u8); 7] = [
            (DAY_WORDS, CUE_DAY),
            (MONTHS, CUE_MONTH),
            (CLOCK, CUE_CLOCK),
            (&["year"], CUE_YEAR),
            (&["end", "new"], CUE_END_NEW),
            (&["fourth"], CUE_FOURTH),
            (&["july"], CUE_JULY),
        ];
        for (words, bit) in lists {
            for w in words {
                *t.entry(*w).or_insert(0) |= bit;
            }
        }
        t
    })
}

/// Whether `text` may hold an expression whose value is a full calendar day (`YYYY-MM-DD`): a
/// weekday, a day word ("yesterday"), a part of a day ("this morning"), a clock time, a holiday,
/// "year-end", a count of days ("three days ago"), a month name beside a digit, or a numeric date
/// ("12/01/2021", "2021-12-01"). Most sentences have none (Reuters-style sentences are full of
/// figures, but only these cues can give a day), and the rules are the costliest step after
/// tagging, so callers that only want days check this first.
pub fn may_have_day(text: &str) -> bool {
    let bytes = text.as_bytes();
    let has_digit = bytes.iter().any(u8::is_ascii_digit);
    // A numeric date or a clock time ("12/01/2021", "2021-12-01", "16:20", "7:20 a.m.").
    if has_digit
        && bytes.windows(3).any(|w| {
            w[0].is_ascii_digit() && matches!(w[1], b'/' | b'-' | b':') && w[2].is_ascii_digit()
        })
    {
        return true;
    }
    if has_digit
        && bytes.windows(3).any(|w| {
            matches!(w[0].to_ascii_lowercase(), b'a' | b'p')
                && w[1] == b'.'
                && w[2].eq_ignore_ascii_case(&b'm')
        })
    {
        return true;
    }
    // "year-end", "New Year's" and "the Fourth of July" need two words.
    let (mut year, mut end_or_new, mut fourth, mut july) = (false, false, false, false);
    let table = cue_words();
    // The runs of ASCII letters of 2 to 12 bytes, lower-cased in a stack buffer and looked up
    // once each (this runs on every sentence coded).
    let mut buf = [0u8; 12];
    let mut k = 0;
    while k < bytes.len() {
        if !bytes[k].is_ascii_alphabetic() {
            k += 1;
            continue;
        }
        let start = k;
        while k < bytes.len() && bytes[k].is_ascii_alphabetic() {
            k += 1;
        }
        let n = k - start;
        if !(2..=12).contains(&n) {
            continue;
        }
        for (b, c) in buf.iter_mut().zip(&bytes[start..k]) {
            *b = c.to_ascii_lowercase();
        }
        let Some(&cue) = std::str::from_utf8(&buf[..n])
            .ok()
            .and_then(|w| table.get(w))
        else {
            continue;
        };
        if cue & CUE_DAY != 0 || (has_digit && cue & (CUE_MONTH | CUE_CLOCK) != 0) {
            return true;
        }
        year |= cue & CUE_YEAR != 0;
        end_or_new |= cue & CUE_END_NEW != 0;
        fourth |= cue & CUE_FOURTH != 0;
        july |= cue & CUE_JULY != 0;
    }
    (year && end_or_new) || (fourth && july)
}

/// Finds and normalises the temporal expressions of `text`.
///
/// `anchor` is the date relative expressions ("yesterday", "last week",
/// "on Wednesday") are resolved against; without it their values keep
/// `X` placeholders (`XXXX-XX-XX`, `XXXX-WXX-3`).
///
/// Expressions never overlap and are returned in text order. The whole
/// `text` is one document: pass a full article, not sentence by sentence,
/// so that "the following day" or "the quarter" can refer back.
pub fn find_timexes(text: &str, anchor: Option<NaiveDate>) -> Vec<Timex> {
    let candidates = rules::candidates(text);
    let chosen = rules::select(candidates);
    resolve::resolve_all(text, chosen, anchor)
}

#[cfg(test)]
mod tests;
