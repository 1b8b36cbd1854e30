//! What the list's `f` and `s` ask for: a filter over the entries (words of a title or an
//! alias, `kind:`, `party:`, `year:`, `lang:`, combined) and the order they are listed in.

use crate::model::Corpus;
use crate::search::fold::fold;
use crate::search::words;

/// A filter over the entries: every condition must hold, and every word must start a word
/// of the entry's title or of an alias (case and accents aside).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// As typed, to show and to edit again.
    pub text: String,
    /// The words, folded, each with a space before it as [`names`] writes each word.
    words: Vec<String>,
    kinds: Vec<String>,
    /// Words of the parties' names, as `words`.
    parties: Vec<String>,
    langs: Vec<String>,
    /// The years an entry's date must begin within, both ends included.
    years: Option<(i32, i32)>,
}

/// The keys a filter knows, as the reader is told them.
pub const KEYS: &str = "kind:treaty party:chile year:1990..2000 lang:es";

impl Filter {
    /// The filter `text` asks for, or what is wrong with it, in words for the prompt.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut filter = Filter { text: text.trim().to_string(), ..Self::default() };
        for term in text.split_whitespace() {
            let Some((key, value)) = term.split_once(':') else {
                filter.words.extend(words(&fold(term)).map(|(_, w)| format!(" {w}")));
                continue;
            };
            let value = fold(value);
            if value.is_empty() {
                return Err(format!("{key}: wants a value ({KEYS})"));
            }
            match fold(key).as_str() {
                "kind" => filter.kinds.push(value),
                "party" => filter.parties.extend(words(&value).map(|(_, w)| format!(" {w}"))),
                "lang" | "language" => filter.langs.push(value),
                "year" | "years" => {
                    filter.years = Some(
                        years(&value)
                            .ok_or_else(|| format!("{term}: not a year or years, as year:1939 or year:1990..2000"))?,
                    )
                }
                _ => return Err(format!("{key}: is not a filter; try {KEYS}")),
            }
        }
        Ok(filter)
    }

    /// Whether it lets every entry through.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.kinds.is_empty()
            && self.parties.is_empty()
            && self.langs.is_empty()
            && self.years.is_none()
    }

    /// Keeps of `entries` of `corpus` those that pass, `names` being each entry's folded
    /// title and aliases (see [`names`]).
    pub fn retain(&self, corpus: &Corpus, names: &[String], entries: &mut Vec<usize>) {
        // Each word's searcher made once, not once an entry.
        let finders: Vec<memchr::memmem::Finder> = self.words.iter().map(memchr::memmem::Finder::new).collect();
        entries.retain(|&e| {
            let own = names.get(e).map_or("", String::as_str);
            finders.iter().all(|f| f.find(own.as_bytes()).is_some()) && self.passes_but_words(corpus, names, e)
        });
    }

    /// Whether entry `e` of `corpus` passes every condition but the words.
    fn passes_but_words(&self, corpus: &Corpus, names: &[String], e: usize) -> bool {
        let Some(entry) = corpus.entries.get(e) else { return false };
        let named = |p: usize, word: &str| {
            let name = names.get(p).map_or("", String::as_str);
            memchr::memmem::find(name.as_bytes(), word.as_bytes()).is_some()
        };
        if !self.kinds.is_empty() && !self.kinds.iter().any(|k| entry.kind.name().starts_with(k.as_str())) {
            return false;
        }
        if !self.langs.is_empty() {
            let lang = entry.language.as_deref().map(fold).unwrap_or_default();
            let tagged =
                |l: &String| lang.strip_prefix(l.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('-'));
            if !self.langs.iter().any(tagged) {
                return false;
            }
        }
        if !self.parties.is_empty() {
            let parties = entry.signing.as_ref().map_or(&[][..], |s| &s.parties);
            let party_named = |word: &String| parties.iter().any(|&p| named(p, word));
            if !self.parties.iter().all(party_named) {
                return false;
            }
        }
        if let Some((from, to)) = self.years {
            let Some(year) = entry.dates.as_ref().map(|d| d.start.first.year) else { return false };
            if year < from || year > to {
                return false;
            }
        }
        true
    }
}

/// `1939`, `1990..2000`, `2000..` or `..1950`.
fn years(value: &str) -> Option<(i32, i32)> {
    let year = |s: &str| s.parse::<i32>().ok();
    match value.split_once("..") {
        None => year(value).map(|y| (y, y)),
        Some((from, to)) => {
            let from = if from.is_empty() { i32::MIN } else { year(from)? };
            let to = if to.is_empty() { i32::MAX } else { year(to)? };
            (from <= to).then_some((from, to))
        }
    }
}

/// The order the list shows the entries in; `s` steps through them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// As the corpus has them.
    #[default]
    Corpus,
    /// By title, A to Z (case and accents aside).
    Title,
    /// By the date each begins, earliest first; undated entries last.
    Date,
    /// By the number of articles, longest first.
    Length,
    /// By the hits of the last search gone to, most first; entries without any last.
    Hits,
}

