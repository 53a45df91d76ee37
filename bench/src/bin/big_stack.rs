//! The benchmark's big stack: `BIG_STACK_RESOURCES` resources (a multiple of 25, default 500),
//! as independent ECS service sets. Takes the usual stack-program commands (`synth`,
//! `validate`, `list`, …); with none it prints the template as JSON.

use std::process::ExitCode;

fn main() -> ExitCode {
    let requested = std::env::var("BIG_STACK_RESOURCES").ok();
    match ecs_dsl_bench::sets_for(requested.as_deref()) {
        Ok(sets) => ecs_dsl::cli::run(&ecs_dsl_bench::big_stack(sets)),
        Err(why) => {
            eprintln!("big_stack: error: {why}");
            ExitCode::from(ecs_dsl::cli::EXIT_USAGE)
        }
    }
}
