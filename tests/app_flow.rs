//! The app's behaviour, driven through `App::update` with messages: no terminal, no threads.

use std::path::PathBuf;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Effect, Focus, Loaded, Msg};
use folio::article::{Article, ArticleId, Paragraph, Published};
use folio::catalog::{MemoryCatalog, id_hash};
use folio::config::Config;
use folio::state::{StateChange, StateSnapshot};

#[path = "support/drive.rs"]
mod drive;
use drive::send;

fn article(n: usize, published: Option<Published>, source: &str) -> Article {
    Article {
        id: ArticleId(format!("https://example.org/{n}")),
        path: PathBuf::from(format!("archive/{n}.txt")),
        url: Some(format!("https://example.org/{n}")),
        title: format!("Article {n}"),
        lede: format!("The lede of article {n}."),
        lede_truncated: false,
        source: source.into(),
        language: "en".into(),
        published,
        paragraphs: (0..40)
            .map(|p| {
                if p % 10 == 0 {
                    Paragraph::Heading(format!("Part {p}"))
                } else {
                    Paragraph::Text(format!("Paragraph {p} of article {n}. ").repeat(6))
                }
            })
            .collect(),
        problems: Vec::new(),
    }
}

fn day(y: i32, m: u32, d: u32) -> Option<Published> {
    NaiveDate::from_ymd_opt(y, m, d).map(Published::day)
}

/// Five articles: two on 2022-01-03, one on 2022-01-02, one known only to January 2022, one
/// from December 2021. Newest first they are 0, 1 (same day, by id), 2, 3, 4.
fn small() -> Vec<Article> {
    vec![
        article(0, day(2022, 1, 3), "Alpha"),
        article(1, day(2022, 1, 3), "Beta"),
        article(2, day(2022, 1, 2), "Alpha"),
        article(3, Published::month(2022, 1), "Beta"),
        article(4, day(2021, 12, 15), "Alpha"),
    ]
}

fn app_with(articles: Vec<Article>, width: u16, height: u16) -> App {
    let catalog = MemoryCatalog::new(articles, Vec::new()).into_shared();
    let mut app = App::new(
        catalog,
        StateSnapshot::default(),
        Config::defaults(true),
        "test".into(),
    );
    app.update(Msg::Resize { width, height });
    app
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn selected_title(app: &App) -> String {
    let entry = app.timeline.selected().expect("a selection");
    app.catalog().row(&entry).expect("a row").title
}

fn persisted(effects: &[Effect]) -> Vec<&StateChange> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Persist(c) => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn moving_walks_the_timeline_newest_first_and_stops_at_the_ends() {
    let mut app = app_with(small(), 80, 24);
    assert_eq!(selected_title(&app), "Article 0");
    send(&mut app, key('j'));
    assert_eq!(selected_title(&app), "Article 1");
    send(&mut app, key('G'));
    assert_eq!(selected_title(&app), "Article 4");
    send(&mut app, key('j'));
    assert_eq!(selected_title(&app), "Article 4");
    send(&mut app, key('g'));
    send(&mut app, key('k'));
    assert_eq!(selected_title(&app), "Article 0");
}

#[test]
fn opening_marks_read_and_persists_it() {
    let mut app = app_with(small(), 80, 24);
    assert_eq!(app.unread, 5);
    let fx = send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.focus, Focus::Reader);
    let id = ArticleId("https://example.org/0".into());
    assert!(persisted(&fx).contains(&&StateChange::Read {
        id: id.clone(),
        read: true
    }));
    assert!(app.marks.read.contains(&id_hash(&id)));
    assert_eq!(app.unread, 4);
    assert_eq!(
        app.reader.article().map(|a| a.title.as_str()),
        Some("Article 0")
    );
    // Opening it again does not persist twice.
    send(&mut app, key('q'));
    let fx = send(&mut app, code(KeyCode::Enter));
    assert!(
        !persisted(&fx)
            .iter()
            .any(|c| matches!(c, StateChange::Read { .. }))
    );
}

