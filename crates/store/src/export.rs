//! Exports: GDELT 2.0 Events and Mentions tables, JSONL, CSV and (feature `parquet`) Parquet.
//!
//! **GDELT Events** (`gdelt`): GDELT 2.0's 61 tab-separated columns in GDELT's order, no header.
//! What dyad does not know is left empty: ethnic and religion codes, AvgTone, the two actor geo
//! blocks, ADM2 codes. The action geo block comes from the event's location; its country code is
//! ISO 3166-1 alpha-3 where GDELT writes FIPS 10-4. Actor codes are broken down as GDELT does:
//! country (or, for `IGO…`/`NGO…`, the known group code) and up to three 3-letter type codes.
//!
//! **GDELT Mentions** (`mentions`): GDELT 2.0's 16 columns, one row per mention. MentionTimeDate is
//! the article's publication time (UTC) where known, else when the mention was stored; SentenceID
//! counts from 1; the char offsets are in characters from the start of the article body (-1 when
//! the words were not found verbatim); Confidence is 100 for a mention whose actor and verb words
//! are all in the sentence, 50 when an actor came from elsewhere in the article (a pronoun, an
//! earlier name), times 0.8 when the mention was matched to the event through a near-duplicate.
//!
//! **JSONL**: one event per line (the query row) with its `mentions` (article, sentence, outlet,
//! URL). **CSV**: the query row's flat columns with a header. **Parquet**: the same columns, typed.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use dyad_code::record::split_actor;
use serde::Serialize;

use crate::query::{EVENT_COLUMNS, EventRow, Filter};
use crate::{Result, Store, StoreError};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Gdelt,
    Mentions,
    Jsonl,
    Csv,
    Parquet,
}

/// Whether this build can write Parquet.
pub const PARQUET: bool = cfg!(feature = "parquet");

fn io_err(what: &str) -> impl Fn(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        what: what.to_string(),
        source,
    }
}

