//! A minimal CoNLL-U reader: the word lines (form, lemma, UPOS, XPOS) of each sentence.
//! Multiword-token ranges (`1-2`) and empty nodes (`1.1`) are skipped.

use std::path::Path;

use crate::TextError;

/// One syntactic word of a CoNLL-U sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
}

/// One sentence: its words in order.
#[derive(Debug, Clone, Default)]
pub struct ConlluSentence {
    pub words: Vec<Word>,
}

/// Reads a CoNLL-U file.
pub fn read_file(path: &Path) -> Result<Vec<ConlluSentence>, TextError> {
    let text = std::fs::read_to_string(path).map_err(|e| TextError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    parse(&text, &path.display().to_string())
}

/// Parses CoNLL-U text; `name` is used in error messages.
pub fn parse(text: &str, name: &str) -> Result<Vec<ConlluSentence>, TextError> {
    let mut out = Vec::new();
    let mut cur = ConlluSentence::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let bad = |msg: &str| TextError::Conllu {
            file: name.to_string(),
            line: i + 1,
            message: msg.to_string(),
        };
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(bad(&format!(
                "expected 10 tab-separated columns, found {}",
                cols.len()
            )));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        if id.parse::<u32>().is_err() {
            return Err(bad(&format!("bad word id {id:?}")));
        }
        if cols[1].is_empty() || cols[3].is_empty() {
            return Err(bad("empty FORM or UPOS column"));
        }
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_skips_ranges() {
        let t = "# text = x\n1-2\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tca\tcan\tAUX\tMD\t_\t0\troot\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_\n2.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n\n1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n";
        let s = parse(t, "t").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words.len(), 2);
        assert_eq!(s[0].words[1].lemma, "not");
    }

    #[test]
    fn error_names_file_and_line() {
        let e = parse("1\tx\tx\n", "f.conllu").unwrap_err().to_string();
        assert!(e.contains("f.conllu") && e.contains("line 1"), "{e}");
    }
}
