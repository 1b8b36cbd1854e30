//! Where the reader is: the open page laid out for the detail view, the spot on it, and the
//! pages behind and ahead.

use super::action::Motion;
use super::document::{Document, Page, Role};
use super::history::History;
use crate::model::Corpus;
use crate::search::Matcher;

/// A spot on a page: the page, how far it is scrolled, which link is selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spot {
    pub page: Page,
    /// The first line of the document shown.
    pub scroll: usize,
    /// The selected link, as an index into the document's links.
    pub link: Option<usize>,
}

impl Spot {
    /// The top of `page`, no link selected.
    pub(super) fn top(page: Page) -> Self {
        Self { page, scroll: 0, link: None }
    }
}

/// The open page and what was read before it. Only the code of this module changes it.
#[derive(Debug)]
pub struct Reader {
    spot: Spot,
    /// Where the reader was before moving through the list showed the entries it passed
    /// (which are not history): the spot that Enter, going into the entry shown, leaves.
    previewed_from: Option<Spot>,
    /// The open page laid out, for the page and width in `laid_out_for`.
    doc: Document,
    laid_out_for: Option<LaidOutFor>,
    history: History<Spot>,
    /// The spot read before the last jump to another page, for `''`.
    before_jump: Option<Spot>,
}

/// What the document was laid out for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LaidOutFor {
    page: Page,
    width: usize,
}

/// Why a link could not be selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum NoLink {
    OnThePage,
    FurtherOn,
    FurtherBack,
}

impl Reader {
    /// At the top of `page`, nothing behind or ahead.
    pub(super) fn new(page: Page) -> Self {
        Self {
            spot: Spot::top(page),
            previewed_from: None,
            doc: Document::default(),
            laid_out_for: None,
            history: History::default(),
            before_jump: None,
        }
    }

    /// The spot being read.
    pub fn spot(&self) -> Spot {
        self.spot
    }

    /// The open page, laid out as far as it is shown.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The entry the selected link leads to.
    pub(super) fn link_target(&self) -> Option<usize> {
        self.spot.link.and_then(|l| self.doc.target(l))
    }

    /// Lays the page out at `width` when the page or the width changed (the text at the top
    /// of the view staying there when only the width did), as far as `height` lines from the
    /// top and one beyond, and keeps the scroll and the link in range.
    pub(super) fn lay_out(&mut self, corpus: &Corpus, width: usize, height: usize) {
        let now = LaidOutFor { page: self.spot.page, width };
        if self.laid_out_for != Some(now) {
            let old = std::mem::replace(&mut self.doc, Document::build(corpus, now.page, width));
            if self.laid_out_for.is_some_and(|before| before.page == now.page) {
                self.spot.scroll = old.start(self.spot.scroll).map_or(0, |at| self.doc.line_at(corpus, at));
            }
            self.laid_out_for = Some(now);
        }
        // Laid out a line beyond what is shown, so that the end of the page is known when it
        // is in view.
        self.doc.reach(corpus, self.spot.scroll.saturating_add(height + 1));
        self.spot.scroll = self.spot.scroll.min(self.max_scroll(height));
        self.spot.link = self.spot.link.filter(|&l| l < self.doc.links.len());
    }

    /// The furthest a view of `height` lines can scroll, as far as the page is laid out
    /// (which, for a page not laid out to its end, is beyond the view).
    fn max_scroll(&self, height: usize) -> usize {
        self.doc.lines().len().saturating_sub(height)
    }

    /// Shows `spot`, as a jump (whether or not it goes into the history): a jump to another
    /// page leaves the spot read before it for `''`.
    pub(super) fn go(&mut self, spot: Spot) {
        if spot.page != self.spot.page {
            self.before_jump = Some(self.spot);
        }
        self.spot = spot;
        self.previewed_from = None;
    }

    /// The spot read before the last jump to another page.
    pub(super) fn before_jump(&self) -> Option<Spot> {
        self.before_jump
    }

    /// Opens `page` at its top, leaving the spot read in the history: whether it was
    /// another page.
    pub(super) fn visit(&mut self, page: Page) -> bool {
        if page == self.spot.page {
            return false;
        }
        self.history.visit(self.spot);
        self.go(Spot::top(page));
        true
    }

    /// The spot to return to, the one read going ahead.
    pub(super) fn back(&mut self) -> Option<Spot> {
        self.history.back(self.spot)
    }

    /// The spot to go forward to, the one read going behind.
    pub(super) fn forward(&mut self) -> Option<Spot> {
        self.history.forward(self.spot)
    }

