//! JSONL: one article per line, an object with at least `text`, optionally `id`, `title`, `date`,
//! `source`, `url`, `authors`/`author`, `language`. Lines are streamed; a bad line is rejected with its
//! line number and the batch goes on.

use std::io::{self, BufRead};

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::error::Category;

use crate::dates::parse_loose;
use crate::paragraphs::{self, collapse};
use crate::{
    FileCtx, Format, Item, Rejection, blank, check_binary_or_empty, decode_lossy, finish, sources,
};

pub fn read(
    ctx: &FileCtx<'_>,
    mut reader: Box<dyn BufRead + '_>,
    sink: &mut dyn FnMut(Item),
) -> io::Result<()> {
    let mut buf = Vec::with_capacity(1 << 16);
    let mut lineno = 0usize;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        lineno += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let origin = format!("{}:{lineno}", ctx.name);
        sink(read_line(&buf, &origin));
    }
    Ok(())
}

fn reject(origin: &str, kind: &'static str, reason: String) -> Item {
    Item::Rejected(Rejection {
        origin: origin.to_string(),
        kind,
        reason,
    })
}

/// One JSONL record. Fields borrow from the line where they can; unknown fields are skipped
/// without being built.
#[derive(Deserialize)]
struct Record<'a> {
    #[serde(borrow, default)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow, default, alias = "headline")]
    title: Option<Cow<'a, str>>,
    #[serde(borrow, default, alias = "link")]
    url: Option<Cow<'a, str>>,
    #[serde(borrow, default, alias = "outlet", alias = "publisher")]
    source: Option<Cow<'a, str>>,
    #[serde(borrow, default, alias = "lang")]
    language: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    date: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    published: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    updated: Option<Cow<'a, str>>,
    #[serde(default)]
    id: Option<Id>,
    #[serde(default, alias = "author")]
    authors: Option<Authors>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Authors {
    One(String),
    Many(Vec<String>),
}

fn field(v: &Option<Cow<'_, str>>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn read_line(bytes: &[u8], origin: &str) -> Item {
    if let Some(r) = check_binary_or_empty(origin, bytes) {
        return Item::Rejected(r);
    }
    let mut warnings = Vec::new();
    let line = decode_lossy(bytes, &mut warnings);
    let rec: Record<'_> = match serde_json::from_str(&line) {
        Ok(v) => v,
        Err(e) if e.classify() == Category::Data => {
            return reject(
                origin,
                "invalid record",
                format!(
                    "column {}: {e}: expected a JSON object with a \"text\" string",
                    e.column()
                ),
            );
        }
        Err(e) => {
            return reject(
                origin,
                "invalid JSON",
                format!(
                    "column {}: {e}: expected one JSON object per line",
                    e.column()
                ),
            );
        }
    };
    let Some(text) = rec.text.as_deref() else {
        return reject(
            origin,
            "no body",
            "no \"text\" field: expected the article body".into(),
        );
    };
    let mut a = blank(Format::Jsonl, origin);
    a.warnings = warnings;
    a.title = rec.title.as_deref().map(collapse).filter(|t| !t.is_empty());
    a.url = field(&rec.url);
    a.source = field(&rec.source);
    if a.source.is_none()
        && let Some(host) = a.url.as_deref().and_then(sources::url_host)
    {
        a.source = sources::source_for_host(host).map(str::to_string);
    }
    a.record_id = match rec.id {
        Some(Id::Text(s)) => Some(s),
        Some(Id::Number(n)) => Some(n.to_string()),
        None => None,
    };
    a.language = field(&rec.language).map(|l| l.to_ascii_lowercase());
    a.authors = match rec.authors {
        Some(Authors::Many(xs)) => xs
            .iter()
            .map(|x| collapse(x))
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Authors::One(s)) if !s.trim().is_empty() => vec![collapse(&s)],
        _ => Vec::new(),
    };
    a.paragraphs = paragraphs::split(text);
    if a.paragraphs.is_empty() {
        return reject(
            origin,
            "no body",
            "\"text\" is empty: expected the article body".into(),
        );
    }
    a.dateline = paragraphs::take_dateline(&mut a.paragraphs);
    let tz = a
        .source
        .as_deref()
        .and_then(sources::source_tz)
        .or_else(|| a.dateline.as_deref().and_then(sources::city_tz));
    for (key, slot, raw) in [
        ("date", 0, &rec.date),
        ("published", 0, &rec.published),
        ("updated", 1, &rec.updated),
    ] {
        let Some(raw) = raw.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
            continue;
        };
        let target = if slot == 0 {
            &mut a.published
        } else {
            &mut a.updated
        };
        if target.is_some() {
            continue;
        }
        match parse_loose(raw) {
            Some(p) => {
                let (v, assumed) = p.resolve(tz);
                if assumed {
                    a.warnings
                        .push(format!("{key} {raw:?} has no time zone: UTC assumed"));
                }
                *target = Some(v);
            }
            None => a.warnings.push(format!("could not read {key} {raw:?}")),
        }
    }
    if a.published.is_none() {
        a.warnings.push("no publication date".into());
    }
    a.id = crate::article_id(&a);
    finish(Ok(a), Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> Item {
        read_line(line.as_bytes(), "f.jsonl:1")
    }

    #[test]
    fn reads_a_record() {
        let Item::Article(a) = one(
            r#"{"id": 7, "title": "Ceasefire holds", "date": "2022-03-04", "source": "Wire", "url": "https://wire.example/a", "text": "BEIRUT: The ceasefire held for a third day on Friday, officials said."}"#,
        ) else {
            panic!("expected an article")
        };
        assert_eq!(a.title.as_deref(), Some("Ceasefire holds"));
        assert_eq!(a.record_id.as_deref(), Some("7"));
        assert_eq!(a.dateline.as_deref(), Some("BEIRUT"));
        assert_eq!(
            a.published.map(|d| d.to_string()).as_deref(),
            Some("2022-03-04")
        );
        assert_eq!(a.language.as_deref(), Some("en"));
    }

    #[test]
    fn rejects_bad_lines_with_reasons() {
        let Item::Rejected(r) = one(r#"{"title": "x", "text": ""}"#) else {
            panic!()
        };
        assert_eq!(r.kind, "no body");
        let Item::Rejected(r) = one(r#"{"title": "x"}"#) else {
            panic!()
        };
        assert_eq!(r.kind, "no body");
        let Item::Rejected(r) = one(r#"{"title": "x", "text": "abc"#) else {
            panic!()
        };
        assert_eq!(r.kind, "invalid JSON");
        assert!(r.reason.contains("column"));
        let Item::Rejected(r) = one(r#"[1, 2]"#) else {
            panic!()
        };
        assert_eq!(r.kind, "invalid record");
    }

    #[test]
    fn repairs_invalid_utf8() {
        let mut line = br#"{"text": "Talks were held in the capital on Monday between the two delegations caf"#.to_vec();
        line.push(0xE9);
        line.extend_from_slice(br#"."}"#);
        let Item::Article(a) = read_line(&line, "f.jsonl:3") else {
            panic!("expected an article")
        };
        assert!(
            a.warnings.iter().any(|w| w.contains("invalid UTF-8")),
            "{:?}",
            a.warnings
        );
    }
}
