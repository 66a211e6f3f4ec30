//! Coding a whole article: sentences in order, with a memory of who was named.
//!
//! **In:** an [`Article`] from `dyad-ingest`, the language core's sentences, a compiled [`Coder`].
//! **Out:** [`CodedArticle`]: the article's sentences and its [`EventRecord`]s, each with its date,
//! CAMEO and PLOVER fields, topics and `explain`.
//!
//! The engine codes one sentence at a time. This layer carries what a reader carries from one
//! sentence to the next, and hands it to the engine as extra actors ([`ExtraActor`]):
//! - **people**: a run of proper names gets a code from its title and the actor before it
//!   ("Russian Foreign Minister Sergei Lavrov"), an apposition after it ("Nikolai Patrushev,
//!   Secretary of Russia's Security Council"), or a counterpart relation ("X and his Russian
//!   counterpart Y": Y is Russian, X is the other side of the article's pair). Later short mentions
//!   ("Patrushev", "Mr Yusuf") take the same code;
//! - **the pair**: the first two countries named together ("Pakistani and Russian advisers") are
//!   the article's pair; "the two sides", "both countries" and "the delegations" resolve to it;
//! - **pronouns** that open a sentence before any actor: he/she → the last person named,
//!   they → the last group (compound actor or the pair);
//! - **dates**: a sentence without a date of its own carries the last date the text gave
//!   ("on Wednesday" in the lead dates the whole report), else the publication date;
//! - **weak priors** for what nothing in the text places: a titled person takes the dateline's
//!   country, else the country the article names most; a lone agent ("police", "rebels") the country
//!   the article names most, else the dateline's.
//!
//! Every resolution is written into the actor's `how` in `explain`.

use chrono::NaiveDate;
use dyad_ingest::Article;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

use crate::engine::{self, Coder, ExtraActor, Options, Pos, Token};
use crate::record::{EventRecord, PloverActor, is_international, split_actor};
use crate::{Ontology, Syntax, Topics};

/// What document coding needs, built once and shared across threads.
pub struct Context {
    pub coder: Coder,
    pub ontology: &'static Ontology,
    pub topics: Topics,
    /// Resolve actors across sentences (people, pairs, pronouns). On by default except for TABARI
    /// dictionaries, whose validation semantics are sentence by sentence.
    pub resolve: bool,
    /// Record the engine's reading of every sentence in [`CodedArticle::trace`] (for `--trace`).
    pub trace: bool,
}

impl Context {
    pub fn new(coder: Coder) -> Context {
        let resolve = coder.dict.syntax != Syntax::Tabari;
        Context {
            coder,
            ontology: Ontology::cameo(),
            topics: Topics::builtin(),
            resolve,
            trace: false,
        }
    }
}

/// One sentence of a coded article.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceText {
    pub id: usize,
    pub text: String,
    /// The paragraph (index into `Article::paragraphs`) and the sentence's byte span in it.
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
}

/// An actor the coder read, with where it was read: for the enrichment stage (speakers of quotes).
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub sentence: usize,
    pub paragraph: usize,
    /// Byte span in the paragraph.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub codes: Vec<String>,
}

/// What coding one article gives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodedArticle {
    pub sentences: Vec<SentenceText>,
    pub events: Vec<EventRecord>,
    /// Topics of the title and body, each once.
    pub topics: Vec<String>,
    /// Why the article was not coded (not English), if it was not.
    pub skipped: Option<String>,
    /// With [`Context::trace`]: per sentence, the units the engine read and why nothing was coded.
    pub trace: Vec<String>,
    /// Every actor read, in text order.
    pub mentions: Vec<Mention>,
    /// The language core's reading of each paragraph (`None` without the tagger), kept so that
    /// the enrichment stage does not read the text again.
    pub paragraphs: Vec<Option<dyad_text::Doc>>,
}

/// A person the article named.
#[derive(Debug, Clone)]
struct Person {
    /// Upper-case words of the full name.
    words: Vec<String>,
    codes: Vec<String>,
    /// How the codes were found.
    how: String,
}

