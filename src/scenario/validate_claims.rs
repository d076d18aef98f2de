//! Checks of the `claims` section: each claim names a measurement the scenario records, with
//! a test that fits it (a date for events, a number or a word for the rest), variants that
//! exist, and dates inside the calendar.

use std::collections::{HashMap, HashSet};

use super::claim_file::{Compare, Test};
use super::diagnostic::did_you_mean;
use super::locate::{FieldPath, Problem};
use super::metrics::{Kind, catalogue};
use super::scenario_file::Scenario;
use crate::fpath;
use crate::map::HexMap;

pub(super) fn check(
    s: &Scenario,
    map: &HexMap,
    source_ids: &HashSet<String>,
    p: &mut Vec<Problem>,
) {
    if s.claims.is_empty() {
        return;
    }
    let known = catalogue(s, map, &map.owner);
    let kinds: HashMap<&str, Kind> = known.iter().map(|(n, k)| (n.as_str(), *k)).collect();
    let variants: Vec<&str> = s.variants.iter().map(|v| v.id.as_str()).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, c) in s.claims.iter().enumerate() {
        if let Some(first) = seen.insert(&c.id, i) {
            p.push(
                Problem::error(
                    fpath!["claims", i, "id"],
                    format!("two claims have the id `{}`", c.id),
                )
                .hint(format!("the first is entry {first} of `claims`")),
            );
        }
        for (k, src) in c.sources.iter().enumerate() {
            if !source_ids.contains(src) {
                p.push(
                    Problem::error(
                        fpath!["claims", i, "sources", k],
                        format!("no source has the id `{src}`"),
                    )
                    .label("unknown source")
                    .hint_opt(did_you_mean(src, source_ids.iter().map(String::as_str)))
                    .hint("sources are listed in `meta.sources` as Source(id: ..., cite: ...)"),
                );
            }
        }
        let test = fpath!["claims", i, "test"];
        let metric = c.test.metric();
        let Some(&kind) = kinds.get(metric) else {
            p.push(
                Problem::error(
                    at(&test, "metric"),
                    format!("this scenario measures nothing called `{metric}`"),
                )
                .label("unknown measurement")
                .hint_opt(did_you_mean(metric, known.iter().map(|(n, _)| n.as_str())))
                .hint(why_missing(metric)),
            );
            continue;
        };
        check_fit(&c.test, kind, metric, &test, p);
        check_dates(s, &c.test, &test, p);
        if let Test::Versus { variants: vs, .. } = &c.test {
            if vs.is_empty() {
                p.push(
                    Problem::error(
                        at(&test, "variants"),
                        "a comparison needs a variant to compare with",
                    )
                    .hint("write `variants: [\"no_lend_lease\"]`"),
                );
            }
            for (k, v) in vs.iter().enumerate() {
                if !variants.contains(&v.as_str()) {
                    let mut path = at(&test, "variants");
                    path.0.push(super::locate::Seg::from(k));
                    p.push(
                        Problem::error(path, format!("the scenario has no variant `{v}`"))
                            .label("unknown variant")
                            .hint_opt(did_you_mean(v, variants.iter().copied()))
                            .hint(if variants.is_empty() {
                                "add it to `variants` first".to_string()
                            } else {
                                format!("its variants are: {}", variants.join(", "))
                            }),
                    );
                }
            }
        }
    }
}

fn at(test: &FieldPath, field: &str) -> FieldPath {
    let mut p = test.clone();
    p.0.push(super::locate::Seg::from(field));
    p
}

/// A hint for a measurement that exists in general but not in this scenario.
fn why_missing(metric: &str) -> String {
    if metric.starts_with("captured.") {
        return "`captured.` takes a city with victory points that was Soviet on 22 June 1941 (`captured.Kiev`); an HQ is `encircled.<HQ>`".into();
    }
    if metric.starts_with("encircled.") || metric.starts_with("men_under.") {
        return "these take an HQ's id, as `inspect` lists them (`encircled.6th Army`)".into();
    }
    if metric.starts_with("production.") {
        return "written production.<side>.<item>.<year>: sides germany, axis_allies, ussr; items tanks, aircraft, guns, supply, trucks; a year of the scenario, with factories of that side in `economy`".into();
    }
    let needs = [
        ("german_share_east", "`german_divisions_elsewhere`"),
        ("divisions_total.", "`german_divisions_elsewhere`"),
        ("production.", "factories in `economy`"),
        ("output.", "factories in `economy`"),
        ("industry.", "factories in `economy`"),
        ("pool.", "an `economy`"),
        ("lend_lease.", "a `lend_lease` route of that id"),
        ("trucks.", "`trucks` in `sides`"),
    ];
    match needs.iter().find(|(p, _)| metric.starts_with(p)) {
        Some((_, what)) => format!("it is measured only in a scenario with {what}"),
        None => "`eastfront run FILE --format json` lists every measurement of a run".into(),
    }
}

