//! The event log: what happened, in words a student reads ("6 Jul 1941 — Soviet 16th Army arrives at Smolensk").

use bevy::prelude::*;
use serde::Serialize;

use crate::scenario::Date;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    pub turn: u32,
    pub date: Date,
    pub text: String,
}

#[derive(Resource, Debug, Default, Clone)]
pub struct EventLog {
    pub entries: Vec<LogEntry>,
}

impl EventLog {
    pub fn push(&mut self, turn: u32, date: Date, text: impl Into<String>) {
        self.entries.push(LogEntry {
            turn,
            date,
            text: text.into(),
        });
    }
}
