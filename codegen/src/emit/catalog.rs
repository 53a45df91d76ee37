//! `cfn/catalog.json`: what `ecs-dsl import-template` needs to know about every generated
//! resource type to print a program on it: the Rust path of the struct, the setter and
//! `…Required` field of each property with a coarse kind, the attribute names that `sub!`
//! resolves, and the Rust type of each AWS-specific parameter type.
//!
//! One line per resource type, sorted, so a spec update reads as a line diff.

use crate::plan::{Kind, Plan, Prop};

/// The file's text.
pub fn file(plan: &Plan) -> String {
    let mut lines = Vec::new();
    for s in &plan.services {
        for r in &s.resources {
            let props: Vec<String> = r
                .body
                .props
                .iter()
                .map(|p| {
                    format!(
                        "{}:[{},{},{},{}]",
                        json(&p.cfn_name),
                        json(&p.setter),
                        json(&p.field),
                        json(kind_code(p)),
                        p.required
                    )
                })
                .collect();
            let attrs: Vec<String> = r
                .attributes
                .iter()
                .filter(|a| a.method == crate::naming::attr_method(&a.cfn_name))
                .map(|a| json(&a.cfn_name))
                .collect();
            lines.push(format!(
                "{}:{{\"path\":{},\"props\":{{{}}},\"attrs\":[{}]}}",
                json(&r.type_name),
                json(&format!("{}::{}::{}", s.module, r.module, r.body.rust_name)),
                props.join(","),
                attrs.join(",")
            ));
        }
    }
    let mut parameter_types = Vec::new();
    for s in &plan.services {
        for r in &s.resources {
            for t in &r.attr_types {
                if let Some(cfn) = &t.parameter_type {
                    parameter_types.push(format!(
                        "{}:{}",
                        json(cfn),
                        json(&format!("{}::{}::{}", s.module, r.module, t.name))
                    ));
                }
            }
        }
    }
    parameter_types.sort();
    format!(
        "{{\"parameterTypes\":{{\n{}\n}},\n\"resources\":{{\n{}\n}}}}\n",
        parameter_types.join(",\n"),
        lines.join(",\n")
    )
}

/// `s` text, `i` integer, `f` number, `b` boolean, `j` JSON, `t` anything else (a typed kind).
fn kind_code(p: &Prop) -> &'static str {
    match &p.kind {
        Kind::Scalar("String") => "s",
        Kind::Scalar("i64") => "i",
        Kind::Scalar("f64") => "f",
        Kind::Scalar("bool") => "b",
        Kind::Scalar("Json") => "j",
        _ => "t",
    }
}

fn json(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}
