//! Engine tests on a small dictionary written for them (fictional states, as in the classic suites).

use super::*;
use crate::dict::lines::{Dialect, read_actors, read_agents, read_verbs};
use crate::dict::{Dictionaries, Syntax};

const ACTORS: &str = "NORLAND [NRL]\nNORLANDIC [NRL]\nSUDMARK [SDM]\nVALDOR [VLD]\nKESTREL_ISLANDS [KSI]\nOLAF_BRANN [NRLGOV 20010101-20101231] [NRLELI]\nHIGH COUNCIL [HCL]\n<NOUN>\nTALKS_\n</NOUN>\n";
const AGENTS: &str = "ARMY_ [~MIL]\nFOREIGN_MINISTER_ [~GOV]\nPRESIDENT_ [~GOV]\nREBELS_ [~REB]\n";
const VERBS: &str = "<SYNSETS>\n&TIES\n+DIPLOMATIC\n+TRADE\n</SYNSETS>\n\
MEET [040]\n{ MET_ }\n- * WITH + [042]\n\
VISIT [042:043]\n\
ATTACK [190]\n- * +_HELICOPTERS [---]\n\
URGE [020]\n- * + TO HALT [1041]\n\
RESTORE [050]\n- * &TIES TIES [064]\n\
FREE [066]\n- + * FROM $ [066]\n\
SAID [010?]\n\
WARN [160]\n- * AT ^ WITH + [162]\n\
TOLL ROSE [223]\n\
CLASH [190:190]\n";

fn coder(syntax: Syntax) -> Coder {
    coder_with_verbs(syntax, VERBS)
}

/// The test actors and agents with the verbs `verbs`.
fn coder_with_verbs(syntax: Syntax, verbs: &str) -> Coder {
    coder_with(syntax, ACTORS, verbs)
}

/// The test agents with the actors `actors` and the verbs `verbs`.
fn coder_with(syntax: Syntax, actors: &str, verbs: &str) -> Coder {
    let mut d = Dictionaries::empty(syntax);
    read_actors(actors, "t.actors", Dialect::Tabari, &mut d).expect("actors");
    read_agents(AGENTS, "t.agents", Dialect::Tabari, &mut d).expect("agents");
    read_verbs(verbs, "t.verbs", Dialect::Tabari, &mut d).expect("verbs");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let mut c = Coder::new(d);
    // TABARI skips sentences of fewer than 8 words by default; the tests use short ones.
    c.options.min_words = 0;
    c
}

fn code(c: &Coder, text: &str) -> Vec<(String, String, String)> {
    let date = NaiveDate::from_ymd_opt(2005, 6, 1);
    c.code(&simple_tokens(text), date)
        .events
        .into_iter()
        .map(|e| (e.source, e.target, e.code))
        .collect()
}

fn ev(s: &str, t: &str, c: &str) -> (String, String, String) {
    (s.into(), t.into(), c.into())
}

#[test]
fn simple_pattern_and_default_code() {
    let c = coder(Syntax::Tabari);
    assert_eq!(
        code(&c, "Norland met with Sudmark on Monday."),
        vec![ev("NRL", "SDM", "042")]
    );
    assert_eq!(
        code(&c, "Norland met Sudmark on Monday."),
        vec![ev("NRL", "SDM", "040")]
    );
}

#[test]
fn agents_attach_to_actors() {
    let c = coder(Syntax::Tabari);
    assert_eq!(
        code(&c, "Norland's army attacked Sudmark."),
        vec![ev("NRLMIL", "SDM", "190")]
    );
    assert_eq!(
        code(&c, "The foreign minister of Sudmark met Valdor."),
        vec![ev("SDMGOV", "VLD", "040")]
    );
    assert_eq!(
        code(&c, "Norlandic rebels attacked Valdor."),
        vec![ev("NRLREB", "VLD", "190")]
    );
}

#[test]
fn compound_actors_multiply_events() {
    let c = coder(Syntax::Tabari);
    let mut got = code(&c, "Norland and Sudmark attacked Valdor.");
    got.sort();
    assert_eq!(got, vec![ev("NRL", "VLD", "190"), ev("SDM", "VLD", "190")]);
    // A compound source with no target: its first actor on the others (TABARI), with the paired
    // code's reverse events.
    let mut got = code(&c, "Norland, Sudmark and Valdor clashed on the border.");
    got.sort();
    assert_eq!(
        got,
        vec![
            ev("NRL", "SDM", "190"),
            ev("NRL", "VLD", "190"),
            ev("SDM", "NRL", "190"),
            ev("VLD", "NRL", "190")
        ]
    );
}

#[test]
fn a_tabari_compound_member_is_its_run_of_actors() {
    let actors = format!("{ACTORS}<ADJECTIVE>\nSTAUNCH\nOLD\n</ADJECTIVE>\n");
    let c = coder_with(Syntax::Tabari, &actors, VERBS);
    let sources_by = |c: &Coder, text: &str| {
        let mut s: Vec<String> = code(c, text).into_iter().map(|e| e.0).collect();
        s.sort();
        s
    };
    let sources = |text: &str| sources_by(&c, text);
    // Actors joined by adjectives or determiners are all members (TABARI manual §7.5).
    assert_eq!(
        sources("Norland and the staunch Sudmark old Valdor attacked the Kestrel Islands."),
        ["NRL", "SDM", "VLD"]
    );
    assert_eq!(
        sources("Sudmark old Valdor and Norland attacked the Kestrel Islands."),
        ["NRL", "SDM", "VLD"]
    );
    // A possessive actor stands for a determiner.
    assert_eq!(
        sources("Norland and Sudmark's Valdor attacked the Kestrel Islands."),
        ["NRL", "SDM", "VLD"]
    );
    // Two actors side by side are not one run.
    assert_eq!(
        sources("Norland and Sudmark Valdor attacked the Kestrel Islands."),
        ["NRL", "SDM"]
    );
    // Outside TABARI the member is its first actor.
    let p = coder_with(Syntax::Petrarch1, &actors, VERBS);
    let got = sources_by(
        &p,
        "Norland and the staunch Sudmark old Valdor attacked the Kestrel Islands.",
    );
    assert!(!got.contains(&"VLD".to_string()), "{got:?}");
}

