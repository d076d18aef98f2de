//! The simulation: ECS components and resources, the weekly turn schedule and its systems.
//!
//! Headless by design: nothing here renders, opens windows or loads assets, so a campaign runs
//! in a test, on a server, or a thousand times in parallel. The GUI reads this state and sends
//! actions; it never writes simulation components itself.

pub mod actions;
pub mod ai;
pub mod air;
pub mod calendar;
pub mod combat;
pub mod evacuation;
pub mod formations;
mod hash;
mod hq_chains;
pub mod lend_lease;
pub mod log;
pub mod movement;
pub mod pockets;
pub mod production;
mod queries;
pub mod rail;
mod rear;
pub mod record;
mod recovery;
mod reinforcement;
pub mod replacement;
pub mod rng;
pub mod schedule;
pub mod supply;
pub mod tally;
mod territory;
pub mod units;
pub mod victory;
pub mod weather;
pub mod world;

use std::sync::Arc;

use bevy::prelude::*;

pub use calendar::Calendar;
pub use hash::state_hash;
pub use log::{EventLog, LogEntry};
pub use record::{Records, TurnRecord};
pub use rng::SimRng;
pub use schedule::{TurnSchedule, TurnSystems};
pub use units::{Cohesion, Experience, HexPos, Pending, Strength, Unit};
pub use world::{Control, Map, ScenarioRes};

use crate::scenario::Loaded;

/// Adds the simulation of one scenario, started with one seed.
pub struct SimPlugin {
    pub loaded: Arc<Loaded>,
    pub seed: u64,
}

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        let loaded = &self.loaded;
        let mut rng = SimRng::from_seed(self.seed);
        // The weather's spread is the first thing drawn from the seed.
        let weather = weather::Weather::new(
            &loaded.map,
            loaded.scenario.weather.as_ref(),
            loaded.scenario.calendar.start,
            &mut rng.0,
        );
        app.insert_resource(Calendar::new(loaded.scenario.calendar))
            .insert_resource(rng)
            .insert_resource(weather)
            .insert_resource(Map(loaded.map.clone()))
            .insert_resource(ScenarioRes(Arc::new(loaded.scenario.clone())))
            .insert_resource(Control(loaded.placed.owner.clone()))
            .insert_resource(world::ControlChanged(vec![0; loaded.map.len()]))
            .init_resource::<EventLog>()
            .init_resource::<tally::Tally>()
            .init_resource::<victory::Captured>()
            .init_resource::<victory::Collapse>()
            // The pre-war borders of the map, not the scenario's opening front: a scenario that
            // starts in 1942 still counts Soviet victory points and the Axis's home railways
            // as of 22 June 1941.
            .insert_resource(victory::StartControl(loaded.map.owner.clone()))
            .insert_resource(rail::Gauge::at_start(&loaded.placed.owner))
            .init_resource::<rail::RailMovesLeft>()
            .init_resource::<air::AirLeft>()
            .init_resource::<replacement::Pools>()
            .insert_resource(production::Industry::new(&loaded.scenario, &loaded.map))
            .insert_resource(formations::Raised {
                west_share_met: loaded
                    .scenario
                    .economy
                    .as_ref()
                    .and_then(|e| e.allocation.as_ref())
                    .map_or(1.0, |a| a.west_share_met),
                ..Default::default()
            })
            .init_resource::<Records>();
        app.add_plugins((
            schedule::plugin,
            calendar::plugin,
            weather::plugin,
            reinforcement::plugin,
            supply::plugin,
            pockets::plugin,
            recovery::plugin,
            territory::plugin,
            replacement::plugin,
            record::plugin,
            victory::plugin,
            production::plugin,
            lend_lease::plugin,
            formations::plugin,
        ));
        spawn_units(app.world_mut(), loaded);
    }
}

fn spawn_units(world: &mut World, loaded: &Loaded) {
    for (i, (u, &hex)) in loaded
        .scenario
        .units
        .iter()
        .zip(&loaded.placed.unit_hex)
        .enumerate()
    {
        let unit = Unit {
            id: u.id().to_string(),
            name: u.name.clone(),
            kind: u.kind,
            side: u.side,
            nation: u.nation,
            hq: u.parent.clone(),
            order: i as u32,
        };
        let strength = Strength {
            men: u.men,
            tanks: u.tanks,
            guns: u.guns,
            divisions: u.divisions,
        };
        let on_day_one = u
            .arrives
            .is_none_or(|d| d <= loaded.scenario.calendar.start);
        let cohesion = match &loaded.scenario.rules.surprise {
            Some(s) if s.side == u.side && on_day_one => u.cohesion.min(s.cohesion),
            _ => u.cohesion,
        };
        let mut e = world.spawn((
            Name::new(u.name.clone()),
            unit,
            strength,
            units::Establishment(strength),
            Cohesion(cohesion),
            Experience(u.experience),
        ));
        match u.arrives {
            Some(date) if date > loaded.scenario.calendar.start => {
                e.insert(Pending { date, hex });
            }
            _ => {
                e.insert(HexPos(hex));
            }
        }
    }
}

/// One game, driven turn by turn without a window: for the command line, tests, batches and
/// the GUI.
///
/// It keeps only the `World` the plugin built (its schedule lives there too): a `World` can
/// cross threads and sit inside the window's resources, where an `App` cannot.
pub struct Simulation {
    world: World,
}

impl Simulation {
    pub fn new(loaded: Arc<Loaded>, seed: u64) -> Self {
        let mut app = App::new();
        app.add_plugins(SimPlugin { loaded, seed });
        Self {
            world: std::mem::take(app.world_mut()),
        }
    }

    /// Plays one week. Does nothing once the scenario is over.
    pub fn step(&mut self) {
        if self.is_over() {
            return;
        }
        self.world.run_schedule(TurnSchedule);
    }

    /// The last turn has been played, or the Soviet Union has collapsed.
    pub fn is_over(&self) -> bool {
        self.calendar().is_over() || self.world.resource::<victory::Collapse>().0.is_some()
    }

    pub fn calendar(&self) -> &Calendar {
        self.world.resource::<Calendar>()
    }

    pub fn records(&self) -> &[TurnRecord] {
        &self.world.resource::<Records>().0
    }

    pub fn log(&self) -> &[LogEntry] {
        &self.world.resource::<EventLog>().entries
    }

    pub fn state_hash(&mut self) -> u64 {
        state_hash(&mut self.world)
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    pub fn world_mut(&mut self) -> &mut World {
        &mut self.world
    }

    /// Starts a camp's phase: its units get a fresh week's movement.
    pub fn begin_phase(&mut self, faction: crate::scenario::Faction) {
        actions::begin_phase(&mut self.world, faction);
    }

    /// A whole week with the computer playing both camps: the Axis phase, the Soviet phase,
    /// then the logistics of the turn.
    pub fn play_turn(&mut self) {
        if self.is_over() {
            return;
        }
        for camp in [
            crate::scenario::Faction::Axis,
            crate::scenario::Faction::Soviet,
        ] {
            self.begin_phase(camp);
            ai::play_phase(&mut self.world, camp);
        }
        self.step();
    }

    /// The one door: checks an action and applies it, or says why not.
    pub fn act(&mut self, action: actions::Action) -> Result<actions::Outcome, actions::Refusal> {
        actions::act(&mut self.world, action)
    }
}
