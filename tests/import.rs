//! `treaty-tui import` on hand-written fixtures in each format's shape (plain text, Markdown,
//! ToTA's XML), in the project's own words: what it reads of every part, that no word of
//! the text is lost, what it reports and where, and what it refuses.

use std::path::Path;
use std::process::{Command, Output};

use treaty_tui::model::{ClauseLabel, Corpus};

const FIXTURES: &str = "tests/fixtures/import";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_treaty-tui")).arg("import").args(args).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The corpus `import` writes for `files`, loaded and checked as any corpus is.
fn imported(files: &[&str]) -> (Corpus, String) {
    let paths: Vec<String> = files.iter().map(|f| format!("{FIXTURES}/{f}")).collect();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let corpus = treaty_tui::read::load_str(&text(&out.stdout)).expect("what import writes checks");
    (corpus, text(&out.stderr))
}

/// The words of `text`, folded: lower case, letters and digits only.
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words
}

/// Every word the corpus shows of its treaties: titles, preambles, chapter labels and
/// titles, article labels and headings, every paragraph, annex titles and text.
fn shown_words(corpus: &Corpus) -> Vec<String> {
    let mut all = String::new();
    for entry in corpus.entries.iter().filter(|e| !e.clauses.is_empty()) {
        all.push_str(&format!("{}\n", entry.title));
        for chapter in &entry.chapters {
            all.push_str(&format!("{} {}\n", chapter.label, chapter.title));
        }
        for clause in &entry.clauses {
            match &clause.label {
                ClauseLabel::Preamble => {}
                ClauseLabel::Annex(_) => all.push_str(&format!("{}\n", clause.label)),
                label => {
                    all.push_str(&format!("{} {}\n", label.to_string().trim_start_matches("Article "), clause.heading))
                }
            }
            for paragraph in clause.text.iter() {
                all.push_str(&format!("{}\n", paragraph.plain));
            }
        }
    }
    words(&all)
}

#[test]
fn a_plain_text_treaty_is_read_part_by_part() {
    let (corpus, _) = imported(&["pact.txt"]);
    let pact = &corpus.entries[0];
    assert_eq!(pact.title, "Soviet–Latvian Mutual Assistance Treaty (a retelling)");
    let labels: Vec<String> = pact.clauses.iter().map(|c| c.label.to_string()).collect();
    assert_eq!(
        labels,
        [
            "Preamble",
            "Article 1",
            "Article 2",
            "Article 3",
            "Article 3 bis",
            "Article 4",
            "Article 5",
            "Article 6",
            "Final clauses",
            "PROTOCOL"
        ]
    );
    let headings: Vec<&str> = pact.clauses.iter().map(|c| c.heading.as_str()).collect();
    assert_eq!(headings[1..6], ["Mutual assistance", "Armaments", "Bases", "", ""]);
    assert_eq!(pact.signing.as_ref().and_then(|s| s.at.as_deref()), Some("Moscow"));
    assert_eq!(pact.dates.map(|d| d.start.to_string()).as_deref(), Some("5 October 1939"));
    // The list items of Article 3 with their levels, the second kind of marker a level down.
    let bases = &pact.clauses[3];
    assert_eq!(bases.text.len(), 6);
    assert_eq!(bases.levels.as_ref(), [0, 1, 1, 2, 2, 1]);
    // Every word of the file is in the corpus but the words that name the parts.
    let mut source = words(&std::fs::read_to_string(format!("{FIXTURES}/pact.txt")).unwrap());
    for structural in ["article", "article", "article", "article", "article", "article", "art"] {
        let k = source.iter().position(|w| w == structural).expect("a heading word");
        source.remove(k);
    }
    // The corpus adds the title of the final clauses, which the text does not have.
    let mut shown = shown_words(&corpus);
    for added in ["final", "clauses"] {
        let k = shown.iter().position(|w| w == added).expect("the title of the final clauses");
        shown.remove(k);
    }
    assert_eq!(shown, source);
}

#[test]
fn a_markdown_treaty_is_read_with_its_parts_and_chapters() {
    let (corpus, _) = imported(&["code.md"]);
    let code = &corpus.entries[0];
    assert_eq!(code.title, "Agreement on Fisheries between Aland and Borduria");
    let chapters: Vec<(String, String, String)> =
        code.chapters.iter().map(|c| (c.division.to_string(), c.label.to_string(), c.title.to_string())).collect();
    assert_eq!(
        chapters,
        [
            ("Part".into(), "I".into(), "General Provisions".into()),
            ("Chapter".into(), "1".into(), "Scope".into()),
            ("Part".into(), "II".into(), "Cooperation".into()),
            ("Chapter".into(), "2".into(), "".into()),
        ]
    );
    let labels: Vec<String> = code.clauses.iter().map(|c| c.label.to_string()).collect();
    assert_eq!(labels, ["Preamble", "Article 1.1", "Article 1.2", "Article 2.1", "Article 2.1 bis", "Annex A"]);
    assert_eq!(code.clauses[2].levels.as_ref(), [0, 1, 1], "the numbered definitions are list items");
}

