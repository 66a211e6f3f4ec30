//! Conformance with the classic coders' validation suites.
//!
//! - TABARI's `Validate.text`: records `YYMMDD ID` + text + a `/* … */` block holding the expected
//!   events `{ SRC / TGT / CODE }`, or `{---}` / `{+++}` / `{###}` (no events), and
//!   `{ OPTION: … }` commands that change the options from the next record on (validation mode:
//!   TABARI reads a record's validation fields after its text).
//! - PETRARCH's `PETR.UnitTest.records.xml`: `<Sentence date id>` with `<EventCoding sourcecode
//!   targetcode eventcode>` (or `noevents`, or `error`: no events expected) and `<Text>`. The
//!   `<Parse>` trees in the file are never read: dyad parses the text itself.
//!
//! A record is exact when the set of (source, target, code) dyad codes equals the expected set.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use std::path::Path;

use crate::dict::{self, LoadError};
use crate::engine::{Coder, Options, Token};

/// An expected event.
pub type Triple = (String, String, String);

/// One validation record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    pub date: Option<NaiveDate>,
    pub text: String,
    /// `None`: the record carries no expectation (an options-only record).
    pub expected: Option<BTreeSet<Triple>>,
    /// Option commands that take effect before the record is coded (PETRARCH's `<Config>`
    /// tags before it).
    pub options: Vec<String>,
    /// Option commands that take effect once the record is coded (TABARI's `{ OPTION: … }`
    /// fields, which follow the record's text; a record whose comment is left open and runs
    /// into the next record's `DEFAULT:` change is still coded under the options before it).
    pub options_after: Vec<String>,
    /// TABARI's `-{` ("do not check"): the record's events are listed but not scored.
    pub partial: bool,
    /// 1-based line where the record starts.
    pub line: usize,
    /// TABARI: the header line's columns after the date (what a `FORWARD:` sequence format reads).
    pub header: String,
}

/// Loads TABARI's suite from its `.project`: the dictionaries it names and the records of its
/// `<textfile>` (after FINAL-01 only with `all`), ready to score.
pub fn load_tabari_suite(project: &Path, all: bool) -> Result<(Coder, Vec<Record>), LoadError> {
    let d = dict::load_tabari(project)?;
    let p = dict::tabari::parse_project(&dict::read_text(project)?);
    let name = p.text.first().ok_or_else(|| {
        LoadError::Layout(format!(
            "{}: the .project names no <textfile>",
            project.display()
        ))
    })?;
    let text = dict::read_text(&project.parent().unwrap_or(Path::new(".")).join(name))?;
    Ok((Coder::new(d), read_tabari(&text, all)))
}

/// Loads PETRARCH's unit-test records and the dictionary folder to code them with.
pub fn load_petrarch_suite(
    records: &Path,
    dictionaries: &Path,
) -> Result<(Coder, Vec<Record>), LoadError> {
    let d = dict::load_any(dictionaries)?;
    let recs = read_petrarch(&dict::read_text(records)?);
    if recs.is_empty() {
        return Err(LoadError::Layout(format!(
            "{}: no <Sentence> records found",
            records.display()
        )));
    }
    Ok((Coder::new(d), recs))
}

/// The scores, in the contract's keys.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Score {
    pub records: usize,
    pub exact: usize,
    pub accuracy: f64,
    pub false_events: usize,
    pub missed_events: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<Failure>,
}

/// A record dyad did not code exactly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub id: String,
    pub expected: Vec<Triple>,
    pub coded: Vec<Triple>,
    /// The engine's reading of the record with the options in force ([`Coder::trace`]).
    pub trace: String,
}

