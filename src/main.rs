//! The `eastfront` program: parses the command line and hands over to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use eastfront::commands::{self, Format};

/// Eastfront — the Eastern Front, 22 June 1941 to February 1943, as a war-game for testing
/// claims from history.
///
/// With no command, opens the game window on the scenario picker.
#[derive(Parser)]
#[command(name = "eastfront", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Open the game window on a scenario.
    Play {
        /// A scenario file, e.g. scenarios/barbarossa_1941.ron
        scenario: PathBuf,
    },
    /// Check scenario and map files and report every problem with file, line and column.
    ///
    /// Exits with 0 if every file is sound, 1 if any has an error.
    Validate {
        /// Scenario files (Scenario(...)) or map files (Map(...)), any number.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Show what a scenario or map contains once loaded: calendar, map size, cities with their
    /// hex coordinates, HQs, and units with where they stand and their strength.
    Inspect {
        /// A scenario or map file.
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also draw the hex map in characters (terrain, then who holds what).
        #[arg(long)]
        ascii_map: bool,
    },
    /// Render one screen to a PNG without anyone at the keyboard, print the frame time, and
    /// exit. Needs a display: on a machine without one, run it under `xvfb-run -a`.
    Screenshot(eastfront::shot::ShotOptions),
    /// Play a scenario without a window, computer against computer, and report each turn.
    Run {
        /// A scenario file.
        scenario: PathBuf,
        /// The random seed: the same scenario and seed play the same game.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many weekly turns to play (default: to the scenario's end).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        turns: Option<u32>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// At the end, list every unit on the map: where it stands, its strength, and what
        /// supply it received and why not more.
        #[arg(long)]
        units: bool,
        /// At the end, draw the front in characters: who holds what, where the units stand,
        /// and which are cut off.
        #[arg(long)]
        map: bool,
        /// Play a variant of the scenario (see `inspect`); repeat to combine several.
        #[arg(long = "variant", value_name = "NAME")]
        variants: Vec<String>,
        /// Play this many campaigns, with seeds from --seed on, and report how often each of
        /// the scenario's claims held, with 95% intervals, and the spread of every measurement.
        #[arg(long, value_name = "N", conflicts_with_all = ["turns", "units", "map"],
              value_parser = clap::value_parser!(u32).range(1..=100_000))]
        runs: Option<u32>,
        /// Threads to play campaigns on (default: every core). Results are the same for any.
        #[arg(long, value_name = "K", requires = "runs",
              value_parser = clap::value_parser!(u32).range(1..=256))]
        threads: Option<u32>,
        /// Write the report to this file instead of the screen.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// Rust ignores SIGPIPE, so `eastfront run ... | head` would panic on the closed pipe. Like
/// other command-line tools, end quietly instead: restore the default action.
#[cfg(unix)]
fn quiet_on_closed_pipe() {
    unsafe extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
    }
    const SIGPIPE: i32 = 13;
    const SIG_DFL: usize = 0;
    // SAFETY: setting a signal's disposition to its default is async-signal-safe and done
    // before any other thread exists.
    unsafe {
        signal(SIGPIPE, SIG_DFL);
    }
}

#[cfg(not(unix))]
fn quiet_on_closed_pipe() {}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    let code = match cli.command {
        None => play(None),
        Some(Command::Play { scenario }) => play(Some(scenario)),
        Some(
            Command::Validate {
                format: Format::Csv,
                ..
            }
            | Command::Inspect {
                format: Format::Csv,
                ..
            },
        ) => {
            eprintln!(
                "error: --format csv is for `run`; `validate` and `inspect` write text or json"
            );
            2
        }
        Some(Command::Validate { files, format }) => commands::validate(&files, format),
        Some(Command::Screenshot(a)) => screenshot(a),
        Some(Command::Inspect {
            file,
            format,
            ascii_map,
        }) => commands::inspect(&file, format, ascii_map),
        Some(Command::Run {
            scenario,
            seed,
            turns,
            format,
            units,
            map,
            variants,
            runs,
            threads,
            out,
        }) => match (runs, format) {
            (None, Format::Text | Format::Json) if out.is_none() => commands::run(
                &scenario,
                format,
                &commands::RunOptions {
                    seed,
                    turns,
                    units,
                    map,
                    variants,
                },
            ),
            // A CSV, or a report to a file, is an experiment, of one campaign if no more.
            _ => commands::experiment(
                &scenario,
                format,
                &eastfront::batch::Experiment {
                    runs: runs.unwrap_or(1) as usize,
                    seed,
                    variants,
                    threads: threads.map_or_else(
                        || std::thread::available_parallelism().map_or(1, usize::from),
                        |t| t as usize,
                    ),
                },
                out.as_deref(),
            ),
        },
    };
    ExitCode::from(code as u8)
}

#[cfg(feature = "gui")]
fn play(scenario: Option<PathBuf>) -> i32 {
    eastfront::ui::play(scenario)
}

#[cfg(feature = "gui")]
fn screenshot(o: eastfront::shot::ShotOptions) -> i32 {
    eastfront::ui::screenshot(&o)
}

#[cfg(not(feature = "gui"))]
fn screenshot(_: eastfront::shot::ShotOptions) -> i32 {
    play(None)
}

#[cfg(not(feature = "gui"))]
fn play(_scenario: Option<PathBuf>) -> i32 {
    eprintln!(
        "this eastfront was built without its window (--no-default-features).\n\
         Rebuild with the default features to play: cargo run --release\n\
         Headless commands work here: validate, inspect, run (see --help)."
    );
    2
}
