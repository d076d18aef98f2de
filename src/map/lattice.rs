//! The map's hexes as rows of bits, for floods over the whole map. A breadth-first pass
//! handles one hex at a time, six neighbours each; here a whole ring of a flood takes one step
//! in all six directions at once, as a few shifts of each row. Distances from a set of hexes
//! are found the same way, ring by ring, over only the rows the last ring touched: a pass
//! over every row for every ring was no cheaper than a breadth-first pass, but a ring seldom
//! spans the map.
//!
//! Row `r` holds the hexes of axial row `r` by their offset column `q + (r - (r & 1)) / 2`
//! (pointy hexes, odd rows shoved right), so the six neighbours of a hex are the next bits
//! up and down in its row, and in the rows either side the same bit and the one below it (in
//! even rows) or above it (in odd rows).

use hexx::Hex;

use super::grid::{HexId, NO_HEX};

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
    /// Per row and column (`row * MAX_COLUMNS + column`), the hex there; `NO_HEX` for none.
    id_at: Vec<HexId>,
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
        let mut id_at = vec![NO_HEX; rows.len() * MAX_COLUMNS as usize];
        let place = coords
            .iter()
            .enumerate()
            .map(|(id, h)| {
                let (r, c) = ((h.y - r_min + 1) as u32, (column(h) - c_min) as u32);
                rows[r as usize].valid |= 1 << c;
                id_at[r as usize * MAX_COLUMNS as usize + c as usize] = id as HexId;
                (r, c)
            })
            .collect();
        Some(Self { rows, place, id_at })
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

    /// Steps over the grid from the nearest of `from` to every hex (`u32::MAX` where none
    /// leads), as a breadth-first pass counts them: each ring is the hexes next to the last
    /// not yet reached, worked out a row at a time for the rows beside the last ring's.
    pub(crate) fn steps_from(&self, from: impl IntoIterator<Item = HexId>) -> Vec<u32> {
        let mut d = vec![u32::MAX; self.place.len()];
        let (mut ring, mut next, mut reached) = (self.empty(), self.empty(), self.empty());
        // The rows the ring has hexes in, `lo..=hi` (empty while `lo > hi`).
        let (mut lo, mut hi) = (usize::MAX, 0);
        for h in from {
            let (r, c) = self.place[h as usize];
            ring[r as usize] |= 1 << c;
            reached[r as usize] |= 1 << c;
            d[h as usize] = 0;
            (lo, hi) = (lo.min(r as usize), hi.max(r as usize));
        }
        // The first and last rows are the empty ones either side.
        let last = self.rows() - 2;
        let mut steps = 1;
        while lo <= hi {
            let (mut new_lo, mut new_hi) = (usize::MAX, 0);
            for r in lo.saturating_sub(1).max(1)..=(hi + 1).min(last) {
                let new = self.rows[r].around(&ring[r - 1..=r + 1]) & !reached[r];
                if new == 0 {
                    continue;
                }
                next[r] = new;
                reached[r] |= new;
                (new_lo, new_hi) = (new_lo.min(r), r);
                let at = &self.id_at[r * MAX_COLUMNS as usize..][..MAX_COLUMNS as usize];
                let mut bits = new;
                while bits != 0 {
                    d[at[bits.trailing_zeros() as usize] as usize] = steps;
                    bits &= bits - 1;
                }
            }
            ring[lo..=hi].fill(0);
            std::mem::swap(&mut ring, &mut next);
            (lo, hi) = (new_lo, new_hi);
            steps += 1;
        }
        d
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