/// Reads TABARI's `Validate.text` layout. Records after the `FINAL-01` record ("the end of the
/// standard validation records") are kept only when `all` is true.
pub fn read_tabari(text: &str, all: bool) -> Vec<Record> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let head: Vec<&str> = l.split_whitespace().collect();
        let is_head =
            head.len() >= 2 && head[0].len() == 6 && head[0].bytes().all(|b| b.is_ascii_digit());
        if !is_head {
            i += 1;
            continue;
        }
        let start = i + 1;
        let id = head[1].to_string();
        let header = l.get(6..).unwrap_or_default().trim_end().to_string();
        let date = crate::dict::syntax::parse_date(head[0]);
        i += 1;
        let mut body = String::new();
        let mut comment = String::new();
        let mut in_comment = false;
        while i < lines.len() {
            let l = lines[i];
            let next_head = {
                let h: Vec<&str> = l.split_whitespace().collect();
                !in_comment
                    && h.len() >= 2
                    && h[0].len() == 6
                    && h[0].bytes().all(|b| b.is_ascii_digit())
            };
            if next_head {
                break;
            }
            let mut rest = l;
            if !in_comment {
                match rest.find("/*") {
                    Some(p) => {
                        body.push_str(&rest[..p]);
                        body.push(' ');
                        rest = &rest[p + 2..];
                        in_comment = true;
                    }
                    None => {
                        body.push_str(rest);
                        body.push(' ');
                        i += 1;
                        continue;
                    }
                }
            }
            match rest.find("*/") {
                Some(p) => {
                    comment.push_str(&rest[..p]);
                    i += 1;
                    break;
                }
                None => {
                    comment.push_str(rest);
                    comment.push('\n');
                }
            }
            i += 1;
        }
        let (expected, options, partial) = tabari_expectations(&comment);
        let final_record = id.starts_with("FINAL");
        out.push(Record {
            id,
            date,
            text: body.split_whitespace().collect::<Vec<_>>().join(" "),
            expected,
            options: Vec::new(),
            options_after: options,
            partial,
            line: start,
            header,
        });
        if final_record && !all {
            break;
        }
    }
    out
}

/// The expected events and options of a TABARI record's comment block, and whether the record
/// says `-{`. TABARI checks its special codes first and `-{` ("do not check additional records")
/// matches before any event is compared, so such a record checks nothing: it is not scored.
fn tabari_expectations(comment: &str) -> (Option<BTreeSet<Triple>>, Vec<String>, bool) {
    let mut events = BTreeSet::new();
    let mut none = false;
    let mut partial = false;
    let mut options = Vec::new();
    let mut rest = comment;
    while let Some(open) = rest.find('{') {
        let dash = rest[..open].ends_with('-');
        // `{ OPTION: … */` without its closing brace ends at the line's end.
        let close = match rest[open..].find('}') {
            Some(c) if !rest[open..open + c].contains('\n') => c,
            _ => rest[open..].find('\n').unwrap_or(rest.len() - open),
        };
        let inner = rest[open + 1..open + close].trim();
        rest = rest.get(open + close + 1..).unwrap_or("");
        if let Some(opt) = inner.strip_prefix("OPTION:") {
            options.push(opt.trim().to_string());
            continue;
        }
        if dash {
            partial = true;
            break;
        }
        let compact: String = inner.split_whitespace().collect();
        if matches!(compact.as_str(), "---" | "+++" | "###") {
            none = true;
            continue;
        }
        let parts: Vec<&str> = inner.split('/').map(str::trim).collect();
        if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && !p.contains(' ')) {
            events.insert((
                parts[0].to_string(),
                parts[1].to_string(),
                parts[2].to_string(),
            ));
        }
    }
    // The special codes are checked first: with one of them, no event is expected.
    let expected = if none && !partial {
        Some(BTreeSet::new())
    } else if !events.is_empty() && !partial {
        Some(events)
    } else {
        None
    };
    (expected, options, partial)
}

/// Applies a validation record's option commands to `opts`.
pub fn apply_record_options(opts: &mut Options, commands: &[String]) {
    opts.apply(commands);
}

