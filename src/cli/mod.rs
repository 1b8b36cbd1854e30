//! The command line: which corpus to open (the bundled one, a file, published texts, a
//! directory, several of them), the `check`, `search`, `export`, `import`, `compare`,
//! `completions`, `manpage` and `generate` commands, and exit codes; and the terminal loop
//! the explorer runs in.

pub mod allocator;
mod compact;
pub mod compare;
mod event_loop;
pub mod export;
pub mod import;
pub mod logging;
mod termenv;
mod terminal;
mod watch;

use std::fmt::Write as _;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::{App, Input};
use crate::keep::copy::Cache;
use crate::keep::state::{Saved, Store};
use crate::model::Corpus;
use crate::model::address;
use crate::read::diagnostic;
use crate::read::load::{self, BUNDLED_NAME, LoadError};
use crate::text::Guard;
use crate::{search, text};

/// A terminal explorer for historical treaties, their people and their timeline.
///
/// With no FILE, opens the bundled corpus: the Soviet–Latvian Mutual Assistance Treaty of
/// 5 October 1939.
#[derive(Debug, Parser)]
#[command(name = "treaty-tui", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A corpus file (RON), a published treaty (ToTA or Akoma Ntoso XML, plain text,
    /// Markdown) or a directory of them, to explore instead of the bundled corpus; several
    /// open together as one corpus
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Start with this entry open: an id such as `molotov`, or `treaty#3` for a treaty's
    /// article 3 (also `#preamble`, and `#annex1` for its first annex)
    #[arg(long, value_name = "ID")]
    pub open: Option<String>,
    /// Leave the mouse to the terminal (for its own text selection) instead of capturing it
    #[arg(long)]
    pub no_mouse: bool,
    /// Neither restore nor save the reading place and searches, nor keep a ready copy of a
    /// large corpus
    #[arg(long)]
    pub no_state: bool,
    /// Read FILE again whenever it (or a file within it, or another FILE) changes on disk,
    /// keeping your place
    #[arg(long, requires = "files")]
    pub watch: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a corpus file and report every problem in it.
    ///
    /// Exits 0 when the corpus is valid, 1 when it has problems, 2 when it cannot be read.
    Check {
        /// The corpus file, published treaty or directory of them to check (several as one
        /// corpus); the bundled corpus when left out
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Search a corpus and print the hits, best first.
    ///
    /// One hit per line: kind, id, where it matched and a snippet, separated by tabs; or
    /// JSON lines with --json. Exits 0 with hits, 1 with none, 2 on an error.
    Search {
        /// The words to look for; every word must match a word (case and accents do not
        /// matter; the last word also matches the words it starts; a word that matches
        /// nothing is forgiven a typo or two; "quoted words" match in that order)
        query: String,
        /// The corpus file, published treaty or directory of them to search (several as one
        /// corpus); the bundled corpus when left out
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print one JSON object per line: kind, id, title, where, snippet, marks, score,
        /// named, typo, matched
        #[arg(long)]
        json: bool,
        /// Only within this entry, or this article of a treaty, written as --open takes it
        /// (`treaty`, `treaty#3`, `tpp#Article 30.8`)
        #[arg(long = "in", value_name = "ADDRESS")]
        within: Option<String>,
        /// One line per entry: its best hit, its where starting with how many hits the
        /// entry has ("4 hits · best: article 20.1"); with --json, a "hits" count
        #[arg(long)]
        by_entry: bool,
    },
    /// Write the corpus, or the entries, chapters and articles chosen, to standard output as
    /// text, Markdown or JSON, or as a table of its clauses or its events (CSV or JSON Lines).
    ///
    /// `export tpp#chapter-30 rome-statute --format csv` writes the rows of one chapter and
    /// of a whole treaty; `export --where 'party:chile year:2000..' --format jsonl` those of
    /// every treaty the list's filter lets through.
    Export {
        /// The format to write
        #[arg(long, value_enum, default_value_t = crate::cli::export::Format::Text)]
        format: crate::cli::export::Format,
        /// With --format csv or jsonl: a row per clause of every treaty, or per event
        #[arg(long, value_enum, default_value_t = crate::cli::export::Rows::Clauses)]
        rows: crate::cli::export::Rows,
        /// Only entries of this kind (`treaty`, `person`…): the filter's `kind:`
        #[arg(long)]
        kind: Option<String>,
        /// Only entries the list's filter lets through: words of a title or an alias,
        /// `kind:treaty`, `party:chile`, `year:1990..2000`, `lang:es`, combined
        #[arg(long = "where", value_name = "FILTER")]
        filter: Option<String>,
        /// The corpus file, published treaty or directory of them to export (several as one
        /// corpus; the bundled corpus when none is given), and what to export of it, as
        /// --open names it: `treaty`, `tpp#chapter-30`, `tpp#30.8`. An argument is a file
        /// when one of that name exists, or when it holds no `#` and ends in .ron, .xml,
        /// .akn, .txt or .md or holds a `/`
        #[arg(value_name = "FILE|ADDRESS")]
        args: Vec<PathBuf>,
    },
    /// Read treaties as they are published into one corpus in our format: ToTA's XML, Akoma
    /// Ntoso, plain text or Markdown.
    ///
    /// Each file's format is found from its content unless --from names it. What could not be
    /// mapped cleanly is said on standard error as FILE:LINE:COLUMN: what was done instead.
    /// Exits 0 when the corpus is written, 1 when it does not check, 2 when a file cannot be read.
    Import {
        /// The files to read, or directories of them (their .xml, .txt, .md and .akn files)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The format of every file, rather than the one its content shows
        #[arg(long, value_enum)]
        from: Option<crate::import::Format>,
        /// Where to write the corpus; standard output when left out
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The corpus's title, and a plain-text treaty's when its first line is none
        #[arg(long)]
        title: Option<String>,
        /// Print the structure found (divisions, articles, annexes) rather than the corpus
        #[arg(long)]
        outline: bool,
    },
    /// Set an article beside its counterparts in other treaties, or a treaty beside another.
    ///
    /// An article (`treaty#3`) is compared with the articles it names as parallels, and
    /// those that name it, one treaty at a time, or with the addresses given after it; a
    /// treaty (`treaty`) article by article with every treaty its articles have
    /// counterparts in, or with the treaties given after it. Exits 0, 1 when an address has
    /// no counterpart, 2 on an error.
    Compare {
        /// What to compare: an article or a treaty, as --open names them, then optionally
        /// what to compare it with
        #[arg(required = true)]
        addresses: Vec<String>,
        /// The format to write
        #[arg(long, value_enum, default_value_t = crate::cli::compare::Format::Text)]
        format: crate::cli::compare::Format,
        /// The corpus file, published treaty or directory of them (given again for several,
        /// read as one corpus); the bundled corpus when left out
        #[arg(long = "file", value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Instead, list the articles most like the one named, anywhere in the corpus, with
        /// a score from 0 to 1 (the cosine of their TF-IDF vectors)
        #[arg(long)]
        similar: bool,
    },
    /// Cite treaties, articles or entries as reference managers read them: the plain
    /// citation `y` copies, BibTeX, CSL-JSON or RIS.
    Cite {
        /// What to cite, as --open names it: `treaty`, `treaty#3`, `tpp#30.8`
        #[arg(required = true)]
        addresses: Vec<String>,
        /// The format to write
        #[arg(long, value_enum, default_value_t = crate::cite::Format::Text)]
        format: crate::cite::Format,
        /// The corpus file, published treaty or directory of them (given again for several,
        /// read as one corpus); the bundled corpus when left out
        #[arg(long = "file", value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print shell completions: `treaty-tui completions bash > ~/.local/share/bash-completion/completions/treaty-tui`.
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `treaty-tui manpage > treaty-tui.1`.
    Manpage,
    /// Write a synthetic corpus to standard output, for benchmarks and scale tests (a tool for
    /// the project's own work: left out of `--help`).
    ///
    /// Entries of every kind, one in ten a treaty (from a few articles to, in a corpus of
    /// 2,000 entries or more, one of 1,000 articles in 60 chapters); or, with `--treaties`,
    /// a collection of treaties shaped as a real one of trade agreements. The same seed and
    /// size always give the same corpus.
    #[command(hide = true)]
    Generate {
        /// How many entries (about half as many events come with them), or treaties
        entries: usize,
        /// The seed of the generator
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Only treaties: a median of 41 articles, a mean of 89, the longest over 500, about
        /// 175 words an article, with 20 states and 20 people to sign them
        #[arg(long)]
        treaties: bool,
        /// How many distinct words the prose is drawn from (40000 for the shape of corpora
        /// generated before it was raised)
        #[arg(long, default_value_t = crate::synth::VOCABULARY_SIZE as u32, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        vocabulary: u32,
        /// How many dated events (half as many as entries when left out; not with
        /// `--treaties`)
        #[arg(long, conflicts_with = "treaties")]
        events: Option<usize>,
        /// Write the treaties in a published shape, a file each, into DIR (what `import`
        /// reads back): ToTA's XML, Akoma Ntoso, or plain text
        #[arg(long = "as", value_enum, requires = "dir")]
        shape: Option<crate::import::Format>,
        /// The directory the files are written into, with --as
        dir: Option<PathBuf>,
    },
}

/// Exit codes: 1 for an invalid corpus, 2 for a file that cannot be read or a wrong call.
const INVALID: u8 = 1;
const NO_HITS: u8 = 1;
/// `export` with a filter that lets no entry through.
const NONE_CHOSEN: u8 = 1;
const UNREADABLE: u8 = 2;

pub fn main() -> ExitCode {
    crate::cli::allocator::configure();
    ignore_file_size_limit();
    let cli = Cli::parse();
    logging::init();
    match cli.command {
        Some(Command::Check { files }) => check(&files),
        Some(Command::Search { query, files, json, within, by_entry }) => {
            let how = HitFormat { json, by_entry };
            search(&query, &files, how, within.as_deref())
        }
        Some(Command::Export { format, rows, kind, filter, args }) => {
            let (files, addresses) = files_and_addresses(&args);
            let filter =
                [kind.map(|k| format!("kind:{k}")), filter].into_iter().flatten().collect::<Vec<_>>().join(" ");
            export(format, rows, &files, &addresses, &filter)
        }
        Some(Command::Import { files, from, output, title, outline }) => {
            import::run(&files, from, output.as_deref(), title.as_deref(), outline)
        }
        Some(Command::Compare { addresses, format, files, similar }) => compare(&addresses, format, &files, similar),
        Some(Command::Cite { addresses, format, files }) => cite(&addresses, format, &files),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "treaty-tui", &mut out);
            print(|guard| guard.write_str(&String::from_utf8_lossy(&out)))
        }
        Some(Command::Manpage) => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out) {
                Ok(()) => print(|guard| guard.write_str(&String::from_utf8_lossy(&out))),
                Err(_) => ExitCode::FAILURE,
            }
        }
        Some(Command::Generate { entries, seed, treaties, vocabulary, events, shape, dir }) => {
            let corpus = crate::synth::with_vocabulary(vocabulary as usize, || {
                if treaties {
                    crate::synth::treaties(seed, entries)
                } else {
                    crate::synth::corpus_with_events(seed, entries, events.unwrap_or(entries / 2))
                }
            });
            match (shape, dir) {
                (Some(shape), Some(dir)) => import::write_generated(&corpus, shape, &dir),
                _ => print(|out| out.write_str(&corpus)),
            }
        }
        None => explore(&cli),
    }
}

