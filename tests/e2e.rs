//! End to end: the real `folio` binary in a pseudo-terminal, its screen read back with vt100.
//! Set `FOLIO_E2E_TIMEOUT_MS` to wait longer on a slow machine (default 10 s).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod support;
use support::archive::seed_text;
use support::pty::folio::{Folio, timeout};
use support::pty::reading::{row_of, row_text, selected_row};

const SEED_TITLE: &str = "Poutine et Erdogan discutent";

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// Jumps the timeline to the seed article's day (the demo archive has newer articles above
/// it) and waits until its title is on screen. The first index build may still be filling
/// the timeline when the jump is typed, so it is typed again until it lands.
fn go_to_seed(folio: &mut Folio) {
    let deadline = Instant::now() + timeout();
    while Instant::now() < deadline {
        folio.keys("d");
        folio.keys("2022-01-02\r");
        let settle = Instant::now() + Duration::from_millis(500);
        while Instant::now() < settle {
            if folio.contents().contains(SEED_TITLE) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    panic!(
        "the seed article never showed; the screen shows:\n{}",
        folio.contents()
    );
}

/// A small archive in the seed format: the seed and two more articles on other days.
fn archive(root: &Path) -> PathBuf {
    let dir = root.join("archive");
    std::fs::create_dir_all(&dir).expect("the archive folder");
    std::fs::copy(
        seeds().join("000_e1ce88859cf142a7.txt"),
        dir.join("seed.txt"),
    )
    .expect("the seed is copied");
    for (n, day) in [(1, "05"), (2, "09")] {
        let text = seed_text(
            "2022-01",
            &format!("https://fr.sputniknews.com/202201{day}/article-{n}.html"),
            &format!("Second titre numéro {n}"),
            &format!("Un chapeau court... {day}.01.2022, Sputnik France"),
            "Un corps de texte.Avec deux phrases.",
        );
        std::fs::write(dir.join(format!("{n}.txt")), text).expect("the article is written");
    }
    dir
}

#[test]
fn opens_reads_and_quits_leaving_the_terminal_as_it_was() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let mut folio = Folio::start(&seeds(), tmp.path());
    go_to_seed(&mut folio);
    folio.keys("\r");
    folio.wait_for("words");
    folio.keys("q");
    folio.wait_screen("the timeline again", |s| !s.contents().contains("words"));
    folio.keys("q");
    folio.wait_exit();
    let screen = folio.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is visible again");
    let bytes = folio.bytes();
    let tail = String::from_utf8_lossy(&bytes);
    assert!(
        tail.contains("\x1b[?1049l"),
        "the alternate screen was left"
    );
    assert!(tail.contains("\x1b[?1000l"), "mouse capture was turned off");
}

#[test]
fn j_and_k_move_the_selection() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let mut folio = Folio::start(&archive(tmp.path()), tmp.path());
    folio.wait_for("Second titre numéro 2");
    folio.wait_screen("a selected row", |s| selected_row(s).is_some());
    let first = selected_row(&folio.screen());
    folio.keys("j");
    folio.wait_screen("the selection to move down", |s| selected_row(s) > first);
    folio.keys("k");
    folio.wait_screen("the selection to move back up", |s| {
        selected_row(s) == first
    });
    folio.keys("q");
    folio.wait_exit();
}

/// The first open of an archive whose files, in path order, run from old to new (as
/// Reuters-21578's do): the index commits a few times while it walks them, each commit adding
/// newer articles above the ones shown, and the selection stays on the newest, at the top.
#[test]
fn a_cold_open_stays_on_the_newest_article_while_the_first_index_fills() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let dir = tmp.path().join("walk");
    std::fs::create_dir_all(&dir).unwrap();
    const FILES: usize = 1500;
    for n in 0..FILES {
        let (month, day) = (1 + n * 12 / FILES, 1 + n % 28);
        let text = format!(
            " date 2021-{month:02} https://wire.example/2021{month:02}{day:02}/d-{n}.html\n\n\
             Dépêche {n:04}\n\n\
             Un chapeau court... {day:02}.{month:02}.2021, Example Wire\n\n\
             Un corps de texte.Avec deux phrases.\n"
        );
        std::fs::write(dir.join(format!("{n:04}.txt")), text).unwrap();
    }
    let mut folio = Folio::start(&dir, tmp.path());
    folio.wait_screen("the whole archive indexed", |s| {
        let text = s.contents();
        text.contains(&format!("{FILES} articles")) && !text.contains("indexing")
    });
    let screen = folio.screen();
    assert!(
        screen.contents().contains("2021-12-28 Dépêche"),
        "{}",
        screen.contents()
    );
    assert_eq!(
        selected_row(&screen),
        row_of(&screen, "Dépêche"),
        "the first row, the newest article, is selected:\n{}",
        screen.contents()
    );
    folio.keys("q");
    folio.wait_exit();
}

/// Depends on the real parser splitting the seed's glued body into paragraphs.
#[test]
fn the_reader_shows_the_seed_sub_headings_on_their_own_lines() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let mut folio = Folio::start(&seeds(), tmp.path());
    go_to_seed(&mut folio);
    folio.keys("\r");
    let own_line = |heading: &'static str| {
        move |s: &vt100::Screen| s.rows(0, s.size().1).any(|r| r.trim() == heading)
    };
    folio.wait_screen(
        "the first sub-heading",
        own_line("Deuxième entretien des Présidents en un mois"),
    );
    folio.keys(" ");
    folio.wait_screen(
        "the second sub-heading",
        own_line("Propositions de Moscou à l’Otan"),
    );
    folio.keys("qq");
    folio.wait_exit();
}