/// The value of attribute `name` in an XML start tag, tolerating blanks around `=`.
fn attr(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(p) = tag[from..].find(name) {
        let at = from + p;
        let before_ok = at == 0 || !tag.as_bytes()[at - 1].is_ascii_alphanumeric();
        let rest = tag[at + name.len()..].trim_start();
        if before_ok && let Some(v) = rest.strip_prefix('=') {
            let v = v.trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                // A value quoted twice ('"THE MINISTRY OF MAGIC"') keeps its inner quotes: that is
                // how PETRARCH writes a new actor's code.
                let end = v[1..].find(q)?;
                return Some(v[1..1 + end].to_string());
            }
        }
        from = at + name.len();
    }
    None
}

/// Reads PETRARCH's unit-test records (tolerant of the file's XML irregularities).
pub fn read_petrarch(text: &str) -> Vec<Record> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(p) = rest.find("<Sentence ") {
        // `<Config option="…" value="…">` between records changes an option from the next
        // record on (PETRARCH's validation mode); commented-out ones do not count.
        let options = petrarch_configs(&rest[..p]);
        let abs = offset + p;
        let line = text[..abs].matches('\n').count() + 1;
        let after = &rest[p..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_end = after.find("</Sentence>").unwrap_or(after.len());
        let body = &after[tag_end + 1..body_end];
        let id = attr(tag, "id").unwrap_or_default();
        let date = attr(tag, "date").and_then(|d| crate::dict::syntax::parse_date(&d));
        let mut events = BTreeSet::new();
        let mut none = false;
        let mut b = body;
        while let Some(q) = b.find("<EventCoding") {
            let e = &b[q..];
            let end = e.find('>').unwrap_or(e.len());
            let etag = &e[..end];
            if attr(etag, "noevents").is_some() || attr(etag, "error").is_some() {
                none = true;
            } else if let (Some(s), Some(t), Some(c)) = (
                attr(etag, "sourcecode"),
                attr(etag, "targetcode"),
                attr(etag, "eventcode"),
            ) {
                events.insert((s, t, c));
            }
            b = &e[end..];
        }
        let text_part = body
            .find("<Text>")
            .and_then(|s| {
                body[s + 6..]
                    .find("</Text>")
                    .map(|e| &body[s + 6..s + 6 + e])
            })
            .unwrap_or_default();
        let expected = if !events.is_empty() || none {
            Some(events)
        } else {
            None
        };
        out.push(Record {
            id,
            date,
            text: unescape_xml(&text_part.split_whitespace().collect::<Vec<_>>().join(" ")),
            expected,
            options,
            options_after: Vec::new(),
            partial: false,
            line,
            header: String::new(),
        });
        let consumed = p + body_end.max(tag_end + 1);
        offset += consumed;
        rest = &rest[consumed..];
    }
    out
}

/// The `<Config option="X" value="Y">` tags of a stretch of PETRARCH's records file, outside XML
/// comments, as option commands `CONFIG: X = Y` (see [`Options::apply`]).
fn petrarch_configs(gap: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = gap;
    loop {
        let comment = rest.find("<!--");
        let config = rest.find("<Config");
        match (comment, config) {
            (Some(c), Some(g)) if c < g => match rest[c..].find("-->") {
                Some(e) => rest = &rest[c + e + 3..],
                None => break,
            },
            (_, Some(g)) => {
                let tag = &rest[g..];
                let end = tag.find('>').unwrap_or(tag.len());
                if let (Some(o), Some(v)) =
                    (attr(&tag[..end], "option"), attr(&tag[..end], "value"))
                {
                    out.push(format!("CONFIG: {} = {}", o.trim(), v.trim()));
                }
                rest = &tag[end..];
            }
            _ => break,
        }
    }
    out
}

/// The text of XML character data with its entities resolved (an unknown entity stays as written).
fn unescape_xml(s: &str) -> String {
    quick_xml::escape::unescape(s).map_or_else(|_| s.to_string(), |c| c.into_owned())
}

