//! The coding engine: CAMEO events from one sentence's tokens and a [`Dictionaries`] set.
//!
//! It takes TABARI's route, over dyad's own tokens instead of TABARI's ad-hoc lexer:
//! 1. **tag** the dictionary phrases (actors, agents, verbs, nouns, adjectives) longest first, with
//!    stems and regular endings ([`index`]); a capitalised word inside the sentence, or a word after a
//!    determiner, is not read as a verb;
//! 2. **attach agents** to actors ("Arnor's army", "President of Gondor", "Israeli police");
//! 3. **compound actors**: `A, B and C` becomes one actor with several codes;
//! 4. **drop nonrestrictive clauses**: commas taken in pairs, a clause between them dropped when
//!    its length is within `COMMA: MIN..MAX`, an unpaired last one to the end within `EMIN..EMAX`;
//! 5. **split clauses** at conjunctions that do not join actors, nouns or adjectives;
//! 6. **resolve pronouns** (he/she/it/his/its/her → the first single actor before it, they/them/
//!    their → the first compound before it, else the first actor);
//! 7. for each verb, try its **patterns** longest first (`$` source, `+` target, `%` compound, `^`
//!    an actor passed over, words, synsets, alternatives; words may be skipped unless joined by
//!    `_`), else the verb's own code; fill source and target by the **default search**; reverse
//!    them in the **passive voice**; emit **paired** codes; keep the first event of each clause,
//!    drop **subordinate** events when others exist, keep only **dominant** ones when present.
//!
//! With TABARI dictionaries the coding follows TABARI itself more closely: dictionary phrases whose
//! words are joined by a blank may have other words between them; the sentence is not coded when
//! it is shorter than `SET: MINIMUM WORDS` or too complex (`COMPLEX: VERBS[n] CONJ[n]
//! NOACTPRIOR`); the source found for one verb stays for the following verbs and clauses (unless a
//! pattern set it, the verb was passive, or a clause begins with an actor) and is the first actor
//! of the clause; pattern words before the verb may be matched back to the start of the sentence;
//! `DEFAULT: … PRIOR / AFTER` apply; a discard or complex code in a matched pattern stops the
//! sentence, as does one on the first `<TIME>` phrase; regular endings go only on the last word of
//! an actor, agent or noun phrase, never on exact pattern words, and a verb takes no possessive;
//! a pattern matched through alternatives counts only the alternative that matched, so longer
//! patterns after it are still tried; "former" before an actor–agent pair makes the agent `ELI`;
//! with `FORWARD`, a pronoun before any actor refers to the previous sentence's first actor
//! ([`Options::forwarded`], set by the caller).
//!
//! Every event carries an [`Explain`] naming the dictionary lines and rules that produced it.

pub mod index;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::dict::syntax::elems_len;
use crate::dict::{Attach, Dictionaries, Elem, EventCode, Pattern, Syntax};
use crate::record::{is_international, split_actor};
use index::{PhraseIndex, word_matches};

/// Coarse part of speech of a token, from the tagger (or `Unknown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Pos {
    Verb,
    Aux,
    Noun,
    Propn,
    Adj,
    Adv,
    /// Adpositions and subordinating conjunctions (`of`, `after`, `because`).
    Adp,
    Det,
    Pron,
    Num,
    Punct,
    Other,
    Unknown,
}

impl Pos {
    /// From a Universal Dependencies UPOS tag.
    pub fn from_upos(t: &str) -> Pos {
        match t {
            "VERB" => Pos::Verb,
            "AUX" => Pos::Aux,
            "NOUN" => Pos::Noun,
            "PROPN" => Pos::Propn,
            "ADJ" => Pos::Adj,
            "ADV" => Pos::Adv,
            "ADP" | "SCONJ" => Pos::Adp,
            "DET" => Pos::Det,
            "PRON" => Pos::Pron,
            "NUM" => Pos::Num,
            "PUNCT" | "SYM" => Pos::Punct,
            "" => Pos::Unknown,
            _ => Pos::Other,
        }
    }
}

/// One input token.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Token {
    pub text: String,
    /// Byte offsets in the sentence's source text.
    pub start: usize,
    pub end: usize,
    pub pos: Pos,
    /// Joined to the next token by a hyphen in the text ("NATO-member": `NATO` and `member`).
    pub hyphen_next: bool,
}

/// Words whose case tells what they are, from `data/cased_forms.tsv`: (exact form, the form the
/// dictionaries know it by). "US" is the United States and "us" a pronoun, but dictionaries match
/// upper-cased words, so the exact form is rewritten before upper-casing.
fn cased_forms() -> &'static [(&'static str, &'static str)] {
    use std::sync::OnceLock;
    static F: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    F.get_or_init(|| {
        include_str!("../../data/cased_forms.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(a, b)| (a.trim(), b.trim()))
            .filter(|(a, b)| !a.is_empty() && !b.is_empty())
            .collect()
    })
}

/// The upper-cased words of a sentence, as the dictionaries are written (straight apostrophes).
/// A word listed in `cased_forms` takes its dictionary form when written in that exact case in a
/// sentence that is not all capitals (a headline in capitals says nothing by its case).
pub fn upper_words(toks: &[Token]) -> Vec<String> {
    let cased_text = toks.iter().any(|t| t.text.chars().any(char::is_lowercase));
    toks.iter()
        .map(|t| {
            if cased_text && let Some((_, form)) = cased_forms().iter().find(|(w, _)| *w == t.text)
            {
                return form.to_uppercase();
            }
            if t.text.is_ascii() {
                return t.text.to_ascii_uppercase();
            }
            // Dictionaries write the apostrophe straight: "EU’s" is "EU'S".
            let up = t.text.to_uppercase();
            if up.contains('’') {
                up.replace('’', "'")
            } else {
                up
            }
        })
        .collect()
}

/// How the engine reads a sentence; TABARI's `.options` and a record's `{ OPTION: … }` set these.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Options {
    pub code_by: CodeBy,
    /// An agent with no actor becomes an actor with the agent's code.
    pub convert_agents: bool,
    /// Drop comma-delimited clauses of `min` < words <= `max` (`None`: off).
    pub comma: Option<(usize, usize)>,
    /// The same for a clause from the last comma to the end of the sentence.
    pub comma_end: Option<(usize, usize)>,
    /// The same for a clause from the start of the sentence to the first comma.
    pub comma_begin: Option<(usize, usize)>,
    /// TABARI `COMPLEX: NOACTPRIOR`: the sentence is too complex when no actor comes before its
    /// first verb.
    pub no_actor_prior: bool,
    /// TABARI `COMPLEX: VERBS[n]`: too complex with n or more verbs (0: off).
    pub max_verbs: usize,
    /// TABARI `COMPLEX: CONJ[n]`: too complex with n or more clause conjunctions (0: off).
    pub max_conj: usize,
    /// TABARI `SET: MINIMUM WORDS = n`: sentences of fewer words (commas count) are not coded.
    pub min_words: usize,
    /// `DEFAULT: SOURCE [X] PRIOR`: the default source replaces an actor found after the verb.
    pub default_prior: bool,
    /// `DEFAULT: … TARGET [Y] AFTER`: the default target is used whenever no actor follows the
    /// verb (no search before it).
    pub default_after: bool,
    pub default_source: Option<String>,
    pub default_target: Option<String>,
    /// Require both a source and a target.
    pub require_dyad: bool,
    /// Do not code a verb negated by not/never/n't (PETRARCH's behaviour; TABARI leaves negation to
    /// the dictionaries).
    pub negation: bool,
    /// TABARI `FORWARD: format`: the sequence format (`^` and `*` ignored, `N` story, `S`
    /// sentence) read from a record header's columns after its date; `None` when off.
    pub forward: Option<String>,
    /// The actor code a pronoun before any actor of the sentence refers to (set per sentence by a
    /// caller that forwards the previous sentence's first actor; `None`: no forwarding).
    pub forwarded: Option<String>,
    /// Actors found outside the dictionaries (by the document layer: people named earlier, "the two
    /// sides", pronouns resolved across sentences). Each replaces the dictionary reading of its
    /// tokens when it is at least as long as the dictionary phrase found there.
    pub extra_actors: Vec<ExtraActor>,
    /// CAMEO's modality rules: "will"/"ready to" + action → intent (03) or threat (13), "not" +
    /// cooperation → rejection (12), "must" → demand (10). TABARI and PETRARCH code the bare
    /// action, so this is off for their dictionaries; dyad's own set turns it on (`SET: MODALITY
    /// TRUE`).
    pub modality: bool,
    /// PETRARCH's `new_actor_length`: a noun phrase of at most this many words that names no
    /// actor is an actor of its own, coded by its words in quotes (`"THE MINISTRY OF MAGIC"`);
    /// 0: off.
    pub new_actor_length: usize,
}

/// An actor given to the engine from outside the dictionaries, by token span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtraActor {
    pub start: usize,
    pub end: usize,
    pub codes: Vec<String>,
    /// How the caller resolved it (goes into the event's `explain`).
    pub how: String,
}

/// TABARI's `SET: CODE BY …`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CodeBy {
    Clause,
    Sentence,
    All,
}

impl Options {
    /// The defaults for a dictionary syntax.
    pub fn for_syntax(s: Syntax) -> Options {
        Options {
            code_by: CodeBy::Clause,
            convert_agents: false,
            // PETRARCH-1 drops clauses of 2 to 8 words (its `comma_min`/`max`, `emin`/`emax`).
            comma: Some(if s == Syntax::Petrarch1 {
                (1, 8)
            } else {
                (2, 10)
            }),
            comma_end: Some(if s == Syntax::Petrarch1 {
                (1, 8)
            } else {
                (2, 10)
            }),
            comma_begin: None,
            no_actor_prior: false,
            max_verbs: 0,
            max_conj: 0,
            min_words: if s == Syntax::Tabari { 8 } else { 0 },
            default_prior: false,
            default_after: false,
            default_source: None,
            default_target: None,
            require_dyad: true,
            negation: s != Syntax::Tabari,
            forward: None,
            forwarded: None,
            extra_actors: Vec::new(),
            modality: false,
            new_actor_length: 0,
        }
    }

    /// Applies TABARI option commands (`SET: CODE BY CLAUSE`, `COMMA: OFF`, `DEFAULT: SOURCE [X]`…).
    pub fn apply(&mut self, commands: &[String]) {
        for c in commands {
            let u = c.to_ascii_uppercase();
            let u = u.trim();
            let words: String = u.split_whitespace().collect::<Vec<_>>().join(" ");
            if words.starts_with("SET: CODE BY CLAUSE") {
                self.code_by = CodeBy::Clause;
            } else if words.starts_with("SET: CODE BY SENTENCE") {
                self.code_by = CodeBy::Sentence;
            } else if words.starts_with("SET: CODE ALL") {
                self.code_by = CodeBy::All;
            } else if words.starts_with("SET: REQUIRE DYAD") {
                self.require_dyad = words.ends_with("TRUE");
            } else if words.starts_with("SET: MODALITY") {
                self.modality = words.ends_with("TRUE");
            } else if words.starts_with("SET: CONVERT AGENT") {
                self.convert_agents = words.ends_with("TRUE");
            } else if let Some(rest) = words.strip_prefix("COMMA:") {
                if rest.contains("OFF") {
                    self.comma = None;
                    self.comma_end = None;
                    self.comma_begin = None;
                } else {
                    let num = |key: &str| -> Option<usize> {
                        let toks: Vec<&str> = rest
                            .split(|c: char| c.is_whitespace() || c == '=')
                            .filter(|t| !t.is_empty())
                            .collect();
                        toks.iter()
                            .position(|t| *t == key)
                            .and_then(|i| toks.get(i + 1))
                            .and_then(|v| v.parse().ok())
                    };
                    if let (Some(a), Some(b)) = (num("MIN"), num("MAX")) {
                        self.comma = Some((a.saturating_sub(1), b));
                    }
                    if let (Some(a), Some(b)) = (num("EMIN"), num("EMAX")) {
                        self.comma_end = Some((a.saturating_sub(1), b));
                    }
                    if let (Some(a), Some(b)) = (num("BMIN"), num("BMAX")) {
                        self.comma_begin = Some((a.saturating_sub(1), b));
                    }
                }
            } else if let Some(rest) = words.strip_prefix("COMPLEX:") {
                self.no_actor_prior = rest.contains("NOACTPRIOR");
                let num = |key: &str| -> usize {
                    rest.find(key)
                        .map(|i| &rest[i + key.len()..])
                        .and_then(|r| r.split(']').next())
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0)
                };
                self.max_verbs = num("VERBS[");
                self.max_conj = num("CONJ[");
            } else if let Some(rest) = words.strip_prefix("SET: MINIMUM WORDS") {
                if let Some(n) = rest
                    .trim_start_matches([' ', '='])
                    .split_whitespace()
                    .next()
                    .and_then(|v| v.parse().ok())
                {
                    self.min_words = n;
                }
            } else if let Some(rest) = words.strip_prefix("FORWARD:") {
                let mut parts = rest.split_whitespace();
                self.forward = match (parts.next(), rest.contains("OFF")) {
                    (Some(f), false) => Some(f.to_string()),
                    _ => None,
                };
            } else if let Some(rest) = words.strip_prefix("CONFIG:") {
                self.apply_config(rest);
            } else if let Some(rest) = words.strip_prefix("DEFAULT:") {
                if rest.contains("OFF") {
                    self.default_source = None;
                    self.default_target = None;
                    self.default_prior = false;
                    self.default_after = false;
                }
                if rest.contains("PRIOR") {
                    self.default_prior = true;
                }
                if rest.contains("AFTER") {
                    self.default_after = true;
                }
                let grab = |key: &str| -> Option<String> {
                    let i = rest.find(key)?;
                    let after = &rest[i + key.len()..];
                    let open = after.find('[')?;
                    let close = after.find(']')?;
                    (open < close).then(|| after[open + 1..close].trim().to_string())
                };
                if let Some(s) = grab("SOURCE") {
                    self.default_source = Some(s);
                }
                if let Some(t) = grab("TARGET") {
                    self.default_target = Some(t);
                }
            }
        }
    }
}

impl Options {
    /// PETRARCH's `<Config option="X" value="Y">` as `X = Y` (upper-cased): `REQUIRE_DYAD`, and
    /// `COMMA_MIN`/`MAX`, `COMMA_BMIN`/`BMAX`, `COMMA_EMIN`/`EMAX` (clause lengths in words, both
    /// ends included; a maximum of 0 turns that deletion off). Others are ignored.
    fn apply_config(&mut self, rest: &str) {
        let mut kv = rest.splitn(2, '=');
        let (Some(key), Some(value)) = (kv.next(), kv.next()) else {
            return;
        };
        let (key, value) = (key.trim(), value.trim());
        if key == "REQUIRE_DYAD" {
            self.require_dyad = !value.contains("FALSE");
            return;
        }
        let Ok(n) = value.parse::<usize>() else {
            return;
        };
        if key == "NEW_ACTOR_LENGTH" {
            self.new_actor_length = n;
            return;
        }
        let (range, is_min) = match key {
            "COMMA_MIN" => (&mut self.comma, true),
            "COMMA_MAX" => (&mut self.comma, false),
            "COMMA_BMIN" => (&mut self.comma_begin, true),
            "COMMA_BMAX" => (&mut self.comma_begin, false),
            "COMMA_EMIN" => (&mut self.comma_end, true),
            "COMMA_EMAX" => (&mut self.comma_end, false),
            _ => return,
        };
        // Kept as (min - 1, max): a maximum of 0 matches no clause.
        let (lo, hi) = range.unwrap_or((0, 0));
        *range = Some(if is_min {
            (n.saturating_sub(1), hi)
        } else {
            (lo, n)
        });
    }
}

/// How an actor in an event was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorExplain {
    pub text: String,
    pub codes: Vec<String>,
    /// Token span in the sentence.
    pub span: (usize, usize),
    /// "actor dictionary line 12", "agent line 40 attached", "pronoun HE → first actor", …
    pub how: Vec<String>,
}

/// Why an event was coded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explain {
    pub verb_block: String,
    pub verb_line: usize,
    pub verb_span: (usize, usize),
    /// The pattern that matched, with its line; `None` when the verb's own code was used.
    pub pattern: Option<String>,
    pub pattern_line: Option<usize>,
    pub source: Option<ActorExplain>,
    pub target: Option<ActorExplain>,
    /// Rules applied: "default source search", "passive voice", "paired code", "clause 2"…
    pub rules: Vec<String>,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub source: String,
    pub target: String,
    pub code: String,
    pub source_text: String,
    pub target_text: String,
    pub verb_text: String,
    pub subordinate: bool,
    pub dominant: bool,
    pub explain: Explain,
}

/// The result of coding one sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coded {
    pub events: Vec<Event>,
    /// Why nothing was coded when a rule stopped the sentence (discard, complex).
    pub stopped: Option<String>,
    /// The first code of the sentence's first dictionary actor, without agents (what `FORWARD`
    /// carries to the next sentence's pronouns).
    pub first_actor: Option<String>,
    /// Every actor of the sentence once agents are attached and compounds joined (for the
    /// document layer's memory of who was named).
    pub actors: Vec<ActorExplain>,
}

#[derive(Debug, Clone, PartialEq)]
enum ActorRef {
    Entry(usize),
    Null,
}

/// A unit of the analysed sentence.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Actor(ActorExplain),
    /// `former`: "former" stands before the agent or its actor, and the agent codes as `ELI`.
    Agent {
        entry: usize,
        former: bool,
    },
    Verb {
        block: usize,
        member: usize,
    },
    Noun,
    Adj,
    Conj,
    Comma,
    Pronoun(String),
    Det,
    By,
    Aux,
    Neg,
    Prep(String),
    Word,
    Stop,
}

#[derive(Debug, Clone, PartialEq)]
struct Unit {
    kind: Kind,
    /// Token span.
    start: usize,
    end: usize,
    /// Part of a compound actor list or a compound noun/adjective (a conjunction that does not split
    /// clauses).
    joined: bool,
    deleted: bool,
    /// A parsed compound actor (`A, B and C`).
    compound: bool,
    /// A pronoun resolved to an actor.
    pronoun: bool,
    /// An actor from a places file (a city).
    place: bool,
    /// PETRARCH-1: an agent merged with the actor after it ("the parliament of Gondor"): the
    /// actor as it was before the merge (its span says where it starts). A pattern's `^` passes
    /// over the agent's noun phrase only, and the actor is left for the next element (PETRARCH
    /// skips one noun phrase, and its parser keeps "of Gondor" apart from "the parliament").
    of_actor: Option<Box<ActorExplain>>,
}

