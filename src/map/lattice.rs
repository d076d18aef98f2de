//! The map's hexes as rows of bits, for floods over the whole map. A breadth-first pass
//! handles one hex at a time, six neighbours each; here a whole ring of a flood takes one step
//! in all six directions at once, as a few shifts of each row. (Distances from a set of hexes
//! are still searched hex by hex: measured, a ring per step over every row was no cheaper
//! for them, since writing each hex's distance is most of the work either way.)
//!
//! Row `r` holds the hexes of axial row `r` by their offset column `q + (r - (r & 1)) / 2`
//! (pointy hexes, odd rows shoved right), so the six neighbours of a hex are the next bits
//! up and down in its row, and in the rows either side the same bit and the one below it (in
//! even rows) or above it (in odd rows).

use hexx::Hex;

use super::grid::HexId;

/// One row of hexes: bit `c` is column `c`.
pub(crate) type Row = u64;

/// The widest map (in columns) the rows can hold.
const MAX_COLUMNS: i32 = Row::BITS as i32;

#[derive(Debug, Clone)]
pub(crate) struct Lattice {
    /// Per row, the bits that are hexes of the map, and all ones if its axial row is odd (else
    /// none). Sets of hexes have an empty row before the first and after the last, so every
    /// row has rows either side to read.
    rows: Vec<RowOf>,
    /// Per hex id, its row (counting the empty one) and column.
    place: Vec<(u32, u32)>,
}

#[derive(Debug, Clone, Copy)]
struct RowOf {
    valid: Row,
    odd: Row,
}

impl RowOf {
    /// The hexes of this row next to any hex of a set, given the set's rows `w` (this one's
    /// and either side), within the map: the set's own hexes only where they are next to
    /// another.
    #[inline]
    fn around(&self, w: &[Row]) -> Row {
        let (below, here, above) = (w[0], w[1], w[2]);
        let beside = below | above;
        let beside = beside | ((beside >> 1) & self.odd) | ((beside << 1) & !self.odd);
        ((here << 1) | (here >> 1) | beside) & self.valid
    }
}

impl Lattice {
    /// The lattice of the hexes at `coords` (indexed by hex id), if the map is narrow enough.
    pub(crate) fn new(coords: &[Hex]) -> Option<Self> {
        let column = |h: &Hex| h.x + (h.y - (h.y & 1)) / 2;
        let c_min = coords.iter().map(column).min()?;
        let c_max = coords.iter().map(column).max()?;
        let r_min = coords.iter().map(|h| h.y).min()?;
        let r_max = coords.iter().map(|h| h.y).max()?;
        if c_max - c_min >= MAX_COLUMNS {
            return None;
        }
        let mut rows: Vec<RowOf> = (r_min - 1..=r_max + 1)
            .map(|r| RowOf {
                valid: 0,
                odd: if r & 1 == 1 { Row::MAX } else { 0 },
            })
            .collect();
        let place = coords
            .iter()
            .map(|h| {
                let (r, c) = ((h.y - r_min + 1) as u32, (column(h) - c_min) as u32);
                rows[r as usize].valid |= 1 << c;
                (r, c)
            })
            .collect();
        Some(Self { rows, place })
    }

    fn rows(&self) -> usize {
        self.rows.len()
    }

    /// An empty set of hexes.
    pub(crate) fn empty(&self) -> Vec<Row> {
        vec![0; self.rows()]
    }

    pub(crate) fn insert(&self, set: &mut [Row], id: HexId) {
        let (r, c) = self.place[id as usize];
        set[r as usize] |= 1 << c;
    }

    pub(crate) fn contains(&self, set: &[Row], id: HexId) -> bool {
        let (r, c) = self.place[id as usize];
        set[r as usize] & (1 << c) != 0
    }

    /// The hexes next to any hex of `set`.
    pub(crate) fn around_all(&self, set: &[Row]) -> Vec<Row> {
        let mut out = self.empty();
        for ((w, row), o) in set.windows(3).zip(&self.rows[1..]).zip(&mut out[1..]) {
            *o = row.around(w);
        }
        out
    }

    /// Where a flood from `start` gets to: into every hex of `enter` next to a hex it has
    /// reached, and on from there only out of hexes in `onward` (and out of `start` always).
    /// What a breadth-first flood with those rules reaches, whatever order it takes hexes in.
    pub(crate) fn flood(&self, start: &[Row], enter: &[Row], onward: &[Row]) -> Vec<Row> {
        let mut reached = start.to_vec();
        // The newest ring's hexes that the flood goes on from.
        let mut from: Vec<Row> = start.to_vec();
        let mut next = self.empty();
        loop {
            let mut any = 0;
            let rows = from.windows(3).zip(&self.rows[1..]).zip(&enter[1..]);
            let rows = rows.zip(&onward[1..]).zip(&mut reached[1..]);
            for (((((w, row), enter), onward), reached), next) in rows.zip(&mut next[1..]) {
                let new = row.around(w) & enter & !*reached;
                *reached |= new;
                *next = new & onward;
                any |= new;
            }
            if any == 0 {
                return reached;
            }
            std::mem::swap(&mut from, &mut next);
        }
    }
}
