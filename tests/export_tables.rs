//! `treaty-tui export --format csv` and `--format jsonl`: a row per clause, read back as R,
//! pandas and a CSV reader would read it.

use std::process::Command;

use treaty_tui::cli::export::{COLUMNS, Format, export};
use treaty_tui::model::Corpus;
use treaty_tui::read::load::{bundled, load_file, load_str};

fn real_structures() -> Corpus {
    load_file(std::path::Path::new("tests/fixtures/valid/real_structures.ron")).unwrap()
}

/// The rows of a CSV, read back with the `csv` crate, each a map of column to field; and its
/// header.
fn read_csv(text: &str) -> (Vec<String>, Vec<std::collections::HashMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.deserialize().map(|row| row.expect("every row reads back")).collect();
    (header, rows)
}

fn read_jsonl(text: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
    text.lines().map(|line| serde_json::from_str(line).expect("every line is a JSON object")).collect()
}

fn clauses(corpus: &Corpus) -> usize {
    corpus.entries.iter().map(|e| e.clauses.len()).sum()
}

#[test]
fn the_bundled_corpus_as_csv_has_a_row_per_clause_with_its_treaty_and_citation() {
    let out = Command::new(env!("CARGO_BIN_EXE_treaty-tui")).args(["export", "--format", "csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let (header, rows) = read_csv(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(header, COLUMNS);
    assert_eq!(rows.len(), clauses(&bundled().unwrap()));
    let bases = rows.iter().find(|r| r["address"] == "treaty#3").expect("Article 3 has its row");
    assert_eq!(
        (&*bases["entry"], &*bases["part_kind"], &*bases["label"], &*bases["heading"]),
        ("treaty", "article", "3", "Bases")
    );
    assert_eq!((&*bases["signed"], &*bases["precision"], &*bases["approximate"]), ("1939-10-05", "day", "false"));
    assert_eq!(
        (&*bases["parties"], &*bases["signed_at"], &*bases["in_force"]),
        ("latvia; soviet-union", "Moscow", "1939-10-11")
    );
    assert!(bases["text"].contains("Liepāja"), "{}", bases["text"]);
    let words: usize = bases["text"].split_whitespace().count();
    assert_eq!(bases["words"], words.to_string());
    assert!(
        bases["citation"].starts_with("“Soviet–Latvian Mutual Assistance Treaty”, Article 3 (Bases), 5 October 1939")
    );
    assert!(bases["citation"].ends_with("treaty-tui: treaty#3"));
    // The bundled corpus tells the articles in its own words, and every row says so.
    assert!(rows.iter().all(|r| r["text_is"] == "summary"));
    assert_eq!(
        (&*bases["series"], &*bases["series_volume"], &*bases["series_page"]),
        ("League of Nations Treaty Series", "198", "385")
    );
    let preamble = &rows[0];
    assert_eq!(
        (&*preamble["part"], &*preamble["part_kind"], &*preamble["address"]),
        ("1", "preamble", "treaty#preamble")
    );
}

#[test]
fn chapters_labels_list_items_and_language_versions_reach_the_table() {
    let corpus = real_structures();
    let (_, rows) = read_csv(&export(&corpus, Format::Csv));
    let lines = read_jsonl(&export(&corpus, Format::Jsonl));
    assert_eq!((rows.len(), lines.len()), (clauses(&corpus), clauses(&corpus)));
    let row = |address: &str| rows.iter().find(|r| r["address"] == address).unwrap_or_else(|| panic!("{address}"));
    let line = |address: &str| lines.iter().find(|r| r["address"] == address).unwrap_or_else(|| panic!("{address}"));

    let definitions = row("tpp#1.3");
    assert_eq!(
        definitions["chapters"],
        "Chapter 1 — Initial Provisions and General Definitions › Section B — General Definitions"
    );
    assert_eq!(definitions["chapter_labels"], "1/B");
    assert_eq!(
        definitions["text"],
        "Placeholder: for this Agreement, unless otherwise set out:\n\n(a) the first term means one thing;\n\n(b) the second term means another."
    );
    let json = line("tpp#1.3");
    assert_eq!(json["text"].as_array().map(Vec::len), Some(3), "a paragraph a string");
    assert_eq!(json["chapter_labels"], serde_json::json!(["1", "B"]));
    assert_eq!(json["parties"], serde_json::json!([]));

    let authentic = row("tpp#30.8");
    assert_eq!((&*authentic["label"], &*authentic["chapter_labels"]), ("30.8", "30"));
    assert_eq!((&*authentic["language"], &*authentic["signed_at"]), ("en", "Auckland"));
    let spanish = row("tpp-es#30.8");
    assert_eq!((&*spanish["translation_of"], &*spanish["language"]), ("tpp", "es"));
    assert_eq!(spanish["chapters"], "Capítulo 30 — Disposiciones Finales");
    let aggression = row("rome-statute#8 bis");
    assert_eq!((&*aggression["label"], &*aggression["heading"]), ("8 bis", "Crime of aggression"));
    assert_eq!(line("rome-statute#8 bis")["part"], 9 + 1, "its place among the statute's parts, the preamble first");
}

#[test]
fn every_jsonl_line_has_the_csv_columns_as_its_keys() {
    let lines = read_jsonl(&export(&bundled().unwrap(), Format::Jsonl));
    assert!(!lines.is_empty());
    for line in &lines {
        let mut keys: Vec<&str> = line.keys().map(String::as_str).collect();
        let mut columns = COLUMNS.to_vec();
        keys.sort_unstable();
        columns.sort_unstable();
        assert_eq!(keys, columns);
        assert!(line["text"].is_array() && line["parallels"].is_array() && line["words"].is_u64());
    }
    let first_article = &lines[1];
    assert_eq!(
        first_article["parallels"],
        serde_json::json!(["soviet-estonian-treaty#1", "soviet-lithuanian-treaty#II"]),
        "the Lithuanian pact numbers its articles in Roman numerals"
    );
}

/// Commas, quotes and line breaks inside a field come back as they went in.
#[test]
fn fields_with_commas_quotes_and_paragraphs_read_back_whole() {
    let corpus = load_str(
        r#"Corpus(title: "A corpus, \"quoted\"", entries: [
            Entry(id: "pact", title: "Pact of \"Friendship\", Trade and Navigation", kind: Treaty, summary: "s",
                  start: "1921-03", articles: [
                Article(heading: "Ports, harbours; and \"free\" zones", text: ["First, the ports.", "Then, the \"zones\"."]),
            ]),
        ])"#,
    )
    .unwrap_or_else(|p| panic!("{p:?}"));
    let (_, rows) = read_csv(&export(&corpus, Format::Csv));
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["corpus"], "A corpus, \"quoted\"");
    assert_eq!(row["title"], "Pact of \"Friendship\", Trade and Navigation");
    assert_eq!(row["heading"], "Ports, harbours; and \"free\" zones");
    assert_eq!(row["text"], "First, the ports.\n\nThen, the \"zones\".");
    assert_eq!((&*row["signed"], &*row["precision"], &*row["words"]), ("1921-03", "month", "6"));
}

