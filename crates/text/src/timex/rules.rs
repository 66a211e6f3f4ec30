//! The patterns: regular expressions over the raw text that propose
//! candidate expressions, each with a [`Spec`] saying what it means before
//! it is anchored.

use std::sync::LazyLock;

use chrono::Weekday;
use regex::{Captures, Regex, RegexSet, RegexSetBuilder};

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Which year a quarter, half or season belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearRef {
    /// Written out ("the third quarter of 1998").
    Abs(i32),
    /// Relative to the anchor: -1 last, 0 this, +1 next.
    Rel(i32),
    /// Not said: the one nearest the anchor.
    Nearest,
}

/// What an expression means before it is anchored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Spec {
    /// A month and maybe a day and a year; no year means "nearest the anchor".
    Calendar {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
        part: Option<&'static str>,
    },
    /// A month with last/this/next.
    RelMonth {
        month: u32,
        rel: i32,
    },
    Year(i32),
    /// A weekday; `rel` is Some(-1|0|1) for last/this/next, None when bare.
    Weekday {
        wd: Weekday,
        rel: Option<i32>,
        part: Option<&'static str>,
    },
    /// today (0), yesterday (-1), tomorrow (1), with an optional part of day.
    DayOffset {
        days: i64,
        part: Option<&'static str>,
    },
    /// last/this/next week, month, year, quarter, weekend, century.
    RelUnit {
        unit: Unit,
        offset: i32,
    },
    /// "three days ago" (dir -1) or "in two weeks' time"/"from now" (+1):
    /// counted from the anchor. `n` None for vague amounts.
    Ago {
        n: Option<u32>,
        unit: Unit,
        dir: i32,
    },
    /// "two days later", "a year earlier": counted from the last date the
    /// text spoke of (or the anchor).
    Anaphoric {
        n: u32,
        unit: Unit,
        dir: i32,
    },
    /// "the following year", "that day", "the next morning": counted from
    /// the last date the text spoke of at the unit's granularity (or the
    /// anchor when there is none).
    RefRel {
        unit: Unit,
        offset: i32,
        part: Option<&'static str>,
    },
    /// "year-end": the last day of the year, this one or the last one by
    /// tense.
    YearEnd,
    /// "the year-ago quarter", "the same period last year".
    YearAgoPeriod,
    /// A length of time; `n` None for vague amounts ("several years").
    Duration {
        n: Option<f64>,
        unit: Unit,
    },
    /// A fixed value (PRESENT_REF, P1D for daily, …) and its kind.
    Literal(super::TimexKind, String),
    /// A quarter (1-4), or None for "the quarter" / "the latest quarter".
    Quarter {
        q: Option<u32>,
        year: YearRef,
    },
    /// A half year (1 or 2).
    Half {
        h: u32,
        year: YearRef,
    },
    /// A season code (SP, SU, FA, WI) and which one.
    Season {
        code: &'static str,
        year: YearRef,
    },
    /// Decade prefix ("199" for the 1990s).
    Decade(String),
    /// Century prefix ("19" for the 20th century).
    Century(String),
    /// A clock time, optionally on a given day.
    Clock {
        hour: u32,
        minute: u32,
        day: Option<Box<Spec>>,
    },
    /// A holiday on a fixed month and day.
    Holiday {
        month: u32,
        day: u32,
    },
    /// Thanksgiving: the fourth Thursday of November.
    Thanksgiving,
    /// US Election Day: the Tuesday after the first Monday of November.
    ElectionDay,
    /// "the week of March 6": the week that holds a date.
    WeekOf(Box<Spec>),
    /// "the previous Friday": the weekday before the date last spoken of.
    PrevWeekday(Weekday),
}

/// A proposed expression.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub spec: Spec,
}

type Handler = fn(&Captures, &str) -> Option<Spec>;

struct Rule {
    re: Regex,
    handler: Handler,
}

// ---------------------------------------------------------------- fragments

/// Month names: full, or abbreviated with an optional period. Case-sensitive
/// so that "may" and "march" stay verbs.
const MONTH: &str = r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))";
/// Month names that may stand alone.
const MONTH_FULL: &str = r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|Sept\.)";
const WEEKDAY: &str = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)";
const NUM_WORD: &str = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|one\s+hundred|hundreds\s+of|a\s+dozen|dozens\s+of|a\s+couple\s+of|a\s+few|a|an|few|several|some|many|half\s+a|a\s+half)";
const NUM: &str = r"(?:\d+\s+1/2|\d+(?:\.\d+)?|(?:\d+|NUMW)\s+(?:or|to)\s+(?:\d+|NUMW)|NUMW)";
const UNIT: &str = r"(?:seconds?|minutes?|hours?|days?|weeks?|weekends?|months?|quarters?|years?|decades?|centuries|century)";
const PART: &str = r"(?:morning|afternoon|evening|night)";
const APPROX: &str = r"(?:almost|nearly|roughly|approximately|more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|no\s+less\s+than)";

/// A year said in words: "nineteen ninety-four".
const SPELLED_YEAR: &str = r"(?:nineteen|eighteen)\s+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?";

/// The value of a year said in words.
fn spelled_year(s: &str) -> Option<i32> {
    let l = s.to_ascii_lowercase();
    let mut it = l.splitn(2, char::is_whitespace);
    let hi = amount(it.next()?)? as i32;
    let lo = amount(it.next()?.trim())? as i32;
    Some(hi * 100 + lo)
}

fn expand(pattern: &str) -> String {
    pattern
        .replace("SPELLEDYEAR", SPELLED_YEAR)
        .replace("NUM", &NUM.replace("NUMW", NUM_WORD))
        .replace("MONTHF", MONTH_FULL)
        .replace("MONTH", MONTH)
        .replace("WEEKDAY", WEEKDAY)
        .replace("UNIT", UNIT)
        .replace("PART", PART)
        .replace("APPROX", APPROX)
}

fn rule(pattern: &str, handler: Handler) -> Rule {
    let full = format!("(?i){}", expand(pattern));
    match Regex::new(&full) {
        Ok(re) => Rule { re, handler },
        // The patterns are constants of this file; a bad one is a bug that
        // the unit tests catch on their first run.
        Err(e) => panic!("bad timex pattern {pattern}: {e}"),
    }
}

// ---------------------------------------------------------------- lexicon

