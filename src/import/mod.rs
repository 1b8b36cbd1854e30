//! Treaties as they are published, read into a corpus in our format: the format of each
//! file found from its content (or named), each file read by its reader, and every mapping
//! decision that could not be made cleanly reported where it arose.

pub mod akn;
pub mod outline;
pub mod text;
pub mod tota;
pub mod write;
mod xml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::Name;
use crate::read::format::{AnnexDoc, CorpusDoc, EntryDoc, EventDoc};

/// The formats a treaty is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The XML of the Texts of Trade Agreements (`<treaty><meta>…</meta><body>…`)
    Tota,
    /// Akoma Ntoso 3.0 (OASIS LegalDocML)
    Akn,
    /// Plain text or Markdown, divided by headings ("Article 1", "CHAPTER II", `#`)
    Text,
}

/// The extensions of the published texts read through `import`.
pub const EXTENSIONS: [&str; 5] = ["xml", "akn", "txt", "md", "markdown"];

/// The largest file read (as a corpus file is).
pub const MOST_BYTES: u64 = crate::read::source::SIZE_CAP;

/// A decision the reader could not make cleanly: where in which file, and what it did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub file: PathBuf,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = crate::text::sanitize(&self.file.display().to_string());
        write!(f, "{file}:{}:{}: {}", self.line, self.column, crate::text::sanitize(&self.message))
    }
}

/// Why a file could not be read at all, and where.
pub type Refusal = Note;

/// What one file held: its treaties, the entries they name (parties), their events.
#[derive(Debug, Default)]
pub struct Read {
    pub entries: Vec<EntryDoc>,
    pub events: Vec<EventDoc>,
    pub notes: Vec<Note>,
    /// The file each entry came from, where files are gathered.
    pub sources: Vec<PathBuf>,
    /// The work the file's treaty is a version of, where its metadata says.
    pub work: Option<Work>,
    /// Whether each entry was written in our format (in a corpus file gathered with the
    /// others) rather than read from a published text.
    pub authored: Vec<bool>,
}

/// What a file's metadata says of the work its treaty is one version of, for versions in
/// several languages to be joined.
#[derive(Clone, Debug, Default)]
pub struct Work {
    /// What every version of the work has alike: the WTO RTA id, the FRBR work's URI.
    pub key: String,
    /// This version's own name (the FRBR expression's URI).
    pub expression: Option<String>,
    /// The version this one says it was translated from (an FRBR master expression).
    pub master: Option<String>,
}

/// The corpus read from `files`, each in `format` or the format its content shows, titled
/// `title` (or after the first treaty); and what could not be mapped cleanly.
pub fn import(
    files: &[PathBuf],
    format: Option<Format>,
    title: Option<&str>,
) -> Result<(CorpusDoc, Vec<Note>), Refusal> {
    let mut all = Read::default();
    let mut ids: HashMap<Name, usize> = HashMap::new();
    let mut works: Vec<(usize, Work)> = Vec::new();
    let mut sources: Vec<Name> = Vec::new();
    for (file, read) in files.iter().zip(read_all(files, format, title)) {
        match read? {
            Outcome::Corpus(doc) => {
                sources.extend(doc.sources);
                let read = Read {
                    entries: doc.entries.into_batches().into_iter().flatten().collect(),
                    events: doc.events.into_batches().into_iter().flatten().collect(),
                    ..Read::default()
                };
                merge(&mut all, &mut ids, read, file, true);
            }
            Outcome::Published(read) => {
                let work = read.work.clone();
                if let (Some(treaty), Some(work)) = (merge(&mut all, &mut ids, read, file, false), work) {
                    works.push((treaty, work));
                }
            }
        }
    }
    join_versions(&mut all, &works);
    let title: Name = match title {
        Some(title) => title.into(),
        None if all.entries.iter().filter(|e| e.kind == crate::model::Kind::Treaty).count() == 1 => all
            .entries
            .iter()
            .find(|e| e.kind == crate::model::Kind::Treaty)
            .map(|e| e.title.clone())
            .unwrap_or_default(),
        None => "Imported treaties".into(),
    };
    let corpus = CorpusDoc {
        title,
        description: String::new(),
        sources,
        text: None,
        entries: all.entries.into(),
        events: all.events.into(),
    };
    Ok((corpus, all.notes))
}

/// What one file held: a corpus in our format, or a published text read.
enum Outcome {
    Corpus(CorpusDoc),
    Published(Read),
}

