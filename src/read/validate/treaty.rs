//! A treaty's structure checked and built: its articles by label within their divisions,
//! the divisions flattened in the order they open, the list level of each paragraph, and
//! its signature block.

use hashbrown::HashMap;

use super::{Body, Checker, Finding};
use crate::model::{Chapter, Clause, ClauseLabel, Kind, Name, Signing, address};
use crate::read::format::{AnnexDoc, ArticleDoc, ChapterDoc};
use crate::read::skeleton::Step::{self, Field, Index};

/// The parts of a treaty as written.
pub(super) struct Written {
    pub preamble: Vec<String>,
    pub articles: Vec<ArticleDoc>,
    pub chapters: Vec<ChapterDoc>,
    pub annexes: Vec<AnnexDoc>,
}

/// The deepest list level a paragraph may have.
const DEEPEST: u8 = 4;

impl Checker<'_> {
    /// The clauses and divisions of entry `i`: the preamble, the articles outside any
    /// division, each division's articles and divisions in turn, and the annexes.
    pub(super) fn treaty(&mut self, i: usize, written: Written) -> (Vec<Clause>, Vec<Chapter>) {
        let at = |field| vec![Field("entries"), Index(i), Field(field)];
        let mut clauses = Vec::new();
        if !written.preamble.is_empty() {
            let (text, levels) = self.paragraphs(&at("preamble"), written.preamble);
            let heading = Name::default();
            let (notes, links, parallels) = (Box::default(), Box::default(), Box::default());
            let label = ClauseLabel::Preamble;
            clauses.push(Clause { label, chapter: None, heading, text, levels, notes, links, parallels });
        }
        // A treaty written as corpora were before labels and divisions: its articles are
        // numbered 1, 2, 3… and shown in that order, whatever order they are written in.
        let numbered = written.chapters.is_empty() && written.articles.iter().all(|a| a.label.is_none());
        let mut next = 0;
        if numbered {
            self.article_numbers(&at("articles"), &written.articles);
            type Anchored = Option<(Name, Vec<Step>)>;
            let mut articles: Vec<(u32, Clause, Anchored)> = written
                .articles
                .into_iter()
                .enumerate()
                .map(|(j, mut article)| {
                    next += 1;
                    let number = article.number.unwrap_or(next);
                    let path = [&at("articles")[..], &[Index(j)]].concat();
                    let anchor = article.anchor.take().map(|anchor| (anchor, [&path[..], &[Field("anchor")]].concat()));
                    (number, self.article(&path, article, next, None), anchor)
                })
                .collect();
            articles.sort_by_key(|&(number, ..)| number);
            for (_, clause, anchor) in articles {
                if let Some((anchor, at)) = anchor {
                    self.anchors.push((anchor, clauses.len() as u32, at));
                }
                clauses.push(clause);
            }
        } else {
            let mut chapters = Vec::new();
            self.articles(&at("articles"), written.articles, None, &mut next, &mut clauses);
            self.chapters(&at("chapters"), written.chapters, None, &mut next, &mut clauses, &mut chapters);
            clauses.extend(written.annexes.into_iter().enumerate().map(|(j, a)| self.annex(i, j, a)));
            return (clauses, chapters);
        }
        clauses.extend(written.annexes.into_iter().enumerate().map(|(j, a)| self.annex(i, j, a)));
        (clauses, Vec::new())
    }

    /// The articles at `path` (a list), in the division `chapter`: each label given once.
    fn articles(
        &mut self,
        path: &[Step],
        articles: Vec<ArticleDoc>,
        chapter: Option<u32>,
        next: &mut u32,
        clauses: &mut Vec<Clause>,
    ) {
        // By their labels as addresses read them, so that every article has an address.
        let mut seen: HashMap<String, (usize, Name)> = HashMap::default();
        for (j, mut article) in articles.into_iter().enumerate() {
            *next += 1;
            let at = [path, &[Index(j)]].concat();
            if let Some(anchor) = article.anchor.take() {
                self.anchors.push((anchor, clauses.len() as u32, [&at[..], &[Field("anchor")]].concat()));
            }
            let clause = self.article(&at, article, *next, chapter);
            let ClauseLabel::Article(label) = &clause.label else { unreachable!("an article has a label") };
            let key = address::key(label);
            if let Some(&(first, ref written)) = seen.get(&key) {
                let message = if written == label {
                    format!("two articles are labelled {label} in the same division")
                } else {
                    format!(
                        "two articles in the same division are labelled `{written}` and `{label}`, which addresses read alike"
                    )
                };
                let help = "give each article the label the treaty prints (addresses read case, spaces, hyphens and underscores alike); where the numbering restarts, put each run in a `Chapter`";
                self.repeated(path, (first, j), message, ("first labelled here", "labelled again here"), help);
            } else {
                seen.insert(key, (j, label.clone()));
            }
            clauses.push(clause);
        }
    }

    /// The divisions at `path` (a list) within division `parent`, each followed by its own.
    fn chapters(
        &mut self,
        path: &[Step],
        written: Vec<ChapterDoc>,
        parent: Option<u32>,
        next: &mut u32,
        clauses: &mut Vec<Clause>,
        chapters: &mut Vec<Chapter>,
    ) {
        // By their labels as addresses read them, whatever their kind: `chapter-1` names one.
        let mut seen: HashMap<String, (usize, Name)> = HashMap::default();
        for (j, doc) in written.into_iter().enumerate() {
            let at = [path, &[Index(j)]].concat();
            let label = self.line(&[&at[..], &[Field("label")]].concat(), doc.label, "a chapter");
            let division = doc.division.unwrap_or_else(|| "Chapter".into());
            self.addressable(&[&at[..], &[Field("label")]].concat(), &label, "a division");
            let key = address::key(&label);
            if let Some(&(first, ref written)) = seen.get(&key) {
                let message = if *written == format!("{division} {label}") {
                    format!("two divisions are called {written} here")
                } else {
                    format!(
                        "two divisions here are called {written} and {division} {label}, which addresses read alike"
                    )
                };
                let help = "give each division the label the treaty prints: two in the same place may not share one, whatever their kind (addresses read case, spaces, hyphens and underscores alike)";
                self.repeated(path, (first, j), message, ("first here", "again here"), help);
            } else {
                seen.insert(key, (j, format!("{division} {label}").into()));
            }
            let index = chapters.len() as u32;
            let start = clauses.len() as u32;
            chapters.push(Chapter { label, title: doc.title, division, parent, clauses: start..start });
            self.articles(&[&at[..], &[Field("articles")]].concat(), doc.articles, Some(index), next, clauses);
            self.chapters(
                &[&at[..], &[Field("chapters")]].concat(),
                doc.chapters,
                Some(index),
                next,
                clauses,
                chapters,
            );
            chapters[index as usize].clauses.end = clauses.len() as u32;
        }
    }

    /// The article at `path`, the `number`-th of the treaty in document order, in `chapter`:
    /// its label as printed, its number, or its place.
    fn article(&mut self, path: &[Step], doc: ArticleDoc, number: u32, chapter: Option<u32>) -> Clause {
        let label = match (doc.label, doc.number) {
            (Some(label), _) => {
                let at = [path, &[Field("label")]].concat();
                self.addressable(&at, &label, "an article");
                self.line(&at, label, "an article")
            }
            (None, Some(n)) => Name::from(n.to_string()),
            (None, None) => Name::from(number.to_string()),
        };
        let body = Body { text: doc.text, notes: doc.notes, links: doc.links, parallels: doc.parallels };
        let mut clause = self.clause(path, ClauseLabel::Article(label), doc.heading, body);
        clause.chapter = chapter;
        clause
    }

    /// The label of item `j` of the list at `path`, alike to that of item `first` as
    /// addresses read them: a finding at both, each `named` so.
    fn repeated(
        &mut self,
        path: &[Step],
        (first, j): (usize, usize),
        message: String,
        named: (&str, &str),
        help: &str,
    ) {
        let field = |j| [path, &[Index(j), Field("label")]].concat();
        let mut finding = Finding::new(&field(j), message, named.1).help(help);
        finding.context = Some((field(first), named.0.into()));
        self.report.push(finding.kind("repeated labels"));
    }

    /// Refuses the label of `what` (an article or a division) at `path` that no address
    /// could reach: one with a `/`, which addresses put between labels; one that begins as a
    /// division's address does; and an article's that addresses read as the preamble or an
    /// annex.
    fn addressable(&mut self, path: &[Step], label: &str, what: &str) {
        // Read as addresses read it, without a copy (every label of a corpus passes here).
        let starts = |word: &str| address::folded(label).take(word.len()).eq(word.chars());
        let annex = starts("annex")
            && address::folded(label).nth("annex".len()).is_some()
            && address::folded(label).skip("annex".len()).all(|c| c.is_ascii_digit());
        let preamble = address::folded(label).eq("preamble".chars());
        let help = if label.contains('/') {
            "addresses put `/` between the labels of divisions and articles (`code#II/3/1`): write the label without it, as `3.1` or `3-1`"
        } else if starts("chapter-") && what == "a division" {
            "`chapter-…` begins the address of a division, and the label follows it: write the label alone (`1`), and what the treaty calls the division as its `division`"
        } else if starts("chapter-") {
            "`chapter-…` addresses a division: write the article's label as the treaty prints it (`3`), or make it a `Chapter`"
        } else if what == "an article" && (preamble || annex) {
            "`preamble` and `annex1`, `annex2`… address a treaty's preamble and annexes: write the article's label as the treaty prints it, or its text as the preamble or an `Annex`"
        } else {
            return;
        };
        let message = format!("no address could reach {what} labelled `{}`", crate::text::echo(label));
        self.report.push(Finding::new(path, message, "unreachable label").help(help).kind("labels no address reaches"));
    }

    /// The anchors of the articles of the treaty just checked, by their names: each written
    /// as an address writes it (no white space, `#` or `/`) and given once in the treaty.
    pub(super) fn anchors(&mut self) -> Box<[(Name, u32)]> {
        let mut written = std::mem::take(&mut self.anchors);
        written.sort_by(|a, b| a.0.cmp(&b.0));
        let mut anchors: Vec<(Name, u32)> = Vec::with_capacity(written.len());
        let mut first: Option<&Vec<Step>> = None;
        for (anchor, clause, at) in &written {
            let bad = anchor.is_empty() || anchor.chars().any(|c| c.is_whitespace() || c == '#' || c == '/');
            if bad {
                let message = format!("an article's anchor `{}` is no address", crate::text::echo(anchor));
                let help = "write the address the published text gives the article, as an Akoma Ntoso eId is written (`part_II__art_4`): no spaces, `#` or `/`";
                self.report.push(Finding::new(at, message, "not an address").help(help).kind("anchors"));
                continue;
            }
            if let Some(last) = anchors.last()
                && last.0 == *anchor
            {
                let mut finding = Finding::new(
                    at,
                    format!("two articles have the anchor `{}`", crate::text::echo(anchor)),
                    "again here",
                )
                .help("an anchor leads to one article: give each its own, as the published text does")
                .kind("anchors");
                finding.context = first.map(|first| (first.clone(), "first here".into()));
                self.report.push(finding);
                continue;
            }
            first = Some(at);
            anchors.push((anchor.clone(), *clause));
        }
        anchors.into()
    }

    fn annex(&mut self, entry: usize, j: usize, doc: AnnexDoc) -> Clause {
        let path = [Field("entries"), Index(entry), Field("annexes"), Index(j)];
        let title = self.line(&[&path[..], &[Field("title")]].concat(), doc.title, "an annex");
        let body = Body { text: doc.text, notes: doc.notes, links: doc.links, parallels: doc.parallels };
        self.clause(&path, ClauseLabel::Annex(title.into_string()), Name::default(), body)
    }

    /// Article numbers, where a treaty gives only numbers, run 1, 2, 3… with none repeated
    /// and none left out.
    fn article_numbers(&mut self, path: &[Step], articles: &[ArticleDoc]) {
        let at = |j| [path, &[Index(j), Field("number")]].concat();
        let mut seen: HashMap<u32, usize> = HashMap::default();
        for (j, article) in articles.iter().enumerate() {
            let Some(n) = article.number else { continue };
            if n == 0 {
                self.report.push(
                    Finding::new(&at(j), "articles are numbered from 1", "article 0")
                        .help("number the first article 1"),
                );
            } else if let Some(&first) = seen.get(&n) {
                let mut finding = Finding::new(&at(j), format!("two articles are numbered {n}"), "repeated number")
                    .help("give each article its own number, as in the treaty's text");
                finding.context = Some((at(first), "first numbered here".into()));
                self.report.push(finding);
            } else {
                seen.insert(n, j);
            }
        }
        if articles.iter().any(|a| a.number.is_none()) {
            return;
        }
        let mut numbers: Vec<(u32, usize)> = seen.into_iter().collect();
        numbers.sort_unstable();
        let mut expected = 1;
        for (n, j) in numbers {
            if n > expected {
                let missing = if n - expected == 1 {
                    format!("article {expected} is missing")
                } else {
                    format!("articles {expected} to {} are missing", n - 1)
                };
                let went = if expected == 1 {
                    format!("the articles start at {n}")
                } else {
                    format!("the articles go from {} to {n}", expected - 1)
                };
                self.report.push(
                    Finding::new(&at(j), format!("{missing}: {went}"), format!("expected article {expected} before this one"))
                        .help("add the missing articles, renumber these to match the treaty's text, or give each its `label` as printed"),
                );
            }
            expected = n + 1;
        }
    }

    /// The signature block of entry `i` (of `kind`), if it has one.
    pub(super) fn signing(
        &mut self,
        i: usize,
        kind: &Kind,
        at: Option<Name>,
        parties: Vec<String>,
        signatories: Vec<String>,
    ) -> Option<Box<Signing>> {
        if at.is_none() && parties.is_empty() && signatories.is_empty() {
            return None;
        }
        let path = |field| vec![Field("entries"), Index(i), Field(field)];
        if !matches!(kind, Kind::Treaty | Kind::Document) {
            let field = if at.is_some() {
                "signed_at"
            } else if parties.is_empty() {
                "signatories"
            } else {
                "parties"
            };
            self.report.push(
                Finding::new(
                    &path(field),
                    format!("only a treaty or a document is signed, and this is a {}", kind.name()),
                    "only on a treaty",
                )
                .help("give `signed_at`, `parties` and `signatories` to a `Treaty` or a `Document`"),
            );
        }
        let mut ids = |field: &'static str, ids: Vec<String>, wanted: &[Kind], what: &str| -> Box<[usize]> {
            let mut found = Vec::new();
            for (j, id) in ids.iter().enumerate() {
                let at = [&path(field)[..], &[Index(j)]].concat();
                let Some(entry) = self.target(&at, id, 0..id.len()) else { continue };
                let kind = self.kinds.get(entry);
                if kind.is_some_and(|kind| !wanted.contains(kind) && !matches!(kind, Kind::Other(_))) {
                    let kind = kind.map_or("", |k| k.name());
                    self.report.push(
                        Finding::new(&at, format!("`{id}` is a {kind}, not {what}"), "wrong kind of entry")
                            .help(format!("list {what} here, each by its entry's id")),
                    );
                }
                found.push(entry);
            }
            found.into()
        };
        let parties = ids("parties", parties, &[Kind::State, Kind::Organisation], "a state or an organisation");
        let signatories = ids("signatories", signatories, &[Kind::Person], "a person");
        Some(Box::new(Signing { at, parties, signatories }))
    }

    /// The paragraphs at `path`, checked, each with its list level (and the spaces that give
    /// it dropped): none when no paragraph is a list item.
    pub(super) fn paragraphs(&mut self, path: &[Step], written: Vec<String>) -> (Box<[crate::model::Text]>, Box<[u8]>) {
        if self.texts == super::Texts::Shed {
            for (k, p) in written.into_iter().enumerate() {
                self.text(&[path, &[Index(k)]].concat(), p);
            }
            return (Box::default(), Box::default());
        }
        let mut levels = Vec::with_capacity(written.len());
        let text = written
            .into_iter()
            .enumerate()
            .map(|(k, p)| {
                let (level, spaces) = list_level(&p);
                levels.push(level);
                // Checked as written, so that a problem is pointed at where it stands; the
                // spaces are dropped after.
                let mut text = self.text(&[path, &[Index(k)]].concat(), p);
                if spaces > 0 {
                    text.plain = text.plain[spaces..].into();
                    let shifted = |l: &crate::model::Link| {
                        crate::model::Link::new(l.range().start - spaces..l.range().end - spaces, l.target())
                    };
                    text.links = text.links.iter().map(shifted).collect();
                }
                text
            })
            .collect();
        let levels = if levels.iter().all(|&l| l == 0) { Box::default() } else { levels.into() };
        (text, levels)
    }
}

