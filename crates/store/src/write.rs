//! Writing: one article at a time inside a batch transaction.
//!
//! For each article, in order:
//! 1. **Same article?** An article whose id, or whose content (outlet + whitespace-normalised body,
//!    [`content_hash`]), is already stored adds nothing ([`Outcome::Duplicate`]).
//! 2. **Near-duplicate?** The body's MinHash ([`Fingerprint`]) is looked up in the `article_lsh`
//!    bands; the most similar stored article at or above the threshold is the original.
//! 3. The article, the sentences that report its events (and their FTS5 rows) are inserted.
//! 4. Each event record becomes a **mention** of an event: the event with the same date, source,
//!    target and CAMEO code, and the same location where both know it, if there is one; else, for
//!    a near-duplicate, the original article's event with the same source, target and CAMEO code
//!    (the copy may date it a day later); else a new event. `num_mentions`, `num_articles` and
//!    `num_sources` are kept up to date as mentions are added.
//!
//! Everything about an article that can be wrong is checked first, outside the writer
//! ([`Prepared::new`]): a bad article is rejected before anything of it is written, and the batch
//! goes on. (No per-article savepoint: FTS5 flushes its pending index at every savepoint, which
//! made ingest a third slower.) A failed write after that is the database's (disk full, I/O) and
//! rolls the whole batch back.

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use dyad_code::document::CodedArticle;
use dyad_code::record::{EventRecord, split_actor};
use dyad_ingest::Article;
use dyad_ingest::dedup::{BANDS, Fingerprint, K, ROWS};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use xxhash_rust::xxh3::Xxh3;

use crate::{Result, Store, StoreError};

/// Why an article added nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DupKind {
    /// An article with the same id is stored.
    SameId,
    /// An article with the same outlet and body is stored.
    SameContent,
}

impl DupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DupKind::SameId => "same id",
            DupKind::SameContent => "same content",
        }
    }
}

/// What adding one article did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Duplicate(DupKind),
    Stored(Stored),
}

/// What a stored article added.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stored {
    pub article_pk: i64,
    pub sentences: usize,
    /// Event records coded from the article.
    pub events: usize,
    /// Of those, how many made a new event row.
    pub new_events: usize,
    /// Mentions added (records that repeat an event already mentioned by the same sentence add none).
    pub mentions: usize,
    /// The stored article this one nearly duplicates (its id) and their estimated similarity.
    pub near_duplicate_of: Option<(String, f64)>,
}

/// The outlet an article counts as for `num_sources`: its source, else its URL's host, else ''.
pub fn outlet_of(a: &Article) -> String {
    if let Some(s) = a.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return s.to_string();
    }
    a.url.as_deref().map(url_host).unwrap_or_default()
}

fn url_host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let auth = &rest[..end];
    let host = auth.rsplit_once('@').map_or(auth, |(_, h)| h);
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    host.strip_prefix("www.").unwrap_or(&host).to_string()
}

/// The "same content" hash: the outlet and the body with whitespace normalised.
pub fn content_hash(a: &Article) -> i64 {
    let mut h = Xxh3::new();
    h.update(outlet_of(a).as_bytes());
    h.update(&[0x1f]);
    for p in &a.paragraphs {
        for w in p.split_whitespace() {
            h.update(w.as_bytes());
            h.update(b" ");
        }
        h.update(b"\n");
    }
    h.digest() as i64
}

/// The key of an event row: date, source, target, CAMEO code and location (`g:<geonameid>`, else
/// `n:<country>:<name>`, '' when unknown). Two records are the same event when the first four
/// agree and their locations agree where both are known (see `add_article`).
pub fn event_key(r: &EventRecord) -> [String; 5] {
    let loc = match &r.location {
        Some(l) => match l.geonameid {
            Some(g) => format!("g:{g}"),
            None => format!("n:{}:{}", l.country, l.name.to_lowercase()),
        },
        None => String::new(),
    };
    [
        r.date.clone(),
        r.source.clone(),
        r.target.clone(),
        r.cameo.clone(),
        loc,
    ]
}

