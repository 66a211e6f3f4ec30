//! Reading events back: filters, rows and time series.
//!
//! Actor codes match as prefixes (`PAK` matches `PAK`, `PAKGOV`, `PAKMIL`…), as CAMEO codes nest;
//! `dyad` matches either direction. `text` is a full-text search (FTS5, Porter-stemmed) over the
//! sentences that reported each event: every word must occur.

use chrono::NaiveDate;
use dyad_code::record::split_actor;
use rusqlite::types::Value;
use serde::Serialize;

use crate::{Result, Store};

/// Which events to read.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub source: Option<String>,
    pub target: Option<String>,
    /// Two actor code prefixes, matched in either direction.
    pub dyad: Option<(String, String)>,
    /// CAMEO root code (`04`).
    pub root: Option<String>,
    /// CAMEO event code prefix (`04`, `042`).
    pub cameo: Option<String>,
    pub quad: Option<u8>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub topic: Option<String>,
    pub text: Option<String>,
    pub limit: Option<u64>,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    pub name: Option<String>,
    pub country: Option<String>,
    pub adm1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<i64>,
    pub precision: Option<String>,
}

/// One event row with its counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
    pub event_id: i64,
    pub date: String,
    pub source: String,
    pub target: String,
    pub cameo: String,
    pub root: String,
    pub quad_class: Option<i64>,
    pub goldstein: Option<f64>,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub source_text: String,
    pub target_text: String,
    pub verb_text: String,
    pub plover_type: Option<String>,
    pub plover_mode: Option<String>,
    pub source_country: String,
    pub target_country: String,
    pub location: Option<Place>,
    pub topics: Vec<String>,
    pub is_root: bool,
    /// The first article that reported the event: its id and URL (or where it was read).
    pub first_article: String,
    pub source_url: String,
    /// When the event was first stored (UTC, YYYYMMDDHHMMSS).
    pub date_added: String,
}

/// The columns [`EventRow::from_row`] reads, in order; `e` is `events`, `a` the first article.
pub(crate) const EVENT_COLUMNS: &str = "e.event_id, e.date, e.source, e.target, e.cameo, e.root, e.quad_class,
    e.goldstein, e.num_mentions, e.num_sources, e.num_articles, e.source_text, e.target_text,
    e.verb_text, e.plover_type, e.plover_mode, e.source_country, e.target_country, e.loc_name,
    e.loc_country, e.loc_adm1, e.lat, e.lon, e.geonameid, e.loc_precision,
    (SELECT group_concat(topic, char(31)) FROM (SELECT topic FROM event_topics t WHERE t.event_id = e.event_id ORDER BY topic)),
    e.is_root, a.id, coalesce(a.url, a.origin), e.date_added";

impl EventRow {
    pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
        let loc_name: Option<String> = r.get(18)?;
        let location = match loc_name {
            Some(name) => Some(Place {
                name: Some(name),
                country: r.get(19)?,
                adm1: r.get(20)?,
                lat: r.get(21)?,
                lon: r.get(22)?,
                geonameid: r.get(23)?,
                precision: r.get(24)?,
            }),
            None => None,
        };
        let topics: Option<String> = r.get(25)?;
        Ok(EventRow {
            event_id: r.get(0)?,
            date: r.get(1)?,
            source: r.get(2)?,
            target: r.get(3)?,
            cameo: r.get(4)?,
            root: r.get(5)?,
            quad_class: r.get(6)?,
            goldstein: r.get(7)?,
            num_mentions: r.get(8)?,
            num_sources: r.get(9)?,
            num_articles: r.get(10)?,
            source_text: r.get(11)?,
            target_text: r.get(12)?,
            verb_text: r.get(13)?,
            plover_type: r.get(14)?,
            plover_mode: r.get(15)?,
            source_country: r.get(16)?,
            target_country: r.get(17)?,
            location,
            topics: topics
                .map(|t| t.split('\u{1f}').map(str::to_string).collect())
                .unwrap_or_default(),
            is_root: r.get::<_, i64>(26)? != 0,
            first_article: r.get(27)?,
            source_url: r.get(28)?,
            date_added: r.get(29)?,
        })
    }
}

/// Time-series resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day,
    Month,
    Year,
}

/// One period of a time series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesRow {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub period: String,
    pub events: i64,
    pub mentions: i64,
    pub articles: i64,
    /// Mean Goldstein score of the period's events.
    pub goldstein: Option<f64>,
}

/// The smallest string greater than every string that starts with `p`.
fn prefix_end(p: &str) -> String {
    let mut chars: Vec<char> = p.chars().collect();
    while let Some(last) = chars.pop() {
        let mut n = last as u32 + 1;
        if (0xD800..0xE000).contains(&n) {
            n = 0xE000;
        }
        if let Some(c) = char::from_u32(n) {
            chars.push(c);
            return chars.into_iter().collect();
        }
    }
    // Every character was char::MAX: no upper bound short of the maximum.
    char::MAX.to_string().repeat(p.chars().count() + 1)
}

