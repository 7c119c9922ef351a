//! `folio kwic` and `folio counts` over a small archive: one line per hit, in every script
//! folio searches, safe to print and to open in a spreadsheet; counts per period that add up
//! to `folio search --count`.

use folio::width::columns;

mod support;

use support::archive::Folder;
use support::cli::{json_lines, stdout};

/// Latin, Chinese and Japanese articles over three months, one known only to its month, and
/// one whose body tries to take over a terminal and a spreadsheet.
fn archive() -> Folder {
    let archive = Folder::new();
    archive.write_seed(
        "fr/garanties.txt",
        "2022-01",
        "https://fr.example/20220102/garanties.html",
        "Poutine et Erdogan discutent des garanties de sécurité",
        "Les deux présidents ont parlé au téléphone... 02.01.2022, Journal Exemple",
        "Les garanties de sécurité demandées par Moscou restent au centre. Erdogan a proposé \
         des garanties juridiques, puis d'autres garanties de sécurité pour la mer Noire.",
    );
    archive.write_seed(
        "fr/otan.txt",
        "2022-01",
        "https://fr.example/20220115/otan.html",
        "L'Otan répond à Moscou",
        "Le secrétaire général a répondu... 15.01.2022, Journal Exemple",
        "L'Otan refuse de donner des garanties. Erdogan appelle au dialogue avec l'Otan.",
    );
    archive.write_seed(
        "fr/mois.txt",
        "2022-02",
        "https://fr.example/mois.html",
        "Le point du mois",
        "Un mois de diplomatie, Journal Exemple",
        "En février, Erdogan a encore parlé des garanties de sécurité.",
    );
    archive.write_seed(
        "zh/bridge.txt",
        "2022-03",
        "https://zh.example/20220310/bridge.html",
        "海峡大桥建设进展顺利",
        "记者从工地获悉... 10.03.2022, 湖畔日报",
        "海峡大桥的主塔已经完工。工程师说，海峡大桥将在明年通车。",
    );
    archive.write_seed(
        "ja/cable.txt",
        "2022-03",
        "https://ja.example/20220320/cable.html",
        "水原製鋼のケーブル、ケッセル海峡大橋を支える",
        "湖畔市に本社を置く水原製鋼... 20.03.2022, 湖畔新聞",
        "水原製鋼が製造した斜張ケーブルが、ケッセル海峡大橋を支えている。技術者たちは海峡大橋の完成を喜んだ。",
    );
    archive.write_seed(
        "hostile.txt",
        "2022-03",
        "https://evil.example/20220321/x.html",
        "Ordinary title",
        "Nothing to see... 21.03.2022, Evil Wire",
        "=HYPERLINK(\"http://evil\") garanties \u{1b}]52;c;aGk=\u{7}\u{1b}[2J here\u{9b}31m now",
    );
    archive
}

fn kwic(archive: &Folder, args: &[&str]) -> String {
    let mut all = vec!["kwic"];
    all.extend_from_slice(args);
    stdout(&mut archive.folio(&all))
}

/// The column where the hit starts on each text line of `folio kwic ARGS`: the text line
/// ends with the hit and the words after it, which `--json` gives.
fn hit_columns(archive: &Folder, args: &[&str]) -> Vec<usize> {
    let text = kwic(archive, args);
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let objects = json_lines(&kwic(archive, &json_args));
    assert_eq!(text.lines().count(), objects.len());
    text.lines()
        .zip(&objects)
        .map(|(line, o)| {
            let end = format!(
                "{}{}",
                o["hit"].as_str().unwrap(),
                o["right"].as_str().unwrap()
            );
            let start = line
                .strip_suffix(&end)
                .unwrap_or_else(|| panic!("{end} ends {line}"));
            columns(start)
        })
        .collect()
}

#[test]
fn one_line_per_hit_with_the_hits_in_one_column() {
    let archive = archive();
    let out = kwic(&archive, &["garanties"]);
    // Title 1 + body 3; body 1; body 1; hostile 1.
    assert_eq!(out.lines().count(), 7, "{out}");
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("2022-03-21  Evil Wire"), "{out}");
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("2022-01-02  Journal Exemple"),
        "newest first: {out}"
    );
    let columns = hit_columns(&archive, &["garanties"]);
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "{columns:?}\n{out}"
    );
}