pub(crate) fn month_number(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.').to_ascii_lowercase();
    let m = match l.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

pub(crate) fn weekday(s: &str) -> Option<Weekday> {
    let l = s.to_ascii_lowercase();
    Some(match l.get(..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn small_number(w: &str) -> Option<u32> {
    Some(match w {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => return None,
    })
}

/// The value of a written amount: "three" → 3, "twenty-five" → 25,
/// "18" → 18, "2.5" → 2.5; vague amounts ("several", "a few") → None.
pub(crate) fn amount(s: &str) -> Option<f64> {
    let l = s.to_ascii_lowercase();
    let l = l.trim();
    if let Ok(v) = l.parse::<f64>() {
        return Some(v);
    }
    // "5 1/2"
    if let Some(whole) = l.strip_suffix("1/2")
        && let Ok(v) = whole.trim().parse::<f64>()
    {
        return Some(v + 0.5);
    }
    if l.contains(" or ") || l.contains(" to ") {
        // "two or three", "12 to 18": a vague amount.
        return None;
    }
    match l {
        "a hundred" | "one hundred" => return Some(100.0),
        "a dozen" => return Some(12.0),
        "half a" | "a half" => return Some(0.5),
        "a couple of" => return Some(2.0),
        _ => {}
    }
    let mut total = 0u32;
    for part in l.split(|c: char| c == '-' || c.is_whitespace()) {
        if part.is_empty() {
            continue;
        }
        total += small_number(part)?;
    }
    if total == 0 {
        None
    } else {
        Some(f64::from(total))
    }
}

pub(crate) fn unit(s: &str) -> Option<Unit> {
    let l = s.to_ascii_lowercase();
    let l = l.trim_end_matches('s');
    Some(match l {
        "second" => Unit::Second,
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "weekend" => Unit::Weekend,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" | "centurie" => Unit::Century,
        _ => return None,
    })
}

fn part_code(s: &str) -> Option<&'static str> {
    let l = s.to_ascii_lowercase();
    Some(match l.as_str() {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" | "tonight" | "overnight" => "NI",
        _ => return None,
    })
}

fn rel_word(s: &str) -> Option<i32> {
    let l = s.to_ascii_lowercase();
    let l: String = l.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match l.as_str() {
        "last" | "this past" | "past" | "previous" | "the previous" | "the past" | "the last"
        | "the preceding" | "late last" | "early last" | "earlier last" => -1,
        "this" | "the current" | "current" | "the" | "this coming" | "early this" | "late this"
        | "earlier this" | "later this" | "the same" => 0,
        "next" | "the next" | "the coming" | "the following" | "coming" | "early next"
        | "late next" => 1,
        _ => return None,
    })
}

fn ordinal(s: &str) -> Option<u32> {
    let l = s.to_ascii_lowercase();
    Some(match l.as_str() {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        _ => return None,
    })
}

fn cap<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

fn year_of(s: &str) -> Option<i32> {
    s.parse::<i32>().ok()
}

/// True when a bare four-digit number at `start..end` reads as an amount
/// rather than a year ("$1990", "1990 shares", "2,000").
fn looks_like_amount(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    if before.ends_with('$') || before.ends_with(',') && start > 0 && text[..start].ends_with(',') {
        return true;
    }
    let after = &text[end..];
    if after.starts_with('%')
        || after.starts_with(",0")
        || after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    let next_word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        next_word.as_str(),
        "percent"
            | "million"
            | "billion"
            | "thousand"
            | "people"
            | "shares"
            | "troops"
            | "soldiers"
            | "members"
            | "workers"
            | "employees"
            | "cars"
            | "units"
            | "tons"
            | "feet"
            | "meters"
            | "miles"
            | "kilometers"
            | "points"
            | "dollars"
            | "yen"
            | "marks"
            | "francs"
            | "pounds"
            | "barrels"
            | "acres"
            | "jobs"
            | "votes"
            | "copies"
            | "students"
            | "children"
            | "men"
            | "women"
            | "households"
            | "homes"
            | "cases"
            | "deaths"
    )
}

/// True when `start` opens a sentence or clause: nothing but spaces and
/// quote marks stand between it and the text start or a `.`, `!`, `?`,
/// `:` or `;`.
fn clause_initial(text: &str, start: usize) -> bool {
    let before = text[..start]
        .trim_end()
        .trim_end_matches(['"', '`', '\'', '\u{201c}', '\u{2018}'])
        .trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', ':', ';'])
}

/// The word (letters only) that follows `end`, after spaces.
fn next_word(text: &str, end: usize) -> String {
    text[end..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect()
}

/// The word (letters, digits and `.` only) that precedes `start`, before spaces.
fn prev_word(text: &str, start: usize) -> &str {
    let before = text[..start].trim_end();
    let from = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| i + 1);
    before.get(from..).unwrap_or("")
}

// ---------------------------------------------------------------- handlers

fn h_month_day(c: &Captures, _t: &str) -> Option<Spec> {
    let month = month_number(cap(c, "mon")?)?;
    let day: u32 = cap(c, "day")?.parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let year = cap(c, "year").and_then(year_of);
    Some(Spec::Calendar {
        year,
        month,
        day: Some(day),
        part: cap(c, "part").and_then(part_code),
    })
}

fn h_month(c: &Captures, t: &str) -> Option<Spec> {
    let whole = c.get(0)?;
    // "the annual March for Life", "the ``March of the Mothers'': a march
    // (a demonstration) with a name, not the month.
    if whole.as_str() == "March"
        && matches!(next_word(t, whole.end()).as_str(), "for" | "of" | "against")
    {
        let before = t[..whole.start()].trim_end();
        if before.ends_with(['"', '`', '\u{201c}'])
            || matches!(
                prev_word(t, whole.start()),
                "the" | "The" | "annual" | "a" | "A"
            )
        {
            return None;
        }
    }
    let month = month_number(cap(c, "mon")?)?;
    if let Some(y) = cap(c, "year")
        .and_then(year_of)
        .or_else(|| cap(c, "syear").and_then(spelled_year))
    {
        return Some(Spec::Calendar {
            year: Some(y),
            month,
            day: None,
            part: None,
        });
    }
    if let Some(rel) = cap(c, "rel").and_then(rel_word) {
        return Some(Spec::RelMonth { month, rel });
    }
    Some(Spec::Calendar {
        year: None,
        month,
        day: None,
        part: None,
    })
}

fn h_iso(c: &Captures, _t: &str) -> Option<Spec> {
    let year = year_of(cap(c, "y")?)?;
    let month: u32 = cap(c, "m")?.parse().ok()?;
    let day: u32 = cap(c, "d")?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(Spec::Calendar {
        year: Some(year),
        month,
        day: Some(day),
        part: None,
    })
}

fn h_us_numeric(c: &Captures, _t: &str) -> Option<Spec> {
    let month: u32 = cap(c, "m")?.parse().ok()?;
    let day: u32 = cap(c, "d")?.parse().ok()?;
    let y = cap(c, "y")?;
    let mut year = year_of(y)?;
    if y.len() == 2 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(Spec::Calendar {
        year: Some(year),
        month,
        day: Some(day),
        part: None,
    })
}

fn h_year(c: &Captures, t: &str) -> Option<Spec> {
    let ym = c.name("year")?;
    let year = year_of(ym.as_str())?;
    if c.name("pre").is_none() && looks_like_amount(t, ym.start(), ym.end()) {
        return None;
    }
    if let Some(p) = cap(c, "per")
        && (p.eq_ignore_ascii_case("quarter") || p.eq_ignore_ascii_case("period"))
    {
        return Some(Spec::Quarter {
            q: None,
            year: YearRef::Abs(year),
        });
    }
    Some(Spec::Year(year))
}

fn h_decade(c: &Captures, _t: &str) -> Option<Spec> {
    let prefix = if let Some(d) = cap(c, "dec") {
        d.get(..3)?.to_string()
    } else {
        format!("19{}", cap(c, "short")?.get(..1)?)
    };
    // "the 1990s" names the decade itself (TimeML `199`); a bare "1990s"
    // is read as some time in it (`199X`).
    if c.get(0)?.as_str().to_ascii_lowercase().starts_with("the") {
        return Some(Spec::Century(prefix));
    }
    Some(Spec::Decade(prefix))
}

fn h_century(c: &Captures, _t: &str) -> Option<Spec> {
    let n: u32 = match cap(c, "n") {
        Some(d) => d.parse().ok()?,
        None => match cap(c, "w")?.to_ascii_lowercase().as_str() {
            "nineteenth" => 19,
            "twentieth" => 20,
            "twenty-first" | "twenty first" => 21,
            _ => return None,
        },
    };
    if n == 0 {
        return None;
    }
    Some(Spec::Century(format!("{:02}", n - 1)))
}

fn year_ref(c: &Captures) -> YearRef {
    if let Some(y) = cap(c, "yr").or(cap(c, "yr2")).and_then(year_of) {
        return YearRef::Abs(y);
    }
    if let Some(y) = cap(c, "syear").and_then(spelled_year) {
        return YearRef::Abs(y);
    }
    if let Some(r) = cap(c, "yrel").or(cap(c, "yrel2")) {
        let r = r.to_ascii_lowercase();
        if r.starts_with("last") || r.starts_with("a year") || r.starts_with("the previous") {
            return YearRef::Rel(-1);
        }
        if r.starts_with("next") {
            return YearRef::Rel(1);
        }
        return YearRef::Rel(0);
    }
    YearRef::Nearest
}

fn h_quarter(c: &Captures, _t: &str) -> Option<Spec> {
    let q = ordinal(cap(c, "ord")?)?;
    Some(Spec::Quarter {
        q: Some(q),
        year: year_ref(c),
    })
}

fn h_the_quarter(c: &Captures, _t: &str) -> Option<Spec> {
    let w = cap(c, "w").unwrap_or("the").to_ascii_lowercase();
    let w: String = w.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match w.as_str() {
        "last" | "the previous" | "the prior" | "the preceding" => Spec::RelUnit {
            unit: Unit::Quarter,
            offset: -1,
        },
        "this" | "the current" => Spec::RelUnit {
            unit: Unit::Quarter,
            offset: 0,
        },
        "next" | "the coming" => Spec::RelUnit {
            unit: Unit::Quarter,
            offset: 1,
        },
        _ => Spec::Quarter {
            q: None,
            year: YearRef::Nearest,
        },
    })
}

