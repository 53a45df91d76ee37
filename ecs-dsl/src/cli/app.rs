//! The command line of a program that builds an [`App`] of several stacks: [`run`].
//!
//! ```text
//! app-program                         the stacks in deploy order and their references
//! app-program synth -o DIR [--format json|yaml] [--previous MANIFEST]
//!                                     one template per stack and manifest.json into DIR
//! app-program validate [--previous MANIFEST]   every offline check of every stack
//! app-program list                    the stacks in deploy order and their references
//! ```
//!
//! `synth` compares with the manifest already in DIR (or `--previous`): an export that the
//! stacks as deployed still import cannot be removed or changed. Nothing is written unless every
//! stack synthesizes. Exit codes: 0 ok; 1 findings; 2 usage error or unreadable input.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use super::FormatArg;
use crate::app::{App, AppTemplates, Manifest};
use crate::command::output::{Stdout, eprintln, write_file_atomically};
use crate::command::read::read_document;
use crate::command::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::diagnostics::Diagnostics;
use crate::synth::{self, Format};

/// The file `synth` writes beside the templates.
pub const MANIFEST_FILE: &str = "manifest.json";

#[derive(Parser)]
#[command(
    about = "Synthesize and check the CloudFormation templates of this app's stacks",
    disable_version_flag = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Write one template per stack and the manifest into a directory; refuses on errors.
    Synth {
        /// The directory (created if missing).
        #[arg(short, long)]
        output: PathBuf,
        /// The templates' format.
        #[arg(long, value_enum, default_value_t = FormatArg::Json)]
        format: FormatArg,
        /// The manifest of the deployed stacks (default: the manifest already in the directory).
        #[arg(long)]
        previous: Option<PathBuf>,
    },
    /// Run every offline check on every stack and print the findings.
    Validate {
        /// The manifest of the deployed stacks, to check the exports they import.
        #[arg(long)]
        previous: Option<PathBuf>,
    },
    /// List the stacks in deploy order and the values they share.
    List,
}

/// Parses the process arguments and runs the command on `app`.
pub fn run(app: &App) -> ExitCode {
    let cli = Cli::try_parse().unwrap_or_else(|e| e.exit());
    let code = match cli.command {
        None | Some(Command::List) => list_command(app),
        Some(Command::Synth {
            output,
            format,
            previous,
        }) => {
            let previous = previous.or_else(|| {
                let existing = output.join(MANIFEST_FILE);
                existing.exists().then_some(existing)
            });
            synth_command(app, &output, format.into(), previous.as_deref())
        }
        Some(Command::Validate { previous }) => validate_command(app, previous.as_deref()),
    };
    ExitCode::from(code)
}

/// Synthesizes the app, after `previous` when given; prints the errors on failure.
fn synthesize(app: &App, previous: Option<&Path>) -> Result<AppTemplates, u8> {
    let previous = match previous.map(read_manifest).transpose() {
        Ok(previous) => previous,
        Err(e) => {
            eprintln(&format!("error: {e}"));
            return Err(EXIT_USAGE);
        }
    };
    let result = match &previous {
        Some(previous) => app.synth_after(previous),
        None => app.synth(),
    };
    result.map_err(|e| {
        eprintln(&e.to_string());
        EXIT_FINDINGS
    })
}

/// The findings of every check on every stack (the rules, the stack's own rules), each path
/// prefixed with its stack's name.
fn findings(app: &App, synthesized: &AppTemplates) -> Diagnostics {
    let mut findings = Diagnostics::new();
    for (name, stack) in app.stacks() {
        let Some((_, template)) = synthesized.stacks.iter().find(|(n, _)| n == name) else {
            continue;
        };
        for mut d in stack.findings(template) {
            d.path = format!("{name}/{}", d.path);
            findings.push(d);
        }
    }
    findings.sorted()
}

fn read_manifest(path: &Path) -> Result<Manifest, String> {
    read_document(path)
        .and_then(|(json, _)| Manifest::from_json(&json))
        .map_err(|e| format!("cannot read the manifest {}: {e}", path.display()))
}

fn synth_command(app: &App, dir: &Path, format: Format, previous: Option<&Path>) -> u8 {
    let synthesized = match synthesize(app, previous) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let findings = findings(app, &synthesized);
    if !findings.is_empty() {
        eprintln(&findings.to_string());
    }
    if findings.has_errors() {
        eprintln("refusing to write templates with errors; fix them first");
        return EXIT_FINDINGS;
    }
    let extension = match format {
        Format::Json => "json",
        Format::Yaml => "yaml",
    };
    let mut files = Vec::new();
    for (name, template) in &synthesized.stacks {
        match synth::render(template, format) {
            Ok(text) => files.push((format!("{name}.{extension}"), text)),
            Err(e) => {
                eprintln(&format!("stack `{name}`: {e}"));
                return EXIT_FINDINGS;
            }
        }
    }
    let manifest = synthesized.manifest.to_json(extension);
    let manifest = serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n";
    files.push((MANIFEST_FILE.to_owned(), manifest));
    match write_all(dir, &files) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln(&format!("error: {e}"));
            EXIT_USAGE
        }
    }
}

/// Writes every file atomically, the manifest last, so a reader never sees a half-written file
/// and the manifest never names templates older than itself.
fn write_all(dir: &Path, files: &[(String, String)]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, text) in files {
        let path = dir.join(name);
        write_file_atomically(&path, text.as_bytes()).map_err(|e| {
            format!(
                "cannot write {}: {e}; the file is unchanged",
                path.display()
            )
        })?;
    }
    Ok(())
}

fn validate_command(app: &App, previous: Option<&Path>) -> u8 {
    let synthesized = match synthesize(app, previous) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let findings = findings(app, &synthesized);
    eprintln(&findings.to_string());
    if findings.has_errors() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn list_command(app: &App) -> u8 {
    let synthesized = match synthesize(app, None) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let manifest = &synthesized.manifest;
    let mut out = Stdout::default();
    let width = manifest
        .stacks
        .iter()
        .map(|s| s.name.len())
        .max()
        .unwrap_or(0);
    for (stack, (_, template)) in manifest.stacks.iter().zip(&synthesized.stacks) {
        let after = if stack.after.is_empty() {
            String::new()
        } else {
            format!("  after {}", stack.after.join(", "))
        };
        let count = template.resources.len();
        out.println(&format!("{:width$}  {count} resources{after}", stack.name));
    }
    for r in &manifest.references {
        let name = r
            .share
            .name()
            .map(|n| format!(" `{n}`"))
            .unwrap_or_default();
        let users: Vec<&str> = r.used_by.iter().map(|u| u.stack.as_str()).collect();
        let users = if users.is_empty() {
            "(unused)".to_owned()
        } else {
            users.join(", ")
        };
        let kind = r.share.kind();
        out.println(&format!("{kind}{name}: {} {} -> {users}", r.stack, r.value));
    }
    out.finish(EXIT_OK)
}
