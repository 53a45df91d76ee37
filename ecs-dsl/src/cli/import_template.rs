//! `ecs-dsl import-template FILE`: prints the Rust program of a CloudFormation template, JSON or
//! YAML with short tags (see [`crate::import_template`]); notes go to stderr.

use std::path::Path;

use crate::command::output::{Stdout, eprintln};
use crate::command::read::read_document;
use crate::command::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};

/// Runs the command; the exit code is 1 when the template cannot be imported, 2 when the file
/// cannot be read.
pub fn import_template_command(file: &Path) -> u8 {
    let json = match read_document(file) {
        Ok((json, _)) => json,
        Err(e) => {
            eprintln(&format!("{}: {e}", file.display()));
            return EXIT_USAGE;
        }
    };
    match crate::import_template::import(&json) {
        Ok(imported) => {
            let mut out = Stdout::default();
            out.print(&imported.program);
            for n in &imported.notes {
                eprintln(&format!("note: {n}"));
            }
            out.finish(EXIT_OK)
        }
        Err(errors) => {
            for e in &errors {
                eprintln(&format!("error: {e}"));
            }
            EXIT_FINDINGS
        }
    }
}
