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
