//! How two runs of paragraphs line up, and which words differ between the paragraphs that
//! answer to each other: paragraphs are paired by the words they share, in order, and the
//! words of each pair are set against each other by `similar` (Myers diff: the fewest words
//! deleted and inserted, and for prose half the time of patience diff).

use hashbrown::HashMap;
use serde::Serialize;
use similar::{Algorithm, DiffOp};

use super::words::{Bag, Run, dice};

/// The least share of words two paragraphs must have in common to be set side by side
/// rather than shown as one deleted and one inserted.
const PAIRED_FROM: f64 = 0.3;

/// A run of words of a pair of paragraphs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "snake_case")]
pub enum Op {
    /// In both.
    Same(String),
    /// Only in the left paragraph (deleted).
    Gone(String),
    /// Only in the right paragraph (inserted).
    New(String),
}

/// A row of two runs of paragraphs side by side: a pair, or a paragraph of one side alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffRow {
    /// The left paragraph's place in its run.
    pub left: Option<usize>,
    pub right: Option<usize>,
    /// How many paragraphs of each side from `left` and `right` on the row holds: one, or
    /// several where one paragraph of the other side answers to them together.
    #[serde(skip_serializing_if = "one")]
    pub left_run: usize,
    #[serde(skip_serializing_if = "one")]
    pub right_run: usize,
    /// The words of the row, as the left paragraphs become the right ones (the paragraphs
    /// of a run joined by [`BREAK`]).
    pub ops: Vec<Op>,
}

/// What joins the paragraphs of a run in a row's words.
pub const BREAK: &str = "\n\n";

/// The most paragraphs of one side a paragraph of the other pairs with together.
const RUN: usize = 6;

/// Up to this many pairs of paragraphs (rows times columns), runs are looked for.
const RUNS_UP_TO: usize = 10_000;

fn one(n: &usize) -> bool {
    *n == 1
}

/// How many words are the same, only on the left, only on the right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WordCounts {
    pub same: usize,
    pub gone: usize,
    pub new: usize,
}

impl WordCounts {
    /// The share of the words of both sides that they have in common, from 0 to 1.
    pub fn similarity(&self) -> f64 {
        let all = 2 * self.same + self.gone + self.new;
        if all == 0 { 1.0 } else { (2 * self.same) as f64 / all as f64 }
    }

    /// "94% the same words; 3 deleted, 5 inserted", or "the same words".
    pub fn summary(&self) -> String {
        if self.gone == 0 && self.new == 0 {
            return "the same words".into();
        }
        let percent = (self.similarity() * 100.0).floor();
        format!("{percent}% the same words; {} deleted, {} inserted", self.gone, self.new)
    }
}

/// Two runs of paragraphs set side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Aligned {
    pub rows: Vec<DiffRow>,
    pub tally: WordCounts,
}

/// Sets `left` and `right` side by side: the paragraphs that share most words paired in
/// order (the pairing that shares most, found over every order-keeping one), one paragraph
/// with a run of several of the other side where together they share more than it does
/// with any one of them (a preamble written as one paragraph and as five); each other
/// paragraph on a row of its own where it stands.
pub fn align(left: &[&str], right: &[&str]) -> Aligned {
    let (bags_left, bags_right): (Vec<Bag>, Vec<Bag>) =
        (left.iter().map(|p| Bag::new(p)).collect(), right.iter().map(|p| Bag::new(p)).collect());
    align_counted(left, right, &bags_left.iter().collect::<Vec<_>>(), &bags_right.iter().collect::<Vec<_>>())
}

