//! Intrinsics written as raw JSON that are not well formed (`{"Fn::GetAtt": "NoDot"}`): kept as
//! written by [`crate::template::Node::from_json`], and refused here, as CloudFormation would.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::template::{Node, Template};

pub(super) fn check(t: &Template, out: &mut Diagnostics) {
    for (id, r) in &t.resources {
        let parts = [
            ("Properties", Some(&r.properties)),
            ("Metadata", r.metadata.as_ref()),
            ("CreationPolicy", r.creation_policy.as_ref()),
            ("UpdatePolicy", r.update_policy.as_ref()),
        ];
        let as_written = r.as_written.iter().map(|(k, v)| (k.as_str(), Some(v)));
        for (root, node) in parts.into_iter().chain(as_written) {
            if let Some(node) = node {
                let mut visit = |key: &str| {
                    out.push(
                        Diagnostic::error(
                            "CFN013",
                            format!("Resources.{id}.{root}"),
                            format!("`{key}` below `{root}` is not a well-formed intrinsic function"),
                        )
                        .help("write it as CloudFormation documents it, such as `{\"Fn::GetAtt\": [\"LogicalId\", \"Attribute\"]}`")
                        .at(r.location),
                    )
                };
                malformed(node, &mut visit);
            }
        }
    }
}

fn malformed(node: &Node, visit: &mut dyn FnMut(&str)) {
    node.walk(&mut |n| {
        if let Node::Map(m) = n
            && m.len() == 1
            && let Some(key) = m.keys().next()
            && (key == "Ref" || key.starts_with("Fn::"))
        {
            visit(key);
        }
    });
}
