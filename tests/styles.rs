//! Where style carries meaning, the style is what is held: the cursor and the open entry in
//! the list, links and the one selected, search hits in the text, and the words a compared
//! article puts in or leaves out, in colour and without (each snapshot gives every row's
//! text and then a letter for each character's style).

mod common;

use common::Explorer;
use ratatui::crossterm::event::KeyCode;
use treaty_tui::ui::theme::{COLOUR, MONO};

#[test]
fn the_cursor_and_the_open_entry_are_told_apart() {
    // The treaty open, the cursor moved two rows below it.
    let mut e = Explorer::new(80, 24);
    e.keys("jj");
    insta::assert_snapshot!("styles_list_cursor_and_open_entry_80x24", e.styled_screen(&COLOUR));
}

#[test]
fn links_and_the_selected_one() {
    let mut e = Explorer::new(80, 24);
    e.press(KeyCode::Enter).select_link_to("molotov");
    insta::assert_snapshot!("styles_links_80x24", e.styled_screen(&COLOUR));
}

#[test]
fn search_hits_are_marked_in_the_text() {
    let mut e = Explorer::new(80, 24);
    e.keys("/liepaja").press(KeyCode::Enter);
    insta::assert_snapshot!("styles_search_hit_80x24", e.styled_screen(&COLOUR));
}

#[test]
fn words_put_in_and_left_out_are_marked_in_colour_and_without() {
    let mut e = Explorer::new(100, 24);
    let (entry, part) = treaty_tui::model::address::parse(e.app.corpus(), "treaty#4").unwrap();
    e.app.start_at(entry, part);
    e.keys("c");
    insta::assert_snapshot!("styles_compare_marks_100x24", e.styled_screen(&COLOUR));
    insta::assert_snapshot!("styles_compare_marks_no_color_100x24", e.styled_screen(&MONO));
    // Beside one treaty, the words it leaves out are struck through on the article too.
    e.keys("t");
    insta::assert_snapshot!("styles_compare_one_treaty_100x24", e.styled_screen(&COLOUR));
}