/// Standard output, through the gate that no character able to act on a terminal passes.
type Out = Guard<BufWriter<std::io::StdoutLock<'static>>>;

/// Writes to standard output with `write`; a closed pipe (`| head`) is not an error.
fn print(write: impl FnOnce(&mut Out) -> std::fmt::Result) -> ExitCode {
    let mut out = Guard::new(BufWriter::with_capacity(1 << 16, std::io::stdout().lock()));
    let _ = write(&mut out);
    match out.finish() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// A line on standard error, through the same gate: `treaty-tui: {message}`.
fn warn(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "treaty-tui: {}", text::shown(message));
}

/// `compare`: the comparisons the addresses ask for, or why there are none.
/// `export`: the corpus in `format`; the events as a table with `--rows events`, which only
/// a table has (exit 2 otherwise, saying so).
/// `export`'s arguments as corpus files and addresses: an argument is a file when one of
/// that name exists; else an address when it holds a `#`; else a file when it ends in a
/// corpus file's or a published text's extension or holds a path separator; else an address
/// (an entry's id).
fn files_and_addresses(args: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut addresses = Vec::new();
    for arg in args {
        let text = arg.to_string_lossy();
        let named = arg.extension().is_some_and(|x| {
            x.eq_ignore_ascii_case("ron") || crate::import::EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e))
        });
        let file = arg.exists() || (!text.contains('#') && (named || text.contains(std::path::MAIN_SEPARATOR)));
        if file {
            files.push(arg.clone());
        } else {
            addresses.push(text.into_owned());
        }
    }
    (files, addresses)
}

