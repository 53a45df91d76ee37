//! `Fn::Sub`: a string with `${…}` placeholders, built from typed parts.
//!
//! The checked `sub!` macro expands to calls on [`Sub`]; each placeholder keeps the symbol it
//! names, so synth sees the dependency and checks that the symbol exists in the stack.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::{
    AttrRef, Attribute, Handle, IntoValue, Intrinsic, Node, Pseudo, RefTarget, Resource, Symbol,
    Value,
};

/// One piece of an `Fn::Sub` template string.
#[derive(Clone, Debug, PartialEq)]
pub enum SubPart {
    /// Literal text; a `${` inside it is written as `${!` so CloudFormation keeps it.
    Text(String),
    /// `${LogicalId}` or `${ParameterName}`.
    Ref(Symbol),
    /// `${LogicalId.Attribute}`.
    GetAtt(Symbol, Cow<'static, str>),
    /// `${AWS::Region}` and the other pseudo parameters.
    Pseudo(Pseudo),
    /// `${name}` naming an entry of the variable map.
    Var(String),
}

/// An `Fn::Sub` under construction or finished.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sub {
    /// The template string, in pieces.
    pub parts: Vec<SubPart>,
    /// The variable map (empty for the plain form).
    pub variables: BTreeMap<String, Node>,
}

impl Sub {
    /// An empty template string.
    pub fn new() -> Self {
        Sub::default()
    }

    /// The start of an ARN of this stack's partition, region and account:
    /// `arn:${AWS::Partition}:SERVICE:${AWS::Region}:${AWS::AccountId}:`.
    pub fn arn_prefix(service: &str) -> Self {
        Sub::new()
            .text("arn:")
            .var(&Pseudo::Partition)
            .text(&format!(":{service}:"))
            .var(&Pseudo::Region)
            .text(":")
            .var(&Pseudo::AccountId)
            .text(":")
    }

    /// Appends literal text.
    #[must_use]
    pub fn text(mut self, text: &str) -> Self {
        if let Some(SubPart::Text(t)) = self.parts.last_mut() {
            t.push_str(text);
        } else {
            self.parts.push(SubPart::Text(text.to_owned()));
        }
        self
    }

    /// Appends a placeholder for a handle, parameter, attribute or pseudo parameter.
    #[must_use]
    pub fn var(self, v: &impl SubVariable) -> Self {
        self.var_named("", v)
    }

    /// Appends a placeholder; `name` is used only for values that must go through the variable
    /// map (a string value that is not a plain reference).
    #[must_use]
    pub fn var_named(mut self, name: &str, v: &impl SubVariable) -> Self {
        match v.sub_part() {
            SubArgument::Part(part) => self.parts.push(part),
            SubArgument::Bound(node) => return self.bind(name, node),
        }
        self
    }

    /// Appends `${name}` and binds `name` in the variable map.
    #[must_use]
    pub fn bind(mut self, name: &str, value: Node) -> Self {
        self.parts.push(SubPart::Var(name.to_owned()));
        self.variables.insert(name.to_owned(), value);
        self
    }

    /// The finished `Fn::Sub` as a string value.
    pub fn build(self) -> Value<String> {
        Value::Intrinsic(Intrinsic::Sub(self))
    }

    /// The template string as CloudFormation reads it.
    pub fn template_string(&self) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                SubPart::Text(t) => out.push_str(&t.replace("${", "${!")),
                SubPart::Ref(s) => {
                    out.push_str("${");
                    out.push_str(&s.name);
                    out.push('}');
                }
                SubPart::GetAtt(s, a) => {
                    out.push_str("${");
                    out.push_str(&s.name);
                    out.push('.');
                    out.push_str(a);
                    out.push('}');
                }
                SubPart::Pseudo(p) => {
                    out.push_str("${");
                    out.push_str(p.name());
                    out.push('}');
                }
                SubPart::Var(v) => {
                    out.push_str("${");
                    out.push_str(v);
                    out.push('}');
                }
            }
        }
        out
    }

    /// The stack symbols the placeholders name.
    pub fn symbols(&self) -> impl Iterator<Item = &Symbol> {
        self.parts.iter().filter_map(|p| match p {
            SubPart::Ref(s) | SubPart::GetAtt(s, _) => Some(s),
            _ => None,
        })
    }
}

/// What may stand in a `${…}` placeholder of `sub!`: a handle, a parameter, an attribute or a
/// pseudo parameter.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot stand in a `${{…}}` placeholder of `sub!`",
    note = "a placeholder names a resource handle, a handle attribute (`${{db.Endpoint.Address}}`), a parameter, or `AWS::…`"
)]
pub trait SubVariable {
    /// The placeholder, or a value to bind in the variable map.
    fn sub_part(&self) -> SubArgument;
}

/// How a value enters an `Fn::Sub`.
#[derive(Clone, Debug, PartialEq)]
pub enum SubArgument {
    /// Directly, as `${Name}`, `${Name.Attribute}` or `${AWS::…}`.
    Part(SubPart),
    /// Through the variable map (any other string value).
    Bound(Node),
}

impl<R: Resource> SubVariable for Handle<R> {
    fn sub_part(&self) -> SubArgument {
        SubArgument::Part(SubPart::Ref(self.symbol().clone()))
    }
}

#[diagnostic::do_not_recommend]
impl<A: Attribute> SubVariable for A {
    fn sub_part(&self) -> SubArgument {
        SubArgument::Part(attr_part(self.attr_ref()))
    }
}

impl SubVariable for Pseudo {
    fn sub_part(&self) -> SubArgument {
        SubArgument::Part(SubPart::Pseudo(*self))
    }
}

impl SubVariable for Value<String> {
    fn sub_part(&self) -> SubArgument {
        SubArgument::Bound(IntoValue::<String>::into_node(self))
    }
}

fn attr_part(r: &AttrRef) -> SubPart {
    match r.attribute() {
        None => SubPart::Ref(r.symbol().clone()),
        Some(a) => SubPart::GetAtt(r.symbol().clone(), Cow::Borrowed(a)),
    }
}

impl From<Sub> for Node {
    fn from(sub: Sub) -> Self {
        Intrinsic::Sub(sub).into()
    }
}

impl RefTarget {
    /// The name written in the template.
    pub fn name(&self) -> &str {
        match self {
            RefTarget::Symbol(s) => &s.name,
            RefTarget::Pseudo(p) => p.name(),
        }
    }
}
