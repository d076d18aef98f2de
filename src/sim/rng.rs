//! The one source of chance. Every random draw in the simulation comes from here, in the
//! fixed order the single-threaded turn schedule gives, so a seed replays a game exactly.

use bevy::prelude::*;
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

/// ChaCha8: portable across platforms and versions, unlike `StdRng` or `SmallRng`.
#[derive(Resource, Debug)]
pub struct SimRng(pub ChaCha8Rng);

impl SimRng {
    pub fn from_seed(seed: u64) -> Self {
        Self(ChaCha8Rng::seed_from_u64(seed))
    }

    /// How far the stream has been drawn: part of the state hash.
    pub fn position(&self) -> u128 {
        self.0.get_word_pos()
    }
}
