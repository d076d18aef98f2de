//! Reading scenario and map files: text → tree → `extends:` merged → typed → checked.
//! Every problem found on the way is collected, so an author sees them all at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::de::{DeError, from_node};
use super::diagnostic::{Diagnostic, did_you_mean};
use super::map_file::MapFile;
use super::merge::{Unmatched, merge_over};
use super::scenario_file::Scenario;
use super::sources::{SourceSet, read_bounded};
use super::tree::{Kind, Node, Span, parse};
use super::validate::{Placed, check_scenario};
use crate::map::{HexMap, rasterise};

/// How many files an `extends:` chain may have, counting the first.
const MAX_EXTENDS_DEPTH: usize = 16;

/// A scenario that passed every check, with its map laid out in hexes.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub scenario: Scenario,
    pub map: Arc<HexMap>,
    /// Where each unit of `scenario.units` stands (same order).
    pub placed: Placed,
    /// Warnings: nothing is wrong enough to stop, but the author should know.
    pub warnings: Vec<Diagnostic>,
    pub sources: SourceSet,
    pub path: PathBuf,
    /// The variants merged over the file, in order.
    pub variants: Vec<String>,
}

/// Why a file could not be loaded: every problem found, and the files to quote them from.
#[derive(Debug, Clone)]
pub struct LoadFailure {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceSet,
}

impl LoadFailure {
    /// All diagnostics rendered for a terminal.
    pub fn render(&self) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(&self.sources))
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// A map file that passed its checks.
#[derive(Debug, Clone)]
pub struct LoadedMap {
    pub file: MapFile,
    pub map: HexMap,
    pub warnings: Vec<Diagnostic>,
    pub sources: SourceSet,
}

/// What kind of file a path holds, judged by its outer structure name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Scenario,
    Map,
}

/// Peeks at a file to tell a scenario from a map, for `eastfront validate` on mixed lists.
pub fn file_kind(path: &Path) -> FileKind {
    let Ok(text) = read_bounded(path) else {
        return FileKind::Scenario;
    };
    match parse(&text, 0) {
        Ok(root) if root.type_name() == Some("Map") => FileKind::Map,
        _ => FileKind::Scenario,
    }
}

pub fn load_scenario(path: &Path) -> Result<Loaded, LoadFailure> {
    load_scenario_with(path, &[])
}

/// Loads a scenario with the named variants' changes merged over it, in the order given.
pub fn load_scenario_with(path: &Path, variants: &[String]) -> Result<Loaded, LoadFailure> {
    let mut sources = SourceSet::default();
    let mut diags = Vec::new();
    let mut unmatched = Vec::new();
    let tree = read_with_extends(
        path,
        &mut sources,
        &mut diags,
        &mut unmatched,
        &mut Vec::new(),
        None,
    );
    let Some(mut tree) = tree else {
        return Err(LoadFailure {
            diagnostics: diags,
            sources,
        });
    };
    let mut variant_refused = false;
    for (i, id) in variants.iter().enumerate() {
        if variants[..i].contains(id) {
            diags.push(
                Diagnostic::error(format!("the variant `{id}` is asked for twice"), None)
                    .with_hint("name each variant once: `--variant A --variant B`"),
            );
            variant_refused = true;
            continue;
        }
        match variant_changes(&tree, id) {
            Ok(changes) => {
                tree = merge_over(tree, changes, &mut diags, &mut unmatched);
            }
            Err(d) => {
                diags.push(d);
                variant_refused = true;
            }
        }
    }
    fill_rule_defaults(&mut tree, &mut sources, &mut diags, &mut unmatched);
    // Without the variant asked for, the game asked for cannot be checked or played.
    if variant_refused {
        return Err(LoadFailure {
            diagnostics: diags,
            sources,
        });
    }
    let scenario = scenario_from_tree(&tree, &mut diags, &unmatched);

    // The map is named relative to the file that names it (a base scenario in another folder
    // keeps working when extended).
    let map = match (&scenario, tree.field("map")) {
        (Some(s), Some(map_node)) => {
            let dir = sources
                .get(map_node.span.file)
                .path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let map_path = dir.join(&s.map);
            if !map_path.is_file() {
                diags.push(
                    Diagnostic::error(format!("there is no map file {}", map_path.display()), Some(map_node.span))
                        .with_label("map not found")
                        .with_hint("the path is relative to this scenario file, e.g. \"maps/eastern_front.ron\""),
                );
                None
            } else {
                read_map(&map_path, &mut sources, &mut diags).map(|(_, m)| m)
            }
        }
        _ => None,
    };

    let (Some(scenario), Some(map)) = (scenario, map) else {
        return Err(LoadFailure {
            diagnostics: diags,
            sources,
        });
    };
    let (problems, placed) = check_scenario(&scenario, &map, &tree);
    diags.extend(problems.into_iter().map(|p| p.into_diagnostic(&tree)));
    if diags.iter().any(Diagnostic::is_error) {
        return Err(LoadFailure {
            diagnostics: diags,
            sources,
        });
    }
    Ok(Loaded {
        scenario,
        map: Arc::new(map),
        placed,
        warnings: diags,
        sources,
        path: path.to_path_buf(),
        variants: variants.to_vec(),
    })
}

