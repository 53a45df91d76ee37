//! The using side: in a stack's assembled template, every `Ref`, `Fn::GetAtt` or `${…}` of a
//! value owned by another stack of the app becomes the import its [`Share`] kind calls for.

use std::collections::BTreeMap;
use std::panic::Location;

use super::share::{Share, SharedValue};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::intrinsic::{Intrinsic, RefTarget, StackId, SubPart, Symbol};
use crate::template::{Node, Template};

/// One place where a stack uses a value of another stack.
#[derive(Clone, Debug)]
pub(crate) struct Use {
    /// The index of the using stack in the app.
    pub(crate) consumer: usize,
    /// The template path of the use, such as `Resources.TaskRole.Properties.Policies[0]…`.
    pub(crate) path: String,
    /// Where the program added the resource holding the use.
    pub(crate) location: Option<&'static Location<'static>>,
    /// The parameter the using stack declares for it (SSM parameter and stack output kinds).
    pub(crate) parameter: Option<String>,
}

/// Rewrites the template of one stack of the app; collects the uses it replaced.
pub(crate) struct Importer<'a> {
    pub(crate) consumer: usize,
    /// The stacks of the app: identity → index.
    pub(crate) members: &'a BTreeMap<StackId, usize>,
    /// How each value is shared: as the program chose, or the default export.
    pub(crate) share_of: &'a dyn Fn(&SharedValue) -> Share,
    pub(crate) uses: Vec<(SharedValue, Use)>,
    /// Parameters the stack must declare to receive values: name → (value, declaration).
    parameters: BTreeMap<String, (SharedValue, Node)>,
}

impl<'a> Importer<'a> {
    pub(crate) fn new(
        consumer: usize,
        members: &'a BTreeMap<StackId, usize>,
        share_of: &'a dyn Fn(&SharedValue) -> Share,
    ) -> Self {
        Importer {
            consumer,
            members,
            share_of,
            uses: Vec::new(),
            parameters: BTreeMap::new(),
        }
    }

    /// Replaces the uses of other stacks' values in resources and outputs; reports those in
    /// conditions, which cannot import.
    pub(crate) fn rewrite(&mut self, template: &mut Template, problems: &mut Diagnostics) {
        for (id, resource) in &mut template.resources {
            let location = resource.location;
            let sections = [
                ("Properties", Some(&mut resource.properties)),
                ("Metadata", resource.metadata.as_mut()),
                ("CreationPolicy", resource.creation_policy.as_mut()),
                ("UpdatePolicy", resource.update_policy.as_mut()),
            ];
            let as_written = resource
                .as_written
                .iter_mut()
                .map(|(k, v)| (k.as_str(), Some(v)));
            for (section, node) in sections.into_iter().chain(as_written) {
                if let Some(node) = node {
                    let mut path = format!("Resources.{id}.{section}");
                    self.rewrite_node(node, &mut path, location, problems);
                }
            }
        }
        for (name, output) in &mut template.outputs {
            let mut path = format!("Outputs.{name}");
            self.rewrite_node(output, &mut path, None, problems);
        }
        for (name, condition) in &template.conditions {
            self.report_in_condition(name, condition, problems);
        }
        self.declare_parameters(template, problems);
    }

    /// Whether `symbol` belongs to another stack of the app.
    fn is_foreign_member(&self, symbol: &Symbol) -> bool {
        self.members
            .get(&symbol.stack)
            .is_some_and(|&i| i != self.consumer)
    }

