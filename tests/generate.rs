//! The synthetic archive generator: what benchmarks rely on.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::Datelike;
use folio::generate::{GenerateOptions, generate, sample_queries};
use folio::parse::parse_article;

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("read generated folder") {
            let path = entry.expect("read folder entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn generated(count: usize, seed: u64) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let options = GenerateOptions {
        count,
        seed,
        start_year: 2020,
        years: 3,
    };
    let report = generate(dir.path(), &options, &mut |_| {}).expect("generate");
    let files = files_under(dir.path());
    assert_eq!(report.files, count);
    assert_eq!(files.len(), count);
    let bytes: u64 = files
        .iter()
        .map(|f| fs::metadata(f).expect("stat").len())
        .sum();
    assert_eq!(report.bytes, bytes);
    (dir, files)
}

#[test]
fn output_is_the_same_for_the_same_seed_and_differs_for_another() {
    let (_a, first) = generated(150, 42);
    let (_b, second) = generated(150, 42);
    let (_c, other) = generated(150, 43);
    let contents = |files: &[PathBuf]| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .map(|f| {
                let name = f
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                (name, fs::read(f).expect("read"))
            })
            .collect()
    };
    assert_eq!(contents(&first), contents(&second));
    assert_ne!(contents(&first), contents(&other));
}

#[test]
fn articles_are_split_into_folders_of_at_most_a_thousand() {
    let (dir, files) = generated(2_100, 5);
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    assert_eq!(folders.len(), 3);
    for folder in &folders {
        assert_eq!(folder.parent(), Some(dir.path()));
        assert!(files.iter().filter(|f| f.parent() == Some(folder)).count() <= 1000);
    }
}

#[test]
fn progress_is_reported_up_to_the_count() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut seen = Vec::new();
    let options = GenerateOptions {
        count: 2_500,
        ..GenerateOptions::default()
    };
    generate(dir.path(), &options, &mut |done| seen.push(done)).expect("generate");
    assert_eq!(seen, vec![1_000, 2_000, 2_500]);
}

#[test]
fn sizes_are_realistic() {
    let (_dir, files) = generated(400, 9);
    let sizes: Vec<u64> = files
        .iter()
        .map(|f| fs::metadata(f).expect("stat").len())
        .collect();
    let mean = sizes.iter().sum::<u64>() / sizes.len() as u64;
    assert!(
        (2_000..=5_000).contains(&mean),
        "mean article size {mean} bytes"
    );
    let typical = sizes
        .iter()
        .filter(|&&s| (1_500..=6_000).contains(&s))
        .count();
    assert!(
        typical * 100 >= sizes.len() * 95,
        "only {typical} of 400 articles are 1.5-6 KB"
    );
    assert!(sizes.iter().all(|&s| s < 60_000));
}

/// The header line, title and trailer that every generated file must have, read directly.
#[test]
fn files_follow_the_seed_format() {
    let (_dir, files) = generated(200, 11);
    for file in &files {
        let text = fs::read_to_string(file).expect("generated files are UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        let [header, "", title, "", lede, "", body] = lines.as_slice() else {
            panic!("{} does not have seven lines: {text}", file.display());
        };
        let header = header
            .strip_prefix(" date ")
            .expect("header starts with ' date '");
        let (month, url) = header.split_once(' ').expect("month then URL");
        let day = url.split('/').nth(3).expect("URL has a date segment");
        assert_eq!(day.len(), 8, "{url}");
        assert_eq!(&day[..4], &month[..4]);
        assert_eq!(&day[4..6], &month[5..7]);
        let trailer_date = format!("{}.{}.{}", &day[6..8], &day[4..6], &day[..4]);
        assert!(lede.contains(&format!(" {trailer_date}, ")), "{lede}");
        assert!(!title.is_empty() && body.len() > 1_000);
    }
}

#[test]
fn dates_span_the_requested_years_with_bursts() {
    let (_dir, files) = generated(1_500, 3);
    let mut years = BTreeSet::new();
    let mut per_day = std::collections::HashMap::<String, usize>::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("read");
        let url = text.split_whitespace().nth(2).expect("URL in header");
        let day = url.split('/').nth(3).expect("date segment").to_string();
        years.insert(day[..4].parse::<i32>().expect("year"));
        *per_day.entry(day).or_default() += 1;
    }
    assert_eq!(years, BTreeSet::from([2020, 2021, 2022]));
    // 1,500 articles over ~1,100 days would rarely put more than 5 on one day without bursts.
    let busiest = per_day.values().max().copied().unwrap_or(0);
    assert!(busiest >= 15, "busiest day has only {busiest} articles");
}

#[test]
fn several_languages_and_sources_appear() {
    let (_dir, files) = generated(600, 17);
    let mut hosts = HashSet::new();
    let mut scripts = HashSet::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("read");
        let url = text.split_whitespace().nth(2).expect("URL");
        hosts.insert(url.split('/').nth(2).expect("host").to_string());
        let body = text.lines().last().unwrap_or_default();
        if body.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c)) {
            scripts.insert("cyrillic");
        }
        if body.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
            scripts.insert("han");
        }
        if body.chars().any(|c| ('\u{0370}'..='\u{03ff}').contains(&c)) {
            scripts.insert("greek");
        }
    }
    assert!(hosts.len() >= 10, "only {} sources", hosts.len());
    assert_eq!(scripts.len(), 3);
}

#[test]
fn generated_articles_parse_with_date_title_and_source() {
    let (_dir, files) = generated(200, 23);
    for file in &files {
        let bytes = fs::read(file).expect("read");
        let article = parse_article(file, &bytes).expect("a generated file is an article");
        let published = article.published.expect("date recovered");
        assert!((2020..=2022).contains(&published.date.year()));
        assert!(!article.title.is_empty());
        assert!(!article.source.is_empty());
        // Chinese and Japanese glue has no capitals to split on; the parser keeps such a
        // body whole rather than guess, so only alphabetic scripts must come apart.
        let min_paragraphs = if matches!(article.language.as_str(), "zh" | "ja") {
            1
        } else {
            2
        };
        assert!(
            article.paragraphs.len() >= min_paragraphs,
            "{}: {} paragraphs",
            file.display(),
            article.paragraphs.len()
        );
    }
}

#[test]
fn queries_are_deterministic_and_found_in_a_generated_archive() {
    let queries = sample_queries(8, 60);
    assert_eq!(queries, sample_queries(8, 60));
    assert_ne!(queries, sample_queries(9, 60));
    assert!(
        queries
            .iter()
            .all(|q| (1..=3).contains(&q.split(' ').count()))
    );
    let (_dir, files) = generated(3_000, 1);
    let corpus: String = files
        .iter()
        .map(|f| fs::read_to_string(f).expect("read"))
        .collect();
    let words: Vec<&str> = queries.iter().flat_map(|q| q.split(' ')).collect();
    let found = words.iter().filter(|w| corpus.contains(*w)).count();
    // Rare words may be missing from a small archive, frequent ones never.
    assert!(
        found * 10 >= words.len() * 8,
        "{found} of {} query words occur",
        words.len()
    );
}
