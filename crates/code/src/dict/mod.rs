//! Coding dictionaries: the data model shared by every dictionary format, and the loaders.
//!
//! dyad reads the two classic families:
//! - **TABARI** (`.project` naming `.actors`, `.agents`, `.verbs`, `.options`), see [`tabari`];
//! - **PETRARCH** in both generations: PETRARCH-1 (the `PETR.Validate.*` files) and PETRARCH-2 /
//!   Phoenix (`CAMEO.2.0.txt`, `Phoenix.*`), see [`petrarch`]. The generation is detected from the
//!   content.
//!
//! All of them become one [`Dictionaries`] value. Every parse error names the file and the line and
//! says what was expected ([`DictError`]).

pub mod builtin;
pub(crate) mod lines;
pub mod petrarch;
pub mod syntax;
pub mod tabari;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

pub use syntax::{Elem, Word};

/// Which dictionary syntax a set was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Syntax {
    Tabari,
    Petrarch1,
    Petrarch2,
}

impl fmt::Display for Syntax {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Syntax::Tabari => "TABARI",
            Syntax::Petrarch1 => "PETRARCH-1",
            Syntax::Petrarch2 => "PETRARCH-2/Phoenix",
        })
    }
}

/// A dictionary that could not be read: the file, the 1-based line, what was expected and what was
/// found.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: expected {expected}, found {found:?}")]
pub struct DictError {
    pub file: String,
    pub line: usize,
    pub expected: String,
    pub found: String,
}

/// Errors opening a dictionary set.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {error}")]
    Io { path: String, error: std::io::Error },
    #[error(transparent)]
    Syntax(#[from] DictError),
    #[error("{0}")]
    Layout(String),
}

/// A date restriction on an actor code (`[UNO 920101-991231]`, `[EGY <911231]`, `[HOB >990816]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DateRestriction {
    Always,
    /// On or before the date.
    Until(NaiveDate),
    /// On or after the date.
    From(NaiveDate),
    Between(NaiveDate, NaiveDate),
}

impl DateRestriction {
    pub fn allows(&self, d: NaiveDate) -> bool {
        match *self {
            DateRestriction::Always => true,
            DateRestriction::Until(u) => d <= u,
            DateRestriction::From(f) => d >= f,
            DateRestriction::Between(a, b) => d >= a && d <= b,
        }
    }
}

/// One `[...]` block of an actor entry: one code, or a coded compound (`GME/GMW`), possibly
/// date-restricted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorCode {
    pub codes: Vec<String>,
    pub when: DateRestriction,
}

/// An actor: its phrases (the main one and `+` synonyms) and its codes, tried in order against the
/// event date; an unrestricted code is the default.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorEntry {
    pub phrases: Vec<Vec<Word>>,
    pub codes: Vec<ActorCode>,
    pub line: usize,
    /// A place (an entry of a `*.places.actors.txt` file): it stands for its country as an actor,
    /// but after `in`, `at` or `near` it says where, not to whom.
    pub place: bool,
    /// The file it was read from (its name, for the counts by file).
    #[serde(skip)]
    pub file: std::sync::Arc<str>,
}

impl ActorEntry {
    /// The codes that apply on `date` (the first block whose restriction allows it); `None` when no
    /// block applies. A null code (`---`) gives an empty list.
    pub fn codes_on(&self, date: Option<NaiveDate>) -> Option<&[String]> {
        let block = match date {
            // A restricted block that holds on the date wins over the unrestricted default.
            Some(d) => self
                .codes
                .iter()
                .find(|c| c.when != DateRestriction::Always && c.when.allows(d))
                .or_else(|| self.codes.iter().find(|c| c.when.allows(d))),
            None => self
                .codes
                .iter()
                .find(|c| c.when == DateRestriction::Always)
                .or(self.codes.first()),
        }?;
        Some(&block.codes)
    }
}

/// Where an agent's code goes relative to the actor's: `~GOV` is a suffix (`ISR` → `ISRGOV`),
/// `NGO~` a prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Attach {
    Suffix,
    Prefix,
}

/// A common noun that qualifies an actor ("foreign minister" → `~GOVFRM`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentEntry {
    pub phrases: Vec<Vec<Word>>,
    pub code: String,
    pub attach: Attach,
    pub line: usize,
    /// `PHRASE {PLURAL …}` (PETRARCH): the plurals are listed (maybe none), so PETRARCH-1 makes
    /// none of its own from the first phrase.
    pub plurals_listed: bool,
}

