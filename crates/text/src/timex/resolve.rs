//! Anchoring: turning each chosen candidate's [`Spec`] into a TimeML value,
//! given the anchor date, the sentence it sits in, and what the text spoke of
//! before (for "a year earlier", "the quarter").

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::rules::{Candidate, Spec, Unit, YearRef};
use super::tense::{Tense, backward_preposition, forward_preposition, tense_at};
use super::{Timex, TimexKind};

/// What earlier expressions of the same text said.
#[derive(Default)]
struct State {
    /// The last quarter spoken of (year, quarter).
    last_quarter: Option<(i32, u32)>,
    /// The last full date spoken of.
    last_date: Option<NaiveDate>,
    /// The last month spoken of (year, month).
    last_month: Option<(i32, u32)>,
    /// The last year spoken of.
    last_year: Option<i32>,
}

pub(crate) fn resolve_all(
    text: &str,
    chosen: Vec<Candidate>,
    anchor: Option<NaiveDate>,
) -> Vec<Timex> {
    let mut state = State::default();
    let mut out = Vec::with_capacity(chosen.len());
    for c in chosen {
        let mut tense = tense_at(text, c.start, c.end);
        if matches!(c.spec, Spec::Calendar { .. } | Spec::YearEnd)
            && forward_preposition(text, c.start)
        {
            tense = Tense::Future;
        }
        if matches!(c.spec, Spec::Calendar { .. } | Spec::YearEnd)
            && backward_preposition(text, c.start)
        {
            tense = Tense::Past;
        }
        let Some((kind, value)) = resolve(&c.spec, anchor, tense, &mut state) else {
            continue;
        };
        if !matches!(
            c.spec,
            Spec::Anaphoric { .. } | Spec::YearAgoPeriod | Spec::Ago { .. } | Spec::Duration { .. }
        ) {
            remember(&value, anchor, &mut state);
        }
        // "the first nine months": the text now compares year-to-date
        // figures, so "a year earlier" means the year, not a quarter.
        if let Spec::Duration {
            n: Some(n),
            unit: Unit::Month,
        } = c.spec
            && n > 3.0
        {
            state.last_quarter = None;
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

fn remember(value: &str, anchor: Option<NaiveDate>, state: &mut State) {
    let year = value
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|y| y.parse::<i32>().ok());
    let Some(year) = year else {
        return;
    };
    if value.len() == 4 || value.as_bytes().get(4) == Some(&b'-') {
        state.last_year = Some(year);
    }
    if let Some(m) = value
        .get(5..7)
        .filter(|m| m.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|m| m.parse::<u32>().ok())
        .filter(|m| (1..=12).contains(m))
    {
        state.last_month = Some((year, m));
    }
    if let Some((y, q)) = value.split_once("-Q")
        && let (Ok(y), Ok(q)) = (y.parse::<i32>(), q.parse::<u32>())
    {
        // Reports speak of quarters that are over; a quarter still to
        // come ("a fourth-quarter charge") is not what "the quarter" and
        // "a year ago" refer back to.
        let over = anchor.is_none_or(|a| y * 4 + (q as i32) < a.year() * 4 + quarter_of(a) as i32);
        if over {
            state.last_quarter = Some((y, q));
        }
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
    // Mixed units for halves: "2 1/2 years" P2Y6M, "5 1/2 hours" PT5H30M.
    if let Some(v) = n
        && v.fract() != 0.0
        && v > 1.0
        && (v * 2.0).fract() == 0.0
    {
        let whole = v.trunc() as i64;
        match unit {
            Unit::Year => return format!("P{whole}Y6M"),
            Unit::Day => return format!("P{whole}DT12H"),
            Unit::Hour => return format!("PT{whole}H30M"),
            Unit::Minute => return format!("PT{whole}M30S"),
            _ => {}
        }
    }
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

/// Months between the anchor and (year, month), signed.
fn month_gap(anchor: NaiveDate, year: i32, month: u32) -> i32 {
    year * 12 + month as i32 - (anchor.year() * 12 + anchor.month() as i32)
}

/// How many months the nearest reading of a month name may lie on the
/// side its tense contradicts before the other year is taken (measured on
/// TBAQ: 2 beats 0, 1, 3 and 4).
const TENSE_GAP_MONTHS: i32 = 2;

/// The year of `month`/`day`: the nearest one to the anchor, unless that
/// is more than a couple of months away in the direction the tense
/// contradicts ("stepped down in March" told in November is last March).
fn year_for(anchor: NaiveDate, month: u32, day: Option<u32>, tense: Tense) -> Option<i32> {
    let near = nearest_year(anchor, month, day)?;
    let gap = month_gap(anchor, near, month);
    let limit = TENSE_GAP_MONTHS;
    Some(match tense {
        Tense::Past if gap > limit => near - 1,
        Tense::Future if gap < -limit => near + 1,
        _ => near,
    })
}

fn quarter_year(anchor: NaiveDate, q: u32, tense: Tense) -> i32 {
    let near = nearest_quarter_year(anchor, q);
    let gap = near * 4 + q as i32 - (anchor.year() * 4 + quarter_of(anchor) as i32);
    match tense {
        // Results are reported for the quarter just ended: "the third
        // quarter" in October is this year's, whatever the verb.
        Tense::Past if gap > 0 => near - 1,
        Tense::Future if gap < -1 => near + 1,
        _ => near,
    }
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
    tense: Tense,
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
        None if tense == Tense::Future => add_days(anchor, fwd),
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

/// US Election Day: the Tuesday after the first Monday of November.
fn election_day(year: i32) -> Option<NaiveDate> {
    add_days(
        NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Mon, 1)?,
        1,
    )
}

/// The yearly date `day_in` gives nearest the anchor (ties to the past).
fn nearest_yearly(a: NaiveDate, day_in: fn(i32) -> Option<NaiveDate>) -> Option<NaiveDate> {
    [a.year() - 1, a.year(), a.year() + 1]
        .into_iter()
        .filter_map(day_in)
        .min_by_key(|d| {
            let diff = (*d - a).num_days();
            diff.abs() * 2 + i64::from(diff > 0)
        })
}

// ---------------------------------------------------------------- the resolver

fn resolve(
    spec: &Spec,
    anchor: Option<NaiveDate>,
    tense: Tense,
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
                (None, Some(a)) => year_for(a, *month, *day, tense),
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
            // In news a bare weekday is counted from the publication date,
            // not from the date last spoken of (on TBAQ the latter loses
            // 0.04 value F1).
            let d = weekday_date(a, *wd, *rel, tense)?;
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
            rel_unit(a, *unit, *offset, tense == Tense::Future)
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
        Spec::RefRel { unit, offset, part } => {
            let Some(a) = anchor else {
                return date(Date, "XXXX-XX-XX");
            };
            match unit {
                Unit::Day | Unit::Week => {
                    let base = state.last_date.unwrap_or(a);
                    let d = add_days(
                        base,
                        i64::from(*offset) * if *unit == Unit::Week { 7 } else { 1 },
                    )?;
                    if *unit == Unit::Week {
                        date(Date, iso_week(d))
                    } else {
                        Some(with_part(ymd(d), *part))
                    }
                }
                Unit::Month => {
                    let (y, m) = state.last_month.unwrap_or((a.year(), a.month()));
                    let d = add_months(NaiveDate::from_ymd_opt(y, m, 1)?, *offset)?;
                    date(Date, ym(d.year(), d.month()))
                }
                Unit::Quarter => {
                    let (y, q) = state.last_quarter.unwrap_or((a.year(), quarter_of(a)));
                    let d = add_months(NaiveDate::from_ymd_opt(y, q * 3 - 2, 1)?, offset * 3)?;
                    date(Date, format!("{:04}-Q{}", d.year(), quarter_of(d)))
                }
                _ => {
                    let y = state.last_year.unwrap_or(a.year());
                    date(Date, format!("{:04}", y + offset))
                }
            }
        }
        Spec::YearEnd => {
            let Some(a) = anchor else {
                return date(Date, "XXXX-12-31");
            };
            let y = if tense == Tense::Past {
                a.year() - 1
            } else {
                a.year()
            };
            date(Date, format!("{y:04}-12-31"))
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
                    (Some(quarter_year(a, *q, tense)), Some(*q))
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
                Some(d) => resolve(d, anchor, tense, state).map(|(_, v)| v),
                None => state.last_date.or(anchor).map(ymd),
            }
            .unwrap_or_else(|| "XXXX-XX-XX".to_string());
            date(Time, format!("{day_value}T{hour:02}:{minute:02}"))
        }
        Spec::Holiday { month, day } => {
            let Some(a) = anchor else {
                return date(Date, format!("XXXX-{month:02}-{day:02}"));
            };
            let y = year_for(a, *month, Some(*day), tense)?;
            date(Date, format!("{y:04}-{month:02}-{day:02}"))
        }
        Spec::Thanksgiving | Spec::ElectionDay => {
            let Some(a) = anchor else {
                return date(Date, "XXXX-11-XX");
            };
            let day_in = if matches!(spec, Spec::Thanksgiving) {
                thanksgiving
            } else {
                election_day
            };
            date(Date, ymd(nearest_yearly(a, day_in)?))
        }
        Spec::WeekOf(inner) => {
            let (_, v) = resolve(inner, anchor, tense, state)?;
            match v
                .get(..10)
                .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            {
                Some(d) => date(Date, iso_week(d)),
                None => date(Date, "XXXX-WXX"),
            }
        }
        Spec::PrevWeekday(wd) => {
            let Some(base) = state.last_date.or(anchor) else {
                return date(Date, format!("XXXX-WXX-{}", wd.number_from_monday()));
            };
            let back = match days_back(base, *wd) {
                0 => 7,
                n => n,
            };
            date(Date, ymd(add_days(base, -back)?))
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
