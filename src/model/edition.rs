//! What a treaty's clause texts are (its words, a translation, a summary) and the treaty
//! series that printed it, as citations and exports give them.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::Name;

/// What the clause texts of a corpus or an entry are, so that no one quotes a paraphrase as
/// the treaty: `text: Summary` in the corpus file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Wording {
    /// The treaty's own words, in a language in which it was signed.
    Original,
    /// The treaty's words translated into another language.
    Translation,
    /// What each clause says, in the corpus's own words: not the treaty's text.
    Summary,
}

impl Wording {
    /// The word tables and citations give it: "original", "translation", "summary".
    pub fn word(self) -> &'static str {
        match self {
            Self::Original => "original",
            Self::Translation => "translation",
            Self::Summary => "summary",
        }
    }

    /// What a reader is told beside a clause's text, and a citation of it: "Summary in the
    /// corpus's words, not the treaty's text".
    pub fn told(self) -> &'static str {
        match self {
            Self::Original => "The treaty's own text",
            Self::Translation => "Translation of the treaty's text",
            Self::Summary => "Summary in the corpus's words, not the treaty's text",
        }
    }

    /// What a reader is told of a treaty's clauses as a whole: "Its articles are summaries,
    /// not the treaty's text".
    pub fn of_clauses(self) -> &'static str {
        match self {
            Self::Original => "Its articles are the treaty's own text",
            Self::Translation => "Its articles are a translation of the treaty's text",
            Self::Summary => "Its articles are summaries, not the treaty's text",
        }
    }
}

/// The treaty series that printed a treaty: `Series(name: "League of Nations Treaty
/// Series", volume: 198, page: 385)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Series", deny_unknown_fields)]
pub struct Series {
    pub name: Name,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// "League of Nations Treaty Series, vol. 198, p. 385".
impl fmt::Display for Series {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        if let Some(volume) = self.volume {
            write!(f, ", vol. {volume}")?;
        }
        if let Some(page) = self.page {
            write!(f, ", p. {page}")?;
        }
        Ok(())
    }
}
