//! `treaty-tui cite ADDRESS… --format text|bibtex|csl-json|ris`, each format read back by a
//! reader of that format: BibTeX by a BibTeX parser, CSL-JSON into CSL's own types, RIS by
//! its tags.

use std::collections::BTreeMap;
use std::process::Command;

use citeworks_csl::dates::Date;
use citeworks_csl::items::{ItemType, ItemValue};
use citeworks_csl::ordinaries::OrdinaryValue;

fn cite(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_treaty-tui")).arg("cite").args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn text(value: &Option<OrdinaryValue>) -> String {
    match value {
        Some(OrdinaryValue::String(s)) => s.clone(),
        other => panic!("not a string: {other:?}"),
    }
}

#[test]
fn the_plain_citation_is_the_one_y_copies() {
    let (code, out, _) = cite(&["treaty#3", "molotov"]);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("“Soviet–Latvian Mutual Assistance Treaty”, Article 3 (Bases), 5 October 1939."));
    assert!(lines[0].ends_with("treaty-tui: treaty#3"));
    assert!(lines[1].ends_with("treaty-tui: molotov"));
}

#[test]
fn a_citation_of_a_summarised_treaty_names_its_series_and_says_it_is_a_summary() {
    let (code, out, _) = cite(&["treaty#3", "soviet-estonian-treaty", "soviet-lithuanian-treaty#II", "molotov"]);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "“Soviet–Latvian Mutual Assistance Treaty”, Article 3 (Bases), 5 October 1939. League of Nations Treaty \
         Series, vol. 198, p. 385. Summary in the corpus's words, not the treaty's text. treaty-tui: treaty#3"
    );
    assert!(lines[1].contains("League of Nations Treaty Series, vol. 198, p. 223."), "{}", lines[1]);
    // The Lithuanian pact names no series: where it was published stands in its place.
    assert!(lines[2].contains("Department of State Bulletin, 16 December 1939, p. 705."), "{}", lines[2]);
    assert!(lines[..3].iter().all(|l| l.contains("Summary in the corpus's words, not the treaty's text.")));
    // A person's entry has no clause texts to be a summary of.
    assert!(!lines[3].contains("Summary"), "{}", lines[3]);
}

#[derive(serde::Deserialize)]
struct BibEntry {
    entry_type: String,
    entry_key: String,
    fields: BTreeMap<String, String>,
}

#[test]
fn bibtex_reads_back_with_a_bibtex_parser() {
    let (code, out, _) = cite(&["--format", "bibtex", "treaty#3", "treaty"]);
    assert_eq!(code, Some(0));
    let entries: Vec<BibEntry> = serde_bibtex::de::Deserializer::from_str(&out)
        .into_iter_regular_entry()
        .map(|entry| entry.expect("every entry parses"))
        .collect();
    assert_eq!(entries.len(), 2);
    let article = &entries[0];
    assert_eq!((article.entry_type.as_str(), article.entry_key.as_str()), ("misc", "treaty-3"));
    assert_eq!(article.fields["title"], "{Soviet–Latvian Mutual Assistance Treaty, Article 3 (Bases)}");
    assert_eq!((&*article.fields["year"], &*article.fields["date"]), ("1939", "1939-10-05"));
    assert_eq!(article.fields["author"], "{Latvia} and {Soviet Union}");
    assert_eq!(article.fields["location"], "Moscow");
    assert!(article.fields["note"].ends_with("treaty-tui: treaty\\#3"), "{}", article.fields["note"]);
    assert!(article.fields["note"].starts_with("Summary in the corpus's words, not the treaty's text."));
    assert_eq!(article.fields["series"], "League of Nations Treaty Series");
    assert_eq!((&*article.fields["volume"], &*article.fields["pages"]), ("198", "385"));
    assert_eq!(entries[1].fields["title"], "{Soviet–Latvian Mutual Assistance Treaty}");
}

#[test]
fn csl_json_reads_into_csl_types_as_a_treaty_with_its_section() {
    let (code, out, _) = cite(&["--format", "csl-json", "treaty#3", "munters"]);
    assert_eq!(code, Some(0));
    let items = citeworks_csl::from_str(&out).expect("CSL-JSON that CSL's types read");
    assert_eq!(items.len(), 2);
    let article = &items[0];
    assert_eq!((article.id.as_str(), &article.item_type), ("treaty#3", &ItemType::Treaty));
    assert_eq!(text(&article.title), "Soviet–Latvian Mutual Assistance Treaty");
    let parties: Vec<Option<&str>> = article.author.iter().map(|n| n.literal.as_deref()).collect();
    assert_eq!(parties, [Some("Latvia"), Some("Soviet Union")]);
    let Some(Date::Single { date, .. }) = &article.issued else { panic!("{:?}", article.issued) };
    assert_eq!((date.year, date.month, date.day), (1939, Some(10), Some(5)));
    let field = |name: &str| match article.fields.get(name) {
        Some(ItemValue::Ordinary(OrdinaryValue::String(s))) => s.clone(),
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!((field("section"), field("publisher-place")), ("Article 3 (Bases)".into(), "Moscow".into()));
    assert_eq!(text(&article.container_title), "League of Nations Treaty Series");
    assert_eq!((text(&article.volume), text(&article.page)), ("198".into(), "385".into()));
    assert!(text(&article.note).starts_with("Summary in the corpus's words, not the treaty's text."));
    let person = &items[1];
    assert_eq!(person.item_type, ItemType::EntryEncyclopedia);
    assert_eq!(text(&person.container_title), "Soviet–Latvian Mutual Assistance Treaty (1939)");
}

#[test]
fn ris_records_carry_their_tags_in_order() {
    let (code, out, _) = cite(&["--format", "ris", "treaty#3"]);
    assert_eq!(code, Some(0));
    let tags: Vec<(&str, &str)> = out.lines().map(|line| line.split_once("  - ").expect("TAG  - value")).collect();
    assert_eq!(tags.first(), Some(&("TY", "GEN")));
    assert_eq!(tags.last(), Some(&("ER", "")));
    let value = |tag: &str| tags.iter().filter(|(t, _)| *t == tag).map(|(_, v)| *v).collect::<Vec<_>>();
    assert_eq!(value("TI"), ["Soviet–Latvian Mutual Assistance Treaty"]);
    assert_eq!(value("SE"), ["Article 3 (Bases)"]);
    assert_eq!(value("AU"), ["Latvia", "Soviet Union"]);
    assert_eq!((value("PY"), value("DA")), (vec!["1939"], vec!["1939/10/05"]));
    assert_eq!(value("ID"), ["treaty#3"]);
    assert_eq!(
        (value("T2"), value("VL"), value("SP")),
        (vec!["League of Nations Treaty Series"], vec!["198"], vec!["385"])
    );
    assert!(value("N1")[0].starts_with("Summary in the corpus's words, not the treaty's text."));
    assert!(
        tags.iter().all(|(tag, _)| tag.len() == 2 && tag.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
    );
}

#[test]
fn an_address_that_leads_nowhere_is_refused_with_why() {
    let (code, out, err) = cite(&["treaty#99"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(err.starts_with("treaty-tui: "), "{err}");
}
