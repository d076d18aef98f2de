//! One game as a person plays it: who the computer plays, whose phase is open, the orders
//! given so far (the journal), and saving and loading. Plain Rust over [`Simulation`], so the
//! window, the tests and any other front end drive games the same way.

mod journal;
mod save;
pub mod view;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use journal::Entry;
pub use save::{SaveError, load_game, save_game};

use crate::map::HexId;
use crate::scenario::{Faction, LoadFailure, Loaded, load_scenario_with};
use crate::sim::actions::{Action, Outcome, Refusal};
use crate::sim::{Simulation, ai};

/// Which camps a person plays; the computer plays the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Player {
    Germany,
    Ussr,
    /// Both camps, one after the other (hot seat).
    Both,
    /// Neither: the computer plays both, and the person watches.
    Watch,
}

impl Player {
    pub const ALL: [Player; 4] = [Player::Germany, Player::Ussr, Player::Both, Player::Watch];

    pub fn plays(self, camp: Faction) -> bool {
        match self {
            Player::Germany => camp == Faction::Axis,
            Player::Ussr => camp == Faction::Soviet,
            Player::Both => true,
            Player::Watch => false,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Player::Germany => "Germany",
            Player::Ussr => "USSR",
            Player::Both => "both sides",
            Player::Watch => "watch the computer",
        }
    }
}

/// What comes next in the week: a camp's phase, or the logistics that end the turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Phase(Faction),
    Logistics,
}

/// One move the computer made in its phase, for the map to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenMove {
    pub unit: String,
    pub from: HexId,
    pub to: HexId,
}

pub struct Game {
    sim: Simulation,
    loaded: Arc<Loaded>,
    seed: u64,
    player: Player,
    journal: Vec<Entry>,
    /// The next thing to happen.
    next: Stage,
    /// The phase open for the person, if one is.
    open: Option<Faction>,
    /// What the computer did in its last phase.
    seen: Vec<SeenMove>,
}

impl Game {
    /// Starts a game and plays the computer's phases up to the person's first.
    pub fn new(loaded: Arc<Loaded>, seed: u64, player: Player) -> Self {
        let mut g = Self::quiet(loaded, seed, player);
        if player != Player::Watch {
            g.run_to_person();
        }
        g
    }

    /// A game at its start with nothing played.
    fn quiet(loaded: Arc<Loaded>, seed: u64, player: Player) -> Self {
        Self {
            sim: Simulation::new(loaded.clone(), seed),
            loaded,
            seed,
            player,
            journal: Vec::new(),
            next: Stage::Phase(Faction::Axis),
            open: None,
            seen: Vec::new(),
        }
    }

    /// Loads a scenario with variants and starts a game of it.
    pub fn start(
        path: &Path,
        variants: &[String],
        seed: u64,
        player: Player,
    ) -> Result<Self, LoadFailure> {
        let loaded = Arc::new(load_scenario_with(path, variants)?);
        Ok(Self::new(loaded, seed, player))
    }

    pub fn sim(&self) -> &Simulation {
        &self.sim
    }

    /// For reading queries that need `&mut World`; orders go through [`Game::act`].
    pub fn sim_mut(&mut self) -> &mut Simulation {
        &mut self.sim
    }

    pub fn loaded(&self) -> &Arc<Loaded> {
        &self.loaded
    }

    pub fn path(&self) -> &Path {
        &self.loaded.path
    }

