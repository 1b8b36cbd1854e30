//! ToTA's XML (the Texts of Trade Agreements): `<treaty><meta>…</meta><body>` with
//! chapters and articles numbered and named in their attributes (`number="ARTICLE 1.2"`;
//! `chapter_identifier` and `article_identifier` are the database's own keys, not numbers),
//! the preamble and the final clauses chapters named "Preamble" and "Conclusion". Its
//! quirks (chapters and articles without a number, numbers used twice) each get a stable
//! label and a note.

use std::path::Path;

use roxmltree::Node;

use super::xml::{all_text, attribute, child};
use super::{Labels, Note, Read, Refusal, clean, number, refusal, slug};
use crate::model::{Kind, Name};
use crate::read::format::{ArticleDoc, ChapterDoc, EntryDoc};

/// The treaty in ToTA's XML `text`, read from `file`, with its parties and dated events.
pub fn read(file: &Path, text: &str) -> Result<Read, Refusal> {
    let doc = super::xml::parse(file, text)?;
    let root = doc.root_element();
    let positions = super::xml::Positions::new(text);
    if root.tag_name().name() != "treaty" {
        let (line, column) = positions.at(root.range().start);
        return Err(refusal(file, line, column, "a ToTA file's root element is <treaty>"));
    }
    let mut reading = Reading { file, positions: &positions, notes: Vec::new(), dropped: 0 };
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
    if let Some(number) = field("treaty_identifier").filter(|t| !t.is_empty()) {
        entry.aliases.push(format!("ToTA {}", reading.clean(&number)).into());
    }
    // Each source, with the language and kind of text ToTA gives it.
    for source in meta.into_iter().flat_map(|m| m.children()).filter(|n| n.has_tag_name("source")) {
        let at = all_text(source).trim().to_string();
        if at.is_empty() {
            continue;
        }
        let said: Vec<&str> =
            ["lang", "type"].iter().filter_map(|a| source.attribute(*a)).filter(|a| !a.is_empty()).collect();
        let shown = if said.is_empty() { at } else { format!("{at} ({})", said.join(", ")) };
        entry.sources.push(reading.clean(&shown).into());
    }
    // The original signatories, then any party since.
    let lists = ["parties_original", "parties"].map(|name| meta.and_then(|m| child(m, name)));
    for parties in lists.into_iter().flatten() {
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
    // Where it was signed, as its final clauses say; and when, where the metadata does not.
    super::signed_as_final_clauses_say(&mut entry, &mut read.events);
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
    positions: &'a super::xml::Positions<'input>,
    notes: Vec<Note>,
    dropped: usize,
}

impl Reading<'_, '_> {
    fn note(&mut self, node: Node, message: &str) {
        let (line, column) = self.positions.at(node.range().start);
        self.notes.push(Note { file: self.file.to_path_buf(), line, column, message: message.into() });
    }

    fn clean(&mut self, text: &str) -> String {
        clean(text, &mut self.dropped)
    }

    /// The chapters of `body`: the preamble, chapters with their articles, the rest.
    fn body(&mut self, body: Node, entry: &mut EntryDoc) {
        let mut chapter_labels = Labels::default();
        for (k, chapter) in body.children().filter(|n| n.is_element()).enumerate() {
            let number = attribute(chapter, &["number"]);
            let name = attribute(chapter, &["name"]).unwrap_or_default();
            let tag = chapter.tag_name().name();
            let named = |word: &str| {
                number.as_deref().is_some_and(|n| n.trim().eq_ignore_ascii_case(word))
                    || name.trim().eq_ignore_ascii_case(word)
                    || tag == word
            };
            if named("preamble") {
                let mut text = self.texts(chapter);
                // ToTA begins the preamble's text with its name, as a paragraph or run into
                // the first word.
                match text.first().and_then(|first| first.strip_prefix("Preamble")).map(str::trim_start) {
                    Some("") if text.len() > 1 => drop(text.remove(0)),
                    Some(rest) if !rest.is_empty() => text[0] = rest.to_string(),
                    _ => {}
                }
                entry.preamble.extend(text);
                continue;
            }
            if named("conclusion") || named("conclusions") {
                let text = self.texts(chapter);
                entry.annexes.push(super::annex("Final clauses".into(), text));
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
            let label = match number.map(|n| super::number(&n, "chapter")).filter(|n| !n.is_empty()) {
                Some(number) => number,
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
        let label = match attribute(node, &["number"]).map(|n| number(&n, "article")).filter(|n| !n.is_empty()) {
            Some(number) => number,
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
            anchor: None,
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

    /// The paragraphs of a chapter's articles, or of the chapter itself when it has none.
    fn texts(&mut self, chapter: Node) -> Vec<String> {
        let articles: Vec<Node> = chapter.children().filter(|n| n.is_element()).collect();
        if articles.is_empty() {
            return self.paragraphs(chapter);
        }
        articles.into_iter().flat_map(|article| self.paragraphs(article)).collect()
    }

    /// The paragraphs of an article, each cleaned: its lines joined where one runs on from
    /// the last ([`unwrapped`]), then split where ToTA runs paragraphs together (two spaces
    /// or more) and where a numbered paragraph follows the one before in mid-line
    /// ([`numbered`]); list items given their levels; "" for an article of no text.
    fn paragraphs(&mut self, node: Node) -> Vec<String> {
        let text = all_text(node);
        let mut paragraphs = numbered(super::clean_paragraphs(&unwrapped(&text), &mut self.dropped));
        super::text::levels(&mut paragraphs);
        if paragraphs.is_empty() {
            self.note(node, "an article with no text");
            paragraphs.push(String::new());
        }
        paragraphs
    }
}

/// `text` with the lines ToTA keeps from the page it was made from joined where one runs on
/// from the line before, and a line break left where a paragraph begins: after a blank line,
/// at a line indented less than the one before, at a list marker, and at a line indented as
/// the one before when that one ended a sentence or clause (`.`, `;`, `:`).
fn unwrapped(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let (mut before, mut blank, mut ended) = (None::<usize>, false, false);
    for line in text.split('\n') {
        let content = line.trim();
        if content.is_empty() {
            blank = true;
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        match before {
            None => {}
            Some(before) if blank || indent < before || (indent == before && ended) || begins_paragraph(content) => {
                out.push('\n')
            }
            Some(_) => out.push(' '),
        }
        out.push_str(content);
        (before, blank, ended) = (Some(indent), false, content.ends_with(['.', ';', ':']));
    }
    std::borrow::Cow::Owned(out)
}

/// Whether a line beginning `content` begins a paragraph: a list marker, but not a year
/// ending a sentence ("1994. The …").
fn begins_paragraph(content: &str) -> bool {
    let first = content.split(' ').next().unwrap_or_default();
    let year = first.len() > 4 && first.trim_end_matches('.').bytes().all(|b| b.is_ascii_digit());
    super::text::is_list_item(content) && !year
}

/// `paragraphs` with each numbered paragraph that runs on in the one before split from it:
/// after "1. …", the text from "… Agreement. 2. Each …" on is a paragraph of its own (the
/// next number, after the end of a sentence or clause, and before a capital or a list
/// marker).
fn numbered(paragraphs: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(paragraphs.len());
    let mut next: Option<u32> = None;
    // The number a paragraph begins with ("12. …"), up to three digits.
    let start = |p: &str| {
        let digits = p.bytes().take(4).take_while(u8::is_ascii_digit).count();
        let numbered = (1..=3).contains(&digits) && p[digits..].starts_with(". ");
        numbered.then(|| p[..digits].parse::<u32>().ok()).flatten()
    };
    for paragraph in paragraphs {
        if let Some(n) = start(&paragraph) {
            next = Some(n + 1);
        }
        let mut rest = paragraph.as_str();
        while let Some(n) = next {
            let needle = format!(" {n}. ");
            let found = memchr::memmem::find_iter(rest.as_bytes(), needle.as_bytes()).find(|&at| {
                let after = rest[at + needle.len()..].chars().next();
                at > 0 && rest[..at].ends_with(['.', ';', ':']) && after.is_some_and(|c| c.is_uppercase() || c == '(')
            });
            let Some(at) = found else { break };
            out.push(rest[..at].to_string());
            rest = &rest[at + 1..];
            next = Some(n + 1);
        }
        out.push(rest.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_run_on_unless_a_paragraph_begins() {
        // Indented as a page was: a line indented deeper runs on; a blank line, a line
        // indented less, or one that begins with a list marker begins a paragraph.
        let text = "The Parties\n    agree:\n  Resolved to\n    trade;\n\n      (a) in goods;\n      (b) in\n      services,\n  signed in\n    1994. Done;\n    again\n    and again";
        assert_eq!(
            unwrapped(text),
            "The Parties agree:\nResolved to trade;\n(a) in goods;\n(b) in services,\nsigned in 1994. Done;\nagain and again"
        );
        assert!(matches!(unwrapped("One line  and another"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn numbered_paragraphs_run_together_are_split() {
        let split = numbered(vec![
            "1. Each Party publishes its laws. 2. Each Party names a contact point:".into(),
            "(a) one; and".into(),
            "(b) two. 3. Article 2. 4 is not a paragraph; 3 April 1994. 5. Nor is this.".into(),
        ]);
        assert_eq!(
            split,
            [
                "1. Each Party publishes its laws.",
                "2. Each Party names a contact point:",
                "(a) one; and",
                "(b) two.",
                "3. Article 2. 4 is not a paragraph; 3 April 1994. 5. Nor is this.",
            ]
        );
    }
}
