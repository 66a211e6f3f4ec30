//! HTML pages: the main content by `dom_smoothie` (a port of Mozilla's Readability), with the
//! metadata read from `<meta>` tags, JSON-LD and `<time>` elements.

use dom_query::{Document, Matcher};
use dom_smoothie::{Config, Readability, TextMode};

use crate::dates::parse_loose;
use crate::paragraphs::{self, collapse};
use crate::{Article, DateValue, Format, Rejection, blank, sources};

/// Metadata found in the page head and body before Readability rewrites the document.
#[derive(Default)]
struct Meta {
    published: Option<String>,
    updated: Option<String>,
    site: Option<String>,
    url: Option<String>,
    authors: Vec<String>,
    captions: Vec<String>,
    lang: Option<String>,
}

/// Where each metadata field is read from, in order of preference.
const PUBLISHED: &[&str] = &[
    "meta[property='article:published_time']",
    "meta[name='article:published_time']",
    "meta[itemprop='datePublished']",
    "meta[name='pubdate']",
    "meta[name='publishdate']",
    "meta[name='date']",
    "meta[name='dc.date']",
    "meta[name='DC.date.issued']",
    "meta[property='og:published_time']",
    "time[itemprop='datePublished']",
    "time[pubdate]",
    "time[datetime]",
];
const UPDATED: &[&str] = &[
    "meta[property='article:modified_time']",
    "meta[name='article:modified_time']",
    "meta[itemprop='dateModified']",
    "meta[property='og:updated_time']",
    "meta[name='lastmod']",
    "time[itemprop='dateModified']",
];
const SITE: &[&str] = &[
    "meta[property='og:site_name']",
    "meta[name='application-name']",
];
const URL: &[&str] = &["link[rel='canonical']", "meta[property='og:url']"];

/// The selectors of [`PUBLISHED`], [`UPDATED`], [`SITE`] and [`URL`], compiled once per thread,
/// and one for every element any of them can match.
struct MetaMatchers {
    any: Matcher,
    lists: [Vec<Matcher>; 4],
}

impl MetaMatchers {
    fn new() -> Option<MetaMatchers> {
        let compile = |l: &[&str]| {
            l.iter()
                .map(|s| Matcher::new(s).ok())
                .collect::<Option<Vec<_>>>()
        };
        Some(MetaMatchers {
            any: Matcher::new("meta, time, link").ok()?,
            lists: [
                compile(PUBLISHED)?,
                compile(UPDATED)?,
                compile(SITE)?,
                compile(URL)?,
            ],
        })
    }
}

/// For each list of selectors, the value (`content`, `datetime` or `href`) of the first element
/// in document order that matches the earliest selector of the list with a value. The page is
/// walked once, where a `select` per selector would walk it two dozen times.
fn meta_values(doc: &Document) -> [Option<String>; 4] {
    thread_local! {
        static MATCHERS: Option<MetaMatchers> = MetaMatchers::new();
    }
    MATCHERS.with(|m| {
        // Per list: the index of the selector that gave the value, and the value.
        let mut best: [(usize, Option<String>); 4] = std::array::from_fn(|_| (usize::MAX, None));
        let Some(m) = m else {
            return best.map(|b| b.1);
        };
        for n in doc.select_matcher(&m.any).nodes() {
            let mut value: Option<Option<String>> = None;
            for (list, b) in m.lists.iter().zip(best.iter_mut()) {
                for (i, sel) in list.iter().enumerate().take(b.0) {
                    if !n.is_match(sel) {
                        continue;
                    }
                    let v = value.get_or_insert_with(|| {
                        n.attr("content")
                            .or_else(|| n.attr("datetime"))
                            .or_else(|| n.attr("href"))
                            .map(|v| v.trim().to_string())
                            .filter(|v| !v.is_empty())
                    });
                    if let Some(v) = v {
                        *b = (i, Some(v.clone()));
                        break;
                    }
                }
            }
        }
        best.map(|b| b.1)
    })
}

fn read_meta(doc: &Document) -> Meta {
    let [published, updated, site, url] = meta_values(doc);
    let mut m = Meta {
        published,
        updated,
        site,
        url,
        lang: doc.select("html").attr("lang").map(|l| l.to_string()),
        ..Meta::default()
    };
    for n in doc
        .select("meta[name='author'], meta[property='article:author']")
        .iter()
    {
        if let Some(a) = n.attr("content") {
            let a = collapse(&a);
            if !a.is_empty() && !a.starts_with("http") && !m.authors.contains(&a) {
                m.authors.push(a);
            }
        }
    }
    for n in doc.select("figcaption").iter() {
        let c = collapse(&n.text());
        if !c.is_empty() && !m.captions.contains(&c) {
            m.captions.push(c);
        }
    }
    m
}

