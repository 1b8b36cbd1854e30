//! The open page laid out for the detail view: wrapped lines of text in roles, and where
//! its links stand; a long page laid out only as far as it is read.

use crate::model::{Clause, Corpus, Entry, Name, Text};
use crate::text::sanitize;
use crate::text::wrap;

/// What a run of text is, so that the theme can style it and clicks can find it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Title,
    Meta,
    Summary,
    Heading,
    /// The heading of a treaty's division: "Chapter 30 — Final Provisions".
    Division,
    Text,
    Note,
    /// The n-th link of the document.
    Link(usize),
}

/// A link of the document: the entry it leads to, and the first line it stands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocLink {
    pub target: usize,
    pub line: usize,
}

/// Which page is open: an entry, and for a treaty which of its parts is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub entry: usize,
    /// 0 for the overview, `k` for the treaty's `k`-th clause (counting from 1).
    pub part: usize,
}

/// The page as wrapped lines. Its parts are laid out in order as far as they are read: a
/// page of up to [`EAGER`] bytes of text at once, a larger one (a paragraph of a hundred
/// megabytes) as the reader scrolls, so that the first frame never waits for its end.
#[derive(Debug, Default)]
pub struct Document {
    /// Every link of the page, in order; a link not yet laid out stands on line `usize::MAX`.
    pub links: Vec<DocLink>,
    blocks: Vec<Block>,
    /// The next block to lay out, and how far into it (in bytes of its text).
    next: usize,
    offset: usize,
    wrapper: Option<wrap::Wrapper<Role>>,
    body_line: Option<usize>,
    /// The entry's versions in other languages, itself among them; empty when it has none.
    pub versions: Vec<usize>,
}

/// Pages with less text than this (in bytes) are laid out whole when opened.
pub const EAGER: usize = 256 << 10;

/// A part of the page, laid out in turn.
#[derive(Debug)]
enum Block {
    /// A blank line, unless the page has no lines yet or its last line is blank.
    Blank,
    /// Text made for the page (a title, a heading, a list item), in runs.
    Runs(Vec<(String, Role)>),
    /// A text of the corpus, read from it as it is laid out; its links are the page's links
    /// from `first_link` on. A list item hangs: its first line starts `hang.0` cells in, the
    /// others `hang.1` cells in.
    Text { at: TextAt, role: Role, first_link: usize, hang: (u16, u16) },
    /// Where the shown part's own text begins.
    Body,
}

/// Where a text of the corpus stands.
#[derive(Clone, Copy, Debug)]
enum TextAt {
    Summary(usize),
    Body(usize, usize),
    ClauseText(usize, usize, usize),
    ClauseNote(usize, usize, usize),
}

impl TextAt {
    fn text(self, corpus: &Corpus) -> Option<&Text> {
        let entry = |e: usize| corpus.entries.get(e);
        match self {
            Self::Summary(e) => entry(e).map(|e| &e.summary),
            Self::Body(e, j) => entry(e)?.body.get(j),
            Self::ClauseText(e, k, j) => entry(e)?.clauses.get(k)?.text.get(j),
            Self::ClauseNote(e, k, j) => entry(e)?.clauses.get(k)?.notes.get(j),
        }
    }
}

impl Document {
    /// Lays out `page` of `corpus` at `width` cells: the whole of it when it is small,
    /// otherwise none yet (see [`Document::reach`]).
    pub fn build(corpus: &Corpus, page: Page, width: usize) -> Self {
        let mut doc = Builder { corpus, blocks: Vec::new(), links: Vec::new(), size: 0 };
        let Some(entry) = corpus.entries.get(page.entry) else {
            return Document::default();
        };
        let versions = corpus.versions(page.entry);
        match entry.part(page.part) {
            Some(clause) => {
                for chapter in entry.chapters_of(page.part - 1) {
                    doc.line(&chapter.full_name(), Role::Division);
                }
                doc.blocks.push(Block::Body);
                doc.clause(page.entry, page.part - 1, clause);
            }
            None => {
                doc.header(page.entry, entry);
                doc.blocks.push(Block::Body);
                doc.overview(page.entry, entry, &versions);
            }
        }
        let eager = doc.size < EAGER;
        let mut built = Document {
            links: doc.links,
            blocks: doc.blocks,
            wrapper: Some(wrap::Wrapper::new(width)),
            versions,
            ..Document::default()
        };
        if eager {
            built.reach(corpus, usize::MAX);
        }
        built
    }

