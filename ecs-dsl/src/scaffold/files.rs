//! The files of a new stack crate, from the templates next to this file.

use super::{Launch, Source};

/// The ecs-dsl features every scaffolded stack uses: the command line and the services of the
/// `ecs_dsl::ecs` builders.
const FEATURES: [&str; 8] = [
    "cli",
    "autoscaling",
    "ec2",
    "ecs",
    "elasticloadbalancingv2",
    "iam",
    "logs",
    "secretsmanager",
];

/// Where the README points for ecs-dsl's documentation.
const HOMEPAGE: &str = "https://docs.rs/ecs-dsl";

/// Every file of the crate: path relative to the crate root, and contents.
pub fn files(name: &str, launch: Launch, source: &Source) -> Vec<(String, String)> {
    let (main, params, what) = match launch {
        Launch::Fargate => (
            include_str!("templates/main_fargate.rs.in"),
            include_str!("templates/params_fargate.json.in"),
            "a web service on AWS Fargate behind an Application Load Balancer",
        ),
        Launch::Ec2 => (
            include_str!("templates/main_ec2.rs.in"),
            include_str!("templates/params_ec2.json.in"),
            "a web service on an ECS cluster of EC2 instances behind an Application Load Balancer",
        ),
    };
    let features: Vec<String> = FEATURES.iter().map(|f| format!("\"{f}\"")).collect();
    let fill = |template: &str| {
        template
            .replace("{{name}}", name)
            .replace("{{source}}", &source.manifest_entry())
            .replace("{{features}}", &features.join(", "))
            .replace("{{what}}", what)
            .replace("{{homepage}}", HOMEPAGE)
    };
    vec![
        (
            "Cargo.toml".into(),
            fill(include_str!("templates/Cargo.toml.in")),
        ),
        ("src/main.rs".into(), fill(main)),
        (
            "src/tests.rs".into(),
            fill(include_str!("templates/tests.rs.in")),
        ),
        ("params/dev.json".into(), fill(params)),
        (
            ".gitignore".into(),
            fill(include_str!("templates/gitignore.in")),
        ),
        (
            "README.md".into(),
            fill(include_str!("templates/README.md.in")),
        ),
    ]
}