pub(crate) fn seen(conn: &Connection, id: &str, content: i64) -> rusqlite::Result<Option<DupKind>> {
    let by_id = conn
        .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?;
    if by_id.is_some() {
        return Ok(Some(DupKind::SameId));
    }
    let by_content = conn
        .prepare_cached("SELECT 1 FROM articles WHERE content_hash = ?1 LIMIT 1")?
        .query_row([content], |_| Ok(()))
        .optional()?;
    Ok(by_content.map(|_| DupKind::SameContent))
}

/// The UTC time as GDELT writes it: YYYYMMDDHHMMSS.
pub(crate) fn gdelt_now() -> String {
    Utc::now().format("%Y%m%d%H%M%S").to_string()
}

/// An article made ready for the store outside the writer (in the coding threads): hashes,
/// MinHash, sentence offsets and the event records as JSON. Everything about it that can be wrong
/// is found here, before anything is written.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub article: Article,
    /// The article's sentences: id and text, in order.
    pub sentences: Vec<(usize, String)>,
    pub events: Vec<EventRecord>,
    /// The article's topics.
    pub topics: Vec<String>,
    /// Why the article was not coded, if it was not.
    pub skipped: Option<String>,
    content: i64,
    outlet: String,
    fingerprint: Option<Fingerprint>,
    body_chars: i64,
    /// Per sentence: character offset in the body (-1 if not found) and whether it is in the lead
    /// paragraph.
    places: Vec<(i64, bool)>,
    /// Per event record: its JSON, the index of its sentence, and the mention's in-raw-text flag
    /// and actor/verb character offsets.
    records: Vec<PreparedRecord>,
}

#[derive(Debug, Clone)]
struct PreparedRecord {
    json: String,
    sentence: usize,
    in_raw: bool,
    offsets: [i64; 3],
}

impl Prepared {
    /// Checks and prepares one coded article. An error names the article and what was wrong; the
    /// caller counts it as rejected.
    pub fn new(article: Article, coded: CodedArticle) -> Result<Prepared> {
        let sentences = coded
            .sentences
            .into_iter()
            .map(|s| (s.id, s.text))
            .collect();
        Prepared::from_parts(
            article,
            sentences,
            coded.events,
            coded.topics,
            coded.skipped,
        )
    }

    /// [`Prepared::new`] from the parts of a coded article: sentences as (id, text) in order, and
    /// event records that name those ids.
    pub fn from_parts(
        article: Article,
        sentences: Vec<(usize, String)>,
        events: Vec<EventRecord>,
        topics: Vec<String>,
        skipped: Option<String>,
    ) -> Result<Prepared> {
        let bad = |what: String| StoreError::Record {
            origin: article.origin.clone(),
            id: article.id.clone(),
            what,
        };
        let body = article.body();
        let lead_len = article.paragraphs.first().map_or(0, String::len);
        let mut places = Vec::with_capacity(sentences.len());
        let (mut byte_cur, mut char_cur) = (0usize, 0i64);
        for (_, text) in &sentences {
            match body
                .get(byte_cur..)
                .and_then(|rest| rest.find(text.as_str()))
            {
                Some(rel) => {
                    let pos = byte_cur + rel;
                    char_cur += body[byte_cur..pos].chars().count() as i64;
                    byte_cur = pos;
                    places.push((char_cur, pos < lead_len));
                }
                None => places.push((-1, false)),
            }
        }
        let index: HashMap<usize, usize> = sentences
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        let mut records = Vec::with_capacity(events.len());
        for r in &events {
            let Some(&si) = index.get(&r.sentence_id) else {
                return Err(bad(format!(
                    "an event record names sentence {}, expected one of the article's {} sentences",
                    r.sentence_id,
                    sentences.len()
                )));
            };
            let text = &sentences[si].1;
            let offset = places[si].0;
            let find = |t: &str| -> i64 {
                if t.is_empty() || offset < 0 {
                    return -1;
                }
                text.find(t)
                    .map_or(-1, |p| offset + text[..p].chars().count() as i64)
            };
            let in_raw = !r.source_text.is_empty()
                && text.contains(&r.source_text)
                && text.contains(&r.verb_text)
                && (r.target_text.is_empty() || text.contains(&r.target_text));
            let json = serde_json::to_string(r)
                .map_err(|e| bad(format!("cannot serialise an event record: {e}")))?;
            records.push(PreparedRecord {
                json,
                sentence: si,
                in_raw,
                offsets: [
                    find(&r.source_text),
                    find(&r.target_text),
                    find(&r.verb_text),
                ],
            });
        }
        Ok(Prepared {
            content: content_hash(&article),
            outlet: outlet_of(&article),
            fingerprint: Fingerprint::of(&body),
            body_chars: body.chars().count() as i64,
            places,
            records,
            article,
            sentences,
            events,
            topics,
            skipped,
        })
    }
}

