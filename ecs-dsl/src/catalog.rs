//! The catalog of diagnostic codes. Every code ecs-dsl emits is declared here once, with a title
//! and the help line a finding falls back on when it carries no help of its own, so every finding
//! tells the user what to do.
//!
//! Tests hold the catalog to the code: `tests/tests/diagnostic_catalog.rs` fails when a code
//! written in the sources is missing here, when an entry here is emitted nowhere, or when the
//! README's table of codes differs from [`markdown_table`].
//!
//! The rule packs a team registers (`ecs_dsl::rules`) carry their own codes and help; they are
//! not listed here.

/// One diagnostic code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeInfo {
    /// The stable code, such as `ECS001`: three letters for the area, three digits.
    pub code: &'static str,
    /// What the finding means, in one line.
    pub title: &'static str,
    /// What to do about it, when the finding itself says nothing more precise.
    pub help: &'static str,
}

/// The areas of the codes, by prefix, in the README's order.
pub const AREAS: &[(&str, &str)] = &[
    (
        "CFN",
        "template structure: names, references, cycles, limits",
    ),
    ("TPL", "template files and parameters"),
    ("PAR", "parameter files"),
    ("ECS", "ECS wiring"),
    ("SEC", "security"),
    ("LIF", "lifecycle of runtimes and services"),
    ("RDS", "RDS engines, versions and classes"),
    ("CMP", "docker-compose import"),
    ("IMP", "template import (`ecs-dsl import-template`)"),
    (
        "APP",
        "apps of several stacks: references between stacks, deploy order",
    ),
];

