//! The command line every stack program gets from one call: [`run`].
//!
//! ```text
//! stack-program                      print the template as JSON
//! stack-program synth [-o PATH] [--format json|yaml] [--allow-errors]
//! stack-program validate [--params FILE]   every offline check, rustc-style
//! stack-program parameters-schema    the JSON Schema of a parameter file
//! stack-program diff OLD_TEMPLATE [--format text|json]   what would change, replacements marked
//! stack-program list                 logical IDs and types
//! ```
//!
//! Exit codes: 0 ok; 1 findings (errors) or differences; 2 usage error, unreadable input or a
//! failed write. A closed pipe (`… | head`) ends the output quietly and keeps the command's code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub mod app;
#[cfg(feature = "compose")]
pub mod import_compose;
#[cfg(feature = "import-template")]
mod import_template;
mod new;
pub mod tool;

use crate::command::output::{Stdout, eprintln, write_file_atomically};
pub use crate::command::{DiffFormat, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, check};
use crate::command::{parameter_values, print_changes, read, synth_json};
use crate::diagnostics::Diagnostics;
use crate::stack::Stack;
use crate::synth::{self, Format};
use crate::template::parameters_file;

#[derive(Parser)]
#[command(
    about = "Synthesize, check and compare this stack's CloudFormation template",
    version
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Write the template (stdout unless -o); refuses when the checks find errors.
    Synth {
        /// A file, or a directory to write `template.json` / `template.yaml` into.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The output format.
        #[arg(long, value_enum, default_value_t = FormatArg::Json)]
        format: FormatArg,
        /// Write the template even when the checks find errors.
        #[arg(long)]
        allow_errors: bool,
    },
    /// Run every offline check and print the findings.
    Validate {
        /// Also check a parameter file against the template: `{"Parameters": {…}}` (as
        /// `dev.json`), the CLI's `[{"ParameterKey": …, "ParameterValue": …}]`, or `["K=V", …]`.
        #[arg(long)]
        params: Option<PathBuf>,
        /// A parameter value, `KEY=VALUE`, over those of the file.
        #[arg(long = "param", value_name = "KEY=VALUE")]
        overrides: Vec<String>,
    },
    /// Print the JSON Schema of this stack's parameter files.
    ParametersSchema,
    /// Compare with a deployed (or older) template: added, removed and changed resources.
    Diff(DiffArgs),
    /// List the resources: logical ID and type.
    List,
    #[cfg(feature = "deploy")]
    #[command(flatten)]
    Deploy(crate::deploy::Command),
}

/// The arguments of `diff`.
#[derive(clap::Args)]
pub(crate) struct DiffArgs {
    /// The old template, JSON or YAML.
    #[cfg_attr(feature = "deploy", arg(required_unless_present = "stack"))]
    #[cfg_attr(not(feature = "deploy"), arg(required = true))]
    pub(crate) old_template: Option<PathBuf>,
    /// Compare with the template and parameters deployed as this stack instead.
    #[cfg(feature = "deploy")]
    #[arg(long, conflicts_with = "old_template")]
    pub(crate) stack: Option<String>,
    /// `text`: one line per change; `json`: `{"changes": [...], "replacedResources": [...]}`.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub(crate) format: DiffFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Json,
    Yaml,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Json => Format::Json,
            FormatArg::Yaml => Format::Yaml,
        }
    }
}

/// Parses the process arguments and runs the command on `stack`.
pub fn run(stack: &Stack) -> ExitCode {
    let cli = Cli::try_parse().unwrap_or_else(|e| e.exit());
    let code = match cli.command {
        None => synth_command(stack, None, Format::Json, false),
        Some(Command::Synth {
            output,
            format,
            allow_errors,
        }) => synth_command(stack, output.as_deref(), format.into(), allow_errors),
        Some(Command::Validate { params, overrides }) => {
            validate_command(stack, params.as_deref(), &overrides)
        }
        Some(Command::ParametersSchema) => parameters_schema_command(stack),
        Some(Command::Diff(args)) => diff_command(stack, &args),
        Some(Command::List) => list_command(stack),
        #[cfg(feature = "deploy")]
        Some(Command::Deploy(command)) => crate::deploy::run(stack, command),
    };
    ExitCode::from(code)
}

