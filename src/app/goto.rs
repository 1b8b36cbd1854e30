//! The "go to" prompt (`:`): an article of the open treaty by its label, with completion;
//! and `v`, the same article in another language version.

use super::{App, EntryVersion, Overlay};
use crate::model::Entry;
use crate::model::address::{self, Nowhere, Reached};
use crate::text::sanitize;

/// The most characters the prompt takes: a label, or an address with an id.
pub const GO_TO_MAX: usize = 200;

/// A place the prompt can go to: a part of the open treaty, or the first part of one of
/// its divisions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// What follows the `#` of its address: "30.8", "chapter-30", "preamble".
    pub label: String,
    pub part: usize,
    /// The division it opens, for a division's choice.
    pub chapter: Option<u32>,
    /// The label as what is typed is compared with it.
    key: String,
}

impl Choice {
    /// Where it stands, as the status line says it: "Chapter 30 › Article 30.8 — Final
    /// Provisions", or the division's name and title.
    pub fn name(&self, entry: &Entry) -> String {
        let name = match self.chapter.and_then(|c| entry.chapters.get(c as usize)) {
            Some(chapter) => chapter.full_name(),
            None => entry.location(self.part),
        };
        sanitize(&name)
    }

    /// Whether its heading (or its division's title) holds `words`, given in lower case.
    fn says(&self, entry: &Entry, words: &str) -> bool {
        let heading = match self.chapter.and_then(|c| entry.chapters.get(c as usize)) {
            Some(chapter) => &chapter.title,
            None => entry.part(self.part).map_or("", |c| &c.heading),
        };
        folded_contains(heading, words)
    }
}

/// The open prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoTo {
    pub typed: String,
    /// The treaty it goes to a place of.
    pub entry: usize,
    /// Every place of the treaty, in its order (made once for each treaty, and kept).
    choices: std::sync::Arc<[Choice]>,
    /// The choices that match what is typed: those whose label starts with it first, then
    /// those whose heading holds it.
    pub matches: Vec<usize>,
    pub selected: usize,
    /// Why the last Enter went nowhere.
    pub problem: Option<String>,
}

impl GoTo {
    /// The choice shown in row `n` of the matches.
    pub fn choice(&self, n: usize) -> Option<&Choice> {
        self.choices.get(*self.matches.get(n)?)
    }

    fn refresh(&mut self, entry: &Entry) {
        let wanted = typed_key(&self.typed);
        let folded = self.typed.trim().to_lowercase();
        let by_label = |c: &Choice| {
            c.key.starts_with(&wanted) || c.key.rsplit('/').next().is_some_and(|last| last.starts_with(&wanted))
        };
        let labelled = (0..self.choices.len()).filter(|&i| by_label(&self.choices[i]));
        // Words of a heading, when what is typed has no digit (a digit makes it a label).
        let words = !folded.is_empty() && !folded.chars().any(|c| c.is_ascii_digit());
        let named = (0..self.choices.len())
            .filter(|&i| words && !by_label(&self.choices[i]))
            .filter(|&i| self.choices[i].says(entry, &folded));
        self.matches = labelled.chain(named).collect();
        self.selected = 0;
        self.problem = None;
    }
}

/// Every place of `entry` the prompt can go to, in order: each part, and each division
/// before its first part.
fn places(entry: &Entry) -> Vec<Choice> {
    let choice = |label: String, part, chapter| Choice { key: address::key(&label), label, part, chapter };
    let parts = address::suffixes(entry).into_iter().enumerate().map(|(k, label)| choice(label, k + 1, None));
    let mut divisions: Vec<Choice> = entry
        .chapters
        .iter()
        .zip(address::chapter_suffixes(entry))
        .enumerate()
        .filter(|(_, (c, _))| !c.clauses.is_empty())
        .map(|(c, (chapter, label))| choice(label, chapter.clauses.start as usize + 1, Some(c as u32)))
        .collect();
    // Merged in one pass: a division stands before its first part.
    divisions.reverse();
    let mut merged = Vec::with_capacity(entry.clauses.len() + divisions.len());
    for part in parts {
        while divisions.last().is_some_and(|d| d.part <= part.part) {
            merged.extend(divisions.pop());
        }
        merged.push(part);
    }
    merged
}

/// Whether `text` holds `words` (in lower case) in any case, without making a copy of it.
fn folded_contains(text: &str, words: &str) -> bool {
    text.char_indices().any(|(at, _)| {
        let mut rest = text[at..].chars().flat_map(char::to_lowercase);
        words.chars().all(|w| rest.next() == Some(w))
    })
}

/// What is typed as a label: "Article 30.8", "art. 30.8" and "30.8" alike, and "chapter
/// 30" as "chapter-30".
fn typed_key(typed: &str) -> String {
    address::typed(typed).map_or_else(|| address::key(typed), |label| address::key(&label))
}

/// Every place of one treaty that the prompt offers, shared by each prompt opened on it,
/// and the entry they are of.
#[derive(Debug)]
pub(super) struct Places {
    made_for: EntryVersion,
    choices: std::sync::Arc<[Choice]>,
}

