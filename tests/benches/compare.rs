//! Comparison speed: opening the comparison of two 2,000-word articles and drawing it at
//! 200×50, and setting two treaties of 500 articles side by side, each article's words
//! compared, by the parallels they declare or by their text. `cargo bench --bench compare`.

use std::fmt::Write;
use std::sync::LazyLock;

use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use treaty_tui::app::{Action, App};
use treaty_tui::compare::{self, Parallels};
use treaty_tui::model::Corpus;
use treaty_tui::read::load::load_str;

fn main() {
    divan::main();
}

/// A little generator of prose: words drawn from a vocabulary of 5,000, the common ones
/// far more often (a Zipf-like draw), in sentences.
struct Prose(u64);

impl Prose {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn word(&mut self) -> String {
        let rank = (5000f64.powf((self.next() % 10_000) as f64 / 10_000.0)) as u64;
        format!("w{rank}")
    }

    /// A paragraph of `words` words.
    fn paragraph(&mut self, words: usize) -> Vec<String> {
        (0..words).map(|_| self.word()).collect()
    }
}

/// Two treaties whose articles answer to each other, `articles` articles of `paragraphs`
/// paragraphs of `words` words each; the second changes about one word in ten, leaves out
/// a paragraph in ten and adds one in ten. The first names each counterpart as a parallel
/// when `declared`.
fn two_treaties(articles: usize, paragraphs: usize, words: usize, declared: bool) -> String {
    let mut prose = Prose(0x2545_F491_4F6C_DD1D);
    let (mut first, mut second) = (String::new(), String::new());
    for a in 1..=articles {
        let (mut mine, mut theirs) = (Vec::new(), Vec::new());
        for k in 0..paragraphs {
            let paragraph = prose.paragraph(words);
            let roll = prose.next() % 10;
            let changed: Vec<String> = paragraph
                .iter()
                .map(|w| if prose.next().is_multiple_of(10) { prose.word() } else { w.clone() })
                .collect();
            mine.push(paragraph.join(" "));
            match roll {
                // A paragraph left out, but never an article's first.
                0 if k > 0 => {}
                1 => {
                    theirs.push(changed.join(" "));
                    theirs.push(prose.paragraph(words).join(" "));
                }
                _ => theirs.push(changed.join(" ")),
            }
        }
        let quoted = |ps: &[String]| ps.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join(", ");
        let parallels = if declared { format!("\"b#{a}\"") } else { String::new() };
        let _ = write!(first, "Article(text: [{}], parallels: [{parallels}]),", quoted(&mine));
        let _ = write!(second, "Article(text: [{}]),", quoted(&theirs));
    }
    format!(
        "Corpus(title: \"Two treaties\", entries: [\
         Entry(id: \"a\", title: \"Treaty A\", kind: Treaty, summary: \"A.\", articles: [{first}]),\
         Entry(id: \"b\", title: \"Treaty B\", kind: Treaty, summary: \"B.\", articles: [{second}])])"
    )
}

/// Two articles of 2,000 words (20 paragraphs of 100).
static LONG: LazyLock<String> = LazyLock::new(|| two_treaties(1, 20, 100, true));

/// Two treaties of 500 articles of about 175 words (3 paragraphs of 58).
static MANY: LazyLock<Corpus> = LazyLock::new(|| load_str(&two_treaties(500, 3, 58, true)).expect("the treaties load"));

/// The same two treaties, naming no counterparts: their articles are paired by their text.
static UNDECLARED: LazyLock<Corpus> =
    LazyLock::new(|| load_str(&two_treaties(500, 3, 58, false)).expect("the treaties load"));

#[divan::bench(sample_count = 50)]
fn open_and_draw_two_2000_word_articles(bencher: Bencher) {
    bencher
        .with_inputs(|| {
            let mut app = App::new(load_str(&LONG).expect("the two articles load"));
            app.update(Action::Resize(200, 50));
            app.start_at(0, 1);
            (app, Terminal::new(TestBackend::new(200, 50)).unwrap())
        })
        .bench_local_values(|(mut app, mut terminal)| {
            app.update(Action::Compare);
            terminal.draw(|frame| treaty_tui::ui::draw(frame, &app, &treaty_tui::ui::theme::COLOUR)).unwrap();
            (app, terminal)
        });
}

