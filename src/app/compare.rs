//! The comparison view: an article of the open treaty beside its counterparts in other
//! treaties, a column each, aligned paragraph by paragraph with the words that differ
//! marked, stepped through the treaty together (`]`, `[`).

use super::{App, Overlay};
use crate::compare::diff::{Aligned, Op};
use crate::compare::{self, Parallels, Place, TreatyRow};
use crate::model::Corpus;
use crate::text::wrap::{WrappedLine, wrap};

/// The comparison open: which article, beside which treaties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparing {
    /// The open treaty and its article compared.
    pub base: Place,
    /// Every treaty with a counterpart of one of the open treaty's articles, in corpus order.
    pub treaties: Vec<usize>,
    /// The one of them standing beside it, or all (`None`).
    pub chosen: Option<usize>,
    /// The columns after the first: each treaty beside it, its counterparts of the article,
    /// and how they line up with it (nothing where it has none).
    pub columns: Vec<Column>,
    /// The first row shown.
    pub scroll: usize,
    /// The column shown when only one fits (0 for the article itself).
    pub shown: usize,
    /// The whole-treaty overview, while it is shown instead of the article.
    pub overview: Option<Overview>,
    /// The articles most like this one anywhere in the corpus, while they are listed.
    pub similar: Option<SimilarList>,
    /// Whether the words inserted and left out are marked; without, each column reads
    /// exactly as its article is written.
    pub marks: bool,
}

/// The articles most like the one compared, best first, with their scores; `None` while
/// the index of similar clauses is being built aside.
#[derive(Clone, Debug, PartialEq)]
pub struct SimilarList {
    pub hits: Option<Vec<(Place, f32)>>,
    pub selected: usize,
}

/// How many similar articles the list shows.
const MOST_LIKE: usize = 20;

impl Eq for SimilarList {}

/// Every article of the open treaty beside its counterparts in each treaty shown, with how
/// much of each is the same; the articles of those treaties that answer to none of its own
/// on rows of their own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overview {
    pub rows: Vec<OverviewRow>,
    pub selected: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverviewRow {
    /// The open treaty's article, if the row has one.
    pub base: Option<Place>,
    /// For each treaty shown: its articles on the row.
    pub cells: Vec<OverviewCell>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OverviewCell {
    pub places: Vec<Place>,
    /// The share of words the same (in thousandths), where the row has the open treaty's
    /// article too.
    pub same: Option<u32>,
    /// Paired with the open treaty's article by their words, the corpus naming no counterpart.
    pub by_text: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub entry: usize,
    pub places: Vec<Place>,
    pub aligned: Option<Aligned>,
    /// Chosen from the similar articles rather than named as a parallel.
    pub suggested: bool,
    /// Found by setting the two treaties side by side by their words, the corpus naming no
    /// counterpart of the article there.
    pub by_text: bool,
}

/// Two treaties set side by side article by article ([`compare::treaties`]), kept for each
/// pair of treaties as it is first compared until the corpus changes: where the corpus
/// names no counterpart of an article in a treaty beside it, the counterpart comes from
/// them, as in the overview and `treaty-tui compare A B`.
#[derive(Debug, Default)]
pub struct Pairings {
    of: hashbrown::HashMap<(usize, usize), std::sync::Arc<[TreatyRow]>>,
}

impl Pairings {
    /// The counterparts of `place` in treaty `entry`, and whether they were found by their words.
    fn counterparts(
        &mut self,
        corpus: &Corpus,
        parallels: &Parallels,
        place: Place,
        entry: usize,
    ) -> (Vec<Place>, bool) {
        compare::counterparts(parallels, place, entry, || {
            let rows = self.of.entry((place.0, entry)).or_insert_with(|| {
                let started = std::time::Instant::now();
                let rows: std::sync::Arc<[TreatyRow]> = compare::treaties(corpus, parallels, place.0, entry).into();
                let id = |e: usize| corpus.entries.get(e).map_or("", |entry| entry.id.as_str());
                log::debug!(
                    "{} and {} set side by side article by article: {} rows in {:.1?}",
                    id(place.0),
                    id(entry),
                    rows.len(),
                    started.elapsed()
                );
                rows
            });
            std::sync::Arc::clone(rows)
        })
    }
}

/// What a piece of a column's text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// A heading: the treaty, the article and how much is the same.
    Head,
    /// Words of a counterpart that the compared article does not have.
    Inserted,
    /// Words of the compared article that the counterpart beside it does not have.
    Deleted,
    /// A note in place of text ("no counterpart").
    Note,
}

