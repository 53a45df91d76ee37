//! What programs printed by `ecs-dsl import-template` call besides the typed resource types:
//! values kept as they were in the template ([`Verbatim`]), with the references inside them
//! turned into handles, parameters and conditions of the program.
//!
//! A [`Verbatim`] value is accepted by every typed setter: it is how the importer keeps what
//! the generated types cannot hold yet (nested property types, enums, intrinsics the typed API
//! has no function for), as the note beside it in the printed program says.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use crate::intrinsic::{
    AttrRef, Attribute, Handle, IntoValue, Intrinsic, Minted, Pseudo, RefTarget, Resource,
    StackOutput, StringBacked, Sub, SubPart, TextKind,
};
use crate::template::{ConditionName, MappingName, Node, Parameter, ParameterType, ResourceBody};

/// A template value kept as it was, references included.
#[derive(Clone, Debug, PartialEq)]
pub struct Verbatim(pub Node);

#[diagnostic::do_not_recommend]
impl<K> IntoValue<K> for Verbatim {
    fn into_node(self) -> Node {
        self.0
    }
}

impl Verbatim {
    /// The template node.
    pub fn node(self) -> Node {
        self.0
    }
}

/// A literal JSON value (no intrinsics inside), parsed from its text. Text that is not JSON is
/// kept as a string (the importer only prints text it serialized itself).
pub fn parse(json: &str) -> Verbatim {
    Verbatim(
        serde_json::from_str(json)
            .map(|j| Node::from_json(&j))
            .unwrap_or_else(|_| Node::Str(json.to_owned())),
    )
}

/// A typed value (a `sub!`, a string, a number) as a verbatim one.
pub fn text(v: impl IntoValue<String>) -> Verbatim {
    Verbatim(v.into_node())
}

/// A list.
pub fn list<const N: usize>(items: [Verbatim; N]) -> Verbatim {
    Verbatim(Node::List(items.into_iter().map(Verbatim::node).collect()))
}

/// An object.
pub fn map<const N: usize>(entries: [(&str, Verbatim); N]) -> Verbatim {
    Verbatim(Node::Map(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.0))
            .collect(),
    ))
}

/// An intrinsic function by its CloudFormation name (`Fn::Join`, `Fn::Select`, `Fn::Equals`,
/// an `Fn::Sub` whose placeholders `sub!` cannot resolve, …), with the references inside `args`
/// kept as handles. A function or argument shape ecs-dsl does not model stays the map
/// `{name: args}`.
pub fn call(name: &str, args: Verbatim) -> Verbatim {
    match intrinsic(name, args.0) {
        Ok(f) => Verbatim(f.into()),
        Err(args) => Verbatim(Node::Map(BTreeMap::from([(name.to_owned(), args)]))),
    }
}

/// The modelled intrinsic of `name` with `args`, or the arguments back.
fn intrinsic(name: &str, args: Node) -> Result<Intrinsic, Node> {
    let list = |n: &Node| n.as_list().map(<[Node]>::to_vec);
    Ok(match (name, list(&args).as_deref()) {
        ("Fn::Join", Some([Node::Str(d), items])) => Intrinsic::Join(d.clone(), items.clone()),
        ("Fn::Select", Some([i, items])) => Intrinsic::Select(i.clone(), items.clone()),
        ("Fn::Split", Some([Node::Str(d), s])) => Intrinsic::Split(d.clone(), s.clone()),
        ("Fn::Equals", Some([a, b])) => Intrinsic::Equals(a.clone(), b.clone()),
        ("Fn::And", Some(items)) => Intrinsic::And(items.to_vec()),
        ("Fn::Or", Some(items)) => Intrinsic::Or(items.to_vec()),
        ("Fn::Not", Some([c])) => Intrinsic::Not(c.clone()),
        ("Fn::Cidr", Some([a, b, c])) => Intrinsic::Cidr(a.clone(), b.clone(), c.clone()),
        ("Fn::Sub", Some([Node::Str(text), Node::Map(vars)])) => {
            Intrinsic::Sub(sub_of(text, vars.clone()))
        }
        ("Fn::Sub", None) if matches!(args, Node::Str(_)) => {
            let Node::Str(text) = &args else {
                return Err(args);
            };
            Intrinsic::Sub(sub_of(text, BTreeMap::new()))
        }
        ("Fn::GetAZs", None) => Intrinsic::GetAZs(args),
        ("Fn::ImportValue", None) => Intrinsic::ImportValue(args),
        ("Fn::Base64", None) => Intrinsic::Base64(args),
        ("Fn::Length", _) => Intrinsic::Length(args),
        ("Fn::ToJsonString", _) => Intrinsic::ToJsonString(args),
        ("Fn::GetStackOutput", None) => match stack_output(&args) {
            Some(output) => Intrinsic::GetStackOutput(Box::new(output)),
            None => return Err(args),
        },
        _ => return Err(args),
    })
}

