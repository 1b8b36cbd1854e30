//! Citations of a treaty, an article or an entry as reference managers read them: the plain
//! citation `y` copies, BibTeX, CSL-JSON (type `treaty`) or RIS; for `y`'s popup and the
//! `cite` command alike.

use serde::Serialize;

mod plain;

pub use plain::{cite, cite_at, wording_note};

use crate::model::date::{Date, Precision};
use crate::model::{Corpus, Entry, Kind, address, iso};
use crate::text::sanitize;

/// The formats of a citation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The citation `y` copies, one a line
    Text,
    /// BibTeX entries (`@misc`, BibTeX having no type for a treaty)
    Bibtex,
    /// A CSL-JSON array (type `treaty`; an entry of another kind as an encyclopedia entry)
    CslJson,
    /// RIS records (type GEN, RIS having no type for a treaty)
    Ris,
}

/// What a citation of one place in a corpus is made of.
struct Cited<'a> {
    corpus: &'a Corpus,
    entry: &'a Entry,
    /// Entry and part (0 for the entry itself).
    at: (usize, usize),
}

impl Cited<'_> {
    /// The part cited, as a citation gives it: "Chapter 30, Article 30.8 (Authentic Texts)";
    /// none for the entry itself.
    fn section(&self) -> Option<String> {
        plain::section(self.entry, self.at.1)
    }

    fn title(&self) -> String {
        sanitize(&self.entry.title)
    }

    fn address(&self) -> String {
        address::format(self.corpus, self.at.0, self.at.1)
    }

    /// The parties, by their titles.
    fn parties(&self) -> Vec<String> {
        let parties = self.entry.signing.as_deref().map_or(&[][..], |s| &s.parties[..]);
        parties.iter().filter_map(|&p| self.corpus.entries.get(p)).map(|p| sanitize(&p.title)).collect()
    }

    fn place(&self) -> Option<String> {
        self.entry.signing.as_deref().and_then(|s| s.at.as_deref()).map(sanitize)
    }

    /// What the text is when it is not the treaty's own words, where else it was
    /// published, and the address in the corpus.
    fn note(&self) -> String {
        let wording = wording_note(self.corpus, self.at.0).map(|w| format!("{w}. ")).unwrap_or_default();
        let published = self.entry.published.first().map(|p| format!("{}. ", sanitize(p))).unwrap_or_default();
        format!("{wording}{published}treaty-tui: {}", self.address())
    }

    /// The treaty series that printed it: its name, volume and page.
    fn series(&self) -> Option<(String, Option<u32>, Option<u32>)> {
        self.entry.series.as_deref().map(|s| (sanitize(&s.name), s.volume, s.page))
    }

    fn date(&self) -> Option<Date> {
        self.entry.dates.map(|d| d.start)
    }
}

/// Writes the citations of `addresses` (each already found in `corpus`) in `format`.
pub fn write(corpus: &Corpus, at: &[(usize, usize)], format: Format) -> String {
    let cited: Vec<Cited<'_>> =
        at.iter().map(|&(entry, part)| Cited { corpus, entry: &corpus.entries[entry], at: (entry, part) }).collect();
    match format {
        Format::Text => cited.iter().filter_map(|c| cite(corpus, c.at.0, c.at.1)).map(|c| c + "\n").collect(),
        Format::Bibtex => cited.iter().map(bibtex).collect::<Vec<_>>().join("\n"),
        Format::CslJson => {
            let items: Vec<CslItem> = cited.iter().map(csl).collect();
            serde_json::to_string_pretty(&items).unwrap_or_default() + "\n"
        }
        Format::Ris => cited.iter().map(ris).collect(),
    }
}

/// A BibTeX key from an address: its ASCII letters, digits, dots and hyphens, anything else
/// a hyphen ("treaty-3"), as every BibTeX reads a key.
fn key(address: &str) -> String {
    address.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '-' }).collect()
}

/// `text` with BibTeX's special characters written as BibTeX reads them literally.
fn braced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

