//! Line-level readers shared by the TABARI and PETRARCH loaders: actors, agents, verbs, discards,
//! issues. The two families differ in their comment character (`;` vs `#`), in PETRARCH's
//! `<!-- … -->` comment blocks and `--- NAME [code] ---` verb blocks, and in TABARI's `<SYNSETS>`,
//! `<TIME>`, `<NOUN>` and `<ADJECTIVE>` sections; one reader per kind handles both.

use super::syntax::{parse_actor_code, parse_event_code, parse_pattern, parse_phrase, split_line};
use super::{
    ActorEntry, AgentEntry, Attach, DictError, Dictionaries, Discard, EventCode, Issue, Pattern,
    TimeShift, Transformation, VerbEntry, VerbMember, Word,
};

/// Parses `~ a (a b ATTACK) SAY = a b 015` (without the line number, which the caller adds).
fn transformation(t: &str) -> Option<Transformation> {
    let body = t.strip_prefix('~')?;
    let (lhs, rhs) = body.split_once('=')?;
    let open = lhs.find('(')?;
    let close = lhs.find(')')?;
    let outer = lhs[..open].trim().to_string();
    let inner: Vec<&str> = lhs[open + 1..close].split_whitespace().collect();
    let verb = lhs[close + 1..].trim().to_string();
    let res: Vec<&str> = rhs.split_whitespace().collect();
    if inner.len() != 3 || res.len() != 3 || outer.is_empty() || verb.is_empty() {
        return None;
    }
    Some(Transformation {
        outer,
        inner: (inner[0].into(), inner[1].into(), inner[2].to_uppercase()),
        verb: verb.to_uppercase(),
        result: (res[0].into(), res[1].into(), res[2].into()),
        line: 0,
    })
}

/// Records a line's error as a warning and goes on with the next line: one bad entry never stops a
/// dictionary from loading (TABARI, too, reports such a line and lets the coder continue).
macro_rules! soft {
    ($d:expr, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => {
                $d.warnings.push(format!("skipped: {e}"));
                continue;
            }
        }
    };
}

/// Records an error as a warning and goes on with the next line.
macro_rules! skip {
    ($d:expr, $e:expr) => {{
        $d.warnings.push(format!("skipped: {}", $e));
        continue;
    }};
}

/// The dialect being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Tabari,
    Petrarch,
}

impl Dialect {
    fn comment(self) -> char {
        match self {
            Dialect::Tabari => ';',
            Dialect::Petrarch => '#',
        }
    }
}

/// The lines of a dictionary file with 1-based numbers, `<!-- … -->` blocks blanked, whole-line
/// comments dropped, and everything after `~FINISH` ignored.
pub fn lines(text: &str, dialect: Dialect) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_xml_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let mut line = String::new();
        let mut rest = raw;
        loop {
            if in_xml_comment {
                match rest.find("-->") {
                    Some(j) => {
                        rest = &rest[j + 3..];
                        in_xml_comment = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(j) => {
                        line.push_str(&rest[..j]);
                        rest = &rest[j + 4..];
                        in_xml_comment = true;
                    }
                    None => {
                        line.push_str(rest);
                        break;
                    }
                }
            }
        }
        let t = line.trim();
        // `~FINISH` (TABARI also writes `~~FINISH <date>`) ends the dictionary.
        if t.trim_start_matches('~').starts_with("FINISH") && t.starts_with('~') {
            break;
        }
        // A malformed comment opener (`<! -- … -->`) is still a comment line.
        if t.starts_with("<!") {
            continue;
        }
        if t.is_empty() || t.starts_with("//") || (dialect == Dialect::Tabari && t.starts_with('/'))
        {
            continue;
        }
        if t.starts_with('#') {
            continue;
        }
        out.push((i + 1, line));
    }
    out
}

fn err(file: &str, line: usize, expected: impl Into<String>, found: &str) -> DictError {
    DictError {
        file: file.to_string(),
        line,
        expected: expected.into(),
        found: found.trim().to_string(),
    }
}

