//! A lexical guess at the tense a time expression is spoken in, used to
//! pick the direction of underspecified dates ("in March", "on Friday",
//! "the first quarter"): the past one when the sentence narrates what
//! happened, the coming one when it speaks of plans.
//!
//! There is no tagger here: the words nearest the expression inside its
//! sentence are looked up (auxiliaries, modal verbs, irregular past forms,
//! regular `-ed` forms), the ones before it first, as HeidelTime does with
//! part-of-speech tags.

/// The tense of the clause around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    /// No cue, or a present-tense one: the default direction applies.
    Unknown,
}

/// Start and end (byte offsets) of the sentence around `start..end`.
pub(crate) fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    // Backward: a sentence ends at ". " + capital/quote, "!", "?", or a
    // blank line.
    let mut s = start;
    while s > 0 {
        let c = bytes[s - 1];
        if c == b'\n' && s >= 2 && bytes[s - 2] == b'\n' {
            break;
        }
        if matches!(c, b'.' | b'!' | b'?')
            && bytes.get(s).is_some_and(|b| b.is_ascii_whitespace())
            && !is_abbreviation(text, s - 1)
        {
            break;
        }
        s -= 1;
    }
    let mut e = end;
    while e < bytes.len() {
        let c = bytes[e];
        if c == b'\n' && bytes.get(e + 1) == Some(&b'\n') {
            break;
        }
        if matches!(c, b'.' | b'!' | b'?')
            && bytes.get(e + 1).is_none_or(|b| b.is_ascii_whitespace())
            && !is_abbreviation(text, e)
        {
            break;
        }
        e += 1;
    }
    (s, e)
}

/// Is the period at `dot` part of an abbreviation ("Dec.", "Mr.", "U.S.")?
fn is_abbreviation(text: &str, dot: usize) -> bool {
    if text.as_bytes().get(dot) != Some(&b'.') {
        return false;
    }
    let word: String = text[..dot]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<String>()
        .chars()
        .rev()
        .collect();
    if word.contains('.') || word.len() == 1 {
        return true;
    }
    matches!(
        word.as_str(),
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Corp"
            | "Inc"
            | "Co"
            | "Ltd"
            | "Lt"
            | "Col"
            | "Capt"
            | "Sgt"
            | "No"
            | "Jr"
            | "Sr"
            | "vs"
    )
}

/// Irregular past forms (and past auxiliaries) common in news.
const IRREGULAR_PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "began",
    "bought",
    "sold",
    "went",
    "came",
    "took",
    "made",
    "met",
    "left",
    "fell",
    "rose",
    "got",
    "gave",
    "won",
    "lost",
    "paid",
    "held",
    "ran",
    "saw",
    "became",
    "brought",
    "thought",
    "struck",
    "shot",
    "found",
    "kept",
    "led",
    "sent",
    "spent",
    "stood",
    "wrote",
    "broke",
    "chose",
    "drove",
    "flew",
    "grew",
    "knew",
    "spoke",
    "fought",
    "caught",
    "taught",
    "heard",
    "meant",
    "felt",
    "built",
    "lent",
    "swore",
    "wore",
    "threw",
    "drew",
    "forgave",
    "withdrew",
    "undertook",
    "overtook",
    "overthrew",
    "sought",
    "hit",
    "quit",
    "slid",
    "sank",
    "shrank",
    "rang",
    "sang",
    "swam",
    "hid",
    "bit",
    "ate",
    "arose",
    "awoke",
    "froze",
    "stole",
    "woke",
    "ago",
    "earlier",
    "previously",
    "formerly",
];

/// Words ending in "ed" that are not verbs in the past.
const NOT_PAST_ED: &[&str] = &[
    "need",
    "needed",
    "speed",
    "indeed",
    "hundred",
    "feed",
    "seed",
    "red",
    "bed",
    "shed",
    "united",
    "proceed",
    "exceed",
    "succeed",
    "breed",
    "greed",
    "weed",
    "deed",
    "creed",
    "freed",
    "limited",
    "related",
    "expected",
    "scheduled",
    "slated",
    "proposed",
    "intended",
    "anticipated",
    "projected",
    "interested",
    "concerned",
    "detailed",
    "advanced",
    "skilled",
    "talented",
    "armed",
    "based",
    "ed",
    "fed",
    "led",
    "wed",
];

/// Future cues; "to"-infinitives after planning verbs are handled by the
/// caller's word window.
const FUTURE: &[&str] = &[
    "will",
    "won't",
    "shall",
    "'ll",
    "expected",
    "expects",
    "expect",
    "scheduled",
    "plans",
    "plan",
    "planning",
    "slated",
    "due",
    "intends",
    "intend",
    "hopes",
    "upcoming",
    "tomorrow",
];

fn classify(word: &str, prev: Option<&str>) -> Tense {
    let w = word.to_ascii_lowercase();
    let w = w.as_str();
    if FUTURE.contains(&w) {
        // "had been scheduled to", "was due to": a plan of the past.
        let p = prev.map(str::to_ascii_lowercase);
        if p.is_some_and(|p| matches!(p.as_str(), "been" | "was" | "were" | "had")) {
            return Tense::Past;
        }
        return Tense::Future;
    }
    if matches!(w, "going") && prev.is_some_and(|p| matches!(p, "is" | "are" | "am" | "'re")) {
        return Tense::Future;
    }
    // "set to resume", "as soon as".
    if (w == "to" && prev.is_some_and(|p| p.eq_ignore_ascii_case("set"))) || w == "soon" {
        return Tense::Future;
    }
    if IRREGULAR_PAST.contains(&w) {
        return Tense::Past;
    }
    if w.len() >= 5 && w.ends_with("ed") && !NOT_PAST_ED.contains(&w) {
        // "to be paid", "will be completed": a passive, not a past.
        let p = prev.map(str::to_ascii_lowercase);
        if p.is_some_and(|p| matches!(p.as_str(), "be" | "being" | "to")) {
            return Tense::Unknown;
        }
        return Tense::Past;
    }
    if w == "would" {
        return Tense::Future;
    }
    Tense::Unknown
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The tense of the sentence around `start..end`: the nearest cue before
/// the expression, else the nearest after it.
/// Is the expression at `start` governed by a preposition that looks
/// forward ("by February", "until March 1", "effective Jan. 1")?
pub(crate) fn forward_preposition(text: &str, start: usize) -> bool {
    let before = words(&text[..start]);
    before.last().is_some_and(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "by" | "until" | "till" | "through" | "effective" | "starting" | "before"
        )
    })
}

/// Is the expression at `start` governed by "since" ("since year-end")?
pub(crate) fn backward_preposition(text: &str, start: usize) -> bool {
    words(&text[..start])
        .last()
        .is_some_and(|w| w.eq_ignore_ascii_case("since"))
}

pub(crate) fn tense_at(text: &str, start: usize, end: usize) -> Tense {
    let (s, e) = sentence_bounds(text, start, end);
    let before = words(&text[s..start]);
    for i in (0..before.len()).rev() {
        let prev = i.checked_sub(1).map(|j| before[j]);
        let t = classify(before[i], prev);
        if t != Tense::Unknown {
            return t;
        }
    }
    let after = words(&text[end.min(e)..e]);
    for i in 0..after.len() {
        let prev = i.checked_sub(1).map(|j| after[j]);
        let t = classify(after[i], prev);
        if t != Tense::Unknown {
            return t;
        }
    }
    Tense::Unknown
}
