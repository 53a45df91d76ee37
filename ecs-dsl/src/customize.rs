//! The `customize_<part>` closures a builder keeps until it adds its resources, and the rule that
//! what they set wins over what the builder collected.

use crate::cfn::HasProps;

// Without the database builder, only the ecs builders use the items marked "unused in feature
// sets without the ecs builders", and those builders need more features than this module does.

/// Changes to one generated resource, applied in the order given, after the builder's own
/// settings.
pub(crate) type Customize<T> = Vec<Box<dyn FnOnce(T) -> T>>;

#[cfg_attr(
    not(all(feature = "ec2", feature = "rds", feature = "secretsmanager")),
    allow(dead_code, reason = "unused in feature sets without the ecs builders")
)]
/// Changes to each of several generated resources of one kind (one per client or load
/// balancer), applied in the order given.
pub(crate) type CustomizeEach<T> = Vec<Box<dyn Fn(T) -> T>>;

/// Applies the user's changes to a generated resource, in the order given.
pub(crate) fn apply<T>(changes: &mut Customize<T>, resource: T) -> T {
    changes.drain(..).fold(resource, |r, f| f(r))
}

#[cfg_attr(
    not(all(feature = "ec2", feature = "rds", feature = "secretsmanager")),
    allow(dead_code, reason = "unused in feature sets without the ecs builders")
)]
/// Applies the user's changes to one of several generated resources, in the order given.
pub(crate) fn apply_each<T>(changes: &CustomizeEach<T>, resource: T) -> T {
    changes.iter().fold(resource, |r, f| f(r))
}

#[cfg_attr(
    not(all(feature = "ec2", feature = "rds", feature = "secretsmanager")),
    allow(dead_code, reason = "unused in feature sets without the ecs builders")
)]
/// Sets what the builder collected with `set`, unless the user's customization already set one
/// of the properties `names`: what `customize` set is what the template holds.
pub(crate) fn unless_customized<T: HasProps>(
    mut resource: T,
    names: &[&str],
    set: impl FnOnce(T) -> T,
) -> T {
    let props = resource.props_mut();
    if names.iter().any(|name| props.get(name).is_some()) {
        resource
    } else {
        set(resource)
    }
}
