//! Turning raw body text into clean paragraphs, and finding the dateline.
//!
//! Body text arrives in two layouts: one paragraph per line (or per blank-line-separated block), and
//! hard-wrapped newswire (lines of ~70 characters, paragraphs marked by indentation or blank lines, as
//! in 1980s Reuters copy). [`split`] tells them apart by the line-length profile and joins wrapped
//! lines. It also drops control characters and numeric character references to them, collapses white
//! space, and drops wire sign-offs ("Reuter") and page boilerplate ("Advertisement").

use std::sync::OnceLock;

use regex::Regex;

use crate::swar::{self, byte_class};

/// Splits `text` into clean paragraphs.
pub fn split(text: &str) -> Vec<String> {
    let text = strip_control(text);
    let lines: Vec<&str> = text.lines().collect();
    let wrapped = is_hard_wrapped(&lines);
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let p = collapse(cur);
        if !p.is_empty() && !is_boilerplate(&p) {
            out.push(p);
        }
        cur.clear();
    };
    for line in lines {
        if line.trim().is_empty() {
            flush(&mut cur, &mut out);
            continue;
        }
        let indented = line.starts_with("  ") || line.starts_with('\t');
        if !wrapped || indented {
            flush(&mut cur, &mut out);
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        // Trimmed here, so a paragraph of plain wrapped lines is already tidy for `collapse`.
        cur.push_str(line.trim_matches(|c| c == ' ' || c == '\t'));
    }
    flush(&mut cur, &mut out);
    drop_signoff(&mut out);
    out
}

/// Splits text whose every non-empty line is a paragraph (text taken from HTML blocks).
pub fn split_lines(text: &str) -> Vec<String> {
    let text = strip_control(text);
    let mut out: Vec<String> = text
        .lines()
        .map(collapse)
        .filter(|p| !p.is_empty() && !is_boilerplate(p))
        .collect();
    drop_signoff(&mut out);
    out
}

/// Hard-wrapped text: most lines are long-ish and none is very long.
fn is_hard_wrapped(lines: &[&str]) -> bool {
    // Byte lengths are close enough to character counts for this profile, and cost no decoding.
    let mut n = 0usize;
    let mut max = 0usize;
    for l in lines {
        let len = l.trim_end().len();
        if len > 0 {
            n += 1;
            max = max.max(len);
        }
    }
    if n < 3 || max > 100 {
        return false;
    }
    let long = lines
        .iter()
        .filter(|l| l.trim_end().len() * 10 >= max * 6)
        .count();
    long * 10 >= n * 6
}

/// Removes control characters (keeping newlines and tabs) and `&#N;` references to them.
fn strip_control(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    static RE: OnceLock<Regex> = OnceLock::new();
    let text: Cow<'_, str> = if text.contains("&#") {
        let re =
            RE.get_or_init(|| Regex::new(r"&#(?:[0-9]|[12][0-9]|3[01]);").expect("static regex"));
        re.replace_all(text, "")
    } else {
        Cow::Borrowed(text)
    };
    // One pass over the bytes, copying the runs between the bytes that go. The controls are ASCII
    // bytes and two-byte C1 sequences (U+0080..U+009F; "£" and the no-break space stay), so what
    // remains is whole characters. "\r\n" and a lone "\r" become "\n". Text with nothing to
    // remove is returned as it came, without a copy.
    let b = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let (mut i, mut run) = (0, 0);
    loop {
        i = swar::find(b, i, may_hold_control, &CONTROL_LEAD);
        let Some(&c) = b.get(i) else {
            break;
        };
        let next = b.get(i + 1).copied();
        let (skip, put) = match c {
            b'\r' => (1 + usize::from(next == Some(b'\n')), Some(b'\n')),
            0xc2 if next.is_some_and(|n| (0x80..0xa0).contains(&n)) => (2, None),
            0xc2 => {
                i += 1;
                continue;
            }
            _ => (1, None),
        };
        let o = out.get_or_insert_with(|| Vec::with_capacity(b.len()));
        o.extend_from_slice(&b[run..i]);
        o.extend(put);
        i += skip;
        run = i;
    }
    let Some(mut o) = out else {
        return text;
    };
    o.extend_from_slice(&b[run..]);
    match String::from_utf8(o) {
        Ok(t) => t.into(),
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned().into(),
    }
}

/// Whether eight bytes hold a byte below 0x20 (a newline or tab too), DEL or 0xC2.
fn may_hold_control(x: u64) -> bool {
    swar::has_control(x) || swar::has_byte(x, 0x7f) || swar::has_byte(x, 0xc2)
}

