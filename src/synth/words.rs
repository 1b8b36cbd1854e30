//! Words for generated corpora: a fixed vocabulary of sixty thousand words in plain Latin,
//! accented Latin and Cyrillic letters, drawn by Zipf's law as the words of real prose are
//! (a few words very often, most words rarely, many once).

use std::sync::LazyLock;

/// A small, fast, deterministic generator (SplitMix64).
pub struct Random(pub u64);

impl Random {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `range`.
    pub fn within(&mut self, range: std::ops::Range<usize>) -> usize {
        range.start + (self.next() % (range.end - range.start).max(1) as u64) as usize
    }

    /// Whether a chance of `percent` in a hundred came up.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.within(0..100) < percent
    }

    pub fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.within(0..words.len())]
    }

    /// A number in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number from the normal distribution of mean 0 and deviation 1 (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit().max(f64::MIN_POSITIVE), self.unit());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// The seed of entry `i` of a corpus of seed `seed`, so that each entry can be made alone.
pub fn mix(seed: u64, i: u64) -> u64 {
    Random(seed ^ i.wrapping_mul(0xD1B5_4A32_D192_ED03)).next()
}

/// The most frequent words, in order: those of English treaty prose.
const COMMON: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "shall",
    "or",
    "any",
    "by",
    "for",
    "Party",
    "this",
    "be",
    "on",
    "with",
    "that",
    "as",
    "Parties",
    "Agreement",
    "its",
    "such",
    "other",
    "under",
    "treaty",
    "article",
    "each",
    "may",
    "from",
    "not",
    "provided",
    "Article",
    "measures",
    "government",
    "territory",
    "agreement",
    "protocol",
    "border",
    "minister",
    "republic",
    "ratification",
    "sovereignty",
    "independence",
    "mutual",
    "assistance",
    "garrison",
    "naval",
    "base",
    "commission",
    "annex",
    "paragraph",
    "obligations",
    "rights",
    "force",
    "entry",
    "accordance",
    "договор",
    "граница",
    "протокол",
    "pakts",
    "līgums",
    "robeža",
    "umowa",
    "granica",
    "traktat",
    "tratado",
    "acuerdo",
    "accord",
    "Vertrag",
];

const LATIN: &[&str] = &[
    "ka", "ri", "to", "men", "sa", "vel", "dor", "ni", "ta", "lo", "pre", "con", "sta", "gra", "tu", "ber", "li", "mo",
    "de", "ra", "ven", "ti", "sol", "an", "ex", "ur", "pa", "que", "ro", "va", "ment", "tion", "al", "ist",
];
const ACCENTED: &[&str] = &[
    "rā", "kē", "vī", "šū", "žo", "ļa", "ņe", "łó", "są", "ęt", "ść", "ző", "ün", "ña", "ér", "çã", "ķī", "ģe", "ų",
    "ė", "ž", "ø", "å", "ß",
];
const CYRILLIC: &[&str] = &[
    "до", "го", "вор", "ста", "ни", "ка", "ра", "по", "ле", "мир", "со", "юз", "пра", "ва", "ти", "ель", "ско", "на",
    "ре", "ту",
];

/// How many words the vocabulary holds.
pub const SIZE: usize = 60_000;

/// The words by rank, and where each rank's share of a Zipf distribution ends.
pub struct Vocabulary {
    words: Vec<String>,
    ends: Vec<f64>,
}

pub static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| Vocabulary::new(SIZE));

/// The size of the vocabulary before it was raised to [`SIZE`]: `generate --vocabulary
/// 40000` writes corpora of that shape again, to compare with figures measured on them.
pub const EARLIER_SIZE: usize = 40_000;

thread_local! {
    /// The vocabulary in use on this thread, if not [`VOCABULARY`].
    static CURRENT: std::cell::Cell<Option<&'static Vocabulary>> = const { std::cell::Cell::new(None) };
}

/// The vocabulary generated text is drawn from on this thread.
pub fn vocabulary() -> &'static Vocabulary {
    CURRENT.get().unwrap_or(&VOCABULARY)
}

/// What `make` gives with text drawn from a vocabulary of `size` words (at least one): the
/// same words, the most frequent first, as the usual one's first `size`.
pub fn with_vocabulary<T>(size: usize, make: impl FnOnce() -> T) -> T {
    let vocabulary: &'static Vocabulary = match size.max(1) {
        SIZE => &VOCABULARY,
        // Made once for a run of the generator, and kept for its life.
        size => Box::leak(Box::new(Vocabulary::new(size))),
    };
    let before = CURRENT.replace(Some(vocabulary));
    let made = make();
    CURRENT.set(before);
    made
}

impl Vocabulary {
    fn new(size: usize) -> Self {
        let mut r = Random(0x7EA7_1E55);
        let mut words: Vec<String> = COMMON.iter().map(|w| w.to_string()).collect();
        let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
        while words.len() < size {
            let syllables = match r.within(0..10) {
                0..=5 => LATIN,
                6 | 7 => ACCENTED,
                _ => CYRILLIC,
            };
            let mut word = String::new();
            for i in 0..r.within(2..5) {
                // Accented syllables stand between plain ones, as in Latvian or Polish words.
                let set = if syllables == ACCENTED && i % 2 == 0 { LATIN } else { syllables };
                word.push_str(r.pick(set));
            }
            if seen.insert(word.clone()) {
                words.push(word);
            }
        }
        let mut total = 0.0;
        let ends = (0..words.len())
            .map(|rank| {
                total += 1.0 / (rank as f64 + 1.0);
                total
            })
            .collect();
        Self { words, ends }
    }

    /// A word drawn by its frequency.
    pub fn word(&self, r: &mut Random) -> &str {
        let at = r.unit() * self.ends.last().copied().unwrap_or(0.0);
        &self.words[self.ends.partition_point(|&end| end < at).min(self.words.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_is_large_mixed_and_drawn_by_zipfs_law() {
        let v = &*VOCABULARY;
        assert_eq!(v.words.len(), SIZE);
        assert!(v.words.iter().any(|w| w.chars().any(|c| ('а'..='я').contains(&c))), "Cyrillic words");
        assert!(v.words.iter().any(|w| w.contains('ā') || w.contains('ł')), "accented words");
        let mut r = Random(1);
        let mut counts = std::collections::HashMap::new();
        for _ in 0..200_000 {
            *counts.entry(v.word(&mut r)).or_insert(0usize) += 1;
        }
        let the = counts["the"];
        assert!((14_000..22_000).contains(&the), "the first word is about one word in eleven: {the}");
        assert!(counts.len() > 20_000, "most of the vocabulary turns up: {}", counts.len());
        assert!(counts.values().filter(|&&n| n == 1).count() > 5_000, "many words once");
    }

    #[test]
    fn a_smaller_vocabulary_is_the_start_of_the_usual_one() {
        let earlier = with_vocabulary(EARLIER_SIZE, || {
            let v = vocabulary();
            assert_eq!(v.words.len(), EARLIER_SIZE);
            v.words.clone()
        });
        assert_eq!(earlier[..], VOCABULARY.words[..EARLIER_SIZE]);
        assert_eq!(vocabulary().words.len(), SIZE, "the usual one again afterwards");
    }
}