impl Store {
    /// Writes the whole store to `out` in `format`; returns the number of rows. The file is written
    /// beside `out` and renamed into place when complete.
    pub fn export(&self, format: Format, out: &Path) -> Result<u64> {
        if format == Format::Parquet && !PARQUET {
            return Err(StoreError::Invalid(
                "this dyad was built without Parquet support: rebuild with `cargo build --release --features parquet`"
                    .into(),
            ));
        }
        let name = out.display().to_string();
        let tmp = out.with_file_name(format!(
            ".{}.partial",
            out.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "export".into())
        ));
        let file = File::create(&tmp).map_err(io_err(&format!("creating {}", tmp.display())))?;
        let mut w = BufWriter::with_capacity(1 << 20, file);
        let n = match format {
            Format::Gdelt => self.export_gdelt(&mut w),
            Format::Mentions => self.export_mentions(&mut w),
            Format::Jsonl => self.export_jsonl(&mut w),
            Format::Csv => self.export_csv(&mut w),
            Format::Parquet => self.export_parquet(w.get_mut()),
        };
        let n = match n.and_then(|n| w.flush().map(|_| n).map_err(io_err(&name))) {
            Ok(n) => n,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        };
        std::fs::rename(&tmp, out).map_err(io_err(&format!("renaming into {name}")))?;
        Ok(n)
    }

    fn all_events(&self, each: &mut dyn FnMut(EventRow) -> io::Result<()>) -> Result<u64> {
        self.events(&Filter::default(), each)
    }

    fn export_gdelt(&self, w: &mut dyn Write) -> Result<u64> {
        self.all_events(&mut |e| writeln!(w, "{}", gdelt_event(&e).join("\t")))
    }

    fn export_mentions(&self, w: &mut dyn Write) -> Result<u64> {
        let mut st = self
            .conn
            .prepare(
                "SELECT m.event_id, e.date_added, a.published, m.added, a.url, a.origin, a.outlet, m.sentence_id,
                    m.actor1_offset, m.actor2_offset, m.action_offset, m.in_raw_text, m.confidence, a.body_chars
                 FROM mentions m JOIN events e ON e.event_id = m.event_id JOIN articles a ON a.article_pk = m.article_pk
                 ORDER BY m.event_id, m.mention_id",
            )
            .map_err(|e| self.err("reading mentions", e))?;
        let mut rows = st.query([]).map_err(|e| self.err("reading mentions", e))?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(|e| self.err("reading mentions", e))? {
            let get = |i| -> Result<Option<String>> {
                r.get::<_, Option<String>>(i)
                    .map_err(|e| self.err("reading a mention", e))
            };
            let int = |i| -> Result<i64> { r.get(i).map_err(|e| self.err("reading a mention", e)) };
            let url = get(4)?;
            let published = get(2)?.and_then(|p| gdelt_time(&p));
            let cols: [String; 16] = [
                int(0)?.to_string(),
                get(1)?.unwrap_or_default(),
                published.or(get(3)?).unwrap_or_default(),
                if url.is_some() { "1" } else { "2" }.to_string(),
                clean(&get(6)?.unwrap_or_default()),
                clean(&url.or(get(5)?).unwrap_or_default()),
                (int(7)? + 1).to_string(),
                int(8)?.to_string(),
                int(9)?.to_string(),
                int(10)?.to_string(),
                int(11)?.to_string(),
                int(12)?.to_string(),
                int(13)?.to_string(),
                String::new(),
                String::new(),
                String::new(),
            ];
            writeln!(w, "{}", cols.join("\t")).map_err(io_err("writing mentions"))?;
            n += 1;
        }
        Ok(n)
    }

    fn export_jsonl(&self, w: &mut dyn Write) -> Result<u64> {
        #[derive(Serialize)]
        struct MentionOut {
            article_id: String,
            sentence_id: i64,
            outlet: String,
            url: String,
            via: String,
            confidence: i64,
            sentence: String,
        }
        #[derive(Serialize)]
        struct EventOut {
            #[serde(flatten)]
            event: EventRow,
            mentions: Vec<MentionOut>,
        }
        let mut st = self
            .conn
            .prepare(
                "SELECT a.id, m.sentence_id, a.outlet, coalesce(a.url, a.origin), m.via, m.confidence, s.text
                 FROM mentions m JOIN articles a ON a.article_pk = m.article_pk
                 JOIN sentences s ON s.sentence_pk = m.sentence_pk
                 WHERE m.event_id = ?1 ORDER BY m.mention_id",
            )
            .map_err(|e| self.err("reading mentions", e))?;
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.article_pk = e.first_article_pk ORDER BY e.date, e.event_id"
        );
        let mut failure: Option<StoreError> = None;
        let n = self.each_event(&sql, Vec::new(), &mut |event| {
            let mentions = st
                .query_map([event.event_id], |r| {
                    Ok(MentionOut {
                        article_id: r.get(0)?,
                        sentence_id: r.get(1)?,
                        outlet: r.get(2)?,
                        url: r.get(3)?,
                        via: r.get(4)?,
                        confidence: r.get(5)?,
                        sentence: r.get(6)?,
                    })
                })
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
            let mentions = match mentions {
                Ok(m) => m,
                Err(e) => {
                    failure = Some(self.err("reading mentions", e));
                    return Err(io::Error::other("reading mentions failed"));
                }
            };
            serde_json::to_writer(&mut *w, &EventOut { event, mentions })?;
            writeln!(w)
        });
        match failure {
            Some(e) => Err(e),
            None => n,
        }
    }

    fn export_csv(&self, w: &mut dyn Write) -> Result<u64> {
        writeln!(w, "{}", CSV_HEADER.join(",")).map_err(io_err("writing CSV"))?;
        self.all_events(&mut |e| writeln!(w, "{}", csv_row(&e)))
    }

    #[cfg(not(feature = "parquet"))]
    fn export_parquet(&self, _file: &mut File) -> Result<u64> {
        Err(StoreError::Invalid(
            "this dyad was built without Parquet support".into(),
        ))
    }

    #[cfg(feature = "parquet")]
    fn export_parquet(&self, file: &mut File) -> Result<u64> {
        parquet_out::write(self, file)
    }
}

/// Tabs and line breaks would break a row: they become spaces.
fn clean(s: &str) -> String {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ")
    } else {
        s.to_string()
    }
}