    /// The lines laid out so far.
    pub fn lines(&self) -> &[wrap::WrappedLine<Role>] {
        self.wrapper.as_ref().map_or(&[], |w| &w.done)
    }

    /// Whether the whole page is laid out.
    pub fn is_complete(&self) -> bool {
        self.next >= self.blocks.len()
    }

    /// Lays out the page until it has at least `lines` lines, or to its end.
    pub(super) fn reach(&mut self, corpus: &Corpus, lines: usize) {
        let Some(mut wrapper) = self.wrapper.take() else { return };
        while self.next < self.blocks.len() && wrapper.done.len() < lines {
            let before = wrapper.done.len();
            let finished = self.lay_out(corpus, &mut wrapper, lines);
            for (i, line) in wrapper.done[before..].iter().enumerate() {
                for (_, role) in line {
                    if let Role::Link(n) = *role
                        && let Some(link) = self.links.get_mut(n)
                        && link.line == usize::MAX
                    {
                        link.line = before + i;
                    }
                }
            }
            if finished {
                self.next += 1;
                self.offset = 0;
            }
        }
        if self.is_complete() {
            // At a width of nothing no line is laid out; such links stand on the last line.
            let last = wrapper.done.len().saturating_sub(1);
            for link in &mut self.links {
                link.line = link.line.min(last);
            }
        }
        self.wrapper = Some(wrapper);
    }

    /// Lays out the page as far as link `n`.
    pub(super) fn reach_link(&mut self, corpus: &Corpus, n: usize) {
        while self.links.get(n).is_some_and(|l| l.line == usize::MAX) && !self.is_complete() {
            let more = self.lines().len() + 256;
            self.reach(corpus, more);
        }
    }

    /// The line where the shown part's own text starts, laid out as far as that.
    pub(super) fn body_line(&mut self, corpus: &Corpus) -> usize {
        if let Some(at) = self.blocks.iter().position(|b| matches!(b, Block::Body)) {
            self.reach_block(corpus, at);
        }
        self.body_line.unwrap_or(0)
    }

    /// Lays out the page past block `at`.
    fn reach_block(&mut self, corpus: &Corpus, at: usize) {
        while self.next <= at && !self.is_complete() {
            let more = self.lines().len() + 1;
            self.reach(corpus, more);
        }
    }

    /// The line that holds byte `position` of what was laid out (as [`Document::start`]
    /// gives), laid out as far as that.
    pub(super) fn line_at(&mut self, corpus: &Corpus, position: usize) -> usize {
        while self.starts().last().is_none_or(|&last| last <= position) && !self.is_complete() {
            let more = self.lines().len() + 256;
            self.reach(corpus, more);
        }
        self.starts().partition_point(|&start| start <= position).saturating_sub(1)
    }

    /// Where in what was laid out line `line` begins, to find the same text at another width.
    pub fn start(&self, line: usize) -> Option<usize> {
        self.starts().get(line).copied()
    }

    fn starts(&self) -> &[usize] {
        self.wrapper.as_ref().map_or(&[], |w| &w.starts)
    }