/// Each of `files` read, in their order, on as many threads as there are cores (a file a
/// thread at a time).
fn read_all(files: &[PathBuf], format: Option<Format>, title: Option<&str>) -> Vec<Result<Outcome, Refusal>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len()).max(1);
    if threads == 1 {
        return files.iter().map(|file| read_one(file, format, title)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done: Vec<(usize, Result<Outcome, Refusal>)> = std::thread::scope(|scope| {
        // Each reader with the stack the main thread has, for deeply nested files.
        let workers: Vec<_> = (0..threads)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .stack_size(8 << 20)
                    .spawn_scoped(scope, || {
                        let mut mine = Vec::new();
                        loop {
                            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(file) = files.get(k) else { break };
                            mine.push((k, read_one(file, format, title)));
                        }
                        mine
                    })
                    .ok()
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    if done.is_empty() {
        // No thread could be started: read here, one file after another.
        return files.iter().map(|file| read_one(file, format, title)).collect();
    }
    // Each file's outcome in its place; one a reader never gave (it stopped) is a refusal.
    let mut read: Vec<Option<Result<Outcome, Refusal>>> = files.iter().map(|_| None).collect();
    for (k, outcome) in done {
        read[k] = Some(outcome);
    }
    read.into_iter()
        .zip(files)
        .map(|(outcome, file)| {
            outcome
                .unwrap_or_else(|| Err(refusal(file, 1, 1, "its reader stopped before it was read: import it alone")))
        })
        .collect()
}

/// What `file` holds: a corpus file (by its name or its first bytes), or a published text in
/// `format` or the format its content shows.
fn read_one(file: &Path, format: Option<Format>, title: Option<&str>) -> Result<Outcome, Refusal> {
    let named_ron = file.extension().is_some_and(|x| x.eq_ignore_ascii_case("ron"));
    let bytes = if named_ron { Vec::new() } else { read(file)? };
    if named_ron || looks_like_ron(&bytes) {
        return corpus_file(file).map(Outcome::Corpus);
    }
    let format = match format {
        Some(format) => format,
        None => detect(file, &bytes)?,
    };
    // Checked with SIMD first (a tenth of the import's time with the standard library's
    // check); the standard library says where, for a file that is not UTF-8.
    let text = simdutf8::basic::from_utf8(&bytes).or_else(|_| std::str::from_utf8(&bytes)).map_err(|e| {
        let (line, column) = line_column(&bytes, e.valid_up_to());
        refusal(file, line, column, "not UTF-8 text: save it as UTF-8, or name the format with --from")
    })?;
    let read = match format {
        Format::Tota => tota::read(file, text)?,
        Format::Text => text::read(file, text, title)?,
        Format::Akn => akn::read(file, text)?,
    };
    Ok(Outcome::Published(read))
}

/// Adds what `file` held (`authored` in our format, or read from a published text) to what
/// the files before it held. An entry a reader made whose id another of its kind has already
/// (a party named in two files) is kept once, the one written in a corpus file preferred;
/// any other entry whose id is taken gets one of its own, said at both places. Gives where
/// the file's first treaty now stands.
fn merge(all: &mut Read, ids: &mut HashMap<Name, usize>, read: Read, file: &Path, authored: bool) -> Option<usize> {
    all.notes.extend(read.notes);
    // The entries of this file given other ids: the old id, the new, and whether a treaty.
    let mut renamed: Vec<(Name, Name, bool)> = Vec::new();
    let first_new = all.entries.len();
    for mut entry in read.entries {
        if let Some(&other) = ids.get(&entry.id) {
            let alike = entry.kind != crate::model::Kind::Treaty && all.entries[other].kind == entry.kind;
            let other_authored = all.authored.get(other).copied().unwrap_or(false);
            if alike && !authored {
                continue;
            }
            if alike && !other_authored {
                all.entries[other] = entry;
                all.sources[other] = file.to_path_buf();
                all.authored[other] = true;
                continue;
            }
            let id = (2..).map(|k| Name::from(format!("{}-{k}", entry.id))).find(|id| !ids.contains_key(id));
            let id = id.unwrap_or_default();
            let first = all.sources.get(other).cloned().unwrap_or_default();
            all.notes.push(Note {
                file: file.to_path_buf(),
                line: 1,
                column: 1,
                message: format!("the id {} is taken already (by {}): this one is {id}", entry.id, first.display()),
            });
            if authored {
                all.notes.push(Note {
                    file: first,
                    line: 1,
                    column: 1,
                    message: format!(
                        "the id {} is used again in {}, whose entry is {id} (its links to {} lead here)",
                        entry.id,
                        file.display(),
                        entry.id
                    ),
                });
            }
            renamed.push((entry.id.clone(), id.clone(), entry.kind == crate::model::Kind::Treaty));
            entry.id = id;
        }
        ids.insert(entry.id.clone(), all.entries.len());
        all.entries.push(entry);
        all.sources.push(file.to_path_buf());
        all.authored.push(authored);
    }
    // What this file's treaties name (their parties) and its events concern (its
    // treaties), by the ids given here.
    let new_id =
        |id: &str, treaty: bool| renamed.iter().find(|(old, _, t)| old == id && *t == treaty).map(|r| r.1.to_string());
    for entry in &mut all.entries[first_new..] {
        for party in &mut entry.parties {
            if let Some(new) = new_id(party, false) {
                *party = new;
            }
        }
    }
    for mut event in read.events {
        for concerned in &mut event.concerns {
            if let Some(new) = new_id(concerned, true) {
                *concerned = new;
            }
        }
        all.events.push(event);
    }
    (first_new..all.entries.len()).find(|&k| all.entries[k].kind == crate::model::Kind::Treaty)
}

/// The treaties `works` says are versions of one work, joined: each names the original in
/// `translation_of`. The original is the version the others say they were translated from,
/// else the one in English, else the first read; versions in one language (or of none
/// given) are not joined, said.
fn join_versions(all: &mut Read, works: &[(usize, Work)]) {
    let mut keys: Vec<&str> = Vec::new();
    for (_, work) in works {
        if !keys.contains(&work.key.as_str()) {
            keys.push(&work.key);
        }
    }
    for key in keys {
        let group: Vec<&(usize, Work)> = works.iter().filter(|(_, w)| w.key == key).collect();
        if group.len() < 2 {
            continue;
        }
        let named = |(_, w): &&&(usize, Work)| {
            w.expression.as_ref().is_some_and(|e| group.iter().any(|(_, o)| o.master.as_ref() == Some(e)))
        };
        let english = |(k, _): &&&(usize, Work)| {
            all.entries[*k].language.as_deref().is_some_and(|l| l == "en" || l == "eng" || l.starts_with("en-"))
        };
        let original = group.iter().find(named).or_else(|| group.iter().find(english)).unwrap_or(&group[0]).0;
        let (original_id, original_language) =
            (all.entries[original].id.to_string(), all.entries[original].language.clone());
        for &&(k, _) in &group {
            if k == original {
                continue;
            }
            let language = all.entries[k].language.clone();
            let file = all.sources.get(k).cloned().unwrap_or_default();
            let message = match (&language, &original_language) {
                (Some(language), Some(other)) if language != other => {
                    all.entries[k].translation_of = Some(original_id.clone());
                    format!("read as the {language} version of {original_id} (both are {key})")
                }
                _ => format!(
                    "{original_id} is the same work ({key}) in the same language, or one not given: the two are not joined as versions"
                ),
            };
            all.notes.push(Note { file, line: 1, column: 1, message });
        }
    }
}

/// The files `paths` name: each file, and the corpus files and published texts within each
/// directory ([`within`]).
pub fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let found = within(path).map_err(|e| format!("cannot read the directory {}: {e}", path.display()))?;
        if found.is_empty() {
            return Err(format!(
                "{} is a directory with no corpus file (.ron) or published text (.xml, .akn, .txt, .md) in it",
                path.display()
            ));
        }
        files.extend(found);
    }
    Ok(files)
}

/// The corpus files (`.ron`) and published texts ([`EXTENSIONS`]) in directory `dir` (not
/// in the directories within it), in order of their names.
pub fn within(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let ours =
        |x: &std::ffi::OsStr| x.eq_ignore_ascii_case("ron") || EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e));
    // Named first, then known to be files: by the directory's own listing where it says (no
    // file looked at), by following the link where it is one.
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|entry| Path::new(&entry.file_name()).extension().is_some_and(ours))
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file() || (t.is_symlink() && entry.path().is_file())))
        .map(|entry| entry.path())
        .collect();
    found.sort();
    Ok(found)
}

