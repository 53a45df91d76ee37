//! How a typed accessor finds a property's name without a table of names: it calls the
//! generated setter itself on a blank value and reads which property the setter wrote.
//!
//! `found.prop(CfnService::desired_count)` passes the setter as a function. The setter takes
//! `impl IntoValue<i64>`; [`Probe<K>`] implements `IntoValue<K>` for every `K`, so the compiler
//! infers `K = i64` from the setter's own signature, and a misspelled setter name is a compile
//! error (`no function or associated item named …`).

use std::marker::PhantomData;

use crate::intrinsic::IntoValue;
use crate::template::{Node, Props};

/// A generated resource or property type that can start empty: what a typed accessor calls its
/// setter on. Implemented for every generated L1 resource and nested property type.
pub trait Blank: Sized {
    /// The value with no property set.
    fn blank() -> Self;
    /// The properties set so far.
    fn into_props(self) -> Props;
}

/// The argument a typed accessor passes to a setter: a value of any kind `K`, so the setter's
/// signature decides what `K` is.
pub struct Probe<K>(PhantomData<fn() -> K>);

#[diagnostic::do_not_recommend]
impl<K> IntoValue<K> for Probe<K> {
    fn into_node(self) -> Node {
        Node::Null
    }
}

/// The CloudFormation name of the property a setter of `T` writes, such as `DesiredCount` for
/// `CfnService::desired_count`; `None` when the function set no property or several.
pub(crate) fn property_name<T: Blank, K>(setter: impl FnOnce(T, Probe<K>) -> T) -> Option<String> {
    let props = setter(T::blank(), Probe(PhantomData))
        .into_props()
        .into_node();
    let map = props.as_map()?;
    match map.keys().collect::<Vec<_>>().as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}
