//! Anchoring: turning each chosen candidate's [`Spec`] into a TimeML value,
//! given the anchor date, the sentence it sits in, and what the text spoke of
//! before (for "a year earlier", "the quarter").

use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::Regex;

use super::rules::{Candidate, Spec, Unit, YearRef};
use super::{Timex, TimexKind};

/// What earlier expressions of the same text said.
#[derive(Default)]
struct State {
    /// The last quarter spoken of (year, quarter).
    last_quarter: Option<(i32, u32)>,
    /// The last full date spoken of.
    last_date: Option<NaiveDate>,
}

static FUTURE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    // A constant pattern: a failure is a bug caught by the unit tests.
    Regex::new(
        r"(?i)\b(?:will|won't|shall|going\s+to|scheduled\s+to|expected\s+to|plans?\s+to|planned\s+to|planning\s+to|scheduled|set\s+to|due\s+to|is\s+to|are\s+to|as\s+(?:soon|early)\s+as|until|by|next|before)\b|'ll\b",
    )
    .unwrap_or_else(|e| panic!("bad future-cue pattern: {e}"))
});

static PAST_CUE: LazyLock<Regex> = LazyLock::new(|| {
    // A constant pattern: a failure is a bug caught by the unit tests.
    Regex::new(r"(?i)\b(?:had|was|were|did|said|says|last|ago)\b")
        .unwrap_or_else(|e| panic!("bad past-cue pattern: {e}"))
});