/// Needs the SQLite reading state.
#[test]
fn the_read_mark_survives_a_restart() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let unread_mark = |folio: &Folio| {
        let screen = folio.screen();
        let row = row_of(&screen, "Poutine").expect("the seed row");
        let text = row_text(&screen, row);
        text.contains('•')
    };
    let mut folio = Folio::start(&seeds(), tmp.path());
    go_to_seed(&mut folio);
    assert!(unread_mark(&folio), "a new article is unread");
    folio.keys("\r");
    folio.wait_for("words");
    folio.keys("qq");
    folio.wait_exit();
    drop(folio);

    let mut folio = Folio::start(&seeds(), tmp.path());
    go_to_seed(&mut folio);
    assert!(
        !unread_mark(&folio),
        "the article is still read after a restart"
    );
    folio.keys("q");
    folio.wait_exit();
}

/// The columns of row `row` whose cells are underlined (the search highlight under NO_COLOR).
fn underlined(screen: &vt100::Screen, row: u16) -> String {
    (0..screen.size().1)
        .filter_map(|c| screen.cell(row, c))
        .filter(|cell| cell.underline())
        .map(|cell| cell.contents().to_string())
        .collect()
}

#[test]
fn searching_highlights_walks_hits_and_esc_returns() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let mut folio = Folio::start(&seeds(), tmp.path());
    folio.wait_for("Le pont de Kessel rouvert");
    folio.keys("/erdo");
    folio.wait_for("1 match");
    folio.wait_screen("the seed title with Erdogan marked", |s| {
        row_of(s, SEED_TITLE).is_some_and(|r| underlined(s, r).contains("Erdogan"))
    });
    // Enter moves to the results, n opens the article at its first hit.
    folio.keys("\r");
    folio.keys("n");
    folio.wait_screen("a hit in the reader", |s| {
        s.contents().contains("words")
            && (0..s.size().0).any(|r| {
                let marked = underlined(s, r);
                marked.contains("Erdogan") || marked.contains("Erdoğan")
            })
    });
    // The current hit is drawn in reverse video on top of the highlight.
    let current = |s: &vt100::Screen| {
        let (rows, cols) = s.size();
        (0..rows).find(|&r| {
            (0..cols).any(|c| s.cell(r, c).is_some_and(|x| x.underline() && x.inverse()))
        })
    };
    folio.wait_screen("the current hit", |s| current(s).is_some());
    let first_hit = current(&folio.screen());
    folio.keys("n");
    folio.wait_screen("the next hit", |s| {
        current(s).is_some() && current(s) != first_hit
    });
    // Esc leaves the reader, Esc again closes the search: every article is back.
    folio.keys("\x1b");
    std::thread::sleep(Duration::from_millis(100));
    folio.keys("\x1b");
    folio.wait_screen("the whole timeline", |s| {
        s.contents().contains("Le pont de Kessel rouvert") && !s.contents().contains("1 match")
    });
    folio.keys("q");
    folio.wait_exit();
}

/// `o` hands the URL to the first command of `$BROWSER` that starts (as one argument, no
/// shell), and nothing the browser prints reaches folio's screen.
#[test]
fn o_opens_the_url_with_the_browser_variable() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let opened = tmp.path().join("opened");
    let script = tmp.path().join("browser");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho BROWSERNOISE; echo BROWSERNOISE >&2\nprintf '%s\\n' \"$@\" > '{}'\n",
            opened.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let var = format!("/nonexistent/browser:{} %s", script.display());
    let mut folio = Folio::start_with(
        &archive(tmp.path()),
        tmp.path(),
        &[("BROWSER", var.as_str())],
    );
    folio.wait_for("Second titre numéro 2");
    folio.wait_screen("a selected row", |s| selected_row(s).is_some());
    folio.keys("o");
    let deadline = Instant::now() + timeout();
    let mut seen = String::new();
    while Instant::now() < deadline && !seen.ends_with('\n') {
        seen = std::fs::read_to_string(&opened).unwrap_or_default();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(seen, "https://fr.sputniknews.com/20220109/article-2.html\n");
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        !folio.contents().contains("BROWSERNOISE"),
        "{}",
        folio.contents()
    );
    folio.keys("q");
    folio.wait_exit();
}

/// Khmer's spacing vowel signs and subscript consonants take the columns the terminal gives
/// them: the real binary draws a Khmer title and body with every vowel sign in place and the
/// text after them in its column (vt100 measures code points, as glibc's `wcwidth` does).
#[test]
fn khmer_vowel_signs_survive_on_a_real_terminal() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let dir = tmp.path().join("khmer");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("km.txt"),
        " date 2024-09 https://km.example.org/20240920/phnom-penh.html\n\n\
         ភ្នំពេញ រាជធានីភ្នំ news\n\n\
         ព្រះរាជាណាចក្រកម្ពុជា... 20.09.2024, Khmer Daily\n\n\
         ភ្នំពេញ រាជធានី នៃ ព្រះរាជាណាចក្រកម្ពុជា end.\n",
    )
    .unwrap();
    let mut folio = Folio::start(&dir, tmp.path());
    folio.wait_for("news");
    let title = "ភ្នំពេញ រាជធានីភ្នំ news";
    let screen = folio.contents();
    assert!(
        screen.contains(title),
        "the title whole in the timeline:\n{screen}"
    );
    folio.keys("\r");
    folio.wait_for("end.");
    let screen = folio.contents();
    assert!(
        screen.contains(title),
        "the title whole in the reader:\n{screen}"
    );
    assert!(
        screen.contains("ភ្នំពេញ រាជធានី នៃ ព្រះរាជាណាចក្រកម្ពុជា end."),
        "the body whole:\n{screen}"
    );
    folio.keys("q");
    folio.keys("q");
    folio.wait_exit();
}
