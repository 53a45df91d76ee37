//! `ecs-dsl`, the standalone tool: checks and compares template files written by any means, and
//! turns docker-compose services into a Rust stack program.
//!
//! ```text
//! ecs-dsl validate TEMPLATE.json…            the offline checks of `validate`, on files
//! ecs-dsl diff OLD.json NEW.json             what would change, with replacements marked
//! ecs-dsl import-compose FILE [--service NAME…]   a Rust program of compose services (feature `compose`)
//! ```
//!
//! Exit codes as for stack programs: 0 ok; 1 findings or differences; 2 usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, read_json};

#[derive(Parser)]
#[command(
    name = "ecs-dsl",
    about = "Check, compare and generate ECS stacks offline",
    disable_version_flag = true
)]
struct Tool {
    #[command(subcommand)]
    command: ToolCommand,
}

#[derive(Subcommand)]
enum ToolCommand {
    /// Run the offline checks on CloudFormation templates (JSON).
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
    /// Print a Rust stack program with the containers of docker-compose services (an eject).
    #[cfg(feature = "compose")]
    ImportCompose {
        /// The compose file.
        file: PathBuf,
        /// A service to import; several go into one task definition. Default: every service
        /// with an image, each in a task definition of its own.
        #[arg(long = "service", value_name = "NAME")]
        services: Vec<String>,
        /// Map every port to a dynamic host port (host port 0), as a load balancer wants.
        #[arg(long)]
        dynamic_host_ports: bool,
        /// Where a compose secret comes from, as `NAME=ARN`.
        #[arg(long = "secret", value_name = "NAME=ARN")]
        secrets: Vec<String>,
    },
}

/// Parses the process arguments and runs the tool.
pub fn main() -> ExitCode {
    let tool = Tool::try_parse().unwrap_or_else(|e| e.exit());
    let code = match tool.command {
        ToolCommand::Validate { templates } => validate_files(&templates),
        ToolCommand::Diff { old, new } => diff_files(&old, &new),
        #[cfg(feature = "compose")]
        ToolCommand::ImportCompose {
            file,
            services,
            dynamic_host_ports,
            secrets,
        } => crate::compose::eject::import_compose_command(
            &file,
            &services,
            dynamic_host_ports,
            &secrets,
        ),
    };
    ExitCode::from(code)
}

fn validate_files(paths: &[PathBuf]) -> u8 {
    let mut worst = EXIT_OK;
    for path in paths {
        let findings = match read_json(path)
            .map_err(|e| e.to_string())
            .and_then(|json| crate::validate::template_from_json(&json).map_err(|d| d.to_string()))
        {
            Ok(template) => crate::validate::validate(&template),
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                worst = EXIT_USAGE;
                continue;
            }
        };
        eprintln!("{}:\n{}", path.display(), findings);
        if findings.has_errors() && worst == EXIT_OK {
            worst = EXIT_FINDINGS;
        }
    }
    worst
}

fn diff_files(old: &Path, new: &Path) -> u8 {
    let (old, new) = match (read_json(old), read_json(new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("cannot read a template: {e}");
            return EXIT_USAGE;
        }
    };
    let changes = crate::diff::diff_templates(&old, &new);
    changes.iter().for_each(|c| println!("{c}"));
    if changes.is_empty() {
        println!("no changes");
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }
}
