//! Turns a [`Node`] tree into typed structures with serde, keeping the position of whatever
//! went wrong and, for misspelt names, the names that would have been accepted.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::tree::{Field, Kind, Node, Span};

/// What serde could not accept, and where.
#[derive(Debug, Clone)]
pub struct DeError {
    pub message: String,
    pub span: Option<Span>,
    /// For an unknown field or variant: the word written and the accepted ones.
    pub unknown: Option<(String, Vec<String>)>,
}

impl DeError {
    fn at(mut self, span: Span) -> Self {
        self.span.get_or_insert(span);
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            span: None,
            unknown: None,
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError {
            message: format!("unknown field `{field}`"),
            span: None,
            unknown: Some((
                field.to_string(),
                expected.iter().map(|s| s.to_string()).collect(),
            )),
        }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DeError {
            message: format!("`{variant}` is not one of the accepted names here"),
            span: None,
            unknown: Some((
                variant.to_string(),
                expected.iter().map(|s| s.to_string()).collect(),
            )),
        }
    }

    fn missing_field(field: &'static str) -> Self {
        DeError {
            message: format!("the field `{field}` is missing"),
            span: None,
            unknown: None,
        }
    }

    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError {
            message: format!("expected {exp}, found {}", describe_unexpected(unexp)),
            span: None,
            unknown: None,
        }
    }

    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError {
            message: format!("expected {exp}, found {}", describe_unexpected(unexp)),
            span: None,
            unknown: None,
        }
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        DeError {
            message: format!("expected {exp}, found {len} item(s)"),
            span: None,
            unknown: None,
        }
    }
}

fn describe_unexpected(u: de::Unexpected) -> String {
    match u {
        de::Unexpected::Str(s) => format!("the text \"{s}\""),
        de::Unexpected::Signed(i) => format!("the number {i}"),
        de::Unexpected::Unsigned(i) => format!("the number {i}"),
        de::Unexpected::Float(f) => format!("the number {f}"),
        other => other.to_string(),
    }
}

/// Deserializes `T` from a node.
pub fn from_node<'n, T: de::Deserialize<'n>>(node: &'n Node) -> Result<T, DeError> {
    T::deserialize(NodeDe(node)).map_err(|e| e.at(node.span))
}

struct NodeDe<'n>(&'n Node);

impl<'n> NodeDe<'n> {
    fn mismatch(&self, expected: &str) -> DeError {
        DeError {
            message: format!("expected {expected}, found {}", self.0.kind.describe()),
            span: Some(self.0.span),
            unknown: None,
        }
    }

    fn int<T: TryFrom<i128>>(&self, what: &str) -> Result<T, DeError> {
        match &self.0.kind {
            &Kind::Int(i) => T::try_from(i).map_err(|_| DeError {
                message: format!("{i} is out of range: expected {what}"),
                span: Some(self.0.span),
                unknown: None,
            }),
            // Spreadsheets write 20,000 as 20.000 in some countries, and 20000 as 20000.0.
            &Kind::Float(f) if f.fract() == 0.0 => Err(DeError {
                message: format!(
                    "expected {what}, found {f:?}: whole numbers have no decimal point, so write {} (and twenty thousand as 20_000)",
                    f as i64
                ),
                span: Some(self.0.span),
                unknown: None,
            }),
            &Kind::Float(f) => Err(DeError {
                message: format!(
                    "expected {what}, found {f}: the dot is a decimal point; for thousands write 20_000"
                ),
                span: Some(self.0.span),
                unknown: None,
            }),
            Kind::Str(text) if text.trim().replace(['_', ','], "").parse::<i64>().is_ok() => {
                Err(DeError {
                    message: format!(
                        "expected {what}, found the text \"{text}\": numbers are written without quotes"
                    ),
                    span: Some(self.0.span),
                    unknown: None,
                })
            }
            _ => Err(self.mismatch(what)),
        }
    }

    fn float(&self) -> Result<f64, DeError> {
        match self.0.kind {
            Kind::Int(i) => Ok(i as f64),
            Kind::Float(f) => Ok(f),
            _ => Err(self.mismatch("a number")),
        }
    }
}

