//! A corpus's treaties written in the shapes they are published in, one file a treaty, for
//! round trips that `import` must read back: ToTA's XML, Akoma Ntoso, plain text. Links are
//! left out (their words stay); what else a shape cannot hold is said at each writer.

use std::fmt::Write;

use crate::model::{Clause, ClauseLabel, Corpus, Entry, date::Precision};

/// The day a treaty was signed, as ISO 8601 (`2001-06-14`) and as shown (`14 June 2001`),
/// where it is known to the day.
fn signed(entry: &Entry) -> Option<(String, String)> {
    let when = entry.dates.filter(|d| d.start.precision == Precision::Day)?;
    let day = when.start.first;
    Some((format!("{:04}-{:02}-{:02}", day.year, day.month, day.day), when.start.to_string()))
}

/// The treaty's text as ToTA's XML, in the shape its files have (parties as
/// `partyisocode`, numbers written "CHAPTER 3", "ARTICLE 3.1", the collection's keys beside
/// them, paragraphs set apart by blank lines): what ToTA cannot hold is left out (annexes,
/// notes, divisions within divisions: an article stands in its innermost one, list levels).
pub fn tota(corpus: &Corpus, entry: &Entry) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<treaty>\n  <meta>\n");
    let _ = writeln!(out, "    <name>{}</name>", escape(&entry.title));
    out.push_str("    <type>FTA</type>\n");
    if let Some(signing) = &entry.signing {
        out.push_str("    <parties_original>\n");
        for (n, &party) in signing.parties.iter().enumerate() {
            let code = escape(&corpus.entries[party].id);
            let _ = writeln!(out, "      <partyisocode n=\"{}\">{code}</partyisocode>", n + 1);
        }
        out.push_str("    </parties_original>\n");
    }
    if let Some((day, _)) = signed(entry) {
        let _ = writeln!(out, "    <date_signed>{day}</date_signed>");
    }
    if let Some(language) = &entry.language {
        let _ = writeln!(out, "    <language>{}</language>", escape(language));
    }
    // Versions of one agreement share its WTO RTA id: that of the original.
    let original = entry.translation_of.map_or(entry, |k| &corpus.entries[k]);
    if corpus.find(&entry.id).is_some_and(|k| !corpus.versions(k).is_empty()) {
        let _ = writeln!(out, "    <wto_rta_id>{}</wto_rta_id>", escape(&original.id));
    }
    out.push_str("  </meta>\n  <body>\n");
    let paragraphs = |clause: &crate::model::Clause| -> String {
        clause.text.iter().map(|t| escape(t.plain.trim())).collect::<Vec<_>>().join("\n\n        ")
    };
    let mut open: Option<Option<u32>> = None;
    // The collection's own keys, one for each chapter and article.
    let mut keys = 1;
    for clause in entry.clauses.iter() {
        let label = match &clause.label {
            ClauseLabel::Preamble => {
                let _ = writeln!(
                    out,
                    "    <chapter number=\"preamble\" name=\"Preamble\">\n      <article number=\"\" name=\"\">{}</article>\n    </chapter>",
                    paragraphs(clause)
                );
                continue;
            }
            ClauseLabel::Annex(_) => continue,
            ClauseLabel::Article(label) => label,
        };
        if open != Some(clause.chapter) {
            if open.is_some() {
                out.push_str("    </chapter>\n");
            }
            let chapter = clause.chapter.and_then(|k| entry.chapters.get(k as usize));
            let (number, name) = chapter.map_or(("", ""), |c| (c.label.as_str(), c.title.as_str()));
            let number = if number.is_empty() { String::new() } else { format!("CHAPTER {}", escape(number)) };
            let _ = writeln!(
                out,
                "    <chapter number=\"{number}\" name=\"{}\" chapter_identifier=\"{}\">",
                escape(name),
                keys
            );
            keys += 1;
            open = Some(clause.chapter);
        }
        let _ = writeln!(
            out,
            "      <article number=\"ARTICLE {}\" name=\"{}\" article_identifier=\"{keys}\">{}</article>",
            escape(label),
            escape(&clause.heading),
            paragraphs(clause)
        );
        keys += 1;
    }
    if open.is_some() {
        out.push_str("    </chapter>\n");
    }
    out.push_str("  </body>\n</treaty>\n");
    out
}