#[test]
fn paired_codes_and_passive_voice() {
    let c = coder(Syntax::Tabari);
    let mut got = code(&c, "Norland visited Sudmark.");
    got.sort();
    assert_eq!(got, vec![ev("NRL", "SDM", "042"), ev("SDM", "NRL", "043")]);
    assert_eq!(
        code(&c, "Valdor was attacked by Sudmark."),
        vec![ev("SDM", "VLD", "190")]
    );
    assert_eq!(
        code(&c, "Valdor was freed from Sudmark."),
        vec![ev("SDM", "VLD", "066")]
    );
}

#[test]
fn null_codes_synsets_and_patterns() {
    let c = coder(Syntax::Tabari);
    assert_eq!(code(&c, "Norland attacked Sudmark helicopters."), vec![]);
    assert_eq!(
        code(&c, "Norland restored trade ties with Sudmark."),
        vec![ev("NRL", "SDM", "064")]
    );
    assert_eq!(
        code(&c, "Norland urged Sudmark to halt the shelling."),
        vec![ev("NRL", "SDM", "1041")]
    );
}

#[test]
fn subordinate_codes_and_clauses() {
    let c = coder(Syntax::Tabari);
    // SAID is subordinate: the attack wins. TABARI keeps the source of the first verb of the
    // clause for the next ones (a `SAID $ *` pattern is how its dictionaries pick the other).
    let got = code(&c, "Norland said Sudmark attacked Valdor.");
    assert_eq!(got, vec![ev("NRL", "VLD", "190")], "{got:?}");
    let p = coder(Syntax::Petrarch1);
    let got = code(&p, "Norland said Sudmark attacked Valdor.");
    assert_eq!(got, vec![ev("SDM", "VLD", "190")], "{got:?}");
    // Two clauses, the source carried into the second.
    // (TABARI does not code a clause of fewer than three words: "and attacked Valdor".)
    let mut got = code(&c, "Norland met Sudmark and attacked Valdor on Monday.");
    got.sort();
    assert_eq!(got, vec![ev("NRL", "SDM", "040"), ev("NRL", "VLD", "190")]);
}

#[test]
fn capitalised_words_inside_a_sentence_are_not_verbs() {
    let c = coder(Syntax::Tabari);
    assert_eq!(
        code(&c, "Norland is about to Restore ties with Sudmark."),
        vec![]
    );
}

#[test]
fn comma_clauses_are_dropped() {
    let c = coder(Syntax::Tabari);
    let got = code(
        &c,
        "Norland, in a move that surprised Kestrel Islands observers, attacked Sudmark.",
    );
    assert_eq!(got, vec![ev("NRL", "SDM", "190")]);
}

#[test]
fn date_restricted_codes_and_pronouns() {
    let c = coder(Syntax::Tabari);
    let toks = simple_tokens("Olaf Brann met Sudmark.");
    let e = c.code(&toks, NaiveDate::from_ymd_opt(2005, 1, 1)).events;
    assert_eq!(e[0].source, "NRLGOV");
    let e = c.code(&toks, NaiveDate::from_ymd_opt(2015, 1, 1)).events;
    assert_eq!(e[0].source, "NRLELI");
    let got = code(&c, "Norland said it attacked Sudmark.");
    assert_eq!(got, vec![ev("NRL", "SDM", "190")]);
}

#[test]
fn negation_depends_on_the_syntax() {
    let p = coder(Syntax::Petrarch1);
    assert_eq!(code(&p, "Norland did not attack Sudmark."), vec![]);
    let t = coder(Syntax::Tabari);
    assert_eq!(
        code(&t, "Norland did not attack Sudmark."),
        vec![ev("NRL", "SDM", "190")]
    );
}

#[test]
fn explain_names_lines_and_rules() {
    let c = coder(Syntax::Tabari);
    let e = &c
        .code(&simple_tokens("Norland's army met with Sudmark."), None)
        .events[0];
    assert_eq!(e.explain.pattern.as_deref(), Some("* WITH +"));
    assert_eq!(e.explain.pattern_line, Some(8));
    let src = e.explain.source.as_ref().expect("source explained");
    assert!(
        src.how
            .iter()
            .any(|h| h.contains("actor dictionary line 1")),
        "{:?}",
        src.how
    );
    assert!(src.how.iter().any(|h| h.contains("agent")), "{:?}", src.how);
    assert_eq!(e.verb_text, "met");
}

#[test]
fn tokens() {
    let t: Vec<String> = simple_tokens("Barad-dur's U.S. envoy met Gondor.")
        .into_iter()
        .map(|t| t.text)
        .collect();
    assert_eq!(
        t,
        vec!["Barad", "dur's", "U.S.", "envoy", "met", "Gondor", "."]
    );
}

#[test]
fn caret_skips_an_actor() {
    let c = coder(Syntax::Tabari);
    assert_eq!(
        code(&c, "Norland warned at Valdor with Sudmark."),
        vec![ev("NRL", "SDM", "162")]
    );
    // No actor to skip: the pattern fails and the verb's own code is used.
    assert_eq!(
        code(&c, "Norland warned at dawn with Sudmark."),
        vec![ev("NRL", "SDM", "160")]
    );
}

#[test]
fn pronoun_rules_follow_tabari() {
    let c = coder(Syntax::Tabari);
    // ITS is the first actor before it; the default target skips an actor equal to the source.
    assert_eq!(
        code(&c, "Norland attacked its neighbour Sudmark."),
        vec![ev("NRL", "SDM", "190")]
    );
    // THEY is the first compound before it.
    let mut got = code(
        &c,
        "Valdor said Norland and Sudmark met and they attacked Valdor.",
    );
    got.sort();
    assert!(got.contains(&ev("NRL", "VLD", "190")), "{got:?}");
    assert!(got.contains(&ev("SDM", "VLD", "190")), "{got:?}");
}

#[test]
fn comma_clauses_are_taken_in_pairs() {
    let c = coder(Syntax::Tabari);
    // The clause between the two commas is dropped; the rest after the second comma is not an
    // end clause.
    assert_eq!(
        code(
            &c,
            "Norland, in a statement on Monday, urged Sudmark to halt the shelling."
        ),
        vec![ev("NRL", "SDM", "1041")]
    );
}

#[test]
fn gapped_dictionary_phrases() {
    let c = coder(Syntax::Tabari);
    // HIGH COUNCIL (joined by a blank) matches with a word between; TOLL ROSE too.
    assert_eq!(
        code(&c, "The High Norlandic Council attacked Valdor."),
        vec![ev("HCL", "VLD", "190")]
    );
    assert_eq!(
        code(&c, "Sudmark's toll has rose in the fight with Valdor."),
        vec![ev("SDM", "VLD", "223")]
    );
}