#[derive(Debug, Default)]
struct Memory {
    persons: Vec<Person>,
    last_person: Option<usize>,
    /// The last compound actor (codes, words).
    last_group: Option<(Vec<String>, String)>,
    /// The article's pair: the first two countries named together.
    pair: Option<(Vec<String>, String)>,
    dateline_country: Option<String>,
    /// How often each country was named so far, in order of first mention (the article's focus).
    countries: Vec<(String, usize)>,
    /// The last date the text gave, and the sentence that gave it.
    carried_date: Option<(NaiveDate, usize)>,
}

const HONORIFICS: &[&str] = &[
    "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "SIR", "DAME", "SHEIKH", "SHEIKHA",
    "PROF", "PROF.", "GEN", "GEN.", "LT", "LT.", "COL", "COL.", "MAJ", "MAJ.", "CAPT", "CAPT.",
    "ADM", "ADM.", "SEN", "SEN.", "REP", "REP.", "GOV.",
];

/// Words that make a run of capitalised words an organisation, a place or a time, not a person.
const NOT_PERSON: &[&str] = &[
    "DIVISION",
    "MINISTRY",
    "COUNCIL",
    "AGENCY",
    "PARTY",
    "BANK",
    "UNIVERSITY",
    "COURT",
    "COMMITTEE",
    "COMMISSION",
    "ORGANISATION",
    "ORGANIZATION",
    "ASSOCIATION",
    "FRONT",
    "ARMY",
    "FORCES",
    "FORCE",
    "GROUP",
    "COMPANY",
    "CORPORATION",
    "CORP",
    "INC",
    "LTD",
    "NEWS",
    "TIMES",
    "POST",
    "PRESS",
    "SERVICE",
    "SERVICES",
    "DEPARTMENT",
    "OFFICE",
    "INSTITUTE",
    "CENTRE",
    "CENTER",
    "UNION",
    "LEAGUE",
    "MOVEMENT",
    "AUTHORITY",
    "BOARD",
    "ASSEMBLY",
    "PARLIAMENT",
    "SENATE",
    "CONGRESS",
    "HOUSE",
    "FOUNDATION",
    "FUND",
    "PROGRAMME",
    "PROGRAM",
    "SUMMIT",
    "CONFERENCE",
    "TALKS",
    "DAY",
    "WEEK",
    "STREET",
    "ROAD",
    "AIRPORT",
    "PROVINCE",
    "STATE",
    "STATES",
    "REGION",
    "CITY",
    "DISTRICT",
    "VALLEY",
    "RIVER",
    "SEA",
    "OCEAN",
    "ISLAND",
    "ISLANDS",
    "MOUNTAINS",
    "REPUBLIC",
    "KINGDOM",
    "FEDERATION",
    "EMIRATES",
    "NATIONS",
    "ORGANISATIONS",
    "TREATY",
    "AGREEMENT",
    "ACCORD",
    "ACT",
    "LAW",
    "CHARTER",
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
    "GOVERNMENT",
    "SECURITY",
    "NATIONAL",
    "INTERNATIONAL",
    "GLOBAL",
    "WORLD",
    "NORTH",
    "SOUTH",
    "EAST",
    "WEST",
    "CENTRAL",
    "AIR",
    "ISLAMIC",
    "DEMOCRATIC",
    "PEOPLE'S",
    "TV",
    "RADIO",
    "AGENCY'S",
    "NEWSWIRE",
    "GAZETTE",
];

/// Group phrases that name the article's pair.
const GROUP_HEADS: &[&str] = &[
    "SIDES",
    "COUNTRIES",
    "NATIONS",
    "GOVERNMENTS",
    "DELEGATIONS",
    "LEADERS",
    "MINISTERS",
    "PRESIDENTS",
    "ADVISERS",
    "ADVISORS",
    "STATES",
    "NEIGHBOURS",
    "NEIGHBORS",
    "PARTIES",
    "ALLIES",
];