fn h_half(c: &Captures, _t: &str) -> Option<Spec> {
    let h = match cap(c, "ord")?.to_ascii_lowercase().as_str() {
        "first" => 1,
        "second" | "last" => 2,
        _ => return None,
    };
    Some(Spec::Half {
        h,
        year: year_ref(c),
    })
}

fn h_season(c: &Captures, _t: &str) -> Option<Spec> {
    let code = match cap(c, "s")?.to_ascii_lowercase().as_str() {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    };
    let year = match year_ref(c) {
        YearRef::Nearest => match cap(c, "srel").map(|s| s.to_ascii_lowercase()) {
            Some(r) if r.contains("last") || r.contains("past") => YearRef::Rel(-1),
            Some(r) if r.contains("next") || r.contains("coming") => YearRef::Rel(1),
            Some(r) if r.contains("this") => YearRef::Rel(0),
            _ => YearRef::Nearest,
        },
        y => y,
    };
    Some(Spec::Season { code, year })
}

fn h_weekday(c: &Captures, _t: &str) -> Option<Spec> {
    let wd = weekday(cap(c, "wd")?)?;
    let rel = cap(c, "rel").and_then(|r| match r.to_ascii_lowercase().as_str() {
        "last" | "this past" | "past" => Some(-1),
        "this" => Some(0),
        "next" | "this coming" | "coming" => Some(1),
        _ => None,
    });
    Some(Spec::Weekday {
        wd,
        rel,
        part: cap(c, "part").and_then(part_code),
    })
}

fn h_weekday_set(c: &Captures, _t: &str) -> Option<Spec> {
    let wd = weekday(cap(c, "wd")?)?;
    let mut v = format!("XXXX-WXX-{}", wd.number_from_monday());
    if let Some(p) = cap(c, "part").and_then(part_code) {
        v.push('T');
        v.push_str(p);
    }
    Some(Spec::Literal(super::TimexKind::Set, v))
}

fn h_day_word(c: &Captures, t: &str) -> Option<Spec> {
    // "USA Today", "VOA Today": a capitalised "Today" after a capitalised
    // word inside a sentence is part of a name.
    let whole = c.get(0)?;
    if cap(c, "w").is_some_and(|w| w.starts_with("To"))
        && whole.as_str().starts_with("To")
        && !clause_initial(t, whole.start())
        && prev_word(t, whole.start()).starts_with(char::is_uppercase)
    {
        return None;
    }
    let w = cap(c, "w")?.to_ascii_lowercase();
    let (days, mut part) = match w.as_str() {
        "today" => (0, None),
        "yesterday" => (-1, None),
        "tomorrow" => (1, None),
        "tonight" => (0, Some("NI")),
        _ => return None,
    };
    if let Some(p) = cap(c, "part").and_then(part_code) {
        part = Some(p);
    }
    Some(Spec::DayOffset { days, part })
}

fn h_part_of_today(c: &Captures, _t: &str) -> Option<Spec> {
    let p = part_code(cap(c, "part")?)?;
    let days = match cap(c, "rel").map(|r| r.to_ascii_lowercase()) {
        Some(r) if r == "last" => {
            if p == "NI" {
                -1
            } else {
                return None;
            }
        }
        _ => 0,
    };
    Some(Spec::DayOffset {
        days,
        part: Some(p),
    })
}