#[test]
fn complexity_and_minimum_words() {
    let c = coder(Syntax::Tabari);
    let toks = simple_tokens("Norland met Sudmark and attacked Valdor and urged Kestrel Islands.");
    let mut o = c.options.clone();
    o.max_verbs = 3;
    assert!(c.code_with(&toks, None, &o).events.is_empty());
    o.max_verbs = 0;
    o.max_conj = 2;
    assert!(c.code_with(&toks, None, &o).events.is_empty());
    o.max_conj = 0;
    assert!(!c.code_with(&toks, None, &o).events.is_empty());
    // No actor before the first verb.
    let toks = simple_tokens("Yesterday attacked Valdor from Sudmark.");
    o.no_actor_prior = true;
    let coded = c.code_with(&toks, None, &o);
    assert!(coded.events.is_empty() && coded.stopped.is_some());
    // Fewer words than the minimum.
    let toks = simple_tokens("Norland attacked Sudmark.");
    o.min_words = 4;
    assert!(c.code_with(&toks, None, &o).events.is_empty());
    o.min_words = 3;
    assert_eq!(c.code_with(&toks, None, &o).events.len(), 1);
}

#[test]
fn default_prior_and_after() {
    let c = coder(Syntax::Tabari);
    let got_with = |o: &Options, text: &str| -> Vec<(String, String, String)> {
        c.code_with(&simple_tokens(text), None, o)
            .events
            .into_iter()
            .map(|e| (e.source, e.target, e.code))
            .collect()
    };
    let mut o = c.options.clone();
    o.apply(&["DEFAULT: SOURCE [DSR] PRIOR TARGET [DTG] AFTER".to_string()]);
    // No actor before the verb: the default source, even though one follows it.
    assert_eq!(
        got_with(&o, "Rebels attacked Valdor."),
        vec![ev("DSR", "VLD", "190")]
    );
    // No actor after the verb: the default target, not the actor before it.
    assert_eq!(
        got_with(&o, "Valdor was quiet as Norland attacked."),
        vec![ev("VLD", "DTG", "190")]
    );
    // Without PRIOR the source may follow the verb. A compound source there is the actor after
    // the verb: its first actor acts on the others; before the verb it gets the default target.
    o.apply(&["DEFAULT: OFF".to_string()]);
    o.apply(&["DEFAULT: SOURCE [DSR] TARGET [DTG] AFTER".to_string()]);
    assert_eq!(
        got_with(&o, "Rebels attacked Valdor."),
        vec![ev("VLD", "DTG", "190")]
    );
    assert_eq!(
        got_with(&o, "Rebels attacked Valdor and Sudmark."),
        vec![ev("VLD", "SDM", "190")]
    );
    let mut two = got_with(&o, "Valdor and Sudmark attacked.");
    two.sort();
    assert_eq!(two, vec![ev("SDM", "DTG", "190"), ev("VLD", "DTG", "190")]);
    o.apply(&["DEFAULT: OFF".to_string()]);
    assert!(o.default_source.is_none() && !o.default_prior && !o.default_after);
}

const ACTORS2: &str =
    "NORLAND [NRL]\nSUDMARK [SDM]\nVALDOR [VLD]\nOSKAR_LIND [NRL] [NRLGOV 20010101-20101231]\n";
const AGENTS2: &str =
    "SOLDIER [~MIL]\nLAWMAKER [~LEG]\nOFFICIAL [~GOV]\nMINISTER [~GOV]\nMEDIA [~MED]\n";
const VERBS2: &str = "<SYNSETS>\n&NEGAUX\n+DID N'T\n+WO N'T\n&LINKWORD_\n+ON\n+IN\n</SYNSETS>\n\
MEET [040]\n\
RESTORE [050]\n- * TIES [064]\n- * FXLL TIES [+++]\n\
ATTACK [190]\n\
ACCUSE [112]\n\
ACT [100]\n- * &LINKWORD PLAN [102]\n\
CLASH [190]\n- &NEGAUX * OVER [904]\n";

fn coder2(syntax: Syntax) -> Coder {
    let mut d = Dictionaries::empty(syntax);
    read_actors(ACTORS2, "t.actors", Dialect::Tabari, &mut d).expect("actors");
    read_agents(AGENTS2, "t.agents", Dialect::Tabari, &mut d).expect("agents");
    read_verbs(VERBS2, "t.verbs", Dialect::Tabari, &mut d).expect("verbs");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let mut c = Coder::new(d);
    c.options.min_words = 0;
    c
}

fn sorted(mut v: Vec<(String, String, String)>) -> Vec<(String, String, String)> {
    v.sort();
    v
}

#[test]
fn a_date_restricted_code_wins_over_the_default() {
    let c = coder2(Syntax::Petrarch1);
    let toks = simple_tokens("Oskar Lind attacked Sudmark.");
    let e = c.code(&toks, NaiveDate::from_ymd_opt(2005, 1, 1)).events;
    assert_eq!(e[0].source, "NRLGOV");
    let e = c.code(&toks, NaiveDate::from_ymd_opt(2015, 1, 1)).events;
    assert_eq!(e[0].source, "NRL");
}

#[test]
fn synset_names_and_treebank_contractions() {
    let c = coder2(Syntax::Petrarch1);
    // `&LINKWORD_` is the set `&LINKWORD`; `DID N'T` matches the token `didn't`.
    assert_eq!(
        code(&c, "Norland will act on a plan with Sudmark."),
        vec![ev("NRL", "SDM", "102")]
    );
    assert_eq!(
        code(&c, "Norland didn't clash over water with Sudmark."),
        vec![ev("NRL", "SDM", "904")]
    );
}

