//! The corpus file as written: the RON structures that authors type, before any checking.
//!
//! Field order here is the order the README documents. Every optional field has a default,
//! and unknown fields are refused so that a misspelt field name is caught, not ignored.
//! `Serialize` is what lets the checks reach every string of a corpus (see `strings`).

pub use crate::model::Kind;
use crate::model::Name;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Corpus", deny_unknown_fields)]
pub struct CorpusDoc {
    pub title: Name,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sources: Vec<Name>,
    #[serde(default)]
    pub entries: Vec<EntryDoc>,
    #[serde(default)]
    pub events: Vec<EventDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Entry", deny_unknown_fields)]
pub struct EntryDoc {
    pub id: Name,
    pub title: Name,
    pub kind: Kind,
    #[serde(default)]
    pub aliases: Vec<Name>,
    pub summary: String,
    #[serde(default)]
    pub body: Vec<String>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default)]
    pub sources: Vec<Name>,
    #[serde(default)]
    pub published: Vec<Name>,
    #[serde(default)]
    pub preamble: Vec<String>,
    #[serde(default)]
    pub articles: Vec<ArticleDoc>,
    #[serde(default)]
    pub chapters: Vec<ChapterDoc>,
    #[serde(default)]
    pub annexes: Vec<AnnexDoc>,
    #[serde(default)]
    pub signed_at: Option<Name>,
    #[serde(default)]
    pub parties: Vec<String>,
    #[serde(default)]
    pub signatories: Vec<String>,
    #[serde(default)]
    pub language: Option<Name>,
    #[serde(default)]
    pub translation_of: Option<String>,
}

impl EntryDoc {
    /// The entry at `slot`, an empty one left in its place (which allocates nothing): for
    /// taking entries from a list in parts at once, without copying the list.
    pub fn take(slot: &mut Self) -> Self {
        let empty = Self {
            id: Name::default(),
            title: Name::default(),
            kind: Kind::Treaty,
            aliases: Vec::new(),
            summary: String::new(),
            body: Vec::new(),
            start: None,
            end: None,
            sources: Vec::new(),
            published: Vec::new(),
            preamble: Vec::new(),
            articles: Vec::new(),
            chapters: Vec::new(),
            annexes: Vec::new(),
            signed_at: None,
            parties: Vec::new(),
            signatories: Vec::new(),
            language: None,
            translation_of: None,
        };
        std::mem::replace(slot, empty)
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Article", deny_unknown_fields)]
pub struct ArticleDoc {
    #[serde(default)]
    pub number: Option<u32>,
    #[serde(default)]
    pub label: Option<Name>,
    #[serde(default)]
    pub heading: Name,
    pub text: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub links: Vec<String>,
    /// The addresses of its counterparts in other treaties: `other-treaty#3`.
    #[serde(default)]
    pub parallels: Vec<String>,
}

/// A division of a treaty's articles: a part, a chapter, a section, holding articles and
/// divisions of its own.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Chapter", deny_unknown_fields)]
pub struct ChapterDoc {
    pub label: Name,
    #[serde(default)]
    pub title: Name,
    /// What the treaty calls this division: "Part", "Section"; "Chapter" when not given.
    #[serde(default)]
    pub division: Option<Name>,
    #[serde(default)]
    pub articles: Vec<ArticleDoc>,
    #[serde(default)]
    pub chapters: Vec<ChapterDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Annex", deny_unknown_fields)]
pub struct AnnexDoc {
    pub title: Name,
    pub text: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub links: Vec<String>,
    /// The addresses of its counterparts in other treaties: `other-treaty#3`.
    #[serde(default)]
    pub parallels: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Event", deny_unknown_fields)]
pub struct EventDoc {
    pub date: String,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default)]
    pub approximate: bool,
    pub title: Name,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub concerns: Vec<String>,
}