/// The label in the number `num` of a provision called `name`: the word that names it
/// ("Article", "Art.", "Part", "§", or `name`) and a closing stop or colon left out, and a
/// number written in words as digits ("CHAPTER TWENTY THREE" → "23").
pub(crate) fn number(num: &str, name: &str) -> String {
    const WORDS: [&str; 20] = [
        "article",
        "art.",
        "art",
        "part",
        "chapter",
        "chap.",
        "title",
        "section",
        "sec.",
        "subpart",
        "book",
        "rule",
        "regulation",
        "reg.",
        "clause",
        "paragraph",
        "para.",
        "annex",
        "schedule",
        "§",
    ];
    let mut rest = num.trim();
    let name = name.to_lowercase();
    for word in std::iter::once(name.as_str()).chain(WORDS) {
        let Some(head) = rest.get(..word.len()) else { continue };
        let after = &rest[word.len()..];
        let ends = after.is_empty() || after.starts_with(char::is_whitespace) || word.ends_with(['.', '§']);
        if head.eq_ignore_ascii_case(word) && ends && !after.trim().is_empty() {
            rest = after.trim_start();
            break;
        }
    }
    let label = rest.trim_end_matches(['.', ':', '—', '–', '-']).trim();
    in_words(label).map_or_else(|| label.to_string(), |n| n.to_string())
}

/// The number `written` in English words ("TWENTY THREE", "twenty-three", "One hundred and
/// five"), or `None` when it is anything else.
fn in_words(written: &str) -> Option<u32> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    let (mut total, mut any) = (0u32, false);
    for word in written.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()) {
        let word = word.to_lowercase();
        if let Some(n) = ONES.iter().position(|one| *one == word) {
            total += n as u32;
        } else if let Some(n) = TENS.iter().position(|ten| *ten == word) {
            total += 20 + 10 * n as u32;
        } else if word == "hundred" && (1..10).contains(&total) {
            total *= 100;
        } else if word != "and" || !any {
            return None;
        }
        any = true;
    }
    any.then_some(total)
}

/// The labels used among siblings, as addresses compare them (case, spaces, hyphens and
/// underscores alike), for each new one to be made unique at once however many came before.
#[derive(Default)]
pub(crate) struct Labels {
    used: std::collections::HashSet<String>,
    /// For each label used more than once, the number its next use is tried with.
    next: HashMap<String, usize>,
}

