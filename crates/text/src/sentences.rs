//! Sentence splitter for news text.
//!
//! Our own rather than `sentencex`: it works on the tokens the tokenizer already made (one
//! pass over the text for both, so it is fast), and it knows what news needs —
//! abbreviations that never end a sentence (`Mr.`, `Gen.`), ones that may (`U.S.`, `Inc.`:
//! only when a typical sentence opener follows), months before dates (`Dec. 2`), initials
//! (`J. R. Smith`), closing quotes after the stop (`."` and `”.`), datelines that stay in
//! the first sentence (`ISLAMABAD: …`, `MOSCOW (Reuters) - …`, even on a line of their
//! own), wire credits (`….—APP`), and paragraphs: a blank line always ends a sentence.

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::tokenize::{AbbrClass, RawToken, abbreviation_class, tokenize};

/// A sentence: byte offsets into the text and the range of its tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
}

static STARTERS: &str = include_str!("../data/sentence_starters.txt");

fn starters() -> &'static FxHashSet<&'static str> {
    static S: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        STARTERS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Splits text into sentences.
pub fn split_sentences(text: &str) -> Vec<SentenceSpan> {
    let toks = tokenize(text);
    split_tokens(text, &toks)
}

fn is_terminal(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

fn is_closer(t: &str) -> bool {
    matches!(
        t,
        "\"" | "'" | "''" | "\u{201D}" | "\u{2019}" | ")" | "]" | "}" | "\u{00BB}"
    )
}

fn is_dash(t: &str) -> bool {
    matches!(t, "-" | "--" | "\u{2014}" | "\u{2013}")
}

/// Does a blank line separate byte offsets `a..b`?
fn paragraph_gap(text: &str, a: usize, b: usize) -> bool {
    let gap = &text[a..b];
    let mut nl = 0;
    for c in gap.chars() {
        if c == '\n' {
            nl += 1;
            if nl >= 2 {
                return true;
            }
        } else if c == '\u{2029}' {
            return true;
        }
    }
    false
}

fn all_caps_word(t: &str) -> bool {
    t.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && t.chars().all(|c| !c.is_lowercase())
        && t.chars().any(char::is_uppercase)
}

/// A sentence so far that is only a dateline (`ISLAMABAD:`, `MOSCOW (Reuters) -`).
fn is_dateline(text: &str, toks: &[RawToken]) -> bool {
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return false;
    };
    let last = &text[last.start..last.end];
    toks.len() <= 12
        && all_caps_word(&text[first.start..first.end])
        && (last == ":" || is_dash(last))
}

/// Could the token start a sentence (capitalised word, number, opening quote or bracket)?
fn opens(text: &str, toks: &[RawToken], j: usize) -> bool {
    let t = &text[toks[j].start..toks[j].end];
    let Some(c) = t.chars().next() else {
        return false;
    };
    if c.is_uppercase() || c.is_numeric() {
        return true;
    }
    match c {
        '\u{201C}' | '(' | '[' | '\u{2018}' | '\u{00AB}' => true,
        '"' | '\'' => toks.get(j + 1).is_some_and(|n| n.start == toks[j].end),
        _ => false,
    }
}

/// Splits a tokenized text into sentences.
pub fn split_tokens(text: &str, toks: &[RawToken]) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    let n = toks.len();
    let mut s0 = 0;
    let mut i = 0;
    let tok = |k: usize| &text[toks[k].start..toks[k].end];
    while i < n {
        let t = tok(i);
        let mut last = i;
        let mut cut = false;
        let terminal = is_terminal(t);
        let abbr = if terminal {
            None
        } else {
            abbreviation_class(t)
        };
        if terminal || abbr.is_some() {
            // Closing quotes and brackets attached to the stop belong to this sentence.
            let mut j = i + 1;
            while j < n && is_closer(tok(j)) && toks[j].start == toks[j - 1].end {
                j += 1;
            }
            let next = (j < n).then_some(j);
            cut = match (next, abbr) {
                (None, _) => true,
                (Some(j), None) => opens(text, toks, j),
                (Some(_), Some(AbbrClass::Title)) => false,
                (Some(j), Some(class)) => {
                    let nt = tok(j);
                    let digit = nt.starts_with(|c: char| c.is_ascii_digit());
                    if class == AbbrClass::Month && digit {
                        false
                    } else {
                        nt.starts_with(char::is_uppercase)
                            && starters().contains(nt.to_lowercase().as_str())
                    }
                }
            };
            if cut {
                last = j - 1;
            }
        }
        if !cut && i + 1 < n && paragraph_gap(text, toks[i].end, toks[i + 1].start) {
            cut = !is_dateline(text, &toks[s0..=i]);
        }
        if !cut && i + 1 == n {
            cut = true;
        }
        if cut {
            out.push(SentenceSpan {
                start: toks[s0].start,
                end: toks[last].end,
                tokens: s0..last + 1,
            });
            s0 = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<&str> {
        split_sentences(s)
            .iter()
            .map(|x| &s[x.start..x.end])
            .collect()
    }

    #[test]
    fn abbreviations_mid_and_end() {
        assert_eq!(
            sents("Mr. Khan met Gen. Ali on Dec. 2 in the U.S. capital. Talks went well."),
            vec![
                "Mr. Khan met Gen. Ali on Dec. 2 in the U.S. capital.",
                "Talks went well."
            ]
        );
        assert_eq!(
            sents("The aid came from the U.S. The talks resume on Monday."),
            vec!["The aid came from the U.S.", "The talks resume on Monday."]
        );
        assert_eq!(
            sents("Shares of Acme Inc. rose. They fell later at 3 p.m. on Friday."),
            vec![
                "Shares of Acme Inc. rose.",
                "They fell later at 3 p.m. on Friday."
            ]
        );
    }

    #[test]
    fn initials() {
        assert_eq!(
            sents("J. R. Smith and T. Ortiz spoke. Nobody else did."),
            vec!["J. R. Smith and T. Ortiz spoke.", "Nobody else did."]
        );
    }

    #[test]
    fn quotes_at_the_end() {
        assert_eq!(
            sents("He said, \"We will not yield.\" The crowd cheered."),
            vec!["He said, \"We will not yield.\"", "The crowd cheered."]
        );
        assert_eq!(
            sents("She called it “a disgrace”. Then she left! Why? Nobody knows."),
            vec![
                "She called it “a disgrace”.",
                "Then she left!",
                "Why?",
                "Nobody knows."
            ]
        );
        assert_eq!(
            sents("“We are ready.” Officials agreed."),
            vec!["“We are ready.”", "Officials agreed."]
        );
    }

    #[test]
    fn datelines_stay() {
        assert_eq!(
            sents("ISLAMABAD: The minister arrived on Monday. He met the envoy."),
            vec![
                "ISLAMABAD: The minister arrived on Monday.",
                "He met the envoy."
            ]
        );
        assert_eq!(
            sents("MOSCOW (Reuters) - The ministry denied it. Nothing changed."),
            vec![
                "MOSCOW (Reuters) - The ministry denied it.",
                "Nothing changed."
            ]
        );
        assert_eq!(
            sents("KARACHI:\n\nPolice made two arrests. More may follow."),
            vec!["KARACHI:\n\nPolice made two arrests.", "More may follow."]
        );
    }

    #[test]
    fn paragraphs_and_credits() {
        assert_eq!(
            sents("A headline without a stop\n\nThe body starts here.\nIt goes on"),
            vec![
                "A headline without a stop",
                "The body starts here.",
                "It goes on"
            ]
        );
        assert_eq!(
            sents("The talks ended on a positive note.—APP\n\nNext story."),
            vec!["The talks ended on a positive note.—APP", "Next story."]
        );
        assert_eq!(
            sents("prices fell... and then rose. Good."),
            vec!["prices fell... and then rose.", "Good."]
        );
    }

    #[test]
    fn empty_and_blank() {
        assert!(sents("").is_empty());
        assert!(sents("  \n\n ").is_empty());
        assert_eq!(sents("no stop"), vec!["no stop"]);
    }
}