/// One transaction of writes. Dropping it without [`Batch::commit`] rolls everything back.
pub struct Batch<'a> {
    tx: Transaction<'a>,
    path: String,
    threshold: f64,
    now: String,
    /// A write failed part-way: the batch must not be committed.
    failed: bool,
}

impl<'a> Batch<'a> {
    pub(crate) fn begin(store: &'a mut Store, threshold: f64) -> Result<Batch<'a>> {
        let path = store.name();
        let tx = store
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| StoreError::Sql {
                path: path.clone(),
                what: "starting a transaction".into(),
                source,
            })?;
        Ok(Batch {
            tx,
            path,
            threshold,
            now: gdelt_now(),
            failed: false,
        })
    }

    /// Prepares and adds one coded article (see [`Prepared::new`] and [`Batch::add_prepared`]).
    pub fn add(&mut self, article: &Article, coded: &CodedArticle) -> Result<Outcome> {
        let p = Prepared::new(article.clone(), coded.clone())?;
        self.add_prepared(&p)
    }

    /// Adds one prepared article. Everything that depends on the article was checked by
    /// [`Prepared::new`]; an error here is the database's (disk full, I/O) and leaves the batch
    /// unusable: it is rolled back, not committed.
    pub fn add_prepared(&mut self, p: &Prepared) -> Result<Outcome> {
        if self.failed {
            return Err(StoreError::Invalid(format!(
                "{}: an earlier write of this batch failed; the batch is rolled back",
                self.path
            )));
        }
        match add_article(&self.tx, p, self.threshold, &self.now) {
            Ok(o) => Ok(o),
            Err(source) => {
                self.failed = true;
                Err(StoreError::Sql {
                    path: self.path.clone(),
                    what: format!("storing article {} ({})", p.article.id, p.article.origin),
                    source,
                })
            }
        }
    }

    /// Whether an article with this id or content is stored, this batch included.
    pub fn seen(&self, id: &str, content: i64) -> Result<Option<DupKind>> {
        seen(&self.tx, id, content).map_err(|source| StoreError::Sql {
            path: self.path.clone(),
            what: "looking up an article".into(),
            source,
        })
    }

    /// Commits the batch: from here on it survives a crash.
    pub fn commit(self) -> Result<()> {
        if self.failed {
            return Err(StoreError::Invalid(format!(
                "{}: a write of this batch failed; the batch was rolled back",
                self.path
            )));
        }
        let path = self.path;
        self.tx.commit().map_err(|source| StoreError::Sql {
            path,
            what: "committing a batch".into(),
            source,
        })
    }
}