#[test]
fn agents_spread_over_compounds_outside_tabari() {
    let c = coder2(Syntax::Petrarch1);
    assert_eq!(
        code(&c, "Soldiers from Norland attacked Sudmark."),
        vec![ev("NRLMIL", "SDM", "190")]
    );
    assert_eq!(
        sorted(code(
            &c,
            "Lawmakers in Norland and Valdor attacked Sudmark."
        )),
        vec![ev("NRLLEG", "SDM", "190"), ev("VLDLEG", "SDM", "190")]
    );
    assert_eq!(
        sorted(code(
            &c,
            "Lawmakers and officials in Norland attacked Sudmark."
        )),
        vec![ev("NRLGOV", "SDM", "190"), ev("NRLLEG", "SDM", "190")]
    );
    assert_eq!(
        sorted(code(&c, "Norland media and officials attacked Sudmark.")),
        vec![ev("NRLGOV", "SDM", "190"), ev("NRLMED", "SDM", "190")]
    );
    // A possessive actor qualifies its noun phrase.
    assert_eq!(
        code(
            &c,
            "Norland's first deputy minister Oskar Lind attacked Sudmark."
        ),
        vec![ev("NRLGOV", "SDM", "190")]
    );
    // Adjectives may stand before the members of a compound.
    assert_eq!(
        sorted(code(&c, "Norland and the old Valdor attacked Sudmark.")),
        vec![ev("NRL", "SDM", "190"), ev("VLD", "SDM", "190")]
    );
}

#[test]
fn a_later_verb_takes_its_own_subject_outside_tabari() {
    let c = coder2(Syntax::Petrarch1);
    let mut toks =
        simple_tokens("Norland restored ties with Sudmark after crowds attacked its embassy.");
    for t in &mut toks {
        t.pos = match t.text.as_str() {
            "after" | "with" => Pos::Adp,
            "crowds" | "embassy" | "ties" => Pos::Noun,
            _ => t.pos,
        };
    }
    let got: Vec<_> = c
        .code(&toks, None)
        .events
        .into_iter()
        .map(|e| (e.source, e.target, e.code))
        .collect();
    assert_eq!(got, vec![ev("NRL", "SDM", "064")]);
}

#[test]
fn a_complex_pattern_is_passed_over_outside_tabari() {
    let c = coder2(Syntax::Petrarch1);
    assert_eq!(
        code(&c, "Norland will restore fxll ties with Sudmark."),
        vec![ev("NRL", "SDM", "064")]
    );
}

#[test]
fn the_end_clause_keeps_the_only_verb_outside_tabari() {
    let c = coder2(Syntax::Petrarch2);
    assert_eq!(
        code(&c, "Later, Norland accused Sudmark of stalling."),
        vec![ev("NRL", "SDM", "112")]
    );
    let t = coder2(Syntax::Tabari);
    assert_eq!(
        code(&t, "Later, Norland accused Sudmark of stalling."),
        vec![]
    );
}

#[test]
fn tagged_nouns_are_not_verbs_with_petrarch2() {
    let mut toks = simple_tokens("Norland attack Sudmark.");
    toks[1].pos = Pos::Noun;
    assert!(
        coder2(Syntax::Petrarch2)
            .code(&toks, None)
            .events
            .is_empty()
    );
    assert_eq!(coder2(Syntax::Petrarch1).code(&toks, None).events.len(), 1);
    // Punctuation is never a verb.
    assert!(!coder2(Syntax::Petrarch1).verb_here(&simple_tokens("a , b"), &["A", ",", "B"], 1));
}

#[test]
fn verbs_are_words_not_prefixes_outside_tabari() {
    assert!(code(&coder2(Syntax::Petrarch1), "Norland attackx Sudmark.").is_empty());
    assert_eq!(
        code(&coder2(Syntax::Petrarch1), "Norland attacks Sudmark."),
        vec![ev("NRL", "SDM", "190")]
    );
}

#[test]
fn joined_adverbs_do_not_split_clauses_outside_tabari() {
    let c = coder2(Syntax::Petrarch1);
    let mut toks = simple_tokens("Norland heavily and unjustly attacked Sudmark.");
    for t in &mut toks {
        if t.text.ends_with("ly") {
            t.pos = Pos::Adv;
        }
    }
    let e = c.code(&toks, None).events;
    assert_eq!(e.len(), 1);
    assert!(!e[0].explain.rules.iter().any(|r| r.starts_with("clause")));
}

const ACTORS3: &str =
    "NORLAND [NRL]\nSUDMARK [SDM]\nVALDOR [VLD]\nKESTREL_BAY_RADIO_ [KBR]\nKESTREL [KST]\n";
const AGENTS3: &str = "BAY_ [~BAY]\nRADIO_ [~MED]\nMINISTERS_ [~GOV]\nJUDGES_ [~JUD]\n";
const VERBS3: &str = "<SYNSETS>\n&COIN\n+CROWN\n+DUCAT_\n</SYNSETS>\n<TIME>\nSOME_DAY_SOON [###]\nWHEN_RIVERS_RUN [+++]\nNEXT_WEEK [+7]\n</TIME>\n\
GRANT [070]\n- * &COIN [903]\n- * CROWN [071]\n- * MOTION_ [102]\n\
PLEDGE [170]\n- * FIGHT { ON | ON STILL MORE } [113]\n- * FIGHT { ON STILL MORE MORE MORE | TO WIN } [115]\n- * FIGHTING ON THE HILLS [114]\n- * FIGHT [112]\n\
PERMIT [060]\n- * SWEET~_PLACE [024]\n- SURE~_* [025]\n\
OFFER_ [073]\n\
MEET [040]\n{ MET_ }\n";

fn coder3() -> Coder {
    let mut d = Dictionaries::empty(Syntax::Tabari);
    read_actors(ACTORS3, "t.actors", Dialect::Tabari, &mut d).expect("actors");
    read_agents(AGENTS3, "t.agents", Dialect::Tabari, &mut d).expect("agents");
    read_verbs(VERBS3, "t.verbs", Dialect::Tabari, &mut d).expect("verbs");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let mut c = Coder::new(d);
    c.options.min_words = 0;
    c
}

#[test]
fn forward_carries_the_first_actor_to_a_leading_pronoun() {
    let c = coder3();
    let first = c.code(&simple_tokens("Valdor ministers met Norland."), None);
    assert_eq!(first.first_actor.as_deref(), Some("VLD"));
    let mut opts = c.options.clone();
    opts.forwarded = first.first_actor;
    let toks = simple_tokens("Then he met Sudmark.");
    let got: Vec<_> = c
        .code_with(&toks, None, &opts)
        .events
        .into_iter()
        .map(|e| (e.source, e.target, e.code))
        .collect();
    assert_eq!(got, vec![ev("VLD", "SDM", "040")]);
    // Without forwarding the pronoun has nothing to refer to.
    assert!(code(&c, "Then he met Sudmark.").is_empty());
    // The eval reads story and sentence numbers from the header columns.
    assert_eq!(
        crate::eval::sequence("^^*****NNN*SSS", "  ABCD-012-004"),
        Some(("012".to_string(), 4))
    );
    let mut o = c.options.clone();
    o.apply(&["FORWARD: ^^*****NNN*SSS".to_string()]);
    assert_eq!(o.forward.as_deref(), Some("^^*****NNN*SSS"));
    o.apply(&["FORWARD: ^^*****NNN*SSS OFF".to_string()]);
    assert_eq!(o.forward, None);
}

