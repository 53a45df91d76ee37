//! Apps of several stacks, with typed references between them.
//!
//! A handle of one [`Stack`] used in another is an error for lone stacks (CFN003). Added to one
//! [`App`], stacks may use each other's values freely: synth turns each such use into an output
//! with an `Export` in the stack that owns the value and an `Fn::ImportValue` where it is used,
//! under a stable name (`STACK:LogicalId:Attribute`). The deploy order follows from these
//! references, and stacks that use each other's values are an error naming both places.
//! [`App::share`] chooses the kind of reference ([`Share`]): an export under a name of your own,
//! an SSM parameter, or a stack output the deployer passes on.
//!
//! Synth also writes a [`Manifest`]: the stacks in deploy order and every reference. Given the
//! manifest of the previous synth ([`App::synth_after`]), it refuses to remove or change an
//! export that the deployed stacks still import, which CloudFormation would refuse only midway
//! through the deploy, and says which two deploys get there.
//!
//! ```
//! use ecs_dsl::app::{App, Share};
//! use ecs_dsl::cfn::logs::CfnLogGroup;
//! use ecs_dsl::cfn::ssm::CfnParameter;
//! use ecs_dsl::cfn::ssm::parameter::{CfnParameterRequired, Type};
//! use ecs_dsl::prelude::*;
//!
//! let mut logs = Stack::new();
//! let group = logs.add("Logs", CfnLogGroup::new().retention_in_days(7));
//!
//! let mut service = Stack::new();
//! service.add(
//!     "LogGroupArn",
//!     CfnParameter::new(CfnParameterRequired {
//!         type_: Type::StringValue,
//!         value: group.attr_arn(), // a value of the `logs` stack
//!     }),
//! );
//!
//! let mut app = App::new();
//! app.add("shared-logs", logs).add("service", service);
//! app.share(&group.attr_arn(), Share::export("shared-logs-arn"));
//! let synth = app.synth().unwrap();
//! assert_eq!(synth.manifest.order(), ["shared-logs", "service"]);
//! ```

mod exports;
mod imports;
mod manifest;
mod order;
mod previous;
mod share;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::panic::Location;

use crate::diagnostics::{Diagnostic, Diagnostics, SynthError};
use crate::intrinsic::{Attribute, StackId};
use crate::stack::Stack;
use crate::template::Template;

use exports::Link;
use imports::{Importer, Use};
pub use manifest::{Manifest, ManifestReference, ManifestStack, ManifestUse};
pub use share::Share;
use share::SharedValue;

/// CloudFormation's limit on the length of a stack name.
const MAX_STACK_NAME: usize = 128;

/// Several stacks deployed together, which may use each other's values.
#[derive(Debug, Default)]
pub struct App {
    members: Vec<Member>,
    shares: Vec<(SharedValue, Share, &'static Location<'static>)>,
    problems: Diagnostics,
}

#[derive(Debug)]
struct Member {
    name: String,
    stack: Stack,
}

/// What synth of an app produces: the templates in deploy order and the manifest.
#[derive(Clone, Debug)]
pub struct AppTemplates {
    /// Each stack's name and template, in deploy order.
    pub stacks: Vec<(String, Template)>,
    /// The deploy order and the references between the stacks.
    pub manifest: Manifest,
}

impl App {
    /// An app without stacks.
    pub fn new() -> App {
        App::default()
    }

    /// Adds a stack under its CloudFormation stack name. An invalid or repeated name is reported
    /// at synth.
    #[track_caller]
    pub fn add(&mut self, name: &str, stack: Stack) -> &mut Self {
        let location = Location::caller();
        if let Some(problem) = self.stack_name_problem(name) {
            self.problems
                .push(Diagnostic::error("APP004", name, problem).at(Some(location)));
        }
        self.members.push(Member {
            name: name.to_owned(),
            stack,
        });
        self
    }