/// Every code, sorted by code.
pub const CATALOG: &[CodeInfo] = &[
    CodeInfo {
        code: "APP001",
        title: "A condition or mapping of another stack of the app is used",
        help: "declare the condition or mapping in the stack that uses it; only resource and parameter values cross stacks",
    },
    CodeInfo {
        code: "APP002",
        title: "Stacks of the app use each other's values, so none can be deployed first",
        help: "move the resources one stack uses into the other stack, or into a new stack both use",
    },
    CodeInfo {
        code: "APP003",
        title: "An export the deployed stacks still import is removed or changed",
        help: "deploy in two steps: keep the export with `App::share` while the importing stacks move away, then remove it",
    },
    CodeInfo {
        code: "APP004",
        title: "A stack name of the app is invalid or used twice",
        help: "name each stack with a letter, then letters, digits and hyphens, at most 128 characters, once",
    },
    CodeInfo {
        code: "APP005",
        title: "A name the app generates or shares is already taken",
        help: "give one of them another name with `App::share`, or rename the output, resource or parameter",
    },
    CodeInfo {
        code: "APP006",
        title: "A value is shared in two ways, or its stack is not in the app",
        help: "keep one `App::share` of each value, and add the stack that owns it with `App::add`",
    },
    CodeInfo {
        code: "CFN001",
        title: "A logical ID or name is not 1 to 255 ASCII letters and digits",
        help: "rename it with letters and digits only, at most 255 characters",
    },
    CodeInfo {
        code: "CFN002",
        title: "A logical ID is defined twice",
        help: "give one of the two definitions another logical ID",
    },
    CodeInfo {
        code: "CFN003",
        title: "A reference points into another stack",
        help: "add both stacks to one `App`, which exports and imports the value for you",
    },
    CodeInfo {
        code: "CFN004",
        title: "A reference names nothing the template defines",
        help: "define the resource, parameter, condition or mapping it names, or fix the name",
    },
    CodeInfo {
        code: "CFN005",
        title: "Resources depend on each other in a cycle",
        help: "remove one of the dependencies in the cycle (a `DependsOn` or a reference)",
    },
    CodeInfo {
        code: "CFN006",
        title: "A custom resource type name is invalid",
        help: "name it `Custom::` followed by 1 to 60 letters, digits, `_`, `@` or `-`",
    },
    CodeInfo {
        code: "CFN009",
        title: "A template section has more entries than CloudFormation allows",
        help: "split the stack into several stacks (an `App`) or nested stacks",
    },
    CodeInfo {
        code: "CFN010",
        title: "The template is larger than CloudFormation accepts from S3 (1 MB)",
        help: "split the stack into several stacks",
    },
    CodeInfo {
        code: "CFN011",
        title: "A property override path does not fit the resource's properties",
        help: "write the path as dotted property names and list indexes, such as `LoadBalancers.0.ContainerPort`",
    },
    CodeInfo {
        code: "CFN012",
        title: "The template is larger than an inline template body may be (51,200 bytes)",
        help: "upload the template to S3 and deploy it from there, or split the stack",
    },
    CodeInfo {
        code: "CFN013",
        title: "A template section or intrinsic function is malformed",
        help: "write it as CloudFormation documents it; the message names the part",
    },
    CodeInfo {
        code: "CMP001",
        title: "A key is not part of the compose format",
        help: "fix the spelling, or prefix it with `x-` to mark an extension",
    },
    CodeInfo {
        code: "CMP002",
        title: "`build` is ignored: ECS runs images, it does not build them",
        help: "build and push the image first, and set `image:`",
    },
    CodeInfo {
        code: "CMP003",
        title: "A networking key is ignored: ECS sets networking per task",
        help: "use the stack's networking (security groups, Service Connect) instead",
    },
    CodeInfo {
        code: "CMP004",
        title: "A replica count belongs to the ECS service, not the container",
        help: "set the service's desired count",
    },
    CodeInfo {
        code: "CMP005",
        title: "`depends_on` names a service outside the task definition",
        help: "put both services in one task, or drop the dependency and let the service retry",
    },
    CodeInfo {
        code: "CMP006",
        title: "A variable is not set and has no default",
        help: "set it in the environment or an env file, or give a default with `${VAR:-default}`",
    },
    CodeInfo {
        code: "CMP007",
        title: "A value outside what ECS accepts was moved into range",
        help: "set a value ECS accepts",
    },
    CodeInfo {
        code: "CMP008",
        title: "A part of a port mapping ECS cannot express was dropped",
        help: "publish the port through a load balancer instead",
    },
    CodeInfo {
        code: "CMP009",
        title: "A bind mount of a relative path has no counterpart on ECS",
        help: "use a named volume, or bake the files into the image",
    },
    CodeInfo {
        code: "CMP010",
        title: "A compose secret has no secret mapped for it",
        help: "map the secret to a Secrets Manager ARN in the import options",
    },
    CodeInfo {
        code: "CMP011",
        title: "An environment variable was to come from the host",
        help: "give its value in the import options or an env file",
    },
    CodeInfo {
        code: "CMP012",
        title: "A compose key has no ECS counterpart",
        help: "remove it, or express it with the stack's own resources",
    },
    CodeInfo {
        code: "CMP013",
        title: "A value ECS does not support was dropped",
        help: "use a value ECS supports",
    },
    CodeInfo {
        code: "CMP014",
        title: "`service_healthy` names a container without a health check",
        help: "add a `healthcheck` to that service",
    },
    CodeInfo {
        code: "CMP015",
        title: "A top-level key is not used by the import",
        help: "remove it, or express it with the stack's own resources",
    },
    CodeInfo {
        code: "CMP016",
        title: "A named volume is not declared under the top-level `volumes:`",
        help: "declare it under `volumes:`",
    },
    CodeInfo {
        code: "CMP017",
        title: "A service of a profile that is not active is left out",
        help: "activate its profile with `--profile` or `COMPOSE_PROFILES` to import it",
    },
    CodeInfo {
        code: "CMP018",
        title: "A port bound to a loopback address stays private",
        help: "publish it on all addresses (`\"8080:80\"`) if the world should reach it",
    },
    CodeInfo {
        code: "CMP019",
        title: "A service sets no resources, so its task got the default size",
        help: "set `deploy.resources.limits` (or `mem_limit` / `cpus`) to size the task",
    },
    CodeInfo {
        code: "CMP020",
        title: "A setting ECS supports on EC2 container instances only",
        help: "run the service on an EC2 cluster, or drop the setting for Fargate",
    },
    CodeInfo {
        code: "CMP030",
        title: "A named volume's driver, options or `external` are not imported: it is an EFS file system",
        help: "copy the volume's data into the file system after the first deploy",
    },
    CodeInfo {
        code: "CMP031",
        title: "A compose secret is created in Secrets Manager with a generated value",
        help: "put the real value there after the first deploy, or pass the secret's ARN (`--secret NAME=ARN`)",
    },
    CodeInfo {
        code: "CMP032",
        title: "A service others wait on to complete is a task to run once, not an ECS service",
        help: "run it with `aws ecs run-task` before the services that wait on it start",
    },
    CodeInfo {
        code: "CMP033",
        title: "A published UDP port gets no load balancer: the app's own services reach it",
        help: "put a Network Load Balancer with a UDP listener in front of it in the ejected Rust",
    },
    CodeInfo {
        code: "CMP034",
        title: "A published port another service publishes already gets no load balancer",
        help: "publish it on another port (`\"8081:80\"`)",
    },
    CodeInfo {
        code: "CMP035",
        title: "A published port past the 50 listeners a load balancer may have gets none",
        help: "serve it through a load balancer of its own in the ejected Rust, or route by host or path on one listener",
    },
    CodeInfo {
        code: "ECS001",
        title: "A service's load balancer names a container its task definition lacks",
        help: "name a container of the task definition",
    },
    CodeInfo {
        code: "ECS002",
        title: "A service's load balancer names a container port that is not mapped",
        help: "map the port on that container, or target a mapped one",
    },
    CodeInfo {
        code: "ECS003",
        title: "A target group before dynamic host ports does not health-check `traffic-port`",
        help: "set the target group's `HealthCheckPort` to `traffic-port`",
    },
    CodeInfo {
        code: "ECS004",
        title: "A task definition has no essential container",
        help: "mark at least one container essential",
    },
    CodeInfo {
        code: "ECS005",
        title: "An EC2 task's container sets neither `Memory` nor `MemoryReservation`",
        help: "set the container's memory or memory reservation, or the task's memory",
    },
    CodeInfo {
        code: "ECS006",
        title: "A Fargate task definition does not use the `awsvpc` network mode",
        help: "set `NetworkMode` to `awsvpc`",
    },
    CodeInfo {
        code: "ECS007",
        title: "A Fargate task's `Cpu` and `Memory` are not a pair Fargate offers",
        help: "pick a cpu/memory pair from the Fargate table",
    },
    CodeInfo {
        code: "ECS008",
        title: "A mount point names a volume the task definition lacks",
        help: "declare the volume on the task definition",
    },
    CodeInfo {
        code: "ECS009",
        title: "A container depends on a container the task definition lacks",
        help: "name a container of the same task definition",
    },
    CodeInfo {
        code: "ECS010",
        title: "An `awslogs` log group is neither in the stack nor created by the driver",
        help: "add the log group to the stack, or set `awslogs-create-group`",
    },
    CodeInfo {
        code: "ECS011",
        title: "A service sets `Role` without load balancers",
        help: "remove the `Role`",
    },
    CodeInfo {
        code: "ECS012",
        title: "A service with an `awsvpc` task definition sets `Role`",
        help: "remove the `Role`: ECS uses its service-linked role",
    },
    CodeInfo {
        code: "ECS013",
        title: "A container's `MemoryReservation` is above its `Memory`",
        help: "lower the reservation to at most the limit, or raise the limit",
    },
    CodeInfo {
        code: "ECS014",
        title: "Two containers of a task definition have the same name",
        help: "rename one of them",
    },
    CodeInfo {
        code: "ECS015",
        title: "The containers' `Cpu` add up to more than the task's `Cpu`",
        help: "lower the containers' CPU units, or choose a larger task size",
    },
    CodeInfo {
        code: "ECS016",
        title: "A container health check's `Interval` is shorter than its `Timeout`",
        help: "set the interval to at least the timeout",
    },
    CodeInfo {
        code: "ECS017",
        title: "A service's `MinimumHealthyPercent` is above its `MaximumPercent`",
        help: "keep the minimum healthy percent at most the maximum percent",
    },
    CodeInfo {
        code: "ECS018",
        title: "A Fargate service's task definition is not Fargate-compatible",
        help: "use a Fargate task definition (`TaskDefinition::fargate`)",
    },
    CodeInfo {
        code: "ECS019",
        title: "A service of an `awsvpc` task definition sets no `NetworkConfiguration`",
        help: "set the subnets and security groups of the tasks",
    },
    CodeInfo {
        code: "ECS020",
        title: "An `awsvpc` port mapping's `HostPort` differs from its `ContainerPort`",
        help: "set `HostPort` to the container port, or leave it out",
    },
    CodeInfo {
        code: "ECS021",
        title: "A task definition with secrets, or `awslogs` on Fargate, has no execution role",
        help: "add an execution role that may read the secrets and write the logs",
    },
    CodeInfo {
        code: "ECS022",
        title: "A Fargate task definition mounts a host (`SourcePath`) volume",
        help: "use a task-scoped or EFS volume",
    },
    CodeInfo {
        code: "ECS023",
        title: "An EC2 service's task needs more memory than its cluster's instance type has",
        help: "choose a larger instance type, or lower the containers' memory",
    },
    CodeInfo {
        code: "ECS024",
        title: "An Auto Scaling group's `MinSize` is above its `MaxSize`",
        help: "keep the minimum at most the maximum",
    },
    CodeInfo {
        code: "ECS030",
        title: "Two rules of one listener have the same priority",
        help: "give each rule of a listener its own priority",
    },
    CodeInfo {
        code: "ECS031",
        title: "A listener rule's priority is outside 1–50000",
        help: "give the rule a priority from 1 (evaluated first) to 50000",
    },
    CodeInfo {
        code: "ECS032",
        title: "A listener rule has no condition",
        help: "add a path-pattern or host-header condition, or forward in the listener's default action",
    },
    CodeInfo {
        code: "ECS033",
        title: "A service registers in a target group no listener or rule of its load balancer forwards to",
        help: "forward to the target group from a listener or a listener rule of that load balancer",
    },
    CodeInfo {
        code: "ECS034",
        title: "A service registers in a target group of another task definition's container",
        help: "use a target group of a container of the service's own task definition",
    },
    CodeInfo {
        code: "ECS035",
        title: "A blue/green service has no production listener rule with an alternate target group",
        help: "forward through a listener rule with `.alternate(&green)`, or deploy rolling",
    },
    CodeInfo {
        code: "ECS036",
        title: "A service's capacity provider strategy names a provider its cluster does not have",
        help: "associate the provider with the cluster, or name one it has",
    },
    CodeInfo {
        code: "ECS037",
        title: "Service Connect serves a container port that has no name",
        help: "publish the port with `.named_port(name, port)`",
    },
    CodeInfo {
        code: "ECS038",
        title: "Service Connect serves a port of another task definition",
        help: "serve a port of the service's own task definition",
    },
    CodeInfo {
        code: "ECS050",
        title: "A service whose task count a scalable target owns sets `DesiredCount`",
        help: "leave `DesiredCount` out; the scalable target's `MinCapacity` sets the starting count",
    },
    CodeInfo {
        code: "IMP001",
        title: "A resource type is not in the specification: kept untyped",
        help: "check the type name; the resource keeps its type and properties as written",
    },
    CodeInfo {
        code: "IMP002",
        title: "A property is not in the specification: set verbatim",
        help: "check the property name against the resource type's documentation",
    },
    CodeInfo {
        code: "IMP003",
        title: "An `Fn::Sub` is kept verbatim: a placeholder names nothing `sub!` can resolve",
        help: "define what the placeholder names, or leave the verbatim string",
    },
    CodeInfo {
        code: "IMP004",
        title: "A parameter type has no Rust type: declared as String",
        help: "no action needed; the parameter keeps its CloudFormation type",
    },
    CodeInfo {
        code: "IMP005",
        title: "An UpdatePolicy or CreationPolicy is kept verbatim",
        help: "no action needed; rewrite it with the typed policies if you like",
    },
    CodeInfo {
        code: "IMP006",
        title: "A reference names nothing in the template: kept verbatim",
        help: "define what it names, or fix the name",
    },
    CodeInfo {
        code: "IMP007",
        title: "A required property is missing: the resource is kept untyped",
        help: "add the required property to the template",
    },
    CodeInfo {
        code: "IMP100",
        title: "A template section the importer does not handle",
        help: "remove the section, or write it by hand in the program",
    },
    CodeInfo {
        code: "IMP102",
        title: "Resources refer to each other in a cycle",
        help: "break the cycle in the template first (cfn-lint reports it as E3004)",
    },
    CodeInfo {
        code: "IMP103",
        title: "The input is not a CloudFormation template",
        help: "pass a JSON or YAML template with a `Resources` section",
    },
    CodeInfo {
        code: "IMP104",
        title: "A value the importer cannot express",
        help: "write that value by hand in the program",
    },
    CodeInfo {
        code: "IMP110",
        title: "A top-level section the typed API does not model (`Rules`, SAM's `Globals`, …): kept as written with `Stack::section`",
        help: "no action needed; CloudFormation reads the section as before",
    },
    CodeInfo {
        code: "IMP111",
        title: "An intrinsic function ecs-dsl does not model (`Fn::Transform`, `Fn::Length`, `Fn::ToJsonString`, `Fn::GetStackOutput`, `Fn::ForEach`, …) in a resource",
        help: "import the processed template (the transform's or macro's output), or write that value by hand",
    },
    CodeInfo {
        code: "IMP112",
        title: "A `DeletionPolicy` or `UpdateReplacePolicy` written as an intrinsic function",
        help: "pick the policy (`Delete`, `Retain`, `RetainExceptOnCreate`, `Snapshot`), or choose it in Rust per stack",
    },
    CodeInfo {
        code: "IMP113",
        title: "An intrinsic function in a shape ecs-dsl does not model (`Fn::FindInMap` with a default value or a computed map name, `Fn::If` on an undeclared condition, …)",
        help: "rewrite it in the documented shape, or write that value by hand",
    },
    CodeInfo {
        code: "IMP114",
        title: "A `Ref` or `Fn::GetAtt` of a resource the template does not declare (one a transform such as SAM generates)",
        help: "import the processed template, where the generated resources are declared",
    },
    CodeInfo {
        code: "IMP115",
        title: "`Properties` written as an intrinsic function (an `Fn::If` choosing whole property sets)",
        help: "move the `Fn::If` into each property it changes",
    },
    CodeInfo {
        code: "IMP116",
        title: "A resource attribute ecs-dsl does not model (such as the legacy `Version`)",
        help: "drop the attribute (CloudFormation ignores `Version`), or write that resource by hand",
    },
    CodeInfo {
        code: "LIF001",
        title: "A Lambda runtime can no longer be used to create functions",
        help: "move to a supported runtime",
    },
    CodeInfo {
        code: "LIF002",
        title: "A Lambda runtime is deprecated",
        help: "move to a supported runtime before it is blocked",
    },
    CodeInfo {
        code: "LIF003",
        title: "A resource type belongs to a service in maintenance mode",
        help: "move to the service's successor",
    },
    CodeInfo {
        code: "LIF004",
        title: "A resource type belongs to a service being shut down",
        help: "move to the service's successor",
    },
    CodeInfo {
        code: "LIF005",
        title: "A resource type belongs to a service that has been shut down",
        help: "remove it or move to the service's successor",
    },
    CodeInfo {
        code: "PAR001",
        title: "A parameter value is given for a parameter the template lacks",
        help: "remove it, or declare the parameter",
    },
    CodeInfo {
        code: "PAR002",
        title: "A parameter without a default has no value",
        help: "give it a value in the parameter file",
    },
    CodeInfo {
        code: "PAR003",
        title: "A number parameter's value is not a number",
        help: "give a number, such as `1`",
    },
    CodeInfo {
        code: "PAR004",
        title: "A parameter's value is not one of its allowed values",
        help: "use one of the allowed values",
    },
    CodeInfo {
        code: "PAR005",
        title: "A number parameter's value is out of its range",
        help: "give a value between its `MinValue` and `MaxValue`",
    },
    CodeInfo {
        code: "PAR006",
        title: "A parameter's value is shorter or longer than allowed",
        help: "change the value to fit the declared length",
    },
    CodeInfo {
        code: "PAR007",
        title: "An AWS-specific parameter's value is not an ID of its kind",
        help: "give an ID of the right kind, such as `vpc-0abc1234` for a VPC",
    },
    CodeInfo {
        code: "RDS001",
        title: "A DB instance's engine is not one RDS offers",
        help: "use an engine RDS offers",
    },
    CodeInfo {
        code: "RDS002",
        title: "A DB instance's engine version is not offered",
        help: "use a version RDS offers for the engine",
    },
    CodeInfo {
        code: "RDS003",
        title: "A DB instance class is not offered for the engine and version",
        help: "use a class RDS offers for the engine and version",
    },
    CodeInfo {
        code: "RDS004",
        title: "A DB instance's engine version is deprecated",
        help: "move to a supported version before new instances are refused",
    },
    CodeInfo {
        code: "SEC001",
        title: "A secret-looking environment variable holds its value in plain text",
        help: "pass it as an ECS secret from Secrets Manager or SSM",
    },
    CodeInfo {
        code: "SEC002",
        title: "A secret is passed in through a template parameter",
        help: "let the template generate it in Secrets Manager, or read it by dynamic reference",
    },
    CodeInfo {
        code: "SEC003",
        title: "An IAM statement allows every action on every resource",
        help: "list the actions and resources the principal needs",
    },
    CodeInfo {
        code: "TPL001",
        title: "A parameter used as an image ID is not typed as one",
        help: "type it `AWS::EC2::Image::Id` or an SSM parameter of it",
    },
    CodeInfo {
        code: "TPL010",
        title: "The input is not a CloudFormation template",
        help: "pass a JSON or YAML template with a `Resources` section",
    },
    CodeInfo {
        code: "TPL011",
        title: "An intrinsic function is malformed",
        help: "write it as CloudFormation documents it; the message names the part",
    },
    CodeInfo {
        code: "TPL012",
        title: "A template feature is not supported by the template model",
        help: "remove or rewrite the part the message names",
    },
];

