//! The one builder shape, shown on every hand-written builder: `customize_<part>` reaches each
//! resource it creates, resource attributes included, applied after the builder's own settings;
//! `depends_on` orders every resource it creates; `add` returns the handles.

use ecs_dsl::cfn::ecs::CfnCluster;
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::custom_resource::{CustomResource, EcsTaskRunner, RunTask};
use ecs_dsl::ecs::{
    ApplicationLoadBalancer, Container, Ec2Cluster, Ec2Service, FargateCluster, FargateService,
    FargateSize, HostPort, Listener, Network, TargetGroup, TaskDefinition, Volume,
};
use ecs_dsl::iam::{PolicyDocument, ServiceRole, Statement};
use ecs_dsl::prelude::*;
use ecs_dsl::rds::{DatabaseInstance, Engine};
use ecs_dsl::synth::{Format, render};
use serde_json::{Value, json};

fn template(stack: &Stack) -> Value {
    let (template, findings) = ecs_dsl::cli::check(stack);
    assert!(!findings.has_errors(), "{findings}");
    serde_json::from_str(&render(&template.unwrap(), Format::Json).unwrap()).unwrap()
}

fn network() -> Network {
    Network::new("vpc-1", vec!["subnet-1", "subnet-2"])
}

#[test]
fn ec2_cluster_parts_take_attributes_and_depends_on() {
    let mut stack = Stack::new();
    let gate = stack.add("Gate", CfnLogGroup::new());
    let cluster = Ec2Cluster::new(&network(), "ami-1")
        .min_size(1)
        .max_size(3)
        .depends_on(&gate)
        .customize_cluster(|c| c.deletion_policy(DeletionPolicy::Retain))
        .customize_autoscaling_group(|g| {
            g.update_policy(UpdatePolicy::new().auto_scaling_replacing_update(true))
        })
        .customize_launch_template(|t| t.metadata("Owner", "platform".into()))
        .customize_security_group(|g| g.update_replace_policy(DeletionPolicy::Retain))
        .customize_instance_role(|r| r.deletion_policy(DeletionPolicy::Retain))
        .customize_instance_profile(|p| p.deletion_policy(DeletionPolicy::Retain))
        .add(&mut stack, "App");
    let t = template(&stack);
    let r = &t["Resources"];
    assert_eq!(r["AppCluster"]["DeletionPolicy"], "Retain");
    assert_eq!(
        r["AppAutoscaling"]["UpdatePolicy"],
        json!({"AutoScalingReplacingUpdate": {"WillReplace": true}})
    );
    assert_eq!(r["AppAutoscaling"]["Properties"]["MinSize"], "1");
    assert_eq!(r["AppAutoscaling"]["Properties"]["MaxSize"], "3");
    // The builder's own cfn-init metadata is kept beside the user's key.
    assert_eq!(
        r["AppAutoscalingLaunchTemplate"]["Metadata"]["Owner"],
        "platform"
    );
    assert!(r["AppAutoscalingLaunchTemplate"]["Metadata"]["AWS::CloudFormation::Init"].is_object());
    assert_eq!(
        r["AppAutoscalingSecurityGroup"]["UpdateReplacePolicy"],
        "Retain"
    );
    assert_eq!(r["AppAutoscalingInstanceRole"]["DeletionPolicy"], "Retain");
    assert_eq!(
        r["AppAutoscalingInstanceProfile"]["DeletionPolicy"],
        "Retain"
    );
    for id in [
        "AppCluster",
        "AppAutoscaling",
        "AppAutoscalingLaunchTemplate",
        "AppAutoscalingSecurityGroup",
        "AppAutoscalingInstanceRole",
        "AppAutoscalingInstanceProfile",
    ] {
        assert_eq!(r[id]["DependsOn"], json!(["Gate"]), "{id}");
    }
    assert_eq!(cluster.instance_type, "t3.micro");
}

