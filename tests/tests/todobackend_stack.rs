//! `cargo run --example todobackend` holds every resource of the book's chapter-8 stack and the
//! values the book's chapter shows. The expected values are written here, not read from the book's
//! files (the project does not depend on them).

use ecs_dsl::synth::Format;
use ecs_dsl_tests::oracle::example_template;
use serde_json::{Value, json};

fn template() -> Value {
    serde_json::from_str(&example_template("todobackend", Format::Json))
        .expect("the example prints JSON")
}

/// The book's resources that keep their kind, by logical ID.
const BOOK_RESOURCES: [(&str, &str); 24] = [
    ("MigrateTaskDefinition", "AWS::ECS::TaskDefinition"),
    ("EcsTaskRunner", "AWS::Lambda::Function"),
    ("EcsTaskRunnerRole", "AWS::IAM::Role"),
    ("EcsTaskRunnerLogGroup", "AWS::Logs::LogGroup"),
    ("ApplicationService", "AWS::ECS::Service"),
    ("ApplicationTaskDefinition", "AWS::ECS::TaskDefinition"),
    ("ApplicationLogGroup", "AWS::Logs::LogGroup"),
    (
        "ApplicationServiceTargetGroup",
        "AWS::ElasticLoadBalancingV2::TargetGroup",
    ),
    (
        "ApplicationLoadBalancerHttpListener",
        "AWS::ElasticLoadBalancingV2::Listener",
    ),
    (
        "ApplicationLoadBalancer",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
    ),
    (
        "ApplicationLoadBalancerSecurityGroup",
        "AWS::EC2::SecurityGroup",
    ),
    (
        "ApplicationLoadBalancerToApplicationIngress",
        "AWS::EC2::SecurityGroupIngress",
    ),
    (
        "ApplicationLoadBalancerToApplicationEgress",
        "AWS::EC2::SecurityGroupEgress",
    ),
    ("ApplicationDatabase", "AWS::RDS::DBInstance"),
    ("ApplicationDatabaseSubnetGroup", "AWS::RDS::DBSubnetGroup"),
    (
        "ApplicationDatabaseSecurityGroup",
        "AWS::EC2::SecurityGroup",
    ),
    (
        "ApplicationToApplicationDatabaseIngress",
        "AWS::EC2::SecurityGroupIngress",
    ),
    (
        "ApplicationToApplicationDatabaseEgress",
        "AWS::EC2::SecurityGroupEgress",
    ),
    (
        "ApplicationAutoscalingSecurityGroup",
        "AWS::EC2::SecurityGroup",
    ),
    (
        "ApplicationAutoscalingInstanceProfile",
        "AWS::IAM::InstanceProfile",
    ),
    ("ApplicationAutoscalingInstanceRole", "AWS::IAM::Role"),
    ("ApplicationCluster", "AWS::ECS::Cluster"),
    (
        "ApplicationAutoscaling",
        "AWS::AutoScaling::AutoScalingGroup",
    ),
    // The book's `AWS::CloudFormation::CustomResource`, as a named custom type.
    ("MigrateTask", "Custom::EcsTask"),
];

/// Documented substitutes and additions (see the example's doc comment).
const NEW_RESOURCES: [(&str, &str); 4] = [
    (
        "ApplicationAutoscalingLaunchTemplate",
        "AWS::EC2::LaunchTemplate",
    ),
    ("ApplicationDatabaseSecret", "AWS::SecretsManager::Secret"),
    ("ApplicationSecretKey", "AWS::SecretsManager::Secret"),
    ("ApplicationTaskExecutionRole", "AWS::IAM::Role"),
];

#[test]
fn holds_the_books_resources_and_only_the_documented_additions() {
    let t = template();
    let resources = t["Resources"].as_object().unwrap();
    for (id, kind) in BOOK_RESOURCES.iter().chain(&NEW_RESOURCES) {
        assert_eq!(
            resources.get(*id).map(|r| &r["Type"]),
            Some(&json!(kind)),
            "{id}"
        );
    }
    assert_eq!(
        resources.len(),
        BOOK_RESOURCES.len() + NEW_RESOURCES.len(),
        "unexpected resources: {:?}",
        resources.keys().collect::<Vec<_>>()
    );
    assert!(
        !resources.contains_key("ApplicationAutoscalingLaunchConfiguration"),
        "the launch configuration is replaced"
    );
}

#[test]
fn keeps_the_books_parameters_and_output() {
    let t = template();
    let params = t["Parameters"].as_object().unwrap();
    let names: Vec<&String> = params.keys().collect();
    assert_eq!(
        names,
        [
            "ApplicationDesiredCount",
            "ApplicationImageId",
            "ApplicationImageTag",
            "ApplicationSubnets",
            "VpcId"
        ]
    );
    assert_eq!(params["ApplicationDesiredCount"]["Type"], json!("Number"));
    assert_eq!(
        params["ApplicationImageId"]["Type"],
        json!("AWS::EC2::Image::Id")
    );
    assert_eq!(params["ApplicationImageTag"]["Default"], json!("latest"));
    assert_eq!(
        params["ApplicationSubnets"]["Type"],
        json!("List<AWS::EC2::Subnet::Id>")
    );
    assert_eq!(params["VpcId"]["Type"], json!("AWS::EC2::VPC::Id"));
    assert_eq!(
        t["Outputs"]["PublicURL"]["Value"],
        json!({"Fn::Sub": "${ApplicationLoadBalancer.DNSName}"})
    );
}