    /// Chooses how a value reaches the stacks that use it: `value` is a handle's `ref_()` or one
    /// of its `attr_*()` attributes. A value shared this way is published even when no stack uses
    /// it, which is how an export is kept while the stacks that import it move away from it.
    #[track_caller]
    pub fn share<A: Attribute>(&mut self, value: &A, how: Share) -> &mut Self {
        let r = value.attr_ref();
        self.shares.push((
            SharedValue::new(r.symbol(), r.attribute().map(Cow::Borrowed)),
            how,
            Location::caller(),
        ));
        self
    }

    /// The stacks, with their names, in the order they were added.
    pub fn stacks(&self) -> impl Iterator<Item = (&str, &Stack)> {
        self.members.iter().map(|m| (m.name.as_str(), &m.stack))
    }

    /// Builds every template, with the exports and imports the references need, and the
    /// manifest. Fails with every error of every stack.
    pub fn synth(&self) -> Result<AppTemplates, SynthError> {
        self.build(None)
    }

    /// [`App::synth`], also refusing to remove or change an export that the stacks as deployed
    /// with `previous` (the manifest of the last synth) still import.
    pub fn synth_after(&self, previous: &Manifest) -> Result<AppTemplates, SynthError> {
        self.build(Some(previous))
    }

    fn stack_name_problem(&self, name: &str) -> Option<String> {
        let mut chars = name.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '-')
            && name.len() <= MAX_STACK_NAME;
        if !valid {
            return Some(format!(
                "`{name}` is not a valid stack name: a letter, then letters, digits and hyphens, at most {MAX_STACK_NAME} characters"
            ));
        }
        self.members
            .iter()
            .any(|m| m.name == name)
            .then(|| format!("the app already has a stack named `{name}`"))
    }

    fn build(&self, previous: Option<&Manifest>) -> Result<AppTemplates, SynthError> {
        let mut problems = self.problems.clone();
        let names: Vec<&str> = self.members.iter().map(|m| m.name.as_str()).collect();
        let index: BTreeMap<StackId, usize> = self
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.stack.id(), i))
            .collect();
        let chosen = self.chosen_shares(&index, &mut problems);
        let share_of = |v: &SharedValue| match chosen.get(v) {
            Some((share, _)) => share.clone(),
            None => Share::Export {
                name: v.default_export_name(names[index[&v.stack]]),
            },
        };

        let mut templates = Vec::new();
        let mut uses = Vec::new();
        for (i, member) in self.members.iter().enumerate() {
            let mut importer = Importer::new(i, &index, &share_of);
            let sibling = |id: StackId| index.contains_key(&id);
            let built = crate::stack::build_template_with(&member.stack, &sibling, &mut |t, p| {
                importer.rewrite(t, p)
            });
            uses.extend(importer.uses);
            templates.push(
                built
                    .map_err(|e| in_stack(&mut problems, &member.name, e.0))
                    .ok(),
            );
        }

        let links = links(&chosen, uses, &index, &share_of, &names);
        let lone: Vec<(&str, Option<&Template>)> = names
            .iter()
            .copied()
            .zip(templates.iter().map(Option::as_ref))
            .collect();
        exports::check_unique_names(&lone, &links, &mut problems);
        for link in &links {
            if let Some(template) = templates[link.producer].as_mut() {
                let mut found = Diagnostics::new();
                exports::publish(link, template, &mut found);
                in_stack(&mut problems, names[link.producer], found);
            }
        }
        let order = match order::deploy_order(&names, &links) {
            Ok(order) => order,
            Err(cycle) => {
                problems.push(*cycle);
                Vec::new()
            }
        };
        let manifest = manifest_of(&order, &links, &names);
        if let Some(previous) = previous {
            previous::check_kept_exports(previous, &manifest.references, &mut problems);
        }
        if problems.has_errors() {
            return Err(SynthError(problems.sorted()));
        }
        let stacks = order
            .iter()
            .filter_map(|(i, _)| Some((names[*i].to_owned(), templates[*i].take()?)))
            .collect();
        Ok(AppTemplates { stacks, manifest })
    }

    /// The kinds the program chose, checked: one per value, for values of the app's stacks.
    fn chosen_shares(
        &self,
        index: &BTreeMap<StackId, usize>,
        problems: &mut Diagnostics,
    ) -> BTreeMap<SharedValue, (Share, &'static Location<'static>)> {
        let mut chosen: BTreeMap<SharedValue, (Share, &'static Location<'static>)> =
            BTreeMap::new();
        for (value, share, location) in &self.shares {
            if !index.contains_key(&value.stack) {
                problems.push(
                    Diagnostic::error(
                        "APP006",
                        value.label(),
                        format!(
                            "`{}` is shared, but its stack is not in this app",
                            value.label()
                        ),
                    )
                    .help("add the stack that owns it with `App::add`")
                    .at(Some(location)),
                );
                continue;
            }
            if let Some((first, at)) = chosen.get(value) {
                if first != share {
                    problems.push(
                        Diagnostic::error(
                            "APP006",
                            value.label(),
                            format!("`{}` is shared twice, in two different ways", value.label()),
                        )
                        .help("keep one `App::share` of it")
                        .at(Some(location))
                        .related("it was first shared", at),
                    );
                }
                continue;
            }
            chosen.insert(value.clone(), (share.clone(), location));
        }
        chosen
    }
}

