//! Procedural macros of ecs-dsl: the checked `sub!` and `#[derive(StackParameters)]`.
//!
//! Each macro is parse → check → expand (as in serde_derive): `parse` turns tokens into a model
//! that keeps spans, `check` collects every mistake in a `ctxt::Ctxt`, `expand` writes code.
//! On error the macro still expands to a value of the right type, so one mistake gives one error
//! and rust-analyzer keeps working.

mod ctxt;
mod parameters;
mod sub;

use proc_macro::TokenStream;

/// A checked `Fn::Sub`.
///
/// Each `${…}` placeholder names a Rust variable in scope — a resource handle, a handle
/// attribute (`${db.Endpoint.Address}` calls `db.attr_endpoint_address()`), a parameter, a
/// string value — or a pseudo parameter (`${AWS::Region}`); `${!Literal}` is kept as the text
/// `${Literal}`. Variables may also be bound after the string: `sub!("${name}-x", name = expr)`.
/// A name that is not in scope or an attribute the resource does not have is a compile error.
#[proc_macro]
pub fn sub(input: TokenStream) -> TokenStream {
    sub::expand(input.into()).into()
}

/// Declares a stack's parameters from a struct of `Parameter<T>` fields.
///
/// Each field becomes one parameter: its name is the field name in PascalCase (or
/// `#[parameter(name = "…")]`), its type comes from `T`, its `Description` from the doc comment,
/// and `#[parameter(default = …, no_echo, allowed_values = […], allowed_pattern = …, min_length
/// = …, max_length = …, min_value = …, max_value = …, constraint_description = …)]` set the rest.
/// `Params::declare(&mut stack)` adds them and returns the typed handles.
#[proc_macro_derive(StackParameters, attributes(parameter))]
pub fn derive_stack_parameters(input: TokenStream) -> TokenStream {
    parameters::derive(input.into()).into()
}