fn add_article(
    conn: &Connection,
    p: &Prepared,
    threshold: f64,
    now: &str,
) -> rusqlite::Result<Outcome> {
    let a = &p.article;
    if let Some(kind) = seen(conn, &a.id, p.content)? {
        return Ok(Outcome::Duplicate(kind));
    }
    let near = match &p.fingerprint {
        Some(fp) => find_near(conn, fp, threshold)?,
        None => None,
    };
    let minhash: Option<Vec<u8>> = p
        .fingerprint
        .as_ref()
        .map(|f| f.0.iter().flat_map(|v| v.to_le_bytes()).collect());
    conn.prepare_cached(
        "INSERT INTO articles (id, content_hash, outlet, source, url, title, authors, published, pub_date,
            updated, dateline, language, captions, paragraphs, warnings, format, origin, record_id, topics,
            skipped, n_sentences, n_events, near_duplicate_of, similarity, minhash, added, body_chars)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
            ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
    )?
    .execute(params![
        a.id,
        p.content,
        p.outlet,
        a.source,
        a.url,
        a.title,
        json(&a.authors),
        a.published.as_ref().map(|d| d.to_string()),
        a.published_date().map(|d| d.format("%Y-%m-%d").to_string()),
        a.updated.as_ref().map(|d| d.to_string()),
        a.dateline,
        a.language,
        json(&a.captions),
        json(&a.paragraphs),
        json(&a.warnings),
        format!("{:?}", a.format).to_lowercase(),
        a.origin,
        a.record_id,
        json(&p.topics),
        p.skipped,
        p.sentences.len() as i64,
        p.events.len() as i64,
        near.as_ref().map(|n| n.0),
        near.as_ref().map(|n| n.2),
        minhash,
        now,
        p.body_chars,
    ])?;
    let article_pk = conn.last_insert_rowid();
    if let (Some(fp), None) = (&p.fingerprint, &near) {
        let mut st = conn.prepare_cached(
            "INSERT OR IGNORE INTO article_lsh (band_key, article_pk) VALUES (?1, ?2)",
        )?;
        for b in 0..BANDS {
            st.execute(params![band_key(fp, b), article_pk])?;
        }
    }

    // The sentences that report an event, and their full-text index rows. (The whole body is in
    // `articles.paragraphs`; storing and indexing every sentence cost a third of the writer's time
    // and serves no query: a sentence without an event finds no event.)
    let needed: BTreeSet<usize> = p.records.iter().map(|r| r.sentence).collect();
    let mut sentence_pks: HashMap<usize, i64> = HashMap::with_capacity(needed.len());
    {
        let mut ins = conn.prepare_cached(
            "INSERT INTO sentences (article_pk, sentence_id, char_offset, text) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut fts =
            conn.prepare_cached("INSERT INTO sentences_fts (rowid, text) VALUES (?1, ?2)")?;
        for &si in &needed {
            let ((id, text), (offset, _)) = (&p.sentences[si], &p.places[si]);
            ins.execute(params![article_pk, *id as i64, offset, text])?;
            let pk = conn.last_insert_rowid();
            fts.execute(params![pk, text])?;
            sentence_pks.insert(si, pk);
        }
    }

    let mut out = Stored {
        article_pk,
        sentences: p.sentences.len(),
        events: p.events.len(),
        near_duplicate_of: near.as_ref().map(|n| (n.1.clone(), n.2)),
        ..Stored::default()
    };
    for (r, pr) in p.events.iter().zip(&p.records) {
        let key = event_key(r);
        let mut via = "key";
        // The same location *when known*: a record without a place joins the event of the same
        // date, actors and code wherever it was; a record with a place joins the event with that
        // place, else the placeless one and gives it the place (an event with another known
        // place stays another event). So a date, actors and code have either one placeless event
        // or only events with places.
        let mut event = if key[4].is_empty() {
            conn.prepare_cached(
                "SELECT event_id FROM events WHERE date = ?1 AND source = ?2 AND target = ?3 AND cameo = ?4
                 ORDER BY event_id LIMIT 1",
            )?
            .query_row(params![key[0], key[1], key[2], key[3]], |r| r.get::<_, i64>(0))
            .optional()?
        } else {
            let exact = conn
                .prepare_cached(
                    "SELECT event_id FROM events
                     WHERE date = ?1 AND source = ?2 AND target = ?3 AND cameo = ?4 AND loc_key = ?5",
                )?
                .query_row(params![key[0], key[1], key[2], key[3], key[4]], |r| {
                    r.get::<_, i64>(0)
                })
                .optional()?;
            match (exact, &r.location) {
                (Some(e), _) => Some(e),
                (None, None) => None,
                (None, Some(l)) => {
                    let placeless = conn
                        .prepare_cached(
                            "SELECT event_id FROM events
                             WHERE date = ?1 AND source = ?2 AND target = ?3 AND cameo = ?4 AND loc_key = ''",
                        )?
                        .query_row(params![key[0], key[1], key[2], key[3]], |r| {
                            r.get::<_, i64>(0)
                        })
                        .optional()?;
                    if let Some(e) = placeless {
                        conn.prepare_cached(
                            "UPDATE events SET loc_key = ?2, loc_name = ?3, loc_country = ?4, loc_adm1 = ?5,
                                lat = ?6, lon = ?7, geonameid = ?8, loc_precision = ?9
                             WHERE event_id = ?1",
                        )?
                        .execute(params![
                            e,
                            key[4],
                            l.name,
                            l.country,
                            l.adm1,
                            l.lat,
                            l.lon,
                            l.geonameid.map(|g| g as i64),
                            l.precision
                        ])?;
                    }
                    placeless
                }
            }
        };
        if event.is_none()
            && let Some((orig, _, _)) = &near
        {
            event = conn
                .prepare_cached(
                    "SELECT m.event_id FROM mentions m JOIN events e ON e.event_id = m.event_id
                     WHERE m.article_pk = ?1 AND e.source = ?2 AND e.target = ?3 AND e.cameo = ?4
                     ORDER BY m.mention_id LIMIT 1",
                )?
                .query_row(params![orig, r.source, r.target, r.cameo], |r| {
                    r.get::<_, i64>(0)
                })
                .optional()?;
            if event.is_some() {
                via = "near-duplicate";
            }
        }
        let lead = p.places[pr.sentence].1;
        // A new event starts with this mention's counts; an existing one is updated below.
        let (event_id, is_new) = match event {
            Some(e) => (e, false),
            None => {
                insert_event(conn, r, &key, article_pk, lead, now)?;
                out.new_events += 1;
                (conn.last_insert_rowid(), true)
            }
        };
        let confidence = match (pr.in_raw, via) {
            (true, "key") => 100,
            (true, _) => 80,
            (false, "key") => 50,
            (false, _) => 40,
        };
        let added = conn
            .prepare_cached(
                "INSERT OR IGNORE INTO mentions (event_id, article_pk, sentence_pk, sentence_id, via, is_root,
                    in_raw_text, confidence, actor1_offset, actor2_offset, action_offset, record, added)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                event_id,
                article_pk,
                sentence_pks.get(&pr.sentence).copied().unwrap_or(-1),
                r.sentence_id as i64,
                via,
                lead,
                pr.in_raw,
                confidence,
                pr.offsets[0],
                pr.offsets[1],
                pr.offsets[2],
                pr.json,
                now,
            ])?;
        if added == 0 {
            // The same sentence already reported this event (two records with one key).
            continue;
        }
        let mention_id = conn.last_insert_rowid();
        out.mentions += 1;
        let mut topic = conn.prepare_cached(
            "INSERT OR IGNORE INTO event_topics (event_id, topic) VALUES (?1, ?2)",
        )?;
        for t in &r.topics {
            topic.execute(params![event_id, t])?;
        }
        if is_new {
            conn.prepare_cached("INSERT INTO event_sources (event_id, outlet) VALUES (?1, ?2)")?
                .execute(params![event_id, p.outlet])?;
            continue;
        }
        let earlier_in_article: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM mentions WHERE event_id = ?1 AND article_pk = ?2 AND mention_id <> ?3)",
            )?
            .query_row(params![event_id, article_pk, mention_id], |r| r.get(0))?;
        let new_source = conn
            .prepare_cached(
                "INSERT OR IGNORE INTO event_sources (event_id, outlet) VALUES (?1, ?2)",
            )?
            .execute(params![event_id, p.outlet])?;
        conn.prepare_cached(
            "UPDATE events SET num_mentions = num_mentions + 1, num_articles = num_articles + ?2,
                num_sources = num_sources + ?3, is_root = max(is_root, ?4)
             WHERE event_id = ?1",
        )?
        .execute(params![
            event_id,
            !earlier_in_article as i64,
            new_source as i64,
            lead as i64
        ])?;
    }
    Ok(Outcome::Stored(out))
}