fn h_overnight(_c: &Captures, _t: &str) -> Option<Spec> {
    Some(Spec::DayOffset {
        days: 0,
        part: Some("NI"),
    })
}

fn h_rel_unit(c: &Captures, t: &str) -> Option<Spec> {
    // ABC's "This Week": a title in quotation marks, not a week.
    let whole = c.get(0)?;
    if cap(c, "unit").is_some_and(|u| u.starts_with(char::is_uppercase))
        && t[..whole.start()].ends_with(['"', '`', '\u{201c}'])
    {
        return None;
    }
    let unit = unit(cap(c, "unit")?)?;
    let rel_text = cap(c, "rel")?;
    let offset = rel_word(rel_text)?;
    let lower = rel_text.to_ascii_lowercase();
    // "the past year", "the last decade": a length of time, not a period
    // on the calendar.
    let lower: String = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    if cap(c, "mod").is_none() {
        // "the following year": the year after the one last spoken of.
        if lower == "the following" && unit != Unit::Decade && unit != Unit::Century {
            return Some(Spec::RefRel {
                unit,
                offset: 1,
                part: None,
            });
        }
        // "over the past year": last year, as TimeBank reads it.
        if matches!(lower.as_str(), "the past" | "the last")
            && matches!(unit, Unit::Year | Unit::Week)
        {
            return Some(Spec::RelUnit { unit, offset: -1 });
        }
    }
    if lower.starts_with("the ") && offset != 0 && cap(c, "mod").is_none() {
        let n = match unit {
            Unit::Decade => 10.0,
            Unit::Century => 100.0,
            _ => 1.0,
        };
        let unit = match unit {
            Unit::Decade | Unit::Century => Unit::Year,
            u => u,
        };
        return Some(Spec::Duration { n: Some(n), unit });
    }
    if lower == "the same" {
        return Some(Spec::YearAgoPeriod);
    }
    Some(Spec::RelUnit { unit, offset })
}

fn h_duration(c: &Captures, t: &str) -> Option<Spec> {
    let whole = c.get(0)?;
    let lower = whole.as_str().to_ascii_lowercase();
    // Ages ("a 6-year-old", "52 years old") are not time expressions.
    if lower.ends_with("-old")
        || t[whole.end()..]
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("old")
        || t[whole.end()..].starts_with("-old")
    {
        return None;
    }
    // "three-quarters of" is a fraction.
    if lower.contains("-quarter") {
        return None;
    }
    let n_text = cap(c, "num")?;
    let n = amount(n_text);
    let unit = unit(cap(c, "unit")?)?;
    // "peace will one day come": some time to come, not a day's length.
    if lower == "one day"
        && matches!(
            prev_word(t, whole.start()).to_ascii_lowercase().as_str(),
            "will" | "would" | "could" | "may" | "might" | "can" | "shall" | "should" | "to"
        )
    {
        return Some(Spec::Literal(
            super::TimexKind::Date,
            "FUTURE_REF".to_string(),
        ));
    }
    // "a second group", "for a second time": an ordinal, not a length.
    if unit == Unit::Second
        && cap(c, "unit").is_some_and(|u| u.eq_ignore_ascii_case("second"))
        && n_text.eq_ignore_ascii_case("a")
    {
        let next = next_word(t, whole.end()).to_ascii_lowercase();
        if !next.is_empty()
            && !matches!(
                next.as_str(),
                "later"
                    | "earlier"
                    | "ago"
                    | "before"
                    | "after"
                    | "or"
                    | "and"
                    | "of"
                    | "to"
                    | "in"
                    | "for"
                    | "at"
                    | "longer"
                    | "more"
                    | "too"
            )
        {
            return None;
        }
    }
    if let Some(dir) = cap(c, "ago") {
        let d = dir.to_ascii_lowercase();
        let d: String = d.split_whitespace().collect::<Vec<_>>().join(" ");
        let sign = match d.as_str() {
            "ago" | "earlier" | "before" | "previously" => -1,
            _ => 1,
        };
        let whole = n.filter(|v| v.fract() == 0.0).map(|v| v as u32);
        if d == "ago" || d == "from now" || d == "hence" {
            return Some(Spec::Ago {
                n: whole,
                unit,
                dir: sign,
            });
        }
        // "three days later", "a week after": a length of time (the word
        // after it is a signal, not part of the expression); only "a year
        // earlier" and the like name a date.
        if unit != Unit::Year || d != "earlier" {
            return Some(Spec::Duration { n, unit });
        }
        return match whole {
            Some(n) => Some(Spec::Anaphoric { n, unit, dir: sign }),
            None => Some(Spec::Literal(
                super::TimexKind::Date,
                if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string(),
            )),
        };
    }
    // "the past few years" etc. stay durations.
    Some(Spec::Duration { n, unit })
}

fn h_vague_plural(c: &Captures, _t: &str) -> Option<Spec> {
    // "recent months", "the coming weeks": an unknown number of units;
    // "recent years" stays a vague past.
    let whole = c.get(0)?.as_str().to_ascii_lowercase();
    if let Some(u) = whole.split_whitespace().last().and_then(unit)
        && (u != Unit::Year || whole.contains("coming"))
    {
        return Some(Spec::Duration { n: None, unit: u });
    }
    let w = cap(c, "w")?.to_ascii_lowercase();
    let v = if w.contains("recent") || w.contains("past") || w.contains("last") {
        "PAST_REF"
    } else {
        "FUTURE_REF"
    };
    Some(Spec::Literal(super::TimexKind::Date, v.to_string()))
}

fn h_for_units(c: &Captures, _t: &str) -> Option<Spec> {
    let unit = unit(cap(c, "unit")?)?;
    Some(Spec::Duration { n: None, unit })
}

fn h_ref(c: &Captures, t: &str) -> Option<Spec> {
    let whole = c.get(0)?;
    let w = cap(c, "w")?.to_ascii_lowercase();
    let w: String = w.split_whitespace().collect::<Vec<_>>().join(" ");
    // "Now, the council said ...": at the head of a clause and set off by
    // a comma, "now" is a discourse marker ("well", "so"), not a time.
    if w == "now" && t[whole.end()..].starts_with(',') && clause_initial(t, whole.start()) {
        return None;
    }
    // "most recently last May": the date that follows is the time.
    if w == "recently" && prev_word(t, whole.start()).eq_ignore_ascii_case("most") {
        let next = next_word(t, whole.end());
        if matches!(
            next.to_ascii_lowercase().as_str(),
            "last" | "this" | "earlier" | "yesterday" | "today" | "on" | "in"
        ) || weekday(&next).is_some() && next.len() >= 6
            || month_number(&next).is_some() && next.starts_with(char::is_uppercase)
        {
            return None;
        }
    }
    // "the short term" is a time; "the short-term debt" is a kind of debt.
    if w.ends_with(" term") && t[whole.end()..].starts_with('-') {
        return None;
    }
    let v = match w.as_str() {
        "now" | "right now" | "currently" | "at present" | "presently" | "nowadays"
        | "these days" | "at the moment" | "at this time" | "the present" => "PRESENT_REF",
        "recently" | "lately" | "previously" | "formerly" | "the past" | "earlier" => "PAST_REF",
        "the future" | "soon" | "shortly" | "future" | "the near future" | "the near term"
        | "the short term" => "FUTURE_REF",
        _ => return None,
    };
    Some(Spec::Literal(super::TimexKind::Date, v.to_string()))
}

