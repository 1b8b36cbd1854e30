//! Every string of a written corpus, wherever it stands, with its path: the schema walks
//! itself (through its `Serialize` derive), so that a field added later is checked like
//! every other without anyone having to remember it.

use std::fmt;

use serde::ser::{self, Serialize};

use super::skeleton::Step::{self, Field, Index};

/// Calls `visit` with the path and value of every string in `value`, in order; `at` is the
/// path of `value` itself. Fields named in `skip` at the top are passed over.
pub fn each<T: Serialize + ?Sized>(value: &T, at: &[Step], skip: &[&str], visit: &mut impl FnMut(&[Step], &str)) {
    let mut walk = Walk { path: at.to_vec(), depth: 0, skip, visit };
    let _ = value.serialize(&mut walk);
}

/// The fields whose text may run over several lines: paragraphs and notes. Every other
/// string (titles, ids, kinds, dates, sources, headings, a field yet to come) is one line.
const PARAGRAPHS: &[&str] = &["description", "body", "preamble", "text", "notes"];

/// Whether the string at `path` may hold line breaks.
pub fn many_lines(path: &[Step]) -> bool {
    let field = path.iter().rev().find_map(|step| match step {
        Field(name) => Some(*name),
        Index(_) => None,
    });
    field.is_some_and(|name| PARAGRAPHS.contains(&name))
}

struct Walk<'a, F> {
    path: Vec<Step>,
    depth: usize,
    skip: &'a [&'a str],
    visit: &'a mut F,
}

impl<F: FnMut(&[Step], &str)> Walk<'_, F> {
    fn part<T: Serialize + ?Sized>(&mut self, step: Step, value: &T) -> Result<(), Never> {
        self.path.push(step);
        self.depth += 1;
        let walked = value.serialize(&mut *self);
        self.depth -= 1;
        self.path.pop();
        walked
    }
}

/// The walk never fails; serde asks for an error type all the same.
#[derive(Debug)]
pub struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("never")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Never
    }
}

/// The parts of a list, a tuple or a variant's fields, numbered from 0.
struct Parts<'w, 'a, F> {
    walk: &'w mut Walk<'a, F>,
    next: usize,
}

impl<F: FnMut(&[Step], &str)> Parts<'_, '_, F> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        self.next += 1;
        self.walk.part(Index(self.next - 1), value)
    }
}

macro_rules! items {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<F: FnMut(&[Step], &str)> ser::$trait for Parts<'_, '_, F> {
            type Ok = ();
            type Error = Never;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
                self.item(value)
            }
            fn end(self) -> Result<(), Never> {
                Ok(())
            }
        }
    )*};
}

items!(SerializeSeq::serialize_element, SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field);
items!(SerializeTupleVariant::serialize_field);

/// A map's keys and values: both are text a reader sees, at the path of the entry.
impl<F: FnMut(&[Step], &str)> ser::SerializeMap for Parts<'_, '_, F> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Never> {
        self.walk.part(Index(self.next), key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        self.item(value)
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl<F: FnMut(&[Step], &str)> ser::$trait for Parts<'_, '_, F> {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Never> {
                if self.walk.depth == 0 && self.walk.skip.contains(&key) {
                    return Ok(());
                }
                self.walk.part(Field(key), value)
            }
            fn end(self) -> Result<(), Never> {
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

impl<'w, 'a, F: FnMut(&[Step], &str)> ser::Serializer for &'w mut Walk<'a, F> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Parts<'w, 'a, F>;
    type SerializeTuple = Parts<'w, 'a, F>;
    type SerializeTupleStruct = Parts<'w, 'a, F>;
    type SerializeTupleVariant = Parts<'w, 'a, F>;
    type SerializeMap = Parts<'w, 'a, F>;
    type SerializeStruct = Parts<'w, 'a, F>;
    type SerializeStructVariant = Parts<'w, 'a, F>;

    fn serialize_str(self, value: &str) -> Result<(), Never> {
        (self.visit)(&self.path, value);
        Ok(())
    }
    fn serialize_char(self, value: char) -> Result<(), Never> {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }
    fn serialize_bool(self, _: bool) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_i16(self, _: i16) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_i32(self, _: i32) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_i64(self, _: i64) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_u8(self, _: u8) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_u16(self, _: u16) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_u32(self, _: u32) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_u64(self, _: u64) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_f64(self, _: f64) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Never> {
        value.serialize(self)
    }
    /// `Other("battle")`: the value is the variant's first member.
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.part(Index(0), value)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Never> {
        Ok(Parts { walk: self, next: 0 })
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Never> {
        Ok(Parts { walk: self, next: 0 })
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Never> {
        Ok(Parts { walk: self, next: 0 })
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Never> {
        Ok(Parts { walk: self, next: 0 })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Never> {
        Ok(Parts { walk: self, next: 0 })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Never> {
        Ok(Parts { walk: self, next: 0 })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Never> {
        Ok(Parts { walk: self, next: 0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::format::CorpusDoc;

    fn strings(text: &str, skip: &[&str]) -> Vec<(Vec<Step>, String)> {
        let doc: CorpusDoc = crate::read::load::options().from_str(text).unwrap();
        let mut found = Vec::new();
        each(&doc, &[], skip, &mut |path, value| found.push((path.to_vec(), value.to_string())));
        found
    }

    #[test]
    fn every_string_is_reached_with_its_path() {
        let text = r#"Corpus(title: "T", entries: [
            Entry(id: "a", title: "A", kind: Other("battle"), summary: "S", body: ["B0", "B1"], start: "1939",
                articles: [Article(number: 1, text: ["P"], links: ["b"])]),
        ], events: [Event(date: "1940", title: "E", concerns: ["a"])])"#;
        let e = |i| [Field("entries"), Index(0), Field(i)];
        let found = strings(text, &[]);
        let expect: Vec<(Vec<Step>, String)> = vec![
            // Empty text is left unwritten (and holds nothing to check): the description,
            // the article's heading and the event's text are not visited.
            (vec![Field("title")], "T".into()),
            (e("id").to_vec(), "a".into()),
            (e("title").to_vec(), "A".into()),
            ([&e("kind")[..], &[Index(0)]].concat(), "battle".into()),
            (e("summary").to_vec(), "S".into()),
            ([&e("body")[..], &[Index(0)]].concat(), "B0".into()),
            ([&e("body")[..], &[Index(1)]].concat(), "B1".into()),
            (e("start").to_vec(), "1939".into()),
            ([&e("articles")[..], &[Index(0), Field("text"), Index(0)]].concat(), "P".into()),
            ([&e("articles")[..], &[Index(0), Field("links"), Index(0)]].concat(), "b".into()),
            (vec![Field("events"), Index(0), Field("date")], "1940".into()),
            (vec![Field("events"), Index(0), Field("title")], "E".into()),
            (vec![Field("events"), Index(0), Field("concerns"), Index(0)], "a".into()),
        ];
        assert_eq!(found, expect);
        let top = strings(text, &["entries", "events"]);
        assert_eq!(top, expect[..1], "skipped fields are passed over at the top only");
    }

    #[test]
    fn only_paragraphs_run_over_lines() {
        assert!(many_lines(&[Field("entries"), Index(3), Field("body"), Index(1)]));
        assert!(many_lines(&[Field("events"), Index(0), Field("text")]));
        assert!(!many_lines(&[Field("entries"), Index(3), Field("kind"), Index(0)]));
        assert!(!many_lines(&[Field("entries"), Index(3), Field("a_field_to_come")]));
        assert!(!many_lines(&[]));
    }
}