impl Labels {
    /// `label`, or, where it is used already, the same with the number of its use: "5 (2)".
    pub(crate) fn unique(&mut self, label: &str) -> String {
        let key = |l: &str| l.to_lowercase().replace([' ', '-', '_'], "");
        let first = key(label);
        if self.used.insert(first.clone()) {
            return label.to_string();
        }
        let mut k = self.next.get(&first).copied().unwrap_or(2);
        loop {
            let candidate = format!("{label} ({k})");
            k += 1;
            if self.used.insert(key(&candidate)) {
                self.next.insert(first, k);
                return candidate;
            }
        }
    }
}

/// `written` as a language tag: a tag as it is ("en", "en-GB"), a three-letter code of a
/// language that has a two-letter one as that ("eng" → "en", as Akoma Ntoso writes them), or
/// the English name of a common language ("Spanish" → "es"); nothing where it is none.
pub(crate) fn language_tag(written: &str) -> Option<Name> {
    /// ISO 639-2 codes (both forms where there are two) and their ISO 639-1 codes.
    const CODES: [(&str, &str); 28] = [
        ("eng", "en"),
        ("fra", "fr"),
        ("fre", "fr"),
        ("spa", "es"),
        ("deu", "de"),
        ("ger", "de"),
        ("rus", "ru"),
        ("lav", "lv"),
        ("lit", "lt"),
        ("est", "et"),
        ("por", "pt"),
        ("ita", "it"),
        ("zho", "zh"),
        ("chi", "zh"),
        ("ara", "ar"),
        ("jpn", "ja"),
        ("pol", "pl"),
        ("fin", "fi"),
        ("swe", "sv"),
        ("nld", "nl"),
        ("dut", "nl"),
        ("ukr", "uk"),
        ("bel", "be"),
        ("dan", "da"),
        ("nor", "no"),
        ("ces", "cs"),
        ("cze", "cs"),
        ("hun", "hu"),
    ];
    const NAMES: [(&str, &str); 10] = [
        ("english", "en"),
        ("spanish", "es"),
        ("french", "fr"),
        ("portuguese", "pt"),
        ("german", "de"),
        ("russian", "ru"),
        ("chinese", "zh"),
        ("arabic", "ar"),
        ("japanese", "ja"),
        ("italian", "it"),
    ];
    let written = written.trim();
    if let Some((_, tag)) = NAMES.iter().find(|(name, _)| name.eq_ignore_ascii_case(written)) {
        return Some((*tag).into());
    }
    if !crate::read::is_language_tag(written) {
        return None;
    }
    let first = written.split('-').next().unwrap_or("").to_ascii_lowercase();
    let first = CODES.iter().find(|(long, _)| *long == first).map_or(first.as_str(), |(_, short)| short);
    Some(format!("{first}{}", &written[written.split('-').next().unwrap_or("").len()..]).into())
}

/// An event of treaty `entry` on `date`, titled by what happened: "… signed".
pub(crate) fn event(entry: &EntryDoc, date: String, what: &str) -> EventDoc {
    EventDoc {
        date,
        end: None,
        approximate: false,
        title: format!("{} {what}", entry.title).into(),
        text: String::new(),
        concerns: vec![entry.id.to_string()],
    }
}

/// An annex titled `title` holding the paragraphs `text`.
pub(crate) fn annex(title: Name, text: Vec<String>) -> AnnexDoc {
    AnnexDoc { title, text, notes: Vec::new(), links: Vec::new(), parallels: Vec::new() }
}

/// Where treaty `entry` was signed, as the "Done at PLACE on DATE" of its annex "Final
/// clauses" says; and when, with its event among `events`, where nothing gave the date before.
pub(crate) fn signed_as_final_clauses_say(entry: &mut EntryDoc, events: &mut Vec<EventDoc>) {
    let finals = entry.annexes.iter().find(|a| a.title == "Final clauses");
    let Some((place, date)) = finals.and_then(|finals| text::done_at(&finals.text.join(" "))) else { return };
    entry.signed_at = place.map(Name::from);
    if let Some(date) = date.filter(|_| entry.start.is_none()) {
        entry.start = Some(date.clone());
        events.push(event(entry, date, "signed"));
    }
}

/// A treaty with nothing but its id and title, for a reader to fill.
pub(crate) fn treaty(id: Name, title: Name) -> EntryDoc {
    EntryDoc {
        id,
        title,
        kind: crate::model::Kind::Treaty,
        aliases: Vec::new(),
        summary: String::new(),
        body: Vec::new(),
        start: None,
        end: None,
        in_force: None,
        sources: Vec::new(),
        published: Vec::new(),
        series: None,
        text: None,
        preamble: Vec::new(),
        articles: Vec::new(),
        chapters: Vec::new(),
        annexes: Vec::new(),
        signed_at: None,
        parties: Vec::new(),
        signatories: Vec::new(),
        language: None,
        translation_of: None,
    }
}

/// The bytes of `file`, no more than a corpus file may hold.
fn read(file: &Path) -> Result<Vec<u8>, Refusal> {
    let len = std::fs::metadata(file).map_err(|e| refusal(file, 1, 1, &format!("cannot read it: {e}")))?.len();
    if len > MOST_BYTES {
        let most = MOST_BYTES >> 20;
        let why = format!(
            "it is larger than {most} MiB, the limit for one file: split it into several files and open them together (all named, or the directory holding them)"
        );
        return Err(refusal(file, 1, 1, &why));
    }
    std::fs::read(file).map_err(|e| refusal(file, 1, 1, &format!("cannot read it: {e}")))
}

