//! Claims judged on what a run recorded (DESIGN.md: Claims and experiments), and the
//! statistics of many runs: how often a claim held with its 95% interval, and the spread of
//! each measurement.

pub mod stats;

use serde_json::{Map, Value};

use crate::scenario::claim_file::{Claim, Compare, Test};
use crate::scenario::{Date, TURN_DAYS};
use crate::sim::TurnRecord;

/// What one run says of a claim.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Held,
    Failed,
    /// This run cannot say: a comparison of variants needs many runs, or the run ended
    /// before the date the test looks at.
    NotJudged(String),
}

impl Verdict {
    pub fn held(&self) -> Option<bool> {
        match self {
            Verdict::Held => Some(true),
            Verdict::Failed => Some(false),
            Verdict::NotJudged(_) => None,
        }
    }

    pub fn word(&self) -> &'static str {
        match self {
            Verdict::Held => "held",
            Verdict::Failed => "did not hold",
            Verdict::NotJudged(_) => "not judged",
        }
    }
}

/// A run as claims see it: its weekly records and its measurements at the end.
pub struct Run<'a> {
    pub records: &'a [TurnRecord],
    pub last: &'a Map<String, Value>,
    /// The last day played, if the game was stopped before the scenario's end (not by a
    /// Soviet collapse, which ends a war): what would come after cannot be judged.
    pub stopped: Option<Date>,
}

fn in_week(r: &TurnRecord, date: Date) -> bool {
    r.date <= date && date < r.date.add_days(TURN_DAYS)
}

/// The weeks of a run that overlap `from`..=`to`.
fn weeks<'a>(run: &'a Run, from: Date, to: Date) -> impl Iterator<Item = &'a TurnRecord> {
    run.records
        .iter()
        .filter(move |r| r.date.add_days(TURN_DAYS - 1) >= from && r.date <= to)
}

fn value(r: &TurnRecord, metric: &str) -> Option<f64> {
    r.values.get(metric).copied()
}

pub fn judge(claim: &Claim, run: &Run) -> Verdict {
    // Past the day the game stopped, nothing can be said yet.
    let unplayed = |date: Option<Date>| match run.stopped {
        Some(s) if date.is_none_or(|d| d > s) => Some(Verdict::NotJudged(format!(
            "the game stopped on {}, before the day this claim looks at",
            s.long()
        ))),
        _ => None,
    };
    let early = match &claim.test {
        Test::At { date, .. } | Test::Throughout { to: date, .. } | Test::Mean { to: date, .. } => {
            unplayed(Some(*date))
        }
        Test::Final { .. } | Test::Never { .. } => unplayed(None),
        _ => None,
    };
    early.unwrap_or_else(|| judge_played(claim, run, &unplayed))
}

fn judge_played(
    claim: &Claim,
    run: &Run,
    unplayed: &dyn Fn(Option<Date>) -> Option<Verdict>,
) -> Verdict {
    let yes = |b: bool| if b { Verdict::Held } else { Verdict::Failed };
    let missing = || Verdict::NotJudged("the run did not measure it".into());
    match &claim.test {
        Test::At { metric, date, is } => {
            let collapsed = run.last.get("soviet_collapse") == Some(&Value::Bool(true));
            let record = run.records.iter().find(|r| in_week(r, *date)).or_else(|| {
                // A war that ended early with a Soviet collapse stands as it ended.
                run.records.last().filter(|r| collapsed && r.date < *date)
            });
            match record.and_then(|r| value(r, metric)) {
                Some(v) => yes(is.number(v)),
                None => Verdict::NotJudged(format!("the run has no week holding {date}")),
            }
        }
        Test::By { metric, date, is } => {
            let vals: Vec<f64> = run
                .records
                .iter()
                .filter(|r| r.date <= *date)
                .filter_map(|r| value(r, metric))
                .collect();
            if vals.iter().any(|&v| is.number(v)) {
                return Verdict::Held;
            }
            if let Some(v) = unplayed(Some(*date)) {
                return v;
            }
            if vals.is_empty() {
                return missing();
            }
            Verdict::Failed
        }
        Test::Throughout {
            metric,
            from,
            to,
            is,
        }
        | Test::Mean {
            metric,
            from,
            to,
            is,
        } => {
            let vals: Vec<f64> = weeks(run, *from, *to)
                .filter_map(|r| value(r, metric))
                .collect();
            if vals.is_empty() {
                return missing();
            }
            if matches!(claim.test, Test::Mean { .. }) {
                yes(is.number(vals.iter().sum::<f64>() / vals.len() as f64))
            } else {
                yes(vals.iter().all(|&v| is.number(v)))
            }
        }
        Test::Final { metric, is } => match (final_value(run, metric), is) {
            (Some(Value::String(w)), Compare::Is(want)) => yes(w == *want),
            (Some(Value::Bool(b)), Compare::Is(want)) => yes(b.to_string() == *want),
            (Some(v), c) => match v.as_f64() {
                Some(x) => yes(c.number(x)),
                None => missing(),
            },
            (None, _) => missing(),
        },
        Test::Happens { metric, after, by } => {
            let dates = event_dates(run, metric);
            match dates {
                None => missing(),
                Some(dates) => {
                    let found = dates
                        .iter()
                        .any(|d| after.is_none_or(|a| *d > a) && by.is_none_or(|b| *d <= b));
                    match unplayed(*by) {
                        Some(v) if !found => v,
                        _ => yes(found),
                    }
                }
            }
        }
        Test::Never { metric } => match run.last.get(metric) {
            Some(Value::Null) => Verdict::Held,
            Some(Value::String(_)) => Verdict::Failed,
            _ => missing(),
        },
        Test::Versus { .. } => {
            Verdict::NotJudged("it compares variants over many runs: use --runs".into())
        }
    }
}