    /// Lays out the next block until `lines` lines are done: whether the block is finished.
    fn lay_out(&mut self, corpus: &Corpus, wrapper: &mut wrap::Wrapper<Role>, lines: usize) -> bool {
        match &self.blocks[self.next] {
            Block::Blank => {
                if wrapper.done.last().is_some_and(|l| !l.is_empty()) {
                    wrapper.end();
                }
                true
            }
            Block::Body => {
                self.body_line = Some(wrapper.done.len());
                true
            }
            Block::Runs(runs) => {
                // A bullet's later lines hang under its words.
                if self.offset == 0 && runs.first().is_some_and(|(marker, _)| marker == BULLET) {
                    wrapper.hang(0, wrap::width(BULLET), Role::Text);
                }
                let mut base = 0;
                for (text, role) in runs {
                    let end = base + text.len();
                    if self.offset < end {
                        let rest = &text[self.offset - base..];
                        let taken = wrapper.feed(rest, *role, lines);
                        self.offset += taken;
                        if taken < rest.len() {
                            return false;
                        }
                    }
                    base = end;
                }
                wrapper.end();
                true
            }
            &Block::Text { at, role, first_link, hang } => {
                let Some(text) = at.text(corpus) else { return true };
                let plain = &*text.plain;
                if self.offset == 0 && hang.1 > 0 {
                    wrapper.hang(hang.0 as usize, hang.1 as usize, Role::Text);
                }
                while self.offset < plain.len() {
                    // The link at or after the offset, found by halving: a paragraph may hold
                    // hundreds of thousands.
                    let k = text.links.partition_point(|l| l.range().end <= self.offset);
                    let (end, run_role) = match text.links.get(k).map(|l| l.range()) {
                        Some(range) if range.start <= self.offset => (range.end, Role::Link(first_link + k)),
                        Some(range) => (range.start, role),
                        None => (plain.len(), role),
                    };
                    let Some(run) = plain.get(self.offset..end) else { break };
                    let taken = wrapper.feed(run, run_role, lines);
                    self.offset += taken;
                    if taken < run.len() {
                        return false;
                    }
                }
                wrapper.end();
                true
            }
        }
    }

    /// The entry the `n`-th link leads to.
    pub fn target(&self, n: usize) -> Option<usize> {
        self.links.get(n).map(|l| l.target)
    }

    /// The role of the run at `column` of line `line`, if any.
    pub fn role_at(&self, line: usize, column: usize) -> Option<Role> {
        let mut x = 0;
        for (text, role) in self.lines().get(line)? {
            x += wrap::width(text);
            if column < x {
                return Some(*role);
            }
        }
        None
    }
}

/// What a list made for the page (its sources, what links to it) marks each item with.
const BULLET: &str = "• ";

/// The parts of a page, gathered before any is laid out.
struct Builder<'a> {
    corpus: &'a Corpus,
    blocks: Vec<Block>,
    links: Vec<DocLink>,
    /// The bytes of text gathered.
    size: usize,
}

