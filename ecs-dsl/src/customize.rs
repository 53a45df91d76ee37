//! The `customize_<part>` closures a builder keeps until it adds its resources.

/// Changes to one generated resource, applied in the order given, after the builder's own
/// settings.
pub(crate) type Customize<T> = Vec<Box<dyn FnOnce(T) -> T>>;

/// Applies the user's changes to a generated resource, in the order given.
pub(crate) fn apply<T>(changes: &mut Customize<T>, resource: T) -> T {
    changes.drain(..).fold(resource, |r, f| f(r))
}
