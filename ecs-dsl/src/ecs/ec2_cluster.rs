//! An ECS cluster with EC2 capacity: an Auto Scaling group of container instances started from a
//! launch template, with their role, instance profile, security group and cfn-init set-up.

use crate::cfn::autoscaling::CfnAutoScalingGroup;
use crate::cfn::autoscaling::auto_scaling_group::{
    CfnAutoScalingGroupRequired, LaunchTemplateSpecification, LaunchTemplateSpecificationRequired,
    TagProperty, TagPropertyRequired,
};
use crate::cfn::ec2::launch_template::{
    CfnLaunchTemplateRequired, HttpTokens, IamInstanceProfile, LaunchTemplateData, MetadataOptions,
};
use crate::cfn::ec2::security_group::{CfnSecurityGroupRequired, Egress, EgressRequired};
use crate::cfn::ec2::subnet::SubnetId;
use crate::cfn::ec2::vpc::VpcId;
use crate::cfn::ec2::{CfnLaunchTemplate, CfnSecurityGroup};
use crate::cfn::ecs::CfnCluster;
use crate::cfn::iam::instance_profile::CfnInstanceProfileRequired;
use crate::cfn::iam::{CfnInstanceProfile, CfnRole};
use crate::iam::{PolicyDocument, ServiceRole, Statement};
use crate::intrinsic::{Fn, Handle, IntoValue, Pseudo, Sub, Typed};
use crate::stack::Stack;
use crate::template::{CreationPolicy, Init, InitCommand, InitConfig, InitFile, ResourceOptions};

/// How long CloudFormation waits for the instances' `cfn-signal`.
const SIGNAL_TIMEOUT: &str = "PT15M";

/// An ECS cluster on EC2 instances. Logical IDs derive from the prefix: `{prefix}Cluster`,
/// `{prefix}Autoscaling`, `{prefix}AutoscalingLaunchTemplate`, `…SecurityGroup`,
/// `…InstanceRole`, `…InstanceProfile`.
#[derive(Clone, Debug)]
pub struct Ec2Cluster {
    prefix: String,
    cluster: CfnCluster,
    vpc: Typed<VpcId>,
    subnets: Typed<Vec<SubnetId>>,
    image_id: Typed<String>,
    instance_type: String,
    min_size: u32,
    max_size: u32,
    desired: Option<(Typed<String>, Typed<i64>)>,
    host_directories: Vec<(String, String)>,
}

/// The resources an [`Ec2Cluster`] added.
#[derive(Clone, Debug)]
pub struct Ec2ClusterHandles {
    /// The ECS cluster.
    pub cluster: Handle<CfnCluster>,
    /// The Auto Scaling group of container instances.
    pub autoscaling_group: Handle<CfnAutoScalingGroup>,
    /// The launch template of the instances.
    pub launch_template: Handle<CfnLaunchTemplate>,
    /// The instances' security group.
    pub security_group: Handle<CfnSecurityGroup>,
    /// The instances' role.
    pub instance_role: Handle<CfnRole>,
    /// The instances' instance profile.
    pub instance_profile: Handle<CfnInstanceProfile>,
}

impl Ec2Cluster {
    /// A cluster whose resources are named from `prefix`, in `vpc`, with instances in `subnets`
    /// started from the ECS-optimized AMI `image_id`.
    pub fn new(
        prefix: &str,
        vpc: impl IntoValue<VpcId>,
        subnets: impl IntoValue<Vec<SubnetId>>,
        image_id: impl IntoValue<String>,
    ) -> Self {
        Ec2Cluster {
            prefix: prefix.to_owned(),
            cluster: CfnCluster::new(),
            vpc: Typed::new(vpc),
            subnets: Typed::new(subnets),
            image_id: Typed::new(image_id),
            instance_type: "t3.micro".into(),
            min_size: 0,
            max_size: 4,
            desired: None,
            host_directories: Vec::new(),
        }
    }

    /// Names the cluster. Default: a name CloudFormation generates. Sets `AWS::ECS::Cluster.ClusterName`.
    #[must_use]
    pub fn cluster_name(mut self, name: impl IntoValue<String>) -> Self {
        self.cluster = self.cluster.cluster_name(name);
        self
    }

    /// The EC2 instance type. Default: `t3.micro`. Sets `LaunchTemplateData.InstanceType`.
    #[must_use]
    pub fn instance_type(mut self, instance_type: &str) -> Self {
        self.instance_type = instance_type.to_owned();
        self
    }

