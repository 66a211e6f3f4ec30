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
/// What the quick first look reads.
const QUICK_SAMPLE: usize = 400;
/// What whatlang sees: a few hundred characters identify a language.
const WHATLANG_SAMPLE: usize = 400;

/// Whether a lowercased word is one of the commonest English function words (a `match`, which
/// the compiler turns into a few length and byte tests).
fn is_function_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"the"
            | b"of"
            | b"and"
            | b"to"
            | b"in"
            | b"a"
            | b"is"
            | b"was"
            | b"for"
            | b"on"
            | b"that"
            | b"with"
            | b"said"
            | b"by"
            | b"it"
            | b"at"
            | b"from"
            | b"as"
            | b"be"
            | b"has"
            | b"have"
            | b"are"
            | b"were"
            | b"its"
            | b"an"
            | b"will"
    )
}

/// Whether a lowercased word is a common function word of another Latin-script language (French,
/// German, Spanish, Portuguese, Italian, Dutch, Scandinavian) that English text does not use.
fn is_foreign_function_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"de"
            | b"la"
            | b"le"
            | b"les"
            | b"des"
            | b"du"
            | b"et"
            | b"est"
            | b"une"
            | b"und"
            | b"der"
            | b"das"
            | b"ist"
            | b"nicht"
            | b"ein"
            | b"eine"
            | b"el"
            | b"los"
            | b"las"
            | b"que"
            | b"del"
            | b"por"
            | b"il"
            | b"di"
            | b"che"
            | b"het"
            | b"een"
            | b"en"
            | b"van"
            | b"och"
            | b"att"
            | b"uma"
            | b"com"
            | b"para"
    )
}

/// Word statistics of a sample in one byte-level pass. Non-ASCII bytes count as letters.
struct Stats {
    /// Share of words that are English function words.
    ratio: f64,
    /// Words of three letters or more.
    long: usize,
    /// English function words.
    english: usize,
    /// Other languages' function words.
    foreign: usize,
}

fn word_stats(text: &str) -> Stats {
    let mut total = 0usize;
    let mut hits = 0usize;
    let mut foreign = 0usize;
    let mut long = 0usize;
    let mut buf = [0u8; 8];
    for w in text
        .as_bytes()
        .split(|b| b.is_ascii() && !b.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
    {
        total += 1;
        if w.len() >= 3 {
            long += 1;
        }
        if w.len() > buf.len() {
            continue;
        }
        let lw = &mut buf[..w.len()];
        lw.copy_from_slice(w);
        lw.make_ascii_lowercase();
        if is_function_word(lw) {
            hits += 1;
        } else if is_foreign_function_word(lw) {
            foreign += 1;
        }
    }
    let ratio = if total == 0 {
        0.0
    } else {
        hits as f64 / total as f64
    };
    Stats {
        ratio,
        long,
        english: hits,
        foreign,
    }
}

/// Identifies the language of `text`: (ISO 639-1 code, reliable?).
pub fn identify(text: &str) -> Option<(&'static str, bool)> {
    // Fast path: running English prose is a quarter to a third function words from that list;
    // other languages score near zero on it. Such text skips whatlang's trigram scoring, which
    // otherwise costs more than everything else ingest does. The first few hundred bytes settle
    // most articles; the longer sample is read only when they don't.
    if word_stats(prefix(text, QUICK_SAMPLE)).ratio >= 0.15 {
        return Some(("en", true));
    }
    let sample = prefix(text, SAMPLE);
    let stats = word_stats(sample);
    if stats.ratio >= 0.10 {
        return Some(("en", true));
    }
    let words = stats.long;
    // Tables of figures (results, prices, earnings: a quarter or more of the tokens are numbers)
    // make any guess meaningless; ASCII-only ones stay English, flagged uncertain.
    let tokens = sample.split_ascii_whitespace().count().max(1);
    let numbers = sample
        .split_ascii_whitespace()
        .filter(|t| t.as_bytes()[0].is_ascii_digit())
        .count();
    if numbers * 4 >= tokens && words < 60 && sample.is_ascii() {
        return Some(("en", false));
    }
    // Terse English (results tables, briefs in headline style) is thinner in function words but
    // has none of other languages' ("de", "la", "und", "het"…), which any French, German, Spanish
    // or Dutch sample of this length is full of.
    if stats.english >= 2 && stats.ratio >= 0.04 && stats.foreign == 0 {
        return Some(("en", true));
    }
    let info = whatlang::detect(prefix(sample, WHATLANG_SAMPLE))?;
    let code = table().get(info.lang().code()).copied()?;
    if info.is_reliable() || code == "en" {
        return Some((code, info.is_reliable()));
    }
    Some((code, false))
}

/// The first `n` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut end = s.len().min(n);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Sets `language` (unless the input gave one) and warns about non-English or uncertain text.
pub fn fill(a: &mut Article) {
    let mut sample = String::with_capacity(SAMPLE + 256);
    for p in &a.paragraphs {
        if sample.len() >= SAMPLE {
            break;
        }
        sample.push_str(prefix(p, SAMPLE));
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
        let nl = "De ministers van buitenlandse zaken van beide landen kwamen maandag in de hoofdstad bijeen en zeiden dat zij zouden samenwerken op het gebied van handel en veiligheid.";
        assert_eq!(identify(nl).map(|x| x.0), Some("nl"));
        let es = "Los ministros de asuntos exteriores de los dos países se reunieron el lunes en la capital y dijeron que trabajarían juntos en el comercio.";
        assert_eq!(identify(es).map(|x| x.0), Some("es"));
    }

    #[test]
    fn figures_are_not_french() {
        assert_eq!(identify("Shr 45 cts vs 58 cts. Net 1.1 mln vs 829,000. Revs 12 mln vs 10 mln. Note: the period ended March 31.").map(|x| x.0), Some("en"));
    }

    #[test]
    fn terse_english_is_english_without_whatlang() {
        // Thin in English function words, free of other languages' ones.
        let brief = "Oper shr loss two cts vs profit seven cts. Company said it expects the sale of its unit to close in the second quarter, pending approval.";
        assert_eq!(identify(brief), Some(("en", true)));
        // A Dutch sample with an English-looking "is" and "a" still goes to whatlang.
        let nl = "De regering heeft het plan van de minister goedgekeurd, het is een grote stap voor de kamer en Anna is blij.";
        assert_eq!(identify(nl).map(|x| x.0), Some("nl"));
    }

    #[test]
    fn short_english_is_english() {
        assert_eq!(
            identify("Talks on the border were held in the city.").map(|x| x.0),
            Some("en")
        );
    }
}
