//! Akoma Ntoso 3.0 (OASIS LegalDocML): an `act`, `bill`, `doc` or `statement` read into a
//! treaty — its FRBR metadata and preface, preamble, body of divisions and articles with
//! their numbered paragraphs and points, conclusions (place, date, signatures) and
//! attachments. The text of elements it does not know is kept where it stands.

use std::path::Path;

use roxmltree::Node;

use super::xml::{all_text, child, descendant, elements};
use super::{Labels, Note, Read, Refusal, Work, number, refusal, slug};
use crate::model::{Kind, Name};
use crate::read::format::{AnnexDoc, ArticleDoc, ChapterDoc, EntryDoc};

/// The documents read as a treaty; another kind of document is read as one too, said.
const DOCUMENTS: [&str; 4] = ["act", "bill", "doc", "statement"];

/// The elements that name a treaty's provisions, the first a body holds taken as its
/// articles: `article` in a treaty, `section` in an act of legislation.gov.uk.
const PROVISIONS: [&str; 6] = ["article", "section", "rule", "regulation", "clause", "paragraph"];

/// The elements that hold paragraphs (rather than being words within one): what is not
/// among them is read as text, unless it holds one of them.
const BLOCKS: [&str; 42] = [
    "p",
    "content",
    "intro",
    "wrapUp",
    "blockList",
    "item",
    "list",
    "table",
    "blockContainer",
    "formula",
    "recital",
    "recitals",
    "citation",
    "citations",
    "paragraph",
    "subparagraph",
    "point",
    "indent",
    "alinea",
    "clause",
    "subclause",
    "level",
    "sublist",
    "hcontainer",
    "listIntroduction",
    "listWrapUp",
    "tblock",
    "container",
    "section",
    "subsection",
    "article",
    "longTitle",
    "tr",
    "part",
    "chapter",
    "title",
    "book",
    "tome",
    "subpart",
    "subchapter",
    "subtitle",
    "division",
];

/// How deep elements are read as structure; what stands deeper is read as text.
const MOST_DEPTH: usize = 64;