/// Adds the findings of stack `name` to `problems`, their paths prefixed with the stack name.
fn in_stack(problems: &mut Diagnostics, name: &str, found: Diagnostics) {
    for mut d in found {
        d.path = format!("{name}/{}", d.path);
        problems.push(d);
    }
}

/// The shared values: those the program chose a kind for, and those some stack uses, sorted
/// by owning stack and value.
fn links(
    chosen: &BTreeMap<SharedValue, (Share, &'static Location<'static>)>,
    uses: Vec<(SharedValue, Use)>,
    index: &BTreeMap<StackId, usize>,
    share_of: &dyn Fn(&SharedValue) -> Share,
    names: &[&str],
) -> Vec<Link> {
    let mut links: BTreeMap<SharedValue, Link> = BTreeMap::new();
    let link_of = |value: &SharedValue| Link {
        value: value.clone(),
        producer: index[&value.stack],
        share: share_of(value),
        uses: Vec::new(),
        declared_at: chosen.get(value).map(|(_, at)| *at),
    };
    for value in chosen.keys() {
        links.insert(value.clone(), link_of(value));
    }
    for (value, u) in uses {
        links
            .entry(value.clone())
            .or_insert_with(|| link_of(&value))
            .uses
            .push(u);
    }
    let mut links: Vec<Link> = links.into_values().collect();
    links.sort_by_key(|l| (names[l.producer], l.value.label()));
    links
}

/// The manifest of stacks placed in `order` and the shared values.
fn manifest_of(order: &order::Ordered, links: &[Link], names: &[&str]) -> Manifest {
    let stacks = order
        .iter()
        .map(|(i, after)| ManifestStack {
            name: names[*i].to_owned(),
            after: after.iter().map(|p| names[*p].to_owned()).collect(),
        })
        .collect();
    let references = links
        .iter()
        .map(|link| {
            let mut by_stack: BTreeMap<usize, ManifestUse> = BTreeMap::new();
            for u in &link.uses {
                let entry = by_stack.entry(u.consumer).or_insert_with(|| ManifestUse {
                    stack: names[u.consumer].to_owned(),
                    parameter: u.parameter.clone(),
                    at: Vec::new(),
                });
                entry.at.push(u.path.clone());
            }
            let mut used_by: Vec<ManifestUse> = by_stack.into_values().collect();
            used_by.iter_mut().for_each(|u| u.at.sort());
            ManifestReference {
                share: link.share.clone(),
                stack: names[link.producer].to_owned(),
                value: link.value.label(),
                published_by: link.publisher_id(),
                used_by,
            }
        })
        .collect();
    Manifest { stacks, references }
}
