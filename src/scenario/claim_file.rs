//! Claims (DESIGN.md: Claims and experiments): what the revision notes say, where it comes
//! from, what the historical record says, and a test on the measurements of a run, or of
//! many runs against a variant, that decides whether the claim held.

use serde::{Deserialize, Serialize};

use super::date::Date;

#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    /// The claim as the notes put it.
    pub text: String,
    /// Whose claim it is: "Revision notes", "Medvedev, Let History Judge".
    pub origin: String,
    /// What the historical record says, which may disagree with the notes.
    pub record: String,
    /// Source ids (in `meta.sources`) for the record.
    #[serde(default)]
    pub sources: Vec<String>,
    pub test: Test,
}

/// How a claim is judged.
#[derive(Deserialize, Serialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub enum Test {
    /// The measurement on `date` (the turn that holds it).
    At {
        metric: String,
        date: Date,
        is: Compare,
    },
    /// In some week on or before `date`.
    By {
        metric: String,
        date: Date,
        is: Compare,
    },
    /// In every week from `from` to `to`.
    Throughout {
        metric: String,
        from: Date,
        to: Date,
        is: Compare,
    },
    /// Its mean over the weeks from `from` to `to`.
    Mean {
        metric: String,
        from: Date,
        to: Date,
        is: Compare,
    },
    /// At the end of the run: for measurements taken once, such as `outcome`.
    Final { metric: String, is: Compare },
    /// An event (`captured.<City>`, `encircled.<HQ>`) happens: after `after` and by `by`, where
    /// given. An HQ encircled more than once counts each ring.
    Happens {
        metric: String,
        #[serde(default)]
        after: Option<Date>,
        #[serde(default)]
        by: Option<Date>,
    },
    /// An event never happens in the run.
    Never { metric: String },
    /// Over many runs: the mean of `metric` (or how often a yes/no one is yes) with the
    /// `variants` merged over the scenario, less its mean without them.
    Versus {
        variants: Vec<String>,
        metric: String,
        difference: Compare,
    },
}

impl Test {
    pub fn metric(&self) -> &str {
        match self {
            Test::At { metric, .. }
            | Test::By { metric, .. }
            | Test::Throughout { metric, .. }
            | Test::Mean { metric, .. }
            | Test::Final { metric, .. }
            | Test::Happens { metric, .. }
            | Test::Never { metric }
            | Test::Versus { metric, .. } => metric,
        }
    }

    /// The comparison it makes, if it makes one.
    pub fn compare(&self) -> Option<&Compare> {
        match self {
            Test::At { is, .. }
            | Test::By { is, .. }
            | Test::Throughout { is, .. }
            | Test::Mean { is, .. }
            | Test::Final { is, .. } => Some(is),
            Test::Versus { difference, .. } => Some(difference),
            Test::Happens { .. } | Test::Never { .. } => None,
        }
    }
}

#[derive(Deserialize, Serialize, Debug, Clone, PartialEq)]
pub enum Compare {
    AtLeast(f64),
    AtMost(f64),
    Between(f64, f64),
    /// For measurements that are words: `outcome`, `controls.<City>`.
    Is(String),
}

impl Compare {
    pub fn number(&self, v: f64) -> bool {
        match self {
            Compare::AtLeast(x) => v >= *x,
            Compare::AtMost(x) => v <= *x,
            Compare::Between(a, b) => *a <= v && v <= *b,
            Compare::Is(_) => false,
        }
    }

    /// Whether every value of an interval passes (Some(true)), none does (Some(false)), or
    /// the interval straddles the bound and cannot tell (None).
    pub fn interval(&self, lo: f64, hi: f64) -> Option<bool> {
        match self {
            Compare::AtLeast(x) if lo >= *x => Some(true),
            Compare::AtLeast(x) if hi < *x => Some(false),
            Compare::AtMost(x) if hi <= *x => Some(true),
            Compare::AtMost(x) if lo > *x => Some(false),
            Compare::Between(a, b) if lo >= *a && hi <= *b => Some(true),
            Compare::Between(a, b) if hi < *a || lo > *b => Some(false),
            _ => None,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Compare::AtLeast(x) => format!("at least {x}"),
            Compare::AtMost(x) => format!("at most {x}"),
            Compare::Between(a, b) => format!("between {a} and {b}"),
            Compare::Is(w) => format!("`{w}`"),
        }
    }
}