/// The comparison's rows as last laid out, and what they were laid out for: kept until the
/// corpus, the article, the columns, the marks or the width change, so that neither a frame
/// nor a scroll key wraps them again.
#[derive(Debug, Default)]
pub struct LaidOut {
    key: Option<LaidOutKey>,
    rows: Vec<Vec<WrappedLine<Mark>>>,
}

/// What the comparison's rows were laid out for.
#[derive(Debug, PartialEq, Eq)]
struct LaidOutKey {
    /// The corpus's version.
    generation: u64,
    widths: Vec<usize>,
    /// One column shown at a time, and which.
    one: bool,
    shown: usize,
    base: Place,
    /// Each column's treaty, counterparts, whether it is suggested and whether found by
    /// the treaties' words.
    columns: Vec<(usize, Vec<Place>, bool, bool)>,
    marks: bool,
}

/// The narrowest a view shows its columns side by side; below, one at a time.
pub const SIDE_BY_SIDE_FROM: u16 = 80;

/// The width of each column shown in a comparison `width` cells wide (within its frame,
/// a rule between columns) of `columns` columns, and whether only one is shown.
pub fn widths(width: u16, columns: usize) -> (Vec<usize>, bool) {
    let inner = usize::from(width.saturating_sub(2));
    if width < SIDE_BY_SIDE_FROM || columns <= 1 {
        return (vec![inner], columns > 1);
    }
    let each = inner.saturating_sub(3 * (columns - 1)) / columns;
    (vec![each; columns], false)
}

/// The comparison's room in the explorer's state: what comparing works out once for the
/// corpus and keeps, and the comparison open as last laid out.
#[derive(Debug, Default)]
pub struct Comparisons {
    /// The comparison open, laid out (see [`App::laid_out_rows`]).
    laid_out: LaidOut,
    /// The parallels the corpus declares, read both ways, once asked for.
    parallels: Option<std::sync::Arc<Parallels>>,
    /// Treaties set side by side by their words, as each pair is first compared.
    pairings: Pairings,
    /// The index of similar clauses, once built aside.
    similar: Option<std::sync::Arc<crate::compare::similar::Similar>>,
}

impl Comparisons {
    /// Another corpus: what was worked out for the old one is let go.
    pub(super) fn forget_corpus(&mut self) {
        self.parallels = None;
        self.pairings = Pairings::default();
        self.similar = None;
    }
}

impl App {
    /// What the comparison open now is laid out for in a terminal `width` cells wide.
    fn laid_out_key(&self, width: u16) -> Option<LaidOutKey> {
        let Some(Overlay::Compare(c)) = &self.overlay else { return None };
        let (widths, one) = widths(width, c.columns.len() + 1);
        let columns = c.columns.iter().map(|col| (col.entry, col.places.clone(), col.suggested, col.by_text)).collect();
        Some(LaidOutKey {
            generation: self.generation,
            widths,
            one,
            shown: if one { c.shown } else { 0 },
            base: c.base,
            columns,
            marks: c.marks,
        })
    }

    /// Lays the comparison open out again when what it shows or the width has changed.
    pub(super) fn lay_out_comparison(&mut self) {
        let Some(key) = self.laid_out_key(self.size.0) else { return };
        let Some(Overlay::Compare(c)) = &self.overlay else { return };
        // Not while the overview or the similar articles stand in its place.
        if self.comparisons.laid_out.key.as_ref() == Some(&key) || c.overview.is_some() || c.similar.is_some() {
            return;
        }
        let rows = rows(&self.corpus, c, &key.widths, key.one);
        self.comparisons.laid_out = LaidOut { rows, key: Some(key) };
    }

