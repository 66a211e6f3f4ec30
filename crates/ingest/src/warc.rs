//! WARC and WARC.gz archives, as Common Crawl News writes them (one gzip member per record).
//!
//! `response` records carrying HTML become articles (read by [`crate::html`]); `WARC-Target-URI` and
//! `WARC-Date` are fallbacks for the URL and date. Other records (`warcinfo`, `request`, `metadata`,
//! non-HTML responses) are skipped and counted.
//!
//! Hand-written rather than the `warc` crate because dyad must name the byte offset of every bad
//! record, and carry on past one: the reader tracks the compressed offset of each gzip member and
//! reports a truncated or corrupt member, or a record whose `Content-Length` runs past the data, with
//! that offset. The WARC framing itself is small (a version line, headers, a counted block).

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

use crate::{
    DateValue, FileCtx, Item, Rejection, Skip, check_binary_or_empty, decode_lossy, finish,
};

/// A `BufRead` that counts the bytes consumed from it.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

/// The largest record block dyad reads (a news page is far smaller).
const MAX_BLOCK: u64 = 64 << 20;

pub fn read(
    ctx: &FileCtx<'_>,
    reader: Box<dyn BufRead + '_>,
    sink: &mut dyn FnMut(Item),
) -> io::Result<()> {
    let mut r = Counting {
        inner: reader,
        pos: 0,
    };
    let gz = r.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    if !gz {
        return read_records(ctx, &mut r, 0, false, sink);
    }
    loop {
        if r.fill_buf()?.is_empty() {
            return Ok(());
        }
        let start = r.pos;
        let mut member = Vec::new();
        let res = GzDecoder::new(&mut r)
            .take(MAX_BLOCK * 2)
            .read_to_end(&mut member);
        match res {
            Ok(_) => read_records(ctx, &mut member.as_slice(), start, true, sink)?,
            Err(e) => {
                let kind = if e.kind() == io::ErrorKind::UnexpectedEof {
                    "truncated gzip"
                } else {
                    "corrupt gzip"
                };
                sink(Item::Rejected(Rejection {
                    origin: format!("{}@{start}", ctx.name),
                    kind,
                    reason: format!(
                        "gzip member at byte offset {start}: {e}; expected a complete gzip member holding one WARC record (the rest of the file is not read)"
                    ),
                }));
                return Ok(());
            }
        }
    }
}

/// One record's header fields.
#[derive(Default)]
struct Header {
    warc_type: String,
    uri: Option<String>,
    date: Option<String>,
    record_id: Option<String>,
    content_type: Option<String>,
    length: Option<u64>,
}

/// Reads the records in `r`. In a gzip member, `base` is the member's offset and every record is
/// named by it; in a plain file, each record is named by its own offset.
fn read_records(
    ctx: &FileCtx<'_>,
    r: &mut dyn BufRead,
    base: u64,
    in_member: bool,
    sink: &mut dyn FnMut(Item),
) -> io::Result<()> {
    let mut offset = base;
    let mut line = Vec::new();
    loop {
        // Skip blank lines between records.
        let origin;
        loop {
            line.clear();
            let n = r.read_until(b'\n', &mut line)?;
            if n == 0 {
                return Ok(());
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                offset += n as u64;
                continue;
            }
            origin = format!("{}@{}", ctx.name, offset);
            offset += n as u64;
            break;
        }
        let reject = |kind: &'static str, reason: String| {
            Item::Rejected(Rejection {
                origin: origin.clone(),
                kind,
                reason,
            })
        };
        if !line.starts_with(b"WARC/") {
            sink(reject(
                "malformed WARC",
                format!(
                    "expected a `WARC/1.x` version line, found {:?}; the rest of this {} is not read",
                    String::from_utf8_lossy(&line[..line.len().min(40)]),
                    if in_member { "gzip member" } else { "file" }
                ),
            ));
            return Ok(());
        }
        let mut h = Header::default();
        loop {
            line.clear();
            let n = r.read_until(b'\n', &mut line)?;
            offset += n as u64;
            if n == 0 {
                sink(reject(
                    "truncated record",
                    "the file ends inside the record's headers".into(),
                ));
                return Ok(());
            }
            let l = String::from_utf8_lossy(&line);
            let l = l.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                let v = v.trim().to_string();
                match k.trim().to_ascii_lowercase().as_str() {
                    "warc-type" => h.warc_type = v.to_ascii_lowercase(),
                    "warc-target-uri" => h.uri = Some(v.trim_matches(['<', '>']).to_string()),
                    "warc-date" => h.date = Some(v),
                    "warc-record-id" => h.record_id = Some(v.trim_matches(['<', '>']).to_string()),
                    "content-type" => h.content_type = Some(v.to_ascii_lowercase()),
                    "content-length" => h.length = v.parse().ok(),
                    _ => {}
                }
            }
        }
        let Some(len) = h.length else {
            sink(reject(
                "malformed WARC",
                "no valid Content-Length header; the rest is not read".into(),
            ));
            return Ok(());
        };
        if len > MAX_BLOCK {
            sink(reject(
                "too large",
                format!("record block of {len} bytes is over the {MAX_BLOCK}-byte limit"),
            ));
            return Ok(());
        }
        let mut block = Vec::with_capacity(len as usize);
        let got = r.take(len).read_to_end(&mut block)?;
        offset += got as u64;
        if (got as u64) < len {
            sink(reject(
                "truncated record",
                format!("Content-Length says {len} bytes but only {got} follow"),
            ));
            return Ok(());
        }
        sink(record_item(&h, &block, &origin));
    }
}