/// Reads an actors file into `d`.
pub fn read_actors(
    text: &str,
    file: &str,
    dialect: Dialect,
    d: &mut Dictionaries,
) -> Result<(), DictError> {
    let file_name: std::sync::Arc<str> = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.into(), |f| f.to_string_lossy().into());
    #[derive(PartialEq)]
    enum Section {
        Actors,
        Nouns,
        Adjectives,
    }
    let mut section = Section::Actors;
    let mut cur: Option<ActorEntry> = None;
    let finish = |cur: &mut Option<ActorEntry>, d: &mut Dictionaries| -> Result<(), DictError> {
        if let Some(e) = cur.take() {
            if e.codes.is_empty() {
                let phrase = e.phrases.first().map(|p| {
                    p.iter()
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                });
                let e = err(
                    file,
                    e.line,
                    "an actor code [CODE] for this actor, on its line or indented below it",
                    &phrase.unwrap_or_default(),
                );
                d.warnings.push(format!("skipped: {e}"));
                return Ok(());
            }
            d.actors.push(e);
        }
        Ok(())
    };
    for (n, line) in lines(text, dialect) {
        let t = line.trim();
        match t.to_ascii_uppercase().as_str() {
            "<NOUN>" | "<NOUNS>" => {
                finish(&mut cur, d)?;
                section = Section::Nouns;
                continue;
            }
            "<ADJECTIVE>" | "<ADJECTIVES>" => {
                finish(&mut cur, d)?;
                section = Section::Adjectives;
                continue;
            }
            "</NOUN>" | "</NOUNS>" | "</ADJECTIVE>" | "</ADJECTIVES>" => {
                section = Section::Actors;
                continue;
            }
            _ => {}
        }
        let (phrase, blocks) = soft!(
            d,
            split_line(t, dialect.comment()).map_err(|e| err(file, n, e, t))
        );
        if section != Section::Actors {
            if phrase.is_empty() {
                continue;
            }
            let p = soft!(
                d,
                parse_phrase(&phrase).map_err(|e| err(
                    file,
                    n,
                    format!("a noun or adjective phrase ({e})"),
                    t
                ))
            );
            if section == Section::Nouns {
                d.nouns.push(p);
            } else {
                d.adjectives.push(p);
            }
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if phrase.is_empty() {
            // A code line: indented `[CODE …]` under the current actor.
            let Some(e) = cur.as_mut() else {
                skip!(d, err(file, n, "an actor phrase before its codes", t));
            };
            push_codes(&mut e.codes, &blocks, file, n, &mut d.warnings);
            continue;
        }
        if let Some(syn) = phrase.strip_prefix('+') {
            let Some(e) = cur.as_mut() else {
                skip!(d, err(file, n, "an actor before its `+` synonyms", t));
            };
            let p = soft!(
                d,
                parse_phrase(syn).map_err(|m| err(file, n, format!("a synonym phrase ({m})"), t))
            );
            e.phrases.push(p);
            continue;
        }
        if indented && blocks.is_empty() {
            skip!(
                d,
                err(
                    file,
                    n,
                    "an indented [CODE] line or a new actor at the start of the line",
                    t
                )
            );
        }
        let p = soft!(
            d,
            parse_phrase(&phrase).map_err(|m| err(file, n, format!("an actor phrase ({m})"), t))
        );
        // Consecutive name lines share the code block that follows them (Phoenix writes a person's
        // name variants this way).
        if let Some(e) = cur.as_mut()
            && e.codes.is_empty()
        {
            e.phrases.push(p);
            push_codes(&mut e.codes, &blocks, file, n, &mut d.warnings);
            continue;
        }
        finish(&mut cur, d)?;
        let mut e = ActorEntry {
            phrases: vec![p],
            codes: Vec::new(),
            line: n,
            place: file.ends_with(".places.actors.txt"),
            file: file_name.clone(),
        };
        push_codes(&mut e.codes, &blocks, file, n, &mut d.warnings);
        cur = Some(e);
    }
    finish(&mut cur, d)
}

/// Parses an actor's `[...]` code blocks onto `codes`; a bad block is skipped with a warning.
fn push_codes(
    codes: &mut Vec<super::ActorCode>,
    blocks: &[String],
    file: &str,
    n: usize,
    warnings: &mut Vec<String>,
) {
    for b in blocks {
        match parse_actor_code(b) {
            Ok(c) => codes.push(c),
            Err(m) => warnings.push(format!("{file}:{n}: skipped code [{b}]: expected {m}")),
        }
    }
}

/// Expands PETRARCH agent macros (`!PERSON!` → MAN, MEN, …) in a phrase.
fn expand_macros(phrase: &str, macros: &[(String, Vec<String>)]) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    for (name, values) in macros {
        let mut next = Vec::new();
        for p in &out {
            if p.contains(name.as_str()) {
                for v in values {
                    next.push(p.replace(name.as_str(), v));
                }
            } else {
                next.push(p.clone());
            }
        }
        out = next;
    }
    out
}