/// The argument of `Fn::GetStackOutput`: `StackName` and `OutputName`, optionally `Region` and
/// `RoleArn`, nothing else.
fn stack_output(args: &Node) -> Option<StackOutput> {
    let m = args.as_map()?;
    let known = ["StackName", "OutputName", "Region", "RoleArn"];
    if m.keys().any(|k| !known.contains(&k.as_str())) {
        return None;
    }
    Some(StackOutput {
        stack_name: m.get("StackName")?.clone(),
        output_name: m.get("OutputName")?.clone(),
        region: m.get("Region").cloned(),
        role_arn: m.get("RoleArn").cloned(),
    })
}

/// An intrinsic function kept exactly as written (`Fn::Transform`, a computed map name, a
/// reference to a resource a transform generates): `json` is its argument. Synth writes it
/// unchanged and checks nothing inside it; the note beside it in the printed program says why.
pub fn as_written(key: &'static str, json: &str) -> Verbatim {
    let argument = serde_json::from_str(json).unwrap_or_else(|_| json.into());
    Verbatim(Intrinsic::as_written(key, &argument).into())
}

/// An `Fn::Sub` of a template string as written: each `${…}` stays a placeholder by name.
fn sub_of(text: &str, variables: BTreeMap<String, Node>) -> Sub {
    let mut sub = Sub {
        parts: Vec::new(),
        variables,
    };
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        sub = sub.text(&rest[..start]);
        let after = &rest[start + 2..];
        match (after.strip_prefix('!'), after.find('}')) {
            (Some(literal), _) => {
                sub = sub.text("${");
                rest = literal;
            }
            (None, Some(end)) => {
                sub.parts.push(SubPart::Var(after[..end].to_owned()));
                rest = &after[end + 1..];
            }
            (None, None) => {
                sub = sub.text(&rest[start..]);
                rest = "";
            }
        }
    }
    sub.text(rest)
}

/// What `Ref` can name: a resource handle or a parameter.
pub trait Referable {
    /// The `Ref` node.
    fn ref_node(&self) -> Node;
}

impl<R: Resource> Referable for Handle<R> {
    fn ref_node(&self) -> Node {
        Intrinsic::Ref(RefTarget::Symbol(self.symbol().clone())).into()
    }
}

impl<T> Referable for Parameter<T> {
    fn ref_node(&self) -> Node {
        self.reference()
    }
}

/// `Ref` of a resource or parameter.
pub fn ref_(target: &impl Referable) -> Verbatim {
    Verbatim(target.ref_node())
}

/// `Ref` of a pseudo parameter (`AWS::Region`); an unknown name is kept as a plain `Ref` map.
pub fn pseudo(name: &str) -> Verbatim {
    match Pseudo::from_name(name) {
        Some(p) => Verbatim(p.intrinsic().into()),
        None => call("Ref", Verbatim(Node::Str(name.to_owned()))),
    }
}

/// `Fn::GetAtt` of any attribute of a resource.
pub fn get_att<R: Resource>(resource: &Handle<R>, attribute: &'static str) -> Verbatim {
    Verbatim(Intrinsic::GetAtt(resource.symbol().clone(), attribute.into()).into())
}

/// `Fn::If`.
pub fn if_(condition: &ConditionName, then: Verbatim, otherwise: Verbatim) -> Verbatim {
    Verbatim(Intrinsic::If(condition.symbol().clone(), then.0, otherwise.0).into())
}

/// `Fn::FindInMap`.
pub fn find_in_map(mapping: &MappingName, top: Verbatim, second: Verbatim) -> Verbatim {
    Verbatim(Intrinsic::FindInMap(mapping.symbol().clone(), top.0, second.0, None).into())
}

