//! The benchmark's big stack: `sets` independent ECS service sets of [`SET_SIZE`] resources each
//! (cluster, Fargate task definition and service behind its own load balancer, queues, bucket,
//! secret, roles, security group rules, autoscaling and an alarm), sharing the VPC parameters.
//!
//! The same stack is written for AWS CDK and troposphere under `bench/peers/`; `bench/run`
//! checks that all of them emit the same logical IDs and types.

use ecs_dsl::cfn::applicationautoscaling::scalable_target::{
    CfnScalableTargetRequired, ScalableDimension, ServiceNamespace,
};
use ecs_dsl::cfn::applicationautoscaling::scaling_policy::{
    CfnScalingPolicyRequired, PolicyType, PredefinedMetricSpecification,
    PredefinedMetricSpecificationPredefinedMetricType, PredefinedMetricSpecificationRequired,
    TargetTrackingScalingPolicyConfiguration, TargetTrackingScalingPolicyConfigurationRequired,
};
use ecs_dsl::cfn::applicationautoscaling::{CfnScalableTarget, CfnScalingPolicy};
use ecs_dsl::cfn::cloudwatch::CfnAlarm;
use ecs_dsl::cfn::cloudwatch::alarm::{
    ComparisonOperator, Dimension, DimensionRequired, Statistic,
};
use ecs_dsl::cfn::ec2::security_group::{
    CfnSecurityGroupRequired, Egress, EgressRequired, Ingress, IngressRequired,
};
use ecs_dsl::cfn::ec2::security_group_egress::CfnSecurityGroupEgressRequired;
use ecs_dsl::cfn::ec2::security_group_ingress::CfnSecurityGroupIngressRequired;
use ecs_dsl::cfn::ec2::subnet::SubnetId;
use ecs_dsl::cfn::ec2::vpc::VpcId;
use ecs_dsl::cfn::ec2::{CfnSecurityGroup, CfnSecurityGroupEgress, CfnSecurityGroupIngress};
use ecs_dsl::cfn::ecr::CfnRepository;
use ecs_dsl::cfn::ecr::repository::ImageScanningConfiguration;
use ecs_dsl::cfn::ecs::service::{
    AwsVpcConfiguration, AwsVpcConfigurationAssignPublicIp, DeploymentCircuitBreaker,
    DeploymentCircuitBreakerRequired,
};
use ecs_dsl::cfn::ecs::service::{
    DeploymentConfiguration, LaunchType, LoadBalancer, NetworkConfiguration,
};
use ecs_dsl::cfn::ecs::task_definition::{
    ContainerDefinition, ContainerDefinitionRequired, KeyValuePair, LogConfiguration,
};
use ecs_dsl::cfn::ecs::task_definition::{
    LogConfigurationRequired, NetworkMode, PortMapping, PortMappingProtocol,
    RequiresCompatibilities,
};
use ecs_dsl::cfn::ecs::task_definition::{Secret, SecretRequired};
use ecs_dsl::cfn::ecs::{CfnCluster, CfnService, CfnTaskDefinition};
use ecs_dsl::cfn::elasticloadbalancingv2::listener::{
    self, CfnListenerRequired, FixedResponseConfig, FixedResponseConfigRequired,
};
use ecs_dsl::cfn::elasticloadbalancingv2::listener_rule::{
    self, ActionType, CfnListenerRuleRequired, PathPatternConfig, RuleCondition,
};
use ecs_dsl::cfn::elasticloadbalancingv2::load_balancer::Scheme;
use ecs_dsl::cfn::elasticloadbalancingv2::target_group::{self, Matcher, TargetType};
use ecs_dsl::cfn::elasticloadbalancingv2::{
    CfnListener, CfnListenerRule, CfnLoadBalancer, CfnTargetGroup,
};
use ecs_dsl::cfn::iam::policy::CfnPolicyRequired;
use ecs_dsl::cfn::iam::role::{CfnRoleRequired, Policy, PolicyRequired};
use ecs_dsl::cfn::iam::{CfnPolicy, CfnRole};
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::cfn::s3::CfnBucket;
use ecs_dsl::cfn::s3::bucket::{
    BucketEncryption, BucketEncryptionRequired, PublicAccessBlockConfiguration,
    ServerSideEncryptionByDefault,
};
use ecs_dsl::cfn::s3::bucket::{
    ServerSideEncryptionByDefaultRequired, ServerSideEncryptionByDefaultSseAlgorithm,
    ServerSideEncryptionRule, VersioningConfiguration, VersioningConfigurationRequired,
    VersioningConfigurationStatus,
};
use ecs_dsl::cfn::secretsmanager::CfnSecret;
use ecs_dsl::cfn::secretsmanager::secret::GenerateSecretString;
use ecs_dsl::cfn::sns::CfnTopic;
use ecs_dsl::cfn::sqs::CfnQueue;
use ecs_dsl::cfn::ssm::CfnParameter;
use ecs_dsl::cfn::ssm::parameter::{CfnParameterRequired, Type as SsmType};
use ecs_dsl::intrinsic::Typed;
use ecs_dsl::prelude::*;
use ecs_dsl::template::Node;

