//! `ecs-dsl import-compose`: compose files to a Rust stack program of the whole app (an eject)
//! on stdout, the findings on stderr.
//!
//! ```text
//! ecs-dsl import-compose -f docker-compose.yml [-f override.yml] [--env-file FILE]
//!     [--profile NAME] [--service NAME…] [--task NAME…] [--ec2] [--dynamic-host-ports]
//!     [--secret NAME=ARN] [--secrets-as-env] [--https]
//! ```
//!
//! Exit codes: 0 imported; 1 the files have errors, or nothing in them can be imported; 2 bad
//! arguments or a file that cannot be read.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;

use crate::command::output::{Stdout, eprintln};
use crate::command::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::compose::eject::import_compose_files;
use crate::compose::{ComposeError, ImportOptions, Launch, LoadOptions};

/// The arguments of `import-compose`.
#[derive(Args, Debug)]
pub struct ImportComposeArgs {
    /// The compose file (the `-f` form is the same; give it again for override files, merged in
    /// order).
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// A compose file; several are merged in order, as `docker compose -f a -f b` does.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    files: Vec<PathBuf>,
    /// An env file for interpolation instead of `.env` next to the first file (repeatable).
    #[arg(long = "env-file", value_name = "FILE")]
    env_files: Vec<PathBuf>,
    /// Activates a profile: services with `profiles:` are imported only when one is active.
    #[arg(long = "profile", value_name = "NAME")]
    profiles: Vec<String>,
    /// A service to import; several go into one task definition. Default: every service
    /// with an image, each in a task definition of its own.
    #[arg(long = "service", value_name = "NAME")]
    services: Vec<String>,
    /// Run the app on the instances of an EC2 cluster instead of Fargate (keeps host paths,
    /// privileged containers, `network_mode`, …).
    #[arg(long)]
    ec2: bool,
    /// With `--ec2`: map every port to a dynamic host port (host port 0), as a load balancer
    /// wants.
    #[arg(long)]
    dynamic_host_ports: bool,
    /// A service that is a task to run once (a migration), not an ECS service (repeatable).
    #[arg(long = "task", value_name = "NAME")]
    tasks: Vec<String>,
    /// Give secrets as environment variables named by their target, instead of files under
    /// `/run/secrets/`.
    #[arg(long)]
    secrets_as_env: bool,
    /// Serve HTTP ports over HTTPS, with the ACM certificate given as the stack parameter
    /// `CertificateArn` (published port 80 becomes 443, and 80 redirects to it).
    #[arg(long)]
    https: bool,
    /// Where a compose secret comes from, as `NAME=ARN`.
    #[arg(long = "secret", value_name = "NAME=ARN")]
    secrets: Vec<String>,
}

/// Runs `import-compose`; returns the exit code.
pub fn run(args: ImportComposeArgs) -> u8 {
    let launch = if args.ec2 {
        Launch::Ec2
    } else {
        Launch::Fargate
    };
    let mut options = ImportOptions::new()
        .launch(launch)
        .dynamic_host_ports(args.dynamic_host_ports)
        .secrets_as_env(args.secrets_as_env)
        .https(args.https);
    for name in &args.tasks {
        options = options.run_once(name);
    }
    for entry in &args.secrets {
        let Some((name, arn)) = entry.split_once('=') else {
            eprintln(&format!("error: `--secret {entry}` is not `NAME=ARN`"));
            return EXIT_USAGE;
        };
        options = options.secret(name, arn);
    }
    let files: Vec<PathBuf> = args.file.into_iter().chain(args.files).collect();
    if files.is_empty() {
        eprintln!(
            "error: no compose file given\n  help: `ecs-dsl import-compose -f docker-compose.yml`"
        );
        return EXIT_USAGE;
    }
    let vars: BTreeMap<String, String> = std::env::vars().collect();
    let load = LoadOptions {
        vars,
        env_files: args.env_files,
        profiles: args.profiles,
    };
    match import_compose_files(&files, &args.services, &load, &options) {
        Ok((source, findings)) => {
            if !findings.is_empty() {
                eprintln(&findings.to_string());
            }
            let mut out = Stdout::default();
            out.print(&source);
            out.finish(EXIT_OK)
        }
        Err(e @ ComposeError::Io { .. }) => {
            eprintln(&format!("error: {e}"));
            EXIT_USAGE
        }
        Err(e) => {
            eprintln(&format!("error: {e}"));
            EXIT_FINDINGS
        }
    }
}