impl Unit {
    /// Where the actor of a PETRARCH-1 agent–actor pair starts, as a token offset inside this
    /// unit (see [`Unit::of_actor`]); `None` without one, or if it is not strictly inside.
    fn of_actor_offset(&self) -> Option<usize> {
        let at = self.of_actor.as_ref()?.span.0;
        (self.start + 1..self.end)
            .contains(&at)
            .then(|| at - self.start)
    }
}

/// What steps 1–6 give: the sentence's live units, the first dictionary actor's first code, and the
/// actors of the asides that were dropped.
type Prepared = (Vec<Unit>, Option<String>, Vec<ActorExplain>);

/// A compiled dictionary set, ready to code sentences. Shareable across threads.
#[derive(Debug)]
pub struct Coder {
    pub dict: Dictionaries,
    pub options: Options,
    actors: PhraseIndex<ActorRef>,
    agents: PhraseIndex<usize>,
    nouns: PhraseIndex<()>,
    adjectives: PhraseIndex<()>,
    verbs: PhraseIndex<(usize, usize)>,
    discards: PhraseIndex<bool>,
    /// TABARI `<TIME>` phrases (roots only): `Some(true)` discard, `Some(false)` complex, `None` a
    /// date shift (which stops nothing but ends the search: the first time phrase decides).
    time: PhraseIndex<Option<bool>>,
    /// Per verb block and pattern: what the matcher needs, computed once.
    compiled: Vec<Vec<Compiled>>,
    /// The codes of the countries-file entries (`*.countries.actors.txt`: dyad's and Phoenix's):
    /// which three-letter codes name a state, as against an ethnic group (`KUR`) or an
    /// international actor (`IGO`). Empty when no such file was read.
    nations: BTreeSet<String>,
}

/// How an ethnic group's code is explained: the start of its `how` line.
const ETHNIC_HOW: &str = "ethnic group: placed in";

/// An ethnic group placed in a state (see [`Coder::actor_modifiers`]): not that state, though it
/// has the state's code.
fn is_ethnic(a: &ActorExplain) -> bool {
    a.how.iter().any(|h| h.starts_with(ETHNIC_HOW))
}

/// A pattern prepared for matching.
#[derive(Debug)]
struct Compiled {
    /// Literal words outside alternatives and synsets: all must occur in the sentence for the pattern
    /// to match, which rules out most patterns with one scan of the tokens.
    required: Vec<crate::dict::Word>,
    /// For each top-level synset or alternative set whose options all start with a word: those first
    /// words. One of each group must occur in the sentence.
    required_any: Vec<Vec<crate::dict::Word>>,
    /// [`index::word_hash`] of `required` and `required_any`, checked against the sentence's
    /// [`index::WordFilter`] before the words are searched for.
    required_keys: Vec<u64>,
    required_any_keys: Vec<Vec<u64>>,
    /// The elements before the verb, reversed (matched right to left).
    lower_rev: Vec<Elem>,
    /// Index of the verb marker in the elements.
    verb_at: usize,
    /// `*_X` / `*~ X`: the element after the verb must follow it immediately.
    verb_adjacent: bool,
    lower_last_adjacent: bool,
    /// The pattern's length ([`Pattern::length`]), the length of its elements other than
    /// alternatives and synsets, and whether it has any of those at the top level.
    len: usize,
    fixed_len: usize,
    has_alt: bool,
}

impl Compiled {
    fn new(p: &Pattern, dict: &Dictionaries) -> Option<Compiled> {
        let first_words = |opts: &[Vec<Elem>]| -> Option<Vec<crate::dict::Word>> {
            opts.iter()
                .map(|o| match o.first() {
                    Some(Elem::Word(w)) => Some(w.clone()),
                    _ => None,
                })
                .collect()
        };
        let required_any: Vec<Vec<crate::dict::Word>> = p
            .elems
            .iter()
            .filter_map(|e| match e {
                Elem::Synset { name, .. } => dict.synsets.get(name).and_then(|o| first_words(o)),
                Elem::Alt { options, .. } => first_words(options),
                _ => None,
            })
            .filter(|g| !g.is_empty())
            .collect();
        let verb_at = p.elems.iter().position(|e| matches!(e, Elem::Verb))?;
        let required: Vec<crate::dict::Word> = p
            .elems
            .iter()
            .filter_map(|e| match e {
                Elem::Word(w) => Some(w.clone()),
                _ => None,
            })
            .collect();
        let lower = &p.elems[..verb_at];
        let is_alt = |e: &Elem| matches!(e, Elem::Synset { .. } | Elem::Alt { .. });
        let fixed: Vec<Elem> = p.elems.iter().filter(|e| !is_alt(e)).cloned().collect();
        let key = |w: &crate::dict::Word| index::word_hash(&w.text);
        let required_keys = required.iter().map(key).collect();
        let required_any_keys = required_any
            .iter()
            .map(|g| g.iter().map(key).collect())
            .collect();
        Some(Compiled {
            required_keys,
            required_any_keys,
            len: p.length(),
            fixed_len: elems_len(&fixed),
            has_alt: p.elems.iter().any(is_alt),
            required,
            required_any,
            lower_rev: lower.iter().rev().cloned().collect(),
            verb_at,
            verb_adjacent: p.text.contains("*_") || p.text.contains("*~"),
            lower_last_adjacent: lower.last().is_some_and(elem_adjacent),
        })
    }

    /// Can the pattern match this sentence at all? (`filter` is the sentence's.)
    fn possible(&self, up: &[&str], filter: &index::WordFilter) -> bool {
        self.required_keys.iter().all(|&k| filter.may_have(k))
            && self
                .required_any_keys
                .iter()
                .all(|g| g.iter().any(|&k| filter.may_have(k)))
            && self.possible_words(up, filter)
    }

    /// The exact test behind [`Compiled::possible`]: every required word, and one of each group,
    /// matches a word of the sentence. A group's members that the filter rules out are not
    /// looked for (the filter has every word a member can match).
    fn possible_words(&self, up: &[&str], filter: &index::WordFilter) -> bool {
        self.required
            .iter()
            .all(|w| up.iter().any(|t| word_matches(w, t)))
            && self
                .required_any
                .iter()
                .zip(&self.required_any_keys)
                .all(|(g, keys)| {
                    g.iter()
                        .zip(keys)
                        .any(|(w, &k)| filter.may_have(k) && up.iter().any(|t| word_matches(w, t)))
                })
    }
}

/// TABARI's regular endings apply only to the final word of a multi-word actor, agent or noun
/// phrase: the exact words before it match only themselves (`X_Y_Z_` does not match "X's Y Z").
fn final_word_endings(dict: &mut Dictionaries) {
    fn close(phrase: &mut [crate::dict::Word]) {
        if let Some((_, init)) = phrase.split_last_mut() {
            for w in init.iter_mut().filter(|w| w.exact) {
                w.no_endings = true;
            }
        }
    }
    for a in &mut dict.actors {
        a.phrases.iter_mut().for_each(|p| close(p));
    }
    for a in &mut dict.agents {
        a.phrases.iter_mut().for_each(|p| close(p));
    }
    dict.nouns.iter_mut().for_each(|p| close(p));
}

/// TABARI applies the regular endings (S, 'S, ED, ES, EN, ING) only to actor, agent, noun and verb
/// phrases: an exact word in a verb pattern or a synset (`RESOLUTION_`) matches only itself.
fn close_pattern_words(dict: &mut Dictionaries, all: bool) {
    let close = |elems: &mut [Elem]| close_words(elems, all);
    fn close_words(elems: &mut [Elem], all: bool) {
        for e in elems {
            match e {
                Elem::Word(w) if w.exact || all => {
                    w.exact = true;
                    w.no_endings = true;
                }
                Elem::Alt { options, .. } => options.iter_mut().for_each(|o| close_words(o, all)),
                Elem::NounGroup(v) | Elem::PrepGroup(v) => close_words(v, all),
                _ => {}
            }
        }
    }
    for v in &mut dict.verbs {
        for p in &mut v.patterns {
            close(&mut p.elems);
        }
    }
    for set in dict.synsets.values_mut() {
        set.iter_mut().for_each(|o| close(o));
    }
}

/// CAMEO's agent code for a "former" official.
const ELITE: &str = "ELI";
/// PETRARCH-1's code for a noun phrase with no actor (`---`, or `---GOV` with an agent).
const UNKNOWN: &str = "---";

const PRONOUNS: &[&str] = &[
    "HE", "SHE", "IT", "HIM", "THEY", "THEM", "HIS", "HER", "ITS", "THEIR",
];

impl Coder {
    /// Compiles `dict` with its own options applied to the syntax's defaults.
    pub fn new(mut dict: Dictionaries) -> Coder {
        let all = dict.syntax != Syntax::Tabari;
        close_pattern_words(&mut dict, all);
        let mut options = Options::for_syntax(dict.syntax);
        options.apply(&dict.options);
        let gaps = dict.syntax == Syntax::Tabari;
        if gaps {
            final_word_endings(&mut dict);
        }
        if dict.syntax == Syntax::Petrarch1 {
            merge_repeated_verbs(&mut dict);
        }
        // PETRARCH-1 does no stemming: an actor or agent word is the word itself (with the
        // plural and possessive endings), never a prefix (`THE_AU` is not "the Australian").
        if dict.syntax == Syntax::Petrarch1 {
            let exact = |p: &mut Vec<crate::dict::Word>| p.iter_mut().for_each(|w| w.exact = true);
            dict.actors
                .iter_mut()
                .for_each(|a| a.phrases.iter_mut().for_each(exact));
            dict.agents
                .iter_mut()
                .for_each(|a| a.phrases.iter_mut().for_each(exact));
            // With its plurals listed (`POLICE {}`), the phrase takes no endings of its own.
            for a in dict.agents.iter_mut().filter(|a| a.plurals_listed) {
                if let Some(w) = a.phrases.first_mut().and_then(|p| p.last_mut()) {
                    w.no_endings = true;
                }
            }
        }
        let mut actors = PhraseIndex::default();
        actors.names = true;
        actors.gaps = gaps || dict.syntax == Syntax::Petrarch1;
        for (i, a) in dict.actors.iter().enumerate() {
            let null = a.codes.iter().all(|c| c.codes.is_empty());
            for p in &a.phrases {
                actors.insert(
                    p.clone(),
                    if null {
                        ActorRef::Null
                    } else {
                        ActorRef::Entry(i)
                    },
                );
            }
        }
        actors.finish();
        let mut agents = PhraseIndex::default();
        agents.names = true;
        agents.gaps = gaps;
        for (i, a) in dict.agents.iter().enumerate() {
            for p in &a.phrases {
                agents.insert(p.clone(), i);
            }
        }
        agents.finish();
        let mut nouns = PhraseIndex::default();
        for p in &dict.nouns {
            nouns.insert(p.clone(), ());
        }
        nouns.finish();
        let mut adjectives = PhraseIndex::default();
        for p in &dict.adjectives {
            adjectives.insert(p.clone(), ());
        }
        adjectives.finish();
        let mut verbs = PhraseIndex::default();
        verbs.gaps = gaps;
        verbs.possessive = !gaps;
        verbs.strict_es = !gaps;
        // PETRARCH reads a verb as the word and its regular inflections, never as a prefix
        // (`DEPART` is not `departx`); TABARI's verb words are stems.
        let verb_words = |ws: &[crate::dict::Word]| -> Vec<crate::dict::Word> {
            ws.iter()
                .map(|w| crate::dict::Word {
                    exact: w.exact || !gaps,
                    ..w.clone()
                })
                .collect()
        };
        for (b, v) in dict.verbs.iter().enumerate() {
            for (m, mem) in v.members.iter().enumerate() {
                verbs.insert(verb_words(&mem.words), (b, m));
                for f in &mem.forms {
                    verbs.insert(verb_words(f), (b, m));
                }
            }
        }
        verbs.finish();
        let mut discards = PhraseIndex::default();
        for d in &dict.discards {
            discards.insert(d.phrase.clone(), d.story);
        }
        discards.finish();
        let mut time = PhraseIndex::default();
        for t in &dict.time {
            let words: Option<Vec<crate::dict::Word>> = t
                .pattern
                .iter()
                .map(|e| match e {
                    Elem::Word(w) => Some(w.clone()),
                    _ => None,
                })
                .collect();
            let stop = match t.shift {
                EventCode::Null => continue,
                EventCode::Discard => Some(true),
                EventCode::Complex => Some(false),
                EventCode::Code { .. } => None,
            };
            if let Some(words) = words.filter(|w| !w.is_empty()) {
                time.insert(words, stop);
            }
        }
        time.finish();
        let compiled = dict
            .verbs
            .iter()
            .map(|v| {
                v.patterns
                    .iter()
                    .map(|p| {
                        Compiled::new(p, &dict).unwrap_or(Compiled {
                            // A pattern without `*` never matches.
                            required: vec![crate::dict::Word {
                                text: "\u{0}".into(),
                                exact: true,
                                no_endings: true,
                                adjacent: false,
                            }],
                            required_any: Vec::new(),
                            required_keys: vec![index::word_hash("\u{0}")],
                            required_any_keys: Vec::new(),
                            lower_rev: Vec::new(),
                            verb_at: 0,
                            verb_adjacent: false,
                            lower_last_adjacent: false,
                            len: 0,
                            fixed_len: 0,
                            has_alt: false,
                        })
                    })
                    .collect()
            })
            .collect();
        let nations = dict
            .actors
            .iter()
            .filter(|a| {
                a.file
                    .to_ascii_lowercase()
                    .ends_with(".countries.actors.txt")
            })
            .flat_map(|a| a.codes.iter().flat_map(|c| c.codes.iter()))
            .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
            .cloned()
            .collect();
        Coder {
            compiled,
            nations,
            dict,
            options,
            actors,
            agents,
            nouns,
            adjectives,
            verbs,
            discards,
            time,
        }
    }

    /// The longest dictionary actor at token `i` of the upper-cased words `up`: its length in tokens
    /// and its codes on `date` (empty for a null or discard entry).
    pub fn actor_at(
        &self,
        up: &[&str],
        i: usize,
        date: Option<NaiveDate>,
    ) -> Option<(usize, Vec<String>)> {
        let (len, r) = self.actors.best_at(up, i)?;
        let codes = match r {
            ActorRef::Entry(e) => self.dict.actors[e]
                .codes_on(date)
                .unwrap_or_default()
                .iter()
                .filter(|c| !matches!(c.as_str(), "###" | "+++" | "---"))
                .cloned()
                .collect(),
            ActorRef::Null => Vec::new(),
        };
        Some((len, codes))
    }

    /// The longest dictionary agent at token `i`: its length in tokens and its code (`GOV`, `MIL`…).
    pub fn agent_at(&self, up: &[&str], i: usize) -> Option<(usize, String)> {
        let (len, e) = self.agents.best_at(up, i)?;
        let code = self.dict.agents[e]
            .code
            .trim_matches(|c: char| c == '~' || c == ' ')
            .to_string();
        Some((len, code))
    }

    /// Codes one sentence. `date` picks date-restricted actor codes.
    pub fn code(&self, toks: &[Token], date: Option<NaiveDate>) -> Coded {
        self.code_with(toks, date, &self.options)
    }

    /// Codes one sentence with explicit options.
    pub fn code_with(&self, toks: &[Token], date: Option<NaiveDate>, opts: &Options) -> Coded {
        let upper: Vec<String> = upper_words(toks);
        let up: Vec<&str> = upper.iter().map(String::as_str).collect();
        self.code_words(toks, &up, date, opts)
    }

    /// Codes one sentence whose [`upper_words`] the caller has already worked out (the document
    /// layer reads them too).
    pub fn code_words(
        &self,
        toks: &[Token],
        up: &[&str],
        date: Option<NaiveDate>,
        opts: &Options,
    ) -> Coded {
        for i in 0..up.len() {
            if let Some((_, story)) = self.discards.best_at(up, i) {
                let what = if story { "story" } else { "sentence" };
                return Coded {
                    events: Vec::new(),
                    stopped: Some(format!("{what} discard phrase at token {i}")),
                    first_actor: None,
                    actors: Vec::new(),
                };
            }
        }
        // The first time-shift phrase decides; a discard or complex code there stops the sentence.
        if !self.time.is_empty()
            && let Some((i, Some(discard))) =
                (0..up.len()).find_map(|i| self.time.best_at(up, i).map(|(_, s)| (i, s)))
        {
            let what = if discard { "discard" } else { "complex" };
            return Coded {
                events: Vec::new(),
                stopped: Some(format!("{what} code on the time phrase at token {i}")),
                first_actor: None,
                actors: Vec::new(),
            };
        }
        if opts.min_words > 0 {
            let n = toks
                .iter()
                .filter(|t| {
                    t.text.chars().any(char::is_alphanumeric) || t.text == "," || t.text == "\""
                })
                .count();
            if n < opts.min_words {
                return Coded {
                    events: Vec::new(),
                    stopped: Some(format!(
                        "{n} words: fewer than the minimum of {} (MINIMUM WORDS)",
                        opts.min_words
                    )),
                    first_actor: None,
                    actors: Vec::new(),
                };
            }
        }
        let (units, first_actor, dropped) = match self.prepare(toks, up, date, opts) {
            Ok(u) => u,
            Err(reason) => {
                return Coded {
                    events: Vec::new(),
                    stopped: Some(reason),
                    first_actor: None,
                    actors: Vec::new(),
                };
            }
        };
        if let Some(why) = self.complex(&units, opts) {
            return Coded {
                events: Vec::new(),
                stopped: Some(format!("too complex: {why}")),
                first_actor,
                actors: Vec::new(),
            };
        }
        // In PETRARCH-2 syntax every event's actors are actor (or agent) units: a sentence with
        // none has no verb to try. (TABARI and PETRARCH-1 can make an actor of a noun phrase the
        // dictionaries do not know.)
        let no_actor = self.dict.syntax == Syntax::Petrarch2
            && !units
                .iter()
                .any(|u| matches!(u.kind, Kind::Actor(_) | Kind::Agent { .. }));
        let mut events = if no_actor {
            Vec::new()
        } else if self.dict.syntax == Syntax::Tabari {
            match self.code_units_tabari(&units, toks, up, opts) {
                Ok(e) => e,
                Err(why) => {
                    return Coded {
                        events: Vec::new(),
                        stopped: Some(why),
                        first_actor,
                        actors: Vec::new(),
                    };
                }
            }
        } else {
            self.code_units(&units, toks, up, opts)
        };
        if events.iter().any(|e| !e.subordinate) {
            events.retain(|e| !e.subordinate);
        }
        if events.iter().any(|e| e.dominant) {
            events.retain(|e| e.dominant);
        }
        let mut seen = BTreeSet::new();
        events.retain(|e| seen.insert((e.source.clone(), e.target.clone(), e.code.clone())));
        let mut actors: Vec<ActorExplain> = units
            .iter()
            .filter(|u| !u.pronoun)
            .filter_map(|u| match &u.kind {
                Kind::Actor(a) => Some(a.clone()),
                _ => None,
            })
            .collect();
        actors.extend(dropped);
        actors.sort_by_key(|a| a.span);
        Coded {
            events,
            stopped: None,
            first_actor,
            actors,
        }
    }