#[test]
fn a_tota_file_is_read_with_its_metadata_and_every_quirk_reported_where_it_is() {
    let (corpus, notes) = imported(&["agreement.xml"]);
    let treaty = &corpus.entries[0];
    assert_eq!(treaty.title, "Free Trade Agreement between Aland and Borduria");
    assert_eq!(treaty.language.as_deref(), Some("en"));
    assert_eq!(treaty.dates.map(|d| d.start.to_string()).as_deref(), Some("19 February 2009"));
    assert!(treaty.aliases.iter().any(|a| a == "WTO RTA 999"), "{:?}", treaty.aliases);
    // The parties, entries of their own with their codes as aliases.
    let signing = treaty.signing.as_ref().expect("its parties");
    let parties: Vec<&str> = signing.parties.iter().map(|&p| corpus.entries[p].id.as_str()).collect();
    assert_eq!(parties, ["ala", "bor"]);
    assert!(corpus.entries[signing.parties[0]].aliases.iter().any(|a| a == "ALA"));
    // Signed and in force: events of the treaty; the date that is none left out.
    let events: Vec<String> = corpus.events.iter().map(|e| e.title.to_string()).collect();
    assert_eq!(events.len(), 2, "{events:?}");
    let labels: Vec<String> = treaty.clauses.iter().map(|c| c.label.to_string()).collect();
    assert_eq!(
        labels,
        ["Preamble", "Article 1", "Article 2", "Article 2 (2)", "Article (4)", "Article 3", "Article 4"]
    );
    assert_eq!(treaty.clauses[0].text.len(), 2, "paragraphs run together by two spaces are split");
    assert_eq!(treaty.clauses[1].text.len(), 2);
    let chapters: Vec<String> = treaty.chapters.iter().map(|c| c.label.to_string()).collect();
    assert_eq!(chapters, ["1", "(3)", "1 (2)"]);
    assert!(treaty.clauses[4].text[0].plain.contains("[[brackets]]"), "brackets kept as text, not read as a link");
    for (line, said) in [
        (12, "\"sometime\" is not a date: left out"),
        (24, "a second article numbered 2: labelled 2 (2)"),
        (25, "an article without a number: labelled (4) by its place"),
        (27, "a chapter without a number: labelled (3) by its place"),
        (30, "a second chapter numbered 1: labelled 1 (2)"),
    ] {
        assert!(
            notes.lines().any(|l| l.contains(&format!("agreement.xml:{line}:")) && l.contains(said)),
            "{said}:\n{notes}"
        );
    }
    // Every word of the body's text is in the corpus.
    let xml = std::fs::read_to_string(format!("{FIXTURES}/agreement.xml")).unwrap();
    let body = &xml[xml.find("<body>").unwrap()..];
    let texts: String = body.split('>').filter_map(|piece| piece.split('<').next()).collect::<Vec<_>>().join(" ");
    let mut shown = String::new();
    for clause in &treaty.clauses {
        for paragraph in clause.text.iter() {
            shown.push_str(&format!("{}\n", paragraph.plain));
        }
    }
    assert_eq!(words(&shown), words(&texts));
}

/// ToTA as it is published: numbers with the word that names them ("ARTICLE 1.2", "CHAPTER
/// TWENTY THREE"), the database's own keys beside them, the preamble's name run into its
/// text, the final clauses in a chapter named "Conclusion", sources with their language.
#[test]
fn a_tota_file_in_its_published_shape_reads_its_numbers_preamble_and_conclusion() {
    let (corpus, notes) = imported(&["fta.xml"]);
    let treaty = &corpus.entries[0];
    assert_eq!(treaty.title, "Aland - Borduria Economic Partnership");
    let chapters: Vec<&str> = treaty.chapters.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(chapters, ["1", "23"], "numbers in words read as digits, the keys not read as numbers");
    let labels: Vec<String> = treaty.clauses.iter().map(|c| c.label.to_string()).collect();
    assert_eq!(labels, ["Preamble", "Article 1.1", "Article 1.2", "Article 1.3", "Article 23.1", "Final clauses"]);
    // Lines joined where they run on; paragraphs where a line is indented less, after a
    // blank line, at a list marker, at two spaces, and at the next number in mid-line.
    let paragraphs = |k: usize| -> Vec<&str> { treaty.clauses[k].text.iter().map(|t| &*t.plain).collect() };
    assert_eq!(
        paragraphs(0),
        [
            "The Kingdom of Aland and the Republic of Borduria (“the Parties”), resolved to:",
            "Deepen the ties between their markets;",
            "Keep their trade open and fair;",
            "Have agreed as follows:"
        ]
    );
    assert_eq!(
        paragraphs(2),
        [
            "1. The objectives of this Agreement are:",
            "(a) to remove barriers to trade in goods, with the duties listed in the schedules;",
            "(b) to open trade in services.",
            "2. The Parties read this Agreement in the light of its objectives."
        ]
    );
    assert_eq!(
        paragraphs(3),
        [
            "1. Each Party publishes its laws.",
            "Each Party answers questions.",
            "2. Each Party names a contact point:",
            "(a) for goods; and",
            "(b) for services.",
            "3. Article 2 of the Convention of 1994. 4 copies are kept."
        ]
    );
    assert_eq!(treaty.clauses[3].levels.as_ref(), [1, 0, 1, 2, 2, 1], "the lettered items within the numbered");
    assert_eq!(paragraphs(4).len(), 1, "a line that runs on is no paragraph");
    assert_eq!(
        paragraphs(5)[1],
        "Done in duplicate at Mariehamn, this 12th day of March 2012, in the English and French languages."
    );
    // Addressed as the treaty numbers them.
    let (_, part) = treaty_tui::model::address::parse(&corpus, "fta#1.2").expect("an address");
    assert_eq!(treaty.clauses[part - 1].label.to_string(), "Article 1.2", "part 0 is the treaty, then its clauses");
    // Signed where and when the final clauses say, the metadata giving no date.
    assert_eq!(treaty.signing.as_ref().and_then(|s| s.at.as_deref()), Some("Mariehamn"));
    assert_eq!(treaty.dates.map(|d| d.start.to_string()).as_deref(), Some("12 March 2012"));
    let events: Vec<String> = corpus.events.iter().map(|e| e.title.to_string()).collect();
    assert_eq!(events.len(), 2, "signed, and in force: {events:?}");
    // The original signatories and the party since; both keys as aliases; every source.
    let parties: Vec<&str> =
        treaty.signing.as_ref().unwrap().parties.iter().map(|&p| corpus.entries[p].id.as_str()).collect();
    assert_eq!(parties, ["ala", "bor", "car"]);
    for alias in ["WTO RTA 1001", "ToTA 501"] {
        assert!(treaty.aliases.iter().any(|a| a == alias), "{alias}: {:?}", treaty.aliases);
    }
    assert_eq!(
        treaty.sources.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        [
            "https://example.org/aland-borduria/en (en, full text)",
            "https://example.org/aland-borduria/fr (fr, full text)"
        ]
    );
    assert!(!notes.contains("without a number"), "the preamble and conclusion need none: {notes}");
    // Every word of the body's text is in the corpus, but the preamble's name run into it.
    let xml = std::fs::read_to_string(format!("{FIXTURES}/fta.xml")).unwrap();
    let body = &xml[xml.find("<body>").unwrap()..].replace("PreambleThe", "The");
    let texts: String = body.split('>').filter_map(|piece| piece.split('<').next()).collect::<Vec<_>>().join(" ");
    let shown: String = treaty.clauses.iter().flat_map(|c| c.text.iter()).map(|p| format!("{}\n", p.plain)).collect();
    assert_eq!(words(&shown), words(&texts));
}

