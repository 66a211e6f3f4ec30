//! `cargo run --release -p dyad-text --example eval -- MODEL FILE.conllu`
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().collect();
    let t = dyad_text::Tagger::load_from(&a[1])?;
    let s = dyad_text::conllu::read_file(std::path::Path::new(&a[2]))?;
    let r = dyad_text::train::evaluate(&t, &s);
    println!("{}", serde_json::to_string(&r)?);
    if a.len() > 3 {
        let mut conf = std::collections::HashMap::new();
        for s in &s {
            let w: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            for (g, p) in s.words.iter().zip(t.tag(&w)) {
                if a[3] == "lemma" && p.lemma != g.lemma {
                    *conf
                        .entry(format!("{}\t{}\t{}\t{}", g.form, g.upos, g.lemma, p.lemma))
                        .or_insert(0) += 1;
                } else if a[3] == "words" && p.upos.as_str() != g.upos {
                    *conf
                        .entry(format!("{}\t{}->{}", g.form, g.upos, p.upos))
                        .or_insert(0) += 1;
                } else if a[3] == "upos" && p.upos.as_str() != g.upos {
                    *conf.entry(format!("{}->{}", g.upos, p.upos)).or_insert(0) += 1;
                }
            }
        }
        let mut v: Vec<_> = conf.into_iter().collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.1));
        for (k, n) in v.iter().take(40) {
            println!("{n}\t{k}");
        }
    }
    Ok(())
}
