"""Deploys an app's stacks into a running moto server, in the order of its manifest.

Usage: deploy_app.py --endpoint http://127.0.0.1:PORT --dir DIR

Run by tests/tests/app_deploy_moto.rs. DIR holds what the app's `synth -o DIR` wrote: one
template per stack and `manifest.json`. Each stack is created as tests/moto/deploy.py creates one
(the book's parameter values, moto's default network, custom resources answered), after the
stacks the manifest puts before it; a parameter that receives another stack's output
(`stack-output` references) gets that output's value. Prints one JSON document on stdout:

    {"order": [names], "stacks": {name: {"status", "outputs": {key: value}}},
     "exports": {name: value},
     "role_policies": {stack: {logical_id: {policy_name: document}}},
     "task_definitions": {family: describe_task_definition(...)["taskDefinition"]}}

Every problem ends the script with a message on stderr and exit status 1.
"""

import argparse
import ast
import json
import os
import sys

import botocore.exceptions

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deploy  # noqa: E402  (the single-stack driver beside this file)


def output_parameters(manifest, stack_name, outputs_by_stack):
    """Values of the parameters through which `stack_name` receives other stacks' outputs."""
    values = {}
    for reference in manifest["references"]:
        if reference["kind"] != "stack-output":
            continue
        for use in reference["used_by"]:
            if use["stack"] != stack_name:
                continue
            outputs = outputs_by_stack.get(reference["stack"], {})
            if reference["published_by"] not in outputs:
                raise deploy.DeployError(
                    f"stack {stack_name} needs output {reference['published_by']} of stack "
                    f"{reference['stack']}, which is not deployed before it"
                )
            values[use["parameter"]] = outputs[reference["published_by"]]
    return values


def create(endpoint, name, body, passed):
    """Creates stack `name` from template text `body`; returns its status and outputs."""
    cfn = deploy.client("cloudformation", endpoint)
    vpc_id, subnet_ids = deploy.default_network(deploy.client("ec2", endpoint))
    summary = cfn.get_template_summary(TemplateBody=body)
    own = dict(summary, Parameters=[
        p for p in summary["Parameters"] if p["ParameterKey"] not in passed
    ])
    parameters = deploy.build_parameters(own, deploy.client("ssm", endpoint), vpc_id, subnet_ids)
    parameters += [{"ParameterKey": k, "ParameterValue": v} for k, v in sorted(passed.items())]
    stack_id = cfn.create_stack(
        StackName=name,
        TemplateBody=body,
        Parameters=parameters,
        Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"],
    )["StackId"]
    status = deploy.wait_for_creation(cfn, endpoint, stack_id)
    described = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}
    return stack_id, status, outputs


def role_policies(endpoint, stack_id):
    """The inline policies of the stack's IAM roles, by logical id and policy name."""
    cfn = deploy.client("cloudformation", endpoint)
    iam = deploy.client("iam", endpoint)
    roles = {}
    for r in cfn.list_stack_resources(StackName=stack_id)["StackResourceSummaries"]:
        if r["ResourceType"] != "AWS::IAM::Role":
            continue
        role = r["PhysicalResourceId"]
        names = iam.list_role_policies(RoleName=role)["PolicyNames"]
        roles[r["LogicalResourceId"]] = {
            n: as_document(iam.get_role_policy(RoleName=role, PolicyName=n)["PolicyDocument"])
            for n in names
        }
    return roles


def as_document(document):
    """A policy document as a dict: moto keeps a stack's inline policies as `str(dict)` text."""
    if not isinstance(document, str):
        return document
    try:
        return json.loads(document)
    except ValueError:
        return ast.literal_eval(document)


def task_definitions(endpoint, stack_id):
    """The stack's task definitions, by family."""
    cfn = deploy.client("cloudformation", endpoint)
    ecs = deploy.client("ecs", endpoint)
    found = {}
    for r in cfn.list_stack_resources(StackName=stack_id)["StackResourceSummaries"]:
        if r["ResourceType"] == "AWS::ECS::TaskDefinition":
            td = ecs.describe_task_definition(taskDefinition=r["PhysicalResourceId"])
            found[td["taskDefinition"]["family"]] = td["taskDefinition"]
    return found


def deploy_app(endpoint, directory):
    """Deploys every stack of the manifest in order; returns the report printed on stdout."""
    with open(os.path.join(directory, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    report = {"order": [], "stacks": {}, "role_policies": {}, "task_definitions": {}}
    outputs_by_stack = {}
    for stack in manifest["stacks"]:
        name = stack["name"]
        with open(os.path.join(directory, stack["template"]), encoding="utf-8") as f:
            body = f.read()
        passed = output_parameters(manifest, name, outputs_by_stack)
        stack_id, status, outputs = create(endpoint, name, body, passed)
        outputs_by_stack[name] = outputs
        report["order"].append(name)
        report["stacks"][name] = {"status": status, "outputs": outputs}
        report["role_policies"][name] = role_policies(endpoint, stack_id)
        report["task_definitions"].update(task_definitions(endpoint, stack_id))
    cfn = deploy.client("cloudformation", endpoint)
    report["exports"] = {e["Name"]: e["Value"] for e in cfn.list_exports()["Exports"]}
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True, help="moto server URL, http://127.0.0.1:PORT")
    parser.add_argument("--dir", required=True, help="the directory the app's synth wrote")
    args = parser.parse_args()
    try:
        report = deploy_app(args.endpoint, args.dir)
    except (
        deploy.DeployError,
        botocore.exceptions.BotoCoreError,
        botocore.exceptions.ClientError,
        KeyError,
    ) as e:
        print(f"deploy_app.py: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"deploy_app.py: {e}", file=sys.stderr)
        return 1
    json.dump(report, sys.stdout, indent=2, sort_keys=True, default=str)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
