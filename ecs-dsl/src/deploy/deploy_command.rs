//! `deploy`: validate → change set (CREATE or UPDATE) → print it → confirm → execute → follow
//! the stack events and the ECS rollouts to the end.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use aws_sdk_cloudformation::types::{Capability, ChangeSetStatus, ChangeSetType, Parameter};
use serde_json::Value as Json;

use super::aws::Aws;
use super::aws_source::AwsSource;
use super::change_set::{self, ResourceChange, replacement_from_cfn};
use super::stack_state::{self, Deployed};
use super::watch::{Operation, WatchOptions, watch};
use super::{EXIT_DONE, EXIT_FAILED, EXIT_NO_CHANGES, POLL_INTERVAL, failed, usage};
use crate::stack::Stack;
use crate::template::parameters_file::{self, ParameterValues};

/// The options of one `deploy`.
pub struct Args {
    pub stack_name: String,
    pub parameters: Option<PathBuf>,
    pub overrides: Vec<String>,
    pub no_execute: bool,
    pub yes: bool,
    pub timeout: Duration,
    pub max_failed_tasks: i32,
}

/// CloudFormation's reasons for a change set without changes.
const NO_CHANGES: [&str; 2] = ["didn't contain changes", "No updates are to be performed"];

/// Runs `deploy`; returns the exit code.
pub fn run(stack: &Stack, args: &Args) -> u8 {
    let start = Instant::now();
    let name = &args.stack_name;
    println!("validating {name}");
    let (template, values) = match validated(stack, args) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    let aws = match Aws::from_env() {
        Ok(aws) => aws,
        Err(e) => return usage(&e),
    };
    let body = serde_json::to_string(&template).unwrap_or_default();
    if let Err(e) = aws.call(aws.cfn.validate_template().template_body(&body).send()) {
        return failed(&format!("CloudFormation rejects the template: {e}"));
    }
    let deployed = match stack_state::describe(&aws, name) {
        Ok(deployed) => deployed,
        Err(e) => return failed(&format!("cannot describe stack {name}: {e}")),
    };
    let kind = match change_set_type(name, deployed.as_ref()) {
        Ok(kind) => kind,
        Err(e) => return failed(&e),
    };
    let (old, old_values) = match (&kind, &deployed) {
        (ChangeSetType::Update, Some(d)) => match stack_state::template(&aws, name) {
            Ok(old) => (old, stack_state::known_parameters(d)),
            Err(e) => {
                eprintln!("warning: {e}; the change set is shown as CloudFormation lists it");
                (Json::Null, BTreeMap::new())
            }
        },
        _ => (serde_json::json!({}), BTreeMap::new()),
    };
    let parameters = match change_set_parameters(&template, &values, &old_values, &kind) {
        Ok(parameters) => parameters,
        Err(e) => return usage(&e),
    };
    let new_values = effective_values(&template, &values, &old_values);
    let old = crate::diff::resolve_parameters(&old, &old_values);
    let new = crate::diff::resolve_parameters(&template, &new_values);

    let change_set_name = format!("ecs-dsl-{}", unix_seconds());
    println!("creating change set {change_set_name} ({})", kind.as_str());
    let created = aws.call(
        aws.cfn
            .create_change_set()
            .stack_name(name)
            .change_set_name(&change_set_name)
            .change_set_type(kind.clone())
            .template_body(&body)
            .set_parameters(Some(parameters))
            .capabilities(Capability::CapabilityIam)
            .capabilities(Capability::CapabilityNamedIam)
            .send(),
    );
    let created = match created {
        Ok(created) => created,
        // Some CloudFormation implementations refuse a change set without changes outright.
        Err(e) if NO_CHANGES.iter().any(|r| e.contains(r)) => return no_changes(name),
        Err(e) => return failed(&format!("cannot create a change set: {e}")),
    };
    let change_set_id = created.id().unwrap_or(&change_set_name).to_owned();
    let stack_id = created.stack_id().unwrap_or(name).to_owned();
    let changes = match described_changes(&aws, &change_set_id, args.timeout) {
        Ok(Some(changes)) => changes,
        Ok(None) => return discard_empty(&aws, &change_set_id, name),
        Err(e) => return failed(&e),
    };
    let nothing_listed = changes.is_empty();
    let changes = if old.is_null() {
        changes
    } else {
        change_set::complete(changes, &old, &new)
    };
    // Some CloudFormation implementations create an executable change set without changes.
    let same_values = same_parameters(&template, &old_values, &new_values);
    let same_template = !old.is_null() && crate::diff::diff_templates(&old, &new).is_empty();
    if kind == ChangeSetType::Update && nothing_listed && same_values && same_template {
        return discard_empty(&aws, &change_set_id, name);
    }
    print!("{}", change_set::render(&changes));
    if args.no_execute {
        println!("change set {change_set_name} left for review (not executed)");
        return EXIT_DONE;
    }
    if !args.yes && std::io::stdin().is_terminal() && !super::confirm("Execute? [y/N] ") {
        let _ = aws.call(
            aws.cfn
                .delete_change_set()
                .change_set_name(&change_set_id)
                .send(),
        );
        eprintln!("not executed; change set deleted");
        return EXIT_FAILED;
    }
    let mut source = AwsSource::new(&aws, &stack_id);
    let executed = aws.call(
        aws.cfn
            .execute_change_set()
            .change_set_name(&change_set_id)
            .send(),
    );
    if let Err(e) = executed {
        if kind == ChangeSetType::Create {
            return roll_back_creation(&aws, &stack_id, &e);
        }
        return failed(&format!("executing the change set failed: {e}"));
    }
    let options = WatchOptions {
        operation: match kind {
            ChangeSetType::Create => Operation::Create,
            _ => Operation::Update,
        },
        total_resources: match kind {
            ChangeSetType::Create => resource_count(&template),
            _ => changes.len(),
        },
        max_failed_tasks: args.max_failed_tasks,
        timeout: Some(args.timeout.saturating_sub(start.elapsed())),
        poll_interval: POLL_INTERVAL,
    };
    let outcome = watch(&mut source, &options, &mut std::io::stdout());
    let code = super::report_outcome(&outcome);
    if code == EXIT_DONE
        && let Ok(Some(deployed)) = stack_state::describe(&aws, name)
    {
        super::print_outputs(&deployed.outputs, crate::command::DiffFormat::Text);
    }
    code
}