/// The clause before `start`: back to the nearest clause punctuation, and
/// at most eight words.
fn clause_before(text: &str, start: usize) -> &str {
    let before = &text[..start];
    let from = before
        .rfind(['.', '!', '?', ';', ':', '\n', '"', '`'])
        .map_or(0, |i| i + 1);
    let window = &before[from..];
    let mut words = 0;
    let mut cut = 0;
    let mut in_word = false;
    for (i, ch) in window.char_indices().rev() {
        if ch.is_whitespace() {
            if in_word {
                words += 1;
                if words == 8 {
                    cut = i;
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    &window[cut..]
}

/// Does the clause around the expression speak of the future? Looks at the
/// few words before it for a future cue ("will", "is expected to", "as soon
/// as") not overridden by a nearer past cue ("said", "had").
fn is_future(text: &str, c: &Candidate) -> bool {
    let before = clause_before(text, c.start);
    let fut = FUTURE_CUE.find_iter(before).last().map(|m| m.start());
    let past = PAST_CUE.find_iter(before).last().map(|m| m.start());
    match (fut, past) {
        (Some(f), Some(p)) => f > p,
        (Some(_), None) => true,
        _ => false,
    }
}

pub(crate) fn resolve_all(
    text: &str,
    chosen: Vec<Candidate>,
    anchor: Option<NaiveDate>,
) -> Vec<Timex> {
    let mut state = State::default();
    let mut out = Vec::with_capacity(chosen.len());
    for c in chosen {
        let future = is_future(text, &c);
        let Some((kind, value)) = resolve(&c.spec, anchor, future, &mut state) else {
            continue;
        };
        if !matches!(
            c.spec,
            Spec::Anaphoric { .. } | Spec::YearAgoPeriod | Spec::Ago { .. }
        ) {
            remember(&value, &mut state);
        }
        out.push(Timex {
            start: c.start,
            end: c.end,
            text: text[c.start..c.end].to_string(),
            kind,
            value,
        });
    }
    out
}

fn remember(value: &str, state: &mut State) {
    if let Some((y, q)) = value.split_once("-Q")
        && let (Ok(y), Ok(q)) = (y.parse::<i32>(), q.parse::<u32>())
    {
        state.last_quarter = Some((y, q));
    }
    if value.len() >= 10
        && let Some(d) = value
            .get(..10)
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    {
        state.last_date = Some(d);
    }
}

// ---------------------------------------------------------------- formatting

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn ym(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn with_part(date: String, part: Option<&str>) -> (TimexKind, String) {
    match part {
        Some(p) => (TimexKind::Time, format!("{date}T{p}")),
        None => (TimexKind::Date, date),
    }
}

fn date(kind: TimexKind, v: impl Into<String>) -> Option<(TimexKind, String)> {
    Some((kind, v.into()))
}

fn fmt_amount(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A TimeML duration value: `P3D`, `PT2H`, `PXY`.
pub(crate) fn duration_value(n: Option<f64>, unit: Unit) -> String {
    let (n, unit) = match (n, unit) {
        (Some(n), Unit::Quarter) => (Some(n * 3.0), Unit::Month),
        (Some(n), Unit::Decade) => (Some(n * 10.0), Unit::Year),
        (Some(n), Unit::Century) => (Some(n * 100.0), Unit::Year),
        (None, Unit::Decade | Unit::Century) => (None, Unit::Year),
        (Some(n), Unit::Year) if n.fract() != 0.0 => (Some(n * 12.0), Unit::Month),
        (Some(n), Unit::Day) if n.fract() != 0.0 => (Some(n * 24.0), Unit::Hour),
        (Some(n), Unit::Hour) if n.fract() != 0.0 => (Some(n * 60.0), Unit::Minute),
        other => other,
    };
    let amount = n.map_or_else(|| "X".to_string(), fmt_amount);
    match unit {
        Unit::Second => format!("PT{amount}S"),
        Unit::Minute => format!("PT{amount}M"),
        Unit::Hour => format!("PT{amount}H"),
        Unit::Day => format!("P{amount}D"),
        Unit::Week => format!("P{amount}W"),
        Unit::Weekend => format!("P{amount}WE"),
        Unit::Month => format!("P{amount}M"),
        Unit::Quarter => format!("P{amount}Q"),
        Unit::Year | Unit::Decade | Unit::Century => format!("P{amount}Y"),
    }
}

// ---------------------------------------------------------------- calendar helpers

fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// Distance of a signed offset from the anchor, ties going to the past.
fn weigh(diff: i64) -> i64 {
    if diff > 0 { diff * 2 + 1 } else { -diff * 2 }
}

/// The year that puts `month`/`day` nearest `anchor` (ties go to the past).
fn nearest_year(anchor: NaiveDate, month: u32, day: Option<u32>) -> Option<i32> {
    let mut best: Option<(i64, i32)> = None;
    for y in [anchor.year() - 1, anchor.year(), anchor.year() + 1] {
        let dist = match day {
            Some(d) => {
                let Some(date) = NaiveDate::from_ymd_opt(y, month, d) else {
                    continue;
                };
                // Past dates win ties: weigh future ones a hair more.
                let diff = (date - anchor).num_days();
                weigh(diff)
            }
            None => {
                let diff = i64::from(y * 12 + month as i32)
                    - i64::from(anchor.year() * 12 + anchor.month() as i32);
                weigh(diff)
            }
        };
        if best.is_none_or(|(b, _)| dist < b) {
            best = Some((dist, y));
        }
    }
    best.map(|(_, y)| y)
}

fn nearest_quarter_year(anchor: NaiveDate, q: u32) -> i32 {
    let here = anchor.year() * 4 + quarter_of(anchor) as i32;
    let mut best = (i32::MAX, anchor.year());
    for y in [anchor.year() - 1, anchor.year(), anchor.year() + 1] {
        let diff = y * 4 + q as i32 - here;
        let dist = diff.abs() * 2 + i32::from(diff > 0);
        if dist < best.0 {
            best = (dist, y);
        }
    }
    best.1
}

fn add_months(d: NaiveDate, months: i32) -> Option<NaiveDate> {
    let first = d.with_day(1)?;
    if months >= 0 {
        first.checked_add_months(Months::new(months.unsigned_abs()))
    } else {
        first.checked_sub_months(Months::new(months.unsigned_abs()))
    }
}

fn add_days(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        d.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// Days from `from` back to the most recent `wd` (0 when `from` is one).
fn days_back(from: NaiveDate, wd: Weekday) -> i64 {
    let a = i64::from(from.weekday().num_days_from_monday());
    let b = i64::from(wd.num_days_from_monday());
    (a - b).rem_euclid(7)
}

fn weekday_date(
    anchor: NaiveDate,
    wd: Weekday,
    rel: Option<i32>,
    future: bool,
) -> Option<NaiveDate> {
    let back = days_back(anchor, wd);
    let fwd = (7 - back) % 7;
    match rel {
        Some(-1) => add_days(anchor, -(if back == 0 { 7 } else { back })),
        Some(1) => add_days(anchor, if fwd == 0 { 7 } else { fwd }),
        Some(_) => {
            // "this Friday": in the anchor's week.
            let monday = add_days(anchor, -i64::from(anchor.weekday().num_days_from_monday()))?;
            add_days(monday, i64::from(wd.num_days_from_monday()))
        }
        None if future => add_days(anchor, fwd),
        None => add_days(anchor, -back),
    }
}

fn season_start(code: &str) -> u32 {
    match code {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    }
}

fn season_of(d: NaiveDate) -> (&'static str, i32) {
    match d.month() {
        3..=5 => ("SP", d.year()),
        6..=8 => ("SU", d.year()),
        9..=11 => ("FA", d.year()),
        12 => ("WI", d.year()),
        _ => ("WI", d.year() - 1),
    }
}

fn thanksgiving(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Thu, 4)
}

// ---------------------------------------------------------------- the resolver

fn resolve(
    spec: &Spec,
    anchor: Option<NaiveDate>,
    future: bool,
    state: &mut State,
) -> Option<(TimexKind, String)> {
    use TimexKind::{Date, Duration, Time};
    match spec {
        Spec::Literal(kind, v) => date(*kind, v.clone()),
        Spec::Calendar {
            year,
            month,
            day,
            part,
        } => {
            let y = match (year, anchor) {
                (Some(y), _) => Some(*y),
                (None, Some(a)) => nearest_year(a, *month, *day),
                (None, None) => None,
            };
            let v = match (y, day) {
                (Some(y), Some(d)) => {
                    NaiveDate::from_ymd_opt(y, *month, *d)?;
                    format!("{y:04}-{month:02}-{d:02}")
                }
                (Some(y), None) => ym(y, *month),
                (None, Some(d)) => format!("XXXX-{month:02}-{d:02}"),
                (None, None) => format!("XXXX-{month:02}"),
            };
            Some(with_part(v, *part))
        }
        Spec::RelMonth { month, rel } => {
            let Some(a) = anchor else {
                return date(Date, format!("XXXX-{month:02}"));
            };
            let y = match rel {
                -1 => {
                    if *month < a.month() {
                        a.year()
                    } else {
                        a.year() - 1
                    }
                }
                1 => {
                    if *month > a.month() {
                        a.year()
                    } else {
                        a.year() + 1
                    }
                }
                _ => a.year(),
            };
            date(Date, ym(y, *month))
        }
        Spec::Year(y) => date(Date, format!("{y:04}")),
        Spec::Weekday { wd, rel, part } => {
            let Some(a) = anchor else {
                let mut v = format!("XXXX-WXX-{}", wd.number_from_monday());
                if let Some(p) = part {
                    v = format!("{v}T{p}");
                }
                return date(if part.is_some() { Time } else { Date }, v);
            };
            let d = weekday_date(a, *wd, *rel, future)?;
            Some(with_part(ymd(d), *part))
        }
        Spec::DayOffset { days, part } => {
            let Some(a) = anchor else {
                return Some(with_part("XXXX-XX-XX".to_string(), *part));
            };
            Some(with_part(ymd(add_days(a, *days)?), *part))
        }
        Spec::RelUnit { unit, offset } => {
            let Some(a) = anchor else {
                return date(
                    Date,
                    match unit {
                        Unit::Week => "XXXX-WXX",
                        Unit::Weekend => "XXXX-WXX-WE",
                        Unit::Month => "XXXX-XX",
                        Unit::Quarter => "XXXX-QX",
                        _ => "XXXX",
                    },
                );
            };
            rel_unit(a, *unit, *offset, future)
        }
        Spec::Ago { n, unit, dir } => {
            let Some(n) = n else {
                return date(Date, if *dir < 0 { "PAST_REF" } else { "FUTURE_REF" });
            };
            if *unit == Unit::Year
                && *n == 1
                && let Some((y, q)) = state.last_quarter
            {
                let y = y + dir;
                return date(Date, format!("{y:04}-Q{q}"));
            }
            let Some(a) = anchor else {
                return date(Date, if *dir < 0 { "PAST_REF" } else { "FUTURE_REF" });
            };
            offset_from(a, i64::from(*n) * i64::from(*dir), *unit)
        }
        Spec::Anaphoric { n, unit, dir } => {
            if *unit == Unit::Year
                && *n == 1
                && let Some((y, q)) = state.last_quarter
            {
                let y = y + dir;
                return date(Date, format!("{y:04}-Q{q}"));
            }
            let base = match unit {
                Unit::Day | Unit::Week | Unit::Hour | Unit::Minute | Unit::Second => {
                    state.last_date.or(anchor)
                }
                _ => anchor,
            };
            let Some(base) = base else {
                return date(Date, if *dir < 0 { "PAST_REF" } else { "FUTURE_REF" });
            };
            offset_from(base, i64::from(*n) * i64::from(*dir), *unit)
        }
        Spec::YearAgoPeriod => {
            if let Some((y, q)) = state.last_quarter {
                return date(Date, format!("{:04}-Q{q}", y - 1));
            }
            let a = anchor?;
            date(Date, format!("{:04}", a.year() - 1))
        }
        Spec::Duration { n, unit } => date(Duration, duration_value(*n, *unit)),
        Spec::Quarter { q, year } => {
            let (y, q) = match (q, year, anchor) {
                (Some(q), YearRef::Abs(y), _) => (Some(*y), Some(*q)),
                (Some(q), YearRef::Rel(r), Some(a)) => (Some(a.year() + r), Some(*q)),
                (Some(q), YearRef::Nearest, Some(a)) => {
                    (Some(nearest_quarter_year(a, *q)), Some(*q))
                }
                (Some(q), _, None) => (None, Some(*q)),
                (None, YearRef::Abs(y), _) => match state.last_quarter {
                    Some((_, q)) => (Some(*y), Some(q)),
                    // "the 1988 period" with no quarter spoken of: the year.
                    None => return date(Date, format!("{y:04}")),
                },
                (None, _, _) => match (state.last_quarter, anchor) {
                    (Some((y, q)), _) => (Some(y), Some(q)),
                    (None, Some(a)) => {
                        let prev = add_months(a, -3)?;
                        (Some(prev.year()), Some(quarter_of(prev)))
                    }
                    (None, None) => (None, None),
                },
            };
            let ys = y.map_or_else(|| "XXXX".to_string(), |y| format!("{y:04}"));
            let qs = q.map_or_else(|| "X".to_string(), |q| q.to_string());
            date(Date, format!("{ys}-Q{qs}"))
        }
        Spec::Half { h, year } => {
            let y = match (year, anchor) {
                (YearRef::Abs(y), _) => Some(*y),
                (YearRef::Rel(r), Some(a)) => Some(a.year() + r),
                (YearRef::Nearest, Some(a)) => Some(a.year()),
                _ => None,
            };
            let ys = y.map_or_else(|| "XXXX".to_string(), |y| format!("{y:04}"));
            date(Date, format!("{ys}-H{h}"))
        }
        Spec::Season { code, year } => {
            let y = match (year, anchor) {
                (YearRef::Abs(y), _) => Some(*y),
                (YearRef::Rel(r), Some(a)) => {
                    let (cur, cur_y) = season_of(a);
                    let start = season_start(code);
                    Some(match r {
                        -1 => {
                            // The last such season that is over.
                            if cur == *code {
                                cur_y - 1
                            } else if a.month() >= start || (*code == "WI" && a.month() < 3) {
                                if *code == "WI" && a.month() < 12 {
                                    a.year() - 1
                                } else {
                                    a.year()
                                }
                            } else {
                                a.year() - 1
                            }
                        }
                        1 => {
                            if a.month() < start && cur != *code {
                                a.year()
                            } else {
                                a.year() + 1
                            }
                        }
                        _ => {
                            if cur == *code {
                                cur_y
                            } else {
                                a.year()
                            }
                        }
                    })
                }
                (YearRef::Nearest, Some(a)) => Some(a.year()),
                _ => None,
            };
            let ys = y.map_or_else(|| "XXXX".to_string(), |y| format!("{y:04}"));
            date(Date, format!("{ys}-{code}"))
        }
        Spec::Decade(p) => date(Date, format!("{p}X")),
        Spec::Century(p) => date(Date, p.clone()),
        Spec::Clock { hour, minute, day } => {
            let day_value = match day {
                Some(d) => resolve(d, anchor, future, state).map(|(_, v)| v),
                None => state.last_date.or(anchor).map(ymd),
            }
            .unwrap_or_else(|| "XXXX-XX-XX".to_string());
            date(Time, format!("{day_value}T{hour:02}:{minute:02}"))
        }
        Spec::Holiday { month, day } => {
            let Some(a) = anchor else {
                return date(Date, format!("XXXX-{month:02}-{day:02}"));
            };
            let y = nearest_year(a, *month, Some(*day))?;
            date(Date, format!("{y:04}-{month:02}-{day:02}"))
        }
        Spec::Thanksgiving => {
            let Some(a) = anchor else {
                return date(Date, "XXXX-11-XX");
            };
            let best = [a.year() - 1, a.year(), a.year() + 1]
                .into_iter()
                .filter_map(thanksgiving)
                .min_by_key(|d| {
                    let diff = (*d - a).num_days();
                    diff.abs() * 2 + i64::from(diff > 0)
                })?;
            date(Date, ymd(best))
        }
    }
}

/// A date `n` units (signed) from `base`, at the granularity of the unit.
fn offset_from(base: NaiveDate, n: i64, unit: Unit) -> Option<(TimexKind, String)> {
    use TimexKind::Date;
    let n32 = i32::try_from(n).ok()?;
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => date(Date, ymd(base)),
        Unit::Day => date(Date, ymd(add_days(base, n)?)),
        Unit::Week | Unit::Weekend => date(Date, iso_week(add_days(base, n * 7)?)),
        Unit::Month => {
            let d = add_months(base, n32)?;
            date(Date, ym(d.year(), d.month()))
        }
        Unit::Quarter => {
            let d = add_months(base, n32 * 3)?;
            date(Date, format!("{:04}-Q{}", d.year(), quarter_of(d)))
        }
        Unit::Year => date(Date, format!("{:04}", base.year() + n32)),
        Unit::Decade => date(Date, format!("{:04}", base.year() + n32 * 10)),
        Unit::Century => date(Date, format!("{:04}", base.year() + n32 * 100)),
    }
}

fn rel_unit(a: NaiveDate, unit: Unit, offset: i32, future: bool) -> Option<(TimexKind, String)> {
    use TimexKind::Date;
    match unit {
        Unit::Week => date(Date, iso_week(add_days(a, i64::from(offset) * 7)?)),
        Unit::Weekend => {
            let sat_back = days_back(a, Weekday::Sat);
            let in_weekend = matches!(a.weekday(), Weekday::Sat | Weekday::Sun);
            let base = if offset > 0 || (offset == 0 && future && !in_weekend) {
                add_days(a, (7 - sat_back) % 7)?
            } else if offset < 0 && in_weekend {
                add_days(a, -(sat_back + 7))?
            } else {
                add_days(a, -sat_back)?
            };
            date(Date, format!("{}-WE", iso_week(base)))
        }
        Unit::Month => {
            let d = add_months(a, offset)?;
            date(Date, ym(d.year(), d.month()))
        }
        Unit::Quarter => {
            let d = add_months(a, offset * 3)?;
            date(Date, format!("{:04}-Q{}", d.year(), quarter_of(d)))
        }
        Unit::Year => date(Date, format!("{:04}", a.year() + offset)),
        Unit::Decade => date(Date, format!("{:03}X", (a.year() + offset * 10) / 10)),
        Unit::Century => date(Date, format!("{:02}", (a.year() + offset * 100) / 100)),
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => {
            date(Date, ymd(add_days(a, i64::from(offset))?))
        }
    }
}
