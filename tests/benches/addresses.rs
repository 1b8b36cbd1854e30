//! Addresses and parallels at scale: an address that leads nowhere in a treaty of 40,000
//! articles, answered with the parts it might have meant (its addresses made first, as the
//! first address asked of a treaty makes them); and two treaties of 50,000 articles read
//! and checked with a parallel on every article, beside the same without. Generated
//! treaties (labels 1, 2, 3…, one sentence an article). `cargo bench --bench addresses`.

use divan::Bencher;
use treaty_tui::model::address;
use treaty_tui::read::load::load_str;

fn main() {
    divan::main();
}

/// A treaty `id` of `n` articles labelled 1, 2, 3…, each naming its counterpart in
/// `counterpart` when there is one.
fn treaty(id: &str, n: usize, counterpart: Option<&str>) -> String {
    let articles: Vec<String> = (1..=n)
        .map(|i| {
            let named = counterpart.map_or_else(String::new, |c| format!(r#", parallels: ["{c}#{i}"]"#));
            format!(r#"Article(label: "{i}", text: ["The parties agree on the terms of article {i}."]{named})"#)
        })
        .collect();
    format!(
        r#"Entry(id: "{id}", title: "Treaty {id}", kind: Treaty, summary: "s", articles: [{}])"#,
        articles.join(",")
    )
}

fn corpus(entries: &[String]) -> String {
    format!(r#"Corpus(title: "T", entries: [{}])"#, entries.join(","))
}

#[divan::bench(sample_count = 10)]
fn an_address_that_leads_nowhere_in_40000_articles(bencher: Bencher) {
    let text = corpus(&[treaty("t", 40_000, None)]);
    bencher.with_inputs(|| load_str(&text).unwrap()).bench_local_refs(|corpus| {
        let message = address::parse(corpus, "t#nope").unwrap_err();
        assert!(message.contains("and 39,995 more"), "{message}");
    });
}

#[divan::bench(sample_count = 5, args = [false, true])]
fn two_50000_article_treaties_checked(bencher: Bencher, parallels: bool) {
    let text = corpus(&[treaty("ta", 50_000, parallels.then_some("tb")), treaty("tb", 50_000, None)]);
    bencher.bench(|| load_str(&text).unwrap());
}
