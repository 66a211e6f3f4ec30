//! Language identification of article bodies with `whatlang`, reported as ISO 639-1.
//!
//! whatlang is unreliable on short texts; for those an English function-word ratio decides between
//! English and whatlang's guess, so a two-line English brief is not labelled Scots or Dutch.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::Article;
use crate::swar::byte_class;

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

/// Whether a lowercased word is an abbreviation of English financial newswire copy ("Shr 1.06
/// dlrs vs 90 cts", "Qtly div 8 cts vs 8 cts prior"): results and dividend tables are English,
/// but thin in function words and a puzzle for trigram models.
fn is_wire_abbreviation(w: &[u8]) -> bool {
    matches!(
        w,
        b"vs"
            | b"cts"
            | b"ct"
            | b"mln"
            | b"bln"
            | b"dlrs"
            | b"dlr"
            | b"shr"
            | b"shrs"
            | b"revs"
            | b"qtly"
            | b"mthly"
            | b"div"
            | b"pct"
            | b"avg"
            | b"mths"
            | b"qtr"
            | b"oper"
    )
}

/// Word statistics of a sample in one byte-level pass. Non-ASCII bytes count as letters.
#[derive(Default, Clone, Copy)]
struct Stats {
    /// Words.
    total: usize,
    /// Words of three letters or more.
    long: usize,
    /// English function words.
    english: usize,
    /// Other languages' function words.
    foreign: usize,
    /// English newswire abbreviations.
    wire: usize,
}

impl Stats {
    /// Share of words that are English function words.
    fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.english as f64 / self.total as f64
        }
    }

    fn plus(self, o: Stats) -> Stats {
        Stats {
            total: self.total + o.total,
            long: self.long + o.long,
            english: self.english + o.english,
            foreign: self.foreign + o.foreign,
            wire: self.wire + o.wire,
        }
    }
}

/// Whether a byte belongs to a word: an ASCII letter or part of a non-ASCII character.
fn word_byte(b: u8) -> bool {
    WORD_BYTE[usize::from(b)]
}

const WORD_BYTE: [bool; 256] = byte_class!(|b| b >= 0x80 || b.is_ascii_alphabetic());

fn word_stats(text: &str) -> Stats {
    let b = text.as_bytes();
    let mut st = Stats::default();
    let mut buf = [0u8; 8];
    let mut i = 0;
    while i < b.len() {
        if !word_byte(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && word_byte(b[i]) {
            i += 1;
        }
        let w = &b[start..i];
        st.total += 1;
        if w.len() >= 3 {
            st.long += 1;
        }
        if w.len() > buf.len() {
            continue;
        }
        let lw = &mut buf[..w.len()];
        lw.copy_from_slice(w);
        lw.make_ascii_lowercase();
        if is_function_word(lw) {
            st.english += 1;
        } else if is_foreign_function_word(lw) {
            st.foreign += 1;
        } else if is_wire_abbreviation(lw) {
            st.wire += 1;
        }
    }
    st
}

/// The end of the quick look: at most [`QUICK_SAMPLE`] bytes, cut between words so that the
/// rest of the sample can be counted on its own and added.
fn quick_end(s: &str) -> usize {
    let b = s.as_bytes();
    let mut end = b.len().min(QUICK_SAMPLE);
    if end < b.len() {
        while end > 0 && word_byte(b[end]) {
            end -= 1;
        }
    }
    end
}

/// Identifies the language of `text`: (ISO 639-1 code, reliable?).
pub fn identify(text: &str) -> Option<(&'static str, bool)> {
    // Fast path: running English prose is a quarter to a third function words from that list;
    // other languages score near zero on it. Such text skips whatlang's trigram scoring, which
    // otherwise costs more than everything else ingest does. The first few hundred bytes settle
    // most articles; the longer sample is read only when they don't.
    let q = quick_end(text);
    let quick = word_stats(text.get(..q).unwrap_or_default());
    if quick.ratio() >= 0.15 {
        return Some(("en", true));
    }
    let sample = prefix(text, SAMPLE);
    let stats = quick.plus(word_stats(sample.get(q..).unwrap_or_default()));
    if stats.ratio() >= 0.10 {
        return Some(("en", true));
    }
    let words = stats.long;
    // Tables of figures (results, prices, earnings: a quarter or more of the tokens are numbers)
    // make any guess meaningless; ASCII-only ones stay English, flagged uncertain.
    let (tokens, numbers) = sample
        .split_ascii_whitespace()
        .fold((0usize, 0usize), |(n, d), t| {
            (n + 1, d + usize::from(t.as_bytes()[0].is_ascii_digit()))
        });
    if numbers * 4 >= tokens.max(1) && words < 60 && sample.is_ascii() {
        return Some(("en", false));
    }
    // Terse English (results tables, briefs in headline style) is thinner in function words but
    // has none of other languages' ("de", "la", "und", "het"…), which any French, German, Spanish
    // or Dutch sample of this length is full of. Wire abbreviations ("Shr", "vs", "cts") count
    // as English words here.
    let english = stats.english + stats.wire;
    if english >= 2 && english * 25 >= stats.total && stats.foreign == 0 {
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
    fn wire_tables_are_english() {
        // No function word at all, but the newswire abbreviations of a dividend table.
        let div = "Qtly div six cts vs six cts prior\nPay April 10\nRecord March 27";
        assert_eq!(identify(div), Some(("en", true)));
        // A Spanish sports line with "vs" is still Spanish: it has Spanish function words.
        let es = "El partido Barcelona vs Madrid se jugará el domingo en el estadio de la ciudad, con las entradas agotadas.";
        assert_eq!(identify(es).map(|x| x.0), Some("es"));
    }

    #[test]
    fn short_english_is_english() {
        assert_eq!(
            identify("Talks on the border were held in the city.").map(|x| x.0),
            Some("en")
        );
    }
}
