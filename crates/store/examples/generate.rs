//! Generates a synthetic event database for the query benchmark (`bench/query.py`).
//!
//! ```sh
//! cargo run --release -p dyad-store --example generate -- /tmp/events-1m.db 1000000
//! ```
//!
//! Articles go through the store's real write path (articles, sentences, FTS5, events, mentions,
//! near-duplicate index). The mix is shaped like a news archive: 25 years of dates, country
//! frequencies that fall off as 1/rank (so a dyad like PAK–RUS is common but far from dominant),
//! sectors, CAMEO codes, 50 outlets, about a quarter of the event records repeating an event
//! already reported (more mentions than events), and one article in twenty a near-copy of a recent
//! one from another outlet.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use dyad_code::document::{Context, code_article};
use dyad_code::engine::Coder;
use dyad_code::{EventRecord, dict};
use dyad_ingest::{Article, DateValue, Item, Options};
use dyad_store::{OpenMode, Outcome, Prepared, Store};

const COUNTRIES: &[&str] = &[
    "USA", "CHN", "RUS", "GBR", "FRA", "IND", "DEU", "ISR", "IRN", "PAK", "UKR", "TUR", "JPN",
    "SYR", "AFG", "IRQ", "KOR", "PRK", "SAU", "EGY", "BRA", "AUS", "CAN", "ITA", "ESP", "MEX",
    "NGA", "ZAF", "KEN", "ETH", "SOM", "SDN", "LBY", "YEM", "QAT", "ARE", "JOR", "LBN", "PSE",
    "IDN", "PHL", "VNM", "THA", "MYS", "MMR", "BGD", "LKA", "NPL", "KAZ", "UZB", "AZE", "ARM",
    "GEO", "BLR", "POL", "ROU", "HUN", "SRB", "GRC", "NLD", "BEL", "SWE", "NOR", "FIN", "DNK",
    "CHE", "AUT", "PRT", "IRL", "ARG", "CHL", "COL", "VEN", "PER", "CUB", "NIC", "HTI", "DZA",
    "MAR", "TUN", "MLI", "NER", "TCD", "CMR", "COD", "RWA", "UGA", "TZA", "MOZ", "ZWE", "AGO",
    "GHA", "SEN", "CIV", "IGO", "NGO",
];
const SECTORS: &[&str] = &[
    "", "", "", "GOV", "GOV", "MIL", "OPP", "REB", "BUS", "MED", "CVL",
];
const CAMEO: &[(&str, u8, f64)] = &[
    ("010", 1, 0.0),
    ("012", 1, -0.1),
    ("020", 1, 3.0),
    ("036", 1, 4.0),
    ("040", 1, 1.0),
    ("042", 1, 1.9),
    ("043", 1, 2.8),
    ("046", 1, 7.0),
    ("051", 1, 3.4),
    ("057", 1, 8.0),
    ("061", 2, 6.4),
    ("071", 2, 7.4),
    ("073", 2, 7.4),
    ("081", 2, 5.0),
    ("111", 3, -2.0),
    ("112", 3, -2.0),
    ("1123", 3, -2.0),
    ("130", 3, -4.4),
    ("1312", 3, -5.8),
    ("138", 3, -7.0),
    ("163", 4, -8.0),
    ("173", 4, -5.0),
    ("190", 4, -10.0),
    ("193", 4, -10.0),
    ("195", 4, -10.0),
];

/// xorshift64*.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// An index with probability proportional to 1 / (rank + 1).
    fn zipf(&mut self, n: usize) -> usize {
        let h: f64 = (1..=n).map(|k| 1.0 / k as f64).sum();
        let mut x = self.unit() * h;
        for k in 0..n {
            x -= 1.0 / (k + 1) as f64;
            if x <= 0.0 {
                return k;
            }
        }
        n - 1
    }
}

