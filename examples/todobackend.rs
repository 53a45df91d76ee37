//! The todobackend stack of *Docker in AWS*, chapter 8, written with ecs-dsl: the Django app on an
//! ECS cluster of EC2 instances behind an Application Load Balancer, a MySQL database, and a
//! migration task run during deployment by a Lambda-backed custom resource.
//!
//! `cargo run --example todobackend` prints the template; `-- validate`, `-- synth --format yaml`,
//! `-- diff OLD.json` and `-- list` do what they say.
//!
//! Deliberate differences from the book's template (AWS has moved on since 2018):
//! - `ApplicationAutoscalingLaunchTemplate` (a launch template) replaces the launch configuration, which is in maintenance mode; it requires IMDSv2.
//! - `DatabasePassword` is gone: `ApplicationDatabaseSecret` generates the password, RDS reads it by dynamic reference, containers by ECS `Secrets` (no secret in a parameter, cfn-lint W1011).
//! - `SECRET_KEY` comes from the generated `ApplicationSecretKey` secret instead of a literal in the template.
//! - `ApplicationTaskExecutionRole` is new: ECS needs it to read those secrets; the task runner may pass it.
//! - MySQL 8.4.7 (LTS) on `db.t3.micro`, 20 GiB gp3: MySQL 5.7 and `db.t2.micro` are no longer offered, and 20 GiB is MySQL's minimum.
//! - The task runner uses Python 3.12 (python3.6 cannot be deployed since 2022) and its own handler code.
//! - `MigrateTask` is of type `Custom::EcsTask` rather than `AWS::CloudFormation::CustomResource` (same behaviour; a named type shows in the console).
//! - The target group health-checks on `traffic-port`, required with dynamic host ports (cfn-lint E3049).
//! - `ApplicationImageId` is typed `AWS::EC2::Image::Id`, so CloudFormation checks it (cfn-lint W2506).
//! - Instances are `t3.micro` and have no SSH key or port 22 open: use SSM Session Manager.
//! - cfn-init writes `/etc/ecs/ecs.config` instead of running the book's AMI-specific `firstrun.sh`.
//! - The service passes no `Role`: ECS uses its service-linked role.
//! - The service's deployment circuit breaker stops a failing deployment and rolls it back (ecs-dsl's default).
//! - `MYSQL_HOST` is `Fn::GetAtt` of the endpoint rather than `Fn::Sub` of it (same value).

use std::process::ExitCode;

use ecs_dsl::cfn::ec2::subnet::SubnetId;
use ecs_dsl::cfn::ec2::vpc::VpcId;
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

/// The whole stack.
fn todobackend() -> Stack {
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
    let execution_role = ServiceRole::new("ecs-tasks.amazonaws.com")
        .managed_policy(sub!(
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
        ))
        .inline_policy(
            "ReadApplicationSecrets",
            PolicyDocument::new().statement(
                Statement::allow(["secretsmanager:GetSecretValue"])
                    .resource(&database.secret)
                    .resource(&secret_key),
            ),
        )
        .add(&mut stack, "ApplicationTaskExecutionRole");

    let image = sub!(
        "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/docker-in-aws/todobackend:${p.application_image_tag}"
    );
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

fn main() -> ExitCode {
    ecs_dsl::cli::run(&todobackend())
}