    /// The group's size bounds. Default: 0 to 4. Sets `AWS::AutoScaling::AutoScalingGroup.MinSize`/`MaxSize`.
    #[must_use]
    pub fn size(mut self, min: u32, max: u32) -> Self {
        (self.min_size, self.max_size) = (min, max);
        self
    }

    /// How many instances to run; CloudFormation also waits for as many `cfn-signal`s.
    /// Default: the minimum size. Sets `DesiredCapacity` and `CreationPolicy.ResourceSignal.Count`.
    #[must_use]
    pub fn desired_capacity<V>(mut self, count: V) -> Self
    where
        V: IntoValue<String> + IntoValue<i64> + Clone,
    {
        self.desired = Some((Typed::new(count.clone()), Typed::new(count)));
        self
    }

    /// Creates a directory on every instance (by cfn-init, before ECS starts tasks), owned by
    /// `owner` (`uid:gid`): the source of a host volume.
    #[must_use]
    pub fn host_directory(mut self, path: &str, owner: &str) -> Self {
        self.host_directories
            .push((path.to_owned(), owner.to_owned()));
        self
    }

    /// The generated cluster resource underneath, for properties this builder does not cover.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(CfnCluster) -> CfnCluster) -> Self {
        self.cluster = f(self.cluster);
        self
    }

    /// Adds the cluster and its capacity to `stack`.
    #[track_caller]
    pub fn add(self, stack: &mut Stack) -> Ec2ClusterHandles {
        let p = self.prefix.clone();
        let cluster = stack.add(&format!("{p}Cluster"), self.cluster.clone());
        let security_group = stack.add(
            &format!("{p}AutoscalingSecurityGroup"),
            self.security_group(),
        );
        let instance_role =
            instance_role(&cluster).add(stack, &format!("{p}AutoscalingInstanceRole"));
        let instance_profile = stack.add(
            &format!("{p}AutoscalingInstanceProfile"),
            CfnInstanceProfile::new(CfnInstanceProfileRequired {
                roles: vec![instance_role.ref_()],
            }),
        );
        let template_id = format!("{p}AutoscalingLaunchTemplate");
        let group_id = format!("{p}Autoscaling");
        let launch_template = stack.add(
            &template_id,
            self.launch_template(
                &cluster,
                &security_group,
                &instance_profile,
                &template_id,
                &group_id,
            ),
        );
        let autoscaling_group = stack.add(&group_id, self.autoscaling_group(&launch_template));
        Ec2ClusterHandles {
            cluster,
            autoscaling_group,
            launch_template,
            security_group,
            instance_role,
            instance_profile,
        }
    }

    /// Instances need DNS and HTTP(S) out (ECS agent, image pulls); nothing in by default — the
    /// load balancer and other services add their own ingress rules.
    fn security_group(&self) -> CfnSecurityGroup {
        let egress = |protocol: &str, port: i64| {
            Egress::new(EgressRequired {
                ip_protocol: protocol,
            })
            .from_port(port)
            .to_port(port)
            .cidr_ip("0.0.0.0/0")
        };
        CfnSecurityGroup::new(CfnSecurityGroupRequired {
            group_description: Sub::new()
                .var(&Pseudo::StackName)
                .text(&format!(" {} Autoscaling Security Group", self.prefix))
                .build(),
        })
        .vpc_id(self.vpc.clone())
        .security_group_egress(vec![
            egress("udp", 53),
            egress("tcp", 80),
            egress("tcp", 443),
        ])
    }

    fn launch_template(
        &self,
        cluster: &Handle<CfnCluster>,
        security_group: &Handle<CfnSecurityGroup>,
        profile: &Handle<CfnInstanceProfile>,
        template_id: &str,
        group_id: &str,
    ) -> CfnLaunchTemplate {
        let data = LaunchTemplateData::new()
            .image_id(self.image_id.clone())
            .instance_type(self.instance_type.as_str())
            .iam_instance_profile(IamInstanceProfile::new().arn(profile.attr_arn()))
            .security_group_ids(vec![security_group.attr_group_id()])
            .metadata_options(MetadataOptions::new().http_tokens(HttpTokens::Required))
            .user_data(Fn::base64(user_data(template_id, group_id)));
        CfnLaunchTemplate::new(CfnLaunchTemplateRequired {
            launch_template_data: data,
        })
        .cfn_init(self.init(cluster))
    }

    /// cfn-init: join the cluster, then prepare the host directories.
    fn init(&self, cluster: &Handle<CfnCluster>) -> Init {
        let ecs_config = Sub::new()
            .text("ECS_CLUSTER=")
            .var(cluster)
            .text("\n")
            .build();
        let mut config = InitConfig::new().file(
            "/etc/ecs/ecs.config",
            InitFile::content(ecs_config)
                .mode("000644")
                .owner("root")
                .group("root"),
        );
        for (i, (path, owner)) in self.host_directories.iter().enumerate() {
            config = config
                .command(
                    &format!("{:02}_create_{}", i * 2 + 5, slug(path)),
                    InitCommand::new(format!("mkdir -p {path}")),
                )
                .command(
                    &format!("{:02}_own_{}", i * 2 + 6, slug(path)),
                    InitCommand::new(format!("chown -R {owner} {path}")),
                );
        }
        Init::new(config)
    }

    fn autoscaling_group(
        &self,
        launch_template: &Handle<CfnLaunchTemplate>,
    ) -> CfnAutoScalingGroup {
        let spec = LaunchTemplateSpecification::new(LaunchTemplateSpecificationRequired {
            version: launch_template.attr_latest_version_number(),
        })
        .launch_template_id(launch_template.ref_());
        let name_tag = TagProperty::new(TagPropertyRequired {
            key: "Name",
            propagate_at_launch: true,
            value: Sub::new()
                .var(&Pseudo::StackName)
                .text(&format!("-{}Autoscaling-instance", self.prefix))
                .build(),
        });
        let group = CfnAutoScalingGroup::new(CfnAutoScalingGroupRequired {
            max_size: self.max_size.to_string(),
            min_size: self.min_size.to_string(),
        })
        .launch_template(spec)
        .vpc_zone_identifier(self.subnets.clone())
        .tags(vec![name_tag]);
        match &self.desired {
            Some((capacity, count)) => group.desired_capacity(capacity.clone()).creation_policy(
                CreationPolicy::new().resource_signal(count.clone(), SIGNAL_TIMEOUT),
            ),
            None => group.creation_policy(
                CreationPolicy::new().resource_signal(i64::from(self.min_size), SIGNAL_TIMEOUT),
            ),
        }
    }
}

