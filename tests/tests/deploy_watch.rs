//! The deploy watch on recorded event sources: the failures a local CloudFormation cannot
//! simulate (stopped tasks, a circuit-breaker trip, a rollback that CloudFormation reports as
//! success) end the wait early and say why.
#![cfg(feature = "deploy")]

use std::collections::VecDeque;
use std::time::Duration;

use ecs_dsl::deploy::{
    EventSource, Operation, Outcome, ServiceRollout, Snapshot, StackEvent, TargetHealth,
    WatchOptions, watch,
};

/// Plays recorded snapshots; after a cancel it plays the rollback ones.
struct Recorded {
    script: VecDeque<Snapshot>,
    after_cancel: VecDeque<Snapshot>,
    last: Snapshot,
    cancels: u32,
}

impl Recorded {
    fn new(script: Vec<Snapshot>, after_cancel: Vec<Snapshot>) -> Recorded {
        Recorded {
            script: script.into(),
            after_cancel: after_cancel.into(),
            last: Snapshot::default(),
            cancels: 0,
        }
    }
}

impl EventSource for Recorded {
    fn poll(&mut self) -> Result<Snapshot, String> {
        if let Some(next) = self.script.pop_front() {
            self.last = next;
        } else {
            // Nothing new: same status and services, no new events.
            self.last.events.clear();
        }
        Ok(self.last.clone())
    }

    fn cancel_update(&mut self) -> Result<(), String> {
        self.cancels += 1;
        self.script = std::mem::take(&mut self.after_cancel);
        Ok(())
    }
}

fn options(operation: Operation) -> WatchOptions {
    WatchOptions {
        operation,
        total_resources: 2,
        max_failed_tasks: 3,
        timeout: Some(Duration::from_secs(5)),
        poll_interval: Duration::ZERO,
    }
}

fn status(s: &str) -> Snapshot {
    Snapshot {
        stack_status: s.into(),
        ..Snapshot::default()
    }
}

fn event(id: &str, resource_type: &str, status: &str, reason: &str) -> StackEvent {
    StackEvent {
        logical_id: id.into(),
        resource_type: resource_type.into(),
        status: status.into(),
        reason: reason.into(),
    }
}

fn service(state: &str, failed_tasks: i32, last_stopped: &str) -> ServiceRollout {
    ServiceRollout {
        logical_id: "ApplicationService".into(),
        rollout_state: state.into(),
        rollout_reason: if state == "FAILED" {
            "ECS deployment circuit breaker: tasks failed to start.".into()
        } else {
            String::new()
        },
        running: 0,
        desired: 2,
        pending: 1,
        failed_tasks,
        last_stopped_reason: last_stopped.into(),
        targets: vec![TargetHealth {
            id: "10.0.1.5:8000".into(),
            state: "unhealthy".into(),
            reason: "Target.ResponseCodeMismatch".into(),
        }],
    }
}

fn with_services(mut snapshot: Snapshot, services: Vec<ServiceRollout>) -> Snapshot {
    snapshot.services = services;
    snapshot
}

fn run(source: &mut Recorded, options: &WatchOptions) -> (Outcome, String) {
    let mut out = Vec::new();
    let outcome = watch(source, options, &mut out);
    (outcome, String::from_utf8(out).unwrap())
}

const STOPPED: &str = "Essential container in task exited";

#[test]
fn a_circuit_breaker_trip_cancels_the_update_and_reports_the_rollback() {
    let mut source = Recorded::new(
        vec![
            with_services(
                status("UPDATE_IN_PROGRESS"),
                vec![service("IN_PROGRESS", 0, "")],
            ),
            with_services(
                status("UPDATE_IN_PROGRESS"),
                vec![service("FAILED", 2, STOPPED)],
            ),
        ],
        vec![
            status("UPDATE_ROLLBACK_IN_PROGRESS"),
            status("UPDATE_ROLLBACK_COMPLETE"),
        ],
    );
    let (outcome, out) = run(&mut source, &options(Operation::Update));
    assert_eq!(source.cancels, 1, "{out}");
    let Outcome::Failed { status, reason } = outcome else {
        panic!("expected a failure, got {outcome:?}\n{out}")
    };
    assert_eq!(status, "UPDATE_ROLLBACK_COMPLETE");
    assert!(
        reason.contains("circuit breaker") && reason.contains(STOPPED),
        "{reason}"
    );
    assert!(
        out.contains("cancelling the update: service ApplicationService rollout failed"),
        "{out}"
    );
    assert!(
        out.contains(
            "ApplicationService: rollout FAILED, running 0/2, pending 1, failed tasks 2 \
             (last stopped: Essential container in task exited), targets 1 unhealthy \
             (Target.ResponseCodeMismatch)"
        ),
        "{out}"
    );
}