impl Order {
    /// The next order after this one; the hits of the last search only when there was one.
    pub fn next(self, searched: bool) -> Self {
        match self {
            Self::Corpus => Self::Title,
            Self::Title => Self::Date,
            Self::Date => Self::Length,
            Self::Length if searched => Self::Hits,
            Self::Length | Self::Hits => Self::Corpus,
        }
    }

    /// How the list's title says it: "by title"…; nothing for the corpus's own order.
    pub fn said(self) -> &'static str {
        match self {
            Self::Corpus => "",
            Self::Title => "by title",
            Self::Date => "by date",
            Self::Length => "by length",
            Self::Hits => "by hits",
        }
    }
}

/// Each entry's title and aliases, folded, one string an entry: their words, each after a
/// space (" chile peru free trade agreement"), so that whether a word starts one of them
/// is one search for " " and the word through the string, not a walk through its words.
/// What a filter's words are looked for in, and what the list is sorted by title on.
pub fn names(corpus: &Corpus) -> Vec<String> {
    corpus
        .entries
        .iter()
        .map(|e| {
            let mut name = String::with_capacity(e.title.len() + 1);
            for text in std::iter::once(&e.title).chain(e.aliases.iter()) {
                for (_, word) in words(&fold(text)) {
                    name.push(' ');
                    name.push_str(word);
                }
            }
            name
        })
        .collect()
}

/// Puts `entries` of `corpus` in `order`: ties, and the entries an order cannot place, in
/// corpus order after the rest. `titles` ranks each entry by title (see [`title_ranks`]);
/// `hits` counts each entry's hits of the last search.
pub fn sort(entries: &mut [usize], corpus: &Corpus, order: Order, titles: &[u32], hits: &[u32]) {
    let key = |e: usize| -> (u64, usize) {
        let entry = &corpus.entries[e];
        let first = match order {
            Order::Corpus => 0,
            Order::Title => u64::from(titles.get(e).copied().unwrap_or(u32::MAX)),
            // Undated last: ordinals shifted to be all positive, none near u64::MAX.
            Order::Date => entry.dates.as_ref().map_or(u64::MAX, |d| (d.start.first.ordinal() + (1i64 << 40)) as u64),
            Order::Length => u64::MAX - entry.clauses.len() as u64,
            Order::Hits => u64::MAX - u64::from(hits.get(e).copied().unwrap_or(0)),
        };
        (first, e)
    };
    if order != Order::Corpus {
        entries.sort_unstable_by_key(|&e| key(e));
    } else {
        entries.sort_unstable();
    }
}

/// Each entry's place in the order of titles (folded `names`, the title first), so that
/// sorting by title compares numbers, not strings.
pub fn title_ranks(names: &[String]) -> Vec<u32> {
    let mut by_title: Vec<u32> = (0..names.len() as u32).collect();
    by_title.sort_by(|&a, &b| names[a as usize].cmp(&names[b as usize]));
    let mut ranks = vec![0; names.len()];
    for (rank, &e) in by_title.iter().enumerate() {
        ranks[e as usize] = rank as u32;
    }
    ranks
}

/// The filter prompt (`f`): what is typed, the filter from before it opened (Esc goes back
/// to it), and what is wrong with what is typed, if anything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterBox {
    pub typed: String,
    pub before: Filter,
    pub problem: Option<String>,
}

impl super::App {
    /// `f`: the filter prompt, holding the filter applied.
    pub(super) fn open_filter(&mut self) {
        let before = self.list.filter().clone();
        self.overlay = Some(super::Overlay::Filter(FilterBox { typed: before.text.clone(), before, problem: None }));
    }

    /// Changes what is typed in the filter prompt with `edit`: the list follows at once
    /// while it reads as a filter.
    pub(super) fn edit_filter(&mut self, edit: impl FnOnce(&mut String)) {
        let Some(super::Overlay::Filter(prompt)) = &mut self.overlay else { return };
        edit(&mut prompt.typed);
        match Filter::parse(&prompt.typed) {
            Ok(filter) => {
                prompt.problem = None;
                self.list.set_filter(filter);
            }
            Err(problem) => prompt.problem = Some(problem),
        }
    }

    /// Esc in the filter prompt: the filter from before it opened.
    pub(super) fn drop_filter(&mut self) {
        if let Some(super::Overlay::Filter(prompt)) = self.overlay.take() {
            self.list.set_filter(prompt.before);
        }
    }

    /// `s`: the list in its next order.
    pub(super) fn next_order(&mut self) {
        let hits = self.hit_counts();
        self.list.next_order(hits);
    }

