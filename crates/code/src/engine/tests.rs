//! Engine tests on a small dictionary written for them (fictional states, as in the classic suites).

use super::*;
use crate::dict::lines::{Dialect, read_actors, read_agents, read_verbs};
use crate::dict::{Dictionaries, Syntax};

const ACTORS: &str = "NORLAND [NRL]\nNORLANDIC [NRL]\nSUDMARK [SDM]\nVALDOR [VLD]\nKESTREL_ISLANDS [KSI]\nOLAF_BRANN [NRLGOV 20010101-20101231] [NRLELI]\n<NOUN>\nTALKS_\n</NOUN>\n";
const AGENTS: &str = "ARMY_ [~MIL]\nFOREIGN_MINISTER_ [~GOV]\nPRESIDENT_ [~GOV]\nREBELS_ [~REB]\n";
const VERBS: &str = "<SYNSETS>\n&TIES\n+DIPLOMATIC\n+TRADE\n</SYNSETS>\n\
MEET [040]\n{ MET_ }\n- * WITH + [042]\n\
VISIT [042:043]\n\
ATTACK [190]\n- * +_HELICOPTERS [---]\n\
URGE [020]\n- * + TO HALT [1041]\n\
RESTORE [050]\n- * &TIES TIES [064]\n\
FREE [066]\n- + * FROM $ [066]\n\
SAID [010?]\n\
CLASH [190:190]\n";

fn coder(syntax: Syntax) -> Coder {
    let mut d = Dictionaries::empty(syntax);
    read_actors(ACTORS, "t.actors", Dialect::Tabari, &mut d).expect("actors");
    read_agents(AGENTS, "t.agents", Dialect::Tabari, &mut d).expect("agents");
    read_verbs(VERBS, "t.verbs", Dialect::Tabari, &mut d).expect("verbs");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    Coder::new(d)
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
    let mut got = code(&c, "Norland, Sudmark and Valdor clashed on the border.");
    got.sort();
    assert_eq!(got.len(), 6, "{got:?}");
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
    // SAID is subordinate: the attack wins.
    let got = code(&c, "Norland said Sudmark attacked Valdor.");
    assert_eq!(got, vec![ev("SDM", "VLD", "190")], "{got:?}");
    // Two clauses, the source carried into the second.
    let mut got = code(&c, "Norland met Sudmark and attacked Valdor.");
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