/// `col` starts with `p` (an index range, not a scan).
fn prefix(col: &str, p: &str, args: &mut Vec<Value>) -> String {
    let p = p.trim().to_uppercase();
    if p.is_empty() {
        return format!("{col} = ''");
    }
    args.push(Value::Text(p.clone()));
    args.push(Value::Text(prefix_end(&p)));
    format!("({col} >= ? AND {col} < ?)")
}

/// `p` as a bare country code (`PAK`, `IGO`): three letters that [`split_actor`] reads as the
/// country part, so that "starts with `p`" and "country is `p`" select the same codes. Sector codes
/// (`GOV`…) are not: `GOVxxx` has no country.
fn country(p: &str) -> Option<String> {
    let p = p.trim().to_uppercase();
    (p.len() == 3
        && p.chars().all(|c| c.is_ascii_uppercase())
        && split_actor(&p) == (p.as_str(), ""))
        .then_some(p)
}

/// `col = v`.
fn equal(col: &str, v: String, args: &mut Vec<Value>) -> String {
    args.push(Value::Text(v));
    format!("{col} = ?")
}

/// An FTS5 query that requires every word of `text` (each quoted, so no syntax can fail).
pub fn fts_query(text: &str) -> String {
    text.split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Filter {
    /// The WHERE clause (over `events e`) and its arguments.
    ///
    /// With an actor filter (source, target, dyad), the event ids are first selected from the
    /// `events_source` / `events_target` indexes alone, with the date, root, CAMEO and QuadClass
    /// conditions that those indexes also hold; only the matching rows are then read. (Left to
    /// itself, SQLite reads every row of the wider actor range to sum the counts: 200 ms instead of
    /// 20 for a dyad over a million events.)
    ///
    /// With `flat`, every condition is on `e` itself: for a time series, whose sums the actor
    /// indexes carry, so that SQLite answers it from one index.
    pub(crate) fn clause(&self, flat: bool) -> (String, Vec<Value>) {
        let has_actors = self.source.is_some() || self.target.is_some() || self.dyad.is_some();
        let inner = has_actors && !flat;
        // Column names: bare inside the actor subquery, on `e` otherwise.
        let q = if inner { "" } else { "e." };
        let (src, tgt) = (format!("{q}source"), format!("{q}target"));
        let mut conds: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        // A source given as a bare country (or IGO/NGO) code is an equality on the country column,
        // which `events_dyad` seeks; with it, so is a bare-country target.
        let source_country = self.source.as_deref().and_then(country);
        if let Some(s) = &self.source {
            conds.push(match source_country.clone() {
                Some(c) => equal(&format!("{q}source_country"), c, &mut args),
                None => prefix(&src, s, &mut args),
            });
        }
        if let Some(t) = &self.target {
            conds.push(match (&source_country, country(t)) {
                (Some(_), Some(c)) => equal(&format!("{q}target_country"), c, &mut args),
                _ => prefix(&tgt, t, &mut args),
            });
        }
        if let Some((x, y)) = &self.dyad {
            let side = |a: &str, b: &str, args: &mut Vec<Value>| match (country(a), country(b)) {
                (Some(ca), Some(cb)) => format!(
                    "({} AND {})",
                    equal(&format!("{q}source_country"), ca, args),
                    equal(&format!("{q}target_country"), cb, args)
                ),
                _ => format!("({} AND {})", prefix(&src, a, args), prefix(&tgt, b, args)),
            };
            let one = side(x, y, &mut args);
            let other = side(y, x, &mut args);
            conds.push(format!("({one} OR {other})"));
        }
        // Conditions on columns the actor indexes hold too.
        if let Some(r) = &self.root {
            conds.push(format!("{q}root = ?"));
            args.push(Value::Text(format!("{:0>2}", r.trim())));
        }
        if let Some(c) = &self.cameo {
            conds.push(prefix(&format!("{q}cameo"), c, &mut args));
        }
        if let Some(quad) = self.quad {
            conds.push(format!("{q}quad_class = ?"));
            args.push(Value::Integer(quad as i64));
        }
        if let Some(d) = self.from {
            conds.push(format!("{q}date >= ?"));
            args.push(Value::Text(d.format("%Y-%m-%d").to_string()));
        }
        if let Some(d) = self.to {
            conds.push(format!("({q}date <= ? AND {q}date <> '')"));
            args.push(Value::Text(d.format("%Y-%m-%d").to_string()));
        }
        let mut w: Vec<String> = if inner {
            vec![format!(
                "e.event_id IN (SELECT event_id FROM events WHERE {})",
                conds.join(" AND ")
            )]
        } else {
            conds
        };
        if let Some(t) = &self.topic {
            // With other conditions, probe each candidate's topics; alone, list the topic's events.
            w.push(if w.is_empty() {
                "e.event_id IN (SELECT event_id FROM event_topics WHERE topic = ?)".into()
            } else {
                "EXISTS (SELECT 1 FROM event_topics t WHERE t.event_id = e.event_id AND t.topic = ?)"
                    .into()
            });
            args.push(Value::Text(t.trim().to_lowercase()));
        }
        if let Some(t) = &self.text {
            w.push(
                "e.event_id IN (SELECT m.event_id FROM sentences_fts f JOIN mentions m ON m.sentence_pk = f.rowid
                 WHERE sentences_fts MATCH ?)"
                    .into(),
            );
            args.push(Value::Text(fts_query(t)));
        }
        let clause = if w.is_empty() {
            "1".to_string()
        } else {
            w.join(" AND ")
        };
        (clause, args)
    }
}

