//! Watching a stack operation to its end: stack events with progress, the rollout of every ECS
//! service, and failing fast when a rollout fails instead of waiting hours for CloudFormation.
//!
//! The state comes from an [`EventSource`]: the AWS one in production, a recorded one in tests of
//! what a local CloudFormation cannot simulate (stopped tasks, a circuit-breaker trip).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::time::{Duration, Instant};

/// One stack event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StackEvent {
    /// The resource's logical ID (the stack's name for the stack itself).
    pub logical_id: String,
    /// `AWS::ECS::Service`.
    pub resource_type: String,
    /// `CREATE_COMPLETE`, `UPDATE_FAILED`, …
    pub status: String,
    /// Why, when CloudFormation says.
    pub reason: String,
}

/// The health of one load-balancer target of a service.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TargetHealth {
    /// The target (instance or IP, with port).
    pub id: String,
    /// `healthy`, `unhealthy`, `initial`, `draining`, …
    pub state: String,
    /// The reason code, when not healthy (`Target.ResponseCodeMismatch`).
    pub reason: String,
}

/// The rollout of one ECS service: its primary deployment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceRollout {
    /// The service's logical ID in the stack.
    pub logical_id: String,
    /// `IN_PROGRESS`, `COMPLETED` or `FAILED` (a circuit-breaker trip), or empty when unknown.
    pub rollout_state: String,
    /// ECS's reason for the rollout state.
    pub rollout_reason: String,
    /// Running tasks of the primary deployment.
    pub running: i32,
    /// Desired tasks of the primary deployment.
    pub desired: i32,
    /// Pending tasks of the primary deployment.
    pub pending: i32,
    /// Tasks of the primary deployment that failed to start or stopped.
    pub failed_tasks: i32,
    /// Why the most recently stopped task stopped.
    pub last_stopped_reason: String,
    /// The health of its load-balancer targets.
    pub targets: Vec<TargetHealth>,
}

/// What one poll of a stack operation sees.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// The stack's status.
    pub stack_status: String,
    /// Stack events not seen by an earlier poll, oldest first.
    pub events: Vec<StackEvent>,
    /// The rollout of every ECS service of the stack.
    pub services: Vec<ServiceRollout>,
}

/// Where [`watch`] reads the state of a stack operation from.
pub trait EventSource {
    /// The current state; an error stops the watch.
    fn poll(&mut self) -> Result<Snapshot, String>;
    /// Asks CloudFormation to cancel the update in progress (it then rolls back).
    fn cancel_update(&mut self) -> Result<(), String>;
}

/// Which stack operation is watched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// A stack creation.
    Create,
    /// A stack update.
    Update,
    /// A stack deletion.
    Delete,
}

/// Bounds and thresholds of a watch.
#[derive(Clone, Debug)]
pub struct WatchOptions {
    /// The operation watched.
    pub operation: Operation,
    /// Resources the operation touches, for the progress count.
    pub total_resources: usize,
    /// Failed tasks of one service's rollout that end the wait (the update is cancelled).
    pub max_failed_tasks: i32,
    /// The whole watch ends after this long (the update is cancelled).
    pub timeout: Option<Duration>,
    /// Pause between polls.
    pub poll_interval: Duration,
}

/// How a watched operation ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It completed with this stack status.
    Done(String),
    /// It failed, rolled back, or was cancelled: the stack status and the first reason.
    Failed {
        /// The last stack status seen.
        status: String,
        /// The first failure's reason.
        reason: String,
    },
}

/// Polls `source` until the operation ends, a rollout fails, or the timeout passes, writing
/// progress to `out`: one line per stack event with resources done / total and elapsed time,
/// and one line per service whenever its rollout changes.
pub fn watch(
    source: &mut impl EventSource,
    options: &WatchOptions,
    out: &mut impl Write,
) -> Outcome {
    let mut watcher = Watcher {
        options,
        start: Instant::now(),
        done: BTreeSet::new(),
        service_lines: BTreeMap::new(),
        first_failure: None,
        cancelled: None,
    };
    loop {
        let snapshot = match source.poll() {
            Ok(snapshot) => snapshot,
            Err(e) => {
                return Outcome::Failed {
                    status: "UNKNOWN".into(),
                    reason: format!("cannot read the stack's state: {e}"),
                };
            }
        };
        if let Some(outcome) = watcher.observe(&snapshot, source, out) {
            return outcome;
        }
        std::thread::sleep(options.poll_interval);
    }
}

