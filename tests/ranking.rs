//! How search ranks, pinned on small hand-made corpora: words not substrings, rare words and
//! short fields first, typos only where nothing matches as typed, phrases in order, words
//! near each other, and a search kept to one entry.

use treaty_tui::model::Corpus;
use treaty_tui::read::load::load_str;
use treaty_tui::search::{Hit, Index, Item, Scope};

fn corpus(entries: &str) -> Corpus {
    load_str(&format!(r#"Corpus(title: "t", entries: [{entries}])"#)).unwrap_or_else(|d| panic!("{d:?}"))
}

fn ids(corpus: &Corpus, hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|hit| match hit.item {
            Item::Entry(e) => corpus.entries[e].id.to_string(),
            Item::Clause(e, part) => treaty_tui::model::address::format(corpus, e, part),
            Item::Event(v) => format!("event#{v}"),
        })
        .collect()
}

fn found(corpus: &Corpus, query: &str) -> Vec<String> {
    ids(corpus, &Index::new(corpus).search(query).hits)
}

#[test]
fn a_rare_word_in_a_body_beats_a_typo_in_a_title() {
    let corpus = corpus(
        r#"Entry(id: "token", title: "Token ring", kind: Concept, summary: "A network."),
           Entry(id: "tokie", title: "Tokie", kind: Concept, summary: "A name."),
           Entry(id: "book", title: "A reading list", kind: Document, summary: "Books.",
                 body: ["Among the authors read that winter was Tolkien, then little known."])"#,
    );
    assert_eq!(found(&corpus, "tolkien"), ["book"], "no look-alike title comes with it");
    assert!(found(&corpus, "tolkein").contains(&"book".to_string()), "a typo of the rare word finds it too");
    let index = Index::new(&corpus);
    assert!(!index.search("tolkien").hits[0].typo);
    assert!(index.search("tolkein").hits[0].typo, "and says it matched with a typo");
}

#[test]
fn a_word_start_beats_the_inside_of_a_word_which_is_no_match() {
    let corpus = corpus(
        r#"Entry(id: "baseline", title: "Baseline", kind: Concept, summary: "s"),
           Entry(id: "naval", title: "Naval base", kind: Concept, summary: "s"),
           Entry(id: "database", title: "Database", kind: Concept, summary: "s"),
           Entry(id: "andassistance", title: "Aid", kind: Concept, summary: "Mutualandassistance as one word.")"#,
    );
    assert_eq!(found(&corpus, "base"), ["naval", "baseline"], "the whole word, then the word it starts");
    assert_eq!(found(&corpus, "base "), ["naval"], "a word typed whole matches whole words");
    assert!(found(&corpus, "dass").is_empty(), "nothing inside a word");
}

#[test]
fn a_longer_prefix_never_has_more_hits() {
    let corpus = load_str(&treaty_tui::synth::corpus(3, 3000)).unwrap();
    let index = Index::new(&corpus);
    // Common words, and the longest words of one entry's text (accented and Cyrillic among them).
    let text = treaty_tui::search::fold::fold(
        &corpus.entries[100].body.iter().map(|p| format!("{} ", p.plain)).collect::<String>(),
    );
    let mut words: Vec<&str> = treaty_tui::search::words(&text).map(|(_, w)| w).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.truncate(6);
    assert_eq!(words.len(), 6, "the entry has text");
    words.extend(["sovereignty", "garrison", "protocol", "territory"]);
    for word in words {
        let chars: Vec<char> = word.chars().collect();
        let counts: Vec<usize> =
            (3..=chars.len()).map(|n| index.search(&chars[..n].iter().collect::<String>()).hits.len()).collect();
        assert!(counts[0] > 0 && counts.windows(2).all(|w| w[0] >= w[1]), "{word}: {counts:?}");
    }
}

#[test]
fn a_quoted_phrase_matches_its_words_in_order_and_next_to_each_other() {
    let corpus = corpus(
        r#"Entry(id: "limited", title: "A", kind: Concept, summary: "Its forces shall be strictly limited in number."),
           Entry(id: "reversed", title: "B", kind: Concept, summary: "Limited, and strictly so."),
           Entry(id: "apart", title: "C", kind: Concept, summary: "Strictly speaking, it is limited.")"#,
    );
    assert_eq!(found(&corpus, "\"strictly limited\""), ["limited"]);
    assert_eq!(found(&corpus, "“Strictly limited”"), ["limited"], "typographic quotes and capitals too");
    assert_eq!(found(&corpus, "\"limited strictly\""), Vec::<String>::new());
    assert_eq!(found(&corpus, "\"strictly lim"), ["limited"], "the phrase being typed ends in a prefix");
    assert_eq!(found(&corpus, "\"in number\""), ["limited"]);
    let repeated = repeated_words();
    assert_eq!(found(&repeated, "\"the treaty of the\""), ["twice"], "a word said twice in a phrase");
    assert!(found(&repeated, "\"the the\"").is_empty());
    let mut loose = found(&corpus, "strictly limited");
    loose.sort();
    assert_eq!(loose, ["apart", "limited", "reversed"], "without quotes, the words anywhere");
}

fn repeated_words() -> Corpus {
    corpus(
        r#"Entry(id: "twice", title: "A", kind: Concept, summary: "Under the treaty of the year before."),
           Entry(id: "once", title: "B", kind: Concept, summary: "The treaty of peace.")"#,
    )
}

#[test]
fn typos_are_forgiven_in_text_but_only_where_nothing_matches_as_typed() {
    let corpus = corpus(
        r#"Entry(id: "sps", title: "Plant health", kind: Concept, summary: "s",
                 body: ["Phytosanitary measures apply to imports of grain."]),
           Entry(id: "other", title: "Other", kind: Concept, summary: "Sanitary rules.")"#,
    );
    assert_eq!(found(&corpus, "phytosanitry"), ["sps"]);
    assert_eq!(found(&corpus, "phytosanitry measurs"), ["sps"], "two words, each with a typo");
    assert_eq!(found(&corpus, "sanitary"), ["other"], "an exact match brings no look-alikes");
    let index = Index::new(&corpus);
    let found = index.search("phytosanitry");
    assert_eq!(found.matcher.matched("Phytosanitary measures"), ["phytosanitary"], "the word it matched");
}