/// An RFC 3339 time or a `YYYY-MM-DD` date as GDELT's YYYYMMDDHHMMSS (UTC).
fn gdelt_time(s: &str) -> Option<String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc).format("%Y%m%d%H%M%S").to_string());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .map(|d| format!("{}000000", d.format("%Y%m%d")))
}

/// CAMEO's international region codes (CAMEO manual 1.1b3, table "International Region Codes").
const REGIONS: &[&str] = &[
    "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM",
    "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST",
];

/// CAMEO role (type) codes.
const ROLES: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "INS", "MED", "BUS", "EDU", "HLH", "REF",
    "LAB", "CVL", "ELI", "SPY", "CRM", "REL", "PTY", "AGR", "UAF", "MOD", "RAD", "IMG", "SEP",
    "ENV", "IND", "DEV", "HRI", "NGO", "IGO", "NGM", "MNC",
];

/// GDELT's actor breakdown: country, known group, ethnic, religion 1 and 2, types 1–3.
/// International actors (`IGO…`, `NGO…`, `IMG…`, `NGM…`, `MNC…`) take their generic code as the
/// first type, a region code as the country, and the last other code as the known group
/// (`IGOEUREEC`: IGO, EUR, EEC; `NGOHRIAMN`: NGO + HRI, AMN).
fn actor_fields(code: &str) -> [String; 8] {
    let mut out: [String; 8] = Default::default();
    let chunks: Vec<&str> = (0..code.len())
        .step_by(3)
        .filter_map(|i| code.get(i..(i + 3).min(code.len())))
        .collect();
    let mut types: Vec<&str> = Vec::new();
    if chunks
        .first()
        .is_some_and(|h| matches!(*h, "IGO" | "NGO" | "IMG" | "NGM" | "MNC"))
    {
        types.push(chunks[0]);
        for (i, c) in chunks.iter().enumerate().skip(1) {
            if i == 1 && REGIONS.contains(c) {
                out[0] = c.to_string();
            } else if ROLES.contains(c) {
                types.push(c);
            } else {
                out[1] = c.to_string();
            }
        }
    } else {
        let (country, rest) = split_actor(code);
        out[0] = country.to_string();
        types.extend(
            (0..rest.len())
                .step_by(3)
                .filter_map(|i| rest.get(i..(i + 3).min(rest.len()))),
        );
    }
    for (slot, t) in out[5..8].iter_mut().zip(types) {
        *slot = t.to_string();
    }
    out
}

/// GDELT's geo type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state; 0 unknown.
fn geo_type(precision: Option<&str>, country: Option<&str>) -> &'static str {
    let us = country == Some("USA");
    match precision {
        Some("country") => "1",
        Some("adm1") if us => "2",
        Some("adm1") => "5",
        Some("city") if us => "3",
        Some("city") => "4",
        Some(_) => "4",
        None => "0",
    }
}

