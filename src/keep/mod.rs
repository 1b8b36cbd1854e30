//! What is kept between runs, in the platform's state directory: the reading place and the
//! searches of each corpus, and a checked copy of each large corpus; written and read so
//! that nothing planted there can hold or misdirect the explorer.

mod chunks;
pub mod copy;
pub mod files;
pub mod index;
pub mod shown;
pub mod similar;
pub mod state;
#[cfg(test)]
mod testing;
