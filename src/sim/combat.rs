//! Combat: the odds of an attack with every factor shown, and a result drawn around them
//! (DESIGN.md: Combat). Plain functions, so the GUI shows exactly the numbers that decide.

use rand::RngExt;
use rand::rngs::ChaCha8Rng;
use serde::Serialize;

use super::weather::Weather;
use crate::map::{HexId, HexMap};
use crate::scenario::Side;
use crate::scenario::rules::{BySide, CombatRules, WeatherRules, Weights};
use crate::scenario::weather_file::WeatherKind;

/// One unit in a battle, as combat sees it.
#[derive(Debug, Clone, Copy)]
pub struct Fighter {
    pub side: Side,
    pub hex: HexId,
    pub men: u32,
    pub tanks: u32,
    pub guns: u32,
    pub cohesion: u32,
    pub experience: u32,
    /// Share of its needs the unit received this week, 0–1.
    pub supply: f64,
}

impl Fighter {
    /// A unit on the map as combat sees it.
    pub fn of(
        unit: &super::units::Unit,
        hex: HexId,
        s: &super::units::Strength,
        cohesion: &super::units::Cohesion,
        experience: &super::units::Experience,
    ) -> Self {
        Self {
            side: unit.side,
            hex,
            men: s.men,
            tanks: s.tanks,
            guns: s.guns,
            cohesion: cohesion.0,
            experience: experience.0,
            supply: 1.0,
        }
    }

    /// The same unit with what the last logistics phase delivered to it.
    pub fn supplied(mut self, supply: Option<&super::supply::Supply>) -> Self {
        self.supply = supply.map_or(1.0, |s| s.received);
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Attacker,
    Defender,
}

/// One multiplier of one side's strength, with its reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Factor {
    pub role: Role,
    pub name: &'static str,
    pub value: f64,
}

/// The odds of an attack and how they came about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Odds {
    /// Strength from men, tanks and guns alone.
    pub attack_base: f64,
    pub defence_base: f64,
    /// Multipliers, in order; their product times the base gives the total.
    pub factors: Vec<Factor>,
    pub attack: f64,
    pub defence: f64,
    /// attack / defence.
    pub ratio: f64,
}

fn raw(w: &Weights, f: &Fighter, tank_mult: f64) -> f64 {
    f64::from(f.men) / 1000.0 * w.thousand_men
        + f64::from(f.tanks) * w.tank * tank_mult
        + f64::from(f.guns) * w.gun
}

