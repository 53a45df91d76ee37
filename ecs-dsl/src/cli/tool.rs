//! `ecs-dsl`, the standalone tool: checks and compares template files written by any means, and
//! turns docker-compose services into a Rust stack program.
//!
//! ```text
//! ecs-dsl validate TEMPLATE…                 every offline check, on JSON or YAML files
//! ecs-dsl diff OLD NEW                        what would change, with replacements marked
//! ecs-dsl new NAME [--fargate|--ec2]         a new stack crate: Cargo.toml, stack, tests
//! ecs-dsl import-compose -f FILE… [--service NAME…]   a Rust program of compose services
//! ecs-dsl import-template TEMPLATE            a Rust program of a template (feature `import-template`)
//! ```
//!
//! Exit codes as for stack programs: 0 ok; 1 findings or differences; 2 usage error, unreadable
//! input or a failed write.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::command::output::eprintln;
use crate::command::{DiffFormat, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, print_changes, read};

#[derive(Parser)]
#[command(
    name = "ecs-dsl",
    about = "Check, compare and generate ECS stacks offline",
    version
)]
struct Tool {
    #[command(subcommand)]
    command: ToolCommand,
}

#[derive(Subcommand)]
enum ToolCommand {
    /// Run every offline check on CloudFormation templates (JSON or YAML).
    Validate {
        /// The templates.
        #[arg(required = true)]
        templates: Vec<PathBuf>,
    },
    /// Compare two templates: added, removed and changed resources and properties.
    Diff {
        /// The deployed (or older) template.
        old: PathBuf,
        /// The new template.
        new: PathBuf,
    },
    /// Write a new stack crate: Cargo.toml, the stack, its tests, a parameter file.
    New(super::new::NewArgs),
    /// Print a Rust stack program of a CloudFormation template (JSON or YAML) on the generated
    /// types.
    #[cfg(feature = "import-template")]
    ImportTemplate {
        /// The template.
        file: PathBuf,
    },
    /// Print a Rust stack program with the containers of docker-compose services (an eject).
    #[cfg(feature = "compose")]
    ImportCompose(super::import_compose::ImportComposeArgs),
}

/// Parses the process arguments and runs the tool.
pub fn main() -> ExitCode {
    let tool = Tool::try_parse().unwrap_or_else(|e| e.exit());
    let code = match tool.command {
        ToolCommand::Validate { templates } => validate_files(&templates),
        ToolCommand::Diff { old, new } => diff_files(&old, &new),
        ToolCommand::New(args) => super::new::run(args),
        #[cfg(feature = "import-template")]
        ToolCommand::ImportTemplate { file } => {
            super::import_template::import_template_command(&file)
        }
        #[cfg(feature = "compose")]
        ToolCommand::ImportCompose(args) => super::import_compose::run(args),
    };
    ExitCode::from(code)
}

fn validate_files(paths: &[PathBuf]) -> u8 {
    let mut worst = EXIT_OK;
    for path in paths {
        let file = match read::read_template(path) {
            Ok(file) => file,
            Err(e) => {
                eprintln(&format!("{}: {e}", path.display()));
                worst = EXIT_USAGE;
                continue;
            }
        };
        let mut findings = crate::validate::check_structure(&file.template);
        findings.extend(crate::validate::check_size(file.bytes));
        findings.extend(crate::validate::validate(&file.template));
        let findings = findings.sorted();
        eprintln(&format!("{}:\n{findings}", path.display()));
        if findings.has_errors() && worst == EXIT_OK {
            worst = EXIT_FINDINGS;
        }
    }
    worst
}

fn diff_files(old: &Path, new: &Path) -> u8 {
    let read = |path: &Path| {
        read::read_template(path).map_err(|e| eprintln(&format!("error: {}: {e}", path.display())))
    };
    match (read(old), read(new)) {
        (Ok(old), Ok(new)) => print_changes(
            &crate::diff::diff_templates(&old.json, &new.json),
            DiffFormat::Text,
        ),
        _ => EXIT_USAGE,
    }
}
