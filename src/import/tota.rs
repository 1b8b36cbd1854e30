//! ToTA's XML (the Texts of Trade Agreements): `<treaty><meta>…</meta><body>` with
//! chapters and articles numbered and named in their attributes. Its quirks (chapters and
//! articles without a number, numbers used twice) each get a stable label and a note.

use std::path::Path;

use roxmltree::{Document, Node};

use super::xml::{all_text, attribute, child};
use super::{Labels, Note, Read, Refusal, clean, refusal, slug};
use crate::model::{Kind, Name};
use crate::read::format::{ArticleDoc, ChapterDoc, EntryDoc};

/// The treaty in ToTA's XML `text`, read from `file`, with its parties and dated events.
pub fn read(file: &Path, text: &str) -> Result<Read, Refusal> {
    let doc = super::xml::parse(file, text)?;
    let root = doc.root_element();
    if root.tag_name().name() != "treaty" {
        let at = doc.text_pos_at(root.range().start);
        return Err(refusal(file, at.row, at.col, "a ToTA file's root element is <treaty>"));
    }
    let mut reading = Reading { file, doc: &doc, notes: Vec::new(), dropped: 0 };
    let meta = child(root, "meta");
    let field = |name: &str| meta.and_then(|m| child(m, name)).map(|n| all_text(n).trim().to_string());
    let stem = file.file_stem().map_or("treaty".into(), |s| s.to_string_lossy().to_string());
    let id: Name = slug(&stem).into();
    let title = field("name").filter(|t| !t.is_empty()).unwrap_or_else(|| {
        reading.note(meta.unwrap_or(root), "no <name> in <meta>: the file's name is the title");
        stem.clone()
    });
    let mut entry = super::treaty(id.clone(), reading.clean(&title).into());
    if let Some(language) = field("language").filter(|l| !l.is_empty()) {
        entry.language = super::language_tag(&language);
        if entry.language.is_none() {
            let node = meta.and_then(|m| child(m, "language")).unwrap_or(root);
            reading.note(node, &format!("the language {language:?} is not a language tag (\"en\", \"es\"): left out"));
        }
    }
    entry.summary = match field("type").filter(|t| !t.is_empty()) {
        Some(kind) => format!("A trade agreement ({}).", reading.clean(&kind)),
        None => "A trade agreement.".into(),
    };
    // The parties, each an entry of its own named by its code.
    let mut read = Read::default();
    if let Some(rta) = field("wto_rta_id").filter(|t| !t.is_empty()) {
        let key = format!("WTO RTA {}", reading.clean(&rta));
        entry.aliases.push(key.clone().into());
        read.work = Some(super::Work { key, expression: None, master: None });
    }
    entry.sources.extend(field("source").filter(|t| !t.is_empty()).map(|s| Name::from(reading.clean(&s))));
    if let Some(parties) = meta.and_then(|m| child(m, "parties")) {
        for party in parties.children().filter(|n| n.is_element()) {
            let code = all_text(party).trim().to_string();
            if code.is_empty() {
                continue;
            }
            let party_id: Name = slug(&code).into();
            let mut state = super::treaty(party_id.clone(), reading.clean(&code).into());
            state.kind = Kind::State;
            state.summary = format!("A party to trade agreements, by its code {}.", reading.clean(&code));
            state.aliases.push(reading.clean(&code).into());
            if !entry.parties.iter().any(|p| p.as_str() == party_id.as_str()) {
                entry.parties.push(party_id.to_string());
                read.entries.push(state);
            }
        }
    }
    // Dates: signed is the treaty's start; each date an event.
    for (name, what) in [("date_signed", "signed"), ("date_into_force", "enters into force"), ("date_inactive", "ends")]
    {
        let Some(date) = field(name).filter(|d| !d.is_empty()) else { continue };
        match crate::model::Date::parse(&date) {
            Ok(_) => {
                if name == "date_signed" {
                    entry.start = Some(date.clone());
                }
                read.events.push(super::event(&entry, date, what));
            }
            Err(_) => {
                let node = meta.and_then(|m| child(m, name)).unwrap_or(root);
                reading.note(node, &format!("<{name}> {date:?} is not a date: left out"));
            }
        }
    }
    match child(root, "body") {
        Some(body) => reading.body(body, &mut entry),
        None => reading.note(root, "no <body>: the treaty has no text"),
    }
    if reading.dropped > 0 {
        let dropped = reading.dropped;
        reading.note(root, &format!("{dropped} control characters left out of the text"));
    }
    read.entries.insert(0, entry);
    read.notes = reading.notes;
    Ok(read)
}

struct Reading<'a, 'input> {
    file: &'a Path,
    doc: &'a Document<'input>,
    notes: Vec<Note>,
    dropped: usize,
}

