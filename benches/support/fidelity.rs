//! The fidelity benchmark's fixtures and scores: articles with known paragraphs, glued as the
//! scraper glues them, and what a parse of them got right.

use std::collections::BTreeSet;
use std::fmt::Write as _;

/// A paragraph or heading as written (a fixture's truth) or as parsed.
pub struct Block {
    pub heading: bool,
    /// The scraper kept it on a line of its own rather than gluing it.
    pub own_line: bool,
    pub text: String,
}

pub struct Fixture {
    pub language: String,
    pub title: String,
    pub lede: String,
    pub blocks: Vec<Block>,
}

/// The articles of one fixture file (format in `benches/fidelity/README.md`).
pub fn fixtures(text: &str) -> Vec<Fixture> {
    let mut out: Vec<Fixture> = Vec::new();
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() || line.starts_with("//") {
            continue;
        }
        if let Some(lang) = line.strip_prefix("=== ") {
            out.push(Fixture {
                language: lang.trim().to_owned(),
                title: String::new(),
                lede: String::new(),
                blocks: Vec::new(),
            });
            continue;
        }
        let Some(f) = out.last_mut() else { continue };
        if let Some(t) = line.strip_prefix("title: ") {
            f.title = t.to_owned();
        } else if let Some(l) = line.strip_prefix("lede: ") {
            f.lede = l.to_owned();
        } else {
            let (own_line, rest) = match line.strip_prefix("| ") {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let (heading, text) = match rest.strip_prefix("## ") {
                Some(h) => (true, h),
                None => (false, rest),
            };
            f.blocks.push(Block {
                heading,
                own_line,
                text: text.to_owned(),
            });
        }
    }
    out
}

impl Fixture {
    /// The body as the scraper writes it, and where each block starts in it.
    pub fn body(&self) -> (String, Vec<usize>) {
        let mut body = String::new();
        let mut starts = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 && b.own_line {
                body.push('\n');
            }
            // The parser trims each paragraph: it starts at its first visible character.
            starts.push(body.len() + b.text.len() - b.text.trim_start().len());
            body.push_str(&b.text);
        }
        (body, starts)
    }

    /// The whole article file: header, title, lede with its trailer, body.
    pub fn file(&self) -> Vec<u8> {
        let (body, _) = self.body();
        format!(
            " date 2023-04 https://bench.example/article.html\n\n{}\n\n{} 05.04.2023, Fidelity Bench\n\n{body}\n",
            self.title, self.lede
        )
        .into_bytes()
    }
}

/// Counts over many articles.
#[derive(Default)]
pub struct Tally {
    articles: usize,
    truth: usize,
    found: usize,
    right: usize,
    naive_found: usize,
    naive_right: usize,
    headings_found: usize,
    headings_right: usize,
    cuts_in_sentence: usize,
    naive_cuts_in_sentence: usize,
    longest: usize,
    language_right: usize,
    naive_language_right: usize,
    text_kept: usize,
}

impl Tally {
    pub fn merge(&mut self, o: &Tally) {
        self.articles += o.articles;
        self.truth += o.truth;
        self.found += o.found;
        self.right += o.right;
        self.naive_found += o.naive_found;
        self.naive_right += o.naive_right;
        self.headings_found += o.headings_found;
        self.headings_right += o.headings_right;
        self.cuts_in_sentence += o.cuts_in_sentence;
        self.naive_cuts_in_sentence += o.naive_cuts_in_sentence;
        self.longest = self.longest.max(o.longest);
        self.language_right += o.language_right;
        self.naive_language_right += o.naive_language_right;
        self.text_kept += o.text_kept;
    }