    /// The pattern of verb block `block` that codes the verb at unit `v`, with its bindings.
    /// Patterns are tried longest first and the first match wins, except that a match through
    /// alternatives or a synset counts only the alternative that matched: the following patterns
    /// at least that long are still tried, and one that matches at least as many characters
    /// replaces it.
    fn match_patterns(
        &self,
        block: usize,
        slots: &Slots<'_>,
        v: usize,
        skip_complex: bool,
    ) -> Option<(&Pattern, Binding)> {
        let entry = &self.dict.verbs[block];
        let mut matched: Option<(&Pattern, Binding)> = None;
        let mut reach: Option<usize> = None;
        let filter = index::WordFilter::new(slots.up);
        for (p, c) in entry.patterns.iter().zip(&self.compiled[block]) {
            if let Some(min) = reach
                && c.len < min
            {
                break;
            }
            if !c.possible(slots.up, &filter) || (skip_complex && p.code == EventCode::Complex) {
                continue;
            }
            if let Some(b) = match_pattern(c, p, slots, v, &self.dict) {
                let got = if c.has_alt {
                    c.fixed_len + b.alt_len
                } else {
                    c.len
                };
                // Outside TABARI, among matches of equal length the first in file order wins (a
                // synonym-set pattern found earlier is not replaced by a later plain one).
                let tie_stays =
                    self.dict.syntax != Syntax::Tabari && matched.is_some() && reach == Some(got);
                if reach.is_some_and(|r| got < r) || tie_stays {
                    continue;
                }
                if !c.has_alt {
                    return Some((p, b));
                }
                reach = Some(got);
                matched = Some((p, b));
            }
        }
        matched
    }

    /// TABARI's complexity filter (`COMPLEX: VERBS[n] CONJ[n] NOACTPRIOR`): why the sentence is too
    /// complex to code, if it is. Verbs that are null-coded without patterns do not count.
    fn complex(&self, units: &[Unit], opts: &Options) -> Option<String> {
        let live_verb = |u: &Unit| match u.kind {
            Kind::Verb { block, member } => {
                let e = &self.dict.verbs[block];
                let code = e.members[member].code.as_ref().unwrap_or(&e.code);
                !(*code == EventCode::Null && e.patterns.is_empty())
            }
            _ => false,
        };
        if opts.max_verbs > 0 {
            let n = units.iter().filter(|u| live_verb(u)).count();
            if n >= opts.max_verbs {
                return Some(format!("{n} verbs (VERBS[{}])", opts.max_verbs));
            }
        }
        if opts.max_conj > 0 {
            let n = units.iter().filter(|u| u.kind == Kind::Conj).count();
            if n >= opts.max_conj {
                return Some(format!("{n} conjunctions (CONJ[{}])", opts.max_conj));
            }
        }
        let coded_verb = |u: &Unit| match u.kind {
            Kind::Verb { block, member } => {
                let e = &self.dict.verbs[block];
                *e.members[member].code.as_ref().unwrap_or(&e.code) != EventCode::Null
            }
            _ => false,
        };
        if opts.no_actor_prior
            && let Some(v) = units.iter().position(coded_verb)
            && !units[..v].iter().any(|u| matches!(u.kind, Kind::Actor(_)))
        {
            return Some("no actor before the first verb (NOACTPRIOR)".into());
        }
        None
    }

    /// Steps 1–6: the sentence's units, ready for coding.
    fn prepare(
        &self,
        toks: &[Token],
        up: &[&str],
        date: Option<NaiveDate>,
        opts: &Options,
    ) -> Result<Prepared, String> {
        let mut units = self.tag(toks, up, date, opts)?;
        if self.dict.syntax == Syntax::Petrarch2 {
            self.actor_modifiers(&mut units, toks);
        }
        let first_actor = units.iter().find_map(|u| match &u.kind {
            Kind::Actor(a) => a.codes.first().cloned(),
            _ => None,
        });
        self.attach_agents(&mut units, toks, opts);
        if self.dict.syntax == Syntax::Petrarch1 {
            noun_phrase_compounds(&mut units, toks);
        }
        compounds(&mut units, toks, self.dict.syntax != Syntax::Tabari);
        if self.dict.syntax == Syntax::Petrarch1 {
            joined_noun_modifiers(&mut units, toks);
            unknown_compound_members(&mut units, toks, opts.new_actor_length);
        }
        if self.dict.syntax == Syntax::Petrarch1 {
            adjective_commas(&mut units, toks);
        }
        drop_comma_clauses(
            &mut units,
            toks,
            opts,
            self.dict.syntax != Syntax::Tabari,
            self.dict.syntax == Syntax::Petrarch1,
        );
        if self.dict.syntax != Syntax::Petrarch1 {
            resolve_pronouns(
                &mut units,
                opts.forwarded.as_deref(),
                self.dict.syntax != Syntax::Tabari,
            );
        }
        // Actors in dropped asides ("…, according to the NSD, …") are still named in the text.
        let dropped = units
            .iter()
            .filter(|u| u.deleted && !u.pronoun)
            .filter_map(|u| match &u.kind {
                Kind::Actor(a) => Some(a.clone()),
                _ => None,
            })
            .collect();
        Ok((
            units.into_iter().filter(|u| !u.deleted).collect(),
            first_actor,
            dropped,
        ))
    }

    /// Country words that qualify another actor rather than name one (PETRARCH-2 syntax, which
    /// dyad's own dictionaries use):
    /// - a hyphenated modifier before an actor: "NATO-member Norway", "US-backed Afghan forces"
    ///   (the actor is Norway, the Afghan forces);
    /// - "ethnic" and a nationality: "ethnic Albanians in Serbia" are a group living in another
    ///   state, placed in the first other state the sentence names (after them, else before);
    ///   with none, the nationality stays;
    /// - a nationality before an ethnic group: "Turkish Kurd refugees" are Turkey's (`TURREF`);
    /// - an apposition with the same codes is one actor: "forced the UN refugee agency, UNHCR,
    ///   out" (the pattern `* + OUT` then matches).
    fn actor_modifiers(&self, units: &mut Vec<Unit>, toks: &[Token]) {
        let mut k = 0;
        while k + 2 < units.len() {
            let same = match (&units[k].kind, &units[k + 1].kind, &units[k + 2].kind) {
                (Kind::Actor(a), Kind::Comma, Kind::Actor(b)) => {
                    a.codes == b.codes && toks[units[k + 1].start].text == ","
                }
                _ => false,
            };
            // Closed by a comma (which goes with it) or the end of the sentence.
            let after = units.get(k + 3).map(|u| &u.kind);
            let comma = after == Some(&Kind::Comma);
            if same && (comma || after == Some(&Kind::Stop)) {
                let hi = units[k + 2].end;
                let lo = units[k].start;
                let text = join_tokens(toks, lo, hi);
                if let Kind::Actor(a) = &mut units[k].kind {
                    a.how
                        .push("apposition with the same codes: one actor".into());
                    a.text = text;
                    a.span = (lo, hi);
                }
                units[k].end = if comma { units[k + 3].end } else { hi };
                let last = if comma { k + 3 } else { k + 2 };
                units.drain(k + 1..=last);
            }
            k += 1;
        }
        if self.nations.is_empty() {
            return;
        }
        let nation_of = |u: &Unit| -> Option<String> {
            let Kind::Actor(a) = &u.kind else {
                return None;
            };
            let c = split_actor(a.codes.first()?).0;
            self.nations.contains(c).then(|| c.to_string())
        };
        let lone_nation = |u: &Unit| -> Option<String> {
            let Kind::Actor(a) = &u.kind else {
                return None;
            };
            match a.codes.as_slice() {
                [c] if self.nations.contains(c.as_str()) => Some(c.clone()),
                _ => None,
            }
        };
        let mut k = 0;
        while k < units.len() {
            // "NATO-member Norway": actor, hyphen, a lower-case word, actor.
            if matches!(units[k].kind, Kind::Actor(_))
                && toks[units[k].end - 1].hyphen_next
                && k + 2 < units.len()
                && units[k + 1].end == units[k + 1].start + 1
                && toks[units[k + 1].start]
                    .text
                    .starts_with(|c: char| c.is_lowercase())
                && !toks[units[k + 1].start].hyphen_next
                && matches!(units[k + 2].kind, Kind::Actor(_))
            {
                units[k].kind = Kind::Adj;
                units[k].end = units[k + 1].end;
                units.remove(k + 1);
                k += 1;
                continue;
            }
            if let Some(c) = lone_nation(&units[k]) {
                // "ethnic Albanians … in Serbia".
                let ethnic = k > 0
                    && units[k - 1].kind == Kind::Word
                    && units[k - 1].end == units[k].start
                    && toks[units[k - 1].start].text.eq_ignore_ascii_case("ethnic");
                if ethnic {
                    let home = units[k + 1..]
                        .iter()
                        .chain(units[..k - 1].iter().rev())
                        .find_map(|u| {
                            nation_of(u)
                                .filter(|x| *x != c)
                                .map(|x| (x, u.start, u.end))
                        });
                    if let Some((x, hs, he)) = home {
                        let lo = units[k - 1].start;
                        let hi = units[k].end;
                        if let Kind::Actor(a) = &mut units[k].kind {
                            a.how.push(format!(
                                "{ETHNIC_HOW} {x} (\"{}\")",
                                join_tokens(toks, hs, he)
                            ));
                            a.codes = vec![x];
                            a.text = join_tokens(toks, lo, hi);
                            a.span = (lo, hi);
                        }
                        units[k].start = lo;
                        units.remove(k - 1);
                        continue;
                    }
                }
                // "Turkish Kurd refugees".
                let group = units.get(k + 1).and_then(|u| match &u.kind {
                    Kind::Actor(a) if u.start == units[k].end && a.codes.len() == 1 => {
                        let (g, rest) = split_actor(&a.codes[0]);
                        (g.len() == 3 && !self.nations.contains(g) && !is_international(g))
                            .then(|| rest.to_string())
                    }
                    _ => None,
                });
                if let Some(rest) = group {
                    let lo = units[k].start;
                    let (hi_text, hi) = (join_tokens(toks, lo, units[k + 1].end), units[k + 1].end);
                    if let Kind::Actor(a) = &mut units[k + 1].kind {
                        a.how
                            .push(format!("nationality {c} before an ethnic group"));
                        a.codes = vec![format!("{c}{rest}")];
                        a.text = hi_text;
                        a.span = (lo, hi);
                    }
                    units[k + 1].start = lo;
                    units.remove(k);
                    continue;
                }
            }
            k += 1;
        }
    }