fn report(findings: &Diagnostics) {
    if !findings.is_empty() {
        eprintln(&findings.to_string());
    }
}

fn synth_command(stack: &Stack, output: Option<&Path>, format: Format, allow_errors: bool) -> u8 {
    let (template, findings) = check(stack);
    report(&findings);
    let Some(template) = template else {
        return EXIT_FINDINGS;
    };
    if findings.has_errors() && !allow_errors {
        eprintln("refusing to write a template with errors; fix them, or pass --allow-errors");
        return EXIT_FINDINGS;
    }
    let text = match synth::render(&template, format) {
        Ok(text) => text,
        Err(e) => {
            eprintln(&e.to_string());
            return EXIT_FINDINGS;
        }
    };
    write_output(output, format, &text)
}

fn write_output(output: Option<&Path>, format: Format, text: &str) -> u8 {
    let Some(path) = output else {
        let mut out = Stdout::default();
        out.print(text);
        return out.finish(EXIT_OK);
    };
    let path = if path.is_dir() {
        path.join(match format {
            Format::Json => "template.json",
            Format::Yaml => "template.yaml",
        })
    } else {
        path.to_path_buf()
    };
    match write_file_atomically(&path, text.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln(&format!(
                "error: cannot write {}: {e}; the file is unchanged",
                path.display()
            ));
            EXIT_USAGE
        }
    }
}

fn validate_command(stack: &Stack, params: Option<&Path>, overrides: &[String]) -> u8 {
    let (template, mut findings) = check(stack);
    if let Some(template) = &template
        && (params.is_some() || !overrides.is_empty())
    {
        match parameter_values(params, overrides) {
            Ok(values) => findings.extend(parameters_file::check_values(template, &values)),
            Err(e) => {
                eprintln(&format!("error: {e}"));
                return EXIT_USAGE;
            }
        }
    }
    eprintln(&findings.to_string());
    if findings.has_errors() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn parameters_schema_command(stack: &Stack) -> u8 {
    match stack.to_template() {
        Ok(template) => {
            let schema = parameters_file::json_schema(&template);
            let mut out = Stdout::default();
            out.println(&serde_json::to_string_pretty(&schema).unwrap_or_default());
            out.finish(EXIT_OK)
        }
        Err(e) => {
            eprintln(&e.to_string());
            EXIT_FINDINGS
        }
    }
}

fn diff_command(stack: &Stack, args: &DiffArgs) -> u8 {
    #[cfg(feature = "deploy")]
    if let Some(name) = &args.stack {
        return crate::deploy::diff_stack_command(stack, name, args.format);
    }
    let Some(old_path) = &args.old_template else {
        eprintln("error: diff needs the old template (a JSON or YAML file)");
        return EXIT_USAGE;
    };
    let old = match read::read_template(old_path) {
        Ok(file) => file.json,
        Err(e) => {
            eprintln(&format!("error: {}: {e}", old_path.display()));
            return EXIT_USAGE;
        }
    };
    let new = match synth_json(stack) {
        Ok(new) => new,
        Err(message) => {
            eprintln(&message);
            return EXIT_FINDINGS;
        }
    };
    print_changes(&crate::diff::diff_templates(&old, &new), args.format)
}

fn list_command(stack: &Stack) -> u8 {
    let rows = stack.list();
    let width = rows.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
    let mut out = Stdout::default();
    for (id, type_name) in rows {
        out.println(&format!("{id:width$}  {type_name}"));
    }
    out.finish(EXIT_OK)
}
