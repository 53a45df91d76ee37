// The benchmark stacks written with AWS CDK v2 L2 constructs (`ecs.Ec2Service`, `rds.DatabaseInstance`,
// `elbv2.ApplicationLoadBalancer`, …), in plain JavaScript, the way a CDK user would write them.
//
// Usage: node cdk_l2.js todobackend|big [RESOURCES]
//
// Prints the synthesized template as JSON on stdout. The L2 constructs choose their own logical IDs
// (path + hash) and add resources of their own (default roles and policies, security groups,
// the ECS capacity provider, the secret attachment, a drain hook, …), so the resource set is the
// same application, not the same list: the benchmark compares it by type count only.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const cdk = require('aws-cdk-lib');
const autoscaling = require('aws-cdk-lib/aws-autoscaling');
const cloudwatch = require('aws-cdk-lib/aws-cloudwatch');
const cwActions = require('aws-cdk-lib/aws-cloudwatch-actions');
const ec2 = require('aws-cdk-lib/aws-ec2');
const ecr = require('aws-cdk-lib/aws-ecr');
const ecs = require('aws-cdk-lib/aws-ecs');
const elbv2 = require('aws-cdk-lib/aws-elasticloadbalancingv2');
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
const { Duration, Fn } = cdk;
const PUBLIC = { subnetType: ec2.SubnetType.PUBLIC };

const LAMBDA_CODE = fs.readFileSync(path.join(__dirname, 'ecs_task_runner.py'), 'utf8');
const IMAGE = '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/docker-in-aws/todobackend:${ApplicationImageTag}';

/** The VPC given by parameters, with two public subnets taken from the subnet list. */
function importVpc(stack, vpcId, subnets) {
  return ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId,
    availabilityZones: [Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs())],
    publicSubnetIds: [Fn.select(0, subnets), Fn.select(1, subnets)],
  });
}

/** An AMI given by a template parameter. */
function imageFromParameter(parameter) {
  return {
    getImage: () => ({ imageId: parameter.valueAsString, osType: ec2.OperatingSystemType.LINUX, userData: ec2.UserData.forLinux() }),
  };
}