    /// A readable listing of the units the engine sees (for debugging dictionaries): one line per
    /// unit with its kind and words, clause breaks marked.
    pub fn trace(&self, toks: &[Token], date: Option<NaiveDate>, opts: &Options) -> String {
        let upper: Vec<String> = upper_words(toks);
        let up: Vec<&str> = upper.iter().map(String::as_str).collect();
        match self.prepare(toks, &up, date, opts) {
            Err(e) => format!("stopped: {e}"),
            Ok((units, _, _)) => units
                .iter()
                .map(|u| {
                    let words = toks[u.start..u.end]
                        .iter()
                        .map(|t| t.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let kind = match &u.kind {
                        Kind::Actor(a) => format!("Actor{:?}", a.codes),
                        Kind::Verb { block, .. } => {
                            format!("Verb({})", self.dict.verbs[*block].block)
                        }
                        k => format!("{k:?}"),
                    };
                    format!("{kind}{} [{words}]", if u.joined { "+j" } else { "" })
                })
                .collect::<Vec<_>>()
                .join(" | "),
        }
    }

    /// Step 1: dictionary phrases and function words.
    fn tag(
        &self,
        toks: &[Token],
        up: &[&str],
        date: Option<NaiveDate>,
        opts: &Options,
    ) -> Result<Vec<Unit>, String> {
        let mut units = Vec::new();
        let mut i = 0;
        while i < up.len() {
            if let Some(x) = opts
                .extra_actors
                .iter()
                .filter(|x| x.start == i && x.end > i && x.end <= up.len())
                .max_by_key(|x| x.end)
                && x.end - i >= self.actors.best_at(up, i).map_or(0, |m| m.0)
            {
                units.push(Unit {
                    kind: Kind::Actor(ActorExplain {
                        text: join_tokens(toks, x.start, x.end),
                        codes: x.codes.clone(),
                        span: (x.start, x.end),
                        how: vec![x.how.clone()],
                    }),
                    start: x.start,
                    end: x.end,
                    joined: false,
                    deleted: false,
                    compound: x.codes.len() > 1,
                    pronoun: false,
                    place: false,
                    of_actor: None,
                });
                i = x.end;
                continue;
            }
            let w = up[i];
            let unit = |kind: Kind, len: usize| Unit {
                kind,
                start: i,
                end: i + len,
                joined: false,
                deleted: false,
                compound: false,
                pronoun: false,
                place: false,
                of_actor: None,
            };
            // "pro-Iranian", "anti-American": the country word qualifies, it names no actor.
            if matches!(w, "PRO" | "ANTI")
                && self.dict.syntax != Syntax::Tabari
                && let Some((len, _)) = self.actors.best_at(up, i + 1)
            {
                units.push(unit(Kind::Adj, 1 + len));
                i += 1 + len;
                continue;
            }
            let actor = self.actors.best_at(up, i);
            let agent = self.agents.best_at(up, i);
            let noun = self.nouns.best_at(up, i).map(|x| x.0);
            let adj = self.adjectives.best_at(up, i).map(|x| x.0);
            let verb = self
                .verbs
                .best_at(up, i)
                .filter(|_| self.verb_here(toks, up, i));
            let la = actor.as_ref().map_or(0, |a| a.0);
            let lg = agent.as_ref().map_or(0, |a| a.0);
            let lv = verb.as_ref().map_or(0, |v| v.0);
            let ln = noun.unwrap_or(0).max(adj.unwrap_or(0));
            let best = la.max(lg).max(lv).max(ln);
            if best > 0 {
                if la == best
                    && let Some((len, r)) = actor
                {
                    match r {
                        ActorRef::Null => units.push(unit(Kind::Noun, len)),
                        ActorRef::Entry(e) => {
                            let entry = &self.dict.actors[e];
                            match entry.codes_on(date) {
                                Some([]) => units.push(unit(Kind::Noun, len)),
                                Some(codes) => {
                                    let place = entry.place;
                                    if codes.iter().any(|c| c == "###") {
                                        return Err(format!("discard code on actor at token {i}"));
                                    }
                                    if codes.iter().any(|c| c == "+++") {
                                        return Err(format!("complex code on actor at token {i}"));
                                    }
                                    let text = toks[i..i + len]
                                        .iter()
                                        .map(|t| t.text.as_str())
                                        .collect::<Vec<_>>()
                                        .join(" ");
                                    let mut u = unit(
                                        Kind::Actor(ActorExplain {
                                            text,
                                            codes: codes.to_vec(),
                                            span: (i, i + len),
                                            how: vec![format!(
                                                "actor dictionary line {}",
                                                entry.line
                                            )],
                                        }),
                                        len,
                                    );
                                    u.place = place;
                                    units.push(u);
                                }
                                None => units.push(unit(Kind::Noun, len)),
                            }
                        }
                    }
                    i += len;
                    continue;
                }
                // An agent word used as an adjective before a noun that names no one is no
                // actor: "military aid", "military operation" (but "military officers").
                // PETRARCH-1 reads an agent anywhere in a noun phrase.
                let modifier = lg == best
                    && self.dict.syntax != Syntax::Petrarch1
                    && lg == 1
                    && toks[i].pos == Pos::Adj
                    && toks.get(i + 1).is_some_and(|t| t.pos == Pos::Noun)
                    && !self.actors.any_at(up, i + 1)
                    && !self.agents.any_at(up, i + 1);
                if lg == best
                    && !modifier
                    && let Some((len, e)) = agent
                {
                    units.push(unit(
                        Kind::Agent {
                            entry: e,
                            former: false,
                        },
                        len,
                    ));
                    i += len;
                    continue;
                }
                if lv == best
                    && let Some((len, (b, m))) = verb
                {
                    units.push(unit(
                        Kind::Verb {
                            block: b,
                            member: m,
                        },
                        len,
                    ));
                    i += len;
                    continue;
                }
                let kind = if adj.unwrap_or(0) == best {
                    Kind::Adj
                } else {
                    Kind::Noun
                };
                units.push(unit(kind, best));
                i += best;
                continue;
            }
            let kind = match w {
                "AND" | "BUT" | "OR" | "NOR" => Kind::Conj,
                "," | ";" => Kind::Comma,
                "THE" | "A" | "AN" => Kind::Det,
                "BY" => Kind::By,
                "WAS" | "WERE" | "BEEN" | "BE" | "BEING" | "IS" | "ARE" => Kind::Aux,
                "NOT" | "N'T" | "NEVER" => Kind::Neg,
                "OF" | "IN" | "WITH" | "TO" | "FROM" | "FOR" | "ON" | "AT" | "AGAINST" => {
                    Kind::Prep(w.to_string())
                }
                "." | "!" | "?" | ":" => Kind::Stop,
                _ if PRONOUNS.contains(&w) => Kind::Pronoun(w.to_string()),
                _ if w.ends_with("N'T") => Kind::Neg,
                _ => Kind::Word,
            };
            units.push(unit(kind, 1));
            i += 1;
        }
        Ok(units)
    }

    /// Whether the word at `i` may be read as a verb: not capitalised inside the sentence (unless the
    /// whole sentence is in capitals), not right after a determiner, not tagged as a noun after a
    /// possessive or determiner.
    fn verb_here(&self, toks: &[Token], up: &[&str], i: usize) -> bool {
        let t = &toks[i];
        if i > 0 && t.text.chars().next().is_some_and(char::is_uppercase) {
            let all_caps = toks.iter().all(|t| !t.text.chars().any(char::is_lowercase));
            if !all_caps {
                return false;
            }
        }
        if i > 0 && matches!(up[i - 1], "THE" | "A" | "AN") {
            return false;
        }
        // With PETRARCH-2/Phoenix dictionaries (large, written for parsed real news) the tagger
        // decides: a word it reads as a noun, adjective, determiner, pronoun, number, adposition
        // or punctuation is not a verb ("counterpart", "issues"). The PETRARCH-1 validation texts
        // are too ungrammatical for that ("Ethiopia act on …").
        if self.dict.syntax == Syntax::Petrarch2
            && matches!(
                t.pos,
                Pos::Noun
                    | Pos::Propn
                    | Pos::Adj
                    | Pos::Aux
                    | Pos::Det
                    | Pos::Pron
                    | Pos::Num
                    | Pos::Adp
                    | Pos::Punct
            )
            && !tagger_missed_verb(toks, up, i)
        {
            return false;
        }
        // PETRARCH-1 reads a parse in which a modal ("should have acted") heads no verb phrase.
        if self.dict.syntax == Syntax::Petrarch1
            && t.pos == Pos::Aux
            && matches!(
                up[i],
                "SHOULD" | "WOULD" | "COULD" | "CAN" | "MAY" | "MIGHT" | "MUST" | "WILL" | "SHALL"
            )
        {
            return false;
        }
        // A verb is a word: never punctuation.
        if !t.text.chars().any(char::is_alphanumeric) {
            return false;
        }
        true
    }

    /// Step 2: agents next to actors. An agent qualifies the actor just before it ("Arnor's army",
    /// "Israeli police") or the one after it across `of`/`in` (and, outside TABARI, `from`) and a
    /// determiner ("President of Gondor"). Outside TABARI, agents joined by `and` ("lawmakers and
    /// officials in X", "X's media and government") all qualify the actor, and an agent before a
    /// compound list ("ambassadors of A, B and C") qualifies every actor in it: the result is one
    /// compound actor with every combination.
    fn attach_agents(&self, units: &mut [Unit], toks: &[Token], opts: &Options) {
        let n = units.len();
        let tabari = self.dict.syntax == Syntax::Tabari;
        let word_is =
            |u: &Unit, w: &str| u.end == u.start + 1 && toks[u.start].text.eq_ignore_ascii_case(w);
        // "Former" just before the agent or the actor of an actor–agent pair makes the agent an
        // elite (`ELI`, CAMEO's rule) and goes, so that the pair joins across it.
        for j in 0..n {
            if units[j].deleted || units[j].kind != Kind::Word || !word_is(&units[j], "former") {
                continue;
            }
            let next = |from: usize| (from..n).find(|&x| !units[x].deleted);
            let agent = match next(j + 1) {
                Some(x) if matches!(units[x].kind, Kind::Agent { .. }) => Some(x),
                Some(x) if matches!(units[x].kind, Kind::Actor(_)) => {
                    next(x + 1).filter(|&y| matches!(units[y].kind, Kind::Agent { .. }))
                }
                _ => None,
            };
            if let Some(a) = agent
                && let Kind::Agent { former, .. } = &mut units[a].kind
            {
                *former = true;
                units[j].deleted = true;
            }
        }
        let mut k = 0;
        while k < n {
            if units[k].deleted || !matches!(units[k].kind, Kind::Agent { .. }) {
                k += 1;
                continue;
            }
            // The run of agents joined by `and` (one agent under TABARI).
            let mut run = vec![k];
            let mut m = k + 1;
            while !tabari
                && m + 1 < n
                && units[m].kind == Kind::Conj
                && word_is(&units[m], "and")
                && matches!(units[m + 1].kind, Kind::Agent { .. })
            {
                run.push(m + 1);
                m += 2;
            }
            let last = m - 1;
            // Actor [possessive] agent: "Arnor's army", "Israeli police".
            let mut before = (0..k)
                .rev()
                .find(|&j| !units[j].deleted)
                .filter(|&j| matches!(units[j].kind, Kind::Actor(_)));
            // Outside TABARI, a possessive actor qualifies the noun phrase it opens: "Norland's
            // first deputy minister" reaches back over the modifiers between them.
            let mut reach_back = false;
            if before.is_none() && !tabari {
                let mut j = k;
                let mut steps = 0;
                while j > 0 && steps < 5 {
                    j -= 1;
                    if units[j].deleted {
                        continue;
                    }
                    steps += 1;
                    let u = &units[j];
                    match &u.kind {
                        Kind::Actor(_) => {
                            if ends_possessive(&toks[u.end - 1].text) {
                                before = Some(j);
                                reach_back = true;
                            }
                            break;
                        }
                        Kind::Word | Kind::Adj | Kind::Noun if modifier_pos(toks[u.start].pos) => {}
                        Kind::Conj if word_is(u, "and") => {}
                        _ => break,
                    }
                }
            }
            // Agent [of|in|from] [the] actor: "President of Gondor", "President Peres".
            let mut after: Vec<usize> = Vec::new();
            let mut j = last + 1;
            if j < n
                && matches!(&units[j].kind, Kind::Prep(p)
                    if p == "OF" || p == "IN" || (!tabari && p == "FROM"))
            {
                j += 1;
                if j < n && units[j].kind == Kind::Det {
                    j += 1;
                }
            }
            if before.is_none() && j < n && matches!(units[j].kind, Kind::Actor(_)) {
                after.push(j);
                if !tabari {
                    after.extend(actor_list_after(units, j));
                }
            }
            let targets: Vec<usize> = match before {
                Some(b) => vec![b],
                None => after,
            };
            let Some(&first) = targets.first() else {
                for &a in &run {
                    let Kind::Agent { entry, former } = units[a].kind else {
                        continue;
                    };
                    let agent = &self.dict.agents[entry];
                    let agent_code = if former { ELITE } else { agent.code.as_str() };
                    if opts.convert_agents {
                        // TABARI writes a converted agent with its connector: `~MIL`, `NGO~`;
                        // elsewhere it is the bare code (`MIL`, as CAMEO and GDELT write it).
                        let code = match agent.attach {
                            _ if self.dict.syntax != Syntax::Tabari => agent_code.to_string(),
                            Attach::Suffix => format!("~{agent_code}"),
                            Attach::Prefix => format!("{agent_code}~"),
                        };
                        units[a].kind = Kind::Actor(ActorExplain {
                            text: join_tokens(toks, units[a].start, units[a].end),
                            codes: vec![code],
                            span: (units[a].start, units[a].end),
                            how: vec![format!(
                                "agent line {} converted to an actor (CONVERT AGENTS)",
                                agent.line
                            )],
                        });
                    } else if self.dict.syntax == Syntax::Petrarch1 {
                        // PETRARCH-1: an agent with no actor is an unknown actor with that
                        // agent's role (`---GOV`).
                        units[a].kind = Kind::Actor(ActorExplain {
                            text: join_tokens(toks, units[a].start, units[a].end),
                            codes: vec![combine(UNKNOWN, agent_code, agent.attach)],
                            span: (units[a].start, units[a].end),
                            how: vec![format!("agent line {} with no actor", agent.line)],
                        });
                    } else {
                        units[a].kind = Kind::Noun;
                    }
                }
                k = last + 1;
                continue;
            };
            let mut codes: Vec<String> = Vec::new();
            let mut how: Vec<String> = Vec::new();
            for &t in &targets {
                let Kind::Actor(act) = &units[t].kind else {
                    continue;
                };
                if t != first {
                    how.extend(act.how.iter().cloned());
                }
                for &a in &run {
                    let Kind::Agent { entry, former } = units[a].kind else {
                        continue;
                    };
                    let agent = &self.dict.agents[entry];
                    let agent_code = if former { ELITE } else { agent.code.as_str() };
                    for c in &act.codes {
                        let code = combine(c, agent_code, agent.attach);
                        if !codes.contains(&code) {
                            codes.push(code);
                        }
                    }
                    if t == first {
                        how.push(format!(
                            "agent {:?} (line {}) attached",
                            join_tokens(toks, units[a].start, units[a].end),
                            agent.line
                        ));
                    }
                }
            }
            let lo = units[first].start.min(units[k].start);
            let hi = targets
                .iter()
                .chain(run.iter())
                .map(|&i| units[i].end)
                .max()
                .unwrap_or(units[first].end);
            let several = targets.len() > 1 || run.len() > 1;
            // Outside TABARI the words between agent and actor go with the agent.
            let span_all = several || reach_back || (!tabari && first > last);
            // PETRARCH-1 keeps a single actor after an agent ("the parliament of Gondor") for `^`.
            if self.dict.syntax == Syntax::Petrarch1
                && before.is_none()
                && targets.len() == 1
                && first > last
                && let Kind::Actor(a) = &units[first].kind
            {
                units[first].of_actor = Some(Box::new(a.clone()));
            }
            if let Kind::Actor(a) = &mut units[first].kind {
                a.codes = codes;
                a.how.extend(how);
                a.text = join_tokens(toks, lo, hi);
                a.span = (lo, hi);
            }
            units[first].start = lo;
            units[first].end = hi;
            if several {
                units[first].compound = true;
            }
            // The agents go; with several agents or actors, everything between them goes too.
            let (dlo, dhi) = if span_all {
                let last_t = targets.last().copied().unwrap_or(first);
                (k.min(first), last.max(last_t))
            } else {
                (k, k)
            };
            for (i, u) in units.iter_mut().enumerate().take(dhi + 1).skip(dlo) {
                if i != first && u.kind != Kind::Stop {
                    u.deleted = true;
                }
            }
            k = last.max(*targets.last().unwrap_or(&first)) + 1;
        }
        // Remove the deleted agent units now so that adjacency holds for later steps.
        let mut w = 0;
        for r in 0..units.len() {
            if !units[r].deleted {
                units.swap(w, r);
                w += 1;
            }
        }
        for u in units.iter_mut().skip(w) {
            u.deleted = true;
        }
    }

    /// Steps 5–7 as TABARI takes them. The source found for one verb stays for the next ones (and
    /// the next clauses) unless a pattern set it, the verb was passive, or a clause begins with an
    /// actor; the target is searched again for every verb. Pattern words before the verb may be
    /// matched back to the start of the sentence; after it, to the end of the clause. A clause of
    /// fewer than three tokens is not coded. A discard or complex code in a matched pattern stops
    /// the sentence.
    fn code_units_tabari(
        &self,
        units: &[Unit],
        toks: &[Token],
        up: &[&str],
        opts: &Options,
    ) -> Result<Vec<Event>, String> {
        let actor = |k: usize| match &units[k].kind {
            Kind::Actor(a) => Some(a.clone()),
            _ => None,
        };
        let mut events: Vec<Event> = Vec::new();
        // (actor, found by the default search)
        let mut source: Option<(ActorExplain, bool)> = None;
        let mut passive_before = false;
        for (ci, &(cs, ce)) in split_clauses(units).iter().enumerate() {
            let ntoks = units[ce - 1].end - units[cs].start;
            if ntoks < 3 {
                continue;
            }
            if ci > 0
                && let Some(a) = actor(cs)
            {
                source = Some((a, true));
            }
            let slots = Slots {
                units,
                up,
                lo: 0,
                hi: ce,
                phrases: None,
            };
            #[allow(clippy::needless_range_loop)] // `v` is a position that patterns work around
            for v in cs..ce {
                let Kind::Verb { block, member } = units[v].kind else {
                    continue;
                };
                if passive_before {
                    source = None;
                    passive_before = false;
                }
                let entry = &self.dict.verbs[block];
                let mem = &entry.members[member];
                let matched = self.match_patterns(block, &slots, v, false);
                let code = match &matched {
                    Some((p, _)) => p.code.clone(),
                    None => mem.code.clone().unwrap_or_else(|| entry.code.clone()),
                };
                let (code, paired, subordinate, dominant) = match code {
                    EventCode::Null => continue,
                    EventCode::Discard => {
                        return Err(format!(
                            "discard code in the pattern of verb {}",
                            entry.block
                        ));
                    }
                    EventCode::Complex => {
                        return Err(format!(
                            "complex code in the pattern of verb {}",
                            entry.block
                        ));
                    }
                    EventCode::Code {
                        code,
                        paired,
                        subordinate,
                        dominant,
                    } => (code, paired, subordinate, dominant),
                };
                let mut rules = Vec::new();
                if ci > 0 {
                    rules.push(format!("clause {}", ci + 1));
                }
                let binding = matched.as_ref().map(|m| m.1.clone()).unwrap_or_default();
                let mut pattern_source = binding.source.and_then(actor);
                let mut target = binding.target.and_then(actor);
                if let Some(c) = binding.compound.and_then(actor) {
                    pattern_source = Some(c.clone());
                    target = Some(c);
                    rules.push("compound actor (%) is both source and target".into());
                }
                let mut regular_target = target.is_none();
                let default_code = |o: &Option<String>| {
                    o.as_ref().map(|c| ActorExplain {
                        text: String::new(),
                        codes: vec![c.clone()],
                        span: (0, 0),
                        how: vec!["DEFAULT option".into()],
                    })
                };
                let mut regular_source = false;
                // The source is an actor after the verb (no actor before it, no `PRIOR`).
                let mut source_after_verb = false;
                let mut src = match pattern_source {
                    Some(a) => Some(a),
                    None => match &source {
                        Some((a, _)) => {
                            rules.push("source kept from the previous verb".into());
                            regular_source = true;
                            Some(a.clone())
                        }
                        None => {
                            // The first actor of the clause that differs from the target.
                            let found = (cs..ce).find_map(|k| {
                                actor(k)
                                    .filter(|a| target.as_ref().is_none_or(|t| t.codes != a.codes))
                                    .map(|a| (k, a))
                            });
                            match found {
                                Some((k, _))
                                    if k > v
                                        && opts.default_prior
                                        && opts.default_source.is_some() =>
                                {
                                    rules.push(
                                        "default source (PRIOR: no actor before the verb)".into(),
                                    );
                                    default_code(&opts.default_source)
                                }
                                Some((k, a)) => {
                                    rules.push("default source: first actor of the clause".into());
                                    regular_source = true;
                                    source_after_verb = k > v;
                                    Some(a)
                                }
                                None => default_code(&opts.default_source),
                            }
                        }
                    },
                };
                if target.is_none() {
                    let distinct =
                        |a: &ActorExplain| src.as_ref().is_none_or(|s| s.codes != a.codes);
                    target = (v + 1..ce).find_map(|k| actor(k).filter(distinct));
                    // `AFTER`: no search before the verb, and the default target when no actor
                    // follows the verb (a compound source after the verb is such an actor).
                    let after = opts.default_after && opts.default_target.is_some();
                    if target.is_some() {
                        rules.push("default target: first actor after the verb".into());
                    } else if !after
                        && let Some(t) = (cs..v).rev().find_map(|k| actor(k).filter(distinct))
                    {
                        target = Some(t);
                        rules.push("default target: the nearest actor before the verb".into());
                    } else if let Some(sa) = &mut src
                        && sa.codes.len() > 1
                        && (!after || source_after_verb)
                    {
                        // TABARI: the compound's first actor acts on the others.
                        let mut t = sa.clone();
                        t.codes.remove(0);
                        sa.codes.truncate(1);
                        target = Some(t);
                        rules.push("compound source: its first actor on the others".into());
                    } else {
                        target = default_code(&opts.default_target);
                        if after {
                            rules.push("default target (AFTER: no actor after the verb)".into());
                        }
                    }
                    regular_target = target.is_some();
                }
                if src.is_none() || target.is_none() {
                    // The source found stays for the following verbs even without a target.
                    if regular_source {
                        source = src.map(|a| (a, true));
                    }
                    continue;
                }
                // Passive voice: BY one to three tokens after the verb, was/were/been one or two
                // tokens before it; only when neither actor came from the pattern.
                if regular_source && regular_target {
                    let vs = units[v].start;
                    let ve = units[v].end;
                    let by = (ve..(ve + 3).min(up.len())).any(|k| up[k] == "BY");
                    let aux = (vs.saturating_sub(2)..vs)
                        .any(|k| matches!(up[k], "WAS" | "WERE" | "BEEN"));
                    if by && aux {
                        std::mem::swap(&mut src, &mut target);
                        rules.push("passive voice: source and target swapped".into());
                        passive_before = true;
                    }
                }
                if regular_source {
                    source = src.clone().map(|a| (a, true));
                } else if pattern_source_is_set(&binding) {
                    source = None;
                }
                let evs = self
                    .make_events(
                        block,
                        member,
                        matched.as_ref().map(|m| m.0),
                        &units[v],
                        toks,
                        src,
                        target,
                        rules,
                        (code, paired, subordinate, dominant),
                        opts,
                    )
                    .unwrap_or_default();
                let stop = evs.iter().any(|e| !e.subordinate);
                events.extend(evs);
                if stop {
                    match opts.code_by {
                        CodeBy::Clause => break,
                        CodeBy::Sentence => return Ok(events),
                        CodeBy::All => {}
                    }
                }
            }
        }
        Ok(events)
    }

    /// Steps 5–7: clauses and verbs.
    fn code_units(
        &self,
        units: &[Unit],
        toks: &[Token],
        up: &[&str],
        opts: &Options,
    ) -> Vec<Event> {
        let mut events = Vec::new();
        let mut clauses = split_clauses(units);
        if self.dict.syntax != Syntax::Tabari {
            clauses = merge_verbless(units, up, clauses);
        }
        let mut carried_source: Option<ActorExplain> = None;
        let mut sentence_done = false;
        for (ci, (cs, ce)) in clauses.iter().enumerate() {
            if sentence_done {
                break;
            }
            let clause = &units[*cs..*ce];
            // An actor right after the conjunction becomes the clause's subject.
            let mut clause_events = Vec::new();
            // PETRARCH-1 codes every verb phrase but those inside one it coded: after a coded
            // verb, only a verb with its own subject after a comma ("…, a senior official said")
            // is coded.
            let mut covered = false;
            for v in 0..clause.len() {
                let Kind::Verb { block, member } = clause[v].kind else {
                    continue;
                };
                if covered && !comma_subject(clause, toks, v) {
                    continue;
                }
                let ev = self.code_verb(
                    clause,
                    v,
                    block,
                    member,
                    toks,
                    up,
                    opts,
                    carried_source.as_ref(),
                    ci,
                );
                if covered {
                    clause_events.extend(ev.unwrap_or_default());
                    continue;
                }
                // PETRARCH-1: a verb with a code covers its verb phrase even when it finds no
                // source or target.
                if self.dict.syntax == Syntax::Petrarch1 && ev.is_none() {
                    let e = &self.dict.verbs[block];
                    let code = e.members[member].code.as_ref().unwrap_or(&e.code);
                    covered = matches!(code, EventCode::Code { .. });
                }
                if let Some(evs) = ev {
                    if evs.is_empty() {
                        continue;
                    }
                    // A subordinate event does not end the clause: a later event replaces it.
                    let only_sub = evs.iter().all(|e| e.subordinate);
                    // Outside TABARI, a plain statement ("X said …", CAMEO 01) gives way to the
                    // event the statement reports, when the clause has one.
                    // A denial (016) asserts nothing it denies: it stands, and what the clause
                    // says after it ("denied charges that it tortured …") is not coded. So do
                    // the other specific statements (011-019): concern or hope about what might
                    // happen, considering an option, condolences over what happened ("is
                    // considering sending aid", "expressed condolences over the attack").
                    let denial = self.dict.syntax != Syntax::Tabari
                        && evs
                            .iter()
                            .all(|e| e.code.starts_with("01") && !e.code.starts_with("010"));
                    let statement = self.dict.syntax != Syntax::Tabari
                        && !denial
                        && evs.iter().all(|e| e.code.starts_with("01"));
                    if !statement
                        && clause_events
                            .iter()
                            .all(|e: &Event| e.code.starts_with("01"))
                    {
                        clause_events.clear();
                    }
                    if statement && !clause_events.is_empty() {
                        continue;
                    }
                    clause_events.extend(evs);
                    if denial || (opts.code_by != CodeBy::All && !only_sub && !statement) {
                        if self.dict.syntax == Syntax::Petrarch1 {
                            covered = true;
                            continue;
                        }
                        break;
                    }
                }
            }
            if let Some(first) = clause_events.first() {
                // A passive clause's subject is its target ("X was indicted by Y and will
                // resign": X resigns).
                let passive = first
                    .explain
                    .rules
                    .iter()
                    .any(|r| r.starts_with("passive voice"));
                let subject = if passive {
                    first.explain.target.clone()
                } else {
                    first.explain.source.clone()
                };
                carried_source = subject.or(carried_source);
            } else if carried_source.is_none() {
                carried_source = clause.iter().find_map(|u| match &u.kind {
                    Kind::Actor(a) => Some(a.clone()),
                    _ => None,
                });
            }
            if !clause_events.is_empty() && opts.code_by == CodeBy::Sentence {
                sentence_done = true;
            }
            events.extend(clause_events);
        }
        events
    }

    /// Codes the verb at `v` of `clause`: `None` when it gives nothing, `Some(events)` otherwise
    /// (an empty list means a null code stopped it).
    #[allow(clippy::too_many_arguments)]
    fn code_verb(
        &self,
        clause: &[Unit],
        v: usize,
        block: usize,
        member: usize,
        toks: &[Token],
        up: &[&str],
        opts: &Options,
        carried: Option<&ActorExplain>,
        clause_no: usize,
    ) -> Option<Vec<Event>> {
        let entry = &self.dict.verbs[block];
        let mem = &entry.members[member];
        let mut rules = Vec::new();
        if clause_no > 0 {
            rules.push(format!("clause {}", clause_no + 1));
        }
        // The window: from the previous comma to the next comma within the clause.
        let lo = clause[..v]
            .iter()
            .rposition(|u| u.kind == Kind::Comma)
            .map_or(0, |p| p + 1);
        let hi = clause[v + 1..]
            .iter()
            .position(|u| u.kind == Kind::Comma)
            .map_or(clause.len(), |p| v + 1 + p);
        let slots = Slots {
            units: clause,
            up,
            lo,
            hi,
            phrases: (self.dict.syntax == Syntax::Petrarch1).then_some(toks),
        };
        // PETRARCH-1 looks for the default target in the whole verb phrase: past commas, up to a
        // comma that opens a verb phrase of its own ("…, a senior official said").
        let target_hi = if self.dict.syntax == Syntax::Petrarch1 {
            (v + 1..clause.len())
                .find(|&k| {
                    clause[k].kind == Kind::Comma
                        && clause[k + 1..]
                            .iter()
                            .position(|u| matches!(u.kind, Kind::Verb { .. } | Kind::Comma))
                            .is_some_and(|j| {
                                matches!(clause[k + 1 + j].kind, Kind::Verb { .. })
                                    && comma_subject(clause, toks, k + 1 + j)
                            })
                })
                .unwrap_or(clause.len())
        } else {
            hi
        };
        // PETRARCH-1 passes over a pattern coded `+++` (complex) to the next one.
        let matched = self.match_patterns(block, &slots, v, true);
        let code = match &matched {
            Some((p, _)) => p.code.clone(),
            None => mem.code.clone().unwrap_or_else(|| entry.code.clone()),
        };
        let (code, paired, subordinate, dominant) = match code {
            EventCode::Null => return Some(Vec::new()),
            EventCode::Discard | EventCode::Complex => return Some(Vec::new()),
            EventCode::Code {
                code,
                paired,
                subordinate,
                dominant,
            } => (code, paired, subordinate, dominant),
        };
        // Modality outside TABARI (CAMEO's rules): the words just before the verb ("will not
        // accept", "must return", "is ready to send") turn a cooperative action into intent (03),
        // a refusal (12) or a demand (10), and a violent one into a threat (13).
        let mut code = code;
        let mut demand = false;
        let mut negation_recoded = false;
        if opts.modality {
            // A verb coded only through its patterns (`[---]`: continue, begin) passes on the
            // modality: "would continue to cooperate" is intent like "would cooperate".
            let null_verb = |u: &Unit| match u.kind {
                Kind::Verb { block, member } => {
                    let e = &self.dict.verbs[block];
                    *e.members[member].code.as_ref().unwrap_or(&e.code) == EventCode::Null
                }
                _ => false,
            };
            let before: Vec<&Unit> = clause[lo..v]
                .iter()
                .rev()
                .take_while(|u| {
                    (matches!(u.kind, Kind::Word | Kind::Neg | Kind::Aux | Kind::Prep(_))
                        && u.kind != Kind::Prep("OF".into()))
                        || null_verb(u)
                })
                .take(4)
                .collect();
            let has = |w: &str| before.iter().any(|u| up[u.start] == w);
            let negated = before.iter().any(|u| u.kind == Kind::Neg);
            let intent = [
                "WILL", "WOULD", "SHALL", "WILLING", "READY", "PREPARED", "'LL",
            ]
            .iter()
            .any(|w| has(w));
            let modal = if negated {
                modal_code(&code, Modality::Refuse)
            } else if has("MUST") {
                modal_code(&code, Modality::Demand)
            } else if intent {
                modal_code(&code, Modality::Intend)
            } else {
                None
            };
            if let Some((c, rule)) = modal {
                negation_recoded = negated;
                demand = rule.starts_with("must");
                rules.push(format!("{rule}: {code} → {c}"));
                code = c;
            }
        }
        // Negation: not / never / n't just before the verb.
        if opts.negation && matched.is_none() && !negation_recoded {
            let neg = clause[lo..v]
                .iter()
                .rev()
                .take(3)
                .any(|u| u.kind == Kind::Neg);
            if neg {
                return None;
            }
        }
        let binding = matched.as_ref().map(|m| m.1.clone()).unwrap_or_default();
        let actor_at = |k: usize| match &clause[k].kind {
            Kind::Actor(a) => Some(a.clone()),
            _ => None,
        };
        let mut source = binding.source.and_then(actor_at);
        let mut target = match binding.target {
            Some(k) if binding.target_inner => clause[k].of_actor.as_deref().cloned(),
            k => k.and_then(actor_at),
        };
        if let Some(k) = binding.compound
            && let Some(c) = actor_at(k)
        {
            if self.dict.syntax == Syntax::Petrarch1 && k > v {
                // PETRARCH-1: a compound after the verb ("agrees with A and B") is the target.
                target = Some(c);
                rules.push("compound actor (%) after the verb is the target".into());
            } else {
                source = Some(c.clone());
                target = Some(c);
                rules.push("compound actor (%) is both source and target".into());
            }
        }
        // Outside TABARI, a pattern's target that is the source itself ("Russia closed its
        // borders with Iran": `its`) leaves the target to the default search.
        if self.dict.syntax != Syntax::Tabari
            && binding.compound.is_none()
            && let (Some(s), Some(t)) = (&source, &target)
            && s.codes == t.codes
        {
            target = None;
            rules.push("the pattern's target is the source itself: target searched".into());
        }
        if self.dict.syntax != Syntax::Tabari
            && source.is_none()
            && binding.target.is_some_and(|k| k > v)
            && target.as_ref().is_some_and(|t| {
                clause[..v]
                    .iter()
                    .any(|u| matches!(&u.kind, Kind::Actor(a) if a.codes == t.codes))
            })
        {
            // "X closed its borders": the target found by the pattern names the subject.
            target = None;
        }
        let pattern_set = source.is_some() || target.is_some();
        let default_code = |o: &Option<String>| {
            o.as_ref().map(|c| ActorExplain {
                text: String::new(),
                codes: vec![c.clone()],
                span: (0, 0),
                how: vec!["DEFAULT option".into()],
            })
        };
        // Default source: the first actor before the verb (distinct from a pattern-given target),
        // looking first after the previous verb ("X said Y attacked Z": Y attacked).
        // Outside TABARI, a verb after another verb takes its source from its own subject noun
        // phrase ("X restored ties with Y after crowds burned …": no source for `burned`).
        if source.is_none()
            && self.dict.syntax != Syntax::Tabari
            && clause[lo..v]
                .iter()
                .any(|u| matches!(u.kind, Kind::Verb { .. }))
        {
            match subject(clause, toks, lo, v) {
                Subject::Actor(k) => {
                    if let Kind::Actor(a) = &clause[k].kind
                        && target.as_ref().is_none_or(|t| t.codes != a.codes)
                    {
                        source = Some(a.clone());
                        rules.push("source: the subject noun phrase before the verb".into());
                    }
                }
                Subject::NoActor => {
                    // A later verb whose own subject names no actor ("… after crowds burned
                    // …") takes no actor from elsewhere.
                    return None;
                }
                _ => {}
            }
        }
        if source.is_none() {
            let distinct = |a: &ActorExplain| target.as_ref().is_none_or(|t| t.codes != a.codes);
            // PETRARCH-1 takes a known actor before an unknown one (`---GOV`).
            let petr1 = self.dict.syntax == Syntax::Petrarch1;
            let pick = |from: usize, known: bool| {
                clause[from..v].iter().find_map(|u| match &u.kind {
                    Kind::Actor(a) if distinct(a) && !(known && unknown(a)) => Some(a.clone()),
                    _ => None,
                })
            };
            let first_actor = |from: usize| {
                if petr1 {
                    pick(from, true).or_else(|| pick(from, false))
                } else {
                    pick(from, false)
                }
            };
            let prev_verb = clause[..v]
                .iter()
                .rposition(|u| matches!(u.kind, Kind::Verb { .. }));
            // PETRARCH-1 looks for the source back to the previous comma, unless the verb
            // follows it at once ("X, in remarks on Monday, urged …": the aside was dropped).
            let own_phrase = clause[lo..v].iter().any(|u| {
                matches!(u.kind, Kind::Actor(_) | Kind::Det | Kind::Pronoun(_))
                    || noun_unit(u, toks)
            });
            let from = if petr1 && own_phrase { lo } else { 0 };
            source = prev_verb.and_then(|p| first_actor((p + 1).max(from)));
            if source.is_some() {
                rules.push("default source: first actor after the previous verb".into());
            } else {
                source = first_actor(from);
            }
            if source.is_some() {
                if !rules.iter().any(|r| r.starts_with("default source")) {
                    rules.push("default source: first actor before the verb".into());
                }
            } else if let Some(c) = carried {
                source = Some(c.clone());
                rules.push("source carried from the previous clause".into());
            }
        }
        if source.is_none() && opts.default_source.is_some() && opts.default_prior {
            source = default_code(&opts.default_source);
        }
        // Default target: the first actor after the verb with another code, else before it.
        // Outside TABARI, a city after in/at/near is where a meeting, statement or cooperation
        // happened, not with whom ("talks in Moscow"), and with
        // a compound source, an actor naming only the source's own countries is the pair itself
        // ("X and Y reviewed X-Y relations").
        if target.is_none() {
            let loose = self.dict.syntax != Syntax::Tabari;
            let countries = |codes: &[String]| -> Vec<String> {
                codes
                    .iter()
                    .map(|c| c.get(..3).unwrap_or(c).to_string())
                    .collect()
            };
            let own = source
                .as_ref()
                .filter(|s| loose && s.codes.len() > 1)
                .map(|s| countries(&s.codes));
            // With a compound source, a lone agent after the verb ("discussed cooperation among
            // law enforcement agencies") is what was discussed, not the other party.
            // An ethnic group placed in a state is not that state: "ethnic Albanians demonstrated
            // in Serbia" is Serbia's Albanians and Serbia.
            let distinct = |a: &ActorExplain| {
                source
                    .as_ref()
                    .is_none_or(|s| s.codes != a.codes || is_ethnic(s) != is_ethnic(a))
                    && own.as_ref().is_none_or(|o| {
                        !countries(&a.codes).iter().all(|c| o.contains(c))
                            && !a.how.iter().any(|h| h.contains("CONVERT AGENTS"))
                    })
            };
            // The venue reading holds for statements, meetings and cooperation (01-06: "talks in
            // Moscow"); aid delivered, a curfew imposed, an attack "in Kabul" is done to the
            // city's people, so the city is the target.
            let venue_event =
                matches!(code.get(..2), Some("01" | "02" | "03" | "04" | "05" | "06"));
            let venue = |k: usize| {
                loose
                    && venue_event
                    && clause[k].place
                    && clause[..k]
                        .iter()
                        .rev()
                        .find(|u| u.kind != Kind::Det)
                        .is_some_and(|u| match &u.kind {
                            Kind::Prep(p) => matches!(p.as_str(), "IN" | "AT"),
                            Kind::Word => up[u.start] == "NEAR",
                            _ => false,
                        })
            };
            let mut skipped_venue = false;
            target = (v + 1..target_hi).find_map(|k| match &clause[k].kind {
                Kind::Actor(a) if distinct(a) => {
                    if venue(k) {
                        skipped_venue = true;
                        None
                    } else {
                        Some(a.clone())
                    }
                }
                _ => None,
            });
            if skipped_venue {
                rules.push("a city after in/at/near is the venue, not the target".into());
            }
            if target.is_some() {
                rules.push("default target: first actor after the verb".into());
            } else if opts.default_target.is_some() && opts.default_after {
                target = default_code(&opts.default_target);
            } else {
                // PETRARCH-1 looks for a target only after the verb.
                if self.dict.syntax != Syntax::Petrarch1 {
                    target = clause[..v].iter().rev().find_map(|u| match &u.kind {
                        Kind::Actor(a) if distinct(a) => Some(a.clone()),
                        _ => None,
                    });
                }
                if target.is_some() {
                    rules.push("default target: the nearest actor before the verb".into());
                } else if let Some(s) = &source
                    && s.codes.len() > 1
                {
                    target = Some(s.clone());
                    rules.push("compound source is also the target".into());
                }
            }
        }
        // PETRARCH-1 without REQUIRE DYAD: a noun phrase that names no actor is an unknown actor
        // (`---`): the first after the verb is the target, the nearest before it the source.
        // With `new_actor_length`, such a phrase short enough is a new actor of its own.
        if self.dict.syntax == Syntax::Petrarch1
            && (!opts.require_dyad || opts.new_actor_length > 0)
        {
            let keep = |a: ActorExplain| {
                let a = new_actor(a, clause, toks, opts.new_actor_length);
                (!opts.require_dyad || !unknown(&a)).then_some(a)
            };
            if target.is_none() {
                target = (v + 1..target_hi)
                    .find_map(|k| unknown_phrase(clause, toks, up, k))
                    .and_then(keep);
            }
            if source.is_none() {
                source = (lo..v)
                    .rev()
                    .find_map(|k| unknown_phrase(clause, toks, up, k))
                    .and_then(keep);
            }
        }
        // Passive voice: was/were/been one or two words before the verb, `by` right after it;
        // also when a pattern's only actor is the one after `by` ("was attacked by X": `* +`).
        // `by` right after the verb, or after one adverb ("was opposed earlier by").
        let by_at = (v + 1..(v + 3).min(clause.len())).find(|&k| clause[k].kind == Kind::By);
        let pattern_agent = binding.source.is_none()
            && binding.compound.is_none()
            && target.is_some()
            && by_at.is_some_and(|k| {
                binding.target.is_some_and(|t| {
                    t > k
                        && !clause[k + 1..t]
                            .iter()
                            .any(|u| matches!(u.kind, Kind::Actor(_)))
                })
            });
        if !pattern_set || pattern_agent {
            let aux = clause[..v]
                .iter()
                .rev()
                .take(2)
                .any(|u| u.kind == Kind::Aux);
            let by_ok = by_at.is_some_and(|k| k == v + 1 || clause[v + 1].kind == Kind::Word);
            if aux
                && by_ok
                && let Some(k) = by_at
            {
                let agent = clause[k + 1..hi].iter().find_map(|u| match &u.kind {
                    Kind::Actor(a) => Some(a.clone()),
                    _ => None,
                });
                let patient = clause[..v].iter().rev().find_map(|u| match &u.kind {
                    Kind::Actor(a) => Some(a.clone()),
                    _ => None,
                });
                if agent.is_some() {
                    source = agent;
                    target = patient;
                    rules.push("passive voice: source after `by`, target before the verb".into());
                }
            }
        }
        // "X said (that) Y must …" with a verb no pattern codes: a demand of X on Y (CAMEO 100).
        // A dictionary verb right after `must` codes the demand itself; one further on belongs
        // to a later clause ("must ensure security so that refugees can return").
        if opts.modality
            && code.starts_with("01")
            && matched.is_none()
            && let Some(m) = (v + 1..hi).find(|&k| up[clause[k].start] == "MUST")
            && !clause[m..(m + 3).min(hi)]
                .iter()
                .any(|u| matches!(u.kind, Kind::Verb { .. }))
            && let Some(Kind::Actor(y)) = clause[v + 1..m]
                .iter()
                .rev()
                .take(3)
                .find(|u| matches!(u.kind, Kind::Actor(_)))
                .map(|u| &u.kind)
            && source.as_ref().is_some_and(|s| s.codes != y.codes)
        {
            rules.push(format!("X said Y must …: a demand ({code} → 100)"));
            code = "100".into();
            target = Some(y.clone());
        }
        // "Russia said Sudan must return …": Sudan is the target of Russia's demand.
        if demand {
            let speaker = clause[..v]
                .iter()
                .rposition(|u| matches!(u.kind, Kind::Verb { .. }))
                .and_then(|p| {
                    clause[..p].iter().rev().find_map(|u| match &u.kind {
                        Kind::Actor(a) => Some(a.clone()),
                        _ => None,
                    })
                })
                .or_else(|| carried.cloned());
            match speaker {
                Some(sp) if source.as_ref().is_some_and(|s| s.codes != sp.codes) => {
                    target = source.take();
                    source = Some(sp);
                    rules.push("the one who must act is the target of the demand".into());
                }
                _ => return None,
            }
        }
        if source.is_none() {
            source = default_code(&opts.default_source);
        }
        if target.is_none() {
            target = default_code(&opts.default_target);
        }
        self.make_events(
            block,
            member,
            matched.as_ref().map(|m| m.0),
            &clause[v],
            toks,
            source,
            target,
            rules,
            (code, paired, subordinate, dominant),
            opts,
        )
    }

    /// The events of a verb once its source and target are known (paired codes, compounds).
    #[allow(clippy::too_many_arguments)]
    fn make_events(
        &self,
        block: usize,
        member: usize,
        matched: Option<&Pattern>,
        verb: &Unit,
        toks: &[Token],
        source: Option<ActorExplain>,
        target: Option<ActorExplain>,
        rules: Vec<String>,
        (code, paired, subordinate, dominant): (String, Option<String>, bool, bool),
        opts: &Options,
    ) -> Option<Vec<Event>> {
        let entry = &self.dict.verbs[block];
        let mem = &entry.members[member];
        let verb_text = toks[verb.start..verb.end]
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let (pattern, pattern_line) = match matched {
            Some(p) => (Some(p.text.clone()), Some(p.line)),
            None => (None, None),
        };
        let explain = Explain {
            verb_block: entry.block.clone(),
            verb_line: mem.line,
            verb_span: (verb.start, verb.end),
            pattern,
            pattern_line,
            source: source.clone(),
            target: target.clone(),
            rules,
        };
        let src = source.as_ref()?;
        let empty = ActorExplain {
            text: String::new(),
            codes: vec![String::new()],
            span: (0, 0),
            how: Vec::new(),
        };
        let tgt = match &target {
            Some(t) => t,
            // PETRARCH-1 codes nothing without a target, even an unknown one.
            None if !opts.require_dyad && self.dict.syntax != Syntax::Petrarch1 => &empty,
            None => return None,
        };
        let mut out = Vec::new();
        let loose = self.dict.syntax != Syntax::Tabari;
        let mut emit = |s: &ActorExplain, t: &ActorExplain, code: &str, rule: Option<&str>| {
            // A state and an ethnic group placed in it are two actors with one code.
            let two = is_ethnic(s) != is_ethnic(t);
            for sc in &s.codes {
                for tc in &t.codes {
                    if (sc == tc && !two) || code.is_empty() {
                        continue;
                    }
                    // PETRARCH-1 with REQUIRE DYAD drops an event with an unknown (`---`) side.
                    if opts.require_dyad
                        && self.dict.syntax == Syntax::Petrarch1
                        && (sc == UNKNOWN || tc == UNKNOWN)
                    {
                        continue;
                    }
                    // Outside TABARI, a compound target ("relations between Moscow and
                    // Islamabad") does not code the source's own country as a target.
                    if loose
                        && t.codes.len() > 1
                        && s.codes != t.codes
                        && tc.len() == 3
                        && sc.get(..3) == Some(tc.as_str())
                    {
                        continue;
                    }
                    let mut ex = explain.clone();
                    if let Some(r) = rule {
                        ex.rules.push(r.to_string());
                    }
                    out.push(Event {
                        source: sc.clone(),
                        target: tc.clone(),
                        code: code.to_string(),
                        source_text: s.text.clone(),
                        target_text: t.text.clone(),
                        verb_text: verb_text.clone(),
                        subordinate,
                        dominant,
                        explain: ex,
                    });
                }
            }
        };
        if let Some(p) = &paired
            && src.codes == tgt.codes
            && src.codes.len() > 1
        {
            // A compound paired with itself: each pair once in each direction, one code each.
            let n = src.codes.len();
            for i in 0..n {
                for j in i + 1..n {
                    let a = ActorExplain {
                        codes: vec![src.codes[i].clone()],
                        ..src.clone()
                    };
                    let b = ActorExplain {
                        codes: vec![src.codes[j].clone()],
                        ..src.clone()
                    };
                    emit(&a, &b, &code, None);
                    emit(&b, &a, p, Some("paired code: the reverse event"));
                }
            }
            return Some(out);
        }
        emit(src, tgt, &code, None);
        if let Some(p) = &paired {
            emit(tgt, src, p, Some("paired code: the reverse event"));
        }
        Some(out)
    }
}

/// What the search for a verb's subject found.
enum Subject {
    /// The unit of the subject's actor.
    Actor(usize),
    /// A subject noun phrase without an actor, bounded by a preposition, subordinator or comma.
    NoActor,
    /// Nothing decided: the search reached the clause start or another verb.
    Open,
}

/// The subject noun phrase of the verb at `v`: scanning back over auxiliaries, adverbs,
/// negation, an infinitive `to` and the noun phrase's own words, the first actor met.
fn subject(clause: &[Unit], toks: &[Token], lo: usize, v: usize) -> Subject {
    let mut k = v;
    while k > lo {
        k -= 1;
        let u = &clause[k];
        match &u.kind {
            Kind::Actor(_) => {
                // The noun phrase's first actor ("Bree Prime Minister Romendacil").
                let mut first = k;
                while first > lo
                    && match &clause[first - 1].kind {
                        Kind::Actor(_) | Kind::Det | Kind::Adj | Kind::Noun => true,
                        Kind::Word => modifier_pos(toks[clause[first - 1].start].pos),
                        _ => false,
                    }
                {
                    first -= 1;
                }
                let k = (first..=k)
                    .find(|&j| matches!(clause[j].kind, Kind::Actor(_)))
                    .unwrap_or(k);
                return Subject::Actor(k);
            }
            Kind::Aux | Kind::Neg | Kind::Det | Kind::Adj | Kind::Noun | Kind::Agent { .. } => {}
            Kind::Prep(p) if p == "TO" => {}
            Kind::Word => match toks[u.start].pos {
                // `about to`, `able to`: part of the verb group.
                Pos::Adp
                    if k + 1 < v && matches!(&clause[k + 1].kind, Kind::Prep(p) if p == "TO") => {}
                Pos::Adp | Pos::Punct => return Subject::NoActor,
                _ => {}
            },
            Kind::Verb { .. } | Kind::Stop => return Subject::Open,
            Kind::Conj if u.joined => {}
            // "X continued its efforts by donating …": the gerund after `by` is X's.
            Kind::By if k + 1 == v => return Subject::Open,
            Kind::Conj | Kind::Comma | Kind::Prep(_) | Kind::By => return Subject::NoActor,
            Kind::Pronoun(_) => return Subject::Open,
        }
    }
    Subject::Open
}

/// PETRARCH-1 keeps one entry per verb word: a verb that heads a second block (`--- SHOT [223]
/// ---` after `--- SHOT [---] ---`) takes that block's code, and the patterns of both blocks. The
/// first block, which the phrase index finds first, gets them.
fn merge_repeated_verbs(dict: &mut Dictionaries) {
    let head = |e: &crate::dict::VerbEntry| -> Option<Vec<String>> {
        e.members
            .first()
            .map(|m| m.words.iter().map(|w| w.text.clone()).collect())
    };
    for b in 1..dict.verbs.len() {
        let Some(hb) = head(&dict.verbs[b]) else {
            continue;
        };
        let Some(a) = (0..b).find(|&a| head(&dict.verbs[a]).as_ref() == Some(&hb)) else {
            continue;
        };
        let (code, patterns) = (dict.verbs[b].code.clone(), dict.verbs[b].patterns.clone());
        let first = &mut dict.verbs[a];
        first.code = code;
        first.patterns.extend(patterns);
        first.sort_patterns();
    }
}

/// Whether the verb at `v` has a subject noun phrase of its own right after a comma ("…, a senior
/// official said"): it heads a new verb phrase.
fn comma_subject(clause: &[Unit], toks: &[Token], v: usize) -> bool {
    let mut k = v;
    while k > 0 && matches!(clause[k - 1].kind, Kind::Aux | Kind::Neg) {
        k -= 1;
    }
    let end = k;
    while k > 0
        && match clause[k - 1].kind {
            Kind::Actor(_) | Kind::Det | Kind::Adj | Kind::Noun => true,
            // "a clearly inebriated official"
            Kind::Word => {
                modifier_pos(toks[clause[k - 1].start].pos)
                    || toks[clause[k - 1].start].pos == Pos::Adv
            }
            _ => false,
        }
    {
        k -= 1;
    }
    k < end && k > 0 && clause[k - 1].kind == Kind::Comma
}

/// The end of a noun phrase that names no actor starting at unit `u` ("their populations", "the
/// old flags"): determiners, possessives, adjectives and nouns, ending with a noun; `u` when there
/// is none.
fn unknown_phrase_end(units: &[Unit], toks: &[Token], u: usize, hi: usize) -> usize {
    let mut end = u;
    for (k, unit) in units.iter().enumerate().take(hi).skip(u) {
        if noun_unit(unit, toks) {
            end = k + 1;
        } else if !modifier_unit(unit, toks)
            && !matches!(&unit.kind, Kind::Pronoun(p) if matches!(p.as_str(), "HIS" | "HER" | "ITS" | "THEIR"))
        {
            break;
        }
    }
    end
}

/// A noun of a noun phrase: a dictionary noun, or a word tagged as a noun or proper noun.
fn noun_unit(u: &Unit, toks: &[Token]) -> bool {
    u.kind == Kind::Noun
        || (u.kind == Kind::Word && matches!(toks[u.start].pos, Pos::Noun | Pos::Propn))
}

/// What may stand before a noun in its phrase: a determiner, a dictionary adjective, or a word
/// tagged as an adjective or number.
fn modifier_unit(u: &Unit, toks: &[Token]) -> bool {
    matches!(u.kind, Kind::Det | Kind::Adj)
        || (u.kind == Kind::Word && matches!(toks[u.start].pos, Pos::Adj | Pos::Num))
}

/// The unknown actor (`---`) of a noun phrase at unit `k` that names no actor: a dictionary noun
/// or a word tagged as a noun. A bare time word ("said today") is an adverb, not a noun phrase,
/// unless a preposition governs it ("on Saturday").
fn unknown_phrase(clause: &[Unit], toks: &[Token], up: &[&str], k: usize) -> Option<ActorExplain> {
    let u = &clause[k];
    if !noun_unit(u, toks) {
        return None;
    }
    let bare_time = matches!(
        up[u.start],
        "TODAY" | "YESTERDAY" | "TOMORROW" | "TONIGHT" | "NOW"
    ) && !(k > 0 && matches!(clause[k - 1].kind, Kind::Prep(_)));
    if bare_time {
        return None;
    }
    Some(ActorExplain {
        text: join_tokens(toks, u.start, u.end),
        codes: vec![UNKNOWN.to_string()],
        span: (u.start, u.end),
        how: vec!["a noun phrase naming no actor (---)".into()],
    })
}

/// PETRARCH's new actors: the unknown actor `a` (one noun of a noun phrase) coded by the words of
/// its whole noun phrase in quotes when it has at most `max` words (`max` 0: off). The phrase
/// takes the determiners, adjectives and nouns around the noun and one `of` phrase after it; a
/// possessive 's is not part of the words ("Gryffindor's head" → `GRYFFINDOR HEAD`).
fn new_actor(a: ActorExplain, clause: &[Unit], toks: &[Token], max: usize) -> ActorExplain {
    if max == 0 {
        return a;
    }
    let Some(k) = clause.iter().position(|u| u.start == a.span.0) else {
        return a;
    };
    let noun = |u: &Unit| noun_unit(u, toks);
    let modifier = |u: &Unit| noun_unit(u, toks) || modifier_unit(u, toks);
    let mut lo = k;
    while lo > 0 && modifier(&clause[lo - 1]) {
        lo -= 1;
    }
    let mut hi = k + 1;
    while hi < clause.len() && noun(&clause[hi]) {
        hi += 1;
    }
    if hi + 1 < clause.len()
        && matches!(&clause[hi].kind, Kind::Prep(p) if p == "OF")
        && let Some(end) = (hi + 1..clause.len())
            .find(|&j| !modifier(&clause[j]))
            .or(Some(clause.len()))
        && end > hi + 1
        && noun(&clause[end - 1])
    {
        hi = end;
    }
    let words: Vec<String> = toks[clause[lo].start..clause[hi - 1].end]
        .iter()
        .map(|t| {
            let w = t.text.to_uppercase();
            w.strip_suffix("'S")
                .or_else(|| w.strip_suffix('\''))
                .unwrap_or(&w)
                .to_string()
        })
        .collect();
    if words.len() > max {
        return a;
    }
    let text = words.join(" ");
    ActorExplain {
        codes: vec![format!("\"{text}\"")],
        text: join_tokens(toks, clause[lo].start, clause[hi - 1].end),
        span: (clause[lo].start, clause[hi - 1].end),
        how: vec![format!("a new actor: a noun phrase of at most {max} words")],
    }
}

/// An actor PETRARCH-1 could not identify: every code starts with `---`.
fn unknown(a: &ActorExplain) -> bool {
    a.codes.iter().all(|c| c.starts_with(UNKNOWN))
}

/// A tagger part of speech that may modify a noun inside a noun phrase (or no tag at all).
fn modifier_pos(p: Pos) -> bool {
    matches!(p, Pos::Adj | Pos::Noun | Pos::Propn | Pos::Unknown)
}

/// The text of tokens `a..b` as the source wrote it: a space where the text had space between
/// two tokens, a hyphen inside a hyphenated word ("UN refugee agency, UNHCR", "NATO-member").
fn join_tokens(toks: &[Token], a: usize, b: usize) -> String {
    let mut out = String::new();
    let mut prev: Option<&Token> = None;
    for t in toks.get(a..b.min(toks.len())).unwrap_or_default() {
        if let Some(p) = prev {
            if p.hyphen_next {
                out.push('-');
            } else if t.start != p.end {
                out.push(' ');
            }
        }
        out.push_str(&t.text);
        prev = Some(t);
    }
    out
}

/// The actors that continue a compound list after the actor at `j` (`A, B and C`: B and C), when
/// the list ends with `and`; otherwise none.
fn actor_list_after(units: &[Unit], j: usize) -> Vec<usize> {
    let n = units.len();
    let mut out = Vec::new();
    let mut at = j + 1;
    loop {
        let mut m = at;
        let mut sep = false;
        if m < n && units[m].kind == Kind::Comma {
            m += 1;
            sep = true;
        }
        let mut is_and = false;
        if m < n && units[m].kind == Kind::Conj {
            m += 1;
            sep = true;
            is_and = true;
        }
        if !sep {
            return Vec::new();
        }
        while m < n && matches!(units[m].kind, Kind::Det | Kind::Adj) {
            m += 1;
        }
        if m < n && matches!(units[m].kind, Kind::Actor(_)) {
            out.push(m);
            at = m + 1;
            if is_and {
                return out;
            }
        } else {
            return Vec::new();
        }
    }
}

/// Adds an agent code to an actor code unless it is already there (on 3-character boundaries).
fn combine(actor: &str, agent: &str, attach: Attach) -> String {
    let has = actor.len() >= agent.len()
        && (0..=actor.len() - agent.len())
            .step_by(3)
            .any(|i| actor.get(i..i + agent.len()) == Some(agent));
    if has || agent.is_empty() {
        return actor.to_string();
    }
    match attach {
        Attach::Suffix => format!("{actor}{agent}"),
        Attach::Prefix => format!("{agent}{actor}"),
    }
}

/// A word with a possessive ending: "Arnor's", "Arnor’s", "Lakers'".
fn ends_possessive(word: &str) -> bool {
    let b = word.as_bytes();
    b.ends_with(b"'s")
        || b.ends_with(b"'S")
        || word.ends_with("’s")
        || word.ends_with("’S")
        || b.ends_with(b"'")
}

/// The first of the live units from `live[m]` on that is not a determiner or an adjective (with
/// `loose`, nor a word the tagger read as an adjective or did not know).
fn past_modifiers(
    units: &[Unit],
    toks: &[Token],
    live: &[usize],
    mut m: usize,
    loose: bool,
) -> usize {
    while m < live.len()
        && (matches!(units[live[m]].kind, Kind::Det | Kind::Adj)
            || (loose
                && units[live[m]].kind == Kind::Word
                && matches!(toks[units[live[m]].start].pos, Pos::Adj | Pos::Unknown)))
    {
        m += 1;
    }
    m
}

/// TABARI (not `loose`): a compound member is every actor of its run (manual §7.5, parsed
/// compound actors): after the member that ends before `live[j]`, each actor that follows
/// determiners or adjectives, or directly follows a possessive actor ("Norland's Valdor"), joins
/// `members`. Returns where the run ends.
fn actor_run(
    units: &[Unit],
    toks: &[Token],
    live: &[usize],
    members: &mut Vec<usize>,
    mut j: usize,
    loose: bool,
) -> usize {
    if loose {
        return j;
    }
    loop {
        let m = past_modifiers(units, toks, live, j, false);
        let det = m > j || ends_possessive(&toks[units[live[j - 1]].end - 1].text);
        if det && m < live.len() && matches!(units[live[m]].kind, Kind::Actor(_)) {
            members.push(live[m]);
            j = m + 1;
        } else {
            return j;
        }
    }
}

/// Step 3: `A, B and C` (with adjectives or determiners before each) becomes one actor.
/// `loose` (outside TABARI): adjectives the tagger found may also stand before each actor.
fn compounds(units: &mut [Unit], toks: &[Token], loose: bool) {
    let live: Vec<usize> = (0..units.len()).filter(|&i| !units[i].deleted).collect();
    let mut k = 0;
    while k < live.len() {
        if !matches!(units[live[k]].kind, Kind::Actor(_)) {
            k += 1;
            continue;
        }
        // Collect actor (, actor)* (,)? and actor.
        let mut members = vec![live[k]];
        let mut j = actor_run(units, toks, &live, &mut members, k + 1, loose);
        let mut saw_and = false;
        loop {
            let mut m = j;
            let mut sep = false;
            if m < live.len() && units[live[m]].kind == Kind::Comma {
                m += 1;
                sep = true;
            }
            let mut is_and = false;
            // "But" sets clauses against each other; it never joins actors.
            if m < live.len()
                && units[live[m]].kind == Kind::Conj
                && !toks[units[live[m]].start].text.eq_ignore_ascii_case("but")
            {
                m += 1;
                sep = true;
                is_and = true;
            }
            // TABARI: after the `and`, another conjunction continues the list ("A and B, and C");
            // elsewhere the `and` ends it.
            if !sep || (saw_and && (loose || !is_and)) {
                break;
            }
            let m = past_modifiers(units, toks, &live, m, loose);
            if m < live.len() && matches!(units[live[m]].kind, Kind::Actor(_)) {
                members.push(live[m]);
                j = actor_run(units, toks, &live, &mut members, m + 1, loose);
                saw_and |= is_and;
            } else {
                break;
            }
        }
        if members.len() >= 2 && saw_and {
            let first = members[0];
            let last = *members.last().unwrap_or(&first);
            let mut codes: Vec<String> = Vec::new();
            let mut how = vec!["compound actor".to_string()];
            if loose {
                distribute_agent(units, &members, &mut how);
            }
            for &m in &members {
                if let Kind::Actor(a) = &units[m].kind {
                    for c in &a.codes {
                        if !codes.contains(c) {
                            codes.push(c.clone());
                        }
                    }
                    how.extend(a.how.iter().cloned());
                }
            }
            let (s, e) = (units[first].start, units[last].end);
            let text = toks[s..e]
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            units[first].kind = Kind::Actor(ActorExplain {
                text,
                codes,
                span: (s, e),
                how,
            });
            units[first].end = e;
            units[first].compound = true;
            for &i in live.iter().take(j).skip(k + 1) {
                units[i].deleted = true;
            }
            k = j;
        } else {
            k += 1;
        }
    }
    // Compound nouns and adjectives: their conjunctions do not split clauses.
    let live: Vec<usize> = (0..units.len()).filter(|&i| !units[i].deleted).collect();
    for w in live.windows(3) {
        let (a, c, b) = (&units[w[0]].kind, &units[w[1]].kind, &units[w[2]].kind);
        // Outside TABARI, also adverbs or adjectives the tagger found ("heavily and unjustly").
        let modifier = |i: usize| {
            units[i].kind == Kind::Word && matches!(toks[units[i].start].pos, Pos::Adv | Pos::Adj)
        };
        if *c == Kind::Conj
            && (matches!(
                (a, b),
                (Kind::Noun, Kind::Noun | Kind::Adj) | (Kind::Adj, Kind::Adj)
            ) || (loose && modifier(w[0]) && modifier(w[2])))
        {
            units[w[1]].joined = true;
        }
    }
}

/// PETRARCH-1 (parsed noun phrases): two noun phrases joined by `and`, each naming one actor
/// ("Ithilen's sheep and goats of Gondor"), are a compound of the two actors. The words that are
/// not the actors go, so that the compound step joins them.
fn noun_phrase_compounds(units: &mut [Unit], toks: &[Token]) {
    let live: Vec<usize> = (0..units.len()).filter(|&i| !units[i].deleted).collect();
    let noun =
        |u: &Unit| u.kind == Kind::Noun || (u.kind == Kind::Word && toks[u.start].pos == Pos::Noun);
    let modifier = |u: &Unit| {
        noun(u)
            || matches!(u.kind, Kind::Det | Kind::Adj)
            || (u.kind == Kind::Word && toks[u.start].pos == Pos::Adj)
    };
    let mut k = 0;
    while k < live.len() {
        if !matches!(units[live[k]].kind, Kind::Actor(_)) {
            k += 1;
            continue;
        }
        // Actor, its nouns, `and`.
        let mut c = k + 1;
        while c < live.len() && noun(&units[live[c]]) {
            c += 1;
        }
        let is_and = |i: usize| {
            units[live[i]].kind == Kind::Conj
                && toks[units[live[i]].start].text.eq_ignore_ascii_case("and")
        };
        if c == k + 1 || c >= live.len() || !is_and(c) {
            k += 1;
            continue;
        }
        // Then modifiers and nouns, `of`, the other actor.
        let mut m = c + 1;
        while m < live.len() && modifier(&units[live[m]]) {
            m += 1;
        }
        let of = m < live.len() && matches!(&units[live[m]].kind, Kind::Prep(p) if p == "OF");
        let has_noun = (c + 1..m).any(|j| noun(&units[live[j]]));
        let mut b = m + 1;
        if b < live.len() && units[live[b]].kind == Kind::Det {
            b += 1;
        }
        if !(of && has_noun && b < live.len() && matches!(units[live[b]].kind, Kind::Actor(_))) {
            k += 1;
            continue;
        }
        for j in (k + 1..c).chain(c + 1..b) {
            units[live[j]].deleted = true;
        }
        k = b + 1;
    }
}

/// PETRARCH-1 (parsed noun phrases): an actor's noun phrase joined by `and` to a noun phrase that
/// names no actor ("Eriador's death and injury toll") is a compound whose other member is unknown
/// (`---`, or a new actor by its words under `new_actor_length`). The words stay, for patterns.
fn unknown_compound_members(units: &mut [Unit], toks: &[Token], new_actor_length: usize) {
    let live: Vec<usize> = (0..units.len()).filter(|&i| !units[i].deleted).collect();
    let noun = |u: &Unit| {
        matches!(u.kind, Kind::Noun | Kind::Word) && matches!(toks[u.start].pos, Pos::Noun)
    };
    for k in 0..live.len() {
        if !matches!(units[live[k]].kind, Kind::Actor(_)) {
            continue;
        }
        let mut c = k + 1;
        while c < live.len() && noun(&units[live[c]]) {
            c += 1;
        }
        if c == k + 1
            || c >= live.len()
            || units[live[c]].kind != Kind::Conj
            || !toks[units[live[c]].start].text.eq_ignore_ascii_case("and")
        {
            continue;
        }
        let mut e = c + 1;
        while e < live.len() && noun(&units[live[e]]) {
            e += 1;
        }
        let next_ok = e >= live.len()
            || !matches!(
                units[live[e]].kind,
                Kind::Prep(_) | Kind::Actor(_) | Kind::Agent { .. }
            );
        if e == c + 1 || !next_ok {
            continue;
        }
        let words: Vec<String> = (c + 1..e)
            .flat_map(|j| toks[units[live[j]].start..units[live[j]].end].iter())
            .map(|t| t.text.to_uppercase())
            .collect();
        let code = if new_actor_length > 0 && words.len() <= new_actor_length {
            format!("\"{}\"", words.join(" "))
        } else {
            UNKNOWN.to_string()
        };
        let u = &mut units[live[k]];
        if let Kind::Actor(a) = &mut u.kind {
            if a.codes.contains(&code) {
                continue;
            }
            a.codes.push(code);
            a.how
                .push("compound with a noun phrase naming no actor".into());
            u.compound = true;
        }
    }
}

/// PETRARCH-1 (a parsed noun phrase): a comma between two adjectives ("complete, full
/// diplomatic ties") is inside a noun phrase; it bounds no clause and goes.
fn adjective_commas(units: &mut [Unit], toks: &[Token]) {
    let live: Vec<usize> = (0..units.len()).filter(|&i| !units[i].deleted).collect();
    let adj = |u: &Unit| matches!(u.kind, Kind::Adj | Kind::Word) && toks[u.start].pos == Pos::Adj;
    for w in live.windows(3) {
        if units[w[1]].kind == Kind::Comma && adj(&units[w[0]]) && adj(&units[w[2]]) {
            units[w[1]].deleted = true;
        }
    }
}

/// PETRARCH-1 (a parsed noun phrase): nouns joined before the noun they modify ("death and injury
/// toll") do not split clauses.
fn joined_noun_modifiers(units: &mut [Unit], toks: &[Token]) {
    let live: Vec<usize> = (0..units.len()).filter(|&i| !units[i].deleted).collect();
    let noun =
        |u: &Unit| matches!(u.kind, Kind::Noun | Kind::Word) && toks[u.start].pos == Pos::Noun;
    for w in live.windows(4) {
        if units[w[1]].kind == Kind::Conj
            && noun(&units[w[0]])
            && noun(&units[w[2]])
            && noun(&units[w[3]])
        {
            units[w[1]].joined = true;
        }
    }
}

/// Two readings the tagger gets wrong that a dictionary verb corrects: a base form right after
/// "to" tagged as a noun ("decided to ease sanctions"), and an -ed form right after a proper noun
/// or pronoun tagged as an adjective ("The United Nations imposed sanctions").
fn tagger_missed_verb(toks: &[Token], up: &[&str], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1) else {
        return false;
    };
    let w = up[i];
    match toks[i].pos {
        Pos::Noun => up[prev] == "TO" && !w.ends_with('S') && !w.ends_with("ING"),
        Pos::Adj => {
            w.ends_with("ED")
                && (matches!(toks[prev].pos, Pos::Propn | Pos::Pron)
                    // "authorities jailed 52 members": a plural noun, then a number or article.
                    || (toks[prev].pos == Pos::Noun
                        && up[prev].ends_with('S')
                        && toks
                            .get(i + 1)
                            .is_some_and(|n| matches!(n.pos, Pos::Num | Pos::Det))))
                && toks
                    .get(i + 1)
                    .is_some_and(|n| n.pos != Pos::Noun || up[prev] != "THE")
        }
        _ => false,
    }
}