/// `text` with the characters XML gives a meaning escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The treaty's text as Akoma Ntoso 3.0: an `act` with its FRBR metadata (one work for all
/// versions of a treaty, each version's master expression the original), the parties in the
/// preface, divisions and articles with their numbered points, the place, date and
/// signatories in the conclusions, and the annexes as attached documents. Notes are left out.
pub fn akn(corpus: &Corpus, entry: &Entry) -> String {
    let original = entry.translation_of.map_or(entry, |k| &corpus.entries[k]);
    let work = format!("/akn/int/act/{}", escape(&original.id));
    let expression = |e: &Entry| format!("{work}/{}@", escape(e.language.as_deref().unwrap_or("und")));
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">\n  <act name=\"treaty\">\n    <meta>\n      <identification source=\"#treaty-tui\">\n        <FRBRWork>\n",
    );
    let _ = writeln!(out, "          <FRBRthis value=\"{work}/!main\"/>\n          <FRBRuri value=\"{work}\"/>");
    if let Some((day, _)) = signed(entry) {
        let _ = writeln!(out, "          <FRBRdate date=\"{day}\" name=\"signature\"/>");
    }
    out.push_str("          <FRBRauthor href=\"#treaty-tui\"/>\n");
    // A treaty between parties is international; one of none names no country, for its
    // country would be read as its party.
    if entry.signing.as_deref().is_some_and(|s| !s.parties.is_empty()) {
        out.push_str("          <FRBRcountry value=\"int\"/>\n");
    }
    out.push_str("        </FRBRWork>\n        <FRBRExpression>\n");
    let _ = writeln!(out, "          <FRBRuri value=\"{}\"/>", expression(entry));
    if entry.translation_of.is_some() {
        let _ = writeln!(out, "          <FRBRmasterExpression href=\"{}\"/>", expression(original));
    }
    if let Some(language) = &entry.language {
        let _ = writeln!(out, "          <FRBRlanguage language=\"{}\"/>", escape(language));
    }
    out.push_str("        </FRBRExpression>\n      </identification>\n");
    let signing = entry.signing.as_deref();
    if let Some(signing) = signing.filter(|s| !s.signatories.is_empty()) {
        out.push_str("      <references source=\"#treaty-tui\">\n");
        for &person in signing.signatories.iter() {
            let person = &corpus.entries[person];
            let (id, title) = (escape(&person.id), escape(&person.title));
            let _ =
                writeln!(out, "        <TLCPerson eId=\"{id}\" href=\"/ontology/person/{id}\" showAs=\"{title}\"/>");
        }
        out.push_str("      </references>\n");
    }
    out.push_str("    </meta>\n    <preface>\n");
    let _ = writeln!(out, "      <longTitle><p>{}</p></longTitle>", escape(&entry.summary.plain));
    let _ = writeln!(out, "      <p class=\"title\"><docTitle>{}</docTitle></p>", escape(&entry.title));
    if let Some(signing) = signing.filter(|s| !s.parties.is_empty()) {
        let parties: Vec<String> = signing
            .parties
            .iter()
            .map(|&p| {
                let party = &corpus.entries[p];
                format!("<party refersTo=\"#{}\">{}</party>", escape(&party.id), escape(&party.title))
            })
            .collect();
        let _ = writeln!(out, "      <p>Between {}</p>", parties.join(" and "));
    }
    out.push_str("    </preface>\n");
    if let Some(preamble) = entry.clauses.iter().find(|c| c.label == ClauseLabel::Preamble) {
        out.push_str("    <preamble>\n");
        paragraphs(&mut out, preamble, 3);
        out.push_str("    </preamble>\n");
    }
    out.push_str("    <body>\n");
    // The divisions open, innermost last.
    let mut open: Vec<u32> = Vec::new();
    for clause in entry.clauses.iter() {
        let ClauseLabel::Article(label) = &clause.label else { continue };
        let mut path: Vec<u32> =
            std::iter::successors(clause.chapter, |&k| entry.chapters[k as usize].parent).collect();
        path.reverse();
        let kept = open.iter().zip(&path).take_while(|(a, b)| a == b).count();
        while open.len() > kept {
            let k = open.pop().unwrap_or_default();
            let _ = writeln!(
                out,
                "{}</{}>",
                "  ".repeat(open.len() + 3),
                division_tag(&entry.chapters[k as usize].division).0
            );
        }
        for &k in &path[kept..] {
            let chapter = &entry.chapters[k as usize];
            let (tag, name) = division_tag(&chapter.division);
            let indent = "  ".repeat(open.len() + 3);
            let name = name.map_or(String::new(), |n| format!(" name=\"{}\"", escape(n)));
            let _ = writeln!(
                out,
                "{indent}<{tag}{name}>\n{indent}  <num>{} {}</num>\n{indent}  <heading>{}</heading>",
                escape(&chapter.division),
                escape(&chapter.label),
                escape(&chapter.title)
            );
            open.push(k);
        }
        let indent = open.len() + 3;
        let pad = "  ".repeat(indent);
        let _ = writeln!(out, "{pad}<article>\n{pad}  <num>Article {}</num>", escape(label));
        if !clause.heading.is_empty() {
            let _ = writeln!(out, "{pad}  <heading>{}</heading>", escape(&clause.heading));
        }
        paragraphs(&mut out, clause, indent + 1);
        let _ = writeln!(out, "{pad}</article>");
    }
    while let Some(k) = open.pop() {
        let _ =
            writeln!(out, "{}</{}>", "  ".repeat(open.len() + 3), division_tag(&entry.chapters[k as usize].division).0);
    }
    out.push_str("    </body>\n");
    let day = signed(entry);
    let at = signing.and_then(|s| s.at.as_deref());
    if at.is_some() || day.is_some() || signing.is_some_and(|s| !s.signatories.is_empty()) {
        out.push_str("    <conclusions>\n      <p>Done");
        if let Some(at) = at {
            let _ = write!(out, " at <location>{}</location>", escape(at));
        }
        if let Some((iso, shown)) = &day {
            let _ = write!(out, " on <date date=\"{iso}\">{}</date>", escape(shown));
        }
        out.push_str(".</p>\n");
        for &person in signing.map_or(&[][..], |s| &s.signatories) {
            let person = &corpus.entries[person];
            let _ = writeln!(
                out,
                "      <p><signature><person refersTo=\"#{}\">{}</person></signature></p>",
                escape(&person.id),
                escape(&person.title)
            );
        }
        out.push_str("    </conclusions>\n");
    }
    let annexes: Vec<&Clause> = entry.clauses.iter().filter(|c| matches!(c.label, ClauseLabel::Annex(_))).collect();
    if !annexes.is_empty() {
        out.push_str("    <attachments>\n");
        for annex in annexes {
            let ClauseLabel::Annex(title) = &annex.label else { continue };
            let _ = writeln!(
                out,
                "      <attachment>\n        <doc name=\"annex\">\n          <preface><p><docTitle>{}</docTitle></p></preface>\n          <mainBody>",
                escape(title)
            );
            paragraphs(&mut out, annex, 6);
            out.push_str("          </mainBody>\n        </doc>\n      </attachment>\n");
        }
        out.push_str("    </attachments>\n");
    }
    out.push_str("  </act>\n</akomaNtoso>\n");
    out
}

