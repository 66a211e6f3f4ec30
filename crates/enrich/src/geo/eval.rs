//! `dyad eval geo`: toponym recognition and resolution on the TR-News / LGL layout
//! (`<article><text>` with `<toponyms><toponym><phrase><start><end><gaztag geonameid><lat><lon>
//! <country>`), and on GeoWebNews' `GWN.xml` (`<extractedName>`, `<geonamesID>`, `<latitude>`,
//! `<longitude>`; no country, so no country accuracy).
//!
//! A gold toponym is **found** when a toponym dyad found overlaps it (recall over gold, precision
//! over found). Resolution is measured on the gold toponyms dyad found: the share within 161 km
//! (100 miles) of the gold coordinates or the very GeoNames feature of the gold (a country is one
//! place wherever its conventional point lies; `acc_161km_distance_only` counts distance alone),
//! the share in the gold country, and the mean error (0 for the same feature).
//! Offsets in the file are character offsets; they are compared as byte offsets of the same text.

use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{Gazetteer, article_toponyms, haversine_km};

#[derive(Debug, thiserror::Error)]
pub enum GeoEvalError {
    #[error("{path}: cannot read: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("{path}: byte {offset}: {what}")]
    Xml {
        path: String,
        offset: u64,
        what: String,
    },
}

#[derive(Debug, Default, Clone)]
struct Gold {
    start: usize,
    end: usize,
    geonameid: u64,
    phrase: String,
    lat: Option<f64>,
    lon: Option<f64>,
    country: String,
}

#[derive(Debug, Default)]
struct Doc {
    text: String,
    gold: Vec<Gold>,
}

/// `dyad eval geo` results.
#[derive(Debug, Clone, serde::Serialize)]
pub struct GeoScore {
    pub gold: usize,
    pub found: usize,
    pub recall: f64,
    pub precision: f64,
    /// Within 161 km of the gold point, or the same GeoNames feature (a country or subdivision
    /// is one place wherever its conventional point lies).
    pub acc_161km: f64,
    pub country_accuracy: f64,
    pub mean_error_km: f64,
    pub articles: usize,
    /// Gold toponyms found and measured for distance / for country.
    pub resolved: usize,
    pub with_country: usize,
    /// Within 161 km of the gold point, by distance alone.
    pub acc_161km_distance_only: f64,
    /// Gold toponyms whose offsets did not hold their phrase and were moved to the nearest
    /// occurrence of it.
    pub realigned: usize,
    /// One line per gold toponym found but resolved more than 161 km away or in another
    /// country (for `--failures`; not part of the JSON).
    #[serde(skip)]
    pub failures: Vec<String>,
}