/// What the words before a verb make of its action.
#[derive(Clone, Copy)]
enum Modality {
    /// will / would / ready to
    Intend,
    /// not / never
    Refuse,
    /// must
    Demand,
}

/// The subject of a verb just before unit `k` ("Iraq said (that) it"): an actor, up to two
/// auxiliaries or adverbs, the verb, and at most one word (`that`) before `k`.
fn speaker_before(units: &[Unit], k: usize) -> Option<ActorExplain> {
    let live = |j: usize| !units[j].deleted;
    let mut j = k.checked_sub(1)?;
    if units[j].kind == Kind::Word && live(j) {
        j = j.checked_sub(1)?;
    }
    if !matches!(units[j].kind, Kind::Verb { .. }) || !live(j) {
        return None;
    }
    for _ in 0..3 {
        j = j.checked_sub(1)?;
        match &units[j].kind {
            Kind::Actor(a) if live(j) => return Some(a.clone()),
            Kind::Aux | Kind::Word | Kind::Neg => {}
            _ => return None,
        }
    }
    None
}

/// The CAMEO code an action takes under a modality, by the action's root: intent to meet (036),
/// to cooperate diplomatically (032) or materially (031), to give aid (033), to yield (035); a
/// threat of force (138) or of sanctions (131); a refusal to meet (125), to cooperate (121) or to
/// yield (124); a demand for cooperation (101, 102), aid (103), a meeting (106) or yielding (105);
/// a protest announced is a threat of dissent (133).
fn modal_code(code: &str, m: Modality) -> Option<(String, &'static str)> {
    let root: u8 = code.get(..2)?.parse().ok()?;
    let (c, why) = match (m, root) {
        (Modality::Intend, 4) => ("036", "will meet: intent to meet"),
        (Modality::Intend, 5) => ("032", "will support: intent to cooperate diplomatically"),
        (Modality::Intend, 6) => ("031", "will cooperate: intent to cooperate materially"),
        (Modality::Intend, 7) => ("033", "will give: intent to provide aid"),
        (Modality::Intend, 8) => ("035", "will yield: intent to yield"),
        (Modality::Intend, 14) => ("133", "will protest: threat of political dissent"),
        (Modality::Intend, 16 | 17) => ("131", "will sanction: threat of non-military force"),
        (Modality::Intend, 18..=20) => ("138", "will attack: threat of military force"),
        (Modality::Refuse, 3) => ("120", "not agree: rejection"),
        (Modality::Refuse, 4) => ("125", "not meet: refusal to meet"),
        (Modality::Refuse, 5) => ("120", "not support: rejection"),
        (Modality::Refuse, 6 | 7) => ("121", "not cooperate: refusal of material cooperation"),
        (Modality::Refuse, 8) => ("124", "not yield: refusal to yield"),
        (Modality::Demand, 4) => ("106", "must meet: demand to meet"),
        (Modality::Demand, 5) => ("102", "must support: demand for diplomatic cooperation"),
        (Modality::Demand, 3 | 6) => ("101", "must cooperate: demand for material cooperation"),
        (Modality::Demand, 7) => ("103", "must give: demand for aid"),
        (Modality::Demand, 8) => ("105", "must yield: demand to yield"),
        (Modality::Demand, 9) => ("100", "must investigate: demand"),
        _ => return None,
    };
    // Already the modal family (an AGREE verb's own 03 code): nothing to change.
    if code.get(..2) == c.get(..2) {
        return None;
    }
    Some((c.to_string(), why))
}

