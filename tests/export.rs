//! `treaty-tui export` in its three formats, and the shell completions and manual page.

use std::process::Command;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Parser, Tag};
use treaty_tui::cli::export::{Format, export};
use treaty_tui::read::load::bundled;
use treaty_tui::text::is_hostile;

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_treaty-tui")).args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn plain_text_keeps_links_as_ids() {
    let (code, text) = run(&["export"]);
    assert_eq!(code, Some(0));
    assert!(
        text.starts_with(
            "Soviet–Latvian Mutual Assistance Treaty (1939)\n=============================================="
        )
    );
    assert!(text.contains("Latvia's minister of foreign affairs, Vilhelms Munters [munters], signed for Latvia."));
    assert!(
        text.contains(
            "Article 3 — Bases\nLatvia grants the Soviet Union the right to naval bases at Liepāja [liepaja]"
        )
    );
    assert!(text.contains("\nTimeline\n--------\n"));
    assert!(text.contains("5 October 1939 — Soviet–Latvian pact signed in Moscow: "));
    assert!(
        text.contains("14–15 July 1940 — Single-list elections to a “People's Saeima” (occupation-of-latvia, latvia)")
    );
}

#[test]
fn markdown_has_headings_anchors_and_working_links() {
    let corpus = bundled().unwrap();
    let markdown = export(&corpus, Format::Markdown);
    let mut entry_headings = 0;
    let mut article_headings = 0;
    let mut anchors = Vec::new();
    let mut targets = Vec::new();
    for event in Parser::new(&markdown) {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }) => entry_headings += 1,
            Event::Start(Tag::Heading { level: HeadingLevel::H3, .. }) => article_headings += 1,
            Event::Start(Tag::Link { link_type: LinkType::Inline, dest_url, .. }) => targets.push(dest_url.to_string()),
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(id) = html.strip_prefix("<a id=\"").and_then(|rest| rest.split('"').next()) {
                    anchors.push(format!("#{id}"));
                }
            }
            _ => {}
        }
    }
    assert_eq!(entry_headings, corpus.entries.len() + 1, "one per entry, and the timeline");
    assert_eq!(article_headings, 27, "the three pacts' preambles, articles (6, 6 and 9) and protocols");
    assert!(targets.len() > 100, "{} links", targets.len());
    for target in &targets {
        assert!(anchors.contains(target), "a link to {target} has no anchor");
    }
}