/// What a verb pattern (or a verb's default) codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum EventCode {
    /// A real event code, with the paired code of `[032:033]` (the reverse event, target → source).
    Code {
        code: String,
        paired: Option<String>,
        /// `?`: coded only when the sentence has no other event.
        subordinate: bool,
        /// `!`: when present, only dominant events are coded.
        dominant: bool,
    },
    /// `[---]`: matches, but codes nothing (blocks shorter patterns).
    Null,
    /// `[###]`: the sentence is discarded.
    Discard,
    /// `[+++]`: the sentence is too complex to code.
    Complex,
}

/// A verb pattern: `- $ * TO +  [042]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pattern {
    pub elems: Vec<Elem>,
    pub code: EventCode,
    /// The pattern's text as written, for `explain`.
    pub text: String,
    pub line: usize,
}

impl Pattern {
    /// TABARI's length for ordering: the alphanumeric characters of the fixed words, plus the longest
    /// alternative of each set. Longer patterns are tried first.
    pub fn length(&self) -> usize {
        syntax::elems_len(&self.elems)
    }
}

/// One verb of a block: its words (a multi-word verb like `SHOT_AND_KILLED` has several) and
/// irregular forms (`{…}`), with its own code when it overrides the block's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerbMember {
    pub words: Vec<Word>,
    pub forms: Vec<Vec<Word>>,
    pub code: Option<EventCode>,
    pub line: usize,
}

/// A verb block: one or more verbs sharing a default code and a list of patterns. In TABARI every
/// verb is its own block; PETRARCH groups synonyms under `--- NAME [code] ---`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerbEntry {
    pub block: String,
    /// The code when a verb matches and no pattern does.
    pub code: EventCode,
    pub members: Vec<VerbMember>,
    /// Patterns, longest first (TABARI's order).
    pub patterns: Vec<Pattern>,
    pub line: usize,
}

impl VerbEntry {
    /// Sorts the patterns longest first, keeping file order among equals.
    pub fn sort_patterns(&mut self) {
        self.patterns.sort_by_key(|p| std::cmp::Reverse(p.length()));
    }
}

/// A sentence- or story-level discard phrase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Discard {
    pub phrase: Vec<Word>,
    /// `+` in PETRARCH: the whole story is discarded.
    pub story: bool,
    pub line: usize,
}

/// An issue phrase (`PHRASE [CODE]`); `negated` phrases (`~…`) suppress the issue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    pub phrase: Vec<Word>,
    pub code: String,
    pub negated: bool,
    pub line: usize,
}

/// A PETRARCH-2 transformation of nested events: `~ a (a b ATTACK) SAY = a b 015` reads "a says
/// that a attacked b" as "a claims responsibility for an attack on b".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transformation {
    /// The outer actor variable (`a`).
    pub outer: String,
    /// The inner event: source variable (`a`, `b`, `_` any, `.` none), target variable, verb block.
    pub inner: (String, String, String),
    /// The outer verb block (`SAY`).
    pub verb: String,
    /// The result: source variable, target variable, code (`Q` keeps the inner code).
    pub result: (String, String, String),
    pub line: usize,
}

/// A TABARI `<TIME>` entry: a phrase that shifts the event date by `days` (or discards it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeShift {
    pub pattern: Vec<Elem>,
    pub shift: EventCode,
    pub days: i32,
    pub line: usize,
}

/// A full dictionary set, whatever syntax it came in.
#[derive(Debug, Clone, Serialize)]
pub struct Dictionaries {
    pub syntax: Syntax,
    pub actors: Vec<ActorEntry>,
    pub agents: Vec<AgentEntry>,
    pub verbs: Vec<VerbEntry>,
    /// `&NAME` → its alternatives.
    pub synsets: BTreeMap<String, Vec<Vec<Elem>>>,
    /// TABARI `<NOUN>` and `<ADJECTIVE>` lists (no codes; they help find phrase boundaries).
    pub nouns: Vec<Vec<Word>>,
    pub adjectives: Vec<Vec<Word>>,
    pub discards: Vec<Discard>,
    pub issues: Vec<Issue>,
    pub time: Vec<TimeShift>,
    pub transformations: Vec<Transformation>,
    /// `.options` commands (`SET: CONVERT AGENTS = TRUE`, `COMPLEX: …`), in order, comments dropped.
    pub options: Vec<String>,
    /// The files read.
    pub files: Vec<PathBuf>,
    /// Entries skipped because they could not be read (file:line: reason); the rest still loads.
    pub warnings: Vec<String>,
}

