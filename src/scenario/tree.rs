//! A RON document as a tree in which every value remembers where it was written.
//!
//! The `ron` crate deserializes straight into types and stops at the first problem, keeping
//! no positions for the values it accepted. Teachers need every mistake in a file, each with
//! its line and column, and `extends:` needs to merge two files while remembering which file
//! each value came from. So authoring files are parsed here into [`Node`]s, merged as trees,
//! and only then turned into typed structures by [`super::de`].

use std::fmt;

/// Which loaded file a span belongs to (an index into [`super::sources::SourceSet`]).
pub type FileId = usize;

/// A byte range in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Self { file, start, end }
    }
}

#[derive(Clone, Debug)]
pub struct Node {
    pub span: Span,
    pub kind: Kind,
}

/// A field of a struct: its name, where the name stands, and its value.
#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    pub name_span: Span,
    pub value: Node,
}

#[derive(Clone, Debug)]
pub enum Kind {
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Char(char),
    /// A bare identifier: a unit enum variant, `None`, or a unit struct name.
    Ident(String),
    /// `Name(a, b)` or `(a, b)`; also `Some(x)` and `()`.
    Tuple {
        name: Option<String>,
        items: Vec<Node>,
    },
    /// `Name(field: value, ...)` or `(field: value, ...)`.
    Struct {
        name: Option<String>,
        fields: Vec<Field>,
    },
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Kind {
    /// How a person would name this kind of value in an error message.
    pub fn describe(&self) -> String {
        match self {
            Kind::Bool(b) => format!("the boolean `{b}`"),
            Kind::Int(i) => format!("the whole number {i}"),
            Kind::Float(f) => format!("the number {f}"),
            Kind::Str(s) => format!("the text \"{s}\""),
            Kind::Char(c) => format!("the character '{c}'"),
            Kind::Ident(i) => format!("the name `{i}`"),
            Kind::Tuple { name: Some(n), .. } => format!("`{n}(...)`"),
            Kind::Tuple { name: None, items } if items.is_empty() => "`()`".to_string(),
            Kind::Tuple { name: None, .. } => "a tuple `(...)`".to_string(),
            Kind::Struct { name: Some(n), .. } => format!("the structure `{n}(...)`"),
            Kind::Struct { name: None, .. } => "a structure `(...)`".to_string(),
            Kind::List(_) => "a list `[...]`".to_string(),
            Kind::Map(_) => "a map `{...}`".to_string(),
        }
    }
}

impl Node {
    /// The value of a struct field, if this is a struct that has it.
    pub fn field(&self, name: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Struct { fields, .. } => fields.iter().find(|f| f.name == name).map(|f| &f.value),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The struct or tuple name written before the parentheses, if any.
    pub fn type_name(&self) -> Option<&str> {
        match &self.kind {
            Kind::Struct { name, .. } | Kind::Tuple { name, .. } => name.as_deref(),
            Kind::Ident(n) => Some(n),
            _ => None,
        }
    }
}

/// A syntax error: where, and what was expected there.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Deepest nesting accepted, so that a hostile file cannot overflow the stack.
const MAX_DEPTH: usize = 64;

/// Parses one RON document. Attributes such as `#![enable(implicit_some)]` are accepted and
/// need not be written: optional fields always take a bare value.
pub fn parse(src: &str, file: FileId) -> Result<Node, SyntaxError> {
    let mut p = Parser {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        file,
        depth: 0,
    };
    // Notepad's "UTF-8 with BOM" puts an invisible mark first; it means nothing here.
    if src.starts_with('\u{feff}') {
        p.pos = '\u{feff}'.len_utf8();
    }
    p.skip_trivia()?;
    if p.pos >= p.bytes.len() {
        return Err(p.error_at(
            0,
            0,
            "the file is empty",
            Some("a scenario starts with `Scenario(` and a map with `Map(`; docs/scenario-format.md has an example"),
        ));
    }
    while p.peek() == Some(b'#') {
        p.attribute()?;
        p.skip_trivia()?;
    }
    let node = p.value()?;
    p.skip_trivia()?;
    if p.pos < p.bytes.len() {
        return Err(p.error_here(
            "unexpected text after the end of the document",
            Some("everything in the file must sit inside the outer `Scenario(...)` or `Map(...)`"),
        ));
    }
    Ok(node)
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    file: FileId,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn span_from(&self, start: usize) -> Span {
        Span::new(self.file, start, self.pos.max(start))
    }

    fn error_at(&self, start: usize, end: usize, message: &str, hint: Option<&str>) -> SyntaxError {
        SyntaxError {
            span: Span::new(self.file, start, end),
            message: message.to_string(),
            hint: hint.map(str::to_string),
        }
    }

    /// An error pointing at the character under the cursor (or the end of the file).
    fn error_here(&self, message: &str, hint: Option<&str>) -> SyntaxError {
        let end = self.src[self.pos..]
            .chars()
            .next()
            .map_or(self.pos, |c| self.pos + c.len_utf8());
        self.error_at(self.pos, end, message, hint)
    }

    fn skip_trivia(&mut self) -> Result<(), SyntaxError> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    let start = self.pos;
                    self.pos += 2;
                    let mut level = 1;
                    while level > 0 {
                        match (self.peek(), self.bytes.get(self.pos + 1)) {
                            (None, _) => {
                                return Err(self.error_at(
                                    start,
                                    start + 2,
                                    "this comment is never closed",
                                    Some("close it with `*/`"),
                                ));
                            }
                            (Some(b'*'), Some(b'/')) => {
                                level -= 1;
                                self.pos += 2;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                level += 1;
                                self.pos += 2;
                            }
                            _ => self.pos += 1,
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn attribute(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        // `#![...]`: skip to the matching bracket; the attributes change nothing here.
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b']' {
                return Ok(());
            }
        }
        Err(self.error_at(
            start,
            start + 1,
            "this `#![...]` attribute is never closed",
            None,
        ))
    }

    fn expect(&mut self, byte: u8, what: &str, hint: Option<&str>) -> Result<(), SyntaxError> {
        self.skip_trivia()?;
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else if self.peek().is_none() {
            Err(self.error_here(&format!("the file ends where {what} was expected"), hint))
        } else {
            Err(self.error_here(&format!("expected {what}"), hint))
        }
    }

    fn value(&mut self) -> Result<Node, SyntaxError> {
        self.skip_trivia()?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_here("values are nested too deeply", None));
        }
        let start = self.pos;
        let result = match self.peek() {
            None => Err(self.error_here("the file ends where a value was expected", None)),
            Some(b'"') => self.string().map(Kind::Str),
            Some(b'r') if matches!(self.bytes.get(self.pos + 1), Some(b'"' | b'#')) => {
                self.raw_string().map(Kind::Str)
            }
            Some(b'\'') => self.char_lit(),
            Some(b'[') => self.list(),
            Some(b'{') => self.map(),
            Some(b'(') => self.parens(None),
            Some(c) if c == b'-' || c == b'+' || c == b'.' || c.is_ascii_digit() => self.number(),
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                let ident = self.ident();
                match ident.as_str() {
                    "true" => Ok(Kind::Bool(true)),
                    "false" => Ok(Kind::Bool(false)),
                    _ => {
                        // A name directly followed by `(` opens a named struct or tuple.
                        if self.peek() == Some(b'(') {
                            self.parens(Some(ident))
                        } else {
                            Ok(Kind::Ident(ident))
                        }
                    }
                }
            }
            Some(_) => Err(self.unexpected_value()),
        };
        self.depth -= 1;
        Ok(Node {
            kind: result?,
            span: self.span_from(start),
        })
    }