/// The corpus written in our format in `file`, unchecked (it is checked with the others), or
/// where and why it cannot be read.
fn corpus_file(file: &Path) -> Result<CorpusDoc, Refusal> {
    use crate::read::load::LoadError;
    crate::read::load::read_doc(file).map_err(|error| match error {
        LoadError::Read(e) => refusal(file, 1, 1, &format!("cannot read it: {e}")),
        LoadError::Invalid { text, diagnostics } => {
            let first = diagnostics.shown.first();
            let (line, column) = first.map_or((1, 1), |d| line_column(text.as_bytes(), d.span.start));
            let message = first.map_or("it is no corpus".to_string(), |d| d.message.clone());
            refusal(file, line, column, &format!("{message} (`treaty-tui check` on the file says more)"))
        }
    })
}

/// Whether `bytes` begin as a corpus file does (`Corpus(`, an attribute such as
/// `#![enable(…)]`, or a comment), whatever the file's name: a corpus saved as `corpus.txt`.
pub fn looks_like_ron(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    ["Corpus", "#![", "//", "/*", "("].iter().any(|p| start.starts_with(p))
}

/// The format `bytes` are in, by what they begin with: an XML root element (ToTA's
/// `treaty`, Akoma Ntoso's `akomaNtoso`), or text.
pub fn detect(file: &Path, bytes: &[u8]) -> Result<Format, Refusal> {
    let head = &bytes[..bytes.len().min(4096)];
    let kind = |what: &str| refusal(file, 1, 1, &format!("this is {what}, not a treaty's text: import its text"));
    if head.starts_with(b"%PDF") {
        return Err(kind("a PDF"));
    }
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) || head.starts_with(b"\x89PNG") || head.starts_with(b"GIF8") {
        return Err(kind("an image"));
    }
    if head.starts_with(b"PK\x03\x04") {
        return Err(kind("a ZIP archive (a Word or OpenDocument file is one)"));
    }
    let text = String::from_utf8_lossy(head);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('<') {
        if text.contains("<akomaNtoso") || text.contains("akn:akomaNtoso") {
            return Ok(Format::Akn);
        }
        if text.contains("<treaty") {
            return Ok(Format::Tota);
        }
        return Err(refusal(
            file,
            1,
            1,
            "an XML file that is neither ToTA (<treaty>) nor Akoma Ntoso (<akomaNtoso>): name the format with --from",
        ));
    }
    Ok(Format::Text)
}

pub(crate) fn refusal(file: &Path, line: u32, column: u32, message: &str) -> Refusal {
    Refusal { file: file.to_path_buf(), line, column, message: message.to_string() }
}

/// The line and column (from 1, in characters) of byte `at` of `bytes`.
pub(crate) fn line_column(bytes: &[u8], at: usize) -> (u32, u32) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |k| k + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() as u32 + 1;
    (line, column)
}

/// Text as our format holds it: runs of white space one space, control characters and
/// bidirectional controls left out (said in `dropped`), and `[[` written `\[[` so that it
/// is not read as a link.
pub fn clean(text: &str, dropped: &mut usize) -> String {
    cleaned(text, dropped, false).pop().unwrap_or_default()
}

/// [`clean`], the text split into paragraphs where a run of white space holds a line break
/// or is two characters or more (as ToTA runs paragraphs together); empty ones left out.
pub fn clean_paragraphs(text: &str, dropped: &mut usize) -> Vec<String> {
    cleaned(text, dropped, true)
}

