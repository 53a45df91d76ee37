"""The benchmark stacks written with troposphere, the peer in Python.

Usage: python troposphere_stack.py todobackend|big [RESOURCES]

Prints the CloudFormation template as JSON on stdout. `todobackend` mirrors
examples/todobackend.rs; `big` mirrors bench/src/bin/big_stack.rs (RESOURCES is a multiple of
25, default 500: one service set of 25 resources per 25).
"""

import sys
from pathlib import Path

from troposphere import (
    Base64,
    GetAtt,
    Output,
    Parameter,
    Ref,
    Sub,
    Tags,
    Template,
    autoscaling,
    applicationautoscaling as aas,
    awslambda,
    cloudformation,
    cloudwatch,
    ec2,
    ecr,
    ecs,
    iam,
    logs,
    rds,
    s3,
    secretsmanager,
    sns,
    sqs,
    ssm,
)
from troposphere import elasticloadbalancingv2 as elb

SET_SIZE = 25

LAMBDA_CODE = (Path(__file__).parent / "ecs_task_runner.py").read_text()

USER_DATA = """#!/bin/bash
/opt/aws/bin/cfn-init -v --stack ${AWS::StackName} --resource ApplicationAutoscalingLaunchTemplate --region ${AWS::Region}
/opt/aws/bin/cfn-signal -e $? --stack ${AWS::StackName} --resource ApplicationAutoscaling --region ${AWS::Region}
"""

IMAGE = "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/docker-in-aws/todobackend:${ApplicationImageTag}"


class EcsTask(cloudformation.CustomResource):
    """The `Custom::EcsTask` resource: runs an ECS task through the task runner Lambda."""

    resource_type = "Custom::EcsTask"
    props = {"ServiceToken": (str, True), "Cluster": (str, True), "TaskDefinition": (str, True)}


def log_config(group):
    """The awslogs driver writing to `group`."""
    return ecs.LogConfiguration(
        LogDriver="awslogs",
        Options={"awslogs-group": Ref(group), "awslogs-region": Ref("AWS::Region"), "awslogs-stream-prefix": "docker"},
    )


def env(pairs):
    """Container environment from (name, value) pairs."""
    return [ecs.Environment(Name=k, Value=v) for k, v in pairs]


def assume(service):
    """A trust policy letting `service` assume the role."""
    return {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": ["sts:AssumeRole"]}],
    }


def rule(protocol, port_from, port_to, cidr):
    """One inline security group rule."""
    return ec2.SecurityGroupRule(IpProtocol=protocol, FromPort=port_from, ToPort=port_to, CidrIp=cidr)


