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

pub fn run(
    paths: &[PathBuf],
    from: Option<Format>,
    output: Option<&Path>,
    title: Option<&str>,
    outline: bool,
) -> ExitCode {
    // The corpus being written is never read as one of the files it is made from.
    let written = output.and_then(|o| o.canonicalize().ok());
    let files: Vec<PathBuf> = match import::files(paths) {
        Ok(files) => files.into_iter().filter(|f| written.is_none() || f.canonicalize().ok() != written).collect(),
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
    // Written as it is made, then checked as the corpus it is (not read back from its text).
    let written = match output {
        Some(path) => std::fs::File::create(path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
            .and_then(|file| import::write_ron_to(&corpus, file)),
        None => {
            let mut failed = None;
            let code = super::print(|out| {
                import::write_ron(&corpus, out).map_err(|why| {
                    failed = Some(why);
                    std::fmt::Error
                })
            });
            match (code == ExitCode::SUCCESS, failed) {
                (_, Some(why)) => Err(why),
                (false, None) => Err("cannot write to standard output".to_string()),
                (true, None) => Ok(()),
            }
        }
    };
    if let Err(why) = written {
        super::warn(&why);
        return ExitCode::FAILURE;
    }
    // What was written must be a corpus that checks; where it is not, it is kept as written
    // and its problems said, so that nothing is lost.
    if crate::read::load::from_doc(corpus).is_some() {
        return ExitCode::SUCCESS;
    }
    let counted = match output.map(crate::read::load_file) {
        Some(Err(LoadError::Invalid { diagnostics, .. })) => format!(" ({} problems)", diagnostics.len()),
        _ => String::new(),
    };
    super::warn(&format!(
        "the corpus was written, but it does not check{counted}; `treaty-tui check` on it says where"
    ));
    ExitCode::from(1)
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
    let named = path.extension().is_some_and(|x| import::EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e)));
    path.is_dir() || (named && !looks_like_ron(path))
}

/// Whether the file at `path` begins as a corpus file does, whatever its name.
fn looks_like_ron(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let read = std::fs::File::open(path).and_then(|mut file| file.read(&mut head)).unwrap_or(0);
    import::looks_like_ron(&head[..read])
}

/// The corpus at `paths`: one corpus file read as such, or anything else (published texts,
/// directories, several files) read through `import` as one corpus, their notes in the log
/// (and, with `say`, counted on standard error).
pub fn load(paths: &[PathBuf], say: bool) -> Result<Corpus, LoadError> {
    if let [path] = paths
        && !is_published(path)
    {
        return crate::read::load::load_file(path);
    }
    let refused = |why: String| LoadError::Read(ReadError::Io(std::io::Error::other(why)));
    let files = import::files(paths).map_err(refused)?;
    let (corpus, notes) = import::import(&files, None, None).map_err(|refusal| refused(refusal.to_string()))?;
    for note in &notes {
        log::info!("{note}");
    }
    if say && !notes.is_empty() {
        let named = super::named(paths);
        super::warn(&format!(
            "{} things in {named} were read as best they could be: `treaty-tui import {named} --outline` lists them",
            notes.len(),
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
