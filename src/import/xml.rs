//! What the XML readers share: a parse that never reads a DTD (so no entity is expanded and
//! nothing outside the file is fetched), and the small ways of finding things in the tree.

use std::path::Path;

use roxmltree::{Document, Node, ParsingOptions};

use super::{Refusal, refusal};

/// The most elements a file may hold (a long agreement has tens of thousands).
const MOST_NODES: u32 = 5_000_000;

/// The XML `text` of `file` as a tree, or where and why it cannot be read.
pub fn parse<'input>(file: &Path, text: &'input str) -> Result<Document<'input>, Refusal> {
    let options = ParsingOptions { allow_dtd: false, nodes_limit: MOST_NODES, ..ParsingOptions::default() };
    Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::DtdDetected => {
            let (line, column) = super::line_column(text.as_bytes(), text.find("<!DOCTYPE").unwrap_or(0));
            let why = "the file declares a DTD, which is never read (it could expand entities or fetch files): remove the <!DOCTYPE …> line";
            refusal(file, line, column, why)
        }
        e => refusal(file, e.pos().row, e.pos().col, &format!("not well-formed XML: {e}")),
    })
}

/// Where the bytes of a file stand, as line and column (in characters), in time that stays
/// in proportion to the file however many places are asked for: the lines' starts are found
/// once, the first time, and a place after the last one asked on the same line is counted on
/// from it (a one-line file with a note on each of its articles is not read again for each).
pub struct Positions<'a> {
    text: &'a str,
    starts: std::cell::OnceCell<Vec<usize>>,
    /// The last place asked: its byte, and its column.
    last: std::cell::Cell<(usize, u32)>,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Self {
        Self { text, starts: std::cell::OnceCell::new(), last: std::cell::Cell::new((0, 1)) }
    }

    /// The line and column of byte `at`, from 1.
    pub fn at(&self, at: usize) -> (u32, u32) {
        let at = at.min(self.text.len());
        let starts = self.starts.get_or_init(|| {
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|k| k + 1)).collect()
        });
        let line = starts.partition_point(|&start| start <= at);
        let start = starts[line - 1];
        let (last, column) = self.last.get();
        let (from, column) = if last >= start && last <= at { (last, column) } else { (start, 1) };
        let counted = self.text.get(from..at).map_or(0, |between| between.chars().count() as u32);
        self.last.set((at, column + counted));
        (line as u32, column + counted)
    }
}

/// The first child element of `node` named `name`.
pub fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|n| n.is_element() && n.tag_name().name() == name)
}

/// The child elements of `node`.
pub fn elements<'a, 'input>(node: Node<'a, 'input>) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(Node::is_element)
}

/// The first element within `node` (at any depth) named `name`.
pub fn descendant<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.descendants().find(|n| n.is_element() && n.tag_name().name() == name)
}

/// The first of the attributes `names` that `node` has.
pub fn attribute(node: Node, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| node.attribute(*name)).map(str::to_string)
}

/// All the text within `node`, its elements' text included, in order: borrowed where it is
/// one piece of text, as an article's mostly is.
pub fn all_text<'a>(node: Node<'a, '_>) -> std::borrow::Cow<'a, str> {
    let mut texts = node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text());
    let Some(first) = texts.next() else { return "".into() };
    match texts.next() {
        None => first.into(),
        Some(second) => {
            let mut out = format!("{first}{second}");
            texts.for_each(|t| out.push_str(t));
            out.into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_where_the_parser_puts_them_in_any_order() {
        let text = "<a>\n  <b>Ā ē</b>\n<c>Вячеслав</c><d/>\n\n<e/></a>";
        let doc = Document::parse(text).unwrap();
        let positions = Positions::new(text);
        let mut places: Vec<usize> = doc.descendants().map(|n| n.range().start).collect();
        places.extend([text.len(), 0]);
        for at in places.iter().chain(places.iter().rev()) {
            let expected = doc.text_pos_at(*at);
            assert_eq!(positions.at(*at), (expected.row, expected.col), "byte {at}");
        }
    }
}
