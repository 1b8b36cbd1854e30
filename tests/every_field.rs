//! Every field of the format, present and future, is checked alike: a character that could
//! act on a terminal (escape, a C1 control, a bidirectional control), or a line break where
//! one line is due, is refused by `check` at its own position, and reaches no output of any
//! command. The fields are the schema's own, as the parser lists them, so a field added
//! later and not set in the fixture fails here.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use treaty_tui::read::load::load_str;

const FIXTURE: &str = "tests/fixtures/valid/every_field.ron";

/// What is slipped into each string, as the RON escape that writes it.
const HOSTILE: &[(&str, char)] = &[
    ("\\u{1b}", '\u{1b}'),
    ("\\u{9b}", '\u{9b}'),
    ("\\u{202e}", '\u{202e}'),
    ("\\u{2066}", '\u{2066}'),
    ("\\n", '\n'),
];

/// The fields of each structure, as the parser lists them when one is misspelt.
fn schema() -> Vec<(String, Vec<String>)> {
    let mut structures = Vec::new();
    for (name, wrapped) in [
        ("Corpus", "Corpus(zzz: 1)".to_string()),
        ("Entry", "Corpus(title: \"x\", entries: [Entry(zzz: 1)])".into()),
        ("Article", "Corpus(title: \"x\", entries: [Entry(id: \"a\", title: \"A\", kind: Place, summary: \"s\", articles: [Article(zzz: 1)])])".into()),
        ("Annex", "Corpus(title: \"x\", entries: [Entry(id: \"a\", title: \"A\", kind: Place, summary: \"s\", annexes: [Annex(zzz: 1)])])".into()),
        ("Chapter", "Corpus(title: \"x\", entries: [Entry(id: \"a\", title: \"A\", kind: Place, summary: \"s\", chapters: [Chapter(zzz: 1)])])".into()),
        ("Event", "Corpus(title: \"x\", events: [Event(zzz: 1)])".into()),
    ] {
        let diagnostics = load_str(&wrapped).expect_err("an unknown field is refused");
        let help = diagnostics[0].help.clone().unwrap_or_default();
        let (_, list) = help.split_once(" are: ").unwrap_or_else(|| panic!("{name}: {help}"));
        structures.push((name.to_string(), list.split(", ").map(String::from).collect()));
    }
    structures
}

/// Every string literal of `text`: where its value starts, and the field it belongs to.
fn literals(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut field = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'"' => {
                let end = i + 1 + text[i + 1..].find('"').expect("closed");
                found.push((i + 1, field.clone()));
                i = end + 1;
            }
            b if b.is_ascii_alphabetic() => {
                let end = i + text[i..].find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(0);
                if text[end..].trim_start().starts_with(':') {
                    field = text[i..end].to_string();
                }
                i = end.max(i + 1);
            }
            _ => i += 1,
        }
    }
    found
}

const PARAGRAPHS: &[&str] = &["description", "body", "preamble", "text", "notes"];

#[test]
fn the_fixture_sets_every_field_of_the_schema() {
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    load_str(&text).expect("the fixture is valid");
    let set: BTreeSet<String> = text
        .lines()
        .filter_map(|line| line.trim_start().split_once(':').map(|(name, _)| name.trim().to_string()))
        .collect();
    for (structure, fields) in schema() {
        for field in fields {
            assert!(set.contains(&field), "{FIXTURE} does not set `{field}` of {structure}: add it");
        }
    }
    let fields: BTreeSet<String> = literals(&text).into_iter().map(|(_, field)| field).collect();
    for field in ["title", "description", "sources", "id", "kind", "aliases", "summary", "body", "start", "end"] {
        assert!(fields.contains(field), "no string of `{field}` found");
    }
    for field in ["published", "preamble", "heading", "text", "notes", "links", "date", "concerns", "label", "division"]
    {
        assert!(fields.contains(field), "no string of `{field}` found");
    }
    for field in ["signed_at", "parties", "signatories", "language", "translation_of"] {
        assert!(fields.contains(field), "no string of `{field}` found");
    }
}

/// Each hostile character in each string: `check` refuses it where it stands.
#[test]
fn every_string_refuses_what_could_act_on_a_terminal_at_its_position() {
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    let literals = literals(&text);
    assert!(literals.len() > 30, "{}", literals.len());
    for (at, field) in &literals {
        for (escape, c) in HOSTILE {
            let variant = format!("{}{escape}{}", &text[..*at], &text[*at..]);
            let loaded = load_str(&variant);
            if *c == '\n' && PARAGRAPHS.contains(&field.as_str()) {
                assert!(loaded.is_ok(), "a line break in a paragraph (`{field}`) is allowed: {loaded:?}");
                continue;
            }
            let diagnostics = loaded.err().unwrap_or_else(|| panic!("{escape} in `{field}` was accepted"));
            assert!(
                diagnostics.iter().any(|d| d.span.start == *at && d.span.end == at + escape.len()),
                "{escape} in `{field}` at {at} is not pointed at: {diagnostics:#?}"
            );
        }
    }
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("XDG_STATE_HOME", "/nonexistent/state")
        .output()
        .expect("the binary runs");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// What each command prints for a corpus with a hostile character slipped into a string:
/// never the character itself, and tab-separated lines stay four fields each.
#[test]
fn no_command_prints_what_was_slipped_into_any_field() {
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    let text = text.as_str();
    let dir = tempfile::tempdir().unwrap();
    let variants: Vec<(String, &str, String)> = literals(text)
        .into_iter()
        .flat_map(|(at, field)| {
            HOSTILE
                .iter()
                .map(move |(escape, _)| (field.clone(), *escape, format!("{}{escape}{}", &text[..at], &text[at..])))
        })
        .collect();
    let commands: &[&[&str]] = &[
        &["check"],
        &["export", "--format", "text"],
        &["export", "--format", "markdown"],
        &["export", "--format", "json"],
        &["search", "pact"],
        &["search", "--json", "pact"],
    ];
    std::thread::scope(|scope| {
        for (k, chunk) in variants.chunks(variants.len().div_ceil(4)).enumerate() {
            let dir = dir.path();
            scope.spawn(move || {
                for (i, (field, escape, variant)) in chunk.iter().enumerate() {
                    let path = dir.join(format!("variant-{k}-{i}.ron"));
                    std::fs::write(&path, variant).unwrap();
                    for command in commands {
                        let (position, rest) = command.split_at(if command[0] == "search" { command.len() } else { 1 });
                        let args: Vec<&str> = position.iter().chain(rest).copied().chain([path_str(&path)]).collect();
                        let (code, stdout, stderr) = run(&args);
                        for (name, output) in [("stdout", &stdout), ("stderr", &stderr)] {
                            assert!(
                                !output.chars().any(treaty_tui::text::is_hostile),
                                "{escape} in `{field}` reached the {name} of {args:?}: {output:?}"
                            );
                        }
                        if command[0] == "search" && !command.contains(&"--json") && code == Some(0) {
                            for line in stdout.lines() {
                                assert_eq!(line.matches('\t').count(), 3, "{escape} in `{field}`: {line:?}");
                            }
                        }
                    }
                }
            });
        }
    });
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}