/** The book's chapter-8 stack, modernised. */
function todobackend(stack) {
  stack.templateOptions.description = 'Todobackend Application';
  stack.templateOptions.templateFormatVersion = '2010-09-09';
  const desired = new cdk.CfnParameter(stack, 'ApplicationDesiredCount', { type: 'Number', description: 'Desired EC2 instance count' });
  const imageId = new cdk.CfnParameter(stack, 'ApplicationImageId', { type: 'AWS::EC2::Image::Id', description: 'ECS Amazon Machine Image (AMI) ID' });
  new cdk.CfnParameter(stack, 'ApplicationImageTag', { type: 'String', description: 'Application Docker Image Tag', default: 'latest' });
  const subnets = new cdk.CfnParameter(stack, 'ApplicationSubnets', { type: 'List<AWS::EC2::Subnet::Id>', description: 'Target subnets for EC2 instances' });
  const vpcId = new cdk.CfnParameter(stack, 'VpcId', { type: 'AWS::EC2::VPC::Id', description: 'Target VPC' });
  const vpc = importVpc(stack, vpcId.valueAsString, subnets.valueAsList);

  const cluster = new ecs.Cluster(stack, 'ApplicationCluster', { vpc, clusterName: 'todobackend-cluster' });
  const asg = new autoscaling.AutoScalingGroup(stack, 'ApplicationAutoscaling', {
    vpc,
    vpcSubnets: PUBLIC,
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: imageFromParameter(imageId),
    requireImdsv2: true,
    minCapacity: 0,
    maxCapacity: 4,
    init: ec2.CloudFormationInit.fromElements(
      ec2.InitCommand.shellCommand('mkdir -p /data/public', { key: '05_create_data_public' }),
      ec2.InitCommand.shellCommand('chown -R 1000:1000 /data/public', { key: '06_own_data_public' }),
    ),
    signals: autoscaling.Signals.waitForAll({ timeout: Duration.minutes(15) }),
  });
  cluster.addAsgCapacityProvider(new ecs.AsgCapacityProvider(stack, 'ApplicationCapacity', {
    autoScalingGroup: asg,
    enableManagedTerminationProtection: false,
  }));

  const database = new rds.DatabaseInstance(stack, 'ApplicationDatabase', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_4_7 }),
    instanceType: new ec2.InstanceType('t3.micro'),
    vpc,
    vpcSubnets: PUBLIC,
    allocatedStorage: 20,
    storageType: rds.StorageType.GP3,
    credentials: rds.Credentials.fromGeneratedSecret('todobackend'),
    databaseName: 'todobackend',
    multiAz: false,
    availabilityZone: Fn.sub('${AWS::Region}a'),
  });
  database.connections.allowDefaultPortFrom(asg);

  const secretKey = new secretsmanager.Secret(stack, 'ApplicationSecretKey', {
    description: 'todobackend Django SECRET_KEY',
    generateSecretString: { passwordLength: 50, excludePunctuation: true },
  });
  const appLogs = new logs.LogGroup(stack, 'ApplicationLogGroup', {
    logGroupName: Fn.sub('/${AWS::StackName}/ecs/todobackend'),
    retention: logs.RetentionDays.ONE_WEEK,
  });
  const logging = ecs.LogDrivers.awsLogs({ logGroup: appLogs, streamPrefix: 'docker' });
  const image = ecs.ContainerImage.fromRegistry(Fn.sub(IMAGE));
  const dbEnv = {
    DJANGO_SETTINGS_MODULE: 'todobackend.settings_release',
    MYSQL_HOST: database.dbInstanceEndpointAddress,
    MYSQL_USER: 'todobackend',
    MYSQL_DATABASE: 'todobackend',
  };
  const dbSecret = { MYSQL_PASSWORD: ecs.Secret.fromSecretsManager(database.secret, 'password') };

  const migrateTd = new ecs.Ec2TaskDefinition(stack, 'MigrateTaskDefinition', { family: 'todobackend-migrate' });
  migrateTd.addContainer('migrate', {
    image, memoryReservationMiB: 5, cpu: 5, environment: dbEnv, secrets: dbSecret, logging,
    command: ['python3', 'manage.py', 'migrate', '--no-input'],
  });
  const appTd = new ecs.Ec2TaskDefinition(stack, 'ApplicationTaskDefinition', {
    family: 'todobackend',
    volumes: [{ name: 'public', host: { sourcePath: '/data/public' } }],
  });
  const app = appTd.addContainer('todobackend', {
    image, memoryReservationMiB: 395, cpu: 245, logging,
    secrets: { ...dbSecret, SECRET_KEY: ecs.Secret.fromSecretsManager(secretKey) },
    environment: dbEnv,
    command: ['uwsgi', '--http=0.0.0.0:8000', '--module=todobackend.wsgi', '--master', '--die-on-term', '--processes=4', '--threads=2', '--check-static=/public'],
    portMappings: [{ containerPort: 8000, hostPort: 0 }],
  });
  app.addMountPoints({ sourceVolume: 'public', containerPath: '/public', readOnly: false });
  const collect = appTd.addContainer('collectstatic', {
    image, memoryReservationMiB: 5, cpu: 5, essential: false, logging,
    environment: { DJANGO_SETTINGS_MODULE: 'todobackend.settings_release' },
    command: ['python3', 'manage.py', 'collectstatic', '--no-input'],
  });
  collect.addMountPoints({ sourceVolume: 'public', containerPath: '/public', readOnly: false });

  const runner = new lambda.Function(stack, 'EcsTaskRunner', {
    functionName: Fn.sub('${AWS::StackName}-ecsTasks'),
    description: Fn.sub('${AWS::StackName} ECS Task Runner'),
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.handler',
    code: lambda.Code.fromInline(LAMBDA_CODE),
    memorySize: 128,
    timeout: Duration.seconds(300),
    logGroup: new logs.LogGroup(stack, 'EcsTaskRunnerLogGroup', { retention: logs.RetentionDays.ONE_WEEK }),
  });
  runner.addToRolePolicy(new iam.PolicyStatement({
    actions: ['ecs:DescribeTasks', 'ecs:ListTasks'],
    resources: ['*'],
    conditions: { ArnEquals: { 'ecs:cluster': cluster.clusterArn } },
  }));
  migrateTd.grantRun(runner);
  const migrate = new cdk.CustomResource(stack, 'MigrateTask', {
    serviceToken: runner.functionArn,
    resourceType: 'Custom::EcsTask',
    properties: { Cluster: cluster.clusterName, TaskDefinition: migrateTd.taskDefinitionArn },
  });
  migrate.node.addDependency(asg, database);

  const alb = new elbv2.ApplicationLoadBalancer(stack, 'ApplicationLoadBalancer', {
    vpc, vpcSubnets: PUBLIC, internetFacing: true, idleTimeout: Duration.seconds(30),
  });
  const listener = alb.addListener('ApplicationLoadBalancerHttpListener', { port: 80, open: true });
  const service = new ecs.Ec2Service(stack, 'ApplicationService', {
    cluster,
    taskDefinition: appTd,
    desiredCount: desired.valueAsNumber,
    minHealthyPercent: 100,
    maxHealthyPercent: 200,
  });
  service.node.addDependency(migrate);
  listener.addTargets('ApplicationServiceTargetGroup', {
    port: 8000,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targets: [service.loadBalancerTarget({ containerName: 'todobackend', containerPort: 8000 })],
    deregistrationDelay: Duration.seconds(30),
    healthCheck: { port: 'traffic-port' },
  });
  new cdk.CfnOutput(stack, 'PublicURL', { description: 'Public DNS name of Application Load Balancer', value: alb.loadBalancerDnsName });
}

