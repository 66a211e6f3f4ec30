//! Accuracy on real-news gold sets coded with whole-document coding ([`crate::document`]):
//! the PLOVER gold standard records (`dyad eval plover`) and the ConfliBERT five-class sentences
//! (`dyad eval pentaclass`).
//!
//! **PLOVER** (`PLOVER_GSR_*.jsonl`): one JSON object a line with `text`, `date`, `event` (a PLOVER
//! type) and `source`/`target` lists of `{actorText, code, sector}`. Each record's text is coded as
//! a one-paragraph article dated by the record. The older type names are mapped to the current
//! ones first (DEMAND → REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE, FIGHT → ASSAULT, as in
//! the PLOVER manual's CAMEO-to-PLOVER table). Scoring:
//! - the **type** is right when some event of the sentence has the gold type;
//! - the **source** (**target**) is right when the country part of the source (target) of one of the
//!   events that decide the type (those of the gold type, else all events) is one of the gold
//!   actors' codes. Records without a gold source (target) do not count for that measure;
//! - `DOCUMENT` records are documentation, not events, and are skipped.
//!
//! **Pentaclass** (`cameo_class_*.tsv`): `sentence<TAB>class`, classes 0 statement, 1 verbal
//! cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. The prediction is
//! the class of the sentence's first event that is not a statement, by PLOVER's quad categories
//! ([`plover_class`]: CAMEO 01 and 02, which PLOVER drops, are statements; SANCTION is verbal
//! conflict and PROTEST material conflict, as PLOVER defines them). A sentence with no event, or
//! only statements, is class 0.

use std::path::Path;

use chrono::NaiveDate;
use dyad_ingest::{Article, DateValue, Format};
use serde::{Deserialize, Serialize};

use crate::document::{Context, code_article};
use crate::record::{EventRecord, split_actor};

/// A gold file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("{path}: cannot read: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("{path}:{line}: {what}")]
    Record {
        path: String,
        line: usize,
        what: String,
    },
}

fn read(path: &Path) -> Result<String, GoldError> {
    std::fs::read_to_string(path).map_err(|error| GoldError::Io {
        path: path.display().to_string(),
        error,
    })
}

/// One text coded as a one-paragraph article dated `date`.
pub fn code_sentence(
    ctx: &Context,
    id: &str,
    text: &str,
    date: Option<NaiveDate>,
) -> Vec<EventRecord> {
    let a = Article {
        id: id.to_string(),
        source: None,
        url: None,
        title: None,
        authors: Vec::new(),
        published: date.map(DateValue::Date),
        updated: None,
        dateline: None,
        language: Some("en".into()),
        captions: Vec::new(),
        paragraphs: vec![text.to_string()],
        warnings: Vec::new(),
        format: Format::Text,
        origin: id.to_string(),
        record_id: None,
    };
    code_article(ctx, &a).events
}

#[derive(Deserialize)]
struct GoldActor {
    #[serde(default)]
    code: Option<String>,
}