/// "Pakistani and Russian advisers": an agent after the last member of a compound whose other
/// members are bare countries qualifies them all (`PAK`, `RUSGOV` → `PAKGOV`, `RUSGOV`).
fn distribute_agent(units: &mut [Unit], members: &[usize], how: &mut Vec<String>) {
    let Some((&last, rest)) = members.split_last() else {
        return;
    };
    let suffix = match &units[last].kind {
        Kind::Actor(a)
            if a.codes.len() == 1
                && a.codes[0].len() > 3
                && a.codes[0].is_char_boundary(3)
                // The agent comes after the actor's words ("Russian advisers"), not before them
                // ("the government of Gondor").
                && a.how.iter().any(|h| {
                    h.starts_with("agent")
                        && h.split('"').nth(1).is_some_and(|agent| a.text.ends_with(agent))
                }) =>
        {
            a.codes[0][3..].to_string()
        }
        _ => return,
    };
    let bare = rest.iter().all(|&m| match &units[m].kind {
        Kind::Actor(a) => {
            a.codes.iter().all(|c| c.len() == 3) && !a.how.iter().any(|h| h.starts_with("agent"))
        }
        _ => false,
    });
    if !bare {
        return;
    }
    for &m in rest {
        if let Kind::Actor(a) = &mut units[m].kind {
            for c in &mut a.codes {
                c.push_str(&suffix);
            }
        }
    }
    how.push(format!(
        "agent ~{suffix} of the last member qualifies every member"
    ));
}

