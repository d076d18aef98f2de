//! Latitude/longitude ↔ kilometres on a flat plane, for laying hexes over the map.
//!
//! The map spans 40–62°N. A plain "degrees times a constant" projection would stretch
//! east–west distances by ±20% across that range, so a 50 km hex would not be 50 km. An
//! equidistant conic with standard parallels at 44° and 58° keeps distances along meridians
//! exact and along parallels within about 1.5% over the whole map.

const EARTH_RADIUS_KM: f64 = 6371.0;

#[derive(Debug, Clone, Copy)]
pub struct Projection {
    n: f64,
    g: f64,
    rho0: f64,
    lon0: f64,
}

impl Projection {
    /// A projection suited to a map spanning `south..north` and centred on `centre_lon`.
    pub fn for_bounds(south: f64, north: f64, centre_lon: f64) -> Self {
        // Standard parallels one sixth of the way in from each edge (a classic choice that
        // spreads the scale error evenly).
        let span = north - south;
        let (p1, p2) = (
            (south + span / 6.0).to_radians(),
            (north - span / 6.0).to_radians(),
        );
        let n = if (p2 - p1).abs() < 1e-9 {
            p1.sin()
        } else {
            (p1.cos() - p2.cos()) / (p2 - p1)
        };
        let g = p1.cos() / n + p1;
        let phi0 = ((south + north) / 2.0).to_radians();
        let rho0 = EARTH_RADIUS_KM * (g - phi0);
        Self {
            n,
            g,
            rho0,
            lon0: centre_lon.to_radians(),
        }
    }

    /// (x east, y north) in km.
    pub fn forward(&self, lat: f64, lon: f64) -> (f64, f64) {
        let rho = EARTH_RADIUS_KM * (self.g - lat.to_radians());
        let theta = self.n * (lon.to_radians() - self.lon0);
        (rho * theta.sin(), self.rho0 - rho * theta.cos())
    }

    /// (lat, lon) in degrees.
    pub fn inverse(&self, x: f64, y: f64) -> (f64, f64) {
        let dy = self.rho0 - y;
        let rho = self.n.signum() * (x * x + dy * dy).sqrt();
        let theta = if self.n > 0.0 {
            x.atan2(dy)
        } else {
            (-x).atan2(-dy)
        };
        let lat = self.g - rho / EARTH_RADIUS_KM;
        let lon = self.lon0 + theta / self.n;
        (lat.to_degrees(), lon.to_degrees())
    }
}

/// Great-circle distance in km.
pub fn great_circle_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn projected_km(p: &Projection, a: (f64, f64), b: (f64, f64)) -> f64 {
        let (x1, y1) = p.forward(a.0, a.1);
        let (x2, y2) = p.forward(b.0, b.1);
        ((x1 - x2).powi(2) + (y1 - y2).powi(2)).sqrt()
    }

    #[test]
    fn distances_survive_projection() {
        let p = Projection::for_bounds(40.0, 62.0, 35.75);
        let moscow = (55.756, 37.617);
        let smolensk = (54.782, 32.045);
        let gc = great_circle_km(moscow, smolensk);
        assert!((gc - 370.0).abs() < 10.0, "great circle {gc}");
        let flat = projected_km(&p, moscow, smolensk);
        assert!((flat - gc).abs() / gc < 0.02, "projected {flat} vs {gc}");
        // A long east-west line in the far south, where a flat projection errs most.
        let (rostov, baku) = ((47.23, 39.72), (40.41, 49.87));
        let gc = great_circle_km(rostov, baku);
        assert!((projected_km(&p, rostov, baku) - gc).abs() / gc < 0.02);
    }

    #[test]
    fn inverse_undoes_forward() {
        let p = Projection::for_bounds(40.0, 62.0, 35.75);
        for (lat, lon) in [(41.0, 20.0), (61.5, 51.0), (55.75, 37.6), (47.0, 35.75)] {
            let (x, y) = p.forward(lat, lon);
            let (la, lo) = p.inverse(x, y);
            assert!(
                (la - lat).abs() < 1e-9 && (lo - lon).abs() < 1e-9,
                "{lat},{lon} -> {la},{lo}"
            );
        }
    }
}