/// `Fn::FindInMap` with a `DefaultValue` (`AWS::LanguageExtensions`).
pub fn find_in_map_or(
    mapping: &MappingName,
    top: Verbatim,
    second: Verbatim,
    default: Verbatim,
) -> Verbatim {
    let f = Intrinsic::FindInMap(mapping.symbol().clone(), top.0, second.0, Some(default.0));
    Verbatim(f.into())
}

/// `Condition` inside another condition.
pub fn condition(condition: &ConditionName) -> Verbatim {
    Verbatim(Intrinsic::Condition(condition.symbol().clone()).into())
}

/// A condition body (`Fn::Equals`, `Fn::And`, …) for [`crate::Stack::condition`].
pub fn cond(body: Verbatim) -> crate::intrinsic::Cond {
    crate::intrinsic::Cond(body.0)
}

/// The entries of a mapping, from its JSON text; anything but an object of objects gives an
/// empty mapping (the importer checks the shape before printing).
pub fn mapping(json: &str) -> BTreeMap<String, BTreeMap<String, Node>> {
    let Ok(serde_json::Value::Object(top)) = serde_json::from_str(json) else {
        return BTreeMap::new();
    };
    top.iter()
        .filter_map(|(k, v)| {
            let second = v.as_object()?;
            Some((
                k.clone(),
                second
                    .iter()
                    .map(|(k2, v2)| (k2.clone(), Node::from_json(v2)))
                    .collect(),
            ))
        })
        .collect()
}

/// The parameter type `List<T>` for a `T` that has no typed list (`List<String>`,
/// `List<AWS::EC2::AvailabilityZone::Name>`).
#[derive(Clone, Copy, Debug)]
pub struct ListOf<T>(PhantomData<T>);

impl<T: ParameterType> ParameterType for ListOf<T> {
    fn cfn_type() -> String {
        format!("List<{}>", T::cfn_type())
    }
}

/// Resource attributes and properties the typed API does not set, kept as they were.
pub trait VerbatimOptions: Resource + Sized {
    /// Sets `UpdatePolicy` as written.
    #[must_use]
    fn verbatim_update_policy(mut self, policy: Verbatim) -> Self {
        self.body_mut().attributes.update_policy = Some(policy.0);
        self
    }

    /// Sets `CreationPolicy` as written.
    #[must_use]
    fn verbatim_creation_policy(mut self, policy: Verbatim) -> Self {
        self.body_mut().attributes.creation_policy = Some(policy.0);
        self
    }

    /// Sets a property the resource type does not declare (a custom resource's, or one newer
    /// than the specification).
    #[must_use]
    fn verbatim_property(mut self, name: &'static str, value: Verbatim) -> Self {
        self.body_mut().props.set(name, value.0);
        self
    }

    /// Writes the resource under another type name (`Custom::…`, or a type the specification
    /// does not have).
    #[must_use]
    fn verbatim_type(mut self, type_name: &str) -> Self {
        self.body_mut().type_name = type_name.to_owned().into();
        self
    }
}

impl<R: Resource> VerbatimOptions for R {}

/// A resource the generated types cannot hold: a type the specification does not have
/// (`Custom::…`, modules, third-party types), or a typed resource whose required properties the
/// template leaves out. Its type name and properties are kept as written.
#[derive(Clone, Debug, PartialEq)]
pub struct UntypedResource(ResourceBody);

impl UntypedResource {
    /// A resource of `type_name` with no properties yet (set them with
    /// [`VerbatimOptions::verbatim_property`]).
    pub fn new(type_name: &str) -> Self {
        UntypedResource(ResourceBody::new(type_name.to_owned()))
    }
}

/// What `Ref` returns for an [`UntypedResource`].
#[derive(Debug)]
pub struct UntypedRef(AttrRef);

impl Attribute for UntypedRef {
    fn from_ref(r: AttrRef, _: Minted) -> Self {
        UntypedRef(r)
    }

    fn attr_ref(&self) -> &AttrRef {
        &self.0
    }
}

impl TextKind for UntypedRef {}
impl StringBacked for UntypedRef {}

impl Resource for UntypedResource {
    const TYPE: &'static str = "AWS::CloudFormation::CustomResource";
    type Ref = UntypedRef;

    fn body(&self) -> &ResourceBody {
        &self.0
    }

    fn body_mut(&mut self) -> &mut ResourceBody {
        &mut self.0
    }
}
