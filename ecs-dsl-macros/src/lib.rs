//! Procedural macros of ecs-dsl: the checked `sub!`.
//!
//! Each macro is parse → check → expand (as in serde_derive): `parse` turns tokens into a model
//! that keeps spans, `check` collects every mistake in a [`ctxt::Ctxt`], `expand` writes code.
//! On error the macro still expands to a value of the right type, so one mistake gives one error
//! and rust-analyzer keeps working.

mod ctxt;
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