/// Codes one article.
pub fn code_article(ctx: &Context, a: &Article) -> CodedArticle {
    let mut out = CodedArticle::default();
    if let Some(l) = a.language.as_deref().filter(|l| *l != "en") {
        out.skipped = Some(format!("language {l}: only English is coded"));
        return out;
    }
    let pipeline = dyad_text::Pipeline::shared().ok();
    let pubdate = a.published_date();
    let mut mem = Memory::default();
    if ctx.resolve
        && let Some(d) = &a.dateline
    {
        let words: Vec<String> = d.split_whitespace().map(str::to_uppercase).collect();
        let up: Vec<&str> = words.iter().map(String::as_str).collect();
        mem.dateline_country = (0..up.len())
            .find_map(|i| ctx.coder.actor_at(&up, i, pubdate))
            .and_then(|(_, codes)| codes.first().map(|c| split_actor(c).0.to_string()))
            .filter(|c| !c.is_empty());
    }
    // Title topics count for the article.
    let mut article_topics: Vec<String> = Vec::new();
    let add_topics = |into: &mut Vec<String>, ts: Vec<String>| {
        for t in ts {
            if !into.contains(&t) {
                into.push(t);
            }
        }
    };
    if let (Some(p), Some(title)) = (pipeline, &a.title) {
        for s in p.analyze(title).sentences {
            add_topics(
                &mut article_topics,
                ctx.topics.find(&lemma_words(&s.tokens)),
            );
        }
    }
    // Read every sentence first: the article's topics go on events whose sentence has none.
    struct Read {
        text: String,
        toks: Vec<Token>,
        topics: Vec<String>,
        paragraph: usize,
        start: usize,
        end: usize,
    }
    let mut read: Vec<Read> = Vec::new();
    for (pi, para) in a.paragraphs.iter().enumerate() {
        match pipeline {
            Some(p) => {
                let doc = p.analyze(para);
                for s in &doc.sentences {
                    let topics = ctx.topics.find(&lemma_words(&s.tokens));
                    add_topics(&mut article_topics, topics.clone());
                    read.push(Read {
                        text: para[s.start..s.end].to_string(),
                        toks: engine::from_text(&s.tokens),
                        topics,
                        paragraph: pi,
                        start: s.start,
                        end: s.end,
                    });
                }
                out.paragraphs.push(Some(doc));
            }
            None => {
                out.paragraphs.push(None);
                read.push(Read {
                    text: para.clone(),
                    toks: engine::simple_tokens(para),
                    topics: Vec::new(),
                    paragraph: pi,
                    start: 0,
                    end: para.len(),
                })
            }
        }
    }
    for (sid, r) in read.into_iter().enumerate() {
        let (date, date_source) = match sentence_date(&r.text, pubdate) {
            Some(d) => {
                mem.carried_date = Some((d, sid));
                (Some(d), "time expression".to_string())
            }
            None => match mem.carried_date {
                Some((d, from)) => (Some(d), format!("carried from sentence {from}")),
                None => (pubdate, "publication date".to_string()),
            },
        };
        let coded = if ctx.resolve {
            let mut opts: Options = ctx.coder.options.clone();
            let upper = engine::upper_words(&r.toks);
            let up: Vec<&str> = upper.iter().map(String::as_str).collect();
            opts.extra_actors = resolve_sentence(&ctx.coder, &r.toks, &up, date, &mut mem);
            let coded = ctx.coder.code_words(&r.toks, &up, date, &opts);
            if ctx.trace {
                out.trace.push(format!(
                    "sentence {sid}: {}{}",
                    ctx.coder.trace(&r.toks, date, &opts),
                    coded
                        .stopped
                        .as_ref()
                        .map(|w| format!(" | stopped: {w}"))
                        .unwrap_or_default()
                ));
            }
            remember(&coded.actors, &r.toks, &mut mem);
            coded
        } else {
            ctx.coder.code(&r.toks, date)
        };
        let topics = if r.topics.is_empty() {
            Vec::new()
        } else {
            r.topics.clone()
        };
        // The country the article names most, else the dateline's (a Brussels story about
        // Belarus is about Belarus).
        let focus = if ctx.resolve {
            focus_country(&mem).or_else(|| mem.dateline_country.clone())
        } else {
            None
        };
        for mut e in coded.events {
            // A lone agent ("police", "troops", "rebels", "refugees") belongs to the article's
            // country: the one named most, else the dateline's (a weak prior, said in `explain`).
            if let Some(fc) = &focus {
                for (code, side) in [(&mut e.source, "source"), (&mut e.target, "target")] {
                    if is_bare_sector(code) {
                        let before = code.clone();
                        *code = format!("{fc}{code}");
                        e.explain
                            .rules
                            .push(format!("{side} {before} → {code}: the article's country"));
                    }
                }
            }
            let et = ctx.ontology.get(&e.code);
            out.events.push(EventRecord {
                article_id: a.id.clone(),
                sentence_id: sid,
                date: date.map(|d| d.to_string()).unwrap_or_default(),
                date_source: date_source.clone(),
                plover_source: plover_actors(&e.source, &e.source_text),
                plover_target: plover_actors(&e.target, &e.target_text),
                root: e.code.get(..2).unwrap_or(&e.code).to_string(),
                quad_class: et.map(|t| t.quad_class),
                goldstein: et.map(|t| t.goldstein),
                plover_type: et.and_then(|t| t.plover_type.clone()),
                plover_mode: et.and_then(|t| t.plover_mode.clone()),
                topics: topics.clone(),
                location: None,
                attribution: Vec::new(),
                explain: serde_json::to_value(&e.explain).unwrap_or_default(),
                source: e.source,
                target: e.target,
                source_text: e.source_text,
                target_text: e.target_text,
                verb_text: e.verb_text,
                cameo: e.code,
            });
        }
        for act in &coded.actors {
            let (ts, te) = act.span;
            if ts < te && te <= r.toks.len() {
                out.mentions.push(Mention {
                    sentence: sid,
                    paragraph: r.paragraph,
                    start: r.toks[ts].start,
                    end: r.toks[te - 1].end,
                    text: act.text.clone(),
                    codes: act.codes.clone(),
                });
            }
        }
        out.sentences.push(SentenceText {
            id: sid,
            text: r.text,
            paragraph: r.paragraph,
            start: r.start,
            end: r.end,
        });
    }
    for e in &mut out.events {
        if e.topics.is_empty() {
            e.topics = article_topics.clone();
        }
    }
    out.topics = article_topics;
    out
}