    fn rewrite_node(
        &mut self,
        node: &mut Node,
        path: &mut String,
        location: Option<&'static Location<'static>>,
        problems: &mut Diagnostics,
    ) {
        use std::fmt::Write as _;
        let len = path.len();
        match node {
            Node::List(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let _ = write!(path, "[{i}]");
                    self.rewrite_node(item, path, location, problems);
                    path.truncate(len);
                }
            }
            Node::Map(map) => {
                for (key, item) in map.iter_mut() {
                    path.push('.');
                    path.push_str(key);
                    self.rewrite_node(item, path, location, problems);
                    path.truncate(len);
                }
            }
            Node::Fn(f) => {
                if let Some(replacement) = self.replace(f, path, location, problems) {
                    *node = replacement;
                    return;
                }
                if let Intrinsic::Sub(sub) = &mut **f {
                    for part in &mut sub.parts {
                        let value = match part {
                            SubPart::Ref(s) if self.is_foreign_member(s) => {
                                SharedValue::new(s, None)
                            }
                            SubPart::GetAtt(s, a) if self.is_foreign_member(s) => {
                                SharedValue::new(s, Some(a.clone()))
                            }
                            _ => continue,
                        };
                        let variable = format!("Imported{}", value.id_part());
                        let import = self.import(value, path, location);
                        sub.variables.insert(variable.clone(), import);
                        *part = SubPart::Var(variable);
                    }
                }
                for child in children_mut(f) {
                    self.rewrite_node(child, path, location, problems);
                }
            }
            _ => {}
        }
    }

    /// The import replacing `f`, when `f` reads a value of another stack of the app.
    fn replace(
        &mut self,
        f: &Intrinsic,
        path: &str,
        location: Option<&'static Location<'static>>,
        problems: &mut Diagnostics,
    ) -> Option<Node> {
        match f {
            Intrinsic::Ref(RefTarget::Symbol(s)) if self.is_foreign_member(s) => {
                Some(self.import(SharedValue::new(s, None), path, location))
            }
            Intrinsic::GetAtt(s, a) if self.is_foreign_member(s) => {
                Some(self.import(SharedValue::new(s, Some(a.clone())), path, location))
            }
            Intrinsic::If(s, ..) | Intrinsic::Condition(s) | Intrinsic::FindInMap(s, ..)
                if self.is_foreign_member(s) =>
            {
                problems.push(not_shareable(f, s, path).at(location));
                None
            }
            _ => None,
        }
    }

    /// Records a use of `value` and returns the node that imports it.
    fn import(
        &mut self,
        value: SharedValue,
        path: &str,
        location: Option<&'static Location<'static>>,
    ) -> Node {
        let share = (self.share_of)(&value);
        let (node, parameter) = match &share {
            Share::Export { name } => {
                (Intrinsic::ImportValue(Node::Str(name.clone())).into(), None)
            }
            Share::SsmParameter { name } => {
                let declaration = parameter_declaration(
                    "AWS::SSM::Parameter::Value<String>",
                    Some(name),
                    &format!("{} of another stack, read from SSM", value.label()),
                );
                self.parameter_for(&value, declaration)
            }
            Share::StackOutput => {
                let declaration = parameter_declaration(
                    "String",
                    None,
                    &format!("{} of another stack, passed from its output", value.label()),
                );
                self.parameter_for(&value, declaration)
            }
        };
        self.uses.push((
            value,
            Use {
                consumer: self.consumer,
                path: path.to_owned(),
                location,
                parameter,
            },
        ));
        node
    }

    /// A `Ref` of the parameter that receives `value`, and its name.
    fn parameter_for(&mut self, value: &SharedValue, declaration: Node) -> (Node, Option<String>) {
        let name = format!("Imported{}", value.id_part());
        self.parameters
            .entry(name.clone())
            .or_insert_with(|| (value.clone(), declaration));
        // A name written as text: the parameter is added to the template here, after the program
        // built the stack, so the stack's symbol table does not know it.
        let symbol = Symbol {
            stack: StackId::TEXT,
            name: name.as_str().into(),
        };
        (Intrinsic::Ref(RefTarget::Symbol(symbol)).into(), Some(name))
    }

    fn declare_parameters(&mut self, template: &mut Template, problems: &mut Diagnostics) {
        let owners: BTreeMap<&String, &SharedValue> = self
            .uses
            .iter()
            .filter_map(|(v, u)| u.parameter.as_ref().map(|p| (p, v)))
            .collect();
        for (name, (value, declaration)) in std::mem::take(&mut self.parameters) {
            let clash = owners.get(&name).is_some_and(|other| **other != value);
            if clash
                || template.parameters.contains_key(&name)
                || template.resources.contains_key(&name)
            {
                problems.push(
                    Diagnostic::error(
                        "APP005",
                        format!("Parameters.{name}"),
                        format!("the parameter `{name}` that receives `{}` from another stack is already taken", value.label()),
                    )
                    .help("rename the resource or parameter of that name in this stack, or share the value as an export"),
                );
                continue;
            }
            template.parameters.insert(name, declaration);
        }
    }

    fn report_in_condition(&self, name: &str, condition: &Node, problems: &mut Diagnostics) {
        condition.walk(&mut |n| {
            let Some(f) = n.as_intrinsic() else { return };
            for s in f.symbols() {
                if self.is_foreign_member(s) {
                    problems.push(
                        Diagnostic::error(
                            "APP001",
                            format!("Conditions.{name}"),
                            format!("the condition `{name}` uses `{}` of another stack; a condition cannot import", s.name),
                        )
                        .help("declare a parameter in this stack and pass the value in with `Share::stack_output()` on a resource that uses it, or evaluate the condition in the other stack"),
                    );
                }
            }
        });
    }
}

/// The error for a condition or mapping of another stack: those cannot be exported.
fn not_shareable(f: &Intrinsic, symbol: &Symbol, path: &str) -> Diagnostic {
    let what = match f {
        Intrinsic::FindInMap(..) => "mapping",
        _ => "condition",
    };
    Diagnostic::error(
        "APP001",
        path,
        format!(
            "`{}` is a {what} of another stack; only resource and parameter values cross stacks",
            symbol.name
        ),
    )
    .help(format!("declare the {what} in this stack too"))
}

/// A `Parameters` entry.
fn parameter_declaration(type_name: &str, default: Option<&str>, description: &str) -> Node {
    let mut m = BTreeMap::from([
        ("Type".to_owned(), Node::Str(type_name.to_owned())),
        ("Description".to_owned(), Node::Str(description.to_owned())),
    ]);
    if let Some(d) = default {
        m.insert("Default".to_owned(), Node::Str(d.to_owned()));
    }
    Node::Map(m)
}

/// The argument nodes of `f`, mutable (the counterpart of `Intrinsic::children`).
fn children_mut(f: &mut Intrinsic) -> Vec<&mut Node> {
    match f {
        Intrinsic::Ref(_)
        | Intrinsic::GetAtt(..)
        | Intrinsic::Condition(_)
        | Intrinsic::AsWritten(..) => vec![],
        Intrinsic::Sub(sub) => sub.variables.values_mut().collect(),
        Intrinsic::Join(_, n)
        | Intrinsic::Split(_, n)
        | Intrinsic::Not(n)
        | Intrinsic::GetAZs(n)
        | Intrinsic::ImportValue(n)
        | Intrinsic::Base64(n)
        | Intrinsic::Length(n)
        | Intrinsic::ToJsonString(n) => vec![n],
        Intrinsic::Select(a, b) | Intrinsic::If(_, a, b) | Intrinsic::Equals(a, b) => vec![a, b],
        Intrinsic::FindInMap(_, a, b, default) => [Some(a), Some(b), default.as_mut()]
            .into_iter()
            .flatten()
            .collect(),
        Intrinsic::And(ns) | Intrinsic::Or(ns) => ns.iter_mut().collect(),
        Intrinsic::Cidr(a, b, c) => vec![a, b, c],
        Intrinsic::GetStackOutput(o) => o.arguments_mut().collect(),
    }
}
