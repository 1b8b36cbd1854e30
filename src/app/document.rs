//! The open page laid out for the detail view: wrapped lines of text in roles, and where
//! its links and a treaty's clause tabs stand.

use crate::corpus::{Clause, Corpus, Entry, Name, Text};
use crate::text::sanitize;
use crate::wrap::{self, wrap};

/// What a run of text is, so that the theme can style it and clicks can find it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Title,
    Meta,
    Summary,
    Heading,
    Text,
    Note,
    /// The n-th link of the document.
    Link(usize),
    /// The tab of the n-th part of a treaty (0 is the overview).
    Tab(usize),
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

/// The page as wrapped lines.
#[derive(Debug, Default)]
pub struct Document {
    pub lines: Vec<wrap::Line<Role>>,
    pub links: Vec<DocLink>,
    /// The line where the shown part's own text starts, below the tabs.
    pub body_line: usize,
    /// The line where a treaty's tabs start.
    pub tabs_line: Option<usize>,
}

impl Document {
    /// Lays out `page` of `corpus` at `width` cells.
    pub fn build(corpus: &Corpus, page: Page, width: usize) -> Self {
        let mut doc = Builder { corpus, width, doc: Document::default() };
        let Some(entry) = corpus.entries.get(page.entry) else {
            return doc.doc;
        };
        doc.header(entry);
        if !entry.clauses.is_empty() {
            doc.tabs(entry);
        }
        doc.doc.body_line = doc.doc.lines.len();
        match page.part.checked_sub(1).and_then(|k| entry.clauses.get(k)) {
            Some(clause) => doc.clause(clause),
            None => doc.overview(page.entry, entry),
        }
        // At a width of nothing no line is laid out; such links stand on the last line.
        let last = doc.doc.lines.len().saturating_sub(1);
        for link in &mut doc.doc.links {
            link.line = link.line.min(last);
        }
        doc.doc
    }

    /// The entry the `n`-th link leads to.
    pub fn target(&self, n: usize) -> Option<usize> {
        self.links.get(n).map(|l| l.target)
    }

    /// The role of the run at `column` of line `line`, if any.
    pub fn role_at(&self, line: usize, column: usize) -> Option<Role> {
        let mut x = 0;
        for (text, role) in self.lines.get(line)? {
            x += wrap::width(text);
            if column < x {
                return Some(*role);
            }
        }
        None
    }
}

struct Builder<'a> {
    corpus: &'a Corpus,
    width: usize,
    doc: Document,
}

impl Builder<'_> {
    fn blank(&mut self) {
        if self.doc.lines.last().is_some_and(|l| !l.is_empty()) {
            self.doc.lines.push(Vec::new());
        }
    }

    /// Adds wrapped lines made of `runs`, noting where each link first appears.
    fn runs(&mut self, runs: &[(&str, Role)]) {
        let first = self.doc.lines.len();
        for (i, line) in wrap(runs, self.width).into_iter().enumerate() {
            for (_, role) in &line {
                if let Role::Link(n) = *role
                    && self.doc.links.get(n).is_some_and(|l| l.line == usize::MAX)
                {
                    self.doc.links[n].line = first + i;
                }
            }
            self.doc.lines.push(line);
        }
    }

    fn line(&mut self, text: &str, role: Role) {
        let text = sanitize(text);
        self.runs(&[(&text, role)]);
    }

    /// A paragraph of linked text in `role`, each link becoming a link of the document.
    fn text(&mut self, text: &Text, role: Role) {
        let mut pieces: Vec<(String, Role)> = Vec::with_capacity(text.links.len() * 2 + 1);
        for (words, target) in text.runs() {
            let role = match target {
                Some(target) => self.link(target),
                None => role,
            };
            pieces.push((sanitize(words), role));
        }
        let runs: Vec<(&str, Role)> = pieces.iter().map(|(t, r)| (t.as_str(), *r)).collect();
        self.runs(&runs);
    }

    /// A new link of the document to `target`; its line is set when it is laid out.
    fn link(&mut self, target: usize) -> Role {
        self.doc.links.push(DocLink { target, line: usize::MAX });
        Role::Link(self.doc.links.len() - 1)
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
            self.runs(&[("• ", Role::Text), (&title, role)]);
        }
    }

    fn list(&mut self, heading: &str, items: &[Name]) {
        if items.is_empty() {
            return;
        }
        self.blank();
        self.line(heading, Role::Heading);
        for item in items {
            let item = sanitize(item);
            self.runs(&[("• ", Role::Text), (&item, Role::Text)]);
        }
    }

    fn header(&mut self, entry: &Entry) {
        self.line(&entry.title, Role::Title);
        let mut meta = entry.kind.name().to_string();
        if let Some(dates) = entry.dates {
            meta = format!("{meta} · {dates}");
        }
        self.line(&meta, Role::Meta);
        if !entry.aliases.is_empty() {
            self.line(&format!("also: {}", entry.aliases.join(" · ")), Role::Meta);
        }
        self.blank();
        self.text(&entry.summary, Role::Summary);
    }

    /// The tabs of a treaty's parts: its overview, then each clause.
    fn tabs(&mut self, entry: &Entry) {
        self.blank();
        self.doc.tabs_line = Some(self.doc.lines.len());
        let labels: Vec<String> = std::iter::once("Overview".to_string())
            .chain(entry.clauses.iter().map(|c| sanitize(&c.label.to_string())))
            .map(|l| l.replace(' ', "\u{a0}"))
            .collect();
        let mut runs = Vec::new();
        for (k, label) in labels.iter().enumerate() {
            if k > 0 {
                runs.push(("\u{a0}· ", Role::Meta));
            }
            runs.push((label.as_str(), Role::Tab(k)));
        }
        self.runs(&runs);
    }

    fn overview(&mut self, index: usize, entry: &Entry) {
        for paragraph in &entry.body {
            self.blank();
            self.text(paragraph, Role::Text);
        }
        self.list("Published in", &entry.published);
        self.list("Sources", &entry.sources);
        let corpus = self.corpus;
        self.entry_links("Linked from", &corpus.linked_from[index]);
    }

    fn clause(&mut self, clause: &Clause) {
        self.blank();
        let heading = match clause.heading.as_str() {
            "" => clause.label.to_string(),
            heading => format!("{} — {heading}", clause.label),
        };
        self.line(&heading, Role::Heading);
        for paragraph in &clause.text {
            self.blank();
            self.text(paragraph, Role::Text);
        }
        if !clause.notes.is_empty() {
            self.blank();
            self.line("Notes", Role::Heading);
            for note in &clause.notes {
                self.text(note, Role::Note);
            }
        }
        self.entry_links("See also", &clause.links);
    }
}
