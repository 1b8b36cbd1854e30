//! The plain citation, as `y` copies it and the tables' `citation` column gives it.

use crate::model::{Corpus, Entry, Wording, address};
use crate::text::sanitize;

/// Part `part` of `entry` as a citation gives it, its divisions first as a citation of a
/// long treaty does: "Chapter 30, Article 30.8 (Authentic Texts)"; none for the entry itself.
pub fn section(entry: &Entry, part: usize) -> Option<String> {
    let clause = entry.part(part)?;
    let mut section: Vec<String> = entry.chapters_of(part - 1).iter().map(|c| sanitize(&c.name())).collect();
    let mut label = sanitize(&clause.label.to_string());
    if !clause.heading.is_empty() {
        label.push_str(&format!(" ({})", sanitize(&clause.heading)));
    }
    section.push(label);
    Some(section.join(", "))
}

/// The citation of part `part` of entry `entry` of `corpus` (0 for the entry itself):
/// “Title”, its divisions, the part's label and heading, the dates, the treaty series or
/// where else it was published (or the corpus), what its text is when it is not the
/// treaty's own, and the address `--open` takes.
pub fn cite(corpus: &Corpus, entry: usize, part: usize) -> Option<String> {
    cite_at(corpus, entry, part, &address::format(corpus, entry, part))
}

/// [`cite`], with the address of the part already written: for a writer that makes each
/// entry's addresses itself rather than keep them all.
pub fn cite_at(corpus: &Corpus, entry: usize, part: usize, address: &str) -> Option<String> {
    let e = corpus.entries.get(entry)?;
    let mut cite = format!("“{}”", sanitize(&e.title));
    if let Some(section) = section(e, part) {
        cite.push_str(&format!(", {section}"));
    }
    if let Some(dates) = e.dates {
        cite.push_str(&format!(", {dates}"));
    }
    match (&e.series, e.published.first()) {
        (Some(series), _) => cite.push_str(&format!(". {}", sanitize(&series.to_string()))),
        (None, Some(published)) => cite.push_str(&format!(". {}", sanitize(published))),
        (None, None) => cite.push_str(&format!(". In: {}", sanitize(&corpus.title))),
    }
    if let Some(note) = wording_note(corpus, entry) {
        cite.push_str(&format!(". {note}"));
    }
    cite.push_str(&format!(". treaty-tui: {address}"));
    Some(cite)
}

/// What a citation says of entry `entry`'s text when it is not the treaty's own words:
/// "Summary in the corpus's words, not the treaty's text".
pub fn wording_note(corpus: &Corpus, entry: usize) -> Option<&'static str> {
    Some(corpus.wording(entry).filter(|&w| w != Wording::Original)?.told())
}