    /// Scores one parse of `fixture`; returns its mistakes, in words, for `--show`.
    pub fn add(&mut self, fixture: &Fixture, parsed: &[Block], language: &str) -> String {
        let (body, starts) = fixture.body();
        let truth: BTreeSet<usize> = starts.iter().copied().skip(1).collect();
        let true_headings: BTreeSet<(usize, usize)> = fixture
            .blocks
            .iter()
            .zip(&starts)
            .filter(|(b, _)| b.heading)
            .map(|(b, &s)| (s, s + b.text.trim().len()))
            .collect();
        let mut report = String::new();

        // Where each parsed block sits in the body; a block not found there is text changed.
        let mut at = 0;
        let mut found = BTreeSet::new();
        let mut kept = true;
        let mut headings = Vec::new();
        for (i, p) in parsed.iter().enumerate() {
            let Some(offset) = body.get(at..).and_then(|rest| rest.find(&p.text)) else {
                kept = false;
                let _ = writeln!(report, "  text changed: {:?}", p.text);
                continue;
            };
            let start = at + offset;
            kept &= body.get(at..start).is_some_and(|gap| gap.trim().is_empty());
            if i > 0 {
                found.insert(start);
            }
            if p.heading {
                headings.push((start, start + p.text.len()));
            }
            self.longest = self.longest.max(p.text.chars().count());
            at = start + p.text.len();
        }
        kept &= body.get(at..).is_some_and(|rest| rest.trim().is_empty());

        let naive = naive_boundaries(&body);
        self.articles += 1;
        self.truth += truth.len();
        self.found += found.len();
        self.right += found.intersection(&truth).count();
        self.naive_found += naive.len();
        self.naive_right += naive.intersection(&truth).count();
        self.headings_found += headings.len();
        for h in &headings {
            if true_headings.contains(h) {
                self.headings_right += 1;
            } else {
                let _ = writeln!(report, "  false heading: {:?}", body.get(h.0..h.1));
            }
        }
        for &b in found.difference(&truth) {
            let in_sentence = !ends_sentence(body.get(..b).unwrap_or_default());
            self.cuts_in_sentence += usize::from(in_sentence);
            let _ = writeln!(
                report,
                "  false boundary{}: {:?}|{:?}",
                if in_sentence { " in a sentence" } else { "" },
                tail(body.get(..b).unwrap_or_default(), 24),
                head(body.get(b..).unwrap_or_default(), 24),
            );
        }
        for &b in truth.difference(&found) {
            let _ = writeln!(
                report,
                "  missed: {:?}|{:?}",
                tail(body.get(..b).unwrap_or_default(), 24),
                head(body.get(b..).unwrap_or_default(), 24),
            );
        }
        self.naive_cuts_in_sentence += naive
            .difference(&truth)
            .filter(|&&b| !ends_sentence(body.get(..b).unwrap_or_default()))
            .count();
        self.text_kept += usize::from(kept);
        if language == fixture.language {
            self.language_right += 1;
        } else {
            let _ = writeln!(report, "  language {language}, not {}", fixture.language);
        }
        let sample = format!("{}\n{}\n{body}", fixture.title, fixture.lede);
        self.naive_language_right += usize::from(naive_language(&sample) == fixture.language);
        report
    }

    pub fn row(&self, name: &str) -> String {
        let prf = |right: usize, found: usize| {
            let p = ratio(right, found);
            let r = ratio(right, self.truth);
            let f1 = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            format!("{p:.2} / {r:.2} / {f1:.2}")
        };
        let false_headings = self.headings_found - self.headings_right;
        format!(
            "| {name} | {} | {} | {} | {} | {} / {} | {:.1} | {} / {} | {} | {:.0}% / {:.0}% | {} / {} |",
            self.articles,
            self.truth,
            prf(self.right, self.found),
            prf(self.naive_right, self.naive_found),
            self.headings_right,
            self.headings_found,
            100.0 * ratio(false_headings, self.articles),
            self.cuts_in_sentence,
            self.naive_cuts_in_sentence,
            self.longest,
            100.0 * ratio(self.language_right, self.articles),
            100.0 * ratio(self.naive_language_right, self.articles),
            self.text_kept,
            self.articles,
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The naive rule: a line break, or sentence punctuation directly followed by a capital.
fn naive_boundaries(body: &str) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let mut prev = None;
    for (i, c) in body.char_indices() {
        let after_end = matches!(prev, Some('.' | '!' | '?')) && c.is_uppercase();
        if after_end || prev == Some('\n') {
            out.insert(i);
        }
        prev = Some(c);
    }
    out
}

/// Whether `before` ends a sentence (closing quotes and brackets aside).
fn ends_sentence(before: &str) -> bool {
    before
        .trim_end()
        .trim_end_matches(['"', '”', '’', '»', ')', '」', '』', '）', '\''])
        .ends_with(['.', '!', '?', '…', '。', '！', '？', '។'])
}

/// whatlang on the text as it comes, its answer as an ISO 639-1 code for the fixtures' languages.
fn naive_language(sample: &str) -> &'static str {
    let code = whatlang::detect(sample)
        .filter(whatlang::Info::is_reliable)
        .map_or("", |i| i.lang().code());
    match code {
        "eng" => "en",
        "fra" => "fr",
        "deu" => "de",
        "spa" => "es",
        "rus" => "ru",
        "ell" => "el",
        "cmn" => "zh",
        "jpn" => "ja",
        _ => "und",
    }
}

fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn tail(s: &str, n: usize) -> String {
    let skip = s.chars().count().saturating_sub(n);
    s.chars().skip(skip).collect()
}
