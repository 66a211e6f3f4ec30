//! Measuring the finder against TimeML (TIMEX3) gold annotation, as in
//! TempEval-3: strict (exact span), relaxed (overlapping span) and value
//! (overlapping span with the same normalised value) precision, recall and
//! F1, summed over all documents.
//!
//! A TimeML file is read with a small hand-written XML reader: tags are
//! removed from the `<TEXT>` element, entities decoded, and the byte offsets
//! of each gold TIMEX3 kept in the stripped text. The document creation time
//! (the TIMEX3 with `functionInDocument="CREATION_TIME"`) is the anchor and
//! is scored neither as gold nor as prediction.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use super::{Timex, TimexKind, find_timexes};

/// A malformed TimeML document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{message} at byte {offset}")]
pub struct TimemlError {
    /// Byte offset in the source where the problem was seen.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// Errors of [`eval_dir`].
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The folder could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// One gold TIMEX3, with offsets into the stripped text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldTimex {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The `type` attribute as written (`DATE`, …); None if missing or unknown.
    pub kind: Option<TimexKind>,
    pub value: String,
}

/// A TimeML document read for evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimemlDoc {
    /// The `<TEXT>` content without tags, entities decoded.
    pub text: String,
    /// The document creation time (date part), if the document has one.
    pub dct: Option<NaiveDate>,
    /// Gold TIMEX3s inside `<TEXT>`, without the creation time.
    pub timexes: Vec<GoldTimex>,
    /// Spans in `text` of creation-time TIMEX3s (to be ignored in scoring).
    pub ignored: Vec<(usize, usize)>,
}

fn err(offset: usize, message: impl Into<String>) -> TimemlError {
    TimemlError {
        offset,
        message: message.into(),
    }
}

/// Parses the attributes of a start tag's inside (after the name).
fn parse_attrs(s: &str, base: usize) -> Result<HashMap<String, String>, TimemlError> {
    let mut out = HashMap::new();
    let mut rest = s;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest == "/" {
            return Ok(out);
        }
        let here = base + (s.len() - rest.len());
        let Some(eq) = rest.find('=') else {
            return Err(err(here, "attribute without a value"));
        };
        let name = rest[..eq].trim().to_string();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(err(here, "bad attribute name"));
        }
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            return Err(err(here, "attribute value not quoted"));
        };
        let body = &after[1..];
        let Some(close) = body.find(q) else {
            return Err(err(here, "unterminated attribute value"));
        };
        let value = decode_entities(&body[..close], here)?;
        out.insert(name, value);
        rest = &body[close + 1..];
    }
}

fn decode_entity(name: &str, offset: usize) -> Result<char, TimemlError> {
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code = if let Some(h) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(h, 16).ok()
            } else if let Some(d) = name.strip_prefix('#') {
                d.parse::<u32>().ok()
            } else {
                None
            };
            return code
                .and_then(char::from_u32)
                .ok_or_else(|| err(offset, format!("unknown entity &{name};")));
        }
    };
    Ok(c)
}

