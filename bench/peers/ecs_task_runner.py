"""Runs one ECS task for a CloudFormation custom resource and reports how it ended.

Properties: Cluster, TaskDefinition. Deleting the resource does nothing.
"""
import boto3
import cfnresponse

ecs = boto3.client("ecs")


def handler(event, context):
    props = event["ResourceProperties"]
    physical_id = event.get("PhysicalResourceId", "not-started")
    if event["RequestType"] == "Delete":
        cfnresponse.send(event, context, cfnresponse.SUCCESS, {}, physical_id)
        return
    try:
        started = ecs.run_task(cluster=props["Cluster"], taskDefinition=props["TaskDefinition"], count=1, startedBy="cloudformation")
        task_arn = started["tasks"][0]["taskArn"]
        print(f"started {task_arn}")
        waiter = ecs.get_waiter("tasks_stopped")
        waiter.wait(cluster=props["Cluster"], tasks=[task_arn], WaiterConfig={"Delay": 6, "MaxAttempts": 45})
        task = ecs.describe_tasks(cluster=props["Cluster"], tasks=[task_arn])["tasks"][0]
        exit_codes = [container.get("exitCode", 1) for container in task["containers"]]
        status = cfnresponse.SUCCESS if all(code == 0 for code in exit_codes) else cfnresponse.FAILED
        print(f"{task_arn} stopped with exit codes {exit_codes}")
        cfnresponse.send(event, context, status, {"ExitCodes": ",".join(map(str, exit_codes))}, task_arn)
    except Exception as error:  # report every failure, or CloudFormation waits an hour
        print(f"running the task failed: {error}")
        cfnresponse.send(event, context, cfnresponse.FAILED, {}, physical_id)
