//! How faithfully folio recovers the paragraphs, headings and language the journalist wrote,
//! beside the naive rule ("a sentence end directly followed by a capital starts a paragraph").
//!
//! `cargo bench --bench fidelity` (add `-- --show` to print every article's mistakes). The
//! articles are in `benches/fidelity/*.txt` (their README gives the format): written for
//! folio, with the paragraphs and headings known. Each is glued the way the scraper glues
//! (paragraphs and headings run together without a separator, tables and lists on lines of
//! their own), parsed with `parse_article`, and scored:
//!
//! - boundaries: precision, recall and F1 of where paragraphs and headings start;
//! - headings: how many of the headings found are real, and the false ones per 100 articles;
//! - in-sentence cuts: boundaries found where none is and no sentence ends;
//! - language: the share of articles given the right ISO 639-1 code (the naive column is
//!   whatlang on the title, lede and body as they come);
//! - text kept: articles whose paragraphs, put back together, are the body (modulo the
//!   whitespace at the boundaries).

#[path = "support/fidelity.rs"]
mod score;

use std::path::{Path, PathBuf};

use folio::article::Paragraph;
use score::{Block, Fixture, Tally};

fn main() {
    let show = std::env::args().any(|a| a == "--show");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/fidelity");
    let sets = match load(&dir) {
        Ok(sets) => sets,
        Err(e) => {
            eprintln!("cannot read the fixtures in {}: {e}", dir.display());
            std::process::exit(1);
        }
    };
    println!(
        "| set | articles | boundaries | folio P / R / F1 | naive P / R / F1 | headings: real / found | false headings per 100 | in-sentence cuts: folio / naive | longest paragraph | language: folio / naive | text kept |"
    );
    println!("|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|");
    let mut all = Tally::default();
    for (name, fixtures) in &sets {
        let mut tally = Tally::default();
        for (n, fixture) in fixtures.iter().enumerate() {
            let path = format!("fidelity/{name}/{n}.txt");
            let article = match folio::parse::parse_article(Path::new(&path), &fixture.file()) {
                Ok(a) => a,
                Err(p) => {
                    eprintln!("{path}: refused: {p}");
                    std::process::exit(1);
                }
            };
            let parsed: Vec<Block> = article
                .paragraphs
                .iter()
                .map(|p| Block {
                    heading: matches!(p, Paragraph::Heading(_)),
                    own_line: false,
                    text: p.text().to_owned(),
                })
                .collect();
            let report = tally.add(fixture, &parsed, &article.language);
            if show && !report.is_empty() {
                println!("\n{path} ({}):\n{report}", fixture.title);
            }
        }
        println!("{}", tally.row(name));
        all.merge(&tally);
    }
    println!("{}", all.row("**all**"));
}

/// Every `*.txt` file of `dir`, by name, with its articles.
fn load(dir: &Path) -> Result<Vec<(String, Vec<Fixture>)>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
            let name = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            Ok((name, score::fixtures(&text)))
        })
        .collect()
}