fn bibtex(c: &Cited<'_>) -> String {
    let address = c.address();
    let mut title = c.title();
    if let Some(section) = c.section() {
        title = format!("{title}, {section}");
    }
    let mut fields = vec![("title", format!("{{{}}}", braced(&title)))];
    if let Some(date) = c.date() {
        fields.push(("year", date.first.year.to_string()));
        fields.push(("date", iso(date)));
    }
    let parties = c.parties();
    if !parties.is_empty() {
        // Each party a name of its own, braced so that no style splits it into given and
        // family names.
        let names: Vec<String> = parties.iter().map(|p| format!("{{{}}}", braced(p))).collect();
        fields.push(("author", names.join(" and ")));
    }
    if let Some(place) = c.place() {
        fields.push(("location", braced(&place)));
    }
    if let Some((name, volume, page)) = c.series() {
        fields.push(("series", braced(&name)));
        fields.extend(volume.map(|v| ("volume", v.to_string())));
        fields.extend(page.map(|p| ("pages", p.to_string())));
    }
    fields.push(("note", braced(&c.note())));
    let body: Vec<String> = fields.iter().map(|(name, value)| format!("  {name} = {{{value}}},")).collect();
    format!("@misc{{{},\n{}\n}}\n", key(&address), body.join("\n"))
}

/// A date as ISO 8601 gives it to the precision it is known to: "1939-10-05", "1939-10",
/// "1939"; a season, which ISO 8601 cannot write, by its year.
fn iso(date: Date) -> String {
    let date = match date.precision {
        Precision::Season(_) => Date { precision: Precision::Year, ..date },
        _ => date,
    };
    iso::date(date)
}

#[derive(Serialize)]
struct CslItem {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    #[serde(rename = "publisher-place", skip_serializing_if = "Option::is_none")]
    place: Option<String>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    volume: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<String>,
    note: String,
}

#[derive(Serialize)]
struct CslName {
    literal: String,
}

#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    parts: Vec<Vec<i32>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    circa: bool,
}

fn csl(c: &Cited<'_>) -> CslItem {
    let treaty = c.entry.kind == Kind::Treaty;
    let issued = c.entry.dates.map(|when| {
        let d = when.start.first;
        let parts = match when.start.precision {
            Precision::Day => vec![d.year, i32::from(d.month), i32::from(d.day)],
            Precision::Month => vec![d.year, i32::from(d.month)],
            Precision::Season(_) | Precision::Year => vec![d.year],
        };
        CslDate { parts: vec![parts], circa: when.approximate }
    });
    let series = c.series();
    CslItem {
        id: c.address(),
        kind: if treaty { "treaty" } else { "entry-encyclopedia" },
        title: c.title(),
        section: c.section(),
        author: c.parties().into_iter().map(|literal| CslName { literal }).collect(),
        issued,
        place: c.place(),
        // A treaty stands in its series; an entry of another kind in the corpus, as in an
        // encyclopedia.
        container: match (&series, treaty) {
            (Some((name, ..)), _) => Some(name.clone()),
            (None, true) => None,
            (None, false) => Some(sanitize(&c.corpus.title)),
        },
        volume: series.as_ref().and_then(|s| s.1).map(|v| v.to_string()),
        page: series.as_ref().and_then(|s| s.2).map(|p| p.to_string()),
        note: c.note(),
    }
}

fn ris(c: &Cited<'_>) -> String {
    let mut lines = vec![("TY", "GEN".to_string()), ("TI", c.title())];
    if let Some(section) = c.section() {
        lines.push(("SE", section));
    }
    for party in c.parties() {
        lines.push(("AU", party));
    }
    if let Some(date) = c.date() {
        lines.push(("PY", date.first.year.to_string()));
        lines.push(("DA", iso(date).replace('-', "/")));
    }
    if let Some(place) = c.place() {
        lines.push(("CY", place));
    }
    if let Some((name, volume, page)) = c.series() {
        lines.push(("T2", name));
        lines.extend(volume.map(|v| ("VL", v.to_string())));
        lines.extend(page.map(|p| ("SP", p.to_string())));
    }
    lines.push(("N1", c.note()));
    lines.push(("ID", c.address()));
    let mut out: String = lines.iter().map(|(tag, value)| format!("{tag}  - {}\n", value.replace('\n', " "))).collect();
    out.push_str("ER  - \n");
    out
}
