//! Calendar dates as scenario files write them: `"1941-06-22"`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A day of the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01; negative before it.
    days: i32,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Date {
    /// The date, or why there is no such day.
    pub fn new(year: i32, month: u32, day: u32) -> Result<Self, String> {
        if !(1800..=2100).contains(&year) {
            return Err(format!("the year {year} is outside 1800–2100"));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("there is no month {month}"));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(format!(
                "{} {year} has {last} days, not {day}",
                MONTHS[month as usize - 1]
            ));
        }
        Ok(Self {
            days: days_from_civil(year, month, day),
        })
    }

    /// Reads a date as scenario files write it, or says what to write instead.
    ///
    /// ```
    /// use eastfront::scenario::Date;
    /// let d = Date::parse("1941-06-22").unwrap();
    /// assert_eq!(d.long(), "22 Jun 1941");
    /// assert_eq!(d.add_days(7).to_string(), "1941-06-29");
    /// assert!(Date::parse("1941-9-5").unwrap_err().contains("did you mean \"1941-09-05\"?"));
    /// ```
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.contains(['\u{2013}', '\u{2014}', '\u{2212}']) {
            return Err(format!(
                "\"{text}\" has long dashes (–) in it, as a word processor types them; use plain `-`: \"{}\"",
                text.replace(['\u{2013}', '\u{2014}', '\u{2212}'], "-")
            ));
        }
        let parts: Vec<&str> = text.split('-').collect();
        let bad =
            || format!("\"{text}\" is not a date: write it as \"YYYY-MM-DD\", e.g. \"1941-06-22\"");
        // "1941-9-5": the numbers are right, only the zeros are missing; say exactly what to write.
        if parts.len() == 3
            && parts[0].len() == 4
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            && (parts[1].len() < 2 || parts[2].len() < 2)
        {
            return Err(format!(
                "{}: did you mean \"{}-{:0>2}-{:0>2}\"?",
                bad(),
                parts[0],
                parts[1],
                parts[2]
            ));
        }
        if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
            return Err(bad());
        }
        let y = parts[0].parse().map_err(|_| bad())?;
        let m = parts[1].parse().map_err(|_| bad())?;
        let d = parts[2].parse().map_err(|_| bad())?;
        Self::new(y, m, d)
    }

    pub fn add_days(self, days: i32) -> Self {
        Self {
            days: self.days + days,
        }
    }

    /// Whole days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i32 {
        later.days - self.days
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// "22 Jun 1941", for event logs.
    pub fn long(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{d} {} {y}", MONTHS[m as usize - 1])
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's civil-date algorithms: exact for any Gregorian date.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy as i32;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_counts_days() {
        let start = Date::parse("1941-06-22").unwrap();
        assert_eq!(start.to_string(), "1941-06-22");
        let end = Date::parse("1943-02-02").unwrap();
        assert_eq!(start.days_until(end), 590);
        assert_eq!(start.add_days(7).to_string(), "1941-06-29");
        assert_eq!(
            Date::parse("1944-02-29").unwrap().add_days(1).to_string(),
            "1944-03-01"
        );
        assert_eq!(start.long(), "22 Jun 1941");
    }

    #[test]
    fn refuses_impossible_days() {
        assert!(
            Date::parse("1941-06-31")
                .unwrap_err()
                .contains("Jun 1941 has 30 days")
        );
        assert!(Date::parse("1942-02-29").is_err());
        assert!(
            Date::parse("22/06/1941")
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
        assert!(Date::parse("1941-13-01").is_err());
        assert!(
            Date::parse("1941-9-5")
                .unwrap_err()
                .contains("did you mean \"1941-09-05\"?")
        );
        assert!(
            Date::parse("1941\u{2013}12\u{2013}31")
                .unwrap_err()
                .contains("use plain `-`: \"1941-12-31\"")
        );
    }
}