#[test]
fn a_phrase_is_one_hit_in_latin_and_cjk_text() {
    let archive = archive();
    let out = kwic(&archive, &["\"garanties de sécurité\""]);
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(
        out.lines().all(|l| l.contains("garanties de sécurité")),
        "{out}"
    );
    let out = kwic(&archive, &["海峡大", "--window", "3"]);
    // Chinese: title 1, body 2; Japanese: title 1, body 2 (大橋 starts with the same 大).
    assert_eq!(out.lines().count(), 6, "{out}");
    let columns = hit_columns(&archive, &["海峡大", "--window", "3"]);
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "{columns:?}\n{out}"
    );
    assert!(
        out.contains("…ッセル海峡大橋を支…"),
        "three characters either side: {out}"
    );
    let out = kwic(&archive, &["\"海峡大橋を支\""]);
    assert_eq!(out.lines().count(), 2, "a Japanese phrase: {out}");
}

#[test]
fn prefixes_and_alternatives_each_give_their_hits() {
    let archive = archive();
    let out = kwic(&archive, &["erdo"]);
    assert_eq!(out.lines().count(), 4, "{out}");
    let out = kwic(&archive, &["otan OR moscou"]);
    // L'Otan twice (title, body twice), Moscou in two bodies and a title.
    let hits: Vec<String> = json_lines(&kwic(&archive, &["otan OR moscou", "--json"]))
        .iter()
        .map(|o| o["hit"].as_str().unwrap().to_lowercase())
        .collect();
    assert_eq!(hits.len(), out.lines().count());
    assert_eq!(hits.iter().filter(|h| *h == "otan").count(), 3, "{hits:?}");
    assert_eq!(
        hits.iter().filter(|h| *h == "moscou").count(),
        2,
        "{hits:?}"
    );
}

#[test]
fn json_lines_say_where_each_hit_is() {
    let archive = archive();
    let objects = json_lines(&kwic(&archive, &["juridiques", "--json", "--window", "2"]));
    assert_eq!(objects.len(), 1);
    let o = &objects[0];
    assert_eq!(o["date"], "2022-01-02");
    assert_eq!(o["source"], "Journal Exemple");
    assert_eq!(o["part"], "body");
    assert_eq!(o["paragraph"], 0);
    assert_eq!(o["left"], "…des garanties ");
    assert_eq!(o["hit"], "juridiques");
    assert_eq!(o["right"], ", puis d'autres…");
    assert!(o["path"].as_str().unwrap().ends_with("garanties.txt"));
    assert_eq!(o["id"], "https://fr.example/20220102/garanties.html");
    let month = json_lines(&kwic(&archive, &["février", "--json"]));
    assert_eq!(month[0]["date"], "2022-02", "a month-only date stays one");
}

#[test]
fn sorting_by_the_word_after_and_before() {
    let archive = archive();
    let after: Vec<String> =
        json_lines(&kwic(&archive, &["garanties", "--json", "--sort", "after"]))
            .iter()
            .map(|o| o["right"].as_str().unwrap().to_string())
            .collect();
    let firsts: Vec<String> = after
        .iter()
        .map(|r| {
            folio::index::tokenizer::terms(r)
                .into_iter()
                .next()
                .unwrap_or_default()
        })
        .collect();
    let mut sorted = firsts.clone();
    sorted.sort();
    assert_eq!(firsts, sorted, "{after:?}");
    let before: Vec<String> = json_lines(&kwic(
        &archive,
        &["garanties", "--json", "--sort", "before"],
    ))
    .iter()
    .map(|o| {
        let left = o["left"].as_str().unwrap();
        folio::index::tokenizer::terms(left)
            .pop()
            .unwrap_or_default()
    })
    .collect();
    let mut sorted = before.clone();
    sorted.sort();
    assert_eq!(before, sorted);
}

#[test]
fn hostile_text_is_neither_obeyed_nor_run_as_a_formula() {
    let archive = archive();
    for format in [&[][..], &["--json"][..], &["--csv"][..]] {
        let mut args = vec!["garanties"];
        args.extend_from_slice(format);
        let out = kwic(&archive, &args);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{7}'),
            "{out:?}"
        );
    }
    let csv = kwic(&archive, &["hyperlink", "--csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "date",
            "source",
            "id",
            "path",
            "url",
            "title",
            "part",
            "paragraph",
            "offset",
            "left",
            "hit",
            "right"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1, "{csv}");
    // The text starts with `=`: the left cell would be a formula.
    assert_eq!(&records[0][9], "'=", "{csv}");
    assert_eq!(&records[0][10], "HYPERLINK", "{csv}");
    assert!(
        records[0][11].starts_with("(\"http://evil\")"),
        "quotes survive CSV quoting: {csv}"
    );
}

