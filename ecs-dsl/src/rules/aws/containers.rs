//! Controls on task definitions and their containers.

use super::control::Control;
use crate::cfn::ecs::CfnTaskDefinition;
use crate::cfn::ecs::task_definition::{
    ContainerDefinition, KeyValuePair, PidMode, RuntimePlatform,
    RuntimePlatformOperatingSystemFamily,
};
use crate::query::Prop;
use crate::rules::Report;
use crate::template::Template;

/// Security Hub ECS.3.
pub(super) const HOST_PID_MODE: Control = Control {
    code: "SecurityHub-ECS.3",
    summary: "task definitions do not share the host's process namespace",
    reference: security_hub!("ecs-3"),
    check: host_pid_mode,
};

/// Security Hub ECS.4.
pub(super) const PRIVILEGED: Control = Control {
    code: "SecurityHub-ECS.4",
    summary: "containers run as non-privileged",
    reference: security_hub!("ecs-4"),
    check: privileged,
};

/// Security Hub ECS.5.
pub(super) const WRITABLE_ROOT_FILESYSTEM: Control = Control {
    code: "SecurityHub-ECS.5",
    summary: "containers have read-only root file systems",
    reference: security_hub!("ecs-5"),
    check: writable_root_filesystem,
};

/// Security Hub ECS.8.
pub(super) const CREDENTIALS_IN_ENVIRONMENT: Control = Control {
    code: "SecurityHub-ECS.8",
    summary: "AWS credentials and registry auth data are not passed as plain environment variables",
    reference: security_hub!("ecs-8"),
    check: credentials_in_environment,
};

/// Security Hub ECS.9 and cdk-nag AwsSolutions-ECS7.
pub(super) const NO_LOG_CONFIGURATION: Control = Control {
    code: "SecurityHub-ECS.9",
    summary: "every container has a log configuration",
    reference: concat!(security_hub!("ecs-9"), "; ", cdk_nag!("AwsSolutions-ECS7")),
    check: no_log_configuration,
};

/// Security Hub ECS.20.
pub(super) const ROOT_USER: Control = Control {
    code: "SecurityHub-ECS.20",
    summary: "Linux containers run as a user other than root",
    reference: security_hub!("ecs-20"),
    check: root_user,
};

/// cdk-nag AwsSolutions-ECS2.
pub(super) const PLAIN_ENVIRONMENT: Control = Control {
    code: "AwsSolutions-ECS2",
    summary: "containers take configuration from secrets or parameters, not plain environment variables",
    reference: cdk_nag!("AwsSolutions-ECS2"),
    check: plain_environment,
};

/// The environment variable names Security Hub ECS.8 looks for.
const CREDENTIAL_NAMES: [&str; 3] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "ECS_ENGINE_AUTH_DATA",
];

/// Every literal container definition of every task definition.
fn containers(template: &Template) -> Vec<Prop<'_, ContainerDefinition>> {
    template
        .resources::<CfnTaskDefinition>()
        .into_iter()
        .flat_map(|t| t.prop(CfnTaskDefinition::container_definitions).items())
        .collect()
}

/// The container's name for a message.
fn name<'t>(container: &Prop<'t, ContainerDefinition>) -> &'t str {
    container
        .prop(ContainerDefinition::name)
        .value()
        .unwrap_or("?")
}

fn host_pid_mode(template: &Template, report: &mut Report<'_>) {
    for task in template.resources::<CfnTaskDefinition>() {
        let pid_mode = task.prop(CfnTaskDefinition::pid_mode);
        if pid_mode.equals(PidMode::Host) {
            report.add(
                &pid_mode,
                "the task shares the host's process namespace",
                "leave `PidMode` unset or set it to `task`",
            );
        }
    }
}

fn privileged(template: &Template, report: &mut Report<'_>) {
    for container in containers(template) {
        let privileged = container.prop(ContainerDefinition::privileged);
        if privileged.value() == Some(true) {
            report.add(
                &privileged,
                format!("container `{}` runs privileged", name(&container)),
                "remove `Privileged`; grant the one capability needed with `LinuxParameters.Capabilities`",
            );
        }
    }
}

fn writable_root_filesystem(template: &Template, report: &mut Report<'_>) {
    for container in containers(template) {
        let read_only = container.prop(ContainerDefinition::readonly_root_filesystem);
        if !read_only.is_unresolved() && read_only.value() != Some(true) {
            report.add(
                &read_only,
                format!(
                    "container `{}` can write to its root file system",
                    name(&container)
                ),
                "set `ReadonlyRootFilesystem: true` and mount a volume where the app writes",
            );
        }
    }
}

fn credentials_in_environment(template: &Template, report: &mut Report<'_>) {
    for container in containers(template) {
        for variable in container.prop(ContainerDefinition::environment).items() {
            let key = variable
                .prop(KeyValuePair::name)
                .value()
                .unwrap_or_default();
            if CREDENTIAL_NAMES.contains(&key) {
                report.add(
                    &variable,
                    format!(
                        "container `{}` gets `{key}` as a plain environment variable",
                        name(&container)
                    ),
                    "give the task a task role instead of keys, or pass the value in `Secrets`",
                );
            }
        }
    }
}

fn no_log_configuration(template: &Template, report: &mut Report<'_>) {
    for container in containers(template) {
        let logs = container.prop(ContainerDefinition::log_configuration);
        if !logs.is_set() {
            report.add(
                &logs,
                format!("container `{}` has no log configuration", name(&container)),
                "set `LogConfiguration`, such as the `awslogs` driver to a log group of the stack",
            );
        }
    }
}

fn root_user(template: &Template, report: &mut Report<'_>) {
    for task in template.resources::<CfnTaskDefinition>() {
        let family = task
            .prop(CfnTaskDefinition::runtime_platform)
            .prop(RuntimePlatform::operating_system_family);
        if family.is_set() && !family.equals(RuntimePlatformOperatingSystemFamily::Linux) {
            continue;
        }
        for container in task.prop(CfnTaskDefinition::container_definitions).items() {
            let user = container.prop(ContainerDefinition::user);
            let root = match user.value() {
                None => !user.is_unresolved(),
                Some(u) => u == "root" || u == "0" || u.starts_with("root:") || u.starts_with("0:"),
            };
            if root {
                report.add(
                    &user,
                    format!("container `{}` runs as root", name(&container)),
                    "set `User` to a non-root user (`1000`, `app:app`) the image has",
                );
            }
        }
    }
}

fn plain_environment(template: &Template, report: &mut Report<'_>) {
    for container in containers(template) {
        let environment = container.prop(ContainerDefinition::environment);
        if !environment.items().is_empty() {
            report.add(
                &environment,
                format!(
                    "container `{}` sets plain environment variables",
                    name(&container)
                ),
                "move configuration to `Secrets` (Secrets Manager or SSM Parameter Store)",
            );
        }
    }
}