/// The element a division is written as, and the name an `hcontainer` carries.
fn division_tag(division: &str) -> (&'static str, Option<&str>) {
    const TAGS: [&str; 8] = ["part", "title", "chapter", "section", "book", "subpart", "subchapter", "subtitle"];
    match TAGS.iter().find(|t| t.eq_ignore_ascii_case(division)) {
        Some(tag) => (tag, None),
        None => ("hcontainer", Some(division)),
    }
}

/// The paragraphs of `clause` as Akoma Ntoso, `indent` levels in: a list item a `point`
/// with its marker as its `num`, holding the items a level below it; any other paragraph a
/// `paragraph` of its own.
fn paragraphs(out: &mut String, clause: &Clause, indent: usize) {
    let items: Vec<(Option<u8>, &str)> = clause
        .text
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let plain = t.plain.trim();
            (super::text::is_list_item(plain).then(|| clause.level(k).saturating_sub(1)), plain)
        })
        .collect();
    // The points open, by level.
    let mut open: usize = 0;
    for (k, &(level, plain)) in items.iter().enumerate() {
        let close_to = |out: &mut String, open: &mut usize, to: usize| {
            while *open > to {
                *open -= 1;
                let _ = writeln!(out, "{}</point>", "  ".repeat(indent + *open));
            }
        };
        let Some(level) = level else {
            close_to(out, &mut open, 0);
            let _ = writeln!(
                out,
                "{}<paragraph><content><p>{}</p></content></paragraph>",
                "  ".repeat(indent),
                escape(plain)
            );
            continue;
        };
        let level = usize::from(level).min(open);
        close_to(out, &mut open, level);
        let (marker, rest) = plain.split_once(' ').unwrap_or((plain, ""));
        let pad = "  ".repeat(indent + open);
        let deeper = items.get(k + 1).is_some_and(|&(next, _)| next.is_some_and(|n| usize::from(n) > level));
        let _ = write!(out, "{pad}<point><num>{}</num>", escape(marker));
        if deeper {
            let _ = writeln!(out, "<intro><p>{}</p></intro>", escape(rest));
            open += 1;
        } else {
            let _ = writeln!(out, "<content><p>{}</p></content></point>", escape(rest));
        }
    }
    while open > 0 {
        open -= 1;
        let _ = writeln!(out, "{}</point>", "  ".repeat(indent + open));
    }
}

