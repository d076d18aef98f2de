//! `extends:` — a file that changes a base scenario states only what it changes.
//!
//! Merging happens on trees, before types, so that a changed unit may give only the fields it
//! changes and every value keeps the file and position it was written at:
//! - a structure merges field by field, recursively;
//! - a list of named items (each with an `id` or a `name`) merges item by item: an item whose
//!   id matches one in the base changes that item, a new id is added at the end;
//! - anything else in the child replaces the base's value;
//! - `remove: (units: [...], hqs: [...])` takes base items away by id.

use super::diagnostic::{Diagnostic, did_you_mean};
use super::tree::{Field, Kind, Node, Span};

/// A child item that matched nothing in the base, so it was added as new. If it then lacks
/// fields, the author most likely meant to change an existing item: `hint` says which.
#[derive(Debug, Clone)]
pub struct Unmatched {
    pub span: Span,
    pub hint: String,
}

/// Merges `child` over `base`. Problems with `remove` or with repeated items go to `diags`;
/// items added as new go to `unmatched`.
pub fn merge_over(
    base: Node,
    child: Node,
    diags: &mut Vec<Diagnostic>,
    unmatched: &mut Vec<Unmatched>,
) -> Node {
    let mut cx = Cx { diags, unmatched };
    let mut merged = cx.merge(base, child.clone(), "");
    if let Some(remove) = child.field("remove") {
        apply_removals(&mut merged, remove, cx.diags);
    }
    if let Kind::Struct { fields, .. } = &mut merged.kind {
        fields.retain(|f| f.name != "extends" && f.name != "remove");
    }
    merged
}

struct Cx<'a> {
    diags: &'a mut Vec<Diagnostic>,
    unmatched: &'a mut Vec<Unmatched>,
}

impl Cx<'_> {
    fn merge(&mut self, base: Node, child: Node, field: &str) -> Node {
        match (base.kind, child.kind) {
            (
                Kind::Struct {
                    name: bname,
                    fields: mut bfields,
                },
                Kind::Struct {
                    name: cname,
                    fields: cfields,
                },
            ) => {
                for cf in cfields {
                    match bfields.iter_mut().find(|bf| bf.name == cf.name) {
                        Some(bf) => {
                            let old = std::mem::replace(&mut bf.value, placeholder(&cf.value));
                            bf.value = self.merge(old, cf.value, &cf.name);
                            bf.name_span = cf.name_span;
                        }
                        None => bfields.push(cf),
                    }
                }
                Node {
                    span: child.span,
                    kind: Kind::Struct {
                        name: cname.or(bname),
                        fields: bfields,
                    },
                }
            }
            (Kind::List(bitems), Kind::List(citems)) if is_keyed(&bitems) && is_keyed(&citems) => {
                let mut items = bitems;
                let mut seen: Vec<String> = Vec::new();
                for ci in citems {
                    let key = item_key(&ci).unwrap_or_default().to_string();
                    if seen.contains(&key) {
                        self.diags.push(
                            Diagnostic::error(
                                format!("`{key}` is changed twice in this list"),
                                Some(ci.span),
                            )
                            .with_label("second change")
                            .with_hint(format!("keep one entry for `{key}` with all its changes")),
                        );
                        continue;
                    }
                    seen.push(key.clone());
                    match items
                        .iter_mut()
                        .find(|bi| item_key(bi) == Some(key.as_str()))
                    {
                        Some(bi) => {
                            let old = std::mem::replace(bi, placeholder(&ci));
                            *bi = self.merge(old, ci, field);
                        }
                        None => {
                            self.unmatched.push(Unmatched {
                                span: ci.span,
                                hint: unmatched_hint(&key, &items, field),
                            });
                            items.push(ci);
                        }
                    }
                }
                Node {
                    span: child.span,
                    kind: Kind::List(items),
                }
            }
            (_, kind) => Node {
                span: child.span,
                kind,
            },
        }
    }
}

/// "`20th Amry` matches no unit of the base scenario, so it is read as a new unit ..."
fn unmatched_hint(key: &str, base_items: &[Node], field: &str) -> String {
    let what = singular(field);
    if let Some(same_name) = base_items
        .iter()
        .find(|b| b.field("name").and_then(Node::as_str) == Some(key))
    {
        let id = item_key(same_name).unwrap_or(key);
        return format!(
            "the base's {what} named `{key}` has the id `{id}`: to change it, write `id: \"{id}\"` in this entry"
        );
    }
    let suggestion = did_you_mean(key, base_items.iter().filter_map(item_key))
        .map(|d| format!(" D{}", &d[1..]))
        .unwrap_or_default();
    format!(
        "`{key}` matches no {what} of the base scenario, so it is read as a new {what}, which needs every field.{suggestion}"
    )
}

