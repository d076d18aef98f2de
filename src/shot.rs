//! What `eastfront screenshot` is asked for: read from the command line here, drawn by the
//! window (`ui`, feature `gui`). Plain data, so a build without the window still parses the
//! command and can say why it cannot draw.

use std::path::PathBuf;

/// Renders one screen to a PNG without anyone at the keyboard.
#[derive(clap::Args, Debug, Clone)]
pub struct ShotOptions {
    /// A scenario file.
    pub scenario: PathBuf,
    /// The PNG to write.
    #[arg(long, value_name = "FILE.png")]
    pub out: PathBuf,
    /// The game screen at this turn: the computer plays the turns before it.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub turn: u32,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The window's size in pixels, e.g. 1600x900; by default the size the game opens at.
    #[arg(long, default_value = "1280x800", value_parser = parse_size)]
    pub size: (u32, u32),
    #[arg(long, value_enum, default_value_t = ShotScreen::Game)]
    pub screen: ShotScreen,
    /// Show Soviet supply (supplied, strained, isolated) instead of who holds what.
    #[arg(long)]
    pub supply: bool,
    /// Campaigns the experiment screen plays before it is pictured.
    #[arg(long, default_value_t = 24, value_parser = clap::value_parser!(u32).range(2..=10_000))]
    pub runs: u32,
    /// Show the whole map rather than the front.
    #[arg(long)]
    pub whole_map: bool,
    /// While the frames are timed, drag the map this many pixels a frame (to time panning).
    #[arg(long, default_value_t = 0.0, value_parser = pan_pixels)]
    pub pan: f32,
    /// Draw the map live every frame, never through its picture (ui/map_still.rs): to time
    /// the live drawing, or to check a picture against it.
    #[arg(long)]
    pub live: bool,
    /// The game screen's side page to show.
    #[arg(long, value_enum, default_value_t = Page::Unit)]
    pub tab: Page,
}

/// Which screen a screenshot shows.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShotScreen {
    Game,
    Picker,
    Experiment,
}

/// The game screen's side pages.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Unit,
    Economy,
    LendLease,
    Claims,
    Charts,
    Log,
}

/// `1600x900` → (1600, 900), within what a window can be.
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("`{text}` is not a size: write WIDTHxHEIGHT, e.g. 1600x900");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if !(320..=7680).contains(&w) || !(240..=4320).contains(&h) {
        return Err(format!(
            "{w}x{h} is outside what a window can be: from 320x240 to 7680x4320"
        ));
    }
    Ok((w, h))
}

fn pan_pixels(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(p) if (0.0..=200.0).contains(&p) => Ok(p),
        _ => Err(format!("{s:?} is not a number of pixels from 0 to 200")),
    }
}
