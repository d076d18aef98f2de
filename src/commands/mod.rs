//! What each subcommand does. `main.rs` parses the command line and calls these; each returns
//! the process exit code (0 success, 1 a problem in the input files, 2 a misuse).

pub mod ascii_map;
mod experiment;
mod inspect;
mod run;
mod validate;

pub use experiment::experiment;
pub use inspect::inspect;
pub use run::{RunOptions, run};
pub use validate::validate;

/// How a command prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For programs.
    Json,
    /// For spreadsheets: one row per campaign (`run` only).
    Csv,
}

pub use crate::words::thousands;