struct Watcher<'a> {
    options: &'a WatchOptions,
    start: Instant,
    done: BTreeSet<String>,
    service_lines: BTreeMap<String, String>,
    first_failure: Option<String>,
    /// Why the watcher cancelled the update, once it has.
    cancelled: Option<String>,
}

impl Watcher<'_> {
    /// Takes in one snapshot; `Some` when the watch is over.
    fn observe(
        &mut self,
        snapshot: &Snapshot,
        source: &mut impl EventSource,
        out: &mut impl Write,
    ) -> Option<Outcome> {
        for event in &snapshot.events {
            self.event(event, out);
        }
        let mut trip = None;
        for service in &snapshot.services {
            self.service(service, out);
            trip = trip.or_else(|| self.rollout_failure(service));
        }
        let status = snapshot.stack_status.as_str();
        if is_terminal(status) {
            return Some(self.finish(status, trip));
        }
        if self.cancelled.is_some() {
            return self.timed_out(status, out).then(|| self.failed(status));
        }
        if let Some(reason) = trip {
            return self.stop(status, reason, source, out);
        }
        if self.timed_out(status, out) {
            let reason = format!("no result after {}", elapsed_text(self.start.elapsed()));
            return self.stop(status, reason, source, out);
        }
        None
    }

    fn event(&mut self, event: &StackEvent, out: &mut impl Write) {
        let is_resource = event.resource_type != "AWS::CloudFormation::Stack";
        if is_resource && event.status.ends_with("_COMPLETE") {
            self.done.insert(event.logical_id.clone());
        }
        if event.status.ends_with("_FAILED") && self.first_failure.is_none() {
            let cancelled = event.reason.contains("cancelled") || event.reason.is_empty();
            if !cancelled {
                self.first_failure = Some(format!(
                    "{} ({}): {}",
                    event.logical_id, event.status, event.reason
                ));
            }
        }
        let progress = format!(
            "[{:>3}/{:<3} {:>6}]",
            self.done.len(),
            self.options.total_resources,
            elapsed_text(self.start.elapsed())
        );
        let reason = if event.reason.is_empty() {
            String::new()
        } else {
            format!(": {}", event.reason)
        };
        let _ = writeln!(
            out,
            "{progress} {} {} {}{reason}",
            event.status, event.logical_id, event.resource_type
        );
    }

    /// Prints a service's rollout when it changed since the last poll.
    fn service(&mut self, service: &ServiceRollout, out: &mut impl Write) {
        let line = service_line(service);
        if self.service_lines.get(&service.logical_id) != Some(&line) {
            let _ = writeln!(out, "{:>15} {line}", "");
            self.service_lines.insert(service.logical_id.clone(), line);
        }
    }

    /// Why waiting for this rollout is pointless, if it is.
    fn rollout_failure(&self, service: &ServiceRollout) -> Option<String> {
        let last = if service.last_stopped_reason.is_empty() {
            String::new()
        } else {
            format!("; last stopped task: {}", service.last_stopped_reason)
        };
        if service.rollout_state == "FAILED" {
            let why = &service.rollout_reason;
            return Some(format!(
                "service {} rollout failed: {why}{last}",
                service.logical_id
            ));
        }
        if service.failed_tasks >= self.options.max_failed_tasks {
            return Some(format!(
                "service {}: {} tasks failed (limit {}){last}",
                service.logical_id, service.failed_tasks, self.options.max_failed_tasks
            ));
        }
        None
    }

    fn finish(&self, status: &str, trip: Option<String>) -> Outcome {
        if is_success(status, self.options.operation) {
            return match trip {
                // A circuit breaker rolls the service back and CloudFormation still reports
                // success: the deployment did not happen.
                Some(reason) if self.options.operation != Operation::Delete => Outcome::Failed {
                    status: status.to_owned(),
                    reason: format!("CloudFormation reports {status}, but {reason}"),
                },
                _ => Outcome::Done(status.to_owned()),
            };
        }
        self.failed(status)
    }

    fn failed(&self, status: &str) -> Outcome {
        let reason = self
            .cancelled
            .clone()
            .or_else(|| self.first_failure.clone())
            .unwrap_or_else(|| format!("the stack ended in {status}"));
        Outcome::Failed {
            status: status.to_owned(),
            reason,
        }
    }

    /// Fails fast: cancels an update (and goes on watching its rollback), or ends the watch.
    fn stop(
        &mut self,
        status: &str,
        reason: String,
        source: &mut impl EventSource,
        out: &mut impl Write,
    ) -> Option<Outcome> {
        if self.options.operation == Operation::Update && status == "UPDATE_IN_PROGRESS" {
            let _ = writeln!(out, "cancelling the update: {reason}");
            match source.cancel_update() {
                Ok(()) => {
                    self.cancelled = Some(reason);
                    return None;
                }
                Err(e) => {
                    let _ = writeln!(out, "cannot cancel the update: {e}");
                }
            }
        }
        let what = match self.options.operation {
            Operation::Create => "; a creation cannot be cancelled: `destroy` removes the stack",
            _ => "",
        };
        Some(Outcome::Failed {
            status: status.to_owned(),
            reason: format!("{reason}{what}"),
        })
    }

    fn timed_out(&self, status: &str, out: &mut impl Write) -> bool {
        let over = self
            .options
            .timeout
            .is_some_and(|t| self.start.elapsed() >= t);
        if over && self.cancelled.is_some() {
            let _ = writeln!(out, "timeout: the stack is still {status} (rolling back)");
        }
        over
    }
}