/** One service set: the same application as the L1 set of 25 resources, named `S<n>…`. */
function serviceSet(scope, n, vpc) {
  const p = `S${String(n).padStart(2, '0')}`;
  const name = `svc${String(n).padStart(2, '0')}`;
  const cluster = new ecs.Cluster(scope, `${p}Cluster`, { vpc, clusterName: Fn.sub(`\${AWS::StackName}-${name}`) });
  const logGroup = new logs.LogGroup(scope, `${p}LogGroup`, { logGroupName: Fn.sub(`/\${AWS::StackName}/${name}`), retention: logs.RetentionDays.TWO_WEEKS });
  const repository = new ecr.Repository(scope, `${p}Repository`, { repositoryName: Fn.sub(`\${AWS::StackName}-${name}`), imageScanOnPush: true });
  const secret = new secretsmanager.Secret(scope, `${p}Secret`, { description: `${name} API key`, generateSecretString: { passwordLength: 32, excludePunctuation: true } });
  const config = new ssm.StringParameter(scope, `${p}ConfigParameter`, { parameterName: `/bench/${name}/config`, stringValue: '{"feature":true}' });
  const bucket = new s3.Bucket(scope, `${p}Bucket`, {
    encryption: s3.BucketEncryption.S3_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true,
  });
  const dlq = new sqs.Queue(scope, `${p}DeadLetterQueue`, { retentionPeriod: Duration.days(14) });
  const queue = new sqs.Queue(scope, `${p}Queue`, { visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
  const topic = new sns.Topic(scope, `${p}AlarmTopic`, { displayName: `${name} alarms` });

  const taskDef = new ecs.FargateTaskDefinition(scope, `${p}TaskDefinition`, { family: `bench-${name}`, cpu: 256, memoryLimitMiB: 512 });
  taskDef.addContainer('app', {
    image: ecs.ContainerImage.fromEcrRepository(repository, 'latest'),
    essential: true,
    portMappings: [{ containerPort: 8080 }],
    environment: { QUEUE_URL: queue.queueUrl, BUCKET: bucket.bucketName, CONFIG_PARAMETER: config.parameterName },
    secrets: { API_KEY: ecs.Secret.fromSecretsManager(secret) },
    logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: name }),
  });
  queue.grantConsumeMessages(taskDef.taskRole);
  bucket.grantReadWrite(taskDef.taskRole);
  config.grantRead(taskDef.taskRole);

  const service = new ecs.FargateService(scope, `${p}Service`, {
    cluster,
    taskDefinition: taskDef,
    assignPublicIp: false,
    vpcSubnets: PUBLIC,
    minHealthyPercent: 100,
    maxHealthyPercent: 200,
    circuitBreaker: { enable: true, rollback: true },
  });
  const lb = new elbv2.ApplicationLoadBalancer(scope, `${p}LoadBalancer`, { vpc, vpcSubnets: PUBLIC, internetFacing: true });
  const listener = lb.addListener(`${p}Listener`, { port: 80, open: true, defaultAction: elbv2.ListenerAction.fixedResponse(404) });
  listener.addTargets(`${p}Target`, {
    priority: 1,
    conditions: [elbv2.ListenerCondition.pathPatterns([`/${name}/*`])],
    port: 8080,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targets: [service],
    healthCheck: { path: '/health', healthyHttpCodes: '200' },
  });
  service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 10 }).scaleOnCpuUtilization(`${p}Cpu`, { targetUtilizationPercent: 60 });
  new cloudwatch.Alarm(scope, `${p}QueueDepthAlarm`, {
    alarmDescription: `${name} queue is backing up`,
    metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.seconds(60) }),
    evaluationPeriods: 5,
    threshold: 100,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
  }).addAlarmAction(new cwActions.SnsAction(topic));
  new cdk.CfnOutput(scope, `${p}Url`, { value: Fn.join('', ['http://', lb.loadBalancerDnsName, `/${name}/`]) });
}

