//! Snippets under search results (`i`) show the hit in the body when the lede has none. The
//! bodies are read off the UI thread, for the rows on screen only, and arrive as messages.

use folio::app::timeline::ListLine;
use folio::app::{App, Effect, Msg, SnippetRequest};

mod support;
use support::app::{key, open};
use support::archive::{self, Archive};
use support::articles::{article, day};
use support::drive::{read_snippets, send};
use support::screen::rows as screen;
use support::search::search;

/// Forty articles that say "needle" deep in their body; article 26 (the second newest) also
/// in its lede. On disk, indexed, so that searches are the real engine's.
fn app() -> (App, Archive) {
    let articles = (0..40)
        .map(|n| {
            let mut a = article(n, day(2022, 3, 1 + (n as u32 % 28)), "Wire", "Hay.");
            if let Some(folio::article::Paragraph::Text(t)) = a.paragraphs.get_mut(9) {
                t.push_str(&format!(" The needle of article {n} lies here."));
            }
            if n == 26 {
                a.lede = "A lede that names the needle.".into();
            }
            a
        })
        .collect::<Vec<_>>();
    let archive = archive::of(&articles);
    (open(archive.catalog(), 100, 20), archive)
}

fn requests(effects: Vec<Effect>) -> Vec<SnippetRequest> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Snippets(r) => Some(*r),
            _ => None,
        })
        .collect()
}

fn visible_results(app: &App) -> Vec<u64> {
    let height = usize::from(app.panes().list.expect("a list").height);
    app.timeline
        .visible(height)
        .into_iter()
        .filter_map(|l| match l {
            ListLine::Snippet(i) => app.timeline.entry(i).map(|e| e.id_hash),
            _ => None,
        })
        .collect()
}

#[test]
fn snippets_show_the_body_hit_of_the_rows_on_screen_only() {
    let (mut app, archive) = app();
    search(&mut app, &archive.store, "needle");
    assert_eq!(app.timeline.len(), 40, "every article says needle");
    let asked = requests(app.update(key('i')));
    assert_eq!(asked.len(), 1);
    let ids: Vec<u64> = asked[0].entries.iter().map(|e| e.id_hash).collect();
    let on_screen = visible_results(&app);
    assert!(
        ids.len() < 40 && !ids.is_empty(),
        "{} rows asked",
        ids.len()
    );
    assert!(
        ids.iter().all(|id| on_screen.contains(id)),
        "only rows on screen"
    );
    // Before the bodies arrive, the lede stands in; nothing is read while drawing.
    let before = screen(&app).join("\n");
    assert!(!before.contains("The needle of article"), "{before}");
    send(&mut app, read_snippets(&asked[0]));
    let after = screen(&app).join("\n");
    assert!(after.contains("The needle of article 27"), "{after}");
    assert!(
        after.contains("names the needle."),
        "the lede's own hit: {after}"
    );
    // Drawing again asks for nothing more; scrolling asks only for the rows that came up.
    assert!(
        requests(app.update(Msg::Resize {
            width: 100,
            height: 20
        }))
        .is_empty()
    );
    let mut more = Vec::new();
    for _ in 0..12 {
        more.extend(requests(app.update(key('j'))));
    }
    let new_ids: Vec<u64> = more
        .iter()
        .flat_map(|r| r.entries.iter().map(|e| e.id_hash))
        .collect();
    assert!(!new_ids.is_empty());
    assert!(
        new_ids.iter().all(|id| !ids.contains(id)),
        "each row is read once"
    );
}

#[test]
fn an_answer_for_an_older_query_is_dropped() {
    let (mut app, archive) = app();
    search(&mut app, &archive.store, "needle");
    assert_eq!(app.timeline.len(), 40, "every article says needle");
    let asked = requests(app.update(key('i')));
    let late = read_snippets(&asked[0]);
    search(&mut app, &archive.store, "hay");
    assert_eq!(app.timeline.len(), 40, "every article says hay");
    let first = app.timeline.entry(0).expect("a result");
    // The driver reads the new query's snippets at once: the first paragraph's hay.
    let own = app.snippets.body(first.id_hash).map(str::to_string);
    assert!(
        own.as_deref()
            .is_some_and(|s| s.contains("Hay.") && !s.contains("needle")),
        "{own:?}"
    );
    send(&mut app, late);
    assert_eq!(
        app.snippets.body(first.id_hash),
        own.as_deref(),
        "the answer for needle changed nothing"
    );
}
