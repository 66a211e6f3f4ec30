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