/// A real article and a real event record (every field present), read and coded from the
/// repository's examples; the generator changes the fields that matter.
fn templates() -> Result<(Article, EventRecord), Box<dyn Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles/briefs.jsonl");
    let mut first: Option<Article> = None;
    dyad_ingest::read_path(&path, &Options::default(), &mut |item| {
        if let (Item::Article(a), None) = (item, &first) {
            first = Some(*a);
        }
    })?;
    let article = first.ok_or("no article in examples/articles/briefs.jsonl")?;
    let ctx = Context::new(Coder::new(dict::builtin::load()?));
    let record = code_article(&ctx, &article)
        .events
        .into_iter()
        .next()
        .ok_or("the example article codes no event")?;
    Ok((article, record))
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let db = PathBuf::from(args.next().ok_or("usage: generate DB [EVENTS] [SEED]")?);
    let target: u64 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let seed: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(7);
    let t0 = Instant::now();
    let (template, record) = templates()?;
    let mut store = Store::open(&db, OpenMode::Create)?;
    let mut rng = Rng(seed | 1);
    let start = NaiveDate::from_ymd_opt(2000, 1, 1).ok_or("date")?;
    let days = 25 * 365;
    let outlets: Vec<String> = (0..50).map(|i| format!("Outlet {i:02}")).collect();
    let vocab: Vec<String> = (0..5000).map(|i| format!("w{i:04}")).collect();
    // Recent events, to report again.
    let mut recent: Vec<(NaiveDate, String, String, usize)> = Vec::new();
    // Recent article bodies, to republish.
    let mut bodies: Vec<(Vec<String>, NaiveDate)> = Vec::new();
    let (mut events, mut mentions, mut articles, mut near) = (0u64, 0u64, 0u64, 0u64);
    let mut i = 0u64;
    while events < target {
        let mut batch = store.batch(0.7)?;
        for _ in 0..2000 {
            i += 1;
            let outlet = &outlets[rng.zipf(outlets.len())];
            let copy = i.is_multiple_of(20) && !bodies.is_empty();
            let (paragraphs, date) = if copy {
                let (b, d) = &bodies[rng.below(bodies.len())];
                let mut b = b.clone();
                b.push("Reporting by a staff correspondent.".into());
                (b, *d)
            } else {
                let d = start + chrono::Duration::days(rng.below(days) as i64);
                let paras: Vec<String> = (0..3)
                    .map(|_| {
                        let words: Vec<&str> = (0..14)
                            .map(|_| vocab[rng.below(vocab.len())].as_str())
                            .collect();
                        format!("{}.", words.join(" "))
                    })
                    .collect();
                (paras, d)
            };
            let mut evs = Vec::new();
            for (s, _) in paragraphs.iter().enumerate().take(3) {
                for _ in 0..1 + rng.below(2) {
                    let (d, src, tgt, c) = if rng.unit() < 0.25 && !recent.is_empty() {
                        recent[rng.below(recent.len())].clone()
                    } else {
                        let a = COUNTRIES[rng.zipf(COUNTRIES.len())];
                        let mut b = COUNTRIES[rng.zipf(COUNTRIES.len())];
                        if a == b {
                            b = COUNTRIES[rng.below(COUNTRIES.len())];
                        }
                        let src = format!("{a}{}", SECTORS[rng.below(SECTORS.len())]);
                        let tgt = format!("{b}{}", SECTORS[rng.below(SECTORS.len())]);
                        let k = (date, src, tgt, rng.below(CAMEO.len()));
                        if recent.len() < 5000 {
                            recent.push(k.clone());
                        } else {
                            let slot = rng.below(recent.len());
                            recent[slot] = k.clone();
                        }
                        k
                    };
                    let (cameo, quad, gold) = CAMEO[c];
                    let mut r = record.clone();
                    r.article_id = format!("gen-{i}");
                    r.sentence_id = s;
                    r.date = d.format("%Y-%m-%d").to_string();
                    r.source = src.clone();
                    r.target = tgt.clone();
                    r.source_text = src;
                    r.target_text = tgt;
                    r.verb_text = "said".into();
                    r.cameo = cameo.into();
                    r.root = cameo[..2].into();
                    r.quad_class = Some(quad);
                    r.goldstein = Some(gold);
                    r.topics = if rng.below(10) == 0 {
                        vec!["cybersecurity".into()]
                    } else {
                        vec![]
                    };
                    r.location = None;
                    r.attribution = vec![];
                    evs.push(r);
                }
            }
            let mut a = template.clone();
            a.id = format!("gen-{i}");
            a.source = Some(outlet.clone());
            a.url = Some(format!("https://outlet.example/{i}"));
            a.title = Some(format!("Generated story {i}"));
            a.published = Some(DateValue::Date(date));
            a.updated = None;
            a.dateline = None;
            a.paragraphs = paragraphs.clone();
            a.origin = format!("generated:{i}");
            a.record_id = None;
            let sentences: Vec<(usize, String)> = paragraphs.iter().cloned().enumerate().collect();
            let p = Prepared::from_parts(a, sentences, evs, vec![], None)?;
            if let Outcome::Stored(s) = batch.add_prepared(&p)? {
                articles += 1;
                events += s.new_events as u64;
                mentions += s.mentions as u64;
                near += s.near_duplicate_of.is_some() as u64;
            }
            if !copy {
                if bodies.len() < 2000 {
                    bodies.push((paragraphs, date));
                } else {
                    let slot = rng.below(bodies.len());
                    bodies[slot] = (paragraphs, date);
                }
            }
            if events >= target {
                break;
            }
        }
        batch.commit()?;
        eprint!("\r{articles} articles, {events} events, {mentions} mentions");
    }
    store.checkpoint()?;
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "\n{}: {articles} articles ({near} near-duplicates), {events} events, {mentions} mentions, {:.0} MB, in {:.1} s",
        db.display(),
        size as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}
