//! Stack parameters, typed by what they hold.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use super::Node;
use crate::intrinsic::{
    Attribute, IntoValue, Intrinsic, RefTarget, StringBacked, SubArgument, SubPart, SubVariable,
    Symbol, TextKind,
};

/// A parameter declared with [`crate::Stack::parameter`]. `T` is what it holds: `String`, `i64`
/// or `f64` (`Number`), `Vec<String>` (`CommaDelimitedList`), `Vec<f64>` (`List<Number>`), an
/// AWS-specific type such as `cfn::ec2::vpc::VpcId` (`AWS::EC2::VPC::Id`), a list of one, or
/// [`Ssm<T>`]. A `&Parameter<T>` is accepted wherever a `T` is.
pub struct Parameter<T> {
    symbol: Symbol,
    kind: PhantomData<fn() -> T>,
}

impl<T> Clone for Parameter<T> {
    fn clone(&self) -> Self {
        Parameter {
            symbol: self.symbol.clone(),
            kind: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for Parameter<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Parameter({})", self.symbol.name)
    }
}

impl<T> Parameter<T> {
    pub(crate) fn new(symbol: Symbol) -> Self {
        Parameter {
            symbol,
            kind: PhantomData,
        }
    }

    /// The stack symbol of the parameter.
    pub fn symbol(&self) -> &Symbol {
        &self.symbol
    }

    /// The parameter's name.
    pub fn name(&self) -> &str {
        &self.symbol.name
    }

    /// `Ref` to the parameter.
    pub fn reference(&self) -> Node {
        Intrinsic::Ref(RefTarget::Symbol(self.symbol.clone())).into()
    }
}

/// A Rust type that stands for a CloudFormation parameter type.
pub trait ParameterType {
    /// The `Type` written in the template, such as `List<AWS::EC2::Subnet::Id>`.
    fn cfn_type() -> String;
}

impl ParameterType for String {
    fn cfn_type() -> String {
        "String".into()
    }
}

impl ParameterType for i64 {
    fn cfn_type() -> String {
        "Number".into()
    }
}

impl ParameterType for f64 {
    fn cfn_type() -> String {
        "Number".into()
    }
}

impl ParameterType for Vec<String> {
    fn cfn_type() -> String {
        "CommaDelimitedList".into()
    }
}

impl ParameterType for Vec<f64> {
    fn cfn_type() -> String {
        "List<Number>".into()
    }
}

impl ParameterType for Vec<i64> {
    fn cfn_type() -> String {
        "List<Number>".into()
    }
}

/// An AWS-specific parameter type that is a list of IDs, such as `List<AWS::EC2::Subnet::Id>`.
impl<A: Attribute + ParameterType> ParameterType for Vec<A> {
    fn cfn_type() -> String {
        format!("List<{}>", A::cfn_type())
    }
}

/// `AWS::SSM::Parameter::Value<T>`: the value of a Systems Manager parameter, such as the
/// ECS-optimized AMI ID published at `/aws/service/ecs/optimized-ami/…`.
#[derive(Clone, Copy, Debug)]
pub struct Ssm<T>(PhantomData<T>);

impl<T: ParameterType> ParameterType for Ssm<T> {
    fn cfn_type() -> String {
        format!("AWS::SSM::Parameter::Value<{}>", T::cfn_type())
    }
}

macro_rules! text_parameter_type {
    ($($(#[$doc:meta])* $name:ident = $cfn:literal;)+) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug)]
        pub struct $name;

        impl ParameterType for $name {
            fn cfn_type() -> String {
                $cfn.into()
            }
        }

        #[diagnostic::do_not_recommend]
        impl<K: TextKind> IntoValue<K> for &Parameter<$name> {
            fn into_node(self) -> Node {
                self.reference()
            }
        }

        #[diagnostic::do_not_recommend]
        impl<K: TextKind> IntoValue<K> for &Parameter<Ssm<$name>> {
            fn into_node(self) -> Node {
                self.reference()
            }
        }
    )+};
}

text_parameter_type! {
    /// `AWS::EC2::Image::Id`: an AMI ID, checked by CloudFormation before deployment.
    ImageId = "AWS::EC2::Image::Id";
    /// `AWS::EC2::AvailabilityZone::Name`.
    AvailabilityZoneName = "AWS::EC2::AvailabilityZone::Name";
    /// `AWS::EC2::KeyPair::KeyName`.
    KeyPairName = "AWS::EC2::KeyPair::KeyName";
}

#[diagnostic::do_not_recommend]
impl<K: TextKind> IntoValue<K> for &Parameter<Ssm<String>> {
    fn into_node(self) -> Node {
        self.reference()
    }
}

#[diagnostic::do_not_recommend]
impl<K: StringBacked> IntoValue<K> for &Parameter<String> {
    fn into_node(self) -> Node {
        self.reference()
    }
}

#[diagnostic::do_not_recommend]
impl<A: Attribute, K> IntoValue<K> for &Parameter<A>
where
    A: IntoValue<K> + ParameterType,
{
    fn into_node(self) -> Node {
        self.reference()
    }
}

#[diagnostic::do_not_recommend]
impl IntoValue<i64> for &Parameter<i64> {
    fn into_node(self) -> Node {
        self.reference()
    }
}

#[diagnostic::do_not_recommend]
impl IntoValue<f64> for &Parameter<i64> {
    fn into_node(self) -> Node {
        self.reference()
    }
}

/// A `Number` parameter is a string when referenced, so it fits string properties such as an
/// Auto Scaling group's `DesiredCapacity`.
#[diagnostic::do_not_recommend]
impl IntoValue<String> for &Parameter<i64> {
    fn into_node(self) -> Node {
        self.reference()
    }
}

#[diagnostic::do_not_recommend]
impl IntoValue<f64> for &Parameter<f64> {
    fn into_node(self) -> Node {
        self.reference()
    }
}

#[diagnostic::do_not_recommend]
impl<K: StringBacked> IntoValue<Vec<K>> for &Parameter<Vec<String>> {
    fn into_node(self) -> Node {
        self.reference()
    }
}

#[diagnostic::do_not_recommend]
impl<A, K> IntoValue<Vec<K>> for &Parameter<Vec<A>>
where
    A: Attribute + IntoValue<K> + ParameterType,
{
    fn into_node(self) -> Node {
        self.reference()
    }
}

impl<T> SubVariable for Parameter<T> {
    fn sub_part(&self) -> SubArgument {
        SubArgument::Part(SubPart::Ref(self.symbol().clone()))
    }
}

/// The declaration of a parameter: everything but its name and type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParameterSpec {
    fields: BTreeMap<&'static str, Node>,
}

impl ParameterSpec {
    /// A parameter with no constraints.
    pub fn new() -> Self {
        ParameterSpec {
            fields: BTreeMap::new(),
        }
    }