/// The template as JSON and the parameter values, after every offline check; else the exit
/// code, after printing the errors (usage for an unreadable parameter file, failed for findings).
fn validated(stack: &Stack, args: &Args) -> Result<(Json, ParameterValues), u8> {
    let (template, mut findings) = crate::command::check(stack);
    let Some(template) = template else {
        eprintln!("{findings}");
        return Err(EXIT_FAILED);
    };
    let values = crate::command::parameter_values(args.parameters.as_deref(), &args.overrides)
        .map_err(|e| usage(&e))?;
    findings.extend(parameters_file::check_values(&template, &values));
    if !findings.is_empty() {
        eprintln!("{findings}");
    }
    if findings.has_errors() {
        eprintln!("error: not deploying a template with errors");
        return Err(EXIT_FAILED);
    }
    match crate::command::synth_json(stack) {
        Ok(json) => Ok((json, values)),
        Err(e) => {
            eprintln!("{e}");
            Err(EXIT_FAILED)
        }
    }
}

/// Deletes a change set that changes nothing, and says so.
fn discard_empty(aws: &Aws, change_set_id: &str, name: &str) -> u8 {
    // Best effort: a change set left behind changes nothing, and the answer is the same.
    let _ = aws.call(
        aws.cfn
            .delete_change_set()
            .change_set_name(change_set_id)
            .send(),
    );
    no_changes(name)
}

fn no_changes(name: &str) -> u8 {
    println!("no changes: stack {name} is already as this program describes it");
    EXIT_NO_CHANGES
}

fn change_set_type(name: &str, deployed: Option<&Deployed>) -> Result<ChangeSetType, String> {
    let Some(d) = deployed else {
        return Ok(ChangeSetType::Create);
    };
    match d.status.as_str() {
        "REVIEW_IN_PROGRESS" => Ok(ChangeSetType::Create),
        "ROLLBACK_COMPLETE" | "ROLLBACK_FAILED" => Err(format!(
            "stack {name} is {} after a failed creation and cannot be updated; run `destroy \
             --stack-name {name}` first",
            d.status
        )),
        s if s.ends_with("_IN_PROGRESS") => Err(format!(
            "stack {name} is busy ({s}); wait for it to finish, then deploy again"
        )),
        _ => Ok(ChangeSetType::Update),
    }
}

/// The change set's parameters: the values given for the parameters the template declares; on
/// an update, the deployed value (`UsePreviousValue`) for a parameter the file leaves out or
/// marks `UsePreviousValue`. A new stack has no previous values to keep.
fn change_set_parameters(
    template: &Json,
    values: &ParameterValues,
    deployed: &BTreeMap<String, String>,
    kind: &ChangeSetType,
) -> Result<Vec<Parameter>, String> {
    let mut parameters = Vec::new();
    for name in declared(template) {
        let builder = Parameter::builder().parameter_key(name);
        if let Some(v) = values.given.get(name) {
            parameters.push(builder.parameter_value(v).build());
        } else if *kind != ChangeSetType::Update {
            if values.use_previous.contains(name) {
                return Err(format!(
                    "parameter `{name}` is marked UsePreviousValue, but the stack does not exist \
                     yet: give it a ParameterValue"
                ));
            }
        } else if values.use_previous.contains(name) || deployed.contains_key(name) {
            parameters.push(builder.use_previous_value(true).build());
        }
    }
    Ok(parameters)
}