/// Turns an HTML fragment (feed content, a Readability result) into paragraphs.
pub fn fragment_paragraphs(html: &str) -> Vec<String> {
    if !html.contains('<') {
        return paragraphs::split(&html_unescape(html));
    }
    let doc = Document::from(html);
    doc.select("script, style, noscript, figure, aside, nav")
        .remove();
    paragraphs::split_lines(&doc.formatted_text())
}

/// Decodes the few entities that appear in plain-text feed fields.
fn html_unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Splits a Readability byline ("By Jane Roe and John Doe, Reuters") into names.
fn byline_authors(byline: &str) -> Vec<String> {
    let b = collapse(byline);
    let b = b
        .strip_prefix("By ")
        .or_else(|| b.strip_prefix("by "))
        .unwrap_or(&b);
    b.split([',', '|', '&'])
        .flat_map(|p| p.split(" and "))
        .map(collapse)
        .filter(|p| {
            !p.is_empty() && p.len() < 60 && !p.contains("Published") && !p.contains("Updated")
        })
        .collect()
}

/// Parses an HTML page. `url` is a fallback (e.g. from a WARC record) for the page's own URL.
pub fn parse(html: &str, origin: &str, url: Option<&str>) -> Result<Article, Rejection> {
    let reject = |kind: &'static str, reason: String| Rejection {
        origin: origin.to_string(),
        kind,
        reason,
    };
    let doc = Document::from(html);
    let meta = read_meta(&doc);
    let page_url = meta.url.clone().or_else(|| url.map(str::to_string));
    let doc_url = page_url
        .as_deref()
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut r = Readability::with_document(doc, doc_url, Some(cfg))
        .or_else(|_| Readability::with_document(Document::from(html), None, None))
        .map_err(|e| reject("malformed HTML", format!("{e}")))?;
    let art = r
        .parse()
        .map_err(|e| reject("no content", format!("no readable article content: {e}")))?;

    let mut a = blank(Format::Html, origin);
    a.url = page_url;
    let title = collapse(&art.title);
    a.title = (!title.is_empty()).then_some(title);
    a.source = meta
        .site
        .clone()
        .or_else(|| art.site_name.clone())
        .or_else(|| {
            a.url
                .as_deref()
                .and_then(sources::url_host)
                .and_then(sources::source_for_host)
                .map(str::to_string)
        });
    a.authors = meta.authors.clone();
    if a.authors.is_empty()
        && let Some(b) = &art.byline
    {
        a.authors = byline_authors(b);
    }
    a.language = meta
        .lang
        .as_deref()
        .or(art.lang.as_deref())
        .map(|l| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase());
    a.captions = meta.captions.clone();
    // Readability's formatted text puts each block of the extracted content on its own line, so
    // the content needs no second parse.
    let mut paras = paragraphs::split_lines(&art.text_content);
    paras.retain(|p| !a.captions.contains(p));
    // Page furniture that Readability keeps at the top of the content: the title again, the byline,
    // a bare date or time line.
    while let Some(first) = paras.first() {
        let short = first.chars().count() < 100;
        let furniture = Some(first) == a.title.as_ref()
            || (short
                && (first.starts_with("By ") || first.starts_with("by "))
                && !first.ends_with('.'))
            || (short && a.authors.iter().any(|au| first == au))
            || (short && parse_loose(first).is_some());
        if !furniture {
            break;
        }
        if a.authors.is_empty() && (first.starts_with("By ") || first.starts_with("by ")) {
            a.authors = byline_authors(first);
        }
        paras.remove(0);
    }
    a.paragraphs = paras;
    a.dateline = paragraphs::take_dateline(&mut a.paragraphs);

    let tz = a
        .source
        .as_deref()
        .and_then(sources::source_tz)
        .or_else(|| a.dateline.as_deref().and_then(sources::city_tz));
    let published = meta
        .published
        .clone()
        .or_else(|| art.published_time.clone());
    let updated = meta.updated.clone().or_else(|| art.modified_time.clone());
    a.published = read_date(&published, "published", tz, &mut a.warnings);
    a.updated = read_date(&updated, "updated", tz, &mut a.warnings);
    if a.published.is_none() {
        a.warnings
            .push("no publication date in the page's meta tags, JSON-LD or <time>".into());
    }
    a.id = crate::article_id(&a);
    Ok(a)
}