    /// The rows of the comparison open, laid out for a terminal `width` cells wide, when they
    /// are laid out already.
    pub fn laid_out_rows(&self, width: u16) -> Option<&[Vec<WrappedLine<Mark>>]> {
        let key = self.laid_out_key(width)?;
        (self.comparisons.laid_out.key.as_ref() == Some(&key)).then_some(self.comparisons.laid_out.rows.as_slice())
    }

    /// `c`: the open article beside its counterparts; on a treaty's first page, its first
    /// article that has any. A notice when there are none.
    pub(super) fn open_compare(&mut self) {
        let page = self.reader.spot().page;
        let parallels = self.parallels();
        let corpus = std::sync::Arc::clone(&self.corpus);
        let Some(entry) = corpus.entries.get(page.entry) else { return };
        if entry.clauses.is_empty() {
            self.notice = Some("nothing to compare: open a treaty's article first".into());
            return;
        }
        let treaties = parallels.treaties_of(&corpus, page.entry);
        let part = match page.part {
            0 => (1..=entry.clauses.len()).find(|&p| !parallels.of((page.entry, p)).is_empty()).unwrap_or(1),
            part => part,
        };
        let mut comparing = Comparing {
            base: (page.entry, part),
            treaties,
            chosen: None,
            columns: Vec::new(),
            scroll: 0,
            shown: 0,
            overview: None,
            similar: None,
            marks: true,
        };
        fill(&self.corpus, &parallels, &mut self.comparisons.pairings, &mut comparing);
        // A treaty whose corpus names no counterpart of any article: the articles most
        // like this one are offered instead, to set one beside it as a suggestion.
        if comparing.treaties.is_empty() {
            let hits = self.comparisons.similar.as_ref().map(|s| s.like(comparing.base, MOST_LIKE));
            comparing.similar = Some(SimilarList { hits, selected: 0 });
            self.notice = Some(format!("{} names no counterparts: the articles most like this one", entry.id));
        }
        self.overlay = Some(Overlay::Compare(comparing));
    }

    /// The corpus's parallels, read once.
    fn parallels(&mut self) -> std::sync::Arc<Parallels> {
        let corpus = &self.corpus;
        std::sync::Arc::clone(
            self.comparisons.parallels.get_or_insert_with(|| std::sync::Arc::new(Parallels::new(corpus))),
        )
    }

    /// `]` and `[` in the comparison: every column to the next or previous article; said
    /// when a counterpart chosen from the similar articles has none there.
    pub(super) fn step_compared(&mut self, forward: bool) {
        let parallels = self.parallels();
        let Some(Overlay::Compare(comparing)) = &mut self.overlay else { return };
        let (entry, part) = comparing.base;
        let last = self.corpus.entries.get(entry).map_or(1, |e| e.clauses.len());
        let next = if forward { part + 1 } else { part.saturating_sub(1) };
        if next == 0 || next > last {
            self.notice = Some(if forward { "the treaty's last part" } else { "the treaty's first part" }.into());
            return;
        }
        let suggested = comparing.columns.iter().any(|c| c.suggested);
        comparing.base = (entry, next);
        comparing.scroll = 0;
        comparing.overview = None;
        fill(&self.corpus, &parallels, &mut self.comparisons.pairings, comparing);
        if suggested {
            let part = part_label(&self.corpus, comparing.base);
            let title = |e: usize| self.corpus.entries.get(e).map_or(String::new(), |entry| entry.title.to_string());
            self.notice = Some(match comparing.columns.as_slice() {
                [column] if column.aligned.is_none() => {
                    format!("{} has no counterpart of {part}; s lists the articles most like it", title(column.entry))
                }
                [column] if column.by_text => {
                    let theirs = column.places.iter().map(|&p| part_label(&self.corpus, p)).collect::<Vec<_>>();
                    format!(
                        "{part} beside {}, paired by their words; s lists the articles most like it",
                        theirs.join(" + ")
                    )
                }
                _ => format!("{part} beside the counterparts named for it; s lists the articles most like it"),
            });
        }
    }

