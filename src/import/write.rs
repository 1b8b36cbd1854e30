//! A corpus's treaties written in a published shape, for round trips that `import` must
//! read back: ToTA's XML, one file a treaty. What the shape cannot hold is left out: annexes,
//! notes, links (their words stay), divisions nested in others (an article stands in its
//! innermost one), list levels.

use std::fmt::Write;

use crate::model::{ClauseLabel, Corpus, Entry, date::Precision};

/// Treaty `entry` of `corpus` as a ToTA file.
pub fn tota(corpus: &Corpus, entry: &Entry) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<treaty>\n  <meta>\n");
    let _ = writeln!(out, "    <name>{}</name>", escape(&entry.title));
    out.push_str("    <type>FTA</type>\n");
    if let Some(signing) = &entry.signing {
        out.push_str("    <parties>\n");
        for &party in signing.parties.iter() {
            let _ = writeln!(out, "      <party>{}</party>", escape(&corpus.entries[party].id));
        }
        out.push_str("    </parties>\n");
    }
    if let Some(when) = entry.dates.filter(|d| d.start.precision == Precision::Day) {
        let day = when.start.first;
        let _ = writeln!(out, "    <date_signed>{:04}-{:02}-{:02}</date_signed>", day.year, day.month, day.day);
    }
    if let Some(language) = &entry.language {
        let _ = writeln!(out, "    <language>{}</language>", escape(language));
    }
    out.push_str("  </meta>\n  <body>\n");
    let paragraphs = |clause: &crate::model::Clause| -> String {
        clause.text.iter().map(|t| escape(t.plain.trim())).collect::<Vec<_>>().join("\n")
    };
    let mut open: Option<Option<u32>> = None;
    for clause in entry.clauses.iter() {
        let label = match &clause.label {
            ClauseLabel::Preamble => {
                let _ = writeln!(
                    out,
                    "    <chapter number=\"preamble\" name=\"Preamble\">\n      <article number=\"\" name=\"\">{}</article>\n    </chapter>",
                    paragraphs(clause)
                );
                continue;
            }
            ClauseLabel::Annex(_) => continue,
            ClauseLabel::Article(label) => label,
        };
        if open != Some(clause.chapter) {
            if open.is_some() {
                out.push_str("    </chapter>\n");
            }
            let chapter = clause.chapter.and_then(|k| entry.chapters.get(k as usize));
            let (number, name) = chapter.map_or(("", ""), |c| (c.label.as_str(), c.title.as_str()));
            let _ = writeln!(out, "    <chapter number=\"{}\" name=\"{}\">", escape(number), escape(name));
            open = Some(clause.chapter);
        }
        let _ = writeln!(
            out,
            "      <article number=\"{}\" name=\"{}\">{}</article>",
            escape(label),
            escape(&clause.heading),
            paragraphs(clause)
        );
    }
    if open.is_some() {
        out.push_str("    </chapter>\n");
    }
    out.push_str("  </body>\n</treaty>\n");
    out
}

/// `text` with the characters XML gives a meaning escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
