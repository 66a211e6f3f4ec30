//! Scraped page text: the layout a page scraper leaves when it flattens a news page to lines.
//!
//! ```text
//!  date 2024-03-05 <Source> Logo           header: scrape date and outlet
//! <title>
//! <authors>Published <Month D, YYYY> - Updated <Month D, YYYY HH:MMam>
//! <caption>                                a photo caption, printed twice in a row
//! <caption>
//! PLACE: <first paragraph>                 dateline, then the body
//! …
//! Published in <Source>, <Month Dth, YYYY> footer: confirms source and date, not body
//! ```
//! Each part is optional except the header. Nothing here is specific to one outlet: the outlet's
//! time zone comes from `data/sources.tsv`, else from the dateline city.

use std::sync::OnceLock;

use regex::Regex;

use crate::dates::{Parsed, parse_loose};
use crate::paragraphs::{self, collapse};
use crate::{Article, Format, Rejection, blank, sources};

fn header_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.*?)\s*\bLogo\s*$").expect("static regex")
    })
}

/// Is this the `date YYYY-MM-DD <Source> Logo` header line?
pub fn is_header(line: &str) -> bool {
    header_re().is_match(line)
}

fn byline_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?P<authors>.*?)\s*Published\s+(?:on\s+)?(?P<pub>[A-Z][a-z]+\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}(?: \d{1,2}:\d{2}\s?[apAP]\.?[mM]\.?)?)(?:\s*[-–|]\s*Updated\s+(?:on\s+)?(?P<upd>.+?))?\s*$",
        )
        .expect("static regex")
    })
}

fn footer_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*Published in (?P<src>.+?),\s*(?P<date>.+?)\s*$").expect("static regex")
    })
}