/// (lower-case surface, lower-case lemma) of each token, for the topic dictionary.
fn lemma_words(toks: &[dyad_text::Token]) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    // Most words and lemmas are lower-case already: borrow those.
    fn lower(s: &str) -> Cow<'_, str> {
        let upper = if s.is_ascii() {
            s.bytes().any(|b| b.is_ascii_uppercase())
        } else {
            s.chars().any(char::is_uppercase)
        };
        if upper {
            Cow::Owned(s.to_lowercase())
        } else {
            Cow::Borrowed(s)
        }
    }
    toks.iter()
        .map(|t| (lower(&t.text), lower(&t.lemma)))
        .collect()
}

fn plover_actors(code: &str, text: &str) -> Vec<PloverActor> {
    if code.is_empty() {
        return Vec::new();
    }
    let (country, sector) = split_actor(code);
    vec![PloverActor {
        actor_text: text.to_string(),
        code: country.to_string(),
        sector: sector.to_string(),
    }]
}

/// The sentence's first full calendar date expression, resolved against the publication date.
pub fn sentence_date(text: &str, anchor: Option<NaiveDate>) -> Option<NaiveDate> {
    if !dyad_text::timex::may_have_day(text) {
        return None;
    }
    dyad_text::timex::find_timexes(text, anchor)
        .into_iter()
        .find_map(|t| NaiveDate::parse_from_str(t.value.get(..10)?, "%Y-%m-%d").ok())
}

