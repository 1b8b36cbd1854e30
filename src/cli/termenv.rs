//! What `TERM` says of the terminal the explorer is to draw on: one that cannot place text
//! where it goes (`dumb`, or none named), one this system has no description of, or one it
//! knows.

use std::path::PathBuf;

/// The terminal, as `TERM` names it.
#[derive(Debug, PartialEq, Eq)]
pub enum Term {
    /// One the explorer can draw on.
    Known,
    /// `TERM=dumb`, or no `TERM`: it cannot move the cursor, so the explorer cannot draw.
    Dumb,
    /// A name no terminal description on this system has (`TERM=vt100x`): the explorer draws
    /// without colour, which any terminal that places text shows.
    Unknown(String),
}

/// The terminal `TERM` names in the environment.
pub fn from_env() -> Term {
    let term = std::env::var("TERM").unwrap_or_default();
    judge(&term, &description_dirs())
}

/// What `term` is, given the directories terminal descriptions are kept in.
fn judge(term: &str, dirs: &[PathBuf]) -> Term {
    if term.is_empty() || term == "dumb" {
        return Term::Dumb;
    }
    let Some(first) = term.chars().next() else { return Term::Dumb };
    let existing: Vec<&PathBuf> = dirs.iter().filter(|d| d.is_dir()).collect();
    // A system with no descriptions at all (a small container) is no judge of any name.
    if existing.is_empty() || term.contains(['/', '\0']) {
        return Term::Known;
    }
    // Linux keeps `x/xterm`; macOS `78/xterm`, by the first letter's code in hex.
    let described = existing.iter().any(|dir| {
        dir.join(first.to_string()).join(term).is_file() || dir.join(format!("{:x}", first as u32)).join(term).is_file()
    });
    if described { Term::Known } else { Term::Unknown(term.to_string()) }
}

/// Where terminal descriptions are looked for, as ncurses looks: `$TERMINFO`,
/// `~/.terminfo`, `$TERMINFO_DIRS`, then the system's own directories.
fn description_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    dirs.extend(std::env::var_os("TERMINFO").map(PathBuf::from));
    dirs.extend(std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".terminfo")));
    if let Some(list) = std::env::var_os("TERMINFO_DIRS") {
        dirs.extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
    }
    for dir in ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo", "/usr/share/lib/terminfo"]
    {
        dirs.push(PathBuf::from(dir));
    }
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_is_known_by_its_description_dumb_by_name_and_unknown_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = [dir.path().to_path_buf()];
        std::fs::create_dir_all(dir.path().join("x")).unwrap();
        std::fs::write(dir.path().join("x").join("xterm-256color"), b"description").unwrap();
        std::fs::create_dir_all(dir.path().join("6b")).unwrap();
        std::fs::write(dir.path().join("6b").join("kitty"), b"description").unwrap();
        assert_eq!(judge("xterm-256color", &dirs), Term::Known);
        assert_eq!(judge("kitty", &dirs), Term::Known, "described as macOS keeps them");
        assert_eq!(judge("dumb", &dirs), Term::Dumb);
        assert_eq!(judge("", &dirs), Term::Dumb);
        assert_eq!(judge("vt100x", &dirs), Term::Unknown("vt100x".into()));
        assert_eq!(judge("../../etc/passwd", &dirs), Term::Known, "a path is not looked up");
        let none = [dir.path().join("missing")];
        assert_eq!(judge("vt100x", &none), Term::Known, "no descriptions at all: no judge");
    }
}
