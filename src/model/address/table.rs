//! The addresses of one treaty's parts, found once in time linear in its parts: how each
//! part and division is addressed, and which one a written address names, each in a few
//! steps however long the treaty.

use std::hash::{BuildHasher, Hasher};

use hashbrown::{DefaultHashBuilder, HashTable};

use crate::model::{ClauseLabel, Entry};

/// What an address names among a treaty's articles or divisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reached {
    Nothing,
    /// The article's clause, or the division, by its number.
    One(usize),
    /// More than one: the label alone does not tell them apart.
    Several,
}

/// The hash every path starts from: that of the treaty itself.
const ROOT: u64 = 0x9e37_79b9_7f4a_7c15;

/// A label as addresses read it: without the spaces around it, case, spaces, hyphens and
/// underscores alike.
pub fn folded(label: &str) -> impl Iterator<Item = char> + '_ {
    label.trim().chars().map(fold)
}

/// A character of a label as addresses read it.
fn fold(c: char) -> char {
    if matches!(c, ' ' | '_') { '-' } else { c.to_ascii_lowercase() }
}

/// Whether two labels are one to an address.
pub fn alike(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// The hash of a path that goes on from `from` to `label`, by `state`: seeded afresh for
/// each process, so that no corpus can be written whose labels all land on one hash.
fn step(state: &DefaultHashBuilder, from: u64, label: &str) -> u64 {
    let mut hasher = state.build_hasher();
    hasher.write_u64(from);
    for c in folded(label) {
        hasher.write_u32(c as u32);
    }
    hasher.finish()
}

/// Items with labels (a treaty's articles, or its divisions), each standing in a division or
/// in none, found by their labels, and by their paths where a label is not theirs alone.
#[derive(Debug, Default)]
struct Labelled {
    /// The first item with each label, by the hash of its label.
    first: HashTable<u32>,
    /// Whether each item's label is another's too, a bit an item, by item number.
    shared: Vec<u64>,
    /// The items whose label is shared, by the hash of their path.
    paths: HashTable<u32>,
}

/// What [`Labelled`] reads of its items: how many there may be, each one's label, and the
/// division it stands in.
trait Items {
    fn count(&self) -> usize;
    fn label(&self, item: usize) -> Option<&str>;
    fn within(&self, item: usize) -> Option<u32>;
}

/// A treaty's articles, by clause number.
struct Articles<'a>(&'a Entry);

impl Items for Articles<'_> {
    fn count(&self) -> usize {
        self.0.clauses.len()
    }
    fn label(&self, item: usize) -> Option<&str> {
        match &self.0.clauses.get(item)?.label {
            ClauseLabel::Article(label) => Some(label),
            _ => None,
        }
    }
    fn within(&self, item: usize) -> Option<u32> {
        self.0.clauses.get(item)?.chapter
    }
}

/// A treaty's divisions, by their number among its chapters.
struct Divisions<'a>(&'a Entry);

impl Items for Divisions<'_> {
    fn count(&self) -> usize {
        self.0.chapters.len()
    }
    fn label(&self, item: usize) -> Option<&str> {
        Some(&self.0.chapters.get(item)?.label)
    }
    fn within(&self, item: usize) -> Option<u32> {
        // A division stands in one that opens before it (see `Entry::holding`).
        self.0.chapters.get(item)?.parent.filter(|&p| (p as usize) < item)
    }
}

/// Whether the divisions that hold an item, from `within` outwards, are labelled as
/// `path` says from its end.
fn path_is(entry: &Entry, within: Option<u32>, path: &[&str]) -> bool {
    let mut holding = entry.holding(within);
    let mut wanted = path.iter().rev();
    loop {
        match (holding.next(), wanted.next()) {
            (None, None) => return true,
            (Some(c), Some(label)) if alike(&entry.chapters[c as usize].label, label) => {}
            _ => return false,
        }
    }
}

impl Labelled {
    /// The table of `items`; `hashes` are those of the divisions' paths, by division.
    fn new(entry: &Entry, items: &impl Items, hashes: &[u64], state: &DefaultHashBuilder) -> Self {
        let count = items.count();
        let mut table =
            Self { first: HashTable::with_capacity(count), shared: vec![0; count.div_ceil(64)], ..Self::default() };
        let label_hash = |&i: &u32| items.label(i as usize).map_or(ROOT, |l| step(state, ROOT, l));
        for i in 0..count {
            let Some(label) = items.label(i) else { continue };
            let same = |&j: &u32| items.label(j as usize).is_some_and(|other| alike(other, label));
            match table.first.find(step(state, ROOT, label), same) {
                Some(&j) => {
                    table.mark(i);
                    table.mark(j as usize);
                }
                None => _ = table.first.insert_unique(step(state, ROOT, label), i as u32, label_hash),
            }
        }
        let path_hash = |i: usize| {
            let from = items.within(i).and_then(|c| hashes.get(c as usize)).copied().unwrap_or(ROOT);
            items.label(i).map_or(from, |label| step(state, from, label))
        };
        for i in 0..count {
            if !table.is_shared(i) {
                continue;
            }
            let hash = path_hash(i);
            let same_path = |&j: &u32| {
                let j = j as usize;
                let (a, b) = (items.label(i).unwrap_or_default(), items.label(j).unwrap_or_default());
                alike(a, b) && same_divisions(entry, items.within(i), items.within(j))
            };
            if table.paths.find(hash, same_path).is_none() {
                table.paths.insert_unique(hash, i as u32, |&j| path_hash(j as usize));
            }
        }
        table
    }

