//! `Stack`: owns the resources, parameters, conditions, mappings and outputs of one template,
//! and hands out the typed handles that reference them.

mod assemble;
mod foreign;
mod parameters;

pub(crate) use assemble::build_template_with;
pub use parameters::StackParameters;

use std::collections::BTreeMap;
use std::panic::Location;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::diagnostics::{Diagnostic, Diagnostics, SynthError};
use crate::intrinsic::{Cond, Handle, Resource, StackId, Symbol};
use crate::template::{
    ConditionName, LogicalId, MappingName, Node, Output, Parameter, ParameterSpec, ParameterType,
    ResourceBody, Template,
};

static NEXT_STACK_ID: AtomicU32 = AtomicU32::new(0);

/// What kind of entity a name of the stack's shared namespace (resources and parameters) is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EntityKind {
    Resource,
    Parameter,
}

/// A resource as the stack holds it.
#[derive(Clone, Debug)]
pub(crate) struct StackResource {
    pub(crate) id: Arc<str>,
    pub(crate) body: ResourceBody,
    pub(crate) location: &'static Location<'static>,
}

/// A named entry of a section other than Resources.
#[derive(Clone, Debug)]
pub(crate) struct Entry<T> {
    pub(crate) name: Arc<str>,
    pub(crate) value: T,
    pub(crate) location: &'static Location<'static>,
}

/// One CloudFormation stack being written. Adding a resource returns a [`Handle`] typed by its
/// kind; references can only be made to handles that exist, so the program cannot name a
/// resource that is missing or create a dependency cycle through references.
#[derive(Debug)]
pub struct Stack {
    id: StackId,
    pub(crate) description: Option<String>,
    pub(crate) metadata: BTreeMap<String, Node>,
    pub(crate) transform: Vec<String>,
    pub(crate) sections: BTreeMap<String, Node>,
    pub(crate) resources: Vec<StackResource>,
    pub(crate) parameters: Vec<Entry<Node>>,
    pub(crate) conditions: Vec<Entry<Node>>,
    pub(crate) mappings: Vec<Entry<Node>>,
    pub(crate) outputs: Vec<Entry<Output>>,
    pub(crate) explicit_dependencies: Vec<(Symbol, Symbol, &'static Location<'static>)>,
    /// Names of resources and parameters, which share one namespace in a template.
    pub(crate) names: BTreeMap<Arc<str>, (EntityKind, &'static Location<'static>)>,
    /// Problems found while the program built the stack, reported at synth.
    pub(crate) problems: Diagnostics,
    /// The team's own rules, run beside the built-in checks.
    pub(crate) rules: crate::rules::RuleSet,
}

impl Default for Stack {
    fn default() -> Self {
        Stack::new()
    }
}

impl Stack {
    /// An empty stack.
    pub fn new() -> Self {
        Stack {
            id: StackId(NEXT_STACK_ID.fetch_add(1, Ordering::Relaxed)),
            description: None,
            metadata: BTreeMap::new(),
            transform: Vec::new(),
            sections: BTreeMap::new(),
            resources: Vec::new(),
            parameters: Vec::new(),
            conditions: Vec::new(),
            mappings: Vec::new(),
            outputs: Vec::new(),
            explicit_dependencies: Vec::new(),
            names: BTreeMap::new(),
            problems: Diagnostics::new(),
            rules: crate::rules::RuleSet::new(),
        }
    }

    /// The identity of this stack.
    pub fn id(&self) -> StackId {
        self.id
    }

    /// Sets the template `Description`.
    pub fn description(&mut self, text: &str) -> &mut Self {
        self.description = Some(text.to_owned());
        self
    }

    /// Sets one key of the template `Metadata`.
    pub fn metadata(&mut self, key: &str, value: Node) -> &mut Self {
        self.metadata.insert(key.to_owned(), value);
        self
    }

    /// Adds a `Transform` (a macro such as `AWS::Serverless-2016-10-31`).
    pub fn transform(&mut self, name: &str) -> &mut Self {
        self.transform.push(name.to_owned());
        self
    }