/// Reads an agents file into `d`.
pub fn read_agents(
    text: &str,
    file: &str,
    dialect: Dialect,
    d: &mut Dictionaries,
) -> Result<(), DictError> {
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    for (n, line) in lines(text, dialect) {
        let t = line.trim();
        // `!PERSON! = MAN, MEN, WOMAN` defines a macro.
        if t.starts_with('!')
            && let Some((name, vals)) = t.split_once('=')
            && !t.contains('[')
        {
            let vals = vals.split(dialect.comment()).next().unwrap_or_default();
            macros.push((
                name.trim().to_string(),
                vals.split(',')
                    .map(|v| v.trim().to_uppercase())
                    .filter(|v| !v.is_empty())
                    .collect(),
            ));
            continue;
        }
        let (phrase, blocks) = soft!(
            d,
            split_line(t, dialect.comment()).map_err(|e| err(file, n, e, t))
        );
        let Some(code) = blocks.first() else {
            skip!(d, err(file, n, "an agent code such as [~GOV] or [NGO~]", t));
        };
        let code = code.trim();
        let (attach, code) = if let Some(c) = code.strip_prefix('~') {
            (Attach::Suffix, c)
        } else if let Some(c) = code.strip_suffix('~') {
            (Attach::Prefix, c)
        } else {
            skip!(
                d,
                err(
                    file,
                    n,
                    "a `~` before or after the agent code ([~GOV] or [NGO~])",
                    t
                )
            );
        };
        // `PHRASE {PLURAL1 PLURAL2}`: explicit plurals (PETRARCH).
        let (main, plurals) = match phrase.split_once('{') {
            Some((m, rest)) => (m.trim().to_string(), rest.trim_end_matches('}').to_string()),
            None => (phrase.clone(), String::new()),
        };
        let mut phrases = Vec::new();
        for form in std::iter::once(main.as_str()).chain(plurals.split_whitespace()) {
            for expanded in expand_macros(form, &macros) {
                let p = soft!(
                    d,
                    parse_phrase(&expanded).map_err(|m| err(
                        file,
                        n,
                        format!("an agent phrase ({m})"),
                        t
                    ))
                );
                phrases.push(p);
            }
        }
        d.agents.push(AgentEntry {
            phrases,
            code: code.trim().to_string(),
            attach,
            line: n,
            plurals_listed: phrase.contains('{'),
        });
    }
    Ok(())
}

