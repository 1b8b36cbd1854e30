//! The corpus file as written: the RON structures that authors type, before any checking.
//!
//! Field order here is the order `assets/FORMAT.md` documents. Every optional field has a default,
//! and unknown fields are refused so that a misspelt field name is caught, not ignored.
//! `Serialize` is what lets the checks reach every string of a corpus (see `strings`).

pub use crate::model::Kind;
use crate::model::{Name, Series, Wording};
use serde::{Deserialize, Serialize};

/// How `ron` is asked to read a corpus.
pub(crate) fn options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Corpus", deny_unknown_fields)]
pub struct CorpusDoc {
    pub title: Name,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Name>,
    /// What the clause texts are: `Original`, `Translation` or `Summary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Wording>,
    #[serde(default, skip_serializing_if = "Batches::is_empty")]
    pub entries: Batches<EntryDoc>,
    #[serde(default, skip_serializing_if = "Batches::is_empty")]
    pub events: Batches<EventDoc>,
}

/// A list as read in pieces: each batch its own allocation, so that the list can be let go
/// of a batch at a time as it is turned into the corpus. Written, read and shown as one list.
pub struct Batches<T>(Vec<Vec<T>>);

impl<T> Batches<T> {
    pub fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Vec::is_empty)
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.0.iter().flatten()
    }

    /// Adds a batch at the end.
    pub fn push(&mut self, batch: Vec<T>) {
        if !batch.is_empty() {
            self.0.push(batch);
        }
    }

    /// The batches, in order.
    pub fn into_batches(self) -> Vec<Vec<T>> {
        self.0
    }
}

/// Whether a flag is off: left out of a corpus written, as it is when read.
fn is_false(flag: &bool) -> bool {
    !flag
}

impl<T> Default for Batches<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T> From<Vec<T>> for Batches<T> {
    fn from(list: Vec<T>) -> Self {
        let mut batches = Self::default();
        batches.push(list);
        batches
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Batches<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Serialize> Serialize for Batches<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Batches<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::deserialize(deserializer).map(Self::from)
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Entry", deny_unknown_fields)]
pub struct EntryDoc {
    pub id: Name,
    pub title: Name,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Name>,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// For a treaty: the day it entered into force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub published: Vec<Name>,
    /// The treaty series that printed it: `Series(name: "…", volume: 198, page: 385)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<Series>,
    /// What its clause texts are, where not what the corpus says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Wording>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<ArticleDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chapters: Vec<ChapterDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annexes: Vec<AnnexDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_at: Option<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatories: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Name>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_of: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Article", deny_unknown_fields)]
pub struct ArticleDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Name>,
    #[serde(default, skip_serializing_if = "Name::is_empty")]
    pub heading: Name,
    pub text: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// The addresses of its counterparts in other treaties: `other-treaty#3`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parallels: Vec<String>,
    /// An address of its own that the published text gives it (an Akoma Ntoso `eId` such
    /// as `part_II__art_4`): `treaty#part_II__art_4` leads to it too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Name>,
}

/// A division of a treaty's articles: a part, a chapter, a section, holding articles and
/// divisions of its own.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Chapter", deny_unknown_fields)]
pub struct ChapterDoc {
    pub label: Name,
    #[serde(default, skip_serializing_if = "Name::is_empty")]
    pub title: Name,
    /// What the treaty calls this division: "Part", "Section"; "Chapter" when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<ArticleDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chapters: Vec<ChapterDoc>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Annex", deny_unknown_fields)]
pub struct AnnexDoc {
    pub title: Name,
    pub text: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// The addresses of its counterparts in other treaties: `other-treaty#3`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parallels: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "Event", deny_unknown_fields)]
pub struct EventDoc {
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub approximate: bool,
    pub title: Name,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concerns: Vec<String>,
}
