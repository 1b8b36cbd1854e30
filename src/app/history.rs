//! Browser-like history of the pages a reader has opened.

/// Pages behind and ahead of the current one.
#[derive(Debug)]
pub struct History<P> {
    back: Vec<P>,
    forward: Vec<P>,
}

impl<P> Default for History<P> {
    fn default() -> Self {
        Self { back: Vec::new(), forward: Vec::new() }
    }
}

impl<P> History<P> {
    /// Leaving `current` for a new page: it goes behind, and what was ahead is dropped.
    pub fn visit(&mut self, current: P) {
        self.back.push(current);
        self.forward.clear();
    }

    /// The page to return to from `current`, which goes ahead.
    pub fn back(&mut self, current: P) -> Option<P> {
        let page = self.back.pop()?;
        self.forward.push(current);
        Some(page)
    }

    /// The page to go forward to from `current`, which goes behind.
    pub fn forward(&mut self, current: P) -> Option<P> {
        let page = self.forward.pop()?;
        self.back.push(current);
        Some(page)
    }

    /// The same history with every page changed by `f`.
    pub fn map(self, mut f: impl FnMut(P) -> P) -> Self {
        Self { back: self.back.into_iter().map(&mut f).collect(), forward: self.forward.into_iter().map(f).collect() }
    }

    /// How many pages are behind and ahead.
    #[cfg(test)]
    fn depth(&self) -> (usize, usize) {
        (self.back.len(), self.forward.len())
    }
}

#[cfg(test)]
mod tests {
    use super::History;

    #[test]
    fn back_forward_and_a_new_visit_from_the_middle() {
        let mut h = History::default();
        h.visit('a');
        h.visit('b'); // now on c
        assert_eq!(h.back('c'), Some('b'));
        assert_eq!(h.back('b'), Some('a'));
        assert_eq!(h.back('a'), None);
        assert_eq!(h.forward('a'), Some('b'));
        h.visit('b'); // now on d: c is dropped
        assert_eq!(h.forward('d'), None);
        assert_eq!(h.depth(), (2, 0));
        assert_eq!(h.back('d'), Some('b'));
        assert_eq!(h.back('b'), Some('a'));
    }
}