/// Bytes that may start something [`strip_control`] removes: ASCII controls but newline and tab,
/// DEL, and the lead byte of U+0080..U+00BF.
const CONTROL_LEAD: [bool; 256] =
    byte_class!(|b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f || b == 0xc2);

/// Bytes that end a run of plain ASCII: ASCII white space and every non-ASCII byte.
const BREAK: [bool; 256] =
    byte_class!(|b| b >= 0x80 || matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c));

/// Collapses runs of white space (including non-breaking spaces) into single spaces.
pub fn collapse(s: &str) -> String {
    let b = s.as_bytes();
    // Already tidy: no white space but single ASCII spaces between words, nothing non-ASCII.
    let tidy = !b.is_empty()
        && b[0] != b' '
        && !BREAK[usize::from(b[b.len() - 1])]
        && !b
            .windows(2)
            .any(|w| BREAK[usize::from(w[0])] && (w[0] != b' ' || w[1] == b' '));
    if tidy {
        return s.to_string();
    }
    // One pass over the bytes (wire copy wraps every line, so most paragraphs come this way);
    // a non-ASCII byte starts a character that is checked whole.
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut gap = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // The next piece: a run of ASCII non-space bytes, or one character.
        let (space, end) = if c < 0x80 {
            if BREAK[usize::from(c)] {
                (true, i + 1)
            } else {
                let mut run = i + 1;
                while run < b.len() && !BREAK[usize::from(b[run])] {
                    run += 1;
                }
                (false, run)
            }
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            (ch.is_whitespace() || ch == '\u{a0}', i + ch.len_utf8())
        };
        if space {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(b' ');
            }
            gap = false;
            out.extend_from_slice(&b[i..end]);
        }
        i = end;
    }
    // Whole characters were copied, so this cannot fail; the lossy form avoids a panic path.
    match String::from_utf8(out) {
        Ok(t) => t,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Page furniture that readers and scrapers leave in bodies.
pub fn is_boilerplate(p: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?ix)^(?:
                advertisement | advertising | sponsored(?:\ content)? | story\ continues\ below.* |
                (?:read|see)\ (?:more|also)\b.* | related(?:\ (?:articles?|stories|coverage|news))?:?.* |
                share\ (?:this|on)\b.* | click\ here\b.* | sign\ up\ for\b.* |
                subscribe\b.* | follow\ us\b.* | (?:all\ )?rights\ reserved\.? |
                ©.* | copyright\ \d{4}.* | comments?\ \(\d+\) | \d+\ comments? |
                skip\ to\ (?:main\ )?content | back\ to\ top | print\ this\ (?:page|article) |
                (?:reporting|editing|writing)\ by\ [^.]*\.?
            )$",
        )
        .expect("static regex")
    });
    if p.len() >= 200 {
        return false;
    }
    // Cheap filter before the regex: boilerplate starts with one of a few words, a digit or ©.
    let first: String = p
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let starts = [
        "advertisement",
        "advertising",
        "sponsored",
        "story",
        "read",
        "see",
        "related",
        "share",
        "click",
        "sign",
        "subscribe",
        "follow",
        "all",
        "rights",
        "copyright",
        "comments",
        "comment",
        "skip",
        "back",
        "print",
        "reporting",
        "editing",
        "writing",
    ];
    let plausible = p.starts_with('©')
        || p.as_bytes().first().is_some_and(u8::is_ascii_digit)
        || starts.contains(&first.as_str());
    plausible && re.is_match(p)
}

/// Drops a trailing wire sign-off paragraph ("Reuter", "REUTERS", "AFP").
fn drop_signoff(out: &mut Vec<String>) {
    if let Some(last) = out.last() {
        let l = last
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        if matches!(
            l.as_str(),
            "reuter" | "reuters" | "afp" | "ap" | "upi" | "xinhua" | "app"
        ) {
            out.pop();
        }
    }
}