/// Step 4: drop comma-delimited clauses whose word count is in range (TABARI's rules). Commas are
/// taken in pairs: a clause between a comma and the next one is dropped when its length is within
/// MIN..=MAX, and the search goes on after the closing comma; a clause from an unpaired comma to the
/// end of the sentence is dropped when within EMIN..=EMAX; the words before the first comma when
/// within BMIN..=BMAX. The opening comma stays (it still separates what is left).
///
/// `keep_verbs` (outside TABARI): a clause is kept when dropping it would leave the sentence with
/// no verb ("Later, Norland accused Sudmark of stalling.": the part after the comma is the main
/// clause).
///
/// `each_pair` (PETRARCH-1): every comma pairs with the next one, and the end clause runs from the
/// last comma, whatever the pairs did.
fn drop_comma_clauses(
    units: &mut [Unit],
    toks: &[Token],
    opts: &Options,
    keep_verbs: bool,
    each_pair: bool,
) {
    let live: Vec<usize> = (0..units.len()).filter(|&i| !units[i].deleted).collect();
    // Words as TABARI counts them: every token but punctuation (a sentence-final stop).
    let words = |a: usize, b: usize, units: &[Unit]| -> usize {
        live[a..b]
            .iter()
            .filter(|&&i| !matches!(units[i].kind, Kind::Comma | Kind::Stop))
            .map(|&i| units[i].end - units[i].start)
            .sum()
    };
    let in_range =
        |n: usize, r: Option<(usize, usize)>| r.is_some_and(|(lo, hi)| n > lo && n <= hi);
    let is_comma = |k: usize, units: &[Unit]| units[live[k]].kind == Kind::Comma;
    let end = live
        .iter()
        .rposition(|&i| units[i].kind != Kind::Stop)
        .map_or(0, |p| p + 1);
    // (from, to, between two commas)
    let mut kill: Vec<(usize, usize, bool)> = Vec::new();
    let mut k = 0;
    let mut first = true;
    while k < end {
        if !is_comma(k, units) {
            k += 1;
            continue;
        }
        if first && in_range(words(0, k, units), opts.comma_begin) {
            kill.push((0, k + 1, false));
        }
        first = false;
        let next = (k + 1..end).find(|&m| is_comma(m, units));
        match next {
            Some(m) => {
                if in_range(words(k + 1, m, units), opts.comma) {
                    kill.push((k + 1, m + 1, true));
                }
                k = if each_pair { m } else { m + 1 };
            }
            None => {
                if in_range(words(k + 1, end, units), opts.comma_end) {
                    kill.push((k + 1, end, false));
                }
                break;
            }
        }
    }
    let is_verb = |i: usize, units: &[Unit]| matches!(units[i].kind, Kind::Verb { .. });
    let mut verbs_left = live.iter().filter(|&&i| is_verb(i, units)).count();
    for (a, b, paired) in kill {
        let here = live[a..b].iter().filter(|&&i| is_verb(i, units)).count();
        if keep_verbs && here > 0 && here == verbs_left {
            continue;
        }
        // Outside TABARI, a clause between commas with its own subject and verb ("…, Patrushev
        // noted …,") is not an aside, unless a relative pronoun or subordinator opens it.
        if keep_verbs && paired && here > 0 {
            let opener = live[a..b]
                .iter()
                .find(|&&i| {
                    !matches!(units[i].kind, Kind::Comma | Kind::Word) || {
                        let t = &toks[units[i].start].text;
                        t.chars().any(char::is_alphanumeric)
                    }
                })
                .map(|&i| toks[units[i].start].text.to_ascii_uppercase());
            let subordinate = opener.as_deref().is_some_and(|w| {
                matches!(
                    w,
                    "WHO"
                        | "WHOM"
                        | "WHICH"
                        | "WHOSE"
                        | "THAT"
                        | "WHERE"
                        | "WHEN"
                        | "WHILE"
                        | "AFTER"
                        | "BEFORE"
                        | "SINCE"
                        | "AS"
                        | "IF"
                        | "ALTHOUGH"
                        | "THOUGH"
                        | "UNLESS"
                        | "BECAUSE"
                        | "UNTIL"
                )
            });
            let subject_verb = live[a..b]
                .windows(2)
                .any(|w| matches!(units[w[0]].kind, Kind::Actor(_)) && is_verb(w[1], units));
            if subject_verb && !subordinate {
                continue;
            }
        }
        verbs_left -= here;
        for &i in &live[a..b] {
            if units[i].kind != Kind::Stop {
                units[i].deleted = true;
            }
        }
    }
}