fn check_fit(test: &Test, kind: Kind, metric: &str, path: &FieldPath, p: &mut Vec<Problem>) {
    let event = matches!(test, Test::Happens { .. } | Test::Never { .. });
    let problem = match (kind, test) {
        (Kind::Event, t) if !event && !matches!(t, Test::Versus { .. }) => Some(format!(
            "`{metric}` is a date, not a number: test it with Happens(metric: \"{metric}\", by: \"...\") or Never(metric: \"{metric}\")"
        )),
        (Kind::Weekly | Kind::Final, _) if event => Some(format!(
            "`{metric}` is not an event with a date: Happens and Never take `captured.<City>` or `encircled.<HQ>`"
        )),
        (
            Kind::Final,
            Test::At { .. } | Test::By { .. } | Test::Throughout { .. } | Test::Mean { .. },
        ) => Some(format!(
            "`{metric}` is measured once, at the end: test it with Final(metric: \"{metric}\", is: ...)"
        )),
        _ => None,
    };
    if let Some(msg) = problem {
        p.push(Problem::error(at(path, "metric"), msg).label("this test does not fit it"));
        return;
    }
    let words = metric == "outcome" || metric.starts_with("controls.");
    if let Test::Versus { difference, .. } = test {
        if words {
            p.push(
                Problem::error(
                    at(path, "metric"),
                    format!("`{metric}` is a word: a comparison of variants needs a number or a yes/no"),
                )
                .hint(if metric == "outcome" {
                    "compare `soviet_collapse` (a yes/no: its mean is the collapse rate) or `axis_vp_share`".to_string()
                } else {
                    format!("compare `captured.{}` (taken or not: its mean is how often)", &metric["controls.".len()..])
                }),
            );
        } else if let Compare::Is(w) = difference {
            p.push(
                Problem::error(
                    at(path, "difference"),
                    format!("a difference is a number, not Is(\"{w}\")"),
                )
                .hint("write AtLeast(0.1) for \"rises by at least 10 points\", AtMost(-0.05) for \"falls by at least 5\""),
            );
        }
        return;
    }
    // Shares run from 0 to 1: `AtLeast(75)` for 75% would never hold.
    let share = metric == "german_share_east"
        || metric == "german_west_share_met"
        || metric == "axis_vp_share"
        || metric == "axis_population_share"
        || metric.starts_with("supply.");
    let bound = match test.compare() {
        Some(Compare::AtLeast(x) | Compare::AtMost(x)) => Some(*x),
        Some(Compare::Between(_, b)) => Some(*b),
        _ => None,
    };
    if share
        && let Some(x) = bound
        && x > 1.0
    {
        p.push(
            Problem::error(
                at(path, "is"),
                format!("`{metric}` is a share from 0 to 1, so {x} is out of reach"),
            )
            .label("a percentage?")
            .hint(format!("write {} for {x}%", x / 100.0)),
        );
        return;
    }
    // Every number a run measures is a count, a share or an index: none is ever below 0.
    // A bound under 0 is a claim that can never hold, or one that always does; a fall is
    // what a comparison of variants (`Versus`) measures.
    let below_zero = match test.compare() {
        Some(Compare::AtMost(x)) if *x < 0.0 => Some((*x, "can never hold")),
        Some(Compare::Between(_, b)) if *b < 0.0 => Some((*b, "can never hold")),
        Some(Compare::AtLeast(x) | Compare::Between(x, _)) if *x < 0.0 => {
            Some((*x, "always holds"))
        }
        _ => None,
    };
    if !words
        && metric != "soviet_collapse"
        && let Some((x, verdict)) = below_zero
    {
        p.push(
            Problem::error(
                at(path, "is"),
                format!("`{metric}` is never below 0, so a test against {x} {verdict}"),
            )
            .label("below 0")
            .hint("for a fall, compare variants: Versus(variants: [...], metric: ..., difference: AtMost(-0.05)) is \"falls by at least 0.05\""),
        );
        return;
    }
    match test.compare() {
        Some(Compare::Is(w)) if !words && metric != "soviet_collapse" => p.push(
            Problem::error(
                at(path, "is"),
                format!("`{metric}` is a number: compare it with AtLeast, AtMost or Between, not Is(\"{w}\")"),
            )
            .label("a word for a number"),
        ),
        Some(c @ (Compare::AtLeast(_) | Compare::AtMost(_) | Compare::Between(..)))
            if words && !matches!(test, Test::Versus { .. }) =>
        {
            let hint = if metric == "outcome" {
                "outcomes are `soviet_collapse`, `german_advantage`, `historical` and `soviet_advantage`"
            } else {
                "a city is held by `germany`, `axis_allies` or `ussr`"
            };
            p.push(
                Problem::error(
                    at(path, "is"),
                    format!("`{metric}` is a word, so it cannot be {}", c.describe()),
                )
                .hint(format!("write Is(\"...\"): {hint}")),
            );
        }
        Some(Compare::Is(w)) if metric == "outcome" => {
            let ok = ["soviet_collapse", "german_advantage", "historical", "soviet_advantage"];
            if !ok.contains(&w.as_str()) {
                p.push(
                    Problem::error(at(path, "is"), format!("`{w}` is not an outcome"))
                        .hint_opt(did_you_mean(w, ok.iter().copied()))
                        .hint(format!("outcomes are: {}", ok.join(", "))),
                );
            }
        }
        Some(Compare::Is(w)) if metric == "soviet_collapse" && w != "true" && w != "false" => {
            p.push(
                Problem::error(at(path, "is"), "`soviet_collapse` is yes or no")
                    .hint("write Is(\"true\") or Is(\"false\")"),
            );
        }
        Some(Compare::Is(w)) if metric.starts_with("controls.") => {
            let ok = ["germany", "axis_allies", "ussr"];
            if !ok.contains(&w.as_str()) {
                p.push(
                    Problem::error(at(path, "is"), format!("`{w}` is not a side"))
                        .hint_opt(did_you_mean(w, ok.iter().copied()))
                        .hint("a city is held by `germany`, `axis_allies` or `ussr`"),
                );
            }
        }
        Some(Compare::Between(a, b)) if b < a => p.push(
            Problem::error(at(path, "is"), format!("Between({a}, {b}) holds for no number"))
                .hint("write the lower bound first"),
        ),
        _ => {}
    }
}