/// A `rules:` that gives only some numbers keeps the defaults of the rest, however deep
/// (`rules: (combat: (leadership: (ussr: 1.0)))`): the defaults, written out as RON, are
/// the base it is merged over, as a base scenario is.
fn fill_rule_defaults(
    tree: &mut Node,
    sources: &mut SourceSet,
    diags: &mut Vec<Diagnostic>,
    unmatched: &mut Vec<Unmatched>,
) {
    let Kind::Struct { fields, .. } = &mut tree.kind else {
        return;
    };
    let Some(field) = fields.iter_mut().find(|f| f.name == "rules") else {
        return;
    };
    let Ok(text) = ron::to_string(&super::rules::Rules::default()) else {
        return;
    };
    let id = sources.add(PathBuf::from("<the rules' defaults>"), text);
    let Ok(defaults) = parse(&sources.get(id).text, id) else {
        return;
    };
    let span = field.value.span;
    let written = std::mem::replace(
        &mut field.value,
        Node {
            span,
            kind: Kind::Bool(false),
        },
    );
    field.value = merge_over(defaults, written, diags, unmatched);
}

/// The `changes` of the variant `id`, or why there are none.
fn variant_changes(tree: &Node, id: &str) -> Result<Node, Diagnostic> {
    let items: &[Node] = match tree.field("variants").map(|v| &v.kind) {
        Some(Kind::List(items)) => items,
        _ => &[],
    };
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|v| v.field("id").and_then(Node::as_str))
        .collect();
    let Some(variant) = items
        .iter()
        .find(|v| v.field("id").and_then(Node::as_str) == Some(id))
    else {
        let known = if ids.is_empty() {
            "this scenario has no variants".to_string()
        } else {
            format!("its variants are: {}", ids.join(", "))
        };
        return Err(
            Diagnostic::error(format!("the scenario has no variant `{id}`"), None)
                .with_hint_opt(did_you_mean(id, ids.iter().copied()))
                .with_hint(known),
        );
    };
    match variant.field("changes") {
        Some(c) if matches!(c.kind, Kind::Struct { .. }) => Ok(c.clone()),
        Some(c) => Err(Diagnostic::error(
            format!("the changes of variant `{id}` are not a structure"),
            Some(c.span),
        )
        .with_hint("write `changes: (lend_lease: (enabled: false))`: the fields of the scenario to change, as in a file that `extends` it")),
        None => Err(Diagnostic::error(
            format!("variant `{id}` has no `changes`"),
            Some(variant.span),
        )
        .with_hint("write `changes: (...)` with the fields of the scenario it changes")),
    }
}

pub fn load_map(path: &Path) -> Result<LoadedMap, LoadFailure> {
    let mut sources = SourceSet::default();
    let mut diags = Vec::new();
    match read_map(path, &mut sources, &mut diags) {
        Some((file, map)) if !diags.iter().any(Diagnostic::is_error) => Ok(LoadedMap {
            file,
            map,
            warnings: diags,
            sources,
        }),
        _ => Err(LoadFailure {
            diagnostics: diags,
            sources,
        }),
    }
}

