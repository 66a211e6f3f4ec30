//! The enrichment stage of dyad: what a coded article does not say by itself.
//!
//! **In:** an [`dyad_ingest::Article`] and the [`dyad_code::document::CodedArticle`] the coding
//! stage made of it (its sentences, actor mentions and event records).
//!
//! **Out:** the same event records with `attribution` filled ([`attribution`], on the quote finder
//! [`quotes`]: who said what an event was read from, and through whom) and `location` filled
//! ([`geo`]: the place on an offline gazetteer), plus the scorers of `dyad eval quotes` and
//! `dyad eval geo`.

pub mod attribution;
pub mod geo;
pub mod quotes;

use dyad_code::document::CodedArticle;
use dyad_ingest::Article;

/// Fills every event's `attribution` (and, once the gazetteer is loaded, `location`).
pub fn enrich(article: &Article, coded: &mut CodedArticle) {
    attribution::attribute(article, coded);
    geo::locate(article, coded);
}

/// The paragraphs that hold events, in order, each once.
pub(crate) fn event_paragraphs(coded: &CodedArticle) -> Vec<usize> {
    let mut v: Vec<usize> = coded
        .events
        .iter()
        .filter_map(|e| coded.sentences.get(e.sentence_id).map(|s| s.paragraph))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The language core's reading of paragraph `pi`: the one coding kept, else a fresh one (kept in
/// `fresh`).
pub(crate) fn reading<'a>(
    coded: &'a CodedArticle,
    pi: usize,
    para: &str,
    pipeline: &dyad_text::Pipeline,
    fresh: &'a mut Option<dyad_text::Doc>,
) -> &'a dyad_text::Doc {
    match coded.paragraphs.get(pi).and_then(Option::as_ref) {
        Some(d) => d,
        None => fresh.insert(pipeline.analyze(para)),
    }
}
