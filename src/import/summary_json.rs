//! The report's JSON without its data rows: what the page draws first (tiles, charts,
//! the group and total lines), so a 100,000-row report is not computed row by row and
//! sent whole before anything shows. The rows come a page at a time instead.
//!
//! It is the report's own serialization ([`Report`]'s `Serialize`, the one
//! [`render::json`](super::render::json) prints) with one field left out, not a second
//! list of the fields: a field added to the report shows up here too.

use super::Report;
use serde::ser::{Impossible, Serialize, SerializeStruct, Serializer};

/// The object [`render::json`](super::render::json) prints, without `rows` and with
/// `rowCount` (how many data rows there are) last; compact, with the same values.
pub fn json(r: &Report) -> String {
    let mut out = Vec::new();
    let written = r.serialize(WithoutRows { inner: &mut serde_json::Serializer::new(&mut out), count: r.rows.len() });
    match written.map(|()| String::from_utf8(out)) {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => format!("{{\"error\": \"{e}\"}}"),
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
}

/// A serializer for the report struct alone that passes every field but `rows` through.
struct WithoutRows<S> {
    inner: S,
    count: usize,
}

/// The report's fields, `rows` dropped and `rowCount` added at the end.
struct Fields<S> {
    inner: S,
    count: usize,
}

impl<S: SerializeStruct> SerializeStruct for Fields<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), S::Error> {
        if key == "rows" {
            return Ok(());
        }
        self.inner.serialize_field(key, value)
    }
    fn end(mut self) -> Result<S::Ok, S::Error> {
        self.inner.serialize_field("rowCount", &self.count)?;
        self.inner.end()
    }
}

/// The report serializes as a struct; anything else reaching here is a bug, said as an error.
fn not_a_report<T, E: serde::ser::Error>() -> Result<T, E> {
    Err(E::custom("only a report's fields can be written without its rows"))
}

macro_rules! refuse {
    ($($name:ident($($t:ty),*)),* $(,)?) => {
        $(fn $name(self $(, _: $t)*) -> Result<S::Ok, S::Error> { not_a_report() })*
    };
}

impl<S: Serializer> Serializer for WithoutRows<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Impossible<S::Ok, S::Error>;
    type SerializeStruct = Fields<S::SerializeStruct>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self::SerializeStruct, S::Error> {
        Ok(Fields { inner: self.inner.serialize_struct(name, len)?, count: self.count })
    }

    refuse!(
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64), serialize_f32(f32),
        serialize_f64(f64), serialize_char(char), serialize_str(&str), serialize_bytes(&[u8]),
        serialize_none(), serialize_unit(), serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<S::Ok, S::Error> {
        not_a_report()
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<S::Ok, S::Error> {
        not_a_report()
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        not_a_report()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        not_a_report()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, S::Error> {
        not_a_report()
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, S::Error> {
        not_a_report()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        not_a_report()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        not_a_report()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        not_a_report()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_report_less_its_rows_with_their_count() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/campaigns.xlsx")).unwrap();
        let r = crate::import::report(&bytes, &crate::import::Options::default()).unwrap();
        let mut full: serde_json::Value = serde_json::from_str(&crate::import::render::json(&r)).unwrap();
        let rows = full.as_object_mut().unwrap().remove("rows").unwrap();
        full["rowCount"] = rows.as_array().unwrap().len().into();
        let summary: serde_json::Value = serde_json::from_str(&json(&r)).unwrap();
        assert_eq!(summary, full);
        assert!(r.rows.len() > 0);
    }
}