macro_rules! de_int {
    ($method:ident, $visit:ident, $ty:ty, $what:expr) => {
        fn $method<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
            let n: $ty = self.int($what)?;
            v.$visit(n).map_err(|e: DeError| e.at(self.0.span))
        }
    };
}

impl<'n> de::Deserializer<'n> for NodeDe<'n> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        let span = self.0.span;
        let r = match &self.0.kind {
            Kind::Bool(b) => v.visit_bool(*b),
            Kind::Int(i) => match i64::try_from(*i) {
                Ok(i) => v.visit_i64(i),
                Err(_) => v.visit_f64(*i as f64),
            },
            Kind::Float(f) => v.visit_f64(*f),
            Kind::Str(s) => v.visit_str(s),
            Kind::Char(c) => v.visit_char(*c),
            Kind::Ident(i) if i == "None" => v.visit_none(),
            Kind::Ident(i) => v.visit_str(i),
            Kind::Tuple {
                name: Some(n),
                items,
            } if n == "Some" && items.len() == 1 => v.visit_some(NodeDe(&items[0])),
            Kind::Tuple { items, .. } if items.is_empty() => v.visit_unit(),
            Kind::Tuple { items, .. } | Kind::List(items) => v.visit_seq(Seq {
                items: items.iter(),
            }),
            Kind::Struct { fields, .. } => v.visit_map(Fields {
                fields: fields.iter(),
                value: None,
            }),
            Kind::Map(entries) => v.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
        };
        r.map_err(|e| e.at(span))
    }

    fn deserialize_bool<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        match self.0.kind {
            Kind::Bool(b) => v.visit_bool(b),
            _ => Err(self.mismatch("`true` or `false`")),
        }
    }

    de_int!(
        deserialize_i8,
        visit_i8,
        i8,
        "a whole number from -128 to 127"
    );
    de_int!(deserialize_i16, visit_i16, i16, "a whole number");
    de_int!(deserialize_i32, visit_i32, i32, "a whole number");
    de_int!(deserialize_i64, visit_i64, i64, "a whole number");
    de_int!(deserialize_u8, visit_u8, u8, "a whole number from 0 to 255");
    de_int!(
        deserialize_u16,
        visit_u16,
        u16,
        "a whole number of 0 or more"
    );
    de_int!(
        deserialize_u32,
        visit_u32,
        u32,
        "a whole number of 0 or more"
    );
    de_int!(
        deserialize_u64,
        visit_u64,
        u64,
        "a whole number of 0 or more"
    );

    fn deserialize_f32<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        let f = self.float()?;
        v.visit_f32(f as f32)
            .map_err(|e: DeError| e.at(self.0.span))
    }

    fn deserialize_f64<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        let f = self.float()?;
        v.visit_f64(f).map_err(|e: DeError| e.at(self.0.span))
    }

    fn deserialize_char<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        match self.0.kind {
            Kind::Char(c) => v.visit_char(c),
            _ => Err(self.mismatch("a character in 'single quotes'")),
        }
    }

    fn deserialize_str<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Str(s) => v.visit_str(s).map_err(|e: DeError| e.at(self.0.span)),
            Kind::Ident(i) if i != "None" => Err(DeError {
                message: format!("expected text in quotes, found the bare name `{i}`"),
                span: Some(self.0.span),
                unknown: None,
            }),
            _ => Err(self.mismatch("text in \"double quotes\"")),
        }
    }

    fn deserialize_string<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_bytes<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_byte_buf<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_option<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Ident(i) if i == "None" => v.visit_none(),
            Kind::Tuple {
                name: Some(n),
                items,
            } if n == "Some" && items.len() == 1 => v.visit_some(NodeDe(&items[0])),
            // Optional fields take a bare value: `extends: "base.ron"` rather than `Some(...)`.
            _ => v.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Tuple { name: None, items } if items.is_empty() => v.visit_unit(),
            _ => Err(self.mismatch("`()`")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'n>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Ident(i) if i == name => v.visit_unit(),
            _ => self.deserialize_unit(v),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'n>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::List(items) | Kind::Tuple { name: None, items } => v
                .visit_seq(Seq {
                    items: items.iter(),
                })
                .map_err(|e: DeError| e.at(self.0.span)),
            _ => Err(self.mismatch("a list `[...]`")),
        }
    }

    fn deserialize_tuple<V: Visitor<'n>>(self, len: usize, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Tuple { name: None, items } | Kind::List(items) => {
                if items.len() != len {
                    return Err(DeError {
                        message: format!("expected {len} values in `(...)`, found {}", items.len()),
                        span: Some(self.0.span),
                        unknown: None,
                    });
                }
                v.visit_seq(Seq {
                    items: items.iter(),
                })
                .map_err(|e: DeError| e.at(self.0.span))
            }
            _ => Err(self.mismatch(&format!("{len} values in parentheses `(...)`"))),
        }
    }

    fn deserialize_tuple_struct<V: Visitor<'n>>(
        self,
        name: &'static str,
        len: usize,
        v: V,
    ) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Tuple { name: n, items } if n.as_deref().is_none_or(|n| n == name) => {
                if items.len() != len {
                    let decimal_commas = if items.len() == 2 * len {
                        ": decimals are written with a point, 54.78, not a comma"
                    } else {
                        ""
                    };
                    return Err(DeError {
                        message: format!(
                            "expected {len} values in `{name}(...)`, found {}{decimal_commas}",
                            items.len()
                        ),
                        span: Some(self.0.span),
                        unknown: None,
                    });
                }
                v.visit_seq(Seq {
                    items: items.iter(),
                })
                .map_err(|e: DeError| e.at(self.0.span))
            }
            _ => Err(self.mismatch(&format!("`{name}(...)` with {len} values"))),
        }
    }

    fn deserialize_map<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Map(entries) => v.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
            Kind::Struct { name: None, fields } => v.visit_map(Fields {
                fields: fields.iter(),
                value: None,
            }),
            _ => Err(self.mismatch("a map `{...}`")),
        }
        .map_err(|e: DeError| e.at(self.0.span))
    }

    fn deserialize_struct<V: Visitor<'n>>(
        self,
        name: &'static str,
        expected_fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Struct {
                name: written,
                fields,
            } => {
                if let Some(w) = written
                    && w != name
                {
                    return Err(DeError {
                        message: format!("expected `{name}(...)` here, found `{w}(...)`"),
                        span: Some(self.0.span),
                        unknown: None,
                    });
                }
                v.visit_map(Fields {
                    fields: fields.iter(),
                    value: None,
                })
                .map_err(|e: DeError| e.at(self.0.span))
            }
            // `Name()` or `()`: a struct whose fields all have defaults.
            Kind::Tuple {
                name: written,
                items,
            } if items.is_empty() && written.as_deref().is_none_or(|w| w == name) => v
                .visit_map(Fields {
                    fields: [].iter(),
                    value: None,
                })
                .map_err(|e: DeError| e.at(self.0.span)),
            // A small group of numbers reads best as what to write, e.g. `(germany: …, …)`.
            _ if (1..=5).contains(&expected_fields.len()) => {
                let shape: Vec<String> =
                    expected_fields.iter().map(|f| format!("{f}: …")).collect();
                Err(self.mismatch(&format!("`({})`", shape.join(", "))))
            }
            _ => Err(self.mismatch(&format!("`{name}(...)` with named fields"))),
        }
    }

    fn deserialize_enum<V: Visitor<'n>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        let span = self.0.span;
        match &self.0.kind {
            Kind::Str(text) if !text.is_empty() && !text.contains(char::is_whitespace) => Err(DeError {
                message: format!("names from a fixed list are written without quotes: `{text}`, not \"{text}\""),
                span: Some(span),
                unknown: None,
            }),
            Kind::Ident(variant) => v.visit_enum(Enum {
                variant,
                variant_span: span,
                body: None,
            }),
            Kind::Tuple {
                name: Some(variant),
                ..
            }
            | Kind::Struct {
                name: Some(variant),
                ..
            } => {
                let variant_span = Span::new(span.file, span.start, span.start + variant.len());
                v.visit_enum(Enum {
                    variant,
                    variant_span,
                    body: Some(self.0),
                })
            }
            _ => Err(self.mismatch("one of the accepted names, written without quotes")),
        }
        .map_err(|e| e.at(span))
    }

    fn deserialize_identifier<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Ident(i) | Kind::Str(i) => v.visit_str(i).map_err(|e: DeError| e.at(self.0.span)),
            _ => Err(self.mismatch("a name")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'n>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_unit()
    }
}