#[divan::bench(sample_count = 20)]
fn two_500_article_treaties_side_by_side(bencher: Bencher) {
    let corpus = &*MANY;
    bencher.bench(|| {
        let parallels = Parallels::new(corpus);
        compare::treaties_aligned(corpus, &parallels, 0, 1)
            .iter()
            .filter_map(|(_, aligned)| aligned.as_ref().map(|a| a.tally.same))
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 20)]
fn two_500_article_treaties_aligned_by_their_text(bencher: Bencher) {
    let corpus = &*UNDECLARED;
    bencher.bench(|| {
        let parallels = Parallels::new(corpus);
        let rows = compare::treaties_aligned(corpus, &parallels, 0, 1);
        assert_eq!(
            rows.iter().filter(|(row, _)| row.left.len() == 1 && row.right == [(1, row.left[0].1)]).count(),
            500
        );
        rows.len()
    });
}

/// The explorer's overview (`o`) of those two treaties, the second set beside the first as
/// it is once chosen from the similar articles: every article paired by its text.
#[divan::bench(sample_count = 20)]
fn the_overview_of_two_500_article_treaties_paired_by_their_text(bencher: Bencher) {
    use treaty_tui::app::{ByHand, Comparing, Overlay};
    static SHARED: LazyLock<std::sync::Arc<Corpus>> =
        LazyLock::new(|| std::sync::Arc::new(load_str(&two_treaties(500, 3, 58, false)).expect("the treaties load")));
    bencher
        .with_inputs(|| {
            let mut app = App::new(std::sync::Arc::clone(&SHARED));
            app.start_at(0, 1);
            // `c` (the articles most like it, as the treaty names no counterparts), the index
            // of similar articles made, and Enter on the most like.
            app.update(Action::Compare);
            ByHand::new(None).settle(&mut app);
            app.update(Action::Open);
            let Some(Overlay::Compare(Comparing { columns, similar: None, .. })) = app.overlay() else {
                panic!("an article chosen from the similar ones")
            };
            assert_eq!(columns[0].places, [(1, 1)], "the most like is its counterpart");
            app
        })
        .bench_local_values(|mut app| {
            app.update(Action::Overview);
            let Some(Overlay::Compare(Comparing { overview: Some(overview), .. })) = app.overlay() else {
                panic!("the overview is open")
            };
            assert_eq!(overview.rows.iter().filter(|r| r.cells[0].by_text).count(), 500);
            app
        });
}

/// Only the pairing of those articles by their text, their words not yet compared.
#[divan::bench(sample_count = 20)]
fn two_500_article_treaties_paired_by_their_text(bencher: Bencher) {
    let corpus = &*UNDECLARED;
    let (left, right): (Vec<_>, Vec<_>) = ((1..=500).map(|p| (0, p)).collect(), (1..=500).map(|p| (1, p)).collect());
    bencher.bench(|| {
        let counted = compare::words::Counted::new(corpus, &[0, 1]);
        compare::align::pairs(corpus, &counted, &left, &right).len()
    });
}

#[divan::bench(sample_count = 20)]
fn the_parallels_of_500_articles(bencher: Bencher) {
    let corpus = &*MANY;
    bencher.bench(|| Parallels::new(corpus));
}

/// A generated collection of 500 treaties shaped as a real one of trade agreements (over
/// 40,000 articles and annexes).
static COLLECTION: LazyLock<Corpus> =
    LazyLock::new(|| load_str(&treaty_tui::synth::treaties(1, 500)).expect("the collection loads"));

static SIMILAR: LazyLock<compare::similar::Similar> = LazyLock::new(|| compare::similar::Similar::new(&COLLECTION));

#[divan::bench(sample_count = 3)]
fn similar_clauses_index_of_500_treaties(bencher: Bencher) {
    let corpus = &*COLLECTION;
    bencher.bench(|| compare::similar::Similar::new(corpus).len());
}

/// The ten articles most like one, for articles spread over the collection.
#[divan::bench(sample_count = 20, args = [1, 100, 200, 300, 449])]
fn similar_clauses_of_one_article(bencher: Bencher, treaty: usize) {
    let similar = &*SIMILAR;
    let entry = COLLECTION.entries.iter().enumerate().filter(|(_, e)| !e.clauses.is_empty()).nth(treaty).unwrap().0;
    bencher.bench(|| similar.like((entry, 2), 10));
}

#[divan::bench(sample_count = 1)]
fn articles_in_the_collection(bencher: Bencher) {
    let count: usize = COLLECTION.entries.iter().map(|e| e.clauses.len()).sum();
    println!("{count} clauses in {} treaties, {} indexed", COLLECTION.entries.len(), SIMILAR.len());
    bencher.bench(|| count);
}