#[test]
fn json_has_the_documented_shape() {
    let (code, text) = run(&["export", "--format", "json"]);
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["format"], "treaty-tui export 2");
    assert_eq!(json["title"], "Soviet–Latvian Mutual Assistance Treaty (1939)");
    let entries = json["entries"].as_array().unwrap();
    let bundled = bundled().unwrap();
    assert_eq!(entries.len(), bundled.entries.len(), "every entry of the bundled corpus");
    let treaty = &entries[0];
    for key in [
        "id",
        "title",
        "kind",
        "aliases",
        "summary",
        "body",
        "dates",
        "sources",
        "published",
        "clauses",
        "linked_from",
        "chapters",
        "signing",
        "language",
        "translation_of",
    ] {
        assert!(treaty.get(key).is_some(), "an entry has no {key}");
    }
    let article_3 = &treaty["clauses"][3];
    assert_eq!(
        (&article_3["kind"], &article_3["label"], &article_3["name"]),
        (&"article".into(), &"3".into(), &"Article 3".into())
    );
    assert_eq!(article_3["heading"], "Bases");
    assert_eq!(article_3["address"], "treaty#3", "what --open takes");
    assert_eq!(
        article_3["parallels"],
        serde_json::json!(["soviet-estonian-treaty#3", "soviet-lithuanian-treaty#IV"]),
        "its counterparts, as written"
    );
    assert_eq!(treaty["clauses"][0]["parallels"], serde_json::json!([]), "the preamble names none");
    let markdown = export(&bundled, Format::Markdown);
    assert!(markdown.contains("*Parallels:* `soviet-estonian-treaty#3`, `soviet-lithuanian-treaty#IV`"));
    assert_eq!(treaty["clauses"][7]["name"], "Confidential protocol");
    assert_eq!(treaty["clauses"][7]["label"], serde_json::Value::Null);
    assert_eq!(treaty["signing"]["at"], "Moscow");
    assert_eq!(treaty["signing"]["parties"], serde_json::json!(["latvia", "soviet-union"]));
    assert_eq!(treaty["signing"]["signatories"], serde_json::json!(["munters", "molotov"]));
    // Link ranges count characters, and slice the linked words out of the text.
    let paragraph = &treaty["body"][1];
    let words: Vec<char> = paragraph["text"].as_str().unwrap().chars().collect();
    let link = &paragraph["links"][0];
    let (start, end) = (link["start"].as_u64().unwrap() as usize, link["end"].as_u64().unwrap() as usize);
    assert_eq!(words[start..end].iter().collect::<String>(), "Vilhelms Munters");
    assert_eq!(link["id"], "munters");
    let events = json["events"].as_array().unwrap();
    assert_eq!(events.len(), bundled.events.len(), "every event of the bundled corpus");
    let summer = events.iter().find(|e| e["when"] == "summer 1940").unwrap();
    assert_eq!(summer["date"], "1940-06-01");
    assert_eq!(summer["last_day"], "1940-08-31");
    assert_eq!(summer["precision"], "season");
    let dates: Vec<&str> = events.iter().map(|e| e["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "events in date order");
}

fn real_structures() -> treaty_tui::model::Corpus {
    treaty_tui::read::load::load_file(std::path::Path::new("tests/fixtures/valid/real_structures.ron")).unwrap()
}

/// The JSON is written a clause at a time, and reads exactly as `serde_json` would print
/// the whole of it.
#[test]
fn json_is_laid_out_as_the_pretty_printer_lays_it_out() {
    for corpus in [bundled().unwrap(), real_structures()] {
        let written = export(&corpus, Format::Json);
        let value: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(written, format!("{}\n", serde_json::to_string_pretty(&value).unwrap()));
    }
}

#[test]
fn json_carries_chapters_labels_levels_signatures_and_languages() {
    let json: serde_json::Value = serde_json::from_str(&export(&real_structures(), Format::Json)).unwrap();
    let tpp = &json["entries"][0];
    let chapters = tpp["chapters"].as_array().unwrap();
    let names: Vec<String> = chapters
        .iter()
        .map(|c| format!("{} {} {}", c["division"].as_str().unwrap(), c["label"].as_str().unwrap(), c["parent"]))
        .collect();
    assert_eq!(names, ["Chapter 1 null", "Section A 0", "Section B 0", "Chapter 30 null"]);
    assert_eq!((&chapters[3]["first_clause"], &chapters[3]["clause_count"]), (&4.into(), &8.into()));
    let last = &tpp["clauses"][11];
    assert_eq!((&last["label"], &last["chapter"], &last["address"]), (&"30.8".into(), &3.into(), &"tpp#30.8".into()));
    assert_eq!(tpp["clauses"][2]["levels"], serde_json::json!([0, 1, 1]));
    assert_eq!(tpp["language"], "en");
    assert_eq!(tpp["signing"]["at"], "Auckland");
    let spanish = &json["entries"][1];
    assert_eq!((&spanish["language"], &spanish["translation_of"]), (&"es".into(), &"tpp".into()));
    let rome = &json["entries"][2];
    let war_crimes = rome["clauses"].as_array().unwrap().iter().find(|c| c["label"] == "8").unwrap();
    assert_eq!(war_crimes["levels"], serde_json::json!([1, 1, 2, 3, 3, 2]));
    assert!(
        rome["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["label"] == "8 bis" && c["address"] == "rome-statute#8 bis")
    );
}

#[test]
fn text_and_markdown_show_chapters_list_items_and_the_signature() {
    let corpus = real_structures();
    let text = export(&corpus, Format::Text);
    assert!(text.contains("other versions: Tratado de Asociación Transpacífico [tpp-es]"), "{text}");
    assert!(text.contains("Signed in Auckland on 4 February 2016\n"));
    assert!(text.contains("\nChapter 30 — Final Provisions\n-----------------------------\n\nArticle 30.1 — Annexes"));
    assert!(text.contains("\nSection B — General Definitions\n"));
    assert!(
        text.contains("2. Placeholder: war crimes are these:\n    (a) grave breaches"),
        "two spaces a level:\n{text}"
    );
    assert!(text.contains("\n      (i) wilful killing;\n"));
    let markdown = export(&corpus, Format::Markdown);
    let mut headings = Vec::new();
    let mut level = None;
    for event in Parser::new(&markdown) {
        match event {
            Event::Start(Tag::Heading { level: l, .. }) => level = Some(l),
            Event::Text(words) if level.is_some() => headings.push(format!("{:?} {words}", level.take().unwrap())),
            _ => {}
        }
    }
    let wanted = [
        "H3 Chapter 1 — Initial Provisions and General Definitions",
        "H4 Section A — Initial Provisions",
        "H5 Article 1.1 — Establishment of a Free Trade Area",
    ];
    let at = headings.iter().position(|h| h == wanted[0]).unwrap_or_else(|| panic!("{headings:#?}"));
    assert_eq!(headings[at..at + 3], wanted);
    assert!(headings.contains(&"H4 Article 30.8 — Authentic Texts".to_string()), "{headings:#?}");
    assert!(markdown.contains("- 2\\. Placeholder: war crimes are these:\n  - (a) grave breaches"), "{markdown}");
}

#[test]
fn no_control_character_passes_through() {
    let mut corpus = bundled().unwrap();
    corpus.entries[1].title.push_str("\x1b[2J\u{9b}1m\u{202e}");
    corpus.entries[1].summary.plain = format!("{}\x1b]0;owned\x07", corpus.entries[1].summary.plain).into();
    corpus.events[0].title.push('\x1b');
    for format in [Format::Text, Format::Markdown, Format::Json] {
        let out = export(&corpus, format);
        assert!(!out.chars().any(is_hostile), "{format:?}");
        if format == Format::Json {
            let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert!(!parsed.to_string().contains("\\u001b"), "not even escaped in the strings");
        }
    }
}

#[test]
fn export_exit_codes() {
    assert_eq!(run(&["export", "tests/fixtures/no-such-file.ron"]).0, Some(2));
    assert_eq!(run(&["export", "tests/fixtures/invalid/syntax.ron"]).0, Some(2));
    assert_eq!(
        run(&["export", "--format", "markdown", "tests/fixtures/hostile/empty.ron"]),
        (Some(0), "# An empty corpus\n\n## Timeline\n\n".into())
    );
}

#[test]
fn completions_and_the_manual_page() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, script) = run(&["completions", shell]);
        assert_eq!(code, Some(0));
        assert!(script.contains("treaty-tui") && script.contains("export") && script.contains("no-mouse"), "{shell}");
    }
    let (code, page) = run(&["manpage"]);
    assert_eq!(code, Some(0));
    assert!(page.starts_with(".ie") || page.contains(".TH treaty-tui"), "{}", &page[..200.min(page.len())]);
    assert!(page.contains("open"));
}