struct Seq<'n> {
    items: std::slice::Iter<'n, Node>,
}

impl<'n> de::SeqAccess<'n> for Seq<'n> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'n>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(node) => seed
                .deserialize(NodeDe(node))
                .map(Some)
                .map_err(|e| e.at(node.span)),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Fields<'n> {
    fields: std::slice::Iter<'n, Field>,
    value: Option<&'n Node>,
}

impl<'n> de::MapAccess<'n> for Fields<'n> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'n>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.fields.next() {
            Some(field) => {
                self.value = Some(&field.value);
                let key: de::value::StrDeserializer<'_, DeError> =
                    field.name.as_str().into_deserializer();
                seed.deserialize(key)
                    .map(Some)
                    .map_err(|e| e.at(field.name_span))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'n>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let node = self
            .value
            .take()
            .expect("serde asks for a value only after its key");
        seed.deserialize(NodeDe(node)).map_err(|e| e.at(node.span))
    }
}

struct Entries<'n> {
    entries: std::slice::Iter<'n, (Node, Node)>,
    value: Option<&'n Node>,
}

impl<'n> de::MapAccess<'n> for Entries<'n> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'n>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(NodeDe(key))
                    .map(Some)
                    .map_err(|e| e.at(key.span))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'n>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let node = self
            .value
            .take()
            .expect("serde asks for a value only after its key");
        seed.deserialize(NodeDe(node)).map_err(|e| e.at(node.span))
    }
}