#[test]
fn toggles_read_and_star_with_persist_effects() {
    let mut app = app_with(small(), 80, 24);
    let fx = send(&mut app, key('s'));
    let id = ArticleId("https://example.org/0".into());
    assert_eq!(
        persisted(&fx),
        vec![&StateChange::Starred {
            id: id.clone(),
            starred: true
        }]
    );
    let fx = send(&mut app, key('s'));
    assert_eq!(
        persisted(&fx),
        vec![&StateChange::Starred {
            id: id.clone(),
            starred: false
        }]
    );
    let fx = send(&mut app, key('m'));
    assert_eq!(
        persisted(&fx),
        vec![&StateChange::Read {
            id: id.clone(),
            read: true
        }]
    );
    assert_eq!(app.unread, 4);
    send(&mut app, key('m'));
    assert_eq!(app.unread, 5);
}

#[test]
fn filters_show_unread_starred_and_one_source() {
    let mut app = app_with(small(), 80, 24);
    send(&mut app, key('m')); // Article 0 read
    send(&mut app, key('j'));
    send(&mut app, key('s')); // Article 1 starred
    send(&mut app, key('u'));
    assert_eq!(app.timeline.len(), 4);
    assert_eq!(
        selected_title(&app),
        "Article 1",
        "the selection survives filtering"
    );
    send(&mut app, key('u'));
    send(&mut app, key('*'));
    assert_eq!(app.timeline.len(), 1);
    send(&mut app, key('F'));
    assert_eq!(app.timeline.len(), 5);
    // The picker lists "all", then the sources in catalog order: Alpha, Beta.
    send(&mut app, key('f'));
    send(&mut app, key('j'));
    send(&mut app, key('j'));
    send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.timeline.len(), 2, "Beta has two articles");
    let titles: Vec<String> = (0..app.timeline.len())
        .filter_map(|i| app.timeline.entry(i))
        .filter_map(|e| app.catalog().row(&e))
        .map(|r| r.source)
        .collect();
    assert_eq!(titles, ["Beta", "Beta"]);
}

#[test]
fn jumps_to_dates_and_between_groups() {
    let mut app = app_with(small(), 80, 24);
    for c in "d2022-01-02".chars() {
        send(&mut app, key(c));
    }
    send(&mut app, code(KeyCode::Enter));
    assert_eq!(selected_title(&app), "Article 2");
    for c in "d2021-12".chars() {
        send(&mut app, key(c));
    }
    send(&mut app, code(KeyCode::Enter));
    assert_eq!(selected_title(&app), "Article 4");
    // A day with no articles lands on the nearest older one and says so.
    for c in "d2022-01-01".chars() {
        send(&mut app, key(c));
    }
    send(&mut app, code(KeyCode::Enter));
    assert_eq!(selected_title(&app), "Article 3");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("nearest"))
    );
    // Nonsense is refused with an explanation, and the selection stays.
    for c in "d2022-99".chars() {
        send(&mut app, key(c));
    }
    send(&mut app, code(KeyCode::Enter));
    assert_eq!(selected_title(&app), "Article 3");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("not a date"))
    );

    send(&mut app, key('g'));
    send(&mut app, key('}'));
    assert_eq!(selected_title(&app), "Article 2", "next day");
    send(&mut app, key('}'));
    assert_eq!(selected_title(&app), "Article 3", "the month-only group");
    send(&mut app, key('{'));
    assert_eq!(selected_title(&app), "Article 2");
    send(&mut app, key(']'));
    assert_eq!(selected_title(&app), "Article 4", "next month");
    send(&mut app, key('['));
    assert_eq!(
        selected_title(&app),
        "Article 0",
        "at a month's start: the month above"
    );
    send(&mut app, key('j'));
    send(&mut app, key('['));
    assert_eq!(
        selected_title(&app),
        "Article 0",
        "mid-month: the month's start"
    );
}