#[test]
fn rare_words_short_fields_and_titles_weigh_more() {
    let corpus = corpus(
        r#"Entry(id: "body", title: "One", kind: Concept, summary: "s", body: ["The garrison stood at the port."]),
           Entry(id: "title", title: "Garrison", kind: Concept, summary: "s"),
           Entry(id: "summary", title: "Two", kind: Concept, summary: "The garrison."),
           Entry(id: "long", title: "Three", kind: Concept, summary: "s",
                 body: ["The garrison stood at the port while the talks went on and on through the autumn and the winter, with the port frozen and the ships held in harbour for many weeks."])"#,
    );
    assert_eq!(found(&corpus, "garrison"), ["title", "summary", "body", "long"]);
    let corpus = corpus_of_pairs();
    assert_eq!(found(&corpus, "port zanzibar")[0], "rare", "the rarer word's count decides");
}

fn corpus_of_pairs() -> Corpus {
    corpus(
        r#"Entry(id: "common", title: "A", kind: Concept, summary: "s", body: ["Zanzibar port port port port."]),
           Entry(id: "rare", title: "B", kind: Concept, summary: "s", body: ["Zanzibar zanzibar zanzibar port."]),
           Entry(id: "filler1", title: "C", kind: Concept, summary: "A port."),
           Entry(id: "filler2", title: "D", kind: Concept, summary: "Another port.")"#,
    )
}

