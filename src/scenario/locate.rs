//! Paths to values inside a file (`units[12].parent`), and the problems found at them.
//! Checks that run on typed data name the path; the loader turns it into file, line and
//! column by walking the tree that was parsed from the file.

use std::fmt;

use super::diagnostic::{Diagnostic, Severity};
use super::tree::{Kind, Node, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Field(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(s: &str) -> Self {
        Seg::Field(s.to_string())
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldPath(pub Vec<Seg>);

/// `fpath!["units", 3, "at"]`
#[macro_export]
macro_rules! fpath {
    ($($seg:expr),* $(,)?) => {
        $crate::scenario::locate::FieldPath(vec![$($crate::scenario::locate::Seg::from($seg)),*])
    };
}

impl FieldPath {
    /// This path followed by the named fields.
    pub fn then_all(mut self, fields: &[&str]) -> FieldPath {
        self.0.extend(fields.iter().map(|f| Seg::from(*f)));
        self
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Field(name) if i == 0 => write!(f, "{name}")?,
                Seg::Field(name) => write!(f, ".{name}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// The span of the value at `path`, or of the nearest enclosing value that exists (a missing
/// field is reported at the structure that lacks it).
pub fn locate(root: &Node, path: &FieldPath) -> Span {
    let mut node = root;
    for seg in &path.0 {
        let next = match (seg, &node.kind) {
            (Seg::Field(name), _) => node.field(name),
            (Seg::Index(i), Kind::List(items) | Kind::Tuple { items, .. }) => items.get(*i),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    node.span
}

/// A problem found by a check on typed data.
#[derive(Debug, Clone)]
pub struct Problem {
    pub severity: Severity,
    pub path: FieldPath,
    pub message: String,
    pub label: Option<String>,
    pub hints: Vec<String>,
}

impl Problem {
    pub fn error(path: FieldPath, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path,
            message: message.into(),
            label: None,
            hints: Vec::new(),
        }
    }

    pub fn warning(path: FieldPath, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            path,
            message: message.into(),
            label: None,
            hints: Vec::new(),
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds advice; a second hint follows the first.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn hint_opt(self, hint: Option<String>) -> Self {
        match hint {
            Some(h) => self.hint(h),
            None => self,
        }
    }

    pub fn into_diagnostic(self, root: &Node) -> Diagnostic {
        Diagnostic {
            severity: self.severity,
            message: self.message,
            span: Some(locate(root, &self.path)),
            label: self.label,
            hints: self.hints,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::tree::parse;

    #[test]
    fn finds_nested_values_and_falls_back_to_the_parent() {
        let src = "(units: [(name: \"a\"), (name: \"b\", at: City(\"Minsk\"))])";
        let root = parse(src, 0).unwrap();
        let s = locate(&root, &fpath!["units", 1, "at", 0]);
        assert_eq!(&src[s.start..s.end], "\"Minsk\"");
        let s = locate(&root, &fpath!["units", 0, "men"]);
        assert_eq!(&src[s.start..s.end], "(name: \"a\")");
        assert_eq!(fpath!["units", 1, "at"].to_string(), "units[1].at");
    }
}
