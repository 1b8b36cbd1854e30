//! The timeline's `:`: a date typed as people write it ("16 June 1940", "1940-06-16",
//! "June 1940", "1940"), and the first event on or after it selected.

use super::{App, Overlay};
use crate::model::date::Date;

/// The date prompt: what is typed, and what Enter last found wrong with it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateBox {
    pub typed: String,
    pub problem: Option<String>,
}

impl DateBox {
    /// The date typed, when it reads as one.
    pub fn date(&self) -> Option<Date> {
        Date::typed(&self.typed)
    }
}

impl App {
    /// `:` in the timeline: the date prompt.
    pub(super) fn open_date_prompt(&mut self) {
        self.overlay = Some(Overlay::GoToDate(DateBox::default()));
    }

    /// Changes what is typed in the date prompt with `edit`.
    pub(super) fn edit_date(&mut self, edit: impl FnOnce(&mut String)) {
        if let Some(Overlay::GoToDate(date)) = &mut self.overlay {
            edit(&mut date.typed);
            date.problem = None;
        }
    }

    /// Enter in the date prompt: the first event on or after the date selected and brought
    /// into view; or why not, the prompt left open.
    pub(super) fn go_to_date(&mut self) {
        let Some(Overlay::GoToDate(prompt)) = &mut self.overlay else { return };
        let Some(date) = prompt.date() else {
            prompt.problem = Some("not a date: try 16 June 1940, June 1940".into());
            return;
        };
        let from = date.first.ordinal();
        let starts = self.timeline.starts();
        let position = starts.partition_point(|&start| start < from);
        if position == starts.len() {
            prompt.problem = Some(format!("no event on or after {date}"));
            return;
        }
        self.overlay = None;
        self.timeline.select(position);
        self.list.follow_event(position);
    }
}
