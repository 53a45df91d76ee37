//! Typed queries over a [`crate::Template`]: resources by generated type, properties through the
//! generated setters (so a property's name and kind come from the generated code, not from a
//! string), references between resources.
//!
//! Both a stack crate's tests ([`crate::testing`]) and rules ([`crate::rules`]) read templates
//! this way; this module depends on neither.

mod found;
mod lookup;
mod prop;
mod property;
mod reference;

pub use found::Found;
pub use prop::Prop;
pub use property::{Blank, Probe};
pub use reference::Reference;