fn check_dates(s: &Scenario, test: &Test, path: &FieldPath, p: &mut Vec<Problem>) {
    let (start, end) = (s.calendar.start, s.calendar.end);
    // A warning, not an error: a file that extends this one with a shorter calendar keeps
    // the base's claims, which it cannot judge but need not break on.
    let outside = |field: &str, d: super::date::Date, p: &mut Vec<Problem>| {
        p.push(
            Problem::warning(
                at(path, field),
                format!("{d} is outside the scenario, which runs from {start} to {end}: this claim will not be judged"),
            )
            .label("outside the calendar")
            .hint("change the date, or take the claim away with `remove: (claims: [\"...\"])`"),
        );
    };
    match test {
        Test::At { date, .. } if *date < start || *date > end => outside("date", *date, p),
        Test::By { date, .. } if *date < start => outside("date", *date, p),
        // "By" a day after the end is judged on every week played, which is what it says.
        Test::By { date, .. } if *date > end => p.push(
            Problem::warning(
                at(path, "date"),
                format!("{date} is after the scenario ends ({end}): this claim is judged on every week up to {end}"),
            )
            .label("after the end")
            .hint(format!("write \"{end}\" to say so")),
        ),
        // A period may reach beyond the calendar (it is cut to it), but not miss it.
        Test::Throughout { from, to, .. } | Test::Mean { from, to, .. } => {
            if to < from {
                p.push(
                    Problem::error(
                        at(path, "to"),
                        format!("the period ends ({to}) before it begins ({from})"),
                    )
                    .label("end before start"),
                );
            } else if *to < start {
                outside("to", *to, p);
            } else if *from > end {
                outside("from", *from, p);
            }
        }
        Test::Happens { after, by, .. } => {
            if let (Some(a), Some(b)) = (after, by)
                && b <= a
            {
                p.push(
                    Problem::error(
                        at(path, "by"),
                        format!("nothing can happen after {a} and by {b}"),
                    )
                    .label("by before after"),
                );
            } else if let Some(b) = by
                && *b < start
            {
                outside("by", *b, p);
            } else if let Some(a) = after
                && *a >= end
            {
                p.push(
                    Problem::warning(
                        at(path, "after"),
                        format!("the scenario ends on {end}: nothing can happen after {a} in it"),
                    )
                    .label("after the last day"),
                );
            }
        }
        _ => {}
    }
}
