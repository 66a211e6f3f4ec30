//! End-to-end tests of `dyad article` through the built binary.

mod common;

use std::io::Write;

use common::{dyad, repo_root, shared};
use serde_json::Value;

fn articles(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is a JSON article"))
        .collect()
}

#[test]
fn seed_article_fields() {
    let Some(shared) = shared() else { return };
    let out = dyad(&[
        "article",
        shared
            .join("seed/000_5463e8f3dbbbadcc.txt")
            .to_str()
            .unwrap_or_default(),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let arts = articles(&out.stdout);
    assert_eq!(arts.len(), 1);
    let a = &arts[0];
    assert_eq!(a["source"], "Dawn");
    assert_eq!(
        a["title"],
        "Pakistan, Russia discuss defence, cybersecurity cooperation"
    );
    assert_eq!(a["authors"], serde_json::json!(["Baqir Sajjad Syed"]));
    assert_eq!(a["published"], "2021-12-02");
    assert_eq!(a["updated"], "2021-12-02T07:38:00+05:00");
    assert_eq!(a["dateline"], "ISLAMABAD");
    assert_eq!(a["language"], "en");
    assert_eq!(a["captions"].as_array().map(Vec::len), Some(1));
    let paras = a["paragraphs"].as_array().expect("paragraphs");
    assert!(paras.len() >= 8);
    assert!(
        paras
            .iter()
            .all(|p| !p.as_str().unwrap_or_default().contains("Published in Dawn"))
    );
    assert!(
        paras[0]
            .as_str()
            .unwrap_or_default()
            .starts_with("Pakistani and Russian")
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.trim_end().ends_with("0 rejected"), "{stderr}");
}

/// Every record of the two corpora is either an article or a counted rejection.
#[test]
fn corpora_are_fully_accounted_for() {
    let Some(shared) = shared() else { return };
    for (file, records) in [
        ("corpus/reuters21578/reuters21578.jsonl", 21_578u64),
        ("corpus/bbc/bbc.jsonl", 2_225),
    ] {
        let path = shared.join(file);
        let out = dyad(&[
            "article",
            path.to_str().unwrap_or_default(),
            "--json",
            "--quiet",
        ]);
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let n_articles = String::from_utf8_lossy(&out.stdout).lines().count() as u64;
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().last().unwrap_or_default();
        let rejected: u64 = last
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .expect("N rejected");
        assert!(last.contains("rejected"), "{last}");
        assert_eq!(
            n_articles + rejected,
            records,
            "{file}: {n_articles} articles + {last}"
        );
        if file.contains("reuters") {
            // 2,535 Reuters records have no body: each is a rejection with its reason.
            assert_eq!(rejected, 2_535, "{last}");
            assert!(last.contains("no body"), "{last}");
        }
    }
}

#[test]
fn example_articles_cover_every_format() {
    let dir = repo_root().join("examples/articles");
    let out = dyad(&[
        "article",
        dir.to_str().unwrap_or_default(),
        "--json",
        "--date",
        "2024-05-20",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let arts = articles(&out.stdout);
    let formats: std::collections::BTreeSet<String> = arts
        .iter()
        .map(|a| a["format"].as_str().unwrap_or_default().to_string())
        .collect();
    for f in ["scraped", "text", "html", "rss", "warc", "jsonl"] {
        let found = formats.contains(f)
            || (f == "warc"
                && arts.iter().any(|a| {
                    a["origin"]
                        .as_str()
                        .is_some_and(|o| o.contains(".warc.gz@"))
                }));
        assert!(found, "no {f} article among {formats:?}");
    }
    assert!(
        (6..=10).contains(&arts.len()),
        "{} example articles",
        arts.len()
    );
    for a in &arts {
        assert!(a["published"].is_string(), "no date: {}", a["origin"]);
        assert!(a["title"].is_string(), "no title: {}", a["origin"]);
        assert_eq!(a["language"], "en");
        let paras = a["paragraphs"].as_array().expect("paragraphs");
        for p in paras {
            let p = p.as_str().unwrap_or_default();
            for junk in [
                "Advertisement",
                "Related stories",
                "Copyright",
                "Comments (",
                "Published in",
            ] {
                assert!(!p.contains(junk), "{junk} leaked in {}: {p}", a["origin"]);
            }
        }
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 skipped (1 WARC request record)"),
        "{stderr}"
    );
    // The text article's date came from --date, without the modification-time warning.
    let text = arts
        .iter()
        .find(|a| a["format"] == "text")
        .expect("text article");
    assert_eq!(text["published"], "2024-05-20");
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    let mut f = std::fs::File::create(&p).expect("create test file");
    f.write_all(bytes).expect("write test file");
    p
}

const STORY: &str = "Envoys agree to resume talks\n\nVIENNA: Envoys of the two governments agreed on Monday to resume talks on the nuclear programme next month, diplomats said after a day of meetings in the Austrian capital.\n\nBoth delegations described the discussions as useful and said experts would meet in the meantime to prepare the next round.\n";

#[test]
fn bad_inputs_are_counted_with_reasons() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let good = write(d, "a_good.txt", STORY.as_bytes());
    let mut bad_utf8 = STORY.as_bytes().to_vec();
    bad_utf8.extend_from_slice(b"Caf\xe9 owners protested outside the ministry on Tuesday.\n");
    write(d, "b_bad_utf8.txt", &bad_utf8);
    write(d, "c_empty.txt", b"   \n\n");
    write(d, "d_binary.txt", b"\x00\x01\x02\x03PNG\x00\x00");
    write(d, "e_bad.jsonl", b"{\"text\": \"A good line of text about a meeting between two ministers on Monday.\"}\n{\"text\": \"unterminated\n{\"title\": \"no text\"}\n");
    write(d, "f_bad.xml", b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n<item><title>x</titel></item>\n</channel></rss>\n");
    // A WARC.gz cut in the middle of its only gzip member.
    let mut gz =
        flate_member(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n");
    gz.truncate(gz.len() - 8);
    write(d, "g_cut.warc.gz", &gz);
    let out = dyad(&[
        "article",
        d.to_str().unwrap_or_default(),
        "--json",
        "--date",
        "2024-01-02",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "exit 0 when at least one article was read: {stderr}"
    );
    let arts = articles(&out.stdout);
    assert_eq!(
        arts.len(),
        3,
        "good text, repaired text, one good JSONL line: {stderr}"
    );
    let repaired = arts
        .iter()
        .find(|a| {
            a["origin"]
                .as_str()
                .is_some_and(|o| o.ends_with("b_bad_utf8.txt"))
        })
        .expect("repaired");
    assert!(
        repaired["warnings"].to_string().contains("invalid UTF-8"),
        "{}",
        repaired["warnings"]
    );
    for (file, what) in [
        ("c_empty.txt", "empty"),
        ("d_binary.txt", "binary"),
        ("e_bad.jsonl:2", "invalid JSON"),
        ("e_bad.jsonl:3", "no body"),
        ("f_bad.xml", "line 3"),
        ("g_cut.warc.gz@0", "truncated gzip"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("rejected:") && l.contains(file) && l.contains(what)),
            "no rejection naming {file} / {what} in:\n{stderr}"
        );
    }
    let last = stderr.lines().last().unwrap_or_default();
    assert!(last.starts_with("6 rejected: "), "{last}");

    let strict = dyad(&[
        "article",
        d.to_str().unwrap_or_default(),
        "--strict",
        "--date",
        "2024-01-02",
    ]);
    assert_eq!(
        strict.status.code(),
        Some(1),
        "--strict fails on rejections"
    );
    let only_bad = dyad(&[
        "article",
        d.join("c_empty.txt").to_str().unwrap_or_default(),
    ]);
    assert_eq!(only_bad.status.code(), Some(1), "no article read");
    let one = dyad(&["article", good.to_str().unwrap_or_default(), "--strict"]);
    assert_eq!(one.status.code(), Some(0));
}

fn flate_member(bytes: &[u8]) -> Vec<u8> {
    // A stored (uncompressed) gzip member, built by hand so the test needs no compressor.
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.push(1); // final stored block
    let len = bytes.len() as u16;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(bytes);
    out.extend_from_slice(&crc32(bytes).to_le_bytes());
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn intact_handmade_warc_reads() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let html = "<html><head><title>Talks resume</title></head><body><article><p>VIENNA: Envoys of the two governments agreed on Monday to resume talks on the nuclear programme next month, diplomats said after meetings.</p><p>Both delegations described the discussions as useful and constructive.</p></article></body></html>";
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    let rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/a\r\nWARC-Date: 2024-03-04T05:06:07Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    let p = write(tmp.path(), "x.warc.gz", &flate_member(rec.as_bytes()));
    let out = dyad(&["article", p.to_str().unwrap_or_default(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let arts = articles(&out.stdout);
    assert_eq!(arts.len(), 1);
    assert_eq!(arts[0]["url"], "https://news.example/a");
    assert_eq!(arts[0]["published"], "2024-03-04T05:06:07+00:00");
    assert_eq!(arts[0]["dateline"], "VIENNA");
}

#[test]
fn dedup_drops_republished_story() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "one.txt", STORY.as_bytes());
    let other = STORY
        .replace(
            "Envoys agree to resume talks",
            "Talks to resume, envoys say",
        )
        .replace("next month", "next month in Vienna");
    write(tmp.path(), "two.txt", other.as_bytes());
    let out = dyad(&[
        "article",
        tmp.path().to_str().unwrap_or_default(),
        "--dedup",
        "--json",
        "--date",
        "2024-01-02",
    ]);
    assert!(out.status.success());
    assert_eq!(articles(&out.stdout).len(), 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 near-duplicates dropped"), "{stderr}");
    let plain = dyad(&[
        "article",
        tmp.path().to_str().unwrap_or_default(),
        "--json",
        "--date",
        "2024-01-02",
    ]);
    assert_eq!(articles(&plain.stdout).len(), 2);
}

#[test]
fn usage_errors_exit_2_and_help_works() {
    assert_eq!(dyad(&["article"]).status.code(), Some(2));
    assert_eq!(dyad(&["no-such-command"]).status.code(), Some(2));
    assert_eq!(
        dyad(&["article", "x", "--format", "pdf"]).status.code(),
        Some(1)
    );
    for sub in [
        vec!["--help"],
        vec!["article", "--help"],
        vec!["eval", "--help"],
        vec!["tag", "--help"],
    ] {
        let out = dyad(&sub);
        assert_eq!(out.status.code(), Some(0), "{sub:?}");
        assert!(!out.stdout.is_empty());
    }
    let missing = dyad(&["article", "/no/such/file.txt"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/file.txt"));
}

#[test]
fn a_closed_stdout_ends_quietly() {
    // `dyad … | head`: the reader is gone before dyad writes. That ends dyad as it ends other
    // Unix tools, without a panic message.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["dict", "stats"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run the dyad binary");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait for dyad");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