    pub fn variants(&self) -> &[String] {
        &self.loaded.variants
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn player(&self) -> Player {
        self.player
    }

    pub fn journal(&self) -> &[Entry] {
        &self.journal
    }

    /// The camp whose phase the person is playing, if any.
    pub fn open_phase(&self) -> Option<Faction> {
        self.open
    }

    pub fn seen(&self) -> &[SeenMove] {
        &self.seen
    }

    pub fn is_over(&self) -> bool {
        self.sim.is_over()
    }

    /// An order from the person, through the simulation's one door; kept in the journal if
    /// it was accepted.
    pub fn act(&mut self, action: Action) -> Result<Outcome, Refusal> {
        if self.open.is_none() {
            return Err(Refusal::NoPhase);
        }
        let out = self.sim.act(action.clone())?;
        self.journal.push(Entry::Act(action));
        Ok(out)
    }

    /// The odds an attack would have, changing nothing.
    pub fn preview_attack(
        &mut self,
        units: &[String],
        target: HexId,
        air: bool,
    ) -> Result<crate::sim::combat::Odds, Refusal> {
        crate::sim::actions::preview_attack(self.sim.world_mut(), units, target, air)
    }

    /// Where a unit of the person's open phase may move now; nothing out of it.
    pub fn move_range(&mut self, unit: &str) -> Result<Vec<HexId>, Refusal> {
        if self.open.is_none() {
            return Err(Refusal::NoPhase);
        }
        crate::sim::actions::move_range(self.sim.world_mut(), unit)
    }

    /// The person ends their phase: the computer plays on to the person's next phase, or to
    /// the end of the game.
    pub fn end_phase(&mut self) {
        if let Some(camp) = self.open.take() {
            self.next = after(camp);
            self.seen.clear();
            self.run_to_person();
        }
    }

    /// Hands the game to someone else: from watching to playing a side, or back. A phase the
    /// new player plays opens at once if the week has reached one.
    pub fn set_player(&mut self, player: Player) {
        self.player = player;
        self.seen.clear();
        match self.open {
            Some(camp) if !player.plays(camp) => {
                self.computer(camp);
                self.open = None;
                self.next = after(camp);
            }
            _ => {}
        }
        if self.open.is_none() && player != Player::Watch {
            self.run_to_person();
        }
    }

    /// Plays one whole week with the computer on both sides (watch mode).
    pub fn play_computer_week(&mut self) {
        if self.sim.is_over() {
            return;
        }
        self.seen.clear();
        loop {
            match self.next {
                Stage::Phase(camp) => {
                    self.begin(camp);
                    self.computer(camp);
                    self.next = after(camp);
                }
                Stage::Logistics => {
                    self.logistics();
                    return;
                }
            }
        }
    }

    /// Plays the computer's phases and the logistics until a phase the person plays opens, or
    /// the game ends.
    fn run_to_person(&mut self) {
        while !self.sim.is_over() {
            match self.next {
                Stage::Phase(camp) => {
                    self.begin(camp);
                    if self.player.plays(camp) {
                        self.open = Some(camp);
                        return;
                    }
                    self.computer(camp);
                    self.next = after(camp);
                }
                Stage::Logistics => self.logistics(),
            }
        }
    }

    fn begin(&mut self, camp: Faction) {
        self.sim.begin_phase(camp);
        self.journal.push(Entry::Begin(camp));
    }

    fn computer(&mut self, camp: Faction) {
        let before = journal::positions(self.sim.world_mut());
        ai::play_phase(self.sim.world_mut(), camp);
        let after = journal::positions(self.sim.world_mut());
        self.seen
            .extend(before.into_iter().filter_map(|(id, from)| {
                let to = *after.get(&id)?;
                (to != from).then_some(SeenMove { unit: id, from, to })
            }));
        self.journal.push(Entry::Computer(camp));
    }

    fn logistics(&mut self) {
        self.sim.step();
        self.journal.push(Entry::Logistics);
        self.next = Stage::Phase(Faction::Axis);
    }

    /// Replays a journal on a fresh game of `loaded`: the same orders in the same order give
    /// the same game.
    fn replay(
        loaded: Arc<Loaded>,
        seed: u64,
        player: Player,
        journal: &[Entry],
    ) -> Result<Self, String> {
        let mut g = Self::quiet(loaded, seed, player);
        for (i, e) in journal.iter().enumerate() {
            match e {
                Entry::Begin(camp) => {
                    g.begin(*camp);
                    g.next = Stage::Phase(*camp);
                    g.open = g.player.plays(*camp).then_some(*camp);
                }
                Entry::Computer(camp) => {
                    g.open = None;
                    g.seen.clear();
                    g.computer(*camp);
                    g.next = after(*camp);
                }
                Entry::Act(a) => {
                    g.sim.act(a.clone()).map_err(|r| {
                        format!("order {} of the saved game is now refused: {r}", i + 1)
                    })?;
                    g.journal.push(Entry::Act(a.clone()));
                }
                Entry::Logistics => {
                    g.open = None;
                    g.logistics();
                }
            }
        }
        // A phase left open by the person stays open; otherwise play on as a new game would.
        if g.open.is_none() && player != Player::Watch {
            g.run_to_person();
        }
        Ok(g)
    }

    /// The same game on a reloaded scenario: the journal replayed over the new file.
    pub fn replayed_on(&self, loaded: Arc<Loaded>) -> Result<Self, String> {
        Self::replay(loaded, self.seed, self.player, &self.journal)
    }

    /// Where this game's scenario came from: the file and every file it extends or uses.
    pub fn source_files(&self) -> Vec<PathBuf> {
        self.loaded
            .sources
            .files()
            .iter()
            .map(|f| f.path.clone())
            .collect()
    }
}

fn after(camp: Faction) -> Stage {
    match camp {
        Faction::Axis => Stage::Phase(Faction::Soviet),
        Faction::Soviet => Stage::Logistics,
    }
}