/// Every date an event happened in the run: each ring closed on an HQ, or the day a city
/// was first taken. None if the run did not measure it.
fn event_dates(run: &Run, metric: &str) -> Option<Vec<Date>> {
    if let Some(hq) = metric.strip_prefix("encircled.")
        && let Some(list) = run
            .last
            .get("encirclements")
            .and_then(|e| e.get(hq))
            .and_then(Value::as_array)
    {
        return Some(
            list.iter()
                .filter_map(|d| d.as_str().and_then(|d| Date::parse(d).ok()))
                .collect(),
        );
    }
    match run.last.get(metric)? {
        Value::String(d) => Some(Date::parse(d).ok().into_iter().collect()),
        Value::Null => Some(Vec::new()),
        _ => None,
    }
}

/// A measurement at the end of the run: taken once (`outcome`), or its last week's value.
pub fn final_value(run: &Run, metric: &str) -> Option<Value> {
    run.last.get(metric).cloned().or_else(|| {
        run.records
            .last()
            .and_then(|r| r.values.get(metric))
            .map(|v| (*v).into())
    })
}

/// The number a run gives for `metric` in a comparison: a yes/no counts as 1 or 0, a date as
/// 1 if it happened.
pub fn as_number(v: &Value) -> Option<f64> {
    match v {
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Number(n) => n.as_f64(),
        Value::String(s) if Date::parse(s).is_ok() => Some(1.0),
        Value::Null => Some(0.0),
        _ => None,
    }
}

/// The test in words, for reports: "mean of german_share_east from ... to ... is at least 0.75".
pub fn describe(test: &Test) -> String {
    match test {
        Test::At { metric, date, is } => format!("{metric} on {date} is {}", is.describe()),
        Test::By { metric, date, is } => {
            format!("{metric} is {} in some week by {date}", is.describe())
        }
        Test::Throughout {
            metric,
            from,
            to,
            is,
        } => format!(
            "{metric} is {} every week from {from} to {to}",
            is.describe()
        ),
        Test::Mean {
            metric,
            from,
            to,
            is,
        } => format!(
            "the mean of {metric} from {from} to {to} is {}",
            is.describe()
        ),
        Test::Final { metric, is } => format!("{metric} at the end is {}", is.describe()),
        Test::Happens { metric, after, by } => match (after, by) {
            (Some(a), Some(b)) => format!("{metric} happens after {a} and by {b}"),
            (None, Some(b)) => format!("{metric} happens by {b}"),
            (Some(a), None) => format!("{metric} happens after {a}"),
            (None, None) => format!("{metric} happens"),
        },
        Test::Never { metric } => format!("{metric} never happens"),
        Test::Versus {
            variants,
            metric,
            difference,
        } => format!(
            "with {} the mean of {metric} changes by {}",
            variants.join(" + "),
            difference.describe()
        ),
    }
}
