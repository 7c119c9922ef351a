//! Every script folio may be shown, drawn the way the terminal gets it: through the real
//! backend (`ClusterSafe` over crossterm) into bytes, read back by two terminals that measure
//! text differently. `vt100` advances by each code point's width, as glibc's `wcwidth` and
//! most terminals do; the second model gives a grapheme cluster the width of its first
//! character (two for an emoji), as grapheme-cluster terminals do. On both, the pane divider
//! stays in its column on every row, and no letter or vowel sign is printed over.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use folio::app::App;
use folio::article::{Article, ArticleId, Paragraph, Published};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;
use vte::{Params, Perform};

mod support;
use support::app::{Setup, code, open_with};
use support::articles::catalog;
use support::bytes::Bytes;
use support::drive::send;

/// Text in the scripts the issue names, each with what makes it hard to measure.
const SCRIPTS: [(&str, &str); 9] = [
    ("km", "ភ្នំពេញ រាជធានី នៃ ព្រះរាជាណាចក្រកម្ពុជា"),
    // A subscript consonant last: one column to unicode-width, two to wcwidth.
    ("km", "រាជធានីភ្នំ Phnom Penh"),
    ("th", "กรุงเทพมหานคร น้ำท่วม ประชาชนอพยพ"),
    ("hi", "नई दिल्ली में हिन्दी समाचार पत्रिका"),
    ("ar", "القاهرة عاصمة مصر العربية"),
    ("he", "שָׁלוֹם ירושלים עיר הבירה"),
    ("und", "👩\u{200D}👩\u{200D}👧 family 👍🏽 ❤\u{FE0F} ok"),
    ("und", "🇫🇷🇯🇵🇰🇭 flags"),
    ("ja", "東京都の天気予報と週末のイベント情報まとめ"),
];

fn seeds() -> Vec<Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the seeds are there")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            folio::parse::parse_article(p, &bytes).ok()
        })
        .collect()
}

fn script_articles() -> Vec<Article> {
    SCRIPTS
        .iter()
        .enumerate()
        .map(|(n, (language, text))| Article {
            id: ArticleId(format!("script-{n}")),
            path: PathBuf::from(format!("scripts/{n}.txt")),
            url: None,
            title: format!("{text} {text}"),
            lede: (*text).into(),
            lede_truncated: false,
            source: (*text).into(),
            language: (*language).into(),
            // Newest, so they head the timeline.
            published: NaiveDate::from_ymd_opt(2030, 1, 1 + n as u32).map(Published::day),
            paragraphs: vec![Paragraph::Text(format!("{text} ").repeat(20))],
            meta: Default::default(),
            problems: Vec::new(),
        })
        .collect()
}

/// A terminal model that measures grapheme clusters: a cluster takes the width of its first
/// character, two when it holds an emoji selector or is a pair of regional indicators.
/// Records, per row, the column each printed grapheme lands in.
struct ClusterTerminal {
    cursor: (u16, u16),
    run: String,
    rows: Vec<Vec<(u16, String)>>,
}

impl ClusterTerminal {
    fn new(height: u16) -> ClusterTerminal {
        ClusterTerminal {
            cursor: (0, 0),
            run: String::new(),
            rows: vec![Vec::new(); usize::from(height)],
        }
    }

    /// Places the characters printed since the last cursor move, cluster by cluster.
    fn settle(&mut self) {
        let run = std::mem::take(&mut self.run);
        for g in run.graphemes(true) {
            let first = g.chars().next().map_or(0, |c| c.width().unwrap_or(0));
            let regional = g.chars().count() == 2
                && g.chars().all(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c));
            let w = if g.contains('\u{FE0F}') || regional {
                2
            } else {
                first
            };
            let (x, y) = self.cursor;
            if let Some(row) = self.rows.get_mut(usize::from(y)) {
                // A later print over a column replaces what was there.
                row.retain(|(at, _)| *at < x || *at >= x + (w as u16).max(1));
                row.push((x, g.to_string()));
            }
            self.cursor.0 = x + w as u16;
        }
    }

    fn at(&self, x: u16, y: u16) -> Option<&str> {
        self.rows
            .get(usize::from(y))?
            .iter()
            .find(|(at, _)| *at == x)
            .map(|(_, g)| g.as_str())
    }
}

impl Perform for ClusterTerminal {
    fn print(&mut self, c: char) {
        self.run.push(c);
    }

    fn csi_dispatch(&mut self, params: &Params, _: &[u8], _: bool, action: char) {
        self.settle();
        if action == 'H' {
            let p: Vec<u16> = params
                .iter()
                .map(|p| p.first().copied().unwrap_or(1))
                .collect();
            let row = p.first().copied().unwrap_or(1).max(1) - 1;
            let col = p.get(1).copied().unwrap_or(1).max(1) - 1;
            self.cursor = (col, row);
        }
    }
}

