//! The owning side: each shared value gets the output or resource that publishes it, and export
//! names are checked to be unique, as CloudFormation requires in an account and region.

use std::collections::BTreeMap;
use std::panic::Location;

use super::imports::Use;
use super::share::{Share, SharedValue};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::template::{Node, Template, TemplateResource};

/// CloudFormation's limit on the outputs of one template.
const MAX_OUTPUTS: usize = 200;

/// A value of one stack shared with others: how, and where it is used.
#[derive(Clone, Debug)]
pub(crate) struct Link {
    pub(crate) value: SharedValue,
    /// The index of the owning stack in the app.
    pub(crate) producer: usize,
    pub(crate) share: Share,
    pub(crate) uses: Vec<Use>,
    /// Where the program chose the kind with `App::share`, if it did.
    pub(crate) declared_at: Option<&'static Location<'static>>,
}

impl Link {
    /// The output or resource of the owning stack that publishes the value.
    pub(crate) fn publisher_id(&self) -> String {
        match self.share {
            Share::Export { .. } => format!("Export{}", self.value.id_part()),
            Share::SsmParameter { .. } => format!("Shared{}Parameter", self.value.id_part()),
            Share::StackOutput => format!("Shared{}", self.value.id_part()),
        }
    }

    /// The template path of the publishing output or resource.
    pub(crate) fn publisher_path(&self) -> String {
        match self.share {
            Share::SsmParameter { .. } => format!("Resources.{}", self.publisher_id()),
            _ => format!("Outputs.{}", self.publisher_id()),
        }
    }
}

/// Adds the output or resource that publishes `link`'s value to the owning stack's template.
pub(crate) fn publish(link: &Link, template: &mut Template, problems: &mut Diagnostics) {
    let id = link.publisher_id();
    let taken = template.outputs.contains_key(&id) || template.resources.contains_key(&id);
    if taken {
        problems.push(
            Diagnostic::error(
                "APP005",
                link.publisher_path(),
                format!(
                    "`{id}`, which would publish `{}` to other stacks, is already defined",
                    link.value.label()
                ),
            )
            .help("rename that output or resource of the owning stack")
            .at(link.declared_at),
        );
        return;
    }
    let value = link.value.node();
    match &link.share {
        Share::Export { name } => {
            let export = Node::Map(BTreeMap::from([(
                "Name".to_owned(),
                Node::Str(name.clone()),
            )]));
            template.outputs.insert(id, output(value, Some(export)));
        }
        Share::StackOutput => {
            template.outputs.insert(id, output(value, None));
        }
        Share::SsmParameter { name } => {
            template.resources.insert(id, ssm_parameter(name, value));
        }
    }
    if template.outputs.len() > MAX_OUTPUTS {
        problems.push(Diagnostic::error(
            "CFN009",
            "Outputs",
            format!(
                "with the values it shares, the template has {} outputs; CloudFormation allows at most {MAX_OUTPUTS}",
                template.outputs.len()
            ),
        ).help("share fewer values, or share some through SSM parameters (`Share::ssm_parameter`)"));
    }
}

fn output(value: Node, export: Option<Node>) -> Node {
    let mut m = BTreeMap::from([("Value".to_owned(), value)]);
    if let Some(export) = export {
        m.insert("Export".to_owned(), export);
    }
    Node::Map(m)
}

fn ssm_parameter(name: &str, value: Node) -> TemplateResource {
    let properties = BTreeMap::from([
        ("Name".to_owned(), Node::Str(name.to_owned())),
        ("Type".to_owned(), Node::Str("String".to_owned())),
        ("Value".to_owned(), value),
    ]);
    TemplateResource {
        type_name: "AWS::SSM::Parameter".to_owned(),
        properties: Node::Map(properties),
        depends_on: Vec::new(),
        condition: None,
        metadata: None,
        creation_policy: None,
        update_policy: None,
        deletion_policy: None,
        update_replace_policy: None,
        allowed_warnings: Vec::new(),
        location: None,
        as_written: BTreeMap::new(),
    }
}

/// Every literal `Export.Name` of a template, by output name (the program's own exports).
pub(crate) fn declared_exports(template: &Template) -> Vec<(&str, &str)> {
    template
        .outputs
        .iter()
        .filter_map(|(output, node)| {
            let name = node.get("Export")?.get("Name")?.as_str()?;
            Some((output.as_str(), name))
        })
        .collect()
}

/// Export and SSM parameter names must be unique: CloudFormation refuses a second export of a
/// name in the region, and a second SSM parameter of a name. Run before [`publish`], on the
/// templates as the program wrote them.
pub(crate) fn check_unique_names(
    stacks: &[(&str, Option<&Template>)],
    links: &[Link],
    problems: &mut Diagnostics,
) {
    let mut seen: BTreeMap<(&str, String), String> = BTreeMap::new();
    let mut claim = |kind: &'static str, name: &str, owner: String, path: String, at| match seen
        .get(&(kind, name.to_owned()))
    {
        Some(first) => problems.push(
            Diagnostic::error(
                "APP005",
                path,
                format!("the {kind} name `{name}` of {owner} is already used by {first}"),
            )
            .help("give one of them another name with `App::share`")
            .at(at),
        ),
        None => {
            seen.insert((kind, name.to_owned()), owner);
        }
    };
    for (stack, template) in stacks {
        for (output, name) in template.map(declared_exports).unwrap_or_default() {
            let owner = format!("output `{output}` of stack `{stack}`");
            claim(
                "export",
                name,
                owner,
                format!("{stack}/Outputs.{output}"),
                None,
            );
        }
    }
    for link in links {
        if let Some(name) = link.share.name() {
            let stack = stacks[link.producer].0;
            let owner = format!("`{}` of stack `{stack}`", link.value.label());
            let path = format!("{stack}/{}", link.publisher_path());
            claim(link.share.kind(), name, owner, path, link.declared_at);
        }
    }
}
