//! A person's game: the computer plays the other side, phases open and close, orders are kept
//! in the journal, and a saved game loads to the same state. Also what screens read of it.

use std::path::Path;
use std::sync::Arc;

use eastfront::game::view::{SupplyLevel, View};
use eastfront::game::{Entry, Game, Player, SaveError, load_game, save_game};
use eastfront::map::HexId;
use eastfront::scenario::{Faction, Owner, load_scenario};
use eastfront::sim::actions::{Action, Refusal};
use eastfront::sim::{Control, HexPos, Pending, Simulation, Unit};

fn loaded(file: &str) -> Arc<eastfront::scenario::Loaded> {
    Arc::new(load_scenario(Path::new(file)).unwrap_or_else(|f| panic!("{}", f.render())))
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("eastfront-game-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn playing_the_ussr_the_axis_moves_first_and_the_soviet_phase_opens() {
    let mut g = Game::new(loaded("tests/data/mini.ron"), 1, Player::Ussr);
    assert_eq!(g.open_phase(), Some(Faction::Soviet));
    assert_eq!(g.sim().calendar().turn, 1);
    assert_eq!(
        g.journal(),
        &[
            Entry::Begin(Faction::Axis),
            Entry::Computer(Faction::Axis),
            Entry::Begin(Faction::Soviet)
        ]
    );
    // A German unit cannot be ordered in the Soviet phase.
    let refused = g.act(Action::Move {
        unit: "VII Corps".into(),
        to: 0,
    });
    assert!(
        matches!(refused, Err(Refusal::NotYourPhase { .. })),
        "{refused:?}"
    );
    // Refused orders are not kept.
    assert_eq!(g.journal().len(), 3);
    g.end_phase();
    assert_eq!(
        g.sim().calendar().turn,
        2,
        "the logistics ran and the week moved on"
    );
    assert_eq!(g.open_phase(), Some(Faction::Soviet));
}

#[test]
fn playing_germany_the_first_phase_is_the_persons() {
    let mut g = Game::new(loaded("tests/data/mini.ron"), 1, Player::Germany);
    assert_eq!(g.open_phase(), Some(Faction::Axis));
    assert_eq!(g.journal(), &[Entry::Begin(Faction::Axis)]);
    g.end_phase();
    assert_eq!(g.open_phase(), Some(Faction::Axis));
    assert_eq!(g.sim().calendar().turn, 2);
    // Watching, nothing opens and the computer plays whole weeks.
    let mut w = Game::new(loaded("tests/data/mini.ron"), 1, Player::Watch);
    assert_eq!(w.open_phase(), None);
    assert!(matches!(
        w.act(Action::Allocate { west_percent: 50 }),
        Err(Refusal::NoPhase)
    ));
    w.play_computer_week();
    w.play_computer_week();
    assert_eq!(w.sim().calendar().turn, 3);
    // Taking over as the USSR opens the Soviet phase of the week under way.
    w.set_player(Player::Ussr);
    assert_eq!(w.open_phase(), Some(Faction::Soviet));
    assert_eq!(w.sim().calendar().turn, 3);
}

/// A game with a real order in it, played with the same orders as the computer would give
/// and one of the person's own.
fn played_game() -> Game {
    let l = loaded("tests/data/mini.ron");
    let mut g = Game::new(l.clone(), 3, Player::Germany);
    let bobruisk = l.map.city("Bobruisk").unwrap().hex;
    g.act(Action::Move {
        unit: "XXIV Motorised Corps".into(),
        to: bobruisk,
    })
    .unwrap_or_else(|r| panic!("{r}"));
    g.end_phase();
    g.end_phase();
    g
}

#[test]
fn a_saved_game_loads_to_the_same_state() {
    let mut g = played_game();
    let path = tmp("saved.ron");
    save_game(&mut g, &path).unwrap_or_else(|e| panic!("{e}"));
    let (mut back, warning) = load_game(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(warning, None);
    assert_eq!(back.sim_mut().state_hash(), g.sim_mut().state_hash());
    assert_eq!(back.journal(), g.journal());
    assert_eq!(back.open_phase(), g.open_phase());
    assert_eq!(back.sim().calendar().turn, 3);
    // And it plays on identically.
    back.end_phase();
    g.end_phase();
    assert_eq!(back.sim_mut().state_hash(), g.sim_mut().state_hash());
}

#[test]
fn a_game_replays_over_a_reloaded_scenario() {
    let mut g = played_game();
    let again = g.replayed_on(loaded("tests/data/mini.ron")).unwrap();
    let mut again = again;
    assert_eq!(again.sim_mut().state_hash(), g.sim_mut().state_hash());
}

#[test]
fn bad_saved_games_are_refused_with_reasons() {
    let missing = load_game(Path::new("tests/data/no_such_save.ron"));
    assert!(matches!(missing, Err(SaveError::Io(..))));
    let junk = tmp("junk.ron");
    std::fs::write(&junk, "Scenario(meta: oops").unwrap();
    let e = load_game(&junk).err().expect("junk is refused").to_string();
    assert!(
        e.contains("is not a saved game") && e.contains("line 1"),
        "{e}"
    );
    // A save whose scenario has gone says so, with the loader's own message.
    let mut g = played_game();
    let path = tmp("gone.ron");
    save_game(&mut g, &path).unwrap();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("tests/data/mini.ron", "tests/data/vanished.ron");
    std::fs::write(&path, text).unwrap();
    let e = load_game(&path)
        .err()
        .expect("a missing scenario is refused");
    assert!(matches!(e, SaveError::Scenario(_)), "{e}");
    assert!(e.to_string().contains("vanished.ron"), "{e}");
}

#[test]
fn a_save_of_a_changed_scenario_loads_with_a_warning() {
    let dir = tmp("changed");
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("mini.ron");
    let text = std::fs::read_to_string("tests/data/mini.ron").unwrap();
    // The map is named relative to the scenario: point the copy back at it.
    let maps = std::fs::canonicalize("tests/data/maps").unwrap();
    let text = text.replace("\"maps/", &format!("\"{}/", maps.display()));
    std::fs::write(&copy, &text).unwrap();
    let mut g =
        Game::start(&copy, &[], 5, Player::Ussr).unwrap_or_else(|f| panic!("{}", f.render()));
    g.end_phase();
    let save = dir.join("save.ron");
    save_game(&mut g, &save).unwrap();
    // The teacher makes the 16th Army twice as strong.
    std::fs::write(&copy, text.replacen("men: ", "men: 1", 1)).unwrap();
    let (_, warning) = load_game(&save).unwrap_or_else(|e| panic!("{e}"));
    let w = warning.expect("a changed file is noticed");
    assert!(w.contains("changed since this game was saved"), "{w}");
}

#[test]
fn the_view_shows_supply_and_pockets_with_their_ground() {
    let l = loaded("tests/data/mini_pocket.ron");
    let mut sim = Simulation::new(l.clone(), 1);
    let orsha = l.map.city("Orsha").unwrap().hex;
    let mut ring: Vec<HexId> = l.map.land_neighbours(orsha).collect();
    ring.sort();
    let place = |sim: &mut Simulation, name: &str, hex: HexId| {
        let w = sim.world_mut();
        let mut q = w.query::<(bevy::prelude::Entity, &Unit)>();
        let (e, side) = q
            .iter(w)
            .find(|(_, u)| u.name == name)
            .map(|(e, u)| (e, u.side))
            .unwrap();
        w.entity_mut(e).remove::<Pending>().insert(HexPos(hex));
        w.resource_mut::<Control>().0[hex as usize] = match side.faction() {
            Faction::Axis => Owner::Germany,
            Faction::Soviet => Owner::USSR,
        };
    };
    place(&mut sim, "13th Army", orsha);
    let germans = [
        "VII Corps",
        "XXIV Motorised Corps",
        "I Corps",
        "II Corps",
        "III Corps",
        "IV Corps",
    ];
    for (g, &h) in germans.iter().zip(&ring) {
        place(&mut sim, g, h);
    }
    sim.step();
    sim.step();
    let v = View::gather(sim.world_mut());
    let army = v.unit("13th Army").unwrap();
    assert_eq!(army.supply_level(), SupplyLevel::Isolated);
    assert_eq!(v.soviet_supply[orsha as usize], Some(SupplyLevel::Isolated));
    assert_eq!(
        v.unit("21st Army").unwrap().supply_level(),
        SupplyLevel::Supplied
    );
    assert_eq!(v.pockets.len(), 1, "{:?}", v.pockets);
    let p = &v.pockets[0];
    assert_eq!(p.name, "Orsha");
    assert!(p.hexes.contains(&orsha), "{:?}", p.hexes);
    assert!(p.men > 0);
    // Every hex of its ground is isolated Soviet ground.
    for h in &p.hexes {
        assert_eq!(v.soviet_supply[*h as usize], Some(SupplyLevel::Isolated));
    }
    assert_eq!(v.in_hex(orsha).count(), 1);
}

#[test]
fn the_odds_can_be_weighed_without_fighting() {
    let l = loaded("tests/data/mini_air.ron");
    let mut g = Game::new(l.clone(), 1, Player::Germany);
    let minsk = l.map.city("Minsk").unwrap().hex;
    // Far from Minsk, the corps cannot attack it: the preview says why, like the real order.
    let far = g.preview_attack(&["VII Corps".into()], minsk, false);
    assert!(matches!(far, Err(Refusal::NotAdjacent { .. })), "{far:?}");
    // Next to it, the preview gives the odds the attack is then fought at.
    let next_to = l.map.land_neighbours(minsk).next().unwrap();
    {
        let w = g.sim_mut().world_mut();
        let mut q = w.query::<(bevy::prelude::Entity, &Unit)>();
        let e = q.iter(w).find(|(_, u)| u.name == "VII Corps").unwrap().0;
        w.entity_mut(e).insert(HexPos(next_to));
        w.resource_mut::<Control>().0[next_to as usize] = Owner::Germany;
    }
    let before = g.sim_mut().state_hash();
    let odds = g
        .preview_attack(&["VII Corps".into()], minsk, true)
        .unwrap_or_else(|r| panic!("{r}"));
    assert!(odds.ratio > 0.0 && odds.factors.iter().any(|f| f.name == "air support"));
    assert_eq!(g.sim_mut().state_hash(), before, "weighing changes nothing");
    let again = g
        .preview_attack(&["VII Corps".into()], minsk, true)
        .unwrap();
    assert_eq!(again, odds, "and spends no aircraft");
    let fought = g
        .act(Action::Attack {
            units: vec!["VII Corps".into()],
            target: minsk,
            air: true,
        })
        .unwrap_or_else(|r| panic!("{r}"));
    match fought {
        eastfront::sim::actions::Outcome::Attacked(r) => assert_eq!(r.odds, odds),
        other => panic!("{other:?}"),
    }
}

#[test]
fn ten_turns_as_the_ussr_in_the_base_scenario() {
    let mut g = Game::new(loaded("scenarios/barbarossa_1941.ron"), 1, Player::Ussr);
    let mut cut_off_seen = false;
    for turn in 1..=10 {
        assert_eq!(g.sim().calendar().turn, turn);
        assert_eq!(g.open_phase(), Some(Faction::Soviet));
        assert!(
            !g.seen().is_empty(),
            "the Axis moved in turn {turn} and the screen is told"
        );
        let v = View::gather(g.sim_mut().world_mut());
        // A unit cut off says why.
        for u in v
            .units
            .iter()
            .filter(|u| u.supply_level() == SupplyLevel::Isolated)
        {
            cut_off_seen = true;
            assert!(
                u.supply
                    .why
                    .as_deref()
                    .is_some_and(|w| w.contains("cut off")),
                "{u:?}"
            );
        }
        g.end_phase();
    }
    assert!(
        cut_off_seen,
        "by mid-August 1941 some Soviet armies have been cut off"
    );
    assert_eq!(g.sim().calendar().turn, 11);
}