fn singular(field: &str) -> &str {
    match field {
        "units" => "unit",
        "hqs" => "HQ",
        "sources" => "source",
        "control" => "area",
        "plans" => "plan",
        "replacements" => "replacement stream",
        "german_divisions_elsewhere" => "entry",
        "periods" => "period",
        "factories" => "factory",
        "formations" => "formation",
        "mobilisation" => "mobilisation entry",
        "routes" => "route",
        "variants" => "variant",
        "claims" => "claim",
        _ => "item",
    }
}

fn placeholder(like: &Node) -> Node {
    Node {
        span: like.span,
        kind: Kind::Bool(false),
    }
}

/// A list merges by key when every item is a structure with an `id` or a `name`.
fn is_keyed(items: &[Node]) -> bool {
    items.iter().all(|i| item_key(i).is_some())
}

fn item_key(item: &Node) -> Option<&str> {
    item.field("id")
        .and_then(Node::as_str)
        .or_else(|| item.field("name").and_then(Node::as_str))
}

/// The lists whose items an extending file may take away by id.
const REMOVABLE: [&str; 4] = ["units", "hqs", "claims", "variants"];

fn apply_removals(merged: &mut Node, remove: &Node, diags: &mut Vec<Diagnostic>) {
    let Kind::Struct { fields, .. } = &remove.kind else {
        diags.push(
            Diagnostic::error("`remove` lists what to take away", Some(remove.span))
                .with_hint("write `remove: (units: [\"id\", ...], hqs: [...], claims: [...], variants: [...])`"),
        );
        return;
    };
    for Field {
        name,
        name_span,
        value,
    } in fields
    {
        if !REMOVABLE.contains(&name.as_str()) {
            diags.push(
                Diagnostic::error(
                    format!("`remove` cannot take away `{name}`"),
                    Some(*name_span),
                )
                .with_hint("`remove` takes `units`, `hqs`, `claims` and `variants`"),
            );
            continue;
        }
        let Kind::List(ids) = &value.kind else {
            diags.push(Diagnostic::error(
                format!("`remove.{name}` must be a list of ids"),
                Some(value.span),
            ));
            continue;
        };
        let other = match name.as_str() {
            "units" => "hqs",
            "hqs" => "units",
            "claims" => "variants",
            _ => "claims",
        };
        for id_node in ids {
            let Some(id) = id_node.as_str() else {
                diags.push(Diagnostic::error(
                    "expected an id in quotes",
                    Some(id_node.span),
                ));
                continue;
            };
            if name == "hqs"
                && let Some(users) = still_commanded(merged, id)
            {
                diags.push(
                    Diagnostic::error(
                        format!("the HQ `{id}` cannot be removed while it commands {users}"),
                        Some(id_node.span),
                    )
                    .with_label("still in use")
                    .with_hint("remove those too, or give them another `parent` in this file"),
                );
                continue;
            }
            let in_other = list_of(merged, other)
                .is_some_and(|items| items.iter().any(|i| item_key(i) == Some(id)));
            let Some(items) = list_of_mut(merged, name) else {
                continue;
            };
            if let Some(pos) = items.iter().position(|i| item_key(i) == Some(id)) {
                items.remove(pos);
                continue;
            }
            let mut d = Diagnostic::error(
                format!("there is no `{id}` in `{name}` to remove"),
                Some(id_node.span),
            )
            .with_label("not in the base scenario");
            if let Some(same_name) = items
                .iter()
                .find(|i| i.field("name").and_then(Node::as_str) == Some(id))
            {
                let real = item_key(same_name).unwrap_or(id);
                d = d.with_hint(format!(
                    "the {} named `{id}` has the id `{real}`: write \"{real}\"",
                    singular(name)
                ));
            } else if in_other {
                d = d.with_hint(format!(
                    "`{id}` is one of the `{other}`: write it in `remove: ({other}: [...])`"
                ));
            } else {
                d = d.with_hint_opt(did_you_mean(id, items.iter().filter_map(item_key)));
            }
            diags.push(d);
        }
    }
}

/// The units and HQs that still name `hq` as their parent, as a phrase, or None.
fn still_commanded(merged: &Node, hq: &str) -> Option<String> {
    let mut users: Vec<&str> = Vec::new();
    for list in ["units", "hqs"] {
        for item in list_of(merged, list).unwrap_or(&[]) {
            if item.field("parent").and_then(Node::as_str) == Some(hq) {
                users.push(
                    item.field("name")
                        .and_then(Node::as_str)
                        .or_else(|| item_key(item))
                        .unwrap_or("?"),
                );
            }
        }
    }
    match users.len() {
        0 => None,
        1..=4 => Some(users.join(", ")),
        n => Some(format!("{}, and {} more", users[..3].join(", "), n - 3)),
    }
}

fn list_of<'a>(node: &'a Node, name: &str) -> Option<&'a [Node]> {
    match node.field(name).map(|n| &n.kind) {
        Some(Kind::List(items)) => Some(items),
        _ => None,
    }
}