fn export(
    format: crate::cli::export::Format,
    rows: crate::cli::export::Rows,
    files: &[PathBuf],
    addresses: &[String],
    filter: &str,
) -> ExitCode {
    use crate::cli::export::{Format, Rows, Selection};
    let table = matches!(format, Format::Csv | Format::Jsonl);
    if rows == Rows::Events && !table {
        warn("--rows events is for a table: add --format csv or --format jsonl");
        return ExitCode::from(UNREADABLE);
    }
    let filter = match crate::app::filter::Filter::parse(filter) {
        Ok(filter) => filter,
        Err(why) => {
            warn(&format!("--where {}: {why}", crate::text::echo(filter)));
            return ExitCode::from(UNREADABLE);
        }
    };
    let corpus = match open_kept(files, !files.is_empty()) {
        Ok((corpus, ..)) => corpus,
        Err(_) => return ExitCode::from(UNREADABLE),
    };
    let chosen = match Selection::choose(&corpus, addresses, Some(&filter)) {
        Ok(chosen) => chosen,
        Err(why) => {
            // An argument taken for an address may have been meant as a file.
            let file = addresses.iter().find(|a| !a.contains('#') && corpus.find(a).is_none());
            let also = file.map(|a| format!(" (and no file `{}` exists)", crate::text::echo(a))).unwrap_or_default();
            warn(&format!("{why}{also}"));
            return ExitCode::from(UNREADABLE);
        }
    };
    if chosen.count(&corpus) == 0 && !filter.is_empty() {
        warn("no entry is chosen: the filter lets none of them through; try fewer conditions");
        return ExitCode::from(NONE_CHOSEN);
    }
    match rows {
        Rows::Events => print(|out| crate::cli::export::write_events(&corpus, &chosen, format == Format::Csv, out)),
        Rows::Clauses => print(|out| crate::cli::export::write(&corpus, &chosen, format, out)),
    }
}

