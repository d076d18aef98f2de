//! The statistics an experiment reports: the Wilson interval for how often a claim held, the
//! spread of a measurement, and the interval of a difference between two sets of runs.

/// z for a two-sided 95% interval.
const Z95: f64 = 1.959_964;

/// The 95% Wilson score interval for `held` successes in `n` trials: good at small n and at
/// shares near 0 or 1, where the plain normal interval fails.
pub fn wilson(held: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (k, n) = (held as f64, n as f64);
    let p = k / n;
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Mean and the 5th, 50th and 95th percentiles (linear between ranks).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub mean: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
}

pub fn spread(values: &[f64]) -> Option<Spread> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let pos = p * (v.len() - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
    };
    Some(Spread {
        mean: v.iter().sum::<f64>() / v.len() as f64,
        p5: q(0.05),
        p50: q(0.5),
        p95: q(0.95),
    })
}

/// The difference of two means (`b` less `a`) with its 95% interval, by the normal
/// approximation (Welch's standard error): fine for the hundreds of runs experiments use.
pub fn difference(a: &[f64], b: &[f64]) -> Option<(f64, (f64, f64))> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let var = |v: &[f64], m: f64| {
        if v.len() < 2 {
            0.0
        } else {
            v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (v.len() - 1) as f64
        }
    };
    let (ma, mb) = (mean(a), mean(b));
    let se = (var(a, ma) / a.len() as f64 + var(b, mb) / b.len() as f64).sqrt();
    let d = mb - ma;
    Some((d, (d - Z95 * se, d + Z95 * se)))
}

/// The difference of two rates (`b` less `a`, each a list of 0s and 1s) with Newcombe's
/// interval from the two Wilson intervals (Newcombe 1998, method 10): unlike the normal
/// interval it does not shrink to nothing when neither set had a single event.
pub fn rate_difference(a: &[f64], b: &[f64]) -> Option<(f64, (f64, f64))> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let count = |v: &[f64]| v.iter().filter(|&&x| x >= 0.5).count();
    let (ka, kb) = (count(a), count(b));
    let (pa, pb) = (ka as f64 / a.len() as f64, kb as f64 / b.len() as f64);
    let (la, ua) = wilson(ka, a.len());
    let (lb, ub) = wilson(kb, b.len());
    let d = pb - pa;
    let lo = d - ((pb - lb).powi(2) + (ua - pa).powi(2)).sqrt();
    let hi = d + ((ub - pb).powi(2) + (pa - la).powi(2)).sqrt();
    Some((d, (lo, hi)))
}

/// True if every value is 0 or 1: a rate, not a quantity.
pub fn is_rate(v: &[f64]) -> bool {
    v.iter().all(|&x| x == 0.0 || x == 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_the_textbook() {
        // 8 of 10: Wilson gives 0.490 to 0.943 (Newcombe 1998, table I).
        let (lo, hi) = wilson(8, 10);
        assert!(
            (lo - 0.490).abs() < 0.001 && (hi - 0.943).abs() < 0.001,
            "{lo} {hi}"
        );
        // None of 20 still leaves room above 0, and all of 20 below 1.
        let (lo, hi) = wilson(0, 20);
        assert_eq!(lo, 0.0);
        assert!((hi - 0.161).abs() < 0.001, "{hi}");
        let (lo, hi) = wilson(20, 20);
        assert!(
            (lo - 0.839).abs() < 0.001 && (hi - 1.0).abs() < 1e-12,
            "{lo} {hi}"
        );
    }

    #[test]
    fn percentiles_interpolate_between_ranks() {
        let v: Vec<f64> = (1..=101).map(f64::from).collect();
        let s = spread(&v).unwrap();
        assert_eq!((s.mean, s.p5, s.p50, s.p95), (51.0, 6.0, 51.0, 96.0));
        assert_eq!(spread(&[3.0]).unwrap().p95, 3.0);
        assert!(spread(&[]).is_none());
    }

    #[test]
    fn no_events_in_either_set_still_leaves_room_for_a_difference() {
        let none = vec![0.0; 20];
        let (d, (lo, hi)) = rate_difference(&none, &none).unwrap();
        assert_eq!(d, 0.0);
        assert!(lo < -0.15 && hi > 0.15, "{lo} {hi}");
        // Newcombe (1998), table II, example (a): 56/70 against 48/80: 0.2, from 0.0524 to 0.3339.
        let set = |k: usize, n: usize| {
            let mut v = vec![1.0; k];
            v.extend(vec![0.0; n - k]);
            v
        };
        let (d, (lo, hi)) = rate_difference(&set(48, 80), &set(56, 70)).unwrap();
        assert!((d - 0.2).abs() < 1e-9);
        assert!(
            (lo - 0.0524).abs() < 0.001 && (hi - 0.3339).abs() < 0.001,
            "{lo} {hi}"
        );
    }

    #[test]
    fn a_difference_of_rates_has_an_interval_around_it() {
        let a = vec![0.0; 100];
        let mut b = vec![0.0; 80];
        b.extend(vec![1.0; 20]);
        let (d, (lo, hi)) = difference(&a, &b).unwrap();
        assert!((d - 0.2).abs() < 1e-12);
        // SE = sqrt(0.2 * 0.8 / 99 * 100 / 100) ~ 0.0402
        assert!(
            (lo - 0.121).abs() < 0.002 && (hi - 0.279).abs() < 0.002,
            "{lo} {hi}"
        );
    }
}
