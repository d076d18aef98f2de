//! What each subcommand does. `main.rs` parses the command line and calls these; each returns
//! the process exit code (0 success, 1 a problem in the input files, 2 a misuse).

mod ascii_map;
mod inspect;
mod run;
mod validate;

pub use inspect::inspect;
pub use run::run;
pub use validate::validate;

/// How a command prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For programs and spreadsheets.
    Json,
}

/// Thousands separators for figures a student reads: 3,050,000.
pub fn thousands(n: f64) -> String {
    let whole = n.round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(3_050_000.0), "3,050,000");
        assert_eq!(super::thousands(999.0), "999");
        assert_eq!(super::thousands(-1234.0), "-1,234");
    }
}
