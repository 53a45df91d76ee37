//! The book's final todobackend setup as one app of three stacks (*Docker in AWS*, later
//! chapters): a KMS key for secrets, the ECR repositories, and the application stack of chapter
//! 8, which takes the key's ARN and the repository's URI from the other two through typed
//! references. Synth exports the key ARN as `secrets-key`, as the book's `kms.yml` does, and the
//! repository URI under a name of its own; the application stack imports both.
//!
//! `cargo run --example todobackend_app --features kms,ecr -- synth -o DIR` writes
//! `todobackend-kms.json`, `todobackend-ecr.json`, `todobackend.json` and `manifest.json` (the
//! deploy order and the references); `-- validate` checks every stack; `-- list` shows the order.
//!
//! Differences from the book beyond those of the `todobackend` example:
//! - The application's image comes from the `docker-in-aws/todobackend` repository of the ECR
//!   stack (its `RepositoryUri`) instead of a URI spelled from the account and region.
//! - The repository policy grants pulls to CodeBuild and this account; the book names the
//!   author's own second account.
//! - The execution role decrypts with the key (it reads the secrets); the book gives
//!   `kms:Decrypt` to its secrets Lambda, which ECS `Secrets` replace here, and to the task role.

use std::process::ExitCode;

use ecs_dsl::app::{App, Share};
use ecs_dsl::cfn::ec2::subnet::SubnetId;
use ecs_dsl::cfn::ec2::vpc::VpcId;
use ecs_dsl::cfn::ecr::CfnRepository;
use ecs_dsl::cfn::ecr::repository::LifecyclePolicy;
use ecs_dsl::cfn::kms::alias::CfnAliasRequired;
use ecs_dsl::cfn::kms::{CfnAlias, CfnKey};
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::cfn::secretsmanager::CfnSecret;
use ecs_dsl::cfn::secretsmanager::secret::GenerateSecretString;
use ecs_dsl::custom_resource::{EcsTaskRunner, RunTask};
use ecs_dsl::ecs::{
    ApplicationLoadBalancer, Container, Ec2Cluster, Ec2Service, HostDirectory, Listener, Network,
    SecretValue, TargetGroup, TaskDefinition, Volume,
};
use ecs_dsl::iam::{PolicyDocument, ServiceRole, Statement};
use ecs_dsl::prelude::*;
use ecs_dsl::rds::{DatabaseInstance, Engine};
use ecs_dsl::template::Node;
use serde_json::json;

/// What the application stack takes from the other two.
struct Shared {
    secrets_key: Handle<CfnKey>,
    repository: Handle<CfnRepository>,
}