/// The ECS container-instance permissions, scoped to the cluster where ECS allows it.
fn instance_role(cluster: &Handle<CfnCluster>) -> ServiceRole {
    let logs_arn = Sub::arn_prefix("logs")
        .text("log-group:/")
        .var(&Pseudo::StackName)
        .text("*")
        .build();
    let policy = PolicyDocument::new()
        .statement(
            Statement::allow([
                "ecs:RegisterContainerInstance",
                "ecs:DeregisterContainerInstance",
                "ecs:UpdateContainerInstancesState",
            ])
            .resource(cluster.attr_arn()),
        )
        .statement(
            Statement::allow([
                "ecs:DiscoverPollEndpoint",
                "ecs:Submit*",
                "ecs:Poll",
                "ecs:StartTelemetrySession",
            ])
            .resource("*"),
        )
        .statement(
            Statement::allow([
                "ecr:BatchCheckLayerAvailability",
                "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer",
                "ecr:GetAuthorizationToken",
            ])
            .resource("*"),
        )
        .statement(
            Statement::allow([
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:PutLogEvents",
                "logs:DescribeLogStreams",
            ])
            .resource(logs_arn),
        );
    ServiceRole::new("ec2.amazonaws.com").inline_policy("ECSContainerInstancePermissions", policy)
}

/// Runs cfn-init on the instance, then signals the group with its exit code.
fn user_data(template_id: &str, group_id: &str) -> crate::intrinsic::Value<String> {
    Sub::new()
        .text("#!/bin/bash\n/opt/aws/bin/cfn-init -v --stack ")
        .var(&Pseudo::StackName)
        .text(&format!(" --resource {template_id} --region "))
        .var(&Pseudo::Region)
        .text("\n/opt/aws/bin/cfn-signal -e $? --stack ")
        .var(&Pseudo::StackName)
        .text(&format!(" --resource {group_id} --region "))
        .var(&Pseudo::Region)
        .text("\n")
        .build()
}

/// A command-name fragment for a path: `/data/public` → `data_public`.
fn slug(path: &str) -> String {
    path.trim_matches('/').replace(['/', '.', '-'], "_")
}
