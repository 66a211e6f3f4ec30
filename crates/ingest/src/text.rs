//! Plain text: the first line is the title when it looks like one; the rest is the body.
//! The publication date comes from `--date`, else from the file's modification time (with a warning).

use chrono::NaiveDate;

use crate::paragraphs::{self, collapse};
use crate::{Article, DateValue, Format, Rejection, blank};

/// A first line is a title when it is short, has no sentence-final punctuation and more text follows.
pub fn looks_like_title(line: &str, has_more: bool) -> bool {
    let l = line.trim();
    let words = l.split_whitespace().count();
    has_more
        && !l.is_empty()
        && l.chars().count() <= 200
        && (1..=25).contains(&words)
        && !l.ends_with(['.', ',', ';', ':', '"', '”'])
        && l.chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '\'' || c == '‘')
}

/// Parses a plain text article. `date` is the publication date; `from_mtime` says it was taken from
/// the file's modification time rather than given.
pub fn parse(
    text: &str,
    origin: &str,
    date: Option<NaiveDate>,
    from_mtime: bool,
) -> Result<Article, Rejection> {
    let mut a = blank(Format::Text, origin);
    let trimmed = text.trim_start();
    let (first, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
    let body = if looks_like_title(first, !rest.trim().is_empty()) {
        a.title = Some(collapse(first));
        rest
    } else {
        a.warnings.push("no title line".into());
        trimmed
    };
    a.paragraphs = paragraphs::split(body);
    a.dateline = paragraphs::take_dateline(&mut a.paragraphs);
    match date {
        Some(d) => {
            a.published = Some(DateValue::Date(d));
            if from_mtime {
                a.warnings.push(
                    "no --date given: published date taken from the file's modification time"
                        .into(),
                );
            }
        }
        None => a
            .warnings
            .push("no publication date: give one with --date".into()),
    }
    a.id = crate::article_id(&a);
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_then_body() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 1);
        let a = parse("Envoys meet in Geneva\n\nGENEVA: Envoys of the two states met on Thursday for talks.\n", "a.txt", d, false)
            .expect("parses");
        assert_eq!(a.title.as_deref(), Some("Envoys meet in Geneva"));
        assert_eq!(a.dateline.as_deref(), Some("GENEVA"));
        assert_eq!(
            a.paragraphs,
            vec!["Envoys of the two states met on Thursday for talks."]
        );
        assert_eq!(
            a.published.map(|p| p.to_string()).as_deref(),
            Some("2024-02-01")
        );
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    }

    #[test]
    fn no_title_when_first_line_is_a_sentence() {
        let a = parse(
            "The talks ended without agreement.\nBoth sides left.",
            "b.txt",
            None,
            false,
        )
        .expect("parses");
        assert_eq!(a.title, None);
        assert!(a.warnings.iter().any(|w| w.contains("no publication date")));
    }

    #[test]
    fn mtime_date_warns() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 1);
        let a = parse(
            "Title here\n\nBody text of the article goes here.",
            "c.txt",
            d,
            true,
        )
        .expect("parses");
        assert!(a.warnings.iter().any(|w| w.contains("modification time")));
    }
}
