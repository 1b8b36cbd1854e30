//! Generated treaties shaped as real ones: chapters (with parts above and sections below in
//! the longest), articles labelled in each style real treaties use ("7", "VII", "7 bis",
//! "30.8", "3-06", numbers that start again in each chapter), list items, annexes.

use std::fmt::Write;

use super::words::Random;
use super::{prose, title};

/// How a treaty labels its articles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Labels {
    /// `number: 7`, the format's first way.
    Numbers,
    /// No number and no label: numbered in document order.
    Unnumbered,
    /// "VII".
    Roman,
    /// Numbers, with "7 bis" (and now and then "7 ter") inserted after some.
    Bis,
    /// "30.8": the chapter's label, a dot, the article's place in it.
    Dotted,
    /// "3-06".
    Dashed,
    /// "1", "2", … again in each chapter.
    Restart,
}

/// A division with its articles' labels, or divisions of its own.
struct Division {
    name: &'static str,
    label: String,
    title: String,
    articles: Vec<Option<String>>,
    divisions: Vec<Division>,
}

/// The shape of a treaty: everything but its words, so that a version in another language
/// has the same articles under the same labels.
pub struct Shape {
    labels: Labels,
    preamble: bool,
    /// The articles outside any division (a treaty without chapters), by label.
    articles: Vec<Option<String>>,
    divisions: Vec<Division>,
    annexes: usize,
}

impl Shape {
    /// A treaty of about `articles` articles, in chapters when it has more than about 30.
    pub fn new(r: &mut Random, articles: usize) -> Self {
        let preamble = r.chance(60);
        let annexes = if r.chance(30) { r.within(1..4) } else { 0 };
        if articles < 30 && !r.chance(10) {
            let labels = match r.within(0..20) {
                0..=9 => Labels::Numbers,
                10..=12 => Labels::Unnumbered,
                13..=15 => Labels::Roman,
                _ => Labels::Bis,
            };
            let list = labelled(r, labels, articles, &mut 1);
            return Self { labels, preamble, articles: list, divisions: Vec::new(), annexes };
        }
        let labels = match r.within(0..20) {
            0..=5 => Labels::Dotted,
            6..=8 => Labels::Dashed,
            9..=15 => Labels::Numbers,
            16 => Labels::Bis,
            _ => Labels::Restart,
        };
        let chapters = (articles / r.within(8..20)).clamp(2, 60);
        let roman_chapters = labels == Labels::Restart || r.chance(30);
        let mut next = 1;
        let mut divisions: Vec<Division> = (1..=chapters)
            .map(|c| {
                let count = (articles / chapters + usize::from(c <= articles % chapters)).max(1);
                let label = if roman_chapters { roman(c) } else { c.to_string() };
                let list = match labels {
                    Labels::Dotted => (1..=count).map(|k| Some(format!("{c}.{k}"))).collect(),
                    Labels::Dashed => (1..=count).map(|k| Some(format!("{c}-{k:02}"))).collect(),
                    Labels::Restart => (1..=count).map(|k| Some(k.to_string())).collect(),
                    _ => labelled(r, labels, count, &mut next),
                };
                Division { name: "Chapter", label, title: title(r), articles: list, divisions: Vec::new() }
            })
            .collect();
        if articles >= 300 {
            // The longest group their chapters in parts and split some into sections.
            for chapter in divisions.iter_mut().filter(|d| d.articles.len() >= 6) {
                if r.chance(40) {
                    let half = chapter.articles.len() / 2;
                    let second = chapter.articles.split_off(half);
                    let first = std::mem::take(&mut chapter.articles);
                    chapter.divisions = [("A", first), ("B", second)]
                        .into_iter()
                        .map(|(label, articles)| Division {
                            name: "Section",
                            label: label.into(),
                            title: title(r),
                            articles,
                            divisions: Vec::new(),
                        })
                        .collect();
                }
            }
            let mut parts = Vec::new();
            let mut rest = divisions.into_iter().peekable();
            while rest.peek().is_some() {
                let take = r.within(3..9);
                let chapters: Vec<Division> = rest.by_ref().take(take).collect();
                let label = roman(parts.len() + 1);
                parts.push(Division {
                    name: "Part",
                    label,
                    title: title(r),
                    articles: Vec::new(),
                    divisions: chapters,
                });
            }
            divisions = parts;
        }
        Self { labels, preamble, articles: Vec::new(), divisions, annexes }
    }

    /// The treaty's fields, from `preamble` on, in words drawn from `r`; `words` is about
    /// how many words an article has.
    pub fn write(&self, r: &mut Random, out: &mut String, words: usize, entries: usize) {
        if self.preamble {
            let _ = writeln!(out, " preamble: [\"{}\"],", prose(r, 30, entries));
        }
        if !self.articles.is_empty() {
            out.push_str(" articles: [\n");
            for label in &self.articles {
                self.article(r, out, label.as_deref(), words, entries);
            }
            out.push_str(" ],\n");
        }
        if !self.divisions.is_empty() {
            out.push_str(" chapters: [\n");
            for division in &self.divisions {
                self.division(r, out, division, words, entries);
            }
            out.push_str(" ],\n");
        }
        if self.annexes > 0 {
            out.push_str(" annexes: [\n");
            for n in 1..=self.annexes {
                let _ =
                    writeln!(out, "  Annex(title: \"Annex {}\", text: [\"{}\"]),", roman(n), prose(r, words, entries));
            }
            out.push_str(" ],\n");
        }
    }

