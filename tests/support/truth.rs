//! The truth archive for copies: the bundled seed articles as originals (on overlapping
//! topics, in several languages), edited republications of them as a wire service or another
//! outlet would make them, and unrelated articles on the same topics, some sharing only a
//! quoted paragraph or a boilerplate footer with others. Every article's true group is
//! known, so the groups folio finds can be scored pair by pair.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::Duration;
use folio::article::{Article, ArticleId, Paragraph, Precision, Published};

use super::archive::{Folder, seed_text};

/// A credit line a wire copy gains.
const CREDITS: [&str; 3] = [
    "With reporting by the wire desk; editing by the night staff.",
    "Cet article a été publié avec l'aide de l'agence.",
    "(Wire copy, lightly edited for our readers.)",
];

/// A footer every article of one outlet ends with: boilerplate, not a story.
const BOILERPLATE: &str = "Ce contenu est protégé par le droit d'auteur et ne peut être \
reproduit sans autorisation. Abonnez-vous à notre lettre d'information pour recevoir chaque \
matin les principales informations de la région, les analyses de nos correspondants et les \
rendez-vous de la semaine. Pour signaler une erreur, écrivez à la rédaction en précisant le \
titre de l'article et la date de sa publication. Merci de votre fidélité.";

/// The archive written into a folder, with every article's id and its true group.
pub struct Truth {
    pub folder: Folder,
    /// Each article's id, and the id of the original its group is named after (its own for
    /// an article with no copies).
    pub group_of: HashMap<String, String>,
}

impl Truth {
    /// Pairs of articles that are copies of each other.
    pub fn pairs(&self) -> HashSet<(String, String)> {
        let mut groups: HashMap<&str, Vec<&str>> = HashMap::new();
        for (id, group) in &self.group_of {
            groups.entry(group).or_default().push(id);
        }
        groups.values().flat_map(|m| pairs_of(m)).collect()
    }

    pub fn copies(&self) -> usize {
        self.group_of.iter().filter(|(id, g)| id != g).count()
    }
}

/// Every unordered pair of the members, each written smaller first.
pub fn pairs_of(members: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, a) in members.iter().enumerate() {
        for b in &members[i + 1..] {
            let (x, y) = if a < b { (a, b) } else { (b, a) };
            out.push((x.to_string(), y.to_string()));
        }
    }
    out
}

/// Builds the truth archive from the seeds in `seeds` (see the module comment).
pub fn build(seeds: &Path) -> Truth {
    let folder = Folder::new();
    let mut group_of = HashMap::new();
    let originals = read_seeds(seeds);
    let mut write = |article: &Article, group: &str| {
        write_seed(folder.root(), article);
        group_of.insert(article.id.0.clone(), group.to_string());
    };
    for original in &originals {
        write(original, &original.id.0);
    }
    // Copies of the originals long enough to be a story rather than a brief.
    let long: Vec<&Article> = originals.iter().filter(|a| words(a) >= 80).collect();
    for (n, original) in long.iter().enumerate() {
        for variant in 0..1 + n % 3 {
            let copy = edited(original, n, variant);
            write(&copy, &original.id.0);
        }
    }
    // Unrelated articles on the same topics: sentences of several originals in one language,
    // none a large share of any; some quote a whole paragraph of one, some share a footer.
    for (n, mixed) in mixtures(&long).into_iter().enumerate() {
        let id = mixed.id.0.clone();
        let mut article = mixed;
        if n % 2 == 0 {
            article.paragraphs.push(Paragraph::Text(BOILERPLATE.into()));
        }
        write(&article, &id);
    }
    Truth { folder, group_of }
}

/// Writes a dated article in the seed format, its day and source in the lede's trailer. Its
/// id is its URL, whatever the parser makes of the edited text.
fn write_seed(dir: &Path, article: &Article) {
    let url = article.url.as_deref().expect("a URL");
    let name = url.rsplit('/').next().expect("a last part");
    let published = article.published.expect("dated");
    let lede = format!(
        "{}... {}, {}",
        article.lede,
        published.date.format("%d.%m.%Y"),
        article.source
    );
    let body: Vec<&str> = article.paragraphs.iter().map(Paragraph::text).collect();
    let month = published.date.format("%Y-%m").to_string();
    let text = seed_text(&month, url, &article.title, &lede, &body.join("\n"));
    let folder = dir.join(article.source.replace(' ', "-"));
    std::fs::create_dir_all(&folder).expect("a folder");
    std::fs::write(folder.join(format!("{name}.txt")), text).expect("written");
}

fn read_seeds(dir: &Path) -> Vec<Article> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("the seeds folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| folio::store::read_article(p).ok())
        // The copies are written with their day in the lede: originals that give it.
        .filter(|a| a.published.is_some_and(|p| p.precision == Precision::Day))
        .filter(|a| a.url.is_some() && a.lede_truncated)
        .collect()
}

fn words(article: &Article) -> usize {
    article
        .paragraphs
        .iter()
        .map(|p| p.text().split_whitespace().count())
        .sum()
}