/// A capitalised word that may be part of a name: tagged a proper noun, or capitalised inside the
/// sentence and tagged a noun, adjective or nothing (the tagger misses rare names).
fn is_name_word(t: &Token, i: usize) -> bool {
    let first_upper = t.text.chars().next().is_some_and(char::is_uppercase);
    let has_lower = t.text.chars().any(char::is_lowercase);
    first_upper
        && has_lower
        && (t.pos == Pos::Propn || (i > 0 && matches!(t.pos, Pos::Unknown | Pos::Noun | Pos::Adj)))
}

/// The codes of a person whose words are `words`: the full name, else the same last name, else the
/// same first and last name; the most recent mention wins.
fn find_person<'m>(mem: &'m Memory, words: &[String]) -> Option<(usize, &'m Person)> {
    let last = words.last()?;
    mem.persons
        .iter()
        .enumerate()
        .rev()
        .find(|(_, p)| p.words == words)
        .or_else(|| {
            mem.persons.iter().enumerate().rev().find(|(_, p)| {
                p.words.last() == Some(last) && (words.len() == 1 || p.words.len() == 1)
            })
        })
}

/// The country named most so far (first named wins a tie).
fn focus_country(mem: &Memory) -> Option<String> {
    let best = mem.countries.iter().map(|(_, n)| *n).max()?;
    mem.countries
        .iter()
        .find(|(_, n)| *n == best)
        .map(|(c, _)| c.clone())
}

/// A code of sectors with no country (`GOV`, `MIL`, `REB`, `CVL`, `REF`, `MILGOV`…): agents the
/// text gave no country ("police", "rebels", "refugees", "the military government").
fn is_bare_sector(code: &str) -> bool {
    !code.is_empty() && split_actor(code).0.is_empty()
}

/// Joins a country and a sector into one CAMEO actor code.
fn with_sector(country: &str, sector: &str) -> String {
    format!("{country}{sector}")
}

