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
    pub air: AirRules,
    pub refit: RefitRules,
    /// A side caught unready on the first day, if any.
    pub surprise: Option<Surprise>,
    pub supply: SupplyRules,
    pub isolation: IsolationRules,
    pub airlift: AirliftRules,
}

/// Readiness at the start (DESIGN.md: Leadership and decisions): the units of `side` on the
/// map on the first day begin with at most this cohesion. Leave it out for no surprise.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Surprise {
    pub side: Side,
    pub cohesion: u32,
    #[serde(default)]
    pub source: Option<String>,
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
            air: AirRules::default(),
            refit: RefitRules::default(),
            surprise: None,
            supply: SupplyRules::default(),
            isolation: IsolationRules::default(),
            airlift: AirliftRules::default(),
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
    /// Moving units by train.
    pub rail: RailRules,
}

/// Rail movement: how many units each camp may entrain a week and how far a train goes.
/// Until the supply issue shares real rail capacity, this is the whole limit.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct RailRules {
    pub moves_per_week: ByCamp,
    /// The farthest a unit goes by rail in a week, in km along the line.
    pub max_km: u32,
    /// Trains one unit's move takes: for that week they carry no supply on its network.
    pub trains_per_move: u32,
}

impl Default for RailRules {
    fn default() -> Self {
        Self {
            // The Soviet railways shifted whole armies to threatened sectors through 1941 and
            // 1942; the Axis had little spare capacity east of the border, where the gauge was
            // Soviet (Glantz & House 1995, ch. 5; HISTORY.md: rail gauge). A tunable judgement.
            moves_per_week: ByCamp { axis: 3, soviet: 5 },
            // Military trains in the rear made 300–400 km a day; loading and unloading take
            // days, so about 1,000 km is a week's move.
            max_km: 1000,
            // A division needed some 40–70 trains; a corps or a Soviet army of several
            // divisions, moved in part, about 60. A tunable judgement.
            trains_per_move: 60,
        }
    }
}

/// A count per camp: the Axis (Germany and its allies together) and the Soviets.
#[derive(Deserialize, Serialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct ByCamp {
    pub axis: u32,
    pub soviet: u32,
}

impl ByCamp {
    pub fn get(&self, camp: super::common::Faction) -> u32 {
        match camp {
            super::common::Faction::Axis => self.axis,
            super::common::Faction::Soviet => self.soviet,
        }
    }
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
            rail: RailRules::default(),
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

#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
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
    /// Strength multiplier of a unit that received no supply at all (full supply is 1).
    pub supply_at_zero: f64,
    /// A side's leadership growing from its `leadership` value to another over a period.
    pub leadership_learning: Option<Learning>,
    /// Cohesion a unit regains a week.
    pub recovery: Recovery,
    /// A unit worn below this many men joins a neighbouring unit of its side (0: never).
    pub remnant_men: u32,
}

/// Commanders learning their trade (DESIGN.md: Leadership and decisions): `side`'s leadership
/// rises in a straight line from its `leadership` value on `from` to `to` on `by`.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Learning {
    pub side: Side,
    pub to: f64,
    pub from: super::date::Date,
    pub by: super::date::Date,
    #[serde(default)]
    pub source: Option<String>,
}

impl CombatRules {
    /// Each side's leadership on `date`.
    pub fn leadership_on(&self, date: super::date::Date) -> BySide {
        let mut l = self.leadership;
        if let Some(learn) = &self.leadership_learning {
            let span = f64::from(learn.from.days_until(learn.by).max(1));
            let done = (f64::from(learn.from.days_until(date)) / span).clamp(0.0, 1.0);
            let start = l.get(learn.side);
            let now = start + (learn.to - start) * done;
            match learn.side {
                Side::Germany => l.germany = now,
                Side::AxisAllies => l.axis_allies = now,
                Side::USSR => l.ussr = now,
            }
        }
        l
    }
}

