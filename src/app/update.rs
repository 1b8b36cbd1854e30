//! How each [`Input`] changes the explorer's state: the one way in to it.

use ratatui::crossterm::event::{KeyEventKind, MouseButton, MouseEventKind};

use super::action::{Action, Motion, Pane};
use super::reader::NoLink;
use super::{App, ContentsRow, Input, ListRow, Overlay, Spot};
use crate::app::document::Page;
use crate::app::layout;

impl App {
    /// Takes in `event`: the only code that changes the explorer's state. Returns whether the
    /// screen may have changed.
    pub fn update(&mut self, event: impl Into<Input>) -> bool {
        let changed = match event.into() {
            Input::Do(action) => self.act(action),
            Input::Key(key) if key.kind != KeyEventKind::Release => {
                super::action_for(self.mode(), key).is_some_and(|action| self.act(action))
            }
            Input::Key(_) => false,
            Input::Mouse(mouse) => match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => self.act(Action::Click(mouse.column, mouse.row)),
                MouseEventKind::ScrollDown => self.act(Action::Wheel(mouse.column, mouse.row, true)),
                MouseEventKind::ScrollUp => self.act(Action::Wheel(mouse.column, mouse.row, false)),
                _ => false,
            },
            Input::Resize(width, height) => self.act(Action::Resize(width, height)),
            Input::Paste(text) => self.paste_text(&text),
            Input::Reloaded { loaded, name } => {
                self.reload_corpus(*loaded, &name);
                true
            }
            Input::Indexed { generation, index } => self.take_index(generation, index),
            Input::Named { generation, names, titles } => {
                if generation == self.generation {
                    self.list.take_names(names, titles);
                }
                false
            }
            Input::Searched { generation, query, scope, found } => self.take_searched(generation, &query, scope, found),
            Input::Similar { generation, similar } => self.take_similar(generation, similar),
            Input::PrepareSearch => {
                self.searching.prepare_aside();
                false
            }
            Input::Restored { queries, marks, start } => {
                self.searching.restore(queries);
                self.marks = super::Marks::restored(marks);
                if let Some((entry, part)) = start {
                    self.open_at(entry, part);
                }
                true
            }
            Input::Signal(signal) => {
                self.signal = Some(signal);
                self.quit = true;
                false
            }
            Input::Notice(message) => {
                self.notice = Some(message);
                true
            }
        };
        self.sync();
        changed
    }

    /// Applies `action`: whether the screen may have changed.
    fn act(&mut self, action: Action) -> bool {
        self.notice = None;
        match action {
            Action::Quit => self.quit = true,
            Action::Mark(marking) => self.start_marking(marking),
            Action::ToggleStrip => self.strip_hidden = !self.strip_hidden,
            Action::Suspend => {
                self.requests.suspend();
                return false;
            }
            Action::Redraw => {
                self.requests.redraw();
                return false;
            }
            Action::FocusNext | Action::FocusPrev | Action::Focus(_) => self.move_focus(action),
            Action::Move(motion) => self.motion(motion),
            Action::Open => self.open(),
            Action::NextLink => self.step_link(true),
            Action::PrevLink => self.step_link(false),
            Action::NextClause if self.comparing() => self.step_compared(true),
            Action::PrevClause if self.comparing() => self.step_compared(false),
            Action::NextClause => self.step_part(true),
            Action::PrevClause => self.step_part(false),
            Action::Compare => self.open_compare(),
            Action::Beside => self.choose_beside(),
            Action::NextColumn => self.next_column(),
            Action::Overview => self.toggle_overview(),
            Action::Similar => self.toggle_similar(),
            Action::Marks => self.toggle_marks(),
            Action::NextChapter => self.step_chapter(true),
            Action::PrevChapter => self.step_chapter(false),
            Action::Unfold => self.unfold(),
            Action::Fold => self.fold(),
            Action::GoTo => self.open_go_to(),
            Action::Complete => self.complete(),
            Action::Scope => self.switch_scope(),
            Action::Group => self.switch_grouping(),
            Action::Filter => self.open_filter(),
            Action::Sort => self.next_order(),
            Action::NextVersion => self.next_version(),
            Action::Peek => match self.reader.link_target() {
                Some(target) => self.overlay = Some(Overlay::Peek { target }),
                None => self.notice = Some("no link selected: ← → select one".into()),
            },
            Action::Back => {
                self.overlay = None;
                match self.reader.back() {
                    Some(place) => self.go(place),
                    None => self.notice = Some("no earlier page".into()),
                }
            }
            Action::Forward => {
                self.overlay = None;
                match self.reader.forward() {
                    Some(place) => self.go(place),
                    None => self.notice = Some("no later page".into()),
                }
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0, find: Default::default() }),
            // The articles compared are copied whole; anything else opens the citation popup.
            Action::Cite if self.comparing() => {
                self.notice = Some(match self.cite_compared() {
                    Some(cite) => {
                        let notice = format!("copied: {cite}");
                        self.requests.copy(cite);
                        notice
                    }
                    None => "nothing selected to cite".into(),
                });
            }
            Action::Cite => self.open_citing(),
            Action::Search if matches!(self.overlay, Some(Overlay::Help { .. })) => self.find_in_help(),
            Action::Search => self.open_search(),
            Action::NextHit if matches!(self.overlay, Some(Overlay::Help { .. })) => self.step_help_find(Some(true)),
            Action::PrevHit if matches!(self.overlay, Some(Overlay::Help { .. })) => self.step_help_find(Some(false)),
            Action::NextHit => self.step_hit(true),
            Action::PrevHit => self.step_hit(false),
            // Leaving a comparison stepped to another article, that article is open.
            Action::Close if self.comparing() => {
                if let Some(Overlay::Compare(comparing)) = self.overlay.take() {
                    let (entry, part) = comparing.base;
                    if self.reader.spot().page != (super::Page { entry, part }) {
                        self.open_at(entry, part);
                    }
                }
            }
            Action::Close if matches!(self.overlay, Some(Overlay::Filter(_))) => self.drop_filter(),
            Action::Close if self.typing_in_help() => self.end_help_find(false),
            Action::Close => {
                if self.overlay.take().is_none() && self.problems.take().is_none() {
                    self.reader.unselect_link();
                    self.searching.forget_last();
                }
            }
            Action::Type(c) if self.marking().is_some() => {
                if let Some(marking) = self.marking() {
                    self.mark_key(marking, c);
                }
            }
            Action::Type(c) if !c.is_control() => self.edit(|q| q.push(c)),
            Action::Type(_) => {}
            Action::Erase => self.edit(|q| {
                q.pop();
            }),
            // Readline's word: the spaces before the cursor, then the word they follow.
            Action::EraseWord => self.edit(|q| {
                // After the last space, however many bytes that space takes (a no-break space
                // takes two).
                let kept = q.trim_end();
                let word = kept.char_indices().rfind(|(_, c)| c.is_whitespace()).map_or(0, |(at, c)| at + c.len_utf8());
                q.truncate(word);
            }),
            Action::EraseToStart => self.edit(String::clear),
            Action::Cursor(to) => self.move_cursor(to),
            Action::Resize(width, height) => self.size = (width, height),
            Action::ZoomIn => self.timeline.zoom(false),
            Action::ZoomOut => self.timeline.zoom(true),
            Action::Fit => self.timeline.fit(),
            Action::PanBack => self.timeline.pan(true),
            Action::PanForward => self.timeline.pan(false),
            Action::AsOf => self.list.toggle_as_of(self.timeline.selected()),
            Action::Click(column, row) => self.click(column, row),
            Action::Wheel(column, row, down) => self.wheel(column, row, down),
            Action::Start { entry, part } => self.open_at(entry, part),
            Action::Visit { entry, part } => self.go_to(entry, part),
        }
        true
    }

    fn move_focus(&mut self, action: Action) {
        const ORDER: [Pane; 3] = [Pane::List, Pane::Detail, Pane::Timeline];
        let at = ORDER.iter().position(|&p| p == self.focus).unwrap_or(0);
        self.focus = match action {
            Action::FocusNext => ORDER[(at + 1) % 3],
            Action::FocusPrev => ORDER[(at + 2) % 3],
            Action::Focus(pane) => pane,
            _ => self.focus,
        };
    }

    fn motion(&mut self, motion: Motion) {
        if let Some(Overlay::Search(_)) = self.overlay {
            return self.search_motion(motion);
        }
        if let Some(Overlay::GoToDate(_) | Overlay::Filter(_)) = self.overlay {
            return;
        }
        if let Some(Overlay::GoTo(go)) = &mut self.overlay {
            go.selected = motion.step(go.selected, 5, go.matches.len().saturating_sub(1));
            return;
        }
        if let Some(Overlay::Choose { options, selected }) = &mut self.overlay {
            *selected = motion.step(*selected, 5, options.len().saturating_sub(1));
            return;
        }
        if let Some(Overlay::Cite(citing)) = &mut self.overlay {
            citing.selected = motion.step(citing.selected, 1, citing.formats.len().saturating_sub(1));
            return;
        }
        if let Some(Overlay::Compare(super::Comparing { similar: Some(list), .. })) = &mut self.overlay {
            let last = list.hits.as_ref().map_or(0, |hits| hits.len().saturating_sub(1));
            list.selected = motion.step(list.selected, 5, last);
            return;
        }
        if let Some(Overlay::Compare(super::Comparing { overview: Some(overview), .. })) = &mut self.overlay {
            let last = overview.rows.len().saturating_sub(1);
            let page = (self.size.1 as usize).saturating_sub(5);
            overview.selected = motion.step(overview.selected, page, last);
            return;
        }
        if let Some(Overlay::Compare(_)) = &self.overlay {
            let (widths, one) = super::compare::widths(self.size.0, self.compared_columns());
            let page = (self.size.1 as usize).saturating_sub(4);
            // Laid out already by the last update, unless something went around it.
            let count = match (self.laid_out_rows(self.size.0), &self.overlay) {
                (Some(rows), _) => rows.len(),
                (None, Some(Overlay::Compare(comparing))) => {
                    super::compare::rows(&self.corpus, comparing, &widths, one).len()
                }
                (None, _) => 0,
            };
            let Some(Overlay::Compare(comparing)) = &mut self.overlay else { return };
            let last = count.saturating_sub(page);
            comparing.scroll = motion.step(comparing.scroll, page, last);
            return;
        }
        if let Some(Overlay::Help { .. }) = self.overlay {
            let screen = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
            let page = (self.size.1 as usize).saturating_sub(3);
            let last = super::help::max_scroll(screen, &self.marks_listed());
            if let Some(Overlay::Help { scroll, .. }) = &mut self.overlay {
                *scroll = motion.step(*scroll, page, last);
            }
            return;
        }
        match self.focus {
            Pane::List => self.move_in_list(motion),
            Pane::Detail => {
                let height = self.detail_height();
                self.reader.scroll(&self.corpus, motion, height);
            }
            Pane::Timeline => {
                let last = self.corpus.chronology.len().saturating_sub(1);
                self.timeline.select(motion.step(self.timeline.selected(), 10, last));
                self.list.follow_event(self.timeline.selected());
            }
        }
    }

    fn open(&mut self) {
        if self.comparing() {
            return self.compare_selected();
        }
        if let Some(Overlay::Search(_)) = self.overlay {
            return self.choose_hit();
        }
        if let Some(Overlay::GoTo(_)) = self.overlay {
            return self.go_to_label();
        }
        if let Some(Overlay::GoToDate(_)) = self.overlay {
            return self.go_to_date();
        }
        if self.typing_in_help() {
            return self.end_help_find(true);
        }
        if let Some(Overlay::Filter(prompt)) = &self.overlay {
            // What is typed and cannot be read leaves the prompt open, saying why.
            if prompt.problem.is_none() {
                self.overlay = None;
            }
            return;
        }
        if let Some(Overlay::Cite(_)) = self.overlay {
            return self.copy_citing();
        }
        match self.overlay.take() {
            Some(Overlay::Peek { target }) => return self.go_to(target, 0),
            Some(Overlay::Choose { options, selected }) => {
                if let Some(&entry) = options.get(selected) {
                    self.go_to(entry, 0);
                }
                return;
            }
            other => self.overlay = other,
        }
        match self.focus {
            Pane::List => match self.selected_row() {
                Some(ListRow::Contents(ContentsRow::Chapter { chapter, .. })) => {
                    self.set_open(chapter, !self.outline.is_open(chapter))
                }
                Some(_) => {
                    if let Some(Page { entry, part }) = self.selected_page() {
                        self.commit_preview();
                        self.go_to(entry, part);
                        self.focus = Pane::Detail;
                    }
                }
                None => {}
            },
            Pane::Detail => {
                if let Some(target) = self.reader.link_target() {
                    self.go_to(target, 0);
                }
            }
            Pane::Timeline => {
                let event = self.corpus.chronology.get(self.timeline.selected()).map(|&e| &self.corpus.events[e]);
                match event.map(|e| &*e.concerns) {
                    Some([entry]) => self.go_to(*entry, 0),
                    Some(options @ [_, _, ..]) => {
                        self.overlay = Some(Overlay::Choose { options: options.to_vec(), selected: 0 });
                    }
                    _ => {}
                }
            }
        }
    }

    /// Opens `entry` at `part`, leaving the current place in the history.
    pub fn visit(&mut self, entry: usize, part: usize) {
        self.update(Action::Visit { entry, part });
    }

    pub(super) fn go_to(&mut self, entry: usize, part: usize) {
        let page = Page { entry, part };
        if self.reader.visit(page) {
            self.go(Spot::top(page));
        }
    }

    /// Selects the next or previous link: from the selected one when it is in view,
    /// otherwise from the top or bottom of the view; scrolls to it.
    fn step_link(&mut self, forward: bool) {
        let height = self.detail_height();
        if let Err(none) = self.reader.step_link(&self.corpus, forward, height) {
            self.notice = Some(
                match none {
                    NoLink::OnThePage => "no link on this page",
                    NoLink::FurtherOn => "no link further on",
                    NoLink::FurtherBack => "no link further back",
                }
                .into(),
            );
        }
    }

    /// Shows a treaty's next or previous part (overview, preamble, articles, annexes).
    fn step_part(&mut self, forward: bool) {
        let parts = self.corpus.entries.get(self.reader.spot().page.entry).map_or(0, |e| e.clauses.len());
        let part = self.reader.spot().page.part;
        let to = if forward { (part + 1).min(parts) } else { part.saturating_sub(1) };
        if to == part {
            self.notice = Some(match (parts, forward) {
                (0, _) => "this entry has no articles".into(),
                (_, true) => "this is the treaty's last part".into(),
                (_, false) => "this is the treaty's overview, before its first part".into(),
            });
        }
        self.show_part(to);
    }

    /// Shows part `part` of the open treaty, without adding to the history.
    pub(super) fn show_part(&mut self, part: usize) {
        if part != self.reader.spot().page.part {
            self.go(Spot::top(Page { part, ..self.reader.spot().page }));
        }
    }

    /// Shows the first part of the next division, or of the division the part shown is in
    /// (going back from its later parts), or of the one before.
    fn step_chapter(&mut self, forward: bool) {
        let Some(entry) = self.corpus.entries.get(self.reader.spot().page.entry) else { return };
        // The divisions called chapters, where there are any; otherwise the outermost.
        let chapters = entry.chapters.iter().any(|c| c.division.eq_ignore_ascii_case("chapter"));
        let stepped = |c: &&crate::model::Chapter| {
            if chapters { c.division.eq_ignore_ascii_case("chapter") } else { c.parent.is_none() }
        };
        let mut starts: Vec<usize> = entry
            .chapters
            .iter()
            .filter(stepped)
            .filter(|c| !c.clauses.is_empty())
            .map(|c| c.clauses.start as usize + 1)
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let part = self.reader.spot().page.part;
        let to = if forward { starts.iter().find(|&&s| s > part) } else { starts.iter().rfind(|&&s| s < part) };
        match to {
            Some(&to) => self.show_part(to),
            None if starts.is_empty() => self.notice = Some("this entry has no chapters".into()),
            None if forward => self.notice = Some("no chapter after this one".into()),
            None => self.notice = Some("no chapter before this one".into()),
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        if self.overlay.take().is_some() {
            return;
        }
        let Some(areas) = self.areas() else { return };
        let at = ratatui::layout::Position::new(column, row);
        let Some(pane) = [Pane::List, Pane::Detail, Pane::Timeline]
            .into_iter()
            .find(|&p| areas.of(p).is_some_and(|a| a.contains(at)))
        else {
            return;
        };
        self.focus = pane;
        let inner = layout::inner(areas.of(pane).unwrap_or_default());
        if !inner.contains(at) {
            return;
        }
        let (x, y) = ((column - inner.x) as usize, (row - inner.y) as usize);
        match pane {
            Pane::List => self.click_list(y),
            Pane::Detail => {
                // The text is set in its measure, centred in a wide view.
                let margin = (layout::text_area(inner).x - inner.x) as usize;
                let Some(x) = x.checked_sub(margin) else { return };
                if let Some(target) = self.reader.click(y, x) {
                    self.go_to(target, 0);
                }
            }
            Pane::Timeline => {
                if let Some(event) = self.timeline.nearest(x as u16, inner.width) {
                    self.timeline.select(event);
                    self.list.follow_event(event);
                }
            }
        }
    }

    fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let Some(areas) = self.areas() else { return };
        let at = ratatui::layout::Position::new(column, row);
        if let Some(strip) = areas.timeline.map(layout::inner).filter(|a| a.contains(at)) {
            let day = self.timeline.window().day_at(column - strip.x, strip.width);
            return self.timeline.zoom_at(day, down);
        }
        let motion = if down { Motion::Next } else { Motion::Prev };
        for pane in [Pane::List, Pane::Detail] {
            if areas.of(pane).is_some_and(|a| a.contains(at)) {
                let focus = std::mem::replace(&mut self.focus, pane);
                for _ in 0..3 {
                    self.motion(motion);
                }
                self.focus = focus;
            }
        }
    }
}