/// `cite`: the citations of `addresses`, or why one leads nowhere (exit 2).
fn cite(addresses: &[String], format: crate::cite::Format, files: &[PathBuf]) -> ExitCode {
    let corpus = match open_kept(files, !files.is_empty()) {
        Ok((corpus, ..)) => corpus,
        Err(code) => return code,
    };
    let mut at = Vec::with_capacity(addresses.len());
    for written in addresses {
        match crate::model::address::parse(&corpus, written) {
            Ok(place) => at.push(place),
            Err(why) => {
                warn(&why);
                return ExitCode::from(UNREADABLE);
            }
        }
    }
    print(|out| out.write_str(&crate::cite::write(&corpus, &at, format)))
}

fn compare(addresses: &[String], format: crate::cli::compare::Format, files: &[PathBuf], similar: bool) -> ExitCode {
    use crate::cli::compare::{Refused, like, pairs, write, write_like};
    if let Some(answered) = similar.then(|| like_from_kept(addresses, format, files)).flatten() {
        return answered;
    }
    let (corpus, cache, fresh) = match open_kept(files, !files.is_empty()) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    // The index of similar clauses the explorer keeps, read back, or made and kept for the
    // explorer and the next call (with the corpus, when it was read afresh).
    let index = || {
        let kept = cache.as_ref();
        keep_read_afresh(kept, fresh, &corpus);
        kept.and_then(|cache| cache.load_similar(&corpus)).unwrap_or_else(|| {
            let similar = crate::compare::similar::Similar::new(&corpus);
            if let Some(Err(warning)) = kept.map(|cache| cache.save_similar(&similar, &corpus)) {
                warn(&format!("warning: {warning}"));
            }
            similar
        })
    };
    // Why nothing was compared: 2 for an address that leads nowhere, 1 for one alone.
    let refused = |refused: Refused| match refused {
        Refused::Wrong(why) => {
            warn(&why);
            ExitCode::from(UNREADABLE)
        }
        Refused::Alone(why) => {
            warn(&why);
            ExitCode::from(NO_HITS)
        }
    };
    if similar {
        let found = like(&corpus, addresses, index);
        found.map_or_else(refused, |found| print(|out| write_like(&corpus, &found, format, out)))
    } else {
        pairs(&corpus, addresses).map_or_else(refused, |groups| print(|out| write(&corpus, &groups, format, out)))
    }
}

/// `compare --similar ADDRESS` answered from the index of similar clauses kept for `files`
/// alone, reading only what the question needs and not the corpus: when one is kept for the
/// file as it is, the address is written as the corpus writes its addresses (`treaty#5`),
/// and something is like it. Anything else is left to the corpus.
fn like_from_kept(addresses: &[String], format: crate::cli::compare::Format, files: &[PathBuf]) -> Option<ExitCode> {
    let [written] = addresses else { return None };
    let mut kept = Cache::for_files(files)?.open_similar()?;
    let Some(c) = kept.find(written) else {
        log::debug!("{} is not an address the kept similar clauses name: the corpus is read", text::echo(written));
        return None;
    };
    let found = kept.like(c, crate::cli::compare::MOST_LIKE);
    let rows: Option<Vec<(f32, String, String)>> = found.and_then(|found| {
        found.into_iter().map(|(c, score)| kept.shown(c).map(|(at, title)| (score, at, title))).collect()
    });
    let Some(rows) = rows else {
        log::warn!("the kept similar clauses are damaged where this question reads them: the corpus is read");
        return None;
    };
    if rows.is_empty() {
        return None;
    }
    log::debug!("compare --similar answered from the kept similar clauses alone");
    Some(print(|out| crate::cli::compare::write_like_rows(&rows, format, out)))
}