/// The values the deployment will use: the given ones, else the deployed ones, else defaults.
fn effective_values(
    template: &Json,
    values: &ParameterValues,
    deployed: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for name in declared(template) {
        let default = template["Parameters"][name]["Default"]
            .as_str()
            .map(str::to_owned);
        let value = values
            .given
            .get(name)
            .or(deployed.get(name))
            .cloned()
            .or(default);
        if let Some(value) = value {
            out.insert(name.to_owned(), value);
        }
    }
    out
}

/// Whether every declared parameter has the same value (list items compared as lists).
fn same_parameters(
    template: &Json,
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> bool {
    declared(template).into_iter().all(|name| {
        let declaration = &template["Parameters"][name];
        let value = |m: &BTreeMap<String, String>| {
            m.get(name)
                .map(|v| crate::diff::parameter_value(declaration, v))
        };
        value(old) == value(new)
    })
}

fn declared(template: &Json) -> Vec<&str> {
    template
        .get("Parameters")
        .and_then(Json::as_object)
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

fn resource_count(template: &Json) -> usize {
    template
        .get("Resources")
        .and_then(Json::as_object)
        .map_or(0, serde_json::Map::len)
}

/// Waits for the change set, then lists its changes; `None` when it has none to execute.
fn described_changes(
    aws: &Aws,
    id: &str,
    timeout: Duration,
) -> Result<Option<Vec<ResourceChange>>, String> {
    let deadline = Instant::now() + timeout;
    let mut changes = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let out = aws.call(
            aws.cfn
                .describe_change_set()
                .change_set_name(id)
                .set_next_token(token.clone())
                .send(),
        )?;
        match out.status() {
            Some(ChangeSetStatus::CreateComplete) => {}
            Some(ChangeSetStatus::Failed) => {
                let reason = out.status_reason().unwrap_or_default();
                if NO_CHANGES.iter().any(|r| reason.contains(r)) {
                    return Ok(None);
                }
                return Err(format!("the change set failed: {reason}"));
            }
            _ if Instant::now() >= deadline => {
                return Err("timed out waiting for the change set".into());
            }
            _ => {
                std::thread::sleep(Duration::from_secs(1));
                continue;
            }
        }
        changes.extend(
            out.changes()
                .iter()
                .filter_map(|c| c.resource_change())
                .map(|r| ResourceChange {
                    action: r
                        .action()
                        .map(|a| a.as_str().to_owned())
                        .unwrap_or_default(),
                    logical_id: r.logical_resource_id().unwrap_or_default().to_owned(),
                    resource_type: r.resource_type().unwrap_or_default().to_owned(),
                    replacement: r
                        .replacement()
                        .and_then(|x| replacement_from_cfn(x.as_str())),
                    details: r.details().iter().filter_map(detail_line).collect(),
                }),
        );
        token = out.next_token().map(str::to_owned);
        if token.is_none() {
            return Ok(Some(changes));
        }
    }
}

/// One of CloudFormation's change details: `Properties.Image [replacement] (via X)`.
fn detail_line(d: &aws_sdk_cloudformation::types::ResourceChangeDetail) -> Option<String> {
    let target = d.target()?;
    let what = target
        .path()
        .map(|p| p.trim_start_matches('/').replace('/', "."))
        .or_else(|| target.name().map(str::to_owned))
        .or_else(|| target.attribute().map(|a| a.as_str().to_owned()))?;
    let mark = match target.requires_recreation().map(|r| r.as_str()) {
        Some("Always") => " [replacement]",
        Some("Conditionally") => " [may replace]",
        Some("Never") => " [update in place]",
        _ => "",
    };
    let via = match d.causing_entity() {
        Some(entity) => format!(" (via {entity})"),
        None => String::new(),
    };
    Some(format!("{what}{mark}{via}"))
}

/// A creation CloudFormation refused while executing: the stack is deleted, as CloudFormation
/// rolls back a failed creation, so that the next `deploy` starts afresh.
fn roll_back_creation(aws: &Aws, stack_id: &str, error: &str) -> u8 {
    println!("CREATE_FAILED: {error}");
    match aws.call(aws.cfn.delete_stack().stack_name(stack_id).send()) {
        Ok(_) => println!("ROLLBACK_COMPLETE (the stack was deleted)"),
        Err(e) => eprintln!("warning: cannot delete the failed stack: {e}"),
    }
    failed(&format!("the creation failed and was rolled back: {error}"))
}

fn unix_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
