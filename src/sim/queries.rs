//! Query states kept between calls. `World::query` builds its state afresh, matching it against
//! every archetype of the world, and the turn's exclusive systems and the action door ask for
//! the same few queries hundreds of times a week. A state kept for its world is only brought
//! up to date with the archetypes made since (the same ones, in the same order, as a fresh
//! state would match), so it iterates exactly as a fresh one.

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::ops::{Deref, DerefMut};

use bevy::ecs::query::{QueryData, QueryFilter, QueryState};
use bevy::ecs::world::WorldId;
use bevy::prelude::*;

type Shelf = Vec<(TypeId, WorldId, Box<dyn Any>)>;

thread_local! {
    static KEPT: RefCell<Shelf> = const { RefCell::new(Vec::new()) };
}

/// A query state on loan from the shelf; it goes back when dropped. While one is out, a
/// second ask for the same query builds its own.
pub(crate) struct Kept<D: QueryData + 'static, F: QueryFilter + 'static = ()> {
    state: Option<QueryState<D, F>>,
    world: WorldId,
}

/// The state for `world.query_filtered::<D, F>()`, kept from an earlier call on this world and
/// thread if there was one.
pub(crate) fn kept<D: QueryData + 'static, F: QueryFilter + 'static>(
    world: &mut World,
) -> Kept<D, F> {
    let (ty, id) = (TypeId::of::<QueryState<D, F>>(), world.id());
    let state = KEPT
        .try_with(|k| {
            let mut k = k.borrow_mut();
            let at = k.iter().position(|(t, w, _)| *t == ty && *w == id)?;
            k.swap_remove(at).2.downcast::<QueryState<D, F>>().ok()
        })
        .ok()
        .flatten()
        .map_or_else(|| world.query_filtered::<D, F>(), |s| *s);
    Kept {
        state: Some(state),
        world: id,
    }
}

impl<D: QueryData + 'static, F: QueryFilter + 'static> Deref for Kept<D, F> {
    type Target = QueryState<D, F>;
    fn deref(&self) -> &Self::Target {
        self.state.as_ref().expect("held until dropped")
    }
}

impl<D: QueryData + 'static, F: QueryFilter + 'static> DerefMut for Kept<D, F> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.state.as_mut().expect("held until dropped")
    }
}

impl<D: QueryData + 'static, F: QueryFilter + 'static> Drop for Kept<D, F> {
    fn drop(&mut self) {
        let Some(state) = self.state.take() else {
            return;
        };
        let world = self.world;
        let _ = KEPT.try_with(|k| {
            if let Ok(mut k) = k.try_borrow_mut() {
                // States of worlds played out would pile up over a batch: keep this one's.
                k.retain(|(_, w, _)| *w == world);
                k.push((TypeId::of::<QueryState<D, F>>(), world, Box::new(state)));
            }
        });
    }
}
