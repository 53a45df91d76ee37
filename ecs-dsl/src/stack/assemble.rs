//! Assembling a stack into a [`Template`]: overrides applied, explicit dependencies added, and
//! every check run — the stack's own (names as they were added, handles of other stacks) and the
//! structural checks every template gets ([`crate::validate::check_structure`]).

use super::{Stack, StackResource, foreign};
use crate::diagnostics::{Diagnostic, Diagnostics, SynthError};
use crate::intrinsic::StackId;
use crate::template::{Node, Template, TemplateResource};

/// Builds the template of a stack: applies overrides, checks references, dependencies and limits.
pub(super) fn build_template(stack: &Stack) -> Result<Template, SynthError> {
    build_template_with(stack, &|_| false, &mut |_, _| {})
}

/// [`build_template`] for a stack of an [`crate::app::App`]: values of the `sibling` stacks are
/// not CFN003, and `prepare` runs on the assembled template before the checks; the app replaces
/// those values there by imports.
pub(crate) fn build_template_with(
    stack: &Stack,
    sibling: &dyn Fn(StackId) -> bool,
    prepare: &mut dyn FnMut(&mut Template, &mut Diagnostics),
) -> Result<Template, SynthError> {
    let mut problems = stack.problems.clone();
    let mut template = Template {
        description: stack.description.clone(),
        metadata: stack.metadata.clone(),
        transform: stack.transform.clone(),
        sections: stack.sections.clone(),
        ..Template::default()
    };
    for p in &stack.parameters {
        template
            .parameters
            .insert(p.name.to_string(), p.value.clone());
    }
    for m in &stack.mappings {
        template
            .mappings
            .insert(m.name.to_string(), m.value.clone());
    }
    for c in &stack.conditions {
        template
            .conditions
            .insert(c.name.to_string(), c.value.clone());
    }
    for o in &stack.outputs {
        template
            .outputs
            .insert(o.name.to_string(), o.value.to_node());
    }
    for r in &stack.resources {
        let resource = resolve_resource(r, &mut problems);
        template
            .resources
            .entry(r.id.to_string())
            .or_insert(resource);
    }
    for (dependent, dependency, _) in &stack.explicit_dependencies {
        if let Some(r) = template.resources.get_mut(&*dependent.name) {
            r.depends_on.push(dependency.name.to_string());
            r.depends_on.sort();
            r.depends_on.dedup();
        }
    }
    template.declare_language_extensions();
    prepare(&mut template, &mut problems);
    let foreign = foreign::check(stack, sibling);
    let structure = crate::validate::check_structure(&template);
    problems = merge(problems, foreign, structure, stack);
    problems.extend(stack.rules.errors(&template));
    if problems.has_errors() {
        return Err(SynthError(problems.sorted()));
    }
    Ok(template)
}

fn resolve_resource(r: &StackResource, problems: &mut Diagnostics) -> TemplateResource {
    let attrs = &r.body.attributes;
    let mut properties = r.body.props.clone().into_node();
    for (path, value) in &r.body.overrides {
        if let Err(why) = apply_override(&mut properties, path, value.clone()) {
            problems.push(
                Diagnostic::error("CFN011", format!("Resources.{}.Properties.{path}", r.id), why)
                    .help("an override path is dotted property names and list indexes, such as `LoadBalancers.0.ContainerPort`")
                    .at(Some(r.location)),
            );
        }
    }
    let mut depends_on: Vec<String> = attrs
        .depends_on
        .iter()
        .map(|s| s.name.to_string())
        .collect();
    depends_on.sort();
    depends_on.dedup();
    TemplateResource {
        type_name: r.body.type_name.to_string(),
        properties,
        depends_on,
        condition: attrs.condition.as_ref().map(|c| c.name.to_string()),
        metadata: (!attrs.metadata.is_empty()).then(|| Node::Map(attrs.metadata.clone())),
        creation_policy: attrs.creation_policy.clone(),
        update_policy: attrs.update_policy.clone(),
        deletion_policy: attrs.deletion_policy,
        update_replace_policy: attrs.update_replace_policy,
        allowed_warnings: attrs.allowed_warnings.clone(),
        location: Some(r.location),
        as_written: attrs.as_written.clone(),
    }
}

/// Merges `value` at a dotted path below `Properties`, creating maps on the way.
fn apply_override(properties: &mut Node, path: &str, value: Node) -> Result<(), String> {
    let mut at = properties;
    let segments: Vec<&str> = path.split('.').collect();
    for (i, seg) in segments.iter().enumerate() {
        if seg.is_empty() {
            return Err(format!("override path `{path}` has an empty segment"));
        }
        let last = i + 1 == segments.len();
        at = match at {
            Node::Map(m) => {
                let slot = m
                    .entry((*seg).to_owned())
                    .or_insert_with(|| Node::Map(Default::default()));
                if last {
                    slot.merge(value);
                    return Ok(());
                }
                slot
            }
            Node::List(items) => {
                let index: usize = seg.parse().map_err(|_| {
                    format!("`{seg}` in `{path}` indexes a list but is not a number")
                })?;
                let len = items.len();
                let slot = items.get_mut(index).ok_or_else(|| {
                    format!("index {index} in `{path}` is past the end of a list of {len}")
                })?;
                if last {
                    slot.merge(value);
                    return Ok(());
                }
                slot
            }
            _ => {
                return Err(format!(
                    "`{seg}` in `{path}` goes below a value that is neither a map nor a list"
                ));
            }
        };
    }
    Ok(())
}

/// One report from the stack's checks and the structural ones: a problem the stack already
/// reported with its program location (a bad name, a handle of another stack) is not repeated,
/// and a cycle closed by `add_dependency` points at that call.
fn merge(
    stack_problems: Diagnostics,
    foreign: Diagnostics,
    structure: Diagnostics,
    stack: &Stack,
) -> Diagnostics {
    let mut out = stack_problems;
    let known: Vec<(&'static str, String)> = out
        .iter()
        .chain(foreign.iter())
        .map(|d| (d.code, d.path.clone()))
        .collect();
    let foreign_paths: Vec<String> = foreign.iter().map(|d| d.path.clone()).collect();
    out.extend(foreign);
    for mut d in structure.into_vec() {
        if known.contains(&(d.code, d.path.clone()))
            || (d.code == "CFN004" && foreign_paths.contains(&d.path))
        {
            continue;
        }
        if d.code == "CFN005"
            && let Some((_, _, location)) = stack
                .explicit_dependencies
                .iter()
                .find(|(dependent, ..)| d.path == format!("Resources.{}.DependsOn", dependent.name))
        {
            d.location = Some(location);
        }
        out.push(d);
    }
    out
}
