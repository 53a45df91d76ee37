//! Deploying the stack from its own program (feature `deploy`): `deploy`, `destroy`, `outputs`
//! and `diff --stack`, on the AWS SDK for Rust.
//!
//! ```text
//! stack-program deploy --stack-name NAME [--parameters FILE] [--param KEY=VALUE]…
//!                      [--no-execute] [--yes] [--timeout 30m] [--max-failed-tasks 3]
//! stack-program destroy --stack-name NAME [--yes]
//! stack-program outputs --stack-name NAME [--format text|json]
//! stack-program diff --stack NAME [--format text|json]
//! ```
//!
//! They read the standard AWS environment: `AWS_PROFILE`, `AWS_REGION` / `AWS_DEFAULT_REGION`,
//! credentials (environment, shared files, container and instance roles) and
//! `AWS_ENDPOINT_URL` (`AWS_ENDPOINT_URL_CLOUDFORMATION`, …).
//!
//! Exit codes of `deploy` and `destroy`: [`EXIT_DONE`] 0 done; [`EXIT_FAILED`] 1 failed, rolled
//! back, cancelled or timed out; [`EXIT_USAGE`] 2 usage error or unreadable input;
//! [`EXIT_NO_CHANGES`] 3 nothing to deploy.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::Subcommand;
use serde_json::Value as Json;

use crate::command::DiffFormat;
use crate::stack::Stack;

mod aws;
mod aws_source;
pub mod change_set;
mod deploy_command;
mod stack_state;
pub mod watch;

pub use watch::{
    EventSource, Operation, Outcome, ServiceRollout, Snapshot, StackEvent, TargetHealth,
    WatchOptions, watch,
};

/// Exit code: the operation completed.
pub const EXIT_DONE: u8 = 0;
/// Exit code: the operation failed, rolled back, was cancelled or timed out.
pub const EXIT_FAILED: u8 = 1;
/// Exit code: bad arguments, unreadable input, or no AWS configuration.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: the stack is already as the program describes it; nothing was executed.
pub const EXIT_NO_CHANGES: u8 = 3;

