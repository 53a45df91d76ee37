"""Deploys a CloudFormation template into a running moto server and reports what it created.

Usage: deploy.py --endpoint http://127.0.0.1:PORT --template FILE [--stack-name NAME]

Run by tests/tests/deploy_moto.rs with the project's .venv python. It fills the template's
parameters the way the book's dev.json does (with moto's default VPC and subnets in place of the
book's account-specific ids), creates the stack, answers every `Custom::` resource as its Lambda
would (moto cannot run Lambdas without Docker), waits for CREATE_COMPLETE, and prints one JSON
document on stdout:

    {"stack_status": ..., "resources": [{"logical_id", "type", "status"}...],
     "task_definition": <describe_task_definition(taskDefinition=FAMILY)["taskDefinition"]>}

FAMILY is `--task-family` (default: todobackend).

Every problem ends the script with a message on stderr and exit status 1.
"""

import argparse
import json
import sys
import time
import urllib.request
import uuid

import boto3
import botocore.exceptions

REGION = "us-east-1"
# Bounds every wait: moto creates the book's stack in well under a second.
DEPLOY_TIMEOUT_S = 60.0
POLL_INTERVAL_S = 0.2
# The book's dev.json values that mean the same thing in moto; VPC and subnets are looked up.
BOOK_VALUES = {
    "ApplicationDesiredCount": "1",
    "ApplicationImageId": "ami-02b68b7d",
    "ApplicationImageTag": "5fdbe62",
    # Not in dev.json: the book passes it on the command line.
    "DatabasePassword": "ecs-dsl-test-password",
}
# A template parameter taking an existing ACM certificate's ARN (see deploy()).
CERTIFICATE_PARAMETER = "CertificateArn"
SSM_PARAMETER_TYPE_PREFIX = "AWS::SSM::Parameter::Value<"
SSM_NAME_PREFIX = "/ecs-dsl-test/"
FAILED_STATUSES = {
    "CREATE_FAILED",
    "ROLLBACK_IN_PROGRESS",
    "ROLLBACK_FAILED",
    "ROLLBACK_COMPLETE",
    "DELETE_COMPLETE",
}


class DeployError(Exception):
    """A failure with a message meant for the person reading the test output."""


def client(name, endpoint):
    """A boto3 client of moto at `endpoint` with dummy credentials (nothing leaves the machine)."""
    return boto3.client(
        name,
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        aws_session_token="testing",
    )


def default_network(ec2):
    """moto's default VPC id and its subnet ids (sorted by zone, so the order is stable)."""
    vpcs = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]
    if not vpcs:
        raise DeployError("moto has no default VPC (describe_vpcs with is-default=true is empty)")
    vpc_id = vpcs[0]["VpcId"]
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    if len(subnets) < 2:
        raise DeployError(f"moto's default VPC {vpc_id} has {len(subnets)} subnets, need 2")
    ordered = sorted(subnets, key=lambda s: (s["AvailabilityZone"], s["SubnetId"]))
    return vpc_id, [s["SubnetId"] for s in ordered]


def known_value(name, vpc_id, subnet_ids, extra=None):
    """The value this script gives parameter `name`, or None when it has none."""
    subnets = ",".join(subnet_ids)
    network = {"VpcId": vpc_id, "ApplicationSubnets": subnets, "Subnets": subnets}
    network.update(extra or {})
    return network.get(name, BOOK_VALUES.get(name))


def build_parameters(summary, ssm, vpc_id, subnet_ids, extra=None):
    """Parameters for create_stack: only those the template declares.

    An SSM parameter type gets a parameter created in moto holding the value, and its name.
    """
    parameters = []
    for declared in summary["Parameters"]:
        name = declared["ParameterKey"]
        kind = declared.get("ParameterType", "String")
        value = known_value(name, vpc_id, subnet_ids, extra)
        if value is None:
            if declared.get("DefaultValue") is not None:
                continue
            raise DeployError(
                f"the template requires parameter {name} (type {kind}) without a default, and "
                "tests/moto/deploy.py has no value for it: add one to BOOK_VALUES"
            )
        if kind.startswith(SSM_PARAMETER_TYPE_PREFIX):
            ssm_name = SSM_NAME_PREFIX + name
            ssm.put_parameter(Name=ssm_name, Value=value, Type="String", Overwrite=True)
            value = ssm_name
        parameters.append({"ParameterKey": name, "ParameterValue": value})
    return parameters


