//! The state of the world that is not an entity: the map and who holds each hex.

use std::sync::Arc;

use bevy::prelude::*;

use crate::map::HexMap;
use crate::scenario::{Owner, Scenario};

/// The hex map, shared and read-only during play.
#[derive(Resource, Debug, Clone)]
pub struct Map(pub Arc<HexMap>);

/// The validated scenario the game was started from.
#[derive(Resource, Debug, Clone)]
pub struct ScenarioRes(pub Arc<Scenario>);

/// Who holds each hex, indexed by hex id.
#[derive(Resource, Debug, Clone)]
pub struct Control(pub Vec<Owner>);

/// The turn each hex last changed hands (0: held since the start).
#[derive(Resource, Debug, Clone)]
pub struct ControlChanged(pub Vec<u32>);

/// Grid distances from sets of hexes (`HexMap::steps_from`) asked for earlier, with the
/// sources they were asked from. Each AI phase asks for the distance from the enemy's units;
/// when no unit has moved since an earlier ask, the sets are the same and the search is not
/// made again. Distances from a set do not depend on its order.
#[derive(Resource, Default, Clone)]
///
/// The distances are kept as the search's own vector: turning each into a shared slice
/// copied it.
pub(crate) struct StepsMemo(Vec<(Arc<HexMap>, Vec<crate::map::HexId>, Arc<Vec<u32>>)>);

impl StepsMemo {
    /// Searches kept: a few weeks' worth of both camps'.
    const KEPT: usize = 4;

    /// The sources as the memo knows them: in id order, each once.
    pub(crate) fn key(
        sources: impl IntoIterator<Item = crate::map::HexId>,
    ) -> Vec<crate::map::HexId> {
        let mut key: Vec<_> = sources.into_iter().collect();
        key.sort_unstable();
        key.dedup();
        key
    }

    /// Distances from `key` on `map`: kept, or searched now.
    pub(crate) fn steps_from(&self, map: &Arc<HexMap>, key: &[crate::map::HexId]) -> Arc<Vec<u32>> {
        self.0
            .iter()
            .find(|(m, k, _)| Arc::ptr_eq(m, map) && k == key)
            .map(|(.., d)| d.clone())
            .unwrap_or_else(|| Arc::new(map.steps_from(key.iter().copied())))
    }

    pub(crate) fn keep(
        &mut self,
        map: &Arc<HexMap>,
        key: Vec<crate::map::HexId>,
        d: Arc<Vec<u32>>,
    ) {
        if self
            .0
            .iter()
            .any(|(m, k, _)| Arc::ptr_eq(m, map) && *k == key)
        {
            return;
        }
        if self.0.len() >= Self::KEPT {
            self.0.remove(0);
        }
        self.0.push((map.clone(), key, d));
    }
}