#[test]
fn failed_tasks_past_the_limit_cancel_the_update() {
    let mut source = Recorded::new(
        vec![with_services(
            status("UPDATE_IN_PROGRESS"),
            vec![service("IN_PROGRESS", 3, STOPPED)],
        )],
        vec![status("UPDATE_ROLLBACK_COMPLETE")],
    );
    let (outcome, out) = run(&mut source, &options(Operation::Update));
    assert_eq!(source.cancels, 1, "{out}");
    assert_eq!(
        outcome,
        Outcome::Failed {
            status: "UPDATE_ROLLBACK_COMPLETE".into(),
            reason: format!(
                "service ApplicationService: 3 tasks failed (limit 3); last stopped task: {STOPPED}"
            ),
        }
    );
}

#[test]
fn a_rollback_that_cloudformation_reports_as_complete_is_a_failure() {
    let mut source = Recorded::new(
        vec![with_services(
            status("UPDATE_COMPLETE"),
            vec![service("FAILED", 1, STOPPED)],
        )],
        vec![],
    );
    let (outcome, out) = run(&mut source, &options(Operation::Update));
    let Outcome::Failed { status, reason } = outcome else {
        panic!("expected a failure, got {outcome:?}\n{out}")
    };
    assert_eq!(status, "UPDATE_COMPLETE");
    assert!(
        reason.starts_with("CloudFormation reports UPDATE_COMPLETE, but service"),
        "{reason}"
    );
}

#[test]
fn a_failed_creation_reports_its_first_reason_after_the_rollback() {
    let stack = "AWS::CloudFormation::Stack";
    let mut source = Recorded::new(
        vec![
            Snapshot {
                stack_status: "CREATE_IN_PROGRESS".into(),
                events: vec![
                    event("Logs", "AWS::Logs::LogGroup", "CREATE_COMPLETE", ""),
                    event(
                        "Database",
                        "AWS::RDS::DBInstance",
                        "CREATE_FAILED",
                        "DB subnet group invalid",
                    ),
                    event(
                        "Queue",
                        "AWS::SQS::Queue",
                        "CREATE_FAILED",
                        "Resource creation cancelled",
                    ),
                ],
                services: vec![],
            },
            Snapshot {
                stack_status: "ROLLBACK_COMPLETE".into(),
                events: vec![event("todobackend", stack, "ROLLBACK_COMPLETE", "")],
                services: vec![],
            },
        ],
        vec![],
    );
    let (outcome, out) = run(&mut source, &options(Operation::Create));
    assert_eq!(source.cancels, 0);
    assert_eq!(
        outcome,
        Outcome::Failed {
            status: "ROLLBACK_COMPLETE".into(),
            reason: "Database (CREATE_FAILED): DB subnet group invalid".into(),
        }
    );
    assert!(
        out.contains("[  1/2  "),
        "progress counts the completed log group:\n{out}"
    );
    assert!(
        out.contains("CREATE_FAILED Database AWS::RDS::DBInstance: DB subnet group invalid"),
        "{out}"
    );
}

#[test]
fn progress_counts_resources_done_of_total() {
    let mut source = Recorded::new(
        vec![Snapshot {
            stack_status: "CREATE_COMPLETE".into(),
            events: vec![
                event("Logs", "AWS::Logs::LogGroup", "CREATE_IN_PROGRESS", ""),
                event("Logs", "AWS::Logs::LogGroup", "CREATE_COMPLETE", ""),
                event("Queue", "AWS::SQS::Queue", "CREATE_COMPLETE", ""),
            ],
            services: vec![],
        }],
        vec![],
    );
    let (outcome, out) = run(&mut source, &options(Operation::Create));
    assert_eq!(outcome, Outcome::Done("CREATE_COMPLETE".into()));
    let counts: Vec<&str> = out.lines().map(|l| &l[..8]).collect();
    assert_eq!(counts, ["[  0/2  ", "[  1/2  ", "[  2/2  "], "{out}");
}

#[test]
fn the_timeout_cancels_an_update_that_does_not_end() {
    let mut source = Recorded::new(
        vec![status("UPDATE_IN_PROGRESS")],
        vec![status("UPDATE_ROLLBACK_IN_PROGRESS")],
    );
    let options = WatchOptions {
        timeout: Some(Duration::from_millis(30)),
        poll_interval: Duration::from_millis(5),
        ..options(Operation::Update)
    };
    let (outcome, out) = run(&mut source, &options);
    assert_eq!(source.cancels, 1, "{out}");
    let Outcome::Failed { status, reason } = outcome else {
        panic!("expected a failure, got {outcome:?}\n{out}")
    };
    assert_eq!(status, "UPDATE_ROLLBACK_IN_PROGRESS");
    assert!(reason.starts_with("no result after"), "{reason}");
}
