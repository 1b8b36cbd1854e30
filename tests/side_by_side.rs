//! `treaty-tui compare`: an article beside its counterparts, a treaty beside another, in
//! text, Markdown and JSON, with the exit codes a script relies on.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_treaty-tui")).arg("compare").args(args).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

#[test]
fn an_article_beside_its_counterparts_marks_the_words_that_differ() {
    let out = run(&["treaty#4"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("treaty#4 beside soviet-estonian-treaty#4: 85% the same words; 2 deleted, 2 inserted"),
        "{shown}"
    );
    assert!(shown.contains("Neither party will [-conclude-]{+make+} an alliance"), "{shown}");
    assert!(shown.contains("treaty#4 beside soviet-lithuanian-treaty#VI"), "each treaty in turn:\n{shown}");
}

#[test]
fn a_parallel_written_once_is_read_both_ways() {
    // Only the Latvian and Estonian pacts name the Lithuanian articles.
    let shown = text(&run(&["soviet-lithuanian-treaty#II"]).stdout);
    assert!(shown.contains("soviet-lithuanian-treaty#II beside soviet-estonian-treaty#1"), "{shown}");
    assert!(shown.contains("soviet-lithuanian-treaty#II beside treaty#1"), "{shown}");
}

#[test]
fn a_treaty_beside_another_shows_which_articles_are_its_own() {
    let out = run(&["treaty", "soviet-lithuanian-treaty"]);
    assert_eq!(out.status.code(), Some(0));
    let shown = text(&out.stdout);
    let heads: Vec<&str> = shown.lines().filter(|l| !l.starts_with("  ") && !l.is_empty()).collect();
    assert!(heads[0].starts_with("treaty beside soviet-lithuanian-treaty: "), "{heads:?}");
    for (k, expected) in [
        (2, "treaty#preamble beside soviet-lithuanian-treaty#preamble"),
        (
            3,
            "soviet-lithuanian-treaty#I (Soviet–Lithuanian Mutual Assistance Treaty, Article I — Vilnius): no counterpart",
        ),
        (4, "treaty#1 beside soviet-lithuanian-treaty#II"),
        (
            7,
            "soviet-lithuanian-treaty#V (Soviet–Lithuanian Mutual Assistance Treaty, Article V — Consultation): no counterpart",
        ),
        (10, "treaty#6 beside soviet-lithuanian-treaty#VIII + soviet-lithuanian-treaty#IX"),
        (11, "treaty#annex1 beside soviet-lithuanian-treaty#annex1"),
    ] {
        assert!(heads[k].starts_with(expected), "row {k}: {:?}\n{heads:#?}", heads[k]);
    }
    // Alone, a treaty is set beside every treaty its articles have counterparts in.
    let all = text(&run(&["treaty"]).stdout);
    assert!(
        all.contains("treaty beside soviet-estonian-treaty: ")
            && all.contains("treaty beside soviet-lithuanian-treaty: ")
    );
}

#[test]
fn markdown_is_a_table_with_deletions_struck_and_insertions_bold() {
    let out = run(&["treaty#4", "soviet-estonian-treaty#4", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0));
    let shown = text(&out.stdout);
    assert!(shown.contains("| treaty\\#4 | soviet-estonian-treaty\\#4 |\n|---|---|\n"), "{shown}");
    assert!(shown.contains("| Neither party will ~~conclude~~ an alliance"), "{shown}");
    assert!(shown.contains("| Neither party will **make** an alliance"), "{shown}");
}

#[test]
fn json_gives_the_aligned_pairs_and_the_word_operations() {
    let out = run(&["treaty#5", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(json["format"], "treaty-tui compare 1");
    let first = &json["comparisons"][0];
    assert_eq!(first["left"], serde_json::json!(["treaty#5"]));
    assert_eq!(first["right"], serde_json::json!(["soviet-estonian-treaty#5"]));
    let similarity = first["similarity"].as_f64().unwrap();
    assert!((0.0..1.0).contains(&similarity), "{similarity}");
    let rows = first["rows"].as_array().unwrap();
    assert_eq!((rows[0]["left"].as_u64(), rows[0]["right"].as_u64()), (Some(0), Some(0)));
    assert_eq!(
        (rows[1]["left"].as_u64(), rows[1]["right"].as_u64()),
        (Some(1), None),
        "a paragraph only the Latvian text has"
    );
    let ops: Vec<(&str, &str)> = rows[0]["ops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["op"].as_str().unwrap(), o["text"].as_str().unwrap()))
        .collect();
    assert!(ops.contains(&("delete", "and social ")), "{ops:?}");
    let rebuilt: String = ops.iter().filter(|(op, _)| *op != "insert").map(|(_, t)| *t).collect();
    let latvian = treaty_tui::read::load::bundled().unwrap();
    let article = &latvian.entries[latvian.find("treaty").unwrap()].clauses[5];
    assert_eq!(rebuilt, &*article.text[0].plain, "what is kept and deleted is the left paragraph");
    assert_eq!(first["words"]["deleted"].as_u64(), Some(25));
}

#[test]
fn exit_codes_say_whether_there_was_anything_to_compare() {
    let alone = run(&["soviet-lithuanian-treaty#I"]);
    assert_eq!(alone.status.code(), Some(1));
    assert!(alone.stdout.is_empty());
    assert_eq!(text(&alone.stderr), "treaty-tui: `soviet-lithuanian-treaty#I` has no counterpart in another treaty\n");
    let wrong = run(&["treaty#9"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(text(&wrong.stderr).contains("`treaty` has no part `9`; it has: preamble, 1, 2"));
    assert_eq!(run(&["molotov"]).status.code(), Some(2), "a person has no articles");
    let not_there = run(&["treaty#1", "soviet-lithuanian-treaty#I"]);
    assert_eq!(not_there.status.code(), Some(0), "two articles named are compared as asked");
    let none_in = run(&["treaty#1", "molotov"]);
    assert_eq!(none_in.status.code(), Some(1), "{}", text(&none_in.stderr));
    assert_eq!(run(&[]).status.code(), Some(2), "an address is required");
}

#[test]
fn two_treaties_with_no_part_in_common_exit_1_as_an_article_without_a_counterpart_does() {
    let dir = tempfile::tempdir().unwrap();
    let treaty = |id: &str, preamble: &str| {
        format!(
            r#"Entry(id: "{id}", title: "{id}", kind: Treaty, summary: "s", {preamble} articles: [Article(label: "1", text: ["Terms."])])"#
        )
    };
    let file = dir.path().join("two.ron");
    let corpus = |a: String, b: String| format!(r#"Corpus(title: "T", entries: [{a}, {b}])"#);
    std::fs::write(&file, corpus(treaty("a", ""), treaty("b", ""))).unwrap();
    let alone = run(&["--file", file.to_str().unwrap(), "a", "b"]);
    assert_eq!(alone.status.code(), Some(1));
    assert!(alone.stdout.is_empty());
    assert_eq!(text(&alone.stderr), "treaty-tui: no part of `a` has a counterpart in `b`\n");
    // Two preambles answer to each other: something to compare.
    std::fs::write(&file, corpus(treaty("a", r#"preamble: ["P."],"#), treaty("b", r#"preamble: ["Q."],"#))).unwrap();
    assert_eq!(run(&["--file", file.to_str().unwrap(), "a", "b"]).status.code(), Some(0));
}

#[test]
fn similar_lists_the_declared_counterpart_first_for_every_article_of_the_three_pacts() {
    let corpus = treaty_tui::read::load::bundled().unwrap();
    let parallels = treaty_tui::compare::Parallels::new(&corpus);
    let similar = treaty_tui::compare::similar::Similar::new(&corpus);
    let mut checked = 0;
    for (e, entry) in corpus.entries.iter().enumerate() {
        for part in 1..=entry.clauses.len() {
            let declared = parallels.of((e, part));
            if declared.is_empty() || entry.clauses[part - 1].label == treaty_tui::model::ClauseLabel::Preamble {
                continue;
            }
            let best = similar.like((e, part), 1);
            assert!(declared.contains(&best[0].0), "{}#{part}: {best:?} is none of {declared:?}", entry.id);
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked}");
    let out = run(&["--similar", "treaty#4"]);
    assert_eq!(out.status.code(), Some(0));
    let first = text(&out.stdout).lines().next().unwrap().to_string();
    assert!(
        first.ends_with(
            "\tsoviet-estonian-treaty#4\tSoviet–Estonian Mutual Assistance Treaty, Article 4 — No hostile alliances"
        ),
        "{first}"
    );
    assert_eq!(run(&["--similar", "treaty"]).status.code(), Some(2), "a whole treaty");
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["--similar", "treaty#4", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["similar"][0]["address"], "soviet-estonian-treaty#4");
}

#[test]
fn an_article_is_named_as_a_reader_writes_it_wherever_an_address_is_taken() {
    let written = run(&["treaty#4"]);
    for typed in ["treaty#Article 4", "treaty#art. 4"] {
        let out = run(&[typed]);
        assert_eq!(out.status.code(), Some(0), "{typed}: {}", text(&out.stderr));
        assert_eq!(out.stdout, written.stdout, "{typed}");
    }
    // `--open` reads it as `compare` does: the address is taken, and only the missing
    // terminal stops the explorer.
    let open = Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
        .args(["--no-state", "--open", "soviet-lithuanian-treaty#Article VI"])
        .output()
        .expect("the binary runs");
    let said = text(&open.stderr);
    assert!(said.contains("the explorer needs a terminal"), "{said}");
    let wrong = Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
        .args(["--no-state", "--open", "soviet-lithuanian-treaty#Article 99"])
        .output()
        .expect("the binary runs");
    assert!(text(&wrong.stderr).contains("has no part `Article 99`"), "{}", text(&wrong.stderr));
    // `search --in` too: the hits within that article, whichever way it is written.
    let search = |within: &str| {
        Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
            .args(["search", "Vilnius", "--in", within])
            .output()
            .expect("the binary runs")
    };
    let (written, typed) = (search("soviet-lithuanian-treaty#I"), search("soviet-lithuanian-treaty#Article I"));
    assert_eq!(written.status.code(), Some(0), "{}", text(&written.stderr));
    assert_eq!(written.stdout, typed.stdout);
    let lines = text(&written.stdout);
    assert!(!lines.is_empty() && lines.lines().all(|l| l.contains("soviet-lithuanian-treaty#I\t")), "{lines}");
    let whole = text(&search("soviet-lithuanian-treaty").stdout);
    assert!(whole.lines().count() > lines.lines().count(), "the treaty holds more hits than its article: {whole}");
    assert!(whole.lines().all(|l| l.split('\t').nth(1).is_some_and(|at| at.starts_with("soviet-lithuanian-treaty"))));
    let nowhere = search("soviet-lithuanian-treaty#Article 99");
    assert_eq!(nowhere.status.code(), Some(2));
    assert!(text(&nowhere.stderr).contains("has no part `Article 99`"), "{}", text(&nowhere.stderr));
}

#[test]
fn two_treaties_that_declare_no_counterparts_are_aligned_by_their_text() {
    let out = run(&["a", "b", "--file", "tests/fixtures/valid/template_pair.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    let heads: Vec<&str> =
        shown.lines().filter(|l| !l.starts_with("  ") && !l.is_empty() && !l.starts_with('=')).collect();
    assert!(heads[0].starts_with("a beside b: 75% the same words"), "{heads:#?}");
    for (k, expected) in [
        (1, "a#1 beside b#11 (paired by their words): "),
        (2, "a#2 beside b#10 (paired by their words): "),
        (3, "a#3 beside b#12 + b#13 (paired by their words): "),
        (4, "a#4 beside b#14 (paired by their words): "),
        (5, "a#5 beside b#15 (paired by their words): "),
        (6, "b#16 (B, Article 16 — Cultural cooperation): no counterpart"),
        (7, "a#6 beside b#15 (paired by their words): "),
    ] {
        assert!(heads[k].starts_with(expected), "row {k}: {:?}\n{heads:#?}", heads[k]);
    }
    // One article beside the other treaty finds the same counterparts as the two treaties do.
    let out = run(&["a#3", "b", "--file", "tests/fixtures/valid/template_pair.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("a#3 beside b#12 + b#13 (paired by their words): "), "{}", text(&out.stdout));
    let out = run(&["a#3", "b", "--format", "json", "--file", "tests/fixtures/valid/template_pair.ron"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["comparisons"][0]["by_text"], true, "{json}");
    assert_eq!(json["comparisons"][0]["right"], serde_json::json!(["b#12", "b#13"]), "{json}");
    // Declared parallels are not said to be found by their words.
    let out = run(&["treaty#4", "soviet-estonian-treaty", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["comparisons"][0]["by_text"], false, "{json}");
}
