//! Saved games: the scenario, variants, seed, who plays, and the journal, in RON. Loading
//! replays the journal, and the state hash saved with it proves the game is the same one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Entry, Game, Player};
use crate::scenario::load_scenario_with;

/// Saved games larger than this are not ours (a campaign's journal is well under 1 MB).
const MAX_SAVE_BYTES: u64 = 64 << 20;

#[derive(Debug, Serialize, Deserialize)]
struct SaveFile {
    /// The scenario file, as it was opened.
    scenario: PathBuf,
    variants: Vec<String>,
    seed: u64,
    player: Player,
    /// The date and turn when saved, for a person reading the file.
    date: String,
    turn: u32,
    state_hash: String,
    journal: Vec<Entry>,
}

/// Why a saved game could not be loaded, or loaded but differs.
#[derive(Debug)]
pub enum SaveError {
    Io(PathBuf, std::io::Error),
    TooLarge(PathBuf),
    /// Not a saved game: the file's position and what was wrong.
    Syntax(PathBuf, String),
    /// The scenario it was played on cannot be loaded now.
    Scenario(String),
    /// The journal no longer replays on the scenario as it is now.
    Replay(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            SaveError::TooLarge(p) => write!(
                f,
                "{} is larger than {} MB: it is not a saved game",
                p.display(),
                MAX_SAVE_BYTES >> 20
            ),
            SaveError::Syntax(p, e) => write!(f, "{} is not a saved game: {e}", p.display()),
            SaveError::Scenario(e) => {
                write!(f, "the scenario of this saved game cannot be loaded:\n{e}")
            }
            SaveError::Replay(e) => write!(f, "{e}"),
        }
    }
}

/// Writes the game to `path`.
pub fn save_game(game: &mut Game, path: &Path) -> Result<(), SaveError> {
    let cal = game.sim.calendar();
    let file = SaveFile {
        scenario: game.path().to_path_buf(),
        variants: game.variants().to_vec(),
        seed: game.seed,
        player: game.player,
        date: cal.date.long(),
        turn: cal.turn,
        state_hash: format!("{:016x}", game.sim.state_hash()),
        journal: game.journal.clone(),
    };
    let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default())
        .map_err(|e| SaveError::Syntax(path.to_path_buf(), e.to_string()))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| SaveError::Io(dir.to_path_buf(), e))?;
    }
    std::fs::write(path, text).map_err(|e| SaveError::Io(path.to_path_buf(), e))
}

/// Reads a saved game and replays it. The second value warns when the replayed game's state
/// hash differs from the saved one: the scenario file changed since.
pub fn load_game(path: &Path) -> Result<(Game, Option<String>), SaveError> {
    let io = |e| SaveError::Io(path.to_path_buf(), e);
    if std::fs::metadata(path).map_err(io)?.len() > MAX_SAVE_BYTES {
        return Err(SaveError::TooLarge(path.to_path_buf()));
    }
    let text = std::fs::read_to_string(path).map_err(io)?;
    let file: SaveFile = ron::from_str(&text).map_err(|e| {
        SaveError::Syntax(
            path.to_path_buf(),
            format!(
                "line {}, column {}: {}",
                e.span.start.line, e.span.start.col, e.code
            ),
        )
    })?;
    let loaded = load_scenario_with(&file.scenario, &file.variants)
        .map_err(|f| SaveError::Scenario(f.render()))?;
    let mut game = Game::replay(Arc::new(loaded), file.seed, file.player, &file.journal)
        .map_err(SaveError::Replay)?;
    let hash = format!("{:016x}", game.sim.state_hash());
    let warning = (hash != file.state_hash).then(|| {
        format!(
            "{} changed since this game was saved on {}: the game replayed differs (state {hash}, saved {})",
            file.scenario.display(),
            file.date,
            file.state_hash
        )
    });
    Ok((game, warning))
}