/// Strength-weighted multipliers of one side, each applied on top of the ones before, so
/// that base × factors equals the sum of each unit's own strength exactly.
fn side_factors(
    rules: &CombatRules,
    units: &[(f64, &Fighter)],
    role: Role,
    leadership: &BySide,
    air: Option<&BySide>,
    out: &mut Vec<Factor>,
) -> f64 {
    let base: f64 = units.iter().map(|(r, _)| r).sum();
    if base <= 0.0 {
        return 0.0;
    }
    let coh = |f: &Fighter| {
        rules.cohesion_at_zero
            + (1.0 - rules.cohesion_at_zero) * f64::from(f.cohesion.min(100)) / 100.0
    };
    let exp = |f: &Fighter| {
        rules.experience_at_zero
            + (rules.experience_at_full - rules.experience_at_zero)
                * f64::from(f.experience.min(100))
                / 100.0
    };
    let lead = |f: &Fighter| leadership.get(f.side);
    let sup = |f: &Fighter| rules.supply_at_zero + (1.0 - rules.supply_at_zero) * f.supply;
    let flown = |f: &Fighter| air.map_or(1.0, |a| a.get(f.side));
    let mut total = base;
    let multipliers: [(&'static str, &dyn Fn(&Fighter) -> f64); 5] = [
        ("cohesion", &coh),
        ("experience", &exp),
        ("leadership", &lead),
        ("supply", &sup),
        ("air support", &flown),
    ];
    let multipliers = &multipliers[..if air.is_some() { 5 } else { 4 }];
    // Each unit's running strength is carried through the factors at once, and each factor's
    // total gathers it in the units' order: the same products, summed in the same order, as a
    // pass over the units per factor, without a vector of running strengths. The AI weighs
    // thousands of attacks a campaign, and those vectors were a good part of its allocations.
    let mut totals = [0.0f64; 5];
    for (r, f) in units {
        let mut s = *r;
        for (t, (_, m)) in totals.iter_mut().zip(multipliers) {
            s *= m(f);
            *t += s;
        }
    }
    for ((name, _), &new_total) in multipliers.iter().zip(&totals) {
        out.push(Factor {
            role,
            name,
            value: new_total / total,
        });
        total = new_total;
    }
    total
}

/// The week's weather where the battle is fought, and who is without winter equipment.
#[derive(Debug, Clone, Default)]
pub struct Conditions {
    pub weather: Option<WeatherKind>,
    /// The attacker's multiplier for this weather.
    pub attack: f64,
    /// Sides unprepared for the cold this week, and their multiplier.
    pub unprepared: Vec<Side>,
    pub unprepared_mult: f64,
    /// The attackers' air support multipliers by side, if aircraft fly for this attack.
    pub air: Option<BySide>,
    /// Leadership by side on the day of battle; None: the rules' `leadership` as written.
    pub leadership: Option<BySide>,
}

impl Conditions {
    pub fn dry() -> Self {
        Self {
            weather: None,
            attack: 1.0,
            unprepared: Vec::new(),
            unprepared_mult: 1.0,
            air: None,
            leadership: None,
        }
    }

    pub fn at(weather: &Weather, rules: &WeatherRules, target: HexId) -> Self {
        let w = weather.at(target);
        let unprepared = if w.is_cold() {
            Side::ALL
                .into_iter()
                .filter(|&s| weather.unprepared(s))
                .collect()
        } else {
            Vec::new()
        };
        Self {
            weather: Some(w),
            attack: rules.attack.get(w),
            unprepared,
            unprepared_mult: rules.unprepared,
            air: None,
            leadership: None,
        }
    }

    /// The same, with each side's leadership on the day of battle.
    pub fn with_leadership(mut self, leadership: BySide) -> Self {
        self.leadership = Some(leadership);
        self
    }

    /// The same, with aircraft flying for the attackers.
    pub fn with_air(mut self, support: BySide) -> Self {
        self.air = Some(support);
        self
    }
}

/// The odds of `attackers` against `defenders` in hex `target`.
pub fn odds(
    rules: &CombatRules,
    map: &HexMap,
    attackers: &[Fighter],
    defenders: &[Fighter],
    target: HexId,
    conditions: &Conditions,
) -> Odds {
    let allies_only = !defenders.is_empty() && defenders.iter().all(|d| d.side == Side::AxisAllies);
    let tank_mult = if allies_only {
        rules.tanks_vs_allies
    } else {
        1.0
    };
    let a: Vec<(f64, &Fighter)> = attackers
        .iter()
        .map(|f| (raw(&rules.attack_per, f, tank_mult), f))
        .collect();
    let d: Vec<(f64, &Fighter)> = defenders
        .iter()
        .map(|f| (raw(&rules.defence_per, f, 1.0), f))
        .collect();
    let attack_plain: f64 = attackers
        .iter()
        .map(|f| raw(&rules.attack_per, f, 1.0))
        .sum();
    let attack_base: f64 = a.iter().map(|(r, _)| r).sum();
    let defence_base: f64 = d.iter().map(|(r, _)| r).sum();
    let mut factors = Vec::new();
    if allies_only && attack_plain > 0.0 {
        factors.push(Factor {
            role: Role::Attacker,
            name: "allied defenders short of anti-tank guns",
            value: attack_base / attack_plain,
        });
    }
    let leadership = conditions.leadership.unwrap_or(rules.leadership);
    let mut attack = side_factors(
        rules,
        &a,
        Role::Attacker,
        &leadership,
        conditions.air.as_ref(),
        &mut factors,
    );
    let mut defence = side_factors(rules, &d, Role::Defender, &leadership, None, &mut factors);
    // Cold weather falls on the unprepared side's units only: a strength-weighted factor.
    for (role, units, total) in [
        (Role::Attacker, attackers, &mut attack),
        (Role::Defender, defenders, &mut defence),
    ] {
        let hit = |f: &Fighter| conditions.unprepared.contains(&f.side);
        if units.iter().any(hit) && *total > 0.0 {
            let w = if role == Role::Attacker {
                &rules.attack_per
            } else {
                &rules.defence_per
            };
            let all: f64 = units.iter().map(|f| raw(w, f, 1.0)).sum();
            let cold: f64 = units
                .iter()
                .filter(|f| hit(f))
                .map(|f| raw(w, f, 1.0))
                .sum();
            let value = if all > 0.0 {
                (all - cold + cold * conditions.unprepared_mult) / all
            } else {
                1.0
            };
            factors.push(Factor {
                role,
                name: "no winter equipment",
                value,
            });
            *total *= value;
        }
    }
    if let Some(w) = conditions.weather
        && conditions.attack != 1.0
    {
        factors.push(Factor {
            role: Role::Attacker,
            name: w.name(),
            value: conditions.attack,
        });
        attack *= conditions.attack;
    }
    let terrain = rules.terrain_defence.get(map.terrain[target as usize]);
    factors.push(Factor {
        role: Role::Defender,
        name: "terrain",
        value: terrain,
    });
    defence *= terrain;
    let all_cross =
        !attackers.is_empty() && attackers.iter().all(|f| map.river_between(f.hex, target));
    if all_cross {
        factors.push(Factor {
            role: Role::Defender,
            name: "river",
            value: rules.river_defence,
        });
        defence *= rules.river_defence;
    }
    let ratio = if defence > 0.0 {
        attack / defence
    } else {
        f64::INFINITY
    };
    Odds {
        attack_base: attack_plain,
        defence_base,
        factors,
        attack,
        defence,
        ratio,
    }
}

/// What a week of battle did, before it is applied to units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Battle {
    /// The odds after luck.
    pub effective: f64,
    /// Share of their men, tanks and guns each side loses.
    pub attacker_loss: f64,
    pub defender_loss: f64,
    pub defender_retreats: bool,
}

