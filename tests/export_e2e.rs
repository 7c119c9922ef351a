//! One export round trip in the real binary, in a pseudo-terminal: `E`, a file name, Enter,
//! and the file read back. Set `FOLIO_E2E_TIMEOUT_MS` to wait longer on a slow machine.

mod support;
use support::archive::seed_text;
use support::pty::folio::Folio;

#[test]
fn the_export_key_writes_the_results_to_the_named_file() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let archive = tmp.path().join("archive");
    std::fs::create_dir_all(&archive).expect("the archive folder");
    for (n, day) in [(1, "05"), (2, "09"), (3, "12")] {
        let text = seed_text(
            "2022-01",
            &format!("https://wire.example/202201{day}/report-{n}.html"),
            &format!("=Grain report {n}"),
            &format!("A short lede... {day}.01.2022, Example Wire"),
            "A body of text.With two sentences.",
        );
        std::fs::write(archive.join(format!("{n}.txt")), text).expect("the article is written");
    }
    let out = tmp.path().join("exports").join("grain.csv");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();

    let mut folio = Folio::start(&archive, tmp.path());
    folio.wait_for("=Grain report 3");
    folio.keys("E");
    folio.wait_for("Export all 3 articles to: folio-export-");
    // Ctrl-U clears the name offered.
    folio.keys("\x15");
    folio.keys(out.to_str().expect("a UTF-8 path"));
    folio.keys("\r");
    folio.wait_for("Exported 3 articles to");
    // Marked rows are what is exported then: the newest and the oldest.
    let marked = tmp.path().join("exports").join("marked.csv");
    folio.keys("xjx");
    folio.keys("E");
    folio.wait_for("Export 2 marked articles to: folio-export-");
    folio.keys("\x15");
    folio.keys(marked.to_str().expect("a UTF-8 path"));
    folio.keys("\r");
    folio.wait_for("Exported 2 articles to");
    folio.keys("q");
    folio.wait_exit();
    let mut reader = csv::Reader::from_path(&marked).expect("the file was written");
    let titles: Vec<String> = reader
        .records()
        .map(|r| r.expect("a record")[3].to_string())
        .collect();
    assert_eq!(titles, ["'=Grain report 3", "'=Grain report 1"]);

    let mut reader = csv::Reader::from_path(&out).expect("the file was written");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    let titles: Vec<&str> = rows.iter().map(|r| &r[3]).collect();
    assert_eq!(
        titles,
        ["'=Grain report 3", "'=Grain report 2", "'=Grain report 1"],
        "newest first, formulas made inert"
    );
    assert_eq!(&rows[0][1], "2022-01-12");
    assert_eq!(&rows[0][4], "https://wire.example/20220112/report-3.html");
}