fn h_set(c: &Captures, t: &str) -> Option<Spec> {
    let w = cap(c, "w")?.to_ascii_lowercase();
    // "the average daily volume": a per-day statistic, not a recurrence.
    if w.ends_with("ly") && prev_word(t, c.get(0)?.start()).eq_ignore_ascii_case("average") {
        return None;
    }
    let v = match w.as_str() {
        "hourly" => "PT1H",
        "daily" | "nightly" => "P1D",
        "weekly" => "P1W",
        "monthly" => "P1M",
        "quarterly" => "P3M",
        "annually" | "yearly" => "P1Y",
        _ => {
            let u = unit(cap(c, "unit")?)?;
            return Some(Spec::Literal(
                super::TimexKind::Set,
                match u {
                    Unit::Second => "PT1S",
                    Unit::Minute => "PT1M",
                    Unit::Hour => "PT1H",
                    Unit::Day => "P1D",
                    Unit::Week => "P1W",
                    Unit::Weekend => "P1WE",
                    Unit::Month => "P1M",
                    Unit::Quarter => "P3M",
                    Unit::Year => "P1Y",
                    Unit::Decade => "P10Y",
                    Unit::Century => "P100Y",
                }
                .to_string(),
            ));
        }
    };
    Some(Spec::Literal(super::TimexKind::Set, v.to_string()))
}

fn h_clock(c: &Captures, _t: &str) -> Option<Spec> {
    let mut hour: u32 = cap(c, "h")?.parse().ok()?;
    let minute: u32 = cap(c, "m").map_or(Some(0), |m| m.parse().ok())?;
    if hour > 24 || minute > 59 {
        return None;
    }
    if let Some(ap) = cap(c, "ap") {
        let pm = ap.to_ascii_lowercase().starts_with('p');
        if hour == 0 || hour > 12 {
            return None;
        }
        if pm && hour < 12 {
            hour += 12;
        } else if !pm && hour == 12 {
            hour = 0;
        }
    }
    Some(Spec::Clock {
        hour,
        minute,
        day: day_of(c),
    })
}

fn h_named_time(c: &Captures, t: &str) -> Option<Spec> {
    // "high noon" is an idiom (or a film), not twelve o'clock.
    if prev_word(t, c.get(0)?.start()).eq_ignore_ascii_case("high") {
        return None;
    }
    let w = cap(c, "w")?.to_ascii_lowercase();
    let hour = match w.as_str() {
        "noon" | "midday" => 12,
        "midnight" => 24,
        _ => return None,
    };
    Some(Spec::Clock {
        hour,
        minute: 0,
        day: day_of(c),
    })
}

/// The day a clock time is said to be on ("3 p.m. Tuesday").
fn day_of(c: &Captures) -> Option<Box<Spec>> {
    if let Some(wd) = cap(c, "wd").and_then(weekday) {
        return Some(Box::new(Spec::Weekday {
            wd,
            rel: None,
            part: None,
        }));
    }
    if let Some(w) = cap(c, "dw") {
        let days = match w.to_ascii_lowercase().as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        return Some(Box::new(Spec::DayOffset { days, part: None }));
    }
    if let (Some(m), Some(d)) = (cap(c, "mon").and_then(month_number), cap(c, "day")) {
        let day: u32 = d.parse().ok()?;
        return Some(Box::new(Spec::Calendar {
            year: None,
            month: m,
            day: Some(day),
            part: None,
        }));
    }
    None
}

fn h_holiday(c: &Captures, _t: &str) -> Option<Spec> {
    let w = cap(c, "w")?.to_ascii_lowercase();
    let w: String = w.split_whitespace().collect::<Vec<_>>().join(" ");
    let (month, day) = match w.as_str() {
        "christmas" | "christmas day" => (12, 25),
        "christmas eve" => (12, 24),
        "new year's day" | "new year's" | "new year" | "new year day" => (1, 1),
        "new year's eve" => (12, 31),
        "independence day" | "the fourth of july" | "fourth of july" => (7, 4),
        "halloween" => (10, 31),
        "valentine's day" => (2, 14),
        "thanksgiving" | "thanksgiving day" => return Some(Spec::Thanksgiving),
        "election day" => return Some(Spec::ElectionDay),
        _ => return None,
    };
    Some(Spec::Holiday { month, day })
}

fn h_year_ago_period(_c: &Captures, _t: &str) -> Option<Spec> {
    Some(Spec::YearAgoPeriod)
}

fn h_nine_months(c: &Captures, _t: &str) -> Option<Spec> {
    let n = amount(cap(c, "num")?)?;
    let unit = unit(cap(c, "unit")?)?;
    Some(Spec::Duration { n: Some(n), unit })
}

fn h_spelled_year(c: &Captures, _t: &str) -> Option<Spec> {
    let hi = amount(cap(c, "hi")?)? as i32;
    let lo = cap(c, "lo").and_then(amount).unwrap_or(0.0) as i32;
    if cap(c, "thousand").is_some() {
        return Some(Spec::Year(2000 + lo));
    }
    Some(Spec::Year(hi * 100 + lo))
}