#[test]
fn a_matched_alternative_counts_only_its_own_length() {
    let c = coder3();
    // `&COIN` matched CROWN: the later, equally long `* CROWN` still wins.
    assert_eq!(
        code(&c, "Norland granted a crown to Sudmark."),
        vec![ev("NRL", "SDM", "071")]
    );
    // The short alternative matched first; a longer fixed pattern after it wins.
    assert_eq!(
        code(&c, "Norland pledged fighting on the hills against Sudmark."),
        vec![ev("NRL", "SDM", "114")]
    );
    // A later pattern whose own alternative matched more replaces it.
    assert_eq!(
        code(
            &c,
            "Norland pledged to fight on still more more more against Sudmark."
        ),
        vec![ev("NRL", "SDM", "115")]
    );
    assert_eq!(
        code(&c, "Norland pledged to fight on against Sudmark."),
        vec![ev("NRL", "SDM", "113")]
    );
}

#[test]
fn exact_pattern_words_take_no_endings() {
    let c = coder3();
    // `MOTION_` and the synset's `DUCAT_` are whole words in a pattern: no plural.
    assert_eq!(
        code(&c, "Norland granted motions to Sudmark."),
        vec![ev("NRL", "SDM", "070")]
    );
    assert_eq!(
        code(&c, "Norland granted motion to Sudmark."),
        vec![ev("NRL", "SDM", "102")]
    );
    assert_eq!(
        code(&c, "Norland granted ducats to Sudmark."),
        vec![ev("NRL", "SDM", "070")]
    );
    assert_eq!(
        code(&c, "Norland granted ducat to Sudmark."),
        vec![ev("NRL", "SDM", "903")]
    );
}

#[test]
fn endings_only_on_the_final_word_and_no_possessive_verbs() {
    let c = coder3();
    assert_eq!(
        code(&c, "Norland met Kestrel bay radio's staff."),
        vec![ev("NRL", "KBR", "040")]
    );
    // "Kestrel's bay radio" is not the phrase: Kestrel with its agents.
    assert_eq!(
        code(&c, "Norland met Kestrel's bay radio."),
        vec![ev("NRL", "KSTBAYMED", "040")]
    );
    // A verb never takes the possessive ending.
    assert!(code(&c, "Norland offer's aid to Sudmark.").is_empty());
    assert_eq!(
        code(&c, "Norland offers aid to Sudmark."),
        vec![ev("NRL", "SDM", "073")]
    );
}

#[test]
fn tilde_underscore_joins_a_stem() {
    let c = coder3();
    assert_eq!(
        code(&c, "Norland permitted that Sudmark is a sweetly place."),
        vec![ev("NRL", "SDM", "024")]
    );
    assert_eq!(
        code(&c, "Norland surely permitted Sudmark to stay."),
        vec![ev("NRL", "SDM", "025")]
    );
}

#[test]
fn former_makes_the_agent_elite() {
    let c = coder3();
    assert_eq!(
        code(&c, "Norland former ministers met former Sudmark judges."),
        vec![ev("NRLELI", "SDMELI", "040")]
    );
    assert_eq!(
        code(&c, "Norland ministers met Sudmark judges."),
        vec![ev("NRLGOV", "SDMJUD", "040")]
    );
}

#[test]
fn time_phrases_discard_or_complex() {
    let c = coder3();
    assert!(code(&c, "Some day soon Norland will meet Sudmark.").is_empty());
    assert!(code(&c, "When rivers run, Norland will meet Sudmark.").is_empty());
    assert_eq!(
        code(&c, "Next week Norland will meet Sudmark."),
        vec![ev("NRL", "SDM", "040")]
    );
}

#[test]
fn a_compound_source_alone_acts_on_its_other_members_in_tabari() {
    let c = coder3();
    assert_eq!(
        code(&c, "Norland and Sudmark met on Monday."),
        vec![ev("NRL", "SDM", "040")]
    );
    // "But" splits clauses and never joins actors.
    assert_eq!(
        sorted(code(&c, "Norland met Sudmark but Valdor met Kestrel.")),
        vec![ev("NRL", "SDM", "040"), ev("VLD", "KST", "040")]
    );
}

const PVERBS: &str = "--- TAPE [1711] ---\nWIRE_+TAP {WIRE_+TAPPED WIRE_+TAPPING}\n\n\
--- DEPART [032] ---\nDEPART\n\n--- PUSH [190] ---\nPUSH\n";

#[test]
fn petrarch_head_marks_and_es_endings() {
    let mut d = Dictionaries::empty(Syntax::Petrarch1);
    read_actors(ACTORS3, "t.actors", Dialect::Tabari, &mut d).expect("actors");
    read_verbs(PVERBS, "t.verbs", Dialect::Petrarch, &mut d).expect("verbs");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let c = Coder::new(d);
    // `WIRE_+TAP`: the `+` marks the head; the phrase is "wire tap".
    assert_eq!(
        code(&c, "Norland wire tapped Sudmark."),
        vec![ev("NRL", "SDM", "1711")]
    );
    // ES follows only S, X, Z, CH, SH or O.
    assert!(code(&c, "Norland departes Sudmark.").is_empty());
    assert_eq!(
        code(&c, "Norland departs Sudmark."),
        vec![ev("NRL", "SDM", "032")]
    );
    assert_eq!(
        code(&c, "Norland pushes Sudmark."),
        vec![ev("NRL", "SDM", "190")]
    );
}

#[test]
fn tabari_keeps_a_source_found_without_a_target() {
    let c = coder3();
    assert_eq!(
        code(
            &c,
            "Norland pledged nothing and then granted aid to Sudmark."
        ),
        vec![ev("NRL", "SDM", "070")]
    );
}

#[test]
fn a_tabari_compound_continues_after_a_comma_and() {
    let c = coder3();
    assert_eq!(
        sorted(code(
            &c,
            "Norland met Sudmark and Valdor, and Kestrel on Monday."
        )),
        vec![
            ev("NRL", "KST", "040"),
            ev("NRL", "SDM", "040"),
            ev("NRL", "VLD", "040")
        ]
    );
}

