//! A fingerprint of the whole simulation state. Same scenario + seed + actions must give the
//! same hash on any machine and any thread count; tests and saved games check it.

use bevy::prelude::*;

use super::calendar::Calendar;
use super::log::EventLog;
use super::rng::SimRng;
use super::units::{Cohesion, Experience, HexPos, Pending, Strength, Unit};
use super::world::Control;

/// FNV-1a, 64-bit: stable across Rust versions, unlike `DefaultHasher`.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= u64::from(x);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.bytes(s.as_bytes());
    }
}

pub fn state_hash(world: &mut World) -> u64 {
    let mut h = Fnv::new();
    let cal = world.resource::<Calendar>();
    h.u64(u64::from(cal.turn));
    h.str(&cal.date.to_string());
    let pos = world.resource::<SimRng>().position();
    h.bytes(&pos.to_le_bytes());
    for o in &world.resource::<Control>().0 {
        h.str(o.key());
    }
    let log = world.resource::<EventLog>();
    h.u64(log.entries.len() as u64);
    for e in &log.entries {
        h.str(&e.text);
    }
    // The economy: what each factory is doing, the air forces, truck parks and pools (to the
    // ton or tank, so that float noise of no consequence cannot split two hashes).
    if let Some(ind) = world.get_resource::<super::production::Industry>() {
        for st in &ind.status {
            h.str(&format!("{st:?}"));
        }
        for v in ind.aircraft.iter().chain(&ind.trucks) {
            h.u64(v.round() as u64);
        }
    }
    if let Some(p) = world.get_resource::<super::replacement::Pools>() {
        for pool in &p.0 {
            for v in [pool.men, pool.tanks, pool.guns] {
                h.u64(v.round() as u64);
            }
        }
    }
    if let Some(d) = world.get_resource::<super::lend_lease::Deliveries>() {
        for r in &d.routes {
            h.u64(r.delivered.iter().sum::<f64>().round() as u64);
        }
    }
    if let Some(phase) = world.get_resource::<super::actions::Phase>() {
        h.str(phase.0.key());
    }
    let mut q = world.query::<(
        &Unit,
        Option<&HexPos>,
        Option<&Pending>,
        Option<&super::actions::MovesLeft>,
        &Strength,
        &Cohesion,
        &Experience,
    )>();
    let mut units: Vec<_> = q.iter(world).collect();
    units.sort_by_key(|(u, ..)| u.order);
    for (u, pos, pending, left, s, c, e) in units {
        h.str(&u.id);
        h.u64(pos.map_or(u64::MAX, |p| u64::from(p.0)));
        h.u64(u64::from(pending.is_some()));
        h.u64(left.map_or(u64::MAX, |l| u64::from(l.0)));
        for v in [s.men, s.tanks, s.guns, s.divisions, c.0, e.0] {
            h.u64(u64::from(v));
        }
    }
    h.0
}
