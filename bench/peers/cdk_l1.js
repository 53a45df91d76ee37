// The benchmark stacks written with AWS CDK v2 L1 (`Cfn*`) constructs, in plain JavaScript.
//
// Usage: node cdk_l1.js todobackend|big [RESOURCES]
//
// Synthesizes the app into a temporary cloud assembly (as `cdk synth` does) and prints the
// stack's template as JSON on stdout. `todobackend` mirrors examples/todobackend.rs; `big`
// mirrors bench/src/bin/big_stack.rs (RESOURCES a multiple of 25, default 500).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const cdk = require('aws-cdk-lib');
const autoscaling = require('aws-cdk-lib/aws-autoscaling');
const aas = require('aws-cdk-lib/aws-applicationautoscaling');
const cloudwatch = require('aws-cdk-lib/aws-cloudwatch');
const ec2 = require('aws-cdk-lib/aws-ec2');
const ecr = require('aws-cdk-lib/aws-ecr');
const ecs = require('aws-cdk-lib/aws-ecs');
const elb = require('aws-cdk-lib/aws-elasticloadbalancingv2');
const iam = require('aws-cdk-lib/aws-iam');
const lambda = require('aws-cdk-lib/aws-lambda');
const logs = require('aws-cdk-lib/aws-logs');
const rds = require('aws-cdk-lib/aws-rds');
const s3 = require('aws-cdk-lib/aws-s3');
const secretsmanager = require('aws-cdk-lib/aws-secretsmanager');
const sns = require('aws-cdk-lib/aws-sns');
const sqs = require('aws-cdk-lib/aws-sqs');
const ssm = require('aws-cdk-lib/aws-ssm');

const SET_SIZE = 25;
const { Fn } = cdk;

const LAMBDA_CODE = fs.readFileSync(path.join(__dirname, 'ecs_task_runner.py'), 'utf8');

const USER_DATA = `#!/bin/bash
/opt/aws/bin/cfn-init -v --stack \${AWS::StackName} --resource ApplicationAutoscalingLaunchTemplate --region \${AWS::Region}
/opt/aws/bin/cfn-signal -e $? --stack \${AWS::StackName} --resource ApplicationAutoscaling --region \${AWS::Region}
`;

const IMAGE = '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/docker-in-aws/todobackend:${ApplicationImageTag}';

/** A trust policy letting `service` assume the role. */
function assume(service) {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: ['sts:AssumeRole'] }] };
}

/** The awslogs driver writing to `group`. */
function logConfig(group, prefix) {
  return { logDriver: 'awslogs', options: { 'awslogs-group': group.ref, 'awslogs-region': cdk.Aws.REGION, 'awslogs-stream-prefix': prefix } };
}

/** One inline security group rule. */
function rule(ipProtocol, fromPort, toPort, cidrIp) {
  return { ipProtocol, fromPort, toPort, cidrIp };
}

