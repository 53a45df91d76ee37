//! The `ecs-dsl` tool; see [`ecs_dsl::cli::tool`].

fn main() -> std::process::ExitCode {
    ecs_dsl::cli::tool::main()
}
