//! The weekly turn: one schedule whose systems run in named sets, in this order.

use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;

/// Runs once per turn (one week).
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct TurnSchedule;

/// The phases of a turn (DESIGN.md: A turn). Later systems join the set they belong to; the
/// order between sets is fixed here and nowhere else.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TurnSystems {
    /// Actions from players and the AI are validated and queued.
    Orders,
    Movement,
    Combat,
    Supply,
    Encirclement,
    Production,
    LendLease,
    Reinforcement,
    Events,
    /// Measurements of the turn are recorded.
    Record,
    /// The calendar moves on a week.
    Calendar,
}

pub(super) fn plugin(app: &mut App) {
    let mut schedule = Schedule::new(TurnSchedule);
    // Determinism: one thread, so systems with no declared order still run in one order.
    schedule.set_executor(bevy::ecs::schedule::SingleThreadedExecutor::new());
    app.add_schedule(schedule);
    app.configure_sets(
        TurnSchedule,
        (
            TurnSystems::Orders,
            TurnSystems::Movement,
            TurnSystems::Combat,
            TurnSystems::Supply,
            TurnSystems::Encirclement,
            TurnSystems::Production,
            TurnSystems::LendLease,
            TurnSystems::Reinforcement,
            TurnSystems::Events,
            TurnSystems::Record,
            TurnSystems::Calendar,
        )
            .chain(),
    );
    // Buffered messages live two turns, then are dropped, as they would be frame to frame.
    app.add_systems(
        TurnSchedule,
        bevy::ecs::message::message_update_system.after(TurnSystems::Calendar),
    );
}
