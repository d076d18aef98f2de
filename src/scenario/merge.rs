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
use super::tree::{Field, Kind, Node};

/// Merges `child` over `base`. Problems with `remove` are added to `diags`.
pub fn merge_over(base: Node, child: Node, diags: &mut Vec<Diagnostic>) -> Node {
    let mut merged = merge(base, child.clone());
    if let Some(remove) = child.field("remove") {
        apply_removals(&mut merged, remove, diags);
    }
    if let Kind::Struct { fields, .. } = &mut merged.kind {
        fields.retain(|f| f.name != "extends" && f.name != "remove");
    }
    merged
}

fn merge(base: Node, child: Node) -> Node {
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
                        bf.value = merge(old, cf.value);
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
            for ci in citems {
                let key = item_key(&ci).map(str::to_string);
                match items
                    .iter_mut()
                    .find(|bi| item_key(bi).map(str::to_string) == key)
                {
                    Some(bi) => {
                        let old = std::mem::replace(bi, placeholder(&ci));
                        *bi = merge(old, ci);
                    }
                    None => items.push(ci),
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

fn apply_removals(merged: &mut Node, remove: &Node, diags: &mut Vec<Diagnostic>) {
    let Kind::Struct { fields, .. } = &remove.kind else {
        diags.push(
            Diagnostic::error("`remove` lists what to take away", Some(remove.span))
                .with_hint("write `remove: (units: [\"id\", ...], hqs: [\"id\", ...])`"),
        );
        return;
    };
    for Field {
        name,
        name_span,
        value,
    } in fields
    {
        if name != "units" && name != "hqs" {
            diags.push(
                Diagnostic::error(
                    format!("`remove` cannot take away `{name}`"),
                    Some(*name_span),
                )
                .with_hint("`remove` takes `units` and `hqs`"),
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
        let Some(Kind::List(items)) = merged_field_mut(merged, name).map(|n| &mut n.kind) else {
            continue;
        };
        for id_node in ids {
            let Some(id) = id_node.as_str() else {
                diags.push(Diagnostic::error(
                    "expected an id in quotes",
                    Some(id_node.span),
                ));
                continue;
            };
            match items.iter().position(|i| item_key(i) == Some(id)) {
                Some(pos) => {
                    items.remove(pos);
                }
                None => {
                    let hint = did_you_mean(id, items.iter().filter_map(item_key));
                    diags.push(
                        Diagnostic::error(
                            format!("there is no `{id}` in `{name}` to remove"),
                            Some(id_node.span),
                        )
                        .with_label("not in the base scenario")
                        .with_hint_opt(hint),
                    );
                }
            }
        }
    }
}

fn merged_field_mut<'a>(node: &'a mut Node, name: &str) -> Option<&'a mut Node> {
    match &mut node.kind {
        Kind::Struct { fields, .. } => fields
            .iter_mut()
            .find(|f| f.name == name)
            .map(|f| &mut f.value),
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
        let m = merge_over(base, child, &mut diags);
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
        merge_over(base, child, &mut diags);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("no `XXXIX Corp`"));
        assert_eq!(diags[0].hints, ["did you mean `XXXIX Corps`?"]);
    }
}
