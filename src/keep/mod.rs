//! What is kept between runs, in the platform's state directory: the reading place and the
//! searches of each corpus (`state`); and for each large corpus a checked copy (`copy`), its
//! search index (`index`), what `search` prints of each hit (`shown`) and the index of
//! similar clauses (`similar`), each read a chunk at a time where only some is needed
//! (`chunks`); written and read so that nothing planted there can hold or misdirect the
//! explorer (`files`).

mod chunks;
pub mod copy;
pub mod files;
pub mod index;
pub mod shown;
pub mod similar;
pub mod state;
#[cfg(test)]
mod testing;
