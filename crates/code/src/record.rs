//! The event record: one coded event as dyad prints and stores it (DESIGN.md, "The event record").
//!
//! The record is owned and (de)serialisable, so the store and the exporters read back exactly what
//! `dyad code --format jsonl` prints.

use serde::{Deserialize, Serialize};

/// Where an event happened, resolved on the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    /// ISO 3166-1 alpha-3 code of the country.
    pub country: String,
    /// First-level subdivision (ISO 3166-2 code or GeoNames admin1 name), when known.
    pub adm1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub geonameid: Option<u64>,
    /// `city`, `adm1` or `country`.
    pub precision: String,
}

/// Who said what an event was read from, and through whom ("TASS quoted the Russian Security
/// Council as saying …": speaker the council, via TASS).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub speaker: String,
    pub speaker_code: String,
    pub via: Option<String>,
    pub via_code: Option<String>,
    /// The words that mark the report ("said", "according to", "quoted … as saying").
    pub cue: String,
}

/// One PLOVER actor (PLOVER's `source`/`target` entries): the words, the country and the sector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PloverActor {
    #[serde(rename = "actorText")]
    pub actor_text: String,
    /// The country part of the CAMEO code (ISO 3166-1 alpha-3, or `IGO`…), may be empty.
    pub code: String,
    /// The sector part (`GOV`, `MIL`, …), may be empty.
    pub sector: String,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub article_id: String,
    /// Index of the sentence in the article (stable for the same article text).
    pub sentence_id: usize,
    /// `YYYY-MM-DD`, empty when neither the text nor the article gives a date.
    pub date: String,
    /// Where the date came from: "time expression", "carried from sentence N", "publication date".
    pub date_source: String,
    pub source: String,
    pub target: String,
    pub source_text: String,
    pub target_text: String,
    pub verb_text: String,
    pub cameo: String,
    pub root: String,
    pub quad_class: Option<u8>,
    pub goldstein: Option<f64>,
    pub plover_type: Option<String>,
    pub plover_mode: Option<String>,
    /// PLOVER's actor fields for the source and the target.
    pub plover_source: Vec<PloverActor>,
    pub plover_target: Vec<PloverActor>,
    pub topics: Vec<String>,
    pub location: Option<Location>,
    pub attribution: Vec<Attribution>,
    /// The dictionary entries, pattern and rules that fired (see [`crate::engine::Explain`]).
    pub explain: serde_json::Value,
}

/// IGO, NGO and IMG open the code of an international actor as a country code would ("IGOUNO",
/// "IMGMOSALQ"), as in the GDELT export: the country part of such a code, never a state's.
pub fn is_international(head: &str) -> bool {
    matches!(head, "IGO" | "NGO" | "IMG")
}

/// Splits a CAMEO actor code into its country (or IGO/NGO) part and its sector part:
/// `PAKGOV` → (`PAK`, `GOV`), `IGOUNOSEC` → (`IGO`, `UNOSEC`), `GOV` → (``, `GOV`).
pub fn split_actor(code: &str) -> (&str, &str) {
    // CAMEO role codes that open a code with no country. None is an ISO 3166-1 alpha-3 code.
    const SECTORS: &[&str] = &[
        "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "INS", "MED", "BUS", "EDU", "HLH", "NGO",
        "IGO", "REF", "LAB", "CVL", "ELI", "SPY", "CRM", "REL", "PTY", "AGR", "UAF", "MOD", "RAD",
        "IMG", "SEP", "ENV", "DEV", "HRI", "UNO",
    ];
    if code.len() >= 3 && code.is_char_boundary(3) {
        let (head, rest) = code.split_at(3);
        if SECTORS.contains(&head) && !is_international(head) {
            return ("", code);
        }
        return (head, rest);
    }
    ("", code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_split_into_country_and_sector() {
        assert_eq!(split_actor("PAKGOV"), ("PAK", "GOV"));
        assert_eq!(split_actor("RUS"), ("RUS", ""));
        assert_eq!(split_actor("IGOUNOSEC"), ("IGO", "UNOSEC"));
        assert_eq!(split_actor("IMGREB"), ("IMG", "REB"));
        assert_eq!(split_actor("GOV"), ("", "GOV"));
        assert_eq!(split_actor("MILREB"), ("", "MILREB"));
        // India's code is a country, never a sector.
        assert_eq!(split_actor("INDGOV"), ("IND", "GOV"));
        assert_eq!(split_actor(""), ("", ""));
    }
}