    /// What to say when no value can start here: name the usual culprits pasted from a word
    /// processor or a spreadsheet.
    fn unexpected_value(&self) -> SyntaxError {
        let c = self.src[self.pos..].chars().next().unwrap_or(' ');
        let (msg, hint) = match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' => (
                format!("`{c}` is a curly quote, as a word processor types it"),
                "type a straight double quote `\"` instead (switch off \"smart quotes\", or use a plain-text editor)",
            ),
            '\u{2018}' | '\u{2019}' => (
                format!("`{c}` is a curly single quote"),
                "text is written in straight double quotes: \"like this\"",
            ),
            '\u{2013}' | '\u{2014}' | '\u{2212}' => (
                format!("`{c}` is a long dash, not a minus sign"),
                "type a plain `-`",
            ),
            _ => (
                "expected a value".to_string(),
                "a value is text in \"quotes\", a number, a name, `(...)` or `[...]`",
            ),
        };
        self.error_here(&msg, Some(hint))
    }

    fn ident(&mut self) -> String {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.src[start..self.pos].to_string()
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.src[self.pos..].chars().next() else {
                return Err(self.error_at(
                    start,
                    start + 1,
                    "this text is never closed",
                    Some("add the closing `\"`"),
                ));
            };
            self.pos += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let esc_start = self.pos - 1;
                    let Some(e) = self.src[self.pos..].chars().next() else {
                        continue;
                    };
                    self.pos += e.len_utf8();
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => out.push('\0'),
                        '\\' => out.push('\\'),
                        '"' => out.push('"'),
                        '\'' => out.push('\''),
                        'u' => out.push(self.unicode_escape(esc_start)?),
                        _ => {
                            return Err(self.error_at(
                                esc_start,
                                self.pos,
                                &format!("unknown escape `\\{e}` in text"),
                                Some("write `\\\\` for a backslash"),
                            ));
                        }
                    }
                }
                _ => out.push(c),
            }
        }
    }

    fn unicode_escape(&mut self, esc_start: usize) -> Result<char, SyntaxError> {
        let bad = |p: &Self| {
            p.error_at(
                esc_start,
                p.pos,
                "a unicode escape is written `\\u{1F600}`",
                None,
            )
        };
        if self.peek() != Some(b'{') {
            return Err(bad(self));
        }
        self.pos += 1;
        let digits_start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
            self.pos += 1;
        }
        let digits = &self.src[digits_start..self.pos];
        if self.peek() != Some(b'}') {
            return Err(bad(self));
        }
        self.pos += 1;
        u32::from_str_radix(digits, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| bad(self))
    }

    fn raw_string(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        if self.peek() != Some(b'"') {
            return Err(self.error_here("expected `\"` to open a raw string", None));
        }
        self.pos += 1;
        let closing: String = std::iter::once('"')
            .chain(std::iter::repeat_n('#', hashes))
            .collect();
        match self.src[self.pos..].find(&closing) {
            Some(off) => {
                let text = self.src[self.pos..self.pos + off].to_string();
                self.pos += off + closing.len();
                Ok(text)
            }
            None => Err(self.error_at(start, start + 1, "this raw string is never closed", None)),
        }
    }

    fn char_lit(&mut self) -> Result<Kind, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let c = match self.src[self.pos..].chars().next() {
            Some('\\') => {
                self.pos += 1;
                match self.peek() {
                    Some(b'n') => '\n',
                    Some(b't') => '\t',
                    Some(b'\\') => '\\',
                    Some(b'\'') => '\'',
                    _ => {
                        return Err(self.error_at(
                            start,
                            self.pos,
                            "unknown escape in character",
                            None,
                        ));
                    }
                }
            }
            Some(c) => c,
            None => {
                return Err(self.error_at(
                    start,
                    start + 1,
                    "this character is never closed",
                    None,
                ));
            }
        };
        self.pos += c.len_utf8().max(1);
        if self.peek() != Some(b'\'') {
            return Err(self.error_at(
                start,
                self.pos,
                "a character is one letter in single quotes",
                Some("text is written in double quotes: \"like this\""),
            ));
        }
        self.pos += 1;
        Ok(Kind::Char(c))
    }

    fn number(&mut self) -> Result<Kind, SyntaxError> {
        let start = self.pos;
        if matches!(self.peek(), Some(b'-' | b'+')) {
            self.pos += 1;
        }
        let body_start = self.pos;
        while let Some(c) = self.peek() {
            let exponent_sign = matches!(c, b'-' | b'+')
                && matches!(self.bytes.get(self.pos.wrapping_sub(1)), Some(b'e' | b'E'))
                && !self.src[body_start..self.pos].starts_with("0x");
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exponent_sign {
                self.pos += 1;
            } else {
                break;
            }
        }
        let raw = &self.src[start..self.pos];
        let clean: String = raw.chars().filter(|&c| c != '_').collect();
        let body = clean.trim_start_matches(['-', '+']);
        let negative = clean.starts_with('-');
        let parsed = if let Some(hex) = body.strip_prefix("0x") {
            i128::from_str_radix(hex, 16)
                .ok()
                .map(|v| Kind::Int(if negative { -v } else { v }))
        } else if body.chars().all(|c| c.is_ascii_digit()) && !body.is_empty() {
            clean.parse::<i128>().ok().map(Kind::Int)
        } else if body == "inf" || body == "NaN" {
            None
        } else {
            clean
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(Kind::Float)
        };
        parsed.ok_or_else(|| {
            self.error_at(
                start,
                self.pos,
                &format!("`{raw}` is not a number"),
                Some("write numbers like 42, -3, 0.75 or 250_000"),
            )
        })
    }

    /// Inside brackets opened at `open`: true (the bracket consumed) at the closing bracket,
    /// false when another item follows, an error at the end of the file.
    fn closes(&mut self, close: u8, what: &str, open: usize) -> Result<bool, SyntaxError> {
        self.skip_trivia()?;
        match self.peek() {
            Some(c) if c == close => {
                self.pos += 1;
                Ok(true)
            }
            None => Err(self.error_at(
                open,
                open + 1,
                &format!(
                    "{} {what} {} never closed",
                    if what == "parentheses" {
                        "these"
                    } else {
                        "this"
                    },
                    if what == "parentheses" { "are" } else { "is" }
                ),
                Some(&format!("add the closing `{}`", close as char)),
            )),
            _ => Ok(false),
        }
    }

    fn list(&mut self) -> Result<Kind, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            if self.closes(b']', "list", open)? {
                return Ok(Kind::List(items));
            }
            let item = self.value()?;
            self.after_item(&item, b']', "list", open)?;
            items.push(item);
        }
    }

    /// Like [`Self::separator`], but when the item was text running over several lines, the
    /// likelier mistake is a missing closing quote on its first line, so that is what is said.
    fn after_item(
        &mut self,
        item: &Node,
        close: u8,
        what: &str,
        open: usize,
    ) -> Result<(), SyntaxError> {
        self.separator(close, what, open)
            .map_err(|e| self.explain_separator(item, e))
            .map_err(|e| match &item.kind {
                Kind::Str(s) if s.contains('\n') => {
                    let first_line_end = self.src[item.span.start..]
                        .find('\n')
                        .map_or(item.span.end, |i| item.span.start + i);
                    self.error_at(
                    item.span.start,
                    first_line_end,
                    "this text runs on over several lines and is followed by something unexpected",
                    Some("is the closing `\"` missing at the end of this line?"),
                )
                }
                _ => e,
            })
    }

    /// A better guess at what went wrong when an item is not followed by `,` or a bracket.
    fn explain_separator(&self, item: &Node, mut e: SyntaxError) -> SyntaxError {
        if !e.message.starts_with("expected `,`") {
            return e;
        }
        let next = self.src[self.pos..].chars().next().unwrap_or(' ');
        let gap = &self.src[item.span.end..self.pos];
        let hint = match (&item.kind, next) {
            (_, ';') => "separate items with a comma `,`, not `;`".to_string(),
            (Kind::Int(_) | Kind::Float(_), '-' | '/') => {
                "a date is text in quotes: \"1941-12-31\"".to_string()
            }
            (Kind::Int(_) | Kind::Float(_), c) if c.is_ascii_digit() && !gap.contains('\n') => {
                "no spaces inside a number: write 20_000 or 20000".to_string()
            }
            (Kind::Ident(word), c) if (c.is_alphanumeric() || c == '\'') && !gap.contains('\n') => {
                format!("text must be in double quotes: \"{word} ...\"")
            }
            (Kind::Str(_), c) if c.is_alphanumeric() && !gap.contains('\n') => {
                "a `\"` inside text ends it: write `\\\"` for a quote mark inside text".to_string()
            }
            _ if gap.contains('\n') => {
                "is a comma missing at the end of the previous line?".to_string()
            }
            _ => "is a comma missing before this?".to_string(),
        };
        e.hint = Some(hint);
        e
    }

    /// After an item: a comma, or the closing bracket. A missing comma is the most common
    /// slip in hand-written files, so it gets its own message.
    fn separator(&mut self, close: u8, what: &str, open: usize) -> Result<(), SyntaxError> {
        self.skip_trivia()?;
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(())
            }
            Some(c) if c == close => Ok(()),
            None => Err(self.error_at(
                open,
                open + 1,
                &format!("this {what} is never closed"),
                Some(&format!("add the closing `{}`", close as char)),
            )),
            Some(_) => Err(self.error_here(
                &format!(
                    "expected `,` or `{}` after this item of the {what}",
                    close as char
                ),
                Some("is a comma missing at the end of the previous line?"),
            )),
        }
    }

    fn map(&mut self) -> Result<Kind, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let mut entries = Vec::new();
        loop {
            if self.closes(b'}', "map", open)? {
                return Ok(Kind::Map(entries));
            }
            let key = self.value()?;
            self.expect(b':', "`:` between a key and its value", None)?;
            let value = self.value()?;
            self.after_item(&value, b'}', "map", open)?;
            entries.push((key, value));
        }
    }

    /// After `(` (optionally preceded by a name): a struct if the first thing inside is
    /// `name:`, otherwise a tuple.
    fn parens(&mut self, name: Option<String>) -> Result<Kind, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        self.skip_trivia()?;
        if self.looks_like_field() {
            let mut fields: Vec<Field> = Vec::new();
            loop {
                if self.closes(b')', "parentheses", open)? {
                    return Ok(Kind::Struct { name, fields });
                }
                let name_start = self.pos;
                if !self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
                {
                    let before = self.src[..self.pos].trim_end();
                    let thousands = self.peek().is_some_and(|c| c.is_ascii_digit())
                        && before.ends_with(',')
                        && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit());
                    return Err(if thousands {
                        self.error_here(
                            "a comma inside a number splits it in two",
                            Some("write numbers without commas: 20_000 or 20000"),
                        )
                    } else {
                        self.error_here(
                            "expected a field name",
                            Some("inside `(...)` every entry is written `name: value`"),
                        )
                    });
                }
                let field_name = self.ident();
                let name_span = self.span_from(name_start);
                if fields.iter().any(|f| f.name == field_name) {
                    return Err(self.error_at(
                        name_start,
                        self.pos,
                        &format!("the field `{field_name}` is written twice"),
                        Some("keep one of them"),
                    ));
                }
                self.expect(
                    b':',
                    &format!("`:` after the field name `{field_name}`"),
                    None,
                )?;
                let value = self.value()?;
                self.after_item(&value, b')', "structure", open)?;
                fields.push(Field {
                    name: field_name,
                    name_span,
                    value,
                });
            }
        }
        let mut items = Vec::new();
        loop {
            if self.closes(b')', "parentheses", open)? {
                return Ok(Kind::Tuple { name, items });
            }
            let item = self.value()?;
            self.after_item(&item, b')', "tuple", open)?;
            items.push(item);
        }
    }

    fn looks_like_field(&self) -> bool {
        let mut i = self.pos;
        if !self
            .bytes
            .get(i)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        {
            return false;
        }
        while self
            .bytes
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            i += 1;
        }
        while self.bytes.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
            i += 1;
        }
        self.bytes.get(i) == Some(&b':')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_structs_lists_and_spans() {
        let src = "Scenario(\n  title: \"Kiev\", // comment\n  units: [Unit(men: 1_000), (a: 2.5)],\n  at: City(\"Brest\"),\n  opt: None,\n)";
        let node = parse(src, 0).unwrap();
        assert_eq!(node.type_name(), Some("Scenario"));
        let title = node.field("title").unwrap();
        assert_eq!(&src[title.span.start..title.span.end], "\"Kiev\"");
        let units = node.field("units").unwrap();
        let Kind::List(items) = &units.kind else {
            panic!("not a list")
        };
        assert_eq!(items.len(), 2);
        assert!(matches!(
            items[0].field("men").unwrap().kind,
            Kind::Int(1000)
        ));
        assert!(matches!(items[1].field("a").unwrap().kind, Kind::Float(f) if f == 2.5));
        let at = node.field("at").unwrap();
        assert!(
            matches!(&at.kind, Kind::Tuple { name: Some(n), items } if n == "City" && items.len() == 1)
        );
    }

    #[test]
    fn missing_comma_points_at_the_next_item() {
        let src = "(\n  a: 1\n  b: 2,\n)";
        let err = parse(src, 0).unwrap_err();
        assert_eq!(&src[err.span.start..err.span.end], "b");
        assert!(err.message.contains("expected `,`"), "{}", err.message);
        assert_eq!(
            err.hint.unwrap(),
            "is a comma missing at the end of the previous line?"
        );
    }

    #[test]
    fn hints_fit_the_mistake() {
        let hint = |src: &str| parse(src, 0).unwrap_err().hint.unwrap_or_default();
        assert_eq!(hint("(a: 1 b: 2)"), "is a comma missing before this?");
        assert!(hint("(a: 1; b: 2)").contains("not `;`"));
        assert!(hint("(men: 20 000)").contains("no spaces inside a number"));
        assert!(hint("(end: 1941-12-31)").contains("a date is text in quotes"));
        assert!(hint("(title: A stronger Smolensk\")").contains("text must be in double quotes"));
        assert!(hint("(t: \"Stalin's \"mistakes\" here\")").contains("inside text ends it"));
        assert!(hint("(men: 20,000)").contains("without commas"));
        assert!(hint("(title: \u{201c}Kiev\u{201d})").contains("straight double quote"));
        assert!(
            parse("", 0)
                .unwrap_err()
                .message
                .contains("the file is empty")
        );
        assert!(parse("\u{feff}(a: 1)", 0).is_ok());
    }

    #[test]
    fn unclosed_string_points_at_its_start() {
        let src = "(a: \"never closed)";
        let err = parse(src, 0).unwrap_err();
        assert_eq!(err.span.start, 4);
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn unclosed_text_is_blamed_not_the_next_line() {
        let src = "(\n  title: \"Kiev,\n  author: \"me\",\n)";
        let err = parse(src, 0).unwrap_err();
        assert_eq!(err.span.start, src.find("\"Kiev").unwrap());
        assert!(err.hint.unwrap().contains("closing `\"` missing"));
    }

    #[test]
    fn duplicate_field_is_an_error() {
        let err = parse("(men: 1, men: 2)", 0).unwrap_err();
        assert!(err.message.contains("`men` is written twice"));
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let src = "[".repeat(10_000);
        let err = parse(&src, 0).unwrap_err();
        assert!(err.message.contains("nested too deeply"));
    }

    #[test]
    fn numbers_in_all_forms() {
        for (src, want) in [
            ("-3", -3.0),
            ("0.75", 0.75),
            ("1e3", 1000.0),
            ("2.5e-1", 0.25),
            ("0x10", 16.0),
        ] {
            let n = parse(src, 0).unwrap();
            let got = match n.kind {
                Kind::Int(i) => i as f64,
                Kind::Float(f) => f,
                ref k => panic!("{src}: {k:?}"),
            };
            assert_eq!(got, want, "{src}");
        }
        assert!(parse("12ab", 0).is_err());
    }
}
