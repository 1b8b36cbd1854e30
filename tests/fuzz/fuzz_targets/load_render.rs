//! Arbitrary bytes through loading, checking and rendering.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    treaty_tui::fuzz::load_render(data);
});