/// The extra actors of one sentence, and what it teaches the memory about people.
fn resolve_sentence(
    coder: &Coder,
    toks: &[Token],
    up: &[&str],
    date: Option<NaiveDate>,
    mem: &mut Memory,
) -> Vec<ExtraActor> {
    let n = up.len();
    // What the dictionaries read at each token: actors and agents.
    let mut covered = vec![false; n];
    let mut actor_end: FxHashMap<usize, (usize, Vec<String>)> = FxHashMap::default();
    let mut agent_end: FxHashMap<usize, (usize, String)> = FxHashMap::default();
    let mut first_actor_at = n;
    // Only capitalised words are looked up here (names, demonyms, titles): the engine reads the
    // rest, and looking every word up twice would double the cost of coding.
    let mut i = 0;
    while i < n {
        if !toks[i].text.chars().next().is_some_and(char::is_uppercase) {
            i += 1;
            continue;
        }
        let actor = coder.actor_at(up, i, date);
        let agent = coder.agent_at(up, i);
        let la = actor.as_ref().map_or(0, |a| a.0);
        let lg = agent.as_ref().map_or(0, |a| a.0);
        if la > 0 && la >= lg {
            let (len, codes) = actor.unwrap_or_default();
            if !codes.is_empty() {
                first_actor_at = first_actor_at.min(i);
                // A possessive actor ("Russia's") ends at the clitic.
                actor_end.insert(i + len, (i, codes));
            }
            covered[i..i + len].iter_mut().for_each(|c| *c = true);
            i += len;
        } else if lg > 0 {
            let (len, code) = agent.unwrap_or_default();
            agent_end.insert(i + len, (i, code));
            covered[i..i + len].iter_mut().for_each(|c| *c = true);
            i += len;
        } else {
            i += 1;
        }
    }
    // Counted in the order of the text, so that the first country named wins a tie for focus.
    let mut in_order: Vec<&(usize, Vec<String>)> = actor_end.values().collect();
    in_order.sort_unstable_by_key(|(start, _)| *start);
    for (_, codes) in in_order {
        if let Some(c) = codes
            .first()
            .map(|c| split_actor(c).0)
            .filter(|c| c.len() == 3 && !is_international(c))
        {
            match mem.countries.iter_mut().find(|(k, _)| k == c) {
                Some((_, n)) => *n += 1,
                None => mem.countries.push((c.to_string(), 1)),
            }
        }
    }
    let mut extras: Vec<ExtraActor> = Vec::new();

    // Group phrases: "the two sides", "both countries", "the delegations".
    if let Some((codes, text)) = mem.pair.clone() {
        for i in 0..n {
            let (start, head) = match (up[i], up.get(i + 1), up.get(i + 2)) {
                ("THE", Some(&"TWO"), Some(h)) => (i, Some((i + 3, *h))),
                ("BOTH", Some(h), _) if i == 0 || up[i - 1] != "THE" => (i, Some((i + 2, *h))),
                ("THE", Some(h), _) if matches!(*h, "DELEGATIONS" | "SIDES") => {
                    (i, Some((i + 2, *h)))
                }
                _ => (i, None),
            };
            if let Some((end, h)) = head
                && GROUP_HEADS.contains(&h.trim_end_matches("'S").trim_end_matches('\''))
            {
                extras.push(ExtraActor {
                    start,
                    end,
                    codes: codes.clone(),
                    how: format!(
                        "group \"{}\" → the article's pair ({text})",
                        toks[start..end]
                            .iter()
                            .map(|t| t.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                });
                first_actor_at = first_actor_at.min(start);
            }
        }
    }

    // Acronyms the article defined ("the Russian Security Council (RSC)").
    for i in 0..n {
        if covered[i] || up[i].len() < 2 || !up[i].chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        if toks[i].text != up[i] || (i > 0 && up[i - 1] == "(") {
            continue;
        }
        if let Some(p) = mem.persons.iter().rev().find(|p| p.words == [up[i]]) {
            extras.push(ExtraActor {
                start: i,
                end: i + 1,
                codes: p.codes.clone(),
                how: format!("{} → {} ({})", up[i], p.codes.join("/"), p.how),
            });
            first_actor_at = first_actor_at.min(i);
        }
    }

    // Runs of proper names.
    let mut runs: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, after an honorific)
    let mut i = 0;
    while i < n {
        if covered[i] || !is_name_word(&toks[i], i) || HONORIFICS.contains(&up[i]) {
            i += 1;
            continue;
        }
        let s = i;
        while i < n && !covered[i] && is_name_word(&toks[i], i) && !HONORIFICS.contains(&up[i]) {
            i += 1;
        }
        let honorific = s > 0 && HONORIFICS.contains(&up[s - 1]);
        if up[s..i].iter().any(|w| NOT_PERSON.contains(w)) {
            continue;
        }
        // A sentence-initial capitalised common word is not a name on its own.
        if i - s == 1 && s == 0 && toks[s].pos != Pos::Propn {
            continue;
        }
        runs.push((s, i, honorific));
    }

    // What each run's context says.
    struct Found {
        start: usize,
        end: usize,
        /// Where the extra actor starts (the title before the name, when there is one).
        span_start: usize,
        country: Option<(String, String)>,
        sector: Option<String>,
        /// "his Russian counterpart": the run that "his" refers to.
        counterpart_of: Option<usize>,
        /// The "his" that opens the counterpart phrase.
        his: Option<usize>,
    }
    let mut found: Vec<Found> = Vec::new();
    for (ri, &(s, e, honorific)) in runs.iter().enumerate() {
        let words: Vec<String> = up[s..e].iter().map(|w| w.to_string()).collect();
        if let Some((idx, p)) = find_person(mem, &words) {
            let codes = p.codes.clone();
            let how = format!(
                "person \"{}\" → {} (as named earlier: {})",
                words.join(" "),
                codes.join("/"),
                p.how
            );
            mem.last_person = Some(idx);
            extras.push(ExtraActor {
                start: s,
                end: e,
                codes,
                how,
            });
            first_actor_at = first_actor_at.min(s);
            continue;
        }
        let mut f = Found {
            start: s,
            end: e,
            span_start: s,
            country: None,
            sector: None,
            counterpart_of: None,
            his: None,
        };
        // Title before: [actor] [agent] [honorific] NAME. A lower-case title ("counterpart") was
        // not looked up above: look back for one ending right here.
        let mut j = if honorific { s - 1 } else { s };
        if !agent_end.contains_key(&j) {
            for k in j.saturating_sub(4)..j {
                if let Some((len, code)) = coder.agent_at(up, k)
                    && k + len == j
                {
                    agent_end.insert(j, (k, code));
                    break;
                }
            }
        }
        if let Some((ag_start, code)) = agent_end.get(&j) {
            f.sector = Some(code.clone());
            f.span_start = *ag_start;
            j = *ag_start;
            if up[..j].ends_with(&["COUNTERPART"]) || up[j..s].contains(&"COUNTERPART") {
                // "his Russian counterpart X": the run before "his".
                let his = up[..j]
                    .iter()
                    .rposition(|w| matches!(*w, "HIS" | "HER" | "THEIR"));
                if let Some(h) = his {
                    f.counterpart_of = runs[..ri].iter().rposition(|r| r.1 <= h);
                    // "his" belongs to the counterpart's phrase, so that "X and his Russian
                    // counterpart Y" is one compound actor.
                    if h + 1 == j || actor_end.get(&j).is_some_and(|(st, _)| h + 1 == *st) {
                        f.his = Some(h);
                    }
                }
            }
        }
        if let Some((ac_start, codes)) = actor_end.get(&j)
            && let Some(c) = codes.first()
        {
            let (country, _) = split_actor(c);
            if !country.is_empty() {
                f.country = Some((
                    country.to_string(),
                    format!("\"{}\" before the name", up[*ac_start..j].join(" ")),
                ));
                f.span_start = *ac_start;
            }
        }
        // Apposition after: NAME , [title] [of] [the] COUNTRY['s] [agent]
        if f.country.is_none() && up.get(e) == Some(&",") {
            let stop = (e + 1..n)
                .find(|&k| matches!(up[k], "," | "." | ";" | ":"))
                .unwrap_or(n)
                .min(e + 10);
            for k in e + 1..stop {
                if let Some((ac_start, codes)) = actor_end
                    .iter()
                    .find_map(|(end, (st, c))| (*st == k && *end <= stop).then_some((*st, c)))
                    && let Some(c) = codes.first()
                {
                    let (country, sector) = split_actor(c);
                    if !country.is_empty() {
                        f.country = Some((
                            country.to_string(),
                            format!("apposition \"{}\"", up[ac_start..stop].join(" ")),
                        ));
                        if !sector.is_empty() {
                            f.sector.get_or_insert(sector.to_string());
                        }
                    }
                    break;
                }
                if let Some((_, code)) = agent_end
                    .iter()
                    .find_map(|(_, (st, c))| (*st == k).then_some((*st, c)))
                {
                    f.sector.get_or_insert(code.clone());
                }
            }
        }
        if f.sector.is_some() || f.country.is_some() || honorific {
            found.push(f);
        }
    }
    // Counterparts: "X and his Russian counterpart Y": X is the other side.
    let counter: Vec<(usize, String)> = found
        .iter()
        .filter_map(|f| {
            let of = f.counterpart_of?;
            Some((of, f.country.as_ref()?.0.clone()))
        })
        .collect();
    for (of, their_country) in counter {
        let (rs, _, _) = runs[of];
        let other = mem
            .pair
            .as_ref()
            .and_then(|(codes, _)| {
                codes
                    .iter()
                    .map(|c| split_actor(c).0)
                    .find(|c| !c.is_empty() && *c != their_country)
                    .map(|c| (c.to_string(), format!("the other side of the article's pair, {their_country}'s counterpart")))
            })
            .or_else(|| {
                mem.dateline_country
                    .clone()
                    .filter(|c| *c != their_country)
                    .map(|c| (c, format!("the dateline's country; {their_country}'s counterpart")))
            });
        if let Some(f) = found.iter_mut().find(|f| f.start == rs)
            && f.country.is_none()
        {
            f.country = other;
        }
    }
    for f in found {
        let country = f.country.clone().or_else(|| {
            // The dateline's country, else the article's focus (the country named most so far):
            // a weak prior, only for a titled person whom nothing in the text places.
            f.sector.as_ref()?;
            mem.dateline_country
                .clone()
                .map(|c| {
                    (
                        c,
                        "the dateline's country (no country in the text)".to_string(),
                    )
                })
                .or_else(|| {
                    let best = mem.countries.iter().map(|(_, n)| *n).max()?;
                    let (c, _) = mem.countries.iter().find(|(_, n)| *n == best)?;
                    Some((
                        c.clone(),
                        "the article's focus, the country named most (no country in the text)"
                            .to_string(),
                    ))
                })
        });
        let Some((country, why)) = country else {
            continue;
        };
        let sector = f.sector.clone().unwrap_or_default();
        let code = with_sector(&country, &sector);
        let words: Vec<String> = up[f.start..f.end].iter().map(|w| w.to_string()).collect();
        let how = format!(
            "person \"{}\" → {code} ({why}{})",
            toks[f.start..f.end]
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            if sector.is_empty() {
                String::new()
            } else {
                format!("; title → {sector}")
            }
        );
        mem.persons.push(Person {
            words,
            codes: vec![code.clone()],
            how: how.clone(),
        });
        mem.last_person = Some(mem.persons.len() - 1);
        extras.push(ExtraActor {
            start: f.his.unwrap_or(f.span_start),
            end: f.end,
            codes: vec![code],
            how,
        });
        first_actor_at = first_actor_at.min(f.span_start);
    }

    // Pronouns before any actor: across the sentence boundary.
    for i in 0..first_actor_at.min(n) {
        let referent = match up[i] {
            "HE" | "SHE" | "HIS" | "HER" | "HIM" => mem.last_person.map(|p| {
                let p = &mem.persons[p];
                (
                    p.codes.clone(),
                    format!("the last person named, {}", p.words.join(" ")),
                )
            }),
            "THEY" | "THEM" | "THEIR" => mem
                .last_group
                .clone()
                .or_else(|| mem.pair.clone())
                .map(|(c, t)| (c, format!("the last group named, {t}"))),
            _ => None,
        };
        if let Some((codes, why)) = referent {
            extras.push(ExtraActor {
                start: i,
                end: i + 1,
                codes,
                how: format!("pronoun {} → {why}", toks[i].text),
            });
            break;
        }
    }
    extras
}

/// Learns the sentence's groups and the article's pair from the actors the engine read.
fn remember(actors: &[engine::ActorExplain], toks: &[Token], mem: &mut Memory) {
    // "the Russian Security Council (RSC)": the acronym names the same actor from now on.
    for a in actors {
        let e = a.span.1;
        if a.codes.len() == 1
            && toks.get(e).is_some_and(|t| t.text == "(")
            && toks.get(e + 2).is_some_and(|t| t.text == ")")
            && let Some(acr) = toks.get(e + 1)
            && (2..=6).contains(&acr.text.len())
            && acr.text.chars().all(|c| c.is_ascii_uppercase())
        {
            mem.persons.push(Person {
                words: vec![acr.text.clone()],
                codes: a.codes.clone(),
                how: format!("acronym of \"{}\"", a.text),
            });
        }
    }
    for a in actors {
        if a.codes.len() < 2 {
            continue;
        }
        mem.last_group = Some((a.codes.clone(), a.text.clone()));
        if mem.pair.is_none() {
            let mut countries: Vec<&str> = Vec::new();
            let mut codes: Vec<String> = Vec::new();
            for c in &a.codes {
                let country = split_actor(c).0;
                if !country.is_empty() && !countries.contains(&country) {
                    countries.push(country);
                    codes.push(c.clone());
                }
            }
            if codes.len() == 2 {
                mem.pair = Some((codes, a.text.clone()));
            }
        }
    }
}
