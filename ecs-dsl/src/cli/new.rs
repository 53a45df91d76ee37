//! `ecs-dsl new NAME [--fargate|--ec2]`: writes a stack crate of the user's own.

use std::path::PathBuf;

use clap::Args;

use crate::command::output::{Stdout, eprintln};
use crate::command::{EXIT_OK, EXIT_USAGE};
use crate::scaffold::{Launch, Source, write_crate};

/// The arguments of `ecs-dsl new`.
#[derive(Args)]
pub struct NewArgs {
    /// The crate's name; also its directory unless `--dir` is given.
    name: String,
    /// Run on AWS Fargate (the default).
    #[arg(long, conflicts_with = "ec2")]
    fargate: bool,
    /// Run on an ECS cluster of EC2 instances.
    #[arg(long)]
    ec2: bool,
    /// Where to write the crate (default: ./NAME).
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Depend on ecs-dsl at this checkout (the directory of ecs-dsl's Cargo.toml). Default: the
    /// ecs-dsl this tool was built from.
    #[arg(long, conflicts_with = "git")]
    path: Option<PathBuf>,
    /// Depend on ecs-dsl from this git repository instead.
    #[arg(long)]
    git: Option<String>,
    /// With `--git`: the branch, tag or commit.
    #[arg(long, requires = "git")]
    rev: Option<String>,
}

/// Runs `ecs-dsl new`.
pub fn run(args: NewArgs) -> u8 {
    let launch = if args.ec2 {
        Launch::Ec2
    } else {
        Launch::Fargate
    };
    let source = match (args.path, args.git) {
        (Some(path), _) => Source::Path(std::path::absolute(&path).unwrap_or(path)),
        (None, Some(url)) => Source::Git { url, rev: args.rev },
        (None, None) => Source::this_checkout(),
    };
    let dir = args.dir.unwrap_or_else(|| PathBuf::from(&args.name));
    match write_crate(&dir, &args.name, launch, &source) {
        Ok(files) => {
            let mut out = Stdout::default();
            for file in files {
                out.println(&format!("created {}", file.display()));
            }
            out.println(&format!(
                "\nnext: cd {} && cargo test && cargo run",
                dir.display()
            ));
            out.finish(EXIT_OK)
        }
        Err(why) => {
            eprintln(&format!("error: {why}"));
            EXIT_USAGE
        }
    }
}
