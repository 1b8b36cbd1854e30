//! The search engine on the bundled corpus: folding, words, typos, and highlight ranges
//! that never cut a character (the ranking is pinned on small corpora in `ranking.rs`).

use proptest::prelude::*;
use std::cmp::Reverse;
use treaty_tui::model::Corpus;
use treaty_tui::read::load::{bundled, load_str};
use treaty_tui::search::fold::fold;
use treaty_tui::search::{Field, Hit, Index, Item, Matcher, Named, highlights};

fn corpus() -> Corpus {
    bundled().unwrap()
}

/// The hits of `query` as addresses: "molotov", "treaty#3", "event:Orzeł escapes from Tallinn".
fn found(corpus: &Corpus, query: &str) -> Vec<String> {
    Index::new(corpus).search(query).hits.iter().map(|hit| name(corpus, hit)).collect()
}

fn name(corpus: &Corpus, hit: &Hit) -> String {
    match hit.item {
        Item::Entry(e) => corpus.entries[e].id.to_string(),
        Item::Clause(e, part) => treaty_tui::model::address::format(corpus, e, part),
        Item::Event(v) => format!("event:{}", corpus.events[v].title),
    }
}

#[test]
fn accents_and_case_do_not_matter_either_way() {
    let corpus = corpus();
    assert_eq!(found(&corpus, "orzel")[0], "orzel-incident");
    assert_eq!(found(&corpus, "ORZEŁ")[0], "orzel-incident");
    assert_eq!(found(&corpus, "karlis ulmanis")[0], "ulmanis");
    assert_eq!(found(&corpus, "LIEPAJA")[0], "liepaja");
    let small = load_str(r#"Corpus(title: "t", entries: [Entry(id: "o", title: "Orzel", kind: Event, summary: "s")])"#)
        .unwrap();
    assert_eq!(found(&small, "Orzeł"), ["o"], "an accent in the query finds text without it");
}

#[test]
fn liepaja_leads_to_the_article_that_grants_the_base() {
    let corpus = corpus();
    let hits = found(&corpus, "liepaja");
    assert_eq!(hits[..2], ["liepaja", "treaty#3"]);
}

#[test]
fn other_scripts_are_searched_in_their_own_script() {
    let corpus = corpus();
    assert_eq!(found(&corpus, "взаимопомощи"), ["treaty"]);
    assert_eq!(found(&corpus, "ВЗАИМОПОМОЩИ"), ["treaty"]);
    assert_eq!(found(&corpus, "savstarpējās")[0], "treaty");
}

#[test]
fn every_word_must_match_in_one_item() {
    let corpus = corpus();
    let hits = found(&corpus, "ulmanis deported");
    assert!(hits.contains(&"ulmanis".to_string()) && hits.contains(&"event:Ulmanis deported".to_string()), "{hits:?}");
    assert!(found(&corpus, "liepaja selter").is_empty(), "no one item speaks of both");
}

#[test]
fn typos_are_forgiven_in_names_and_text_alike_when_the_word_as_typed_is_nowhere() {
    let corpus = corpus();
    assert_eq!(found(&corpus, "molotv")[0], "molotov");
    assert_eq!(found(&corpus, "ulmnis")[0], "ulmanis");
    assert_eq!(found(&corpus, "libua")[0], "liepaja", "an alias with a transposition");
    assert!(found(&corpus, "mlv").is_empty());
    assert_eq!(found(&corpus, "grudzinski"), ["orzel-incident"]);
    assert_eq!(found(&corpus, "grudzinsky"), ["orzel-incident"], "a typo in a word of a body");
    let hits = Index::new(&corpus).search("grudzinsky").hits;
    assert!(hits.iter().all(|h| h.typo) && !Index::new(&corpus).search("grudzinski").hits[0].typo);
}

#[test]
fn libau_finds_the_port_by_its_alias_first_and_results_are_stable() {
    let corpus = corpus();
    let index = Index::new(&corpus);
    let hits = index.search("libau").hits;
    assert_eq!(name(&corpus, &hits[0]), "liepaja");
    assert_eq!(hits[0].field, Field::Alias(0));
    assert!(hits.iter().any(|h| name(&corpus, h) == "treaty#3"), "the article that names the port");
    let ranks: Vec<(Named, Reverse<u32>)> =
        index.search("soviet").hits.iter().map(|h| (h.named, Reverse(h.score))).collect();
    assert!(ranks.is_sorted(), "named first, then best first: {ranks:?}");
    assert_eq!(index.search("soviet").hits[0].named, Named::Title, "an entry named by the word first");
    assert_eq!(index.search("soviet"), index.search("soviet"), "results are stable");
}

#[test]
fn highlights_cover_the_matched_characters() {
    let text = "İstanbul Straße ORZEŁ e\u{301}clair";
    let show = |q: &str| highlights(text, q).into_iter().map(|r| &text[r]).collect::<Vec<_>>();
    assert_eq!(show("strasse"), ["Straße"]);
    assert_eq!(show("orzel"), ["ORZEŁ"]);
    assert_eq!(show("istanbul"), ["İstanbul"]);
    assert_eq!(show("eclair"), ["e\u{301}clair"]);
    assert_eq!(show("zzz"), Vec::<&str>::new());
    assert_eq!(show("straß"), ["Straße"], "the word being typed is marked as a prefix");
    assert_eq!(show("strass eclair"), ["e\u{301}clair"], "a word typed whole is marked whole");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn highlight_ranges_never_cut_a_character(
        text in "(\\PC|İ|ß|ẞ|ł|\u{301}|\u{130}|ﬃ| ){0,40}",
        query in "(\\PC|İ|ß|ł|\u{301}| ){0,6}",
    ) {
        let ranges = highlights(&text, &query);
        let mut last_end = 0;
        for range in &ranges {
            prop_assert!(range.start < range.end && range.end <= text.len());
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            prop_assert!(range.start >= last_end, "sorted and apart: {ranges:?}");
            last_end = range.end;
            let marked = fold(&text[range.clone()]);
            let words: Vec<String> = treaty_tui::search::words(&fold(&query)).map(|(_, w)| w.to_string()).collect();
            prop_assert!(words.iter().any(|w| marked.starts_with(w.as_str())), "{marked:?} starts with no word of {query:?}");
        }
    }

    /// The index cuts text into words in one pass (folding as it goes) and a query is cut
    /// after it is folded: both must give the same words, or a word typed would not find
    /// itself.
    #[test]
    fn text_is_cut_into_the_words_a_query_is_cut_into(text in "(\\PC|[\u{80}-\u{7ff}]|İ|ß|ẞ|ł|Ł|\u{301}|ﬃ|½|Ⅻ|-|'| ){0,40}") {
        let mut indexed = Vec::new();
        let mut word = String::new();
        treaty_tui::search::fold::fold_words(&text, &mut word, |w, range| {
            indexed.push((w.to_string(), text.get(range).is_some()));
        });
        let folded = fold(&text);
        let queried: Vec<(String, bool)> = treaty_tui::search::words(&folded).map(|(_, w)| (w.to_string(), true)).collect();
        prop_assert_eq!(indexed, queried, "{:?}", text);
    }

    /// A snippet searches the text only as far as it shows it: it must show and mark what
    /// it would had it searched the whole text.
    #[test]
    fn a_snippet_is_as_if_the_whole_text_were_searched(
        text in "(word|Word|wörd|слово|[a-zé]{1,3}|\u{200b}+|\u{301}|\u{1b}|\t|\n|ﬃ|中文|€+|– | |, ){0,120}",
        query in "(word|wor|wörd|слов|w|中)( (word|слово))?",
        width in 0usize..100,
    ) {
        let matcher = Matcher::of(&query);
        let marks = matcher.marks(&text);
        prop_assert_eq!(matcher.first_mark(&text), marks.first().cloned());
        let whole = treaty_tui::search::snippet(&text, &marks, width);
        prop_assert_eq!(treaty_tui::search::matched_snippet(&text, &matcher, width), whole, "{:?}", text);
    }

    #[test]
    fn any_query_on_the_bundled_corpus_is_safe(query in "\\PC{0,12}") {
        let corpus = corpus();
        let found = Index::new(&corpus).search(&query);
        for hit in &found.hits {
            let shown = treaty_tui::search::show(&corpus, hit, &found.matcher, 60);
            for m in &shown.snippet.marks {
                prop_assert!(shown.snippet.text.is_char_boundary(m.start) && shown.snippet.text.is_char_boundary(m.end));
            }
        }
    }
}

#[test]
fn a_letter_or_two_reads_names_only_from_the_start_of_their_words() {
    let corpus = corpus();
    let index = Index::new(&corpus);
    let hits = index.search("li").hits;
    assert!(!hits.is_empty() && hits.iter().all(|h| h.field.is_name()), "{hits:?}");
    let names: Vec<String> = hits.iter().map(|h| name(&corpus, h)).collect();
    assert!(names.contains(&"liepaja".to_string()) && names.contains(&"lithuania".to_string()), "{names:?}");
    assert!(!names.contains(&"latvia".to_string()), "\"li\" is not at the start of a word of Latvia's names");
    assert!(index.search("lie").hits.iter().any(|h| !h.field.is_name()), "from three letters, all text is read");
}

#[test]
fn the_word_being_typed_is_looked_for_in_names_only_until_it_has_three_letters() {
    let corpus = load_str(
        r#"Corpus(title: "t", entries: [
            Entry(id: "in-text", title: "Soviet bases", kind: Event, summary: "An agreement on assistance."),
            Entry(id: "in-name", title: "Assistance to the soviet fleet", kind: Event, summary: "Nothing more."),
        ])"#,
    )
    .unwrap();
    assert_eq!(found(&corpus, "soviet as"), ["in-name"], "two letters: names only");
    let mut three = found(&corpus, "soviet ass");
    three.sort();
    assert_eq!(three, ["in-name", "in-text"], "three letters: every text");
    assert_eq!(found(&corpus, "on soviet"), ["in-text"], "a short word already typed is looked for everywhere");
}