/// A republication of `original`: another outlet and URL, a day to four later, and edits by
/// `variant`: a rewritten or trimmed headline, a paragraph dropped, a credit line added, a
/// few words changed.
fn edited(original: &Article, n: usize, variant: usize) -> Article {
    let mut copy = original.clone();
    let outlets = ["Wire Service", "Le Relais du Soir", "Agence Ouest"];
    let outlet = outlets[(n + variant) % outlets.len()];
    let slug = format!("copy-{n}-{variant}");
    let host = ["wire.example", "relais.example", "ouest.example"][(n + variant) % 3];
    let published = original.published.expect("a dated original");
    let day = published.date + Duration::days(1 + ((n + variant) % 4) as i64);
    let url = format!("https://{host}/{}/{slug}.html", day.format("%Y%m%d"));
    copy.id = ArticleId(url.clone());
    copy.url = Some(url);
    copy.source = outlet.to_string();
    copy.published = Some(Published::day(day));
    let mut paragraphs = original.paragraphs.clone();
    match variant {
        0 => {
            copy.title = format!("{} (update)", original.title);
            paragraphs.push(Paragraph::Text(CREDITS[n % CREDITS.len()].into()));
            change_words(&mut paragraphs, n, 3);
        }
        1 => {
            // The headline trimmed to its first words, the longest paragraph but one kept.
            let title: Vec<&str> = original.title.split_whitespace().collect();
            copy.title = title[..title.len().div_ceil(2).max(1)].join(" ");
            if paragraphs.len() >= 4 {
                // A text paragraph, not the one under a heading (the heading would go on
                // without its text).
                let shortest = (1..paragraphs.len())
                    .filter(|&i| matches!(paragraphs[i], Paragraph::Text(_)))
                    .filter(|&i| !matches!(paragraphs[i - 1], Paragraph::Heading(_)))
                    .min_by_key(|&i| paragraphs[i].text().len());
                if let Some(i) = shortest {
                    paragraphs.remove(i);
                }
            }
            change_words(&mut paragraphs, n + 1, 5);
        }
        _ => {
            copy.title = format!("{}: {}", outlet, original.title.to_lowercase());
            let credit = CREDITS[(n + 1) % CREDITS.len()];
            paragraphs.insert(0, Paragraph::Text(credit.into()));
            change_words(&mut paragraphs, n + 2, 4);
        }
    }
    copy.paragraphs = paragraphs;
    copy
}

/// Replaces `count` words, spread through the body, with other words.
fn change_words(paragraphs: &mut [Paragraph], seed: usize, count: usize) {
    let total: usize = paragraphs.iter().map(|p| p.text().split(' ').count()).sum();
    let step = (total / (count + 1)).max(1);
    let mut at = step / 2 + seed % step.max(1);
    let mut index = 0;
    let mut changed = 0;
    for paragraph in paragraphs.iter_mut() {
        let Paragraph::Text(paragraph) = paragraph else {
            continue;
        };
        let mut out: Vec<String> = Vec::new();
        for word in paragraph.split(' ') {
            let letters = word.chars().all(char::is_alphabetic) && word.chars().count() > 3;
            if index >= at && changed < count && letters {
                out.push(format!("{}x", word.to_lowercase()));
                changed += 1;
                at += step;
            } else {
                out.push(word.to_string());
            }
            index += 1;
        }
        *paragraph = out.join(" ");
    }
}

/// Articles of sentences from three originals of one language, each a small part of the
/// mixture, plus one whole paragraph quoted from the first.
fn mixtures(originals: &[&Article]) -> Vec<Article> {
    let mut by_language: HashMap<&str, Vec<&Article>> = HashMap::new();
    for a in originals {
        by_language.entry(a.language.as_str()).or_default().push(a);
    }
    let mut languages: Vec<_> = by_language.into_iter().collect();
    languages.sort_by_key(|(l, _)| *l);
    let mut out = Vec::new();
    for (language, group) in languages {
        if group.len() < 4 {
            continue;
        }
        for start in 0..group.len() {
            let sources: Vec<&Article> = (0..4).map(|k| group[(start + k) % group.len()]).collect();
            let mut paragraphs = Vec::new();
            // One quoted paragraph of the first, then one sentence in five of each other.
            let quote = sources[0]
                .paragraphs
                .iter()
                .map(Paragraph::text)
                .max_by_key(|p| p.len())
                .unwrap_or_default();
            paragraphs.push(Paragraph::Text(format!("« {quote} »")));
            for (k, source) in sources[1..].iter().enumerate() {
                let sentences: Vec<&str> = source
                    .paragraphs
                    .iter()
                    .flat_map(|p| p.text().split_inclusive(". "))
                    .collect();
                let picked: Vec<&str> = sentences
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (i + k + start) % 5 == 0)
                    .map(|(_, s)| s.trim())
                    .collect();
                if !picked.is_empty() {
                    paragraphs.push(Paragraph::Text(picked.join(" ")));
                }
            }
            let base = sources[1];
            let day = base.published.expect("dated").date;
            let url = format!(
                "https://roundup.example/{language}/{}/roundup-{start}.html",
                day.format("%Y%m%d")
            );
            let mut article = base.clone();
            article.id = ArticleId(url.clone());
            article.url = Some(url);
            article.source = "The Roundup".into();
            article.title = format!("Roundup: {}", base.title);
            article.paragraphs = paragraphs;
            out.push(article);
        }
    }
    out
}