/// The deploy commands of the stack-program CLI.
#[derive(Subcommand)]
pub enum Command {
    /// Create or update the stack through a change set, then follow it to its end.
    Deploy {
        /// The CloudFormation stack.
        #[arg(long)]
        stack_name: String,
        /// A parameter file, JSON or YAML: `{"Parameters": {…}}` (as the book's `dev.json`), the
        /// CLI's `[{"ParameterKey": …, "ParameterValue": …}]` (with `"UsePreviousValue": true`),
        /// or `["K=V", …]`.
        #[arg(long)]
        parameters: Option<PathBuf>,
        /// A parameter value, `KEY=VALUE`, over those of the file.
        #[arg(long = "param", value_name = "KEY=VALUE")]
        overrides: Vec<String>,
        /// Create and print the change set, and leave it for review.
        #[arg(long)]
        no_execute: bool,
        /// Execute without asking (asked only when stdin is a terminal).
        #[arg(long)]
        yes: bool,
        /// Bound of the whole run (`90s`, `30m`, `2h`; a bare number is minutes); an update
        /// still running then is cancelled.
        #[arg(long, default_value = "60m", value_parser = parse_duration)]
        timeout: Duration,
        /// Failed tasks of one ECS service rollout after which the update is cancelled.
        #[arg(long, default_value_t = 3)]
        max_failed_tasks: i32,
    },
    /// Delete the stack and every resource it holds (asks first).
    Destroy {
        /// The CloudFormation stack.
        #[arg(long)]
        stack_name: String,
        /// Delete without asking; required when stdin is not a terminal.
        #[arg(long)]
        yes: bool,
    },
    /// Print the stack's outputs.
    Outputs {
        /// The CloudFormation stack.
        #[arg(long)]
        stack_name: String,
        /// `text`: `Key = value` lines; `json`: one object.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
}

/// Runs one deploy command on `stack`; returns the exit code.
pub fn run(stack: &Stack, command: Command) -> u8 {
    match command {
        Command::Deploy {
            stack_name,
            parameters,
            overrides,
            no_execute,
            yes,
            timeout,
            max_failed_tasks,
        } => deploy_command::run(
            stack,
            &deploy_command::Args {
                stack_name,
                parameters,
                overrides,
                no_execute,
                yes,
                timeout,
                max_failed_tasks,
            },
        ),
        Command::Destroy { stack_name, yes } => destroy(&stack_name, yes),
        Command::Outputs { stack_name, format } => outputs(&stack_name, format),
    }
}

/// `diff --stack NAME`: the stack's program against the deployed template, both with the
/// deployed parameter values in place of their references.
pub fn diff_stack_command(stack: &Stack, name: &str, format: DiffFormat) -> u8 {
    let new = match crate::command::synth_json(stack) {
        Ok(new) => new,
        Err(message) => {
            eprintln!("{message}");
            return EXIT_FAILED;
        }
    };
    let (aws, deployed) = match existing_stack(name) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let old = match stack_state::template(&aws, name) {
        Ok(old) => old,
        Err(e) => return failed(&format!("cannot read the template of {name}: {e}")),
    };
    let values = stack_state::known_parameters(&deployed);
    let old = crate::diff::resolve_parameters(&old, &values);
    let new = crate::diff::resolve_parameters(&new, &values);
    crate::command::print_changes(&crate::diff::diff_templates(&old, &new), format)
}

fn destroy(name: &str, yes: bool) -> u8 {
    let (aws, deployed) = match existing_stack(name) {
        Ok(found) => found,
        Err(code) => return code,
    };
    if !yes {
        if !std::io::stdin().is_terminal() {
            return usage(&format!(
                "refusing to delete stack {name} without confirmation: stdin is not a terminal; \
                 pass --yes"
            ));
        }
        let question = format!("Delete stack {name} and every resource it holds? [y/N] ");
        if !confirm(&question) {
            eprintln!("not deleted");
            return EXIT_FAILED;
        }
    }
    let mut source = aws_source::AwsSource::new(&aws, &deployed.id);
    if let Err(e) = aws.call(aws.cfn.delete_stack().stack_name(&deployed.id).send()) {
        return failed(&format!("cannot delete stack {name}: {e}"));
    }
    let options = WatchOptions {
        operation: Operation::Delete,
        total_resources: 0,
        max_failed_tasks: i32::MAX,
        timeout: Some(Duration::from_secs(3600)),
        poll_interval: POLL_INTERVAL,
    };
    report_outcome(&watch(&mut source, &options, &mut std::io::stdout()))
}

fn outputs(name: &str, format: DiffFormat) -> u8 {
    let (_, deployed) = match existing_stack(name) {
        Ok(found) => found,
        Err(code) => return code,
    };
    print_outputs(&deployed.outputs, format);
    EXIT_DONE
}

/// The AWS clients and the stack `name` as deployed; else the exit code, after saying why.
fn existing_stack(name: &str) -> Result<(aws::Aws, stack_state::Deployed), u8> {
    let aws = aws::Aws::from_env().map_err(|e| usage(&e))?;
    match stack_state::describe(&aws, name) {
        Ok(Some(deployed)) => Ok((aws, deployed)),
        Ok(None) => Err(usage(&format!("there is no stack named {name}"))),
        Err(e) => Err(failed(&format!("cannot describe stack {name}: {e}"))),
    }
}

fn print_outputs(
    outputs: &std::collections::BTreeMap<String, (String, String)>,
    format: DiffFormat,
) {
    match format {
        DiffFormat::Text => {
            for (key, (value, _)) in outputs {
                println!("{key} = {value}");
            }
        }
        DiffFormat::Json => {
            let map: serde_json::Map<String, Json> = outputs
                .iter()
                .map(|(k, (v, _))| (k.clone(), Json::String(v.clone())))
                .collect();
            println!("{}", serde_json::to_string_pretty(&map).unwrap_or_default());
        }
    }
}

/// Pause between two polls of a running operation.
const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// Prints how an operation ended; returns its exit code.
fn report_outcome(outcome: &Outcome) -> u8 {
    match outcome {
        Outcome::Done(status) => {
            println!("{status}");
            EXIT_DONE
        }
        Outcome::Failed { status, reason } => {
            println!("{status}");
            eprintln!("error: {reason}");
            EXIT_FAILED
        }
    }
}

/// Asks `question` on stderr; true for an answer starting with `y`.
fn confirm(question: &str) -> bool {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    answer.trim_start().to_ascii_lowercase().starts_with('y')
}

fn usage(message: &str) -> u8 {
    eprintln!("error: {message}");
    EXIT_USAGE
}

fn failed(message: &str) -> u8 {
    eprintln!("error: {message}");
    EXIT_FAILED
}

/// `90s`, `30m`, `2h`, or a bare number of minutes.
fn parse_duration(text: &str) -> Result<Duration, String> {
    let (number, unit) = match text.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&text[..i], c),
        _ => (text, 'm'),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration: write 90s, 30m or 2h"))?;
    let seconds = match unit {
        's' => n,
        'm' => n * 60,
        'h' => n * 3600,
        _ => return Err(format!("`{text}`: the unit is s, m or h")),
    };
    Ok(Duration::from_secs(seconds))
}