impl Store {
    /// Calls `each` with every event the filter selects, by date then id.
    pub fn events(
        &self,
        filter: &Filter,
        each: &mut dyn FnMut(EventRow) -> std::io::Result<()>,
    ) -> Result<u64> {
        let (clause, mut args) = filter.clause(false);
        let limit = match filter.limit {
            Some(n) => {
                args.push(Value::Integer(n.min(i64::MAX as u64) as i64));
                "LIMIT ?"
            }
            None => "",
        };
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.article_pk = e.first_article_pk
             WHERE {clause} ORDER BY e.date, e.event_id {limit}"
        );
        self.each_event(&sql, args, each)
    }

    pub(crate) fn each_event(
        &self,
        sql: &str,
        args: Vec<Value>,
        each: &mut dyn FnMut(EventRow) -> std::io::Result<()>,
    ) -> Result<u64> {
        let mut st = self
            .conn
            .prepare(sql)
            .map_err(|e| self.err("preparing the query", e))?;
        let mut rows = st
            .query(rusqlite::params_from_iter(args))
            .map_err(|e| self.err("querying events", e))?;
        let mut n = 0u64;
        while let Some(r) = rows.next().map_err(|e| self.err("reading events", e))? {
            let row = EventRow::from_row(r).map_err(|e| self.err("reading an event", e))?;
            each(row).map_err(|source| crate::StoreError::Io {
                what: "writing events".into(),
                source,
            })?;
            n += 1;
        }
        Ok(n)
    }

    /// Events per period (events with no date are left out), oldest first.
    pub fn series(&self, filter: &Filter, period: Period) -> Result<Vec<SeriesRow>> {
        let len = match period {
            Period::Day => 10,
            Period::Month => 7,
            Period::Year => 4,
        };
        // Without a topic or text condition the whole series comes from one actor index.
        let (clause, args) = filter.clause(filter.topic.is_none() && filter.text.is_none());
        let limit = filter
            .limit
            .map(|n| format!("LIMIT {n}"))
            .unwrap_or_default();
        let sql = format!(
            "SELECT substr(e.date, 1, {len}) AS p, count(*), sum(e.num_mentions), sum(e.num_articles), avg(e.goldstein)
             FROM events e WHERE {clause} AND e.date <> '' GROUP BY p ORDER BY p {limit}"
        );
        let mut st = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.err("preparing the time series", e))?;
        let rows = st
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok(SeriesRow {
                    period: r.get(0)?,
                    events: r.get(1)?,
                    mentions: r.get(2)?,
                    articles: r.get(3)?,
                    goldstein: r.get(4)?,
                })
            })
            .map_err(|e| self.err("computing the time series", e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err("reading the time series", e))
    }

    /// The query plan SQLite chose for a filter's monthly time series (for `--plan` and the
    /// benchmarks).
    pub fn plan(&self, filter: &Filter) -> Result<Vec<String>> {
        let (clause, args) = filter.clause(filter.topic.is_none() && filter.text.is_none());
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT substr(e.date, 1, 7) AS p, count(*), sum(e.num_mentions), sum(e.num_articles),
             avg(e.goldstein) FROM events e WHERE {clause} AND e.date <> '' GROUP BY p"
        );
        let mut st = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.err("explaining", e))?;
        let rows = st
            .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))
            .map_err(|e| self.err("explaining", e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err("explaining", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_bounds() {
        assert_eq!(prefix_end("PAK"), "PAL");
        assert_eq!(prefix_end("04"), "05");
        assert!("PAKGOV" < prefix_end("PAK").as_str());
        assert!("PAL" >= prefix_end("PAK").as_str());
    }

    #[test]
    fn bare_country_codes_are_countries() {
        assert_eq!(country("pak").as_deref(), Some("PAK"));
        assert_eq!(country("IGO").as_deref(), Some("IGO"));
        assert_eq!(country("GOV"), None);
        assert_eq!(country("PAKGOV"), None);
        assert_eq!(country("PA"), None);
    }

    #[test]
    fn fts_queries_quote_every_word() {
        assert_eq!(fts_query("cyber  \"attack"), "\"cyber\" \"\"\"attack\"");
    }
}
