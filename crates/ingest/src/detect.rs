//! Format detection from the first bytes of a file. The extension only breaks ties, so a `.txt` that
//! holds HTML is read as HTML and a feed saved as `.html` is read as a feed.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// The input formats dyad reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Scraped page text with a `date YYYY-MM-DD <Source> Logo` header.
    Scraped,
    /// Plain text: an optional title line, then the body.
    Text,
    Html,
    /// RSS 2.0 or Atom.
    Rss,
    /// WARC or gzip-compressed WARC.
    Warc,
    /// One JSON object per line.
    Jsonl,
}

impl Format {
    /// The format's name, as `--format` takes it and JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Scraped => "scraped",
            Format::Text => "text",
            Format::Html => "html",
            Format::Rss => "rss",
            Format::Warc => "warc",
            Format::Jsonl => "jsonl",
        }
    }
}

/// Guesses the format of a file from its first bytes (`head`, a few KiB) and its extension.
pub fn detect(head: &[u8], ext: Option<&str>) -> Format {
    if head.starts_with(&[0x1f, 0x8b]) {
        // Gzip: the only compressed format dyad reads is WARC.gz.
        return Format::Warc;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let head = &head[..head.len().min(4096)];
    // Valid UTF-8 (but for a character the cut may split) is read in place.
    let text = match std::str::from_utf8(head) {
        Ok(t) => Cow::Borrowed(t),
        Err(e) if e.error_len().is_none() => {
            Cow::Borrowed(std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default())
        }
        Err(_) => String::from_utf8_lossy(head),
    };
    let trimmed = text.trim_start();
    if trimmed.starts_with("WARC/") {
        return Format::Warc;
    }
    if trimmed.starts_with('{') {
        return Format::Jsonl;
    }
    // The first 2,048 characters, lower-cased, when they hold any markup at all.
    let window = if trimmed.len() <= 2048 {
        trimmed
    } else {
        let cut = trimmed
            .char_indices()
            .nth(2048)
            .map_or(trimmed.len(), |(i, _)| i);
        &trimmed[..cut]
    };
    let lower = if window.contains('<') {
        window.to_ascii_lowercase()
    } else {
        String::new()
    };
    // Markup only when a real element opens the file: a wire headline may start with a ticker in
    // angle brackets ("<ABC> SAYS …").
    const ELEMENTS: &[&str] = &[
        "<?xml",
        "<!doctype",
        "<!--",
        "<html",
        "<head",
        "<body",
        "<rss",
        "<feed",
        "<rdf:rdf",
        "<channel",
        "<div",
        "<p>",
        "<p ",
        "<article",
        "<meta",
        "<title",
        "<section",
        "<main",
        "<span",
        "<table",
    ];
    if lower.starts_with('<') && ELEMENTS.iter().any(|e| lower.starts_with(e)) {
        let feedish = lower.contains("<rss")
            || lower.contains("<feed")
            || lower.contains("<rdf:rdf")
            || lower.contains("<channel");
        let htmlish = lower.contains("<html") || lower.contains("<!doctype html");
        if feedish && !htmlish {
            return Format::Rss;
        }
        if htmlish || lower.contains("<body") || lower.contains("<head") || lower.contains("<div") {
            return Format::Html;
        }
        if lower.starts_with("<?xml") {
            return Format::Rss;
        }
        return match ext {
            Some("xml" | "rss" | "atom") => Format::Rss,
            _ => Format::Html,
        };
    }
    if let Some(first) = trimmed.lines().next()
        && crate::scraped::is_header(first)
    {
        return Format::Scraped;
    }
    // No markup at the start: text, unless a page's markup follows some leading junk.
    if lower.contains("<html") || lower.contains("<body") {
        return Format::Html;
    }
    Format::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content_not_extension() {
        assert_eq!(detect(b"<!DOCTYPE html><html>", Some("txt")), Format::Html);
        assert_eq!(
            detect(b"<?xml version=\"1.0\"?><rss>", Some("html")),
            Format::Rss
        );
        assert_eq!(
            detect(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">", None),
            Format::Rss
        );
        assert_eq!(
            detect(b"WARC/1.0\r\nWARC-Type: warcinfo", Some("txt")),
            Format::Warc
        );
        assert_eq!(detect(&[0x1f, 0x8b, 8, 0], None), Format::Warc);
        assert_eq!(detect(b"{\"text\": \"x\"}\n", Some("txt")), Format::Jsonl);
        assert_eq!(
            detect(b" date 2024-01-05 Gazette Logo\n\nTitle", None),
            Format::Scraped
        );
        assert_eq!(
            detect(b"A headline\n\nBody text.", Some("html")),
            Format::Text
        );
        assert_eq!(
            detect(
                b"<ABC> SAYS PROFIT ROSE\n\nThe company said on Monday.",
                None
            ),
            Format::Text
        );
        assert_eq!(detect(b"<p>A fragment of a page.</p>", None), Format::Html);
    }
}
