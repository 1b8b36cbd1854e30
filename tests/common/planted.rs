//! A planted kept file, for the tests of what is kept: as large as it claims, taking no room.

/// A sparse file of `len` bytes at `path` whose last bytes claim a header of all but the few
/// before it, as a planted kept file might.
pub fn planted(path: &std::path::Path, len: u64) {
    use std::io::{Seek, SeekFrom, Write};
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut file = std::fs::File::create(path).unwrap();
    file.set_len(len).unwrap();
    file.seek(SeekFrom::Start(len - 24)).unwrap();
    file.write_all(&(len - 25).to_le_bytes()).unwrap();
    file.write_all(b"treaty-tui cache").unwrap();
}
