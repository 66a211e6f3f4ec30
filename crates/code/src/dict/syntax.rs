//! The phrase and pattern syntax common to TABARI and PETRARCH dictionaries.
//!
//! A phrase is words joined by blanks or connectors. After a word, `_` means "this word exactly, and
//! the next element follows immediately"; `~` means "this word as a stem, and the next follows
//! immediately"; `=` means "exactly, without even the regular endings"; a blank lets the word match
//! as a stem and lets other words come in between (in verb patterns). A trailing `_` makes a word
//! exact. Hyphens in dictionaries stand for underscores.
//!
//! A verb pattern adds tokens: `*` the verb, `$` the source, `+` the target, `%` a compound actor,
//! `^` a skipped noun phrase, `&NAME` a synonym set, `{ a | b }` alternatives (TABARI), and in
//! PETRARCH-2 `{…}` noun-phrase groups and `(…)` prepositional-phrase groups.
//!
//! Hand-written: the syntax is a handful of one-character markers whose meaning depends on what
//! touches them, which no general grammar crate would make shorter or clearer.

use chrono::NaiveDate;
use serde::Serialize;

use super::{ActorCode, DateRestriction, EventCode};

/// One dictionary word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// Upper case, without connectors.
    pub text: String,
    /// Whole word only (a trailing `_` or `=`); regular endings (S, 'S, ED, ING…) still match unless
    /// `no_endings`.
    pub exact: bool,
    pub no_endings: bool,
    /// The next element must follow immediately (`_` or `~` after this word).
    pub adjacent: bool,
}

/// One element of a verb pattern.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Elem {
    Word(Word),
    /// `*`: where the verb goes.
    Verb,
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor, both source and target.
    Compound,
    /// `^`: skip a noun phrase.
    Skip,
    /// `&NAME`; `adjacent` when joined to the next element.
    Synset {
        name: String,
        adjacent: bool,
    },
    /// `{ a | b | c }`: one of the alternatives.
    Alt {
        options: Vec<Vec<Elem>>,
        adjacent: bool,
    },
    /// PETRARCH-2 `{…}`: the words must be in one noun phrase.
    NounGroup(Vec<Elem>),
    /// PETRARCH-2 `(…)`: a prepositional phrase.
    PrepGroup(Vec<Elem>),
}

/// A token of the pattern lexer.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Mark(char),
    Synset(String),
    Open(char),
    Close(char),
    Bar,
    /// A connector right after the previous token: `_`, `~` or `=`.
    Conn(char),
    Space,
}

fn is_mark(c: char) -> bool {
    matches!(c, '*' | '$' | '+' | '%' | '^')
}

/// Splits pattern text into tokens. Marks are recognised at word boundaries only, so `PRE+K` stays one
/// word.
fn lex(s: &str) -> Vec<Tok> {
    let chars: Vec<char> = s.chars().map(|c| if c == '-' { '_' } else { c }).collect();
    let mut out = Vec::new();
    let mut i = 0;
    let boundary = |j: usize| {
        j >= chars.len()
            || chars[j].is_whitespace()
            || matches!(chars[j], '_' | '~' | '=' | '{' | '}' | '(' | ')' | '|')
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            if out.last() != Some(&Tok::Space) {
                out.push(Tok::Space);
            }
            i += 1;
        } else if matches!(c, '_' | '~' | '=') {
            out.push(Tok::Conn(c));
            i += 1;
        } else if matches!(c, '{' | '(') {
            out.push(Tok::Open(c));
            i += 1;
        } else if matches!(c, '}' | ')') {
            out.push(Tok::Close(c));
            i += 1;
        } else if c == '|' {
            out.push(Tok::Bar);
            i += 1;
        } else if c == '*' || (is_mark(c) && boundary(i + 1)) {
            // `*` is always the verb marker, even glued to a word (`*SCEPTICAL`).
            out.push(Tok::Mark(c));
            i += 1;
        } else if c == '&' {
            let start = i + 1;
            let mut j = start;
            while j < chars.len() && !boundary(j) {
                j += 1;
            }
            out.push(Tok::Synset(
                chars[start..j].iter().collect::<String>().to_uppercase(),
            ));
            i = j;
        } else {
            let start = i;
            let mut j = i;
            while j < chars.len() && !boundary(j) {
                j += 1;
            }
            out.push(Tok::Word(
                chars[start..j].iter().collect::<String>().to_uppercase(),
            ));
            i = j;
        }
    }
    out
}