/// A coder for tagged text: a country written "U.S.", an adjective-like agent and a cut verb.
fn coder4() -> Coder {
    let mut d = Dictionaries::empty(Syntax::Petrarch2);
    let actors = "NORLAND [NRL]\nSUDMARK [SDM]\nU.S._ [USA]\nPLA_ [CHNMIL]\n";
    let agents = "MILITARY_ [~MIL]\nARMY_ [~MIL]\n";
    let verbs =
        "MEET [040]\n{ MET_ }\nSUSPEND [160]\n- * AID (TO +) [162]\nDENY [016]\nATTACK [190]\n";
    read_actors(actors, "t.actors", Dialect::Tabari, &mut d).expect("actors");
    read_agents(agents, "t.agents", Dialect::Tabari, &mut d).expect("agents");
    read_verbs(verbs, "t.verbs", Dialect::Tabari, &mut d).expect("verbs");
    let mut c = Coder::new(d);
    c.options.min_words = 0;
    // As dyad's own dictionaries read: a lone agent is an actor, one side suffices.
    c.options.convert_agents = true;
    c.options.require_dyad = false;
    c
}

/// Codes `text` read by the language core (tokens with their parts of speech).
fn code_tagged(c: &Coder, text: &str) -> Vec<(String, String, String)> {
    let p = dyad_text::Pipeline::shared().expect("tagger");
    let doc = p.analyze(text);
    let toks = from_text(&doc.sentences[0].tokens);
    c.code(&toks, NaiveDate::from_ymd_opt(2020, 6, 1))
        .events
        .into_iter()
        .map(|e| (e.source, e.target, e.code))
        .collect()
}

#[test]
fn us_in_capitals_is_the_united_states() {
    let c = coder4();
    assert_eq!(
        code_tagged(&c, "The US met Norland on Monday."),
        vec![ev("USA", "NRL", "040")]
    );
    let no_usa = |r: Vec<(String, String, String)>| r.iter().all(|e| e.1 != "USA" && e.0 != "USA");
    assert!(no_usa(code_tagged(&c, "Norland met us on Monday.")));
    // A headline in capitals says nothing by its case.
    assert!(no_usa(code_tagged(&c, "NORLAND MET US")));
}

#[test]
fn an_agent_word_before_a_noun_is_a_modifier() {
    let c = coder4();
    assert_eq!(
        code_tagged(&c, "Norland suspended military aid to Sudmark."),
        vec![ev("NRL", "SDM", "162")]
    );
    // No one is named after the verb: "military" is not the target.
    let r = code_tagged(&c, "Norland suspended military aid to its neighbours.");
    assert!(r.iter().all(|e| !e.1.contains("MIL")), "{r:?}");
}

#[test]
fn curly_apostrophes_and_short_names() {
    let c = coder4();
    // "Norland’s army" reads as "Norland's army".
    assert_eq!(
        code_tagged(&c, "Norland’s army met Sudmark on Monday."),
        vec![ev("NRLMIL", "SDM", "040")]
    );
    // An acronym takes no verb endings: PLA is not "plan".
    let r = code_tagged(&c, "Norland met Sudmark to discuss the plan.");
    assert!(r.iter().all(|e| e.1 != "CHNMIL"), "{r:?}");
    assert_eq!(
        code_tagged(&c, "The PLA met Norland on Monday."),
        vec![ev("CHNMIL", "NRL", "040")]
    );
}

#[test]
fn a_denial_stands_and_what_it_denies_is_not_coded() {
    let c = coder4();
    let r = code_tagged(&c, "Norland denied charges that it attacked Sudmark.");
    assert!(r.iter().all(|e| e.2 == "016"), "{r:?}");
    assert!(!r.is_empty());
}

#[test]
fn petrarch_config_options_change_the_defaults() {
    let mut o = Options::for_syntax(Syntax::Petrarch1);
    // PETRARCH-1 drops comma clauses of 2 to 8 words, at the end too, never at the start.
    assert_eq!(
        (o.comma, o.comma_end, o.comma_begin),
        (Some((1, 8)), Some((1, 8)), None)
    );
    o.apply(&[
        "CONFIG: require_dyad = False".into(),
        "CONFIG: comma_emax = 0".into(),
        "CONFIG: comma_bmin = 3".into(),
        "CONFIG: comma_bmax = 5".into(),
        "CONFIG: new_actor_length = 4".into(),
    ]);
    assert!(!o.require_dyad);
    assert_eq!(o.comma_end, Some((1, 0)));
    assert_eq!(o.comma_begin, Some((2, 5)));
    o.apply(&[
        "CONFIG: comma_emax = 6".into(),
        "CONFIG: require_dyad = true".into(),
    ]);
    assert_eq!(o.comma_end, Some((1, 6)));
    assert!(o.require_dyad);
}

#[test]
fn petrarch1_takes_its_target_after_the_verb_and_leaves_pronouns() {
    let p = coder2(Syntax::Petrarch1);
    // Nothing after the verb names a target: no event (elsewhere the actor before the verb is
    // taken).
    assert_eq!(code(&p, "Valdor said Norland attacked on Monday."), vec![]);
    assert_eq!(
        code(
            &coder2(Syntax::Petrarch2),
            "Valdor said Norland attacked on Monday."
        ),
        vec![ev("VLD", "NRL", "190")]
    );
    // A pronoun is not an actor to PETRARCH-1.
    let text = "Valdor was calm but Norland attacked its border posts.";
    assert_eq!(code(&p, text), vec![]);
    assert_eq!(
        code(&coder2(Syntax::Petrarch2), text),
        vec![ev("NRL", "VLD", "190")]
    );
}

/// A PETRARCH-1 set for the rules on unknown actors (`---`).
fn coder5() -> Coder {
    let mut d = Dictionaries::empty(Syntax::Petrarch1);
    read_actors(ACTORS2, "t.actors", Dialect::Tabari, &mut d).expect("actors");
    read_agents(AGENTS2, "t.agents", Dialect::Tabari, &mut d).expect("agents");
    let verbs = "ATTACK [190]\nSAY [023]\n{ SAID_ }\nMEET [040]\n{ MET_ }\n";
    read_verbs(verbs, "t.verbs", Dialect::Tabari, &mut d).expect("verbs");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let mut c = Coder::new(d);
    c.options.min_words = 0;
    c
}