fn read_map(
    path: &Path,
    sources: &mut SourceSet,
    diags: &mut Vec<Diagnostic>,
) -> Option<(MapFile, HexMap)> {
    let root = read_tree(path, sources, diags, None)?;
    if let Some(name) = root.type_name()
        && name != "Map"
    {
        diags.push(
            Diagnostic::error(
                format!("a map file starts with `Map(`, not `{name}(`"),
                Some(root.span),
            )
            .with_hint("is this a scenario? Scenarios name their map with `map: \"maps/....ron\"`"),
        );
        return None;
    }
    let file = map_from_tree(&root, diags)?;
    match rasterise(&file) {
        Ok((map, problems)) => {
            diags.extend(problems.into_iter().map(|p| p.into_diagnostic(&root)));
            Some((file, map))
        }
        Err(problems) => {
            diags.extend(problems.into_iter().map(|p| p.into_diagnostic(&root)));
            None
        }
    }
}

/// Reads and parses one file; None (with a diagnostic) if it cannot be read or parsed.
fn read_tree(
    path: &Path,
    sources: &mut SourceSet,
    diags: &mut Vec<Diagnostic>,
    from: Option<Span>,
) -> Option<Node> {
    let text = match read_bounded(path) {
        Ok(t) => t,
        Err(msg) => {
            diags.push(Diagnostic::error(msg, from));
            return None;
        }
    };
    let id = sources.add(path.to_path_buf(), text);
    match parse(&sources.get(id).text, id) {
        Ok(node) => Some(node),
        Err(e) => {
            diags.push(Diagnostic::error(e.message, Some(e.span)).with_hint_opt(e.hint));
            None
        }
    }
}

fn read_with_extends(
    path: &Path,
    sources: &mut SourceSet,
    diags: &mut Vec<Diagnostic>,
    unmatched: &mut Vec<Unmatched>,
    chain: &mut Vec<PathBuf>,
    from: Option<Span>,
) -> Option<Node> {
    let root = read_tree(path, sources, diags, from)?;
    if let Some(name) = root.type_name()
        && name != "Scenario"
    {
        // When a file `extends` a map, the mistake is in the `extends` line: say it there.
        let (message, hint) = match (name, from) {
            ("Map", Some(_)) => (
                format!("{} is a map file, not a scenario", path.display()),
                "`extends` names a scenario, such as \"barbarossa_1941.ron\"; a scenario names its map with `map:`",
            ),
            ("Map", None) => (
                format!("{} is a map file, not a scenario", path.display()),
                "check a map with `eastfront validate`; to play, open a scenario that uses it",
            ),
            _ => (
                format!("expected `Scenario(...)`, found `{name}(...)`"),
                "a scenario file starts with `Scenario(`",
            ),
        };
        diags.push(Diagnostic::error(message, Some(from.unwrap_or(root.span))).with_hint(hint));
        return None;
    }
    if !matches!(root.kind, Kind::Struct { .. }) {
        diags.push(
            Diagnostic::error(
                "a scenario file is one `Scenario(...)` with named fields",
                Some(root.span),
            )
            .with_hint("see docs/scenario-format.md for a worked example"),
        );
        return None;
    }
    let Some(ext) = root.field("extends") else {
        return Some(root);
    };
    let Some(base_name) = ext.as_str() else {
        diags.push(
            Diagnostic::error("`extends` names a file in quotes", Some(ext.span))
                .with_hint("write `extends: \"barbarossa_1941.ron\"`"),
        );
        return None;
    };
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    chain.push(canonical);
    let base_path = path.parent().unwrap_or(Path::new("")).join(base_name);
    let base_canonical = base_path
        .canonicalize()
        .unwrap_or_else(|_| base_path.clone());
    if chain.contains(&base_canonical) {
        let cycle: Vec<String> = chain
            .iter()
            .chain(std::iter::once(&base_canonical))
            .map(|p| {
                p.file_name().map_or_else(
                    || p.display().to_string(),
                    |f| f.to_string_lossy().into_owned(),
                )
            })
            .collect();
        diags.push(
            Diagnostic::error(
                format!("`extends` goes round in a circle: {}", cycle.join(" → ")),
                Some(ext.span),
            )
            .with_label("this file is already being extended")
            .with_hint("a base scenario must not extend, directly or not, a file that extends it"),
        );
        return None;
    }
    if chain.len() >= MAX_EXTENDS_DEPTH {
        diags.push(Diagnostic::error(
            format!("`extends` chains more than {MAX_EXTENDS_DEPTH} files deep"),
            Some(ext.span),
        ));
        return None;
    }
    if base_path.is_dir() {
        diags.push(
            Diagnostic::error(
                format!("{} is a folder, not a scenario file", base_path.display()),
                Some(ext.span),
            )
            .with_hint("name the file itself, e.g. \"barbarossa_1941.ron\""),
        );
        return None;
    }
    if !base_path.is_file() {
        let siblings = ron_files_beside(&base_path);
        diags.push(
            Diagnostic::error(
                format!("the base scenario {} does not exist", base_path.display()),
                Some(ext.span),
            )
            .with_label("no such file")
            .with_hint_opt(did_you_mean(
                &Path::new(base_name)
                    .file_name()
                    .map_or_else(String::new, |f| f.to_string_lossy().into_owned()),
                siblings.iter().map(String::as_str),
            ))
            .with_hint_opt(
                (!siblings.is_empty())
                    .then(|| format!("scenarios in that folder: {}", siblings.join(", "))),
            )
            .with_hint_opt(Some("the path is relative to this file".to_string())),
        );
        return None;
    }
    let base = read_with_extends(&base_path, sources, diags, unmatched, chain, Some(ext.span))?;
    chain.pop();
    Some(merge_over(base, root, diags, unmatched))
}

