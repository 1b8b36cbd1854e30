//! What a query asks for: words and quoted phrases, folded, the word being typed matched as
//! a prefix; and, once the index has said which words of the corpus each matched (typos
//! among them), the rule that marks those words in any text.

use std::ops::Range;

use super::fold;

/// One part of a query that every hit must match: a word, or words in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryTerm {
    /// Folded words, at least one.
    pub words: Vec<String>,
    /// Whether the words must stand in this order, next to each other: a quoted phrase, or
    /// one typed word the text splits in two ("soviet-latvian").
    pub phrase: bool,
    /// Whether the last word is still being typed, and so matches as a prefix.
    pub prefix: bool,
}

/// The most clauses a query has (the rest of a longer query is not looked for).
pub const CLAUSES: usize = 64;

/// The clauses of `query`, in the order typed.
pub fn parse(query: &str) -> Vec<QueryTerm> {
    let folded = fold::fold(query);
    let mut clauses = Vec::new();
    for (quoted, part) in folded.split('"').enumerate().map(|(i, part)| (i % 2 == 1, part)) {
        if quoted {
            let words: Vec<String> = words(part).map(|(_, w)| w.to_string()).collect();
            if !words.is_empty() {
                clauses.push(QueryTerm { words, phrase: true, prefix: false });
            }
            continue;
        }
        for token in part.split_whitespace() {
            let words: Vec<String> = words(token).map(|(_, w)| w.to_string()).collect();
            if !words.is_empty() {
                clauses.push(QueryTerm { phrase: words.len() > 1, words, prefix: false });
            }
        }
    }
    // The word being typed: the query ends in a letter or a digit, outside a closed quote.
    let typing = folded.chars().next_back().is_some_and(char::is_alphanumeric);
    if let Some(last) = clauses.last_mut() {
        last.prefix = typing;
    }
    clauses.truncate(CLAUSES);
    clauses
}

/// The words of folded `text` (runs of letters and digits), with their byte offsets.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    text.char_indices().chain(std::iter::once((text.len(), ' '))).filter_map(move |(i, c)| {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            None
        } else {
            start.take().map(|s| (s, &text[s..i]))
        }
    })
}

/// How a word of the corpus matched a word of the query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum How {
    Exact,
    /// The query word is the start of it.
    Prefix,
    /// Within this many typos of it.
    Typo(u8),
}

/// Which words of a text a query matched: each query word, as a prefix or not, and the
/// words of the corpus it matched with typos.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matcher {
    rules: Vec<Rule>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Rule {
    word: String,
    prefix: bool,
    /// Words within typos, sorted, with their typos.
    typos: Vec<(Box<str>, u8)>,
}

impl Matcher {
    /// The matcher for `clauses` as written, without typos.
    pub fn new(clauses: &[QueryTerm]) -> Self {
        let mut rules = Vec::new();
        for clause in clauses {
            let last = clause.words.len() - 1;
            for (i, word) in clause.words.iter().enumerate() {
                rules.push(Rule { word: word.clone(), prefix: clause.prefix && i == last, typos: Vec::new() });
            }
        }
        Self { rules }
    }

    /// The matcher of the query `query` as written, without typos.
    pub fn of(query: &str) -> Self {
        Self::new(&parse(query))
    }

    /// Adds words of the corpus that `word` (a query word) matched with typos.
    pub fn add_typos(&mut self, word: &str, found: impl IntoIterator<Item = (String, u8)>) {
        if let Some(rule) = self.rules.iter_mut().find(|r| r.word == word) {
            rule.typos.extend(found.into_iter().map(|(w, t)| (w.into_boxed_str(), t)));
            rule.typos.sort();
            rule.typos.dedup_by(|a, b| a.0 == b.0);
        }
    }

    /// Whether it matches nothing at all.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// How folded `word` matched, at best.
    pub fn how(&self, word: &str) -> Option<How> {
        self.rules
            .iter()
            .filter_map(|rule| {
                if rule.word == word {
                    Some(How::Exact)
                } else if rule.prefix && word.starts_with(rule.word.as_str()) {
                    Some(How::Prefix)
                } else {
                    let at = rule.typos.binary_search_by(|(w, _)| w.as_ref().cmp(word)).ok()?;
                    Some(How::Typo(rule.typos[at].1))
                }
            })
            .min()
    }