fn record_item(h: &Header, block: &[u8], origin: &str) -> Item {
    let skip = |kind: String| {
        Item::Skipped(Skip {
            origin: origin.to_string(),
            kind,
        })
    };
    if h.warc_type != "response" {
        let t = if h.warc_type.is_empty() {
            "untyped"
        } else {
            h.warc_type.as_str()
        };
        return skip(format!("WARC {t} record"));
    }
    if !h
        .content_type
        .as_deref()
        .is_some_and(|c| c.starts_with("application/http"))
    {
        return skip(format!(
            "WARC response that is not HTTP ({})",
            h.content_type.as_deref().unwrap_or("no Content-Type")
        ));
    }
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut resp = httparse::Response::new(&mut headers);
    let body_start = match resp.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Item::Rejected(Rejection {
                origin: origin.to_string(),
                kind: "malformed HTTP",
                reason: "HTTP headers do not end: expected a blank line after them".into(),
            });
        }
        Err(e) => {
            return Item::Rejected(Rejection {
                origin: origin.to_string(),
                kind: "malformed HTTP",
                reason: format!("cannot read the HTTP response: {e}"),
            });
        }
    };
    let status = resp.code.unwrap_or(0);
    if !(200..300).contains(&status) {
        return skip(format!("HTTP status {status}"));
    }
    let header = |name: &str| {
        resp.headers
            .iter()
            .find(|hd| hd.name.eq_ignore_ascii_case(name))
            .map(|hd| String::from_utf8_lossy(hd.value).to_ascii_lowercase())
    };
    let ctype = header("content-type").unwrap_or_default();
    if !(ctype.is_empty() || ctype.contains("html")) {
        return skip(format!("non-HTML response ({ctype})"));
    }
    let mut body = block[body_start..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body).unwrap_or(body);
    }
    if header("content-encoding").is_some_and(|e| e.contains("gzip")) {
        let mut out = Vec::new();
        if GzDecoder::new(body.as_slice())
            .read_to_end(&mut out)
            .is_ok()
        {
            body = out;
        }
    }
    if let Some(r) = check_binary_or_empty(origin, &body) {
        return Item::Rejected(r);
    }
    let mut warnings = Vec::new();
    let html = decode_lossy(&body, &mut warnings);
    match crate::html::parse(&html, origin, h.uri.as_deref()) {
        Ok(mut a) => {
            a.record_id = h.record_id.clone();
            if a.url.is_none() {
                a.url = h.uri.clone();
            }
            if a.published.is_none()
                && let Some(d) = &h.date
                && let Ok(t) = chrono::DateTime::parse_from_rfc3339(d)
            {
                a.published = Some(DateValue::DateTime(t));
                a.warnings.retain(|w| !w.starts_with("no publication date"));
                a.warnings
                    .push("published date taken from WARC-Date (the capture time)".into());
            }
            a.id = crate::article_id(&a);
            finish(Ok(a), warnings)
        }
        Err(r) => Item::Rejected(r),
    }
}

/// Decodes an HTTP chunked body; `None` when it is not validly chunked.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let nl = b.iter().position(|&c| c == b'\n')?;
        let size_line = std::str::from_utf8(&b[..nl]).ok()?.trim();
        let size = usize::from_str_radix(size_line.split(';').next()?.trim(), 16).ok()?;
        b = &b[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size..)?;
        b = b
            .strip_prefix(b"\r\n")
            .or_else(|| b.strip_prefix(b"\n"))
            .unwrap_or(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").as_deref(),
            Some(&b"Wikipedia"[..])
        );
        assert_eq!(dechunk(b"zz\r\n"), None);
    }
}