    /// How many of its divisions are chapters.
    pub fn chapters(&self) -> usize {
        fn count(d: &Division) -> usize {
            usize::from(d.name == "Chapter") + d.divisions.iter().map(count).sum::<usize>()
        }
        self.divisions.iter().map(count).sum()
    }

    /// How many articles the treaty has.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        fn count(d: &Division) -> usize {
            d.articles.len() + d.divisions.iter().map(count).sum::<usize>()
        }
        self.articles.len() + self.divisions.iter().map(count).sum::<usize>()
    }

    fn division(&self, r: &mut Random, out: &mut String, d: &Division, words: usize, entries: usize) {
        let _ = write!(out, "  Chapter(label: \"{}\", title: \"{}\"", d.label, d.title);
        if d.name != "Chapter" {
            let _ = write!(out, ", division: \"{}\"", d.name);
        }
        if !d.articles.is_empty() {
            out.push_str(", articles: [\n");
            for label in &d.articles {
                self.article(r, out, label.as_deref(), words, entries);
            }
            out.push_str("  ]");
        }
        if !d.divisions.is_empty() {
            out.push_str(", chapters: [\n");
            for inner in &d.divisions {
                self.division(r, out, inner, words, entries);
            }
            out.push_str("  ]");
        }
        out.push_str("),\n");
    }

    /// One article: a heading most of the time, one to three paragraphs, and in one of four
    /// a list of items after its first, some with items of their own.
    fn article(&self, r: &mut Random, out: &mut String, label: Option<&str>, words: usize, entries: usize) {
        out.push_str("   Article(");
        match (self.labels, label) {
            (Labels::Numbers, Some(number)) => {
                let _ = write!(out, "number: {number}, ");
            }
            (_, Some(label)) => {
                let _ = write!(out, "label: \"{label}\", ");
            }
            (_, None) => {}
        }
        if r.chance(80) {
            let _ = write!(out, "heading: \"{}\", ", title(r));
        }
        let paragraphs = r.within(1..4);
        let mut text: Vec<String> = (0..paragraphs).map(|_| prose(r, words / paragraphs + 1, entries)).collect();
        if r.chance(25) {
            text[0].pop();
            text[0].push(':');
            let style = r.within(0..4);
            let mut items = Vec::new();
            for n in 1..=r.within(2..6) {
                let marker = match style {
                    0 => format!("({})", char::from(b'a' + (n as u8 - 1))),
                    1 => format!("{n}."),
                    2 => "•".to_string(),
                    _ => format!("({})", roman(n).to_lowercase()),
                };
                let words = r.within(6..20);
                items.push(format!("{marker} {}", prose(r, words, entries)));
                if r.chance(15) {
                    let words = r.within(5..12);
                    items.push(format!("  (i) {}", prose(r, words, entries)));
                }
            }
            text.splice(1..1, items);
        }
        let _ = writeln!(out, "text: [\"{}\"]),", text.join("\", \""));
    }
}

/// `count` article labels in `style`, numbering from `n` on (which is left at the next).
fn labelled(r: &mut Random, style: Labels, count: usize, next: &mut usize) -> Vec<Option<String>> {
    let mut list = Vec::with_capacity(count);
    while list.len() < count {
        let n = *next;
        *next += 1;
        list.push(match style {
            Labels::Unnumbered => None,
            Labels::Roman => Some(roman(n)),
            _ => Some(n.to_string()),
        });
        if style == Labels::Bis && list.len() < count && r.chance(8) {
            list.push(Some(format!("{n} bis")));
            if list.len() < count && r.chance(25) {
                list.push(Some(format!("{n} ter")));
            }
        }
    }
    list
}

/// `n` in Roman numerals: "XXX".
pub fn roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        let numbers: Vec<String> = [1, 4, 9, 14, 40, 90, 400, 1939].into_iter().map(roman).collect();
        assert_eq!(numbers, ["I", "IV", "IX", "XIV", "XL", "XC", "CD", "MCMXXXIX"]);
    }

    #[test]
    fn the_longest_treaties_have_parts_chapters_and_sections() {
        let mut r = Random(3);
        let shape = Shape::new(&mut r, 1000);
        assert_eq!(shape.len(), 1000);
        assert!(shape.divisions.iter().all(|d| d.name == "Part"));
        let chapters: usize = shape.divisions.iter().map(|d| d.divisions.len()).sum();
        assert!((20..=60).contains(&chapters), "{chapters} chapters");
    }
}
