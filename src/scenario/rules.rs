//! The numbers the rules use, each with its default here and nowhere else. A scenario's
//! `rules:` section changes any of them; `check_rules` in validate.rs keeps them in range.

use serde::{Deserialize, Serialize};

use super::common::Side;
use super::scenario_file::UnitKind;

/// The numbers that rules use. Defaults live here and nowhere else.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct Rules {
    /// Most units of one side in one hex.
    pub stacking_limit: u32,
    pub movement: MovementRules,
    pub combat: CombatRules,
    pub weather: WeatherRules,
    pub ai: AiRules,
    pub victory: VictoryRules,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            stacking_limit: 3,
            movement: MovementRules::default(),
            combat: CombatRules::default(),
            weather: WeatherRules::default(),
            ai: AiRules::default(),
            victory: VictoryRules::default(),
        }
    }
}

/// Movement in a one-week turn on 50 km hexes, in dry weather.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct MovementRules {
    /// Movement points a week, by unit kind.
    pub points: ByKind,
    /// Points to enter a hex, by terrain.
    pub terrain_cost: ByTerrain,
    /// Extra points to cross a major river.
    pub river_crossing: u32,
}

impl Default for MovementRules {
    fn default() -> Self {
        Self {
            // German infantry marched 25–30 km a day in the opening weeks of Barbarossa, about
            // four 50 km hexes a week; the panzer groups covered ~340 km to Minsk in six days
            // (Glantz & House 1995, ch. 4).
            points: ByKind {
                infantry: 4,
                mountain: 3,
                cavalry: 5,
                motorised: 7,
                armoured: 7,
            },
            terrain_cost: ByTerrain {
                clear: 1,
                forest: 2,
                marsh: 3,
                hills: 2,
                mountains: 3,
                urban: 1,
            },
            river_crossing: 1,
        }
    }
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct ByKind {
    pub infantry: u32,
    pub mountain: u32,
    pub cavalry: u32,
    pub motorised: u32,
    pub armoured: u32,
}

impl ByKind {
    pub fn get(&self, kind: UnitKind) -> u32 {
        match kind {
            UnitKind::Infantry => self.infantry,
            UnitKind::Mountain => self.mountain,
            UnitKind::Cavalry => self.cavalry,
            UnitKind::Motorised => self.motorised,
            UnitKind::Armoured => self.armoured,
        }
    }
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct ByTerrain {
    pub clear: u32,
    pub forest: u32,
    pub marsh: u32,
    pub hills: u32,
    pub mountains: u32,
    pub urban: u32,
}

impl ByTerrain {
    /// None for water, which land units cannot enter.
    pub fn get(&self, t: crate::scenario::map_file::Terrain) -> Option<u32> {
        use crate::scenario::map_file::Terrain as T;
        match t {
            T::Clear => Some(self.clear),
            T::Forest => Some(self.forest),
            T::Marsh => Some(self.marsh),
            T::Hills => Some(self.hills),
            T::Mountains => Some(self.mountains),
            T::Urban => Some(self.urban),
            T::Sea => None,
        }
    }
}

/// Combat: how strength is counted, what multiplies it, and what a week of battle costs.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct CombatRules {
    /// Strength points per 1,000 men, per tank and per gun, attacking.
    pub attack_per: Weights,
    /// The same, defending: guns count for more, tanks for less.
    pub defence_per: Weights,
    /// Defence multiplier by the terrain of the defender's hex.
    pub terrain_defence: ByTerrainF,
    /// Defence multiplier when every attacker crosses a major river.
    pub river_defence: f64,
    /// Leadership by side: the 1941 Red Army's purged command is the debate's "Stalin's
    /// mistakes" (Medvedev); a variant sets it to 1.
    pub leadership: BySide,
    /// Multiplier of attacking tanks against Axis-allied defenders, weaker in anti-tank guns
    /// (what Uranus exploited: Glantz & House 1995, ch. 9).
    pub tanks_vs_allies: f64,
    /// Spread of the random result around the odds (standard deviation of its logarithm).
    pub luck: f64,
    /// Share of men each side loses in a week of battle at even odds.
    pub base_losses: f64,
    /// Effective odds at and above which the defender must retreat.
    pub retreat_at: f64,
    /// Cohesion lost in a battle by the attacker, the defender, and a defender that retreats.
    pub cohesion_loss: CohesionLoss,
    /// A defender under "no retreat" orders that should fall back stands instead, losing
    /// this many times its losses (Kiev 1941, Stalingrad 1942).
    pub no_retreat_losses: f64,
    /// Battles with at least this many casualties on both sides together go into the log.
    pub log_battles_from: u32,
    /// Strength multiplier of a unit at cohesion 0 (1 at cohesion 100, linear between).
    pub cohesion_at_zero: f64,
    /// Strength multiplier at experience 0 and at 100 (linear between).
    pub experience_at_zero: f64,
    pub experience_at_full: f64,
}

impl Default for CombatRules {
    fn default() -> Self {
        Self {
            attack_per: Weights {
                thousand_men: 1.0,
                tank: 0.10,
                gun: 0.03,
            },
            defence_per: Weights {
                thousand_men: 1.0,
                tank: 0.05,
                gun: 0.06,
            },
            terrain_defence: ByTerrainF {
                clear: 1.0,
                forest: 1.5,
                marsh: 1.6,
                hills: 1.5,
                mountains: 2.2,
                urban: 2.0,
            },
            river_defence: 1.5,
            leadership: BySide {
                germany: 1.0,
                axis_allies: 0.8,
                ussr: 0.7,
            },
            tanks_vs_allies: 1.5,
            luck: 0.35,
            base_losses: 0.06,
            retreat_at: 1.5,
            cohesion_loss: CohesionLoss {
                attacker: 8,
                defender: 12,
                retreat: 15,
            },
            no_retreat_losses: 1.5,
            log_battles_from: 20_000,
            cohesion_at_zero: 0.4,
            experience_at_zero: 0.7,
            experience_at_full: 1.3,
        }
    }
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub thousand_men: f64,
    pub tank: f64,
    pub gun: f64,
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct ByTerrainF {
    pub clear: f64,
    pub forest: f64,
    pub marsh: f64,
    pub hills: f64,
    pub mountains: f64,
    pub urban: f64,
}

impl ByTerrainF {
    pub fn get(&self, t: crate::scenario::map_file::Terrain) -> f64 {
        use crate::scenario::map_file::Terrain as T;
        match t {
            T::Clear | T::Sea => self.clear,
            T::Forest => self.forest,
            T::Marsh => self.marsh,
            T::Hills => self.hills,
            T::Mountains => self.mountains,
            T::Urban => self.urban,
        }
    }
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct BySide {
    pub germany: f64,
    pub axis_allies: f64,
    pub ussr: f64,
}

impl BySide {
    pub fn get(&self, side: Side) -> f64 {
        match side {
            Side::Germany => self.germany,
            Side::AxisAllies => self.axis_allies,
            Side::USSR => self.ussr,
        }
    }
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct CohesionLoss {
    pub attacker: u32,
    pub defender: u32,
    pub retreat: u32,
}

/// What weather does (DESIGN.md: Terrain and weather). The weather itself comes from the
/// scenario's `weather` calendar.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct WeatherRules {
    /// Movement costs are multiplied by this (and rounded up).
    pub movement_cost: ByWeather,
    /// The attacker's strength is multiplied by this.
    pub attack: ByWeather,
    /// Strength of a side the scenario marks unprepared for winter, in snow and deep winter.
    pub unprepared: f64,
}

impl Default for WeatherRules {
    fn default() -> Self {
        Self {
            // The autumn rasputitsa halved the pace of Typhoon and stopped it by 30 October
            // 1941 (HISTORY.md; Ziemke & Bauer 1987, ch. 2).
            movement_cost: ByWeather {
                dry: 1.0,
                mud: 2.0,
                snow: 1.5,
                winter: 1.5,
            },
            attack: ByWeather {
                dry: 1.0,
                mud: 0.6,
                snow: 0.8,
                winter: 0.75,
            },
            // 112,600 severe frostbite cases by early 1942; winter clothing arrived late.
            unprepared: 0.6,
        }
    }
}

#[derive(Deserialize, Serialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct ByWeather {
    pub dry: f64,
    pub mud: f64,
    pub snow: f64,
    pub winter: f64,
}

impl ByWeather {
    pub fn get(&self, w: crate::scenario::weather_file::WeatherKind) -> f64 {
        use crate::scenario::weather_file::WeatherKind as W;
        match w {
            W::Dry => self.dry,
            W::Mud => self.mud,
            W::Snow => self.snow,
            W::Winter => self.winter,
        }
    }
}

/// How boldly the computer attacks, by posture: the odds (before luck) it needs.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct AiRules {
    pub attack_odds: f64,
    pub defend_odds: f64,
    pub hold_odds: f64,
}

impl Default for AiRules {
    fn default() -> Self {
        Self {
            attack_odds: 1.3,
            defend_odds: 2.0,
            hold_odds: 2.5,
        }
    }
}

/// How a run ends and is judged (DESIGN.md: Victory and outcome). Shares are of the victory
/// points (or urban population) of the cities the Soviet Union held at the start.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct VictoryRules {
    /// The Soviet Union collapses, ending the run, when the Axis holds Moscow and at least
    /// this share of the Soviet urban population.
    pub collapse_population_share: f64,
    /// The Axis share of victory points at the end that counts as the historical result:
    /// 0.41 is what the Axis held on 2 February 1943, computed on the base map from the
    /// front of that day (Glantz & House 1995, maps of February 1943).
    pub historical_axis_share: f64,
    /// How far from the historical share a result may be and still count as historical.
    pub historical_band: f64,
}

impl Default for VictoryRules {
    fn default() -> Self {
        Self {
            collapse_population_share: 0.6,
            historical_axis_share: 0.41,
            historical_band: 0.08,
        }
    }
}
