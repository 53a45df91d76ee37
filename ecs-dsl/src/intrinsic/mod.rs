//! The value model: template values ([`Node`]: a literal or an [`Intrinsic`]), typed intrinsic
//! functions, references and pseudo parameters, and the body of a resource.
//!
//! A property value is a real Rust value: a literal or an [`Intrinsic`]. Nothing is encoded in
//! strings, so a reference keeps its target (a [`Symbol`]) all the way to synth, where it is
//! checked against the stack that owns it.
//!
//! [`Node`] and [`Intrinsic`] are one recursive type (a node holds an intrinsic, whose arguments
//! are nodes), so they live together here, at the bottom: this module imports nothing of the
//! crate but `diagnostics`, and `template` builds the document on top of it.

mod as_written;
mod condition;
mod dynamic_reference;
pub(crate) mod from_json;
mod functions;
mod language_extensions;
mod mapping;
mod node;
mod pseudo;
mod reference;
mod resource_body;
mod stack_output;
mod sub;
mod value;

use std::borrow::Cow;
use std::sync::Arc;

pub use condition::ConditionName;
pub use dynamic_reference::DynamicReference;
pub use functions::{Cond, Func};
pub use language_extensions::LANGUAGE_EXTENSIONS;
pub use mapping::MappingName;
pub use node::{Node, Props};
pub use pseudo::Pseudo;
pub use reference::{AttrRef, Attribute, Handle, Minted, Resource};
pub use resource_body::{DeletionPolicy, ResourceAttributes, ResourceBody};
pub use stack_output::StackOutput;
pub use sub::{Sub, SubArgument, SubPart, SubVariable};
pub use value::{IntoValue, Json, StringBacked, TextKind, Typed, Value};

/// Identifies a stack, so a handle used in another stack is caught at synth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StackId(pub(crate) u32);

impl StackId {
    /// The stack of names written as text (a template file, raw JSON): they belong to whichever
    /// template holds them, so the cross-stack check passes them and the reference checks judge
    /// them against that template.
    pub const TEXT: StackId = StackId(u32::MAX);
}

/// A named entity of one stack: a resource, a parameter, a condition or a mapping.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Symbol {
    /// The stack the name belongs to.
    pub stack: StackId,
    /// The logical ID or name.
    pub name: Arc<str>,
}

/// What a `Ref` points at.
#[derive(Clone, Debug, PartialEq)]
pub enum RefTarget {
    /// A resource or parameter of a stack.
    Symbol(Symbol),
    /// A pseudo parameter such as `AWS::Region`.
    Pseudo(Pseudo),
}

