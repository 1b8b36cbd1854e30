//! The search index measured against tantivy on the same generated corpus: building, size,
//! opening, and queries of every shape, each run 20 times (median and slowest printed).
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{Schema, TEXT};
use tantivy::{Index, IndexWriter, TantivyDocument};

fn main() {
    let n: usize = std::env::args().nth(1).map_or(100_000, |a| a.parse().unwrap());
    let t = Instant::now();
    let corpus = treaty_tui::read::load::load_str(&treaty_tui::synth::corpus(1, n)).unwrap();
    eprintln!("corpus {:?}", t.elapsed());

    // Ours.
    let t = Instant::now();
    let ours = treaty_tui::search::Index::new(&corpus);
    eprintln!("ours: build {:?}", t.elapsed());
    let runs: usize = ours.runs().iter().map(|r| r.len()).sum();
    eprintln!("ours: runs of bytes {} MB (postings, places, vocabulary)", runs >> 20);

    // Tantivy: one document per item, five fields with positions.
    let mut sb = Schema::builder();
    let title = sb.add_text_field("title", TEXT);
    let alias = sb.add_text_field("alias", TEXT);
    let summary = sb.add_text_field("summary", TEXT);
    let text = sb.add_text_field("text", TEXT);
    let body = sb.add_text_field("body", TEXT);
    let schema = sb.build();
    let dir = &std::env::temp_dir().join("treaty-tui-compare-index");
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let t = Instant::now();
    let index = Index::create_in_dir(dir, schema).unwrap();
    let mut writer: IndexWriter = index.writer_with_num_threads(2, 400_000_000).unwrap();
    for entry in &corpus.entries {
        let mut doc = TantivyDocument::default();
        doc.add_text(title, &entry.title);
        for a in entry.aliases.iter() {
            doc.add_text(alias, a);
        }
        doc.add_text(summary, &entry.summary.plain);
        for p in entry.body.iter() {
            doc.add_text(body, &p.plain);
        }
        writer.add_document(doc).unwrap();
        for clause in entry.clauses.iter() {
            let mut doc = TantivyDocument::default();
            for p in clause.text.iter().chain(clause.notes.iter()) {
                doc.add_text(text, &p.plain);
            }
            writer.add_document(doc).unwrap();
        }
    }
    for event in &corpus.events {
        let mut doc = TantivyDocument::default();
        doc.add_text(text, &event.title);
        doc.add_text(text, &event.text.plain);
        writer.add_document(doc).unwrap();
    }
    writer.commit().unwrap();
    writer.wait_merging_threads().unwrap();
    eprintln!("tantivy: build {:?}", t.elapsed());
    let size: u64 = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    eprintln!("tantivy: size {} MB", size >> 20);
    let t = Instant::now();
    let index = Index::open_in_dir(dir).unwrap();
    let reader = index.reader().unwrap();
    let searcher = reader.searcher();
    eprintln!("tantivy: open {:?}", t.elapsed());
    let mut parser = QueryParser::for_index(&index, vec![title, alias, summary, text, body]);
    parser.set_conjunction_by_default();
    for (f, b) in [(title, 5.0), (alias, 4.0), (summary, 3.0), (text, 2.0), (body, 1.0)] {
        parser.set_field_boost(f, b);
    }
    let mut fuzzy = QueryParser::for_index(&index, vec![title, alias, summary, text, body]);
    fuzzy.set_conjunction_by_default();
    for f in [title, alias, summary, text, body] {
        fuzzy.set_field_fuzzy(f, true, 1, true);
    }
    let time = |label: &str, run: &dyn Fn() -> usize| {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..20 {
            let t = Instant::now();
            hits = run();
            times.push(t.elapsed());
        }
        times.sort();
        eprintln!("{label}: median {:?} slowest {:?} hits {hits}", times[10], times[19]);
    };
    for q in ["zanzibar", "territory", "sovereignty garrison", "\"the contracting\""] {
        let query = parser.parse_query(q).unwrap();
        time(&format!("tantivy {q} (all hits ranked)"), &|| {
            let count = searcher.search(&query, &Count).unwrap();
            searcher.search(&query, &TopDocs::with_limit(count.max(1))).unwrap().len()
        });
        time(&format!("tantivy {q} (top 100 + count)"), &|| {
            searcher.search(&query, &(TopDocs::with_limit(100), Count)).unwrap().1
        });
        time(&format!("ours {q}"), &|| ours.search(q).hits.len());
    }
    let query = fuzzy.parse_query("sovreignty").unwrap();
    time("tantivy sovreignty fuzzy 1 prefix (top 100 + count)", &|| {
        searcher.search(&query, &(TopDocs::with_limit(100), Count)).unwrap().1
    });
    time("ours sovreignty", &|| ours.search("sovreignty").hits.len());
    for letters in [3, 6, 10] {
        let prefix = &"sovereignt"[..letters];
        let clauses: Vec<(tantivy::query::Occur, Box<dyn tantivy::query::Query>)> = [title, alias, summary, text, body]
            .into_iter()
            .map(|f| {
                let q: Box<dyn tantivy::query::Query> =
                    Box::new(tantivy::query::RegexQuery::from_pattern(&format!("{prefix}.*"), f).unwrap());
                (tantivy::query::Occur::Should, q)
            })
            .collect();
        let query = tantivy::query::BooleanQuery::new(clauses);
        time(&format!("tantivy prefix {prefix} (top 100 + count)"), &|| {
            searcher.search(&query, &(TopDocs::with_limit(100), Count)).unwrap().1
        });
        time(&format!("ours prefix {prefix}"), &|| ours.search(prefix).hits.len());
    }
}
