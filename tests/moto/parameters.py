"""Writes a parameter file in the book's dev.json form that fits a running moto server.

Usage: parameters.py --endpoint http://127.0.0.1:PORT --template FILE [--set NAME=VALUE]...

The values are those tests/moto/deploy.py uses: the book's dev.json values, with moto's default
VPC and subnets in place of the book's account-specific ids. A parameter of an SSM type gets an
SSM parameter created in moto and its name. `--set` overrides one value (a new image tag). The
file, `{"Parameters": {...}}`, goes to stdout; every problem ends the script with a message on
stderr and exit status 1.
"""

import argparse
import json
import sys

import botocore.exceptions

from deploy import DeployError, build_parameters, client, default_network


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True, help="moto server URL, http://127.0.0.1:PORT")
    parser.add_argument("--template", required=True, help="CloudFormation template file")
    parser.add_argument("--set", action="append", default=[], help="NAME=VALUE override")
    args = parser.parse_args()
    try:
        with open(args.template, encoding="utf-8") as f:
            body = f.read()
        cfn = client("cloudformation", args.endpoint)
        vpc_id, subnet_ids = default_network(client("ec2", args.endpoint))
        summary = cfn.get_template_summary(TemplateBody=body)
        listed = build_parameters(summary, client("ssm", args.endpoint), vpc_id, subnet_ids)
    except (OSError, DeployError, botocore.exceptions.BotoCoreError,
            botocore.exceptions.ClientError) as e:
        print(f"parameters.py: {e}", file=sys.stderr)
        return 1
    values = {p["ParameterKey"]: p["ParameterValue"] for p in listed}
    for override in args.set:
        name, sep, value = override.partition("=")
        if not sep:
            print(f"parameters.py: --set {override}: write NAME=VALUE", file=sys.stderr)
            return 1
        values[name] = value
    json.dump({"Parameters": values}, sys.stdout, indent=2, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
