//! `cargo run -p ecs-dsl-codegen [-- generate [--out DIR]]` regenerates `ecs-dsl/src/cfn` from
//! `codegen/spec/`; `… -- vendor --db db.json.gz --cfn-lint DIR` rebuilds `codegen/spec/`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use ecs_dsl_codegen::{
    default_out_dir, emit, generate, manifest_path, spec_dir, vendor, write_features,
};

const USAGE: &str = "usage: ecs-dsl-codegen [generate [--out DIR]] | vendor --db PATH/db.json.gz --cfn-lint PATH/cfnlint";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<()> {
    match args.first().map(String::as_str) {
        None | Some("generate") => {
            let out = flag(&args, "--out")?.map_or_else(default_out_dir, PathBuf::from);
            let generated = generate()?;
            emit::write_tree(&out, &generated.files)?;
            write_features(&manifest_path(), &generated.features)?;
            eprintln!(
                "wrote {} files to {} and the service features of {}",
                generated.files.len(),
                out.display(),
                manifest_path().display()
            );
            Ok(())
        }
        Some("vendor") => {
            let Some(db) = flag(&args, "--db")? else {
                bail!("`vendor` needs `--db`\n{USAGE}")
            };
            let Some(lint) = flag(&args, "--cfn-lint")? else {
                bail!("`vendor` needs `--cfn-lint`\n{USAGE}")
            };
            vendor::vendor(db.as_ref(), lint.as_ref(), &spec_dir())?;
            eprintln!("wrote {}", spec_dir().display());
            Ok(())
        }
        Some(other) => bail!("unknown command `{other}`\n{USAGE}"),
    }
}

/// The value after `name`, if the flag is present.
fn flag(args: &[String], name: &str) -> Result<Option<String>> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => match args.get(i + 1) {
            Some(v) => Ok(Some(v.clone())),
            None => bail!("`{name}` needs a value\n{USAGE}"),
        },
    }
}