/// Draws the result around the odds: luck multiplies the odds by e^(luck × a normal draw).
pub fn resolve(rules: &CombatRules, odds: &Odds, rng: &mut ChaCha8Rng) -> Battle {
    // Box–Muller from two uniform draws, always both, so the stream advances the same way.
    let u1: f64 = rng.random_range(f64::EPSILON..1.0);
    let u2: f64 = rng.random_range(0.0..1.0);
    let normal = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
    let effective = (odds.ratio * (rules.luck * normal).exp()).clamp(0.01, 100.0);
    Battle {
        effective,
        attacker_loss: (rules.base_losses / effective.sqrt()).min(0.5),
        defender_loss: (rules.base_losses * effective.sqrt()).min(0.6),
        defender_retreats: effective >= rules.retreat_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_scenario;
    use rand::SeedableRng;
    use std::path::Path;

    fn fighter(side: Side, hex: HexId, men: u32, tanks: u32) -> Fighter {
        Fighter {
            side,
            hex,
            men,
            tanks,
            guns: 0,
            cohesion: 100,
            experience: 50,
            supply: 1.0,
        }
    }

    #[test]
    fn factors_multiply_to_the_totals() {
        let l = load_scenario(Path::new("tests/data/mini.ron")).unwrap();
        let rules = CombatRules::default();
        let minsk = l.map.city("Moscow").unwrap().hex;
        let west = l.map.neighbours[minsk as usize]
            .iter()
            .copied()
            .find(|&n| n != crate::map::NO_HEX)
            .unwrap();
        let a = [
            fighter(Side::Germany, west, 50_000, 300),
            Fighter {
                experience: 80,
                ..fighter(Side::Germany, west, 40_000, 0)
            },
        ];
        let d = [Fighter {
            cohesion: 60,
            ..fighter(Side::USSR, minsk, 80_000, 50)
        }];
        let o = odds(&rules, &l.map, &a, &d, minsk, &Conditions::dry());
        let product = |role| {
            o.factors
                .iter()
                .filter(|f| f.role == role)
                .map(|f| f.value)
                .product::<f64>()
        };
        assert!((o.attack_base * product(Role::Attacker) - o.attack).abs() < 1e-9);
        assert!((o.defence_base * product(Role::Defender) - o.defence).abs() < 1e-9);
        // Moscow is urban: its terrain doubles the defence.
        assert!(
            o.factors
                .iter()
                .any(|f| f.name == "terrain" && f.value == 2.0)
        );
        // Soviet leadership in 1941 is below German.
        let lead = |role| {
            o.factors
                .iter()
                .find(|f| f.role == role && f.name == "leadership")
                .unwrap()
                .value
        };
        assert!(lead(Role::Defender) < lead(Role::Attacker));
        assert!((o.ratio - o.attack / o.defence).abs() < 1e-12);
    }

    #[test]
    fn mud_blunts_attacks_and_winter_hits_the_unprepared() {
        let l = load_scenario(Path::new("tests/data/mini.ron")).unwrap();
        let rules = CombatRules::default();
        let w = WeatherRules::default();
        let h = l.map.city("Vyazma").unwrap().hex;
        let a = [fighter(Side::Germany, h, 60_000, 200)];
        let d = [fighter(Side::USSR, h, 60_000, 50)];
        let at = |c: Conditions| odds(&rules, &l.map, &a, &d, h, &c);
        let dry = at(Conditions::dry()).ratio;
        let mud = Conditions {
            weather: Some(WeatherKind::Mud),
            attack: w.attack.mud,
            ..Conditions::dry()
        };
        assert!((at(mud).ratio - dry * w.attack.mud).abs() < 1e-9);
        let winter = Conditions {
            weather: Some(WeatherKind::Winter),
            attack: w.attack.winter,
            unprepared: vec![Side::Germany],
            unprepared_mult: w.unprepared,
            air: None,
            leadership: None,
        };
        let o = at(winter);
        assert!(o.factors.iter().any(|f| f.name == "no winter equipment"
            && f.role == Role::Attacker
            && f.value == w.unprepared));
        assert!((o.ratio - dry * w.attack.winter * w.unprepared).abs() < 1e-9);
    }

    #[test]
    fn tanks_count_for_more_against_allies() {
        let l = load_scenario(Path::new("tests/data/mini.ron")).unwrap();
        let rules = CombatRules::default();
        let h = l.map.city("Smolensk").unwrap().hex;
        let a = [fighter(Side::USSR, h, 30_000, 400)];
        let vs = |side| {
            odds(
                &rules,
                &l.map,
                &a,
                &[fighter(side, h, 50_000, 0)],
                h,
                &Conditions::dry(),
            )
            .ratio
        };
        assert!(vs(Side::AxisAllies) > vs(Side::Germany) * 1.1);
    }

    #[test]
    fn results_scatter_around_the_odds_and_favour_the_stronger() {
        let rules = CombatRules::default();
        let odds_at = |ratio: f64| Odds {
            attack_base: ratio,
            defence_base: 1.0,
            factors: vec![],
            attack: ratio,
            defence: 1.0,
            ratio,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let trial = |ratio: f64, rng: &mut ChaCha8Rng| {
            let b: Vec<Battle> = (0..2000)
                .map(|_| resolve(&rules, &odds_at(ratio), rng))
                .collect();
            let retreats = b.iter().filter(|x| x.defender_retreats).count() as f64 / 2000.0;
            let a_loss = b.iter().map(|x| x.attacker_loss).sum::<f64>() / 2000.0;
            let d_loss = b.iter().map(|x| x.defender_loss).sum::<f64>() / 2000.0;
            (retreats, a_loss, d_loss)
        };
        let (r1, a1, d1) = trial(1.0, &mut rng);
        let (r3, a3, d3) = trial(3.0, &mut rng);
        assert!(
            r1 > 0.05 && r1 < 0.25,
            "at 1:1 the defender should rarely retreat: {r1}"
        );
        assert!(
            r3 > 0.85,
            "at 3:1 the defender should usually retreat: {r3}"
        );
        assert!(a3 < a1 && d3 > d1);
        assert!(
            (a1 - d1).abs() < 0.01,
            "even odds, even losses: {a1} vs {d1}"
        );
        // The same seed draws the same battle.
        let (x, y) = (
            &mut ChaCha8Rng::seed_from_u64(4),
            &mut ChaCha8Rng::seed_from_u64(4),
        );
        assert_eq!(
            resolve(&rules, &odds_at(2.0), x),
            resolve(&rules, &odds_at(2.0), y)
        );
    }
}