/// Splits a byline's author part into names: "A, B and C" → [A, B, C].
fn split_authors(s: &str) -> Vec<String> {
    let s = s.trim().trim_start_matches("By ").trim_start_matches("by ");
    s.split([',', '|', '&'])
        .flat_map(|p| p.split(" and "))
        .map(collapse)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Parses a scraped page. `origin` names the file for messages.
pub fn parse(text: &str, origin: &str) -> Result<Article, Rejection> {
    let reject = |kind: &'static str, reason: String| Rejection {
        origin: origin.to_string(),
        kind,
        reason,
    };
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut i = 0;
    let next_nonempty = |i: &mut usize| -> Option<(usize, &str)> {
        while *i < lines.len() {
            let l = lines[*i];
            *i += 1;
            if !l.trim().is_empty() {
                return Some((*i, l));
            }
        }
        None
    };
    let mut a = blank(Format::Scraped, origin);

    let (hline, header) = next_nonempty(&mut i).ok_or_else(|| {
        reject(
            "empty",
            "empty file: expected a `date YYYY-MM-DD <Source> Logo` header".into(),
        )
    })?;
    let caps = header_re().captures(header).ok_or_else(|| {
        reject(
            "bad header",
            format!(
                "line {hline}: expected a `date YYYY-MM-DD <Source> Logo` header, found {header:?}"
            ),
        )
    })?;
    let header_date = caps.get(1).and_then(|m| parse_loose(m.as_str()));
    let header_source = caps
        .get(2)
        .map(|m| collapse(m.as_str()))
        .filter(|s| !s.is_empty());
    a.source = header_source.clone();

    let (_, title) = next_nonempty(&mut i).ok_or_else(|| {
        reject(
            "no body",
            format!("line {hline}: header but no title or body"),
        )
    })?;
    a.title = Some(collapse(title));

    // The byline, when present, follows the title.
    let mut published_raw = None;
    let mut updated_raw = None;
    let save = i;
    if let Some((_, l)) = next_nonempty(&mut i) {
        if let Some(c) = byline_re().captures(l) {
            a.authors = c
                .name("authors")
                .map(|m| split_authors(m.as_str()))
                .unwrap_or_default();
            published_raw = c.name("pub").map(|m| m.as_str().to_string());
            updated_raw = c.name("upd").map(|m| m.as_str().to_string());
        } else {
            i = save;
        }
    }

    // The rest: captions (a line printed twice in a row), body, footer.
    let mut body: Vec<String> = Vec::new();
    let mut footer: Option<(String, String, usize)> = None;
    let mut after_footer = 0usize;
    let rest: Vec<(usize, &str)> = (i..lines.len())
        .map(|k| (k + 1, lines[k]))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let mut k = 0;
    while k < rest.len() {
        let (lineno, l) = rest[k];
        if footer.is_some() {
            after_footer += 1;
            k += 1;
            continue;
        }
        if let Some(c) = footer_re().captures(l) {
            let src = c
                .name("src")
                .map(|m| m.as_str().to_string())
                .unwrap_or_default();
            let date = c
                .name("date")
                .map(|m| m.as_str().to_string())
                .unwrap_or_default();
            footer = Some((src, date, lineno));
            k += 1;
            continue;
        }
        if k + 1 < rest.len() && collapse(l) == collapse(rest[k + 1].1) {
            let cap = collapse(l);
            if !a.captions.contains(&cap) {
                a.captions.push(cap);
            }
            k += 2;
            continue;
        }
        body.push(l.to_string());
        k += 1;
    }
    if after_footer > 0 {
        a.warnings
            .push(format!("dropped {after_footer} line(s) after the footer"));
    }
    a.paragraphs = paragraphs::split(&body.join("\n\n"));
    a.dateline = paragraphs::take_dateline(&mut a.paragraphs);

    // Dates: local times are placed in the outlet's zone, else the dateline city's.
    let tz = a
        .source
        .as_deref()
        .and_then(sources::source_tz)
        .or_else(|| a.dateline.as_deref().and_then(sources::city_tz));
    let mut resolve = |raw: &Option<String>, what: &str| {
        let raw = raw.as_deref()?;
        match parse_loose(raw) {
            Some(p) => {
                let (v, assumed) = p.resolve(tz);
                if assumed {
                    a.warnings.push(format!(
                        "{what} time {raw:?} has no time zone and the source's is unknown: UTC assumed"
                    ));
                }
                Some(v)
            }
            None => {
                a.warnings
                    .push(format!("could not read the {what} date {raw:?}"));
                None
            }
        }
    };
    a.published = resolve(&published_raw, "published");
    a.updated = resolve(&updated_raw, "updated");
    if a.published.is_none()
        && let Some(Parsed::Date(d)) = header_date
    {
        a.published = Some(crate::DateValue::Date(d));
        a.warnings
            .push("no byline date: published date taken from the header".into());
    }

    // The footer confirms source and date.
    match &footer {
        Some((src, date, lineno)) => {
            let src = collapse(src);
            match &a.source {
                Some(s) if !s.eq_ignore_ascii_case(&src) => a.warnings.push(format!(
                    "line {lineno}: footer names source {src:?} but the header says {s:?}"
                )),
                None => a.source = Some(src),
                _ => {}
            }
            match (parse_loose(date), a.published) {
                (Some(p), Some(pubd)) => {
                    let fd = p.resolve(tz).0.date();
                    if fd != pubd.date() {
                        a.warnings.push(format!(
                            "line {lineno}: footer date {fd} differs from the published date {}",
                            pubd.date()
                        ));
                    }
                }
                (Some(p), None) => a.published = Some(p.resolve(tz).0),
                (None, _) => a.warnings.push(format!(
                    "line {lineno}: could not read the footer date {date:?}"
                )),
            }
        }
        None => a
            .warnings
            .push("no `Published in <Source>, <date>` footer".into()),
    }
    if a.published.is_none() {
        a.warnings.push("no publication date found".into());
    }
    if let (Some(Parsed::Date(hd)), Some(p)) = (header_date, a.published)
        && (p.date() - hd).num_days().abs() > 1
    {
        a.warnings.push(format!(
            "header date {hd} is more than a day from the published date {}",
            p.date()
        ));
    }
    a.id = crate::article_id(&a);
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = " date 2023-05-10 The Gazette Logo

Ministers agree to reopen border crossing

Jane Roe and John DoePublished May 10, 2023 - Updated May 10, 2023 09:15pm
KABUL: Trucks wait at the crossing on Tuesday.—AP
KABUL: Trucks wait at the crossing on Tuesday.—AP

KABUL: The foreign ministers of the two neighbours agreed on Tuesday to reopen the main border crossing after a week of closure.

Officials said trade would resume within days.

Published in The Gazette, May 10th, 2023
";

    #[test]
    fn parses_a_scraped_page() {
        let a = parse(PAGE, "page.txt").expect("parses");
        assert_eq!(a.source.as_deref(), Some("The Gazette"));
        assert_eq!(
            a.title.as_deref(),
            Some("Ministers agree to reopen border crossing")
        );
        assert_eq!(a.authors, vec!["Jane Roe", "John Doe"]);
        assert_eq!(
            a.published.map(|p| p.to_string()).as_deref(),
            Some("2023-05-10")
        );
        // Unknown outlet: the dateline city gives the zone (Kabul, +04:30).
        assert_eq!(
            a.updated.map(|p| p.to_string()).as_deref(),
            Some("2023-05-10T21:15:00+04:30")
        );
        assert_eq!(a.dateline.as_deref(), Some("KABUL"));
        assert_eq!(
            a.captions,
            vec!["KABUL: Trucks wait at the crossing on Tuesday.—AP"]
        );
        assert_eq!(a.paragraphs.len(), 2);
        assert!(a.paragraphs[0].starts_with("The foreign ministers"));
        assert!(a.paragraphs.iter().all(|p| !p.contains("Published in")));
    }

    #[test]
    fn rejects_a_missing_header() {
        let e = parse("Just a title\n\nAnd a body.", "x.txt").expect_err("no header");
        assert!(e.reason.contains("line 1"), "{}", e.reason);
    }

    #[test]
    fn warns_on_footer_mismatch() {
        let page = PAGE.replace(
            "Published in The Gazette, May 10th",
            "Published in The Gazette, May 14th",
        );
        let a = parse(&page, "p.txt").expect("parses");
        assert!(
            a.warnings.iter().any(|w| w.contains("footer date")),
            "{:?}",
            a.warnings
        );
    }
}