    /// Sets a top-level section the typed API does not model (`Rules`, SAM's `Globals`), written
    /// as given; `import-template` keeps such sections this way.
    ///
    /// A section the typed API writes itself ([`TYPED_SECTIONS`](crate::template::TYPED_SECTIONS):
    /// `Resources`, `Parameters`, `Outputs`, …) is refused, reported at synth as CFN013 with this
    /// call's location: the template would hold it twice.
    #[track_caller]
    pub fn section(&mut self, name: &str, value: Node) -> &mut Self {
        if crate::template::TYPED_SECTIONS.contains(&name) {
            self.problems.push(
                Diagnostic::error(
                    "CFN013",
                    name,
                    format!("`{name}` is a section the stack writes from its typed API, not with `Stack::section`"),
                )
                .help(typed_section_help(name))
                .at(Some(Location::caller())),
            );
            return self;
        }
        self.sections.insert(name.to_owned(), value);
        self
    }

    /// Adds a resource under a logical ID and returns its typed handle.
    ///
    /// An invalid or duplicate logical ID is reported at synth with both program locations.
    #[track_caller]
    pub fn add<R: Resource>(&mut self, logical_id: &str, resource: R) -> Handle<R> {
        let location = Location::caller();
        let name = self.claim_name(logical_id, "Resources", EntityKind::Resource, location);
        let body = resource.body().clone();
        self.resources.push(StackResource {
            id: name.clone(),
            body,
            location,
        });
        Handle::new(Symbol {
            stack: self.id,
            name,
        })
    }

    /// Declares a parameter holding a `T` and returns it, typed.
    #[track_caller]
    pub fn parameter<T: ParameterType>(&mut self, name: &str, spec: ParameterSpec) -> Parameter<T> {
        let location = Location::caller();
        let symbol = self.claim_name(name, "Parameters", EntityKind::Parameter, location);
        self.parameters.push(Entry {
            name: symbol.clone(),
            value: spec.to_node(T::cfn_type()),
            location,
        });
        Parameter::new(Symbol {
            stack: self.id,
            name: symbol,
        })
    }

    /// Declares a named condition.
    #[track_caller]
    pub fn condition(&mut self, name: &str, condition: Cond) -> ConditionName {
        let location = Location::caller();
        let problems = section_name_problems(
            name,
            "Conditions",
            self.conditions.iter().map(|e| (&e.name, e.location)),
            location,
        );
        problems.into_iter().for_each(|p| self.problems.push(p));
        let name: Arc<str> = Arc::from(name);
        self.conditions.push(Entry {
            name: name.clone(),
            value: condition.into_node(),
            location,
        });
        ConditionName(Symbol {
            stack: self.id,
            name,
        })
    }