fn check(files: &[PathBuf]) -> ExitCode {
    let counted = match files {
        [] => load::bundled().map(|corpus| load::Counts::of(&corpus)),
        [path] if !import::is_published(path) => load::check_file(path),
        paths => import::load(paths, true).map(|corpus| load::Counts::of(&corpus)),
    };
    match reported(files, counted) {
        Ok(counts) => {
            let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
            let line = format!(
                "{}: valid: {}, {}, {}\n",
                name(files),
                count(counts.entries, "entry", "entries"),
                count(counts.clauses, "clause", "clauses"),
                count(counts.events, "event", "events")
            );
            print(|out| out.write_str(&line))
        }
        Err(code) => code,
    }
}

/// How `search` prints its hits.
#[derive(Clone, Copy, Debug, Default)]
pub struct HitFormat {
    /// A JSON object a line, rather than four fields separated by tabs.
    pub json: bool,
    /// One line per entry, its best hit with how many it has.
    pub by_entry: bool,
}

/// The hits of `found` cut to each entry's best (events alone), in a corpus of `entries`
/// entries, and how many hits each of those has, by item.
pub fn best_of_each_entry(found: &mut search::Found, entries: usize) -> hashbrown::HashMap<search::Item, usize> {
    let groups = search::Groups::of(&found.hits, entries);
    let mut counts = hashbrown::HashMap::with_capacity(groups.len());
    let best: Vec<search::Hit> = (0..groups.len())
        .filter_map(|g| {
            let members = groups.members(g);
            let hit = *found.hits.get(*members.first()? as usize)?;
            counts.insert(hit.item, members.len());
            Some(hit)
        })
        .collect();
    found.hits = best;
    counts
}

fn search(query: &str, files: &[PathBuf], how: HitFormat, within: Option<&str>) -> ExitCode {
    if query.chars().count() > search::QUERY_MAX {
        warn(&format!(
            "the query is longer than {} characters; search for fewer words",
            diagnostic::thousands(search::QUERY_MAX)
        ));
        return ExitCode::from(UNREADABLE);
    }
    // Within a part of the corpus, its address is read through the corpus.
    let kept = (!files.is_empty() && within.is_none()).then(|| Cache::for_files(files)).flatten();
    if let Some(code) = kept.and_then(|cache| search_kept(&cache, query, how)) {
        return code;
    }
    let (corpus, cache, fresh) = match open_kept(files, !files.is_empty()) {
        Ok(opened) => opened,
        Err(_) => return ExitCode::from(UNREADABLE),
    };
    let scope = match within.map(|written| address::parse(&corpus, written)) {
        None => None,
        Some(Ok(place)) => Some(place),
        Some(Err(why)) => {
            warn(&why);
            return ExitCode::from(UNREADABLE);
        }
    };
    keep_read_afresh(cache.as_ref(), fresh, &corpus);
    // The index kept beside the corpus, or one built here and kept for next time.
    let (index, kept) = match cache.as_ref().and_then(|cache| cache.load_index(&corpus)) {
        // Sound, though the search could not use it: what it keeps of its hits is missing
        // or damaged, and is kept again.
        Some(index) => {
            let kept = cache.as_ref().map(|cache| cache.keep_shown(&index, &corpus));
            (index, kept)
        }
        None => match cache.as_ref().and_then(|cache| cache.build_index(&corpus)) {
            // Built where it is kept, then what it shows of its hits kept beside it.
            Some(index) => {
                let kept = cache.as_ref().map(|cache| cache.keep_shown(&index, &corpus));
                (index, kept)
            }
            None => {
                let index = search::Index::new(&corpus);
                let kept = cache.as_ref().map(|cache| cache.save_index(&index, &corpus));
                (index, kept)
            }
        },
    };
    if let Some(Err(warning)) = kept {
        warn(&format!("warning: {warning}"));
    }
    let mut found = match scope {
        None => index.search(query),
        Some((entry, part)) => {
            let mut found = index.search_in(query, search::Scope::Entry(entry));
            // An article's address keeps the hits in that article.
            if part > 0 {
                found.hits.retain(|hit| hit.item == search::Item::Clause(entry, part));
            }
            found
        }
    };
    let counts = if how.by_entry { best_of_each_entry(&mut found, corpus.entries.len()) } else { Default::default() };
    let code = print(|out| write_hits(&corpus, &found, &counts, how, out));
    // The process ends next: freeing a large corpus and its index piece by piece would only
    // delay it.
    std::mem::forget((corpus, index));
    exit_code(code, &found)
}

