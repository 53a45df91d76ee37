//! The resolved plan: every generated item with its Rust name, kind and docs, decided once from
//! the spec, the naming rules and the fix-ups. The emitters only print it; the cross-check test
//! compares it with cfn-lint.
//!
//! - [`items`]: what a plan holds (the vocabulary the emitters print).
//! - `attr_index`: the attribute type of every resource attribute, decided across files first.
//! - `resource`: the layout of one resource file (its structs, in order).
//! - `names`: the type names taken in one file.
//! - `attributes`, `enums`, `kinds`: the attribute methods, string enums and property kinds of
//!   one file.

mod attr_index;
mod attributes;
mod enums;
pub mod items;
mod kinds;
mod names;
mod resource;

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, bail};

pub use self::attr_index::ref_identifier;
pub use self::items::*;
use crate::model::Spec;
use crate::{fixups, naming};

/// Builds the plan from the vendored spec.
pub fn build(spec: &Spec) -> Result<Plan> {
    fixups::check(spec)?;
    let index = attr_index::AttrIndex::build(spec)?;
    let mut services: BTreeMap<String, Service> = BTreeMap::new();
    for resource in &spec.resources {
        let planned = resource::Planner {
            spec,
            index: &index,
            resource,
        }
        .plan()?;
        let module = naming::service_module(resource.namespace());
        services
            .entry(module.clone())
            .or_insert_with(|| Service {
                namespace: resource.namespace().to_owned(),
                module,
                resources: vec![],
            })
            .resources
            .push(planned);
    }
    let mut services: Vec<Service> = services.into_values().collect();
    for s in &mut services {
        s.resources.sort_by(|a, b| a.module.cmp(&b.module));
        check_unique(
            s.resources.iter().map(|r| r.module.as_str()),
            &format!("module names in `{}`", s.module),
        )?;
    }
    Ok(Plan { services })
}

/// Fails when a name repeats.
fn check_unique<'a>(names: impl Iterator<Item = &'a str>, what: &str) -> Result<()> {
    let mut seen = BTreeSet::new();
    for n in names {
        if !seen.insert(n) {
            bail!("duplicate {what}: `{n}`; add a naming rule or fix-up");
        }
    }
    Ok(())
}