/// The list level of a paragraph, and how many spaces before its marker give it: a
/// paragraph that begins with a list marker (`(a)`, `(iv)`, `a)`, `1.`, `1.1`, `•`, `-`) is
/// an item of level 1, and of one level deeper for every two spaces before the marker; any
/// other paragraph is of level 0.
pub fn list_level(paragraph: &str) -> (u8, usize) {
    let spaces = paragraph.len() - paragraph.trim_start_matches(' ').len();
    let rest = &paragraph[spaces..];
    if !is_marker(rest) {
        return (0, 0);
    }
    ((spaces / 2 + 1).min(DEEPEST as usize) as u8, spaces)
}

/// Whether `paragraph` is a list item: it begins (after any spaces) with a list marker
/// followed by a space.
pub fn is_list_item(paragraph: &str) -> bool {
    is_marker(paragraph.trim_start_matches(' '))
}

/// Whether `text` begins with a list marker followed by a space.
fn is_marker(text: &str) -> bool {
    let Some((marker, _)) = text.split_once(' ') else { return false };
    let word = |s: &str| !s.is_empty() && s.len() <= 5 && s.chars().all(|c| c.is_ascii_alphanumeric());
    let dotted =
        |s: &str| !s.is_empty() && s.split('.').all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    match marker {
        "•" | "-" | "–" | "—" | "*" | "·" => true,
        m if m.starts_with('(') && m.ends_with(')') => word(&m[1..m.len() - 1]),
        m if m.ends_with(')') => word(&m[..m.len() - 1]),
        // "1.", "12.", "1.1", "30.8.", and a single letter or roman numeral before a dot.
        m => match m.strip_suffix('.') {
            Some(m) => dotted(m) || (m.len() <= 4 && m.chars().all(|c| c.is_ascii_alphabetic()) && roman_or_letter(m)),
            None => m.contains('.') && dotted(m),
        },
    }
}

/// A single letter, or a roman numeral in lower or upper case.
fn roman_or_letter(m: &str) -> bool {
    m.len() == 1 || m.chars().all(|c| "ivxlcIVXLC".contains(c))
}

#[cfg(test)]
mod tests {
    use super::list_level;

    #[test]
    fn list_items_are_known_by_their_markers_and_nested_by_two_spaces() {
        for item in [
            "(a) to consult",
            "(iv) with arms",
            "a) so",
            "1. The Parties",
            "1.1 First",
            "30.8. Final",
            "• bullet",
            "- dash",
            "iv. four",
            "B. second",
        ] {
            assert_eq!(list_level(item), (1, 0), "{item:?}");
        }
        assert_eq!(list_level("  (i) deeper"), (2, 2));
        assert_eq!(list_level("    - deeper still"), (3, 4));
        assert_eq!(list_level("          (x) as deep as it goes"), (4, 10));
        for plain in [
            "The Parties agree:",
            "e.g. not a list",
            "(see below) is not",
            "Mr. Molotov",
            "1939 was",
            "  indented prose",
            "(a)no space",
            "",
        ] {
            assert_eq!(list_level(plain), (0, 0), "{plain:?}");
        }
    }
}