/// Inserts a new event with the counts of its first mention (one mention, article and source).
fn insert_event(
    conn: &Connection,
    r: &EventRecord,
    key: &[String; 5],
    article_pk: i64,
    lead: bool,
    now: &str,
) -> rusqlite::Result<usize> {
    let root = if r.root.is_empty() {
        r.cameo.get(..2).unwrap_or("").to_string()
    } else {
        r.root.clone()
    };
    let loc = r.location.as_ref();
    conn.prepare_cached(
        "INSERT INTO events (date, source, target, cameo, loc_key, source_country, target_country, root,
            quad_class, goldstein, plover_type, plover_mode, source_text, target_text, verb_text,
            loc_name, loc_country, loc_adm1, lat, lon, geonameid, loc_precision,
            is_root, num_mentions, num_sources, num_articles, first_article_pk, date_added)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
            ?20, ?21, ?22, ?23, 1, 1, 1, ?24, ?25)",
    )?
    .execute(params![
        key[0],
        key[1],
        key[2],
        key[3],
        key[4],
        split_actor(&r.source).0,
        split_actor(&r.target).0,
        root,
        r.quad_class,
        r.goldstein,
        r.plover_type,
        r.plover_mode,
        r.source_text,
        r.target_text,
        r.verb_text,
        loc.map(|l| &l.name),
        loc.map(|l| &l.country),
        loc.and_then(|l| l.adm1.as_ref()),
        loc.map(|l| l.lat),
        loc.map(|l| l.lon),
        loc.and_then(|l| l.geonameid).map(|g| g as i64),
        loc.map(|l| &l.precision),
        lead,
        article_pk,
        now,
    ])
}