/// Codes every record and scores it. `tokenize` turns a record's text into tokens; `validation`
/// applies records' option commands ([`Record::options`] before the record is coded,
/// [`Record::options_after`] after it), as TABARI's validation mode does.
pub fn score(
    coder: &Coder,
    records: &[Record],
    tokenize: &dyn Fn(&str) -> Vec<Token>,
    validation: bool,
    keep_failures: bool,
) -> Score {
    let mut s = Score::default();
    let mut opts: Options = coder.options.clone();
    // The previous coded record's (story, sentence) and first actor, for `FORWARD`.
    let mut prev: Option<((String, u64), Option<String>)> = None;
    let mut forwarding = opts.clone();
    let mut after: &[String] = &[];
    for r in records {
        if validation {
            // The previous record's `options_after`, then this record's `options`.
            apply_record_options(&mut opts, after);
            apply_record_options(&mut opts, &r.options);
            after = &r.options_after;
        }
        let Some(expected) = &r.expected else {
            continue;
        };
        let seq = opts.forward.as_deref().and_then(|f| sequence(f, &r.header));
        let forwarded = match (&seq, &prev) {
            (Some((story, n)), Some(((ps, pn), actor))) if story == ps && *n == pn + 1 => {
                actor.clone()
            }
            _ => None,
        };
        let use_opts = if forwarded.is_some() {
            forwarding.clone_from(&opts);
            forwarding.forwarded = forwarded;
            &forwarding
        } else {
            &opts
        };
        let toks = tokenize(&r.text);
        let result = coder.code_with(&toks, r.date, use_opts);
        prev = seq.map(|k| (k, result.first_actor.clone()));
        let coded: BTreeSet<Triple> = result
            .events
            .into_iter()
            .map(|e| (e.source, e.target, e.code))
            .collect();
        s.records += 1;
        let false_ev = coded.difference(expected).count();
        let missed = expected.difference(&coded).count();
        s.false_events += false_ev;
        s.missed_events += missed;
        if false_ev == 0 && missed == 0 {
            s.exact += 1;
        } else if keep_failures {
            s.failures.push(Failure {
                id: r.id.clone(),
                expected: expected.iter().cloned().collect(),
                coded: coded.into_iter().collect(),
                trace: coder.trace(&toks, r.date, use_opts),
            });
        }
    }
    s.accuracy = if s.records == 0 {
        0.0
    } else {
        s.exact as f64 / s.records as f64
    };
    s
}