    /// `d` in the comparison: the words inserted and left out marked, or each column as
    /// its article is written.
    pub(super) fn toggle_marks(&mut self) {
        if let Some(Overlay::Compare(comparing)) = &mut self.overlay {
            comparing.marks = !comparing.marks;
            self.notice = Some(if comparing.marks {
                "the words inserted and left out are marked".into()
            } else {
                "each article as it is written, unmarked".into()
            });
        }
    }

    /// `t` in the comparison: one treaty beside the article after another, then all again.
    pub(super) fn choose_beside(&mut self) {
        let parallels = self.parallels();
        let Some(Overlay::Compare(comparing)) = &mut self.overlay else { return };
        comparing.chosen = match comparing.chosen {
            None => Some(0),
            Some(k) if k + 1 < comparing.treaties.len() => Some(k + 1),
            Some(_) => None,
        };
        comparing.scroll = 0;
        fill(&self.corpus, &parallels, &mut self.comparisons.pairings, comparing);
        if comparing.overview.is_some() {
            comparing.overview = Some(overview(&self.corpus, &parallels, comparing));
        }
    }

    /// `o` in the comparison: the whole-treaty overview, or back to the article.
    pub(super) fn toggle_overview(&mut self) {
        let parallels = self.parallels();
        let Some(Overlay::Compare(comparing)) = &mut self.overlay else { return };
        comparing.overview = match comparing.overview {
            Some(_) => None,
            None => Some(overview(&self.corpus, &parallels, comparing)),
        };
    }

    /// Enter in the overview: the comparison of the selected row's article.
    pub(super) fn compare_selected(&mut self) {
        if matches!(&self.overlay, Some(Overlay::Compare(Comparing { similar: Some(_), .. }))) {
            return self.compare_similar();
        }
        let parallels = self.parallels();
        let Some(Overlay::Compare(comparing)) = &mut self.overlay else { return };
        let Some(overview) = &comparing.overview else { return };
        match overview.rows.get(overview.selected).and_then(|row| row.base) {
            Some(base) => {
                comparing.base = base;
                comparing.overview = None;
                comparing.scroll = 0;
                fill(&self.corpus, &parallels, &mut self.comparisons.pairings, comparing);
            }
            None => self.notice = Some("this article answers to none of the open treaty's".into()),
        }
    }

    /// `s` in the comparison: the articles most like this one anywhere in the corpus (as
    /// soon as their index is built aside), or back.
    pub(super) fn toggle_similar(&mut self) {
        let similar = self.comparisons.similar.clone();
        let Some(Overlay::Compare(comparing)) = &mut self.overlay else { return };
        comparing.similar = match comparing.similar {
            Some(_) => None,
            None => Some(SimilarList { hits: similar.map(|s| s.like(comparing.base, MOST_LIKE)), selected: 0 }),
        };
    }

    /// The index of similar clauses, built aside: kept, and the list waiting for it filled.
    /// Whether the screen changed: whether a list waited for it.
    pub(super) fn take_similar(
        &mut self,
        generation: u64,
        similar: std::sync::Arc<crate::compare::similar::Similar>,
    ) -> bool {
        if generation != self.generation {
            return false;
        }
        let mut shown = false;
        if let Some(Overlay::Compare(Comparing {
            base, similar: Some(list @ SimilarList { hits: None, .. }), ..
        })) = &mut self.overlay
        {
            list.hits = Some(similar.like(*base, MOST_LIKE));
            shown = true;
        }
        self.comparisons.similar = Some(similar);
        shown
    }

    /// The corpus to build the index of similar clauses of, while a list waits for it.
    pub(super) fn similar_wanted(&self) -> Option<std::sync::Arc<Corpus>> {
        let waiting = matches!(
            &self.overlay,
            Some(Overlay::Compare(Comparing { similar: Some(SimilarList { hits: None, .. }), .. }))
        );
        (waiting && self.comparisons.similar.is_none()).then(|| std::sync::Arc::clone(&self.corpus))
    }

