//! Plans: the operations the AI follows (DESIGN.md: AI). Each names an HQ, a date window,
//! objectives and a posture; every unit under that HQ follows it while it is in force.

use serde::{Deserialize, Serialize};

use super::common::Side;
use super::date::Date;

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: String,
    /// What a student reads: "Typhoon: Army Group Centre on Moscow".
    pub name: String,
    pub side: Side,
    /// The HQ whose units follow the plan, with every HQ below it.
    pub hq: String,
    pub from: Date,
    pub to: Date,
    pub posture: Posture,
    /// Cities to take (attack) or to hold (defend), in order of priority.
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Posture {
    /// Attack toward the objectives where the odds are good; mobile units drive deep.
    Attack,
    /// Keep a continuous line, give ground rather than be encircled.
    Defend,
    /// Stay where they are, and pull back only from a threatened encirclement.
    Hold,
    /// Stand and fight even when encircled ("not one step back").
    NoRetreat,
}

impl Plan {
    pub fn in_force(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }
}

/// The plan a unit under `hq` follows on `date`: the plan in force whose HQ is nearest above
/// it (its own HQ first); among plans for the same HQ, the last written. None: no orders.
pub fn plan_for<'a>(
    plans: &'a [Plan],
    hqs: &[super::scenario_file::Hq],
    hq: &str,
    date: Date,
) -> Option<&'a Plan> {
    let mut at = Some(hq);
    // Bounded by the number of HQs, in case of a circle that validation has not yet refused.
    for _ in 0..=hqs.len() {
        let here = at?;
        if let Some(p) = plans
            .iter()
            .rev()
            .find(|p| p.hq == here && p.in_force(date))
        {
            return Some(p);
        }
        at = hqs
            .iter()
            .find(|h| h.id == here)
            .and_then(|h| h.parent.as_deref());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_scenario;
    use std::path::Path;

    #[test]
    fn units_follow_the_nearest_plan_in_force() {
        let l = load_scenario(Path::new("scenarios/barbarossa_1941.ron"))
            .unwrap_or_else(|f| panic!("{}", f.render()));
        let s = &l.scenario;
        let plan = |hq: &str, date: &str| {
            plan_for(&s.plans, &s.hqs, hq, Date::parse(date).unwrap()).map(|p| p.id.as_str())
        };
        assert_eq!(
            plan("Panzer Group 3", "1941-07-01"),
            Some("barbarossa_centre")
        );
        assert_eq!(plan("Panzer Group 3", "1941-09-01"), Some("centre_pause"));
        assert_eq!(plan("Panzer Group 2", "1941-09-01"), Some("kiev_diversion"));
        assert_eq!(plan("4th Army", "1941-10-15"), Some("typhoon"));
        assert_eq!(plan("4th Army", "1942-01-15"), Some("winter_halt"));
        assert_eq!(plan("6th Army", "1942-12-01"), Some("stalingrad_hold"));
        assert_eq!(
            plan("South-Western Front", "1941-08-01"),
            Some("kiev_no_retreat")
        );
        assert_eq!(
            plan("Western Front", "1941-12-10"),
            Some("moscow_counteroffensive")
        );
        assert_eq!(
            plan("Western Front", "1942-08-10"),
            Some("not_one_step_back")
        );
        assert_eq!(plan("Stavka Reserve", "1942-11-25"), Some("uranus"));
        assert_eq!(
            plan("Army Group Centre", "1942-08-01"),
            None,
            "no orders: hold what you have"
        );
    }
}
