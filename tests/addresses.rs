//! Every label `check` accepts is reached by an address: for any treaty a corpus may hold,
//! with labels that differ only in case or spacing, labels that read as the preamble, an
//! annex or a chapter, labels with `/`, and the same label in and out of divisions, either
//! `check` refuses it or the address of every part and division leads back to it.

use proptest::prelude::*;
use treaty_tui::model::address;
use treaty_tui::read::load::load_str;

/// Labels real treaties print, some the same to an address in another spelling: most
/// labels are drawn from these.
const LABELS: &[&str] =
    &["1", "2", "3", "1 ", "25 bis", "25-BIS", "IV", "iv", "30.8", "Annex 1", "Ü", "ü", "Статья 1", "1+", "A.", "x_y"];

/// Labels no address could reach, which `check` refuses: a few labels are drawn from these.
const UNREACHABLE: &[&str] = &["preamble", "annex1", "chapter-1", "Chapter 2", "a/b", "/"];

/// A label: one of [`LABELS`] mostly, one of [`UNREACHABLE`] at times.
fn label() -> impl Strategy<Value = &'static str> {
    prop_oneof![30 => prop::sample::select(LABELS), 1 => prop::sample::select(UNREACHABLE)]
}

/// A division, its articles' labels and its own divisions, written as RON.
#[derive(Clone, Debug)]
struct Division {
    label: &'static str,
    articles: Vec<&'static str>,
    divisions: Vec<Division>,
}

fn division() -> impl Strategy<Value = Division> {
    let leaf = (label(), prop::collection::vec(label(), 0..4)).prop_map(|(label, articles)| Division {
        label,
        articles,
        divisions: Vec::new(),
    });
    leaf.prop_recursive(3, 16, 3, |inner| {
        (label(), prop::collection::vec(label(), 0..3), prop::collection::vec(inner, 0..3))
            .prop_map(|(label, articles, divisions)| Division { label, articles, divisions })
    })
}

fn articles(labels: &[&str]) -> String {
    let each = labels.iter().map(|l| format!(r#"Article(label: "{l}", text: ["t"])"#));
    each.collect::<Vec<_>>().join(", ")
}

fn divisions(divisions: &[Division]) -> String {
    let each = divisions.iter().map(|d| {
        format!(
            r#"Chapter(label: "{}", articles: [{}], chapters: [{}])"#,
            d.label,
            articles(&d.articles),
            self::divisions(&d.divisions)
        )
    });
    each.collect::<Vec<_>>().join(", ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn every_part_check_accepts_is_reached_by_its_address(
        top in prop::collection::vec(label(), 0..4),
        within in prop::collection::vec(division(), 0..4),
        preamble: bool,
        annexes in 0..3usize,
    ) {
        let annexes: Vec<String> = (0..annexes).map(|a| format!(r#"Annex(title: "Annex {a}", text: ["a"])"#)).collect();
        let text = format!(
            r#"Corpus(title: "T", entries: [Entry(id: "t", title: "T", kind: Treaty, summary: "s", {} articles: [{}], chapters: [{}], annexes: [{}])])"#,
            if preamble { r#"preamble: ["p"],"# } else { "" },
            articles(&top),
            divisions(&within),
            annexes.join(", "),
        );
        let Ok(corpus) = load_str(&text) else { return Ok(()) };
        let entry = &corpus.entries[0];
        for part in 1..=entry.clauses.len() {
            let written = address::format(&corpus, 0, part);
            prop_assert_eq!(address::parse(&corpus, &written), Ok((0, part)), "{} in {}", written, text);
        }
        for (c, chapter) in entry.chapters.iter().enumerate() {
            let written = format!("t#{}", address::chapter_suffix(entry, c).unwrap());
            let first = (!chapter.clauses.is_empty()).then_some(chapter.clauses.start as usize + 1);
            prop_assert_eq!(address::parse(&corpus, &written).ok().map(|(_, p)| p), first, "{} in {}", written, text);
        }
    }
}

/// The corpus of one treaty whose articles stand outside any division, labelled `labels`.
fn treaty(labels: &[&str]) -> String {
    let each: Vec<String> = labels.iter().map(|l| format!(r#"Article(label: "{l}", text: ["t"])"#)).collect();
    format!(
        r#"Corpus(title: "T", entries: [Entry(id: "t", title: "T", kind: Treaty, summary: "s", articles: [{}])])"#,
        each.join(", ")
    )
}

/// The messages of the problems `check` finds in `text`.
fn problems(text: &str) -> Vec<String> {
    match load_str(text) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(|p| p.message.clone()).collect(),
    }
}

#[test]
fn labels_an_address_reads_alike_are_refused_in_one_division() {
    assert_eq!(
        problems(&treaty(&["25 bis", "25-BIS", "25_bis", " 25 bis "])),
        [
            "two articles in the same division are labelled `25 bis` and `25-BIS`, which addresses read alike",
            "two articles in the same division are labelled `25 bis` and `25_bis`, which addresses read alike",
            "two articles in the same division are labelled `25 bis` and ` 25 bis `, which addresses read alike",
        ]
    );
    assert!(problems(&treaty(&["25 bis", "25 ter", "IV", "30.8"])).is_empty());
}

#[test]
fn labels_that_read_as_another_part_or_hold_a_slash_are_refused() {
    for label in ["preamble", "PREAMBLE", "annex1", "ANNEX12", "chapter-1", "Chapter 3", "a/b", "/"] {
        let found = problems(&treaty(&[label]));
        assert_eq!(found, [format!("no address could reach an article labelled `{label}`")], "{label}");
    }
    for label in ["Annex 1", "Annex_2", "annexe", "chaptered", "3.1"] {
        assert!(problems(&treaty(&[label])).is_empty(), "{label}");
    }
}

#[test]
fn divisions_side_by_side_may_not_share_a_label_of_any_kind_and_apart_they_may() {
    let corpus = |chapters: &str| {
        format!(
            r#"Corpus(title: "T", entries: [Entry(id: "t", title: "T", kind: Treaty, summary: "s", chapters: [{chapters}])])"#
        )
    };
    let chapter = |label: &str, division: &str| {
        format!(
            r#"Chapter(label: "{label}", division: "{division}", articles: [Article(label: "{label}.1", text: ["t"])])"#
        )
    };
    let apart = corpus(&[chapter("X", "Chapter"), chapter("Y", "Chapter"), chapter("x", "Part")].join(", "));
    assert_eq!(problems(&apart), ["two divisions here are called Chapter X and Part x, which addresses read alike"]);
    let nested = corpus(&format!(
        r#"Chapter(label: "1", division: "Part", chapters: [{}]), {}"#,
        chapter("1", "Chapter"),
        chapter("2", "Part")
    ));
    assert!(problems(&nested).is_empty(), "a division may share its label with one it holds");
    for label in ["Chapter 1", "a/b"] {
        let found = problems(&corpus(&chapter(label, "Chapter")));
        assert!(found.contains(&format!("no address could reach a division labelled `{label}`")), "{label}: {found:?}");
    }
}