/// Ordinary characters are copied a run at a time; only the bytes that may begin white
/// space, a control, a bidirectional control or `[` are looked at more closely.
fn cleaned(text: &str, dropped: &mut usize, split: bool) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut out = String::new();
    let bytes = text.as_bytes();
    // The run of ordinary characters being passed over; the white space before it, as a
    // run (how long, whether it holds a line break) and as what runs before a left-out
    // character make of it (a space, a break).
    let (mut run, mut at) = (0, 0);
    let mut white = Gap::default();
    // The bytes looked at more closely, a table of them.
    const MAYBE: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = b < 0x21 || b == 0x7F || b == b'[' as usize || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3);
            b += 1;
        }
        table
    };
    let maybe = |b: u8| MAYBE[b as usize];
    while at < bytes.len() {
        let b = bytes[at];
        // One space between two ordinary characters of a run is copied with the run: what
        // the white space before the run asks for is written before all of it.
        let lone_space = b == b' ' && run < at && bytes.get(at + 1).is_some_and(|&next| !maybe(next));
        if !maybe(b) || lone_space {
            at += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else { break };
        let len = c.len_utf8();
        let whitespace = c.is_whitespace();
        let dropped_here =
            !whitespace && (c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'));
        if !whitespace && !dropped_here && c != '[' {
            at += len;
            continue;
        }
        if run < at {
            white.end(&mut out, &mut paragraphs, split);
            out.push_str(&text[run..at]);
        }
        if whitespace {
            white.spaces += 1;
            white.line_break |= c == '\n';
        } else if dropped_here {
            *dropped += 1;
            white.close_run();
        } else {
            white.end(&mut out, &mut paragraphs, split);
            if out.ends_with('[') && !out.ends_with("\\[") {
                out.pop();
                out.push_str("\\[[");
            } else {
                out.push('[');
            }
        }
        at += len;
        run = at;
    }
    if run < bytes.len() {
        white.end(&mut out, &mut paragraphs, split);
        out.push_str(&text[run..]);
    }
    if !out.is_empty() || (!split && paragraphs.is_empty()) {
        paragraphs.push(out);
    }
    paragraphs
}

/// The white space between two pieces of text.
#[derive(Default)]
struct Gap {
    /// The run of white space going on: how many characters, and whether one breaks a line.
    spaces: usize,
    line_break: bool,
    /// What the runs before it, ended by left-out characters, asked for.
    space: bool,
    paragraph: bool,
}

impl Gap {
    /// A left-out character ends the run of white space going on.
    fn close_run(&mut self) {
        self.paragraph |= self.spaces >= 2 || self.line_break;
        self.space |= self.spaces > 0;
        (self.spaces, self.line_break) = (0, false);
    }

    /// Puts the gap before what comes next into `out`: a space, or (with `split`) the end of
    /// a paragraph; nothing at the start of a paragraph.
    fn end(&mut self, out: &mut String, paragraphs: &mut Vec<String>, split: bool) {
        self.close_run();
        if self.space && !out.is_empty() {
            if split && self.paragraph { paragraphs.push(std::mem::take(out)) } else { out.push(' ') }
        }
        *self = Self::default();
    }
}

/// A slug of `text` for an id: lower-case ASCII letters, digits, and `-._+` kept, every
/// other run one hyphen.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            'a'..='z' | '0'..='9' | '.' | '_' | '+' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            _ if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            _ => {}
        }
    }
    let out = out.trim_matches(|c| c == '-' || c == '.').to_string();
    if out.is_empty() { "treaty".into() } else { out }
}

/// How a corpus is laid out when written: its strings as they are (raw where they hold a
/// quote or a backslash), which writes ten times faster than escaping them a character at a
/// time, or escaped, for text that holds characters a terminal must not be sent.
fn pretty(escaped: bool) -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(true)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
        .indentor("    ".to_string())
        .escape_strings(escaped)
}

/// The corpus as RON text, as a corpus file is written.
pub fn to_ron(corpus: &CorpusDoc) -> Result<String, String> {
    ron::ser::to_string_pretty(corpus, pretty(false)).map_err(|e| format!("cannot write the corpus: {e}"))
}

/// The corpus written as RON into `out` (a terminal, or what standard output leads to) as it
/// is made, never whole in memory: its strings escaped where one holds a control character,
/// which `out` would otherwise show in its visible form rather than write.
pub fn write_ron(corpus: &CorpusDoc, out: impl std::fmt::Write) -> Result<(), String> {
    /// Takes what is written only to see whether any of it would be shown changed.
    #[derive(Default)]
    struct Hostile(bool);
    impl std::fmt::Write for Hostile {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 |= crate::text::has_hostile(s);
            Ok(())
        }
    }
    let mut hostile = Hostile::default();
    ron::ser::to_writer_pretty(&mut hostile, corpus, pretty(false))
        .map_err(|e| format!("cannot write the corpus: {e}"))?;
    ron::ser::to_writer_pretty(out, corpus, pretty(hostile.0)).map_err(|e| format!("cannot write the corpus: {e}"))
}

