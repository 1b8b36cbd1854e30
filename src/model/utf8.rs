//! Text read back from the kept copy of a corpus: most of its bytes are text, and checking
//! that they are UTF-8 is done by a check several times faster than the standard one.

use serde::Deserializer;
use serde::de::{self, Visitor};

/// Reads a string as bytes, which it checks are UTF-8 (in the kept copy, a string and bytes
/// are written alike); from a format that has strings, a string.
pub fn boxed_str<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Box<str>, D::Error> {
    deserializer.deserialize_bytes(Checked)
}

struct Checked;

impl Visitor<'_> for Checked {
    type Value = Box<str>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Box<str>, E> {
        Ok(text.into())
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Box<str>, E> {
        match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => Ok(text.into()),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(bytes), &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Text;

    #[test]
    fn text_reads_back_as_it_was_written_and_never_when_it_is_not_utf8() {
        for plain in ["", "Orzeł — Latvija, Латвия", "a\u{0}b"] {
            let text = Text { plain: plain.into(), links: Box::default() };
            let bytes = postcard::to_stdvec(&text).unwrap();
            assert_eq!(postcard::from_bytes::<Text>(&bytes).unwrap(), text);
            let json = serde_json::to_string(&text).unwrap();
            assert_eq!(serde_json::from_str::<Text>(&json).unwrap(), text);
        }
        let bytes = postcard::to_stdvec(&Text { plain: "ab".into(), links: Box::default() }).unwrap();
        let mut broken = bytes.clone();
        broken[1] = 0xff;
        assert!(postcard::from_bytes::<Text>(&broken).is_err());
    }
}