impl Reading<'_, '_> {
    fn note(&mut self, node: Node, message: &str) {
        let at = self.doc.text_pos_at(node.range().start);
        self.notes.push(Note { file: self.file.to_path_buf(), line: at.row, column: at.col, message: message.into() });
    }

    fn clean(&mut self, text: &str) -> String {
        clean(text, &mut self.dropped)
    }

    /// The chapters of `body`: the preamble, chapters with their articles, the rest.
    fn body(&mut self, body: Node, entry: &mut EntryDoc) {
        let mut chapter_labels = Labels::default();
        for (k, chapter) in body.children().filter(|n| n.is_element()).enumerate() {
            let number = attribute(chapter, &["number", "chapter_identifier"]);
            let name = attribute(chapter, &["name"]).unwrap_or_default();
            let tag = chapter.tag_name().name();
            let preamble = number.as_deref().is_some_and(|n| n.eq_ignore_ascii_case("preamble"))
                || name.eq_ignore_ascii_case("preamble")
                || tag == "preamble";
            if preamble {
                for article in chapter.children().filter(|n| n.is_element()) {
                    let text = self.paragraphs(article);
                    entry.preamble.extend(text);
                }
                if chapter.children().all(|n| !n.is_element()) {
                    let text = self.paragraphs(chapter);
                    entry.preamble.extend(text);
                }
                continue;
            }
            if tag != "chapter" {
                self.note(chapter, &format!("<{tag}> in <body> read as a chapter"));
            }
            // A chapter of neither number nor name before any other holds the articles that
            // stand in no chapter.
            let unnamed = number.as_deref().is_none_or(|n| n.trim().is_empty()) && name.trim().is_empty();
            if unnamed && entry.chapters.is_empty() && entry.articles.is_empty() {
                let mut labels = Labels::default();
                for (j, article) in chapter.children().filter(|n| n.is_element()).enumerate() {
                    let article = self.article(article, j, &mut labels);
                    entry.articles.push(article);
                }
                continue;
            }
            let label = match number.filter(|n| !n.trim().is_empty()) {
                Some(number) => number.trim().to_string(),
                None => {
                    let label = format!("({})", k + 1);
                    self.note(chapter, &format!("a chapter without a number: labelled {label} by its place"));
                    label
                }
            };
            let label = self.unique(chapter, label, &mut chapter_labels, "chapter");
            let mut division = ChapterDoc {
                label: label.into(),
                title: self.clean(&name).into(),
                division: None,
                articles: Vec::new(),
                chapters: Vec::new(),
            };
            let mut article_labels = Labels::default();
            let articles: Vec<Node> = chapter.children().filter(|n| n.is_element()).collect();
            if articles.is_empty() && !all_text(chapter).trim().is_empty() {
                self.note(chapter, "a chapter of text without articles: its text is one article");
            }
            let texts: Vec<Node> = if articles.is_empty() { vec![chapter] } else { articles };
            for (j, article) in texts.into_iter().enumerate() {
                let mut read = self.article(article, j, &mut article_labels);
                if article == chapter {
                    read.heading = Name::default();
                }
                division.articles.push(read);
            }
            entry.chapters.push(division);
        }
    }

    /// Article `node`, the `j`th of its chapter, its label kept unique among `labels`.
    fn article(&mut self, node: Node, j: usize, labels: &mut Labels) -> ArticleDoc {
        let number = attribute(node, &["number", "article_identifier"]).filter(|n| !n.trim().is_empty());
        let label = match number {
            Some(number) => number.trim().to_string(),
            None => {
                let label = format!("({})", j + 1);
                self.note(node, &format!("an article without a number: labelled {label} by its place"));
                label
            }
        };
        let label = self.unique(node, label, labels, "article");
        let heading = attribute(node, &["name"]).unwrap_or_default();
        ArticleDoc {
            number: None,
            label: Some(label.into()),
            heading: self.clean(&heading).into(),
            text: self.paragraphs(node),
            notes: Vec::new(),
            links: Vec::new(),
            parallels: Vec::new(),
        }
    }

    /// `label`, or, when `taken` has it already (as addresses compare labels), the same with
    /// the number of its use: "5 (2)".
    fn unique(&mut self, node: Node, label: String, taken: &mut Labels, what: &str) -> String {
        let unique = taken.unique(&label);
        if unique != label {
            self.note(node, &format!("a second {what} numbered {label}: labelled {unique}"));
        }
        unique
    }

    /// The paragraphs of an article: its text split where ToTA runs paragraphs together
    /// (two spaces or more, or a line break), each cleaned; "" for an article of no text.
    fn paragraphs(&mut self, node: Node) -> Vec<String> {
        let mut paragraphs = super::clean_paragraphs(&all_text(node), &mut self.dropped);
        if paragraphs.is_empty() {
            self.note(node, "an article with no text");
            paragraphs.push(String::new());
        }
        paragraphs
    }
}