/// A CloudFormation intrinsic function.
#[derive(Clone, Debug, PartialEq)]
pub enum Intrinsic {
    /// `Ref` to a resource, parameter or pseudo parameter.
    Ref(RefTarget),
    /// `Fn::GetAtt` of a resource attribute (dotted names such as `Endpoint.Address` included):
    /// borrowed when generated code names it, owned when read from a template file.
    GetAtt(Symbol, Cow<'static, str>),
    /// `Fn::Sub`, plain or with a variable map.
    Sub(Sub),
    /// `Fn::Join`.
    Join(String, Node),
    /// `Fn::Select`.
    Select(Node, Node),
    /// `Fn::Split`.
    Split(String, Node),
    /// `Fn::If`: condition name, value if true, value if false.
    If(Symbol, Node, Node),
    /// `Fn::Equals`.
    Equals(Node, Node),
    /// `Fn::And`.
    And(Vec<Node>),
    /// `Fn::Or`.
    Or(Vec<Node>),
    /// `Fn::Not`.
    Not(Node),
    /// `Condition` (a named condition used inside another condition).
    Condition(Symbol),
    /// `Fn::FindInMap`: map name, top-level key, second-level key, and the value when the
    /// mapping lacks the keys (`DefaultValue`, which needs the `AWS::LanguageExtensions`
    /// transform).
    FindInMap(Symbol, Node, Node, Option<Node>),
    /// `Fn::GetAZs`.
    GetAZs(Node),
    /// `Fn::ImportValue`.
    ImportValue(Node),
    /// `Fn::Base64`.
    Base64(Node),
    /// `Fn::Cidr`: IP block, count, CIDR bits.
    Cidr(Node, Node, Node),
    /// `Fn::Length`: the number of items of a list (`AWS::LanguageExtensions`).
    Length(Node),
    /// `Fn::ToJsonString`: an object or a list as JSON text (`AWS::LanguageExtensions`).
    ToJsonString(Node),
    /// `Fn::GetStackOutput`: an output of another stack, exported or not.
    GetStackOutput(Box<StackOutput>),
    /// A function kept as written: its key and its argument, written out unchanged. Synth does
    /// not interpret it: what it names is not checked (see [`Intrinsic::as_written`]).
    AsWritten(&'static str, Node),
}

impl Intrinsic {
    /// The CloudFormation key of this function (`Ref`, `Fn::GetAtt`, …).
    pub fn key(&self) -> &'static str {
        match self {
            Intrinsic::Ref(_) => "Ref",
            Intrinsic::GetAtt(..) => "Fn::GetAtt",
            Intrinsic::Sub(_) => "Fn::Sub",
            Intrinsic::Join(..) => "Fn::Join",
            Intrinsic::Select(..) => "Fn::Select",
            Intrinsic::Split(..) => "Fn::Split",
            Intrinsic::If(..) => "Fn::If",
            Intrinsic::Equals(..) => "Fn::Equals",
            Intrinsic::And(_) => "Fn::And",
            Intrinsic::Or(_) => "Fn::Or",
            Intrinsic::Not(_) => "Fn::Not",
            Intrinsic::Condition(_) => "Condition",
            Intrinsic::FindInMap(..) => "Fn::FindInMap",
            Intrinsic::GetAZs(_) => "Fn::GetAZs",
            Intrinsic::ImportValue(_) => "Fn::ImportValue",
            Intrinsic::Base64(_) => "Fn::Base64",
            Intrinsic::Cidr(..) => "Fn::Cidr",
            Intrinsic::Length(_) => "Fn::Length",
            Intrinsic::ToJsonString(_) => "Fn::ToJsonString",
            Intrinsic::GetStackOutput(_) => "Fn::GetStackOutput",
            Intrinsic::AsWritten(key, _) => key,
        }
    }

    /// The nodes this function takes as arguments.
    pub fn children(&self) -> Vec<&Node> {
        match self {
            // A function kept as written is not interpreted: nothing below it is a reference.
            Intrinsic::Ref(_)
            | Intrinsic::GetAtt(..)
            | Intrinsic::Condition(_)
            | Intrinsic::AsWritten(..) => vec![],
            Intrinsic::Sub(sub) => sub.variables.values().collect(),
            Intrinsic::Join(_, n)
            | Intrinsic::Split(_, n)
            | Intrinsic::Not(n)
            | Intrinsic::GetAZs(n)
            | Intrinsic::ImportValue(n)
            | Intrinsic::Base64(n)
            | Intrinsic::Length(n)
            | Intrinsic::ToJsonString(n) => vec![n],
            Intrinsic::Select(a, b) | Intrinsic::If(_, a, b) | Intrinsic::Equals(a, b) => {
                vec![a, b]
            }
            Intrinsic::FindInMap(_, a, b, default) => [Some(a), Some(b), default.as_ref()]
                .into_iter()
                .flatten()
                .collect(),
            Intrinsic::And(ns) | Intrinsic::Or(ns) => ns.iter().collect(),
            Intrinsic::Cidr(a, b, c) => vec![a, b, c],
            Intrinsic::GetStackOutput(o) => o.arguments().collect(),
        }
    }

    /// The stack symbols this function names directly (not those of its arguments).
    pub fn symbols(&self) -> Vec<&Symbol> {
        match self {
            Intrinsic::Ref(RefTarget::Symbol(s))
            | Intrinsic::GetAtt(s, _)
            | Intrinsic::If(s, ..)
            | Intrinsic::Condition(s)
            | Intrinsic::FindInMap(s, ..) => vec![s],
            Intrinsic::Sub(sub) => sub.symbols().collect(),
            _ => vec![],
        }
    }
}