/// The treaty in the Akoma Ntoso XML `text`, read from `file`, with its parties, signatories
/// and dated events.
pub fn read(file: &Path, text: &str) -> Result<Read, Refusal> {
    let doc = super::xml::parse(file, text)?;
    let root = doc.root_element();
    let positions = super::xml::Positions::new(text);
    let at = |node: Node| positions.at(node.range().start);
    if root.tag_name().name() != "akomaNtoso" {
        let (line, column) = at(root);
        return Err(refusal(file, line, column, "an Akoma Ntoso file's root element is <akomaNtoso>"));
    }
    let Some(document) = elements(root).next() else {
        let (line, column) = at(root);
        return Err(refusal(file, line, column, "<akomaNtoso> holds no document (an <act>, <bill>, <doc>)"));
    };
    let stem = file.file_stem().map_or("treaty".into(), |s| s.to_string_lossy().to_string());
    let mut reading = Reading::new(file, &positions, document);
    let kind = document.tag_name().name();
    if !DOCUMENTS.contains(&kind) {
        reading.note(document, &format!("<{kind}> read as a treaty, as an <act> is"));
    }
    let meta = child(document, "meta");
    let work = meta.and_then(|m| descendant(m, "FRBRWork"));
    let expression = meta.and_then(|m| descendant(m, "FRBRExpression"));
    fn value<'a>(within: Option<Node<'a, '_>>, name: &str, attr: &str) -> Option<&'a str> {
        within.and_then(|w| child(w, name)).and_then(|n| n.attribute(attr)).map(str::trim).filter(|v| !v.is_empty())
    }
    let preface = child(document, "preface");
    let in_preface = |name: &str| preface.and_then(|p| descendant(p, name));
    let id: Name = slug(&stem).into();
    let title = match in_preface("docTitle").map(|t| reading.line(t)).filter(|t| !t.is_empty()) {
        Some(title) => title,
        None => match value(work, "FRBRname", "value") {
            Some(name) => reading.clean(name),
            None => {
                reading
                    .note(preface.unwrap_or(document), "no <docTitle> in the <preface>: the file's name is the title");
                stem.clone()
            }
        },
    };
    let mut entry = super::treaty(id.clone(), title.into());
    entry.summary = match in_preface("longTitle").map(|t| reading.line(t)).filter(|t| !t.is_empty()) {
        Some(long) => long,
        None => format!("An agreement read from Akoma Ntoso (<{kind}>)."),
    };
    if let Some(number) = in_preface("docNumber").map(|n| reading.line(n)).filter(|n| !n.is_empty()) {
        entry.aliases.push(number.into());
    }
    if let Some(language) = value(expression, "FRBRlanguage", "language") {
        let node = expression.and_then(|e| child(e, "FRBRlanguage")).unwrap_or(document);
        entry.language = reading.language(node, language);
    }
    let mut read = Read::default();
    if let Some(uri) = value(work, "FRBRuri", "value").or(value(work, "FRBRthis", "value")) {
        read.work = Some(Work {
            key: uri.to_string(),
            expression: value(expression, "FRBRuri", "value")
                .or(value(expression, "FRBRthis", "value"))
                .map(Into::into),
            master: value(expression, "FRBRmasterExpression", "href").map(Into::into),
        });
    }
    // The parties: those the text names with <party>, else the country of the metadata.
    for party in document.descendants().filter(|n| n.tag_name().name() == "party") {
        let shown = reading.line(party);
        let named = party.attribute("refersTo").map(|r| r.trim_start_matches('#')).filter(|r| !r.is_empty());
        let shown = reading.reference(named).filter(|s| !s.is_empty()).unwrap_or(shown);
        let Some(key) = named.map(str::to_string).or_else(|| (!shown.is_empty()).then(|| shown.clone())) else {
            continue;
        };
        let party_id: Name = slug(&key).into();
        if entry.parties.iter().any(|p| p.as_str() == party_id.as_str()) {
            continue;
        }
        let title = if shown.is_empty() { key.clone() } else { shown };
        let mut state = super::treaty(party_id.clone(), title.into());
        state.kind = Kind::State;
        state.summary = format!("A party to {}.", entry.title);
        entry.parties.push(party_id.to_string());
        read.entries.push(state);
    }
    if entry.parties.is_empty()
        && let Some(code) = value(work, "FRBRcountry", "value")
    {
        let code = reading.clean(code);
        let party_id: Name = slug(&code).into();
        let mut state = super::treaty(party_id.clone(), code.clone().into());
        state.kind = Kind::State;
        state.summary = format!("A party to treaties, by its code {code}.");
        state.aliases.push(code.into());
        entry.parties.push(party_id.to_string());
        read.entries.push(state);
    }
    if let Some(preamble) = child(document, "preamble") {
        let text = reading.text(preamble);
        entry.preamble = text.paragraphs;
        entry.preamble.extend(text.notes.into_iter().map(|n| format!("Note: {n}")));
    }
    match elements(document).find(|n| n.tag_name().name() == "body" || n.tag_name().name().ends_with("Body")) {
        Some(body) => reading.body(body, &mut entry),
        None => reading.note(document, "no <body>: the treaty has no articles"),
    }
    // The conclusions: their text an annex "Final clauses"; the place, date and signatures.
    let mut signed: Option<(Node, String)> = None;
    if let Some(conclusions) = child(document, "conclusions") {
        let text = reading.text(conclusions);
        entry.annexes.push(AnnexDoc {
            title: "Final clauses".into(),
            text: text.paragraphs,
            notes: text.notes,
            links: Vec::new(),
            parallels: Vec::new(),
        });
        if let Some(place) = descendant(conclusions, "location").map(|l| reading.line(l)).filter(|p| !p.is_empty()) {
            entry.signed_at = Some(place.into());
        }
        signed = descendant(conclusions, "date").and_then(|d| Some((d, d.attribute("date")?.trim().to_string())));
        for signature in conclusions.descendants().filter(|n| n.tag_name().name() == "signature") {
            let Some(person) = descendant(signature, "person") else { continue };
            let shown = reading.line(person);
            let named = person.attribute("refersTo").map(|r| r.trim_start_matches('#')).filter(|r| !r.is_empty());
            let title = reading.reference(named).filter(|t| !t.is_empty()).unwrap_or(shown);
            let Some(key) = named.map(str::to_string).or_else(|| (!title.is_empty()).then(|| title.clone())) else {
                continue;
            };
            let person_id: Name = slug(&key).into();
            let role = descendant(signature, "role").map(|r| reading.line(r)).filter(|r| !r.is_empty());
            let mut signatory =
                super::treaty(person_id.clone(), if title.is_empty() { key.into() } else { title.into() });
            signatory.kind = Kind::Person;
            signatory.summary = match role {
                Some(role) => format!("Signed {} ({role}).", entry.title),
                None => format!("A signatory of {}.", entry.title),
            };
            if !entry.signatories.iter().any(|s| s.as_str() == person_id.as_str()) {
                entry.signatories.push(person_id.to_string());
                read.entries.push(signatory);
            }
        }
    }
    // The date of signature: that of the conclusions, else the preface's, else the work's.
    let signed = signed.or_else(|| {
        let date = in_preface("docDate")?;
        Some((date, date.attribute("date")?.trim().to_string()))
    });
    let dated = match signed {
        Some((node, date)) => Some((node, date, "signed".to_string())),
        None => work.and_then(|w| child(w, "FRBRdate")).and_then(|node| {
            let date = node.attribute("date")?.trim().to_string();
            let name = node.attribute("name").unwrap_or("").trim();
            let what = if name.is_empty() || name.contains("sign") { "signed".into() } else { reading.clean(name) };
            Some((node, date, what))
        }),
    };
    if let Some((node, date, what)) = dated {
        match crate::model::Date::parse(&date) {
            Ok(_) => {
                entry.start = Some(date.clone());
                read.events.push(super::event(&entry, date, &what));
            }
            Err(_) => reading.note(node, &format!("the date {date:?} is not a date: left out")),
        }
    }
    for attachments in elements(document).filter(|n| matches!(n.tag_name().name(), "attachments" | "components")) {
        reading.attachments(attachments, &mut entry.annexes, 0);
    }
    let mut titles = Labels::default();
    for annex in &mut entry.annexes {
        annex.title = titles.unique(&annex.title).into();
        if annex.text.is_empty() {
            annex.text.push(String::new());
        }
    }
    if reading.dropped > 0 {
        let dropped = reading.dropped;
        reading.note(document, &format!("{dropped} control characters left out of the text"));
    }
    read.entries.insert(0, entry);
    read.notes = reading.notes;
    Ok(read)
}