/** `resources / 25` service sets sharing the VPC parameters. */
function big(stack, resources) {
  stack.templateOptions.description = `ecs-dsl benchmark stack: ${resources} resources`;
  stack.templateOptions.templateFormatVersion = '2010-09-09';
  const vpcId = new cdk.CfnParameter(stack, 'VpcId', { type: 'AWS::EC2::VPC::Id', description: 'Target VPC' });
  const subnets = new cdk.CfnParameter(stack, 'Subnets', { type: 'List<AWS::EC2::Subnet::Id>', description: 'Subnets of the load balancers and tasks' });
  const vpc = importVpc(stack, vpcId.valueAsString, subnets.valueAsList);
  for (let n = 1; n <= resources / SET_SIZE; n++) serviceSet(stack, n, vpc);
}

/** Parses the arguments, synthesizes, and prints the template. */
function main(argv) {
  const [which, count] = argv;
  if (which !== 'todobackend' && which !== 'big') {
    console.error('usage: cdk_l2.js todobackend|big [RESOURCES]');
    process.exit(2);
  }
  const resources = count === undefined ? 500 : Number(count);
  if (!Number.isInteger(resources) || resources <= 0 || resources % SET_SIZE !== 0) {
    console.error(`RESOURCES must be a positive multiple of ${SET_SIZE}, got ${count}`);
    process.exit(2);
  }
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-l2-'));
  try {
    // The launch-template flag is one `cdk init` writes into cdk.json for every new project.
    // The L2 service set has 26 resources (the execution role gets a DefaultPolicy of its own), so the
    // big stack passes CloudFormation's 500-resource limit: lift CDK's check to let it synthesize.
    const context = {
      '@aws-cdk/aws-autoscaling:generateLaunchTemplateInsteadOfLaunchConfig': true,
      '@aws-cdk/core:stackResourceLimit': 1000,
    };
    const app = new cdk.App({ outdir, analyticsReporting: false, context });
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