#[test]
fn petrarch1_names_are_words_not_stems() {
    // "Norlandic" is not NORLAND to PETRARCH-1 (it does no stemming); elsewhere it is.
    let text = "Norlandic forces attacked Sudmark.";
    assert_eq!(code(&coder5(), text), vec![]);
    assert_eq!(
        code(&coder2(Syntax::Petrarch2), text),
        vec![ev("NRL", "SDM", "190")]
    );
    // The plural of an agent still counts.
    assert_eq!(
        code(&coder5(), "Sudmark soldiers attacked Valdor."),
        vec![ev("SDMMIL", "VLD", "190")]
    );
}

#[test]
fn petrarch1_agents_with_no_actor_are_unknown_actors() {
    let c = coder5();
    assert_eq!(
        sorted(code(&c, "Lawmakers and officials attacked Sudmark.")),
        vec![ev("---GOV", "SDM", "190"), ev("---LEG", "SDM", "190")]
    );
    // A known actor is the source before an unknown one.
    assert_eq!(
        code(
            &c,
            "Officials from the capital and Norland attacked Sudmark."
        ),
        vec![ev("NRL", "SDM", "190")]
    );
}

#[test]
fn petrarch1_without_require_dyad_codes_unknown_noun_phrases() {
    let mut c = coder5();
    c.options.apply(&[
        "CONFIG: require_dyad = false".into(),
        "CONFIG: comma_emax = 0".into(),
    ]);
    // The clause after the comma has its own subject: a verb phrase of its own, coded with an
    // unknown target ("on Monday") and an unknown-actor source ("a senior official").
    assert_eq!(
        sorted(code_tagged(
            &c,
            "Norland attacked Sudmark after a long dispute, a senior official said on Monday."
        )),
        vec![ev("---GOV", "---", "023"), ev("NRL", "SDM", "190")]
    );
    // A bare time word is no noun phrase: nothing for the verb to act on, no event.
    assert_eq!(
        code_tagged(
            &c,
            "Norland attacked Sudmark after a long dispute, a senior official said today."
        ),
        vec![ev("NRL", "SDM", "190")]
    );
    // The source is looked for back to the previous comma only (not Norland).
    assert_eq!(
        code_tagged(
            &c,
            "After a long dispute with Norland, angry crowds attacked Valdor."
        ),
        vec![ev("---", "VLD", "190")]
    );
}

#[test]
fn petrarch1_merges_a_repeated_verb_and_joins_noun_modifiers() {
    let mut d = Dictionaries::empty(Syntax::Petrarch1);
    read_actors(ACTORS2, "t.actors", Dialect::Tabari, &mut d).expect("actors");
    let verbs = "--- STRUCK [---] ---\nSTRUCK\n- * HARD AT + [190]\n\n\
--- STRUCK [180] ---\nSTRUCK\n- * DOWN AT + [193]\n\n\
--- CLIMBED [---] ---\nCLIMBED\n- LOSS TALLY * [223]\n";
    read_verbs(verbs, "t.verbs", Dialect::Petrarch, &mut d).expect("verbs");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let mut c = Coder::new(d);
    c.options.min_words = 0;
    // The second STRUCK block gives the code and its pattern; the first keeps its own pattern.
    assert_eq!(
        code(&c, "Norland struck Sudmark."),
        vec![ev("NRL", "SDM", "180")]
    );
    assert_eq!(
        code(&c, "Norland struck down at Sudmark."),
        vec![ev("NRL", "SDM", "193")]
    );
    assert_eq!(
        code(&c, "Norland struck hard at Sudmark."),
        vec![ev("NRL", "SDM", "190")]
    );
    // "loss and damage tally": the `and` joins nouns inside one noun phrase, not two clauses.
    assert_eq!(
        code_tagged(
            &c,
            "The Norland loss and damage tally climbed in the war with Sudmark."
        ),
        vec![ev("NRL", "SDM", "223")]
    );
}

#[test]
fn petrarch1_commas_pair_each_with_the_next_and_adjective_commas_go() {
    let mut c = coder5();
    c.options.apply(&[
        "CONFIG: comma_min = 4".into(),
        "CONFIG: comma_max = 6".into(),
        "CONFIG: comma_emin = 3".into(),
        "CONFIG: comma_emax = 6".into(),
        "CONFIG: comma_bmin = 3".into(),
        "CONFIG: comma_bmax = 6".into(),
    ]);
    // The end clause runs from the last comma (TABARI would pair it with the one before and keep
    // it); the target of `attacked` is looked for across the long aside, in the verb phrase.
    assert_eq!(
        code_tagged(
            &c,
            "Norland attacked the border posts of Kestrel, a few days after angry crowds from \
             Sudmark burned the old flags, a senior official said on Monday."
        ),
        vec![ev("NRL", "SDM", "190")]
    );
    // "long, bitter talks": a comma inside a noun phrase; the six words before it are no
    // opening clause to drop.
    assert_eq!(
        code_tagged(
            &c,
            "Norland has met for long, bitter talks with Sudmark in the capital."
        ),
        vec![ev("NRL", "SDM", "040")]
    );
}

#[test]
fn petrarch1_compound_after_the_verb_is_the_target_and_caret_skips_noun_phrases() {
    let mut d = Dictionaries::empty(Syntax::Petrarch1);
    read_actors(ACTORS2, "t.actors", Dialect::Tabari, &mut d).expect("actors");
    let verbs = "--- SIDE [050] ---\nSIDE\n- * WITH % [057]\n\n\
--- CAUTION [160] ---\nCAUTION\n- * THEIR ^ OVER + [161]\n";
    read_verbs(verbs, "t.verbs", Dialect::Petrarch, &mut d).expect("verbs");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let mut c = Coder::new(d);
    c.options.min_words = 0;
    // `%` after the verb: the compound is the target, the source is found as usual.
    assert_eq!(
        sorted(code_tagged(
            &c,
            "Valdor sided with Norland and Sudmark on the treaty."
        )),
        vec![ev("VLD", "NRL", "057"), ev("VLD", "SDM", "057")]
    );
    // `^` passes over a noun phrase that names no one ("their fishing fleets").
    assert_eq!(
        code_tagged(&c, "Norland cautioned their fishing fleets over Sudmark."),
        vec![ev("NRL", "SDM", "161")]
    );
}