/// Finds a dateline at the start of the first paragraph and removes it.
///
/// Accepts `ISLAMABAD: …`, `MOSCOW — …`, `NEW YORK, Dec 2 (Reuters) - …`, `KABUL (AP) — …` and
/// `GENEVA, Switzerland — …`. The place must be in capitals, so "Mr Khan: …" is not a dateline.
pub fn take_dateline(paragraphs: &mut [String]) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"^(?P<place>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3})(?:, (?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))?(?:,? (?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}))?(?: \((?P<agency>[A-Za-z][A-Za-z .&]{0,30})\))?\s*(?P<sep>:|—|–|--| -)\s+",
        )
        .expect("static regex")
    });
    let first = paragraphs.first_mut()?;
    let caps = re.captures(first)?;
    let place = caps.name("place")?.as_str();
    // At least three capital letters, and the rest of the paragraph must be a real sentence.
    if place.chars().filter(|c| c.is_ascii_uppercase()).count() < 3 {
        return None;
    }
    let end = caps.get(0)?.end();
    if first.len() - end < 20 {
        return None;
    }
    let place = place.to_string();
    let rest = first[end..].to_string();
    *first = rest;
    Some(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_hard_wrapped_lines() {
        let t = "The central bank of the republic said on Tuesday that it would\nraise its main lending rate by half a point to curb inflation\nwhich has risen for six straight months.\n    Economists had expected a smaller move after the finance\nministry warned that growth was slowing across the region.\n\n Reuter\n&#3;";
        let p = split(t);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].starts_with("The central bank"));
        assert!(p[0].contains("would raise"));
        assert!(p[1].starts_with("Economists"));
    }

    #[test]
    fn keeps_long_lines_as_paragraphs() {
        let t = "First paragraph of a modern story, which runs on for well over a hundred characters without any line break at all.\nSecond paragraph, also on its own line, and it too is a long line of running text that goes on and on.\nThird one.";
        assert_eq!(split(t).len(), 3);
    }

    #[test]
    fn drops_boilerplate() {
        let p = split(
            "A real paragraph about talks.\n\nAdvertisement\n\nRead more: other story\n\nAnother real paragraph.",
        );
        assert_eq!(
            p,
            vec!["A real paragraph about talks.", "Another real paragraph."]
        );
    }

    #[test]
    fn finds_datelines() {
        let mut p = vec![
            "ISLAMABAD: Officials from both countries met on Monday to discuss trade.".to_string(),
        ];
        assert_eq!(take_dateline(&mut p).as_deref(), Some("ISLAMABAD"));
        assert!(p[0].starts_with("Officials"));
        let mut p = vec![
            "NEW DELHI, Jan 4 (Reuters) - The ministry said it had summoned the envoy.".to_string(),
        ];
        assert_eq!(take_dateline(&mut p).as_deref(), Some("NEW DELHI"));
        assert!(p[0].starts_with("The ministry"));
        let mut p = vec![
            "KYIV — Air raid sirens sounded across the capital overnight, officials said."
                .to_string(),
        ];
        assert_eq!(take_dateline(&mut p).as_deref(), Some("KYIV"));
        let mut p =
            vec!["Mr Khan: the talks went well and both sides agreed to meet again.".to_string()];
        assert_eq!(take_dateline(&mut p), None);
    }

    #[test]
    fn collapse_joins_words_with_single_spaces() {
        assert_eq!(collapse("already tidy"), "already tidy");
        assert_eq!(
            collapse("  wrapped\nwire\r\n  copy\tand\u{a0}more "),
            "wrapped wire copy and more"
        );
        // Unicode spaces separate words; other non-ASCII characters stay whole.
        assert_eq!(
            collapse("Z\u{fc}rich\u{2009}talks \u{3000}\u{201c}began\u{201d}"),
            "Z\u{fc}rich talks \u{201c}began\u{201d}"
        );
        assert_eq!(collapse(" \n\t "), "");
        // Tidy but for one byte at either end.
        assert_eq!(collapse("x"), "x");
        assert_eq!(collapse("tidy\n"), "tidy");
        assert_eq!(collapse("\ttidy"), "tidy");
        assert_eq!(collapse("two  spaces"), "two spaces");
    }

    #[test]
    fn strip_control_keeps_text_and_drops_controls() {
        // Nothing to do: the same text, not a copy.
        let plain = "Plain text, \u{a3}5 and a\u{a0}no-break space.\nNext line\tand tab.";
        assert!(matches!(
            strip_control(plain),
            std::borrow::Cow::Borrowed(t) if t == plain
        ));
        // ASCII and C1 controls go, on either side of an eight-byte boundary; CR LF and a lone
        // CR become LF; references to controls go too.
        assert_eq!(
            strip_control("Reuter\u{3}\r\nabcdefgh\u{85}ijk\u{7f}l\rm&#3;n\u{9f}"),
            "Reuter\nabcdefghijkl\nmn"
        );
        assert_eq!(strip_control("\u{1}"), "");
        assert_eq!(strip_control("1234567\u{2}"), "1234567");
    }
}
