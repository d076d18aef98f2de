//! `eastfront run SCENARIO --runs N`: many campaigns in parallel, and how often each claim
//! held over them, as text for a student, JSON for a program, or CSV for a spreadsheet.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use super::{Format, thousands};
use crate::batch::{self, Arm, Experiment};

pub fn experiment(path: &Path, format: Format, e: &Experiment, out: Option<&Path>) -> i32 {
    if let Some(file) = out {
        let dir = file.parent().filter(|d| !d.as_os_str().is_empty());
        if file.is_dir() {
            eprintln!(
                "error: --out {} is a folder: name a file in it, e.g. {}",
                file.display(),
                file.join("report.json").display()
            );
            return 2;
        }
        if let Some(d) = dir
            && !d.is_dir()
        {
            eprintln!(
                "error: --out {}: there is no folder {}",
                file.display(),
                d.display()
            );
            return 2;
        }
    }
    let started = Instant::now();
    // A progress bar only where a person watches a terminal; never in a pipe or a file.
    let tty = std::io::stderr().is_terminal();
    let last_drawn = Mutex::new(0usize);
    let progress = |done: usize, total: usize| {
        if !tty {
            return;
        }
        let Ok(mut last) = last_drawn.lock() else {
            return;
        };
        // Redraw at most every 1% so that the bar costs nothing.
        if done < total && done * 100 / total == *last * 100 / total {
            return;
        }
        *last = done;
        let width = 30;
        let filled = done * width / total;
        eprint!(
            "\r  campaigns {done:>6}/{total} [{}{}] {:>5.1} s",
            "=".repeat(filled),
            " ".repeat(width - filled),
            started.elapsed().as_secs_f64()
        );
        if done == total {
            eprintln!();
        }
    };
    if tty {
        let comparisons = crate::scenario::load_scenario_with(path, &e.variants)
            .map(|l| batch::compared_arms(&e.variants, &l.scenario.claims).len())
            .unwrap_or(0);
        if comparisons > 0 {
            eprintln!(
                "  {} campaigns as the scenario is written, and the same seeds for each of the {comparisons} sets of variants its claims compare with: {} in all",
                e.runs,
                e.runs * (comparisons + 1)
            );
        }
    }
    let arms = match batch::play(path, e, &progress) {
        Ok(a) => a,
        Err(f) => {
            eprintln!("{}", f.render());
            return 1;
        }
    };
    let secs = started.elapsed().as_secs_f64();
    let report = match format {
        Format::Json => {
            serde_json::to_string_pretty(&batch::to_json(&arms, e)).unwrap_or_default() + "\n"
        }
        Format::Csv => batch::to_csv(&arms),
        Format::Text => text(&arms, e, secs),
    };
    match out {
        Some(file) => {
            if let Err(err) = std::fs::write(file, &report) {
                eprintln!("error: cannot write {}: {err}", file.display());
                return 2;
            }
            println!(
                "{} campaigns in {secs:.1} s; the report is in {}",
                arms.iter().map(|a| a.runs.len()).sum::<usize>(),
                file.display()
            );
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(report.as_bytes());
        }
    }
    0
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn text(arms: &[Arm], e: &Experiment, secs: f64) -> String {
    use std::fmt::Write as _;
    let base = &arms[0];
    let s = &base.loaded.scenario;
    let n = base.runs.len();
    let mut out = String::new();
    let variant = if base.variants.is_empty() {
        "as written".to_string()
    } else {
        format!("with {}", base.variants.join(" + "))
    };
    let played: usize = arms.iter().map(|a| a.runs.len()).sum();
    let _ = writeln!(
        out,
        "{} — {variant}: {n} campaigns from seed {} ({played} played in all, {} thread{}, {secs:.1} s)",
        s.meta.title,
        e.seed,
        e.threads,
        if e.threads == 1 { "" } else { "s" }
    );
    let mut outcomes: std::collections::BTreeMap<&str, usize> = Default::default();
    for r in &base.runs {
        *outcomes.entry(r.outcome()).or_default() += 1;
    }
    let _ = writeln!(out, "\nOutcomes:");
    for o in [
        "soviet_collapse",
        "german_advantage",
        "historical",
        "soviet_advantage",
    ] {
        let k = outcomes.get(o).copied().unwrap_or(0);
        let (lo, hi) = crate::claims::stats::wilson(k, n);
        let _ = writeln!(
            out,
            "  {o:<17} {k:>5} of {n} ({}; 95% interval {}–{})",
            pct(k as f64 / n.max(1) as f64),
            pct(lo),
            pct(hi)
        );
    }
    if !s.claims.is_empty() {
        let _ = writeln!(out, "\nClaims:");
    }
    for (c, sum) in s.claims.iter().zip(batch::summarise_claims(arms)) {
        let _ = writeln!(out, "  {} — “{}” ({})", c.id, c.text, c.origin);
        let _ = writeln!(out, "    tested: {}", crate::claims::describe(&c.test));
        match (sum.versus, sum.difference) {
            (Some(batch::Versus::AlreadyApplied), _) => {
                let _ = writeln!(
                    out,
                    "    not judged: every run already has the variants it compares with"
                );
            }
            (Some(vs), Some((d, (lo, hi)))) => {
                let word = match vs {
                    batch::Versus::Held => "HELD".to_string(),
                    batch::Versus::Failed => "DID NOT HOLD".to_string(),
                    _ => format!(
                        "CANNOT TELL YET (the interval reaches both sides of {}: play more runs)",
                        c.test.compare().map_or(String::new(), |x| x.describe())
                    ),
                };
                let _ = writeln!(
                    out,
                    "    {word}: the difference is {d:+.3} (95% interval {lo:+.3} to {hi:+.3}) over {n} runs each",
                );
            }
            (_, None) if sum.judged == 0 => {
                let _ = writeln!(out, "    not judged in any run");
            }
            _ => {
                let _ = writeln!(
                    out,
                    "    held in {} of {} runs: {} (95% interval {}–{})",
                    sum.held,
                    sum.judged,
                    pct(sum.share()),
                    pct(sum.ci95.0),
                    pct(sum.ci95.1)
                );
            }
        }
        let cites: Vec<&str> = c
            .sources
            .iter()
            .filter_map(|id| s.meta.sources.iter().find(|x| &x.id == id))
            .map(|x| x.cite.as_str())
            .collect();
        let _ = writeln!(
            out,
            "    the record: {}{}",
            c.record,
            if cites.is_empty() {
                String::new()
            } else {
                format!(" ({})", cites.join("; "))
            }
        );
    }
    let metrics = batch::summarise_metrics(&base.runs);
    let _ = writeln!(
        out,
        "\nMeasurements at the end (mean; 5th, 50th and 95th percentiles):"
    );
    let key = [
        "axis_vp_share",
        "german_share_east",
        "men.germany",
        "men.ussr",
        "tanks.ussr",
        "losses.germany.men",
        "losses.ussr.men",
        "prisoners_taken.germany",
        "production.ussr.tanks.1942",
        "production.germany.tanks.1942",
        "lend_lease.tons.total",
        "supply.germany",
        "supply.ussr",
    ];
    for k in key {
        if let Some(sp) = metrics.get(k) {
            let f = |v: f64| {
                if v.abs() >= 100.0 {
                    thousands(v)
                } else {
                    format!("{v:.2}")
                }
            };
            let _ = writeln!(
                out,
                "  {k:<30} {:>12}   ({} / {} / {})",
                f(sp.mean),
                f(sp.p5),
                f(sp.p50),
                f(sp.p95)
            );
        }
    }
    let _ = writeln!(
        out,
        "\nEvery run, claim and measurement: --format json or --format csv (with --out FILE)."
    );
    out
}