    fn mark(&mut self, item: usize) {
        self.shared[item / 64] |= 1 << (item % 64);
    }

    /// Whether item `item`'s label is another's too.
    fn is_shared(&self, item: usize) -> bool {
        self.shared.get(item / 64).is_some_and(|bits| bits & (1 << (item % 64)) != 0)
    }

    /// The item labelled `label`: in the divisions `path` names from the outermost, or in
    /// any division when there is no path.
    fn find(
        &self,
        (entry, state): (&Entry, &DefaultHashBuilder),
        items: &impl Items,
        path: Option<&[&str]>,
        label: &str,
    ) -> Reached {
        let same = |&j: &u32| items.label(j as usize).is_some_and(|other| alike(other, label));
        let Some(&first) = self.first.find(step(state, ROOT, label), same) else { return Reached::Nothing };
        let first = first as usize;
        let Some(path) = path else {
            return if self.is_shared(first) { Reached::Several } else { Reached::One(first) };
        };
        if !self.is_shared(first) {
            return if path_is(entry, items.within(first), path) { Reached::One(first) } else { Reached::Nothing };
        }
        let hash = step(state, path.iter().fold(ROOT, |from, division| step(state, from, division)), label);
        let matches = |&j: &u32| same(&j) && path_is(entry, items.within(j as usize), path);
        self.paths.find(hash, matches).map_or(Reached::Nothing, |&j| Reached::One(j as usize))
    }
}

/// Whether divisions `a` and `b` (or none) are labelled alike all the way out.
fn same_divisions(entry: &Entry, a: Option<u32>, b: Option<u32>) -> bool {
    let (mut a, mut b) = (entry.holding(a), entry.holding(b));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            // The same division: the rest of the way out is the same too.
            (Some(x), Some(y)) if x == y => return true,
            (Some(x), Some(y)) if alike(&entry.chapters[x as usize].label, &entry.chapters[y as usize].label) => {}
            _ => return false,
        }
    }
}

/// The addresses of a treaty's parts and divisions, and what each written address names.
#[derive(Debug, Default)]
pub struct Addresses {
    /// How labels and paths are hashed.
    state: DefaultHashBuilder,
    articles: Labelled,
    divisions: Labelled,
    /// The preamble's clause.
    preamble: Option<u32>,
    /// Each annex's clause, in order.
    annexes: Box<[u32]>,
}

/// What follows the `#`, read: a part named by a word of its own, a division, or an article.
enum Written<'a> {
    Preamble,
    /// The annex by its number, from 1.
    Annex(usize),
    /// A division, or an article: the labels of the divisions from the outermost when
    /// written (`II/3/1`, or `/1` for one outside any), and its own label.
    Division(Option<Vec<&'a str>>, &'a str),
    Article(Option<Vec<&'a str>>, &'a str),
}

impl<'a> Written<'a> {
    fn read(part: &'a str) -> Self {
        let word: String = folded(part).collect();
        if word == "preamble" {
            return Self::Preamble;
        }
        if let Some(n) = word.strip_prefix("annex").filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
            return Self::Annex(n.parse().unwrap_or(usize::MAX));
        }
        let part = part.trim();
        match part.get(..8).filter(|p| p.chars().map(fold).eq("chapter-".chars())) {
            Some(_) => {
                let (path, label) = path(&part[8..]);
                Self::Division(path, label)
            }
            None => {
                let (path, label) = path(part);
                Self::Article(path, label)
            }
        }
    }
}

/// `II/3/1` read as the divisions' labels and the label; `/1` as no division and the label;
/// `1` as the label alone.
fn path(written: &str) -> (Option<Vec<&str>>, &str) {
    let Some((divisions, label)) = written.rsplit_once('/') else { return (None, written) };
    let divisions = divisions.strip_prefix('/').unwrap_or(divisions);
    (Some(if divisions.is_empty() { Vec::new() } else { divisions.split('/').collect() }), label)
}

/// `label`, after the labels of the divisions from `within` outwards, outermost first, when
/// it is `shared` (`/` before it alone when it stands in none).
fn written(entry: &Entry, within: Option<u32>, label: &str, shared: bool) -> String {
    if !shared {
        return label.to_string();
    }
    let mut labels: Vec<&str> = entry.holding(within).map(|c| entry.chapters[c as usize].label.as_str()).collect();
    labels.reverse();
    format!("{}/{label}", labels.join("/"))
}

