//! The open treaty's contents, shown in the list beneath its row: its divisions, which open
//! and close, and its parts.

use crate::model::Entry;

/// A row of the contents: a division or a part of the treaty's page, at a depth of
/// divisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContentsRow {
    /// A division, by its place among the entry's chapters.
    Chapter { chapter: u32, depth: u8 },
    /// A part of the page: its preamble, an article or an annex (1 for the first).
    Part { part: usize, depth: u8 },
}

impl ContentsRow {
    pub fn depth(self) -> u8 {
        match self {
            Self::Chapter { depth, .. } | Self::Part { depth, .. } => depth,
        }
    }
}

/// The contents of one treaty, as far as its divisions are open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// The treaty shown, if the open entry has parts.
    entry: Option<usize>,
    /// Whether the contents are shown (← on the treaty's row hides them, → shows them).
    shown: bool,
    /// Which of the treaty's divisions are open.
    open: Vec<bool>,
    /// Which the reader opened (rather than reading their parts opened them): they stay
    /// open when the reader moves on.
    kept: Vec<bool>,
    /// The rows shown, in the treaty's order.
    items: Vec<ContentsRow>,
}

impl Outline {
    /// The contents of entry `index`, shown, every division closed; none for an entry
    /// without parts.
    pub fn of(index: usize, entry: &Entry) -> Self {
        if entry.clauses.is_empty() {
            return Self::default();
        }
        let closed = vec![false; entry.chapters.len()];
        let mut outline =
            Self { entry: Some(index), shown: true, open: closed.clone(), kept: closed, items: Vec::new() };
        outline.lay_out(entry);
        outline
    }

    /// The treaty whose contents these are, if the open entry has parts.
    pub fn entry(&self) -> Option<usize> {
        self.entry
    }

    /// Shows the contents beneath the treaty's row, or hides them.
    pub(super) fn show(&mut self, shown: bool) {
        self.shown = shown;
    }

    /// The rows shown beneath the treaty's row.
    pub fn rows(&self) -> &[ContentsRow] {
        if self.shown { &self.items } else { &[] }
    }

    /// Whether division `chapter` is open.
    pub fn is_open(&self, chapter: u32) -> bool {
        self.open.get(chapter as usize).copied().unwrap_or(false)
    }

    /// Opens or closes division `chapter`, as the reader asked.
    pub fn set_open(&mut self, entry: &Entry, chapter: u32, open: bool) {
        if let (Some(slot), Some(kept)) = (self.open.get_mut(chapter as usize), self.kept.get_mut(chapter as usize)) {
            *kept = open;
            if *slot != open {
                *slot = open;
                self.lay_out(entry);
            }
        }
    }

    /// Shows the contents with the divisions that hold part `part` open, and of the others
    /// only those the reader opened.
    pub fn reveal(&mut self, entry: &Entry, part: usize) {
        self.shown = true;
        let mut open = self.kept.clone();
        for c in entry.holding(entry.part(part).and_then(|c| c.chapter)) {
            if let Some(slot) = open.get_mut(c as usize) {
                *slot = true;
            }
        }
        if open != self.open {
            self.open = open;
            self.lay_out(entry);
        }
    }

    /// The row of part `part`, when it is shown.
    pub fn row_of(&self, part: usize) -> Option<usize> {
        self.rows().iter().position(|item| matches!(*item, ContentsRow::Part { part: p, .. } if p == part))
    }

    /// The row of the division that holds row `row`, if it is in one.
    pub fn parent(&self, row: usize) -> Option<usize> {
        let depth = self.rows().get(row)?.depth();
        let above = self.rows().get(..row)?;
        above.iter().rposition(|item| matches!(item, ContentsRow::Chapter { .. }) && item.depth() < depth)
    }