/** The book's chapter-8 stack, modernised. */
function todobackend(stack) {
  stack.templateOptions.description = 'Todobackend Application';
  stack.templateOptions.templateFormatVersion = '2010-09-09';
  const desired = new cdk.CfnParameter(stack, 'ApplicationDesiredCount', { type: 'Number', description: 'Desired EC2 instance count' });
  const imageId = new cdk.CfnParameter(stack, 'ApplicationImageId', { type: 'AWS::EC2::Image::Id', description: 'ECS Amazon Machine Image (AMI) ID' });
  new cdk.CfnParameter(stack, 'ApplicationImageTag', { type: 'String', description: 'Application Docker Image Tag', default: 'latest' });
  const subnets = new cdk.CfnParameter(stack, 'ApplicationSubnets', { type: 'List<AWS::EC2::Subnet::Id>', description: 'Target subnets for EC2 instances' });
  const vpc = new cdk.CfnParameter(stack, 'VpcId', { type: 'AWS::EC2::VPC::Id', description: 'Target VPC' });

  const cluster = new ecs.CfnCluster(stack, 'ApplicationCluster', { clusterName: 'todobackend-cluster' });
  const appLogs = new logs.CfnLogGroup(stack, 'ApplicationLogGroup', { logGroupName: Fn.sub('/${AWS::StackName}/ecs/todobackend'), retentionInDays: 7 });
  const secret = new secretsmanager.CfnSecret(stack, 'ApplicationDatabaseSecret', {
    description: 'Application database master credentials',
    generateSecretString: { passwordLength: 32, excludePunctuation: true, generateStringKey: 'password', secretStringTemplate: '{"username":"todobackend"}' },
  });
  const secretKey = new secretsmanager.CfnSecret(stack, 'ApplicationSecretKey', {
    description: 'todobackend Django SECRET_KEY',
    generateSecretString: { passwordLength: 50, excludePunctuation: true },
  });

  // Security groups and the rules between them.
  const albSg = new ec2.CfnSecurityGroup(stack, 'ApplicationLoadBalancerSecurityGroup', {
    groupDescription: 'Application Load Balancer Security Group',
    vpcId: vpc.valueAsString,
    securityGroupIngress: [rule('tcp', 80, 80, '0.0.0.0/0')],
    tags: [{ key: 'Name', value: Fn.sub('${AWS::StackName}-alb-sg') }],
  });
  const appSg = new ec2.CfnSecurityGroup(stack, 'ApplicationAutoscalingSecurityGroup', {
    groupDescription: Fn.sub('${AWS::StackName} Application Autoscaling Security Group'),
    vpcId: vpc.valueAsString,
    securityGroupEgress: [rule('udp', 53, 53, '0.0.0.0/0'), rule('tcp', 80, 80, '0.0.0.0/0'), rule('tcp', 443, 443, '0.0.0.0/0')],
  });
  const dbSg = new ec2.CfnSecurityGroup(stack, 'ApplicationDatabaseSecurityGroup', {
    groupDescription: Fn.sub('${AWS::StackName} Application Database Security Group'),
    vpcId: vpc.valueAsString,
    securityGroupEgress: [rule('icmp', -1, -1, '192.0.2.0/32')],
    tags: [{ key: 'Name', value: Fn.sub('${AWS::StackName}-db-sg') }],
  });
  new ec2.CfnSecurityGroupIngress(stack, 'ApplicationLoadBalancerToApplicationIngress', {
    ipProtocol: 'tcp', fromPort: 32768, toPort: 60999, groupId: appSg.ref, sourceSecurityGroupId: albSg.ref,
  });
  new ec2.CfnSecurityGroupEgress(stack, 'ApplicationLoadBalancerToApplicationEgress', {
    ipProtocol: 'tcp', fromPort: 32768, toPort: 60999, groupId: albSg.ref, destinationSecurityGroupId: appSg.ref,
  });
  new ec2.CfnSecurityGroupIngress(stack, 'ApplicationToApplicationDatabaseIngress', {
    ipProtocol: 'tcp', fromPort: 3306, toPort: 3306, groupId: dbSg.ref, sourceSecurityGroupId: appSg.ref,
  });
  new ec2.CfnSecurityGroupEgress(stack, 'ApplicationToApplicationDatabaseEgress', {
    ipProtocol: 'tcp', fromPort: 3306, toPort: 3306, groupId: appSg.ref, destinationSecurityGroupId: dbSg.ref,
  });

  // Database.
  const subnetGroup = new rds.CfnDBSubnetGroup(stack, 'ApplicationDatabaseSubnetGroup', {
    dbSubnetGroupDescription: 'Application Database Subnet Group',
    subnetIds: subnets.valueAsList,
    tags: [{ key: 'Name', value: Fn.sub('${AWS::StackName}-db-subnet-group') }],
  });
  const database = new rds.CfnDBInstance(stack, 'ApplicationDatabase', {
    engine: 'mysql',
    engineVersion: '8.4.7',
    dbInstanceClass: 'db.t3.micro',
    allocatedStorage: '20',
    storageType: 'gp3',
    masterUsername: 'todobackend',
    masterUserPassword: Fn.sub('{{resolve:secretsmanager:${ApplicationDatabaseSecret}:SecretString:password}}'),
    dbName: 'todobackend',
    vpcSecurityGroups: [dbSg.attrGroupId],
    dbSubnetGroupName: subnetGroup.ref,
    multiAz: false,
    availabilityZone: Fn.sub('${AWS::Region}a'),
    tags: [{ key: 'Name', value: Fn.sub('${AWS::StackName}-db') }],
  });

  // Load balancer.
  const targetGroup = new elb.CfnTargetGroup(stack, 'ApplicationServiceTargetGroup', {
    protocol: 'HTTP',
    port: 8000,
    vpcId: vpc.valueAsString,
    healthCheckPort: 'traffic-port',
    targetType: 'instance',
    targetGroupAttributes: [{ key: 'deregistration_delay.timeout_seconds', value: '30' }],
  });
  const alb = new elb.CfnLoadBalancer(stack, 'ApplicationLoadBalancer', {
    scheme: 'internet-facing',
    subnets: subnets.valueAsList,
    securityGroups: [albSg.ref],
    loadBalancerAttributes: [{ key: 'idle_timeout.timeout_seconds', value: '30' }],
    tags: [{ key: 'Name', value: Fn.sub('${AWS::StackName}-alb') }],
  });
  const listener = new elb.CfnListener(stack, 'ApplicationLoadBalancerHttpListener', {
    loadBalancerArn: alb.ref,
    protocol: 'HTTP',
    port: 80,
    defaultActions: [{ targetGroupArn: targetGroup.ref, type: 'forward' }],
  });

  // EC2 capacity.
  const instanceRole = new iam.CfnRole(stack, 'ApplicationAutoscalingInstanceRole', {
    assumeRolePolicyDocument: assume(['ec2.amazonaws.com']),
    policies: [{
      policyName: 'ECSContainerInstancePermissions',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['ecs:RegisterContainerInstance', 'ecs:DeregisterContainerInstance', 'ecs:UpdateContainerInstancesState'], Resource: cluster.attrArn },
          { Effect: 'Allow', Action: ['ecs:DiscoverPollEndpoint', 'ecs:Submit*', 'ecs:Poll', 'ecs:StartTelemetrySession'], Resource: '*' },
          { Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:GetAuthorizationToken'], Resource: '*' },
          { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: Fn.sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/${AWS::StackName}*') },
        ],
      },
    }],
  });
  const profile = new iam.CfnInstanceProfile(stack, 'ApplicationAutoscalingInstanceProfile', { roles: [instanceRole.ref] });
  const launchTemplate = new ec2.CfnLaunchTemplate(stack, 'ApplicationAutoscalingLaunchTemplate', {
    launchTemplateData: {
      imageId: imageId.valueAsString,
      instanceType: 't3.micro',
      metadataOptions: { httpTokens: 'required' },
      iamInstanceProfile: { arn: profile.attrArn },
      securityGroupIds: [appSg.attrGroupId],
      userData: Fn.base64(Fn.sub(USER_DATA)),
    },
  });
  launchTemplate.cfnOptions.metadata = {
    'AWS::CloudFormation::Init': { config: {
      commands: {
        '05_create_data_public': { command: 'mkdir -p /data/public' },
        '06_own_data_public': { command: 'chown -R 1000:1000 /data/public' },
      },
      files: { '/etc/ecs/ecs.config': { content: Fn.sub('ECS_CLUSTER=${ApplicationCluster}\n'), group: 'root', mode: '000644', owner: 'root' } },
    } },
  };
  const asg = new autoscaling.CfnAutoScalingGroup(stack, 'ApplicationAutoscaling', {
    launchTemplate: { launchTemplateId: launchTemplate.ref, version: launchTemplate.attrLatestVersionNumber },
    minSize: '0',
    maxSize: '4',
    desiredCapacity: desired.valueAsString,
    vpcZoneIdentifier: subnets.valueAsList,
    tags: [{ key: 'Name', value: Fn.sub('${AWS::StackName}-ApplicationAutoscaling-instance'), propagateAtLaunch: true }],
  });
  asg.cfnOptions.creationPolicy = { resourceSignal: { count: desired.valueAsNumber, timeout: 'PT15M' } };

  // Tasks.
  const executionRole = new iam.CfnRole(stack, 'ApplicationTaskExecutionRole', {
    assumeRolePolicyDocument: assume(['ecs-tasks.amazonaws.com']),
    managedPolicyArns: [Fn.sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy')],
    policies: [{
      policyName: 'ReadApplicationSecrets',
      policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [secret.ref, secretKey.ref] }] },
    }],
  });
  const dbEnv = [
    { name: 'DJANGO_SETTINGS_MODULE', value: 'todobackend.settings_release' },
    { name: 'MYSQL_HOST', value: database.attrEndpointAddress },
    { name: 'MYSQL_USER', value: 'todobackend' },
    { name: 'MYSQL_DATABASE', value: 'todobackend' },
  ];
  const dbSecret = [{ name: 'MYSQL_PASSWORD', valueFrom: Fn.sub('${ApplicationDatabaseSecret}:password::') }];
  const migrateTd = new ecs.CfnTaskDefinition(stack, 'MigrateTaskDefinition', {
    family: 'todobackend-migrate',
    executionRoleArn: executionRole.attrArn,
    containerDefinitions: [{
      name: 'migrate',
      image: Fn.sub(IMAGE),
      memoryReservation: 5,
      cpu: 5,
      environment: dbEnv,
      secrets: dbSecret,
      command: ['python3', 'manage.py', 'migrate', '--no-input'],
      logConfiguration: logConfig(appLogs, 'docker'),
    }],
  });
  const appTd = new ecs.CfnTaskDefinition(stack, 'ApplicationTaskDefinition', {
    family: 'todobackend',
    executionRoleArn: executionRole.attrArn,
    volumes: [{ name: 'public', host: { sourcePath: '/data/public' } }],
    containerDefinitions: [
      {
        name: 'todobackend',
        image: Fn.sub(IMAGE),
        memoryReservation: 395,
        cpu: 245,
        mountPoints: [{ sourceVolume: 'public', containerPath: '/public' }],
        environment: dbEnv,
        secrets: [...dbSecret, { name: 'SECRET_KEY', valueFrom: secretKey.ref }],
        command: ['uwsgi', '--http=0.0.0.0:8000', '--module=todobackend.wsgi', '--master', '--die-on-term', '--processes=4', '--threads=2', '--check-static=/public'],
        portMappings: [{ containerPort: 8000, hostPort: 0 }],
        logConfiguration: logConfig(appLogs, 'docker'),
      },
      {
        name: 'collectstatic',
        essential: false,
        image: Fn.sub(IMAGE),
        memoryReservation: 5,
        cpu: 5,
        mountPoints: [{ sourceVolume: 'public', containerPath: '/public' }],
        environment: dbEnv.slice(0, 1),
        command: ['python3', 'manage.py', 'collectstatic', '--no-input'],
        logConfiguration: logConfig(appLogs, 'docker'),
      },
    ],
  });

  // The custom resource that runs the migrations before the service starts.
  const runnerLogs = new logs.CfnLogGroup(stack, 'EcsTaskRunnerLogGroup', { logGroupName: Fn.sub('/aws/lambda/${AWS::StackName}-ecsTasks'), retentionInDays: 7 });
  const runnerRole = new iam.CfnRole(stack, 'EcsTaskRunnerRole', {
    assumeRolePolicyDocument: assume(['lambda.amazonaws.com']),
    policies: [{
      policyName: 'EcsTaskRunnerPermissions',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'EcsTasks', Effect: 'Allow', Action: ['ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:RunTask'], Resource: '*', Condition: { ArnEquals: { 'ecs:cluster': cluster.attrArn } } },
          { Sid: 'ManageLambdaLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: runnerLogs.attrArn },
          { Sid: 'PassTaskRoles', Effect: 'Allow', Action: ['iam:PassRole'], Resource: executionRole.attrArn },
        ],
      },
    }],
  });
  const runner = new lambda.CfnFunction(stack, 'EcsTaskRunner', {
    functionName: Fn.sub('${AWS::StackName}-ecsTasks'),
    description: Fn.sub('${AWS::StackName} ECS Task Runner'),
    handler: 'index.handler',
    memorySize: 128,
    runtime: 'python3.12',
    timeout: 300,
    role: runnerRole.attrArn,
    code: { zipFile: LAMBDA_CODE },
  });
  runner.addResourceDependency(runnerLogs);
  const migrate = new cdk.CfnCustomResource(stack, 'MigrateTask', { serviceToken: runner.attrArn });
  migrate.addOverride('Type', 'Custom::EcsTask');
  migrate.addPropertyOverride('Cluster', cluster.ref);
  migrate.addPropertyOverride('TaskDefinition', migrateTd.ref);
  migrate.addResourceDependency(asg);
  migrate.addResourceDependency(database);

  const service = new ecs.CfnService(stack, 'ApplicationService', {
    taskDefinition: appTd.ref,
    cluster: cluster.ref,
    desiredCount: desired.valueAsNumber,
    loadBalancers: [{ containerName: 'todobackend', containerPort: 8000, targetGroupArn: targetGroup.ref }],
    deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100 },
  });
  for (const d of [asg, listener, migrate]) service.addResourceDependency(d);
  new cdk.CfnOutput(stack, 'PublicURL', { description: 'Public DNS name of Application Load Balancer', value: Fn.sub('${ApplicationLoadBalancer.DNSName}') });
}