/// [`align`], with the words of each paragraph counted already (`bags_left[k]` those of
/// `left[k]`).
pub fn align_counted(left: &[&str], right: &[&str], bags_left: &[&Bag], bags_right: &[&Bag]) -> Aligned {
    let (n, m) = (left.len(), right.len());
    let runs = n.saturating_mul(m) <= RUNS_UP_TO;
    let single: Vec<f64> = bags_left.iter().flat_map(|a| bags_right.iter().map(|b| a.share(b))).collect();
    let single = |i: usize, j: usize| single[i * m + j];
    // best[i][j]: the most shared words pairing left[i..] with right[j..]; step[i][j]: how
    // many paragraphs of each side the best pairing takes there (0 on a side: none paired).
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    let mut step = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    let mut run = Run::default();
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut choice = (best[i + 1][j], (1, 0));
            if best[i][j + 1] > choice.0 {
                choice = (best[i][j + 1], (0, 1));
            }
            let share = single(i, j);
            if share >= PAIRED_FROM && share + best[i + 1][j + 1] > choice.0 {
                choice = (share + best[i + 1][j + 1], (1, 1));
            }
            if runs {
                // left[i] beside right[j..j + k], then right[j] beside left[i..i + k].
                for rightwards in [true, false] {
                    let (one, count) = if rightwards { (&bags_left[i], m - j) } else { (&bags_right[j], n - i) };
                    let other = |k: usize| if rightwards { &bags_right[j + k - 1] } else { &bags_left[i + k - 1] };
                    let (mut most, mut all, mut added) = (0.0f64, 0u32, 0);
                    for k in 1..=count.min(RUN) {
                        most = most.max(if rightwards { single(i, j + k - 1) } else { single(i + k - 1, j) });
                        all += other(k).len;
                        if k == 1 {
                            continue;
                        }
                        // The most the run could share from here on; once the run is as long
                        // as the paragraph, it only falls as the run grows.
                        let bound = dice(one.len.min(all), one.len + all);
                        if all >= one.len && (bound < PAIRED_FROM || bound <= most) {
                            break;
                        }
                        if added == 0 {
                            run.start(one);
                        }
                        let share = (added + 1..=k).map(|x| run.add(other(x))).last().unwrap_or(0.0);
                        added = k;
                        let (di, dj) = if rightwards { (1, k) } else { (k, 1) };
                        let score = share * (k + 1) as f64 / 2.0 + best[i + di][j + dj];
                        if share >= PAIRED_FROM && share > most && score > choice.0 {
                            choice = (score, (di, dj));
                        }
                    }
                }
            }
            (best[i][j], step[i][j]) = choice;
        }
    }
    let joined = |side: &[&str], from: usize, count: usize| side[from..from + count].join(BREAK);
    let (mut rows, mut tally) = (Vec::new(), WordCounts::default());
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        let (di, dj) = match (i < n, j < m) {
            (true, true) => step[i][j],
            (true, false) => (1, 0),
            _ => (0, 1),
        };
        let row = match (di, dj) {
            (0, _) => DiffRow {
                left: None,
                right: Some(j),
                left_run: 1,
                right_run: 1,
                ops: vec![Op::New(right[j].to_string())],
            },
            (_, 0) => DiffRow {
                left: Some(i),
                right: None,
                left_run: 1,
                right_run: 1,
                ops: vec![Op::Gone(left[i].to_string())],
            },
            (di, dj) => DiffRow {
                left: Some(i),
                right: Some(j),
                left_run: di,
                right_run: dj,
                ops: words(&joined(left, i, di), &joined(right, j, dj)),
            },
        };
        (i, j) = (i + di, j + dj);
        for op in &row.ops {
            match op {
                Op::Same(text) => tally.same += count(text),
                Op::Gone(text) => tally.gone += count(text),
                Op::New(text) => tally.new += count(text),
            }
        }
        rows.push(row);
    }
    Aligned { rows, tally }
}

/// The words of `old` as they become `new`: runs of words the same, deleted and inserted.
/// Each word and each run of spaces is one piece, numbered by what it holds, and the
/// numbers of the two sides are set against each other.
pub fn words(old: &str, new: &str) -> Vec<Op> {
    if old == new {
        return if old.is_empty() { Vec::new() } else { vec![Op::Same(old.to_string())] };
    }
    let (old_pieces, new_pieces) = (pieces(old), pieces(new));
    // One space, the most common piece, is numbered 0 without being looked up.
    fn number<'t>(numbers: &mut HashMap<&'t str, u32>, text: &'t str, pieces: &[usize]) -> Vec<u32> {
        let piece = |w: &[usize]| &text[w[0]..w[1]];
        pieces
            .windows(2)
            .map(|w| match piece(w) {
                " " => 0,
                piece => {
                    let next = numbers.len() as u32 + 1;
                    *numbers.entry(piece).or_insert(next)
                }
            })
            .collect()
    }
    let mut numbers: HashMap<&str, u32> = HashMap::default();
    numbers.reserve((old_pieces.len() + new_pieces.len()) / 2);
    let (a, b) = (number(&mut numbers, old, &old_pieces), number(&mut numbers, new, &new_pieces));
    let text =
        |side: &str, pieces: &[usize], from: usize, len: usize| side[pieces[from]..pieces[from + len]].to_string();
    let mut ops: Vec<Op> = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal { old_index, len, .. } => ops.push(Op::Same(text(old, &old_pieces, old_index, len))),
            DiffOp::Delete { old_index, old_len, .. } => ops.push(Op::Gone(text(old, &old_pieces, old_index, old_len))),
            DiffOp::Insert { new_index, new_len, .. } => ops.push(Op::New(text(new, &new_pieces, new_index, new_len))),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                ops.push(Op::Gone(text(old, &old_pieces, old_index, old_len)));
                ops.push(Op::New(text(new, &new_pieces, new_index, new_len)));
            }
        }
    }
    joined(ops)
}