/// The paragraphs read from an element, and the notes their words carry.
#[derive(Default)]
struct Text {
    paragraphs: Vec<String>,
    notes: Vec<String>,
}

struct Reading<'a, 'input> {
    file: &'a Path,
    positions: &'a super::xml::Positions<'input>,
    notes: Vec<Note>,
    dropped: usize,
    /// The element that names the document's articles (one of [`PROVISIONS`]).
    provision: &'static str,
    /// The references of the metadata (`TLCPerson`, `TLCOrganization`…) and its notes.
    meta: Option<Node<'a, 'input>>,
    /// A number read whose text is still to come: its list level and the number.
    pending: Option<(usize, String)>,
    /// The `eId`s given to articles so far, each an address of one.
    anchors: std::collections::HashSet<String>,
}

impl<'a, 'input> Reading<'a, 'input> {
    fn new(file: &'a Path, positions: &'a super::xml::Positions<'input>, document: Node<'a, 'input>) -> Self {
        let body = elements(document).find(|n| n.tag_name().name() == "body" || n.tag_name().name().ends_with("Body"));
        let provision = body
            .and_then(|body| {
                PROVISIONS.into_iter().find(|p| body.descendants().any(|n| n.is_element() && n.tag_name().name() == *p))
            })
            .unwrap_or("article");
        let meta = child(document, "meta");
        let anchors = std::collections::HashSet::new();
        Reading { file, positions, notes: Vec::new(), dropped: 0, provision, meta, pending: None, anchors }
    }

    fn note(&mut self, node: Node, message: &str) {
        self.note_at(node.range().start, message);
    }

    /// A note on what stands at byte `at` of the file.
    fn note_at(&mut self, at: usize, message: &str) {
        let (line, column) = self.positions.at(at);
        self.notes.push(Note { file: self.file.to_path_buf(), line, column, message: message.into() });
    }

    fn clean(&mut self, text: &str) -> String {
        super::clean(text, &mut self.dropped)
    }

    /// The words of `node` on one line, its notes left out.
    fn line(&mut self, node: Node) -> String {
        let mut words = String::new();
        self.inline(node, &mut words, &mut Vec::new());
        self.clean(&words)
    }