impl Addresses {
    /// The addresses of `entry`'s parts and divisions.
    pub fn new(entry: &Entry) -> Self {
        let (divisions, state) = (Divisions(entry), DefaultHashBuilder::default());
        let mut hashes: Vec<u64> = Vec::with_capacity(entry.chapters.len());
        for (c, chapter) in entry.chapters.iter().enumerate() {
            let from = divisions.within(c).map_or(ROOT, |p| hashes[p as usize]);
            hashes.push(step(&state, from, &chapter.label));
        }
        let clauses = entry.clauses.iter().enumerate();
        let preamble = clauses.clone().find(|(_, c)| c.label == ClauseLabel::Preamble).map(|(k, _)| k as u32);
        let annexes = clauses.filter(|(_, c)| matches!(c.label, ClauseLabel::Annex(_))).map(|(k, _)| k as u32);
        Self {
            articles: Labelled::new(entry, &Articles(entry), &hashes, &state),
            divisions: Labelled::new(entry, &divisions, &hashes, &state),
            state,
            preamble,
            annexes: annexes.collect(),
        }
    }

    /// What follows the `#` for part `part` (1 for the first clause): "3", "30.8",
    /// "II/3/1", "/1", "preamble", "annex1".
    pub fn suffix(&self, entry: &Entry, part: usize) -> Option<String> {
        let k = part.checked_sub(1)?;
        let clause = entry.clauses.get(k)?;
        Some(match &clause.label {
            ClauseLabel::Preamble => "preamble".into(),
            ClauseLabel::Article(label) => written(entry, clause.chapter, label, self.articles.is_shared(k)),
            ClauseLabel::Annex(_) => format!("annex{}", self.annexes.partition_point(|&a| (a as usize) < k) + 1),
        })
    }

    /// What follows the `#` for division `chapter`: "chapter-30", or with the labels of the
    /// divisions that hold it where its own label is another's too: "chapter-I/1".
    pub fn chapter_suffix(&self, entry: &Entry, chapter: usize) -> Option<String> {
        let own = entry.chapters.get(chapter)?;
        let within = Divisions(entry).within(chapter);
        Some(format!("chapter-{}", written(entry, within, &own.label, self.divisions.is_shared(chapter))))
    }

    /// The part (1 for the first clause) that `part`, what follows the `#`, names: a
    /// division names its first article.
    pub fn find(&self, entry: &Entry, part: &str) -> Reached {
        let some = |k: Option<u32>| k.map_or(Reached::Nothing, |k| Reached::One(k as usize + 1));
        match Written::read(part) {
            Written::Preamble => some(self.preamble),
            Written::Annex(n) => some(n.checked_sub(1).and_then(|n| self.annexes.get(n)).copied()),
            Written::Article(path, label) => {
                match self.articles.find((entry, &self.state), &Articles(entry), path.as_deref(), label) {
                    Reached::One(k) => Reached::One(k + 1),
                    other => other,
                }
            }
            Written::Division(path, label) => {
                match self.divisions.find((entry, &self.state), &Divisions(entry), path.as_deref(), label) {
                    Reached::One(c) => {
                        let clauses = &entry.chapters[c].clauses;
                        some((!clauses.is_empty()).then_some(clauses.start))
                    }
                    other => other,
                }
            }
        }
    }

    /// The division (by its place among the entry's chapters) that `part` names, if it
    /// names one: `chapter-30`, `chapter-I/1`.
    pub fn division(&self, entry: &Entry, part: &str) -> Option<usize> {
        let Written::Division(path, label) = Written::read(part) else { return None };
        match self.divisions.find((entry, &self.state), &Divisions(entry), path.as_deref(), label) {
            Reached::One(c) => Some(c),
            _ => None,
        }
    }

    /// The addresses of the first `few` of the parts or divisions that `part` names where it
    /// names several, and how many it names in all.
    pub fn several(&self, entry: &Entry, part: &str, few: usize) -> (Vec<String>, usize) {
        let (mut ways, mut count) = (Vec::new(), 0);
        let mut found = |way: Option<String>| {
            count += 1;
            if ways.len() < few {
                ways.extend(way);
            }
        };
        match Written::read(part) {
            Written::Article(None, label) => {
                for k in (0..entry.clauses.len()).filter(|&k| Articles(entry).label(k).is_some_and(|l| alike(l, label)))
                {
                    found(self.suffix(entry, k + 1));
                }
            }
            Written::Division(None, label) => {
                for c in (0..entry.chapters.len()).filter(|&c| alike(&entry.chapters[c].label, label)) {
                    found(self.chapter_suffix(entry, c));
                }
            }
            _ => {}
        }
        (ways, count)
    }
}