/// `search` from the kept index and the text kept for its hits alone, reading only the
/// postings of the query's words and the records of its hits; `None` when either is
/// missing, stale or damaged.
fn search_kept(cache: &Cache, query: &str, how: HitFormat) -> Option<ExitCode> {
    let kept = cache.open_index()?;
    let (head, counts) = (kept.head(), kept.counts());
    // What the hits show is made ready while the search runs.
    let (searched, shown) = std::thread::scope(|scope| {
        let shown = scope.spawn(|| cache.open_shown(counts, head));
        (kept.search(query), shown.join().ok().flatten())
    });
    let ((index, mut found), shown) = (searched?, shown?);
    let counts = if how.by_entry { best_of_each_entry(&mut found, index.entry_count()) } else { Default::default() };
    // The records are read in the order they lie in the file (neighbours in memory read
    // one after the other cost far less than the same read here and there), half on each
    // of two threads, and the lines printed in the order of the hits.
    let mut order: Vec<usize> = (0..found.hits.len()).collect();
    order.sort_unstable_by_key(|&k| found.hits[k].span);
    let in_file: Vec<search::Hit> = order.iter().map(|&k| found.hits[k]).collect();
    let lines = |hits: &[search::Hit]| -> Option<(String, Vec<usize>)> {
        let (mut lines, mut ends) = (String::new(), Vec::with_capacity(hits.len()));
        shown.each(&index, hits, |hit, label, text| {
            let line = HitLine { hit, of_entry: counts.get(&hit.item).copied(), label, text };
            write_hit(line, &found.matcher, how, &mut lines).ok()?;
            ends.push(lines.len());
            Some(())
        })?;
        Some((lines, ends))
    };
    let (first, second) = in_file.split_at(in_file.len() / 2);
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| lines(second));
        (lines(first), second.join().ok().flatten())
    });
    let halves = [first?, second?];
    let mut by_rank = vec![""; found.hits.len()];
    let mut rank = order.iter();
    for (lines, ends) in &halves {
        let mut start = 0;
        for (&end, &k) in ends.iter().zip(rank.by_ref()) {
            by_rank[k] = &lines[start..end];
            start = end;
        }
    }
    let code = print(|out| by_rank.iter().try_for_each(|line| out.write_str(line)));
    std::mem::forget(index);
    Some(exit_code(code, &found))
}

/// What a search found in `corpus`, as `search` prints it (see [`write_hit`]), with how
/// many hits the entry of each has when they are one per entry.
pub fn write_hits(
    corpus: &Corpus,
    found: &search::Found,
    counts: &hashbrown::HashMap<search::Item, usize>,
    how: HitFormat,
    out: &mut impl std::fmt::Write,
) -> std::fmt::Result {
    let mut lister = search::Lister::new(corpus);
    found.hits.iter().try_for_each(|hit| {
        let text = search::field_text(corpus, hit.item, hit.field);
        let line =
            HitLine { hit, of_entry: counts.get(&hit.item).copied(), label: &lister.label(hit.item), text: &text };
        write_hit(line, &found.matcher, how, out)
    })
}

/// One hit as `search` prints it: the hit, how many hits its entry has (when one line
/// stands for an entry), what names its item, and the text of the field that matched.
pub struct HitLine<'a, S> {
    pub hit: &'a search::Hit,
    pub of_entry: Option<usize>,
    pub label: &'a search::Label<S>,
    pub text: &'a str,
}

/// The exit code of a search that printed what it `found` with `code`.
fn exit_code(code: ExitCode, found: &search::Found) -> ExitCode {
    if found.hits.is_empty() { ExitCode::from(NO_HITS) } else { code }
}

/// A hit as `search` prints it: one line of kind, id, where and snippet separated by
/// tabs, or a JSON object (with the score and the words `matcher` matched).
pub fn write_hit<S: AsRef<str>>(
    line: HitLine<'_, S>,
    matcher: &search::Matcher,
    how: HitFormat,
    out: &mut impl std::fmt::Write,
) -> std::fmt::Result {
    let HitLine { hit, of_entry, label, text } = line;
    let place = match of_entry {
        Some(1) => format!("1 hit · {}", label.place(hit)),
        Some(n) => format!("{n} hits · best: {}", label.place(hit)),
        None => label.place(hit).to_string(),
    };
    if how.json {
        let snippet = search::matched_snippet(text, matcher, 80);
        // Marks count characters of the snippet, as the JSON export's links do.
        let chars = |byte: usize| snippet.text.get(..byte).map_or(0, |s| s.chars().count());
        let marks: Vec<[usize; 2]> = snippet.marks.iter().map(|m| [chars(m.start), chars(m.end)]).collect();
        let mut line = serde_json::json!({
            "kind": text::sanitize(label.kind().name()),
            "id": label.id(),
            "title": text::sanitize(label.title()),
            "where": text::sanitize(label.place(hit)),
            "snippet": text::sanitize(&snippet.text),
            "marks": marks,
            "score": hit.relevance(),
            "typo": hit.typo,
            "named": match hit.named {
                search::Named::Title => Some("title"),
                search::Named::Heading => Some("heading"),
                search::Named::Not => None,
            },
            "matched": matcher.matched(text),
        });
        if let (Some(n), Some(fields)) = (of_entry, line.as_object_mut()) {
            fields.insert("hits".into(), n.into());
        }
        writeln!(out, "{line}")
    } else {
        // One line of four fields, whatever the text holds (the matches are not marked).
        let snippet = search::matched_text(text, matcher, 80);
        for (k, field) in [label.kind().name(), label.id(), &place, &snippet].into_iter().enumerate() {
            if k > 0 {
                out.write_char('\t')?;
            }
            write_field(field, out)?;
        }
        out.write_char('\n')
    }
}

