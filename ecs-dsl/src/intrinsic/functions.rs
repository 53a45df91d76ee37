//! Constructors for the intrinsic functions, typed by what they return.

use super::{
    ConditionName, IntoValue, Intrinsic, Json, MappingName, Node, StackOutput, StringBacked,
    Symbol, Value,
};

/// The intrinsic functions. Each returns a [`Value`] typed by its result, so `Func::split(…)` can
/// go where a list is expected and `Func::select(…)` where a string is.
#[derive(Clone, Copy, Debug)]
pub struct Func;

impl Func {
    /// `Fn::Join`: the items of a list, joined by a delimiter (which may not be an intrinsic).
    pub fn join(delimiter: &str, items: impl IntoValue<Vec<String>>) -> Value<String> {
        Value::Intrinsic(Intrinsic::Join(delimiter.to_owned(), items.into_node()))
    }

    /// `Fn::Select`: the item at `index` of a list.
    pub fn select(index: impl IntoValue<i64>, list: impl IntoValue<Vec<String>>) -> Value<String> {
        Value::Intrinsic(Intrinsic::Select(index.into_node(), list.into_node()))
    }

    /// `Fn::Split`: a string cut at a delimiter (which may not be an intrinsic).
    pub fn split(delimiter: &str, source: impl IntoValue<String>) -> Value<Vec<String>> {
        Value::Intrinsic(Intrinsic::Split(delimiter.to_owned(), source.into_node()))
    }

    /// `Fn::If`: `if_true` when the named condition holds, else `if_false`.
    pub fn if_<K>(
        condition: &ConditionName,
        if_true: impl IntoValue<K>,
        if_false: impl IntoValue<K>,
    ) -> Value<K> {
        Value::Intrinsic(Intrinsic::If(
            condition.symbol().clone(),
            if_true.into_node(),
            if_false.into_node(),
        ))
    }

    /// `Fn::FindInMap`: a value of a mapping.
    pub fn find_in_map(
        map: &MappingName,
        top_key: impl IntoValue<String>,
        second_key: impl IntoValue<String>,
    ) -> Value<String> {
        Value::Intrinsic(Intrinsic::FindInMap(
            map.symbol().clone(),
            top_key.into_node(),
            second_key.into_node(),
            None,
        ))
    }

    /// `Fn::FindInMap` with a `DefaultValue`: the value of a mapping, or `default` when the
    /// mapping lacks the keys. Synth declares the `AWS::LanguageExtensions` transform it needs.
    pub fn find_in_map_or(
        map: &MappingName,
        top_key: impl IntoValue<String>,
        second_key: impl IntoValue<String>,
        default: impl IntoValue<String>,
    ) -> Value<String> {
        Value::Intrinsic(Intrinsic::FindInMap(
            map.symbol().clone(),
            top_key.into_node(),
            second_key.into_node(),
            Some(default.into_node()),
        ))
    }

    /// `Fn::Length`: the number of items of a list. Synth declares the
    /// `AWS::LanguageExtensions` transform it needs.
    pub fn length(list: impl IntoValue<Vec<String>>) -> Value<i64> {
        Value::Intrinsic(Intrinsic::Length(list.into_node()))
    }

    /// `Fn::ToJsonString`: an object or a list (which may hold intrinsics) as JSON text. Synth
    /// declares the `AWS::LanguageExtensions` transform it needs.
    pub fn to_json_string(value: impl IntoValue<Json>) -> Value<String> {
        Value::Intrinsic(Intrinsic::ToJsonString(value.into_node()))
    }

    /// `Fn::GetStackOutput`: an output of another stack, which need not export it (unlike
    /// [`Func::import_value`]), possibly in another region or account.
    pub fn get_stack_output(output: StackOutput) -> Value<String> {
        Value::Intrinsic(Intrinsic::GetStackOutput(Box::new(output)))
    }

    /// `Fn::GetAZs`: the availability zones of a region (`""` for the stack's region).
    pub fn get_azs(region: impl IntoValue<String>) -> Value<Vec<String>> {
        Value::Intrinsic(Intrinsic::GetAZs(region.into_node()))
    }

    /// `Fn::ImportValue`: an output exported by another stack.
    pub fn import_value(export_name: impl IntoValue<String>) -> Value<String> {
        Value::Intrinsic(Intrinsic::ImportValue(export_name.into_node()))
    }

    /// `Fn::Base64`: a string encoded in base64 (user data, typically).
    pub fn base64(text: impl IntoValue<String>) -> Value<String> {
        Value::Intrinsic(Intrinsic::Base64(text.into_node()))
    }

    /// `Fn::Cidr`: `count` CIDR blocks of `cidr_bits` host bits carved out of `ip_block`.
    pub fn cidr(
        ip_block: impl IntoValue<String>,
        count: impl IntoValue<i64>,
        cidr_bits: impl IntoValue<i64>,
    ) -> Value<Vec<String>> {
        Value::Intrinsic(Intrinsic::Cidr(
            ip_block.into_node(),
            count.into_node(),
            cidr_bits.into_node(),
        ))
    }

    /// `Ref` to `AWS::NoValue`: the property is left out where this is chosen by `Fn::If`.
    pub fn no_value<K: StringBacked>() -> Value<K> {
        Value::Intrinsic(super::Pseudo::NoValue.intrinsic())
    }
}

/// A condition expression: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` and `Condition`.
#[derive(Clone, Debug, PartialEq)]
pub struct Cond(pub(crate) Node);

impl Cond {
    /// `Fn::Equals` of two values.
    pub fn equals(a: impl IntoValue<String>, b: impl IntoValue<String>) -> Cond {
        Cond(Intrinsic::Equals(a.into_node(), b.into_node()).into())
    }

    /// `Fn::And` of 2 to 10 conditions.
    pub fn and(conditions: impl IntoIterator<Item = Cond>) -> Cond {
        Cond(Intrinsic::And(conditions.into_iter().map(|c| c.0).collect()).into())
    }

    /// `Fn::Or` of 2 to 10 conditions.
    pub fn or(conditions: impl IntoIterator<Item = Cond>) -> Cond {
        Cond(Intrinsic::Or(conditions.into_iter().map(|c| c.0).collect()).into())
    }

    /// `Fn::Not` of a condition.
    #[allow(
        clippy::should_implement_trait,
        reason = "mirrors the CloudFormation function name"
    )]
    pub fn not(condition: Cond) -> Cond {
        Cond(Intrinsic::Not(condition.0).into())
    }

    /// `Condition`: a named condition used inside another.
    pub fn named(condition: &ConditionName) -> Cond {
        Cond(Intrinsic::Condition(condition.symbol().clone()).into())
    }

    /// The condition as a template node.
    pub fn into_node(self) -> Node {
        self.0
    }
}

impl Symbol {
    /// The name as written in the template.
    pub fn as_str(&self) -> &str {
        &self.name
    }
}