    /// Enter in the list of similar articles: the selected one beside the article.
    fn compare_similar(&mut self) {
        let Some(Overlay::Compare(comparing)) = &mut self.overlay else { return };
        let Some(list) = comparing.similar.take() else { return };
        let Some(&(place, _)) = list.hits.as_ref().and_then(|hits| hits.get(list.selected)) else {
            comparing.similar = Some(list);
            return;
        };
        let aligned = Some(compare::clauses(&self.corpus, &[comparing.base], &[place]));
        comparing.columns =
            vec![Column { entry: place.0, places: vec![place], aligned, suggested: true, by_text: false }];
        // Its treaty stands beside the article from now on, alone, as `t` would set it.
        let k = comparing.treaties.binary_search(&place.0).unwrap_or_else(|k| {
            comparing.treaties.insert(k, place.0);
            k
        });
        comparing.chosen = Some(k);
        comparing.shown = comparing.shown.min(1);
        comparing.scroll = 0;
    }

    /// Tab in a comparison too narrow for its columns side by side: the next column.
    pub(super) fn next_column(&mut self) {
        if let Some(Overlay::Compare(comparing)) = &mut self.overlay {
            comparing.shown = (comparing.shown + 1) % (comparing.columns.len() + 1);
            comparing.scroll = 0;
        }
    }