    /// Finds the rows shown: a division's row where it opens, then its parts and divisions
    /// when it is open.
    fn lay_out(&mut self, entry: &Entry) {
        self.items.clear();
        // The divisions that hold the clause before, the outermost first.
        let mut holding: Vec<u32> = Vec::new();
        let mut path: Vec<u32> = Vec::new();
        for (k, clause) in entry.clauses.iter().enumerate() {
            path.clear();
            path.extend(entry.holding(clause.chapter));
            path.reverse();
            let kept = holding.iter().zip(&path).take_while(|(a, b)| a == b).count();
            holding.truncate(kept);
            for &chapter in &path[kept..] {
                if holding.iter().all(|&c| self.is_open(c)) {
                    self.items.push(ContentsRow::Chapter { chapter, depth: holding.len() as u8 });
                }
                holding.push(chapter);
            }
            if holding.iter().all(|&c| self.is_open(c)) {
                self.items.push(ContentsRow::Part { part: k + 1, depth: holding.len() as u8 });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::load_str;

    fn treaty() -> crate::model::Corpus {
        load_str(
            r#"Corpus(title: "T", entries: [Entry(id: "code", title: "A code", kind: Treaty, summary: "s",
                preamble: ["P."],
                chapters: [
                    Chapter(label: "I", division: "Part", chapters: [
                        Chapter(label: "1", articles: [Article(label: "1.1", text: ["a"]), Article(label: "1.2", text: ["b"])]),
                        Chapter(label: "2", articles: [Article(label: "2.1", text: ["c"])]),
                    ]),
                    Chapter(label: "II", division: "Part", articles: [Article(label: "3", text: ["d"])]),
                ],
                annexes: [Annex(title: "Annex", text: ["e"])])])"#,
        )
        .unwrap()
    }

    #[test]
    fn closed_divisions_show_their_rows_only() {
        let corpus = treaty();
        let entry = &corpus.entries[0];
        let outline = Outline::of(0, entry);
        use ContentsRow::{Chapter, Part};
        assert_eq!(
            outline.items,
            [
                Part { part: 1, depth: 0 },
                Chapter { chapter: 0, depth: 0 },
                Chapter { chapter: 3, depth: 0 },
                Part { part: 6, depth: 0 }
            ]
        );
    }

    #[test]
    fn revealing_a_part_opens_the_divisions_that_hold_it() {
        let corpus = treaty();
        let entry = &corpus.entries[0];
        let mut outline = Outline::of(0, entry);
        outline.reveal(entry, 4);
        use ContentsRow::{Chapter, Part};
        assert_eq!(
            outline.items,
            [
                Part { part: 1, depth: 0 },
                Chapter { chapter: 0, depth: 0 },
                Chapter { chapter: 1, depth: 1 },
                Chapter { chapter: 2, depth: 1 },
                Part { part: 4, depth: 2 },
                Chapter { chapter: 3, depth: 0 },
                Part { part: 6, depth: 0 },
            ]
        );
        assert_eq!(outline.row_of(4), Some(4));
        assert_eq!(outline.parent(4), Some(3));
        assert_eq!(outline.parent(3), Some(1));
        assert_eq!(outline.parent(1), None);
        outline.set_open(entry, 0, false);
        assert_eq!(outline.items.len(), 4);
        assert_eq!(outline.row_of(4), None);
        outline.shown = false;
        assert!(outline.rows().is_empty());
    }

    #[test]
    fn moving_on_closes_what_reading_opened_and_keeps_what_the_reader_opened() {
        let corpus = treaty();
        let entry = &corpus.entries[0];
        let mut outline = Outline::of(0, entry);
        outline.reveal(entry, 2);
        assert!(outline.is_open(0) && outline.is_open(1));
        outline.reveal(entry, 5);
        assert!(!outline.is_open(0) && !outline.is_open(1), "Part I closes when Part II is read");
        assert!(outline.is_open(3));
        outline.set_open(entry, 0, true);
        outline.reveal(entry, 1);
        assert!(outline.is_open(0), "the reader's own stays open");
        assert!(!outline.is_open(3));
    }

    #[test]
    fn an_entry_without_parts_has_no_contents() {
        let corpus =
            load_str(r#"Corpus(title: "T", entries: [Entry(id: "p", title: "P", kind: Place, summary: "s")])"#)
                .unwrap();
        assert_eq!(Outline::of(0, &corpus.entries[0]), Outline::default());
    }
}