/// The treaty's text as plain text, in the forms treaties print: the title, the preamble,
/// "PART I — Title" and the like for divisions, "Article 3 bis — Heading", paragraphs
/// apart, list items indented two spaces a level, "ANNEX" for an annex whose title does not
/// say what it is, and "Done at PLACE on DATE." Parties, signatories, language and versions
/// are left out, as plain text has no place for them.
pub fn text(entry: &Entry) -> String {
    let mut out = format!("{}\n\n", entry.title);
    let mut printed: Vec<bool> = vec![false; entry.chapters.len()];
    let mut done = false;
    for clause in entry.clauses.iter() {
        if matches!(clause.label, ClauseLabel::Annex(_)) && !done {
            done = true;
            final_clauses(&mut out, entry);
        }
        match &clause.label {
            ClauseLabel::Preamble => {}
            ClauseLabel::Article(label) => {
                let mut path: Vec<u32> =
                    std::iter::successors(clause.chapter, |&k| entry.chapters[k as usize].parent).collect();
                path.reverse();
                for k in path {
                    if std::mem::replace(&mut printed[k as usize], true) {
                        continue;
                    }
                    let chapter = &entry.chapters[k as usize];
                    let _ = write!(out, "{} {}", chapter.division.to_uppercase(), chapter.label);
                    if !chapter.title.is_empty() {
                        let _ = write!(out, " — {}", chapter.title);
                    }
                    out.push_str("\n\n");
                }
                let _ = write!(out, "Article {label}");
                if !clause.heading.is_empty() {
                    let _ = write!(out, " — {}", clause.heading);
                }
                out.push_str("\n\n");
            }
            ClauseLabel::Annex(title) => {
                let named = ["annex", "protocol", "schedule", "appendix"]
                    .iter()
                    .any(|w| title.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w)));
                let _ = writeln!(out, "{}{title}\n", if named { "" } else { "ANNEX — " });
            }
        }
        for (k, paragraph) in clause.text.iter().enumerate() {
            let plain = paragraph.plain.trim();
            let level = usize::from(clause.level(k).saturating_sub(1));
            let indent = if super::text::is_list_item(plain) { "  ".repeat(level) } else { String::new() };
            let _ = writeln!(out, "{indent}{plain}\n");
        }
    }
    if !done {
        final_clauses(&mut out, entry);
    }
    out
}

/// "Done at PLACE on DATE.", where the treaty says either, before its annexes.
fn final_clauses(out: &mut String, entry: &Entry) {
    let at = entry.signing.as_deref().and_then(|s| s.at.as_deref());
    if at.is_some() || signed(entry).is_some() {
        out.push_str("Done");
        if let Some(at) = at {
            let _ = write!(out, " at {at}");
        }
        if let Some((_, shown)) = signed(entry) {
            let _ = write!(out, " on {shown}");
        }
        out.push_str(".\n\n");
    }
}