#[test]
fn no_hit_exits_1_and_a_filter_alone_is_refused() {
    let archive = archive();
    archive
        .folio(&["kwic", "zzzzunknown"])
        .assert()
        .code(1)
        .stdout("");
    let out = archive.folio(&["kwic", "source:evil"]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("no words to show in context"), "{err}");
}

fn count(archive: &Folder, query: &str) -> u64 {
    stdout(&mut archive.folio(&["search", query, "--count"]))
        .trim()
        .parse()
        .expect("a number")
}

#[test]
fn counts_add_up_to_each_querys_count_by_every_period() {
    let archive = archive();
    let queries = [
        "garanties",
        "erdogan",
        "海峡",
        "\"garanties de sécurité\"",
        "date:2022-03",
    ];
    let wanted: Vec<u64> = queries.iter().map(|q| count(&archive, q)).collect();
    assert_eq!(wanted, [4, 3, 2, 2, 3]);
    for by in ["day", "week", "month", "year"] {
        let mut args = vec!["counts"];
        args.extend(queries);
        args.extend(["--by", by, "--json"]);
        let rows = json_lines(&stdout(&mut archive.folio(&args)));
        for (i, want) in wanted.iter().enumerate() {
            let sum: u64 = rows
                .iter()
                .map(|r| r["queries"][i]["count"].as_u64().unwrap())
                .sum();
            assert_eq!(sum, *want, "{} by {by}", queries[i]);
        }
        let total: u64 = rows.iter().map(|r| r["total"].as_u64().unwrap()).sum();
        assert_eq!(total, 6, "by {by}");
        for row in &rows {
            let total = row["total"].as_u64().unwrap();
            for q in row["queries"].as_array().unwrap() {
                let (n, ratio) = (q["count"].as_u64().unwrap(), &q["ratio"]);
                match total {
                    0 => assert!(ratio.is_null()),
                    _ => assert!((ratio.as_f64().unwrap() - n as f64 / total as f64).abs() < 1e-9),
                }
            }
        }
    }
}

#[test]
fn counts_by_day_give_month_only_articles_their_own_row() {
    let archive = archive();
    let out = stdout(&mut archive.folio(&["counts", "erdogan", "--by", "day", "--csv"]));
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["period", "from", "to", "total", "erdogan", "erdogan ratio"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |period: &str| -> Vec<String> {
        let r = rows
            .iter()
            .find(|r| &r[0] == period)
            .unwrap_or_else(|| panic!("{period}: {out}"));
        r.iter().map(str::to_string).collect()
    };
    assert_eq!(row("2022-02")[1..5], ["2022-02-01", "2022-02-28", "1", "1"]);
    assert_eq!(row("2022-01-02")[3..6], ["1", "1", "1.000000"]);
    assert_eq!(
        row("2022-01-03")[3..6],
        ["0", "0", ""],
        "empty days are rows: {out}"
    );
    assert_eq!(
        rows.first().map(|r| r[0].to_string()),
        Some("2022-01-02".into())
    );
    assert_eq!(
        rows.last().map(|r| r[0].to_string()),
        Some("2022-03-21".into())
    );
    // The month-only row comes before the first of February.
    let feb = rows.iter().position(|r| &r[0] == "2022-02").unwrap();
    assert_eq!(&rows[feb + 1][0], "2022-02-01");
}

#[test]
fn counts_print_a_table_for_people() {
    let archive = archive();
    let out = stdout(&mut archive.folio(&["counts", "garanties", "海峡", "--by", "month"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].starts_with("period")
            && lines[0].contains("garanties")
            && lines[0].ends_with("海峡"),
        "{out}"
    );
    assert!(lines[1].starts_with("2022-01"), "{out}");
    assert!(lines[1].contains("2 100.0%"), "{out}");
    assert!(lines[3].starts_with("2022-03"), "{out}");
    assert!(lines[3].contains("2  66.7%"), "{out}");
    let widths: Vec<usize> = lines.iter().map(|l| columns(l)).collect();
    assert!(
        widths.windows(2).all(|w| w[0] == w[1]),
        "aligned: {widths:?}\n{out}"
    );
}