    fn with(mut self, key: &'static str, value: Node) -> Self {
        self.fields.insert(key, value);
        self
    }

    /// Sets `Description`.
    #[must_use]
    pub fn description(self, text: &str) -> Self {
        self.with("Description", text.into())
    }

    /// Sets `Default` (CloudFormation takes every default as a string).
    #[must_use]
    pub fn default(self, value: impl ToString) -> Self {
        self.with("Default", Node::Str(value.to_string()))
    }

    /// Sets `NoEcho`: the value is masked in the console and API.
    #[must_use]
    pub fn no_echo(self) -> Self {
        self.with("NoEcho", Node::Bool(true))
    }

    /// Sets `AllowedValues`.
    #[must_use]
    pub fn allowed_values<S: ToString>(self, values: impl IntoIterator<Item = S>) -> Self {
        let list = values
            .into_iter()
            .map(|v| Node::Str(v.to_string()))
            .collect();
        self.with("AllowedValues", Node::List(list))
    }

    /// Sets `AllowedPattern` (a Java regular expression).
    #[must_use]
    pub fn allowed_pattern(self, pattern: &str) -> Self {
        self.with("AllowedPattern", pattern.into())
    }

    /// Sets `MinLength`.
    #[must_use]
    pub fn min_length(self, n: u32) -> Self {
        self.with("MinLength", Node::Int(n.into()))
    }

    /// Sets `MaxLength`.
    #[must_use]
    pub fn max_length(self, n: u32) -> Self {
        self.with("MaxLength", Node::Int(n.into()))
    }

    /// Sets `MinValue`.
    #[must_use]
    pub fn min_value(self, n: i64) -> Self {
        self.with("MinValue", Node::Int(n))
    }

    /// Sets `MaxValue`.
    #[must_use]
    pub fn max_value(self, n: i64) -> Self {
        self.with("MaxValue", Node::Int(n))
    }

    /// Sets `ConstraintDescription`, shown when a constraint fails.
    #[must_use]
    pub fn constraint_description(self, text: &str) -> Self {
        self.with("ConstraintDescription", text.into())
    }

    /// A declared field, such as `Default`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.fields.get(key)
    }

    pub(crate) fn to_node(&self, cfn_type: String) -> Node {
        let mut m: BTreeMap<String, Node> = self
            .fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        m.insert("Type".into(), Node::Str(cfn_type));
        Node::Map(m)
    }
}