    /// Whether the comparison is open.
    pub(super) fn comparing(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Compare(_)))
    }

    /// How many columns the open comparison has: the article and each treaty beside it.
    pub(super) fn compared_columns(&self) -> usize {
        match &self.overlay {
            Some(Overlay::Compare(comparing)) => comparing.columns.len() + 1,
            _ => 0,
        }
    }

    /// `y` in the comparison: the articles compared, each with its citation.
    pub(super) fn cite_compared(&self) -> Option<String> {
        let Some(Overlay::Compare(comparing)) = &self.overlay else { return None };
        let places = std::iter::once(comparing.base).chain(comparing.columns.iter().flat_map(|c| c.places.clone()));
        let parts: Vec<String> = places
            .filter_map(|(e, part)| {
                let text = compare::paragraphs(&self.corpus, &[(e, part)]).join("\n");
                Some(format!("{}\n{}", crate::text::sanitize(&text), self.cite_part(e, part)?))
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }
}

/// The columns of `comparing` for its article: in each treaty beside it, the counterparts
/// the corpus names, or else those the two treaties set side by side give it.
fn fill(corpus: &Corpus, parallels: &Parallels, pairings: &mut Pairings, comparing: &mut Comparing) {
    let beside: Vec<usize> = match comparing.chosen {
        Some(k) => comparing.treaties.get(k).copied().into_iter().collect(),
        None => comparing.treaties.clone(),
    };
    comparing.columns = beside
        .into_iter()
        .map(|entry| {
            let (places, by_text) = pairings.counterparts(corpus, parallels, comparing.base, entry);
            let aligned = (!places.is_empty()).then(|| compare::clauses(corpus, &[comparing.base], &places));
            Column { entry, places, aligned, suggested: false, by_text }
        })
        .collect();
    comparing.shown = comparing.shown.min(comparing.columns.len());
}

/// The overview of the treaty `comparing` is of, beside the treaties its columns are of.
fn overview(corpus: &Corpus, parallels: &Parallels, comparing: &Comparing) -> Overview {
    let entry = comparing.base.0;
    let treaties: Vec<usize> = comparing.columns.iter().map(|c| c.entry).collect();
    let parts = corpus.entries.get(entry).map_or(0, |e| e.clauses.len());
    let mut rows: Vec<OverviewRow> = (1..=parts)
        .map(|part| OverviewRow { base: Some((entry, part)), cells: vec![OverviewCell::default(); treaties.len()] })
        .collect();
    // What answers to none of the open treaty's articles, after the row it follows.
    let mut after: Vec<Vec<OverviewRow>> = vec![Vec::new(); parts + 1];
    for (t, &other) in treaties.iter().enumerate() {
        let mut last = 0;
        for (row, aligned) in compare::treaties_aligned(corpus, parallels, entry, other) {
            match row.left.first() {
                Some(&(_, part)) => {
                    last = part;
                    let same = aligned.map(|a| (a.tally.similarity() * 1000.0) as u32);
                    rows[part - 1].cells[t] = OverviewCell { places: row.right, same, by_text: row.by_text };
                }
                None => {
                    let mut cells = vec![OverviewCell::default(); treaties.len()];
                    cells[t].places = row.right;
                    after[last].push(OverviewRow { base: None, cells });
                }
            }
        }
    }
    let mut all = std::mem::take(&mut after[0]);
    for (row, more) in rows.into_iter().zip(after.into_iter().skip(1)) {
        all.push(row);
        all.extend(more);
    }
    let selected = all.iter().position(|r| r.base == Some(comparing.base)).unwrap_or(0);
    Overview { rows: all, selected }
}

/// The lines of the comparison at `widths` (one width a column shown: all of them side by
/// side, or the one shown): a band of rows for each paragraph of the article, in which each
/// column has its own paragraphs that answer to it, and a blank row between bands. Each
/// column reads as its article is written; with the marks on, a counterpart's words the
/// article lacks are marked on it, and the article's words a counterpart lacks on the
/// article, when one counterpart stands beside it.
pub fn rows(corpus: &Corpus, comparing: &Comparing, widths: &[usize], one: bool) -> Vec<Vec<WrappedLine<Mark>>> {
    let shown: Vec<Option<&Column>> = if one {
        vec![comparing.shown.checked_sub(1).and_then(|k| comparing.columns.get(k))]
    } else {
        std::iter::once(None).chain(comparing.columns.iter().map(Some)).collect()
    };
    // The counterpart whose differences the article's own column marks.
    let beside = match (one, comparing.columns.as_slice()) {
        (true, columns) => columns.get(comparing.shown.min(columns.len()).max(1) - 1),
        (false, [only]) => Some(only),
        _ => None,
    }
    .and_then(|c| c.aligned.as_ref())
    .filter(|_| comparing.marks);
    let base_text = compare::paragraphs(corpus, &[comparing.base]);
    // Per column, its cells band by band: band 0 holds the heading, band k + 1 the article's
    // paragraph k (and what answers to it); one more band holds what follows the article's
    // last paragraph.
    let bands = base_text.len() + 2;
    let mut cells: Vec<Vec<Vec<(String, Mark)>>> = Vec::new();
    for column in &shown {
        let mut band: Vec<Vec<(String, Mark)>> = vec![Vec::new(); bands];
        band[0].push((head(corpus, comparing.base, *column), Mark::Head));
        match column {
            None => {
                for (k, text) in base_text.iter().enumerate() {
                    match beside {
                        Some(aligned) => band[k + 1].extend(as_written(aligned, k, true)),
                        None => band[k + 1].push((text.to_string(), Mark::Plain)),
                    }
                }
            }
            Some(Column { aligned: None, entry, .. }) => {
                let title = corpus.entries.get(*entry).map_or(String::new(), |e| e.title.to_string());
                band[1].push((format!("{title} has no counterpart of this article."), Mark::Note));
            }
            Some(Column { aligned: Some(aligned), places, .. }) => {
                let own = compare::paragraphs(corpus, places);
                for (r, row) in aligned.rows.iter().enumerate() {
                    let Some(j) = row.right else { continue };
                    // What answers to no paragraph of the article stands with the next one.
                    let k =
                        row.left.or_else(|| aligned.rows[r..].iter().find_map(|x| x.left)).map_or(bands - 1, |k| k + 1);
                    let cell = &mut band[k];
                    if cell.last().is_some_and(|(t, _)| !t.ends_with('\n')) {
                        cell.push(("\n\n".into(), Mark::Plain));
                    }
                    if comparing.marks {
                        cell.extend(as_written(aligned, r, false))
                    } else {
                        let run = own.get(j..j + row.right_run).unwrap_or_default();
                        cell.push((run.join(crate::compare::diff::BREAK), Mark::Plain));
                    }
                }
            }
        }
        cells.push(band);
    }
    let mut out: Vec<Vec<WrappedLine<Mark>>> = Vec::new();
    for k in (0..bands).filter(|&k| cells.iter().any(|band| !band[k].is_empty())) {
        let wrapped: Vec<Vec<WrappedLine<Mark>>> = cells
            .iter()
            .zip(widths)
            .map(|(band, &width)| {
                let runs: Vec<(&str, Mark)> = band[k].iter().map(|(t, m)| (t.as_str(), *m)).collect();
                wrap(&runs, width)
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0);
        if height == 0 {
            continue;
        }
        if !out.is_empty() {
            out.push(vec![Vec::new(); widths.len()]);
        }
        for line in 0..height {
            out.push(wrapped.iter().map(|lines| lines.get(line).cloned().unwrap_or_default()).collect());
        }
    }
    // Where the article ends, said rather than left to blank rows.
    let end = format!("end of {}: ] the next, [ the one before", part_label(corpus, comparing.base));
    out.push(vec![Vec::new(); widths.len()]);
    for line in wrap(&[(end.as_str(), Mark::Note)], widths.first().copied().unwrap_or(0)) {
        let mut row = vec![Vec::new(); widths.len()];
        row[0] = line;
        out.push(row);
    }
    out
}

/// The heading of a column: the treaty by its title, the article by its name, and for a
/// counterpart how much of it is the same.
fn head(corpus: &Corpus, base: Place, column: Option<&Column>) -> String {
    let title = |entry: usize| corpus.entries.get(entry).map_or(String::new(), |e| e.title.to_string());
    match column {
        None => format!("{} · {}", title(base.0), part_name(corpus, base)),
        Some(c) => {
            let parts = c.places.iter().map(|&p| part_label(corpus, p)).collect::<Vec<_>>().join(" + ");
            match &c.aligned {
                Some(aligned) if c.suggested => {
                    format!("≈ {} · {parts} (similar) · {}", title(c.entry), aligned.tally.summary())
                }
                Some(aligned) if c.by_text => {
                    format!("{} · {parts} (paired by their words) · {}", title(c.entry), aligned.tally.summary())
                }
                Some(aligned) => format!("{} · {parts} · {}", title(c.entry), aligned.tally.summary()),
                None => format!("{} · no counterpart", title(c.entry)),
            }
        }
    }
}

/// One side of row `row` of `aligned` as written, its words the other side lacks marked:
/// the article's (`left`: the ones left out of the counterpart) or the counterpart's (the
/// ones inserted). For the article, `row` is its paragraph's number.
fn as_written(aligned: &Aligned, row: usize, left: bool) -> Vec<(String, Mark)> {
    let row = if left { aligned.rows.iter().find(|r| r.left == Some(row)) } else { aligned.rows.get(row) };
    let ops = row.map_or(&[][..], |r| r.ops.as_slice());
    ops.iter()
        .filter_map(|op| match (op, left) {
            (Op::Same(text), _) => Some((text.clone(), Mark::Plain)),
            (Op::Gone(text), true) => Some((text.clone(), Mark::Deleted)),
            (Op::New(text), false) => Some((text.clone(), Mark::Inserted)),
            _ => None,
        })
        .collect()
}

/// "Article 5".
fn part_label(corpus: &Corpus, (entry, part): Place) -> String {
    corpus.entries.get(entry).and_then(|e| e.part(part)).map_or(String::new(), |c| c.label.to_string())
}

/// "Article 5 — Sovereignty".
fn part_name(corpus: &Corpus, (entry, part): Place) -> String {
    corpus.entries.get(entry).and_then(|e| e.part(part)).map_or(String::new(), |c| c.full_name())
}
