//! Services through the builders: workers without a load balancer, `DesiredCount` only when set,
//! the deployment circuit breaker on by default, alarm-based rollback, native blue/green,
//! Fargate capacity providers, Service Connect and Cloud Map; the wiring mistakes stopped at
//! synth with the user's line (`ECS035`–`ECS038`); and `customize` never overwritten.

use std::ops::RangeInclusive;

use ecs_dsl::cfn::ecs::service::{DeploymentConfiguration, LaunchType};
use ecs_dsl::cfn::servicediscovery::CfnPrivateDnsNamespace;
use ecs_dsl::cfn::servicediscovery::private_dns_namespace::CfnPrivateDnsNamespaceRequired;
use ecs_dsl::ecs::{
    ApplicationLoadBalancer, CapacityProviderStrategy, CloudMapDiscovery, Container, Ec2Cluster,
    Ec2Service, Fargate, FargateCluster, FargateClusterHandles, FargateService, FargateSize,
    Listener, ListenerRule, Network, ServiceConnect, ServiceConnectPort, TargetGroup,
    TaskDefinition, TaskDefinitionHandle,
};
use ecs_dsl::prelude::*;
use ecs_dsl::synth::{Format, render};
use ecs_dsl::{Diagnostic, Diagnostics};
use serde_json::{Value, json};

fn network() -> Network {
    Network::new("vpc-1", vec!["subnet-1", "subnet-2"])
}

fn cluster(stack: &mut Stack) -> FargateClusterHandles {
    FargateCluster::new(&network()).add(stack, "Apps")
}

fn task(stack: &mut Stack, name: &str, container: Container) -> TaskDefinitionHandle<Fargate> {
    let size = FargateSize::cpu_units(256).memory_mib(512);
    TaskDefinition::fargate(name, size)
        .container(container)
        .add(stack, &format!("{name}Task"))
}

fn template(stack: &Stack) -> Value {
    let (template, findings) = ecs_dsl::cli::check(stack);
    assert!(!findings.has_errors(), "{findings}");
    serde_json::from_str(&render(&template.unwrap(), Format::Json).unwrap()).unwrap()
}

fn findings(stack: &Stack) -> Diagnostics {
    ecs_dsl::cli::check(stack).1
}

/// The one finding of `code`, an error with help at a line of this file within `lines`.
fn stopped(stack: &Stack, code: &str, lines: RangeInclusive<u32>) -> Diagnostic {
    let (template, found) = ecs_dsl::cli::check(stack);
    assert!(template.is_none(), "a template was written despite {code}");
    let all: Vec<&Diagnostic> = found.iter().filter(|d| d.code == code).collect();
    assert_eq!(all.len(), 1, "expected one {code}:\n{found}");
    let d = all[0].clone();
    assert!(d.is_error() && d.help.is_some(), "{d}");
    let at = d
        .location
        .expect("a finding of the builders has a location");
    assert!(at.file().ends_with("ecs_services.rs"), "{d}");
    assert!(lines.contains(&at.line()), "{at} not in {lines:?}: {d}");
    d
}

#[test]
fn a_worker_has_no_load_balancer_and_no_desired_count_unless_set() {
    let mut stack = Stack::new();
    let cluster = cluster(&mut stack);
    let worker = task(&mut stack, "worker", Container::new("worker", "busybox"));
    FargateService::new(&cluster, &worker).add(&mut stack, "Worker");
    FargateService::new(&cluster, &worker)
        .desired_count(3)
        .add(&mut stack, "Counted");
    let t = template(&stack);
    let worker = &t["Resources"]["WorkerService"];
    assert!(
        worker["Properties"].get("LoadBalancers").is_none(),
        "{worker}"
    );
    assert!(
        worker["Properties"].get("DesiredCount").is_none(),
        "{worker}"
    );
    assert!(worker.get("DependsOn").is_none(), "{worker}");
    assert_eq!(worker["Properties"]["LaunchType"], "FARGATE");
    assert_eq!(
        t["Resources"]["CountedService"]["Properties"]["DesiredCount"],
        3
    );
    // Nothing reaches a worker: its security group has no ingress rule.
    let ingress: Vec<&String> = t["Resources"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|id| id.ends_with("Ingress"))
        .collect();
    assert!(ingress.is_empty(), "{ingress:?}");
}