/// Resources in one service set.
pub const SET_SIZE: usize = 25;

/// The stack size when `BIG_STACK_RESOURCES` is not set.
pub const DEFAULT_RESOURCES: usize = 500;

/// CloudFormation's limit on resources in one stack.
const MAX_RESOURCES: usize = 500;

/// The number of service sets for the `BIG_STACK_RESOURCES` value (`None`: the default 500).
pub fn sets_for(resources: Option<&str>) -> Result<usize, String> {
    let Some(text) = resources else {
        return Ok(DEFAULT_RESOURCES / SET_SIZE);
    };
    let fix = format!(
        "set BIG_STACK_RESOURCES to a multiple of {SET_SIZE} from {SET_SIZE} to {MAX_RESOURCES}, such as 100, 250 or 500"
    );
    match text.trim().parse::<usize>() {
        Ok(n) if n > 0 && n <= MAX_RESOURCES && n % SET_SIZE == 0 => Ok(n / SET_SIZE),
        _ => Err(format!("BIG_STACK_RESOURCES is `{text}`: {fix}")),
    }
}

/// The big stack: `sets` service sets named `S01…`, `S02…`, sharing the VPC and subnet parameters.
pub fn big_stack(sets: usize) -> Stack {
    let mut stack = Stack::new();
    stack.description(&format!(
        "ecs-dsl benchmark stack: {} resources",
        sets * SET_SIZE
    ));
    let vpc = stack.parameter::<VpcId>("VpcId", ParameterSpec::new().description("Target VPC"));
    let subnets = stack.parameter::<Vec<SubnetId>>(
        "Subnets",
        ParameterSpec::new().description("Subnets of the load balancers and tasks"),
    );
    for n in 1..=sets {
        service_set(&mut stack, n, &vpc, &subnets);
    }
    stack
}

/// `Fn::Sub` of `{before}${AWS::StackName}{after}`.
fn with_stack_name(before: &str, after: &str) -> Value<String> {
    Sub::new()
        .text(before)
        .var(&Pseudo::StackName)
        .text(after)
        .build()
}