/// Cohesion regained a week: out of contact, and in an enemy zone of control.
#[derive(Deserialize, Serialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Recovery {
    pub rear: u32,
    pub front: u32,
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
            // An unsupplied unit still fights with what it carries, at about half strength.
            supply_at_zero: 0.7,
            // A division pulled out of the line was fit to fight again in two to four weeks;
            // one left in contact hardly recovered. A tunable judgement.
            leadership_learning: None,
            recovery: Recovery { rear: 20, front: 5 },
            // Worn-out formations were merged or disbanded rather than left as husks.
            remnant_men: 4000,
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

#[derive(Deserialize, Serialize, Debug, Clone, Copy, Default)]
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

/// Air support of attacks (DESIGN.md: Scale, units). Each camp's aircraft (the sum of its
/// sides' `aircraft`) make a weekly pool; a supported attack draws on it.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct AirRules {
    /// Aircraft one attack ties down for the week, in flying weather.
    pub aircraft_per_attack: u32,
    /// The attackers' multiplier when supported, by side: how well its air force works with
    /// the army.
    pub support: BySide,
    /// Share of the aircraft that can fly, by weather at the target; 0 grounds them.
    pub flying: ByWeather,
}

impl Default for AirRules {
    fn default() -> Self {
        Self {
            // The Luftwaffe's ~2,500–2,800 aircraft in the East supported three army groups'
            // main efforts at once in 1941 (HISTORY.md), a dozen or two points of attack.
            aircraft_per_attack: 150,
            // Close support was the Luftwaffe's trade; the VVS lost most of its western
            // aircraft in the first days and flew poorly coordinated missions in 1941
            // (Glantz & House 1995, ch. 4). A tunable judgement.
            support: BySide {
                germany: 1.3,
                axis_allies: 1.15,
                ussr: 1.1,
            },
            // The autumn mud grounded airfields; winter cut sorties further.
            flying: ByWeather {
                dry: 1.0,
                mud: 0.4,
                snow: 0.6,
                winter: 0.5,
            },
        }
    }
}

/// How replacements reach units: each week a unit takes at most `weekly_share` of its
/// establishment in men, tanks and guns, times `in_contact` when it is next to the enemy
/// and cannot be pulled out of the line to absorb them.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct RefitRules {
    pub weekly_share: f64,
    pub in_contact: f64,
}

impl Default for RefitRules {
    fn default() -> Self {
        Self {
            // Marching battalions took weeks to reach and be absorbed by their divisions.
            weekly_share: 0.15,
            in_contact: 0.5,
        }
    }
}

/// Supply (DESIGN.md: Supply and rail): from sources along a camp's own track, then overland.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct SupplyRules {
    /// Movement points trucks carry supply from a railhead, by camp (dry weather; mud and
    /// snow cost more points, as they do for marching units).
    pub overland_points: ByCamp,
    /// Share of its needs a unit at the very edge of overland reach receives (1 at a railhead).
    pub overland_at_limit: f64,
    /// Tons one supply train carries.
    pub tons_per_train: f64,
    /// Tons a day 1,000 men in the field need for full supply: food, fuel and ammunition.
    pub tons_per_thousand_men: f64,
    /// Soviet cities with at least this much industry are sources of their own.
    pub city_source_industry: u32,
    /// Tons a day a source city sends out per point of industry.
    pub city_tons_per_industry: f64,

    /// Captured track each camp converts to its own gauge a week, in km along each line.
    pub conversion_km_per_week: ByCamp,
    /// Share of a full supply that reaches units fed through converted track.
    pub converted_track_share: f64,
}