fn container<'a>(task_definition: &'a Value, name: &str) -> &'a Value {
    task_definition["Properties"]["ContainerDefinitions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["Name"] == name)
        .unwrap_or_else(|| panic!("no container {name}"))
}

#[test]
fn the_application_task_definition_has_the_seeds_values() {
    let t = template();
    let td = &t["Resources"]["ApplicationTaskDefinition"];
    assert_eq!(td["Properties"]["Family"], json!("todobackend"));
    assert_eq!(
        td["Properties"]["Volumes"],
        json!([{"Name": "public", "Host": {"SourcePath": "/data/public"}}])
    );
    let app = container(td, "todobackend");
    assert_eq!(app["Cpu"], json!(245));
    assert_eq!(app["MemoryReservation"], json!(395));
    assert_eq!(
        app["PortMappings"],
        json!([{"ContainerPort": 8000, "HostPort": 0}])
    );
    assert_eq!(
        app["MountPoints"],
        json!([{"SourceVolume": "public", "ContainerPath": "/public"}])
    );
    assert_eq!(app["LogConfiguration"]["LogDriver"], json!("awslogs"));
    assert_eq!(
        app["LogConfiguration"]["Options"]["awslogs-group"],
        json!({"Ref": "ApplicationLogGroup"})
    );
    assert_eq!(app["Command"][0], json!("uwsgi"));
    assert!(
        app.get("Essential").is_none(),
        "the application container is essential (the default)"
    );
    let collectstatic = container(td, "collectstatic");
    assert_eq!(collectstatic["Essential"], json!(false));
    assert_eq!(
        collectstatic["Command"],
        json!(["python3", "manage.py", "collectstatic", "--no-input"])
    );
}

#[test]
fn the_service_rolls_out_200_100_behind_the_load_balancer() {
    let t = template();
    let service = &t["Resources"]["ApplicationService"]["Properties"];
    assert_eq!(
        service["DeploymentConfiguration"],
        json!({
            "DeploymentCircuitBreaker": {"Enable": true, "Rollback": true},
            "MaximumPercent": 200,
            "MinimumHealthyPercent": 100
        })
    );
    assert_eq!(
        service["DesiredCount"],
        json!({"Ref": "ApplicationDesiredCount"})
    );
    assert_eq!(
        service["TaskDefinition"],
        json!({"Ref": "ApplicationTaskDefinition"})
    );
    assert_eq!(
        service["LoadBalancers"],
        json!([{"ContainerName": "todobackend", "ContainerPort": 8000, "TargetGroupArn": {"Ref": "ApplicationServiceTargetGroup"}}])
    );
    let depends_on = &t["Resources"]["ApplicationService"]["DependsOn"];
    assert_eq!(
        depends_on,
        &json!([
            "ApplicationAutoscaling",
            "ApplicationLoadBalancerHttpListener",
            "MigrateTask"
        ])
    );
    let target_group = &t["Resources"]["ApplicationServiceTargetGroup"]["Properties"];
    assert_eq!(target_group["HealthCheckPort"], json!("traffic-port"));
    assert_eq!(target_group["Port"], json!(8000));
}

#[test]
fn the_migration_runs_before_the_service_on_a_current_runtime() {
    let t = template();
    let migrate = &t["Resources"]["MigrateTask"];
    assert_eq!(
        migrate["DependsOn"],
        json!(["ApplicationAutoscaling", "ApplicationDatabase"])
    );
    assert_eq!(
        migrate["Properties"]["TaskDefinition"],
        json!({"Ref": "MigrateTaskDefinition"})
    );
    assert_eq!(
        migrate["Properties"]["ServiceToken"],
        json!({"Fn::GetAtt": ["EcsTaskRunner", "Arn"]})
    );
    assert_eq!(
        container(&t["Resources"]["MigrateTaskDefinition"], "migrate")["Command"],
        json!(["python3", "manage.py", "migrate", "--no-input"])
    );
    assert_eq!(
        t["Resources"]["EcsTaskRunner"]["Properties"]["Runtime"],
        json!("python3.12")
    );
}

#[test]
fn no_secret_is_in_the_template() {
    let t = template();
    let db = &t["Resources"]["ApplicationDatabase"]["Properties"];
    assert_eq!(
        db["MasterUserPassword"],
        json!({"Fn::Sub": "{{resolve:secretsmanager:${ApplicationDatabaseSecret}:SecretString:password}}"})
    );
    let app = container(&t["Resources"]["ApplicationTaskDefinition"], "todobackend");
    let env_names: Vec<&str> = app["Environment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["Name"].as_str().unwrap())
        .collect();
    assert!(
        !env_names.contains(&"MYSQL_PASSWORD") && !env_names.contains(&"SECRET_KEY"),
        "{env_names:?}"
    );
    let secret_names: Vec<&str> = app["Secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["Name"].as_str().unwrap())
        .collect();
    assert_eq!(secret_names, ["MYSQL_PASSWORD", "SECRET_KEY"]);
}
