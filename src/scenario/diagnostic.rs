//! Problems found in a file, said so that a teacher who is not a programmer can fix them:
//! which file, which line and column, the line itself, what is wrong, and what would be right.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use serde::Serialize;

use super::sources::SourceSet;
use super::tree::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Where it is; None when the problem is about a file as a whole (it cannot be read).
    pub span: Option<Span>,
    /// A short remark printed under the marked text.
    pub label: Option<String>,
    /// What to do about it, most useful first.
    pub hints: Vec<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, span: Option<Span>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            hints: Vec::new(),
        }
    }

    pub fn warning(message: impl Into<String>, span: Option<Span>) -> Self {
        Self {
            severity: Severity::Warning,
            message: message.into(),
            span,
            label: None,
            hints: Vec::new(),
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds advice; a second hint follows the first.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn with_hint_opt(self, hint: Option<String>) -> Self {
        match hint {
            Some(h) => self.with_hint(h),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Where the problem is, as a person reads it.
    pub fn locate(&self, sources: &SourceSet) -> Option<Location> {
        let span = self.span?;
        let file = sources.get(span.file);
        let (line, column) = file.line_col(span.start);
        Some(Location {
            file: file.display.clone(),
            line,
            column,
            text: file.line_text(line).to_string(),
        })
    }

    /// `file:line:col: error: message` and the quoted line, for a terminal.
    pub fn render(&self, sources: &SourceSet) -> String {
        let mut files = SimpleFiles::new();
        let ids: Vec<usize> = sources
            .files()
            .iter()
            .map(|f| files.add(f.display.clone(), f.text.clone()))
            .collect();
        let mut d = match self.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        }
        .with_message(&self.message);
        if let Some(span) = self.span {
            let end = span
                .end
                .max(span.start + 1)
                .min(sources.get(span.file).text.len().max(span.start));
            let mut label = Label::primary(ids[span.file], span.start..end);
            if let Some(l) = &self.label {
                label = label.with_message(l);
            }
            d = d.with_labels(vec![label]);
        }
        d = d.with_notes(self.hints.iter().map(|h| format!("hint: {h}")).collect());
        let config = term::Config {
            chars: term::Chars::ascii(),
            ..Default::default()
        };
        term::emit_into_string(&config, &files, &d)
            .unwrap_or_else(|_| format!("error: {}\n", self.message))
    }

    pub fn to_json(&self, sources: &SourceSet) -> serde_json::Value {
        let loc = self.locate(sources);
        serde_json::json!({
            "severity": self.severity,
            "message": self.message,
            "file": loc.as_ref().map(|l| l.file.clone()),
            "line": loc.as_ref().map(|l| l.line),
            "column": loc.as_ref().map(|l| l.column),
            "text": loc.as_ref().map(|l| l.text.clone()),
            "label": self.label,
            "hints": self.hints,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub text: String,
}

/// "did you mean `Smolensk`?" — the closest of `candidates` to `word`, if one is close enough
/// to be a plausible slip rather than a different name.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let cl = c.to_lowercase();
        let score = if cl == lower {
            1.0
        } else {
            let jw = strsim::jaro_winkler(&lower, &cl);
            let lev = strsim::levenshtein(&lower, &cl);
            let len = lower.chars().count().max(cl.chars().count()).max(1);
            // Short names need an edit distance, long ones a similarity.
            if lev <= 2.max(len / 4) {
                jw.max(0.85)
            } else {
                jw
            }
        };
        if score >= 0.82 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    nearest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let cities = ["Moscow", "Smolensk", "Minsk", "Stalingrad", "Stalino"];
        assert_eq!(nearest("Smolensck", cities), Some("Smolensk"));
        assert_eq!(nearest("moscow", cities), Some("Moscow"));
        assert_eq!(nearest("Stalingrd", cities), Some("Stalingrad"));
        assert_eq!(nearest("Vladivostok", cities), None);
    }

    #[test]
    fn renders_file_line_column_and_the_line() {
        let mut sources = SourceSet::default();
        let text = "Scenario(\n  at: City(\"Smolensck\"),\n)\n".to_string();
        let start = text.find("\"Smolensck\"").unwrap();
        let f = sources.add("my.ron".into(), text);
        let d = Diagnostic::error(
            "unknown city `Smolensck`",
            Some(Span::new(f, start, start + 11)),
        )
        .with_label("not a city on this map")
        .with_hint("did you mean `Smolensk`?");
        let out = d.render(&sources);
        assert!(out.starts_with("error: unknown city `Smolensck`"), "{out}");
        assert!(out.contains("--> my.ron:2:12"), "{out}");
        assert!(out.contains("at: City(\"Smolensck\")"), "{out}");
        assert!(out.contains("hint: did you mean `Smolensk`?"), "{out}");
    }
}
