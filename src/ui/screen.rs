//! The screens: the scenario picker, the game, and the experiment screen.

use bevy::prelude::*;

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(super) enum Screen {
    #[default]
    Picker,
    Game,
    Experiment,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
}