#[test]
fn the_circuit_breaker_is_on_by_default_and_can_be_turned_off() {
    let mut stack = Stack::new();
    let cluster = cluster(&mut stack);
    let worker = task(&mut stack, "worker", Container::new("worker", "busybox"));
    FargateService::new(&cluster, &worker).add(&mut stack, "Safe");
    FargateService::new(&cluster, &worker)
        .without_circuit_breaker()
        .add(&mut stack, "Bare");
    FargateService::new(&cluster, &worker)
        .rollback_on_alarm("errors")
        .rollback_on_alarm("latency")
        .add(&mut stack, "Alarmed");
    let t = template(&stack);
    let r = &t["Resources"];
    assert_eq!(
        r["SafeService"]["Properties"]["DeploymentConfiguration"],
        json!({"DeploymentCircuitBreaker": {"Enable": true, "Rollback": true}})
    );
    assert!(
        r["BareService"]["Properties"]
            .get("DeploymentConfiguration")
            .is_none()
    );
    assert_eq!(
        r["AlarmedService"]["Properties"]["DeploymentConfiguration"]["Alarms"],
        json!({"AlarmNames": ["errors", "latency"], "Enable": true, "Rollback": true})
    );
}

#[test]
fn blue_green_shifts_between_the_rule_s_two_target_groups() {
    let mut stack = Stack::new();
    let cluster = cluster(&mut stack);
    let web = task(&mut stack, "web", Container::new("web", "nginx").port(80));
    let blue = TargetGroup::http(&network(), web.container("web").port(80))
        .add(&mut stack, "BlueTargetGroup");
    let green = TargetGroup::http(&network(), web.container("web").port(80))
        .add(&mut stack, "GreenTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network())
        .listener(
            Listener::http(80).rule(
                ListenerRule::new(1, &blue)
                    .path_pattern("/*")
                    .alternate(&green),
            ),
        )
        .listener(
            Listener::http(9000).for_test_traffic().rule(
                ListenerRule::new(1, &blue)
                    .path_pattern("/*")
                    .alternate(&green),
            ),
        )
        .add(&mut stack, "Public");
    let handles = FargateService::new(&cluster, &web)
        .blue_green(10)
        .load_balancer(&alb, &blue)
        .add(&mut stack, "Web");
    assert!(handles.blue_green_role.is_some());
    let t = template(&stack);
    let r = &t["Resources"];
    let service = &r["WebService"];
    let deployment = &service["Properties"]["DeploymentConfiguration"];
    assert_eq!(deployment["Strategy"], "BLUE_GREEN");
    assert_eq!(deployment["BakeTimeInMinutes"], 10);
    assert!(
        deployment.get("DeploymentCircuitBreaker").is_none(),
        "{deployment}"
    );
    let advanced = &service["Properties"]["LoadBalancers"][0]["AdvancedConfiguration"];
    assert_eq!(
        advanced,
        &json!({
            "AlternateTargetGroupArn": {"Ref": "GreenTargetGroup"},
            "ProductionListenerRule": {"Ref": "PublicLoadBalancerHttpRule1"},
            "RoleArn": {"Fn::GetAtt": ["WebServiceBlueGreenRole", "Arn"]},
            "TestListenerRule": {"Ref": "PublicLoadBalancerHttp9000Rule1"},
        })
    );
    // The rules are named in `AdvancedConfiguration`: no `DependsOn` restates that order.
    assert!(service.get("DependsOn").is_none(), "{service}");
    let forward = &r["PublicLoadBalancerHttpRule1"]["Properties"]["Actions"][0]["ForwardConfig"];
    assert_eq!(
        forward["TargetGroups"],
        json!([
            {"TargetGroupArn": {"Ref": "BlueTargetGroup"}, "Weight": 100},
            {"TargetGroupArn": {"Ref": "GreenTargetGroup"}, "Weight": 0},
        ])
    );
    let role = &r["WebServiceBlueGreenRole"]["Properties"];
    assert_eq!(
        role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"],
        json!(["ecs.amazonaws.com"])
    );
}

#[test]
fn blue_green_without_an_alternate_target_group() {
    let mut stack = Stack::new();
    let cluster = cluster(&mut stack);
    let web = task(&mut stack, "web", Container::new("web", "nginx").port(80));
    let blue = TargetGroup::http(&network(), web.container("web").port(80))
        .add(&mut stack, "BlueTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network())
        .listener(Listener::http(80).forward(&blue))
        .add(&mut stack, "Public");
    let at = line!() + 3;
    FargateService::new(&cluster, &web)
        .blue_green(10)
        .load_balancer(&alb, &blue)
        .add(&mut stack, "Web");
    let d = stopped(&stack, "ECS035", at..=at);
    assert!(
        d.help.as_deref().unwrap().contains(".alternate(&green)"),
        "{d}"
    );
}

#[test]
fn fargate_spot_through_capacity_providers() {
    let mut stack = Stack::new();
    let cluster = FargateCluster::new(&network())
        .default_capacity_provider_strategy([
            CapacityProviderStrategy::fargate().base(1).weight(1),
            CapacityProviderStrategy::fargate_spot().weight(4),
        ])
        .add(&mut stack, "Apps");
    let worker = task(&mut stack, "worker", Container::new("worker", "busybox"));
    FargateService::new(&cluster, &worker)
        .capacity_provider_strategy([CapacityProviderStrategy::fargate_spot()])
        .add(&mut stack, "Worker");
    let t = template(&stack);
    let r = &t["Resources"];
    assert_eq!(
        r["AppsClusterCapacityProviders"]["Properties"],
        json!({
            "CapacityProviders": ["FARGATE", "FARGATE_SPOT"],
            "Cluster": {"Ref": "AppsCluster"},
            "DefaultCapacityProviderStrategy": [
                {"Base": 1, "CapacityProvider": "FARGATE", "Weight": 1},
                {"CapacityProvider": "FARGATE_SPOT", "Weight": 4},
            ],
        })
    );
    let service = &r["WorkerService"];
    assert_eq!(
        service["Properties"]["CapacityProviderStrategy"],
        json!([{"CapacityProvider": "FARGATE_SPOT", "Weight": 1}])
    );
    assert!(service["Properties"].get("LaunchType").is_none());
    assert_eq!(
        service["DependsOn"],
        json!(["AppsClusterCapacityProviders"])
    );
}

#[test]
fn capacity_provider_the_cluster_does_not_have() {
    let mut stack = Stack::new();
    let cluster = cluster(&mut stack);
    let worker = task(&mut stack, "worker", Container::new("worker", "busybox"));
    let at = line!() + 3;
    FargateService::new(&cluster, &worker)
        .capacity_provider_strategy([CapacityProviderStrategy::fargate_spot()])
        .add(&mut stack, "Worker");
    let d = stopped(&stack, "ECS036", at..=at);
    assert!(d.message.contains("`FARGATE_SPOT`"), "{d}");
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("default_capacity_provider_strategy")
    );
}

#[test]
fn service_connect_serves_a_named_port_under_its_alias() {
    let mut stack = Stack::new();
    let cluster = FargateCluster::new(&network())
        .service_connect_namespace("internal")
        .add(&mut stack, "Apps");
    let api = task(
        &mut stack,
        "api",
        Container::new("api", "nginx").named_port("http", 8080),
    );
    FargateService::new(&cluster, &api)
        .service_connect(
            ServiceConnect::new("internal").serve(
                ServiceConnectPort::new(api.container("api").port(8080))
                    .client_alias("api", 80)
                    .discovery_name("api-http"),
            ),
        )
        .add(&mut stack, "Api");
    let t = template(&stack);
    let r = &t["Resources"];
    assert_eq!(
        r["AppsCluster"]["Properties"]["ServiceConnectDefaults"],
        json!({"Namespace": "internal"})
    );
    assert_eq!(
        r["ApiService"]["Properties"]["ServiceConnectConfiguration"],
        json!({
            "Enabled": true,
            "Namespace": "internal",
            "Services": [{
                "ClientAliases": [{"DnsName": "api", "Port": 80}],
                "DiscoveryName": "api-http",
                "PortName": "http",
            }],
        })
    );
    assert_eq!(
        r["apiTask"]["Properties"]["ContainerDefinitions"][0]["PortMappings"],
        json!([{"ContainerPort": 8080, "HostPort": 8080, "Name": "http"}])
    );
}

#[test]
fn service_connect_port_without_a_name() {
    let mut stack = Stack::new();
    let cluster = cluster(&mut stack);
    let api = task(&mut stack, "api", Container::new("api", "nginx").port(8080));
    let at = line!() + 4;
    FargateService::new(&cluster, &api)
        .service_connect(
            ServiceConnect::new("internal")
                .serve(ServiceConnectPort::new(api.container("api").port(8080))),
        )
        .add(&mut stack, "Api");
    let d = stopped(&stack, "ECS037", at..=at);
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains(".named_port(\"api\", 8080)"),
        "{d}"
    );
}