/// The LSH key of one band of a signature.
fn band_key(fp: &Fingerprint, band: usize) -> i64 {
    let mut h = Xxh3::new();
    h.update(&(band as u32).to_le_bytes());
    for v in &fp.0[band * ROWS..(band + 1) * ROWS] {
        h.update(&v.to_le_bytes());
    }
    h.digest() as i64
}

fn decode_minhash(b: &[u8]) -> Option<Fingerprint> {
    if b.len() != K * 4 {
        return None;
    }
    let mut out = [0u32; K];
    for (slot, chunk) in out.iter_mut().zip(b.chunks_exact(4)) {
        *slot = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
    }
    Some(Fingerprint(out))
}

/// The most similar stored article (pk, id, similarity) at or above `threshold`; ties go to the
/// earliest stored.
fn find_near(
    conn: &Connection,
    fp: &Fingerprint,
    threshold: f64,
) -> rusqlite::Result<Option<(i64, String, f64)>> {
    let mut cands = BTreeSet::new();
    {
        let mut st =
            conn.prepare_cached("SELECT article_pk FROM article_lsh WHERE band_key = ?1")?;
        for b in 0..BANDS {
            let rows = st.query_map([band_key(fp, b)], |r| r.get::<_, i64>(0))?;
            for pk in rows {
                cands.insert(pk?);
            }
        }
    }
    let mut best: Option<(i64, String, f64)> = None;
    let mut st = conn.prepare_cached("SELECT id, minhash FROM articles WHERE article_pk = ?1")?;
    for pk in cands {
        let (id, blob): (String, Option<Vec<u8>>) =
            st.query_row([pk], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let Some(other) = blob.as_deref().and_then(decode_minhash) else {
            continue;
        };
        let sim = fp.similarity(&other);
        if sim >= threshold && best.as_ref().is_none_or(|b| sim > b.2) {
            best = Some((pk, id, sim));
        }
    }
    Ok(best)
}

/// A list of strings as a JSON array.
fn json(v: &[String]) -> String {
    serde_json::Value::from(v.to_vec()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_read_from_urls() {
        assert_eq!(url_host("https://www.Dawn.com/news/1"), "dawn.com");
        assert_eq!(url_host("http://user@example.org:8080/x?y"), "example.org");
        assert_eq!(url_host("example.net/path"), "example.net");
    }

    #[test]
    fn minhash_round_trips() {
        let fp = Fingerprint::of("one two three four five six seven eight nine ten").expect("fp");
        let bytes: Vec<u8> = fp.0.iter().flat_map(|v| v.to_le_bytes()).collect();
        assert_eq!(decode_minhash(&bytes), Some(fp));
        assert_eq!(decode_minhash(&bytes[1..]), None);
    }
}