fn read_date(
    raw: &Option<String>,
    what: &str,
    tz: Option<chrono_tz::Tz>,
    warnings: &mut Vec<String>,
) -> Option<DateValue> {
    let raw = raw.as_deref()?;
    match parse_loose(raw) {
        Some(p) => {
            let (v, assumed) = p.resolve(tz);
            if assumed {
                warnings.push(format!("{what} time {raw:?} has no time zone: UTC assumed"));
            }
            Some(v)
        }
        None => {
            warnings.push(format!("could not read the {what} date {raw:?}"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head>
<title>Leaders pledge aid after floods | The Courier</title>
<meta property="og:site_name" content="The Courier">
<meta property="article:published_time" content="2024-08-14T09:30:00+02:00">
<meta name="author" content="Ana Lima">
<link rel="canonical" href="https://courier.example/world/floods-aid">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="ad">Advertisement</div>
<article>
<h1>Leaders pledge aid after floods</h1>
<figure><img src="x.jpg"><figcaption>Rescue workers in the flooded town on Tuesday.</figcaption></figure>
<p class="byline">By Ana Lima</p><time datetime="2024-08-14T09:30:00+02:00">August 14, 2024</time>
<p>ROME: The leaders of five European states pledged emergency aid on Wednesday to the regions hit by last week's floods, which killed at least 40 people and left thousands homeless.</p>
<p>The prime minister said the government would release reserve funds immediately and asked the European Commission to activate its solidarity fund for the affected provinces.</p>
<p>Rescue teams from neighbouring countries arrived overnight with boats and pumps, officials said, as water levels began to fall in the worst-hit valleys.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Storm hits coast</a></li></ul></aside>
<footer>Copyright 2024 The Courier. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn extracts_content_and_metadata() {
        let a = parse(PAGE, "p.html", None).expect("parses");
        assert_eq!(a.source.as_deref(), Some("The Courier"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://courier.example/world/floods-aid")
        );
        assert_eq!(a.authors, vec!["Ana Lima"]);
        assert_eq!(
            a.published.map(|p| p.to_string()).as_deref(),
            Some("2024-08-14T09:30:00+02:00")
        );
        assert_eq!(a.dateline.as_deref(), Some("ROME"));
        assert_eq!(
            a.captions,
            vec!["Rescue workers in the flooded town on Tuesday."]
        );
        assert_eq!(a.paragraphs.len(), 3, "{:?}", a.paragraphs);
        let body = a.paragraphs.join(" ");
        for junk in [
            "Advertisement",
            "Related stories",
            "Copyright",
            "Sport",
            "Storm hits coast",
        ] {
            assert!(!body.contains(junk), "{junk} leaked into {body}");
        }
    }

    #[test]
    fn metadata_follows_the_order_of_preference() {
        // A <time> earlier in the page loses to the article:published_time meta that follows it;
        // an empty og:url gives way to the canonical link; the first of two site names wins.
        let page = r#"<html><head>
<time datetime="2020-01-01">old</time>
<meta property="og:url" content=" ">
<meta property="og:site_name" content="First">
<meta property="og:site_name" content="Second">
<meta property="article:modified_time" content="2024-08-15T10:00:00Z">
<meta property="article:published_time" content="2024-08-14T09:30:00+02:00">
<link rel="canonical" href="https://x.example/a">
</head><body><article><p>Body text of the page, long enough to be its content.</p></article></body></html>"#;
        let doc = Document::from(page);
        let [published, updated, site, url] = meta_values(&doc);
        assert_eq!(published.as_deref(), Some("2024-08-14T09:30:00+02:00"));
        assert_eq!(updated.as_deref(), Some("2024-08-15T10:00:00Z"));
        assert_eq!(site.as_deref(), Some("First"));
        assert_eq!(url.as_deref(), Some("https://x.example/a"));
    }

    #[test]
    fn fragment_to_paragraphs() {
        let p = fragment_paragraphs("<p>One paragraph here.</p><p>Two <b>bold</b> words.</p>");
        assert_eq!(p, vec!["One paragraph here.", "Two bold words."]);
    }
}