#[test]
fn service_connect_port_of_another_task_definition() {
    let mut stack = Stack::new();
    let cluster = cluster(&mut stack);
    let api = task(
        &mut stack,
        "api",
        Container::new("api", "nginx").named_port("http", 80),
    );
    let web = task(
        &mut stack,
        "web",
        Container::new("web", "nginx").named_port("http", 80),
    );
    let at = line!() + 4;
    FargateService::new(&cluster, &web)
        .service_connect(
            ServiceConnect::new("internal")
                .serve(ServiceConnectPort::new(api.container("api").port(80))),
        )
        .add(&mut stack, "Web");
    let d = stopped(&stack, "ECS038", at..=at);
    assert!(d.message.contains("runs task definition `webTask`"), "{d}");
}

#[test]
fn cloud_map_registers_the_tasks_as_dns_records() {
    let mut stack = Stack::new();
    let cluster = cluster(&mut stack);
    let namespace = stack.add(
        "Internal",
        CfnPrivateDnsNamespace::new(CfnPrivateDnsNamespaceRequired { name: "internal" })
            .vpc("vpc-1"),
    );
    let worker = task(&mut stack, "worker", Container::new("worker", "busybox"));
    FargateService::new(&cluster, &worker)
        .cloud_map(CloudMapDiscovery::new(namespace.attr_id(), "worker").ttl_seconds(30))
        .add(&mut stack, "Worker");
    let t = template(&stack);
    let r = &t["Resources"];
    assert_eq!(
        r["WorkerDiscoveryService"]["Properties"],
        json!({
            "DnsConfig": {
                "DnsRecords": [{"TTL": 30.0, "Type": "A"}],
                "NamespaceId": {"Fn::GetAtt": ["Internal", "Id"]},
                "RoutingPolicy": "MULTIVALUE",
            },
            "HealthCheckCustomConfig": {},
            "Name": "worker",
        })
    );
    assert_eq!(
        r["WorkerService"]["Properties"]["ServiceRegistries"],
        json!([{"RegistryArn": {"Fn::GetAtt": ["WorkerDiscoveryService", "Arn"]}}])
    );
}