#[test]
fn words_near_each_other_rank_first_and_ties_keep_corpus_order() {
    let corpus = corpus(
        r#"Entry(id: "far", title: "A", kind: Concept, summary: "s", body: ["Naval forces, far from here, in bases."]),
           Entry(id: "near", title: "B", kind: Concept, summary: "s", body: ["Naval bases, far from here, for forces."]),
           Entry(id: "twin1", title: "C", kind: Concept, summary: "Naval matters."),
           Entry(id: "twin2", title: "D", kind: Concept, summary: "Naval matters.")"#,
    );
    assert_eq!(found(&corpus, "naval bases"), ["near", "far"]);
    assert_eq!(found(&corpus, "matters"), ["twin1", "twin2"]);
}

#[test]
fn a_search_can_be_kept_to_the_open_entry() {
    let corpus = corpus(
        r#"Entry(id: "first", title: "First agreement", kind: Treaty, summary: "On trade.", articles: [
               Article(text: ["A tariff of five per cent."]),
               Article(text: ["No tariff on grain."]),
           ]),
           Entry(id: "second", title: "Second agreement", kind: Treaty, summary: "On tariff rates.", articles: [
               Article(text: ["The tariff is lowered."]),
           ]),
           Entry(id: "note", title: "Tariff", kind: Concept, summary: "A duty on imports.")"#,
    );
    let index = Index::new(&corpus);
    let everywhere = ids(&corpus, &index.search_in("tariff", Scope::Corpus).hits);
    assert_eq!(everywhere.len(), 5, "{everywhere:?}");
    let mut second = ids(&corpus, &index.search_in("tariff", Scope::Entry(1)).hits);
    second.sort();
    assert_eq!(second, ["second", "second#1"]);
    let mut first = ids(&corpus, &index.search_in("tariff", Scope::Entry(0)).hits);
    first.sort();
    assert_eq!(first, ["first#1", "first#2"]);
    assert!(index.search_in("tariff", Scope::Entry(99)).hits.is_empty(), "an entry that is not there");
}

#[test]
fn accents_and_case_are_folded_as_before() {
    let corpus = corpus(
        r#"Entry(id: "orzel", title: "Orzeł", kind: Concept, summary: "s"),
           Entry(id: "kirhensteins", title: "Augusts Kirhenšteins", kind: Person, summary: "s"),
           Entry(id: "pact", title: "Пакт о взаимопомощи", kind: Treaty, summary: "s")"#,
    );
    assert_eq!(found(&corpus, "orzel"), ["orzel"]);
    assert_eq!(found(&corpus, "ORZEŁ"), ["orzel"]);
    assert_eq!(found(&corpus, "kirhensteins"), ["kirhensteins"]);
    assert_eq!(found(&corpus, "ВЗАИМОПОМОЩИ"), ["pact"]);
}

/// The collection of `tests/fixtures/ranking/collection.ron`, whose expected orders were
/// written down in it before the ranking gave them.
fn collection() -> Corpus {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ranking/collection.ron"));
    load_str(&text.unwrap()).unwrap_or_else(|d| panic!("{d:?}"))
}

#[test]
fn a_title_then_a_heading_then_whole_articles_then_fragments() {
    let corpus = collection();
    assert_eq!(
        found(&corpus, "geographical indications"),
        ["gi", "fta#20.1", "fta#20.2", "fta", "sps#4", "fta#1.2"],
        "the agreement named by it, the article headed by it, the articles about it, a fragment last"
    );
    assert_eq!(found(&corpus, "geographical indicat"), found(&corpus, "geographical indications"), "as it is typed");
}

#[test]
fn a_treaty_whose_title_matches_comes_before_its_own_articles() {
    let corpus = collection();
    assert_eq!(found(&corpus, "trans pacific partnership"), ["tpp", "tpp#1.3"]);
    assert_eq!(found(&corpus, "mutual assistance"), ["pact", "memo"]);
    assert_eq!(found(&corpus, "\"mutual assistance\""), ["pact", "memo"], "as a phrase too");
}