fn ron_files_beside(path: &Path) -> Vec<String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(".ron"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Turns a serde error into a diagnostic with "did you mean" for misspelt names.
pub fn de_diagnostic(e: DeError, fallback: Span) -> Diagnostic {
    let mut d = Diagnostic::error(e.message, Some(e.span.unwrap_or(fallback)));
    if let Some((word, expected)) = e.unknown {
        d = d.with_hint_opt(did_you_mean(&word, expected.iter().map(String::as_str)));
        let list = expected
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ");
        d = d
            .with_hint_opt(Some(format!("accepted here: {list}")).filter(|_| !expected.is_empty()));
        if d.label.is_none() {
            d.label = Some("not known here".to_string());
        }
    }
    d
}

/// Reads the fields of a file's outer structure one by one, and the items of its lists one by
/// one, so that one mistake does not hide the next.
struct RootReader<'a> {
    root: &'a Node,
    diags: &'a mut Vec<Diagnostic>,
    failed: bool,
    /// Items an extending file added as new; a mistake in one gets the reason why.
    unmatched: Vec<Unmatched>,
}

impl<'a> RootReader<'a> {
    fn new(root: &'a Node, diags: &'a mut Vec<Diagnostic>, known: &'static [&'static str]) -> Self {
        let mut r = Self {
            root,
            diags,
            failed: false,
            unmatched: Vec::new(),
        };
        if let Kind::Struct { fields, .. } = &root.kind {
            for f in fields {
                if !known.contains(&f.name.as_str()) {
                    let d = de_diagnostic(
                        DeError {
                            message: format!("unknown field `{}`", f.name),
                            span: Some(f.name_span),
                            unknown: Some((
                                f.name.clone(),
                                known.iter().map(|s| s.to_string()).collect(),
                            )),
                        },
                        f.name_span,
                    );
                    r.diags.push(d);
                    r.failed = true;
                }
            }
        }
        r
    }

    fn req<T: DeserializeOwned>(&mut self, name: &str) -> Option<T> {
        match self.root.field(name) {
            Some(node) => self.one(node),
            None => {
                self.diags.push(
                    Diagnostic::error(format!("the field `{name}` is missing"), Some(self.head()))
                        .with_hint(format!(
                            "add `{name}: ...`; docs/scenario-format.md shows every field"
                        )),
                );
                self.failed = true;
                None
            }
        }
    }

    fn opt<T: DeserializeOwned + Default>(&mut self, name: &str) -> Option<T> {
        match self.root.field(name) {
            Some(node) => self.one(node),
            None => Some(T::default()),
        }
    }

    fn list<T: DeserializeOwned>(&mut self, name: &str, required: bool) -> Option<Vec<T>> {
        let Some(node) = self.root.field(name) else {
            if required {
                return self.req(name);
            }
            return Some(Vec::new());
        };
        let Kind::List(items) = &node.kind else {
            return self.one(node);
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if let Some(v) = self.one(item) {
                out.push(v);
            }
        }
        Some(out)
    }

    fn one<T: DeserializeOwned>(&mut self, node: &Node) -> Option<T> {
        match from_node::<T>(node) {
            Ok(v) => Some(v),
            Err(e) => {
                let missing = e.message.contains("is missing");
                let mut d = de_diagnostic(e, node.span);
                // A field missing from an item that matched nothing in the base (at any
                // depth): most likely a change meant for an existing item, misnamed.
                let at = d.span.unwrap_or(node.span);
                let inside = |u: &&Unmatched| {
                    u.span.file == at.file && u.span.start <= at.start && at.end <= u.span.end
                };
                if missing
                    && let Some(u) = self
                        .unmatched
                        .iter()
                        .filter(inside)
                        .min_by_key(|u| u.span.end - u.span.start)
                {
                    d = d.with_hint(u.hint.clone());
                }
                self.diags.push(d);
                self.failed = true;
                None
            }
        }
    }

    /// The start of the outer structure: where a missing field is reported.
    fn head(&self) -> Span {
        let s = self.root.span;
        Span::new(
            s.file,
            s.start,
            s.start + self.root.type_name().map_or(1, str::len),
        )
    }
}