/// A record's (story, sentence number) under a TABARI `FORWARD:` sequence format: `N` columns
/// are the story, `S` columns the sentence, other columns are ignored.
pub fn sequence(format: &str, header: &str) -> Option<(String, u64)> {
    let mut story = String::new();
    let mut sent = String::new();
    for (f, c) in format.chars().zip(header.chars()) {
        match f {
            'N' => story.push(c),
            'S' => sent.push(c),
            _ => {}
        }
    }
    let n = sent.trim().parse().ok()?;
    (!story.is_empty()).then_some((story, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tabari_records() {
        let text = "header\n950101  DEMO-01\nNorland met\nSudmark./*\n\\n{ NRL / SDM / 040 } 950101 */\n\n950101  OPT-01\nx /* { OPTION: SET: CODE ALL } */\n950102  NONE-01\nNothing here. /* {---} */\n990101  FINAL-01\nend /* */\n990101  AFTER-01\nmore /* { A / B / 010 } */\n";
        let r = read_tabari(text, false);
        assert_eq!(r.len(), 4);
        assert_eq!(r[0].text, "Norland met Sudmark.");
        assert_eq!(r[0].expected.as_ref().map(BTreeSet::len), Some(1));
        assert_eq!(r[0].date, NaiveDate::from_ymd_opt(1995, 1, 1));
        assert_eq!(r[1].expected, None);
        assert_eq!(r[1].options_after, vec!["SET: CODE ALL"]);
        assert!(r[1].options.is_empty());
        assert_eq!(r[2].expected, Some(BTreeSet::new()));
        assert_eq!(read_tabari(text, true).len(), 5);
        // `-{` (do not check) leaves nothing to score; a special code wins over listed events;
        // an option whose brace is missing ends at the line's end.
        let text = "950101  A-01\nx /* \\n-{ A / B / 010 } */\n950101  A-02\ny /* {+++}\n{ A / B / 010 } */\n950101  A-03\nz /* { OPTION: SET: MINIMUM WORDS = 4\n*/\n";
        let r = read_tabari(text, false);
        assert_eq!(r[0].expected, None);
        assert!(r[0].partial);
        assert_eq!(r[1].expected, Some(BTreeSet::new()));
        assert_eq!(r[2].options_after, vec!["SET: MINIMUM WORDS = 4"]);
    }

    #[test]
    fn a_tabari_option_takes_effect_after_its_record() {
        use crate::dict::lines::{Dialect, read_actors, read_verbs};
        use crate::dict::{Dictionaries, Syntax};
        let mut d = Dictionaries::empty(Syntax::Tabari);
        read_actors(
            "NORLAND [NRL]\nSUDMARK [SDM]\n",
            "t",
            Dialect::Tabari,
            &mut d,
        )
        .expect("a");
        read_verbs("ATTACK [190]\n", "t", Dialect::Tabari, &mut d).expect("v");
        let mut coder = Coder::new(d);
        coder.options.min_words = 0;
        let text = "950101  A-01\nNorland attacked Sudmark. /* { NRL / SDM / 190 }\n\
                    { OPTION: SET: MINIMUM WORDS = 10 } */\n\
                    950101  A-02\nNorland attacked Sudmark. /* {---} */\n";
        let records = read_tabari(text, false);
        let tokenize = |t: &str| crate::engine::simple_tokens(t);
        let s = score(&coder, &records, &tokenize, true, false);
        assert_eq!((s.records, s.exact), (2, 2));
        // Without validation mode the option is ignored: the second record is coded too.
        let s = score(&coder, &records, &tokenize, false, false);
        assert_eq!((s.records, s.exact), (2, 1));
    }

    #[test]
    fn reads_petrarch_records() {
        let text = r#"<Sentences>
<Sentence date = "19950101" id ="A-1" category="X" sentence="true">
<EventCoding sourcecode="NRL" targetcode='"SDM"' eventcode="040"></EventCoding>
<Text>
Norland met
Sudmark.
</Text>
<Parse>(ROOT (S (NP (NNP Norland))))</Parse>
</Sentence>
<!-- <Config option="require_dyad" value="true"></Config> -->
<Config option="require_dyad" value="false"></Config>
<Config option = "comma_max" value="0"></Config>
<Sentence date="19950102" id="A-2" category="X" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing.</Text>
</Sentence>"#;
        let r = read_petrarch(text);
        assert_eq!(r.len(), 2);
        assert_eq!(unescape_xml("A &amp;B &lt;C&gt;"), "A &B <C>");
        assert_eq!(r[0].id, "A-1");
        assert_eq!(r[0].text, "Norland met Sudmark.");
        assert!(r[0].expected.as_ref().is_some_and(|e| e.contains(&(
            "NRL".into(),
            "\"SDM\"".into(),
            "040".into()
        ))));
        assert_eq!(r[1].expected, Some(BTreeSet::new()));
        assert_eq!(r[1].date, NaiveDate::from_ymd_opt(1995, 1, 2));
        // `<Config>` tags before a record (not commented out) go with it.
        assert!(r[0].options.is_empty());
        assert_eq!(
            r[1].options,
            vec!["CONFIG: require_dyad = false", "CONFIG: comma_max = 0"]
        );
    }
}