/// Where each piece of `text` begins (a run of characters that are not spaces, or of
/// spaces), and where the last ends.
fn pieces(text: &str) -> Vec<usize> {
    let mut at = Vec::with_capacity(text.len() / 3 + 2);
    at.push(0);
    let mut space = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Byte by byte where the text is ASCII, as most is.
        let (here, len) = if b.is_ascii() {
            (b.is_ascii_whitespace() || b == 0x0b, 1)
        } else {
            text[i..].chars().next().map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
        };
        if space.is_some_and(|s| s != here) {
            at.push(i);
        }
        space = Some(here);
        i += len;
    }
    if !text.is_empty() {
        at.push(text.len());
    }
    at
}

/// `ops` with each stretch of changes that only spaces divide made one deletion and one
/// insertion: "[-military arrangements-]{+form of state+}", not word against word.
fn joined(ops: Vec<Op>) -> Vec<Op> {
    let mut out: Vec<Op> = Vec::with_capacity(ops.len());
    let (mut gone, mut new, mut open) = (String::new(), String::new(), false);
    let flush = |out: &mut Vec<Op>, gone: &mut String, new: &mut String| {
        // Spaces both sides share at the start of the stretch go with the words before it,
        // and those they share at its end with the words after it.
        let lead = |text: &str| text.len() - text.trim_start().len();
        let trail = |text: &str| text.len() - text.trim_end().len();
        let both = !gone.is_empty() && !new.is_empty();
        let opening = if both { common(&gone[..lead(gone)], &new[..lead(new)], false) } else { 0 };
        if opening > 0 {
            let before: String = gone.drain(..opening).collect();
            new.drain(..opening);
            match out.last_mut() {
                Some(Op::Same(run)) => run.push_str(&before),
                _ => out.push(Op::Same(before)),
            }
        }
        let closing =
            if both { common(&gone[gone.len() - trail(gone)..], &new[new.len() - trail(new)..], true) } else { 0 };
        let spaces = gone.split_off(gone.len() - closing);
        new.truncate(new.len() - closing);
        if !gone.is_empty() {
            out.push(Op::Gone(std::mem::take(gone)));
        }
        if !new.is_empty() {
            out.push(Op::New(std::mem::take(new)));
        }
        if !spaces.is_empty() {
            out.push(Op::Same(spaces));
        }
    };
    for (k, op) in ops.iter().enumerate() {
        match op {
            Op::Gone(text) => (gone.push_str(text), open = true).1,
            Op::New(text) => (new.push_str(text), open = true).1,
            Op::Same(text) if open && text.trim().is_empty() && k + 1 < ops.len() => {
                gone.push_str(text);
                new.push_str(text);
            }
            Op::Same(text) => {
                if open {
                    flush(&mut out, &mut gone, &mut new);
                    open = false;
                }
                match out.last_mut() {
                    Some(Op::Same(run)) => run.push_str(text),
                    _ => out.push(Op::Same(text.clone())),
                }
            }
        }
    }
    if open {
        flush(&mut out, &mut gone, &mut new);
    }
    out
}