#[test]
fn sort_flip_keeps_the_selection() {
    let mut app = app_with(small(), 80, 24);
    send(&mut app, key('j'));
    send(&mut app, key('j'));
    send(&mut app, key('r'));
    assert_eq!(selected_title(&app), "Article 2");
    send(&mut app, key('g'));
    assert_eq!(selected_title(&app), "Article 4", "oldest first");
    send(&mut app, key('}'));
    assert_eq!(selected_title(&app), "Article 3");
}

#[test]
fn the_reader_scrolls_and_moves_to_the_next_article() {
    let mut app = app_with(small(), 80, 24);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, key('j'));
    send(&mut app, key('j'));
    assert_eq!(app.reader.scroll(), 2);
    send(
        &mut app,
        KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL).into_msg(),
    );
    assert!(app.reader.scroll() > 2);
    send(&mut app, key('G'));
    assert_eq!(app.reader.percent(), 100);
    let fx = send(&mut app, key('J'));
    assert_eq!(
        app.reader.article().map(|a| a.title.as_str()),
        Some("Article 1")
    );
    assert_eq!(selected_title(&app), "Article 1");
    assert_eq!(app.reader.scroll(), 0);
    let changes = persisted(&fx);
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, StateChange::Position { id, line, .. }
            if id.as_str() == "https://example.org/0" && *line > 0)),
        "leaving an article saves where it was read: {changes:?}"
    );
    assert!(changes.contains(&&StateChange::Read {
        id: ArticleId("https://example.org/1".into()),
        read: true
    }));
    send(&mut app, key('K'));
    assert_eq!(selected_title(&app), "Article 0");
}

#[test]
fn a_saved_position_is_restored() {
    let mut app = app_with(small(), 80, 24);
    let fx = app.update(code(KeyCode::Enter));
    let Some(Effect::Load {
        generation,
        entry,
        catalog,
        ..
    }) = fx.into_iter().find(|e| matches!(e, Effect::Load { .. }))
    else {
        panic!("opening loads the article");
    };
    let width = app.reader.options().width;
    app.update(Msg::Loaded(Box::new(Loaded {
        generation,
        result: catalog.load(&entry),
        position: Some((12, width)),
    })));
    assert_eq!(app.reader.scroll(), 12);
}

#[test]
fn a_late_load_for_an_article_left_is_ignored() {
    let mut app = app_with(small(), 120, 40);
    // Side by side, moving previews each article: two loads, the first answered last.
    let first = app.update(key('j'));
    let second = app.update(key('j'));
    let load = |fx: Vec<Effect>| {
        fx.into_iter()
            .find_map(|e| match e {
                Effect::Load {
                    generation,
                    entry,
                    catalog,
                    ..
                } => Some((generation, entry, catalog)),
                _ => None,
            })
            .expect("a preview load")
    };
    let (g1, e1, c1) = load(first);
    let (g2, e2, c2) = load(second);
    app.update(Msg::Loaded(Box::new(Loaded {
        generation: g2,
        result: c2.load(&e2),
        position: None,
    })));
    app.update(Msg::Loaded(Box::new(Loaded {
        generation: g1,
        result: c1.load(&e1),
        position: None,
    })));
    assert_eq!(
        app.reader.article().map(|a| a.title.as_str()),
        Some("Article 2")
    );
    assert!(
        !app.marks.read.contains(&e2.id_hash),
        "a preview does not mark read"
    );
}