/// A JSON object node from key/value pairs.
fn object<const N: usize>(pairs: [(&str, Node); N]) -> Node {
    Node::Map(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// A JSON list of strings.
fn strings(items: &[&str]) -> Node {
    Node::List(items.iter().map(|s| Node::from(*s)).collect())
}

/// An IAM policy document allowing each `(actions, resource)` pair.
fn policy_document(statements: Vec<(&[&str], Node)>) -> Node {
    let statements = statements.into_iter().map(|(actions, resource)| {
        object([
            ("Effect", "Allow".into()),
            ("Action", strings(actions)),
            ("Resource", resource),
        ])
    });
    object([
        ("Version", "2012-10-17".into()),
        ("Statement", Node::List(statements.collect())),
    ])
}

/// A trust policy letting ECS tasks assume the role.
fn ecs_tasks_trust() -> Node {
    let principal = object([("Service", "ecs-tasks.amazonaws.com".into())]);
    let statement = object([
        ("Effect", "Allow".into()),
        ("Principal", principal),
        ("Action", strings(&["sts:AssumeRole"])),
    ]);
    object([
        ("Version", "2012-10-17".into()),
        ("Statement", Node::List(vec![statement])),
    ])
}

/// A string value as a JSON node (for values that are intrinsics).
fn node(value: impl IntoValue<String>) -> Node {
    value.into_node()
}

/// One service set of [`SET_SIZE`] resources, its logical IDs prefixed `S<n>`.
fn service_set(
    stack: &mut Stack,
    n: usize,
    vpc: &Parameter<VpcId>,
    subnets: &Parameter<Vec<SubnetId>>,
) {
    let p = format!("S{n:02}");
    let name = format!("svc{n:02}");
    let id = |what: &str| format!("{p}{what}");

    let cluster = stack.add(
        &id("Cluster"),
        CfnCluster::new().cluster_name(with_stack_name("", &format!("-{name}"))),
    );
    let log_group = stack.add(
        &id("LogGroup"),
        CfnLogGroup::new()
            .log_group_name(with_stack_name("/", &format!("/{name}")))
            .retention_in_days(14),
    );
    let repository = stack.add(
        &id("Repository"),
        CfnRepository::new()
            .repository_name(with_stack_name("", &format!("-{name}")))
            .image_scanning_configuration(ImageScanningConfiguration::new().scan_on_push(true)),
    );
    let secret = stack.add(
        &id("Secret"),
        CfnSecret::new()
            .description(format!("{name} API key"))
            .generate_secret_string(
                GenerateSecretString::new()
                    .password_length(32)
                    .exclude_punctuation(true),
            ),
    );
    let config = stack.add(
        &id("ConfigParameter"),
        CfnParameter::new(CfnParameterRequired {
            type_: SsmType::StringValue,
            value: r#"{"feature":true}"#,
        })
        .name(with_stack_name("/", &format!("/{name}/config"))),
    );
    let encryption = ServerSideEncryptionRule::new().server_side_encryption_by_default(
        ServerSideEncryptionByDefault::new(ServerSideEncryptionByDefaultRequired {
            sse_algorithm: ServerSideEncryptionByDefaultSseAlgorithm::Aes256,
        }),
    );
    let bucket = stack.add(
        &id("Bucket"),
        CfnBucket::new()
            .bucket_encryption(BucketEncryption::new(BucketEncryptionRequired {
                server_side_encryption_configuration: vec![encryption],
            }))
            .public_access_block_configuration(
                PublicAccessBlockConfiguration::new()
                    .block_public_acls(true)
                    .block_public_policy(true)
                    .ignore_public_acls(true)
                    .restrict_public_buckets(true),
            )
            .versioning_configuration(VersioningConfiguration::new(
                VersioningConfigurationRequired {
                    status: VersioningConfigurationStatus::Enabled,
                },
            )),
    );
    let dlq = stack.add(
        &id("DeadLetterQueue"),
        CfnQueue::new().message_retention_period(1_209_600),
    );
    let redrive = object([
        ("deadLetterTargetArn", node(dlq.attr_arn())),
        ("maxReceiveCount", Node::Int(5)),
    ]);
    let queue = stack.add(
        &id("Queue"),
        CfnQueue::new()
            .visibility_timeout(60)
            .redrive_policy(redrive),
    );
    let topic = stack.add(
        &id("AlarmTopic"),
        CfnTopic::new().display_name(format!("{name} alarms")),
    );

    let read_secret = policy_document(vec![(
        &["secretsmanager:GetSecretValue"],
        node(secret.ref_()),
    )]);
    let execution_role = stack.add(
        &id("ExecutionRole"),
        CfnRole::new(CfnRoleRequired {
            assume_role_policy_document: ecs_tasks_trust(),
        })
        .managed_policy_arns([
            "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        ])
        .policies(vec![Policy::new(PolicyRequired {
            policy_document: read_secret,
            policy_name: "ReadSecret",
        })]),
    );
    let task_role = stack.add(
        &id("TaskRole"),
        CfnRole::new(CfnRoleRequired {
            assume_role_policy_document: ecs_tasks_trust(),
        }),
    );
    let bucket_objects = Sub::new().var(&bucket.attr_arn()).text("/*").build();
    let parameter_arn = Sub::new()
        .text("arn:")
        .var(&Pseudo::Partition)
        .text(":ssm:")
        .var(&Pseudo::Region)
        .text(":")
        .var(&Pseudo::AccountId)
        .text(":parameter")
        .var(&config)
        .build();
    let task_permissions = policy_document(vec![
        (
            &[
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes",
            ],
            node(queue.attr_arn()),
        ),
        (&["s3:GetObject", "s3:PutObject"], node(bucket_objects)),
        (&["ssm:GetParameter"], node(parameter_arn)),
    ]);
    stack.add(
        &id("TaskPolicy"),
        CfnPolicy::new(CfnPolicyRequired {
            policy_document: task_permissions,
            policy_name: format!("{name}-task"),
        })
        .roles(vec![task_role.ref_()]),
    );

    let container = ContainerDefinition::new(ContainerDefinitionRequired {
        image: Sub::new()
            .var(&repository.attr_repository_uri())
            .text(":latest")
            .build(),
        name: "app",
    })
    .essential(true)
    .port_mappings(vec![
        PortMapping::new()
            .container_port(8080)
            .protocol(PortMappingProtocol::Tcp),
    ])
    .environment(vec![
        KeyValuePair::new().name("QUEUE_URL").value(queue.ref_()),
        KeyValuePair::new().name("BUCKET").value(bucket.ref_()),
        KeyValuePair::new()
            .name("CONFIG_PARAMETER")
            .value(config.ref_()),
    ])
    .secrets(vec![Secret::new(SecretRequired {
        name: "API_KEY",
        value_from: secret.ref_(),
    })])
    .log_configuration(
        LogConfiguration::new(LogConfigurationRequired {
            log_driver: "awslogs",
        })
        .options([
            ("awslogs-group", Typed::<String>::new(log_group.ref_())),
            ("awslogs-region", Typed::new(Pseudo::Region.value())),
            ("awslogs-stream-prefix", Typed::new(name.as_str())),
        ]),
    );
    let task_definition = stack.add(
        &id("TaskDefinition"),
        CfnTaskDefinition::new()
            .family(with_stack_name("", &format!("-{name}")))
            .cpu("256")
            .memory("512")
            .network_mode(NetworkMode::Awsvpc)
            .requires_compatibilities(vec![RequiresCompatibilities::Fargate])
            .execution_role_arn(execution_role.attr_arn())
            .task_role_arn(task_role.attr_arn())
            .container_definitions(vec![container]),
    );

    let lb_group = stack.add(
        &id("LoadBalancerSecurityGroup"),
        CfnSecurityGroup::new(CfnSecurityGroupRequired {
            group_description: format!("{name} load balancer"),
        })
        .vpc_id(vpc)
        .security_group_ingress(vec![
            Ingress::new(IngressRequired { ip_protocol: "tcp" })
                .from_port(80)
                .to_port(80)
                .cidr_ip("0.0.0.0/0"),
        ]),
    );
    let service_group = stack.add(
        &id("ServiceSecurityGroup"),
        CfnSecurityGroup::new(CfnSecurityGroupRequired {
            group_description: format!("{name} tasks"),
        })
        .vpc_id(vpc)
        .security_group_egress(vec![
            Egress::new(EgressRequired { ip_protocol: "tcp" })
                .from_port(443)
                .to_port(443)
                .cidr_ip("0.0.0.0/0"),
        ]),
    );
    stack.add(
        &id("LoadBalancerToServiceIngress"),
        CfnSecurityGroupIngress::new(CfnSecurityGroupIngressRequired { ip_protocol: "tcp" })
            .from_port(8080)
            .to_port(8080)
            .group_id(&service_group)
            .source_security_group_id(&lb_group),
    );
    stack.add(
        &id("LoadBalancerToServiceEgress"),
        CfnSecurityGroupEgress::new(CfnSecurityGroupEgressRequired {
            group_id: &lb_group,
            ip_protocol: "tcp",
        })
        .from_port(8080)
        .to_port(8080)
        .destination_security_group_id(&service_group),
    );

    let load_balancer = stack.add(
        &id("LoadBalancer"),
        CfnLoadBalancer::new()
            .scheme(Scheme::InternetFacing)
            .subnets(subnets)
            .security_groups(vec![lb_group.ref_()]),
    );
    let target_group = stack.add(
        &id("TargetGroup"),
        CfnTargetGroup::new()
            .port(8080)
            .protocol(target_group::Protocol::Http)
            .target_type(TargetType::Ip)
            .vpc_id(vpc)
            .health_check_path("/health")
            .matcher(Matcher::new().http_code("200")),
    );
    let not_found = listener::Action::new(listener::ActionRequired {
        type_: listener::ActionType::FixedResponse,
    })
    .fixed_response_config(FixedResponseConfig::new(FixedResponseConfigRequired {
        status_code: "404",
    }));
    let http_listener = stack.add(
        &id("Listener"),
        CfnListener::new(CfnListenerRequired {
            default_actions: vec![not_found],
            load_balancer_arn: &load_balancer,
        })
        .port(80)
        .protocol(listener::Protocol::Http),
    );
    let forward = listener_rule::Action::new(listener_rule::ActionRequired {
        type_: ActionType::Forward,
    })
    .target_group_arn(&target_group);
    let path = RuleCondition::new()
        .field("path-pattern")
        .path_pattern_config(PathPatternConfig::new().values(vec![format!("/{name}/*")]));
    let rule = stack.add(
        &id("ListenerRule"),
        CfnListenerRule::new(CfnListenerRuleRequired {
            actions: vec![forward],
            conditions: vec![path],
            priority: 1,
        })
        .listener_arn(&http_listener),
    );

    let network = AwsVpcConfiguration::new()
        .assign_public_ip(AwsVpcConfigurationAssignPublicIp::Disabled)
        .security_groups(vec![service_group.ref_()])
        .subnets(subnets);
    let deployment = DeploymentConfiguration::new()
        .maximum_percent(200)
        .minimum_healthy_percent(100)
        .deployment_circuit_breaker(DeploymentCircuitBreaker::new(
            DeploymentCircuitBreakerRequired {
                enable: true,
                rollback: true,
            },
        ));
    let service = stack.add(
        &id("Service"),
        CfnService::new()
            .cluster(&cluster)
            .task_definition(&task_definition)
            .launch_type(LaunchType::Fargate)
            .network_configuration(NetworkConfiguration::new().awsvpc_configuration(network))
            .load_balancers(vec![
                LoadBalancer::new()
                    .container_name("app")
                    .container_port(8080)
                    .target_group_arn(&target_group),
            ])
            .deployment_configuration(deployment)
            .depends_on(&rule),
    );

    let scalable = stack.add(
        &id("ScalableTarget"),
        CfnScalableTarget::new(CfnScalableTargetRequired {
            max_capacity: 10,
            min_capacity: 2,
            resource_id: Sub::new()
                .text("service/")
                .var(&cluster)
                .text("/")
                .var(&service.attr_name())
                .build(),
            scalable_dimension: ScalableDimension::EcsServiceDesiredCount,
            service_namespace: ServiceNamespace::Ecs,
        }),
    );
    let cpu_target = TargetTrackingScalingPolicyConfiguration::new(
        TargetTrackingScalingPolicyConfigurationRequired { target_value: 60.0 },
    )
    .predefined_metric_specification(PredefinedMetricSpecification::new(
        PredefinedMetricSpecificationRequired {
            predefined_metric_type:
                PredefinedMetricSpecificationPredefinedMetricType::EcsServiceAverageCpuUtilization,
        },
    ));
    stack.add(
        &id("ScalingPolicy"),
        CfnScalingPolicy::new(CfnScalingPolicyRequired {
            policy_name: format!("{name}-cpu"),
            policy_type: PolicyType::TargetTrackingScaling,
        })
        .scaling_target_id(&scalable)
        .target_tracking_scaling_policy_configuration(cpu_target),
    );
    stack.add(
        &id("QueueDepthAlarm"),
        CfnAlarm::new()
            .alarm_description(format!("{name} queue is backing up"))
            .namespace("AWS/SQS")
            .metric_name("ApproximateNumberOfMessagesVisible")
            .dimensions(vec![Dimension::new(DimensionRequired {
                name: "QueueName",
                value: queue.attr_queue_name(),
            })])
            .statistic(Statistic::Maximum)
            .period(60)
            .evaluation_periods(5)
            .threshold(100.0)
            .comparison_operator(ComparisonOperator::GreaterThanThreshold)
            .alarm_actions(vec![topic.ref_()]),
    );
    let url = Sub::new()
        .text("http://")
        .var(&load_balancer.attr_dns_name())
        .text(&format!("/{name}/"))
        .build();
    stack.output(&id("Url"), Output::new(url));
}