#[test]
fn an_akoma_ntoso_treaty_is_read_with_its_metadata_divisions_points_signatures_and_annexes() {
    let (corpus, notes) = imported(&["convention.xml"]);
    let treaty = &corpus.entries[0];
    assert_eq!(treaty.title, "Convention on the Grey River Basin");
    assert!(treaty.summary.plain.starts_with("A convention on the shared use of a river basin"));
    assert_eq!(treaty.aliases.as_ref(), ["No. 17"]);
    assert_eq!(treaty.language.as_deref(), Some("en"), "Akoma Ntoso's three-letter code read as the tag");
    assert_eq!(treaty.dates.map(|d| d.start.to_string()).as_deref(), Some("14 June 2001"));
    // Each article's eId an address of it, whatever its label; an eId used twice leads to
    // the first.
    for (eid, label) in [
        ("part_II__art_4", "Article 4 bis"),
        ("part_II__chp_1__art_3bis", "Article 3bis"),
        ("part_II__chp_1__art_3", "Article 3"),
        ("part_I__art_1", "Article 1"),
    ] {
        let (_, part) = treaty_tui::model::address::parse(&corpus, &format!("convention#{eid}")).expect(eid);
        assert_eq!(treaty.clauses[part - 1].label.to_string(), label, "{eid}");
    }
    assert!(
        notes.contains("the eId part_II__chp_1__art_3 is an earlier article's too: this one is reached by its label"),
        "{notes}"
    );
    // The JSON export gives each article's eId beside its address.
    let exported = Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
        .args(["export", "--format", "json", &format!("{FIXTURES}/convention.xml")])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&exported.stdout).expect("JSON");
    let clauses = json["entries"][0]["clauses"].as_array().unwrap();
    let commission = clauses.iter().find(|c| c["label"] == "4 bis").expect("article 4 bis");
    assert_eq!(commission["anchor"], "part_II__art_4");
    assert_eq!(commission["address"], "convention#4 bis");
    // Parties from the preface, signatories from the conclusions, by the references' names.
    let signing = treaty.signing.as_ref().expect("a signature block");
    assert_eq!(signing.at.as_deref(), Some("Greyford"));
    let named = |ids: &[usize]| -> Vec<String> { ids.iter().map(|&k| corpus.entries[k].title.to_string()).collect() };
    assert_eq!(named(&signing.parties), ["Aland", "Borduria"]);
    assert_eq!(named(&signing.signatories), ["Kari Vesa", "Otto Brun"]);
    // Every part, with its label and heading, in the divisions it stands in.
    let parts: Vec<String> = treaty
        .clauses
        .iter()
        .map(|c| {
            let within = c.chapter.map_or(String::new(), |k| format!(" in {}", treaty.chapters[k as usize].name()));
            format!("{} — {}{within}", c.label, c.heading)
        })
        .collect();
    assert_eq!(
        parts,
        [
            "Preamble — ",
            "Article 1 — Purpose in Part I",
            "Article 2 — Terms in Part I",
            "Article 3 — Reports in Chapter 1",
            "Article 3bis — Inspections in Chapter 1",
            "Article 3 (2) — Reports, again in Chapter 1",
            "Article 4 bis — Commission in Crossheading 1 (2)",
            "Article 5 — Entry into force in Part III",
            "Final clauses — ",
            "Annex I: Stations — ",
            "Annex 2 — ",
        ]
    );
    let titles: Vec<String> = treaty.chapters.iter().map(|c| format!("{}: {}", c.name(), c.title)).collect();
    assert_eq!(
        titles,
        [
            "Part I: General Provisions",
            "Part II: Duties",
            "Chapter 1: Of Each Party",
            "Crossheading 1 (2): Of the Commission",
            "Part III: Final Provisions"
        ]
    );
    // Numbered paragraphs and points, their numbers kept, their nesting the list levels.
    let terms = &treaty.clauses[2];
    let text: Vec<&str> = terms.text.iter().map(|t| t.plain.trim()).collect();
    assert_eq!(
        text,
        [
            "1. In this Convention:",
            "(a) basin means the land the river drains;",
            "(b) waters means:",
            "(i) the river itself; and",
            "(ii) the lakes it feeds.",
            "as the case may be.",
            "2. Other words keep their ordinary meaning."
        ]
    );
    assert_eq!(terms.levels.as_ref(), [1, 2, 2, 3, 3, 0, 1]);
    assert_eq!(treaty.clauses[3].levels.as_ref(), [0, 1, 1], "a block list's items");
    assert_eq!(&*treaty.clauses[6].text[1].plain, "Seat | Term", "a table's rows, a paragraph each");
    // Notes: the author's, and one the text points to in the metadata.
    assert_eq!(&*treaty.clauses[1].notes[0].plain, "1 The basin is drawn on the map of the second annex.");
    assert!(treaty.clauses[0].text.iter().any(|t| &*t.plain == "Note: * The river rises in Aland."));
    assert_eq!(&*treaty.clauses[9].text[2].plain, "2. Lake Mist.");
    for (line, said) in [
        (101, "an article without a <num>: labelled 3bis from its eId"),
        (105, "a second article numbered 3: labelled 3 (2)"),
        (111, "a division without a <num>: labelled 1 from its eId"),
    ] {
        assert!(
            notes.lines().any(|l| l.contains(&format!("convention.xml:{line}:")) && l.contains(said)),
            "{said}:\n{notes}"
        );
    }
    // Every word of the body is in the articles (their headings, text and notes) but the
    // numbers that name articles and divisions, which are their labels.
    let xml = std::fs::read_to_string(format!("{FIXTURES}/convention.xml")).unwrap();
    let body = &xml[xml.find("<body>").unwrap()..xml.find("</body>").unwrap()];
    let mut source = String::new();
    for piece in body.split('<').skip(1) {
        let (tag, text) = piece.split_once('>').unwrap_or((piece, ""));
        let structural = tag == "num" && text.starts_with(|c: char| c.is_alphabetic());
        if !structural {
            source.push_str(&format!("{text} "));
        }
    }
    source.push_str("The basin is drawn on the map of the second annex. 1");
    let mut shown = String::new();
    for chapter in &treaty.chapters {
        shown.push_str(&format!("{}\n", chapter.title));
    }
    for clause in treaty.clauses.iter().filter(|c| matches!(c.label, ClauseLabel::Article(_))) {
        shown.push_str(&format!("{}\n", clause.heading));
        for paragraph in clause.text.iter().chain(clause.notes.iter()) {
            shown.push_str(&format!("{}\n", paragraph.plain));
        }
    }
    assert_eq!(words(&shown), words(&source));
}