fn read_docs(path: &Path) -> Result<Vec<Doc>, GeoEvalError> {
    let text = std::fs::read_to_string(path).map_err(|error| GeoEvalError::Io {
        path: path.display().to_string(),
        error,
    })?;
    let mut r = Reader::from_str(&text);
    let mut docs: Vec<Doc> = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut cur = Gold::default();
    loop {
        let ev = r.read_event().map_err(|e| GeoEvalError::Xml {
            path: path.display().to_string(),
            offset: r.buffer_position(),
            what: e.to_string(),
        })?;
        match ev {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                if name == "gaztag"
                    && let Some(Ok(a)) = e
                        .attributes()
                        .find(|a| a.as_ref().is_ok_and(|a| a.key.as_ref() == b"geonameid"))
                {
                    cur.geonameid = String::from_utf8_lossy(&a.value).parse().unwrap_or(0);
                }
                if name == "article" {
                    docs.push(Doc::default());
                }
                if name == "toponym" {
                    cur = Gold::default();
                }
                stack.push(name);
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                if name == "toponym"
                    && let Some(d) = docs.last_mut()
                {
                    d.gold.push(cur.clone());
                }
                stack.pop();
            }
            Event::CData(c) => {
                if stack.last().map(String::as_str) == Some("text")
                    && let Some(d) = docs.last_mut()
                {
                    d.text.push_str(&String::from_utf8_lossy(&c));
                }
            }
            Event::Text(t) => {
                let v = t.xml_content().map(|c| c.to_string()).unwrap_or_default();
                let v = v.trim();
                match stack.last().map(String::as_str) {
                    Some("text") => {
                        if let Some(d) = docs.last_mut() {
                            d.text.push_str(v);
                        }
                    }
                    Some("start") if stack.iter().any(|s| s == "toponym") => {
                        cur.start = v.parse().unwrap_or(0)
                    }
                    Some("end") if stack.iter().any(|s| s == "toponym") => {
                        cur.end = v.parse().unwrap_or(0)
                    }
                    Some("phrase" | "extractedName") => cur.phrase = v.to_string(),
                    Some("lat" | "latitude") => cur.lat = v.parse().ok(),
                    Some("lon" | "longitude") => cur.lon = v.parse().ok(),
                    Some("geonamesID") => cur.geonameid = v.parse().unwrap_or(0),
                    Some("country") => cur.country = v.to_string(),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(docs)
}

/// Scores dyad's geoparser on a TR-News / LGL style XML file.
pub fn eval_geo(path: &Path) -> Result<GeoScore, GeoEvalError> {
    let docs = read_docs(path)?;
    let g = Gazetteer::builtin();
    let Ok(pipeline) = dyad_text::Pipeline::shared() else {
        return Err(GeoEvalError::Xml {
            path: path.display().to_string(),
            offset: 0,
            what: "the language model could not be loaded".into(),
        });
    };
    // Country names → codes, from the gazetteer's countries.
    let country_code = |name: &str| -> Option<String> {
        g.lookup(name)
            .iter()
            .map(|&i| &g.places[i as usize])
            .find(|p| p.kind == super::Kind::Country)
            .map(|p| p.country.to_string())
    };
    let (mut n_gold, mut n_found, mut hit_gold, mut hit_found) = (0, 0, 0, 0);
    let (mut resolved, mut within, mut err_sum, mut with_country, mut country_ok) =
        (0usize, 0usize, 0f64, 0usize, 0usize);
    let mut within_distance = 0usize;
    let mut realigned = 0usize;
    let mut failures = Vec::new();
    for (article, d) in docs.iter().enumerate() {
        let mut byte_at: Vec<usize> = d.text.char_indices().map(|(b, _)| b).collect();
        byte_at.push(d.text.len());
        let gold: Vec<(usize, usize, &Gold)> = d
            .gold
            .iter()
            .map(|x| {
                let s = byte_at.get(x.start).copied().unwrap_or(d.text.len());
                let e = byte_at.get(x.end).copied().unwrap_or(d.text.len());
                if d.text.get(s..e) == Some(x.phrase.as_str()) || x.phrase.is_empty() {
                    return (s, e, x);
                }
                // The file's offsets are off in some articles: take the occurrence of the
                // phrase nearest to the given offset (within 300 bytes).
                realigned += 1;
                let near = d
                    .text
                    .match_indices(x.phrase.as_str())
                    .map(|(b, _)| b)
                    .min_by_key(|b| b.abs_diff(s))
                    .filter(|b| b.abs_diff(s) <= 300);
                match near {
                    Some(b) => (b, b + x.phrase.len(), x),
                    None => (s, e, x),
                }
            })
            .collect();
        // Paragraphs (lines) read as dyad reads an article's: the whole article is context.
        let mut lines = Vec::new();
        let mut off = 0;
        for line in d.text.split_inclusive('\n') {
            let para = line.trim_end_matches(['\n', '\r']);
            if !para.trim().is_empty() {
                lines.push((off, para, pipeline.analyze(para)));
            }
            off += line.len();
        }
        let paras: Vec<(&str, Vec<&[dyad_text::Token]>)> = lines
            .iter()
            .map(|(_, para, doc)| (*para, doc.sentence_tokens()))
            .collect();
        let mut found = Vec::new();
        for ((off, _, _), tops) in lines.iter().zip(article_toponyms(g, &paras, &[])) {
            for mut t in tops {
                t.start += off;
                t.end += off;
                found.push(t);
            }
        }
        n_gold += gold.len();
        n_found += found.len();
        hit_found += found
            .iter()
            .filter(|t| gold.iter().any(|(s, e, _)| *s < t.end && t.start < *e))
            .count();
        for (s, e, gd) in &gold {
            let Some(t) = found.iter().find(|t| *s < t.end && t.start < *e) else {
                continue;
            };
            hit_gold += 1;
            let p = &g.places[t.place as usize];
            let mut wrong = None;
            if let (Some(lat), Some(lon)) = (gd.lat, gd.lon) {
                let km = haversine_km((p.lat, p.lon), (lat, lon));
                let same = p.geonameid > 0 && p.geonameid == gd.geonameid;
                resolved += 1;
                err_sum += if same { 0.0 } else { km };
                within += usize::from(km <= 161.0 || same);
                within_distance += usize::from(km <= 161.0);
                if km > 161.0 && !same {
                    wrong = Some(format!("{km:.0} km"));
                }
            }
            if let Some(gc) = country_code(&gd.country) {
                with_country += 1;
                country_ok += usize::from(gc == p.country);
                if gc != p.country {
                    wrong = Some(format!("{} country", wrong.unwrap_or_default()));
                }
            }
            if let Some(w) = wrong {
                failures.push(format!(
                    "article {article}: {:?} gold {} ({:.2}, {:.2}) geonameid {} -> {} {:?} {} ({:.2}, {:.2}) geonameid {}: {} off; {}",
                    gd.phrase,
                    gd.country,
                    gd.lat.unwrap_or(f64::NAN),
                    gd.lon.unwrap_or(f64::NAN),
                    gd.geonameid,
                    p.name,
                    p.kind,
                    p.country,
                    p.lat,
                    p.lon,
                    p.geonameid,
                    w.trim(),
                    t.why
                ));
            }
        }
    }
    let r = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            ((a as f64 / b as f64) * 10_000.0).round() / 10_000.0
        }
    };
    Ok(GeoScore {
        gold: n_gold,
        found: n_found,
        recall: r(hit_gold, n_gold),
        precision: r(hit_found, n_found),
        acc_161km: r(within, resolved),
        country_accuracy: r(country_ok, with_country),
        mean_error_km: if resolved == 0 {
            0.0
        } else {
            (err_sum / resolved as f64 * 10.0).round() / 10.0
        },
        articles: docs.len(),
        resolved,
        with_country,
        acc_161km_distance_only: r(within_distance, resolved),
        realigned,
        failures,
    })
}
