//! The index of similar clauses kept beside the kept copy of a corpus, so that a large
//! corpus's similar clauses are ready without being worked out again.

use std::io;
use std::path::PathBuf;

use super::copy::{Cache, decode};
use super::files;
use crate::compare::similar::Similar;
use crate::model::Corpus;

/// Raised whenever the layout of a kept index of similar clauses changes.
const SIMILAR_FORMAT: u32 = 1;

impl Cache {
    /// Where the index of similar clauses is kept: beside the corpus, named alike.
    pub(super) fn similar_path(&self) -> PathBuf {
        self.path.with_extension("similar")
    }

    /// The index of similar clauses kept for `corpus`, under the conditions of
    /// [`Cache::load`], and only when it holds together and is the index of `corpus`.
    pub fn load_similar(&self, corpus: &Corpus) -> Option<Similar> {
        let path = self.similar_path();
        let (mut file, header) = self.open_kept(&path, SIMILAR_FORMAT)?;
        let [piece] = header.pieces.as_slice() else { return None };
        let similar = decode::<Similar>(&mut file, piece, &mut Vec::new()).filter(|similar| similar.fits(corpus));
        match &similar {
            Some(_) => log::debug!("{} read", path.display()),
            None => log::warn!(
                "{} refused: it is damaged or not the index of this corpus; it is made again",
                path.display()
            ),
        }
        similar
    }

    /// Keeps `similar`, made for `corpus` as read from the file as it was when this cache
    /// was made, as [`Cache::save`] keeps the corpus.
    pub fn save_similar(&self, similar: &Similar, corpus: &Corpus) -> Result<(), String> {
        if !self.settled {
            return Ok(());
        }
        let path = self.similar_path();
        let fail = |e: io::Error| format!("cannot keep the similar clauses in {}: {e}", path.display());
        let entries = corpus.entries.len();
        let piece = std::iter::once((postcard::to_stdvec(similar), entries as u64));
        files::replace(&path, |out| self.write_pieces(out, piece, SIMILAR_FORMAT, entries)).map_err(fail)
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::keep::testing::{never_used_when_damaged, settle, setup};

    #[test]
    fn kept_similar_clauses_come_back_and_are_never_used_stale_or_damaged() {
        let (dir, file, corpus) = setup(300);
        let path = dir.path().join("c.corpus");
        let cache = Cache::at(path.clone(), &file).unwrap();
        assert!(cache.load_similar(&corpus).is_none(), "nothing kept yet");
        let similar = Similar::new(&corpus);
        cache.save_similar(&similar, &corpus).unwrap();
        let kept = Cache::at(path.clone(), &file).unwrap().load_similar(&corpus).expect("kept");
        let some = (0..corpus.entries.len()).find(|&e| corpus.entries[e].clauses.len() > 1).unwrap();
        assert_eq!(kept.like((some, 2), 5), similar.like((some, 2), 5));
        assert!(!similar.like((some, 2), 5).is_empty());
        let whole = fs::read(dir.path().join("c.similar")).unwrap();
        never_used_when_damaged(&whole, |bytes| {
            fs::write(dir.path().join("c.similar"), bytes).unwrap();
            Cache::at(path.clone(), &file).unwrap().load_similar(&corpus)
        });
        fs::write(dir.path().join("c.similar"), &whole).unwrap();
        let other = crate::read::load_str(&crate::synth::corpus(6, 300)).unwrap();
        assert!(cache.load_similar(&other).is_none(), "the index of another corpus");
        fs::write(&file, fs::read(&file).unwrap()).unwrap();
        settle(&file);
        assert!(Cache::at(path, &file).unwrap().load_similar(&corpus).is_none(), "the file changed");
    }
}
