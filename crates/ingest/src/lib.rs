//! Ingest: the first stage of dyad's pipeline.
//!
//! **In:** files, directories (walked recursively) or standard input holding news articles the way they
//! really arrive: scraped page text (`date YYYY-MM-DD <Source> Logo` header, byline run into
//! `Published …`, doubled photo captions, dateline, `Published in <Source>, <date>` footer), plain text,
//! HTML pages, RSS 2.0 / Atom feeds, WARC / WARC.gz archives (Common Crawl News layout) and JSONL.
//!
//! **Out:** a stream of [`Item`]s: an [`Article`] (metadata plus clean body paragraphs), a
//! [`Rejection`] (a record that could not be read, with the file and line or byte offset and the
//! reason), or a [`Skip`] (a record that is not an article by design, such as a WARC `request`).
//! Nothing is dropped silently: every record of the input comes out as exactly one item.
//!
//! The format is detected from the content ([`detect::detect`]), the file extension only breaking ties.
//! [`dedup`] finds near-duplicate articles (the same wire story republished) with MinHash.

pub mod dates;
pub mod dedup;
pub mod detect;
mod feed;
mod html;
pub mod json;
mod jsonl;
mod lang;
mod paragraphs;
mod scraped;
mod sources;
mod swar;
mod text;
mod warc;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use dates::DateValue;
pub use detect::Format;

/// One news article with its metadata and clean body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: a hash of source + URL when there is a URL, else of the title and body.
    pub id: String,
    /// The outlet ("Dawn", "Reuters"), when known.
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// Publication time: RFC 3339 with an offset where the input gives a time, else `YYYY-MM-DD`.
    pub published: Option<DateValue>,
    /// Last update, same form as `published`.
    pub updated: Option<DateValue>,
    /// The place line that opens the body ("ISLAMABAD"), removed from the first paragraph.
    pub dateline: Option<String>,
    /// ISO 639-1 code of the body's language.
    pub language: Option<String>,
    /// Photo captions, each kept once.
    pub captions: Vec<String>,
    /// Clean body paragraphs: no captions, footers, sign-offs or boilerplate.
    pub paragraphs: Vec<String>,
    /// Everything that was repaired, guessed or dropped on the way.
    pub warnings: Vec<String>,
    /// The input format the article was read from.
    pub format: Format,
    /// Where the article was read: `FILE`, `FILE:LINE` or `FILE@OFFSET`.
    pub origin: String,
    /// The identifier the input record itself gave (JSONL `id`, feed item guid, WARC record id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
}

impl Article {
    /// The publication date (local to the publication's offset), if known.
    pub fn published_date(&self) -> Option<NaiveDate> {
        self.published.as_ref().map(DateValue::date)
    }

    /// The body as one string, paragraphs separated by blank lines.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// Why a record could not be read. The message names what was expected.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejection {
    /// `FILE`, `FILE:LINE` or `FILE@OFFSET`.
    pub origin: String,
    /// A short class for the summary ("no body", "invalid JSON", "truncated gzip", …).
    pub kind: &'static str,
    /// The full reason.
    pub reason: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.origin, self.kind, self.reason)
    }
}

/// A record that is not an article by design (a WARC `request` or `metadata` record, a non-HTML
/// response). Counted, not an error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skip {
    pub origin: String,
    pub kind: String,
}

/// What reading one record gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Article(Box<Article>),
    Rejected(Rejection),
    Skipped(Skip),
}

/// Errors that stop a whole path from being read (as opposed to one record).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: cannot read: {error}")]
    Io { path: String, error: io::Error },
    #[error("unknown format {0:?}: expected auto, scraped, text, html, rss, warc or jsonl")]
    UnknownFormat(String),
}

/// How to read the input.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force a format instead of detecting it.
    pub format: Option<Format>,
    /// Publication date for plain text files (else the file's modification time, with a warning).
    pub date: Option<NaiveDate>,
}