/// Applies a connector to the element before it.
fn connect(e: &mut Elem, conn: char, followed: bool) {
    match e {
        Elem::Word(w) => match conn {
            '_' => {
                w.exact = true;
                w.adjacent |= followed;
            }
            '~' => w.adjacent |= followed,
            '=' => {
                w.exact = true;
                w.no_endings = true;
            }
            _ => {}
        },
        Elem::Synset { adjacent, .. } | Elem::Alt { adjacent, .. } => {
            *adjacent |= followed && conn != '='
        }
        _ => {}
    }
}

/// Parses pattern text into elements. Errors are messages; the caller adds file and line.
pub fn parse_pattern(s: &str) -> Result<Vec<Elem>, String> {
    let toks = lex(s);
    let mut pos = 0;
    let elems = parse_seq(&toks, &mut pos, None)?;
    if pos < toks.len() {
        return Err(format!("unexpected {:?}", toks[pos]));
    }
    Ok(elems)
}

/// Parses a sequence until `close` (or the end). For TABARI alternatives, `|` ends an option.
fn parse_seq(toks: &[Tok], pos: &mut usize, close: Option<char>) -> Result<Vec<Elem>, String> {
    let mut out: Vec<Elem> = Vec::new();
    while *pos < toks.len() {
        let t = &toks[*pos];
        match t {
            Tok::Space => {
                *pos += 1;
            }
            Tok::Conn(c) => {
                // `_` joins to what touches it; `~` also reaches across a blank (`BACK~ POLICY`).
                // In `~_` the `_` only joins: the word stays a stem (`REAL~_PLEASANT`).
                let c = if *c == '_' && *pos > 0 && toks[*pos - 1] == Tok::Conn('~') {
                    &'~'
                } else {
                    c
                };
                let mut k = *pos + 1;
                if *c == '~' {
                    while toks.get(k) == Some(&Tok::Space) {
                        k += 1;
                    }
                }
                let followed = matches!(toks.get(k), Some(t) if !matches!(t, Tok::Space | Tok::Close(_) | Tok::Bar));
                if let Some(last) = out.last_mut() {
                    connect(last, *c, followed);
                }
                *pos += 1;
            }
            Tok::Word(w) => {
                // Treebank-style `DID N'T`: dyad keeps the clitic on its word (`DIDN'T`).
                if w == "N'T"
                    && let Some(Elem::Word(prev)) = out.last_mut()
                    && !prev.text.ends_with("N'T")
                {
                    prev.text.push_str("N'T");
                    *pos += 1;
                    continue;
                }
                out.push(Elem::Word(Word {
                    text: w.clone(),
                    exact: false,
                    no_endings: false,
                    adjacent: false,
                }));
                *pos += 1;
            }
            Tok::Mark(c) => {
                out.push(match c {
                    '*' => Elem::Verb,
                    '$' => Elem::Source,
                    '+' => Elem::Target,
                    '%' => Elem::Compound,
                    _ => Elem::Skip,
                });
                *pos += 1;
            }
            Tok::Synset(n) => {
                out.push(Elem::Synset {
                    name: n.clone(),
                    adjacent: false,
                });
                *pos += 1;
            }
            Tok::Bar => {
                if close == Some('}') {
                    return Ok(out);
                }
                return Err("`|` outside { … }".into());
            }
            Tok::Close(c) => {
                if close == Some(*c) {
                    return Ok(out);
                }
                return Err(format!("unbalanced `{c}`"));
            }
            Tok::Open(c) => {
                *pos += 1;
                let closer = if *c == '{' { '}' } else { ')' };
                let mut options = vec![parse_seq(toks, pos, Some(closer))?];
                while toks.get(*pos) == Some(&Tok::Bar) {
                    *pos += 1;
                    options.push(parse_seq(toks, pos, Some(closer))?);
                }
                if toks.get(*pos) != Some(&Tok::Close(closer)) {
                    return Err(format!("`{c}` without a closing `{closer}`"));
                }
                *pos += 1;
                out.push(if options.len() > 1 {
                    Elem::Alt {
                        options,
                        adjacent: false,
                    }
                } else if *c == '(' {
                    Elem::PrepGroup(options.remove(0))
                } else {
                    Elem::NounGroup(options.remove(0))
                });
            }
        }
    }
    if let Some(c) = close {
        return Err(format!("missing `{c}`"));
    }
    Ok(out)
}