/// `kms.yml`: the key that encrypts the application's secrets, and its alias.
fn kms() -> (Stack, Handle<CfnKey>) {
    let mut stack = Stack::new();
    stack.description("KMS Keys");
    let root = json!({"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}});
    let key = stack.add(
        "KmsKey",
        CfnKey::new()
            .description("Custom key for SSM parameters")
            .enabled(true)
            .enable_key_rotation(true)
            .key_policy(
                PolicyDocument::new().statement(
                    Statement::allow(["kms:*"])
                        .sid("Allow root account access to key")
                        .principal(Node::from_json(&root))
                        .resource("*"),
                ),
            ),
    );
    stack.add(
        "KmsKeyAlias",
        CfnAlias::new(CfnAliasRequired {
            alias_name: "alias/secrets-key",
            target_key_id: key.ref_(),
        }),
    );
    (stack, key)
}

/// `ecr.yml`: the repositories of the application and X-Ray daemon images.
fn ecr() -> (Stack, Handle<CfnRepository>) {
    let mut stack = Stack::new();
    stack.description("ECR Resources");
    stack.add(
        "XrayRepository",
        CfnRepository::new().repository_name("docker-in-aws/xray"),
    );
    let untagged_images_expire = json!({"rules": [{
        "rulePriority": 10,
        "description": "Untagged images",
        "selection": {
            "tagStatus": "untagged",
            "countType": "sinceImagePushed",
            "countUnit": "days",
            "countNumber": 7
        },
        "action": {"type": "expire"}
    }]});
    let pulls = json!({"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"},
                       "Service": "codebuild.amazonaws.com"});
    let repository = stack.add(
        "TodobackendRepository",
        CfnRepository::new()
            .repository_name("docker-in-aws/todobackend")
            .repository_policy_text(
                PolicyDocument::new().statement(
                    Statement::allow([
                        "ecr:GetDownloadUrlForLayer",
                        "ecr:BatchGetImage",
                        "ecr:BatchCheckLayerAvailability",
                    ])
                    .sid("RemoteAccountAccess")
                    .principal(Node::from_json(&pulls)),
                ),
            )
            .lifecycle_policy(
                LifecyclePolicy::new().lifecycle_policy_text(untagged_images_expire.to_string()),
            ),
    );
    (stack, repository)
}

/// The stack's parameters; `dev.json` gives their values.
#[derive(StackParameters)]
struct Parameters {
    /// Desired EC2 instance count
    application_desired_count: Parameter<i64>,
    /// ECS Amazon Machine Image (AMI) ID
    application_image_id: Parameter<ImageId>,
    /// Application Docker Image Tag
    #[parameter(default = "latest")]
    application_image_tag: Parameter<String>,
    /// Target subnets for EC2 instances
    application_subnets: Parameter<Vec<SubnetId>>,
    /// Target VPC
    vpc_id: Parameter<VpcId>,
}

/// `stack.yml`: the application of chapter 8, decrypting with the shared key and running the
/// image of the shared repository.
fn application(shared: &Shared) -> Stack {
    let mut stack = Stack::new();
    stack.description("Todobackend Application");
    let p = Parameters::declare(&mut stack);

    let network = Network::new(&p.vpc_id, &p.application_subnets);
    let cluster = Ec2Cluster::new(&network, &p.application_image_id)
        .cluster_name("todobackend-cluster")
        .min_size(0)
        .max_size(4)
        .desired_capacity(&p.application_desired_count)
        .host_directory(HostDirectory::new("/data/public").owner("1000:1000"))
        .add(&mut stack, "Application");

    let database = DatabaseInstance::new(Engine::mysql("8.4.7"), &p.vpc_id, &p.application_subnets)
        .instance_class("db.t3.micro")
        .allocated_storage_gib(20)
        .database_name("todobackend")
        .master_username("todobackend")
        .availability_zone(sub!("${AWS::Region}a"))
        .allow_from("Application", &cluster.security_group)
        .add(&mut stack, "Application");

    let secret_key = stack.add(
        "ApplicationSecretKey",
        CfnSecret::new()
            .description("todobackend Django SECRET_KEY")
            .generate_secret_string(
                GenerateSecretString::new()
                    .password_length(50)
                    .exclude_punctuation(true),
            ),
    );
    let log_group = stack.add(
        "ApplicationLogGroup",
        CfnLogGroup::new()
            .log_group_name(sub!("/${AWS::StackName}/ecs/todobackend"))
            .retention_in_days(7),
    );
    // The key of the KMS stack: an import of its `secrets-key` export, written as a handle.
    let decrypt_secrets = || {
        Statement::allow(["kms:Decrypt"])
            .sid("DecryptSecrets")
            .resource(shared.secrets_key.attr_arn())
    };
    let execution_role = ServiceRole::new("ecs-tasks.amazonaws.com")
        .managed_policy(sub!(
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
        ))
        .inline_policy(
            "ReadApplicationSecrets",
            PolicyDocument::new()
                .statement(
                    Statement::allow(["secretsmanager:GetSecretValue"])
                        .resource(&database.secret)
                        .resource(&secret_key),
                )
                .statement(decrypt_secrets()),
        )
        .add(&mut stack, "ApplicationTaskExecutionRole");
    let task_role = ServiceRole::new("ecs-tasks.amazonaws.com")
        .inline_policy(
            "SecretsManagerPermissions",
            PolicyDocument::new().statement(decrypt_secrets()),
        )
        .add(&mut stack, "ApplicationTaskRole");

    let repository = &shared.repository;
    let image = sub!("${repository.RepositoryUri}:${p.application_image_tag}");
    let release = |name: &str| {
        Container::new(name, image.clone())
            .env("DJANGO_SETTINGS_MODULE", "todobackend.settings_release")
            .log_to(&log_group, "docker")
    };
    let with_database = |container: Container| {
        container
            .env("MYSQL_HOST", database.instance.attr_endpoint_address())
            .env("MYSQL_USER", "todobackend")
            .env("MYSQL_DATABASE", "todobackend")
            .secret(
                "MYSQL_PASSWORD",
                SecretValue::secrets_manager_key(&database.secret, "password"),
            )
    };

    let application = TaskDefinition::new("todobackend")
        .execution_role(execution_role.attr_arn())
        .task_role(task_role.attr_arn())
        .volume(Volume::host("public", "/data/public"))
        .container(
            with_database(release("todobackend"))
                .cpu_units(245)
                .memory_reservation_mib(395)
                .port(8000)
                .mount("public", "/public")
                .secret("SECRET_KEY", SecretValue::arn(&secret_key))
                .command([
                    "uwsgi",
                    "--http=0.0.0.0:8000",
                    "--module=todobackend.wsgi",
                    "--master",
                    "--die-on-term",
                    "--processes=4",
                    "--threads=2",
                    "--check-static=/public",
                ]),
        )
        .container(
            release("collectstatic")
                .not_essential()
                .cpu_units(5)
                .memory_reservation_mib(5)
                .mount("public", "/public")
                .command(["python3", "manage.py", "collectstatic", "--no-input"]),
        )
        .add(&mut stack, "ApplicationTaskDefinition");

    let migrate = TaskDefinition::new("todobackend-migrate")
        .execution_role(execution_role.attr_arn())
        .container(
            with_database(release("migrate"))
                .cpu_units(5)
                .memory_reservation_mib(5)
                .command(["python3", "manage.py", "migrate", "--no-input"]),
        )
        .add(&mut stack, "MigrateTaskDefinition");

    let runner = EcsTaskRunner::new(&cluster.cluster)
        .pass_role(&execution_role)
        .add(&mut stack, "EcsTaskRunner");
    let migration = RunTask::new(&runner, &migrate)
        .depends_on(&cluster.autoscaling_group)
        .depends_on(&database.instance)
        .add(&mut stack, "MigrateTask");

    let target_group = TargetGroup::http(&network, application.container("todobackend").port(8000))
        .add(&mut stack, "ApplicationServiceTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network)
        .listener(Listener::http(80).forward(&target_group))
        .add(&mut stack, "Application");
    Ec2Service::new(&cluster, &application)
        .desired_count(&p.application_desired_count)
        .maximum_percent(200)
        .minimum_healthy_percent(100)
        .load_balancer(&alb, &target_group)
        .depends_on(&cluster.autoscaling_group)
        .depends_on(&migration)
        .add(&mut stack, "Application");

    stack.output(
        "PublicURL",
        Output::new(sub!("${alb.load_balancer.DNSName}"))
            .description("Public DNS name of Application Load Balancer"),
    );
    stack
}

/// The three stacks; the application's uses of the others' values decide the deploy order.
fn todobackend_app() -> App {
    let (kms, secrets_key) = kms();
    let (ecr, repository) = ecr();
    let shared = Shared {
        secrets_key,
        repository,
    };
    let mut app = App::new();
    // Added application first: the order of deployment comes from the references, not from here.
    app.add("todobackend", application(&shared))
        .add("todobackend-kms", kms)
        .add("todobackend-ecr", ecr);
    app.share(&shared.secrets_key.attr_arn(), Share::export("secrets-key"));
    app
}

fn main() -> ExitCode {
    ecs_dsl::cli::app::run(&todobackend_app())
}