// ---------------------------------------------------------------- the rules

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        // Month-day, with optional weekday before and year after:
        // "Dec. 2", "December 2nd, 2021", "Friday, Oct. 23".
        rule(
            r"\b(?:WEEKDAY,?\s+)?(?P<mon>MONTH)\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:1[6-9]|20)\d\d)\b)?(?:\s+(?P<part>PART)\b)?",
            h_month_day,
        ),
        // Day-month: "2 December 2021", "the 5th of May".
        rule(
            r"\b(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>MONTH)(?:,?\s+(?P<year>(?:1[6-9]|20)\d\d)\b)?",
            h_month_day,
        ),
        // Month alone or with year: "October 1984", "last November",
        // "early December", "the end of November".
        rule(
            r"\b(?:(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+month\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)[\s-]+)?(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?(?P<mon>MONTHF)(?:,?\s+(?:of\s+)?(?:(?P<year>(?:1[6-9]|20)\d\d)\b|(?P<syear>SPELLEDYEAR)\b))?",
            h_month,
        ),
        rule(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b", h_iso),
        rule(
            r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)\b",
            h_us_numeric,
        ),
        // Years: "1990", "fiscal 1998", "the end of 1990", "mid-1990",
        // "the 1988 period".
        rule(
            r"\b(?:(?P<pre>(?:the\s+)?(?:fiscal|calendar)(?:\s+year)?|(?:the\s+)?year|FY|(?:the\s+)?(?:early|mid|late)-?|the\s+(?:end|beginning|start|middle|rest|remainder)\s+of|(?:early|late)\s+in)\s*)?(?P<year>(?:1[6-9]|20)\d\d)\b",
            h_year,
        ),
        rule(
            r"\bthe\s+(?P<year>(?:19|20)\d\d)\s+(?P<per>period|quarter|season|fiscal\s+year)\b",
            h_year,
        ),
        // Spelled years: "nineteen ninety-six", "the year two thousand".
        rule(
            r"\b(?:the\s+year\s+)?(?:(?P<hi>nineteen|eighteen)\s+(?P<lo>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)|(?P<thousand>two\s+thousand)(?:\s+(?:and\s+)?(?P<lo2>one|two|three|four|five|six|seven|eight|nine|ten))?)\b",
            |c, t| {
                if c.name("thousand").is_some() {
                    let lo = cap(c, "lo2").and_then(amount).unwrap_or(0.0) as i32;
                    // A bare "two thousand" is usually an amount.
                    if cap(c, "lo2").is_none()
                        && !c
                            .get(0)?
                            .as_str()
                            .to_ascii_lowercase()
                            .starts_with("the year")
                    {
                        return None;
                    }
                    let _ = t;
                    return Some(Spec::Year(2000 + lo));
                }
                h_spelled_year(c, t)
            },
        ),
        // Decades: "the 1990s", "mid-1990s", "the '80s".
        rule(
            r"\b(?:the\s+)?(?:(?:early|mid|late|last\s+half\s+of\s+the|first\s+half\s+of\s+the)[\s-]*)?(?:(?P<dec>(?:1[6-9]|20)\d0)'?s\b|'(?P<short>\d0)s\b)",
            h_decade,
        ),
        // Centuries: "the 20th century".
        rule(
            r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]*)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>nineteenth|twentieth|twenty[\s-]first))[\s-]+century\b",
            h_century,
        ),
        // Quarters: "the third quarter", "third-quarter", "the fiscal first
        // quarter", "this year's third quarter", "the fourth quarter of 1990".
        rule(
            r"\b(?:the\s+)?(?:(?P<yr>(?:19|20)\d\d)\s+|(?P<yrel>this\s+year's|last\s+year's|next\s+year's)\s+)?(?:(?:fiscal|calendar)[\s-]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter\b(?:\s+of\s+(?:(?:fiscal\s+)?(?P<yr2>(?:19|20)\d\d)\b|(?P<yrel2>this|last|next|the\s+previous|the\s+current)\s+(?:fiscal\s+)?year\b))?",
            h_quarter,
        ),
        rule(
            r"\b(?:(?P<yr>(?:19|20)\d\d)\s+|(?P<yrel>this\s+year's|last\s+year's|next\s+year's)\s+)?(?:(?:fiscal|calendar)[\s-]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)-(?:fiscal-)?quarter\b(?:\s+of\s+(?:(?:fiscal\s+)?(?P<yr2>(?:19|20)\d\d)\b|(?P<yrel2>this|last|next|the\s+previous|the\s+current)\s+(?:fiscal\s+)?year\b))?",
            h_quarter,
        ),
        rule(
            r"\b(?P<w>the\s+latest|the\s+most\s+recent|the\s+recent|the\s+previous|the\s+prior|the\s+preceding|the\s+current|the\s+coming|this|last|next|the)\s+(?:fiscal\s+)?(?:quarter|period)\b",
            |c, t| {
                // "the period" alone is too vague; keep "the latest period".
                let w = cap(c, "w")?.to_ascii_lowercase();
                if c.get(0)?.as_str().to_ascii_lowercase().ends_with("period")
                    && !(w.contains("latest") || w.contains("recent"))
                {
                    return None;
                }
                h_the_quarter(c, t)
            },
        ),
        // Written quarters: "2021-Q3", "Q3 2021", "Q3".
        rule(
            r"\b(?:(?P<yr>(?:19|20)\d\d)-?Q(?P<q>[1-4])|Q(?P<q2>[1-4])\s+(?P<yr2>(?:19|20)\d\d))\b",
            |c, _t| {
                let q: u32 = cap(c, "q").or(cap(c, "q2"))?.parse().ok()?;
                Some(Spec::Quarter {
                    q: Some(q),
                    year: year_ref(c),
                })
            },
        ),
        // Halves: "the first half of 1990", "the second half".
        rule(
            r"\b(?:the\s+)?(?P<ord>first|second|last)\s+half\b(?:\s+of\s+(?:(?P<yr2>(?:19|20)\d\d)\b|(?P<yrel2>this|last|next|the)\s+year\b))?",
            h_half,
        ),
        // Seasons: "last fall", "this summer", "the winter of 1994".
        rule(
            r"\b(?:(?P<srel>last|this|next|this\s+past|this\s+coming|the|the\s+early|the\s+late|early|late|mid)[\s-]+)(?P<s>spring|summer|fall|autumn|winter)\b(?:\s+of\s+(?:(?P<yr2>(?:19|20)\d\d)\b|(?P<syear>SPELLEDYEAR)\b))?",
            h_season,
        ),
        rule(
            r"\b(?P<s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<yr2>(?:19|20)\d\d)\b",
            h_season,
        ),
        rule(
            r"\b(?P<yr>(?:19|20)\d\d)\s+(?P<s>spring|summer|fall|autumn|winter)\b",
            h_season,
        ),
        // Every Thursday / Tuesday nights.
        rule(
            r"\b(?:(?:every|each)\s+(?P<wd>WEEKDAY)|(?P<wd2>WEEKDAY)s)(?:\s+(?P<part>PART)s?)?\b",
            |c, t| {
                if c.name("wd").is_none() {
                    let wd = weekday(cap(c, "wd2")?)?;
                    let mut v = format!("XXXX-WXX-{}", wd.number_from_monday());
                    if let Some(p) = cap(c, "part").and_then(part_code) {
                        v.push('T');
                        v.push_str(p);
                    }
                    return Some(Spec::Literal(super::TimexKind::Set, v));
                }
                h_weekday_set(c, t)
            },
        ),
        // "Tuesday nights", "Monday and Tuesday nights": a plural part of
        // the day makes the weekdays recurring.
        rule(r"\b(?P<wd>WEEKDAY)\s+(?P<part>PART)s\b", h_weekday_set),
        rule(
            r"\b(?P<t>(?P<wd>WEEKDAY))\s+(?:and|or)\s+WEEKDAY\s+(?P<part>PART)s\b",
            h_weekday_set,
        ),
        // "each July", "every March": a month every year.
        rule(r"\b(?:every|each)\s+(?P<mon>MONTHF)", |c, _t| {
            let m = month_number(cap(c, "mon")?)?;
            Some(Spec::Literal(super::TimexKind::Set, format!("XXXX-{m:02}")))
        }),
        // Decades in words: "the nineties", "the early eighties".
        rule(
            r"\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
            |c, _t| {
                let d = match cap(c, "w")?.to_ascii_lowercase().as_str() {
                    "twenties" => '2',
                    "thirties" => '3',
                    "forties" => '4',
                    "fifties" => '5',
                    "sixties" => '6',
                    "seventies" => '7',
                    "eighties" => '8',
                    _ => '9',
                };
                Some(Spec::Century(format!("19{d}")))
            },
        ),
        // "the previous Friday", "the preceding Monday": before the date
        // last spoken of.
        rule(
            r"\bthe\s+(?:previous|preceding|prior)\s+(?P<wd>WEEKDAY)\b",
            |c, _t| Some(Spec::PrevWeekday(weekday(cap(c, "wd")?)?)),
        ),
        // "the week of March 6".
        rule(
            r"\bthe\s+week\s+of\s+(?P<mon>MONTH)\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:1[6-9]|20)\d\d)\b)?",
            |c, t| Some(Spec::WeekOf(Box::new(h_month_day(c, t)?))),
        ),
        // The second day of "April 24 and 25", "May 3 or 4".
        rule(
            r"\b(?P<mon>MONTH)\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:and|or|&)\s+(?P<t>(?P<day>\d{1,2})(?:st|nd|rd|th)?)\b(?:,?\s+(?P<year>(?:1[6-9]|20)\d\d)\b)?",
            |c, t| {
                // "March 3 and 4 percent", "May 5 and 6 others": amounts.
                let end = c.name("t")?.end();
                let next = next_word(t, end).to_ascii_lowercase();
                if matches!(next.as_str(), "percent" | "per" | "others" | "more") {
                    return None;
                }
                h_month_day(c, t)
            },
        ),
        // Weekdays: "Wednesday", "last Friday", "Friday's", "Sunday night".
        rule(
            r"\b(?:(?P<rel>last|this|next|this\s+past|this\s+coming|early|late)\s+)?(?P<wd>WEEKDAY)(?:\s+(?P<part>PART))?\b",
            h_weekday,
        ),
        // today, yesterday, tomorrow, tonight (+ part of day).
        rule(
            r"\b(?:(?:early|late)\s+)?(?P<w>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>PART))?\b",
            h_day_word,
        ),
        rule(
            r"\b(?:(?:later|earlier|early|late)\s+)?(?P<rel>this|last)\s+(?P<part>PART)\b",
            h_part_of_today,
        ),
        rule(r"\bovernight\b", h_overnight),
        // "mid-afternoon yesterday", "late morning today".
        rule(
            r"\b(?:(?:mid|early|late)[\s-]?)?(?P<part>PART)\s+(?P<w>today|yesterday|tomorrow)\b",
            h_day_word,
        ),
        // Clock times: "3 p.m.", "10:35 a.m. Wednesday", "around 7:15 p.m.".
        rule(
            r"\b(?:(?:about|around|approximately|shortly\s+before|shortly\s+after|just\s+before|just\s+after)\s+)?(?P<h>\d{1,2})(?:[:.](?P<m>\d\d))?\s*(?P<ap>[ap]\.\s?m\b\.?|[ap]m\b)(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?(?:,?\s+(?:on\s+)?(?:(?P<wd>WEEKDAY)|(?P<dw>today|yesterday|tomorrow)|(?P<mon>MONTH)\s*(?P<day>\d{1,2})\b))?",
            h_clock,
        ),
        rule(
            r"\b(?P<h>\d{1,2})[:.](?P<m>\d\d)\s+(?:[ECMP][SD]T|GMT|UTC)\b(?:,?\s+(?:on\s+)?(?:(?P<wd>WEEKDAY)|(?P<dw>today|yesterday|tomorrow)))?",
            h_clock,
        ),
        rule(
            r"\b(?P<w>noon|midday|midnight)(?:\s+(?:on\s+)?(?:(?P<wd>WEEKDAY)|(?P<dw>today|yesterday|tomorrow)))?\b",
            h_named_time,
        ),
        // last week, this year, next month, earlier this year, the past year.
        rule(
            r"\b(?:(?P<mod>early|late|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of|(?:earlier|later)\s+in)\s+)?(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+past|the\s+last|the\s+previous|the\s+preceding|the\s+current|the\s+coming|the\s+following|the\s+same|current|previous|past|coming)\s+(?:(?:fiscal|calendar)\s+)?(?P<unit>week|weekend|month|year|decade|century)\b",
            h_rel_unit,
        ),
        // "the year", "the week", "the weekend", "the month".
        rule(
            r"\b(?P<mod>(?:early|late|earlier|later)\s+in\s+|the\s+end\s+of\s+|the\s+rest\s+of\s+)?(?P<rel>the)\s+(?:(?:fiscal|calendar|full)\s+)?(?P<unit>year|weekend|week|month)\b",
            |c, t| {
                let u = unit(cap(c, "unit")?)?;
                // "the year ended March 31": a year-long period.
                let after = t[c.get(0)?.end()..].trim_start().to_ascii_lowercase();
                if after.starts_with("ended") || after.starts_with("ending") {
                    return Some(Spec::Duration {
                        n: Some(1.0),
                        unit: u,
                    });
                }
                Some(Spec::RelUnit { unit: u, offset: 0 })
            },
        ),
        // "the year-ago quarter", "the year-earlier period", "year-earlier".
        rule(
            r"\b(?:the\s+)?(?:same\s+)?year-(?:earlier|ago)(?:\s+(?:quarter|period))?\b",
            h_year_ago_period,
        ),
        rule(
            r"\bthe\s+(?:same|comparable|corresponding)\s+(?:quarter|period)(?:\s+(?:a\s+year\s+(?:earlier|ago)|last\s+year|of\s+(?:last|the\s+previous)\s+year))?\b",
            h_year_ago_period,
        ),
        // "the first nine months" (of the year).
        rule(
            r"\b(?:the\s+)?(?:first|last|latest|year-earlier|year-ago)\s+(?P<num>NUM)\s+(?P<unit>months|weeks|days|quarters)\b",
            h_nine_months,
        ),
        // Durations and offsets: "three days", "the past five years",
        // "two-year", "three days ago", "a year earlier", "nearly an hour".
        rule(
            r"\b(?P<core>(?:APPROX\s+)?(?:(?:the\s+)?(?:past|last|next|first|coming|previous|preceding|following|final|remaining|latest|recent|other)\s+)?(?P<num>NUM)[\s-]+(?:(?:more|additional|full|straight|consecutive|long|short|trading|business|calendar|working|school)\s+)?(?P<unit>UNIT)(?:-(?:long|old))?(?:\s+or\s+so)?)(?:\s+(?P<ago>ago|earlier|later|before|after|previously|from\s+now|hence))?\b",
            h_duration,
        ),
        rule(r"\bthe\s+(?P<num>NUM)\s+(?P<unit>UNIT)\b", h_duration),
        // "recent years", "coming months", "the weeks ahead".
        rule(
            r"\b(?P<w>recent|the\s+past\s+(?:several|few)|past|the\s+coming|coming|the\s+next\s+(?:several|few))\s+(?:days|weeks|months|quarters|years|decades)\b",
            |c, t| {
                let w = cap(c, "w")?.to_ascii_lowercase();
                if w.contains("several") || w.contains("few") {
                    // "the past few weeks": a vague duration.
                    let u = c
                        .get(0)?
                        .as_str()
                        .split_whitespace()
                        .last()
                        .and_then(unit)?;
                    return Some(Spec::Duration { n: None, unit: u });
                }
                let _ = t;
                h_vague_plural(c, t)
            },
        ),
        rule(
            r"\b(?:the\s+)?(?P<w>days|weeks|months|years)\s+ahead\b",
            |c, _t| {
                Some(Spec::Duration {
                    n: None,
                    unit: unit(cap(c, "w")?)?,
                })
            },
        ),
        rule(
            r"\b(?:for|in|over|within)\s+(?P<t>(?P<unit>years|months|weeks|days|decades|hours))\b",
            h_for_units,
        ),
        rule(
            r"\b(?P<w>now|currently|at\s+present|presently|nowadays|these\s+days|recently|lately|the\s+past|the\s+(?:near\s+)?future|the\s+(?:near|short)\s+term)\b",
            h_ref,
        ),
        // "current" as an adjective ("current conditions", "his current
        // post"); time-unit nouns after it are taken by longer rules.
        rule(r"\b(?P<w>current)\b", |c, t| {
            let next = t[c.get(0)?.end()..].trim_start().to_ascii_lowercase();
            if next.starts_with("account") || next.starts_with("price") {
                return None;
            }
            Some(Spec::Literal(super::TimexKind::Date, "PRESENT_REF".into()))
        }),
        // Sets: "daily", "every month", "each year", "a year" (per year).
        rule(
            r"\b(?P<w>hourly|daily|nightly|weekly|monthly|yearly)\b",
            h_set,
        ),
        rule(
            r"\b(?P<w>every|each|per)\s+(?P<unit>second|minute|hour|day|week|month|quarter|year|decade)\b",
            h_set,
        ),
        // Anaphoric days and periods: "that year", "the next day", "later
        // that month", "the same day", "the next morning".
        rule(
            r"\b(?:(?P<mod>later|earlier|early|late)\s+)?(?:that|the\s+same|that\s+same)\s+(?P<unit>day|week|month|quarter|year)\b",
            |c, _t| {
                Some(Spec::RefRel {
                    unit: unit(cap(c, "unit")?)?,
                    offset: 0,
                    part: None,
                })
            },
        ),
        rule(
            r"\b(?:the\s+(?P<w>next|following|previous|preceding)|(?P<w2>that))\s+(?P<unit>day|morning|afternoon|evening|night)\b",
            |c, _t| {
                let u = cap(c, "unit")?.to_ascii_lowercase();
                let offset = match cap(c, "w").map(|w| w.to_ascii_lowercase()).as_deref() {
                    Some("next" | "following") => 1,
                    Some(_) => -1,
                    None => 0,
                };
                Some(Spec::RefRel {
                    unit: Unit::Day,
                    offset,
                    part: if u == "day" { None } else { part_code(&u) },
                })
            },
        ),
        // "year-end", "year's end", "the end of the year".
        rule(r"\b(?:the\s+)?year(?:-end|'s\s+end|\s+end)\b", |_c, _t| {
            Some(Spec::YearEnd)
        }),
        // Holidays.
        rule(
            r"\b(?P<w>Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|Independence\s+Day|the\s+Fourth\s+of\s+July|Halloween|Valentine's\s+Day|Thanksgiving(?:\s+Day)?|(?-i:Election\s+Day))\b",
            h_holiday,
        ),
    ]
});