impl Dictionaries {
    pub fn empty(syntax: Syntax) -> Dictionaries {
        Dictionaries {
            syntax,
            actors: Vec::new(),
            agents: Vec::new(),
            verbs: Vec::new(),
            synsets: BTreeMap::new(),
            nouns: Vec::new(),
            adjectives: Vec::new(),
            discards: Vec::new(),
            issues: Vec::new(),
            time: Vec::new(),
            transformations: Vec::new(),
            options: Vec::new(),
            files: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Counts of each kind, for `dyad dict check`.
    pub fn counts(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        m.insert("actors", self.actors.len());
        m.insert(
            "actor_phrases",
            self.actors.iter().map(|a| a.phrases.len()).sum(),
        );
        m.insert("agents", self.agents.len());
        m.insert(
            "agent_phrases",
            self.agents.iter().map(|a| a.phrases.len()).sum(),
        );
        m.insert("verb_blocks", self.verbs.len());
        m.insert("verbs", self.verbs.iter().map(|v| v.members.len()).sum());
        m.insert(
            "verb_forms",
            self.verbs
                .iter()
                .flat_map(|v| &v.members)
                .map(|m| 1 + m.forms.len())
                .sum(),
        );
        m.insert(
            "patterns",
            self.verbs.iter().map(|v| v.patterns.len()).sum(),
        );
        m.insert("synsets", self.synsets.len());
        m.insert("nouns", self.nouns.len());
        m.insert("adjectives", self.adjectives.len());
        m.insert("discards", self.discards.len());
        m.insert("issues", self.issues.len());
        m.insert("time_shifts", self.time.len());
        m.insert("transformations", self.transformations.len());
        m.insert("options", self.options.len());
        m
    }
}

/// Reads a file as text (lossy UTF-8: old dictionaries carry Latin-1 bytes in comments).
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|error| LoadError::Io {
        path: path.display().to_string(),
        error,
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Loads a TABARI project (a `.project` file, or a folder holding one).
pub fn load_tabari(path: &Path) -> Result<Dictionaries, LoadError> {
    let project = if path.is_dir() {
        find_files(path, |n| n.ends_with(".project"))?
            .into_iter()
            .next()
            .ok_or_else(|| {
                LoadError::Layout(format!(
                    "{}: no .project file in this folder",
                    path.display()
                ))
            })?
    } else {
        path.to_path_buf()
    };
    tabari::load_project(&project)
}

/// Loads a PETRARCH dictionary folder (either generation; detected from the verbs file).
pub fn load_petrarch(dir: &Path) -> Result<Dictionaries, LoadError> {
    petrarch::load_dir(dir)
}

/// Loads whatever `path` holds: a TABARI `.project` (or a folder with one), else a PETRARCH folder.
pub fn load_any(path: &Path) -> Result<Dictionaries, LoadError> {
    if path.is_file() {
        if path.extension().is_some_and(|e| e == "project") {
            return load_tabari(path);
        }
        return Err(LoadError::Layout(format!(
            "{}: expected a TABARI .project file or a dictionary folder",
            path.display()
        )));
    }
    if !find_files(path, |n| n.ends_with(".project"))?.is_empty() {
        return load_tabari(path);
    }
    let mut d = load_petrarch(path)?;
    // A copy of dyad's own folder (being edited, say) reads as the built-in set does.
    if !find_files(path, |n| n == "dyad.verbs.txt")?.is_empty() {
        builtin::own_options(&mut d);
    }
    Ok(d)
}

/// The files in `dir` (not recursive) whose lower-cased name satisfies `pred`, sorted.
pub(crate) fn find_files(
    dir: &Path,
    pred: impl Fn(&str) -> bool,
) -> Result<Vec<PathBuf>, LoadError> {
    let rd = std::fs::read_dir(dir).map_err(|error| LoadError::Io {
        path: dir.display().to_string(),
        error,
    })?;
    let mut out: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .is_some_and(|n| pred(&n.to_string_lossy().to_lowercase()))
        })
        .collect();
    out.sort();
    Ok(out)
}
