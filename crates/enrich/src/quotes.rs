//! Quotes and attribution: who said what, with which words, and through whom.
//!
//! **In:** a paragraph of text (read by dyad's language core). **Out:** [`Relation`]s, each with a
//! source span (the speaker), a cue span ("said", "according to", "quoted … as saying") and a
//! content span (what was said), as byte offsets in the paragraph, and a `via` span for a relayed
//! quote ("TASS quoted the Russian Security Council as saying …": source the council, via TASS).
//!
//! Hand-written rules over tagged tokens, because attribution in news follows a handful of shapes:
//! 1. `SOURCE CUE (that) CONTENT` — "The Post reports that …", "Officials said the talks …";
//! 2. `CONTENT, SOURCE CUE.` / `CONTENT, CUE SOURCE.` — "“…,” the RSC said." (the content runs back
//!    to the opening quotation mark, across sentences if need be, else to the sentence start);
//! 3. `according to SOURCE, CONTENT` and `CONTENT, according to SOURCE`;
//! 4. `VIA quoted SOURCE as saying (that) CONTENT`;
//! 5. `SOURCE CUE: “CONTENT”`.
//!
//! Cue verbs are the lemmas in `data/cues.txt` (say, tell, announce, warn, …), plain data.

use dyad_text::{Token, Upos};

/// A byte span in the paragraph.
pub type Span = (usize, usize);

/// One attribution relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub source: Option<Span>,
    pub cue: Span,
    pub content: Span,
    /// Who relayed it ("TASS quoted …").
    pub via: Option<Span>,
}

/// A relation with source `toks[ss..se]`, cue `toks[cs..ce]` and no relay.
fn spoken(
    toks: &[Token],
    (ss, se): (usize, usize),
    (cs, ce): (usize, usize),
    content: Span,
) -> Relation {
    Relation {
        source: Some(span(toks, ss, se)),
        cue: (toks[cs].start, toks[ce - 1].end),
        content,
        via: None,
    }
}

const CUES_TEXT: &str = include_str!("../data/cues.txt");

/// The words of a one-word-a-line list with `#` comments.
fn word_list(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect()
}

fn cue_lemmas() -> &'static [&'static str] {
    static C: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    C.get_or_init(|| word_list(CUES_TEXT))
}

fn is_quote_mark(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "``" | "''" | "«" | "»")
}

fn is_open_quote(t: &Token, prev_end: Option<usize>) -> bool {
    match t.text.as_str() {
        "“" | "``" | "«" => true,
        // A straight quote (and the New York Times' two apostrophes) opens when it does not touch
        // the word before it.
        "\"" | "''" => prev_end.is_none_or(|e| e < t.start),
        _ => false,
    }
}

/// A verb that introduces reported speech, at token `k`. A cue verb in `-s` that the tagger took
/// for a plural noun counts too when a noun phrase is before it and "that" or "to" after it ("The
/// Tax Policy Center estimates that …", "The campaign plans to …").
fn is_cue(toks: &[Token], k: usize) -> bool {
    let t = &toks[k];
    let lemma_ok = || listed(cue_lemmas(), &t.lemma);
    match t.upos {
        // "eight states", "five states": a plural noun read as a verb.
        // Not "Six in 10 say", "two in three said": a share of those polled.
        Upos::VERB
            if k > 0
                && toks[k - 1].upos == Upos::NUM
                && !(k > 2
                    && matches!(toks[k - 2].text.as_str(), "in" | "of")
                    && toks[k - 3].upos == Upos::NUM) =>
        {
            false
        }
        // "maintained its lead" (not "maintained that …"), "found himself in trouble".
        Upos::VERB
            if (t.lemma.eq_ignore_ascii_case("maintain")
                && toks.get(k + 1).is_none_or(|n| n.text != "that"))
                || (t.lemma.eq_ignore_ascii_case("find")
                    && toks.get(k + 1).is_some_and(|n| {
                        n.text.ends_with("self") || n.text.ends_with("selves")
                    })) =>
        {
            false
        }
        Upos::VERB => {
            lemma_ok()
                || toks.get(k + 1).is_some_and(|n| phrasal(t, n))
                // Verbs that report only next to the words reported: "“…,” he continued.",
                // "she continued: “…”" (not "he continued to campaign").
                || (listed(QUOTE_ONLY, &t.lemma)
                    && toks.get(k + 1).is_none_or(|n| {
                        matches!(n.text.as_str(), "," | "." | ":") || is_quote_mark(&n.text)
                    }))
        }
        Upos::NOUN => {
            t.text.ends_with('s')
                && k > 0
                && matches!(toks[k - 1].upos, Upos::NOUN | Upos::PROPN)
                && toks.get(k + 1).is_some_and(|n| {
                    matches!(n.text.as_str(), "that" | "to")
                        // "a new poll finds Clinton ahead", "the records show the …"
                        || matches!(n.upos, Upos::DET | Upos::PROPN | Upos::NUM)
                })
                && lemma_ok()
        }
        // A state of mind after a copula ("was worried that", "are eager to", "is critical of").
        Upos::ADJ => {
            listed(STATE_ADJ, &t.lemma)
                && toks[..k]
                    .iter()
                    .rev()
                    .find(|p| p.upos != Upos::ADV)
                    .is_some_and(|p| p.lemma.eq_ignore_ascii_case("be"))
        }
        _ => false,
    }
}

/// Nouns of stance and the preposition that names what they are about ("attacks on").
const NOUN_PREP: &[(&str, &str)] = &[
    ("attack", "on"),
    ("criticism", "of"),
    ("endorsement", "of"),
    ("praise", "of"),
    ("defense", "of"),
    ("condemnation", "of"),
    ("rejection", "of"),
    ("embrace", "of"),
];

/// Participles of a state of mind whose passive subject is the one who holds it ("are worried").
const STATE_PASSIVE: &[&str] = &[
    "worried",
    "concerned",
    "shocked",
    "convinced",
    "assured",
    "outraged",
    "surprised",
    "disappointed",
    "frustrated",
    "alarmed",
    "troubled",
    "persuaded",
];

/// Adjectives of a state of mind that PolNeAR reads as attributions after a copula.
const STATE_ADJ: &[&str] = &[
    "worried",
    "eager",
    "aware",
    "convinced",
    "hopeful",
    "upset",
    "glad",
    "reluctant",
    "supportive",
    "wary",
    "vocal",
    "adamant",
    "shocked",
    "critical",
    "concerned",
];

/// Verbs that report only with their particle ("voted against", "railed against", "laid out").
const PHRASAL: &[(&str, &str)] = &[
    ("vote", "for"),
    ("vote", "against"),
    ("vote", "to"),
    ("vouch", "for"),
    ("rail", "against"),
    ("allude", "to"),
    ("refer", "to"),
    ("lay", "out"),
    ("lash", "out"),
    ("single", "out"),
    ("shrug", "off"),
    ("advocate", "for"),
    ("stand", "by"),
    ("play", "down"),
    ("side", "with"),
    ("double", "down"),
    ("look", "to"),
    ("focus", "on"),
    ("fire", "back"),
];

/// `next` is the particle that belongs to the cue verb `t` ("called for", "calling on", "voted
/// against").
fn particle_of(t: &Token, next: &Token) -> bool {
    (t.lemma.eq_ignore_ascii_case("call") && matches!(next.text.as_str(), "for" | "on"))
        || phrasal(t, next)
}

/// Whether `t` and `next` are one of the [`PHRASAL`] reporting verbs with its particle.
fn phrasal(t: &Token, next: &Token) -> bool {
    PHRASAL
        .iter()
        .any(|(l, p)| t.lemma.eq_ignore_ascii_case(l) && next.text.eq_ignore_ascii_case(p))
}

