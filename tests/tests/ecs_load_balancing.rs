//! Load balancing through the builders: one ALB shared by several services through listener
//! rules, HTTPS with a redirect, an NLB for a TCP service, target-group health checks; the wiring
//! mistakes stopped at synth with the user's line (`ECS030`–`ECS034`); and what a user sets
//! through `customize` is never overwritten by a builder.

use std::ops::RangeInclusive;

use ecs_dsl::cfn::elasticloadbalancingv2::target_group::Matcher;
use ecs_dsl::ecs::Fargate;
use ecs_dsl::ecs::{
    ApplicationLoadBalancer, Container, DnsValidatedCertificate, FargateCluster,
    FargateClusterHandles, FargateService, FargateSize, Listener, ListenerRule, Network,
    NetworkLoadBalancer, TargetGroup, TaskDefinition, TaskDefinitionHandle, TcpListener,
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

fn task(stack: &mut Stack, name: &str, port: u16) -> TaskDefinitionHandle<Fargate> {
    let size = FargateSize::cpu_units(256).memory_mib(512);
    TaskDefinition::fargate(name, size)
        .container(Container::new(name, "nginx").port(port))
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

/// The one finding of `code`, which must name this file at a line in `lines`.
fn stopped(stack: &Stack, code: &str, lines: RangeInclusive<u32>) -> Diagnostic {
    let (template, found) = ecs_dsl::cli::check(stack);
    assert!(template.is_none(), "a template was written despite {code}");
    let d = found
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} in:\n{found}"))
        .clone();
    assert!(d.is_error() && d.help.is_some(), "{d}");
    let at = d
        .location
        .expect("a finding of the builders has a location");
    assert!(at.file().ends_with("ecs_load_balancing.rs"), "{d}");
    assert!(lines.contains(&at.line()), "{at} not in {lines:?}: {d}");
    d
}

#[test]
fn one_load_balancer_serves_two_services_through_path_rules() {
    let mut stack = Stack::new();
    let cluster = cluster(&mut stack);
    let web = task(&mut stack, "web", 80);
    let api = task(&mut stack, "api", 8080);
    let web_group = TargetGroup::http(&network(), web.container("web").port(80))
        .add(&mut stack, "WebTargetGroup");
    let api_group = TargetGroup::http(&network(), api.container("api").port(8080))
        .health_check_path("/health")
        .add(&mut stack, "ApiTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network())
        .listener(
            Listener::http(80)
                .rule(ListenerRule::new(10, &api_group).path_pattern("/api/*"))
                .rule(ListenerRule::new(20, &web_group).host_header("www.example.com")),
        )
        .add(&mut stack, "Public");
    FargateService::new(&cluster, &web)
        .load_balancer(&alb, &web_group)
        .add(&mut stack, "Web");
    FargateService::new(&cluster, &api)
        .load_balancer(&alb, &api_group)
        .add(&mut stack, "Api");
    let t = template(&stack);
    let r = &t["Resources"];

    let listener = &r["PublicLoadBalancerHttpListener"]["Properties"];
    assert_eq!(listener["DefaultActions"][0]["Type"], "fixed-response");
    assert_eq!(
        listener["DefaultActions"][0]["FixedResponseConfig"]["StatusCode"],
        "404"
    );
    let api_rule = &r["PublicLoadBalancerHttpRule10"]["Properties"];
    assert_eq!(api_rule["Priority"], 10);
    assert_eq!(
        api_rule["Conditions"],
        json!([{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*"]}}])
    );
    assert_eq!(
        api_rule["Actions"][0]["TargetGroupArn"]["Ref"],
        "ApiTargetGroup"
    );
    assert_eq!(
        r["PublicLoadBalancerHttpRule20"]["Properties"]["Conditions"][0]["HostHeaderConfig"],
        json!({"Values": ["www.example.com"]})
    );
    // Each service starts after the rule that attaches its target group, and the load balancer
    // may reach each service's tasks on their own port.
    assert_eq!(
        r["ApiService"]["DependsOn"],
        json!(["PublicLoadBalancerHttpRule10"])
    );
    assert_eq!(
        r["WebService"]["DependsOn"],
        json!(["PublicLoadBalancerHttpRule20"])
    );
    assert_eq!(
        r["PublicLoadBalancerToApiIngress"]["Properties"]["FromPort"],
        8080
    );
    assert_eq!(
        r["PublicLoadBalancerToWebIngress"]["Properties"]["FromPort"],
        80
    );
    assert_eq!(
        r["ApiTargetGroup"]["Properties"]["HealthCheckPath"],
        "/health"
    );
    assert_eq!(r["ApiTargetGroup"]["Properties"]["TargetType"], "ip");
    // One security group for the load balancer, open on its one listener port.
    let ingress = &r["PublicLoadBalancerSecurityGroup"]["Properties"]["SecurityGroupIngress"];
    assert_eq!(ingress.as_array().unwrap().len(), 1);
}

#[test]
fn https_with_a_certificate_and_a_redirect_from_http() {
    let mut stack = Stack::new();
    let web = task(&mut stack, "web", 80);
    let certificate = DnsValidatedCertificate::new("app.example.com")
        .hosted_zone_id("Z123")
        .alternative_name("www.example.com")
        .add(&mut stack, "Certificate");
    let group = TargetGroup::http(&network(), web.container("web").port(80))
        .health_check_codes("200-299")
        .health_check_interval_seconds(10)
        .health_check_timeout_seconds(5)
        .healthy_threshold_count(2)
        .unhealthy_threshold_count(3)
        .add(&mut stack, "WebTargetGroup");
    ApplicationLoadBalancer::new(&network())
        .listener(Listener::https(443, certificate.ref_()).forward(&group))
        .listener(Listener::http(80).redirect_to_https())
        .add(&mut stack, "Public");
    let t = template(&stack);
    let r = &t["Resources"];
    let https = &r["PublicLoadBalancerHttpsListener"]["Properties"];
    assert_eq!(https["Protocol"], "HTTPS");
    assert_eq!(https["Port"], 443);
    assert_eq!(
        https["Certificates"],
        json!([{"CertificateArn": {"Ref": "Certificate"}}])
    );
    assert_eq!(https["SslPolicy"], "ELBSecurityPolicy-TLS13-1-2-2021-06");
    let redirect = &r["PublicLoadBalancerHttpListener"]["Properties"]["DefaultActions"][0];
    assert_eq!(
        redirect["RedirectConfig"],
        json!({"Port": "443", "Protocol": "HTTPS", "StatusCode": "HTTP_301"})
    );
    let ports: Vec<&Value> =
        r["PublicLoadBalancerSecurityGroup"]["Properties"]["SecurityGroupIngress"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| &i["FromPort"])
            .collect();
    assert_eq!(ports, [&json!(443), &json!(80)]);
    let options = &r["Certificate"]["Properties"]["DomainValidationOptions"];
    assert_eq!(
        options.as_array().unwrap().len(),
        2,
        "one per name: {options}"
    );
    assert_eq!(r["Certificate"]["Properties"]["ValidationMethod"], "DNS");
    let group = &r["WebTargetGroup"]["Properties"];
    assert_eq!(group["Matcher"], json!({"HttpCode": "200-299"}));
    assert_eq!(
        (
            &group["HealthCheckIntervalSeconds"],
            &group["HealthCheckTimeoutSeconds"],
            &group["HealthyThresholdCount"],
            &group["UnhealthyThresholdCount"]
        ),
        (&json!(10), &json!(5), &json!(2), &json!(3))
    );
}

#[test]
fn a_tcp_service_behind_a_network_load_balancer() {
    let mut stack = Stack::new();
    let cluster = cluster(&mut stack);
    let cache = task(&mut stack, "cache", 6379);
    let group = TargetGroup::tcp(&network(), cache.container("cache").port(6379))
        .add(&mut stack, "CacheTargetGroup");
    let nlb = NetworkLoadBalancer::new(&network())
        .internal()
        .allow_from_cidr("10.0.0.0/16")
        .listener(TcpListener::new(6379, &group))
        .add(&mut stack, "Cache");
    FargateService::new(&cluster, &cache)
        .load_balancer(&nlb, &group)
        .add(&mut stack, "Cache");
    let t = template(&stack);
    let r = &t["Resources"];
    let lb = &r["CacheLoadBalancer"]["Properties"];
    assert_eq!(lb["Type"], "network");
    assert_eq!(lb["Scheme"], "internal");
    assert!(lb.get("LoadBalancerAttributes").is_none(), "{lb}");
    let listener = &r["CacheLoadBalancerTcp6379Listener"]["Properties"];
    assert_eq!(
        (&listener["Protocol"], &listener["Port"]),
        (&json!("TCP"), &json!(6379))
    );
    assert_eq!(r["CacheTargetGroup"]["Properties"]["Protocol"], "TCP");
    assert_eq!(
        r["CacheLoadBalancerSecurityGroup"]["Properties"]["SecurityGroupIngress"][0]["CidrIp"],
        "10.0.0.0/16"
    );
    assert_eq!(
        r["CacheService"]["DependsOn"],
        json!(["CacheLoadBalancerTcp6379Listener"])
    );
}

#[test]
fn two_rules_of_one_listener_with_one_priority() {
    let mut stack = Stack::new();
    let web = task(&mut stack, "web", 80);
    let group = TargetGroup::http(&network(), web.container("web").port(80))
        .add(&mut stack, "WebTargetGroup");
    let (first, a) = (line!(), ListenerRule::new(10, &group).path_pattern("/a/*"));
    let (second, b) = (line!(), ListenerRule::new(10, &group).path_pattern("/b/*"));
    ApplicationLoadBalancer::new(&network())
        .listener(Listener::http(80).rule(a).rule(b))
        .add(&mut stack, "Public");
    let d = stopped(&stack, "ECS030", second..=second);
    assert!(d.message.contains("priority 10"), "{d}");
    assert_eq!(d.related.unwrap().1.line(), first, "the other rule");
}

#[test]
fn listener_rule_priority_out_of_range() {
    let mut stack = Stack::new();
    let web = task(&mut stack, "web", 80);
    let group = TargetGroup::http(&network(), web.container("web").port(80))
        .add(&mut stack, "WebTargetGroup");
    let at = line!() + 1;
    let rule = ListenerRule::new(50_001, &group).path_pattern("/a/*");
    ApplicationLoadBalancer::new(&network())
        .listener(Listener::http(80).rule(rule))
        .add(&mut stack, "Public");
    let d = stopped(&stack, "ECS031", at..=at);
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("1 (evaluated first) to 50000")
    );
}

#[test]
fn listener_rule_without_a_condition() {
    let mut stack = Stack::new();
    let web = task(&mut stack, "web", 80);
    let group = TargetGroup::http(&network(), web.container("web").port(80))
        .add(&mut stack, "WebTargetGroup");
    let at = line!() + 2;
    ApplicationLoadBalancer::new(&network())
        .listener(Listener::http(80).rule(ListenerRule::new(5, &group)))
        .add(&mut stack, "Public");
    let d = stopped(&stack, "ECS032", at..=at);
    assert!(d.help.as_deref().unwrap().contains(".path_pattern("));
}

#[test]
fn service_in_a_target_group_no_listener_forwards_to() {
    let mut stack = Stack::new();
    let cluster = cluster(&mut stack);
    let web = task(&mut stack, "web", 80);
    let group = TargetGroup::http(&network(), web.container("web").port(80))
        .add(&mut stack, "WebTargetGroup");
    let other = TargetGroup::http(&network(), web.container("web").port(80))
        .add(&mut stack, "OtherTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network())
        .listener(Listener::http(80).forward(&other))
        .add(&mut stack, "Public");
    let at = line!() + 2;
    FargateService::new(&cluster, &web)
        .load_balancer(&alb, &group)
        .add(&mut stack, "Web");
    let d = stopped(&stack, "ECS033", at..=at);
    assert!(d.message.contains("`WebTargetGroup`"), "{d}");
}

#[test]
fn service_in_a_target_group_of_another_task_definition() {
    let mut stack = Stack::new();
    let cluster = cluster(&mut stack);
    let web = task(&mut stack, "web", 80);
    let api = task(&mut stack, "api", 80);
    let group = TargetGroup::http(&network(), api.container("api").port(80))
        .add(&mut stack, "ApiTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network())
        .listener(Listener::http(80).forward(&group))
        .add(&mut stack, "Public");
    let at = line!() + 2;
    FargateService::new(&cluster, &web)
        .load_balancer(&alb, &group)
        .add(&mut stack, "Web");
    let d = stopped(&stack, "ECS034", at..=at);
    assert!(d.message.contains("runs `webTask`"), "{d}");
}

/// Every load-balancing builder applies `customize` last: what the user set there stays.
#[test]
fn customize_is_never_overwritten_by_the_load_balancing_builders() {
    let mut stack = Stack::new();
    let web = task(&mut stack, "web", 80);
    let certificate = DnsValidatedCertificate::new("app.example.com")
        .customize(|c| c.validation_method("EMAIL"))
        .hosted_zone_id("Z1")
        .add(&mut stack, "Certificate");
    let group = TargetGroup::http(&network(), web.container("web").port(80))
        .customize(|g| {
            g.health_check_path("/mine")
                .matcher(Matcher::new().http_code("204"))
                .health_check_port("81")
        })
        .health_check_path("/builder")
        .health_check_codes("200")
        .add(&mut stack, "WebTargetGroup");
    ApplicationLoadBalancer::new(&network())
        .customize_load_balancer(|l| {
            l.scheme(ecs_dsl::cfn::elasticloadbalancingv2::load_balancer::Scheme::Internal)
        })
        .customize_security_group(|g| g.group_description("mine"))
        .listener(
            Listener::https(443, certificate.ref_())
                .customize(|l| l.ssl_policy("ELBSecurityPolicy-TLS13-1-3-2021-06"))
                .forward(&group),
        )
        .listener(
            Listener::http(80).rule(
                ListenerRule::new(3, &group)
                    .customize(|r| r.priority(4))
                    .path_pattern("/x"),
            ),
        )
        .idle_timeout_seconds(60)
        .add(&mut stack, "Public");
    let t = template(&stack);
    let r = &t["Resources"];
    assert_eq!(r["Certificate"]["Properties"]["ValidationMethod"], "EMAIL");
    let g = &r["WebTargetGroup"]["Properties"];
    assert_eq!(g["HealthCheckPath"], "/mine");
    assert_eq!(g["Matcher"]["HttpCode"], "204");
    assert_eq!(g["HealthCheckPort"], "81");
    assert_eq!(r["PublicLoadBalancer"]["Properties"]["Scheme"], "internal");
    assert_eq!(
        r["PublicLoadBalancerSecurityGroup"]["Properties"]["GroupDescription"],
        "mine"
    );
    assert_eq!(
        r["PublicLoadBalancerHttpsListener"]["Properties"]["SslPolicy"],
        "ELBSecurityPolicy-TLS13-1-3-2021-06"
    );
    assert_eq!(
        r["PublicLoadBalancerHttpRule3"]["Properties"]["Priority"],
        4
    );
    assert!(!findings(&stack).has_errors());
}