def todobackend():
    """The book's chapter-8 stack, modernised."""
    t = Template(Description="Todobackend Application")
    t.set_version("2010-09-09")
    desired = t.add_parameter(Parameter("ApplicationDesiredCount", Type="Number", Description="Desired EC2 instance count"))
    image_id = t.add_parameter(Parameter("ApplicationImageId", Type="AWS::EC2::Image::Id", Description="ECS Amazon Machine Image (AMI) ID"))
    t.add_parameter(Parameter("ApplicationImageTag", Type="String", Description="Application Docker Image Tag", Default="latest"))
    subnets = t.add_parameter(Parameter("ApplicationSubnets", Type="List<AWS::EC2::Subnet::Id>", Description="Target subnets for EC2 instances"))
    vpc = t.add_parameter(Parameter("VpcId", Type="AWS::EC2::VPC::Id", Description="Target VPC"))

    cluster = t.add_resource(ecs.Cluster("ApplicationCluster", ClusterName="todobackend-cluster"))
    app_logs = t.add_resource(logs.LogGroup("ApplicationLogGroup", LogGroupName=Sub("/${AWS::StackName}/ecs/todobackend"), RetentionInDays=7))
    secret = t.add_resource(secretsmanager.Secret(
        "ApplicationDatabaseSecret",
        Description="Application database master credentials",
        GenerateSecretString=secretsmanager.GenerateSecretString(
            PasswordLength=32, ExcludePunctuation=True, GenerateStringKey="password", SecretStringTemplate='{"username":"todobackend"}',
        ),
    ))
    secret_key = t.add_resource(secretsmanager.Secret(
        "ApplicationSecretKey",
        Description="todobackend Django SECRET_KEY",
        GenerateSecretString=secretsmanager.GenerateSecretString(PasswordLength=50, ExcludePunctuation=True),
    ))

    # Security groups and the rules between them.
    alb_sg = t.add_resource(ec2.SecurityGroup(
        "ApplicationLoadBalancerSecurityGroup",
        GroupDescription="Application Load Balancer Security Group",
        VpcId=Ref(vpc),
        SecurityGroupIngress=[rule("tcp", 80, 80, "0.0.0.0/0")],
        Tags=Tags(Name=Sub("${AWS::StackName}-alb-sg")),
    ))
    app_sg = t.add_resource(ec2.SecurityGroup(
        "ApplicationAutoscalingSecurityGroup",
        GroupDescription=Sub("${AWS::StackName} Application Autoscaling Security Group"),
        VpcId=Ref(vpc),
        SecurityGroupEgress=[rule("udp", 53, 53, "0.0.0.0/0"), rule("tcp", 80, 80, "0.0.0.0/0"), rule("tcp", 443, 443, "0.0.0.0/0")],
    ))
    db_sg = t.add_resource(ec2.SecurityGroup(
        "ApplicationDatabaseSecurityGroup",
        GroupDescription=Sub("${AWS::StackName} Application Database Security Group"),
        VpcId=Ref(vpc),
        SecurityGroupEgress=[rule("icmp", -1, -1, "192.0.2.0/32")],
        Tags=Tags(Name=Sub("${AWS::StackName}-db-sg")),
    ))
    t.add_resource(ec2.SecurityGroupIngress(
        "ApplicationLoadBalancerToApplicationIngress",
        IpProtocol="tcp", FromPort=32768, ToPort=60999, GroupId=Ref(app_sg), SourceSecurityGroupId=Ref(alb_sg),
    ))
    t.add_resource(ec2.SecurityGroupEgress(
        "ApplicationLoadBalancerToApplicationEgress",
        IpProtocol="tcp", FromPort=32768, ToPort=60999, GroupId=Ref(alb_sg), DestinationSecurityGroupId=Ref(app_sg),
    ))
    t.add_resource(ec2.SecurityGroupIngress(
        "ApplicationToApplicationDatabaseIngress",
        IpProtocol="tcp", FromPort=3306, ToPort=3306, GroupId=Ref(db_sg), SourceSecurityGroupId=Ref(app_sg),
    ))
    t.add_resource(ec2.SecurityGroupEgress(
        "ApplicationToApplicationDatabaseEgress",
        IpProtocol="tcp", FromPort=3306, ToPort=3306, GroupId=Ref(app_sg), DestinationSecurityGroupId=Ref(db_sg),
    ))

    # Database.
    subnet_group = t.add_resource(rds.DBSubnetGroup(
        "ApplicationDatabaseSubnetGroup",
        DBSubnetGroupDescription="Application Database Subnet Group",
        SubnetIds=Ref(subnets),
        Tags=Tags(Name=Sub("${AWS::StackName}-db-subnet-group")),
    ))
    database = t.add_resource(rds.DBInstance(
        "ApplicationDatabase",
        Engine="mysql",
        EngineVersion="8.4.7",
        DBInstanceClass="db.t3.micro",
        AllocatedStorage="20",
        StorageType="gp3",
        MasterUsername="todobackend",
        MasterUserPassword=Sub("{{resolve:secretsmanager:${ApplicationDatabaseSecret}:SecretString:password}}"),
        DBName="todobackend",
        VPCSecurityGroups=[GetAtt(db_sg, "GroupId")],
        DBSubnetGroupName=Ref(subnet_group),
        MultiAZ=False,
        AvailabilityZone=Sub("${AWS::Region}a"),
        Tags=Tags(Name=Sub("${AWS::StackName}-db")),
    ))

    # Load balancer.
    target_group = t.add_resource(elb.TargetGroup(
        "ApplicationServiceTargetGroup",
        Protocol="HTTP",
        Port=8000,
        VpcId=Ref(vpc),
        HealthCheckPort="traffic-port",
        TargetType="instance",
        TargetGroupAttributes=[elb.TargetGroupAttribute(Key="deregistration_delay.timeout_seconds", Value="30")],
    ))
    alb = t.add_resource(elb.LoadBalancer(
        "ApplicationLoadBalancer",
        Scheme="internet-facing",
        Subnets=Ref(subnets),
        SecurityGroups=[Ref(alb_sg)],
        LoadBalancerAttributes=[elb.LoadBalancerAttributes(Key="idle_timeout.timeout_seconds", Value="30")],
        Tags=Tags(Name=Sub("${AWS::StackName}-alb")),
    ))
    listener = t.add_resource(elb.Listener(
        "ApplicationLoadBalancerHttpListener",
        LoadBalancerArn=Ref(alb),
        Protocol="HTTP",
        Port=80,
        DefaultActions=[elb.Action(TargetGroupArn=Ref(target_group), Type="forward")],
    ))

    # EC2 capacity.
    instance_role = t.add_resource(iam.Role(
        "ApplicationAutoscalingInstanceRole",
        AssumeRolePolicyDocument=assume(["ec2.amazonaws.com"]),
        Policies=[iam.Policy(PolicyName="ECSContainerInstancePermissions", PolicyDocument={
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": ["ecs:RegisterContainerInstance", "ecs:DeregisterContainerInstance", "ecs:UpdateContainerInstancesState"], "Resource": GetAtt(cluster, "Arn")},
                {"Effect": "Allow", "Action": ["ecs:DiscoverPollEndpoint", "ecs:Submit*", "ecs:Poll", "ecs:StartTelemetrySession"], "Resource": "*"},
                {"Effect": "Allow", "Action": ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:GetAuthorizationToken"], "Resource": "*"},
                {"Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], "Resource": Sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/${AWS::StackName}*")},
            ],
        })],
    ))
    profile = t.add_resource(iam.InstanceProfile("ApplicationAutoscalingInstanceProfile", Roles=[Ref(instance_role)]))
    launch_template = t.add_resource(ec2.LaunchTemplate(
        "ApplicationAutoscalingLaunchTemplate",
        Metadata={"AWS::CloudFormation::Init": {"config": {
            "commands": {
                "05_create_data_public": {"command": "mkdir -p /data/public"},
                "06_own_data_public": {"command": "chown -R 1000:1000 /data/public"},
            },
            "files": {"/etc/ecs/ecs.config": {
                "content": Sub("ECS_CLUSTER=${ApplicationCluster}\n"), "group": "root", "mode": "000644", "owner": "root",
            }},
        }}},
        LaunchTemplateData=ec2.LaunchTemplateData(
            ImageId=Ref(image_id),
            InstanceType="t3.micro",
            MetadataOptions=ec2.MetadataOptions(HttpTokens="required"),
            IamInstanceProfile=ec2.IamInstanceProfile(Arn=GetAtt(profile, "Arn")),
            SecurityGroupIds=[GetAtt(app_sg, "GroupId")],
            UserData=Base64(Sub(USER_DATA)),
        ),
    ))
    asg = t.add_resource(autoscaling.AutoScalingGroup(
        "ApplicationAutoscaling",
        CreationPolicy={"ResourceSignal": {"Count": Ref(desired), "Timeout": "PT15M"}},
        LaunchTemplate=autoscaling.LaunchTemplateSpecification(
            LaunchTemplateId=Ref(launch_template), Version=GetAtt(launch_template, "LatestVersionNumber"),
        ),
        MinSize="0",
        MaxSize="4",
        DesiredCapacity=Ref(desired),
        VPCZoneIdentifier=Ref(subnets),
        Tags=[autoscaling.Tag("Name", Sub("${AWS::StackName}-ApplicationAutoscaling-instance"), True)],
    ))

    # Tasks.
    execution_role = t.add_resource(iam.Role(
        "ApplicationTaskExecutionRole",
        AssumeRolePolicyDocument=assume(["ecs-tasks.amazonaws.com"]),
        ManagedPolicyArns=[Sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")],
        Policies=[iam.Policy(PolicyName="ReadApplicationSecrets", PolicyDocument={
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": [Ref(secret), Ref(secret_key)]}],
        })],
    ))
    db_env = [
        ("DJANGO_SETTINGS_MODULE", "todobackend.settings_release"),
        ("MYSQL_HOST", GetAtt(database, "Endpoint.Address")),
        ("MYSQL_USER", "todobackend"),
        ("MYSQL_DATABASE", "todobackend"),
    ]
    db_secret = [ecs.Secret(Name="MYSQL_PASSWORD", ValueFrom=Sub("${ApplicationDatabaseSecret}:password::"))]
    migrate_td = t.add_resource(ecs.TaskDefinition(
        "MigrateTaskDefinition",
        Family="todobackend-migrate",
        ExecutionRoleArn=GetAtt(execution_role, "Arn"),
        ContainerDefinitions=[ecs.ContainerDefinition(
            Name="migrate",
            Image=Sub(IMAGE),
            MemoryReservation=5,
            Cpu=5,
            Environment=env(db_env),
            Secrets=db_secret,
            Command=["python3", "manage.py", "migrate", "--no-input"],
            LogConfiguration=log_config(app_logs),
        )],
    ))
    app_td = t.add_resource(ecs.TaskDefinition(
        "ApplicationTaskDefinition",
        Family="todobackend",
        ExecutionRoleArn=GetAtt(execution_role, "Arn"),
        Volumes=[ecs.Volume(Name="public", Host=ecs.Host(SourcePath="/data/public"))],
        ContainerDefinitions=[
            ecs.ContainerDefinition(
                Name="todobackend",
                Image=Sub(IMAGE),
                MemoryReservation=395,
                Cpu=245,
                MountPoints=[ecs.MountPoint(SourceVolume="public", ContainerPath="/public")],
                Environment=env(db_env),
                Secrets=db_secret + [ecs.Secret(Name="SECRET_KEY", ValueFrom=Ref(secret_key))],
                Command=["uwsgi", "--http=0.0.0.0:8000", "--module=todobackend.wsgi", "--master", "--die-on-term",
                         "--processes=4", "--threads=2", "--check-static=/public"],
                PortMappings=[ecs.PortMapping(ContainerPort=8000, HostPort=0)],
                LogConfiguration=log_config(app_logs),
            ),
            ecs.ContainerDefinition(
                Name="collectstatic",
                Essential=False,
                Image=Sub(IMAGE),
                MemoryReservation=5,
                Cpu=5,
                MountPoints=[ecs.MountPoint(SourceVolume="public", ContainerPath="/public")],
                Environment=env(db_env[:1]),
                Command=["python3", "manage.py", "collectstatic", "--no-input"],
                LogConfiguration=log_config(app_logs),
            ),
        ],
    ))

    # The custom resource that runs the migrations before the service starts.
    runner_logs = t.add_resource(logs.LogGroup("EcsTaskRunnerLogGroup", LogGroupName=Sub("/aws/lambda/${AWS::StackName}-ecsTasks"), RetentionInDays=7))
    runner_role = t.add_resource(iam.Role(
        "EcsTaskRunnerRole",
        AssumeRolePolicyDocument=assume(["lambda.amazonaws.com"]),
        Policies=[iam.Policy(PolicyName="EcsTaskRunnerPermissions", PolicyDocument={
            "Version": "2012-10-17",
            "Statement": [
                {"Sid": "EcsTasks", "Effect": "Allow", "Action": ["ecs:DescribeTasks", "ecs:ListTasks", "ecs:RunTask"], "Resource": "*",
                 "Condition": {"ArnEquals": {"ecs:cluster": GetAtt(cluster, "Arn")}}},
                {"Sid": "ManageLambdaLogs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": GetAtt(runner_logs, "Arn")},
                {"Sid": "PassTaskRoles", "Effect": "Allow", "Action": ["iam:PassRole"], "Resource": GetAtt(execution_role, "Arn")},
            ],
        })],
    ))
    runner = t.add_resource(awslambda.Function(
        "EcsTaskRunner",
        DependsOn=[runner_logs],
        FunctionName=Sub("${AWS::StackName}-ecsTasks"),
        Description=Sub("${AWS::StackName} ECS Task Runner"),
        Handler="index.handler",
        MemorySize=128,
        Runtime="python3.12",
        Timeout=300,
        Role=GetAtt(runner_role, "Arn"),
        Code=awslambda.Code(ZipFile=LAMBDA_CODE),
    ))
    migrate = t.add_resource(EcsTask(
        "MigrateTask",
        DependsOn=[asg, database],
        ServiceToken=GetAtt(runner, "Arn"),
        Cluster=Ref(cluster),
        TaskDefinition=Ref(migrate_td),
    ))

    t.add_resource(ecs.Service(
        "ApplicationService",
        DependsOn=[asg, listener, migrate],
        TaskDefinition=Ref(app_td),
        Cluster=Ref(cluster),
        DesiredCount=Ref(desired),
        LoadBalancers=[ecs.LoadBalancer(ContainerName="todobackend", ContainerPort=8000, TargetGroupArn=Ref(target_group))],
        DeploymentConfiguration=ecs.DeploymentConfiguration(MaximumPercent=200, MinimumHealthyPercent=100),
    ))
    t.add_output(Output("PublicURL", Description="Public DNS name of Application Load Balancer", Value=Sub("${ApplicationLoadBalancer.DNSName}")))
    return t


def service_set(t, n, vpc, subnets):
    """One service set of 25 resources, named `S<n>…`."""
    p = f"S{n:02d}"
    name = f"svc{n:02d}"
    cluster = t.add_resource(ecs.Cluster(f"{p}Cluster", ClusterName=Sub(f"${{AWS::StackName}}-{name}")))
    log_group = t.add_resource(logs.LogGroup(f"{p}LogGroup", LogGroupName=Sub(f"/${{AWS::StackName}}/{name}"), RetentionInDays=14))
    repository = t.add_resource(ecr.Repository(f"{p}Repository", RepositoryName=Sub(f"${{AWS::StackName}}-{name}"), ImageScanningConfiguration=ecr.ImageScanningConfiguration(ScanOnPush=True)))
    secret = t.add_resource(secretsmanager.Secret(f"{p}Secret", Description=f"{name} API key", GenerateSecretString=secretsmanager.GenerateSecretString(PasswordLength=32, ExcludePunctuation=True)))
    config = t.add_resource(ssm.Parameter(f"{p}ConfigParameter", Name=Sub(f"/${{AWS::StackName}}/{name}/config"), Type="String", Value='{"feature":true}'))
    bucket = t.add_resource(s3.Bucket(
        f"{p}Bucket",
        BucketEncryption=s3.BucketEncryption(ServerSideEncryptionConfiguration=[s3.ServerSideEncryptionRule(ServerSideEncryptionByDefault=s3.ServerSideEncryptionByDefault(SSEAlgorithm="AES256"))]),
        PublicAccessBlockConfiguration=s3.PublicAccessBlockConfiguration(BlockPublicAcls=True, BlockPublicPolicy=True, IgnorePublicAcls=True, RestrictPublicBuckets=True),
        VersioningConfiguration=s3.VersioningConfiguration(Status="Enabled"),
    ))
    dlq = t.add_resource(sqs.Queue(f"{p}DeadLetterQueue", MessageRetentionPeriod=1209600))
    queue = t.add_resource(sqs.Queue(f"{p}Queue", VisibilityTimeout=60, RedrivePolicy=sqs.RedrivePolicy(deadLetterTargetArn=GetAtt(dlq, "Arn"), maxReceiveCount=5)))
    topic = t.add_resource(sns.Topic(f"{p}AlarmTopic", DisplayName=f"{name} alarms"))
    execution_role = t.add_resource(iam.Role(
        f"{p}ExecutionRole",
        AssumeRolePolicyDocument=assume("ecs-tasks.amazonaws.com"),
        ManagedPolicyArns=["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
        Policies=[iam.Policy(PolicyName="ReadSecret", PolicyDocument={"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": Ref(secret)},
        ]})],
    ))
    task_role = t.add_resource(iam.Role(f"{p}TaskRole", AssumeRolePolicyDocument=assume("ecs-tasks.amazonaws.com")))
    t.add_resource(iam.PolicyType(
        f"{p}TaskPolicy",
        PolicyName=f"{name}-task",
        Roles=[Ref(task_role)],
        PolicyDocument={"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], "Resource": GetAtt(queue, "Arn")},
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": Sub(f"${{{p}Bucket.Arn}}/*")},
            {"Effect": "Allow", "Action": ["ssm:GetParameter"], "Resource": Sub(f"arn:${{AWS::Partition}}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter${{{p}ConfigParameter}}")},
        ]},
    ))
    task_def = t.add_resource(ecs.TaskDefinition(
        f"{p}TaskDefinition",
        Family=Sub(f"${{AWS::StackName}}-{name}"),
        Cpu="256",
        Memory="512",
        NetworkMode="awsvpc",
        RequiresCompatibilities=["FARGATE"],
        ExecutionRoleArn=GetAtt(execution_role, "Arn"),
        TaskRoleArn=GetAtt(task_role, "Arn"),
        ContainerDefinitions=[ecs.ContainerDefinition(
            Name="app",
            Image=Sub(f"${{{p}Repository.RepositoryUri}}:latest"),
            Essential=True,
            PortMappings=[ecs.PortMapping(ContainerPort=8080, Protocol="tcp")],
            Environment=[
                ecs.Environment(Name="QUEUE_URL", Value=Ref(queue)),
                ecs.Environment(Name="BUCKET", Value=Ref(bucket)),
                ecs.Environment(Name="CONFIG_PARAMETER", Value=Ref(config)),
            ],
            Secrets=[ecs.Secret(Name="API_KEY", ValueFrom=Ref(secret))],
            LogConfiguration=ecs.LogConfiguration(LogDriver="awslogs", Options={
                "awslogs-group": Ref(log_group), "awslogs-region": Ref("AWS::Region"), "awslogs-stream-prefix": name,
            }),
        )],
    ))
    lb_sg = t.add_resource(ec2.SecurityGroup(
        f"{p}LoadBalancerSecurityGroup",
        GroupDescription=f"{name} load balancer",
        VpcId=Ref(vpc),
        SecurityGroupIngress=[rule("tcp", 80, 80, "0.0.0.0/0")],
    ))
    svc_sg = t.add_resource(ec2.SecurityGroup(
        f"{p}ServiceSecurityGroup",
        GroupDescription=f"{name} tasks",
        VpcId=Ref(vpc),
        SecurityGroupEgress=[rule("tcp", 443, 443, "0.0.0.0/0")],
    ))
    t.add_resource(ec2.SecurityGroupIngress(
        f"{p}LoadBalancerToServiceIngress",
        IpProtocol="tcp", FromPort=8080, ToPort=8080, GroupId=Ref(svc_sg), SourceSecurityGroupId=Ref(lb_sg),
    ))
    t.add_resource(ec2.SecurityGroupEgress(
        f"{p}LoadBalancerToServiceEgress",
        IpProtocol="tcp", FromPort=8080, ToPort=8080, GroupId=Ref(lb_sg), DestinationSecurityGroupId=Ref(svc_sg),
    ))
    lb = t.add_resource(elb.LoadBalancer(
        f"{p}LoadBalancer",
        Scheme="internet-facing",
        Subnets=Ref(subnets),
        SecurityGroups=[Ref(lb_sg)],
    ))
    target_group = t.add_resource(elb.TargetGroup(
        f"{p}TargetGroup",
        Port=8080,
        Protocol="HTTP",
        TargetType="ip",
        VpcId=Ref(vpc),
        HealthCheckPath="/health",
        Matcher=elb.Matcher(HttpCode="200"),
    ))
    listener = t.add_resource(elb.Listener(
        f"{p}Listener",
        LoadBalancerArn=Ref(lb),
        Port=80,
        Protocol="HTTP",
        DefaultActions=[elb.Action(Type="fixed-response", FixedResponseConfig=elb.FixedResponseConfig(StatusCode="404"))],
    ))
    listener_rule = t.add_resource(elb.ListenerRule(
        f"{p}ListenerRule",
        ListenerArn=Ref(listener),
        Priority=1,
        Conditions=[elb.Condition(Field="path-pattern", PathPatternConfig=elb.PathPatternConfig(Values=[f"/{name}/*"]))],
        Actions=[elb.ListenerRuleAction(Type="forward", TargetGroupArn=Ref(target_group))],
    ))
    service = t.add_resource(ecs.Service(
        f"{p}Service",
        DependsOn=[listener_rule],
        Cluster=Ref(cluster),
        TaskDefinition=Ref(task_def),
        LaunchType="FARGATE",
        NetworkConfiguration=ecs.NetworkConfiguration(AwsvpcConfiguration=ecs.AwsvpcConfiguration(
            AssignPublicIp="DISABLED", SecurityGroups=[Ref(svc_sg)], Subnets=Ref(subnets),
        )),
        LoadBalancers=[ecs.LoadBalancer(ContainerName="app", ContainerPort=8080, TargetGroupArn=Ref(target_group))],
        DeploymentConfiguration=ecs.DeploymentConfiguration(
            MaximumPercent=200, MinimumHealthyPercent=100,
            DeploymentCircuitBreaker=ecs.DeploymentCircuitBreaker(Enable=True, Rollback=True),
        ),
    ))
    scalable = t.add_resource(aas.ScalableTarget(
        f"{p}ScalableTarget",
        MaxCapacity=10,
        MinCapacity=2,
        ResourceId=Sub(f"service/${{{p}Cluster}}/${{{p}Service.Name}}"),
        ScalableDimension="ecs:service:DesiredCount",
        ServiceNamespace="ecs",
    ))
    t.add_resource(aas.ScalingPolicy(
        f"{p}ScalingPolicy",
        PolicyName=f"{name}-cpu",
        PolicyType="TargetTrackingScaling",
        ScalingTargetId=Ref(scalable),
        TargetTrackingScalingPolicyConfiguration=aas.TargetTrackingScalingPolicyConfiguration(
            TargetValue=60.0,
            PredefinedMetricSpecification=aas.PredefinedMetricSpecification(PredefinedMetricType="ECSServiceAverageCPUUtilization"),
        ),
    ))
    t.add_resource(cloudwatch.Alarm(
        f"{p}QueueDepthAlarm",
        AlarmDescription=f"{name} queue is backing up",
        Namespace="AWS/SQS",
        MetricName="ApproximateNumberOfMessagesVisible",
        Dimensions=[cloudwatch.MetricDimension(Name="QueueName", Value=GetAtt(queue, "QueueName"))],
        Statistic="Maximum",
        Period=60,
        EvaluationPeriods=5,
        Threshold=100,
        ComparisonOperator="GreaterThanThreshold",
        AlarmActions=[Ref(topic)],
    ))
    t.add_output(Output(f"{p}Url", Value=Sub(f"http://${{{p}LoadBalancer.DNSName}}/{name}/")))


def big(resources):
    """`resources / 25` independent service sets sharing the VPC parameters."""
    t = Template(Description=f"ecs-dsl benchmark stack: {resources} resources")
    t.set_version("2010-09-09")
    vpc = t.add_parameter(Parameter("VpcId", Type="AWS::EC2::VPC::Id", Description="Target VPC"))
    subnets = t.add_parameter(Parameter("Subnets", Type="List<AWS::EC2::Subnet::Id>", Description="Subnets of the load balancers and tasks"))
    for n in range(1, resources // SET_SIZE + 1):
        service_set(t, n, vpc, subnets)
    return t


def main(argv):
    """Prints the stack named by the first argument."""
    if len(argv) < 2 or argv[1] not in ("todobackend", "big"):
        sys.exit("usage: troposphere_stack.py todobackend|big [RESOURCES]")
    if argv[1] == "todobackend":
        t = todobackend()
    else:
        resources = int(argv[2]) if len(argv) > 2 else 500
        if resources <= 0 or resources % SET_SIZE:
            sys.exit(f"RESOURCES must be a positive multiple of {SET_SIZE}, got {resources}")
        t = big(resources)
    print(t.to_json())


if __name__ == "__main__":
    main(sys.argv)
