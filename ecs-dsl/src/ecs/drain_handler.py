"""Drains an ECS container instance before its Auto Scaling group terminates it.

The group's lifecycle hook publishes the termination to an SNS topic, which invokes this function.
It sets the container instance to DRAINING (ECS moves its tasks elsewhere); while tasks still
run it waits a little and publishes the message again, so it is invoked again; once none run, it
lets the termination continue.
"""

import json
import os
import time

import boto3

ecs = boto3.client("ecs")
autoscaling = boto3.client("autoscaling")
sns = boto3.client("sns")

CLUSTER = os.environ["ECS_CLUSTER"]
TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING"
WAIT_SECONDS = 30


def container_instance(ec2_instance_id):
    """The cluster's container instance on EC2 instance `ec2_instance_id`, or None."""
    pages = ecs.get_paginator("list_container_instances").paginate(cluster=CLUSTER)
    for page in pages:
        arns = page["containerInstanceArns"]
        if not arns:
            continue
        described = ecs.describe_container_instances(cluster=CLUSTER, containerInstances=arns)
        for instance in described["containerInstances"]:
            if instance["ec2InstanceId"] == ec2_instance_id:
                return instance
    return None


def handler(event, context):
    record = event["Records"][0]["Sns"]
    message = json.loads(record["Message"])
    if message.get("LifecycleTransition") != TERMINATING:
        return
    instance = container_instance(message["EC2InstanceId"])
    if instance is not None and instance["runningTasksCount"] > 0:
        if instance["status"] != "DRAINING":
            ecs.update_container_instances_state(
                cluster=CLUSTER,
                containerInstances=[instance["containerInstanceArn"]],
                status="DRAINING",
            )
        time.sleep(WAIT_SECONDS)
        sns.publish(TopicArn=record["TopicArn"], Message=record["Message"])
        return
    autoscaling.complete_lifecycle_action(
        LifecycleHookName=message["LifecycleHookName"],
        AutoScalingGroupName=message["AutoScalingGroupName"],
        LifecycleActionToken=message["LifecycleActionToken"],
        LifecycleActionResult="CONTINUE",
    )