    /// Each entry's hits in the last search gone to, if there was one.
    pub(super) fn hit_counts(&self) -> Option<Vec<u32>> {
        let last = self.searching.last()?;
        let mut hits = vec![0u32; self.corpus.entries.len()];
        for hit in &last.hits {
            if let crate::search::Item::Entry(e) | crate::search::Item::Clause(e, _) = hit.item
                && let Some(n) = hits.get_mut(e)
            {
                *n += 1;
            }
        }
        Some(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        crate::read::load_str(
            r#"Corpus(title: "T", entries: [
                Entry(id: "chile", title: "Chile", kind: State, summary: "s"),
                Entry(id: "peru", title: "Peru", kind: State, summary: "s"),
                Entry(id: "fta", title: "Free Trade Agreement", kind: Treaty, summary: "s", start: "1996-06-25",
                      language: "es", parties: ["chile", "peru"], articles: [Article(text: ["a"]), Article(text: ["b"])]),
                Entry(id: "tlc", title: "Tratado de Libre Comercio", aliases: ["TLC Chile–México"], kind: Treaty,
                      summary: "s", start: "1998-04-17", language: "es-CL", parties: ["chile"], articles: [Article(text: ["a"])]),
                Entry(id: "old", title: "Ámbito", kind: Concept, summary: "s", start: "1950"),
            ])"#,
        )
        .unwrap_or_else(|d| panic!("{d:?}"))
    }

    fn passing(corpus: &Corpus, text: &str) -> Vec<&'static str> {
        let filter = Filter::parse(text).unwrap();
        let names = names(corpus);
        let ids = ["chile", "peru", "fta", "tlc", "old"];
        let mut entries: Vec<usize> = (0..corpus.entries.len()).collect();
        filter.retain(corpus, &names, &mut entries);
        entries.into_iter().map(|e| ids[e]).collect()
    }

    #[test]
    fn each_condition_narrows_and_they_combine() {
        let corpus = corpus();
        assert_eq!(passing(&corpus, ""), ["chile", "peru", "fta", "tlc", "old"]);
        assert_eq!(passing(&corpus, "kind:treaty"), ["fta", "tlc"]);
        assert_eq!(passing(&corpus, "party:chile"), ["fta", "tlc"]);
        assert_eq!(passing(&corpus, "party:peru"), ["fta"]);
        assert_eq!(passing(&corpus, "year:1990..2000"), ["fta", "tlc"]);
        assert_eq!(passing(&corpus, "year:1997.."), ["tlc"]);
        assert_eq!(passing(&corpus, "year:..1960"), ["old"]);
        assert_eq!(passing(&corpus, "year:1950"), ["old"]);
        assert_eq!(passing(&corpus, "lang:es"), ["fta", "tlc"], "es takes es-CL in");
        assert_eq!(passing(&corpus, "lang:es-cl"), ["tlc"]);
        assert_eq!(passing(&corpus, "mexico"), ["tlc"], "a word of an alias, accents aside");
        assert_eq!(passing(&corpus, "ambi"), ["old"], "the start of a word");
        assert_eq!(passing(&corpus, "trade kind:treaty party:peru year:1996"), ["fta"]);
        assert!(passing(&corpus, "rade").is_empty(), "not the inside of a word");
    }

    #[test]
    fn a_filter_that_cannot_be_read_says_what_to_write() {
        assert!(Filter::parse("year:19x0").unwrap_err().contains("year:1990..2000"));
        assert!(Filter::parse("colour:red").unwrap_err().contains("is not a filter"));
        assert!(Filter::parse("kind:").unwrap_err().contains("wants a value"));
        assert!(Filter::parse("year:2000..1990").is_err(), "a range the wrong way round");
    }

    #[test]
    fn every_order_puts_what_it_cannot_place_last_in_corpus_order() {
        let corpus = corpus();
        let names = names(&corpus);
        let titles = title_ranks(&names);
        let sorted = |order, hits: &[u32]| {
            let mut entries: Vec<usize> = (0..corpus.entries.len()).collect();
            sort(&mut entries, &corpus, order, &titles, hits);
            entries
        };
        assert_eq!(sorted(Order::Title, &[]), [4, 0, 2, 1, 3], "Ámbito first, accents aside");
        assert_eq!(sorted(Order::Date, &[]), [4, 2, 3, 0, 1], "undated last");
        assert_eq!(sorted(Order::Length, &[]), [2, 3, 0, 1, 4]);
        assert_eq!(sorted(Order::Hits, &[0, 0, 1, 5, 0]), [3, 2, 0, 1, 4]);
        assert_eq!(sorted(Order::Corpus, &[]), [0, 1, 2, 3, 4]);
        let cycle: Vec<Order> = std::iter::successors(Some(Order::Corpus), |o| Some(o.next(true))).take(6).collect();
        assert_eq!(cycle, [Order::Corpus, Order::Title, Order::Date, Order::Length, Order::Hits, Order::Corpus]);
        assert_eq!(Order::Length.next(false), Order::Corpus, "no hits to sort by before a search");
    }
}