fn decode_entities(s: &str, base: usize) -> Result<String, TimemlError> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let at = base + (s.len() - rest.len()) + i;
        let Some(semi) = rest[i..].find(';') else {
            return Err(err(at, "unterminated entity"));
        };
        out.push(decode_entity(&rest[i + 1..i + semi], at)?);
        rest = &rest[i + semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

struct OpenTag {
    name: String,
    offset: usize,
    /// For TIMEX3 inside TEXT: start in stripped text and attributes.
    timex: Option<(usize, HashMap<String, String>)>,
}

/// Reads a TimeML document.
pub fn parse_timeml(src: &str) -> Result<TimemlDoc, TimemlError> {
    let mut text = String::new();
    let mut in_text = false;
    let mut seen_text = false;
    let mut dct: Option<NaiveDate> = None;
    let mut timexes = Vec::new();
    let mut ignored = Vec::new();
    let mut stack: Vec<OpenTag> = Vec::new();
    let mut pos = 0;
    let bytes = src.as_bytes();
    while pos < src.len() {
        match bytes[pos] {
            b'<' => {
                if src[pos..].starts_with("<!--") {
                    let end = src[pos..]
                        .find("-->")
                        .ok_or_else(|| err(pos, "unterminated comment"))?;
                    pos += end + 3;
                    continue;
                }
                if src[pos..].starts_with("<![CDATA[") {
                    let end = src[pos..]
                        .find("]]>")
                        .ok_or_else(|| err(pos, "unterminated CDATA section"))?;
                    if in_text {
                        text.push_str(&src[pos + 9..pos + end]);
                    }
                    pos += end + 3;
                    continue;
                }
                let close = src[pos..]
                    .find('>')
                    .ok_or_else(|| err(pos, "unterminated tag"))?;
                let inner = &src[pos + 1..pos + close];
                if inner.contains('<') {
                    return Err(err(pos, "'<' inside a tag"));
                }
                let tag_start = pos;
                pos += close + 1;
                if inner.starts_with('?') || inner.starts_with('!') {
                    continue;
                }
                if let Some(name) = inner.strip_prefix('/') {
                    let name = name.trim();
                    let Some(open) = stack.pop() else {
                        return Err(err(tag_start, format!("</{name}> closes nothing")));
                    };
                    if open.name != name {
                        return Err(err(
                            tag_start,
                            format!(
                                "</{name}> closes <{}> opened at byte {}",
                                open.name, open.offset
                            ),
                        ));
                    }
                    if name == "TEXT" {
                        in_text = false;
                    }
                    if let Some((start, attrs)) = open.timex {
                        let end = text.len();
                        let is_dct = attrs.get("functionInDocument").map(String::as_str)
                            == Some("CREATION_TIME");
                        if is_dct {
                            ignored.push((start, end));
                        } else {
                            timexes.push(GoldTimex {
                                start,
                                end,
                                text: text[start..end].to_string(),
                                kind: attrs.get("type").and_then(|t| TimexKind::from_timeml(t)),
                                value: attrs.get("value").cloned().unwrap_or_default(),
                            });
                        }
                    }
                    continue;
                }
                let self_closing = inner.ends_with('/');
                let body = inner.trim_end_matches('/');
                let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
                let name = &body[..name_end];
                if name.is_empty() {
                    return Err(err(tag_start, "tag without a name"));
                }
                let attrs = parse_attrs(&body[name_end..], tag_start + 1 + name_end)?;
                if name == "TIMEX3"
                    && attrs.get("functionInDocument").map(String::as_str) == Some("CREATION_TIME")
                    && let Some(v) = attrs.get("value")
                    && let Some(d) = v
                        .get(..10)
                        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                {
                    dct = Some(d);
                }
                if self_closing {
                    continue;
                }
                if name == "TEXT" {
                    if seen_text {
                        return Err(err(tag_start, "a second <TEXT>"));
                    }
                    in_text = true;
                    seen_text = true;
                }
                let timex = (in_text && name == "TIMEX3").then_some((text.len(), attrs));
                stack.push(OpenTag {
                    name: name.to_string(),
                    offset: tag_start,
                    timex,
                });
            }
            b'&' => {
                let semi = src[pos..]
                    .find(';')
                    .filter(|i| *i <= 12)
                    .ok_or_else(|| err(pos, "unterminated entity"))?;
                let c = decode_entity(&src[pos + 1..pos + semi], pos)?;
                if in_text {
                    text.push(c);
                }
                pos += semi + 1;
            }
            _ => {
                let next = src[pos..].find(['<', '&']).map_or(src.len(), |i| pos + i);
                if in_text {
                    text.push_str(&src[pos..next]);
                }
                pos = next;
            }
        }
    }
    if let Some(open) = stack.pop() {
        return Err(err(open.offset, format!("<{}> is never closed", open.name)));
    }
    if !seen_text {
        return Err(err(0, "no <TEXT> element"));
    }
    Ok(TimemlDoc {
        text,
        dct,
        timexes,
        ignored,
    })
}

/// Canonical form of a value for comparison: upper case, and week numbers
/// written with two digits (TimeBank writes both `2000-W7` and `1998-W08`).
pub fn canonical_value(v: &str) -> String {
    let v = v.trim().to_ascii_uppercase();
    if let Some(i) = v.find("-W") {
        let digits: String = v[i + 2..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if digits.len() == 1 {
            return format!("{}-W0{}{}", &v[..i], digits, &v[i + 2 + digits.len()..]);
        }
    }
    v
}

/// Matching counts, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    /// Predictions whose span equals a gold span / gold spans equalled by a prediction.
    pub strict_pred: usize,
    pub strict_gold: usize,
    /// Same for overlapping spans.
    pub relaxed_pred: usize,
    pub relaxed_gold: usize,
    /// Same for overlapping spans with equal values.
    pub value_pred: usize,
    pub value_gold: usize,
}

fn f1(hit_pred: usize, predicted: usize, hit_gold: usize, gold: usize) -> f64 {
    let p = if predicted == 0 {
        0.0
    } else {
        hit_pred as f64 / predicted as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        hit_gold as f64 / gold as f64
    };
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.strict_pred += o.strict_pred;
        self.strict_gold += o.strict_gold;
        self.relaxed_pred += o.relaxed_pred;
        self.relaxed_gold += o.relaxed_gold;
        self.value_pred += o.value_pred;
        self.value_gold += o.value_gold;
    }
    pub fn strict_f1(&self) -> f64 {
        f1(
            self.strict_pred,
            self.predicted,
            self.strict_gold,
            self.gold,
        )
    }
    pub fn relaxed_f1(&self) -> f64 {
        f1(
            self.relaxed_pred,
            self.predicted,
            self.relaxed_gold,
            self.gold,
        )
    }
    pub fn value_f1(&self) -> f64 {
        f1(self.value_pred, self.predicted, self.value_gold, self.gold)
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A disagreement between gold and prediction, for development.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub file: String,
    /// `missed` (gold not found), `spurious` (prediction not in gold),
    /// `value` (overlap with a different value) or `span` (same value,
    /// different span).
    pub what: &'static str,
    pub gold_text: Option<String>,
    pub gold_value: Option<String>,
    pub predicted_text: Option<String>,
    pub predicted_value: Option<String>,
    /// The sentence-ish context (up to 60 bytes either side).
    pub context: String,
}

fn context(text: &str, start: usize, end: usize) -> String {
    let mut s = start.saturating_sub(60);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (end + 60).min(text.len());
    while !text.is_char_boundary(e) {
        e += 1;
    }
    text[s..e].replace('\n', " ")
}

/// Scores predictions against the gold of one document; failures are
/// appended to `failures` when given.
pub fn score(
    doc: &TimemlDoc,
    predicted: &[Timex],
    file: &str,
    mut failures: Option<&mut Vec<Failure>>,
) -> Counts {
    let pred: Vec<&Timex> = predicted
        .iter()
        .filter(|p| !doc.ignored.iter().any(|&g| overlaps(g, (p.start, p.end))))
        .collect();
    let gold = &doc.timexes;
    let mut c = Counts {
        gold: gold.len(),
        predicted: pred.len(),
        ..Counts::default()
    };
    let same = |g: &GoldTimex, p: &Timex| canonical_value(&g.value) == canonical_value(&p.value);
    for p in &pred {
        let span = (p.start, p.end);
        if gold.iter().any(|g| g.start == p.start && g.end == p.end) {
            c.strict_pred += 1;
        }
        let over: Vec<&GoldTimex> = gold
            .iter()
            .filter(|g| overlaps((g.start, g.end), span))
            .collect();
        if !over.is_empty() {
            c.relaxed_pred += 1;
        }
        if over.iter().any(|g| same(g, p)) {
            c.value_pred += 1;
        }
        if let Some(f) = failures.as_deref_mut()
            && over.is_empty()
        {
            f.push(Failure {
                file: file.to_string(),
                what: "spurious",
                gold_text: None,
                gold_value: None,
                predicted_text: Some(p.text.clone()),
                predicted_value: Some(p.value.clone()),
                context: context(&doc.text, p.start, p.end),
            });
        }
    }
    for g in gold {
        let span = (g.start, g.end);
        if pred.iter().any(|p| g.start == p.start && g.end == p.end) {
            c.strict_gold += 1;
        }
        let over: Vec<&&Timex> = pred
            .iter()
            .filter(|p| overlaps((p.start, p.end), span))
            .collect();
        if !over.is_empty() {
            c.relaxed_gold += 1;
        }
        let value_ok = over.iter().any(|p| same(g, p));
        if value_ok {
            c.value_gold += 1;
        }
        if let Some(f) = failures.as_deref_mut() {
            let what = if over.is_empty() {
                Some("missed")
            } else if !value_ok {
                Some("value")
            } else if !over.iter().any(|p| p.start == g.start && p.end == g.end) {
                Some("span")
            } else {
                None
            };
            if let Some(what) = what {
                f.push(Failure {
                    file: file.to_string(),
                    what,
                    gold_text: Some(g.text.clone()),
                    gold_value: Some(g.value.clone()),
                    predicted_text: over.first().map(|p| p.text.clone()),
                    predicted_value: over.first().map(|p| p.value.clone()),
                    context: context(&doc.text, g.start, g.end),
                });
            }
        }
    }
    c
}

/// Reads, runs and scores one TimeML source.
pub fn eval_source(
    src: &str,
    file: &str,
    failures: Option<&mut Vec<Failure>>,
) -> Result<Counts, TimemlError> {
    let doc = parse_timeml(src)?;
    let predicted = find_timexes(&doc.text, doc.dct);
    Ok(score(&doc, &predicted, file, failures))
}

/// A file that could not be scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub file: PathBuf,
    /// Byte offset of the problem (0 when the file could not be read).
    pub offset: usize,
    pub message: String,
}