/// Reads every file under `path` (a file, a directory walked recursively in name order, or `-` for
/// standard input) and hands each record to `sink`. Only a path that cannot be opened at all is an
/// error; everything wrong inside a file becomes a [`Rejection`].
pub fn read_path(
    path: &Path,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
) -> Result<(), IngestError> {
    if path.as_os_str() == "-" {
        let stdin = io::stdin();
        return read_stream(
            "<stdin>",
            None,
            Box::new(BufReader::new(stdin.lock())),
            opts,
            sink,
        );
    }
    let meta = std::fs::metadata(path).map_err(|error| IngestError::Io {
        path: path.display().to_string(),
        error,
    })?;
    if meta.is_dir() {
        let mut files = Vec::new();
        walk(path, &mut files).map_err(|error| IngestError::Io {
            path: path.display().to_string(),
            error,
        })?;
        for f in files {
            if let Err(e) = read_file(&f, opts, sink) {
                // A file that vanished or cannot be opened inside a directory is one rejected record.
                sink(Item::Rejected(Rejection {
                    origin: f.display().to_string(),
                    kind: "unreadable file",
                    reason: e.to_string(),
                }));
            }
        }
        Ok(())
    } else {
        read_file(path, opts, sink)
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    // Each name is read once (a sort by `file_name()` would allocate it at every comparison).
    let mut entries: Vec<(std::ffi::OsString, std::fs::DirEntry)> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| (e.file_name(), e)))
        .collect::<Result<_, _>>()?;
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, e) in entries {
        let p = e.path();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        if e.file_type()?.is_dir() {
            walk(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

fn read_file(path: &Path, opts: &Options, sink: &mut dyn FnMut(Item)) -> Result<(), IngestError> {
    let io_err = |error| IngestError::Io {
        path: path.display().to_string(),
        error,
    };
    let file = File::open(path).map_err(io_err)?;
    // The modification time is a fallback date for plain text: skip the system call when a date is
    // given (thousands of small files make every call count).
    let mtime = if opts.date.is_some() {
        None
    } else {
        file.metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .map(|t| chrono::DateTime::<chrono::Utc>::from(t).date_naive())
    };
    let name = path.display().to_string();
    let ctx = FileCtx {
        name: &name,
        ext: path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase()),
        mtime,
    };
    read_reader(
        &ctx,
        Box::new(BufReader::with_capacity(1 << 16, file)),
        opts,
        sink,
    )
    .map_err(io_err)
}

fn read_stream(
    name: &str,
    mtime: Option<NaiveDate>,
    reader: Box<dyn BufRead + '_>,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
) -> Result<(), IngestError> {
    let ctx = FileCtx {
        name,
        ext: None,
        mtime,
    };
    read_reader(&ctx, reader, opts, sink).map_err(|error| IngestError::Io {
        path: name.to_string(),
        error,
    })
}

/// What the readers know about the file they read.
pub(crate) struct FileCtx<'a> {
    pub name: &'a str,
    pub ext: Option<String>,
    pub mtime: Option<NaiveDate>,
}

/// Files larger than this are refused for the whole-file formats (text, scraped, HTML, feeds);
/// JSONL and WARC are streamed and have no limit.
const MAX_WHOLE_FILE: u64 = 256 << 20;

fn read_reader(
    ctx: &FileCtx<'_>,
    mut reader: Box<dyn BufRead + '_>,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
) -> io::Result<()> {
    let head = reader.fill_buf()?;
    let format = match opts.format {
        Some(f) => f,
        None => detect::detect(head, ctx.ext.as_deref()),
    };
    match format {
        Format::Jsonl => jsonl::read(ctx, reader, sink),
        Format::Warc => warc::read(ctx, reader, sink),
        _ => {
            let mut bytes = Vec::new();
            reader.take(MAX_WHOLE_FILE + 1).read_to_end(&mut bytes)?;
            if bytes.len() as u64 > MAX_WHOLE_FILE {
                sink(Item::Rejected(Rejection {
                    origin: ctx.name.to_string(),
                    kind: "too large",
                    reason: format!(
                        "file is larger than {} MiB; expected one article (split it, or use JSONL or WARC)",
                        MAX_WHOLE_FILE >> 20
                    ),
                }));
                return Ok(());
            }
            read_whole(ctx, format, &bytes, opts, sink);
            Ok(())
        }
    }
}

/// Reads a file that holds one article (or one feed) from memory.
fn read_whole(
    ctx: &FileCtx<'_>,
    format: Format,
    bytes: &[u8],
    opts: &Options,
    sink: &mut dyn FnMut(Item),
) {
    let origin = ctx.name.to_string();
    if let Some(rej) = check_binary_or_empty(&origin, bytes) {
        sink(Item::Rejected(rej));
        return;
    }
    let mut warnings = Vec::new();
    let text = decode_lossy(bytes, &mut warnings);
    let result = match format {
        Format::Scraped => scraped::parse(&text, &origin),
        Format::Text => text::parse(&text, &origin, opts.date.or(ctx.mtime), opts.date.is_none()),
        Format::Html => html::parse(&text, &origin, None),
        Format::Rss => {
            feed::read(&text, &origin, sink, &warnings);
            return;
        }
        Format::Jsonl | Format::Warc => unreachable_stream(&origin),
    };
    sink(finish(result, warnings));
}

fn unreachable_stream(origin: &str) -> Result<Article, Rejection> {
    Err(Rejection {
        origin: origin.to_string(),
        kind: "internal",
        reason: "streamed format reached the whole-file reader".into(),
    })
}

/// Adds decoding warnings, fills in the language, and turns a rejection or an article into an item.
pub(crate) fn finish(result: Result<Article, Rejection>, mut pre: Vec<String>) -> Item {
    match result {
        Ok(mut a) => {
            if a.paragraphs.is_empty() {
                return Item::Rejected(Rejection {
                    origin: a.origin,
                    kind: "no body",
                    reason: "no body text: expected at least one paragraph".into(),
                });
            }
            pre.append(&mut a.warnings);
            a.warnings = pre;
            lang::fill(&mut a);
            Item::Article(Box::new(a))
        }
        Err(r) => Item::Rejected(r),
    }
}

/// Rejects empty and binary records. Binary: a NUL byte, or more than 5 % control characters, in the
/// first 4 KiB.
pub(crate) fn check_binary_or_empty(origin: &str, bytes: &[u8]) -> Option<Rejection> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Some(Rejection {
            origin: origin.to_string(),
            kind: "empty",
            reason: "empty record: expected article text".into(),
        });
    }
    let head = &bytes[..bytes.len().min(4096)];
    if head.contains(&0)
        && let Some(pos) = head.iter().position(|&b| b == 0)
    {
        return Some(Rejection {
            origin: origin.to_string(),
            kind: "binary",
            reason: format!("binary content (NUL byte at offset {pos}): expected text"),
        });
    }
    // A branch-free count in byte lanes (chunks of 255 cannot overflow a u8), which the
    // compiler vectorises.
    let ctrl: usize = head
        .chunks(255)
        .map(|c| {
            usize::from(c.iter().fold(0u8, |n, &b| {
                n + u8::from(b < 0x20) - u8::from(matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
            }))
        })
        .sum();
    if ctrl * 20 > head.len() {
        return Some(Rejection {
            origin: origin.to_string(),
            kind: "binary",
            reason: format!(
                "binary content ({ctrl} control bytes in the first {} bytes): expected text",
                head.len()
            ),
        });
    }
    None
}