/// The service builders apply `customize_<part>` last: what the user set there stays.
#[test]
fn customize_is_never_overwritten_by_the_service_builders() {
    let mut stack = Stack::new();
    let cluster = FargateCluster::new(&network())
        .customize_cluster(|c| c.cluster_name("mine"))
        .cluster_name("builder")
        .customize_capacity_providers(|a| a.capacity_providers(vec!["FARGATE"]))
        .default_capacity_provider_strategy([CapacityProviderStrategy::fargate()])
        .add(&mut stack, "Apps");
    let web = task(&mut stack, "web", Container::new("web", "nginx").port(80));
    let blue = TargetGroup::http(&network(), web.container("web").port(80))
        .add(&mut stack, "BlueTargetGroup");
    let green = TargetGroup::http(&network(), web.container("web").port(80))
        .add(&mut stack, "GreenTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network())
        .listener(
            Listener::http(80).rule(
                ListenerRule::new(1, &blue)
                    .path_pattern("/*")
                    .alternate(&green),
            ),
        )
        .add(&mut stack, "Public");
    FargateService::new(&cluster, &web)
        .customize_service(|s| {
            s.desired_count(7)
                .launch_type(LaunchType::Fargate)
                .deployment_configuration(DeploymentConfiguration::new().maximum_percent(150))
        })
        .customize_task_security_group(|g| g.group_description("mine"))
        .customize_ingress(|i| i.description("mine in"))
        .customize_egress(|e| e.description("mine out"))
        .customize_blue_green_role(|r| r.role_name("mine"))
        .desired_count(2)
        .maximum_percent(200)
        .blue_green(5)
        .load_balancer(&alb, &blue)
        .add(&mut stack, "Web");
    let t = template(&stack);
    let r = &t["Resources"];
    assert_eq!(r["AppsCluster"]["Properties"]["ClusterName"], "mine");
    assert_eq!(
        r["AppsClusterCapacityProviders"]["Properties"]["CapacityProviders"],
        json!(["FARGATE"])
    );
    let service = &r["WebService"]["Properties"];
    assert_eq!(service["DesiredCount"], 7);
    assert_eq!(service["LaunchType"], "FARGATE");
    assert_eq!(
        service["DeploymentConfiguration"],
        json!({"MaximumPercent": 150})
    );
    assert_eq!(
        r["WebServiceSecurityGroup"]["Properties"]["GroupDescription"],
        "mine"
    );
    assert_eq!(
        r["PublicLoadBalancerToWebIngress"]["Properties"]["Description"],
        "mine in"
    );
    assert_eq!(
        r["PublicLoadBalancerToWebEgress"]["Properties"]["Description"],
        "mine out"
    );
    assert_eq!(
        r["WebServiceBlueGreenRole"]["Properties"]["RoleName"],
        "mine"
    );
    assert!(!findings(&stack).has_errors());
}

/// An EC2 service behind a shared load balancer opens the dynamic host ports of its instances.
#[test]
fn ec2_service_behind_a_rule_opens_the_dynamic_ports() {
    let mut stack = Stack::new();
    let cluster = Ec2Cluster::new(&network(), "ami-1").add(&mut stack, "App");
    let app = TaskDefinition::new("app")
        .container(
            Container::new("web", "nginx")
                .memory_reservation_mib(128)
                .port(80),
        )
        .add(&mut stack, "AppTask");
    let group = TargetGroup::http(&network(), app.container("web").port(80))
        .add(&mut stack, "AppTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network())
        .listener(Listener::http(80).rule(ListenerRule::new(5, &group).path_pattern("/app/*")))
        .add(&mut stack, "Public");
    Ec2Service::new(&cluster, &app)
        .load_balancer(&alb, &group)
        .add(&mut stack, "App");
    let t = template(&stack);
    let ingress = &t["Resources"]["PublicLoadBalancerToAppIngress"]["Properties"];
    assert_eq!(
        (&ingress["FromPort"], &ingress["ToPort"]),
        (&json!(32768), &json!(60999))
    );
    assert_eq!(ingress["GroupId"]["Ref"], "AppAutoscalingSecurityGroup");
    assert_eq!(
        t["Resources"]["AppTargetGroup"]["Properties"]["TargetType"],
        "instance"
    );
}