impl Default for SupplyRules {
    fn default() -> Self {
        Self {
            // ~100 km was the practical reach of German trucks from a railhead (HISTORY.md):
            // two clear hexes there and back, more on good ground; the Red Army had fewer
            // trucks until Lend-Lease.
            overland_points: ByCamp { axis: 8, soviet: 6 },
            overland_at_limit: 0.5,
            tons_per_train: 450.0,
            // Army Group Centre, about a million men, needed ~30 trains a day in August 1941.
            tons_per_thousand_men: 13.0,
            // Moscow, Leningrad, Kharkov and Gorky: besieged Leningrad lived on its own stocks
            // and the Ladoga route.
            city_source_industry: 40,
            city_tons_per_industry: 50.0,

            // Converted track reached Orsha and Smolensk, ~600 km from the border, by 16 August
            // 1941: about 75 km a week (HISTORY.md).
            conversion_km_per_week: ByCamp {
                axis: 75,
                soviet: 150,
            },
            // Army Group Centre got ~18 of the 30 trains a day it needed in August 1941
            // (HISTORY.md); lorries and stocks made up part of the gap.
            converted_track_share: 0.9,
        }
    }
}

/// What isolation does to a unit each week it lasts (DESIGN.md: Encirclement).
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct IsolationRules {
    /// Cohesion lost a week without supply.
    pub cohesion_loss: u32,
    /// Share of men lost a week without supply (sickness, hunger, cold, desertion).
    pub men_attrition: f64,
    /// Share of tanks and guns lost a week without fuel, spares and shells.
    pub equipment_attrition: f64,
    /// Chance a pocket surrenders, per week isolated after the first, at cohesion 0, by the
    /// side of its largest unit.
    pub surrender_chance: BySide,
    /// Friendly units this near a pocket give it hope of relief...
    pub relief_hexes: u32,
    /// ...and multiply its chance of surrender by this.
    pub relief_factor: f64,
}

impl Default for IsolationRules {
    fn default() -> Self {
        Self {
            cohesion_loss: 12,
            men_attrition: 0.03,
            equipment_attrition: 0.08,
            // The great Soviet pockets of 1941 fell within two to four weeks of closing
            // (Glantz & House 1995, ch. 4-5); German pockets held for months (Demyansk, Kholm,
            // Stalingrad), the allies' less.
            surrender_chance: BySide {
                germany: 0.06,
                axis_allies: 0.15,
                ussr: 0.25,
            },
            relief_hexes: 3,
            relief_factor: 0.5,
        }
    }
}

/// Flying supplies into pockets: each side's transport pool is `sides.<side>.air_transport`.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields, default)]
pub struct AirliftRules {
    /// The farthest a pocket may be from a friendly airfield (a supplied city of the side).
    pub max_km: f64,
    /// Tons a day 1,000 encircled men need to hold out.
    pub tons_per_thousand_men: f64,
}

impl Default for AirliftRules {
    fn default() -> Self {
        Self {
            max_km: 600.0,
            // Demyansk, ~95,000 men, needed at least 200 t a day; Stalingrad 300-500 t
            // for ~250,000 (HISTORY.md).
            tons_per_thousand_men: 2.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::date::Date;

    #[test]
    fn leadership_is_learned_in_a_straight_line_then_held() {
        let d = |s: &str| Date::parse(s).unwrap();
        let mut c = CombatRules::default();
        assert_eq!(c.leadership_on(d("1942-06-01")).ussr, c.leadership.ussr);
        c.leadership_learning = Some(Learning {
            side: Side::USSR,
            to: 0.9,
            from: d("1941-06-22"),
            by: d("1942-06-22"),
            source: None,
        });
        let on = |s: &str| c.leadership_on(d(s));
        assert!((on("1941-06-22").ussr - 0.7).abs() < 1e-9);
        assert!(
            (on("1941-12-21").ussr - 0.8).abs() < 0.002,
            "half way by half time"
        );
        assert!(
            (on("1943-01-01").ussr - 0.9).abs() < 1e-9,
            "held after `by`"
        );
        assert!(
            (on("1941-01-01").ussr - 0.7).abs() < 1e-9,
            "nothing learned before `from`"
        );
        assert_eq!(on("1942-01-01").germany, 1.0, "other sides unchanged");
    }
}
