//! Numbers written for people: 3,050,000 men, not 3050000.

/// Thousands separators, rounded to a whole number.
///
/// ```
/// assert_eq!(eastfront::words::thousands(3_050_000.0), "3,050,000");
/// assert_eq!(eastfront::words::thousands(-1234.4), "-1,234");
/// ```
pub fn thousands(n: f64) -> String {
    let whole = n.round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(3_050_000.0), "3,050,000");
        assert_eq!(super::thousands(999.0), "999");
        assert_eq!(super::thousands(-1234.0), "-1,234");
    }
}