/// Decodes UTF-8, repairing invalid sequences with U+FFFD and saying where the first one was.
pub(crate) fn decode_lossy(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let fixed = String::from_utf8_lossy(bytes).into_owned();
            let bad = fixed.matches('\u{FFFD}').count();
            warnings.push(format!(
                "invalid UTF-8 repaired: {bad} invalid sequence(s), the first at byte offset {}",
                e.valid_up_to()
            ));
            fixed
        }
    }
}

/// A stable 64-bit hash rendered as 16 hex digits.
pub(crate) fn stable_id(parts: &[&str]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update(&[0x1f]);
    }
    format!("{:016x}", h.digest())
}

/// The article id: source + URL when there is a URL, else title + body.
pub(crate) fn article_id(a: &Article) -> String {
    match &a.url {
        Some(url) => stable_id(&[a.source.as_deref().unwrap_or(""), url]),
        None => {
            let mut parts: Vec<&str> = vec![a.title.as_deref().unwrap_or("")];
            parts.extend(a.paragraphs.iter().map(String::as_str));
            stable_id(&parts)
        }
    }
}

/// An empty article to fill in.
pub(crate) fn blank(format: Format, origin: &str) -> Article {
    Article {
        id: String::new(),
        source: None,
        url: None,
        title: None,
        authors: Vec::new(),
        published: None,
        updated: None,
        dateline: None,
        language: None,
        captions: Vec::new(),
        paragraphs: Vec::new(),
        warnings: Vec::new(),
        format,
        origin: origin.to_string(),
        record_id: None,
    }
}

/// Parses a `--format` value.
pub fn parse_format(s: &str) -> Result<Option<Format>, IngestError> {
    Ok(Some(match s {
        "auto" => return Ok(None),
        "scraped" => Format::Scraped,
        "text" | "txt" => Format::Text,
        "html" => Format::Html,
        "rss" | "atom" | "feed" => Format::Rss,
        "warc" => Format::Warc,
        "jsonl" => Format::Jsonl,
        other => return Err(IngestError::UnknownFormat(other.to_string())),
    }))
}
