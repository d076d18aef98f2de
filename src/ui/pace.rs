//! When the window draws. A person's window is redrawn when something happens — input,
//! egui asking for another pass, the computer playing on in watch mode (session.rs asks) —
//! and otherwise four times a second, for the experiment's progress bar and the scenario
//! file's reload. Drawing on without cause takes a software renderer most of the machine,
//! and with it the time the campaigns need: an experiment of 100 campaigns took twice as
//! long in the window as on the command line.

use std::time::Duration;

use bevy::prelude::*;
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::{EguiInput, EguiPreUpdateSet, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PreUpdate,
        drop_unchanged_modifiers
            .after(EguiPreUpdateSet::ProcessInput)
            .before(EguiPreUpdateSet::BeginPass),
    );
}

/// The pace of a person's window; a screenshot draws continuously instead.
pub(super) fn person() -> WinitSettings {
    let wait = Duration::from_millis(250);
    WinitSettings {
        focused_mode: UpdateMode::reactive(wait),
        unfocused_mode: UpdateMode::reactive_low_power(wait),
    }
}

/// bevy_egui reports the modifier keys to egui every frame, changed or not, and egui takes
/// any event as a reason to draw again at once: the window would never rest. Egui keeps the
/// keys' state between frames, so only a change need reach it.
fn drop_unchanged_modifiers(
    mut inputs: Query<&mut EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        input.events.retain(|e| match e {
            egui::Event::ModifiersChanged(m) => {
                let changed = *last != Some(*m);
                *last = Some(*m);
                changed
            }
            _ => true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_change_of_the_modifier_keys_reaches_egui() {
        let mut world = World::new();
        let e = world.spawn(EguiInput::default()).id();
        // One system run frame after frame, so that what it remembers carries over.
        let mut sys = IntoSystem::into_system(drop_unchanged_modifiers);
        sys.initialize(&mut world);
        let reported = |m| vec![egui::Event::ModifiersChanged(m), egui::Event::PointerGone];
        let mut frame = |world: &mut World, m| {
            world.get_mut::<EguiInput>(e).unwrap().events = reported(m);
            sys.run((), world).unwrap();
            world.get::<EguiInput>(e).unwrap().events.clone()
        };
        let (none, shift) = (egui::Modifiers::NONE, egui::Modifiers::SHIFT);
        assert_eq!(
            frame(&mut world, none),
            reported(none),
            "the first report passes"
        );
        assert_eq!(
            frame(&mut world, none),
            vec![egui::Event::PointerGone],
            "a repeat is dropped, other events kept"
        );
        assert_eq!(frame(&mut world, shift), reported(shift));
        assert_eq!(
            frame(&mut world, none),
            reported(none),
            "letting go is a change"
        );
    }
}
