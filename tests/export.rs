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
    assert_eq!(article_headings, 8, "preamble, six articles, the protocol");
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
    assert_eq!(json["format"], "treaty-tui export 1");
    assert_eq!(json["title"], "Soviet–Latvian Mutual Assistance Treaty (1939)");
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 28);
    let treaty = &entries[0];
    for key in
        ["id", "title", "kind", "aliases", "summary", "body", "dates", "sources", "published", "clauses", "linked_from"]
    {
        assert!(treaty.get(key).is_some(), "an entry has no {key}");
    }
    assert_eq!(treaty["clauses"][3]["label"], "Article 3");
    assert_eq!(treaty["clauses"][3]["heading"], "Bases");
    assert_eq!(treaty["clauses"][7]["label"], "Confidential protocol");
    // Link ranges count characters, and slice the linked words out of the text.
    let paragraph = &treaty["body"][1];
    let words: Vec<char> = paragraph["text"].as_str().unwrap().chars().collect();
    let link = &paragraph["links"][0];
    let (start, end) = (link["start"].as_u64().unwrap() as usize, link["end"].as_u64().unwrap() as usize);
    assert_eq!(words[start..end].iter().collect::<String>(), "Vilhelms Munters");
    assert_eq!(link["id"], "munters");
    let events = json["events"].as_array().unwrap();
    assert_eq!(events.len(), 45);
    let summer = events.iter().find(|e| e["when"] == "summer 1940").unwrap();
    assert_eq!(summer["date"], "1940-06-01");
    assert_eq!(summer["last_day"], "1940-08-31");
    assert_eq!(summer["precision"], "season");
    let dates: Vec<&str> = events.iter().map(|e| e["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "events in date order");
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