fn list_of_mut<'a>(node: &'a mut Node, name: &str) -> Option<&'a mut Vec<Node>> {
    match &mut node.kind {
        Kind::Struct { fields, .. } => match fields
            .iter_mut()
            .find(|f| f.name == name)
            .map(|f| &mut f.value.kind)
        {
            Some(Kind::List(items)) => Some(items),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::tree::parse;

    #[test]
    fn child_changes_fields_and_items_and_keeps_positions() {
        let base = parse(
            "Scenario(meta: (title: \"Base\", author: \"A\"), units: [(name: \"a\", men: 1), (name: \"b\", men: 2)])",
            0,
        )
        .unwrap();
        let child_src = "Scenario(extends: \"base.ron\", meta: (title: \"Child\"), units: [(name: \"b\", men: 20), (name: \"c\", men: 3)], remove: (units: [\"a\"]))";
        let child = parse(child_src, 1).unwrap();
        let mut diags = vec![];
        let m = merge_over(base, child, &mut diags, &mut vec![]);
        assert!(diags.is_empty(), "{diags:?}");
        assert!(m.field("extends").is_none() && m.field("remove").is_none());
        let meta = m.field("meta").unwrap();
        assert_eq!(meta.field("title").unwrap().as_str(), Some("Child"));
        assert_eq!(meta.field("author").unwrap().as_str(), Some("A"));
        assert_eq!(meta.field("author").unwrap().span.file, 0);
        let Kind::List(units) = &m.field("units").unwrap().kind else {
            panic!()
        };
        let names: Vec<_> = units
            .iter()
            .map(|u| u.field("name").unwrap().as_str().unwrap())
            .collect();
        assert_eq!(names, ["b", "c"]);
        let men_b = units[0].field("men").unwrap();
        assert!(matches!(men_b.kind, Kind::Int(20)));
        assert_eq!(men_b.span.file, 1);
    }

    #[test]
    fn removing_what_is_not_there_suggests() {
        let base = parse("(units: [(name: \"XXXIX Corps\")])", 0).unwrap();
        let child = parse("(remove: (units: [\"XXXIX Corp\"]))", 1).unwrap();
        let mut diags = vec![];
        merge_over(base, child, &mut diags, &mut vec![]);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("no `XXXIX Corp`"));
        assert_eq!(diags[0].hints, ["did you mean `XXXIX Corps`?"]);
    }

    #[test]
    fn names_and_ids_are_told_apart() {
        let base = parse(
            "(hqs: [(id: \"PG2\")], units: [(name: \"9th Army\", id: \"Soviet 9th Army\"), (name: \"10th Army\", id: \"Soviet 10th Army\"), (name: \"19th Army\"), (name: \"XXIV\", parent: \"PG2\")])",
            0,
        )
        .unwrap();
        let child = parse(
            "(units: [(name: \"9th Army\", men: 5), (name: \"20th Amry\", men: 5)], remove: (units: [\"10th Army\", \"PG2\"], hqs: [\"PG2\"]))",
            1,
        )
        .unwrap();
        let (mut diags, mut unmatched) = (vec![], vec![]);
        let m = merge_over(base, child, &mut diags, &mut unmatched);
        // Overrides that match nothing are explained.
        assert_eq!(unmatched.len(), 2);
        assert!(
            unmatched[0].hint.contains("has the id `Soviet 9th Army`"),
            "{}",
            unmatched[0].hint
        );
        assert!(
            unmatched[1]
                .hint
                .contains("matches no unit of the base scenario")
        );
        // Removing by name points at the id, never at a look-alike unit.
        let by_name = diags
            .iter()
            .find(|d| d.message.contains("no `10th Army`"))
            .unwrap();
        assert!(
            by_name.hints[0].contains("has the id `Soviet 10th Army`"),
            "{:?}",
            by_name.hints
        );
        let wrong_list = diags
            .iter()
            .find(|d| d.message.contains("no `PG2` in `units`"))
            .unwrap();
        assert!(wrong_list.hints[0].contains("one of the `hqs`"));
        // An HQ that still commands a unit stays, and the error is at the `remove` line.
        let in_use = diags
            .iter()
            .find(|d| {
                d.message
                    .contains("cannot be removed while it commands XXIV")
            })
            .unwrap();
        assert_eq!(in_use.span.unwrap().file, 1);
        assert!(list_of(&m, "hqs").unwrap().len() == 1);
    }

    #[test]
    fn the_same_item_changed_twice_is_an_error() {
        let base = parse("(units: [(name: \"a\", men: 1)])", 0).unwrap();
        let child = parse("(units: [(name: \"a\", men: 2), (name: \"a\", men: 3)])", 1).unwrap();
        let mut diags = vec![];
        merge_over(base, child, &mut diags, &mut vec![]);
        assert!(diags[0].message.contains("`a` is changed twice"));
    }
}
