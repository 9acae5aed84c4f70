//! A readable JSON layout for serde_json: a container that holds containers puts each item
//! on its own line (indented two spaces a level); a container of plain values stays on one
//! line, with `", "` and `": "` between its parts. So a table of rows reads a row a line:
//!
//! ```text
//! {
//!   "rows": [
//!     {"channel": "A", "conversions": 1.0},
//!     {"channel": "B", "conversions": 2.0}
//!   ],
//!   "warnings": ["…"]
//! }
//! ```
//!
//! Whether a container spans lines is known only once its items are seen, so each open
//! container is kept as a list of rendered items until it closes. Scalars and strings
//! are written by serde_json's own [`CompactFormatter`], so numbers (shortest round-trip
//! digits of the double, `4.0` for a whole one) and escapes are exactly serde_json's.

use crate::error::KpiError;
use serde::{Serialize, Serializer};
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};
use std::io::{self, Write};

/// `value` in this layout, ending with a newline.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Layout::default());
    // Serializing our own structs into memory cannot fail (maps have string keys).
    value.serialize(&mut ser).expect("JSON layout of plain data");
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// One open container: its closing bracket, its items so far, and whether any is a container.
struct Frame {
    close: u8,
    items: Vec<Vec<u8>>,
    nested: bool,
}

#[derive(Default)]
struct Layout {
    stack: Vec<Frame>,
}

impl Layout {
    /// The item being written, or `None` at the top level.
    fn item(&mut self) -> Option<&mut Vec<u8>> {
        self.stack.last_mut().and_then(|f| f.items.last_mut())
    }

    fn open(&mut self, close: u8) {
        if let Some(f) = self.stack.last_mut() {
            f.nested = true;
        }
        self.stack.push(Frame { close, items: Vec::new(), nested: false });
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        let f = self.stack.pop().expect("a container to close");
        let depth = self.stack.len();
        let open = if f.close == b']' { b'[' } else { b'{' };
        let mut s = vec![open];
        if f.nested && !f.items.is_empty() {
            let indent = |d: usize| " ".repeat(2 * d).into_bytes();
            for (i, item) in f.items.iter().enumerate() {
                s.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
                s.extend(indent(depth + 1));
                s.extend_from_slice(item);
            }
            s.push(b'\n');
            s.extend(indent(depth));
        } else {
            s.extend(f.items.join(&b", "[..]));
        }
        s.push(f.close);
        match self.item() {
            Some(item) => {
                item.extend(s);
                Ok(())
            }
            None => w.write_all(&s),
        }
    }
}

/// A scalar: written by CompactFormatter into the current item (or `w` at the top level).
macro_rules! scalar {
    ($($name:ident($($arg:ident: $t:ty),*);)*) => {$(
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $t)*) -> io::Result<()> {
            match self.item() {
                Some(item) => CompactFormatter.$name(item $(, $arg)*),
                None => CompactFormatter.$name(w $(, $arg)*),
            }
        }
    )*};
}

impl Formatter for Layout {
    scalar! {
        write_null();
        write_bool(v: bool);
        write_i8(v: i8);
        write_i16(v: i16);
        write_i32(v: i32);
        write_i64(v: i64);
        write_i128(v: i128);
        write_u8(v: u8);
        write_u16(v: u16);
        write_u32(v: u32);
        write_u64(v: u64);
        write_u128(v: u128);
        write_f32(v: f32);
        write_f64(v: f64);
        write_number_str(v: &str);
        begin_string();
        end_string();
        write_string_fragment(v: &str);
        write_char_escape(v: CharEscape);
        write_raw_fragment(v: &str);
    }

    fn begin_array<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.open(b']');
        Ok(())
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, _: &mut W, _first: bool) -> io::Result<()> {
        self.stack.last_mut().expect("an open array").items.push(Vec::new());
        Ok(())
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.open(b'}');
        Ok(())
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, _: &mut W, _first: bool) -> io::Result<()> {
        self.stack.last_mut().expect("an open object").items.push(Vec::new());
        Ok(())
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.item().expect("an object key").extend_from_slice(b": ");
        Ok(())
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }
}

/// A result, or in its place the spreadsheet error that replaced it.
#[derive(Serialize)]
#[serde(untagged)]
pub enum OrError<'a, T> {
    /// The result.
    Ok(T),
    /// Its error: the code and the sentence.
    Err {
        /// `#NUM!` and the like.
        error: &'static str,
        /// What is wrong.
        message: &'a str,
    },
}

impl<'a, T> OrError<'a, T> {
    /// `r`'s value through `f`, or its error.
    pub fn of<U: 'a>(r: &'a Result<U, KpiError>, f: impl FnOnce(&'a U) -> T) -> Self {
        match r {
            Ok(x) => OrError::Ok(f(x)),
            Err(e) => OrError::Err { error: e.kind.code(), message: &e.message },
        }
    }
}

/// A JSON object whose keys keep the order given.
pub struct Ordered<K, V>(pub Vec<(K, V)>);

impl<K: Serialize, V: Serialize> Serialize for Ordered<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

#[cfg(test)]
mod tests {
    use super::to_string;
    use serde_json::json;

    #[test]
    fn containers_of_containers_span_lines_the_rest_stay_inline() {
        let v = json!({"a": [{"x": 1.0, "y": "q\""}, {"x": 0.1}], "b": {"c": 4}, "e": [], "f": {}, "w": ["u", "v"]});
        assert_eq!(
            to_string(&v),
            "{\n  \"a\": [\n    {\"x\": 1.0, \"y\": \"q\\\"\"},\n    {\"x\": 0.1}\n  ],\n  \"b\": {\"c\": 4},\n  \"e\": [],\n  \"f\": {},\n  \"w\": [\"u\", \"v\"]\n}\n"
        );
    }

    #[test]
    fn numbers_and_escapes_are_serde_jsons() {
        for x in [0.1, 1e300, -0.0, 4.0, f64::NAN, 1.0 / 3.0] {
            assert_eq!(to_string(&x), serde_json::to_string(&x).unwrap() + "\n");
        }
        let s = "tab\t, nul\u{0}, 中, \u{2028}";
        assert_eq!(to_string(&[s]), format!("[{}]\n", serde_json::to_string(s).unwrap()));
    }
}