/// The result of [`eval_dir`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct EvalReport {
    pub files: usize,
    pub counts: Counts,
    pub skipped: Vec<Skipped>,
    pub failures: Vec<Failure>,
}

fn collect_tml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), EvalError> {
    let io = |source| EvalError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_tml(&p, out)?;
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("tml")) {
            out.push(p);
        }
    }
    Ok(())
}

/// Scores the finder on every `.tml` file under `dir` (recursively).
/// Malformed files are skipped and listed; `keep_failures` collects the
/// disagreements.
pub fn eval_dir(dir: &Path, keep_failures: bool) -> Result<EvalReport, EvalError> {
    let mut files = Vec::new();
    collect_tml(dir, &mut files)?;
    let mut report = EvalReport::default();
    for path in files {
        let name = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        let src = match std::fs::read(&path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                report.skipped.push(Skipped {
                    file: path.clone(),
                    offset: 0,
                    message: e.to_string(),
                });
                continue;
            }
        };
        let failures = keep_failures.then_some(&mut report.failures);
        match eval_source(&src, &name, failures) {
            Ok(c) => {
                report.files += 1;
                report.counts.add(&c);
            }
            Err(e) => report.skipped.push(Skipped {
                file: path.clone(),
                offset: e.offset,
                message: e.message,
            }),
        }
    }
    Ok(report)
}