    /// Declares a mapping: top-level key → second-level key → value.
    #[track_caller]
    pub fn mapping(
        &mut self,
        name: &str,
        entries: BTreeMap<String, BTreeMap<String, Node>>,
    ) -> MappingName {
        let location = Location::caller();
        let problems = section_name_problems(
            name,
            "Mappings",
            self.mappings.iter().map(|e| (&e.name, e.location)),
            location,
        );
        problems.into_iter().for_each(|p| self.problems.push(p));
        let name: Arc<str> = Arc::from(name);
        let value = Node::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k, Node::Map(v)))
                .collect(),
        );
        self.mappings.push(Entry {
            name: name.clone(),
            value,
            location,
        });
        MappingName(Symbol {
            stack: self.id,
            name,
        })
    }

    /// Declares an output.
    #[track_caller]
    pub fn output(&mut self, name: &str, output: Output) -> &mut Self {
        let location = Location::caller();
        let problems = section_name_problems(
            name,
            "Outputs",
            self.outputs.iter().map(|e| (&e.name, e.location)),
            location,
        );
        problems.into_iter().for_each(|p| self.problems.push(p));
        let name: Arc<str> = Arc::from(name);
        self.outputs.push(Entry {
            name,
            value: output,
            location,
        });
        self
    }

    /// Adds `DependsOn` from `dependent` on `dependency` after both exist. A dependency that closes
    /// a cycle is reported at synth, naming the resources involved.
    #[track_caller]
    pub fn add_dependency<A: Resource, B: Resource>(
        &mut self,
        dependent: &Handle<A>,
        dependency: &Handle<B>,
    ) -> &mut Self {
        self.explicit_dependencies.push((
            dependent.symbol().clone(),
            dependency.symbol().clone(),
            Location::caller(),
        ));
        self
    }

    /// Merges raw JSON over a property of a resource already added (see
    /// [`crate::template::ResourceOptions::override_property`]).
    pub fn override_property<R: Resource>(
        &mut self,
        resource: &Handle<R>,
        path: &str,
        value: serde_json::Value,
    ) -> &mut Self {
        if let Some(r) = self
            .resources
            .iter_mut()
            .find(|r| *r.id == *resource.logical_id())
        {
            r.body
                .overrides
                .push((path.to_owned(), Node::from_json(&value)));
        }
        self
    }

    /// Every finding on this stack's synthesized template: the built-in rules of
    /// [`crate::validate`], the size of its text and the stack's registered rules; errors first,
    /// then by path and code.
    pub fn findings(&self, template: &Template) -> Diagnostics {
        let mut findings = crate::validate::validate(template);
        if let Ok(text) = crate::synth::render(template, crate::synth::Format::Json) {
            findings.extend(crate::validate::check_size(text.len()));
        }
        findings.extend(self.rules.check(template));
        findings.sorted()
    }

    /// Registers a rule of the team's own, or a whole [`crate::rules::RuleSet`], to run at synth
    /// and in `validate` beside the built-in checks.
    pub fn rule(&mut self, rules: impl Into<crate::rules::RuleSet>) -> &mut Self {
        self.rules = std::mem::take(&mut self.rules).extend(rules.into());
        self
    }

    /// The number of resources added so far.
    pub fn resource_count(&self) -> usize {
        self.resources.len()
    }

    /// The logical IDs and types of the resources, in the order they were added.
    pub fn list(&self) -> Vec<(&str, &str)> {
        self.resources
            .iter()
            .map(|r| (&*r.id, &*r.body.type_name))
            .collect()
    }

    /// Builds the template, checking every reference, dependency and limit. Fails with every
    /// error found, not only the first.
    pub fn to_template(&self) -> Result<Template, SynthError> {
        assemble::build_template(self)
    }

    fn claim_name(
        &mut self,
        name: &str,
        section: &str,
        kind: EntityKind,
        location: &'static Location<'static>,
    ) -> Arc<str> {
        let symbol: Arc<str> = Arc::from(name);
        if let Err(why) = LogicalId::new(name) {
            self.problems.push(
                Diagnostic::error("CFN001", format!("{section}.{name}"), why)
                    .help("rename it: CloudFormation logical IDs are 1 to 255 letters and digits")
                    .at(Some(location)),
            );
        }
        if let Some((earlier_kind, earlier)) = self.names.get(name) {
            let what = if *earlier_kind == EntityKind::Resource {
                "resource"
            } else {
                "parameter"
            };
            self.problems.push(
                Diagnostic::error("CFN002", format!("{section}.{name}"), format!("`{name}` is defined twice; a template has one namespace for resources and parameters"))
                    .help("give one of them another logical ID")
                    .at(Some(location))
                    .related(format!("the {what} `{name}` was first defined"), earlier),
            );
        } else {
            self.names.insert(symbol.clone(), (kind, location));
        }
        symbol
    }
}

/// Where the entries of a typed section come from.
fn typed_section_help(name: &str) -> &'static str {
    match name {
        "Resources" => "add each resource with `Stack::add` (or a builder's `.add`)",
        "Parameters" => {
            "declare each parameter with `Stack::parameter` or `#[derive(StackParameters)]`"
        }
        "Outputs" => "add each output with `Stack::output`",
        "Mappings" => "add each mapping with `Stack::mapping`",
        "Conditions" => "add each condition with `Stack::condition`",
        "Description" => "set it with `Stack::description`",
        "Metadata" => "set each key with `Stack::metadata`",
        "Transform" => "add each macro with `Stack::transform`",
        _ => "leave it out: the stack writes it",
    }
}

/// The problems of a name in a section with its own namespace (Conditions, Mappings, Outputs).
fn section_name_problems<'a>(
    name: &str,
    section: &str,
    mut existing: impl Iterator<Item = (&'a Arc<str>, &'static Location<'static>)>,
    location: &'static Location<'static>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if let Err(why) = LogicalId::new(name) {
        problems.push(
            Diagnostic::error("CFN001", format!("{section}.{name}"), why)
                .help("rename it: names are 1 to 255 letters and digits")
                .at(Some(location)),
        );
    }
    if let Some((_, first)) = existing.find(|(n, _)| ***n == *name) {
        problems.push(
            Diagnostic::error(
                "CFN002",
                format!("{section}.{name}"),
                format!("`{name}` is defined twice in {section}"),
            )
            .help("give one of them another name")
            .at(Some(location))
            .related(format!("`{name}` was first defined"), first),
        );
    }
    problems
}