#[test]
fn petrarch1_modals_head_no_verb_phrase() {
    let mut d = Dictionaries::empty(Syntax::Petrarch1);
    read_actors(ACTORS2, "t.actors", Dialect::Tabari, &mut d).expect("actors");
    let verbs =
        "--- MUST [100] ---\nMUST\n\n--- PROTEST [140] ---\nPROTEST\n- HINTED MUST * [141]\n";
    read_verbs(verbs, "t.verbs", Dialect::Petrarch, &mut d).expect("verbs");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let mut c = Coder::new(d);
    c.options.min_words = 0;
    // "must" is a modal here, not the verb: the protest is coded, through its pattern.
    assert_eq!(
        code_tagged(&c, "Norland hinted it must protest against Sudmark."),
        vec![ev("NRL", "SDM", "141")]
    );
}

#[test]
fn petrarch1_a_coded_verb_without_actors_still_covers_its_phrase() {
    let c = coder5();
    // "said" has a code but no source ("he" is no actor to PETRARCH-1): the attack inside what
    // was said is part of its verb phrase and is not coded on its own.
    assert_eq!(
        code_tagged(&c, "In the capital he said soldiers attacked Sudmark."),
        vec![]
    );
    assert_eq!(
        code_tagged(&c, "In the capital soldiers attacked Sudmark."),
        vec![ev("---MIL", "SDM", "190")]
    );
}

#[test]
fn petrarch1_listed_plurals_replace_the_made_ones() {
    let mut d = Dictionaries::empty(Syntax::Petrarch1);
    read_actors(ACTORS2, "t.actors", Dialect::Tabari, &mut d).expect("actors");
    read_agents(
        "GUARD {} [~COP]\nRANGER [~MIL]\n",
        "t.agents",
        Dialect::Petrarch,
        &mut d,
    )
    .expect("agents");
    read_verbs(
        "--- ATTACK [190] ---\nATTACK\n",
        "t.verbs",
        Dialect::Petrarch,
        &mut d,
    )
    .expect("verbs");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let mut c = Coder::new(d);
    c.options.min_words = 0;
    // `GUARD {}`: no plural is made, so "guards" is no agent; RANGER's plural is made.
    assert_eq!(
        code(&c, "Sudmark guards attacked Norland."),
        vec![ev("SDM", "NRL", "190")]
    );
    assert_eq!(
        code(&c, "Sudmark guard attacked Norland."),
        vec![ev("SDMCOP", "NRL", "190")]
    );
    assert_eq!(
        code(&c, "Sudmark rangers attacked Norland."),
        vec![ev("SDMMIL", "NRL", "190")]
    );
}

#[test]
fn petrarch1_actor_words_joined_by_a_blank_may_have_words_between() {
    // `HIGH COUNCIL`: PETRARCH-1 lets other words of the noun phrase come between.
    assert_eq!(
        code(
            &coder(Syntax::Petrarch1),
            "The High Defence Council attacked Sudmark."
        ),
        vec![ev("HCL", "SDM", "190")]
    );
    assert_eq!(
        code(
            &coder(Syntax::Petrarch2),
            "The High Defence Council attacked Sudmark."
        ),
        vec![]
    );
}

#[test]
fn petrarch1_new_actors_from_short_noun_phrases() {
    let mut c = coder5();
    c.options.apply(&["CONFIG: new_actor_length = 4".into()]);
    // Neither side is in the dictionaries: each noun phrase of at most four words is an actor,
    // coded by its words in quotes (the possessive 's dropped).
    assert_eq!(
        code_tagged(
            &c,
            "Kelmar's harbour master Brask attacked the Office of Tides."
        ),
        vec![ev(
            "\"KELMAR HARBOUR MASTER BRASK\"",
            "\"THE OFFICE OF TIDES\"",
            "190"
        )]
    );
    c.options.apply(&["CONFIG: new_actor_length = 0".into()]);
    assert_eq!(
        code_tagged(&c, "The harbour master attacked the Office of Tides."),
        vec![]
    );
}

#[test]
fn petrarch1_noun_phrases_joined_by_and_make_a_compound() {
    let c = coder5();
    // "Norland's farmers and herders of Sudmark": two noun phrases, one actor each.
    assert_eq!(
        sorted(code_tagged(
            &c,
            "Norland's farmers and herders of Sudmark attacked Valdor."
        )),
        vec![ev("NRL", "VLD", "190"), ev("SDM", "VLD", "190")]
    );
}

#[test]
fn petrarch1_an_actor_phrase_and_an_unknown_phrase_make_a_compound() {
    let mut d = Dictionaries::empty(Syntax::Petrarch1);
    read_actors(ACTORS2, "t.actors", Dialect::Tabari, &mut d).expect("actors");
    let verbs = "--- CLIMBED [---] ---\nCLIMBED\n- LOSS TALLY * [223]\n";
    read_verbs(verbs, "t.verbs", Dialect::Petrarch, &mut d).expect("verbs");
    let mut c = Coder::new(d);
    c.options.min_words = 0;
    let text = "Norland's loss and damage tally climbed in the war with Sudmark.";
    // The unknown member (`---`) gives no event under REQUIRE DYAD ...
    assert_eq!(code_tagged(&c, text), vec![ev("NRL", "SDM", "223")]);
    // ... and is a new actor of its own under `new_actor_length`.
    c.options.apply(&["CONFIG: new_actor_length = 4".into()]);
    assert_eq!(
        sorted(code_tagged(&c, text)),
        vec![
            ev("\"DAMAGE TALLY\"", "SDM", "223"),
            ev("NRL", "SDM", "223")
        ]
    );
}

#[test]
fn petrarch1_skip_passes_the_agent_of_an_agent_actor_pair() {
    // PETRARCH-1's `^` passes one noun phrase: of "the army of Valdor" only "the army", so the
    // next `+` is Valdor. A plain `+` still takes the pair (VLDMIL), and other syntaxes skip the
    // whole pair.
    let make = |syntax| coder_with_verbs(syntax, "HONOUR [050]\n- * DEAD AT ^ ^ + [051]\n");
    let text = "Norland honoured the dead at Sudmark with the army of Valdor in Kestrel Islands.";
    assert_eq!(
        code(&make(Syntax::Petrarch1), text),
        vec![ev("NRL", "VLD", "051")]
    );
    assert_eq!(
        code(&make(Syntax::Petrarch2), text),
        vec![ev("NRL", "KSI", "051")]
    );
    assert_eq!(
        code(
            &make(Syntax::Petrarch1),
            "Norland honoured the army of Valdor."
        ),
        vec![ev("NRL", "VLDMIL", "050")]
    );
}