/// All candidate expressions proposed by any rule (they may overlap).
/// All the rules' patterns in one set: one pass over the text says which rules match at all, so
/// only those run their (costlier) capture search. `None` if the set outgrows its size limit, and
/// then every rule runs.
static RULE_SET: LazyLock<Option<RegexSet>> = LazyLock::new(|| {
    RegexSetBuilder::new(RULES.iter().map(|r| r.re.as_str()))
        .size_limit(64 << 20)
        .dfa_size_limit(16 << 20)
        .build()
        .ok()
});

pub(crate) fn candidates(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    let matching = RULE_SET.as_ref().map(|set| set.matches(text));
    for (i, r) in RULES.iter().enumerate() {
        if matching.as_ref().is_some_and(|m| !m.matched(i)) {
            continue;
        }
        for c in r.re.captures_iter(text) {
            let Some(span) = c.name("t").or_else(|| c.get(0)) else {
                continue;
            };
            if span.as_str().trim().is_empty() {
                continue;
            }
            if let Some(spec) = (r.handler)(&c, text) {
                // A duration followed by a signal word keeps only its core.
                let span = match (&spec, c.name("core")) {
                    (Spec::Duration { .. }, Some(core)) => core,
                    _ => span,
                };
                out.push(Candidate {
                    start: span.start(),
                    end: span.end(),
                    spec,
                });
            }
        }
    }
    out
}

/// Picks non-overlapping candidates, longest first (earlier on ties), and
/// returns them in text order.
pub(crate) fn select(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    let mut chosen: Vec<Candidate> = Vec::new();
    for c in cands {
        if chosen.iter().all(|k| c.end <= k.start || c.start >= k.end) {
            chosen.push(c);
        }
    }
    chosen.sort_by_key(|c| c.start);
    chosen
}
