//! This week's weather in each zone, from the scenario's calendar with its random spread
//! drawn once per game from the seed.

use bevy::prelude::*;
use rand::RngExt;

use super::calendar::Calendar;
use super::schedule::{TurnSchedule, TurnSystems};
use crate::map::{HexId, HexMap};
use crate::scenario::weather_file::{WeatherCalendar, WeatherKind, Zone};
use crate::scenario::{Date, Side};

#[derive(Resource, Debug, Clone)]
pub struct Weather {
    /// The zone of each hex, by its centre's latitude.
    zone_of: Vec<Zone>,
    /// The calendar's periods with this game's shifted dates: (zone, from, to, weather).
    periods: Vec<(Zone, Date, Date, WeatherKind)>,
    unprepared: Vec<(Side, Date, Date)>,
    /// This week's weather by zone (North, Centre, South).
    now: [WeatherKind; 3],
    date: Date,
}

fn zone_index(z: Zone) -> usize {
    match z {
        Zone::North => 0,
        Zone::Centre => 1,
        Zone::South => 2,
    }
}

impl Weather {
    /// Lays the calendar over the map. The spread is drawn here, in file order, so the same
    /// seed always gives the same autumn.
    pub fn new(
        map: &HexMap,
        calendar: Option<&WeatherCalendar>,
        start: Date,
        rng: &mut impl rand::Rng,
    ) -> Self {
        let (zone_of, periods, unprepared) = match calendar {
            None => (vec![Zone::Centre; map.len()], Vec::new(), Vec::new()),
            Some(c) => {
                let zone_of = (0..map.len() as HexId)
                    .map(|h| {
                        let lat = map.centre_latlon(h).0;
                        if lat >= c.north_from {
                            Zone::North
                        } else if lat < c.south_below {
                            Zone::South
                        } else {
                            Zone::Centre
                        }
                    })
                    .collect();
                // Shift boundaries, not ends: where one period ends the day before the next
                // begins, both move together, so the seasons never open a gap between them.
                let spread = c.spread_days as i32;
                let mut shifts: Vec<((Zone, Date), i32)> = Vec::new();
                let mut shift = |zone: Zone, day: Date| -> i32 {
                    if let Some((_, s)) = shifts.iter().find(|(k, _)| *k == (zone, day)) {
                        return *s;
                    }
                    let s = rng.random_range(-spread..=spread);
                    shifts.push(((zone, day), s));
                    s
                };
                let mut periods = Vec::new();
                for p in &c.periods {
                    let from = p.from.add_days(shift(p.zone, p.from));
                    let after = p.to.add_days(1);
                    let to = after.add_days(shift(p.zone, after) - 1).max(from);
                    periods.push((p.zone, from, to, p.weather));
                }
                let unprepared = c
                    .unprepared
                    .iter()
                    .map(|u| (u.side, u.from, u.to))
                    .collect();
                (zone_of, periods, unprepared)
            }
        };
        let mut w = Self {
            zone_of,
            periods,
            unprepared,
            now: [WeatherKind::Dry; 3],
            date: start,
        };
        w.set_week(start);
        w
    }

    /// The weather of the week starting on `date`, judged at mid-week.
    pub fn set_week(&mut self, date: Date) {
        let mid = date.add_days(3);
        self.date = date;
        for zone in Zone::ALL {
            self.now[zone_index(zone)] = self
                .periods
                .iter()
                .rev()
                .find(|(z, from, to, _)| *z == zone && *from <= mid && mid <= *to)
                .map_or(WeatherKind::Dry, |p| p.3);
        }
    }

    pub fn in_zone(&self, zone: Zone) -> WeatherKind {
        self.now[zone_index(zone)]
    }

    pub fn at(&self, hex: HexId) -> WeatherKind {
        self.in_zone(self.zone_of[hex as usize])
    }

    pub fn zone(&self, hex: HexId) -> Zone {
        self.zone_of[hex as usize]
    }

    /// Whether `side` lacks winter equipment this week.
    pub fn unprepared(&self, side: Side) -> bool {
        let mid = self.date.add_days(3);
        self.unprepared
            .iter()
            .any(|&(s, from, to)| s == side && from <= mid && mid <= to)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        TurnSchedule,
        next_week
            .in_set(TurnSystems::Calendar)
            .after(super::calendar::advance),
    );
}

fn next_week(calendar: Res<Calendar>, mut weather: ResMut<Weather>) {
    weather.set_week(calendar.date);
}