/// Parses a plain phrase (actor, agent, noun, discard): words only. Only blanks and the connectors
/// `_ ~ =` are special here; brackets and other marks are part of the words (`SAMOA_(AMERICAN)_`).
pub fn parse_phrase(s: &str) -> Result<Vec<Word>, String> {
    let mut words: Vec<Word> = Vec::new();
    let mut cur = String::new();
    let mut pending: Option<char> = None;
    let flush = |cur: &mut String, words: &mut Vec<Word>| {
        if !cur.is_empty() {
            words.push(Word {
                text: cur.to_uppercase(),
                exact: false,
                no_endings: false,
                adjacent: false,
            });
            cur.clear();
        }
    };
    for c in s.chars() {
        let c = if c == '-' { '_' } else { c };
        if c.is_whitespace() || matches!(c, '_' | '~' | '=') {
            flush(&mut cur, &mut words);
            if !c.is_whitespace()
                && let Some(w) = words.last_mut()
            {
                match c {
                    // In `~_` the `_` only joins: the word stays a stem.
                    '_' if pending == Some('~') => {}
                    '_' => w.exact = true,
                    '=' => {
                        w.exact = true;
                        w.no_endings = true;
                    }
                    _ => {}
                }
                pending = Some(c);
            }
            continue;
        }
        if let Some(conn) = pending.take()
            && conn != '='
            && let Some(w) = words.last_mut()
        {
            w.adjacent = true;
        }
        cur.push(c);
    }
    flush(&mut cur, &mut words);
    if words.is_empty() {
        return Err("an empty phrase".into());
    }
    Ok(words)
}

/// TABARI's pattern length: alphanumeric characters of fixed words, plus the longest alternative.
pub fn elems_len(elems: &[Elem]) -> usize {
    elems
        .iter()
        .map(|e| match e {
            Elem::Word(w) => w.text.chars().filter(|c| c.is_alphanumeric()).count(),
            Elem::Synset { name, .. } => name.len(),
            Elem::Alt { options, .. } => options.iter().map(|o| elems_len(o)).max().unwrap_or(0),
            Elem::NounGroup(v) | Elem::PrepGroup(v) => elems_len(v),
            _ => 0,
        })
        .sum()
}

/// Splits `PHRASE [CODE] [CODE2] ; comment` into the phrase text and the code blocks. `comment`
/// is the comment character of the format (`;` TABARI, `#` PETRARCH), recognised outside brackets.
pub fn split_line(line: &str, comment: char) -> Result<(String, Vec<String>), String> {
    let mut phrase = String::new();
    let mut blocks = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in line.chars() {
        match c {
            '[' if depth == 0 => {
                depth = 1;
                cur.clear();
            }
            '[' => return Err("`[` inside a code block".into()),
            ']' if depth == 1 => {
                depth = 0;
                blocks.push(cur.trim().to_string());
            }
            ']' => return Err("`]` without `[`".into()),
            c if c == comment && depth == 0 => break,
            c if depth == 1 => cur.push(c),
            c => {
                if blocks.is_empty() {
                    phrase.push(c);
                }
            }
        }
    }
    if depth == 1 {
        return Err("`[` without a closing `]`".into());
    }
    Ok((phrase.trim().to_string(), blocks))
}

