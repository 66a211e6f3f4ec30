//! Tokenizer for English news text, following UD English EWT conventions where the tagger
//! needs them: punctuation split off, clitics split (`Russia's` → `Russia` `'s`,
//! `don't` → `do` `n't`, `cannot` → `can` `not`), abbreviations and initials keep their
//! period (`U.S.`, `Dr.`, `Dec.`, `J.`), numbers keep their separators (`1,200.50`),
//! hyphenated names stay whole (`al-Qaeda`; EWT splits some of these, the brief of this
//! project keeps them), URLs and e-mail addresses stay whole. Every token is a byte range
//! of the input, so `&text[t.start..t.end]` is its text.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Serialize;

/// A token: byte offsets into the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RawToken {
    pub start: usize,
    pub end: usize,
}

/// What an abbreviation's period means (see `data/abbreviations.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrClass {
    Title,
    Month,
    Num,
    Other,
}

static ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");

fn abbr_table() -> &'static FxHashMap<&'static str, AbbrClass> {
    static T: OnceLock<FxHashMap<&'static str, AbbrClass>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = FxHashMap::default();
        for line in ABBREVIATIONS.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut it = line.split_whitespace();
            let (Some(a), Some(c)) = (it.next(), it.next()) else {
                continue;
            };
            let class = match c {
                "title" => AbbrClass::Title,
                "month" => AbbrClass::Month,
                "num" => AbbrClass::Num,
                _ => AbbrClass::Other,
            };
            m.insert(a, class);
        }
        m
    })
}

/// The class of a token ending in a period, if it is a listed abbreviation, an initial
/// (`J.`) or a dotted letter group (`U.S.`, `p.m.`); those are [`AbbrClass::Other`].
pub fn abbreviation_class(tok: &str) -> Option<AbbrClass> {
    if !tok.ends_with('.') || tok.len() < 2 {
        return None;
    }
    if let Some(&c) = abbr_table().get(tok) {
        return Some(c);
    }
    let body = &tok[..tok.len() - 1];
    if is_initial(body) || is_dotted(body) {
        return Some(AbbrClass::Other);
    }
    None
}

fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

/// `U.S`, `e.g`, `p.m`, `Ph.D`: letter groups of 1–2 letters joined by periods.
fn is_dotted(w: &str) -> bool {
    w.contains('.')
        && w.split('.')
            .all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic))
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text.get(i..)?.chars().next()
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

#[inline]
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_whitespace()
    } else {
        c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<RawToken> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, &mut out);
    out
}

/// The length of the char at byte `i` and whether it is a space. ASCII bytes are decided
/// without decoding a char (most of news text).
#[inline]
fn char_len_space(text: &str, i: usize) -> (usize, bool) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (1, b.is_ascii_whitespace());
    }
    match char_at(text, i) {
        Some(c) => (c.len_utf8(), is_space(c)),
        None => (1, true),
    }
}

/// Splits `text` into tokens, appending to `out`.
pub fn tokenize_into(text: &str, out: &mut Vec<RawToken>) {
    let n = text.len();
    let mut i = 0;
    while i < n {
        let (len, space) = char_len_space(text, i);
        if space {
            i += len;
            continue;
        }
        let mut j = i;
        while j < n {
            let (len, space) = char_len_space(text, j);
            if space {
                break;
            }
            j += len;
        }
        chunk(text, i, j, out);
        i = j;
    }
}

const URL_TRAIL: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '\u{201D}', '\u{2019}',
];

