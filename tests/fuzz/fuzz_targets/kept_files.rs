//! The files kept between runs, damaged as the fuzzer likes, read back.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    treaty_tui::fuzz::kept_files(data);
});
