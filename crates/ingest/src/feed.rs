//! RSS 2.0 and Atom feeds with `feed-rs`: each item is an article. The body comes from
//! `content:encoded` (or Atom `content`) where present, else from the description or summary.
//! Malformed XML rejects the whole feed with the line and column of the first error, found by
//! re-reading it with `quick-xml` (feed-rs does not report positions).

use crate::dates::Parsed;
use crate::html::fragment_paragraphs;
use crate::paragraphs::{self, collapse};
use crate::{DateValue, Format, Item, Rejection, blank, finish, sources};

/// Line and column (1-based) of the first XML error in `text`, if quick-xml finds one.
fn xml_error_position(text: &str) -> Option<(usize, usize, String)> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return None,
            Ok(_) => {}
            Err(e) => {
                let pos = (reader.error_position() as usize).min(text.len());
                let mut cut = pos;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                let before = &text[..cut];
                let line = before.matches('\n').count() + 1;
                let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                return Some((line, col, e.to_string()));
            }
        }
    }
}

/// Reads a feed held in memory; each item goes to `sink`.
pub fn read(text: &str, origin: &str, sink: &mut dyn FnMut(Item), pre_warnings: &[String]) {
    let feed = match feed_rs::parser::parse(text.as_bytes()) {
        Ok(f) => f,
        Err(e) => {
            let reason = match xml_error_position(text) {
                Some((line, col, msg)) => {
                    format!(
                        "line {line}, column {col}: malformed XML: {msg}; expected an RSS 2.0 or Atom feed"
                    )
                }
                None => format!("not a readable RSS or Atom feed: {e}"),
            };
            sink(Item::Rejected(Rejection {
                origin: origin.to_string(),
                kind: "malformed XML",
                reason,
            }));
            return;
        }
    };
    let feed_title = feed
        .title
        .as_ref()
        .map(|t| collapse(&t.content))
        .filter(|t| !t.is_empty());
    let feed_host = feed
        .links
        .iter()
        .find_map(|l| sources::url_host(&l.href))
        .and_then(sources::source_for_host);
    if feed.entries.is_empty() {
        sink(Item::Rejected(Rejection {
            origin: origin.to_string(),
            kind: "no body",
            reason: "feed has no items: expected <item> or <entry> elements".into(),
        }));
        return;
    }
    for (n, e) in feed.entries.into_iter().enumerate() {
        let item_origin = format!("{origin}#item{}", n + 1);
        let mut a = blank(Format::Rss, &item_origin);
        a.record_id = (!e.id.is_empty()).then(|| e.id.clone());
        a.title = e
            .title
            .as_ref()
            .map(|t| collapse(&t.content))
            .filter(|t| !t.is_empty());
        a.url = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .map(|l| l.href.clone());
        a.source = e
            .source
            .clone()
            .or_else(|| {
                a.url
                    .as_deref()
                    .and_then(sources::url_host)
                    .and_then(sources::source_for_host)
                    .map(str::to_string)
            })
            .or_else(|| feed_host.map(str::to_string))
            .or_else(|| feed_title.clone());
        a.authors = e
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().map(collapse))
            .filter(|n| !n.is_empty())
            .collect();
        a.language = e
            .language
            .clone()
            .or_else(|| feed.language.clone())
            .map(|l| {
                l.split(['-', '_'])
                    .next()
                    .unwrap_or(&l)
                    .to_ascii_lowercase()
            });
        // feed-rs normalises dates to UTC; keep them as such.
        a.published = e.published.map(|t| DateValue::DateTime(t.fixed_offset()));
        a.updated = e.updated.map(|t| DateValue::DateTime(t.fixed_offset()));
        if a.published.is_none() {
            if let Some(u) = a.updated {
                a.published = Some(u);
                a.warnings
                    .push("no pubDate: published taken from the updated time".into());
            } else if let Some(t) = feed.published.or(feed.updated) {
                a.published = Some(Parsed::Zoned(t.fixed_offset()).resolve(None).0);
                a.warnings
                    .push("item has no date: published taken from the feed's date".into());
            } else {
                a.warnings.push("no publication date".into());
            }
        }
        let body = e
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty());
        a.paragraphs = match body {
            Some(html) => fragment_paragraphs(&html),
            None => {
                if e.summary.is_some() {
                    a.warnings
                        .push("no full text (content:encoded): body is the item's summary".into());
                }
                e.summary
                    .as_ref()
                    .map(|s| fragment_paragraphs(&s.content))
                    .unwrap_or_default()
            }
        };
        a.dateline = paragraphs::take_dateline(&mut a.paragraphs);
        a.id = crate::article_id(&a);
        sink(finish(Ok(a), pre_warnings.to_vec()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Times World</title><link>https://harbour.example/</link>
<item><title>Navies hold joint drill</title><link>https://harbour.example/a1</link>
<guid>a1</guid><dc:creator>Sam Cole</dc:creator><pubDate>Tue, 05 Mar 2024 10:00:00 +0100</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>MANILA: The navies of the two allies began a joint drill in the disputed sea on Tuesday, officials said.</p><p>The exercise will last a week.</p>]]></content:encoded></item>
<item><title>Empty one</title><link>https://harbour.example/a2</link></item>
</channel></rss>"#;

    #[test]
    fn reads_items_with_full_text() {
        let mut items = Vec::new();
        read(RSS, "f.xml", &mut |i| items.push(i), &[]);
        assert_eq!(items.len(), 2);
        let Item::Article(a) = &items[0] else {
            panic!("expected an article: {:?}", items[0])
        };
        assert_eq!(a.title.as_deref(), Some("Navies hold joint drill"));
        assert_eq!(a.authors, vec!["Sam Cole"]);
        assert_eq!(a.dateline.as_deref(), Some("MANILA"));
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(
            a.published.map(|p| p.date().to_string()).as_deref(),
            Some("2024-03-05")
        );
        let Item::Rejected(r) = &items[1] else {
            panic!("expected a rejection")
        };
        assert_eq!(r.kind, "no body");
        assert!(r.origin.ends_with("#item2"));
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let bad = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n<item><title>x</titel></item>\n</channel></rss>";
        let mut items = Vec::new();
        read(bad, "bad.xml", &mut |i| items.push(i), &[]);
        let [Item::Rejected(r)] = &items[..] else {
            panic!("{items:?}")
        };
        assert_eq!(r.kind, "malformed XML");
        assert!(r.reason.contains("line 3"), "{}", r.reason);
    }
}
