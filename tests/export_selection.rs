//! `treaty-tui export [FILE] [ADDRESS…] [--kind KIND] [--where FILTER]`: one treaty, a
//! chapter, an article or the entries a filter lets through, in every format.

use std::process::Command;

const STRUCTURES: &str = "tests/fixtures/valid/real_structures.ron";

fn export(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_treaty-tui")).arg("export").args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// The `address` column of a CSV export, row by row.
fn addresses(csv: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let column = reader.headers().unwrap().iter().position(|h| h == "address").unwrap();
    reader.records().map(|r| r.unwrap()[column].to_string()).collect()
}

#[test]
fn a_chapter_exports_the_articles_it_holds_those_of_its_sections_too() {
    let (code, out, err) = export(&[STRUCTURES, "tpp#chapter-30", "--format", "csv"]);
    assert_eq!(code, Some(0), "{err}");
    let rows = addresses(&out);
    assert_eq!(rows.first().map(String::as_str), Some("tpp#30.1"));
    assert_eq!(rows.last().map(String::as_str), Some("tpp#30.8"));
    assert!(rows.iter().all(|a| a.starts_with("tpp#30.")), "{rows:?}");
    let (_, out, _) = export(&[STRUCTURES, "tpp#chapter-1", "--format", "csv"]);
    assert_eq!(addresses(&out), ["tpp#1.1", "tpp#1.2", "tpp#1.3", "tpp#1.4"], "sections A and B within chapter 1");
}

#[test]
fn articles_and_whole_treaties_are_written_once_each_in_corpus_order() {
    // The statute whole, an article of it again, and an article of another treaty before it.
    let (code, out, err) =
        export(&[STRUCTURES, "rome-statute", "rome-statute#8 bis", "tpp#Article 30.8", "--format", "csv"]);
    assert_eq!(code, Some(0), "{err}");
    let rows = addresses(&out);
    assert_eq!(rows[0], "tpp#30.8");
    let statute: Vec<&String> = rows.iter().filter(|a| a.starts_with("rome-statute#")).collect();
    assert_eq!(statute.iter().filter(|a| a.as_str() == "rome-statute#8 bis").count(), 1, "{rows:?}");
    let whole = export(&[STRUCTURES, "--format", "csv"]).1;
    let all: Vec<String> = addresses(&whole).into_iter().filter(|a| a.starts_with("rome-statute#")).collect();
    assert_eq!(statute.len(), all.len(), "the whole statute, every part of it");
}

#[test]
fn the_list_filter_chooses_entries_by_kind_party_year_and_language() {
    let (code, out, err) = export(&["--where", "party:latvia", "--kind", "treaty", "--format", "jsonl"]);
    assert_eq!(code, Some(0), "{err}");
    let entries: std::collections::BTreeSet<String> = out
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["entry"].as_str().unwrap().to_string())
        .collect();
    assert!(entries.contains("treaty"), "{entries:?}");
    assert!(!entries.contains("soviet-estonian-treaty"), "Latvia is no party to the Estonian pact: {entries:?}");
    let (_, spanish, _) = export(&[STRUCTURES, "--where", "lang:es", "--format", "csv"]);
    assert!(addresses(&spanish).iter().all(|a| a.starts_with("tpp-es#")), "{spanish}");
    // A filter narrows what the addresses name.
    let (_, narrowed, _) = export(&[STRUCTURES, "tpp", "tpp-es", "--where", "lang:es", "--format", "csv"]);
    assert_eq!(addresses(&narrowed), addresses(&spanish));
}

#[test]
fn a_selection_as_text_json_and_events_holds_what_was_chosen_alone() {
    let (code, text, _) = export(&["treaty#3"]);
    assert_eq!(code, Some(0));
    assert!(text.contains("Article 3 — Bases") && !text.contains("Article 4 —"), "{text}");
    assert!(!text.contains("Vyacheslav Molotov [molotov]\n"), "no other entry");
    assert!(!text.contains("A pact between two parties only"), "an article alone comes without the treaty's article");
    assert!(text.contains("Soviet–Latvian pact signed in Moscow"), "the events of the treaty stay:\n{text}");
    let (_, json, _) = export(&["treaty#3", "molotov", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    let clauses = entries[0]["clauses"].as_array().unwrap();
    assert_eq!(clauses.len(), 1);
    assert_eq!((&clauses[0]["address"], &clauses[0]["part"]), (&"treaty#3".into(), &4.into()));
    let events = json["events"].as_array().unwrap();
    assert!(events.iter().all(|e| {
        let concerns = e["concerns"].as_array().unwrap();
        concerns.contains(&"treaty".into()) || concerns.contains(&"molotov".into())
    }));
    let (_, rows, _) = export(&["molotov", "--format", "csv", "--rows", "events"]);
    let mut reader = csv::Reader::from_reader(rows.as_bytes());
    let concerns: Vec<String> = reader.records().map(|r| r.unwrap()[8].to_string()).collect();
    assert!(!concerns.is_empty() && concerns.iter().all(|c| c.contains("molotov")), "{concerns:?}");
}

#[test]
fn what_cannot_be_chosen_is_refused_with_what_to_do() {
    let (code, out, err) = export(&["treaty#9", "--format", "csv"]);
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert!(err.contains("`treaty` has no part `9`; it has: preamble, 1, 2"), "{err}");
    let (code, _, err) = export(&["corpsu"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no entry has the id `corpsu`") && err.contains("no file `corpsu` exists"), "{err}");
    let (code, _, err) = export(&["missing/corpus.ron"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("cannot read missing/corpus.ron"), "{err}");
    let (code, _, err) = export(&["--where", "party:"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--where party:: party: wants a value"), "{err}");
    let (code, out, err) = export(&["--where", "year:1700", "--format", "csv"]);
    assert_eq!((code, out.as_str()), (Some(1), ""));
    assert!(err.contains("no entry is chosen"), "{err}");
}

#[test]
fn markdown_of_a_selection_links_only_to_what_it_holds() {
    let (code, out, _) = export(&["treaty#3", "liepaja", "--format", "markdown"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("[Liepāja](#liepaja)"), "an entry exported keeps its link:\n{out}");
    assert!(out.contains("<a id=\"liepaja\"></a>"));
    // Ventspils is not exported: its name stands as words, no link to an anchor not there.
    assert!(out.contains("Ventspils (Windau)") && !out.contains("(#ventspils)"), "{out}");
    let anchors: Vec<&str> =
        out.match_indices("](#").map(|(at, _)| &out[at + 3..at + 3 + out[at + 3..].find(')').unwrap()]).collect();
    for anchor in anchors {
        assert!(out.contains(&format!("<a id=\"{anchor}\"></a>")), "#{anchor} leads nowhere");
    }
}
