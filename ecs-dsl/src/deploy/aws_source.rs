//! The [`EventSource`] that reads a stack operation from AWS: stack status and events from
//! CloudFormation, every ECS service's primary deployment from ECS (`DescribeServices`), the
//! reason its last task stopped (`DescribeTasks`), and its targets' health from ELBv2.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_ecs::types::DesiredStatus;

use super::aws::Aws;
use super::watch::{EventSource, ServiceRollout, Snapshot, StackEvent, TargetHealth};

/// Reads stack `stack_id` (name or ARN) through `aws`.
pub struct AwsSource<'a> {
    aws: &'a Aws,
    stack_id: String,
    /// Events already reported (and those that were there before the operation started).
    seen: BTreeSet<String>,
    /// The last status reported per resource, by an event or by the resource list.
    statuses: BTreeMap<String, String>,
}

/// One row of `ListStackResources`.
struct Resource {
    logical_id: String,
    physical_id: String,
    resource_type: String,
    status: String,
}

impl<'a> AwsSource<'a> {
    /// A source that reports only events newer than those the stack has now.
    pub fn new(aws: &'a Aws, stack_id: &str) -> AwsSource<'a> {
        let mut source = AwsSource {
            aws,
            stack_id: stack_id.to_owned(),
            seen: BTreeSet::new(),
            statuses: BTreeMap::new(),
        };
        // A stack without events or resources (being created) simply has none to skip.
        let _ = source.new_events();
        for r in source.resources().unwrap_or_default() {
            source.statuses.insert(r.logical_id, r.status);
        }
        source
    }

    /// Events for resource status changes that no stack event reported: some CloudFormation
    /// implementations list resources without an event per resource.
    fn unreported_changes(
        &mut self,
        resources: &[Resource],
        events: &[StackEvent],
    ) -> Vec<StackEvent> {
        for e in events {
            self.statuses.insert(e.logical_id.clone(), e.status.clone());
        }
        let mut synthesized = Vec::new();
        for r in resources.iter().filter(|r| !r.logical_id.is_empty()) {
            if self.statuses.get(&r.logical_id) != Some(&r.status) {
                self.statuses.insert(r.logical_id.clone(), r.status.clone());
                synthesized.push(StackEvent {
                    logical_id: r.logical_id.clone(),
                    resource_type: r.resource_type.clone(),
                    status: r.status.clone(),
                    reason: String::new(),
                });
            }
        }
        synthesized
    }

    fn new_events(&mut self) -> Result<Vec<StackEvent>, String> {
        let page = self.aws.call(
            self.aws
                .cfn
                .describe_stack_events()
                .stack_name(&self.stack_id)
                .send(),
        )?;
        let mut events = Vec::new();
        // Newest first: take the unseen ones, then report them oldest first.
        for e in page.stack_events() {
            let id = e.event_id().unwrap_or_default().to_owned();
            if !self.seen.insert(id) {
                continue;
            }
            events.push(StackEvent {
                logical_id: e.logical_resource_id().unwrap_or_default().to_owned(),
                resource_type: e.resource_type().unwrap_or_default().to_owned(),
                status: e
                    .resource_status()
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_default(),
                reason: e.resource_status_reason().unwrap_or_default().to_owned(),
            });
        }
        events.reverse();
        Ok(events)
    }

    fn stack_status(&self) -> Result<String, String> {
        let out = self.aws.call(
            self.aws
                .cfn
                .describe_stacks()
                .stack_name(&self.stack_id)
                .send(),
        );
        match out {
            Ok(out) => Ok(out
                .stacks()
                .first()
                .and_then(|s| s.stack_status())
                .map(|s| s.as_str().to_owned())
                .unwrap_or_else(|| "DELETE_COMPLETE".into())),
            // A deleted stack named by name is gone.
            Err(e) if super::aws::is_missing_stack(&e) => Ok("DELETE_COMPLETE".into()),
            Err(e) => Err(e),
        }
    }

    fn resources(&self) -> Result<Vec<Resource>, String> {
        let out = self.aws.call(
            self.aws
                .cfn
                .list_stack_resources()
                .stack_name(&self.stack_id)
                .send(),
        )?;
        Ok(out
            .stack_resource_summaries()
            .iter()
            .map(|r| Resource {
                logical_id: r.logical_resource_id().unwrap_or_default().to_owned(),
                physical_id: r.physical_resource_id().unwrap_or_default().to_owned(),
                resource_type: r.resource_type().unwrap_or_default().to_owned(),
                status: r
                    .resource_status()
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_default(),
            })
            .collect())
    }

    fn rollout(&self, logical_id: &str, arn: &str) -> Result<Option<ServiceRollout>, String> {
        let cluster = cluster_of(arn);
        let out = self.aws.call(
            self.aws
                .ecs
                .describe_services()
                .cluster(&cluster)
                .services(arn)
                .send(),
        )?;
        let Some(service) = out.services().first() else {
            return Ok(None);
        };
        let deployments = service.deployments();
        let primary = deployments
            .iter()
            .find(|d| d.status() == Some("PRIMARY"))
            .or(deployments.first());
        let mut rollout = ServiceRollout {
            logical_id: logical_id.to_owned(),
            running: service.running_count(),
            desired: service.desired_count(),
            pending: service.pending_count(),
            ..ServiceRollout::default()
        };
        if let Some(d) = primary {
            rollout.rollout_state = d
                .rollout_state()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default();
            rollout.rollout_reason = d.rollout_state_reason().unwrap_or_default().to_owned();
            rollout.running = d.running_count();
            rollout.desired = d.desired_count();
            rollout.pending = d.pending_count();
            rollout.failed_tasks = d.failed_tasks();
        }
        if rollout.failed_tasks > 0 {
            rollout.last_stopped_reason =
                self.last_stopped_reason(&cluster, service.service_name().unwrap_or_default())?;
        }
        for lb in service.load_balancers() {
            if let Some(group) = lb.target_group_arn() {
                rollout.targets.extend(self.target_health(group)?);
            }
        }
        Ok(Some(rollout))
    }

    fn last_stopped_reason(&self, cluster: &str, service: &str) -> Result<String, String> {
        let listed = self.aws.call(
            self.aws
                .ecs
                .list_tasks()
                .cluster(cluster)
                .service_name(service)
                .desired_status(DesiredStatus::Stopped)
                .send(),
        )?;
        if listed.task_arns().is_empty() {
            return Ok(String::new());
        }
        let described = self.aws.call(
            self.aws
                .ecs
                .describe_tasks()
                .cluster(cluster)
                .set_tasks(Some(listed.task_arns().to_vec()))
                .send(),
        )?;
        let last = described
            .tasks()
            .iter()
            .filter(|t| t.stopped_reason().is_some())
            .max_by_key(|t| t.stopped_at().map(|at| (at.secs(), at.subsec_nanos())));
        Ok(last
            .and_then(|t| t.stopped_reason())
            .unwrap_or_default()
            .to_owned())
    }

    fn target_health(&self, group: &str) -> Result<Vec<TargetHealth>, String> {
        let out = self.aws.call(
            self.aws
                .elb
                .describe_target_health()
                .target_group_arn(group)
                .send(),
        )?;
        Ok(out
            .target_health_descriptions()
            .iter()
            .map(|d| {
                let target = d.target();
                let id = match (target.and_then(|t| t.id()), target.and_then(|t| t.port())) {
                    (Some(id), Some(port)) => format!("{id}:{port}"),
                    (Some(id), None) => id.to_owned(),
                    _ => String::new(),
                };
                let health = d.target_health();
                TargetHealth {
                    id,
                    state: health
                        .and_then(|h| h.state())
                        .map(|s| s.as_str().to_owned())
                        .unwrap_or_default(),
                    reason: health
                        .and_then(|h| h.reason())
                        .map(|r| r.as_str().to_owned())
                        .unwrap_or_default(),
                }
            })
            .collect())
    }
}

impl EventSource for AwsSource<'_> {
    fn poll(&mut self) -> Result<Snapshot, String> {
        let stack_status = self.stack_status()?;
        let gone = |e: &String| super::aws::is_missing_stack(e);
        let mut events = match self.new_events() {
            Ok(events) => events,
            Err(e) if gone(&e) => Vec::new(),
            Err(e) => return Err(e),
        };
        let resources = match self.resources() {
            Ok(resources) => resources,
            Err(e) if gone(&e) => Vec::new(),
            Err(e) => return Err(e),
        };
        let synthesized = self.unreported_changes(&resources, &events);
        events.extend(synthesized);
        let mut services = Vec::new();
        if !stack_status.starts_with("DELETE") {
            let ecs = resources
                .iter()
                .filter(|r| r.resource_type == "AWS::ECS::Service" && !r.physical_id.is_empty());
            for r in ecs {
                services.extend(self.rollout(&r.logical_id, &r.physical_id)?);
            }
        }
        Ok(Snapshot {
            stack_status,
            events,
            services,
        })
    }

    fn cancel_update(&mut self) -> Result<(), String> {
        self.aws
            .call(
                self.aws
                    .cfn
                    .cancel_update_stack()
                    .stack_name(&self.stack_id)
                    .send(),
            )
            .map(drop)
    }
}

/// The cluster of a service ARN `arn:…:service/CLUSTER/NAME`; `default` for the old ARN form
/// without a cluster.
fn cluster_of(service_arn: &str) -> String {
    let resource = service_arn.rsplit_once(':').map_or(service_arn, |(_, r)| r);
    let parts: Vec<&str> = resource.split('/').collect();
    match parts.as_slice() {
        ["service", cluster, _name] => (*cluster).to_owned(),
        _ => "default".to_owned(),
    }
}
