//! `import --outline`: the structure a reader found in a file, a line for each division,
//! article and annex, so that a user can see what was read and mend the source.

use std::fmt::Write;

use crate::read::format::{ArticleDoc, ChapterDoc, CorpusDoc};
use crate::text::sanitize;

/// The outline of every treaty of `corpus`.
pub fn outline(corpus: &CorpusDoc) -> String {
    let mut out = String::new();
    for entry in corpus.entries.iter().filter(|e| e.kind == crate::model::Kind::Treaty) {
        let _ = writeln!(out, "{} [{}]", sanitize(&entry.title), sanitize(&entry.id));
        if let Some(place) = &entry.signed_at {
            let _ = writeln!(
                out,
                "  signed at {}{}",
                sanitize(place),
                entry.start.as_ref().map_or(String::new(), |d| format!(" on {d}"))
            );
        }
        if !entry.preamble.is_empty() {
            let _ = writeln!(out, "  Preamble ({})", paragraphs(entry.preamble.len()));
        }
        articles(&mut out, &entry.articles, 1);
        for chapter in &entry.chapters {
            divisions(&mut out, chapter, 1);
        }
        for annex in &entry.annexes {
            let _ = writeln!(out, "  {} ({})", sanitize(&annex.title), paragraphs(annex.text.len()));
        }
    }
    out
}

fn divisions(out: &mut String, chapter: &ChapterDoc, depth: usize) {
    let kind = chapter.division.as_deref().unwrap_or("Chapter");
    let title = if chapter.title.is_empty() { String::new() } else { format!(" — {}", sanitize(&chapter.title)) };
    let _ = writeln!(out, "{}{kind} {}{title}", "  ".repeat(depth), sanitize(&chapter.label));
    articles(out, &chapter.articles, depth + 1);
    for inner in &chapter.chapters {
        divisions(out, inner, depth + 1);
    }
}

fn articles(out: &mut String, articles: &[ArticleDoc], depth: usize) {
    for article in articles {
        let label = article.label.as_deref().map(sanitize).unwrap_or_default();
        let heading =
            if article.heading.is_empty() { String::new() } else { format!(" — {}", sanitize(&article.heading)) };
        let items = article.text.iter().filter(|p| p.starts_with("  ") || super::text::is_list_item(p)).count();
        let items = if items > 0 { format!(", {items} list items") } else { String::new() };
        let _ =
            writeln!(out, "{}Article {label}{heading} ({}{items})", "  ".repeat(depth), paragraphs(article.text.len()));
    }
}

fn paragraphs(n: usize) -> String {
    format!("{n} paragraph{}", if n == 1 { "" } else { "s" })
}
