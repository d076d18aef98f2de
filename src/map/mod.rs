//! Geography → hex grid: projection, rasterising polygons, rivers on hex edges, the rail
//! graph, dense per-hex arrays with neighbour tables. Plain Rust: no Bevy here.

mod grid;
mod lattice;
mod projection;
mod rasterise;

pub use grid::{HexId, HexMap, LinkTarget, MapBox, MapCity, MapLink, NO_HEX};
pub(crate) use lattice::{Lattice, Row};
pub use projection::{Projection, great_circle_km};
pub use rasterise::{HEX_KM_RANGE, MAX_HEXES, point_in_polygon, rasterise};
