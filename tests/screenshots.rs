//! The screens rendered for real: `eastfront screenshot` under Xvfb with Mesa's software
//! Vulkan, each picture checked for the right size, real content and the colours its screen
//! must show. Needs `xvfb-run` and Mesa's Vulkan driver (.ci/run installs them); without them
//! outside CI the tests say so and pass, in CI they fail.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// One window at a time: each takes both cores while it renders.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const LAVAPIPE: &str = "/usr/share/vulkan/icd.d/lvp_icd.x86_64.json";

fn can_render() -> bool {
    let xvfb = Command::new("xvfb-run").arg("--help").output().is_ok();
    let ok = xvfb && Path::new(LAVAPIPE).exists();
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install xvfb, xauth, mesa-vulkan-drivers and libvulkan1 for the screenshot tests"
        );
        eprintln!("skipped: xvfb-run or Mesa's software Vulkan is missing on this machine");
    }
    ok
}

struct Picture {
    width: u32,
    height: u32,
    rgb: Vec<[u8; 3]>,
}

impl Picture {
    /// Pixels within 8 of `c` in every channel.
    fn count(&self, c: [u8; 3]) -> usize {
        self.rgb
            .iter()
            .filter(|p| (0..3).all(|k| p[k].abs_diff(c[k]) <= 8))
            .count()
    }

    fn distinct(&self) -> usize {
        let mut v: Vec<[u8; 3]> = self.rgb.clone();
        v.sort_unstable();
        v.dedup();
        v.len()
    }
}

fn shoot(args: &[&str], name: &str) -> Picture {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = std::env::temp_dir().join(format!("eastfront-shots-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out: PathBuf = dir.join(name);
    let run = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1600x900x24"])
        .arg(env!("CARGO_BIN_EXE_eastfront"))
        .arg("screenshot")
        .args(args)
        .arg("--out")
        .arg(&out)
        .args(["--size", "1280x800"])
        .env("VK_ICD_FILENAMES", LAVAPIPE)
        .output()
        .expect("xvfb-run runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "screenshot failed: {stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("frame time over"), "{stdout}");
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&out).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    let rgb = buf[..info.buffer_size()]
        .chunks(step)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    Picture {
        width: info.width,
        height: info.height,
        rgb,
    }
}

#[test]
fn the_game_screen_shows_the_map_the_front_and_the_counters() {
    if !can_render() {
        return;
    }
    let p = shoot(
        &[
            "scenarios/barbarossa_1941.ron",
            "--turn",
            "3",
            "--seed",
            "2",
        ],
        "game.png",
    );
    assert_eq!((p.width, p.height), (1280, 800));
    assert!(
        p.distinct() > 500,
        "a real picture, not a blank: {}",
        p.distinct()
    );
    // The front line, German and Soviet counters, and the sea.
    assert!(
        p.count([200, 20, 20]) > 300,
        "front line: {}",
        p.count([200, 20, 20])
    );
    assert!(
        p.count([120, 150, 200]) > 300,
        "German counters: {}",
        p.count([120, 150, 200])
    );
    assert!(
        p.count([215, 90, 80]) > 300,
        "Soviet counters: {}",
        p.count([215, 90, 80])
    );
    assert!(
        p.count([110, 150, 196]) > 1000,
        "sea: {}",
        p.count([110, 150, 196])
    );
}

/// The map dragged back and forth while the frames are timed ends off the place its
/// picture was taken (map_still.rs shows the picture shifted by the drag): what shows must
/// be what the map's layers draw live there, pixel for pixel — but for a step of 1 in 255
/// where a smoothed edge's cover rounds the other way (a drag's float sums stray by
/// thousandths of a pixel).
#[test]
fn a_dragged_map_shows_what_its_layers_draw_live() {
    if !can_render() {
        return;
    }
    // 8 pixels a frame stays within the picture's margin; 40 runs past it, twice each way.
    for pan in ["8", "40"] {
        let args = ["scenarios/barbarossa_1941.ron", "--turn", "6", "--pan", pan];
        let shown = shoot(&args, &format!("dragged-{pan}.png"));
        let live = shoot(
            &[&args[..], &["--live"]].concat(),
            &format!("dragged-{pan}-live.png"),
        );
        let differ: Vec<usize> = (0..live.rgb.len())
            .filter(|&i| (0..3).any(|k| shown.rgb[i][k].abs_diff(live.rgb[i][k]) > 1))
            .collect();
        assert!(
            differ.is_empty(),
            "--pan {pan}: {} pixels differ from the live drawing, the first at ({}, {})",
            differ.len(),
            differ[0] % live.width as usize,
            differ[0] / live.width as usize
        );
    }
}

#[test]
fn the_supply_overlay_colours_supplied_and_strained_ground() {
    if !can_render() {
        return;
    }
    let p = shoot(
        &["scenarios/barbarossa_1941.ron", "--turn", "6", "--supply"],
        "supply.png",
    );
    // Supplied ground washed green: the wash mixes green half and half with the terrain.
    let greenish = p
        .rgb
        .iter()
        .filter(|c| c[1] > c[0].saturating_add(25) && c[1] > c[2].saturating_add(25))
        .count();
    assert!(greenish > 5000, "supplied ground: {greenish}");
}

#[test]
fn the_picker_lists_the_scenarios() {
    if !can_render() {
        return;
    }
    let p = shoot(
        &["scenarios/barbarossa_1941.ron", "--screen", "picker"],
        "picker.png",
    );
    assert_eq!((p.width, p.height), (1280, 800));
    // Text: many light pixels on the dark background, and the selected entry's blue.
    let light = p.rgb.iter().filter(|c| c.iter().all(|&x| x > 170)).count();
    assert!(light > 2000, "text: {light}");
    assert!(p.distinct() > 50);
}

#[test]
fn the_experiment_screen_shows_results() {
    if !can_render() {
        return;
    }
    let p = shoot(
        &[
            "tests/data/mini_claims.ron",
            "--screen",
            "experiment",
            "--runs",
            "12",
        ],
        "experiment.png",
    );
    assert_eq!((p.width, p.height), (1280, 800));
    // The histogram bars and the claims' interval bars are drawn in this blue.
    let blue = p.count([90, 150, 220]);
    assert!(blue > 500, "bars: {blue}");
}

#[test]
fn bad_screenshot_arguments_are_refused_before_any_window_opens() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_eastfront"))
            .arg("screenshot")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["scenarios/tutorial.ron", "--out", "/no/such/folder/x.png"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("there is no folder /no/such/folder"), "{err}");
    let (code, err) = run(&["scenarios/tutorial.ron", "--out", "shot.jpg"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("name a .png file"), "{err}");
    let (code, err) = run(&["scenarios/tutorial.ron", "--out", "x.png", "--size", "big"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("write WIDTHxHEIGHT"), "{err}");
    let (code, err) = run(&["scenarios/no_such.ron", "--out", "x.png"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no_such.ron"), "{err}");
}