#[test]
fn versions_of_one_agreement_in_two_languages_are_joined() {
    let dir = tempfile::tempdir().unwrap();
    let tota = |language: &str, words: &str| {
        format!(
            "<treaty><meta><name>Agreement</name><language>{language}</language><wto_rta_id>42</wto_rta_id></meta>\
             <body><chapter number=\"1\"><article number=\"1\">{words}</article></chapter></body></treaty>"
        )
    };
    std::fs::write(dir.path().join("a_es.xml"), tota("Spanish", "Las Partes.")).unwrap();
    std::fs::write(dir.path().join("b_en.xml"), tota("en", "The Parties.")).unwrap();
    let out = run(&[dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let corpus = treaty_tui::read::load_str(&text(&out.stdout)).unwrap();
    let spanish = corpus.entries.iter().find(|e| e.id == "a_es").unwrap();
    assert_eq!(spanish.language.as_deref(), Some("es"), "a language's name read as its tag");
    let original = spanish.translation_of.map(|k| corpus.entries[k].id.as_str());
    assert_eq!(original, Some("b_en"), "the English version is the one the others translate");
    assert!(text(&out.stderr).contains("a_es.xml:1:1: read as the es version of b_en (both are WTO RTA 42)"));
    // Two files of one work in one language are not versions of each other.
    std::fs::write(dir.path().join("a_es.xml"), tota("en", "The Parties, again.")).unwrap();
    let out = run(&[dir.path().to_str().unwrap()]);
    assert!(text(&out.stderr).contains("not joined as versions"), "{}", text(&out.stderr));
    let corpus = treaty_tui::read::load_str(&text(&out.stdout)).unwrap();
    assert!(corpus.entries.iter().all(|e| e.translation_of.is_none()));
}

#[test]
fn files_and_directories_make_one_corpus_with_unique_ids() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["pact.txt", "agreement.xml"] {
        std::fs::copy(format!("{FIXTURES}/{name}"), dir.path().join(name)).unwrap();
    }
    std::fs::copy(format!("{FIXTURES}/pact.txt"), dir.path().join("notes.md")).unwrap();
    std::fs::write(dir.path().join("ignored.pdf"), b"%PDF-1.7").unwrap();
    let out_file = dir.path().join("corpus.ron");
    let out = run(&[dir.path().to_str().unwrap(), "-o", out_file.to_str().unwrap(), "--title", "Three"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let corpus = treaty_tui::read::load_file(&out_file).expect("the corpus checks");
    assert_eq!(corpus.title, "Three");
    let treaties: Vec<&str> = corpus.entries.iter().filter(|e| !e.clauses.is_empty()).map(|e| e.id.as_str()).collect();
    assert_eq!(treaties, ["agreement", "notes", "pact"]);
    // A treaty whose file is named as a party's code: its id made unique, and said where.
    std::fs::copy(format!("{FIXTURES}/agreement.xml"), dir.path().join("ala.xml")).unwrap();
    let out = run(&[dir.path().to_str().unwrap(), "-o", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("ala.xml:1:1: the id ala is taken already (by "), "{}", text(&out.stderr));
    let corpus = treaty_tui::read::load_file(&out_file).expect("the corpus checks");
    let ids: Vec<&str> = corpus.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.iter().filter(|id| id.starts_with("ala")).count(), 2, "{ids:?}");
    let renamed = corpus.entries.iter().find(|e| e.id == "ala-2").expect("the treaty renamed");
    let parties: Vec<&str> =
        renamed.signing.as_ref().unwrap().parties.iter().map(|&p| corpus.entries[p].id.as_str()).collect();
    assert_eq!(parties, ["ala", "bor"], "its parties are the states, not itself");
}

#[test]
fn corpus_files_and_published_texts_in_one_directory_make_one_corpus() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(format!("{FIXTURES}/agreement.xml"), dir.path().join("agreement.xml")).unwrap();
    // A corpus file that says more of a party than ToTA's code does, and a treaty whose id
    // the imported file has too.
    std::fs::write(
        dir.path().join("states.ron"),
        r#"Corpus(title: "States", sources: ["a hand-written list"], entries: [
            Entry(id: "ala", title: "Kingdom of Aland", kind: State, summary: "An island kingdom."),
            Entry(id: "agreement", title: "Another agreement", kind: Treaty, summary: "Written by hand.",
                  articles: [Article(number: 1, text: ["One article."])]),
        ], events: [Event(date: "2010-01-01", title: "A day", concerns: ["ala"])])"#,
    )
    .unwrap();
    let out_file = dir.path().join("all.ron");
    let out = run(&[dir.path().to_str().unwrap(), "-o", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let corpus = treaty_tui::read::load_file(&out_file).expect("the corpus checks");
    let ala = corpus.entries.iter().find(|e| e.id == "ala").expect("the party");
    assert_eq!(ala.title, "Kingdom of Aland", "the entry written by hand is kept, not the one made from a code");
    assert_eq!(corpus.entries.iter().filter(|e| e.id == "ala").count(), 1);
    assert!(corpus.entries.iter().any(|e| e.id == "bor"));
    let treaties: Vec<&str> = corpus.entries.iter().filter(|e| !e.clauses.is_empty()).map(|e| e.id.as_str()).collect();
    assert_eq!(treaties, ["agreement", "agreement-2"]);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("states.ron:1:1: the id agreement is taken already (by "), "{stderr}");
    assert!(stderr.contains("agreement.xml:1:1: the id agreement is used again in "), "{stderr}");
    assert_eq!(corpus.events.len(), 3, "the corpus file's event and the agreement's two");
    // Read again with the corpus written beside them: it is not read as one of them.
    let again = run(&[dir.path().to_str().unwrap(), "-o", out_file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert_eq!(treaty_tui::read::load_file(&out_file).unwrap().entries.len(), corpus.entries.len());
    // The explorer's own commands take the directory as one corpus.
    std::fs::remove_file(&out_file).unwrap();
    let checked =
        Command::new(env!("CARGO_BIN_EXE_treaty-tui")).args(["check", dir.path().to_str().unwrap()]).output().unwrap();
    assert!(text(&checked.stdout).contains("valid: 4 entries"), "{}", text(&checked.stdout));
    // A corpus file that cannot be read says where.
    std::fs::write(dir.path().join("broken.ron"), "Corpus(title: \"B\",\n entries: [Entry(id: ]").unwrap();
    let out = run(&[dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("broken.ron:2:"), "{}", text(&out.stderr));
}

#[test]
fn the_outline_shows_the_structure_found() {
    for name in ["pact.txt", "code.md", "agreement.xml", "fta.xml", "convention.xml"] {
        let out = run(&["--outline", &format!("{FIXTURES}/{name}")]);
        assert_eq!(out.status.code(), Some(0));
        insta::assert_snapshot!(format!("import_outline_{}", name.replace('.', "_")), text(&out.stdout));
    }
}

#[test]
fn hostile_and_wrong_files_are_refused_with_where_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_string()
    };
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\n\
                  <treaty><meta><name>&lol2;</name></meta></treaty>";
    let external =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<treaty>&x;</treaty>";
    let deep = format!(
        "<treaty><body><chapter number=\"1\"><article number=\"1\">{}deep{}</article></chapter></body></treaty>",
        "<b>".repeat(100_000),
        "</b>".repeat(100_000)
    );
    let cases: Vec<(String, &str)> = vec![
        (write("laughs.xml", laughs.as_bytes()), ":2:1: the file declares a DTD"),
        (write("external.xml", external.as_bytes()), ":2:1: the file declares a DTD"),
        (
            write(
                "broken.xml",
                b"<treaty><meta><name>x</name></meta>\n<body><chapter number=\"1\">\n<article>t</chapter>",
            ),
            ":3:",
        ),
        (write("scan.txt", b"%PDF-1.7\n%\xE2\xE3"), "this is a PDF"),
        (write("photo.txt", b"\xFF\xD8\xFF\xE0\x00\x10JFIF"), "this is an image"),
        (write("latin1.txt", b"Article 1\nR\xE9sum\xE9"), ":2:2: not UTF-8"),
        (write("plain.txt", "a long text without headings. ".repeat(50_000).as_bytes()), "without one heading"),
        (write("page.xml", b"<html><body>Article 1</body></html>"), "neither ToTA"),
        (
            write("empty.xml", b"<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"/>"),
            "holds no document",
        ),
        (
            write("torn.xml", b"<akomaNtoso>\n<act><body>\n<article><num>1</num>\n</body></act></akomaNtoso>"),
            "torn.xml:4:",
        ),
    ];
    for (path, said) in &cases {
        let out = run(&[path]);
        assert_eq!(out.status.code(), Some(2), "{path}: {}", text(&out.stderr));
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(said) && stderr.contains(Path::new(path).file_name().unwrap().to_str().unwrap()),
            "{said}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "nothing written for {path}");
    }
    // Deep nesting is read (its words kept), not refused, and never overflows the stack: in
    // ToTA, and in Akoma Ntoso both within a paragraph and as points within points.
    let points = format!(
        "<akomaNtoso><act><body><article><num>1</num>{}<content><p>deepest</p></content>{}</article></body></act></akomaNtoso>",
        "<point><num>(a)</num><intro><p>deeper</p></intro>".repeat(20_000),
        "</point>".repeat(20_000)
    );
    let words = format!(
        "<akomaNtoso><act><body><article><num>1</num><p>{}deep{}</p></article></body></act></akomaNtoso>",
        "<i>".repeat(100_000),
        "</i>".repeat(100_000)
    );
    for (name, xml, word) in
        [("deep.xml", &deep, "deep"), ("points.xml", &points, "deepest"), ("words.xml", &words, "deep")]
    {
        let out = run(&[&write(name, xml.as_bytes())]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains(word), "{name}");
    }
}

#[test]
fn published_files_and_directories_open_wherever_a_corpus_file_does() {
    let bin = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_treaty-tui")).args(args).output().expect("runs");
    let xml = format!("{FIXTURES}/agreement.xml");
    let checked = bin(&["check", &xml]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stderr));
    assert!(text(&checked.stdout).contains("valid: 3 entries, 7 clauses, 2 events"), "{}", text(&checked.stdout));
    assert!(text(&checked.stderr).contains("5 things in") && text(&checked.stderr).contains("--outline"));
    let found = bin(&["search", "objective", &format!("{FIXTURES}/code.md")]);
    assert!(text(&found.stdout).starts_with("treaty\tcode#1.1\t"), "{}", text(&found.stdout));
    let exported = bin(&["export", "--format", "text", &format!("{FIXTURES}/pact.txt")]);
    assert!(text(&exported.stdout).contains("Article 3 bis"), "{}", text(&exported.stdout));
    // A directory is one corpus: its treaties side by side.
    let compared = bin(&["compare", "--file", FIXTURES, "pact#4", "agreement#1"]);
    assert_eq!(compared.status.code(), Some(0), "{}", text(&compared.stderr));
    assert!(text(&compared.stdout).starts_with("pact#4 beside agreement#1"), "{}", text(&compared.stdout));
    // A corpus file named .txt is still read as one.
    let named = tempfile::tempdir().unwrap();
    let corpus_txt = named.path().join("corpus.txt");
    std::fs::copy("tests/fixtures/valid/template_pair.ron", &corpus_txt).unwrap();
    let checked = bin(&["check", corpus_txt.to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stderr));
    assert!(text(&checked.stdout).contains("valid: 2 entries, 13 clauses"), "{}", text(&checked.stdout));
    // What cannot be read says where, as import does.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.xml");
    std::fs::write(&broken, "<treaty><body>\n<chapter></body></treaty>").unwrap();
    let refused = bin(&["check", broken.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("broken.xml:2:"), "{}", text(&refused.stderr));
}

#[test]
fn several_files_named_open_as_one_corpus_in_every_command() {
    let bin = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_treaty-tui")).args(args).output().expect("runs");
    let (xml, pact) = (format!("{FIXTURES}/agreement.xml"), format!("{FIXTURES}/pact.txt"));
    // A corpus file beside them, which names a party the agreement has too.
    let dir = tempfile::tempdir().unwrap();
    let states = dir.path().join("states.ron");
    std::fs::write(
        &states,
        r#"Corpus(title: "States", entries: [
            Entry(id: "ala", title: "Kingdom of Aland", kind: State, summary: "An island kingdom."),
        ])"#,
    )
    .unwrap();
    let states = states.to_str().unwrap();
    // The same files in one directory: what they make together is what the directory makes.
    let together = dir.path().join("together");
    std::fs::create_dir(&together).unwrap();
    for file in [&xml, &pact, &states.to_string()] {
        std::fs::copy(file, together.join(Path::new(file).file_name().unwrap())).unwrap();
    }
    let checked = bin(&["check", &xml, &pact, states]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stderr));
    let of_dir = bin(&["check", together.to_str().unwrap()]);
    let counts = |out: &std::process::Output| text(&out.stdout).split_once("valid: ").unwrap().1.to_string();
    assert_eq!(counts(&checked), counts(&of_dir), "the files named make what the directory of them makes");
    assert!(text(&checked.stdout).starts_with(&format!("{xml} {pact} {states}: valid: ")), "{}", text(&checked.stdout));
    // Each command reads them all: a word of each file is found.
    let found = bin(&["search", "Aland", &xml, &pact, states]);
    let found = text(&found.stdout);
    assert!(found.lines().any(|l| l.starts_with("state\tala\t")), "{found}");
    assert_eq!(found.lines().filter(|l| l.starts_with("state\tala\t")).count(), 1, "the party is one entry: {found}");
    let exported = bin(&["export", "--format", "text", &pact, &xml]);
    let exported = text(&exported.stdout);
    assert!(exported.contains("Article 3 bis") && exported.contains("Free Trade Agreement"), "{exported}");
    let compared = bin(&["compare", "--file", &pact, "--file", &xml, "pact#4", "agreement#1"]);
    assert_eq!(compared.status.code(), Some(0), "{}", text(&compared.stderr));
    assert!(text(&compared.stdout).starts_with("pact#4 beside agreement#1"), "{}", text(&compared.stdout));
    // One of them missing: said which, and nothing else is read as the corpus.
    let missing = dir.path().join("missing.xml");
    let refused = bin(&["check", &xml, missing.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("missing.xml"), "{}", text(&refused.stderr));
    assert!(refused.stdout.is_empty());
}

/// An article as the corpus shows it: label, heading, paragraphs.
type Shown = (String, String, Vec<String>);

/// Each article of each treaty, by the treaty's id.
fn articles(corpus: &Corpus) -> Vec<(String, Vec<Shown>)> {
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    corpus
        .entries
        .iter()
        .filter(|e| e.kind == treaty_tui::model::Kind::Treaty)
        .map(|e| {
            let clauses = e
                .clauses
                .iter()
                .filter(|c| !matches!(c.label, ClauseLabel::Annex(_)))
                .map(|c| (c.label.to_string(), squeeze(&c.heading), c.text.iter().map(|t| squeeze(&t.plain)).collect()))
                .collect();
            (e.id.to_string(), clauses)
        })
        .collect()
}

#[test]
fn generated_treaties_written_as_tota_read_back_as_they_were() {
    let generated = treaty_tui::read::load_str(&treaty_tui::synth::treaties(7, 40)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for entry in generated.entries.iter().filter(|e| e.kind == treaty_tui::model::Kind::Treaty) {
        let path = dir.path().join(format!("{}.xml", entry.id));
        std::fs::write(&path, treaty_tui::import::write::tota(&generated, entry)).unwrap();
        files.push(path);
    }
    files.sort();
    let (corpus, notes) = treaty_tui::import::import(&files, None, None).expect("read back");
    let notes: Vec<String> = notes.iter().map(ToString::to_string).collect();
    let ron = treaty_tui::import::to_ron(&corpus).unwrap();
    let read = treaty_tui::read::load_str(&ron).expect("the corpus checks");
    let (mut before, mut after) = (articles(&generated), articles(&read));
    before.sort();
    after.sort();
    assert_eq!(before.len(), 40);
    assert_eq!(after, before, "{notes:#?}");
    // The chapter each article stands in (the innermost, which ToTA holds), by label and
    // title; a section of one label in two chapters stands twice at one level in ToTA, and
    // the second is read back labelled with its use ("A (2)").
    let chapters = |e: &treaty_tui::model::Entry| -> Vec<Option<(String, String)>> {
        let articles = e.clauses.iter().filter(|c| matches!(c.label, ClauseLabel::Article(_)));
        articles
            .map(|c| {
                c.chapter.map(|k| {
                    let label = e.chapters[k as usize].label.to_string();
                    let first_use = label.split(" (").next().unwrap_or_default().to_string();
                    (first_use, e.chapters[k as usize].title.to_string())
                })
            })
            .collect()
    };
    let mut compared = 0;
    for was in generated.entries.iter().filter(|e| e.kind == treaty_tui::model::Kind::Treaty) {
        let is = read.entries.iter().find(|e| e.id == was.id).expect("each treaty read back");
        assert!(chapters(is) == chapters(was), "the chapters of {} differ", was.id);
        compared += usize::from(was.clauses.iter().any(|c| c.chapter.is_some()));
    }
    assert!(compared > 5, "treaties with chapters among them: {compared}");
}

/// The treaties of the generated corpus `ron` written a file each by `write`, named `.ext`,
/// read back by `import`: the corpus it was, the corpus read, and the notes.
fn round_trip(
    ron: &str,
    ext: &str,
    write: impl Fn(&Corpus, &treaty_tui::model::Entry) -> String,
) -> (Corpus, Corpus, Vec<String>) {
    let generated = treaty_tui::read::load_str(ron).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for entry in generated.entries.iter().filter(|e| e.kind == treaty_tui::model::Kind::Treaty) {
        let path = dir.path().join(format!("{}.{ext}", entry.id));
        std::fs::write(&path, write(&generated, entry)).unwrap();
        files.push(path);
    }
    files.sort();
    let (corpus, notes) = treaty_tui::import::import(&files, None, None).expect("read back");
    let notes: Vec<String> = notes.iter().map(ToString::to_string).collect();
    let ron = treaty_tui::import::to_ron(&corpus).unwrap();
    let read = treaty_tui::read::load_str(&ron).expect("the corpus checks");
    (generated, read, notes)
}

/// A treaty as a reader sees it: each part (preamble, articles, annexes but the final
/// clauses an import adds) with its label, heading, paragraphs and their list levels, and
/// the path of divisions it stands in.
type Part = (String, String, Vec<(String, u8)>, Vec<(String, String, String)>);

fn parts(e: &treaty_tui::model::Entry) -> Vec<Part> {
    e.clauses
        .iter()
        .filter(|c| !matches!(&c.label, ClauseLabel::Annex(title) if title == "Final clauses"))
        .map(|c| {
            let path = std::iter::successors(c.chapter, |&k| e.chapters[k as usize].parent)
                .map(|k| {
                    let d = &e.chapters[k as usize];
                    (d.division.to_string(), d.label.to_string(), d.title.to_string())
                })
                .collect();
            let text = c.text.iter().enumerate().map(|(k, t)| (t.plain.trim().to_string(), c.level(k))).collect();
            (c.label.to_string(), c.heading.to_string(), text, path)
        })
        .collect()
}

/// Where the parts of two treaties first differ, said briefly: the two parts side by side.
fn same_parts(is: &[Part], was: &[Part], id: &str) {
    if is == was {
        return;
    }
    let at = is.iter().zip(was).position(|(a, b)| a != b).unwrap_or(is.len().min(was.len()));
    let brief = |p: Option<&Part>| {
        p.map(|(label, heading, text, path)| {
            let text: Vec<String> =
                text.iter().map(|(t, l)| format!("{l}:{}", t.chars().take(30).collect::<String>())).collect();
            format!("{label} | {heading} | {text:?} | {path:?}")
        })
    };
    panic!(
        "{id}: part {at} of {} read back, {} written\nread:    {:?}\nwritten: {:?}",
        is.len(),
        was.len(),
        brief(is.get(at)),
        brief(was.get(at))
    );
}

/// The day a treaty was signed, where it is known to the day (what a published text says).
fn day(e: &treaty_tui::model::Entry) -> Option<treaty_tui::model::Date> {
    e.dates.map(|d| d.start).filter(|d| d.precision == treaty_tui::model::date::Precision::Day)
}

/// The ids of the entries `indices` name.
fn ids(corpus: &Corpus, indices: &[usize]) -> Vec<String> {
    indices.iter().map(|&k| corpus.entries[k].id.to_string()).collect()
}

#[test]
fn generated_treaties_written_as_akoma_ntoso_read_back_as_they_were() {
    // Long treaties in divisions, and a corpus of other entries whose treaties have versions.
    let mut compared = (0, 0, 0, 0);
    for ron in [treaty_tui::synth::treaties(7, 40), treaty_tui::synth::corpus(7, 300)] {
        let (generated, read, notes) = round_trip(&ron, "xml", treaty_tui::import::write::akn);
        assert!(notes.iter().all(|n| n.contains("version of")), "{notes:#?}");
        for was in generated.entries.iter().filter(|e| e.kind == treaty_tui::model::Kind::Treaty) {
            let is = read.entries.iter().find(|e| e.id == was.id).expect("each treaty read back");
            // Every part: labels, headings, paragraphs with their list levels, divisions, annexes.
            same_parts(&parts(is), &parts(was), &was.id);
            assert_eq!(is.title, was.title);
            assert_eq!(is.language, was.language);
            assert_eq!(day(is), day(was), "{}", was.id);
            let original =
                |c: &Corpus, e: &treaty_tui::model::Entry| e.translation_of.map(|k| c.entries[k].id.to_string());
            assert_eq!(original(&read, is), original(&generated, was), "{}", was.id);
            let signing = |c: &Corpus, e: &treaty_tui::model::Entry| {
                e.signing.as_deref().map(|s| (s.at.clone(), ids(c, &s.parties), ids(c, &s.signatories)))
            };
            assert_eq!(signing(&read, is), signing(&generated, was), "{}", was.id);
            compared.0 += usize::from(was.chapters.iter().any(|c| c.parent.is_some()));
            compared.1 += usize::from(was.clauses.iter().any(|c| c.levels.iter().any(|&l| l > 0)));
            compared.2 += usize::from(was.translation_of.is_some());
            compared.3 += usize::from(was.signing.as_deref().is_some_and(|s| !s.signatories.is_empty()));
        }
    }
    assert!(compared.0 > 0 && compared.1 > 0 && compared.2 > 0 && compared.3 > 0, "{compared:?}");
}

#[test]
fn generated_treaties_written_as_plain_text_read_back_as_they_were() {
    let (generated, read, _) =
        round_trip(&treaty_tui::synth::treaties(7, 40), "txt", |_, entry| treaty_tui::import::write::text(entry));
    for was in generated.entries.iter().filter(|e| e.kind == treaty_tui::model::Kind::Treaty) {
        let is = read.entries.iter().find(|e| e.id == was.id).expect("each treaty read back");
        same_parts(&parts(is), &parts(was), &was.id);
        assert_eq!(is.title, was.title);
        assert_eq!(day(is), day(was), "{}", was.id);
        let at = |e: &treaty_tui::model::Entry| e.signing.as_deref().and_then(|s| s.at.clone());
        assert_eq!(at(is), at(was), "{}", was.id);
    }
}

#[test]
fn versions_written_as_tota_are_joined_again_by_their_wto_rta_id() {
    let (generated, read, _) = round_trip(&treaty_tui::synth::corpus(7, 300), "xml", treaty_tui::import::write::tota);
    let versions = |c: &Corpus| -> Vec<(String, Option<String>)> {
        let mut all: Vec<(String, Option<String>)> = c
            .entries
            .iter()
            .filter(|e| e.kind == treaty_tui::model::Kind::Treaty)
            .map(|e| (e.id.to_string(), e.translation_of.map(|k| c.entries[k].id.to_string())))
            .collect();
        all.sort();
        all
    };
    assert!(versions(&generated).iter().any(|(_, original)| original.is_some()), "versions among them");
    assert_eq!(versions(&read), versions(&generated));
}