#[test]
fn the_timeline_as_a_table_has_a_row_per_event_in_date_order() {
    let run = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
            .args(["export", "--format", format, "--rows", "events"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let corpus = bundled().unwrap();
    let (header, rows) = read_csv(&run("csv"));
    assert_eq!(header, treaty_tui::cli::export::EVENT_COLUMNS);
    assert_eq!(rows.len(), corpus.events.len());
    let dates: Vec<&str> = rows.iter().map(|r| r["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "in date order: {dates:?}");
    let elections = rows.iter().find(|r| r["when"] == "14–15 July 1940").expect("the elections have their row");
    assert_eq!(
        (&*elections["date"], &*elections["end"], &*elections["precision"]),
        ("1940-07-14", "1940-07-15", "day")
    );
    assert_eq!(elections["concerns"], "occupation-of-latvia; latvia");
    let lines = read_jsonl(&run("jsonl"));
    assert_eq!(lines.len(), rows.len());
    assert!(lines.iter().all(|l| l["concerns"].is_array() && l["approximate"].is_boolean()));
}

#[test]
fn events_as_rows_ask_for_a_table() {
    let out = Command::new(env!("CARGO_BIN_EXE_treaty-tui")).args(["export", "--rows", "events"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format csv"));
}

#[test]
fn an_entry_says_what_its_text_is_over_what_the_corpus_says() {
    let corpus = load_str(
        r#"Corpus(title: "T", text: Original, entries: [
            Entry(id: "a", title: "A", kind: Treaty, summary: "s", articles: [Article(number: 1, text: ["t"])]),
            Entry(id: "b", title: "B", kind: Treaty, summary: "s", text: Summary,
                series: Series(name: "United Nations Treaty Series", volume: 1155),
                articles: [Article(number: 1, text: ["t"])]),
        ])"#,
    )
    .unwrap();
    let (_, rows) = read_csv(&export(&corpus, Format::Csv));
    let of = |id: &str| rows.iter().find(|r| r["entry"] == id).unwrap();
    assert_eq!((&*of("a")["text_is"], &*of("b")["text_is"]), ("original", "summary"));
    assert_eq!((&*of("a")["series"], &*of("b")["series"]), ("", "United Nations Treaty Series"));
    assert_eq!((&*of("b")["series_volume"], &*of("b")["series_page"]), ("1155", ""));
    assert!(of("b")["citation"].contains("United Nations Treaty Series, vol. 1155. Summary in the corpus's words"));
    assert!(!of("a")["citation"].contains("Summary"), "the treaty's own words need no warning");
    let unsaid = load_str(r#"Corpus(title: "T", entries: [Entry(id: "a", title: "A", kind: Treaty, summary: "s", articles: [Article(number: 1, text: ["t"])])])"#).unwrap();
    assert_eq!(
        read_csv(&export(&unsaid, Format::Csv)).1[0]["text_is"],
        "",
        "a corpus that does not say leaves it empty"
    );
}