const SCENARIO_FIELDS: &[&str] = &[
    "extends",
    "meta",
    "calendar",
    "map",
    "sides",
    "hqs",
    "units",
    "control",
    "remove",
    "rules",
    "weather",
    "plans",
    "replacements",
    "german_divisions_elsewhere",
    "economy",
    "lend_lease",
    "variants",
    "claims",
];

fn scenario_from_tree(
    root: &Node,
    diags: &mut Vec<Diagnostic>,
    unmatched: &[Unmatched],
) -> Option<Scenario> {
    let mut r = RootReader::new(root, diags, SCENARIO_FIELDS);
    r.unmatched = unmatched.to_vec();
    let meta = r.req("meta");
    let calendar = r.req("calendar");
    let map = r.req("map");
    let sides = r.req("sides");
    let hqs = r.list("hqs", true);
    let units = r.list("units", true);
    let control = r.list("control", false);
    let rules = r.opt("rules");
    let weather = r.opt("weather");
    let plans = r.list("plans", false);
    let replacements = r.list("replacements", false);
    let german_divisions_elsewhere = r.list("german_divisions_elsewhere", false);
    let economy = r.opt("economy");
    let lend_lease = r.opt("lend_lease");
    let variants = r.list("variants", false);
    let claims = r.list("claims", false);
    if r.failed {
        return None;
    }
    Some(Scenario {
        extends: None,
        meta: meta?,
        calendar: calendar?,
        map: map?,
        sides: sides?,
        hqs: hqs?,
        units: units?,
        control: control?,
        remove: Default::default(),
        rules: rules?,
        weather: weather?,
        plans: plans?,
        replacements: replacements?,
        german_divisions_elsewhere: german_divisions_elsewhere?,
        economy: economy?,
        lend_lease: lend_lease?,
        variants: variants?,
        claims: claims?,
    })
}

const MAP_FIELDS: &[&str] = &[
    "name",
    "hex_km",
    "bounds",
    "sources",
    "default_terrain",
    "areas",
    "rivers",
    "cities",
    "railways",
    "default_owner",
    "territories",
    "off_map",
];

fn map_from_tree(root: &Node, diags: &mut Vec<Diagnostic>) -> Option<MapFile> {
    if !matches!(root.kind, Kind::Struct { .. }) {
        diags.push(Diagnostic::error(
            "a map file is one `Map(...)` with named fields",
            Some(root.span),
        ));
        return None;
    }
    let mut r = RootReader::new(root, diags, MAP_FIELDS);
    let name = r.req("name");
    let hex_km = match root.field("hex_km") {
        Some(_) => r.req("hex_km"),
        None => Some(super::map_file::DEFAULT_HEX_KM),
    };
    let bounds = r.req("bounds");
    let sources = r.list("sources", false);
    let default_terrain = r.req("default_terrain");
    let areas = r.list("areas", true);
    let rivers = r.list("rivers", true);
    let cities = r.list("cities", true);
    let railways = r.list("railways", true);
    let default_owner = r.req("default_owner");
    let territories = r.list("territories", true);
    let off_map = r.list("off_map", true);
    if r.failed {
        return None;
    }
    Some(MapFile {
        name: name?,
        hex_km: hex_km?,
        bounds: bounds?,
        sources: sources?,
        default_terrain: default_terrain?,
        areas: areas?,
        rivers: rivers?,
        cities: cities?,
        railways: railways?,
        default_owner: default_owner?,
        territories: territories?,
        off_map: off_map?,
    })
}