    /// Shows `page` as the list passes over it: whether it is another entry. The spot the
    /// passing began at is kept, for Enter to leave in the history.
    pub(super) fn preview(&mut self, page: Page) -> bool {
        let other = page.entry != self.spot.page.entry;
        if other {
            self.previewed_from.get_or_insert(self.spot);
        }
        self.spot = Spot::top(page);
        other
    }

    /// Enter on the list: the spot read before moving through the list goes into the
    /// history, as if the entry shown had been opened from there.
    pub(super) fn commit_preview(&mut self) {
        if let Some(from) = self.previewed_from.take()
            && from.page != self.spot.page
        {
            self.history.visit(from);
        }
    }

    /// Every spot, here and in the history, moved by `to` into another corpus.
    pub(super) fn carry(&mut self, mut to: impl FnMut(&Spot) -> Spot) {
        let history = std::mem::take(&mut self.history);
        self.history = history.map(|spot| to(&spot));
        self.before_jump = self.before_jump.map(|spot| to(&spot));
        self.laid_out_for = None;
        let spot = to(&self.spot);
        self.go(spot);
    }

    /// Scrolls a view of `height` lines by `motion`.
    pub(super) fn scroll(&mut self, corpus: &Corpus, motion: Motion, height: usize) {
        let page = height.saturating_sub(1);
        // Laid out as far as the motion could go: the end of the page for End.
        let reach = match motion {
            Motion::Last => usize::MAX,
            _ => self.spot.scroll + 2 * (page + 2),
        };
        self.doc.reach(corpus, reach);
        self.spot.scroll = motion.step(self.spot.scroll, page, self.max_scroll(height));
    }

    /// Selects the next or previous link: from the selected one when it is in a view of
    /// `height` lines, otherwise from the top or bottom of the view; scrolls to it.
    pub(super) fn step_link(&mut self, corpus: &Corpus, forward: bool, height: usize) -> Result<(), NoLink> {
        let (top, height) = (self.spot.scroll, height.max(1));
        // A link not yet laid out stands on line usize::MAX: beyond the view.
        self.doc.reach(corpus, top + height + 1);
        let links = &self.doc.links;
        let visible = |line: usize| line >= top && line < top + height;
        let next = match self.spot.link.filter(|&l| visible(links[l].line)) {
            Some(l) if forward => (l + 1 < links.len()).then_some(l + 1),
            Some(l) => l.checked_sub(1),
            None if forward => links.iter().position(|l| l.line >= top),
            None => links.iter().rposition(|l| l.line < top + height),
        };
        let Some(next) = next else {
            return Err(if links.is_empty() {
                NoLink::OnThePage
            } else if forward {
                NoLink::FurtherOn
            } else {
                NoLink::FurtherBack
            });
        };
        self.doc.reach_link(corpus, next);
        self.spot.link = Some(next);
        let line = self.doc.links[next].line;
        if line < top {
            self.spot.scroll = line;
        } else if line >= top + height {
            self.spot.scroll = (line + 1).saturating_sub(height);
        }
        Ok(())
    }

    /// A click on the `y`th line shown, `x` cells into the text: the link there selected,
    /// and the entry it leads to.
    pub(super) fn click(&mut self, y: usize, x: usize) -> Option<usize> {
        let Some(Role::Link(n)) = self.doc.role_at(self.spot.scroll + y, x) else { return None };
        self.spot.link = Some(n);
        self.doc.target(n)
    }

    /// Esc: no link selected.
    pub(super) fn unselect_link(&mut self) {
        self.spot.link = None;
    }

    /// Scrolls a view of `height` lines so that the first line `matcher` marks, from the
    /// page's own text when `in_body` (not its header), is in view a little below the top:
    /// whether there is one.
    pub(super) fn scroll_to_mark(&mut self, corpus: &Corpus, matcher: &Matcher, in_body: bool, height: usize) -> bool {
        let from = if in_body { self.doc.body_line(corpus) } else { 0 };
        // Looked for in the page as far as it is laid out, and further as needed.
        let mut looked = from;
        let found = loop {
            let lines = self.doc.lines();
            let found = lines.iter().enumerate().skip(looked).find(|(_, line)| {
                let text: String = line.iter().map(|(t, _)| t.as_str()).collect();
                matcher.first_mark(&text).is_some()
            });
            if let Some((line, _)) = found {
                break Some(line);
            }
            if self.doc.is_complete() {
                break None;
            }
            looked = looked.max(lines.len());
            self.doc.reach(corpus, looked + 1024);
        };
        let Some(line) = found else { return false };
        let height = height.max(1);
        if line < self.spot.scroll || line >= self.spot.scroll + height {
            self.spot.scroll = line.saturating_sub(height / 3);
        }
        true
    }
}