#[test]
fn resizing_keeps_the_selection_and_the_reading_position() {
    let mut app = app_with(small(), 120, 40);
    send(&mut app, key('G'));
    send(&mut app, key('k'));
    send(&mut app, code(KeyCode::Enter));
    for _ in 0..30 {
        send(&mut app, key('j'));
    }
    let line = app
        .reader
        .visible()
        .first()
        .cloned()
        .expect("text on screen");
    send(
        &mut app,
        Msg::Resize {
            width: 60,
            height: 20,
        },
    );
    assert_eq!(selected_title(&app), "Article 3");
    let after = app
        .reader
        .visible()
        .first()
        .cloned()
        .expect("text on screen");
    assert_eq!(after.block, line.block, "the same paragraph stays on top");
    send(
        &mut app,
        Msg::Resize {
            width: 30,
            height: 8,
        },
    );
    send(
        &mut app,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    assert_eq!(selected_title(&app), "Article 3");
}

#[test]
fn a_new_snapshot_keeps_the_selection_by_id() {
    let mut app = app_with(small(), 80, 24);
    send(&mut app, key('j'));
    send(&mut app, key('j'));
    assert_eq!(selected_title(&app), "Article 2");
    // Indexing went on: newer articles arrive, pushing it down the list.
    let mut more = small();
    more.push(article(5, day(2022, 2, 1), "Gamma"));
    more.push(article(6, day(2022, 2, 2), "Gamma"));
    send(
        &mut app,
        Msg::Snapshot(MemoryCatalog::new(more, Vec::new()).into_shared()),
    );
    assert_eq!(selected_title(&app), "Article 2");
    assert_eq!(app.timeline.selected_index(), 4);
    assert_eq!(app.unread, 7);
    // The article vanished: the nearest one by date is selected instead.
    let fewer: Vec<Article> = small()
        .into_iter()
        .filter(|a| a.title != "Article 2")
        .collect();
    send(
        &mut app,
        Msg::Snapshot(MemoryCatalog::new(fewer, Vec::new()).into_shared()),
    );
    assert_eq!(selected_title(&app), "Article 3");
}

#[test]
fn ten_thousand_articles_page_and_jump_correctly() {
    let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let articles: Vec<Article> = (0..10_000)
        .map(|i| {
            let mut a = article(
                i,
                Some(Published::day(start + chrono::Days::new(i as u64 / 3))),
                "S",
            );
            a.paragraphs.clear();
            a
        })
        .collect();
    let mut app = app_with(articles, 80, 24);
    assert_eq!(app.timeline.len(), 10_000);
    send(&mut app, code(KeyCode::PageDown));
    let page = app.timeline.selected_index();
    assert!(page > 5 && page < 24, "a page is about a screen: {page}");
    send(&mut app, key('G'));
    assert_eq!(app.timeline.selected_index(), 9_999);
    assert!(app.timeline.top() > 9_980, "the list scrolled to the end");
    for c in "d2005-06-15".chars() {
        send(&mut app, key(c));
    }
    send(&mut app, code(KeyCode::Enter));
    let entry = app.timeline.selected().unwrap();
    let row = app.catalog().row(&entry).unwrap();
    assert_eq!(
        row.published.map(|p| p.to_string()).as_deref(),
        Some("2005-06-15")
    );
}

#[test]
fn quitting_saves_the_reading_position() {
    let mut app = app_with(small(), 80, 24);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, code(KeyCode::PageDown));
    let fx = send(&mut app, Msg::Quit);
    assert!(app.quitting);
    assert!(
        persisted(&fx)
            .iter()
            .any(|c| matches!(c, StateChange::Position { .. }))
    );
    assert!(fx.iter().any(|e| matches!(e, Effect::Quit)));
}

/// The idle tick (every two seconds while an article is shown) saves a moved position, so a
/// crash loses at most that much scrolling, and does not write again when nothing moved.
#[test]
fn an_idle_reader_saves_its_position_once_it_moved() {
    let mut app = app_with(small(), 80, 24);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, code(KeyCode::PageDown));
    let positions = |fx: &[Effect]| -> Vec<u32> {
        persisted(fx)
            .iter()
            .filter_map(|c| match c {
                StateChange::Position { line, .. } => Some(*line),
                _ => None,
            })
            .collect()
    };
    let first = positions(&send(&mut app, Msg::FileTick));
    assert_eq!(first.len(), 1, "the moved position is saved");
    assert!(first[0] > 0);
    assert!(
        positions(&send(&mut app, Msg::FileTick)).is_empty(),
        "unchanged: no write"
    );
    send(&mut app, code(KeyCode::PageDown));
    let again = positions(&send(&mut app, Msg::FileTick));
    assert!(
        again.len() == 1 && again[0] > first[0],
        "{again:?} after {first:?}"
    );
}