/// Tokenizes one whitespace-free chunk `text[a..b]`.
fn chunk(text: &str, a: usize, b: usize, out: &mut Vec<RawToken>) {
    let s = &text[a..b];
    if s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.") {
        let core = s.trim_end_matches(URL_TRAIL);
        let e = a + core.len();
        out.push(RawToken { start: a, end: e });
        if e < b {
            chunk(text, e, b, out);
        }
        return;
    }
    let mut pos = a;
    while pos < b {
        let Some(c) = char_at(text, pos) else {
            pos += 1;
            continue;
        };
        if is_word_char(c) {
            let (mut end, apostrophe) = scan_word(text, pos, b);
            if end < b && text.as_bytes()[end] == b'.' && !text[end + 1..b].starts_with('.') {
                let cand = &text[pos..end + 1];
                let attach = match abbreviation_class(cand) {
                    Some(AbbrClass::Num) => {
                        let rest = text[end + 1..].trim_start();
                        rest.starts_with(|c: char| c.is_ascii_digit())
                    }
                    Some(_) => true,
                    None => false,
                };
                if attach {
                    end += 1;
                }
            }
            emit_word(text, pos, end, apostrophe, out);
            pos = end;
        } else {
            let len = c.len_utf8();
            let mut end = pos + len;
            let group = matches!(c, '.' | '!' | '?' | '-' | '*' | '=' | '`' | '_' | '~' | '#');
            if group {
                while end < b {
                    match char_at(text, end) {
                        Some(d) if d == c || (matches!(c, '!' | '?') && matches!(d, '!' | '?')) => {
                            end += d.len_utf8()
                        }
                        _ => break,
                    }
                }
            } else if c == '\'' && text[end..b].starts_with('\'') {
                end += 1;
            }
            out.push(RawToken { start: pos, end });
            pos = end;
        }
    }
}

/// Scans a word starting at `pos` (a word char), through internal joiners. Returns its end
/// and whether it crossed an apostrophe (only then can a clitic end it).
fn scan_word(text: &str, pos: usize, b: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut k = pos;
    let mut prev = '\0';
    let mut apostrophe = false;
    while k < b {
        if bytes[k].is_ascii_alphanumeric() {
            prev = bytes[k] as char;
            k += 1;
            continue;
        }
        let Some(c) = char_at(text, k) else { break };
        if is_word_char(c) {
            prev = c;
            k += c.len_utf8();
            continue;
        }
        let after = k + c.len_utf8();
        let next = if after < b {
            char_at(text, after)
        } else {
            None
        };
        let Some(next) = next.filter(|&n| is_word_char(n)) else {
            break;
        };
        let ok = match c {
            '.' | '-' | '\u{2010}' | '\u{2011}' | '@' | '_' => true,
            ',' | ':' | '/' => prev.is_numeric() && next.is_numeric(),
            '\'' | '\u{2019}' => prev.is_alphabetic() && next.is_alphabetic(),
            '&' => prev.is_uppercase() && next.is_uppercase(),
            _ => false,
        };
        if !ok {
            break;
        }
        apostrophe |= matches!(c, '\'' | '\u{2019}');
        prev = c;
        k = after;
    }
    (k, apostrophe)
}

/// Emits a word, splitting clitics off its end (`apostrophe`: the word has one inside), and
/// `cannot`, `gonna`, `wanna`, `gotta` after their third letter.
fn emit_word(text: &str, a: usize, b: usize, apostrophe: bool, out: &mut Vec<RawToken>) {
    let w = &text[a..b];
    let fused = matches!(w.len(), 5 | 6)
        && ["cannot", "gonna", "wanna", "gotta"]
            .iter()
            .any(|f| w.eq_ignore_ascii_case(f));
    let split = if fused {
        Some(3)
    } else {
        apostrophe.then(|| clitic_start(w)).flatten()
    };
    match split {
        Some(k) => {
            out.push(RawToken {
                start: a,
                end: a + k,
            });
            out.push(RawToken {
                start: a + k,
                end: b,
            });
        }
        None => out.push(RawToken { start: a, end: b }),
    }
}

