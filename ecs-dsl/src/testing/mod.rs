//! Assertions over a synthesized stack, for a stack crate's own tests.
//!
//! ```
//! # #[cfg(all(feature = "ecs", feature = "logs"))] {
//! use ecs_dsl::cfn::ecs::CfnTaskDefinition;
//! use ecs_dsl::cfn::ecs::task_definition::{ContainerDefinition, ContainerDefinitionRequired};
//! use ecs_dsl::testing::TestTemplate;
//! use ecs_dsl::Stack;
//!
//! let mut stack = Stack::new();
//! stack.add(
//!     "Web",
//!     CfnTaskDefinition::new().cpu("256").container_definitions(vec![ContainerDefinition::new(
//!         ContainerDefinitionRequired { name: "web", image: "nginx" },
//!     )
//!     .privileged(true)]),
//! );
//! let template = TestTemplate::from_stack(&stack);
//!
//! // Typed lookup, typed accessors: a misspelled property does not compile.
//! let task = template.resources::<CfnTaskDefinition>()[0];
//! let web = &task.prop(CfnTaskDefinition::container_definitions).items()[0];
//! assert_eq!(web.prop(ContainerDefinition::privileged).value(), Some(true));
//! assert_eq!(template.count::<CfnTaskDefinition>(), 1);
//! # }
//! ```
//!
//! * [`TestTemplate`] synthesizes a stack (or reads a template file) and runs every check;
//!   `expect_finding("ECS005")` asserts a rule fired, `snapshot` / `assert_snapshot` compare
//!   the whole template with stable bytes.
//! * `template.resources::<CfnService>()`, `count`, `resource`, `follow` and `references_to`
//!   are typed lookups on [`crate::Template`].
//! * [`Found::prop`] and [`Prop::prop`] take the generated setter of a property, so the
//!   property's name and kind come from the generated code, not from a string.

mod snapshot;
mod template;

pub use crate::query::{Blank, Found, Probe, Prop, Reference};
pub use snapshot::UPDATE_VAR;
pub use template::TestTemplate;