def answer_custom_resource(endpoint, stack_id, resource):
    """Sends the response a custom resource's Lambda would send on success."""
    body = {
        "Status": "SUCCESS",
        "Reason": "answered by tests/moto/deploy.py",
        "StackId": stack_id,
        "LogicalResourceId": resource["LogicalResourceId"],
        "PhysicalResourceId": resource.get("PhysicalResourceId") or resource["LogicalResourceId"],
        "RequestId": str(uuid.uuid4()),
        "Data": {},
    }
    url = f"{endpoint}/cloudformation_{REGION}/cfnresponse?stack={stack_id}"
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="PUT", headers={"Content-Type": ""}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.status != 200:
            raise DeployError(f"moto answered {response.status} to the custom-resource response")


def stack_events(cfn, stack_id):
    """The stack's events, oldest first, one line each."""
    events = cfn.describe_stack_events(StackName=stack_id)["StackEvents"]
    return [
        f"  {e.get('LogicalResourceId')} {e.get('ResourceType')} {e.get('ResourceStatus')} "
        f"{e.get('ResourceStatusReason', '')}".rstrip()
        for e in reversed(events)
    ]


def wait_for_creation(cfn, endpoint, stack_id):
    """Polls until CREATE_COMPLETE, answering custom resources; fails on a failure or timeout."""
    answered = set()
    deadline = time.monotonic() + DEPLOY_TIMEOUT_S
    while True:
        status = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"]
        if status == "CREATE_COMPLETE":
            return status
        if status in FAILED_STATUSES:
            events = "\n".join(stack_events(cfn, stack_id))
            raise DeployError(f"stack creation ended in {status}; events:\n{events}")
        if time.monotonic() > deadline:
            events = "\n".join(stack_events(cfn, stack_id))
            raise DeployError(
                f"stack still {status} after {DEPLOY_TIMEOUT_S:.0f} s; events:\n{events}"
            )
        # moto lists a custom resource as CREATE_COMPLETE while it still waits for the answer,
        # so every one is answered, once, while the stack is in progress.
        for resource in cfn.list_stack_resources(StackName=stack_id)["StackResourceSummaries"]:
            logical_id = resource["LogicalResourceId"]
            if resource["ResourceType"].startswith("Custom::") and logical_id not in answered:
                answer_custom_resource(endpoint, stack_id, resource)
                answered.add(logical_id)
        time.sleep(POLL_INTERVAL_S)


def deploy(endpoint, body, stack_name, task_family):
    """Creates the stack from template text `body` and returns the report printed on stdout,
    with the task definition of family `task_family`."""
    cfn = client("cloudformation", endpoint)
    vpc_id, subnet_ids = default_network(client("ec2", endpoint))
    summary = cfn.get_template_summary(TemplateBody=body)
    extra = {}
    declared = {p["ParameterKey"] for p in summary["Parameters"]}
    if CERTIFICATE_PARAMETER in declared:
        # moto cannot create an ACM certificate from a template: the stack is given one
        # requested from moto's ACM, as a stack that brings its own certificate would be.
        acm = client("acm", endpoint)
        extra[CERTIFICATE_PARAMETER] = acm.request_certificate(
            DomainName="app.example.com", ValidationMethod="DNS"
        )["CertificateArn"]
    parameters = build_parameters(summary, client("ssm", endpoint), vpc_id, subnet_ids, extra)
    stack_id = cfn.create_stack(
        StackName=stack_name,
        TemplateBody=body,
        Parameters=parameters,
        Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"],
    )["StackId"]
    status = wait_for_creation(cfn, endpoint, stack_id)
    resources = cfn.list_stack_resources(StackName=stack_id)["StackResourceSummaries"]
    task_definition = client("ecs", endpoint).describe_task_definition(
        taskDefinition=task_family
    )["taskDefinition"]
    return {
        "stack_status": status,
        "resources": sorted(
            (
                {
                    "logical_id": r["LogicalResourceId"],
                    "type": r["ResourceType"],
                    "status": r["ResourceStatus"],
                }
                for r in resources
            ),
            key=lambda r: r["logical_id"],
        ),
        "task_definition": task_definition,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True, help="moto server URL, http://127.0.0.1:PORT")
    parser.add_argument("--template", required=True, help="CloudFormation template file")
    parser.add_argument("--stack-name", default="todobackend")
    parser.add_argument(
        "--task-family", default="todobackend", help="the task definition family to report"
    )
    args = parser.parse_args()
    try:
        with open(args.template, encoding="utf-8") as f:
            body = f.read()
    except OSError as e:
        print(f"deploy.py: cannot read the template: {e}", file=sys.stderr)
        return 1
    try:
        report = deploy(args.endpoint, body, args.stack_name, args.task_family)
    except (DeployError, botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as e:
        print(f"deploy.py: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        # urllib's errors while answering a custom resource.
        print(f"deploy.py: cannot reach moto at {args.endpoint}: {e}", file=sys.stderr)
        return 1
    # default=str: the task definition holds datetimes (registeredAt).
    json.dump(report, sys.stdout, indent=2, sort_keys=True, default=str)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