impl Builder<'_> {
    fn blank(&mut self) {
        self.blocks.push(Block::Blank);
    }

    fn runs(&mut self, runs: Vec<(String, Role)>) {
        self.size += runs.iter().map(|(t, _)| t.len()).sum::<usize>();
        self.blocks.push(Block::Runs(runs));
    }

    fn line(&mut self, text: &str, role: Role) {
        self.runs(vec![(sanitize(text), role)]);
    }

    /// A paragraph of linked text in `role`, each link becoming a link of the document.
    fn text(&mut self, at: TextAt, role: Role) {
        self.item(at, role, 0);
    }

    /// A paragraph that is a list item at `level` (0 for none): it starts two cells in a
    /// level, and its later lines hang under the words after its marker ("(a)", "1.", "•").
    fn item(&mut self, at: TextAt, role: Role, level: u8) {
        let Some(text) = at.text(self.corpus) else { return };
        let first_link = self.links.len();
        self.links.extend(text.links.iter().map(|l| DocLink { target: l.target(), line: usize::MAX }));
        self.size += text.plain.len();
        let hang = match level {
            0 => (0, 0),
            level => {
                let first = 2 * level as usize;
                let marker = text.plain.split(' ').next().map_or(0, wrap::width);
                (first as u16, (first + marker + 1).min(u16::MAX as usize) as u16)
            }
        };
        self.blocks.push(Block::Text { at, role, first_link, hang });
    }

    /// Runs of words that may link to entries, as one line.
    fn linked_runs(&mut self, runs: Vec<(String, Option<usize>)>, role: Role) {
        let runs = runs
            .into_iter()
            .map(|(words, target)| (sanitize(&words), target.map_or(role, |target| self.link(target))))
            .collect();
        self.runs(runs);
    }

    /// A new link of the document to `target`; its line is set when it is laid out.
    fn link(&mut self, target: usize) -> Role {
        self.links.push(DocLink { target, line: usize::MAX });
        Role::Link(self.links.len() - 1)
    }

    /// A heading and a list of links to entries, one per line.
    fn entry_links(&mut self, heading: &str, targets: &[usize]) {
        if targets.is_empty() {
            return;
        }
        self.blank();
        self.line(heading, Role::Heading);
        for &target in targets {
            let title = sanitize(&self.corpus.entries[target].title);
            let role = self.link(target);
            self.runs(vec![(BULLET.into(), Role::Text), (title, role)]);
        }
    }

    fn list(&mut self, heading: &str, items: &[Name]) {
        if items.is_empty() {
            return;
        }
        self.blank();
        self.line(heading, Role::Heading);
        for item in items {
            self.runs(vec![(BULLET.into(), Role::Text), (sanitize(item), Role::Text)]);
        }
    }

    /// The title, what and when, other names, where and by whom it was signed, the summary.
    fn header(&mut self, index: usize, entry: &Entry) {
        self.line(&entry.title, Role::Title);
        let mut meta = entry.kind_and_dates();
        if let Some(language) = &entry.language {
            meta.push_str(&format!(" · in {language}"));
        }
        self.line(&meta, Role::Meta);
        if !entry.aliases.is_empty() {
            self.line(&format!("also: {}", entry.aliases.join(" · ")), Role::Meta);
        }
        if let Some(signature) = self.corpus.signature(index) {
            self.linked_runs(signature, Role::Meta);
        }
        if let Some(wording) = self.corpus.wording(index) {
            self.line(wording.of_clauses(), Role::Meta);
        }
        self.blank();
        self.text(TextAt::Summary(index), Role::Summary);
    }

    fn overview(&mut self, index: usize, entry: &Entry, versions: &[usize]) {
        for j in 0..entry.body.len() {
            self.blank();
            self.text(TextAt::Body(index, j), Role::Text);
        }
        if !versions.is_empty() {
            self.blank();
            self.line("Versions (v switches)", Role::Heading);
            for &version in versions {
                let e = &self.corpus.entries[version];
                let language = e.language.as_deref().map_or_else(String::new, |l| format!("{l}: "));
                let title = if version == index {
                    (format!("{} (this one)", sanitize(&e.title)), Role::Text)
                } else {
                    (sanitize(&e.title), self.link(version))
                };
                self.runs(vec![(format!("• {}", sanitize(&language)), Role::Text), title]);
            }
        }
        self.list("Published in", &entry.publications());
        self.list("Sources", &entry.sources);
        let corpus = self.corpus;
        self.entry_links("Linked from", &corpus.linked_from[index]);
    }

    fn clause(&mut self, index: usize, k: usize, clause: &Clause) {
        self.blank();
        self.line(&clause.full_name(), Role::Heading);
        // What the text is, where the corpus says: so that no one quotes a summary as the
        // treaty.
        if let Some(wording) = self.corpus.wording(index) {
            self.line(wording.told(), Role::Meta);
        }
        for j in 0..clause.text.len() {
            // List items follow one another without a blank line between them.
            let level = clause.level(j);
            if level == 0 || j == 0 {
                self.blank();
            }
            self.item(TextAt::ClauseText(index, k, j), Role::Text, level);
        }
        if !clause.notes.is_empty() {
            self.blank();
            self.line("Notes", Role::Heading);
            for j in 0..clause.notes.len() {
                self.text(TextAt::ClauseNote(index, k, j), Role::Note);
            }
        }
        self.entry_links("See also", &clause.links);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::load::load_str;

    #[test]
    fn a_wrapped_bullet_hangs_under_its_words() {
        let source = "League of Nations Treaty Series, volume 198, page 385, in an English translation";
        let corpus = load_str(&format!(
            r#"Corpus(title: "T", entries: [Entry(id: "a", title: "A", kind: Treaty, summary: "s", sources: ["{source}"])])"#
        ))
        .unwrap();
        let mut doc = Document::build(&corpus, Page { entry: 0, part: 0 }, 40);
        doc.reach(&corpus, usize::MAX);
        let text: Vec<String> = doc.lines().iter().map(|l| l.iter().map(|(t, _)| t.as_str()).collect()).collect();
        let at = text.iter().position(|l| l.starts_with("• League")).expect("the source's bullet");
        assert!(text[at + 1].starts_with("  ") && !text[at + 1].starts_with("   "), "{text:#?}");
        assert!(text[at + 1].trim_start().starts_with(|c: char| c.is_alphanumeric()), "{text:#?}");
    }

    /// A treaty whose article runs past [`EAGER`], with links all along it.
    fn long_treaty() -> Corpus {
        let paragraph = "The parties [[b|agree]] on bases, garrisons and a term of ten years. ".repeat(EAGER / 40);
        load_str(&format!(
            r#"Corpus(title: "T", entries: [
                Entry(id: "a", title: "A treaty", kind: Treaty, summary: "See [[b]].", preamble: ["The parties."],
                    articles: [Article(number: 1, heading: "Long", text: ["{paragraph}", "Last words."], notes: ["A note on [[b]]."])]),
                Entry(id: "b", title: "B", kind: Place, summary: "b"),
            ])"#
        ))
        .unwrap()
    }

    #[test]
    fn a_long_page_laid_out_as_it_is_read_is_the_page_laid_out_whole() {
        let corpus = long_treaty();
        let page = Page { entry: 0, part: 2 };
        let mut whole = Document::build(&corpus, page, 50);
        assert!(!whole.is_complete(), "past EAGER, nothing is laid out at first");
        whole.reach(&corpus, usize::MAX);
        assert!(whole.is_complete());
        let mut read = Document::build(&corpus, page, 50);
        assert_eq!(read.body_line(&corpus), whole.body_line(&corpus));
        assert!(read.lines().len() < 100, "only as far as asked: {}", read.lines().len());
        let mut wanted = 0;
        while !read.is_complete() {
            wanted += 37;
            read.reach(&corpus, wanted);
            assert!(read.lines().len() >= wanted.min(whole.lines().len()));
        }
        assert_eq!(read.lines(), whole.lines());
        assert_eq!(read.links, whole.links);
        assert!(whole.links.iter().all(|l| l.line < whole.lines().len()));
        let last: String =
            whole.lines().iter().rev().find(|l| !l.is_empty()).unwrap().iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(last, "A note on B.");
        // A link far down is laid out when asked for, and the same line as laid out whole.
        let far = whole.links.len() / 2;
        let mut asked = Document::build(&corpus, page, 50);
        asked.reach_link(&corpus, far);
        assert_eq!(asked.links[far], whole.links[far]);
        assert!(!asked.is_complete());
        // The line holding a position is found at another width.
        let position = whole.start(whole.lines().len() / 2).unwrap();
        let mut narrow = Document::build(&corpus, page, 30);
        let line = narrow.line_at(&corpus, position);
        let text =
            |doc: &Document, line: usize| -> String { doc.lines()[line].iter().map(|(t, _)| t.as_str()).collect() };
        assert!(narrow.start(line).unwrap() <= position && narrow.start(line + 1).is_none_or(|next| next > position));
        let (a, b) = (text(&whole, whole.lines().len() / 2), text(&narrow, line));
        // The word at the position starts on the narrow line found.
        assert!(b.contains(a.split(' ').next().unwrap()), "{a:?} {b:?}");
    }

    #[test]
    fn a_short_page_is_laid_out_whole_when_opened() {
        let corpus = long_treaty();
        let doc = Document::build(&corpus, Page { entry: 1, part: 0 }, 50);
        assert!(doc.is_complete());
        assert!(!doc.lines().is_empty());
    }
}