/// The corpus written as RON into the file `out` as it is made, its strings as they are.
pub fn write_ron_to(corpus: &CorpusDoc, out: impl std::io::Write) -> Result<(), String> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    ron::Options::default()
        .to_io_writer_pretty(&mut out, corpus, pretty(false))
        .map_err(|e| format!("cannot write the corpus: {e}"))?;
    std::io::Write::flush(&mut out).map_err(|e| format!("cannot write the corpus: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cleaned_as_the_format_holds_it() {
        let mut dropped = 0;
        assert_eq!(clean("  a\u{1b}[31m  b\n\tc [[x]] \u{202E}", &mut dropped), "a[31m b c \\[[x]]");
        assert_eq!(dropped, 2);
        assert_eq!(clean("\\[[ kept", &mut dropped), "\\[[ kept");
    }

    proptest::proptest! {
        /// Cleaning a run at a time gives what cleaning a character at a time gives.
        #[test]
        fn text_cleaned_a_run_at_a_time_is_text_cleaned_a_character_at_a_time(
            text in "[a-cé Ж\\[\\\\\\t\\n\\u{85}\\u{A0}\\u{9B}\\u{202E}\\u{2066}\\u{2003}\\u{3000}\\u{1B}]{0,40}"
        ) {
            let (mut a, mut b) = (0, 0);
            proptest::prop_assert_eq!(clean(&text, &mut a), by_character(&text, &mut b));
            proptest::prop_assert_eq!(a, b);
        }
    }

    /// Paragraphs as first found: split where two white-space bytes or a line break stand,
    /// then each cleaned, the empty ones left out.
    fn split_then_cleaned(text: &str, dropped: &mut usize) -> Vec<String> {
        let (bytes, mut pieces, mut start, mut i) = (text.as_bytes(), Vec::new(), 0, 0);
        while i < bytes.len() {
            let run = bytes[i..].iter().take_while(|&&b| b == b' ' || b == b'\t' || b == b'\r' || b == b'\n').count();
            if run >= 2 || (run == 1 && bytes[i] == b'\n') {
                pieces.push(&text[start..i]);
                start = i + run;
            }
            i += run.max(1);
        }
        pieces.push(&text[start..]);
        pieces.into_iter().map(|p| by_character(p, dropped)).filter(|p| !p.is_empty()).collect()
    }

    proptest::proptest! {
        /// Paragraphs split and cleaned in one pass are those split and then cleaned, for
        /// text whose white space is ASCII (where the two rules agree).
        #[test]
        fn paragraphs_split_as_they_are_cleaned(text in "[a-c\\[ \\t\\n\\r\\u{1B}é]{0,40}") {
            let (mut a, mut b) = (0, 0);
            proptest::prop_assert_eq!(clean_paragraphs(&text, &mut a), split_then_cleaned(&text, &mut b));
        }
    }

    /// Cleaning as it was first written, a character at a time.
    fn by_character(text: &str, dropped: &mut usize) -> String {
        let mut out = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                *dropped += 1;
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            if c == '[' && out.ends_with('[') && !out.ends_with("\\[") {
                out.pop();
                out.push_str("\\[[");
                continue;
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn paragraphs_run_together_are_split() {
        let mut dropped = 0;
        assert_eq!(clean_paragraphs("One.  Two.\nThree. Four.", &mut dropped), ["One.", "Two.", "Three. Four."]);
        assert_eq!(clean_paragraphs(" \u{1b} \n ", &mut dropped), Vec::<String>::new());
        assert_eq!(clean_paragraphs("a [\t\t[b", &mut dropped), ["a [", "[b"]);
    }

    #[test]
    fn corpora_are_written_with_their_strings_as_they_are_and_read_back_the_same() {
        let mut treaty = super::treaty("t".into(), "Said \"no\" #\"# and \\[[x]]".into());
        treaty.summary = "Ends with \\".into();
        treaty.articles.push(crate::read::format::ArticleDoc {
            number: None,
            label: Some("1".into()),
            heading: "Zero\u{200b}width".into(),
            text: vec!["A \u{1b}[31m control, a tab\tand é".into()],
            notes: Vec::new(),
            links: Vec::new(),
            parallels: Vec::new(),
            anchor: Some("art_1".into()),
        });
        let doc = CorpusDoc {
            title: "T".into(),
            description: String::new(),
            sources: Vec::new(),
            text: None,
            entries: vec![treaty].into(),
            events: Vec::new().into(),
        };
        let written = to_ron(&doc).unwrap();
        let read = crate::read::load::read_doc_str(&written).unwrap();
        let again = to_ron(&read).unwrap();
        assert_eq!(written, again, "read back as it was written");
        let entry = read.entries.iter().next().unwrap();
        assert_eq!(entry.title.as_str(), "Said \"no\" #\"# and \\[[x]]");
        assert_eq!(entry.articles[0].text[0], "A \u{1b}[31m control, a tab\tand é");
        // Written where control characters would be shown changed, they are escaped.
        let mut shown = String::new();
        write_ron(&doc, &mut shown).unwrap();
        assert!(!crate::text::has_hostile(&shown) && shown.contains("\\u{1b}"), "{shown}");
    }

    #[test]
    fn languages_are_read_as_tags() {
        let tag = |written: &str| language_tag(written).map(|t| t.to_string());
        assert_eq!(tag("eng").as_deref(), Some("en"));
        assert_eq!(tag("ENG-GB").as_deref(), Some("en-GB"));
        assert_eq!(tag("lav").as_deref(), Some("lv"));
        assert_eq!(tag("Spanish").as_deref(), Some("es"));
        assert_eq!(tag("gsw").as_deref(), Some("gsw"), "a code without a shorter one stays");
        assert_eq!(tag("English language"), None);
        assert_eq!(tag("x"), None);
    }

    #[test]
    fn labels_used_again_are_numbered_by_their_use() {
        let mut labels = Labels::default();
        let given: Vec<String> =
            ["5", "5", "Art-1", "art 1", "5 (3)", "5", "5"].iter().map(|l| labels.unique(l)).collect();
        assert_eq!(given, ["5", "5 (2)", "Art-1", "art 1 (2)", "5 (3)", "5 (4)", "5 (5)"]);
    }

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("EFTA–Japan FTA (2009)"), "efta-japan-fta-2009");
        assert_eq!(slug("pta_1"), "pta_1");
        assert_eq!(slug("---"), "treaty");
    }

    #[test]
    fn files_that_are_no_text_are_refused_by_what_they_hold() {
        let file = Path::new("scan.txt");
        for (bytes, said) in [(&b"%PDF-1.7"[..], "a PDF"), (b"\xFF\xD8\xFF\xE0", "an image"), (b"PK\x03\x04", "ZIP")] {
            let refused = detect(file, bytes).unwrap_err();
            assert!(refused.message.contains(said), "{refused}");
        }
        assert_eq!(detect(file, b"<?xml version=\"1.0\"?>\n<treaty>").unwrap(), Format::Tota);
        assert_eq!(detect(file, b"<akomaNtoso xmlns=\"x\">").unwrap(), Format::Akn);
        assert_eq!(detect(file, b"Article 1\nText.").unwrap(), Format::Text);
        assert!(detect(file, b"<html><body>").is_err());
    }
}