/// Splits a verb line `WORDS {FORM FORM} [code]` into words, forms and code.
fn verb_line(t: &str, file: &str, n: usize, dialect: Dialect) -> Result<VerbMember, DictError> {
    let (phrase, blocks) = split_line(t, dialect.comment()).map_err(|e| err(file, n, e, t))?;
    // Forms are what stands between the braces; anything after `}` is a stray comment.
    let (main, forms) = match phrase.split_once('{') {
        Some((m, rest)) => (
            m.trim().to_string(),
            rest.split('}').next().unwrap_or_default().to_string(),
        ),
        None => (phrase.clone(), String::new()),
    };
    // PETRARCH marks the head of a multi-word verb with `+` (`WIRE_+TAP`): the phrase is the same.
    let unmark = |s: &str| s.replace("_+", "_").replace(" +", " ");
    let main = unmark(main.trim_start_matches('+'));
    let words = parse_phrase(&main).map_err(|m| err(file, n, format!("a verb ({m})"), t))?;
    let forms = forms
        .split_whitespace()
        .map(|f| {
            parse_phrase(&unmark(f.trim_start_matches('+')))
                .map_err(|m| err(file, n, format!("a verb form ({m})"), t))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let code = match blocks.first() {
        Some(b) => Some(parse_event_code(b).map_err(|m| err(file, n, m, t))?),
        None => None,
    };
    Ok(VerbMember {
        words,
        forms,
        code,
        line: n,
    })
}

/// Reads a verbs file (either dialect) into `d`.
pub fn read_verbs(
    text: &str,
    file: &str,
    dialect: Dialect,
    d: &mut Dictionaries,
) -> Result<(), DictError> {
    #[derive(PartialEq)]
    enum Ctx {
        None,
        Synset(String),
        Time,
        Block,
    }
    let mut ctx = Ctx::None;
    let mut in_synsets = false;
    let mut block: Option<VerbEntry> = None;
    let push_block = |b: &mut Option<VerbEntry>, d: &mut Dictionaries| {
        if let Some(mut v) = b.take() {
            v.sort_patterns();
            d.verbs.push(v);
        }
    };
    for (n, line) in lines(text, dialect) {
        let t = line.trim();
        let upper = t.to_ascii_uppercase();
        match upper.as_str() {
            "<SYNSETS>" => {
                in_synsets = true;
                continue;
            }
            "</SYNSETS>" => {
                in_synsets = false;
                ctx = Ctx::None;
                continue;
            }
            "<TIME>" => {
                ctx = Ctx::Time;
                continue;
            }
            "</TIME>" => {
                ctx = Ctx::None;
                continue;
            }
            _ => {}
        }
        if let Some(name) = t.strip_prefix('&') {
            // A synonym set header.
            let name = name
                .split([dialect.comment(), ' ', '\t'])
                .next()
                .unwrap_or_default()
                .trim()
                .trim_end_matches('_')
                .to_uppercase();
            if name.is_empty() {
                skip!(d, err(file, n, "a synset name after `&`", t));
            }
            d.synsets.entry(name.clone()).or_default();
            ctx = Ctx::Synset(name);
            continue;
        }
        if let Some(member) = t.strip_prefix('+')
            && let Ctx::Synset(name) = &ctx
        {
            let (phrase, _) = soft!(
                d,
                split_line(member, dialect.comment()).map_err(|e| err(file, n, e, t))
            );
            let p = soft!(
                d,
                parse_pattern(&phrase).map_err(|m| err(
                    file,
                    n,
                    format!("a synset member ({m})"),
                    t
                ))
            );
            d.synsets.entry(name.clone()).or_default().push(p);
            continue;
        }
        if in_synsets {
            skip!(d, err(file, n, "`&NAME` or `+member` inside <SYNSETS>", t));
        }
        if ctx == Ctx::Time {
            let (phrase, blocks) = soft!(
                d,
                split_line(t, dialect.comment()).map_err(|e| err(file, n, e, t))
            );
            let pat = phrase.trim_start_matches("- ").trim_start_matches('-');
            let elems = soft!(
                d,
                parse_pattern(pat).map_err(|m| err(file, n, format!("a time phrase ({m})"), t))
            );
            let Some(code) = blocks.first() else {
                skip!(
                    d,
                    err(file, n, "a time shift such as [-7], [+30] or [---]", t)
                );
            };
            let compact: String = code.split_whitespace().collect();
            let (shift, days) = match compact.parse::<i32>() {
                Ok(days) => (
                    EventCode::Code {
                        code: compact.clone(),
                        paired: None,
                        subordinate: false,
                        dominant: false,
                    },
                    days,
                ),
                Err(_) => (parse_event_code(code).map_err(|m| err(file, n, m, t))?, 0),
            };
            d.time.push(TimeShift {
                pattern: elems,
                shift,
                days,
                line: n,
            });
            continue;
        }
        // `~ a (a b ATTACK) SAY = a b 015`: a PETRARCH-2 transformation.
        if dialect == Dialect::Petrarch && t.starts_with('~') {
            let body = t.split('#').next().unwrap_or_default().trim();
            let Some(mut tr) = transformation(body) else {
                skip!(
                    d,
                    err(
                        file,
                        n,
                        "a transformation such as `~ a (a b ATTACK) SAY = a b 015`",
                        t
                    )
                );
            };
            tr.line = n;
            d.transformations.push(tr);
            continue;
        }
        // `--- NAME [code] ---`: a PETRARCH verb block.
        if t.starts_with("---")
            && t.trim_end_matches(|c: char| c.is_whitespace())
                .ends_with("---")
            && t.len() > 6
        {
            push_block(&mut block, d);
            let inner = t.trim_matches(|c: char| c == '-' || c.is_whitespace());
            let (name, blocks) = soft!(
                d,
                split_line(inner, dialect.comment()).map_err(|e| err(file, n, e, t))
            );
            let code = match blocks.first() {
                Some(b) => soft!(d, parse_event_code(b).map_err(|m| err(file, n, m, t))),
                None => skip!(
                    d,
                    err(file, n, "a block code, as in `--- NAME [042] ---`", t)
                ),
            };
            block = Some(VerbEntry {
                block: name,
                code,
                members: Vec::new(),
                patterns: Vec::new(),
                line: n,
            });
            ctx = Ctx::Block;
            continue;
        }
        if let Some(p) = t.strip_prefix('-') {
            let Some(b) = block.as_mut() else {
                skip!(d, err(file, n, "a verb before its patterns", t));
            };
            let (phrase, blocks) = soft!(
                d,
                split_line(p, dialect.comment()).map_err(|e| err(file, n, e, t))
            );
            // A bad pattern is skipped with a warning, as TABARI lets a coder continue past one.
            let elems = match parse_pattern(&phrase) {
                Ok(e) => e,
                Err(m) => {
                    d.warnings.push(format!(
                        "{file}:{n}: skipped pattern: expected a verb pattern ({m}), found {t:?}"
                    ));
                    continue;
                }
            };
            if !elems.iter().any(|e| matches!(e, super::Elem::Verb)) {
                d.warnings.push(format!(
                    "{file}:{n}: pattern without the verb marker `*`: {phrase}"
                ));
            }
            let code = match blocks.first() {
                Some(c) => soft!(d, parse_event_code(c).map_err(|m| err(file, n, m, t))),
                None => skip!(d, err(file, n, "a pattern code, as in `- * TO + [042]`", t)),
            };
            b.patterns.push(Pattern {
                elems,
                code,
                text: phrase,
                line: n,
            });
            continue;
        }
        if t.starts_with('{') {
            // TABARI irregular forms for the verb above: `{ ACTING_ ACTED_ }`.
            let Some(m) = block.as_mut().and_then(|b| b.members.last_mut()) else {
                skip!(d, err(file, n, "a verb before its {forms}", t));
            };
            let inner = t
                .trim_start_matches('{')
                .split('}')
                .next()
                .unwrap_or_default();
            for f in inner.split_whitespace() {
                m.forms.push(
                    parse_phrase(f).map_err(|e| err(file, n, format!("a verb form ({e})"), t))?,
                );
            }
            continue;
        }
        let member = soft!(d, verb_line(t, file, n, dialect));
        match dialect {
            Dialect::Tabari => {
                push_block(&mut block, d);
                let code = member.code.clone().unwrap_or(EventCode::Null);
                let name = member
                    .words
                    .iter()
                    .map(|w: &Word| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                block = Some(VerbEntry {
                    block: name,
                    code,
                    members: vec![member],
                    patterns: Vec::new(),
                    line: n,
                });
                ctx = Ctx::Block;
            }
            Dialect::Petrarch => {
                let Some(b) = block.as_mut() else {
                    skip!(
                        d,
                        err(
                            file,
                            n,
                            "a `--- NAME [code] ---` block header before its verbs",
                            t
                        )
                    );
                };
                b.members.push(member);
                ctx = Ctx::Block;
            }
        }
    }
    push_block(&mut block, d);
    Ok(())
}

/// Reads a PETRARCH discards file: one phrase a line, `+` for story-level discards.
pub fn read_discards(text: &str, file: &str, d: &mut Dictionaries) -> Result<(), DictError> {
    for (n, line) in lines(text, Dialect::Petrarch) {
        let t = line.split('#').next().unwrap_or_default().trim();
        if t.is_empty() {
            continue;
        }
        let (story, p) = match t.strip_prefix('+') {
            Some(p) => (true, p),
            None => (false, t),
        };
        let phrase = soft!(
            d,
            parse_phrase(p).map_err(|m| err(file, n, format!("a discard phrase ({m})"), t))
        );
        d.discards.push(Discard {
            phrase,
            story,
            line: n,
        });
    }
    Ok(())
}

/// Reads a PETRARCH issues file: `<ISSUE …>` sections of `phrase [CODE]`, `~phrase` negations.
pub fn read_issues(text: &str, file: &str, d: &mut Dictionaries) -> Result<(), DictError> {
    for (n, line) in lines(text, Dialect::Petrarch) {
        let t = line.trim();
        if t.starts_with('<') {
            continue;
        }
        let (phrase, blocks) = soft!(d, split_line(t, '#').map_err(|e| err(file, n, e, t)));
        if phrase.is_empty() {
            continue;
        }
        let (negated, phrase) = match phrase.strip_prefix('~') {
            Some(p) => (true, p.to_string()),
            None => (false, phrase),
        };
        // `n:word` marks a noun and `pre+word` a prefix in Phoenix; dyad keeps the words.
        let cleaned = phrase.replace("n:", "").replace('+', " ");
        let words = soft!(
            d,
            parse_phrase(&cleaned).map_err(|m| err(file, n, format!("an issue phrase ({m})"), t))
        );
        let code = blocks.first().cloned().unwrap_or_default();
        if code.is_empty() && !negated {
            skip!(d, err(file, n, "an issue code, as in `phrase [CODE]`", t));
        }
        d.issues.push(Issue {
            phrase: words,
            code,
            negated,
            line: n,
        });
    }
    Ok(())
}
