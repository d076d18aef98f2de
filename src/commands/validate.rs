//! `eastfront validate FILE...`: every problem in every file, with where and why.

use std::path::PathBuf;

use super::Format;
use crate::scenario::{
    Diagnostic, FileKind, LoadFailure, file_kind, load_map, load_scenario, load_scenario_with,
};

pub fn validate(paths: &[PathBuf], format: Format) -> i32 {
    let mut any_error = false;
    let mut json_files = Vec::new();
    for path in paths {
        let (summary, diags_text, diags_json, failed) = match file_kind(path) {
            FileKind::Map => match load_map(path) {
                Ok(m) => (
                    format!(
                        "{}: ok: map `{}`, {} land hexes of {} km, {} cities, {} railways",
                        path.display(),
                        m.file.name,
                        m.map.land_count(),
                        m.map.hex_km,
                        m.map.cities.len(),
                        m.map.rail_lines.len()
                    ),
                    render_all(&m.warnings, &m.sources),
                    json_all(&m.warnings, &m.sources),
                    false,
                ),
                Err(f) => failure(path, &f),
            },
            FileKind::Scenario => match load_scenario(path) {
                Ok(l) => {
                    // Each variant is checked as it would be played: its changes merged over
                    // the file. Its mistakes are the file's.
                    let broken: Vec<(String, LoadFailure)> = l
                        .scenario
                        .variants
                        .iter()
                        .filter_map(|v| {
                            load_scenario_with(path, std::slice::from_ref(&v.id))
                                .err()
                                .map(|f| (v.id.clone(), f))
                        })
                        .collect();
                    if broken.is_empty() {
                        let variants = if l.scenario.variants.is_empty() {
                            String::new()
                        } else {
                            format!(", {} variants", l.scenario.variants.len())
                        };
                        (
                            format!(
                                "{}: ok: `{}`, {} units, {} HQs, {} to {} ({} turns){variants}",
                                path.display(),
                                l.scenario.meta.title,
                                l.scenario.units.len(),
                                l.scenario.hqs.len(),
                                l.scenario.calendar.start,
                                l.scenario.calendar.end,
                                l.scenario.calendar.turns()
                            ),
                            render_all(&l.warnings, &l.sources),
                            json_all(&l.warnings, &l.sources),
                            false,
                        )
                    } else {
                        let n: usize = broken.iter().map(|(_, f)| f.error_count()).sum();
                        let ids: Vec<&str> = broken.iter().map(|(id, _)| id.as_str()).collect();
                        (
                            format!(
                                "{}: {n} error{} in variant{} {}",
                                path.display(),
                                if n == 1 { "" } else { "s" },
                                if ids.len() == 1 { "" } else { "s" },
                                ids.join(", ")
                            ),
                            broken
                                .iter()
                                .map(|(id, f)| format!("with variant `{id}`:\n{}", f.render()))
                                .collect::<Vec<_>>()
                                .join("\n"),
                            broken
                                .iter()
                                .flat_map(|(_, f)| json_all(&f.diagnostics, &f.sources))
                                .collect(),
                            true,
                        )
                    }
                }
                Err(f) => failure(path, &f),
            },
        };
        any_error |= failed;
        match format {
            Format::Text => {
                if !diags_text.is_empty() {
                    println!("{diags_text}");
                }
                println!("{summary}");
            }
            Format::Json | Format::Csv => json_files.push(serde_json::json!({
                "file": path.display().to_string(),
                "ok": !failed,
                "summary": summary,
                "diagnostics": diags_json,
            })),
        }
    }
    if format == Format::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json_files).unwrap_or_default()
        );
    }
    i32::from(any_error)
}

fn failure(
    path: &std::path::Path,
    f: &LoadFailure,
) -> (String, String, Vec<serde_json::Value>, bool) {
    let n = f.error_count();
    let s = if n == 1 { "" } else { "s" };
    (
        format!("{}: {n} error{s}", path.display()),
        f.render(),
        json_all(&f.diagnostics, &f.sources),
        true,
    )
}

fn render_all(diags: &[Diagnostic], sources: &crate::scenario::sources::SourceSet) -> String {
    diags
        .iter()
        .map(|d| d.render(sources))
        .collect::<Vec<_>>()
        .join("\n")
}

fn json_all(
    diags: &[Diagnostic],
    sources: &crate::scenario::sources::SourceSet,
) -> Vec<serde_json::Value> {
    diags.iter().map(|d| d.to_json(sources)).collect()
}
