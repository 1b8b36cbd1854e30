//! Reading a corpus file and checking it: the RON as authors write it, read in pieces or
//! whole, every problem located and explained.

pub(crate) mod derived;
pub mod diagnostic;
pub(crate) mod files;
pub mod format;
pub(crate) mod ids;
mod links;
pub mod load;
pub(crate) mod skeleton;
pub mod source;
pub(crate) mod stream;
mod strings;
mod validate;

pub use load::{BUNDLED, BUNDLED_NAME, LoadError, bundled, load_file, load_str};
pub use validate::{is_language_tag, is_list_item};