/// `AppService: rollout IN_PROGRESS, running 1/2, pending 1, failed tasks 2 (last stopped: …),
/// targets 1 healthy, 1 unhealthy (Target.Timeout)`.
pub fn service_line(s: &ServiceRollout) -> String {
    let state = if s.rollout_state.is_empty() {
        "?"
    } else {
        &s.rollout_state
    };
    let mut line = format!(
        "{}: rollout {state}, running {}/{}, pending {}",
        s.logical_id, s.running, s.desired, s.pending
    );
    if s.failed_tasks > 0 {
        line.push_str(&format!(", failed tasks {}", s.failed_tasks));
    }
    if !s.last_stopped_reason.is_empty() {
        line.push_str(&format!(" (last stopped: {})", s.last_stopped_reason));
    }
    if !s.targets.is_empty() {
        let mut counts: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for t in &s.targets {
            counts.entry(&t.state).or_default().push(&t.reason);
        }
        let parts: Vec<String> = counts
            .iter()
            .map(|(state, reasons)| {
                let mut reasons: Vec<&str> =
                    reasons.iter().copied().filter(|r| !r.is_empty()).collect();
                reasons.dedup();
                if reasons.is_empty() {
                    format!("{} {state}", reasons_len(s, state))
                } else {
                    format!("{} {state} ({})", reasons_len(s, state), reasons.join(", "))
                }
            })
            .collect();
        line.push_str(&format!(", targets {}", parts.join(", ")));
    }
    line
}

fn reasons_len(s: &ServiceRollout, state: &str) -> usize {
    s.targets.iter().filter(|t| t.state == state).count()
}

/// `4:05` or `1:02:03`.
pub fn elapsed_text(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// Whether a stack status ends an operation.
pub fn is_terminal(status: &str) -> bool {
    (status.ends_with("_COMPLETE") || status.ends_with("_FAILED"))
        && !status.ends_with("_CLEANUP_COMPLETE")
        && status != "REVIEW_IN_PROGRESS"
}

fn is_success(status: &str, operation: Operation) -> bool {
    match operation {
        Operation::Create => status == "CREATE_COMPLETE",
        Operation::Update => status == "UPDATE_COMPLETE",
        Operation::Delete => status == "DELETE_COMPLETE",
    }
}