struct Enum<'n> {
    variant: &'n str,
    variant_span: Span,
    body: Option<&'n Node>,
}

impl<'n> de::EnumAccess<'n> for Enum<'n> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'n>>(self, seed: S) -> Result<(S::Value, Self), DeError> {
        let key: de::value::StrDeserializer<'_, DeError> = self.variant.into_deserializer();
        let value = seed.deserialize(key).map_err(|e| e.at(self.variant_span))?;
        Ok((value, self))
    }
}

impl<'n> de::VariantAccess<'n> for Enum<'n> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.body {
            None => Ok(()),
            Some(node) => match &node.kind {
                Kind::Tuple { items, .. } if items.is_empty() => Ok(()),
                _ => Err(DeError {
                    message: format!("`{}` takes no value: write it alone", self.variant),
                    span: Some(node.span),
                    unknown: None,
                }),
            },
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'n>>(self, seed: T) -> Result<T::Value, DeError> {
        match self.body.map(|n| &n.kind) {
            Some(Kind::Tuple { items, .. }) if items.len() == 1 => seed
                .deserialize(NodeDe(&items[0]))
                .map_err(|e| e.at(items[0].span)),
            _ => Err(DeError {
                message: format!(
                    "`{}` takes one value: write `{}(...)`",
                    self.variant, self.variant
                ),
                span: Some(self.body.map_or(self.variant_span, |n| n.span)),
                unknown: None,
            }),
        }
    }

    fn tuple_variant<V: Visitor<'n>>(self, len: usize, v: V) -> Result<V::Value, DeError> {
        match self.body.map(|n| &n.kind) {
            Some(Kind::Tuple { items, .. }) if items.len() == len => v.visit_seq(Seq {
                items: items.iter(),
            }),
            Some(Kind::Tuple { items, .. }) if items.len() == 2 * len => Err(DeError {
                message: format!(
                    "`{}` takes {len} values, found {}: decimals are written with a point, 54.78, not a comma",
                    self.variant,
                    items.len()
                ),
                span: self.body.map(|n| n.span),
                unknown: None,
            }),
            _ => Err(DeError {
                message: format!(
                    "`{}` takes {len} values: write `{}(a, b)`",
                    self.variant, self.variant
                ),
                span: Some(self.body.map_or(self.variant_span, |n| n.span)),
                unknown: None,
            }),
        }
    }

    fn struct_variant<V: Visitor<'n>>(
        self,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        match self.body.map(|n| &n.kind) {
            Some(Kind::Struct { fields, .. }) => v.visit_map(Fields {
                fields: fields.iter(),
                value: None,
            }),
            _ => Err(DeError {
                message: format!(
                    "`{}` takes named fields: write `{}(name: value, ...)`",
                    self.variant, self.variant
                ),
                span: Some(self.body.map_or(self.variant_span, |n| n.span)),
                unknown: None,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::tree::parse;
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Unit {
        name: String,
        men: u32,
        #[serde(default)]
        tanks: u32,
        at: At,
        parent: Option<String>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    enum At {
        City(String),
        LatLon(f64, f64),
    }

    fn de(src: &str) -> Result<Unit, DeError> {
        let node = parse(src, 0).unwrap();
        from_node(&node)
    }

    #[test]
    fn a_good_unit() {
        let u = de("Unit(name: \"4th Army\", men: 300_000, at: LatLon(52, 23.5), parent: \"AGC\")")
            .unwrap();
        assert_eq!(u.at, At::LatLon(52.0, 23.5));
        assert_eq!(u.parent.as_deref(), Some("AGC"));
        assert_eq!(u.tanks, 0);
    }

    #[test]
    fn unknown_field_has_span_and_candidates() {
        let src = "Unit(name: \"x\", mne: 3, at: City(\"Minsk\"))";
        let e = de(src).unwrap_err();
        let span = e.span.unwrap();
        assert_eq!(&src[span.start..span.end], "mne");
        let (word, expected) = e.unknown.unwrap();
        assert_eq!(word, "mne");
        assert!(expected.contains(&"men".to_string()));
    }

    #[test]
    fn unknown_variant_points_at_the_variant() {
        let src = "Unit(name: \"x\", men: 1, at: Town(\"Minsk\"))";
        let e = de(src).unwrap_err();
        let span = e.span.unwrap();
        assert_eq!(&src[span.start..span.end], "Town");
        assert!(e.unknown.unwrap().1.contains(&"City".to_string()));
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let src = "Unit(name: \"x\", men: \"many\", at: City(\"Minsk\"))";
        let e = de(src).unwrap_err();
        let span = e.span.unwrap();
        assert_eq!(&src[span.start..span.end], "\"many\"");
        assert_eq!(
            e.message,
            "expected a whole number of 0 or more, found the text \"many\""
        );
    }

    #[test]
    fn negative_into_unsigned_is_out_of_range() {
        let src = "Unit(name: \"x\", men: -5, at: City(\"Minsk\"))";
        let e = de(src).unwrap_err();
        assert!(
            e.message
                .contains("-5 is out of range: expected a whole number of 0 or more"),
            "{}",
            e.message
        );
    }

    #[test]
    fn spreadsheet_numbers_are_explained() {
        let msg = |men: &str| {
            de(&format!(
                "Unit(name: \"x\", men: {men}, at: City(\"Minsk\"))"
            ))
            .unwrap_err()
            .message
        };
        assert!(
            msg("20000.0")
                .contains("found 20000.0: whole numbers have no decimal point, so write 20000")
        );
        assert!(msg("20.5").contains("the dot is a decimal point"));
        assert!(msg("\"20000\"").contains("numbers are written without quotes"));
        let e = de("Unit(name: \"x\", men: 1, at: LatLon(54,78, 32,05))").unwrap_err();
        assert!(
            e.message.contains("decimals are written with a point"),
            "{}",
            e.message
        );
        let e = de("Unit(name: \"x\", men: 1, at: \"City\")").unwrap_err();
        assert!(
            e.message.contains("without quotes: `City`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn missing_field_points_at_the_struct() {
        let src = "Unit(name: \"x\", at: City(\"Minsk\"))";
        let e = de(src).unwrap_err();
        assert!(e.message.contains("`men` is missing"));
        assert_eq!(e.span.unwrap().start, 0);
    }
}