/// The gold `source`/`target` field: a list of actors, or "" / null for none.
#[derive(Deserialize)]
#[serde(untagged)]
enum GoldActors {
    List(Vec<GoldActor>),
    Other(#[allow(dead_code)] serde_json::Value),
}

impl GoldActors {
    fn codes(&self) -> Vec<String> {
        match self {
            GoldActors::List(v) => v
                .iter()
                .filter_map(|a| a.code.clone())
                .filter(|c| !c.is_empty())
                .collect(),
            GoldActors::Other(_) => Vec::new(),
        }
    }
}

#[derive(Deserialize)]
struct PloverRecord {
    #[serde(default)]
    id: String,
    event: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<GoldActors>,
    #[serde(default)]
    target: Option<GoldActors>,
}

/// The current PLOVER name of a type from an older PLOVER version.
pub fn current_plover_type(t: &str) -> &str {
    match t {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

/// `dyad eval plover` results.
#[derive(Debug, Clone, Serialize)]
pub struct PloverScore {
    pub records: usize,
    pub type_accuracy: f64,
    pub source_accuracy: f64,
    pub target_accuracy: f64,
    /// Records with a gold source / target (the denominators of the two actor measures).
    pub with_source: usize,
    pub with_target: usize,
    /// Records for which dyad coded no event at all.
    pub no_event: usize,
    /// Lines that could not be read (each also in `errors`).
    pub bad_lines: usize,
    #[serde(skip)]
    pub errors: Vec<String>,
    /// One line per record: id, gold type, what dyad gave.
    #[serde(skip)]
    pub details: Vec<String>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        ((a as f64 / b as f64) * 10_000.0).round() / 10_000.0
    }
}

/// Scores dyad on a PLOVER gold file.
pub fn eval_plover(ctx: &Context, path: &Path) -> Result<PloverScore, GoldError> {
    let text = read(path)?;
    let mut s = PloverScore {
        records: 0,
        type_accuracy: 0.0,
        source_accuracy: 0.0,
        target_accuracy: 0.0,
        with_source: 0,
        with_target: 0,
        no_event: 0,
        bad_lines: 0,
        errors: Vec::new(),
        details: Vec::new(),
    };
    let (mut ok_type, mut ok_src, mut ok_tgt) = (0, 0, 0);
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: PloverRecord = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                s.bad_lines += 1;
                s.errors.push(format!(
                    "{}:{}: expected a PLOVER record (JSON with `event` and `text`): {e}",
                    path.display(),
                    n + 1
                ));
                continue;
            }
        };
        if r.event == "DOCUMENT" || r.text.is_empty() {
            continue;
        }
        s.records += 1;
        let gold_type = current_plover_type(&r.event);
        let date = r
            .date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok());
        let events = code_sentence(ctx, &r.id, &r.text, date);
        if events.is_empty() {
            s.no_event += 1;
        }
        let typed: Vec<&EventRecord> = events
            .iter()
            .filter(|e| e.plover_type.as_deref() == Some(gold_type))
            .collect();
        let deciding: Vec<&EventRecord> = if typed.is_empty() {
            events.iter().collect()
        } else {
            typed.clone()
        };
        if !typed.is_empty() {
            ok_type += 1;
        }
        let matches = |gold: &Option<GoldActors>, pick: fn(&EventRecord) -> &str| -> Option<bool> {
            let codes = gold.as_ref().map(GoldActors::codes).unwrap_or_default();
            if codes.is_empty() {
                return None;
            }
            Some(deciding.iter().any(|e| {
                let c = split_actor(pick(e)).0;
                !c.is_empty() && codes.iter().any(|g| g == c)
            }))
        };
        let src = matches(&r.source, |e| &e.source);
        let tgt = matches(&r.target, |e| &e.target);
        if let Some(ok) = src {
            s.with_source += 1;
            ok_src += usize::from(ok);
        }
        if let Some(ok) = tgt {
            s.with_target += 1;
            ok_tgt += usize::from(ok);
        }
        s.details.push(format!(
            "{}\t{}\t{}\tsource {}\ttarget {}\t{}",
            r.id,
            gold_type,
            if typed.is_empty() { "MISS" } else { "ok" },
            src.map_or("-", |b| if b { "ok" } else { "MISS" }),
            tgt.map_or("-", |b| if b { "ok" } else { "MISS" }),
            events
                .iter()
                .map(|e| format!(
                    "{}>{} {} {}",
                    e.source,
                    e.target,
                    e.cameo,
                    e.plover_type.as_deref().unwrap_or("?")
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    s.type_accuracy = ratio(ok_type, s.records);
    s.source_accuracy = ratio(ok_src, s.with_source);
    s.target_accuracy = ratio(ok_tgt, s.with_target);
    Ok(s)
}

/// `dyad eval pentaclass` results.
#[derive(Debug, Clone, Serialize)]
pub struct PentaScore {
    pub records: usize,
    pub accuracy: f64,
    /// `confusion[gold][predicted]`.
    pub confusion: [[usize; 5]; 5],
    pub bad_lines: usize,
    #[serde(skip)]
    pub errors: Vec<String>,
    #[serde(skip)]
    pub details: Vec<String>,
}

/// The five-class label of a CAMEO root (`01` → 0 … `20` → 4).
pub fn penta_class(root: &str) -> Option<usize> {
    let r: u8 = root.get(..2)?.parse().ok()?;
    Some(match r {
        1 => 0,
        2..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        15..=20 => 4,
        _ => return None,
    })
}

/// The five-class label of an event by PLOVER's quad categories (the PLOVER documentation's
/// table): CAMEO 01 and 02, which PLOVER drops, are statements (0); AGREE, CONSULT and SUPPORT
/// verbal cooperation (1); COOPERATE, AID, RETREAT and INVESTIGATE material cooperation (2), and
/// CONCEDE too: PLOVER's manual calls it verbal, but its events are CAMEO's 08 (yield: calling off
/// a strike, accepting demands, resigning), which CAMEO's QuadClass and the five-class sentences
/// (labelled by CAMEO class) count as material cooperation; REQUEST (DEMAND), ACCUSE (DISAPPROVE, INVESTIGATE in the 2021 table), REJECT, THREATEN and
/// SANCTION verbal conflict (3); PROTEST, CRIME, MOBILIZE, COERCE and ASSAULT material conflict
/// (4). Codes without a PLOVER type fall back to the CAMEO root ([`penta_class`]).
pub fn plover_class(e: &EventRecord) -> Option<usize> {
    if matches!(e.root.as_str(), "01" | "02") {
        return Some(0);
    }
    Some(match e.plover_type.as_deref()? {
        "AGREE" | "CONSULT" | "SUPPORT" => 1,
        "COOPERATE" | "AID" | "RETREAT" | "INVESTIGATE" | "CONCEDE" => 2,
        "REQUEST" | "DEMAND" | "ACCUSE" | "DISAPPROVE" | "REJECT" | "THREATEN" | "SANCTION" => 3,
        "PROTEST" | "CRIME" | "MOBILIZE" | "COERCE" | "ASSAULT" => 4,
        _ => return penta_class(&e.root),
    })
}

/// The predicted class of a sentence from its events: the class of its first event that is not a
/// statement, else 0.
pub fn predict_penta(events: &[EventRecord]) -> usize {
    events
        .iter()
        .filter_map(|e| plover_class(e).or_else(|| penta_class(&e.root)))
        .find(|&c| c != 0)
        .unwrap_or(0)
}

/// Scores dyad on a pentaclass TSV file.
pub fn eval_pentaclass(ctx: &Context, path: &Path) -> Result<PentaScore, GoldError> {
    let text = read(path)?;
    let mut s = PentaScore {
        records: 0,
        accuracy: 0.0,
        confusion: [[0; 5]; 5],
        bad_lines: 0,
        errors: Vec::new(),
        details: Vec::new(),
    };
    let mut right = 0;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((sentence, label)) = line.rsplit_once('\t') else {
            s.bad_lines += 1;
            s.errors.push(format!(
                "{}:{}: expected `sentence<TAB>class`",
                path.display(),
                n + 1
            ));
            continue;
        };
        let gold: usize = match label.trim().parse() {
            Ok(g) if g < 5 => g,
            _ => {
                s.bad_lines += 1;
                s.errors.push(format!(
                    "{}:{}: expected a class 0-4 after the tab, found {label:?}",
                    path.display(),
                    n + 1
                ));
                continue;
            }
        };
        let events = code_sentence(ctx, &format!("line{}", n + 1), sentence, None);
        let pred = predict_penta(&events);
        s.records += 1;
        s.confusion[gold][pred] += 1;
        right += usize::from(pred == gold);
        s.details.push(format!(
            "{}\t{gold}\t{pred}\t{}\t{}",
            n + 1,
            events
                .iter()
                .map(|e| format!("{}>{} {}", e.source, e.target, e.cameo))
                .collect::<Vec<_>>()
                .join("; "),
            sentence
        ));
    }
    s.accuracy = ratio(right, s.records);
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_plover_names_map_to_current_ones() {
        assert_eq!(current_plover_type("DEMAND"), "REQUEST");
        assert_eq!(current_plover_type("DISAPPROVE"), "ACCUSE");
        assert_eq!(current_plover_type("INVESTIGATE"), "ACCUSE");
        assert_eq!(current_plover_type("FIGHT"), "ASSAULT");
        assert_eq!(current_plover_type("AGREE"), "AGREE");
    }

    #[test]
    fn roots_map_to_five_classes() {
        assert_eq!(penta_class("01"), Some(0));
        assert_eq!(penta_class("043"), Some(1));
        assert_eq!(penta_class("07"), Some(2));
        assert_eq!(penta_class("112"), Some(3));
        assert_eq!(penta_class("190"), Some(4));
        assert_eq!(penta_class("21"), None);
        assert_eq!(penta_class("x"), None);
        assert_eq!(predict_penta(&[]), 0);
    }
}
