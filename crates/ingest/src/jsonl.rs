//! JSONL: one article per line, an object with at least `text`, optionally `id`, `title`, `date`,
//! `source`, `url`, `authors`/`author`, `language`. Lines are streamed; a bad line is rejected with its
//! line number and the batch goes on.

use std::io::{self, BufRead};

use serde_json::Value;

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

fn str_field<'a>(obj: &'a serde_json::Map<String, Value>, keys: &[&str]) -> Option<&'a str> {
    keys.iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_str))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn read_line(bytes: &[u8], origin: &str) -> Item {
    if let Some(r) = check_binary_or_empty(origin, bytes) {
        return Item::Rejected(r);
    }
    let mut warnings = Vec::new();
    let line = decode_lossy(bytes, &mut warnings);
    let value: Value = match serde_json::from_str(&line) {
        Ok(v) => v,
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
    let Value::Object(obj) = value else {
        return reject(
            origin,
            "invalid record",
            "expected a JSON object with a \"text\" field".into(),
        );
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.as_str(),
        Some(Value::Null) | None => {
            return reject(
                origin,
                "no body",
                "no \"text\" field: expected the article body".into(),
            );
        }
        Some(_) => return reject(origin, "invalid record", "\"text\" is not a string".into()),
    };
    let mut a = blank(Format::Jsonl, origin);
    a.warnings = warnings;
    a.title = str_field(&obj, &["title", "headline"]).map(collapse);
    a.url = str_field(&obj, &["url", "link"]).map(str::to_string);
    a.source = str_field(&obj, &["source", "outlet", "publisher"]).map(str::to_string);
    if a.source.is_none()
        && let Some(host) = a.url.as_deref().and_then(sources::url_host)
    {
        a.source = sources::source_for_host(host).map(str::to_string);
    }
    a.record_id = match obj.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    a.language = str_field(&obj, &["language", "lang"]).map(|l| l.to_ascii_lowercase());
    match obj.get("authors").or_else(|| obj.get("author")) {
        Some(Value::Array(xs)) => {
            a.authors = xs
                .iter()
                .filter_map(Value::as_str)
                .map(collapse)
                .filter(|s| !s.is_empty())
                .collect()
        }
        Some(Value::String(s)) if !s.trim().is_empty() => a.authors = vec![collapse(s)],
        _ => {}
    }
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
    for (key, slot) in [("date", 0), ("published", 0), ("updated", 1)] {
        let Some(raw) = str_field(&obj, &[key]) else {
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
