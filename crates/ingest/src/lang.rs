//! Language identification of article bodies with `whatlang`, reported as ISO 639-1.
//!
//! whatlang is unreliable on short texts; for those an English function-word ratio decides between
//! English and whatlang's guess, so a two-line English brief is not labelled Scots or Dutch.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::Article;

static ISO639: &str = include_str!("../data/iso639.tsv");

fn table() -> &'static HashMap<&'static str, &'static str> {
    static T: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        ISO639
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

/// How many bytes of the body are looked at: enough for a sure answer, cheap on long articles.
const SAMPLE: usize = 1500;

const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "was", "for", "on", "that", "with", "said", "by",
    "it", "at", "from", "as", "be", "has", "have", "are", "were", "its", "an", "will",
];

/// Share of words in `text` that are common English function words.
fn english_ratio(text: &str) -> f64 {
    let mut total = 0usize;
    let mut hits = 0usize;
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        total += 1;
        let lw = w.to_ascii_lowercase();
        if ENGLISH_FUNCTION_WORDS.contains(&lw.as_str()) {
            hits += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        hits as f64 / total as f64
    }
}

/// Identifies the language of `text`: (ISO 639-1 code, reliable?).
pub fn identify(text: &str) -> Option<(&'static str, bool)> {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let info = whatlang::detect(sample)?;
    let code = table().get(info.lang().code()).copied()?;
    // Too few words (tables of figures, tickers, one-line briefs) make whatlang's guess and its
    // "reliable" flag meaningless; on ASCII-only text such a guess stays English, flagged uncertain.
    // Otherwise an unsure guess on text full of English function words is English too.
    let words = sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .count();
    if code != "en" && words < 25 && sample.is_ascii() {
        return Some(("en", false));
    }
    if info.is_reliable() || code == "en" {
        return Some((code, info.is_reliable()));
    }
    if english_ratio(sample) >= 0.15 {
        return Some(("en", false));
    }
    Some((code, false))
}

/// Sets `language` (unless the input gave one) and warns about non-English or uncertain text.
pub fn fill(a: &mut Article) {
    let mut sample = String::new();
    for p in &a.paragraphs {
        if sample.len() >= SAMPLE {
            break;
        }
        sample.push_str(p);
        sample.push('\n');
    }
    match identify(&sample) {
        Some((code, reliable)) => {
            if let Some(given) = &a.language
                && given != code
                && reliable
            {
                a.warnings.push(format!(
                    "the input says language {given:?} but the body reads as {code:?}; keeping {code:?}"
                ));
            }
            if !reliable {
                a.warnings.push(format!(
                    "language identification uncertain (best guess {code:?})"
                ));
            }
            a.language = Some(code.to_string());
        }
        None => {
            if a.language.is_none() {
                a.warnings.push("language could not be identified".into());
            }
        }
    }
    if let Some(l) = &a.language
        && l != "en"
    {
        a.warnings.push(format!(
            "article is in language {l:?}, not English: dyad codes events in English text only"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_languages() {
        let en = "The foreign ministers of the two countries met in the capital on Monday and said they would work together on trade.";
        assert_eq!(identify(en).map(|x| x.0), Some("en"));
        let fr = "Les ministres des affaires étrangères des deux pays se sont rencontrés lundi dans la capitale et ont déclaré qu'ils travailleraient ensemble.";
        assert_eq!(identify(fr).map(|x| x.0), Some("fr"));
        let de = "Die Außenminister der beiden Länder trafen sich am Montag in der Hauptstadt und erklärten, sie wollten beim Handel zusammenarbeiten.";
        assert_eq!(identify(de).map(|x| x.0), Some("de"));
    }

    #[test]
    fn figures_are_not_french() {
        assert_eq!(identify("Shr 45 cts vs 58 cts. Net 1.1 mln vs 829,000. Revs 12 mln vs 10 mln. Note: the period ended March 31.").map(|x| x.0), Some("en"));
    }

    #[test]
    fn short_english_is_english() {
        assert_eq!(
            identify("Talks on the border were held in the city.").map(|x| x.0),
            Some("en")
        );
    }
}