#[test]
fn service_parts_are_customized_after_the_builder() {
    let mut stack = Stack::new();
    let cluster = Ec2Cluster::new(&network(), "ami-1").add(&mut stack, "App");
    let app = TaskDefinition::new("app")
        .container(
            Container::new("web", "nginx")
                .memory_reservation_mib(128)
                .port_on_host(8080, HostPort(80)),
        )
        .customize(|d| d.deletion_policy(DeletionPolicy::Retain))
        .add(&mut stack, "AppTask");
    let group = TargetGroup::http(&network(), app.container("web").port(8080))
        .customize(|g| g.health_check_path("/health").health_check_port("8080"))
        .add(&mut stack, "AppServiceTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network())
        .listener(
            Listener::http(80)
                .forward(&group)
                .customize(|l| l.deletion_policy(DeletionPolicy::Retain)),
        )
        .customize_load_balancer(|l| l.deletion_policy(DeletionPolicy::Retain))
        .customize_security_group(|g| g.deletion_policy(DeletionPolicy::Retain))
        .add(&mut stack, "App");
    Ec2Service::new(&cluster, &app)
        .load_balancer(&alb, &group)
        .customize_ingress(|i| i.description("from the ALB"))
        .customize_egress(|e| e.description("to the tasks"))
        .customize_service(|s| s.desired_count(3))
        .add(&mut stack, "App");
    let t = template(&stack);
    let r = &t["Resources"];
    assert_eq!(r["AppTask"]["DeletionPolicy"], "Retain");
    // The user's health-check port replaces the builder's `traffic-port`.
    assert_eq!(
        r["AppServiceTargetGroup"]["Properties"]["HealthCheckPort"],
        "8080"
    );
    assert_eq!(
        r["AppServiceTargetGroup"]["Properties"]["HealthCheckPath"],
        "/health"
    );
    assert_eq!(r["AppLoadBalancerHttpListener"]["DeletionPolicy"], "Retain");
    assert_eq!(r["AppLoadBalancer"]["DeletionPolicy"], "Retain");
    assert_eq!(
        r["AppLoadBalancerSecurityGroup"]["DeletionPolicy"],
        "Retain"
    );
    assert_eq!(r["AppService"]["Properties"]["DesiredCount"], 3);
    // A fixed host port: the instances open that one port to the ALB, not the dynamic range.
    let ingress = &r["AppLoadBalancerToAppIngress"]["Properties"];
    assert_eq!(
        (&ingress["FromPort"], &ingress["ToPort"]),
        (&json!(80), &json!(80))
    );
    assert_eq!(ingress["Description"], "from the ALB");
    assert_eq!(
        r["AppLoadBalancerToAppEgress"]["Properties"]["Description"],
        "to the tasks"
    );
    assert_eq!(
        r["AppTask"]["Properties"]["ContainerDefinitions"][0]["PortMappings"],
        json!([{"ContainerPort": 8080, "HostPort": 80}])
    );
}

#[test]
fn fargate_service_uses_the_cluster_network_and_its_own_task_group() {
    let mut stack = Stack::new();
    let cluster = FargateCluster::new(&network())
        .cluster_name("web")
        .add(&mut stack, "Web");
    let other = Network::new("vpc-2", vec!["subnet-9"]);
    let size = FargateSize::cpu_units(256).memory_mib(512);
    let web = TaskDefinition::fargate("web", size)
        .volume(Volume::task_scoped("scratch"))
        .container(
            Container::new("web", "nginx")
                .port(80)
                .mount("scratch", "/tmp"),
        )
        .add(&mut stack, "WebTask");
    FargateService::new(&cluster, &web)
        .network(&other)
        .customize_task_security_group(|g| g.deletion_policy(DeletionPolicy::Retain))
        .add(&mut stack, "Web");
    let t = template(&stack);
    let r = &t["Resources"];
    assert_eq!(r["WebCluster"]["Properties"]["ClusterName"], "web");
    assert_eq!(r["WebServiceSecurityGroup"]["DeletionPolicy"], "Retain");
    assert_eq!(r["WebServiceSecurityGroup"]["Properties"]["VpcId"], "vpc-2");
    assert_eq!(
        r["WebService"]["Properties"]["NetworkConfiguration"]["AwsvpcConfiguration"]["Subnets"],
        json!(["subnet-9"])
    );
    assert_eq!(r["WebService"]["Properties"]["LaunchType"], "FARGATE");
}

#[test]
fn database_parts_are_customized_after_the_builder() {
    let mut stack = Stack::new();
    let clients = stack.add(
        "Clients",
        ecs_dsl::cfn::ec2::CfnSecurityGroup::new(
            ecs_dsl::cfn::ec2::security_group::CfnSecurityGroupRequired {
                group_description: "clients",
            },
        )
        .vpc_id("vpc-1"),
    );
    let gate = stack.add("Gate", CfnLogGroup::new());
    DatabaseInstance::new(
        Engine::mysql("8.4.7"),
        "vpc-1",
        vec!["subnet-1", "subnet-2"],
    )
    .allocated_storage_gib(20)
    .allow_from("Web", &clients)
    .allow_from("Worker", &clients)
    .depends_on(&gate)
    .customize_instance(|i| {
        i.deletion_policy(DeletionPolicy::Snapshot)
            .backup_retention_period(7)
    })
    .customize_secret(|s| s.deletion_policy(DeletionPolicy::Retain))
    .customize_subnet_group(|g| g.deletion_policy(DeletionPolicy::Retain))
    .customize_security_group(|g| g.deletion_policy(DeletionPolicy::Retain))
    .customize_ingress(|i| i.description("clients in"))
    .customize_egress(|e| e.description("clients out"))
    .add(&mut stack, "App");
    let t = template(&stack);
    let r = &t["Resources"];
    assert_eq!(r["AppDatabase"]["DeletionPolicy"], "Snapshot");
    assert_eq!(r["AppDatabase"]["Properties"]["BackupRetentionPeriod"], 7);
    assert_eq!(
        r["AppDatabase"]["Properties"]["DBInstanceClass"],
        "db.t3.micro"
    );
    assert_eq!(r["AppDatabaseSecret"]["DeletionPolicy"], "Retain");
    assert_eq!(r["AppDatabaseSubnetGroup"]["DeletionPolicy"], "Retain");
    assert_eq!(r["AppDatabaseSecurityGroup"]["DeletionPolicy"], "Retain");
    for client in ["Web", "Worker"] {
        let ingress = &r[format!("{client}ToAppDatabaseIngress")]["Properties"];
        assert_eq!(ingress["Description"], "clients in", "{client}");
        let egress = &r[format!("{client}ToAppDatabaseEgress")]["Properties"];
        assert_eq!(egress["Description"], "clients out", "{client}");
    }
    assert_eq!(r["AppDatabase"]["DependsOn"], json!(["Gate"]));
}

#[test]
fn task_runner_role_and_custom_resource_follow_the_shape() {
    let mut stack = Stack::new();
    let cluster = stack.add("Cluster", CfnCluster::new());
    let role = ServiceRole::new("ecs-tasks.amazonaws.com")
        .customize(|r| r.deletion_policy(DeletionPolicy::Retain))
        .add(&mut stack, "ExecutionRole");
    let task = TaskDefinition::new("migrate")
        .execution_role(role.attr_arn())
        .container(Container::new("migrate", "app").memory_reservation_mib(64))
        .add(&mut stack, "MigrateTask");
    let runner = EcsTaskRunner::new(&cluster)
        .pass_role(&role)
        .customize_function(|f| f.memory_size(256))
        .customize_role(|r| r.deletion_policy(DeletionPolicy::Retain))
        .customize_log_group(|g| g.retention_in_days(30))
        .add(&mut stack, "Runner");
    RunTask::new(&runner, &task)
        .depends_on(&role)
        .customize(|r| r.deletion_policy(DeletionPolicy::Retain))
        .add(&mut stack, "Migrate");
    CustomResource::new(runner.function.attr_arn())
        .depends_on(&task)
        .add(&mut stack, "Plain");
    let t = template(&stack);
    let r = &t["Resources"];
    assert_eq!(r["ExecutionRole"]["DeletionPolicy"], "Retain");
    assert_eq!(r["Runner"]["Properties"]["MemorySize"], 256);
    assert_eq!(r["RunnerRole"]["DeletionPolicy"], "Retain");
    assert_eq!(r["RunnerLogGroup"]["Properties"]["RetentionInDays"], 30);
    assert_eq!(r["Migrate"]["Type"], "Custom::EcsTask");
    assert_eq!(r["Migrate"]["DeletionPolicy"], "Retain");
    assert_eq!(r["Migrate"]["DependsOn"], json!(["ExecutionRole"]));
    assert_eq!(
        r["Migrate"]["Properties"]["Cluster"],
        json!({"Ref": "Cluster"})
    );
    assert_eq!(r["Plain"]["Type"], "AWS::CloudFormation::CustomResource");
    assert_eq!(r["Plain"]["DependsOn"], json!(["MigrateTask"]));
}

#[test]
fn service_role_customize_wins_over_the_policies_the_builder_adds() {
    let mut stack = Stack::new();
    let publish =
        || PolicyDocument::new().statement(Statement::allow(["sns:Publish"]).resource("*"));
    ServiceRole::new("ecs-tasks.amazonaws.com")
        .inline_policy("Builder", publish())
        .managed_policy("arn:aws:iam::aws:policy/ReadOnlyAccess")
        .customize(|r| {
            r.policies(vec![ecs_dsl::cfn::iam::role::Policy::new(
                ecs_dsl::cfn::iam::role::PolicyRequired {
                    policy_document: PolicyDocument::new()
                        .statement(Statement::allow(["sqs:SendMessage"]).resource("*")),
                    policy_name: "Mine",
                },
            )])
            .managed_policy_arns(Vec::<String>::new())
            .role_name("my-role")
        })
        .add(&mut stack, "Role");
    let t = template(&stack);
    let role = &t["Resources"]["Role"]["Properties"];
    assert_eq!(role["RoleName"], "my-role", "{role}");
    let names: Vec<&Value> = role["Policies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["PolicyName"])
        .collect();
    assert_eq!(names, [&json!("Mine")], "{role}");
    assert_eq!(role["ManagedPolicyArns"], json!([]), "{role}");
}

#[test]
fn task_definition_and_container_customize_win_over_what_the_builders_collect() {
    use ecs_dsl::cfn::ecs::task_definition::{ContainerDefinition, KeyValuePair, PortMapping};
    let mut stack = Stack::new();
    let web = Container::new("web", "nginx")
        .memory_reservation_mib(64)
        .port(80)
        .env("FROM_BUILDER", "1")
        .customize(|d| {
            d.environment(vec![KeyValuePair::new().name("MINE").value("2")])
                .port_mappings(vec![PortMapping::new().container_port(8080).host_port(0)])
        });
    TaskDefinition::new("app")
        .container(web)
        .add(&mut stack, "App");
    let sidecar = ContainerDefinition::new(
        ecs_dsl::cfn::ecs::task_definition::ContainerDefinitionRequired {
            image: "busybox",
            name: "only",
        },
    )
    .memory_reservation(32);
    TaskDefinition::new("replaced")
        .container(Container::new("dropped", "nginx").memory_reservation_mib(64))
        .customize(|d| d.container_definitions(vec![sidecar]))
        .add(&mut stack, "Replaced");
    let t = template(&stack);
    let app = &t["Resources"]["App"]["Properties"]["ContainerDefinitions"][0];
    assert_eq!(
        app["Environment"],
        json!([{"Name": "MINE", "Value": "2"}]),
        "{app}"
    );
    assert_eq!(app["PortMappings"][0]["ContainerPort"], 8080, "{app}");
    let replaced = &t["Resources"]["Replaced"]["Properties"]["ContainerDefinitions"];
    assert_eq!(replaced.as_array().unwrap().len(), 1, "{replaced}");
    assert_eq!(replaced[0]["Name"], "only", "{replaced}");
}