    /// The byte ranges of `text` (as written, not folded) of the words it matches: sorted,
    /// apart, on character boundaries.
    pub fn marks(&self, text: &str) -> Vec<Range<usize>> {
        let mut marks: Vec<Range<usize>> = Vec::new();
        if self.rules.is_empty() {
            return marks;
        }
        fold::fold_words(text, &mut String::new(), |word, range| {
            if self.how(word).is_some() && marks.last().is_none_or(|last| last.end <= range.start) {
                marks.push(range);
            }
        });
        marks
    }

    /// Whether a word that starts with the folded character `c` may match.
    pub fn may_start(&self, c: char) -> bool {
        self.rules.iter().any(|rule| !rule.typos.is_empty() || rule.word.starts_with(c))
    }

    /// The byte range of `text` (as written) of the first word it matches.
    pub fn first_mark(&self, text: &str) -> Option<Range<usize>> {
        let mut first = None;
        if !self.rules.is_empty() {
            fold::fold_words_where(
                text,
                &mut String::new(),
                |c| self.may_start(c),
                |word, range| {
                    if self.how(word).is_some() {
                        first = Some(range);
                    }
                    first.is_none()
                },
            );
        }
        first
    }

    /// The folded words of `text` it matches, each once, in the order they first occur.
    pub fn matched(&self, text: &str) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        fold::fold_words(text, &mut String::new(), |word, _| {
            if self.how(word).is_some() && !found.iter().any(|f| f == word) {
                found.push(word.to_string());
            }
        });
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(words: &[&str], phrase: bool, prefix: bool) -> QueryTerm {
        QueryTerm { words: words.iter().map(|w| w.to_string()).collect(), phrase, prefix }
    }

    #[test]
    fn a_query_is_words_and_phrases_the_last_word_typed_as_a_prefix() {
        assert_eq!(parse("Soviet bas"), [clause(&["soviet"], false, false), clause(&["bas"], false, true)]);
        assert_eq!(parse("soviet bases "), [clause(&["soviet"], false, false), clause(&["bases"], false, false)]);
        assert_eq!(
            parse("“strictly limited” garrison"),
            [clause(&["strictly", "limited"], true, false), clause(&["garrison"], false, true)]
        );
        assert_eq!(parse("\"mutual assist"), [clause(&["mutual", "assist"], true, true)]);
        assert_eq!(parse("\"mutual assistance\""), [clause(&["mutual", "assistance"], true, false)]);
        assert_eq!(parse("Soviet–Latvian"), [clause(&["soviet", "latvian"], true, true)]);
        assert_eq!(parse("Orzeł"), [clause(&["orzel"], false, true)]);
        assert!(parse(" - \"\" ").is_empty());
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let found: Vec<(usize, &str)> = words("soviet-latvian pact, 1939 (art. 3)").collect();
        assert_eq!(found, [(0, "soviet"), (7, "latvian"), (15, "pact"), (21, "1939"), (27, "art"), (32, "3")]);
        assert_eq!(words("пакт о взаимопомощи").map(|(_, w)| w).collect::<Vec<_>>(), ["пакт", "о", "взаимопомощи"]);
        assert_eq!(words("").count(), 0);
    }

    #[test]
    fn the_marks_fall_on_whole_words_of_the_text_as_written() {
        let mut matcher = Matcher::of("latvia molotv bas");
        matcher.add_typos("molotv", [("molotov".to_string(), 1)]);
        let text = "Molotov and Latvia's bases, not Latvian ones; abbas";
        let marked: Vec<&str> = matcher.marks(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(marked, ["Molotov", "Latvia", "bases"]);
        assert_eq!(matcher.how("molotov"), Some(How::Typo(1)));
        assert_eq!(matcher.how("basis"), Some(How::Prefix));
        assert_eq!(matcher.matched(text), ["molotov", "latvia", "bases"]);
        assert_eq!(Matcher::of("orzel").marks("the Orzeł").first(), Some(&(4..10)));
    }
}
