//! Synth: `Stack` → checked [`Template`] → deterministic JSON or YAML text.

mod checks;
mod doc;
mod json;
mod yaml;

use crate::diagnostics::{Diagnostic, Diagnostics, SynthError};
use crate::stack::Stack;
use crate::template::{Node, Template, TemplateResource};

pub use doc::Doc;

/// CloudFormation's limit on the size of a template body passed inline.
pub const MAX_TEMPLATE_BYTES: usize = 1_000_000;

/// The text formats synth writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// JSON, two-space indented, with a trailing newline.
    #[default]
    Json,
    /// YAML with short-form intrinsic tags (`!Ref`, `!Sub`, …).
    Yaml,
}

/// Writes a template as text. Fails when the body exceeds CloudFormation's 1 MB limit.
pub fn render(template: &Template, format: Format) -> Result<String, SynthError> {
    let doc = Doc::from_template(template);
    let text = match format {
        Format::Json => json::write(&doc),
        Format::Yaml => yaml::write(&doc),
    };
    if text.len() > MAX_TEMPLATE_BYTES {
        let d = Diagnostic::error("CFN010", "<template>", format!("the template body is {} bytes; CloudFormation accepts at most {MAX_TEMPLATE_BYTES}", text.len()))
            .help("split the stack into nested stacks, or move large inline content (Lambda code, user data) to S3");
        let mut all = Diagnostics::new();
        all.push(d);
        return Err(SynthError(all));
    }
    Ok(text)
}

/// Builds the template of a stack: applies overrides, checks references, dependencies and limits.
pub(crate) fn build_template(stack: &Stack) -> Result<Template, SynthError> {
    build_template_with(stack, &mut |_, _| {})
}

/// [`build_template`] with `prepare` run on the assembled template before the checks: an
/// [`crate::app::App`] replaces there the references to its other stacks by imports.
pub(crate) fn build_template_with(
    stack: &Stack,
    prepare: &mut dyn FnMut(&mut Template, &mut Diagnostics),
) -> Result<Template, SynthError> {
    let mut problems = stack.problems.clone();
    let mut template = Template {
        description: stack.description.clone(),
        metadata: stack.metadata.clone(),
        transform: stack.transform.clone(),
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
    prepare(&mut template, &mut problems);
    problems.extend(checks::check(stack, &template));
    if problems.has_errors() {
        return Err(SynthError(problems.sorted()));
    }
    Ok(template)
}

fn resolve_resource(
    r: &crate::stack::StackResource,
    problems: &mut Diagnostics,
) -> TemplateResource {
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
