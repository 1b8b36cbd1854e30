//! What the reader asked of the terminal, which only the event loop holding it can do:
//! suspend to the shell, clear and draw everything again, put a citation on the clipboard.
//! Each is counted as it is asked for, and the loop does what is new since it last looked.

/// The requests made so far, and the last text copied.
#[derive(Debug, Default)]
pub struct Requests {
    suspends: u64,
    redraws: u64,
    copies: u64,
    copied: Option<String>,
}

/// How many of each request the loop had seen when it last looked ([`Requests::seen`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    suspends: u64,
    redraws: u64,
    copies: u64,
}

/// What was asked for since the loop last looked.
#[derive(Debug, PartialEq, Eq)]
pub struct Asked<'a> {
    pub suspend: bool,
    pub redraw: bool,
    /// The text to put on the clipboard.
    pub copy: Option<&'a str>,
}

impl Requests {
    /// Ctrl-Z: hand the terminal to the shell.
    pub fn suspend(&mut self) {
        self.suspends += 1;
    }

    /// Ctrl-L: clear the screen and draw it whole.
    pub fn redraw(&mut self) {
        self.redraws += 1;
    }

    /// `y`: put `text` on the clipboard.
    pub fn copy(&mut self, text: String) {
        self.copied = Some(text);
        self.copies += 1;
    }

    /// The last text copied in this run.
    pub fn copied(&self) -> Option<&str> {
        self.copied.as_deref()
    }

    /// Where the requests stand now.
    pub fn seen(&self) -> Seen {
        Seen { suspends: self.suspends, redraws: self.redraws, copies: self.copies }
    }

    /// What was asked for since `seen`.
    pub fn since(&self, seen: Seen) -> Asked<'_> {
        Asked {
            suspend: self.suspends != seen.suspends,
            redraw: self.redraws != seen.redraws,
            copy: self.copied.as_deref().filter(|_| self.copies != seen.copies),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loop_sees_each_request_once() {
        let mut requests = Requests::default();
        let seen = requests.seen();
        assert_eq!(requests.since(seen), Asked { suspend: false, redraw: false, copy: None });
        requests.copy("a citation".into());
        requests.redraw();
        assert_eq!(requests.since(seen), Asked { suspend: false, redraw: true, copy: Some("a citation") });
        let seen = requests.seen();
        assert_eq!(requests.since(seen), Asked { suspend: false, redraw: false, copy: None });
        assert_eq!(requests.copied(), Some("a citation"), "what was copied stays to be read");
        requests.suspend();
        assert!(requests.since(seen).suspend);
    }
}