/// Step 6: pronouns become the actors they refer to (TABARI's rules): HE, SHE, IT, HIM, HER, HIS,
/// ITS → the first actor before the pronoun that is not a compound; THEY, THEM, THEIR → the first
/// compound before it, else the first actor before it. With `forwarded` (TABARI's `FORWARD`), a
/// pronoun before any actor refers to that code: the previous sentence's first actor.
/// With `speakers` (outside TABARI), a pronoun right after a verb and its subject ("Iraq said
/// (that) it would …", after "In a letter to the UN, …") is that subject.
fn resolve_pronouns(units: &mut [Unit], forwarded: Option<&str>, speakers: bool) {
    let speaker: Vec<Option<ActorExplain>> = if speakers {
        (0..units.len())
            .map(|k| match &units[k].kind {
                // Only a subject opens the clause the verb before it reports ("said it would");
                // "attacked its posts", "rejected them" are no such clause. "It" is a subject
                // when a verb or auxiliary follows it.
                Kind::Pronoun(p)
                    if matches!(p.as_str(), "HE" | "SHE" | "THEY")
                        || (p == "IT"
                            && units.get(k + 1).is_some_and(|n| {
                                matches!(n.kind, Kind::Aux | Kind::Verb { .. } | Kind::Word)
                            })) =>
                {
                    speaker_before(units, k)
                }
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut first_single: Option<ActorExplain> = None;
    let mut first_any: Option<ActorExplain> = None;
    let mut first_compound: Option<ActorExplain> = None;
    for (k, u) in units.iter_mut().enumerate() {
        if u.deleted {
            continue;
        }
        match &u.kind {
            Kind::Actor(a) => {
                if a.codes.len() > 1 || u.compound {
                    if first_compound.is_none() {
                        first_compound = Some(a.clone());
                    }
                } else if first_single.is_none() {
                    first_single = Some(a.clone());
                }
                if first_any.is_none() {
                    first_any = Some(a.clone());
                }
            }
            Kind::Pronoun(p) => {
                let referent = match p.as_str() {
                    "THEY" | "THEM" | "THEIR" => first_compound
                        .as_ref()
                        .map(|a| (a, "first compound actor"))
                        .or(first_any.as_ref().map(|a| (a, "first actor"))),
                    _ => first_single.as_ref().map(|a| (a, "first single actor")),
                };
                let referent = speaker
                    .get(k)
                    .and_then(Option::as_ref)
                    .map(|a| (a, "the subject of the verb before it"))
                    .or(referent);
                if first_any.is_none()
                    && let Some(code) = forwarded
                {
                    u.kind = Kind::Actor(ActorExplain {
                        text: p.clone(),
                        codes: vec![code.to_string()],
                        span: (u.start, u.end),
                        how: vec![format!(
                            "pronoun {p} → {code} (forwarded from the previous sentence)"
                        )],
                    });
                    u.pronoun = true;
                } else if let Some((a, rule)) = referent {
                    let mut a = a.clone();
                    a.how.push(format!("pronoun {p} → {} ({rule})", a.text));
                    a.span = (u.start, u.end);
                    u.kind = Kind::Actor(a);
                    u.pronoun = true;
                }
            }
            _ => {}
        }
    }
}

fn pattern_source_is_set(b: &Binding) -> bool {
    b.source.is_some() || b.compound.is_some()
}

/// Step 5: clause boundaries at conjunctions that join no actors, nouns or adjectives, and at
/// sentence stops.
fn split_clauses(units: &[Unit]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, u) in units.iter().enumerate() {
        if (u.kind == Kind::Conj && !u.joined) || u.kind == Kind::Stop {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if start < units.len() {
        out.push((start, units.len()));
    }
    out
}

/// Outside TABARI, a conjunct after `and` with no verb of its own continues the clause before it
/// ("withdrew inspectors and aid workers from X"); one after `or` stays apart ("must drop
/// barriers or face penalties").
fn merge_verbless(
    units: &[Unit],
    up: &[&str],
    clauses: Vec<(usize, usize)>,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(clauses.len());
    for (s, e) in clauses {
        let verbless = !units[s..e]
            .iter()
            .any(|u| matches!(u.kind, Kind::Verb { .. }));
        match out.last_mut() {
            Some(last)
                if verbless
                    && units[last.1].kind == Kind::Conj
                    && up[units[last.1].start] == "AND"
                    && units[last.0..last.1]
                        .iter()
                        .any(|u| matches!(u.kind, Kind::Verb { .. })) =>
            {
                last.1 = e;
            }
            _ => out.push((s, e)),
        }
    }
    out
}

/// The part of a clause a pattern may look at.
struct Slots<'a> {
    units: &'a [Unit],
    up: &'a [&'a str],
    lo: usize,
    hi: usize,
    /// PETRARCH-1: the tokens, for `^` after the verb to pass over a noun phrase that names no
    /// actor (PETRARCH skips a whole noun phrase, coded or not).
    phrases: Option<&'a [Token]>,
}

/// What a pattern bound.
#[derive(Debug, Clone, Default, PartialEq)]
struct Binding {
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
    /// The target is the actor inside an agent–actor pair (see `Unit::of_actor`).
    target_inner: bool,
    /// The length (as [`crate::dict::syntax::elems_len`]) of the alternatives and synset members
    /// that matched.
    alt_len: usize,
}

/// A position inside the slots: unit index and token offset within a multi-token unit.
type At = (usize, usize);

/// Matches pattern `p` around the verb at unit `v`.
fn match_pattern(
    c: &Compiled,
    p: &Pattern,
    s: &Slots<'_>,
    v: usize,
    dict: &Dictionaries,
) -> Option<Binding> {
    let upper = &p.elems[c.verb_at + 1..];
    let mut b = Binding::default();
    // Upper part, left to right from just after the verb.
    match_seq(upper, s, (v + 1, 0), c.verb_adjacent, dict, &mut b)?;
    // Lower part, right to left from just before the verb.
    if v == 0 && !c.lower_rev.is_empty() {
        return None;
    }
    let start = if v == 0 { (0, 0) } else { (v - 1, usize::MAX) };
    match_seq_rev(&c.lower_rev, s, start, c.lower_last_adjacent, dict, &mut b)?;
    Some(b)
}

fn elem_adjacent(e: &Elem) -> bool {
    match e {
        Elem::Word(w) => w.adjacent,
        Elem::Synset { adjacent, .. } | Elem::Alt { adjacent, .. } => *adjacent,
        _ => false,
    }
}

/// The tokens of unit `u` (upper-cased).
fn unit_tokens<'a>(s: &Slots<'a>, u: usize) -> &'a [&'a str] {
    &s.up[s.units[u].start..s.units[u].end]
}

/// Steps a position one token to the right; `None` past the window.
fn next_pos(s: &Slots<'_>, at: At) -> Option<At> {
    let (u, t) = at;
    if u >= s.hi {
        return None;
    }
    let len = s.units[u].end - s.units[u].start;
    if t + 1 < len {
        Some((u, t + 1))
    } else {
        (u + 1 < s.hi).then_some((u + 1, 0))
    }
}

/// Matches `elems` left to right starting at `at` (`adjacent`: the first element must be exactly
/// there). Returns the position after the match.
fn match_seq(
    elems: &[Elem],
    s: &Slots<'_>,
    at: At,
    adjacent: bool,
    dict: &Dictionaries,
    b: &mut Binding,
) -> Option<At> {
    let Some((first, rest)) = elems.split_first() else {
        return Some(at);
    };
    if at.0 >= s.hi {
        return None;
    }
    let mut pos = Some(at);
    while let Some(p) = pos {
        let saved = b.clone();
        if let Some(after) = match_one(first, s, p, dict, b) {
            let next_adj = elem_adjacent(first);
            if let Some(end) = match_seq(rest, s, after, next_adj, dict, b) {
                return Some(end);
            }
        }
        *b = saved;
        if adjacent {
            return None;
        }
        // Skipping: never across another verb's actor binding boundary; just step.
        pos = next_pos(s, p);
        // Outside TABARI, never past another verb that heads a clause of its own: "announced
        // it would halt aid" is not "announced aid" ("carried out coordinated attacks" is).
        if dict.syntax != Syntax::Tabari
            && pos.is_none_or(|q| q.0 > p.0)
            && matches!(s.units[p.0].kind, Kind::Verb { .. })
            && heads_clause(s, p.0)
        {
            return None;
        }
    }
    None
}

/// Whether the verb at unit `u` has a subject, auxiliary, `to` or `that` of its own just before
/// it (at most one word between): it heads a clause rather than qualifying a noun.
fn heads_clause(s: &Slots<'_>, u: usize) -> bool {
    let mut k = u;
    for _ in 0..2 {
        if k == 0 {
            return false;
        }
        k -= 1;
        match &s.units[k].kind {
            Kind::Aux | Kind::Neg | Kind::Actor(_) | Kind::Pronoun(_) => return true,
            Kind::Prep(p) if p == "TO" => return true,
            Kind::Word if s.up[s.units[k].start] == "THAT" => return true,
            Kind::Word => {}
            _ => return false,
        }
    }
    false
}

/// Matches one element at `at`; returns the position after it.
fn match_one(e: &Elem, s: &Slots<'_>, at: At, dict: &Dictionaries, b: &mut Binding) -> Option<At> {
    let (u, t) = at;
    if u >= s.hi || u < s.lo {
        return None;
    }
    match e {
        Elem::Word(w) => {
            let toks = unit_tokens(s, u);
            let tok = toks.get(t)?;
            if word_matches(w, tok) {
                let len = toks.len();
                Some(if t + 1 < len { (u, t + 1) } else { (u + 1, 0) })
            } else {
                None
            }
        }
        // The actor of a PETRARCH-1 agent–actor pair whose agent a `^` passed over.
        Elem::Target if t > 0 && s.units[u].of_actor_offset() == Some(t) => {
            b.target = Some(u);
            b.target_inner = true;
            Some((u + 1, 0))
        }
        Elem::Source | Elem::Target | Elem::Compound => {
            if t != 0 || !matches!(s.units[u].kind, Kind::Actor(_)) {
                return None;
            }
            match e {
                Elem::Source => b.source = Some(u),
                Elem::Target => b.target = Some(u),
                _ => b.compound = Some(u),
            }
            Some((u + 1, 0))
        }
        // `^` passes over one actor (a compound counts as one) without binding it; over the
        // agent only of a PETRARCH-1 agent–actor pair (see `Unit::of_actor`).
        Elem::Skip if t == 0 && matches!(s.units[u].kind, Kind::Actor(_)) => {
            match s.units[u].of_actor_offset() {
                Some(k) => Some((u, k)),
                None => Some((u + 1, 0)),
            }
        }
        Elem::Skip => {
            let toks = s.phrases.filter(|_| t == 0)?;
            let end = unknown_phrase_end(s.units, toks, u, s.hi);
            (end > u).then_some((end, 0))
        }
        Elem::Verb => Some(at),
        Elem::Synset { name, .. } => match_alternatives(dict.synsets.get(name)?, s, at, dict, b),
        Elem::Alt { options, .. } => match_alternatives(options, s, at, dict, b),
        Elem::NounGroup(v) | Elem::PrepGroup(v) => {
            // The group starts where the caller's scan put it; words inside may have gaps.
            let mut bb = b.clone();
            let r = match_seq(v, s, at, true, dict, &mut bb);
            if r.is_some() {
                *b = bb;
            }
            r
        }
    }
}

/// Matches the first of `alts` (a synset's members or a `{ a | b }` set) that matches at `at`,
/// adding the matched alternative's length to the binding (see [`Binding::alt_len`]).
fn match_alternatives(
    alts: &[Vec<Elem>],
    s: &Slots<'_>,
    at: At,
    dict: &Dictionaries,
    b: &mut Binding,
) -> Option<At> {
    let tok = unit_tokens(s, at.0).get(at.1).copied();
    alts.iter().find_map(|alt| {
        // Most alternatives fail on their first word: test it before recursing.
        if let (Some(Elem::Word(w)), Some(tok)) = (alt.first(), tok)
            && !word_matches(w, tok)
        {
            return None;
        }
        let mut bb = b.clone();
        let r = match_seq(alt, s, at, true, dict, &mut bb);
        if r.is_some() {
            bb.alt_len = b.alt_len + elems_len(alt);
            *b = bb;
        }
        r
    })
}

/// Matches reversed lower elements right to left, ending at `at` (the unit before the verb;
/// `usize::MAX` token offset means its last token). `adjacent`: the first (rightmost) element must
/// be exactly there.
fn match_seq_rev(
    rev: &[Elem],
    s: &Slots<'_>,
    at: At,
    adjacent: bool,
    dict: &Dictionaries,
    b: &mut Binding,
) -> Option<()> {
    let Some((first, rest)) = rev.split_first() else {
        return Some(());
    };
    let resolve = |at: At| -> Option<At> {
        let (u, t) = at;
        if u < s.lo || u >= s.units.len() {
            return None;
        }
        let len = s.units[u].end - s.units[u].start;
        Some((
            u,
            if t == usize::MAX {
                len.saturating_sub(1)
            } else {
                t
            },
        ))
    };
    let prev = |at: At| -> Option<At> {
        let (u, t) = at;
        if t > 0 {
            Some((u, t - 1))
        } else if u > s.lo {
            Some((u - 1, usize::MAX))
        } else {
            None
        }
    };
    let mut pos = resolve(at);
    while let Some(p) = pos {
        let saved = b.clone();
        // A multi-token element (an actor, a phrase from a synset) is matched forward from its start.
        if let Some(start) = match_back(first, s, p, dict, b) {
            let next_adj = rest.first().is_some_and(elem_adjacent);
            let before = prev(start);
            match before {
                Some(bp) => {
                    if match_seq_rev(rest, s, bp, next_adj, dict, b).is_some() {
                        return Some(());
                    }
                }
                None => {
                    if rest.is_empty() {
                        return Some(());
                    }
                }
            }
        }
        *b = saved;
        if adjacent {
            return None;
        }
        pos = prev(p).and_then(resolve);
    }
    None
}

/// Matches one element ending at token position `p`; returns where it starts.
fn match_back(e: &Elem, s: &Slots<'_>, p: At, dict: &Dictionaries, b: &mut Binding) -> Option<At> {
    let (u, t) = p;
    match e {
        Elem::Source | Elem::Target | Elem::Compound => {
            let len = s.units[u].end - s.units[u].start;
            if t + 1 != len || !matches!(s.units[u].kind, Kind::Actor(_)) {
                return None;
            }
            match e {
                Elem::Source => b.source = Some(u),
                Elem::Target => b.target = Some(u),
                _ => b.compound = Some(u),
            }
            Some((u, 0))
        }
        Elem::Word(w) => {
            let tok = unit_tokens(s, u).get(t)?;
            word_matches(w, tok).then_some((u, t))
        }
        Elem::Skip => {
            let len = s.units[u].end - s.units[u].start;
            (t + 1 == len && matches!(s.units[u].kind, Kind::Actor(_))).then_some((u, 0))
        }
        Elem::Verb => Some(p),
        Elem::Synset { .. } | Elem::Alt { .. } | Elem::NounGroup(_) | Elem::PrepGroup(_) => {
            // Try every start position from the unit's first token back up to three units earlier.
            let mut starts = Vec::new();
            let mut uu = u;
            loop {
                let len = s.units[uu].end - s.units[uu].start;
                let top = if uu == u { t } else { len.saturating_sub(1) };
                for tt in (0..=top).rev() {
                    starts.push((uu, tt));
                }
                if uu == s.lo || u - uu >= 3 {
                    break;
                }
                uu -= 1;
            }
            for st in starts {
                let mut bb = b.clone();
                if let Some(end) = match_one(e, s, st, dict, &mut bb) {
                    // It must end right after p.
                    let after_p = next_pos(s, p).unwrap_or((s.hi, 0));
                    if end == after_p || (end.0 == p.0 + 1 && end.1 == 0 && after_p == (p.0 + 1, 0))
                    {
                        *b = bb;
                        return Some(st);
                    }
                }
            }
            None
        }
    }
}

/// Engine tokens from dyad-text's tokens: hyphenated words are split (as TABARI does, so
/// "Barad-dur" and "al-Qaeda" match either spelling in dictionaries), and clitics (`'s`, `n't`,
/// `'re`…) are joined back to their word, as the classic dictionaries write them (`DIDN'T`,
/// possessive endings matched on the word).
pub fn from_text(tokens: &[dyad_text::Token]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for t in tokens {
        let pos = Pos::from_upos(t.upos.as_str());
        let clitic = t.text.starts_with('\'')
            || t.text.starts_with('’')
            || t.text.eq_ignore_ascii_case("n't")
            || t.text.eq_ignore_ascii_case("n’t");
        if clitic
            && let Some(prev) = out.last_mut()
            && prev.end == t.start
        {
            prev.text.push_str(&t.text);
            prev.end = t.end;
            continue;
        }
        let joiner = |c: char| c == '-' || c == '_';
        let inner_hyphen = t.text.trim_matches(joiner).contains(joiner);
        if inner_hyphen {
            let mut off = t.start;
            for part in t.text.split(['-', '_']) {
                if !part.is_empty() {
                    out.push(Token {
                        text: part.to_string(),
                        start: off,
                        end: off + part.len(),
                        pos,
                        hyphen_next: true,
                    });
                }
                off += part.len() + 1;
            }
            if let Some(last) = out.last_mut() {
                last.hyphen_next = false;
            }
            continue;
        }
        out.push(Token {
            text: t.text.clone(),
            start: t.start,
            end: t.end,
            pos,
            hyphen_next: false,
        });
    }
    out
}

/// Tokens of `text` read by dyad's language core (one sentence or several, flattened).
pub fn analyze(text: &str) -> Vec<Token> {
    match dyad_text::Pipeline::shared() {
        Ok(p) => p
            .analyze(text)
            .sentences
            .iter()
            .flat_map(|s| from_text(&s.tokens))
            .collect(),
        Err(_) => simple_tokens(text),
    }
}

/// Tokens from plain text, for tests and for dictionaries used without the tagger: words, numbers,
/// and punctuation; hyphens split words (as TABARI does); `'s` and `n't` stay on their word.
pub fn simple_tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let flush = |out: &mut Vec<Token>, s: usize, e: usize| {
        if e > s {
            out.push(Token {
                text: text[s..e].to_string(),
                start: s,
                end: e,
                pos: Pos::Unknown,
                hyphen_next: false,
            });
        }
    };
    for (i, c) in text.char_indices() {
        let wordish = c.is_alphanumeric()
            || c == '\''
            || c == '’'
            || c == '.'
                && start.is_some_and(|s| text[s..i].chars().all(|x| x.is_uppercase() || x == '.'));
        if wordish {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                flush(&mut out, s, i);
            }
            if !c.is_whitespace() && c != '-' {
                out.push(Token {
                    text: c.to_string(),
                    start: i,
                    end: i + c.len_utf8(),
                    pos: Pos::Unknown,
                    hyphen_next: false,
                });
            }
        }
    }
    if let Some(s) = start {
        flush(&mut out, s, text.len());
    }
    // A period stuck to a word that is not an abbreviation (U.S., U.N.) is its own token.
    let mut fixed = Vec::with_capacity(out.len());
    for t in out {
        let core = &t.text[..t.text.len().saturating_sub(1)];
        if t.text.len() > 1 && t.text.ends_with('.') && !core.contains('.') {
            fixed.push(Token {
                text: core.to_string(),
                start: t.start,
                end: t.end - 1,
                pos: t.pos,
                hyphen_next: false,
            });
            fixed.push(Token {
                text: ".".into(),
                start: t.end - 1,
                end: t.end,
                pos: t.pos,
                hyphen_next: false,
            });
        } else {
            fixed.push(t);
        }
    }
    for k in 1..fixed.len() {
        let (a, b) = (fixed[k - 1].end, fixed[k].start);
        if b == a + 1 && text.get(a..b) == Some("-") {
            fixed[k - 1].hyphen_next = true;
        }
    }
    fixed
}

#[cfg(test)]
mod tests;
