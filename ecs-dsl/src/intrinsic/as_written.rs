//! The escape hatch of the value model: an intrinsic function kept exactly as written, for the
//! functions and shapes ecs-dsl does not model (`Fn::Transform`, `Fn::ForEach`, a map name
//! computed by another function, a macro's own functions, …).

use super::{Intrinsic, Node};

impl Intrinsic {
    /// `{key: argument}`, written out unchanged: `key` is the function's name (`Fn::Transform`)
    /// and `argument` its JSON. Nothing inside is interpreted, so synth neither checks what it
    /// names nor counts it as a dependency; prefer a typed function wherever one exists.
    pub fn as_written(key: &'static str, argument: &serde_json::Value) -> Intrinsic {
        Intrinsic::AsWritten(key, Node::literal_from_json(argument))
    }
}