#[test]
fn links_open_and_copy_only_what_is_safe() {
    let mut app = app_with(small(), 80, 24);
    let fx = send(&mut app, key('o'));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::OpenUrl(u) if u == "https://example.org/0"))
    );
    let fx = send(&mut app, key('c'));
    let citation = fx.iter().find_map(|e| match e {
        Effect::Copy(t) => Some(t.clone()),
        _ => None,
    });
    assert_eq!(
        citation.as_deref(),
        Some("Article 0. Alpha, Monday 3 January 2022. https://example.org/0")
    );
    let mut odd = small();
    odd[0].url = Some("file:///etc/passwd".into());
    let mut app = app_with(odd, 80, 24);
    let fx = send(&mut app, key('o'));
    assert!(!fx.iter().any(|e| matches!(e, Effect::OpenUrl(_))));
    assert!(app.status.is_some());
}

trait IntoMsg {
    fn into_msg(self) -> Msg;
}

impl IntoMsg for KeyEvent {
    fn into_msg(self) -> Msg {
        Msg::Key(self)
    }
}

/// A resize drag delivers dozens of sizes, some absurd; the event loop applies them all before
/// one frame. What is drawn must be what a single resize to the last size gives.
#[test]
fn a_burst_of_resizes_settles_like_one_resize() {
    let mut app = app_with(small(), 120, 40);
    send(&mut app, code(KeyCode::Enter));
    for _ in 0..25 {
        send(&mut app, key('j'));
    }
    let top = app.reader.visible().first().map(|l| l.block);
    let mut sizes = vec![(1, 1), (2, 2), (39, 11), (u16::MAX, u16::MAX), (0, 0)];
    sizes.extend((0..100).map(|i| (40 + i, 12 + i / 3)));
    sizes.push((120, 40));
    for (width, height) in sizes {
        app.update(Msg::Resize { width, height });
    }
    let fresh = app_with(small(), 120, 40);
    assert_eq!(app.size, fresh.size);
    assert_eq!(app.panes(), app.layout.panes(fresh.size, Focus::Reader));
    let reader = app.panes().reader.expect("the reader is shown");
    assert_eq!(app.reader.height(), usize::from(reader.height));
    assert!(app.reader.visible().len() <= usize::from(reader.height));
    assert_eq!(
        app.reader.visible().first().map(|l| l.block),
        top,
        "the same paragraph is on top after the burst"
    );
    assert_eq!(selected_title(&app), "Article 0");
}

mod file_watch {
    use std::time::{Duration, SystemTime};

    use chrono::{Local, TimeZone};
    use folio::app::{FileCheck, FileNotice, FileStamp};

    use super::*;

