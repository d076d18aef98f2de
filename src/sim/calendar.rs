//! The date and the turn number, and moving them on a week at the end of each turn.

use bevy::prelude::*;

use super::schedule::{TurnSchedule, TurnSystems};
use crate::scenario::scenario_file::Calendar as CalendarFile;
use crate::scenario::{Date, TURN_DAYS};

#[derive(Resource, Debug, Clone)]
pub struct Calendar {
    /// The turn being played, from 1.
    pub turn: u32,
    /// The first day of the turn being played.
    pub date: Date,
    pub last_turn: u32,
    pub file: CalendarFile,
}

impl Calendar {
    pub fn new(file: CalendarFile) -> Self {
        Self {
            turn: 1,
            date: file.start,
            last_turn: file.turns(),
            file,
        }
    }

    /// True once the last turn has been played.
    pub fn is_over(&self) -> bool {
        self.turn > self.last_turn
    }

    /// The last day of the turn being played.
    pub fn week_end(&self) -> Date {
        self.date.add_days(TURN_DAYS - 1)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(TurnSchedule, advance.in_set(TurnSystems::Calendar));
}

pub(super) fn advance(mut calendar: ResMut<Calendar>) {
    calendar.turn += 1;
    calendar.date = calendar.date.add_days(TURN_DAYS);
}