/// Byte offset in `w` where a clitic (`n't`, `'s`, `'m`, `'d`, `'re`, `'ve`, `'ll`) starts.
fn clitic_start(w: &str) -> Option<usize> {
    let (apos, alen) = match (w.rfind('\''), w.rfind('\u{2019}')) {
        (Some(x), Some(y)) => {
            if x > y {
                (x, 1)
            } else {
                (y, 3)
            }
        }
        (Some(x), None) => (x, 1),
        (None, Some(y)) => (y, 3),
        (None, None) => return None,
    };
    if apos == 0 {
        return None;
    }
    let tail = &w[apos + alen..];
    if tail.eq_ignore_ascii_case("t") && w[..apos].ends_with(['n', 'N']) && apos >= 2 {
        return Some(apos - 1);
    }
    ["s", "m", "d", "re", "ve", "ll"]
        .iter()
        .any(|c| tail.eq_ignore_ascii_case(c))
        .then_some(apos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn abbreviations_and_titles() {
        assert_eq!(
            toks("Dr. Lee met Gen. Ortiz in the U.S. and the U.N. on Dec. 2."),
            vec![
                "Dr.", "Lee", "met", "Gen.", "Ortiz", "in", "the", "U.S.", "and", "the", "U.N.",
                "on", "Dec.", "2", "."
            ]
        );
    }

    #[test]
    fn clitics() {
        assert_eq!(
            toks("Russia's envoy didn't say we can't or won't."),
            vec![
                "Russia", "'s", "envoy", "did", "n't", "say", "we", "ca", "n't", "or", "wo", "n't",
                "."
            ]
        );
        assert_eq!(
            toks("Iran’s I’m they’re"),
            vec!["Iran", "’s", "I", "’m", "they", "’re"]
        );
        assert_eq!(toks("He cannot go"), vec!["He", "can", "not", "go"]);
        assert_eq!(
            toks("the ministers' talks"),
            vec!["the", "ministers", "'", "talks"]
        );
        assert_eq!(toks("O'Neill"), vec!["O'Neill"]);
    }

    #[test]
    fn hyphens_numbers_dashes() {
        assert_eq!(
            toks("Pak-Russia ties, al-Qaeda's cell: 1,200.50 rupees, up 5.93% — APP"),
            vec![
                "Pak-Russia",
                "ties",
                ",",
                "al-Qaeda",
                "'s",
                "cell",
                ":",
                "1,200.50",
                "rupees",
                ",",
                "up",
                "5.93",
                "%",
                "—",
                "APP"
            ]
        );
        assert_eq!(toks("said.—APP"), vec!["said", ".", "—", "APP"]);
        assert_eq!(
            toks("2009–2010 -- fine"),
            vec!["2009", "–", "2010", "--", "fine"]
        );
        assert_eq!(toks("a,b 3,4"), vec!["a", ",", "b", "3,4"]);
    }

    #[test]
    fn quotes() {
        assert_eq!(
            toks("“We will,” he said. \"No.\" 'Yes'"),
            vec![
                "“", "We", "will", ",", "”", "he", "said", ".", "\"", "No", ".", "\"", "'", "Yes",
                "'"
            ]
        );
    }

    #[test]
    fn initials_urls_ellipsis() {
        assert_eq!(toks("J. R. Smith"), vec!["J.", "R.", "Smith"]);
        assert_eq!(toks("at 3 p.m. today"), vec!["at", "3", "p.m.", "today"]);
        assert_eq!(
            toks("see https://example.org/a?b=1. Wait..."),
            vec!["see", "https://example.org/a?b=1", ".", "Wait", "..."]
        );
        assert_eq!(
            toks("No. 10 said no."),
            vec!["No.", "10", "said", "no", "."]
        );
    }

    #[test]
    fn offsets_are_exact() {
        let s = "  Moscow’s “talks” —\tend. ";
        for t in tokenize(s) {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            assert!(t.start < t.end);
            assert!(!s[t.start..t.end].trim().is_empty());
        }
        let joined: String = toks(s).concat();
        let no_ws: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, no_ws);
    }
}
