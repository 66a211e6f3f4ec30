//! Attribution of events: an event read inside what somebody said carries who said it, with which
//! words, and through whom.
//!
//! The quote finder ([`crate::quotes`]) runs on the paragraphs that hold events; a speaker's code is
//! the code of the actor the coder read in the speaker's words (so "the RSC" is `RUSGOV` once the
//! article has defined the acronym). A relay is remembered for the rest of the article: once
//! "TASS quoted the Russian Security Council as saying …", a later "… the RSC said" is also via
//! TASS. A sentence that opens with a pronoun and has no cue of its own continues the report of the
//! sentence before it ("The NSD said the delegations … . They urged …").

use dyad_code::document::{CodedArticle, Mention};
use dyad_code::record::Attribution;
use dyad_ingest::Article;
use dyad_text::Token;

use crate::quotes::{self, Relation, Span};

/// Words that may introduce a report: a paragraph without any is not read for quotes.
const HINTS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "according",
    "quoted",
    "statement",
    "announced",
    "stated",
    "added",
    "noted",
    "reported",
    "warned",
    "declared",
    ":",
    "―",
];

fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The codes of the actors read inside `span` of paragraph `p`.
fn codes_in(mentions: &[Mention], p: usize, span: Span) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in mentions
        .iter()
        .filter(|m| m.paragraph == p && overlaps((m.start, m.end), span))
    {
        for c in &m.codes {
            if !out.contains(c) {
                out.push(c.clone());
            }
        }
    }
    out
}

/// Fills `attribution` on the events of `coded`.
pub fn attribute(article: &Article, coded: &mut CodedArticle) {
    if coded.events.is_empty() {
        return;
    }
    let Ok(pipeline) = dyad_text::Pipeline::shared() else {
        return;
    };
    let paragraphs_with_events = crate::event_paragraphs(coded);
    // (paragraph, relation, attribution)
    let mut found: Vec<(usize, Relation, Attribution)> = Vec::new();
    // speaker text (lower case) or code → (via text, via code)
    let mut relays: Vec<(String, String, String, String)> = Vec::new();
    let mut last_speaker: Option<Attribution> = None;
    for (pi, para) in article.paragraphs.iter().enumerate() {
        let lower = para.to_lowercase();
        if !HINTS.iter().any(|h| lower.contains(h)) {
            continue;
        }
        // Relays are learned from every paragraph with a hint; quotes matter where events are.
        let mut fresh = None;
        let doc = crate::reading(coded, pi, para, pipeline, &mut fresh);
        let sents: Vec<&[Token]> = doc.sentence_tokens();
        for r in quotes::find(&sents) {
            let text = |s: Span| para.get(s.0..s.1).unwrap_or_default().to_string();
            let speaker = r.source.map(text).unwrap_or_default();
            let speaker_code = r
                .source
                .map(|s| codes_in(&coded.mentions, pi, s).join("/"))
                .unwrap_or_default();
            let (mut via, mut via_code) = match r.via {
                Some(v) => (
                    Some(text(v)),
                    Some(codes_in(&coded.mentions, pi, v).join("/")),
                ),
                None => (None, None),
            };
            if let (Some(v), Some(vc)) = (&via, &via_code) {
                relays.push((
                    speaker.to_lowercase(),
                    speaker_code.clone(),
                    v.clone(),
                    vc.clone(),
                ));
            } else if let Some((_, _, v, vc)) = relays.iter().rev().find(|(st, sc, _, _)| {
                (!sc.is_empty() && *sc == speaker_code) || *st == speaker.to_lowercase()
            }) {
                via = Some(v.clone());
                via_code = Some(vc.clone());
            }
            let cue = text(r.cue);
            // "…, it said": a pronoun speaker is the last speaker named.
            let (speaker, speaker_code, via, via_code) = match (
                speaker.to_lowercase().as_str(),
                found.last().map(|f| &f.2).or(last_speaker.as_ref()),
            ) {
                ("it" | "he" | "she" | "they", Some(prev)) => (
                    format!("{speaker} ({})", prev.speaker),
                    prev.speaker_code.clone(),
                    prev.via.clone(),
                    prev.via_code.clone(),
                ),
                _ => (speaker, speaker_code, via, via_code),
            };
            last_speaker = Some(Attribution {
                speaker: speaker.clone(),
                speaker_code: speaker_code.clone(),
                via: via.clone(),
                via_code: via_code.clone(),
                cue: cue.clone(),
            });
            if !paragraphs_with_events.contains(&pi) {
                continue;
            }
            found.push((
                pi,
                r,
                Attribution {
                    speaker,
                    speaker_code,
                    via: via.filter(|v| !v.is_empty()),
                    via_code: via_code.filter(|v| !v.is_empty()),
                    cue,
                },
            ));
        }
    }
    // Which relation covers each sentence (by its content), and continuations.
    let mut per_sentence: Vec<Option<Attribution>> = vec![None; coded.sentences.len()];
    for (i, s) in coded.sentences.iter().enumerate() {
        let span = (s.start, s.end);
        per_sentence[i] = found
            .iter()
            .filter(|(p, r, _)| *p == s.paragraph && overlaps(r.content, span))
            .max_by_key(|(_, r, _)| {
                r.content
                    .1
                    .min(span.1)
                    .saturating_sub(r.content.0.max(span.0))
            })
            .map(|(_, _, a)| a.clone());
        if per_sentence[i].is_none()
            && i > 0
            && let Some(prev) = per_sentence[i - 1].clone()
        {
            let first = s
                .text
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_lowercase();
            if matches!(first.as_str(), "they" | "he" | "she" | "it") {
                let mut a = prev;
                a.cue = format!("{} (continued)", a.cue);
                per_sentence[i] = Some(a);
            }
        }
    }
    for e in &mut coded.events {
        if let Some(Some(a)) = per_sentence.get(e.sentence_id) {
            // The report's own verb ("the RSC said") is the speaking, not something reported.
            if e.verb_text == a.cue && e.source_text == a.speaker {
                continue;
            }
            e.attribution = vec![a.clone()];
        }
    }
}
