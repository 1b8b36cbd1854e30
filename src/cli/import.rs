//! `treaty-tui import`: treaties as published read into one corpus in our format, written
//! to a file or standard output, what could not be mapped cleanly said on standard error,
//! and the corpus checked as it is written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::import::{self, Format};
use crate::model::Corpus;
use crate::read::load::LoadError;
use crate::read::source::ReadError;

/// How many notes are said one by one before the rest are counted.
const NOTES_SHOWN: usize = 100;

/// The extensions of the files taken from a directory.
const EXTENSIONS: [&str; 5] = ["xml", "akn", "txt", "md", "markdown"];

pub fn run(
    paths: &[PathBuf],
    from: Option<Format>,
    output: Option<&Path>,
    title: Option<&str>,
    outline: bool,
) -> ExitCode {
    let files = match files(paths) {
        Ok(files) => files,
        Err(why) => {
            super::warn(&why);
            return ExitCode::from(super::UNREADABLE);
        }
    };
    let (corpus, notes) = match import::import(&files, from, title) {
        Ok(imported) => imported,
        Err(refusal) => {
            let _ = writeln!(std::io::stderr().lock(), "error: {refusal}");
            return ExitCode::from(super::UNREADABLE);
        }
    };
    {
        let mut stderr = std::io::stderr().lock();
        for note in notes.iter().take(NOTES_SHOWN) {
            let _ = writeln!(stderr, "note: {note}");
        }
        if notes.len() > NOTES_SHOWN {
            let _ = writeln!(stderr, "note: … and {} more like them", notes.len() - NOTES_SHOWN);
        }
    }
    if outline {
        return super::print(|out| std::fmt::Write::write_str(out, &import::outline::outline(&corpus)));
    }
    let ron = match import::to_ron(&corpus) {
        Ok(ron) => ron,
        Err(why) => {
            super::warn(&why);
            return ExitCode::FAILURE;
        }
    };
    let written = match output {
        Some(path) => std::fs::write(path, &ron).map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            let code = super::print(|out| std::fmt::Write::write_str(out, &ron));
            (code == ExitCode::SUCCESS).then_some(()).ok_or_else(|| "cannot write to standard output".to_string())
        }
    };
    if let Err(why) = written {
        super::warn(&why);
        return ExitCode::FAILURE;
    }
    // What was written must read back as a corpus; where it does not, the corpus is kept as
    // written and its problems said, so that nothing is lost.
    match crate::read::load_str(&ron) {
        Ok(_) => ExitCode::SUCCESS,
        Err(problems) => {
            super::warn(&format!(
                "the corpus was written, but it does not check ({} problems); `treaty-tui check` on it says where",
                problems.len()
            ));
            ExitCode::from(1)
        }
    }
}

/// `generate --as SHAPE DIR`: the treaties of the generated corpus `ron`, a file each in
/// `shape`, written into `dir` (made when missing).
pub fn write_generated(ron: &str, shape: Format, dir: &Path) -> ExitCode {
    let corpus = match crate::read::load_str(ron) {
        Ok(corpus) => corpus,
        Err(_) => {
            super::warn("the generated corpus does not check");
            return ExitCode::FAILURE;
        }
    };
    let written = std::fs::create_dir_all(dir).and_then(|()| {
        for entry in corpus.entries.iter().filter(|e| e.kind == crate::model::Kind::Treaty) {
            let (name, text) = match shape {
                Format::Tota => (format!("{}.xml", entry.id), import::write::tota(&corpus, entry)),
                Format::Akn => (format!("{}.xml", entry.id), import::write::akn(&corpus, entry)),
                Format::Text => (format!("{}.txt", entry.id), import::write::text(entry)),
            };
            std::fs::write(dir.join(name), text)?;
        }
        Ok(())
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            super::warn(&format!("cannot write into {}: {e}", dir.display()));
            ExitCode::from(super::UNREADABLE)
        }
    }
}

/// Whether `path` is read through `import` rather than as a corpus file: a directory, or a
/// file whose name says it holds a published text (`.xml`, `.akn`, `.txt`, `.md`).
pub fn is_published(path: &Path) -> bool {
    let named = path.extension().is_some_and(|x| EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e)));
    path.is_dir() || (named && !looks_like_ron(path))
}

/// Whether the file at `path` begins as a corpus file does (`Corpus(`, an attribute such as
/// `#![enable(…)]`, or a comment), whatever its name: a corpus saved as `corpus.txt`.
fn looks_like_ron(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let read = std::fs::File::open(path).and_then(|mut file| file.read(&mut head)).unwrap_or(0);
    let text = String::from_utf8_lossy(&head[..read]);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    ["Corpus", "#![", "//", "/*", "("].iter().any(|p| start.starts_with(p))
}

/// The corpus at `path`: a corpus file read as such, or published texts read through
/// `import`, their notes in the log (and, with `say`, counted on standard error).
pub fn load(path: &Path, say: bool) -> Result<Corpus, LoadError> {
    if !is_published(path) {
        return crate::read::load::load_file(path);
    }
    let refused = |why: String| LoadError::Read(ReadError::Io(std::io::Error::other(why)));
    let files = files(&[path.to_path_buf()]).map_err(refused)?;
    let (corpus, notes) = import::import(&files, None, None).map_err(|refusal| refused(refusal.to_string()))?;
    for note in &notes {
        log::info!("{note}");
    }
    if say && !notes.is_empty() {
        super::warn(&format!(
            "{} things in {} were read as best they could be: `treaty-tui import {} --outline` lists them",
            notes.len(),
            path.display(),
            path.display()
        ));
    }
    if let Some(corpus) = crate::read::load::from_doc(corpus) {
        return Ok(corpus);
    }
    // It does not check: written out, and loaded, for its problems to be shown where they are.
    let (corpus, _) = import::import(&files, None, None).map_err(|refusal| refused(refusal.to_string()))?;
    let ron = import::to_ron(&corpus).map_err(refused)?;
    crate::read::load_str(&ron).map_err(|diagnostics| LoadError::Invalid { text: ron, diagnostics })
}

/// The files `paths` name: each file, and the files of each directory with one of
/// [`EXTENSIONS`], in order of their names.
fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let listed =
            std::fs::read_dir(path).map_err(|e| format!("cannot read the directory {}: {e}", path.display()))?;
        let mut within: Vec<PathBuf> = listed
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .filter(|p| p.extension().is_some_and(|x| EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e))))
            .collect();
        if within.is_empty() {
            return Err(format!(
                "{} is a directory with no .xml, .akn, .txt or .md file to read; name a corpus file (.ron) inside it",
                path.display()
            ));
        }
        within.sort();
        files.extend(within);
    }
    Ok(files)
}