/// Whether `word` is in `list` (lower-case words), in any case, without allocating.
fn listed(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Where the cue verb at `k` begins with its auxiliaries, adverbs and a negation ("has also
/// said", "did not mention", "didn't disclose").
fn aux_start(toks: &[Token], k: usize) -> usize {
    let mut cs = k;
    while cs > 0
        && (matches!(toks[cs - 1].upos, Upos::AUX | Upos::ADV)
            || (toks[cs - 1].upos == Upos::PART
                && matches!(
                    toks[cs - 1].text.to_lowercase().as_str(),
                    "not" | "n't" | "n’t"
                )))
    {
        cs -= 1;
    }
    cs
}

/// A subject at the start of the sentence that the tagger read as an adverb or an auxiliary and
/// so took into the cue ("Aides said", "Nearly half said"): the capitalised words before the cue
/// verb at `k` when the cue starts the sentence (`cs == 0`).
fn misread_subject(toks: &[Token], cs: usize, k: usize) -> Option<(usize, usize)> {
    if (cs != 0 && !(toks[cs - 1].text == "," || is_quote_mark(&toks[cs - 1].text)))
        || k == cs
        || k > cs + 3
        || !is_finite(&toks[k])
        || !listed(SPEECH, &toks[k].lemma)
    {
        return None;
    }
    let first = &toks[cs];
    if !first.text.chars().next().is_some_and(char::is_uppercase)
        || first.upos == Upos::AUX && matches!(first.lemma.as_str(), "be" | "have" | "do")
    {
        return None;
    }
    // Up to the cue, without its real auxiliaries ("Aides have said").
    let mut e = k;
    while e > cs + 1 && toks[e - 1].upos == Upos::AUX {
        e -= 1;
    }
    Some((cs, e))
}

/// The verb that governs an infinitive cue at `k` ("went on to say", "continued to question",
/// "will come on the show to talk"), when it is not itself a report: its token.
fn governing_verb(toks: &[Token], k: usize) -> Option<usize> {
    let to = k.checked_sub(1)?;
    if !toks[to].text.eq_ignore_ascii_case("to") || toks[to].upos != Upos::PART {
        return None;
    }
    // Back over a short phrase between the verb and "to" ("on", "on the show").
    let lo = to.saturating_sub(4);
    let g = (lo..to)
        .rev()
        .find(|&j| matches!(toks[j].upos, Upos::VERB | Upos::AUX))?;
    if toks[g].upos != Upos::VERB
        || is_cue(toks, g)
        || toks[g + 1..to]
            .iter()
            .any(|t| matches!(t.upos, Upos::PUNCT | Upos::VERB | Upos::SCONJ | Upos::PRON))
    {
        return None;
    }
    Some(g)
}

/// Verbs that introduce a quotation only when it is next to them.
const QUOTE_ONLY: &[&str] = &[
    "continue",
    "laugh",
    "quip",
    "shout",
    "chant",
    "yell",
    "exclaim",
    "muse",
    "retort",
    "counter",
    "recount",
    "interject",
    "scoff",
    "sigh",
    "chime",
];

const NOUN_CUES_TEXT: &str = include_str!("../data/noun_cues.txt");

/// Nouns that report speech or belief with a "that" clause ("his claim that …").
fn noun_cue_lemmas() -> &'static [&'static str] {
    static C: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    C.get_or_init(|| word_list(NOUN_CUES_TEXT))
}

/// The holder of a noun cue at token `k`: a possessive before it, past any adjectives ("Trump's
/// repeated claim", "his warning"). Token range of the holder.
fn possessor_before(toks: &[Token], k: usize) -> Option<(usize, usize)> {
    let mut j = k;
    while j > 0 && toks[j - 1].upos == Upos::ADJ {
        j -= 1;
    }
    let p = toks.get(j.checked_sub(1)?)?;
    if p.upos == Upos::PART && matches!(p.text.as_str(), "'s" | "’s" | "'" | "’") {
        let (s, _) = np_before(toks, j - 1)?;
        return Some((s, j - 1));
    }
    matches!(
        p.text.to_lowercase().as_str(),
        "his" | "her" | "their" | "its" | "our" | "my" | "your"
    )
    .then_some((j - 1, j))
}

/// Words that end a noun phrase when scanning outwards from a cue.
fn np_word(t: &Token) -> bool {
    matches!(
        t.upos,
        Upos::NOUN | Upos::PROPN | Upos::ADJ | Upos::DET | Upos::NUM | Upos::PRON
    ) || (t.upos == Upos::PART && (t.text.starts_with('\'') || t.text.starts_with('’')))
        || (t.upos == Upos::ADP && t.text.eq_ignore_ascii_case("of"))
        // "A CNN/ORC poll"
        || t.text == "/"
}

/// The noun phrase that ends right before token `i` (its token range), if any.
fn np_before(toks: &[Token], i: usize) -> Option<(usize, usize)> {
    let mut s = i;
    while s > 0 && np_word(&toks[s - 1]) {
        s -= 1;
    }
    // "of" cannot open the phrase.
    while s < i
        && (toks[s].text.eq_ignore_ascii_case("of")
            || toks[s].upos == Upos::PART
            || toks[s].text == "/")
    {
        s += 1;
    }
    (s < i && toks[s..i].iter().any(|t| !matches!(t.upos, Upos::DET))).then_some((s, i))
}

/// A word that heads a time expression ("on Thursday", "last week", "at the time", "two weeks ago").
fn is_time_word(t: &Token) -> bool {
    const NAMED: &[&str] = &[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const WORDS: &[&str] = &[
        "today",
        "yesterday",
        "tonight",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "day",
        "days",
        "night",
        "morning",
        "afternoon",
        "evening",
        "weekend",
        "time",
        "times",
        "past",
        "hour",
        "hours",
        "minute",
        "minutes",
        "ago",
        "earlier",
        "later",
        "moment",
        "point",
    ];
    NAMED.contains(&t.text.as_str()) || WORDS.contains(&t.text.as_str())
}

/// A finite verb or auxiliary ("said", "has", "will"), by its Penn tag.
fn is_finite(t: &Token) -> bool {
    matches!(t.upos, Upos::VERB | Upos::AUX) && matches!(t.xpos, "VBD" | "VBZ" | "VBP" | "MD")
}

/// The speaker before a cue at token `cs`: the noun phrase right before it (past a time
/// expression: "Trump on Thursday said"), or one followed by an apposition ("Kerr Putney, the
/// police chief, said") or a parenthesis ("Rep. Jim Jordan (R-Ohio) said"), or the subject of the
/// clause when the cue is coordinated ("… and said", "…, saying").
/// Token range of the speaker, the apposition included.
fn source_before(
    toks: &[Token],
    quote_open: &[Option<usize>],
    cs: usize,
) -> Option<(usize, usize)> {
    if cs == 0 {
        return None;
    }
    let prev = &toks[cs - 1];
    // "… of “New York values,” saying …": the comma inside the closing quotation mark.
    if cs > 1
        && is_quote_mark(&prev.text)
        && toks[cs - 2].text == ","
        && toks[cs].text.ends_with("ing")
    {
        return clause_subject(toks, quote_open, cs - 2);
    }
    if np_word(prev)
        && let Some((s, e)) = np_before(toks, cs)
    {
        // "McConnell issued a statement saying …", "Trump was heard on a microphone telling …":
        // an object or a prepositional phrase before a participle; the speaker is the subject.
        let participle = toks[cs..]
            .iter()
            .find(|t| !matches!(t.upos, Upos::ADV | Upos::AUX))
            .is_some_and(|t| t.text.ends_with("ing"));
        if participle
            && s > 0
            && (toks[s - 1].upos == Upos::VERB
                || (toks[s - 1].upos == Upos::ADP && !toks[s - 1].text.eq_ignore_ascii_case("of")))
            && let Some(r) = clause_subject(toks, quote_open, s)
        {
            return Some(r);
        }
        if !is_time_word(&toks[e - 1]) {
            return Some((s, e));
        }
        // "Gowdy earlier Thursday said", "Clinton on Tuesday said": the speaker is before the time.
        let mut j = s;
        while j > 0
            && matches!(toks[j - 1].upos, Upos::ADP | Upos::ADV)
            && !toks[j - 1].text.eq_ignore_ascii_case("of")
        {
            j -= 1;
        }
        // "A new poll released Saturday found", "The report published last week showed": the
        // time belongs to a participle after the speaker.
        if j > 1
            && toks[j - 1].upos == Upos::VERB
            && matches!(toks[j - 1].xpos, "VBN" | "VBD")
            && toks[j - 1].text.ends_with("ed")
            && matches!(toks[j - 2].upos, Upos::NOUN | Upos::PROPN)
            && let Some((s2, _)) = np_before(toks, j - 1)
        {
            return Some((s2, e));
        }
        return source_before(toks, quote_open, j);
    }
    match prev.text.as_str() {
        "and" | "but" | "," | "by" | "for" | "from" | "after" | "before" | "while" | "when"
            if toks[cs].text.ends_with("ing") || matches!(prev.text.as_str(), "and" | "but") =>
        {
            // "X bemoaned the unrest and said …", "X left, saying …": the subject of the nearest
            // finite verb before.
            clause_subject(toks, quote_open, cs - 1)
        }
        "," | "--" | "—" | "–" => {
            if prev.text == ","
                && let Some(r) = apposed_subject(toks, quote_open, cs)
            {
                return Some(r);
            }
            // NP , APPOSITION , CUE   /   NP -- APPOSITION -- CUE
            let lo = cs.saturating_sub(28);
            let comma = (lo..cs - 1)
                .rev()
                .find(|&j| matches!(toks[j].text.as_str(), "," | "--" | "—" | "–"))?;
            let (s, _) = source_before(toks, quote_open, comma)?;
            Some((s, cs - 1))
        }
        ")" => {
            let open = (0..cs - 1).rev().find(|&j| toks[j].text == "(")?;
            let (s, _) = np_before(toks, open)?;
            Some((s, cs))
        }
        _ => None,
    }
}

/// The subject of the nearest finite verb before token `end`, outside quotations ("the real estate
/// tycoon entered the race …, calling them …").
fn clause_subject(
    toks: &[Token],
    quote_open: &[Option<usize>],
    end: usize,
) -> Option<(usize, usize)> {
    let mut v = end;
    while v > 0 {
        v -= 1;
        let t = &toks[v];
        if t.text == ";" {
            return None;
        }
        // A past tense the tagger read as a participle after the sentence's subject ("The
        // businessman began by talking about …, saying").
        let misread = t.upos == Upos::VERB
            && t.xpos == "VBN"
            && v > 0
            && matches!(toks[v - 1].upos, Upos::NOUN | Upos::PROPN | Upos::PRON)
            && np_before(toks, v).is_some_and(|(s, _)| s == 0);
        if quote_open.get(v).copied().flatten().is_some() || !(is_finite(t) || misread) {
            continue;
        }
        let mut j = v;
        while j > 0 && toks[j - 1].upos == Upos::ADV {
            j -= 1;
        }
        if j > 0 && is_quote_mark(&toks[j - 1].text) {
            continue;
        }
        if let Some(r) = source_before(toks, quote_open, j) {
            return Some(r);
        }
    }
    None
}

/// The subject that opens the sentence (after a dateline or an opening phrase) when a comma
/// follows it and everything up to the cue at `cs` is its apposition ("Rich Heffley, a GOP
/// operative who played a major role in …, said"): no finite verb outside a relative clause.
fn apposed_subject(
    toks: &[Token],
    quote_open: &[Option<usize>],
    cs: usize,
) -> Option<(usize, usize)> {
    if cs < 3 || is_quote_mark(&toks[0].text) {
        return None;
    }
    let mut i = 0;
    // A dateline: "WASHINGTON (AP) —", "ORLANDO, Fla. (Reuters) -".
    if let Some(d) = toks[..cs.min(12)]
        .iter()
        .position(|t| matches!(t.text.as_str(), "—" | "-" | "--" | "–"))
        && !toks[..d]
            .iter()
            .any(|t| matches!(t.upos, Upos::VERB | Upos::AUX))
    {
        i = d + 1;
    }
    // An opening phrase: "In a statement, …", "Last week, …".
    let opens = |i: usize| {
        toks.get(i).is_some_and(|t| {
            matches!(t.upos, Upos::ADP | Upos::SCONJ | Upos::ADV)
                || (t.upos == Upos::VERB && t.text.ends_with("ing"))
        }) || np_after(toks, i).is_some_and(|(_, e)| is_time_word(&toks[e - 1]))
    };
    if opens(i) {
        i = (i..cs).find(|&j| toks[j].text == ",")? + 1;
    }
    let (s, e) = np_after(toks, i)?;
    if e + 1 >= cs || toks[e].text != "," || quote_open[s].is_some() {
        return None;
    }
    let mut relative = false;
    for t in &toks[e..cs - 1] {
        if matches!(
            t.text.to_lowercase().as_str(),
            "who" | "whose" | "which" | "that" | "whom" | "where"
        ) {
            relative = true;
        }
        if is_finite(t) && !relative {
            return None;
        }
    }
    Some((s, cs - 1))
}

/// "…, said Steve Elmendorf, a Clinton adviser.": the noun phrase right after the cue at `ce`
/// ends the clause (a full stop, a comma, a bracket), so it is the speaker of an inverted report,
/// not the start of the content.
fn inverted_source(toks: &[Token], k: usize, ce: usize) -> Option<(usize, usize)> {
    // Verbs of speech invert; verbs with an object ("told AFP", "tweeted their approval") do not.
    const INVERTING: &[&str] = &[
        "say",
        "add",
        "write",
        "ask",
        "explain",
        "note",
        "continue",
        "reply",
        "respond",
        "recall",
        "argue",
        "insist",
        "warn",
        "conclude",
        "observe",
        "declare",
        "announce",
        "state",
        "report",
        "remark",
        "comment",
        "concede",
        "acknowledge",
        "admit",
        "suggest",
        "complain",
        "predict",
        "claim",
        "joke",
        "quip",
        "caution",
        "counter",
        "retort",
        "tweet",
    ];
    if !listed(INVERTING, &toks[k].lemma) {
        return None;
    }
    let (s, mut e) = np_after(toks, ce)?;
    // "said one source who …": the relative pronoun opens a clause, not the phrase.
    if let Some(w) = (s + 1..e).find(|&j| matches!(toks[j].xpos, "WP" | "WDT" | "WP$")) {
        e = w;
    }
    // "said a longtime adviser to Trump", "said a spokesman for the campaign": a title's
    // complement belongs to the speaker.
    while toks[e - 1].upos == Upos::NOUN
        && toks.get(e).is_some_and(|t| {
            matches!(
                t.text.as_str(),
                "to" | "for" | "with" | "from" | "at" | "on"
            )
        })
        && let Some((_, e2)) = np_after(toks, e + 1)
        && !(e + 1..e2).any(|j| matches!(toks[j].xpos, "WP" | "WDT" | "WP$"))
        && !is_time_word(&toks[e2 - 1])
    {
        e = e2;
    }
    if is_time_word(&toks[e - 1])
        || toks[s].text.eq_ignore_ascii_case("of")
        || (toks[s].upos == Upos::PRON
            && matches!(
                toks[s].text.to_lowercase().as_str(),
                "him"
                    | "her"
                    | "them"
                    | "me"
                    | "us"
                    | "it"
                    | "this"
                    | "that"
                    | "his"
                    | "their"
                    | "its"
                    | "our"
                    | "my"
                    | "your"
            ))
    {
        return None;
    }
    match toks.get(e) {
        None => Some((s, e)),
        Some(t)
            if matches!(
                t.text.as_str(),
                "." | "!" | "?" | "," | "(" | ";" | "--" | "—" | "–"
            ) =>
        {
            Some((s, e))
        }
        // "…,” said a committee member who supports Trump.", "said Mayor Don Guardian in a
        // telephone interview": a relative clause or a circumstance after a named speaker.
        Some(t)
            if e > s + 1
                && matches!(
                    t.text.as_str(),
                    "who" | "whose" | "in" | "at" | "during" | "after" | "while" | "when" | "for"
                ) =>
        {
            Some((s, e))
        }
        _ => None,
    }
}

/// The noun phrase that starts at token `i`.
fn np_after(toks: &[Token], i: usize) -> Option<(usize, usize)> {
    let mut e = i;
    while e < toks.len() && np_word(&toks[e]) {
        e += 1;
    }
    // "the Russian Security Council (RSC)": the acronym in brackets belongs to the phrase.
    if e > i
        && toks.get(e).is_some_and(|t| t.text == "(")
        && toks.get(e + 2).is_some_and(|t| t.text == ")")
    {
        e += 3;
    }
    (e > i).then_some((i, e))
}

fn span(toks: &[Token], a: usize, b: usize) -> Span {
    (toks[a].start, toks[b - 1].end)
}

/// Finds the attribution relations of one paragraph, given its sentences' tokens.
pub fn find(sentences: &[&[Token]]) -> Vec<Relation> {
    let mut out = Vec::new();
    // Where an unclosed quotation opened, across sentences: (byte offset of its first word).
    let mut open_at: Option<usize> = None;
    // A quotation that closed its sentence: (its span), for a speaker in the next sentence.
    let mut prev_quote: Option<Span> = None;
    for toks in sentences {
        let n = toks.len();
        if n == 0 {
            continue;
        }
        // Quotation state at each token: the byte where the quotation containing it opened.
        let mut quote_open: Vec<Option<usize>> = vec![None; n];
        let mut cur = open_at;
        for k in 0..n {
            let t = &toks[k];
            if is_quote_mark(&t.text) {
                let prev_end = k.checked_sub(1).map(|p| toks[p].end);
                if cur.is_none() && is_open_quote(t, prev_end) {
                    cur = toks.get(k + 1).map(|x| x.start);
                } else if cur.is_some() {
                    quote_open[k] = cur;
                    cur = None;
                    continue;
                }
            }
            quote_open[k] = cur;
        }
        open_at = cur;
        let this_quote = {
            let mut m = n - 1;
            while m > 0 && matches!(toks[m].text.as_str(), "." | "!" | "?") {
                m -= 1;
            }
            (is_quote_mark(&toks[m].text))
                .then(|| quote_open[m].map(|open| (open, trim_end(toks, m))))
                .flatten()
                .filter(|(a, b)| a < b)
        };
        let sent_start = toks[0].start;
        let sent_end = toks[n - 1].end;
        let mut used = vec![false; n];
        let sent_first = out.len();

        // 3. "according to SOURCE"
        for k in 0..n.saturating_sub(2) {
            if !(toks[k].text.eq_ignore_ascii_case("according") && toks[k + 1].text == "to") {
                continue;
            }
            let Some((ss, se)) = np_after(toks, k + 2) else {
                continue;
            };
            let cue = span(toks, k, k + 2);
            let source = Some(span(toks, ss, se));
            let content = if toks.get(se).is_some_and(|t| t.text == ",") && se + 2 < n {
                // "According to X, CONTENT." / "The two sides, according to X, agreed …"
                if k == 0 {
                    (toks[se + 1].start, sent_end)
                } else {
                    (sent_start, sent_end)
                }
            } else if k > 0 && toks[k - 1].text == "," {
                // "CONTENT, according to X."
                (sent_start, toks[k - 1].start)
            } else {
                (toks[(se).min(n - 1)].start, sent_end)
            };
            used[k..se].iter_mut().for_each(|u| *u = true);
            if content.0 < content.1 {
                out.push(Relation {
                    source,
                    cue,
                    content,
                    via: None,
                });
            }
        }

        // 8. "In a CNN poll released Monday, CONTENT": the poll is the source.
        if n > 4 && toks[0].text == "In" {
            let mut e = 1;
            while e < n
                && (np_word(&toks[e])
                    || matches!(toks[e].text.as_str(), "/" | "-")
                    || // "released Monday", however tagged.
                    (toks[e].upos == Upos::VERB && matches!(toks[e].xpos, "VBN" | "VBD")))
            {
                e += 1;
            }
            if toks.get(e).is_some_and(|t| t.text == ",")
                && e + 1 < n
                && toks[1..e].iter().any(|t| {
                    t.upos == Upos::NOUN
                        && matches!(t.lemma.to_lowercase().as_str(), "poll" | "survey")
                })
                && quote_open[0].is_none()
            {
                out.push(Relation {
                    source: Some(span(toks, 1, e)),
                    cue: span(toks, 0, 1),
                    content: (toks[e + 1].start, content_end(toks, e + 1)),
                    via: None,
                });
                used[..=e].iter_mut().for_each(|u| *u = true);
            }
        }

        // 6. "“CONTENT” ― NAME" and "NAME: CONTENT" (letters, transcripts, headlines).
        for k in 1..n {
            let t = toks[k].text.as_str();
            if matches!(t, "―" | "—" | "–")
                && is_quote_mark(&toks[k - 1].text)
                && let Some(open) = quote_open[k - 1]
                && let Some((ss, se)) = np_after(toks, k + 1)
                && toks[ss].upos == Upos::PROPN
            {
                let content_end = trim_end(toks, k - 1);
                if open < content_end {
                    out.push(Relation {
                        source: Some(span(toks, ss, se)),
                        cue: span(toks, k, k + 1),
                        content: (open, content_end),
                        via: None,
                    });
                    used[k..se].iter_mut().for_each(|u| *u = true);
                }
            }
            if t == ":"
                && k <= 4
                && k + 1 < n
                && toks[..k].iter().enumerate().all(|(j, x)| {
                    let cap = x.text.chars().next().is_some_and(char::is_uppercase);
                    x.upos == Upos::PROPN
                        || is_quote_mark(&x.text)
                        // A headline's capitalised noun ("Poll: …", "Pence: …"), a name read as
                        // a verb ("Sanders: …").
                        || (x.upos == Upos::NOUN && cap)
                        || (x.upos == Upos::VERB && x.xpos == "VBZ" && cap)
                        // "Clinton camp: …"
                        || (j > 0 && x.upos == Upos::NOUN && toks[j - 1].upos == Upos::PROPN)
                })
                && !toks[k + 1].text.starts_with(|c: char| c.is_ascii_digit())
                && toks[..k].iter().any(|x| !is_quote_mark(&x.text))
            {
                let ss = toks[..k]
                    .iter()
                    .position(|x| !is_quote_mark(&x.text))
                    .unwrap_or(0);
                out.push(Relation {
                    source: Some(span(toks, ss, k)),
                    cue: span(toks, k, k + 1),
                    content: (toks[k + 1].start, content_end(toks, k + 1)),
                    via: None,
                });
                used[..=k].iter_mut().for_each(|u| *u = true);
            }
        }

        // 7. "SOURCE's claim that CONTENT", "his warning that CONTENT".
        for k in 1..n.saturating_sub(2) {
            if used[k]
                || quote_open[k].is_some()
                || toks[k].upos != Upos::NOUN
                || toks[k + 1].text != "that"
                || !listed(noun_cue_lemmas(), &toks[k].lemma)
            {
                continue;
            }
            let Some((ss, se)) = possessor_before(toks, k) else {
                continue;
            };
            out.push(Relation {
                source: Some(span(toks, ss, se)),
                cue: span(toks, k, k + 1),
                content: (toks[k + 1].start, content_end(toks, k + 2)),
                via: None,
            });
            used[ss..=k].iter_mut().for_each(|u| *u = true);
        }

        // 9. "Asked about X, he said …", "When asked whether X, …": the question is a report of
        // its own, with its asker unnamed.
        for k in 0..n.saturating_sub(3) {
            if used[k]
                || quote_open[k].is_some()
                || !toks[k].text.eq_ignore_ascii_case("asked")
                || !(k == 0
                    || (k == 1 && toks[0].text.eq_ignore_ascii_case("when"))
                    || toks[k - 1].text == ",")
            {
                continue;
            }
            let next = &toks[k + 1];
            let about = next.text.eq_ignore_ascii_case("about");
            if !(about
                || matches!(next.text.to_lowercase().as_str(), "whether" | "if")
                || matches!(next.xpos, "WP" | "WRB" | "WDT"))
            {
                continue;
            }
            let cstart = if about { k + 2 } else { k + 1 };
            // The question runs to the comma that closes the phrase, outside quotations.
            let Some(comma) = (cstart + 1..n - 1).find(|&j| {
                toks[j].text == ","
                    && (quote_open[j].is_none()
                        || toks.get(j + 1).is_some_and(|t| is_quote_mark(&t.text)))
            }) else {
                continue;
            };
            out.push(Relation {
                source: None,
                cue: span(toks, k, cstart),
                content: (toks[cstart].start, trim_end(toks, comma)),
                via: None,
            });
            used[k..cstart].iter_mut().for_each(|u| *u = true);
        }

        // 7'. "his attacks on X", "Trump’s criticism of the deal": a noun of
        // stance with its possessor and its preposition.
        for k in 1..n.saturating_sub(2) {
            if used[k] || quote_open[k].is_some() || toks[k].upos != Upos::NOUN {
                continue;
            }
            let (lemma, prep) = (&toks[k].lemma, toks[k + 1].text.as_str());
            if !NOUN_PREP
                .iter()
                .any(|(l, p)| lemma.eq_ignore_ascii_case(l) && *p == prep)
            {
                continue;
            }
            let Some((ss, se)) = possessor_before(toks, k) else {
                continue;
            };
            let Some((_, ce)) = np_after(toks, k + 2) else {
                continue;
            };
            out.push(Relation {
                source: Some(span(toks, ss, se)),
                cue: span(toks, k, k + 2),
                content: span(toks, k + 2, ce),
                via: None,
            });
            used[ss..k + 2].iter_mut().for_each(|u| *u = true);
        }

        for k in 0..n {
            if used[k] || !is_cue(toks, k) || quote_open[k].is_some() {
                continue;
            }
            // The cue with its auxiliaries and a negation ("has learned", "will say", "did not
            // mention").
            let mut cs = aux_start(toks, k);
            // An infinitive governed by a verb that is not a report itself ("went on to say",
            // "will come on the show to talk about"): the governing verb is part of the cue, so
            // the speaker is its subject.
            if cs == k
                && let Some(g) = governing_verb(toks, k)
                && !used[g..k].iter().any(|&u| u)
                && quote_open[g].is_none()
            {
                cs = aux_start(toks, g);
            }
            let mut ce = k + 1;
            // "called for", "calling on", "voted against"
            if toks.get(ce).is_some_and(|t| particle_of(&toks[k], t)) {
                ce += 1;
            }
            // 4. "VIA quoted SOURCE as saying (that) CONTENT"
            if toks[k].lemma.eq_ignore_ascii_case("quote")
                && let Some((ss, se)) = np_after(toks, k + 1)
                && toks
                    .get(se)
                    .is_some_and(|t| t.text.eq_ignore_ascii_case("as"))
                && toks
                    .get(se + 1)
                    .is_some_and(|t| t.lemma.eq_ignore_ascii_case("say"))
            {
                let via = np_before(toks, cs).map(|(a, b)| span(toks, a, b));
                let mut cstart = se + 2;
                if toks
                    .get(cstart)
                    .is_some_and(|t| t.text.eq_ignore_ascii_case("that"))
                {
                    cstart += 1;
                }
                if cstart < n {
                    out.push(Relation {
                        source: Some(span(toks, ss, se)),
                        cue: (toks[cs].start, toks[se + 1].end),
                        content: (toks[cstart].start, sent_end),
                        via,
                    });
                }
                used[cs..=se + 1].iter_mut().for_each(|u| *u = true);
                continue;
            }
            // A passive cue ("has been endorsed by X", "was first reported"): the speaker is
            // after `by`, or unnamed.
            let passive = toks[cs..k].iter().any(|t| {
                t.upos == Upos::AUX
                    && matches!(
                        t.lemma.to_lowercase().as_str(),
                        "be" | "been" | "is" | "was" | "were" | "are" | "being"
                    )
            }) && toks[k].text.ends_with("ed");
            // "“…,” Braynard is quoted as saying.": the subject is the speaker.
            if passive
                && toks[k].lemma.eq_ignore_ascii_case("quote")
                && toks.get(k + 1).is_some_and(|t| t.text == "as")
                && let Some((ss, se)) = np_before(toks, cs)
            {
                let mut ce = k + 2;
                if toks
                    .get(ce)
                    .is_some_and(|t| t.lemma.eq_ignore_ascii_case("say"))
                {
                    ce += 1;
                }
                let content = if ce < n && !matches!(toks[ce].text.as_str(), "." | "!" | "?") {
                    Some((toks[ce].start, content_end(toks, ce)))
                } else if ss > 0 && (toks[ss - 1].text == "," || is_quote_mark(&toks[ss - 1].text))
                {
                    content_before(toks, &quote_open, ss - 1, sent_start)
                } else {
                    None
                };
                if let Some(content) = content {
                    out.push(spoken(toks, (ss, se), (cs, ce), content));
                    used[ss..ce].iter_mut().for_each(|u| *u = true);
                }
                continue;
            }
            if passive {
                // "has been attacked on the speeches by X": `by` within the clause.
                let by = (k + 1..n.min(k + 8))
                    .take_while(|&j| toks[j].upos != Upos::PUNCT && toks[j].upos != Upos::VERB)
                    .find(|&j| toks[j].text == "by");
                // A state of mind in the passive with no agent ("Republicans are worried that
                // …", "she is convinced"): the subject holds it, and it is about what follows.
                if by.is_none()
                    && STATE_PASSIVE
                        .iter()
                        .any(|w| toks[k].text.eq_ignore_ascii_case(w))
                    && let Some((ss, se)) = source_before(toks, &quote_open, cs)
                {
                    let mut a = k + 1;
                    while a < n && matches!(toks[a].text.as_str(), "that" | "about" | "of" | "by") {
                        a += 1;
                    }
                    if a < n && !matches!(toks[a].text.as_str(), "." | "!" | "?") {
                        out.push(Relation {
                            source: Some(span(toks, ss, se)),
                            cue: (toks[cs].start, toks[k].end),
                            content: (toks[a].start, content_end(toks, a)),
                            via: None,
                        });
                        used[ss..=k].iter_mut().for_each(|u| *u = true);
                    }
                    continue;
                }
                let source = by.and_then(|b| np_after(toks, b + 1));
                // What was said is the subject ("Clinton has been endorsed by …"), else what
                // follows the cue.
                let content = match np_before(toks, cs) {
                    Some((a, b)) => Some(span(toks, a, b)),
                    None => (k + 1 < n).then(|| (toks[k + 1].start, content_end(toks, k + 1))),
                };
                if let Some(content) = content {
                    out.push(Relation {
                        source: source.map(|(ss, se)| span(toks, ss, se)),
                        cue: (toks[cs].start, toks[k].end),
                        content,
                        via: None,
                    });
                    let end = source.map_or(k + 1, |(_, se)| se);
                    used[cs..end].iter_mut().for_each(|u| *u = true);
                }
                continue;
            }
            let coordinated = cs > 0
                && (matches!(toks[cs - 1].text.as_str(), "and" | "but")
                    || (matches!(
                        toks[cs - 1].text.as_str(),
                        "," | "by" | "for" | "from" | "after" | "before" | "while" | "when"
                    ) && toks[k].text.ends_with("ing"))
                    || (cs > 1
                        && is_quote_mark(&toks[cs - 1].text)
                        && toks[cs - 2].text == ","
                        && toks[k].text.ends_with("ing")));
            // "McCain said …, citing …": a coordinated cue shares the speaker of the sentence's
            // first report before it.
            let shared = coordinated
                .then(|| {
                    out[sent_first..]
                        .iter()
                        .filter(|r| r.cue.1 <= toks[cs].start)
                        .min_by_key(|r| r.cue.0)
                        .and_then(|r| r.source)
                        .and_then(|(a, b)| {
                            let s = toks.iter().position(|t| t.start == a)?;
                            let e = toks.iter().position(|t| t.end == b)?;
                            (s <= e).then_some((s, e + 1))
                        })
                })
                .flatten();
            let before = shared
                .or_else(|| source_before(toks, &quote_open, cs))
                .or_else(|| misread_subject(toks, cs, k));
            // Material after the cue (skipping an indirect object "told reporters", a date,
            // "that", a colon or an opening quote).
            let mut after = ce;
            while after < n
                && (matches!(toks[after].text.as_str(), ":" | "that" | "on" | "in" | "a")
                    || (toks[after].text == ","
                        && toks.get(after + 1).is_some_and(|t| is_quote_mark(&t.text)))
                    || is_quote_mark(&toks[after].text)
                    || (toks[k].lemma.eq_ignore_ascii_case("tell")
                        && matches!(toks[after].upos, Upos::NOUN | Upos::PRON | Upos::PROPN))
                    || matches!(toks[after].upos, Upos::ADV))
            {
                after += 1;
                if (toks[after - 1].text == "on" || toks[after - 1].text == "in")
                    && !toks[ce..after - 1].iter().any(|t| t.text == "that")
                {
                    // "said on Tuesday", "said in a statement": part of the cue.
                    while after < n
                        && !matches!(toks[after].upos, Upos::PUNCT | Upos::SCONJ)
                        && toks[after].text != "that"
                    {
                        if matches!(toks[after].upos, Upos::VERB) {
                            break;
                        }
                        after += 1;
                    }
                    ce = after;
                }
            }
            let after_comma =
                cs > 0 && (toks[cs - 1].text == "," || is_quote_mark(&toks[cs - 1].text));
            // "…, said Steve Elmendorf, a Clinton adviser." wins over a speaker before the comma.
            let inverted = (after_comma && !coordinated && cs == k)
                .then(|| inverted_source(toks, k, ce))
                .flatten();
            let before = if inverted.is_some() { None } else { before };
            let comma_before = after_comma && before.is_none();
            let content_after = after < n && !matches!(toks[after].text.as_str(), "." | "!" | "?");
            match (before, comma_before, content_after) {
                // 1/5. SOURCE CUE (that|:) CONTENT
                (Some((ss, se)), _, true) => {
                    let content_start = if toks[ce..after].iter().any(|t| t.text == "that") {
                        // PolNeAR keeps "that" in the content.
                        toks[ce..after]
                            .iter()
                            .find(|t| t.text == "that")
                            .map_or(toks[after].start, |t| t.start)
                    } else {
                        toks[after].start
                    };
                    out.push(Relation {
                        source: Some(span(toks, ss, se)),
                        cue: (toks[cs].start, toks[ce - 1].end),
                        content: (content_start, content_end(toks, after)),
                        via: None,
                    });
                    used[ss..ce].iter_mut().for_each(|u| *u = true);
                }
                // 2. CONTENT, SOURCE CUE. The source runs back to the comma or quotation mark
                // ("…, attorneys for the family said.").
                (Some((ss0, se)), _, false)
                    if (se == cs || se + 1 == cs)
                        && let Some(ss) = (ss0.saturating_sub(6)..=ss0).rev().find(|&j| {
                            j > 0
                                && (toks[j - 1].text == "," || is_quote_mark(&toks[j - 1].text))
                                && !toks[j..ss0].iter().any(|t| t.upos == Upos::VERB)
                        }) =>
                {
                    if let Some(content) = content_before(toks, &quote_open, ss - 1, sent_start) {
                        out.push(spoken(toks, (ss, se), (cs, ce), content));
                    }
                    used[ss..ce].iter_mut().for_each(|u| *u = true);
                }
                // 2''. "“…?” Clinton said." split off as a sentence of its own: the content is
                // the quotation that closed the sentence before.
                (Some((0, se)), _, false) if (se == cs || se + 1 == cs) && prev_quote.is_some() => {
                    if let Some(q) = prev_quote {
                        out.push(Relation {
                            source: Some(span(toks, 0, se)),
                            cue: (toks[cs].start, toks[ce - 1].end),
                            content: q,
                            via: None,
                        });
                    }
                    used[..ce].iter_mut().for_each(|u| *u = true);
                }
                // 2'. CONTENT, CUE SOURCE.
                (_, true, _) => {
                    let Some((ss, se)) = inverted else {
                        // The speaker is somewhere before, unread: the report without it.
                        if content_after {
                            out.push(Relation {
                                source: None,
                                cue: (toks[cs].start, toks[ce - 1].end),
                                content: (toks[after].start, content_end(toks, after)),
                                via: None,
                            });
                            used[cs..ce].iter_mut().for_each(|u| *u = true);
                        }
                        continue;
                    };
                    if let Some(content) = content_before(toks, &quote_open, cs - 1, sent_start) {
                        out.push(spoken(toks, (ss, se), (cs, ce), content));
                    }
                    used[cs..se].iter_mut().for_each(|u| *u = true);
                }
                _ => {}
            }
        }
        prev_quote = this_quote;
    }
    // Attributions do not nest in PolNeAR's reading: a state of mind inside what another relation
    // reports ("Trump said he wants …") is part of that content, not a report of its own. A verb
    // of speech stays: there the content before it is more often read too long.
    if !out.is_empty() {
        let tokens = || sentences.iter().flat_map(|s| s.iter());
        let speech = |cue: Span| {
            tokens()
                .filter(|t| cue.0 <= t.start && t.end <= cue.1)
                .any(|t| {
                    t.text.eq_ignore_ascii_case("according")
                        || listed(SPEECH, &t.lemma)
                        || (t.upos == Upos::NOUN && listed(noun_cue_lemmas(), &t.lemma))
                })
        };
        let nested: Vec<bool> = out
            .iter()
            .map(|b| {
                out.iter().any(|a| {
                    a.cue.1 <= a.content.0
                        && a.content.0 <= b.cue.0
                        && b.cue.1 <= a.content.1
                        && b.source.is_none_or(|s| a.content.0 <= s.0)
                        && a.cue != b.cue
                }) && !speech(b.cue)
            })
            .collect();
        let mut i = 0;
        out.retain(|_| {
            i += 1;
            !nested[i - 1]
        });
        // "it seems …", "it is said that …", "it's known as …": an expletive "it" names no one.
        for r in &mut out {
            let Some(src) = r.source else { continue };
            let in_cue = || tokens().filter(|t| r.cue.0 <= t.start && t.end <= r.cue.1);
            let expletive = tokens()
                .find(|t| t.start == src.0 && t.end == src.1)
                .is_some_and(|t| t.text.eq_ignore_ascii_case("it"))
                && (in_cue().any(|t| {
                    matches!(
                        t.lemma.to_lowercase().as_str(),
                        "seem" | "appear" | "know" | "feel"
                    )
                }) || (in_cue().any(|t| t.lemma.eq_ignore_ascii_case("say"))
                    && in_cue()
                        .any(|t| t.upos == Upos::AUX && t.lemma.eq_ignore_ascii_case("be"))));
            if expletive {
                r.source = None;
            }
        }
    }
    out
}

/// Verbs of speech: a report of its own even inside another relation's content.
const SPEECH: &[&str] = &[
    "say",
    "add",
    "write",
    "report",
    "note",
    "insist",
    "urge",
    "suggest",
    "claim",
    "cite",
    "argue",
    "warn",
    "announce",
    "vow",
    "conclude",
    "echo",
    "declare",
    "state",
    "tweet",
    "quote",
    "explain",
    "predict",
    "reply",
    "allege",
    "contend",
    "assert",
    "stress",
    "emphasize",
    "emphasise",
    "reiterate",
    "acknowledge",
    "admit",
    "concede",
    "recall",
];

/// The end of a content that starts after a cue: the sentence end, without its final stop.
fn content_end(toks: &[Token], from: usize) -> usize {
    let mut e = toks.len();
    while e > from && matches!(toks[e - 1].text.as_str(), "." | "!" | "?" | "”" | "\"") {
        e -= 1;
    }
    if e > from {
        toks[e - 1].end
    } else {
        toks[from].end
    }
}

/// The end of a content that ends before token `k` (a comma or closing quote): without them.
fn trim_end(toks: &[Token], k: usize) -> usize {
    let mut e = k;
    while e > 0 && (toks[e].text == "," || is_quote_mark(&toks[e].text)) {
        e -= 1;
    }
    if toks[e].text == "," || is_quote_mark(&toks[e].text) {
        toks[e].start
    } else {
        toks[e].end
    }
}

/// The content that ends at token `end_tok` (a comma or closing quote before the speaker or cue),
/// when it is not empty.
fn content_before(
    toks: &[Token],
    quote_open: &[Option<usize>],
    end_tok: usize,
    sent_start: usize,
) -> Option<Span> {
    let start = content_start_before(toks, quote_open, end_tok, sent_start);
    let end = trim_end(toks, end_tok);
    (start < end).then_some((start, end))
}

/// Where a content that ends at token `end_tok` begins: at the opening quotation mark when the
/// content is a quotation (possibly opened in an earlier sentence), else at the sentence start.
fn content_start_before(
    toks: &[Token],
    quote_open: &[Option<usize>],
    end_tok: usize,
    sent_start: usize,
) -> usize {
    let mut k = end_tok;
    while k > 0 && (toks[k].text == "," || is_quote_mark(&toks[k].text)) {
        k -= 1;
    }
    match quote_open.get(k).copied().flatten() {
        Some(open) => open,
        None => {
            // Skip an opening quote or sentence-initial punctuation.
            toks.iter()
                .find(|t| !is_quote_mark(&t.text))
                .map_or(sent_start, |t| t.start)
        }
    }
}

/// Scores of `dyad eval quotes`.
pub mod eval {
    use super::*;
    use std::path::Path;

    /// One gold or found relation, by spans (`None` where the role is absent).
    #[derive(Debug, Clone, Default)]
    pub struct Spans {
        pub source: Option<Span>,
        pub cue: Option<Span>,
        pub content: Option<Span>,
    }

    #[derive(Debug, thiserror::Error)]
    pub enum QuoteEvalError {
        #[error("{path}: cannot read: {error}")]
        Io { path: String, error: std::io::Error },
        #[error("{path}:{line}: {what}")]
        Format {
            path: String,
            line: usize,
            what: String,
        },
    }

    fn read(p: &Path) -> Result<String, QuoteEvalError> {
        std::fs::read_to_string(p).map_err(|error| QuoteEvalError::Io {
            path: p.display().to_string(),
            error,
        })
    }

    /// Reads a brat `.ann` file of PolNeAR: `T` lines with Source/Cue/Content spans, `E` lines
    /// tying them into relations.
    pub fn read_ann(p: &Path) -> Result<Vec<Spans>, QuoteEvalError> {
        let text = read(p)?;
        let mut spans: rustc_hash::FxHashMap<String, (String, Span)> = Default::default();
        let mut rels = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let mut parts = line.split('\t');
            let (Some(id), Some(body)) = (parts.next(), parts.next()) else {
                continue;
            };
            if id.starts_with('T') {
                let mut w = body.split([' ', ';']);
                let kind = w.next().unwrap_or_default().to_string();
                let nums: Vec<usize> = w.filter_map(|x| x.parse().ok()).collect();
                let (Some(a), Some(b)) = (nums.first(), nums.last()) else {
                    return Err(QuoteEvalError::Format {
                        path: p.display().to_string(),
                        line: n + 1,
                        what: format!("expected `T<n>\\t<Kind> <start> <end>`, found {line:?}"),
                    });
                };
                spans.insert(id.to_string(), (kind, (*a, *b)));
            } else if id.starts_with('E') {
                let mut r = Spans::default();
                for arg in body.split_whitespace() {
                    let Some((role, t)) = arg.split_once(':') else {
                        continue;
                    };
                    let s = spans.get(t).map(|x| x.1);
                    match role.trim_end_matches(char::is_numeric) {
                        "Source" => r.source = s,
                        "Cue" => r.cue = s,
                        "Content" => r.content = s,
                        _ => {}
                    }
                }
                rels.push(r);
            }
        }
        Ok(rels)
    }

    /// The relations found in a whole text: paragraphs (split at line breaks) read one by one,
    /// spans as byte offsets in `text`.
    pub fn find_in_text(text: &str) -> Vec<Relation> {
        let Ok(p) = dyad_text::Pipeline::shared() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut off = 0;
        for line in text.split_inclusive('\n') {
            let para = line.trim_end_matches(['\n', '\r']);
            if !para.trim().is_empty() {
                let doc = p.analyze(para);
                let sents: Vec<&[Token]> = doc.sentence_tokens();
                for mut r in find(&sents) {
                    let sh = |s: Span| (s.0 + off, s.1 + off);
                    r.source = r.source.map(sh);
                    r.via = r.via.map(sh);
                    r.cue = sh(r.cue);
                    r.content = sh(r.content);
                    out.push(r);
                }
            }
            off += line.len();
        }
        out
    }

    /// `dyad eval quotes` results.
    #[derive(Debug, Clone, serde::Serialize)]
    pub struct QuoteScore {
        pub relations: usize,
        pub source_f1: f64,
        pub content_f1: f64,
        pub cue_f1: f64,
        pub documents: usize,
        pub found: usize,
        pub source_precision: f64,
        pub source_recall: f64,
        pub content_precision: f64,
        pub content_recall: f64,
        pub cue_precision: f64,
        pub cue_recall: f64,
        /// One line per gold relation whose cue no found cue overlaps, and per found relation
        /// whose cue overlaps no gold cue, and per found relation whose cue is right and whose
        /// source is not (for `--failures`; not part of the JSON).
        #[serde(skip)]
        pub failures: Vec<String>,
    }

    fn prf((hit, found, gold): (usize, usize, usize)) -> (f64, f64, f64) {
        let p = if found == 0 {
            0.0
        } else {
            hit as f64 / found as f64
        };
        let r = if gold == 0 {
            0.0
        } else {
            hit as f64 / gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        let k = |x: f64| (x * 10_000.0).round() / 10_000.0;
        (k(p), k(r), k(f))
    }

    /// Scores the finder on a PolNeAR folder (`DIR/text/*.txt`, `DIR/attributions/*.ann`, and
    /// `DIR/../metadata.tsv` naming the annotator whose file counts for each article). Brat offsets
    /// are in characters; they are turned into byte offsets before matching.
    pub fn eval_polnear(dir: &Path) -> Result<QuoteScore, QuoteEvalError> {
        let meta_path = dir.join("../metadata.tsv");
        let meta = read(&meta_path)?;
        let compartment = dir
            .file_name()
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_default();
        let mut header: Vec<&str> = Vec::new();
        let (mut gold_src, mut gold_cue, mut gold_con) = (Vec::new(), Vec::new(), Vec::new());
        let (mut f_src, mut f_cue, mut f_con) = (Vec::new(), Vec::new(), Vec::new());
        let (mut relations, mut documents, mut found_n) = (0, 0, 0);
        let mut failures = Vec::new();
        // Spans of different documents never overlap: shift each document by a running offset.
        let mut base = 0usize;
        for (n, line) in meta.lines().enumerate() {
            let cols: Vec<&str> = line.split('\t').collect();
            if n == 0 {
                header = cols;
                continue;
            }
            let col = |name: &str| {
                header
                    .iter()
                    .position(|h| *h == name)
                    .and_then(|i| cols.get(i))
            };
            if col("compartment").copied() != Some(compartment.as_str()) {
                continue;
            }
            let (Some(file), Some(ann)) = (col("filename"), col("annotators")) else {
                return Err(QuoteEvalError::Format {
                    path: meta_path.display().to_string(),
                    line: n + 1,
                    what: "expected filename and annotators columns".into(),
                });
            };
            let text_path = dir.join("text").join(format!("{file}.txt"));
            let ann_path = dir.join("attributions").join(format!(
                "{file}_{}.ann",
                ann.split('|').next().unwrap_or(ann)
            ));
            let text = read(&text_path)?;
            let gold = read_ann(&ann_path)?;
            // character offset -> byte offset
            let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            byte_at.push(text.len());
            let cb = |s: Span| -> Span {
                (
                    byte_at.get(s.0).copied().unwrap_or(text.len()),
                    byte_at.get(s.1).copied().unwrap_or(text.len()),
                )
            };
            let sh = |s: Span| (s.0 + base, s.1 + base);
            for g in &gold {
                relations += 1;
                gold_src.extend(g.source.map(cb).map(sh));
                gold_cue.extend(g.cue.map(cb).map(sh));
                gold_con.extend(g.content.map(cb).map(sh));
            }
            let found = find_in_text(&text);
            found_n += found.len();
            let snippet = |s: Option<Span>| {
                s.and_then(|s| text.get(s.0..s.1))
                    .map(|t| t.chars().take(90).collect::<String>().replace('\n', " "))
                    .unwrap_or_default()
            };
            let overlaps = |a: Span, b: Span| a.0 < b.1 && b.0 < a.1;
            for g in &gold {
                let Some(cue) = g.cue.map(cb) else { continue };
                if !found.iter().any(|r| overlaps(r.cue, cue)) {
                    failures.push(format!(
                        "{file}: missed: cue {:?} source {:?} content {:?}",
                        snippet(Some(cue)),
                        snippet(g.source.map(cb)),
                        snippet(g.content.map(cb))
                    ));
                }
            }
            for r in &found {
                if !gold
                    .iter()
                    .any(|g| g.cue.map(cb).is_some_and(|c| overlaps(r.cue, c)))
                {
                    failures.push(format!(
                        "{file}: spurious: cue {:?} source {:?} content {:?}",
                        snippet(Some(r.cue)),
                        snippet(r.source),
                        snippet(Some(r.content))
                    ));
                }
            }
            // Where the cue is right, a source that differs from the gold one.
            for r in &found {
                let Some(g) = gold
                    .iter()
                    .find(|g| g.cue.map(cb).is_some_and(|c| overlaps(r.cue, c)))
                else {
                    continue;
                };
                let gs = g.source.map(cb);
                let what = match (r.source, gs) {
                    (Some(f), Some(s)) if !overlaps(f, s) => "wrong source",
                    (None, Some(_)) => "no source",
                    (Some(_), None) => "source not in gold",
                    _ => continue,
                };
                // The paragraph around the cue.
                let para_start = text
                    .get(..r.cue.0)
                    .and_then(|t| t.rfind('\n'))
                    .map_or(0, |i| i + 1);
                let para_end = text
                    .get(r.cue.1..)
                    .and_then(|t| t.find('\n'))
                    .map_or(text.len(), |i| r.cue.1 + i);
                let around = text
                    .get(para_start..para_end)
                    .unwrap_or_default()
                    .chars()
                    .take(400)
                    .collect::<String>();
                failures.push(format!(
                    "{file}: {what}: cue {:?} source {:?} gold source {:?} in {around:?}",
                    snippet(Some(r.cue)),
                    snippet(r.source),
                    snippet(gs)
                ));
            }
            for r in &found {
                f_src.extend(r.source.map(sh));
                f_cue.push(sh(r.cue));
                f_con.push(sh(r.content));
            }
            documents += 1;
            base += text.len() + 1;
        }
        let (sp, sr, sf) = prf(f1(&gold_src, &f_src));
        let (cp, cr, cf) = prf(f1(&gold_con, &f_con));
        let (up, ur, uf) = prf(f1(&gold_cue, &f_cue));
        Ok(QuoteScore {
            relations,
            source_f1: sf,
            content_f1: cf,
            cue_f1: uf,
            documents,
            found: found_n,
            source_precision: sp,
            source_recall: sr,
            content_precision: cp,
            content_recall: cr,
            cue_precision: up,
            cue_recall: ur,
            failures,
        })
    }

    /// F1 of one role: a found span is right when it overlaps a gold span not yet matched.
    pub fn f1(gold: &[Span], found: &[Span]) -> (usize, usize, usize) {
        let mut taken = vec![false; gold.len()];
        let mut hit = 0;
        for f in found {
            if let Some(i) =
                (0..gold.len()).find(|&i| !taken[i] && gold[i].0 < f.1 && f.0 < gold[i].1)
            {
                taken[i] = true;
                hit += 1;
            }
        }
        (hit, found.len(), gold.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relations(text: &str) -> Vec<(Option<String>, String, String, Option<String>)> {
        let p = dyad_text::Pipeline::shared().expect("tagger");
        let doc = p.analyze(text);
        let sents: Vec<&[Token]> = doc.sentence_tokens();
        find(&sents)
            .into_iter()
            .map(|r| {
                let t = |s: Span| text[s.0..s.1].to_string();
                (r.source.map(t), t(r.cue), t(r.content), r.via.map(t))
            })
            .collect()
    }

    #[test]
    fn the_common_shapes_of_attribution() {
        let r = relations("The Post reports that the minister resigned on Sunday.");
        assert_eq!(r[0].0.as_deref(), Some("The Post"));
        assert_eq!(r[0].1, "reports");
        assert_eq!(r[0].2, "that the minister resigned on Sunday");

        let r = relations("“We will keep talking,” the ministry said.");
        assert_eq!(r[0].0.as_deref(), Some("the ministry"));
        assert_eq!(r[0].2, "We will keep talking");

        let r = relations("The talks will resume next week, said the spokesman.");
        assert_eq!(r[0].0.as_deref(), Some("the spokesman"));
        assert_eq!(r[0].2, "The talks will resume next week");

        let r = relations("According to the agency, the border was closed.");
        assert_eq!(r[0].0.as_deref(), Some("the agency"));
        assert_eq!(r[0].2, "the border was closed.");

        let r = relations(
            "Russian newswire TASS quoted the Russian Security Council as saying that trade was discussed.",
        );
        assert_eq!(r[0].0.as_deref(), Some("the Russian Security Council"));
        assert_eq!(r[0].3.as_deref(), Some("Russian newswire TASS"));
        assert_eq!(r[0].2, "trade was discussed.");
    }

    #[test]
    fn nouns_headlines_and_mistagged_cues() {
        // A noun cue with its holder.
        let r = relations("The minister's claim that the border is closed was denied.");
        assert_eq!(r[0].0.as_deref(), Some("The minister"), "{r:?}");
        assert_eq!(r[0].1, "claim");
        assert!(r[0].2.starts_with("that the border is closed"), "{r:?}");
        let r = relations("Officials dismissed his warning that prices would rise.");
        assert!(
            r.iter()
                .any(|x| x.0.as_deref() == Some("his") && x.1 == "warning"),
            "{r:?}"
        );
        // "estimates" after a noun phrase and before "that" is the verb, however it is tagged.
        let r = relations("The Tax Policy Center estimates that the plan would cost $2 billion.");
        assert_eq!(r[0].0.as_deref(), Some("The Tax Policy Center"), "{r:?}");
        assert_eq!(r[0].1, "estimates");
        // A headline: "Name: content".
        let r = relations("Pence: Flowers Won't Be at Debate");
        assert_eq!(r[0].0.as_deref(), Some("Pence"), "{r:?}");
        assert_eq!(r[0].2, "Flowers Won't Be at Debate");
        // "that in 1998, …": the date belongs to the content, not to the cue.
        let r = relations("The envoy said that in 1998, the two sides met in secret.");
        assert_eq!(r[0].1, "said", "{r:?}");
        assert_eq!(r[0].2, "that in 1998, the two sides met in secret");
    }

    #[test]
    fn negations_infinitives_polls_and_misread_subjects() {
        let has = |r: &[(Option<String>, String, String, Option<String>)], s: &str, c: &str| {
            r.iter()
                .any(|x| x.0.as_deref() == Some(s) && x.1.contains(c))
        };
        let r = relations("He did not mention his rivals by name.");
        assert!(has(&r, "He", "did not mention"), "{r:?}");
        let r = relations("The senator went on to say the deal was dead.");
        assert!(has(&r, "The senator", "went on to say"), "{r:?}");
        let r = relations("The council voted against the plan on Monday.");
        assert!(has(&r, "The council", "voted against"), "{r:?}");
        let r = relations("In a CNN poll released Monday, Clinton led by six points.");
        assert!(has(&r, "a CNN poll released Monday", "In"), "{r:?}");
        let r = relations("Local leaders were eager to see the plant reopen.");
        assert!(has(&r, "Local leaders", "eager"), "{r:?}");
    }

    #[test]
    fn speakers_behind_appositions_times_and_inversions() {
        // A long apposition with a relative clause: the speaker opens the sentence.
        let r = relations(
            "Rich Heffley, a top GOP operative who played a major role in the 2008 race, said the program is critical.",
        );
        assert!(
            r.iter().any(|x| x.1 == "said"
                && x.0
                    .as_deref()
                    .is_some_and(|s| s.starts_with("Rich Heffley"))),
            "{r:?}"
        );
        // An inverted report after a comma: the speaker follows the cue.
        let r = relations("The race will be tight, said Dan Gerstein, a political analyst.");
        assert_eq!(r[0].0.as_deref(), Some("Dan Gerstein"), "{r:?}");
        // A time between speaker and cue.
        let r = relations("Gowdy on Thursday said the committee had finished its work.");
        assert_eq!(r[0].0.as_deref(), Some("Gowdy"), "{r:?}");
        // A participle after an object: the subject speaks.
        let r = relations("McConnell issued a statement saying the Senate should wait.");
        assert_eq!(r[0].0.as_deref(), Some("McConnell"), "{r:?}");
        // The New York Times' two apostrophes open a quotation.
        let r = relations("''We will win the state,'' said Mr. Smith.");
        assert_eq!(r[0].0.as_deref(), Some("Mr. Smith"), "{r:?}");
        assert_eq!(r[0].2, "We will win the state");
        // A state of mind inside a report is part of its content.
        let r = relations("The senator said he wants a vote on the bill.");
        assert_eq!(r.len(), 1, "{r:?}");
    }

    #[test]
    fn a_quotation_over_two_sentences_runs_back_to_its_opening_mark() {
        let text = "“The talks went well. We agreed on a plan,” the envoy said.";
        let r = relations(text);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].2, "The talks went well. We agreed on a plan");
    }
}