fn num(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// One row of GDELT 2.0's Events table (61 columns).
pub fn gdelt_event(e: &EventRow) -> Vec<String> {
    let date = NaiveDate::parse_from_str(&e.date, "%Y-%m-%d").ok();
    let mut c: Vec<String> = Vec::with_capacity(61);
    c.push(e.event_id.to_string());
    c.push(
        date.map(|d| d.format("%Y%m%d").to_string())
            .unwrap_or_default(),
    );
    c.push(
        date.map(|d| d.format("%Y%m").to_string())
            .unwrap_or_default(),
    );
    c.push(date.map(|d| d.year().to_string()).unwrap_or_default());
    c.push(
        date.map(|d| {
            format!(
                "{:.4}",
                d.year() as f64 + (d.month() as f64 * 30.0 + d.day() as f64) / 365.0
            )
        })
        .unwrap_or_default(),
    );
    for (code, name) in [(&e.source, &e.source_text), (&e.target, &e.target_text)] {
        c.push(clean(code));
        c.push(if code.is_empty() {
            String::new()
        } else {
            clean(&name.to_uppercase())
        });
        c.extend(actor_fields(code));
    }
    c.push(if e.is_root { "1" } else { "0" }.into());
    c.push(e.cameo.clone());
    c.push(e.cameo.get(..3).unwrap_or(&e.cameo).to_string());
    c.push(e.root.clone());
    c.push(e.quad_class.map(|q| q.to_string()).unwrap_or_default());
    c.push(num(e.goldstein));
    c.push(e.num_mentions.to_string());
    c.push(e.num_sources.to_string());
    c.push(e.num_articles.to_string());
    c.push(String::new()); // AvgTone: dyad does not score tone.
    for _ in 0..2 {
        // Actor1Geo, Actor2Geo: not resolved per actor.
        c.push("0".into());
        c.extend(std::iter::repeat_n(String::new(), 7));
    }
    match &e.location {
        Some(l) => {
            c.push(geo_type(l.precision.as_deref(), l.country.as_deref()).into());
            c.push(clean(l.name.as_deref().unwrap_or("")));
            c.push(l.country.clone().unwrap_or_default());
            c.push(clean(l.adm1.as_deref().unwrap_or("")));
            c.push(String::new());
            c.push(num(l.lat));
            c.push(num(l.lon));
            c.push(l.geonameid.map(|g| g.to_string()).unwrap_or_default());
        }
        None => {
            c.push("0".into());
            c.extend(std::iter::repeat_n(String::new(), 7));
        }
    }
    c.push(e.date_added.clone());
    c.push(clean(&e.source_url));
    c
}

/// The flat columns of an event (CSV and Parquet).
pub const CSV_HEADER: [&str; 27] = [
    "event_id",
    "date",
    "source",
    "target",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "num_mentions",
    "num_sources",
    "num_articles",
    "source_text",
    "target_text",
    "verb_text",
    "plover_type",
    "plover_mode",
    "source_country",
    "target_country",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "topics",
    "is_root",
    "first_article",
    "source_url",
    "date_added",
];

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One CSV line (RFC 4180 quoting) of an event, in [`CSV_HEADER`]'s order.
pub fn csv_row(e: &EventRow) -> String {
    let loc = e.location.as_ref();
    let cols: [String; 27] = [
        e.event_id.to_string(),
        e.date.clone(),
        e.source.clone(),
        e.target.clone(),
        e.cameo.clone(),
        e.root.clone(),
        e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        num(e.goldstein),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        e.source_text.clone(),
        e.target_text.clone(),
        e.verb_text.clone(),
        e.plover_type.clone().unwrap_or_default(),
        e.plover_mode.clone().unwrap_or_default(),
        e.source_country.clone(),
        e.target_country.clone(),
        loc.and_then(|l| l.name.clone()).unwrap_or_default(),
        loc.and_then(|l| l.country.clone()).unwrap_or_default(),
        num(loc.and_then(|l| l.lat)),
        num(loc.and_then(|l| l.lon)),
        e.topics.join(";"),
        (e.is_root as u8).to_string(),
        e.first_article.clone(),
        e.source_url.clone(),
        e.date_added.clone(),
    ];
    cols.iter()
        .map(|c| csv_field(c))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(feature = "parquet")]
mod parquet_out {
    //! The events as a Parquet file (low-level writer, no Arrow): one row group per 65,536 events.

    use std::fs::File;
    use std::sync::Arc;

    use chrono::NaiveDate;
    use parquet::data_type::{
        BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type,
    };
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
    use parquet::schema::parser::parse_message_type;

    use crate::query::{EventRow, Filter};
    use crate::{Result, Store, StoreError};

    const SCHEMA: &str = "message events {
        required int64 event_id;
        optional int32 date (DATE);
        required binary source (UTF8);
        required binary target (UTF8);
        required binary cameo (UTF8);
        required binary root (UTF8);
        optional int32 quad_class;
        optional double goldstein;
        required int64 num_mentions;
        required int64 num_sources;
        required int64 num_articles;
        required binary source_text (UTF8);
        required binary target_text (UTF8);
        required binary verb_text (UTF8);
        optional binary plover_type (UTF8);
        optional binary plover_mode (UTF8);
        required binary source_country (UTF8);
        required binary target_country (UTF8);
        optional binary location_name (UTF8);
        optional binary location_country (UTF8);
        optional double lat;
        optional double lon;
        required binary topics (UTF8);
        required boolean is_root;
        required binary first_article (UTF8);
        required binary source_url (UTF8);
        required binary date_added (UTF8);
    }";

    const ROW_GROUP: usize = 65_536;

    fn perr(e: parquet::errors::ParquetError) -> StoreError {
        StoreError::Invalid(format!("writing Parquet: {e}"))
    }

    fn strs(col: &mut SerializedColumnWriter<'_>, v: Vec<String>) -> Result<()> {
        let vals: Vec<ByteArray> = v
            .into_iter()
            .map(|s| ByteArray::from(s.into_bytes()))
            .collect();
        col.typed::<ByteArrayType>()
            .write_batch(&vals, None, None)
            .map_err(perr)?;
        Ok(())
    }

    fn opt_strs(col: &mut SerializedColumnWriter<'_>, v: Vec<Option<String>>) -> Result<()> {
        let defs: Vec<i16> = v.iter().map(|x| x.is_some() as i16).collect();
        let vals: Vec<ByteArray> = v
            .into_iter()
            .flatten()
            .map(|s| ByteArray::from(s.into_bytes()))
            .collect();
        col.typed::<ByteArrayType>()
            .write_batch(&vals, Some(&defs), None)
            .map_err(perr)?;
        Ok(())
    }

    fn ints(col: &mut SerializedColumnWriter<'_>, v: Vec<i64>) -> Result<()> {
        col.typed::<Int64Type>()
            .write_batch(&v, None, None)
            .map_err(perr)?;
        Ok(())
    }

    fn opt_i32(col: &mut SerializedColumnWriter<'_>, v: Vec<Option<i32>>) -> Result<()> {
        let defs: Vec<i16> = v.iter().map(|x| x.is_some() as i16).collect();
        let vals: Vec<i32> = v.into_iter().flatten().collect();
        col.typed::<Int32Type>()
            .write_batch(&vals, Some(&defs), None)
            .map_err(perr)?;
        Ok(())
    }

    fn opt_f64(col: &mut SerializedColumnWriter<'_>, v: Vec<Option<f64>>) -> Result<()> {
        let defs: Vec<i16> = v.iter().map(|x| x.is_some() as i16).collect();
        let vals: Vec<f64> = v.into_iter().flatten().collect();
        col.typed::<DoubleType>()
            .write_batch(&vals, Some(&defs), None)
            .map_err(perr)?;
        Ok(())
    }

    fn days(date: &str) -> Option<i32> {
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
        i32::try_from((d - epoch).num_days()).ok()
    }

    fn flush(writer: &mut SerializedFileWriter<&mut File>, rows: &[EventRow]) -> Result<()> {
        let mut rg = writer.next_row_group().map_err(perr)?;
        let mut i = 0;
        while let Some(mut col) = rg.next_column().map_err(perr)? {
            let s = |f: &dyn Fn(&EventRow) -> String| rows.iter().map(f).collect::<Vec<_>>();
            let loc = |f: &dyn Fn(&crate::query::Place) -> Option<String>| {
                rows.iter()
                    .map(|e| e.location.as_ref().and_then(f))
                    .collect::<Vec<_>>()
            };
            match i {
                0 => ints(&mut col, rows.iter().map(|e| e.event_id).collect())?,
                1 => opt_i32(&mut col, rows.iter().map(|e| days(&e.date)).collect())?,
                2 => strs(&mut col, s(&|e| e.source.clone()))?,
                3 => strs(&mut col, s(&|e| e.target.clone()))?,
                4 => strs(&mut col, s(&|e| e.cameo.clone()))?,
                5 => strs(&mut col, s(&|e| e.root.clone()))?,
                6 => opt_i32(
                    &mut col,
                    rows.iter()
                        .map(|e| e.quad_class.map(|q| q as i32))
                        .collect(),
                )?,
                7 => opt_f64(&mut col, rows.iter().map(|e| e.goldstein).collect())?,
                8 => ints(&mut col, rows.iter().map(|e| e.num_mentions).collect())?,
                9 => ints(&mut col, rows.iter().map(|e| e.num_sources).collect())?,
                10 => ints(&mut col, rows.iter().map(|e| e.num_articles).collect())?,
                11 => strs(&mut col, s(&|e| e.source_text.clone()))?,
                12 => strs(&mut col, s(&|e| e.target_text.clone()))?,
                13 => strs(&mut col, s(&|e| e.verb_text.clone()))?,
                14 => opt_strs(
                    &mut col,
                    rows.iter().map(|e| e.plover_type.clone()).collect(),
                )?,
                15 => opt_strs(
                    &mut col,
                    rows.iter().map(|e| e.plover_mode.clone()).collect(),
                )?,
                16 => strs(&mut col, s(&|e| e.source_country.clone()))?,
                17 => strs(&mut col, s(&|e| e.target_country.clone()))?,
                18 => opt_strs(&mut col, loc(&|l| l.name.clone()))?,
                19 => opt_strs(&mut col, loc(&|l| l.country.clone()))?,
                20 => opt_f64(
                    &mut col,
                    rows.iter()
                        .map(|e| e.location.as_ref().and_then(|l| l.lat))
                        .collect(),
                )?,
                21 => opt_f64(
                    &mut col,
                    rows.iter()
                        .map(|e| e.location.as_ref().and_then(|l| l.lon))
                        .collect(),
                )?,
                22 => strs(&mut col, s(&|e| e.topics.join(";")))?,
                23 => {
                    let v: Vec<bool> = rows.iter().map(|e| e.is_root).collect();
                    col.typed::<BoolType>()
                        .write_batch(&v, None, None)
                        .map_err(perr)?;
                }
                24 => strs(&mut col, s(&|e| e.first_article.clone()))?,
                25 => strs(&mut col, s(&|e| e.source_url.clone()))?,
                26 => strs(&mut col, s(&|e| e.date_added.clone()))?,
                _ => {
                    return Err(StoreError::Invalid(format!(
                        "Parquet schema has an unexpected column {i}"
                    )));
                }
            }
            col.close().map_err(perr)?;
            i += 1;
        }
        rg.close().map_err(perr)?;
        Ok(())
    }

    pub(super) fn write(store: &Store, file: &mut File) -> Result<u64> {
        let schema = Arc::new(parse_message_type(SCHEMA).map_err(perr)?);
        let props = Arc::new(WriterProperties::builder().build());
        let mut writer = SerializedFileWriter::new(file, schema, props).map_err(perr)?;
        let mut rows: Vec<EventRow> = Vec::with_capacity(ROW_GROUP);
        let mut failure: Option<StoreError> = None;
        let n = store.events(&Filter::default(), &mut |e| {
            rows.push(e);
            if rows.len() >= ROW_GROUP {
                if let Err(e) = flush(&mut writer, &rows) {
                    failure = Some(e);
                    return Err(std::io::Error::other("writing Parquet failed"));
                }
                rows.clear();
            }
            Ok(())
        });
        if let Some(e) = failure {
            return Err(e);
        }
        let n = n?;
        if !rows.is_empty() {
            flush(&mut writer, &rows)?;
        }
        writer.close().map_err(perr)?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_break_down_like_gdelt() {
        assert_eq!(
            actor_fields("PAKGOV"),
            ["PAK", "", "", "", "", "GOV", "", ""].map(String::from)
        );
        assert_eq!(
            actor_fields("IGOUNO"),
            ["", "UNO", "", "", "", "IGO", "", ""].map(String::from)
        );
        assert_eq!(
            actor_fields("IGOEUREEC"),
            ["EUR", "EEC", "", "", "", "IGO", "", ""].map(String::from)
        );
        assert_eq!(
            actor_fields("NGOHRIAMN"),
            ["", "AMN", "", "", "", "NGO", "HRI", ""].map(String::from)
        );
        assert_eq!(
            actor_fields("RUSMILREB"),
            ["RUS", "", "", "", "", "MIL", "REB", ""].map(String::from)
        );
        assert_eq!(actor_fields(""), <[String; 8]>::default());
    }

    #[test]
    fn times_in_gdelt_form() {
        assert_eq!(
            gdelt_time("2023-06-14T11:30:00+03:00").as_deref(),
            Some("20230614083000")
        );
        assert_eq!(gdelt_time("2021-12-01").as_deref(), Some("20211201000000"));
        assert_eq!(gdelt_time("yesterday"), None);
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