    /// `tag` as a language tag ("en", "lv", "eng"); else nothing, said.
    fn language(&mut self, node: Node, tag: &str) -> Option<Name> {
        let language = super::language_tag(tag);
        if language.is_none() {
            self.note(node, &format!("the language {tag:?} is not a language tag (\"en\", \"lv\"): left out"));
        }
        language
    }

    /// What the reference of the metadata whose eId is `id` shows as.
    fn reference(&mut self, id: Option<&str>) -> Option<String> {
        let id = id?;
        let references = self.meta.and_then(|m| child(m, "references"))?;
        let found = elements(references).find(|r| r.attribute("eId").or(r.attribute("id")) == Some(id))?;
        let shown = found.attribute("showAs")?.to_string();
        Some(self.clean(&shown))
    }

    /// The paragraphs of `node` (a preamble, an article, a part of an annex).
    fn text(&mut self, node: Node) -> Text {
        let mut text = Text::default();
        self.walk(node, 0, 0, &mut text);
        self.flush_number(&mut text);
        text
    }

    /// Reads the children of `node` into `out`: words gathered into paragraphs, blocks
    /// read in turn, a numbered element's number put before its first paragraph with the
    /// list level `level` (its own numbered elements a level below).
    fn walk(&mut self, node: Node, level: usize, depth: usize, out: &mut Text) {
        let mut words = String::new();
        for child in node.children() {
            if child.is_text() {
                words.push_str(child.text().unwrap_or(""));
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let name = child.tag_name().name();
            if matches!(name, "num" | "heading" | "subheading" | "meta" | "attachments" | "components") {
                continue;
            }
            if !is_block(child) {
                self.inline(child, &mut words, &mut out.notes);
                continue;
            }
            self.paragraph(&words, out);
            words.clear();
            if depth >= MOST_DEPTH {
                self.inline(child, &mut words, &mut out.notes);
                self.paragraph(&words, out);
                words.clear();
                continue;
            }
            if name == "tr" {
                let cells: Vec<String> = elements(child).map(|cell| self.line(cell)).collect();
                self.paragraph(&cells.join(" | "), out);
                continue;
            }
            match child.children().find(|n| n.is_element() && n.tag_name().name() == "num") {
                Some(num) => {
                    self.flush_number(out);
                    let number = self.line(num);
                    let heading = self.heading(child);
                    self.pending = (!number.is_empty()).then_some((level, number));
                    if !heading.is_empty() {
                        self.paragraph(&heading, out);
                    }
                    self.walk(child, level + 1, depth + 1, out);
                    self.flush_number(out);
                }
                None => {
                    let heading = self.heading(child);
                    if !heading.is_empty() {
                        self.paragraph(&heading, out);
                    }
                    self.walk(child, level, depth + 1, out);
                }
            }
        }
        self.paragraph(&words, out);
    }

    /// A number still waiting for its text, as a paragraph of its own.
    fn flush_number(&mut self, out: &mut Text) {
        if let Some((level, number)) = self.pending.take() {
            out.paragraphs.push(indented(level, number));
        }
    }

    /// `words`, cleaned, as a paragraph of `out`, after the number waiting for it.
    fn paragraph(&mut self, words: &str, out: &mut Text) {
        let text = self.clean(words);
        if text.is_empty() {
            return;
        }
        let paragraph = match self.pending.take() {
            Some((level, number)) => indented(level, format!("{number} {text}")),
            None => text,
        };
        out.paragraphs.push(paragraph);
    }

    /// The words within `node` put onto `words`; the notes they carry (`authorialNote`, a
    /// `noteRef` to the notes of the metadata) onto `notes`.
    fn inline(&mut self, node: Node, words: &mut String, notes: &mut Vec<String>) {
        // Where a note that was read whole ends: what stands before it is in the note.
        let mut skipped_to = 0;
        for n in node.descendants() {
            if n.range().start < skipped_to {
                continue;
            }
            if n.is_text() {
                words.push_str(n.text().unwrap_or(""));
                continue;
            }
            let marker = || n.attribute("marker").map(|m| format!("{} ", m.trim())).unwrap_or_default();
            match n.tag_name().name() {
                "authorialNote" => {
                    skipped_to = n.range().end;
                    let text = self.clean(&all_text(n));
                    notes.push(format!("{}{text}", marker()).trim().to_string());
                }
                "noteRef" => {
                    skipped_to = n.range().end;
                    let id = n.attribute("href").unwrap_or("").trim_start_matches('#');
                    let note = self.meta.and_then(|m| {
                        m.descendants().find(|x| {
                            x.tag_name().name() == "note" && x.attribute("eId").or(x.attribute("id")) == Some(id)
                        })
                    });
                    if let Some(note) = note {
                        let text = self.clean(&all_text(note));
                        notes.push(format!("{}{text}", marker()).trim().to_string());
                    }
                }
                "eol" | "br" | "eop" => words.push(' '),
                _ if n.is_element() && n != node && is_block(n) => words.push(' '),
                _ => {}
            }
        }
    }

    /// The heading of `node` (and its subheading after a dash), on one line.
    fn heading(&mut self, node: Node) -> String {
        let mut shown = Vec::new();
        for name in ["heading", "subheading"] {
            if let Some(heading) = child(node, name) {
                let line = self.line(heading);
                if !line.is_empty() {
                    shown.push(line);
                }
            }
        }
        shown.join(" — ")
    }

    /// The body's divisions and articles into `entry`.
    fn body(&mut self, body: Node, entry: &mut EntryDoc) {
        let mut within = Within::default();
        self.provisions(body, &mut within, 0);
        self.close_loose(&mut within);
        if within.articles.is_empty() && within.chapters.is_empty() {
            self.note(body, "no article found: the whole text is one article");
            within.articles.push(article(Some("1".into()), Name::default(), vec![String::new()], Vec::new()));
        }
        entry.articles = within.articles;
        entry.chapters = within.chapters;
    }

    /// The children of `node` read into `within`: articles, divisions, and text that
    /// stands in neither.
    fn provisions(&mut self, node: Node, within: &mut Within, depth: usize) {
        for child in node.children() {
            if !child.is_element() {
                if child.text().is_some_and(|t| !t.trim().is_empty()) {
                    within.loose.get_or_insert(child.range().start);
                    let mut text = Text::default();
                    self.paragraph(child.text().unwrap_or(""), &mut text);
                    within.loose_text.paragraphs.extend(text.paragraphs);
                }
                continue;
            }
            let name = child.tag_name().name();
            if matches!(name, "num" | "heading" | "subheading") {
                continue;
            }
            let holds = child.descendants().skip(1).any(|n| n.is_element() && n.tag_name().name() == self.provision);
            if name == self.provision && depth < MOST_DEPTH {
                self.close_loose(within);
                let place = within.articles.len() + 1;
                let read = self.article(child, place, &mut within.article_labels);
                if !within.chapters.is_empty() {
                    self.note(child, "an article after a division: it is shown before the divisions");
                }
                within.articles.push(read);
            } else if holds && depth < MOST_DEPTH {
                let named = child_element(child, "num") || child_element(child, "heading");
                if !named && !BLOCKS.contains(&name) {
                    // A wrapper, such as a container of articles: read as if it were not there.
                    self.provisions(child, within, depth + 1);
                    continue;
                }
                self.close_loose(within);
                let division = self.division(child, within.chapters.len() + 1, &mut within.chapter_labels, depth);
                within.chapters.push(division);
            } else {
                within.loose.get_or_insert(child.range().start);
                let mut text = std::mem::take(&mut within.loose_text);
                if is_block(child) && depth < MOST_DEPTH {
                    let heading = self.heading(child);
                    if !heading.is_empty() {
                        self.paragraph(&heading, &mut text);
                    }
                    self.walk(child, 0, depth + 1, &mut text);
                } else {
                    let mut words = String::new();
                    self.inline(child, &mut words, &mut text.notes);
                    self.paragraph(&words, &mut text);
                }
                self.flush_number(&mut text);
                within.loose_text = text;
            }
        }
    }

    /// Text that stood between provisions, as an article labelled by its place.
    fn close_loose(&mut self, within: &mut Within) {
        let Some(at) = within.loose.take() else { return };
        let text = std::mem::take(&mut within.loose_text);
        if text.paragraphs.is_empty() && text.notes.is_empty() {
            return;
        }
        let label = within.article_labels.unique(&format!("({})", within.articles.len() + 1));
        self.note_at(at, &format!("text outside any article: read as an article labelled {label}"));
        let paragraphs = if text.paragraphs.is_empty() { vec![String::new()] } else { text.paragraphs };
        within.articles.push(article(Some(label), Name::default(), paragraphs, text.notes));
    }

    /// Division `node`, the `place`th of its siblings, with what it holds.
    fn division(&mut self, node: Node, place: usize, labels: &mut Labels, depth: usize) -> ChapterDoc {
        let tag = node.tag_name().name();
        let name = match (tag, node.attribute("name")) {
            ("hcontainer" | "container", Some(name)) if !name.trim().is_empty() => capitalised(name.trim()),
            ("hcontainer" | "container", _) => "Division".to_string(),
            (tag, _) => capitalised(tag),
        };
        let label = self.label(node, &name, place, labels, "a division");
        let title = self.heading(node);
        let mut within = Within::default();
        self.provisions(node, &mut within, depth + 1);
        self.close_loose(&mut within);
        ChapterDoc {
            label: label.into(),
            title: title.into(),
            division: (name != "Chapter").then(|| name.into()),
            articles: within.articles,
            chapters: within.chapters,
        }
    }

    /// Article `node`, the `place`th of its siblings, its label unique among `labels`.
    fn article(&mut self, node: Node, place: usize, labels: &mut Labels) -> ArticleDoc {
        let label = self.label(node, "Article", place, labels, "an article");
        let heading = self.heading(node);
        let text = self.text(node);
        let paragraphs = if text.paragraphs.is_empty() {
            self.note(node, "an article with no text");
            vec![String::new()]
        } else {
            text.paragraphs
        };
        let mut article = article(Some(label), heading.into(), paragraphs, text.notes);
        article.anchor = self.anchor(node);
        article
    }

    /// The `eId` of article `node` as its address, when it is one and no other article's.
    fn anchor(&mut self, node: Node) -> Option<Name> {
        let eid = node.attribute("eId").or(node.attribute("id"))?.trim();
        if eid.is_empty() || eid.contains(|c: char| c.is_whitespace() || c == '#' || c == '/') {
            self.note(node, &format!("the eId {eid:?} is no address: the article is reached by its label"));
            return None;
        }
        if !self.anchors.insert(eid.to_string()) {
            self.note(node, &format!("the eId {eid} is an earlier article's too: this one is reached by its label"));
            return None;
        }
        Some(eid.into())
    }

    /// The label of `node` (called `name`): its `num` without the word that names it ("Part
    /// III" → "III"), else the last part of its `eId`, else its place; unique among `taken`.
    fn label(&mut self, node: Node, name: &str, place: usize, taken: &mut Labels, what: &str) -> String {
        let num = child(node, "num").map(|n| self.line(n));
        let label = match num.as_deref().map(|n| number(n, name)).filter(|n| !n.is_empty()) {
            Some(label) => label,
            None => {
                let from_id = node.attribute("eId").or(node.attribute("id")).map(eid_label).filter(|l| !l.is_empty());
                match from_id {
                    Some(label) => {
                        self.note(node, &format!("{what} without a <num>: labelled {label} from its eId"));
                        label
                    }
                    None => {
                        let label = format!("({place})");
                        self.note(node, &format!("{what} without a <num>: labelled {label} by its place"));
                        label
                    }
                }
            }
        };
        let label = self.clean(&label);
        let unique = taken.unique(&label);
        if unique != label {
            let what = what.split_once(' ').map_or(what, |(_, w)| w);
            self.note(node, &format!("a second {what} numbered {label}: labelled {unique}"));
        }
        unique
    }

    /// The documents attached to the treaty, each an annex; those attached to them after.
    fn attachments(&mut self, node: Node, annexes: &mut Vec<AnnexDoc>, depth: usize) {
        for attachment in elements(node) {
            if attachment.tag_name().name() == "documentRef" || descendant(attachment, "documentRef").is_some() {
                let at = descendant(attachment, "documentRef").unwrap_or(attachment);
                let href = at.attribute("href").unwrap_or("");
                self.note(at, &format!("an attachment in another file ({href}) is not read: import that file too"));
                continue;
            }
            let document = if attachment.tag_name().name() == "annex" || child(attachment, "mainBody").is_some() {
                attachment
            } else {
                match elements(attachment).next() {
                    Some(document) => document,
                    None => continue,
                }
            };
            let preface = child(document, "preface");
            let named = preface.and_then(|p| descendant(p, "docTitle")).map(|t| self.line(t)).filter(|t| !t.is_empty());
            let title = named.unwrap_or_else(|| {
                let name = document.attribute("name").map_or("Annex".to_string(), capitalised);
                format!("{name} {}", annexes.iter().filter(|a| a.title != "Final clauses").count() + 1)
            });
            let mut text = Text::default();
            for part in elements(document) {
                let name = part.tag_name().name();
                if matches!(name, "meta" | "attachments" | "components") {
                    continue;
                }
                let at = text.paragraphs.len();
                self.walk(part, 0, depth + 1, &mut text);
                self.flush_number(&mut text);
                if name == "preface" && text.paragraphs.get(at) == Some(&title) {
                    text.paragraphs.remove(at);
                }
            }
            annexes.push(AnnexDoc {
                title: title.into(),
                text: text.paragraphs,
                notes: text.notes,
                links: Vec::new(),
                parallels: Vec::new(),
            });
            if depth < MOST_DEPTH {
                for inner in elements(document).filter(|n| matches!(n.tag_name().name(), "attachments" | "components"))
                {
                    self.attachments(inner, annexes, depth + 1);
                }
            }
        }
    }
}

/// What a body or a division holds as it is read.
#[derive(Default)]
struct Within {
    articles: Vec<ArticleDoc>,
    chapters: Vec<ChapterDoc>,
    article_labels: Labels,
    chapter_labels: Labels,
    /// Where text outside any article began, and its paragraphs.
    loose: Option<usize>,
    loose_text: Text,
}

fn article(label: Option<String>, heading: Name, text: Vec<String>, notes: Vec<String>) -> ArticleDoc {
    ArticleDoc {
        number: None,
        label: label.map(Name::from),
        heading,
        text,
        notes,
        links: Vec::new(),
        parallels: Vec::new(),
        anchor: None,
    }
}

/// Whether `node` holds paragraphs rather than words: one of [`BLOCKS`], or an element
/// that holds one (but never a note, which stays with the words it annotates).
fn is_block(node: Node) -> bool {
    let name = node.tag_name().name();
    if matches!(name, "authorialNote" | "noteRef") {
        return false;
    }
    BLOCKS.contains(&name) || elements(node).any(|n| BLOCKS.contains(&n.tag_name().name()))
}

/// Whether `node` has a child element named `name`.
fn child_element(node: Node, name: &str) -> bool {
    child(node, name).is_some()
}

/// A list item's `text` with two spaces a level before it (to the fourth level); any
/// other paragraph as it is.
fn indented(level: usize, text: String) -> String {
    if level == 0 || !super::text::is_list_item(&text) {
        return text;
    }
    format!("{}{text}", "  ".repeat(level.min(3)))
}

/// The label an `eId` gives: its last part after the kind of element ("chp_2__art_3bis" →
/// "3bis").
fn eid_label(eid: &str) -> String {
    let last = eid.rsplit("__").next().unwrap_or(eid);
    match last.split_once('_') {
        Some((_, label)) => label.replace('_', " "),
        None => String::new(),
    }
}

/// `word` with a capital first letter: "part" → "Part".
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lose_the_word_that_names_them() {
        assert_eq!(number("Article 1", "Article"), "1");
        assert_eq!(number("ARTICLE IV.", "Article"), "IV");
        assert_eq!(number("Art. 3 bis", "Article"), "3 bis");
        assert_eq!(number("Part III —", "Part"), "III");
        assert_eq!(number("§ 12", "Article"), "12");
        assert_eq!(number("Schedule 2", "Schedule"), "2");
        assert_eq!(number("30.8", "Article"), "30.8");
        assert_eq!(number("Article", "Article"), "Article");
        assert_eq!(number("CHAPTER TWENTY THREE", "Chapter"), "23");
        assert_eq!(number("Chapter One Hundred and Five", "Chapter"), "105");
        assert_eq!(number("ARTICLE 1.2", "Article"), "1.2");
        assert_eq!(number("Part Ten-A", "Part"), "Ten-A");
        assert_eq!(number("and", "Part"), "and");
        assert_eq!(eid_label("chp_2__art_3bis"), "3bis");
        assert_eq!(eid_label("art"), "");
    }
}