#[cfg(test)]
mod no_panic {
    use super::*;
    use proptest::prelude::*;

    /// Trees of the elements an Akoma Ntoso document is made of, with words, markers, dates
    /// and references among them.
    fn akn_tree() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            "[a-zé\\[\\] ]{0,8}",
            Just("<num>Article 1</num>".to_string()),
            Just("<num>(a)</num>".to_string()),
            Just("<num></num>".to_string()),
            Just("<num>Part [[x]]</num>".to_string()),
            Just("<heading>h</heading>".to_string()),
            Just("<location>L</location>".to_string()),
            Just("<date date=\"2001-02-30\">d</date>".to_string()),
            Just("<date date=\"2001-02-03\">d</date>".to_string()),
            Just("<party refersTo=\"#a\">A</party>".to_string()),
            Just("<party/>".to_string()),
            Just("<noteRef href=\"#n\"/>".to_string()),
            Just("<eol/>".to_string()),
        ];
        let tags = [
            "body",
            "mainBody",
            "part",
            "chapter",
            "hcontainer",
            "article",
            "section",
            "paragraph",
            "point",
            "content",
            "intro",
            "wrapUp",
            "p",
            "blockList",
            "item",
            "table",
            "tr",
            "td",
            "authorialNote",
            "conclusions",
            "signature",
            "person",
            "role",
            "attachments",
            "attachment",
            "doc",
            "preamble",
            "i",
            "unknown",
        ];
        leaf.prop_recursive(6, 48, 6, move |inner| {
            (proptest::sample::select(tags.to_vec()), proptest::collection::vec(inner, 0..6))
                .prop_map(|(tag, children)| format!("<{tag} eId=\"{tag}_1\">{}</{tag}>", children.concat()))
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        /// Whatever a text holds, reading it as a plain-text treaty gives a treaty (or a
        /// refusal) and never panics; what it gives writes out as a corpus that checks.
        #[test]
        fn any_text_is_read_or_refused(
            lines in proptest::collection::vec(
                "(Article|ARTICLE|Art\\.|PART|CHAPTER|Section|ANNEX|Done at|IN WITNESS WHEREOF|#|##|\\(a\\)|\\(i\\)|1\\.|-)? ?[IVX0-9.A-Za-zé\\[\\] —:\\t\\u{1B}\\u{202E}]{0,12}",
                0..24,
            ),
        ) {
            let text = lines.join("\n");
            if let Ok(read) = text::read(Path::new("t.txt"), &text, None) {
                let corpus = CorpusDoc { title: "T".into(), description: String::new(), sources: Vec::new(), text: None, entries: read.entries.into(), events: read.events.into() };
                let ron = to_ron(&corpus).unwrap();
                proptest::prop_assert!(crate::read::load_str(&ron).is_ok(), "{ron}");
            }
        }

        /// Whatever well-formed Akoma Ntoso-like tree a file holds, reading it never panics,
        /// and what it gives checks.
        #[test]
        fn any_akoma_ntoso_is_read_or_refused(body in akn_tree()) {
            let text = format!("<akomaNtoso><act><preface><p><docTitle>T</docTitle></p></preface>{body}</act></akomaNtoso>");
            let read = akn::read(Path::new("t.xml"), &text);
            proptest::prop_assert!(read.is_ok(), "{text}");
            if let Ok(read) = read {
                let corpus = CorpusDoc { title: "T".into(), description: String::new(), sources: Vec::new(), text: None, entries: read.entries.into(), events: read.events.into() };
                let ron = to_ron(&corpus).unwrap();
                proptest::prop_assert!(crate::read::load_str(&ron).is_ok(), "{text}\n{ron}");
            }
        }

        /// Whatever XML-like text a file holds, reading it as ToTA never panics.
        #[test]
        fn any_xml_is_read_or_refused(
            pieces in proptest::collection::vec(
                "<treaty>|</treaty>|<meta>|</meta>|<body>|</body>|<chapter number=\"1\">|<chapter>|</chapter>|<article number=\"2\" name=\"x\">|<article>|</article>|<name>n</name>|<date_signed>2009-02-30</date_signed>|<parties><party>A B</party></parties>|text  more|&amp;|[\\[\\]a-z \\n]{0,6}",
                0..30,
            ),
        ) {
            let text = pieces.concat();
            if let Ok(read) = tota::read(Path::new("t.xml"), &text) {
                let corpus = CorpusDoc { title: "T".into(), description: String::new(), sources: Vec::new(), text: None, entries: read.entries.into(), events: read.events.into() };
                let ron = to_ron(&corpus).unwrap();
                proptest::prop_assert!(crate::read::load_str(&ron).is_ok(), "{ron}");
            }
        }
    }
}