impl App {
    /// Opens the prompt over the open treaty; says so when the open entry has no parts.
    pub(super) fn open_go_to(&mut self) {
        if self.focus == super::Pane::Timeline {
            return self.open_date_prompt();
        }
        let entry_index = self.reader.spot().page.entry;
        let Some(entry) = self.corpus.entries.get(entry_index).filter(|e| !e.clauses.is_empty()) else {
            self.notice = Some("`:` goes to an article of the open treaty: open a treaty first".into());
            return;
        };
        let made_for = self.open_entry();
        let choices = match &self.places {
            Some(gathered) if gathered.made_for == made_for => std::sync::Arc::clone(&gathered.choices),
            _ => {
                let choices: std::sync::Arc<[Choice]> = places(entry).into();
                self.places = Some(Places { made_for, choices: std::sync::Arc::clone(&choices) });
                choices
            }
        };
        let mut go =
            GoTo { typed: String::new(), entry: entry_index, choices, matches: Vec::new(), selected: 0, problem: None };
        go.refresh(entry);
        self.overlay = Some(Overlay::GoTo(go));
    }

    /// Changes what is typed in the prompt with `edit`.
    pub(super) fn edit_label(&mut self, edit: impl FnOnce(&mut String)) {
        let Some(Overlay::GoTo(go)) = &mut self.overlay else { return };
        let Some(entry) = self.corpus.entries.get(go.entry) else { return };
        edit(&mut go.typed);
        if let Some((cut, _)) = go.typed.char_indices().nth(GO_TO_MAX) {
            go.typed.truncate(cut);
        }
        go.refresh(entry);
    }

    /// Tab: what is typed becomes the selected choice's label.
    pub(super) fn complete(&mut self) {
        let Some(Overlay::GoTo(go)) = &mut self.overlay else { return };
        let Some(entry) = self.corpus.entries.get(go.entry) else { return };
        if let Some(label) = go.choice(go.selected).map(|c| c.label.clone()) {
            go.typed = label;
            let keep = go.matches.get(go.selected).copied();
            go.refresh(entry);
            go.selected = keep.and_then(|k| go.matches.iter().position(|&m| m == k)).unwrap_or(0);
        }
    }

    /// Enter: goes to the part whose label is typed, or an address with an id (`tpp#30.8`),
    /// or else the selected choice; says why when there is none.
    pub(super) fn go_to_label(&mut self) {
        let Some(Overlay::GoTo(go)) = &mut self.overlay else { return };
        let entry = self.reader.spot().page.entry;
        let typed = go.typed.trim();
        let exact = if typed.contains('#') {
            address::parse(&self.corpus, typed).map(Some)
        } else if typed.is_empty() {
            Ok(None)
        } else {
            let part = typed_key(typed);
            match address::find(&self.corpus, entry, &part) {
                Reached::One(part) => Ok(Some((entry, part))),
                Reached::Several => Err(address::explain(
                    &self.corpus,
                    &address::within(&self.corpus, entry, &part),
                    Nowhere::Several(entry),
                )),
                Reached::Nothing => Ok(None),
            }
        };
        let chosen = match exact {
            Ok(Some(place)) => Some(place),
            Ok(None) => go.choice(go.selected).map(|c| (entry, c.part)),
            Err(problem) => {
                go.problem = Some(problem);
                return;
            }
        };
        let Some((entry, part)) = chosen else {
            go.problem =
                Some(format!("no article is labelled `{}`; Tab completes, Esc leaves", crate::text::echo(typed)));
            return;
        };
        self.overlay = None;
        self.focus = super::Pane::Detail;
        self.go_to(entry, part);
    }

    /// `v`: the same part in the entry's next language version, or its overview when that
    /// version has no part of the same address.
    pub(super) fn next_version(&mut self) {
        let page = self.reader.spot().page;
        let versions = self.corpus.versions(page.entry);
        let Some(at) = versions.iter().position(|&v| v == page.entry) else {
            self.notice = Some("this entry has no version in another language".into());
            return;
        };
        let next = versions[(at + 1) % versions.len()];
        let address = address::suffix(&self.corpus, page.entry, page.part);
        let part = match &address {
            Some(address) => match address::find(&self.corpus, next, address) {
                Reached::One(part) => Some(part),
                _ => None,
            },
            None => Some(0),
        };
        let version = match self.corpus.entries.get(next) {
            Some(e) => sanitize(e.language.as_deref().unwrap_or(e.title.as_str())),
            None => return,
        };
        self.notice = Some(match (part, address) {
            (None, Some(missing)) => {
                format!("the version in {version} has no part `{}`: its overview", sanitize(&missing))
            }
            _ => format!("the version in {version}"),
        });
        self.go_to(next, part.unwrap_or(0));
    }
}

#[cfg(test)]
mod tests {
    use super::folded_contains;

    #[test]
    fn words_are_found_in_any_case() {
        assert!(folded_contains("Authentic Texts", "authentic"));
        assert!(folded_contains("Final Provisions", "l prov"));
        assert!(folded_contains("ĀRTIKULS", "ārt"));
        assert!(!folded_contains("Final", "finality"));
        assert!(folded_contains("anything", ""));
    }
}