/// The entry of a code, if the catalog has it.
pub fn lookup(code: &str) -> Option<&'static CodeInfo> {
    CATALOG
        .binary_search_by(|entry| entry.code.cmp(code))
        .ok()
        .map(|i| &CATALOG[i])
}

/// The README's table of codes: one row per code, grouped by area.
pub fn markdown_table() -> String {
    let mut table = String::from("| code | meaning | what to do |\n|---|---|---|\n");
    for (prefix, _) in AREAS {
        for entry in CATALOG.iter().filter(|e| e.code.starts_with(prefix)) {
            table += &format!("| `{}` | {} | {} |\n", entry.code, entry.title, entry.help);
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_unique_and_complete() {
        assert!(
            CATALOG.windows(2).all(|w| w[0].code < w[1].code),
            "CATALOG must be sorted by code, without duplicates"
        );
        for entry in CATALOG {
            assert!(
                AREAS.iter().any(|(p, _)| entry.code.starts_with(p)),
                "{} has no area",
                entry.code
            );
            assert!(
                !entry.title.is_empty() && !entry.help.is_empty(),
                "{} needs a title and a help line",
                entry.code
            );
        }
    }

    #[test]
    fn lookup_finds_every_entry_and_nothing_else() {
        assert!(CATALOG.iter().all(|e| lookup(e.code) == Some(e)));
        assert_eq!(lookup("XYZ999"), None);
    }
}