/** One service set of 25 resources, named `S<n>…`. */
function serviceSet(stack, n, vpc, subnets) {
  const p = `S${String(n).padStart(2, '0')}`;
  const name = `svc${String(n).padStart(2, '0')}`;
  const cluster = new ecs.CfnCluster(stack, `${p}Cluster`, { clusterName: Fn.sub(`\${AWS::StackName}-${name}`) });
  const logGroup = new logs.CfnLogGroup(stack, `${p}LogGroup`, { logGroupName: Fn.sub(`/\${AWS::StackName}/${name}`), retentionInDays: 14 });
  const repository = new ecr.CfnRepository(stack, `${p}Repository`, { repositoryName: Fn.sub(`\${AWS::StackName}-${name}`), imageScanningConfiguration: { scanOnPush: true } });
  const secret = new secretsmanager.CfnSecret(stack, `${p}Secret`, { description: `${name} API key`, generateSecretString: { passwordLength: 32, excludePunctuation: true } });
  const config = new ssm.CfnParameter(stack, `${p}ConfigParameter`, { name: Fn.sub(`/\${AWS::StackName}/${name}/config`), type: 'String', value: '{"feature":true}' });
  const bucket = new s3.CfnBucket(stack, `${p}Bucket`, {
    bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
    publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    versioningConfiguration: { status: 'Enabled' },
  });
  const dlq = new sqs.CfnQueue(stack, `${p}DeadLetterQueue`, { messageRetentionPeriod: 1209600 });
  const queue = new sqs.CfnQueue(stack, `${p}Queue`, { visibilityTimeout: 60, redrivePolicy: { deadLetterTargetArn: dlq.attrArn, maxReceiveCount: 5 } });
  const topic = new sns.CfnTopic(stack, `${p}AlarmTopic`, { displayName: `${name} alarms` });
  const executionRole = new iam.CfnRole(stack, `${p}ExecutionRole`, {
    assumeRolePolicyDocument: assume('ecs-tasks.amazonaws.com'),
    managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
    policies: [{ policyName: 'ReadSecret', policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: secret.ref }] } }],
  });
  const taskRole = new iam.CfnRole(stack, `${p}TaskRole`, { assumeRolePolicyDocument: assume('ecs-tasks.amazonaws.com') });
  new iam.CfnPolicy(stack, `${p}TaskPolicy`, {
    policyName: `${name}-task`,
    roles: [taskRole.ref],
    policyDocument: { Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: queue.attrArn },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: Fn.sub(`\${${p}Bucket.Arn}/*`) },
      { Effect: 'Allow', Action: ['ssm:GetParameter'], Resource: Fn.sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter\${${p}ConfigParameter}`) },
    ] },
  });
  const taskDef = new ecs.CfnTaskDefinition(stack, `${p}TaskDefinition`, {
    family: Fn.sub(`\${AWS::StackName}-${name}`),
    cpu: '256',
    memory: '512',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    executionRoleArn: executionRole.attrArn,
    taskRoleArn: taskRole.attrArn,
    containerDefinitions: [{
      name: 'app',
      image: Fn.sub(`\${${p}Repository.RepositoryUri}:latest`),
      essential: true,
      portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
      environment: [
        { name: 'QUEUE_URL', value: queue.ref },
        { name: 'BUCKET', value: bucket.ref },
        { name: 'CONFIG_PARAMETER', value: config.ref },
      ],
      secrets: [{ name: 'API_KEY', valueFrom: secret.ref }],
      logConfiguration: logConfig(logGroup, name),
    }],
  });
  const lbSg = new ec2.CfnSecurityGroup(stack, `${p}LoadBalancerSecurityGroup`, {
    groupDescription: `${name} load balancer`, vpcId: vpc, securityGroupIngress: [rule('tcp', 80, 80, '0.0.0.0/0')],
  });
  const svcSg = new ec2.CfnSecurityGroup(stack, `${p}ServiceSecurityGroup`, {
    groupDescription: `${name} tasks`, vpcId: vpc, securityGroupEgress: [rule('tcp', 443, 443, '0.0.0.0/0')],
  });
  new ec2.CfnSecurityGroupIngress(stack, `${p}LoadBalancerToServiceIngress`, {
    ipProtocol: 'tcp', fromPort: 8080, toPort: 8080, groupId: svcSg.ref, sourceSecurityGroupId: lbSg.ref,
  });
  new ec2.CfnSecurityGroupEgress(stack, `${p}LoadBalancerToServiceEgress`, {
    ipProtocol: 'tcp', fromPort: 8080, toPort: 8080, groupId: lbSg.ref, destinationSecurityGroupId: svcSg.ref,
  });
  const lb = new elb.CfnLoadBalancer(stack, `${p}LoadBalancer`, { scheme: 'internet-facing', subnets, securityGroups: [lbSg.ref] });
  const targetGroup = new elb.CfnTargetGroup(stack, `${p}TargetGroup`, {
    port: 8080, protocol: 'HTTP', targetType: 'ip', vpcId: vpc, healthCheckPath: '/health', matcher: { httpCode: '200' },
  });
  const listener = new elb.CfnListener(stack, `${p}Listener`, {
    loadBalancerArn: lb.ref, port: 80, protocol: 'HTTP', defaultActions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: '404' } }],
  });
  const listenerRule = new elb.CfnListenerRule(stack, `${p}ListenerRule`, {
    listenerArn: listener.ref,
    priority: 1,
    conditions: [{ field: 'path-pattern', pathPatternConfig: { values: [`/${name}/*`] } }],
    actions: [{ type: 'forward', targetGroupArn: targetGroup.ref }],
  });
  const service = new ecs.CfnService(stack, `${p}Service`, {
    cluster: cluster.ref,
    taskDefinition: taskDef.ref,
    launchType: 'FARGATE',
    networkConfiguration: { awsvpcConfiguration: { assignPublicIp: 'DISABLED', securityGroups: [svcSg.ref], subnets } },
    loadBalancers: [{ containerName: 'app', containerPort: 8080, targetGroupArn: targetGroup.ref }],
    deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100, deploymentCircuitBreaker: { enable: true, rollback: true } },
  });
  service.addResourceDependency(listenerRule);
  const scalable = new aas.CfnScalableTarget(stack, `${p}ScalableTarget`, {
    maxCapacity: 10,
    minCapacity: 2,
    resourceId: Fn.sub(`service/\${${p}Cluster}/\${${p}Service.Name}`),
    scalableDimension: 'ecs:service:DesiredCount',
    serviceNamespace: 'ecs',
  });
  new aas.CfnScalingPolicy(stack, `${p}ScalingPolicy`, {
    policyName: `${name}-cpu`,
    policyType: 'TargetTrackingScaling',
    scalingTargetId: scalable.ref,
    targetTrackingScalingPolicyConfiguration: { targetValue: 60, predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
  });
  new cloudwatch.CfnAlarm(stack, `${p}QueueDepthAlarm`, {
    alarmDescription: `${name} queue is backing up`,
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: [{ name: 'QueueName', value: queue.attrQueueName }],
    statistic: 'Maximum',
    period: 60,
    evaluationPeriods: 5,
    threshold: 100,
    comparisonOperator: 'GreaterThanThreshold',
    alarmActions: [topic.ref],
  });
  new cdk.CfnOutput(stack, `${p}Url`, { value: Fn.sub(`http://\${${p}LoadBalancer.DNSName}/${name}/`) });
  return service;
}

/** `resources / 25` independent service sets sharing the VPC parameters. */
function big(stack, resources) {
  stack.templateOptions.description = `ecs-dsl benchmark stack: ${resources} resources`;
  stack.templateOptions.templateFormatVersion = '2010-09-09';
  const vpc = new cdk.CfnParameter(stack, 'VpcId', { type: 'AWS::EC2::VPC::Id', description: 'Target VPC' });
  const subnets = new cdk.CfnParameter(stack, 'Subnets', { type: 'List<AWS::EC2::Subnet::Id>', description: 'Subnets of the load balancers and tasks' });
  for (let n = 1; n <= resources / SET_SIZE; n++) serviceSet(stack, n, vpc.valueAsString, subnets.valueAsList);
}

/** Parses the arguments, synthesizes, and prints the template. */
function main(argv) {
  const [which, count] = argv;
  if (which !== 'todobackend' && which !== 'big') {
    console.error('usage: cdk_l1.js todobackend|big [RESOURCES]');
    process.exit(2);
  }
  const resources = count === undefined ? 500 : Number(count);
  if (!Number.isInteger(resources) || resources <= 0 || resources % SET_SIZE !== 0) {
    console.error(`RESOURCES must be a positive multiple of ${SET_SIZE}, got ${count}`);
    process.exit(2);
  }
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-l1-'));
  try {
    const app = new cdk.App({ outdir, analyticsReporting: false });
    const synthesizer = new cdk.DefaultStackSynthesizer({ generateBootstrapVersionRule: false });
    const stack = new cdk.Stack(app, 'Bench', { synthesizer });
    if (which === 'todobackend') todobackend(stack);
    else big(stack, resources);
    const template = app.synth().getStackByName(stack.stackName).template;
    process.stdout.write(JSON.stringify(template, null, 2) + '\n');
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