/// Parses a 6-digit `YYMMDD` (00–30 → 2000s) or 8-digit `YYYYMMDD` date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, rest[..2].parse().ok()?, rest[2..].parse().ok()?)
}

/// Parses an actor code block: `USAGOV`, `GME/GMW`, `UNO 920101-991231`, `EGY <911231`, `HOB >990816`.
pub fn parse_actor_code(block: &str) -> Result<ActorCode, String> {
    let b = block.trim();
    let (code, when) = match b.split_once(char::is_whitespace) {
        Some((c, rest)) => (c.trim(), rest.trim()),
        None => {
            // `EGY<911231` without a blank.
            match b.find(['<', '>']) {
                Some(i) => (&b[..i], &b[i..]),
                None => (b, ""),
            }
        }
    };
    let code = code.trim();
    if code.is_empty() {
        return Err("an actor code".into());
    }
    let when = if when.is_empty() {
        DateRestriction::Always
    } else if let Some(d) = when.strip_prefix('<') {
        DateRestriction::Until(
            parse_date(d)
                .ok_or_else(|| format!("a date YYMMDD or YYYYMMDD after `<` in {block:?}"))?,
        )
    } else if let Some(d) = when.strip_prefix('>') {
        DateRestriction::From(
            parse_date(d)
                .ok_or_else(|| format!("a date YYMMDD or YYYYMMDD after `>` in {block:?}"))?,
        )
    } else if let Some((a, z)) = when.split_once('-') {
        let a = parse_date(a).ok_or_else(|| format!("a date range YYMMDD-YYMMDD in {block:?}"))?;
        let z = parse_date(z).ok_or_else(|| format!("a date range YYMMDD-YYMMDD in {block:?}"))?;
        DateRestriction::Between(a, z)
    } else {
        return Err(format!(
            "a date restriction (<date, >date or date-date) in {block:?}"
        ));
    };
    let codes = if code.chars().all(|c| c == '-') {
        Vec::new()
    } else {
        code.split('/')
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    };
    Ok(ActorCode { codes, when })
}