/// `s` as one field of a line of `search`: every hostile character in its visible form, a
/// tab as four spaces, a line break as one.
fn write_field(s: &str, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    if !text::has_hostile(s) && memchr::memchr2(b'\t', b'\n', s.as_bytes()).is_none() {
        return out.write_str(s);
    }
    for c in s.chars() {
        match c {
            '\t' => out.write_str("    ")?,
            '\n' => out.write_char(' ')?,
            c if text::is_hostile(c) => out.write_str(&text::visible(c))?,
            c => out.write_char(c)?,
        }
    }
    Ok(())
}

/// Under a limit on the size of files a process may write (`ulimit -f`), a write past it
/// fails rather than ending the process with SIGXFSZ: what is being kept is then not kept,
/// a warning says why, and the work goes on (the terminal never left raw).
fn ignore_file_size_limit() {
    #[cfg(unix)]
    // SAFETY: ignoring a signal changes only its disposition, before any thread starts.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

fn explore(cli: &Cli) -> ExitCode {
    // The terminal is made ready to draw on while the corpus is read (when there is one:
    // without, asking its size would run `tput`).
    let prepared = (std::io::stdin().is_terminal() && std::io::stdout().is_terminal()).then(terminal::prepare);
    // A kept index is read while the corpus is.
    let early = (!cli.files.is_empty() && !cli.no_state).then(|| Cache::for_files(&cli.files)).flatten().map(|cache| {
        if cache.keeps_index() {
            allocator::widen();
        }
        let reading = crate::app::read_early(&cache);
        (cache, reading)
    });
    let (corpus, cache, fresh) = match open_kept(&cli.files, !cli.no_state) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let start = match cli.open.as_deref().map(|spec| address::parse(&corpus, spec)).transpose() {
        Ok(start) => start,
        Err(message) => {
            warn(&message);
            return ExitCode::from(UNREADABLE);
        }
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        warn(
            "the explorer needs a terminal on standard input and output; without one, use `treaty-tui check [FILE]`, `treaty-tui search QUERY [FILE]` or `treaty-tui export [FILE]`",
        );
        return ExitCode::from(UNREADABLE);
    }
    let (theme, notice) = match termenv::from_env() {
        termenv::Term::Dumb => {
            warn(
                "the terminal cannot place text where it goes (TERM is dumb or not set), and the explorer needs one that can, such as xterm; `treaty-tui search QUERY [FILE]` and `treaty-tui export [FILE]` print plain text",
            );
            return ExitCode::from(UNREADABLE);
        }
        termenv::Term::Unknown(name) => {
            (&crate::ui::theme::MONO, Some(format!("TERM={} is unknown here: drawn without colour", text::echo(&name))))
        }
        termenv::Term::Known => (crate::ui::theme::from_env(), None),
    };
    let store = if cli.no_state { None } else { Store::for_corpus(&corpus_key(&cli.files)) };
    let saved = match store.as_ref().map(Store::load) {
        Some(Ok(saved)) => saved,
        Some(Err(warning)) => {
            warn(&format!("warning: {warning}; starting afresh"));
            Saved::default()
        }
        None => Saved::default(),
    };
    let start = start.or_else(|| saved.open.and_then(|open| address::parse(&corpus, &open).ok()));
    // The kept index read meanwhile is held to the corpus while the explorer starts.
    let corpus = std::sync::Arc::new(corpus);
    let early = early.map(|(_, reading)| crate::app::fit_early(reading, std::sync::Arc::clone(&corpus)));
    // Laid out at once for the terminal's size.
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::sized(corpus, size);
    app.update(Input::Restored { queries: saved.queries, marks: saved.marks, start });
    // A corpus read afresh is kept for next time by a thread of its own, while the reader reads.
    let keeping = cache.clone().filter(|_| fresh).map(|cache| {
        let corpus = std::sync::Arc::clone(app.corpus());
        std::thread::spawn(move || cache.save(&corpus))
    });
    let watch = cli.watch.then(|| cli.files.clone());
    // The bundled corpus's index is made here at once, and not kept.
    let kept = cache.filter(|_| !cli.files.is_empty()).map(|cache| (cache, early));
    let ran = terminal::run(app, terminal::Options { mouse: !cli.no_mouse, theme, watch, kept, notice, prepared });
    if let Some(Ok(Err(warning))) = keeping.map(std::thread::JoinHandle::join) {
        warn(&format!("warning: {warning}"));
    }
    // What is still being made aside (a search index) is not waited for, and not left behind.
    crate::keep::files::abandon();
    match ran {
        Ok(terminal::Ended { app, failed }) => {
            // Kept however the explorer ended: by `q`, a signal, or the terminal failing.
            if let Some(store) = store {
                let open = address::of(app.corpus(), app.spot().page.entry, app.spot().page.part);
                let saved =
                    Saved { open, queries: app.searching().queries().to_vec(), marks: app.marks().saved().clone() };
                if let Err(warning) = store.save(&saved) {
                    warn(&format!("warning: {warning}"));
                }
            }
            // Ended by a signal: 128 + its number, as a shell expects.
            let code = match (app.signal(), failed) {
                (Some(signal), _) => ExitCode::from((128 + signal) as u8),
                (None, Some(e)) => {
                    warn(&format!("the terminal failed: {e}"));
                    ExitCode::FAILURE
                }
                (None, None) => ExitCode::SUCCESS,
            };
            // The process ends next: freeing a large corpus piece by piece would only delay it.
            std::mem::forget(app);
            code
        }
        Err(e) => {
            warn(&format!("the terminal failed: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// What names a corpus for its saved state: its file's full path (each one's, a line each,
/// for several), or "bundled".
fn corpus_key(files: &[PathBuf]) -> String {
    if files.is_empty() {
        return "bundled".into();
    }
    let full = |path: &PathBuf| std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()).display().to_string();
    files.iter().map(full).collect::<Vec<_>>().join("\n")
}

/// The corpus as messages name it: its files, or the bundled corpus's name.
fn name(files: &[PathBuf]) -> String {
    if files.is_empty() { BUNDLED_NAME.to_string() } else { named(files) }
}

/// `paths` as a command line would give them, separated by spaces.
fn named(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" ")
}

/// A large corpus read afresh (`fresh`) kept in `cache`, as the explorer keeps it, so that
/// the next command reads the kept copy; a warning when it cannot be.
fn keep_read_afresh(cache: Option<&Cache>, fresh: bool, corpus: &Corpus) {
    if let Some(Err(warning)) = cache.filter(|_| fresh).map(|cache| cache.save(corpus)) {
        warn(&format!("warning: {warning}"));
    }
}

/// Loads `files` as [`open`] does, but from the copy kept for them when there is one and
/// they are as they were then; also gives the cache that keeps it (with `keep`, for files
/// large enough to be worth one, or the bundled corpus, which the commands but the explorer
/// read as fast without), and whether the corpus was read afresh rather than from it.
fn open_kept(files: &[PathBuf], keep: bool) -> Result<(Corpus, Option<Cache>, bool), ExitCode> {
    let cache = match files {
        _ if !keep => None,
        [] => Cache::for_bundled(load::BUNDLED),
        files => Cache::for_files(files),
    };
    if let Some(corpus) = cache.as_ref().and_then(Cache::load) {
        return Ok((corpus, cache, false));
    }
    Ok((open(files)?, cache, true))
}

/// Loads `files` as one corpus (or the bundled corpus, for none), printing its problems on
/// stderr and giving the exit code for them when it cannot be used.
fn open(files: &[PathBuf]) -> Result<Corpus, ExitCode> {
    let loaded = match files {
        [] => load::bundled(),
        files => import::load(files, true),
    };
    reported(files, loaded)
}

/// What was read from `files` (or the bundled corpus), or its problems printed on stderr
/// and the exit code for them.
fn reported<T>(files: &[PathBuf], loaded: Result<T, LoadError>) -> Result<T, ExitCode> {
    let name = name(files);
    let mut stderr = std::io::stderr().lock();
    match loaded {
        Ok(read) => Ok(read),
        Err(LoadError::Read(e)) => {
            let _ = writeln!(stderr, "error: cannot read {}", text::shown(&format!("{name}: {e}")));
            Err(ExitCode::from(UNREADABLE))
        }
        Err(LoadError::Invalid { text, diagnostics }) => {
            let color = std::io::stderr().is_terminal() && !crate::ui::theme::no_color();
            let _ = stderr.write_all(diagnostic::render(&name, &text, &diagnostics, color).as_bytes());
            Err(ExitCode::from(INVALID))
        }
    }
}
