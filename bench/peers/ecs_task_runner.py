import cfnresponse
import boto3

client = boto3.client('ecs')

def handler(event, context):
  try:
    if event['RequestType'] == 'Delete':
      cfnresponse.send(event, context, cfnresponse.SUCCESS, {}, event['PhysicalResourceId'])
      return
    props = event['ResourceProperties']
    tasks = client.run_task(cluster=props['Cluster'], taskDefinition=props['TaskDefinition'],
                            overrides=props.get('Overrides', {}), count=1, startedBy=event['RequestId'])
    task = tasks['tasks'][0]['taskArn']
    client.get_waiter('tasks_stopped').wait(cluster=props['Cluster'], tasks=[task])
    result = client.describe_tasks(cluster=props['Cluster'], tasks=[task])
    code = result['tasks'][0]['containers'][0]['exitCode']
    status = cfnresponse.FAILED if code > 0 else cfnresponse.SUCCESS
    cfnresponse.send(event, context, status, {}, task)
  except Exception as e:
    print("A failure occurred with exception %s" % e)
    cfnresponse.send(event, context, cfnresponse.FAILED, {})