/// How many bytes `a` and `b` share at their start, or with `from_end` at their end.
fn common(a: &str, b: &str, from_end: bool) -> usize {
    if !from_end {
        a.chars().zip(b.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum()
    } else {
        a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum()
    }
}

/// How many words `text` holds.
fn count(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sides(rows: &[DiffRow]) -> Vec<(Option<usize>, Option<usize>)> {
        rows.iter().map(|r| (r.left, r.right)).collect()
    }

    #[test]
    fn identical_paragraphs_pair_up_with_nothing_changed() {
        let text = ["The parties promise mutual help.", "This pact runs for ten years."];
        let aligned = align(&text, &text);
        assert_eq!(sides(&aligned.rows), [(Some(0), Some(0)), (Some(1), Some(1))]);
        assert!(aligned.rows.iter().all(|r| r.ops.iter().all(|op| matches!(op, Op::Same(_)))));
        assert_eq!(aligned.tally.summary(), "the same words");
    }

    #[test]
    fn changed_words_are_marked_within_their_pair() {
        let ops = words("Estonia grants naval bases at Paldiski.", "Latvia grants naval bases at Liepāja.");
        assert_eq!(
            ops,
            [
                Op::Gone("Estonia".into()),
                Op::New("Latvia".into()),
                Op::Same(" grants naval bases at ".into()),
                Op::Gone("Paldiski.".into()),
                Op::New("Liepāja.".into()),
            ]
        );
    }

    #[test]
    fn a_stretch_of_changed_words_reads_as_one_change() {
        let ops =
            words("its form of state and its military arrangements.", "its form of state and its internal affairs.");
        assert_eq!(
            ops,
            [
                Op::Same("its form of state and its ".into()),
                Op::Gone("military arrangements.".into()),
                Op::New("internal affairs.".into()),
            ]
        );
        let ops = words("one two three four", "one TWO THREE four");
        assert_eq!(
            ops,
            [
                Op::Same("one ".into()),
                Op::Gone("two three".into()),
                Op::New("TWO THREE".into()),
                Op::Same(" four".into())
            ]
        );
    }

    #[test]
    fn an_inserted_paragraph_stands_alone_and_the_rest_still_pair() {
        let left = ["Each side will help the other against attack.", "The pact lasts ten years."];
        let right = [
            "The Soviet Union hands Vilnius to Lithuania.",
            "Each side will help the other against any attack.",
            "The pact lasts fifteen years.",
        ];
        let aligned = align(&left, &right);
        assert_eq!(sides(&aligned.rows), [(None, Some(0)), (Some(0), Some(1)), (Some(1), Some(2))]);
        assert_eq!(aligned.rows[0].ops, [Op::New(right[0].into())]);
        assert!(aligned.tally.new >= 7 && aligned.tally.gone == 1, "{:?}", aligned.tally);
    }

    #[test]
    fn a_deleted_paragraph_stands_alone() {
        let left = ["Bases are leased at a fair rent.", "A secret clause nobody kept.", "Ratified in Riga."];
        let right = ["Bases are leased at a moderate rent.", "Ratified in Tallinn."];
        let aligned = align(&left, &right);
        assert_eq!(sides(&aligned.rows), [(Some(0), Some(0)), (Some(1), None), (Some(2), Some(1))]);
    }

    #[test]
    fn reordered_paragraphs_keep_the_order_of_both_sides() {
        let left = ["Alpha beta gamma delta.", "One two three four."];
        let right = ["One two three four.", "Alpha beta gamma delta."];
        let aligned = align(&left, &right);
        // One pair in order, the moved paragraph once deleted and once inserted.
        let pairs = aligned.rows.iter().filter(|r| r.left.is_some() && r.right.is_some()).count();
        assert_eq!(pairs, 1, "{:?}", sides(&aligned.rows));
        assert_eq!(aligned.rows.len(), 3);
        let lefts: Vec<usize> = aligned.rows.iter().filter_map(|r| r.left).collect();
        let rights: Vec<usize> = aligned.rows.iter().filter_map(|r| r.right).collect();
        assert_eq!((lefts, rights), (vec![0, 1], vec![0, 1]));
    }

    #[test]
    fn unicode_words_are_words() {
        let ops = words("Пакт о взаимопомощи между СССР и Латвией", "Пакт о взаимопомощи между СССР и Эстонией");
        assert_eq!(ops.last(), Some(&Op::New("Эстонией".into())));
        assert_eq!(ops[0], Op::Same("Пакт о взаимопомощи между СССР и ".into()));
        let aligned = align(&["Žemaitija ir Vilnius grįžta"], &["Zemaitija ir Vilnius grizta"]);
        assert_eq!(sides(&aligned.rows), [(Some(0), Some(0))], "accents folded when paragraphs are paired");
    }

    proptest::proptest! {
        /// Whatever the paragraphs, each side can be read back from the rows: what is the
        /// same and deleted is the left text, what is the same and inserted the right (the
        /// paragraphs of a run joined by a break), and every paragraph of both stands on
        /// exactly one row, in order.
        #[test]
        fn each_side_reads_back_from_the_rows(
            left in proptest::collection::vec("[a-cé Ж]{0,24}", 0..6),
            right in proptest::collection::vec("[a-cé Ж]{0,24}", 0..6),
        ) {
            let (l, r): (Vec<&str>, Vec<&str>) = (left.iter().map(String::as_str).collect(), right.iter().map(String::as_str).collect());
            let aligned = align(&l, &r);
            let side = |keep_left: bool| -> Vec<String> {
                aligned.rows.iter().filter(|row| if keep_left { row.left.is_some() } else { row.right.is_some() }).map(|row| {
                    row.ops.iter().filter_map(|op| match op {
                        Op::Same(t) => Some(t.as_str()),
                        Op::Gone(t) if keep_left => Some(t.as_str()),
                        Op::New(t) if !keep_left => Some(t.as_str()),
                        _ => None,
                    }).collect()
                }).collect()
            };
            proptest::prop_assert_eq!(side(true).join(BREAK), left.join(BREAK));
            proptest::prop_assert_eq!(side(false).join(BREAK), right.join(BREAK));
            let lefts: Vec<usize> = aligned.rows.iter().filter_map(|row| Some(row.left? ..row.left? + row.left_run)).flatten().collect();
            let rights: Vec<usize> = aligned.rows.iter().filter_map(|row| Some(row.right? ..row.right? + row.right_run)).flatten().collect();
            proptest::prop_assert_eq!(lefts, (0..left.len()).collect::<Vec<_>>());
            proptest::prop_assert_eq!(rights, (0..right.len()).collect::<Vec<_>>());
        }
    }

    /// The words of two texts as `similar` sets them against each other on its own.
    fn by_text_diff(old: &str, new: &str) -> Vec<Op> {
        use similar::{ChangeTag, TextDiff};
        let diff = TextDiff::configure().algorithm(Algorithm::Myers).diff_words(old, new);
        let mut ops: Vec<Op> = Vec::new();
        for change in diff.iter_all_changes() {
            let text = change.value().to_string();
            match (change.tag(), ops.last_mut()) {
                (ChangeTag::Equal, Some(Op::Same(run))) | (ChangeTag::Delete, Some(Op::Gone(run))) => {
                    run.push_str(&text)
                }
                (ChangeTag::Insert, Some(Op::New(run))) => run.push_str(&text),
                (ChangeTag::Equal, _) => ops.push(Op::Same(text)),
                (ChangeTag::Delete, _) => ops.push(Op::Gone(text)),
                (ChangeTag::Insert, _) => ops.push(Op::New(text)),
            }
        }
        joined(ops)
    }

    proptest::proptest! {
        /// Words set against each other by their numbers come out as `similar` finds them
        /// comparing the words themselves.
        #[test]
        fn words_by_number_are_words_by_text(
            old in "[a-cé Ж\\n\\t\\x0B\\x0C\\r\\u{A0}\\u{2003}]{0,40}",
            new in "[a-cé Ж\\n\\t\\x0B\\x0C\\r\\u{A0}\\u{2003}]{0,40}",
        ) {
            proptest::prop_assert_eq!(words(&old, &new), by_text_diff(&old, &new));
        }
    }

    #[test]
    fn a_paragraph_pairs_with_a_run_of_the_other_side_that_says_the_same() {
        let one = "The parties, desiring to strengthen their friendship, and resolved to keep the peace of the region, \
                   have agreed to conclude this treaty, and have named as their plenipotentiaries their foreign ministers, \
                   who have agreed as follows.";
        let five = [
            "The parties,",
            "desiring to strengthen their friendship,",
            "resolved to keep the peace of the region,",
            "have agreed to conclude this treaty, and have named as their plenipotentiaries their foreign ministers,",
            "who have agreed as follows.",
        ];
        let aligned = align(&[one], &five);
        assert_eq!(aligned.rows.len(), 1, "{:?}", aligned.rows);
        assert_eq!((aligned.rows[0].left_run, aligned.rows[0].right_run), (1, 5));
        assert!(aligned.tally.similarity() > 0.95, "{}", aligned.tally.summary());
        let back = align(&five, &[one]);
        assert_eq!((back.rows[0].left_run, back.rows[0].right_run, back.rows.len()), (5, 1, 1));
        // A paragraph that shares words with one of a run, and nothing with the next, pairs
        // with the one alone.
        let aligned = align(
            &["The parties resolved to keep the peace."],
            &["The parties resolved to keep the peace of the region.", "Ratified in Moscow on the tenth day."],
        );
        assert_eq!(sides(&aligned.rows), [(Some(0), Some(0)), (None, Some(1))]);
    }

    #[test]
    fn nothing_beside_nothing() {
        let aligned = align(&[], &[]);
        assert!(aligned.rows.is_empty());
        assert_eq!(aligned.tally.similarity(), 1.0);
        let aligned = align(&["Only here."], &[]);
        assert_eq!(sides(&aligned.rows), [(Some(0), None)]);
    }
}