/// Parses an event code block: `042`, `032:033`, `023?`, `111!`, `---` (or `- - -`), `###`, `+++`.
pub fn parse_event_code(block: &str) -> Result<EventCode, String> {
    let b: String = block.split_whitespace().collect();
    match b.as_str() {
        "---" => return Ok(EventCode::Null),
        "###" => return Ok(EventCode::Discard),
        "+++" => return Ok(EventCode::Complex),
        "" => return Err("an event code inside [ ]".into()),
        _ => {}
    }
    let (b, subordinate) = match b.strip_suffix('?') {
        Some(x) => (x, true),
        None => (b.as_str(), false),
    };
    let (b, dominant) = match b.strip_suffix('!') {
        Some(x) => (x, true),
        None => (b, false),
    };
    let (code, paired) = match b.split_once(':') {
        Some((a, p)) => (a, Some(p.to_string())),
        None => (b, None),
    };
    // `[:173]`: no forward event, only the paired (reverse) one.
    let ok = |c: &str| c.chars().all(|c| c.is_ascii_alphanumeric());
    let forward_ok =
        (!code.is_empty() || paired.as_deref().is_some_and(|p| !p.is_empty())) && ok(code);
    if !forward_ok || !paired.as_deref().is_none_or(ok) {
        return Err(format!(
            "an event code of letters and digits, as in [042] or [032:033], in {block:?}"
        ));
    }
    Ok(EventCode::Code {
        code: code.to_string(),
        paired,
        subordinate,
        dominant,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, exact: bool, adjacent: bool) -> Elem {
        Elem::Word(Word {
            text: text.into(),
            exact,
            no_endings: false,
            adjacent,
        })
    }

    #[test]
    fn connectors_set_exactness_and_adjacency() {
        let p = parse_pattern(
            "- SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS"
                .trim_start_matches("- "),
        )
        .expect("parses");
        assert_eq!(p[0], w("SUGGESTED", true, true));
        assert_eq!(p[1], Elem::Target);
        assert_eq!(p[2], Elem::Verb);
        assert_eq!(p[3], w("DEMAND", true, true));
        let Elem::Alt { options, adjacent } = &p[4] else {
            panic!("{:?}", p[4])
        };
        assert!(*adjacent);
        assert_eq!(options.len(), 2);
        assert_eq!(options[0], vec![w("GENEVA", true, false)]);
        assert_eq!(p[5], w("CONVENTIONS", false, false));
        let p = parse_pattern("* BACK~ POLICY").expect("parses");
        assert_eq!(p[1], w("BACK", false, true));
    }

    #[test]
    fn petrarch2_groups_and_synsets() {
        let p = parse_pattern("* POLICE (TO BORDER) &WEAPON $").expect("parses");
        assert!(matches!(&p[2], Elem::PrepGroup(v) if v.len() == 2));
        assert_eq!(
            p[3],
            Elem::Synset {
                name: "WEAPON".into(),
                adjacent: false
            }
        );
        assert_eq!(p[4], Elem::Source);
        let p = parse_pattern("* {ARMS SHIPMENT}").expect("parses");
        assert!(matches!(&p[1], Elem::NounGroup(v) if v.len() == 2));
        assert!(parse_pattern("* { A | B").is_err());
    }

    #[test]
    fn marks_only_at_boundaries() {
        assert_eq!(parse_phrase("PRE+K").expect("phrase")[0].text, "PRE+K");
        assert_eq!(parse_phrase("BARAD-DUR").expect("phrase").len(), 2);
        let p = parse_phrase("SAMOA_(AMERICAN)_").expect("phrase");
        assert_eq!(p[1].text, "(AMERICAN)");
        assert!(p[0].exact && p[0].adjacent && p[1].exact && !p[1].adjacent);
        let p = parse_phrase("AL GORE").expect("phrase");
        assert!(!p[0].exact && !p[0].adjacent);
    }

    #[test]
    fn code_blocks() {
        let (p, b) = split_line(
            "ALBRIGHT  [USAGOV 991201-010114] [---] ;ems 02 Feb 2001",
            ';',
        )
        .expect("splits");
        assert_eq!(p, "ALBRIGHT");
        assert_eq!(b, vec!["USAGOV 991201-010114", "---"]);
        let c = parse_actor_code(&b[0]).expect("code");
        assert_eq!(c.codes, vec!["USAGOV"]);
        assert!(
            matches!(c.when, DateRestriction::Between(a, z) if a.to_string() == "1999-12-01" && z.to_string() == "2001-01-14")
        );
        assert_eq!(
            parse_actor_code("---").expect("null").codes,
            Vec::<String>::new()
        );
        assert_eq!(
            parse_actor_code("GME/GMW").expect("compound").codes,
            vec!["GME", "GMW"]
        );
        assert!(matches!(
            parse_actor_code("IGOUNO >20070101").expect("8-digit").when,
            DateRestriction::From(_)
        ));
        assert!(parse_actor_code("KOR 2004017-20061201").is_err());
        assert_eq!(
            parse_event_code("032:033").expect("paired"),
            EventCode::Code {
                code: "032".into(),
                paired: Some("033".into()),
                subordinate: false,
                dominant: false
            }
        );
        assert_eq!(parse_event_code("- - -").expect("null"), EventCode::Null);
        assert!(matches!(
            parse_event_code("023?"),
            Ok(EventCode::Code {
                subordinate: true,
                ..
            })
        ));
        assert!(
            parse_event_code("04 2")
                .is_ok_and(|c| matches!(c, EventCode::Code { code, .. } if code == "042"))
        );
        assert!(parse_event_code("0@1").is_err());
    }
}