    fn stamp(len: u64, secs: u64) -> Option<FileStamp> {
        Some(FileStamp {
            len,
            modified: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs)),
        })
    }

    fn checked(app: &App, stamp: Option<FileStamp>) -> Msg {
        let at = Local
            .with_ymd_and_hms(2022, 1, 3, 14, 3, 0)
            .single()
            .expect("a valid local time");
        Msg::FileChecked(FileCheck {
            generation: app.reader.generation(),
            stamp,
            at,
        })
    }

    /// An article opened in the reader, with the loader's baseline stamp for its file.
    fn reading() -> App {
        let mut app = app_with(small(), 80, 24);
        send(&mut app, code(KeyCode::Enter));
        let baseline = checked(&app, stamp(100, 1000));
        send(&mut app, baseline);
        app
    }

    fn checks(effects: &[Effect]) -> Vec<(u64, PathBuf)> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::CheckFile { generation, path } => Some((*generation, path.clone())),
                _ => None,
            })
            .collect()
    }

    fn shown_title(app: &App) -> Option<String> {
        app.reader.article().map(|a| a.title.clone())
    }

    #[test]
    fn the_timer_asks_to_check_the_displayed_file_and_nothing_else() {
        let mut app = reading();
        let fx = send(&mut app, Msg::FileTick);
        let path = PathBuf::from("archive/0.txt");
        assert_eq!(checks(&fx), vec![(app.reader.generation(), path.clone())]);
        assert_eq!(app.watched_file(), Some(path));
        // A new snapshot from the store sync is a reason to look too.
        let catalog = MemoryCatalog::new(small(), Vec::new()).into_shared();
        assert_eq!(checks(&send(&mut app, Msg::Snapshot(catalog))).len(), 1);
        // Back on the timeline in a single pane, no article is on screen: no checks.
        send(&mut app, key('q'));
        assert_eq!(app.watched_file(), None);
        assert!(checks(&send(&mut app, Msg::FileTick)).is_empty());
    }

    #[test]
    fn without_a_baseline_nothing_is_watched() {
        let mut app = app_with(small(), 80, 24);
        send(&mut app, code(KeyCode::Enter));
        let gone_when_loaded = checked(&app, None);
        send(&mut app, gone_when_loaded);
        assert!(checks(&send(&mut app, Msg::FileTick)).is_empty());
        let again = checked(&app, None);
        send(&mut app, again);
        assert_eq!(app.file_notice(), None);
    }

    #[test]
    fn a_changed_file_keeps_the_view_with_a_notice_and_r_reloads_in_place() {
        let mut app = reading();
        for _ in 0..12 {
            send(&mut app, key('j'));
        }
        let scroll = app.reader.scroll();
        let height = app.reader.height();
        let unchanged = checked(&app, stamp(100, 1000));
        send(&mut app, unchanged);
        assert_eq!(app.file_notice(), None);
        let rewritten = checked(&app, stamp(100, 1001));
        send(&mut app, rewritten);
        assert_eq!(app.file_notice(), Some(FileNotice::Changed));
        assert_eq!(shown_title(&app).as_deref(), Some("Article 0"));
        assert_eq!(app.reader.scroll(), scroll);
        let text = app.file_notice_text().expect("a notice");
        assert!(
            text.contains("changed on disk") && text.contains("press R"),
            "{text}"
        );
        assert_eq!(app.reader.height(), height - 1, "the notice takes a row");

        let generation = app.reader.generation();
        send(&mut app, key('R'));
        assert!(
            app.reader.generation() > generation,
            "the article is read again"
        );
        assert_eq!(shown_title(&app).as_deref(), Some("Article 0"));
        assert_eq!(app.reader.scroll(), scroll, "the place is kept");
        assert_eq!(app.file_notice(), None);
        assert_eq!(app.reader.height(), height);
    }

    #[test]
    fn a_vanished_file_keeps_the_copy_read_and_says_when() {
        let mut app = reading();
        let gone = checked(&app, None);
        send(&mut app, gone);
        assert!(matches!(app.file_notice(), Some(FileNotice::Gone { .. })));
        let text = app.file_notice_text().expect("a notice");
        assert!(
            text.contains("no longer exists") && text.contains("read at 14:03"),
            "{text}"
        );
        let generation = app.reader.generation();
        let fx = send(&mut app, key('R'));
        let shown = |e: &Effect| matches!(e, Effect::Redraw | Effect::WhenIdle { .. });
        assert!(fx.iter().all(shown), "nothing to do but draw the status");
        assert_eq!(
            app.reader.generation(),
            generation,
            "nothing to reload from"
        );
        assert_eq!(shown_title(&app).as_deref(), Some("Article 0"));
        let status = app.status.as_ref().map(|s| s.text.as_str()).unwrap_or("");
        assert!(status.contains("Nothing to reload"), "{status}");
        // The file comes back as it was: the notice goes.
        let back = checked(&app, stamp(100, 1000));
        send(&mut app, back);
        assert_eq!(app.file_notice(), None);
    }

    #[test]
    fn a_check_for_an_article_left_is_ignored() {
        let mut app = reading();
        let late = checked(&app, None);
        send(&mut app, key('J'));
        assert_eq!(shown_title(&app).as_deref(), Some("Article 1"));
        send(&mut app, late);
        assert_eq!(app.file_notice(), None);
        // Nor does the old article's baseline count for the new one.
        assert!(checks(&send(&mut app, Msg::FileTick)).is_empty());
    }
}
