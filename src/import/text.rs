//! A treaty in plain text or Markdown, divided by the headings treaties print: "Article 1",
//! "ARTICLE 1.", "Art. 3 bis", "Article 30.8" (a heading after it, or on the next line),
//! "PART III — …", "CHAPTER II", "Section A", Markdown `#`; the text before the first of them
//! is the preamble, "ANNEX", "PROTOCOL" and "Schedule" begin annexes, and "IN WITNESS
//! WHEREOF" or "Done at … on …" the final clauses (the place and date taken where they parse).

use std::path::Path;

use super::{Labels, Note, Read, Refusal, clean, slug};
use crate::model::Name;
use crate::read::format::{ArticleDoc, ChapterDoc, EntryDoc};

/// The most text read as one article when no heading divides it.
const NO_HEADINGS_MOST: usize = 1 << 20;

/// The kinds of division, outermost first.
const DIVISIONS: [&str; 4] = ["Part", "Title", "Chapter", "Section"];

/// What a line of the text is.
#[derive(Debug, PartialEq)]
enum Line<'a> {
    Blank,
    /// An article's heading: its label, and the heading written after it, if any.
    Article(String, &'a str),
    /// A division's heading: its kind (a place in [`DIVISIONS`]), label and title.
    Division(usize, String, &'a str),
    /// The heading of an annex, protocol or schedule.
    Annex(&'a str),
    /// The first line of the final clauses.
    Final(&'a str),
    /// A Markdown heading of no kind known: the title when it comes first, else a chapter.
    Heading(&'a str),
    Text(&'a str),
}

/// The treaty in the plain text or Markdown `text`, read from `file`, titled `title` or
/// by its first line.
pub fn read(file: &Path, text: &str, title: Option<&str>) -> Result<Read, Refusal> {
    // Controls and bidirectional controls left out first, so that no label or heading keeps one.
    let mut dropped = 0;
    let kept = |c: &char| {
        let out = (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        !out
    };
    let cleaned: String;
    let text = if text.chars().all(|c| kept(&c)) {
        text
    } else {
        cleaned = text.chars().filter(kept).collect();
        dropped = text.chars().count() - cleaned.chars().count();
        &cleaned
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut notes = Vec::new();
    let stem = file.file_stem().map_or("treaty".into(), |s| s.to_string_lossy().to_string());
    // The title: given, or the first line when it is no heading of a part.
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let (title, mut at) = match (title, first) {
        (Some(title), _) => (title.to_string(), 0),
        (None, Some(k)) if matches!(classify(lines[k]), Line::Text(_) | Line::Heading(_)) => {
            (lines[k].trim().trim_start_matches('#').trim().to_string(), k + 1)
        }
        _ => (stem.clone(), 0),
    };
    let mut entry = super::treaty(Name::from(slug(&stem)), clean(&title, &mut dropped).into());
    entry.summary = "A treaty.".into();
    let note = |notes: &mut Vec<Note>, line: usize, message: String| {
        notes.push(Note { file: file.to_path_buf(), line: line as u32 + 1, column: 1, message });
    };
    // Where the text being read goes.
    enum Into {
        Preamble,
        Article,
        Annex,
    }
    let mut into = Into::Preamble;
    // The divisions open, outermost first: their kind and the chapter being filled; and the
    // labels used among the articles and among the divisions of the treaty (first) and of
    // each division open.
    let mut open: Vec<(usize, ChapterDoc)> = Vec::new();
    let mut labels: Vec<(Labels, Labels)> = vec![Default::default()];
    let mut article: Option<ArticleDoc> = None;
    let mut paragraph: Vec<&str> = Vec::new();
    // How far the list item being read is indented, kept before its text until its level
    // is found.
    let mut indent: Option<usize> = None;
    let mut finals = false;
    // Ends the paragraph being read, putting it where the text goes.
    macro_rules! end_paragraph {
        () => {
            if !paragraph.is_empty() {
                let mut text = clean(&paragraph.join(" "), &mut dropped);
                paragraph.clear();
                if let Some(width) = indent.take() {
                    text.insert_str(0, &" ".repeat(width));
                }
                match into {
                    Into::Preamble => entry.preamble.push(text),
                    Into::Article => article.get_or_insert_with(|| blank_article(None)).text.push(text),
                    Into::Annex => {
                        if let Some(annex) = entry.annexes.last_mut() {
                            annex.text.push(text)
                        }
                    }
                }
            }
        };
    }
    // Puts the article being read in the innermost open division, or the treaty.
    macro_rules! end_article {
        () => {
            end_paragraph!();
            if let Some(mut done) = article.take() {
                let siblings = match open.last_mut() {
                    Some((_, chapter)) => &mut chapter.articles,
                    None => &mut entry.articles,
                };
                // Text under a heading before any article is an article labelled by its place.
                if done.label.is_none() {
                    let label = format!("({})", siblings.len() + 1);
                    let message = format!("text before the first article here: an article labelled {label}");
                    notes.push(Note { file: file.to_path_buf(), line: at as u32 + 1, column: 1, message });
                    done.label = Some(label.into());
                }
                if let Some(label) = done.label.clone()
                    && let Some((used, _)) = labels.last_mut()
                {
                    let unique = used.unique(&label);
                    if unique != label.as_str() {
                        let message = format!("a second article labelled {label} here: labelled {unique}");
                        notes.push(Note { file: file.to_path_buf(), line: at as u32 + 1, column: 1, message });
                        done.label = Some(unique.into());
                    }
                }
                siblings.push(done);
            }
        };
    }
    // Closes the open divisions down to (and not including) one of kind `kind`; a label
    // its siblings have already is given the number of its use ("A (2)"), and said.
    let close = |open: &mut Vec<(usize, ChapterDoc)>,
                 labels: &mut Vec<(Labels, Labels)>,
                 entry: &mut EntryDoc,
                 kind: usize,
                 notes: &mut Vec<Note>| {
        while open.last().is_some_and(|(k, _)| *k >= kind) {
            let Some((_, mut done)) = open.pop() else { break };
            labels.pop();
            let siblings = match open.last_mut() {
                Some((_, outer)) => &mut outer.chapters,
                None => &mut entry.chapters,
            };
            let Some((_, used)) = labels.last_mut() else { break };
            let unique = used.unique(&done.label);
            if unique != done.label.as_str() {
                let message = format!("a second division labelled {} here: labelled {unique}", done.label);
                notes.push(Note { file: file.to_path_buf(), line: 1, column: 1, message });
                done.label = unique.into();
            }
            siblings.push(done);
        }
    };
    while at < lines.len() {
        let line = lines[at];
        match classify(line) {
            Line::Blank => end_paragraph!(),
            Line::Article(label, heading) if !finals => {
                end_article!();
                let mut heading = heading.to_string();
                // A heading on the line after the number: short, and not a sentence.
                if heading.is_empty()
                    && let Some(next) = lines.get(at + 1)
                    && is_heading_line(next)
                    && lines.get(at + 2).is_some_and(|after| !after.trim().is_empty() || at + 3 < lines.len())
                {
                    heading = next.trim().to_string();
                    at += 1;
                }
                let mut new = blank_article(Some(label));
                new.heading = clean(&heading, &mut dropped).into();
                article = Some(new);
                into = Into::Article;
            }
            Line::Division(..) | Line::Heading(_) if !finals => {
                let (kind, label, title) = match classify(line) {
                    Line::Division(kind, label, title) => (kind, label, title),
                    Line::Heading(text) => {
                        notes.push(Note {
                            file: file.to_path_buf(),
                            line: at as u32 + 1,
                            column: 1,
                            message: format!("a heading of no kind known: read as a chapter labelled {text:?}"),
                        });
                        (2, text.to_string(), "")
                    }
                    _ => (2, line.trim().to_string(), ""),
                };
                end_article!();
                close(&mut open, &mut labels, &mut entry, kind, &mut notes);
                let mut title = title.to_string();
                if title.is_empty()
                    && let Some(next) = lines.get(at + 1)
                    && is_heading_line(next)
                    && !matches!(classify(next), Line::Article(..) | Line::Division(..))
                {
                    title = next.trim().to_string();
                    at += 1;
                }
                let chapter = ChapterDoc {
                    label: label.into(),
                    title: clean(&title, &mut dropped).into(),
                    division: (DIVISIONS[kind] != "Chapter").then(|| DIVISIONS[kind].into()),
                    articles: Vec::new(),
                    chapters: Vec::new(),
                };
                open.push((kind, chapter));
                labels.push(Default::default());
                into = Into::Article;
            }
            Line::Annex(title) => {
                end_article!();
                close(&mut open, &mut labels, &mut entry, 0, &mut notes);
                entry.annexes.push(super::annex(clean(title, &mut dropped).into(), Vec::new()));
                into = Into::Annex;
                finals = false;
            }
            Line::Final(_) if !finals && !matches!(into, Into::Annex) => {
                end_article!();
                close(&mut open, &mut labels, &mut entry, 0, &mut notes);
                entry.annexes.push(super::annex("Final clauses".into(), Vec::new()));
                into = Into::Annex;
                finals = true;
                paragraph.push(line.trim());
            }
            Line::Text(text) | Line::Final(text) => {
                // A list item begins a paragraph of its own.
                if list_marker(text).is_some() {
                    end_paragraph!();
                    indent = Some(
                        line.chars().take_while(|c| c.is_whitespace()).map(|c| if c == '\t' { 4 } else { 1 }).sum(),
                    );
                }
                paragraph.push(text.trim());
            }
            Line::Article(..) | Line::Division(..) | Line::Heading(_) => paragraph.push(line.trim()),
        }
        at += 1;
    }
    end_article!();
    close(&mut open, &mut labels, &mut entry, 0, &mut notes);
    if entry.articles.is_empty() && entry.chapters.is_empty() {
        // A long text without a single heading is likely no treaty, or one whose headings
        // are written in a way not read here: said rather than made one huge article.
        if text.len() > NO_HEADINGS_MOST {
            let size = text.len() >> 20;
            return Err(super::refusal(
                file,
                1,
                1,
                &format!(
                    "{size} MiB of text without one heading (\"Article 1\", \"CHAPTER II\", \"# …\"): is it a treaty? Mark its articles, or split it"
                ),
            ));
        }
        note(&mut notes, 0, "no article heading (\"Article 1\") found: the whole text is one article".into());
        let text = std::mem::take(&mut entry.preamble);
        let mut only = blank_article(Some("1".into()));
        only.text = if text.is_empty() { vec![String::new()] } else { text };
        entry.articles.push(only);
    }
    for annex in entry.annexes.iter_mut().filter(|a| a.text.is_empty()) {
        annex.text.push(String::new());
        let message = format!("{} has no text", annex.title);
        notes.push(Note { file: file.to_path_buf(), line: 1, column: 1, message });
    }
    for article in all_articles(&mut entry) {
        if article.text.is_empty() {
            article.text.push(String::new());
        }
        levels(&mut article.text);
    }
    levels(&mut entry.preamble);
    for annex in &mut entry.annexes {
        levels(&mut annex.text);
    }
    let mut read = Read::default();
    super::signed_as_final_clauses_say(&mut entry, &mut read.events);
    if dropped > 0 {
        note(&mut notes, 0, format!("{dropped} control characters left out of the text"));
    }
    read.entries.push(entry);
    read.notes = notes;
    Ok(read)
}

fn blank_article(label: Option<String>) -> ArticleDoc {
    ArticleDoc {
        number: None,
        label: label.map(Name::from),
        heading: Name::default(),
        text: Vec::new(),
        notes: Vec::new(),
        links: Vec::new(),
        parallels: Vec::new(),
        anchor: None,
    }
}

/// Every article of `entry`, in chapters or not.
fn all_articles(entry: &mut EntryDoc) -> Vec<&mut ArticleDoc> {
    fn within<'a>(chapters: &'a mut [ChapterDoc], out: &mut Vec<&'a mut ArticleDoc>) {
        for chapter in chapters {
            out.extend(chapter.articles.iter_mut());
            within(&mut chapter.chapters, out);
        }
    }
    let mut out: Vec<&mut ArticleDoc> = entry.articles.iter_mut().collect();
    within(&mut entry.chapters, &mut out);
    out
}

/// What `line` is.
fn classify(line: &str) -> Line<'_> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Line::Blank;
    }
    let unmarked = trimmed.trim_start_matches('#').trim();
    let markdown = unmarked.len() < trimmed.len();
    if unmarked.is_empty() {
        // A line of `#` alone divides nothing.
        return Line::Blank;
    }
    let (word, rest) = unmarked.split_once(char::is_whitespace).unwrap_or((unmarked, ""));
    let word_folded = word.trim_end_matches('.').to_lowercase();
    let rest = rest.trim();
    if matches!(word_folded.as_str(), "article" | "art")
        && let Some((label, heading)) = label_and_heading(rest)
    {
        return Line::Article(label, heading);
    }
    if let Some(kind) = DIVISIONS.iter().position(|d| d.eq_ignore_ascii_case(&word_folded))
        && let Some((label, title)) = label_and_heading(rest)
    {
        return Line::Division(kind, label, title);
    }
    let upper_word = word.chars().all(|c| !c.is_lowercase());
    if matches!(word_folded.as_str(), "annex" | "protocol" | "schedule" | "appendix")
        && (upper_word || markdown || rest.split_whitespace().count() <= 3)
    {
        return Line::Annex(unmarked);
    }
    let folded = unmarked.to_lowercase();
    if folded.starts_with("in witness whereof")
        || folded.starts_with("done at ")
        || folded.starts_with("done in ")
        || folded.starts_with("done on ")
        || folded.starts_with("done this ")
    {
        return Line::Final(unmarked);
    }
    if markdown {
        return Line::Heading(unmarked);
    }
    Line::Text(line)
}

/// A label ("3", "IV", "30.8", "3 bis", "A") and what follows it on the line, after a dash,
/// colon or full stop.
fn label_and_heading(rest: &str) -> Option<(String, &str)> {
    let (first, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let first = first.trim_end_matches(['.', ':', '—', '–', '-']);
    let numbered = !first.is_empty()
        && (first.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-')
            && first.chars().next().is_some_and(|c| c.is_ascii_digit())
            || is_roman(first)
            || (first.len() == 1 && first.chars().all(|c| c.is_ascii_uppercase())));
    if !numbered {
        return None;
    }
    let mut label = first.to_string();
    let mut after = after.trim();
    for suffix in ["bis", "ter", "quater", "quinquies"] {
        if let Some(rest) =
            after.strip_prefix(suffix).filter(|r| r.is_empty() || r.starts_with([' ', '.', ':', '—', '–', '-']))
        {
            label = format!("{label} {suffix}");
            after = rest.trim();
        }
    }
    // What follows is a heading when a dash, colon or full stop sets it off, or when it
    // begins with a capital and is no sentence ("Article 3 Bases", not "Article 3 applies").
    let set_off = after.starts_with(['.', ':', '—', '–', '-'])
        || rest.split_whitespace().next().is_some_and(|w| w.ends_with(['.', ':']));
    let heading = after.trim_start_matches(['.', ':', '—', '–', '-']).trim();
    let capital = heading.chars().next().is_some_and(char::is_uppercase) && !heading.ends_with('.');
    (heading.is_empty() || set_off || capital).then_some((label, heading))
}

/// Whether `word` is a Roman numeral in capitals (I to MMM…).
fn is_roman(word: &str) -> bool {
    !word.is_empty() && word.len() <= 12 && word.chars().all(|c| "IVXLCDM".contains(c))
}

/// Whether `line` reads as a heading rather than a sentence: short, not ending as a clause does.
fn is_heading_line(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty()
        && trimmed.split_whitespace().count() <= 10
        && !trimmed.ends_with(['.', ';', ',', ':'])
        && list_marker(trimmed).is_none()
        && matches!(classify(trimmed), Line::Text(_))
}

/// The kind of list marker `text` begins with, where it is a list item as a corpus knows
/// one: Roman numerals in brackets, a letter, a number, a bullet or dash, numbers joined by
/// dots, capitals, another.
fn list_marker(text: &str) -> Option<u8> {
    let text = text.trim_start();
    if !crate::read::is_list_item(text) {
        return None;
    }
    let marker = text.split_once(' ').map_or(text, |(m, _)| m);
    let inner = marker.strip_prefix('(').unwrap_or(marker).trim_end_matches([')', '.']);
    let roman = !inner.is_empty() && inner.chars().all(|c| "ivxl".contains(c));
    Some(match inner {
        _ if marker.starts_with('(') && roman => 2,
        _ if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()) => 1,
        _ if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) => 3,
        _ if matches!(marker, "•" | "-" | "–" | "—" | "*" | "·") => 4,
        _ if inner.contains('.') => 5,
        _ if inner.chars().all(|c| c.is_ascii_uppercase()) => 6,
        _ => 7,
    })
}

/// Whether `paragraph` is a list item.
pub fn is_list_item(paragraph: &str) -> bool {
    list_marker(paragraph).is_some()
}

/// The list items of `paragraphs` given their levels, each written with the spaces that
/// indented it in the text: where the items are indented differently, each depth of
/// indentation (two columns or more apart) a level; otherwise each kind of marker, in the
/// order the text first uses it, a level deeper. At most four levels, written as two spaces
/// a level.
pub(crate) fn levels(paragraphs: &mut [String]) {
    let widths: Vec<Option<usize>> =
        paragraphs.iter().map(|p| list_marker(p.trim_start()).map(|_| p.len() - p.trim_start().len())).collect();
    for paragraph in paragraphs.iter_mut() {
        let width = paragraph.len() - paragraph.trim_start().len();
        paragraph.drain(..width);
    }
    let mut depths: Vec<usize> = widths.iter().flatten().copied().collect();
    depths.sort_unstable();
    depths.dedup_by(|deeper, shallower| *deeper < *shallower + 2);
    let mut kinds: Vec<u8> = Vec::new();
    for (paragraph, width) in paragraphs.iter_mut().zip(widths) {
        let (Some(width), Some(kind)) = (width, list_marker(paragraph)) else { continue };
        let level = if depths.len() > 1 {
            depths.iter().rposition(|&d| d <= width).unwrap_or(0)
        } else {
            match kinds.iter().position(|&k| k == kind) {
                Some(level) => level,
                None => {
                    kinds.push(kind);
                    kinds.len() - 1
                }
            }
        };
        if level > 0 {
            *paragraph = format!("{}{paragraph}", "  ".repeat(level.min(3)));
        }
    }
}

/// The place and date of "Done at PLACE on/this DATE" (or "Done in duplicate at PLACE",
/// "Done on DATE"), where the date is written with digits for the day and year ("5 October
/// 1939", "October 5, 1939", "the 19th day of February 2009").
pub(crate) fn done_at(text: &str) -> Option<(Option<String>, Option<String>)> {
    let rest = &text[find(text, "done ")? + "done ".len()..];
    let (place, after) = match find(rest, "at ") {
        Some(k) if (k == 0 || rest[..k].ends_with(' ')) && rest[..k].split_whitespace().count() <= 3 => {
            let rest = &rest[k + "at ".len()..];
            let end = rest.find([',', ';']).unwrap_or(rest.len()).min(find(rest, " on ").unwrap_or(rest.len()));
            let place = rest[..end].trim().trim_end_matches('.').to_string();
            // A blank left to be filled in ("at ________") is no place.
            let sound = place.chars().any(char::is_alphabetic) && place.split_whitespace().count() <= 4;
            (sound.then_some(place), &rest[end..])
        }
        _ => (None, rest),
    };
    let date = date_in(after);
    (place.is_some() || date.is_some()).then_some((place, date))
}

/// Where `needle` (ASCII) first stands in `text`, its case aside.
fn find(text: &str, needle: &str) -> Option<usize> {
    text.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The first date written as "5 October 1939" or "October 5, 1939" in `text`, as our dates
/// are written ("1939-10-05").
fn date_in(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    for (k, word) in words.iter().enumerate() {
        let Some(month) = MONTHS.iter().position(|m| word.trim_end_matches('.') == *m) else { continue };
        let number = |w: Option<&String>| -> Option<u32> {
            w?.trim_end_matches(['.', ',']).trim_end_matches(|c: char| c.is_alphabetic()).parse().ok()
        };
        let before = |back: usize| k.checked_sub(back).and_then(|p| words.get(p));
        let day_of = (before(1).map(String::as_str) == Some("of") && before(2).map(String::as_str) == Some("day"))
            .then(|| number(before(3)))
            .flatten();
        let (day, year) = match (number(before(1)).or(day_of), number(words.get(k + 1))) {
            (Some(day), Some(year)) if year > 31 => (day, year),
            (_, Some(day)) if day <= 31 => (day, number(words.get(k + 2))?),
            _ => continue,
        };
        let date = format!("{year:04}-{:02}-{day:02}", month + 1);
        if crate::model::Date::parse(&date).is_ok() {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_in_the_forms_treaties_print() {
        assert_eq!(classify("Article 1"), Line::Article("1".into(), ""));
        assert_eq!(classify("ARTICLE 1."), Line::Article("1".into(), ""));
        assert_eq!(classify("Article IV — Bases"), Line::Article("IV".into(), "Bases"));
        assert_eq!(classify("Art. 3 bis"), Line::Article("3 bis".into(), ""));
        assert_eq!(classify("Article 30.8: Authentic Texts"), Line::Article("30.8".into(), "Authentic Texts"));
        assert_eq!(classify("CHAPTER II"), Line::Division(2, "II".into(), ""));
        assert_eq!(classify("PART III — Trade in Goods"), Line::Division(0, "III".into(), "Trade in Goods"));
        assert_eq!(classify("Section A"), Line::Division(3, "A".into(), ""));
        assert_eq!(classify("## Article 2"), Line::Article("2".into(), ""));
        assert_eq!(classify("ANNEX I"), Line::Annex("ANNEX I"));
        assert_eq!(classify("IN WITNESS WHEREOF the undersigned"), Line::Final("IN WITNESS WHEREOF the undersigned"));
        // Sentences that begin with those words are text.
        assert!(matches!(classify("Article 3 applies to the bases."), Line::Text(_)));
        assert!(matches!(classify("Part of the territory is leased."), Line::Text(_)));
        assert!(matches!(classify("The article says so."), Line::Text(_)));
    }

    #[test]
    fn signing_place_and_date_are_read_where_they_parse() {
        assert_eq!(
            done_at("Done at Moscow on 5 October 1939, in two copies."),
            Some((Some("Moscow".into()), Some("1939-10-05".into())))
        );
        assert_eq!(
            done_at("DONE at Geneva, this 19th day of February 2009."),
            Some((Some("Geneva".into()), Some("2009-02-19".into())))
        );
        assert_eq!(
            done_at("Done at Tallinn, September 28, 1939."),
            Some((Some("Tallinn".into()), Some("1939-09-28".into())))
        );
        assert_eq!(
            done_at("Done in duplicate at İstanbul on 3 March 1924."),
            Some((Some("İstanbul".into()), Some("1924-03-03".into())))
        );
        assert_eq!(done_at("Done on 14 June 2001."), Some((None, Some("2001-06-14".into()))));
        assert_eq!(done_at("İİ DONE at x"), Some((Some("x".into()), None)));
        assert_eq!(done_at("Nothing here."), None);
        assert_eq!(done_at("Done in duplicate at ______, this ____ day of ______ 2013, in English."), None);
    }

    #[test]
    fn list_items_take_levels_by_their_markers() {
        let mut text: Vec<String> =
            ["For this Chapter:", "(a) goods;", "(i) new;", "(ii) used;", "(b) services."].map(String::from).to_vec();
        levels(&mut text);
        assert_eq!(text, ["For this Chapter:", "(a) goods;", "  (i) new;", "  (ii) used;", "(b) services."]);
        // Indented items take their levels from their indentation, whatever their markers.
        let mut text: Vec<String> =
            ["(i) one:", "    (i) its first;", "   (ii) its second;", "(ii) two."].map(String::from).to_vec();
        levels(&mut text);
        assert_eq!(text, ["(i) one:", "  (i) its first;", "  (ii) its second;", "(ii) two."]);
    }
}