struct Screens {
    bytes: Bytes,
    glibc: vt100::Parser,
    clusters: ClusterTerminal,
    parser: vte::Parser,
}

impl Screens {
    fn new(width: u16, height: u16) -> Screens {
        Screens {
            bytes: Bytes::new(width, height),
            glibc: vt100::Parser::new(height, width, 0),
            clusters: ClusterTerminal::new(height),
            parser: vte::Parser::new(),
        }
    }

    fn draw(&mut self, app: &App) {
        let bytes = self.bytes.draw(app);
        self.glibc.process(&bytes);
        self.parser.advance(&mut self.clusters, &bytes);
        self.clusters.settle();
    }
}

fn app(articles: Vec<Article>, width: u16, height: u16) -> App {
    let setup = Setup {
        label: "scripts".into(),
        ..Setup::default()
    };
    open_with(catalog(articles, Vec::new()), setup, width, height)
}

fn key(app: &mut App, key: KeyCode) {
    send(app, code(key));
}

#[test]
fn the_divider_stays_in_its_column_for_every_script_on_both_kinds_of_terminal() {
    let mut articles = seeds();
    assert!(articles.len() > 40, "the demo archive parses");
    articles.extend(script_articles());
    let total = articles.len();
    let (width, height) = (140, 40);
    let mut app = app(articles, width, height);
    let mut screens = Screens::new(width, height);
    let separator = app.panes().separator.expect("a split view at 140 columns");
    for article in 0..total {
        screens.draw(&app);
        for y in separator.top()..separator.bottom() {
            let glibc = screens
                .glibc
                .screen()
                .cell(y, separator.x)
                .map(|c| c.contents());
            assert_eq!(
                glibc,
                Some("│"),
                "article {article}, row {y}, wcwidth terminal"
            );
            let cluster = screens.clusters.at(separator.x, y);
            assert_eq!(
                cluster,
                Some("│"),
                "article {article}, row {y}, cluster terminal"
            );
        }
        key(&mut app, KeyCode::Char('j'));
    }
}

#[test]
fn vowel_signs_are_not_printed_over() {
    let (width, height) = (140, 40);
    let mut app = app(script_articles(), width, height);
    let mut screens = Screens::new(width, height);
    screens.draw(&app);
    let shown = screens.glibc.screen().contents();
    for (_, text) in SCRIPTS.iter().take(3) {
        let first = text.split(' ').next().unwrap_or_default();
        assert!(
            shown.contains(first),
            "{first:?} on the wcwidth terminal:\n{shown}"
        );
    }
    key(&mut app, KeyCode::Char('G'));
    screens.draw(&app);
    let shown = screens.glibc.screen().contents();
    assert!(shown.contains("ភ្នំពេញ"), "{shown}");
}

/// The help and source overlays keep their left border beside rows of wide characters,
/// whichever column the characters reach.
#[test]
fn overlays_keep_their_left_border_over_wide_characters() {
    let cjk = "東京都の天気予報と週末のイベント情報まとめ東京都の天気予報と週末";
    for width in 100..104 {
        let articles = (0..30)
            .map(|n| Article {
                id: ArticleId(format!("cjk-{n}")),
                path: PathBuf::from(format!("cjk/{n}.txt")),
                url: None,
                title: format!("{}{cjk}", "x".repeat(n % 2)),
                lede: cjk.into(),
                lede_truncated: false,
                source: if n % 2 == 0 { "東京新聞" } else { "朝日" }.into(),
                language: "ja".into(),
                published: NaiveDate::from_ymd_opt(2024, 1, 1 + n as u32 % 28).map(Published::day),
                paragraphs: vec![Paragraph::Text(cjk.repeat(10))],
                meta: Default::default(),
                problems: Vec::new(),
            })
            .collect();
        let height = 30;
        let mut app = app(articles, width, height);
        let mut screens = Screens::new(width, height);
        screens.draw(&app);
        for (open, name) in [('?', "help"), ('f', "sources")] {
            key(&mut app, KeyCode::Char(open));
            screens.draw(&app);
            let screen = screens.glibc.screen();
            let mid = height / 2;
            let left = (0..width)
                .find(|&x| screen.cell(mid, x).is_some_and(|c| c.contents() == "│"))
                .expect("a left border");
            let rows: Vec<u16> = (0..height)
                .filter(|&y| {
                    screen
                        .cell(y, left)
                        .is_some_and(|c| ["┌", "└"].contains(&c.contents()))
                })
                .collect();
            assert!(
                rows.len() == 2,
                "{name} at width {width}: no frame at column {left}:\n{}",
                screen.contents()
            );
            let (top, bottom) = (rows[0], rows[1]);
            for y in top + 1..bottom {
                let shown = screen.cell(y, left).map(|c| c.contents());
                assert_eq!(shown, Some("│"), "{name} at width {width}, row {y}");
            }
            key(&mut app, KeyCode::Esc);
            screens.draw(&app);
        }
    }
}
