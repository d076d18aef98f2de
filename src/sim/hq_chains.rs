//! Each HQ and the HQs above it, worked out once for a whole count of the units under them.
//! Walking up the tree unit by unit, looking every HQ up by name in maps, was most of the
//! week's recording.

use crate::scenario::scenario_file::Hq;

pub(super) struct HqChains {
    /// The HQ ids in id order, each once.
    ids: Vec<String>,
    /// By place in `ids`: the places of the HQ and of those above it, nearest first.
    chains: Vec<Vec<usize>>,
}

/// How far up a chain is followed. Validation refuses circular HQs, but a bound costs nothing.
const MAX_DEPTH: usize = 64;

impl HqChains {
    pub fn new(hqs: &[Hq]) -> Self {
        let mut ids: Vec<&str> = hqs.iter().map(|h| h.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        // Should an id repeat, its last entry names the parent, as a map collected from the
        // list would keep it.
        let mut parent: Vec<Option<&str>> = vec![None; ids.len()];
        for h in hqs {
            if let Ok(i) = ids.binary_search(&h.id.as_str()) {
                parent[i] = h.parent.as_deref();
            }
        }
        let place = |id: &str| ids.binary_search(&id).ok();
        let chains = (0..ids.len())
            .map(|start| {
                let mut chain = Vec::new();
                let mut at = Some(start);
                while let Some(i) = at {
                    if chain.len() == MAX_DEPTH {
                        break;
                    }
                    chain.push(i);
                    // A parent that is no HQ ends the chain, as it counts for nothing.
                    at = parent[i].and_then(place);
                }
                chain
            })
            .collect();
        Self {
            ids: ids.into_iter().map(str::to_string).collect(),
            chains,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// The HQ ids, in id order: the order of the places [`HqChains::of`] gives.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str)
    }

    /// The places of `hq` and the HQs above it; none if `hq` is no HQ.
    pub fn of(&self, hq: &str) -> &[usize] {
        self.ids
            .binary_search_by(|id| id.as_str().cmp(hq))
            .map_or(&[], |i| self.chains[i].as_slice())
    }
}
