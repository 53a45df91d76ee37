//! The resolved plan: every generated item with its Rust name, kind and docs, decided once from
//! the spec, the naming rules and the fix-ups. The emitters only print it; the cross-check test
//! compares it with cfn-lint.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, bail};

use crate::model::{PropertySpec, ResourceSpec, Spec, SpecType};
use crate::{docs, fixups, naming};

/// Everything to generate.
#[derive(Debug)]
pub struct Plan {
    /// One entry per namespace, sorted by module name.
    pub services: Vec<Service>,
}

/// One AWS namespace: a module and a Cargo feature.
#[derive(Debug)]
pub struct Service {
    /// `ECS`.
    pub namespace: String,
    /// `ecs`: module and feature name.
    pub module: String,
    /// Resource types, sorted by module name.
    pub resources: Vec<Resource>,
}

/// One resource type: one file.
#[derive(Debug)]
pub struct Resource {
    /// `AWS::ECS::TaskDefinition`.
    pub type_name: String,
    /// `task_definition`.
    pub module: String,
    /// The resource's own properties; `rust_name` is `CfnTaskDefinition`.
    pub body: Struct,
    /// Nested property types, sorted by Rust name.
    pub nested: Vec<Struct>,
    /// String enums, sorted by name.
    pub enums: Vec<Enum>,
    /// Attribute types defined in this file (string attributes and the `Ref` type), sorted.
    pub attr_types: Vec<AttrType>,
    /// `Fn::GetAtt` attributes, sorted by name.
    pub attributes: Vec<Attribute>,
    /// The attribute type `Ref` returns.
    pub ref_type: String,
    /// Marker kinds of properties that accept several resource types, sorted by name.
    pub slots: Vec<Slot>,
    /// Attribute types of other files used as kinds, sorted by alias.
    pub imports: Vec<Import>,
}

/// A resource body or a nested property type: a struct over `Props`.
#[derive(Debug)]
pub struct Struct {
    /// The spec name of a nested type (`PortMapping`), or `""` for the resource itself.
    pub owner: String,
    /// `PortMapping`, or `CfnTaskDefinition` for the resource.
    pub rust_name: String,
    /// Summary of the spec documentation.
    pub doc: String,
    /// CloudFormation reference page.
    pub url: String,
    /// Properties, sorted by CloudFormation name.
    pub props: Vec<Prop>,
}

impl Struct {
    /// The required properties, in order.
    pub fn required(&self) -> impl Iterator<Item = &Prop> {
        self.props.iter().filter(|p| p.required)
    }
}

/// One property.
#[derive(Debug)]
pub struct Prop {
    /// `ContainerPort`.
    pub cfn_name: String,
    /// `container_port` (the setter; `_property` suffix on resource-method clashes).
    pub setter: String,
    /// `container_port` (field of the `…Required` struct).
    pub field: String,
    /// `ContainerPort` (generic parameter of the `…Required` struct).
    pub param: String,
    /// Summary of the spec documentation.
    pub doc: String,
    /// Anchor on the reference page.
    pub url: String,
    /// What the setter takes.
    pub kind: Kind,
    /// Whether `new` takes it.
    pub required: bool,
    /// `#[deprecated]` note.
    pub deprecated: Option<String>,
    /// What an update of this property does to the resource.
    pub replacement: Replacement,
}

/// Whether updating a property replaces the resource (`causesReplacement`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replacement {
    /// `yes`.
    Always,
    /// `maybe`.
    Conditional,
    /// absent.
    Never,
}

/// The kind `K` of `impl IntoValue<K>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `String`, `i64`, `f64`, `bool` or `Json`.
    Scalar(&'static str),
    /// `crate::cfn::Tag`.
    Tag,
    /// `Vec<K>`.
    List(Box<Kind>),
    /// `BTreeMap<String, K>`.
    Map(Box<Kind>),
    /// A type named in the file: nested struct, enum, attribute type or import alias.
    Named(String),
    /// `AnyOf<M>`: the attributes of several resource types, `M` being the property's marker.
    AnyOf(String),
}

impl Kind {
    /// The Rust type.
    pub fn rust(&self) -> String {
        match self {
            Kind::Scalar(s) => (*s).to_owned(),
            Kind::Tag => "crate::cfn::Tag".into(),
            Kind::List(k) => format!("Vec<{}>", k.rust()),
            Kind::Map(k) => format!("BTreeMap<String, {}>", k.rust()),
            Kind::Named(n) => n.clone(),
            Kind::AnyOf(m) => format!("AnyOf<{m}>"),
        }
    }

    /// The named type inside lists and maps, if any.
    pub fn innermost_name(&self) -> Option<&str> {
        match self {
            Kind::List(k) | Kind::Map(k) => k.innermost_name(),
            Kind::Named(n) => Some(n),
            _ => None,
        }
    }
}

/// A string enum.
#[derive(Debug)]
pub struct Enum {
    /// `NetworkMode`.
    pub name: String,
    /// Where it is used, for the doc: `AWS::ECS::TaskDefinition.NetworkMode`.
    pub used_by: Vec<String>,
    /// The values, in spec order.
    pub variants: Vec<Variant>,
    /// Where the values come from: the CDK spec or cfn-lint.
    pub from_lint: bool,
}

/// One enum value.
#[derive(Debug)]
pub struct Variant {
    /// `Awsvpc`.
    pub name: String,
    /// `awsvpc`.
    pub value: String,
    /// `#[deprecated]` note.
    pub deprecated: Option<String>,
}

/// A typed string attribute (or `Ref` identifier): `pub struct ClusterArn(AttrRef);`.
#[derive(Debug)]
pub struct AttrType {
    /// `ClusterArn`.
    pub name: String,
    /// What it is, for the doc.
    pub doc: String,
    /// `AWS::EC2::VPC::Id` when it doubles as an AWS-specific parameter type.
    pub parameter_type: Option<String>,
}

/// A `Fn::GetAtt` attribute: a method on `Handle<CfnX>`.
#[derive(Debug)]
pub struct Attribute {
    /// `Endpoint.Address`.
    pub cfn_name: String,
    /// `attr_endpoint_address`.
    pub method: String,
    /// Summary of the spec documentation.
    pub doc: String,
    /// What the method returns.
    pub returns: AttrReturn,
}

/// The return type of an attribute method.
#[derive(Debug)]
pub enum AttrReturn {
    /// A string attribute type of this file.
    Typed(String),
    /// `Value<K>` for a non-string attribute.
    Value(Kind),
}

/// The marker `M` of a property of kind `AnyOf<M>`, which accepts several resources' attributes.
#[derive(Debug)]
pub struct Slot {
    /// `TargetArnRef`.
    pub name: String,
    /// `AWS::Events::Rule.Target.Arn`.
    pub used_by: String,
    /// The attribute types accepted.
    pub targets: Vec<AttrTypeId>,
}

/// An attribute type of another file, imported under `alias`.
#[derive(Debug)]
pub struct Import {
    /// The type.
    pub target: AttrTypeId,
    /// The name used in this file.
    pub alias: String,
}

/// Where an attribute type is defined.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct AttrTypeId {
    /// `iam`.
    pub service: String,
    /// `role`.
    pub module: String,
    /// `RoleArn`.
    pub name: String,
}

impl AttrTypeId {
    /// The path of the type as seen from a file of `from_service`.
    pub fn path(&self, from_service: &str) -> String {
        if self.service == from_service {
            format!("super::{}::{}", self.module, self.name)
        } else {
            format!(
                "crate::cfn::{}::{}::{}",
                self.service, self.module, self.name
            )
        }
    }
}

/// Builds the plan from the vendored spec.
pub fn build(spec: &Spec) -> Result<Plan> {
    fixups::check(spec)?;
    let index = AttrIndex::build(spec)?;
    let mut services: BTreeMap<String, Service> = BTreeMap::new();
    for resource in &spec.resources {
        let planned = Planner {
            spec,
            index: &index,
            resource,
        }
        .plan()?;
        let module = naming::service_module(resource.namespace());
        services
            .entry(module.clone())
            .or_insert_with(|| Service {
                namespace: resource.namespace().to_owned(),
                module,
                resources: vec![],
            })
            .resources
            .push(planned);
    }
    let mut services: Vec<Service> = services.into_values().collect();
    for s in &mut services {
        s.resources.sort_by(|a, b| a.module.cmp(&b.module));
        check_unique(
            s.resources.iter().map(|r| r.module.as_str()),
            &format!("module names in `{}`", s.module),
        )?;
    }
    Ok(Plan { services })
}

/// Fails when a name repeats.
fn check_unique<'a>(names: impl Iterator<Item = &'a str>, what: &str) -> Result<()> {
    let mut seen = BTreeSet::new();
    for n in names {
        if !seen.insert(n) {
            bail!("duplicate {what}: `{n}`; add a naming rule or fix-up");
        }
    }
    Ok(())
}

/// The attribute types of every resource, by (resource type, attribute or `Ref` identifier),
/// decided before any file so that references across files agree.
struct AttrIndex {
    by_name: BTreeMap<(String, String), AttrTypeId>,
    ref_type: BTreeMap<String, AttrTypeId>,
}

impl AttrIndex {
    fn build(spec: &Spec) -> Result<AttrIndex> {
        let mut index = AttrIndex {
            by_name: BTreeMap::new(),
            ref_type: BTreeMap::new(),
        };
        for r in &spec.resources {
            let service = naming::service_module(r.namespace());
            let module = naming::resource_module(&r.name);
            let id = |name: String| AttrTypeId {
                service: service.clone(),
                module: module.clone(),
                name,
            };
            for (attr, a) in &r.attributes {
                if matches!(a.ty, SpecType::String { .. }) {
                    let name = shared_attribute(&r.cloud_formation_type, attr).unwrap_or(attr);
                    let ty = id(naming::attr_type(&r.name, name));
                    index
                        .by_name
                        .insert((r.cloud_formation_type.clone(), attr.clone()), ty);
                }
            }
            let ref_ty = match ref_identifier(r) {
                Some(ident) => index
                    .by_name
                    .get(&(r.cloud_formation_type.clone(), ident.to_owned()))
                    .cloned()
                    .unwrap_or_else(|| id(naming::attr_type(&r.name, ident))),
                None => id(naming::compound_ref_type(&r.name)),
            };
            if let Some(ident) = ref_identifier(r) {
                index.by_name.insert(
                    (r.cloud_formation_type.clone(), ident.to_owned()),
                    ref_ty.clone(),
                );
            }
            index
                .ref_type
                .insert(r.cloud_formation_type.clone(), ref_ty);
        }
        for (t, attr, target, target_attr, _) in fixups::FOREIGN_ATTRIBUTES {
            if let Some(ty) = index.resolve(target, target_attr) {
                index
                    .by_name
                    .insert(((*t).to_owned(), (*attr).to_owned()), ty);
            }
        }
        Ok(index)
    }

    /// The attribute type a relationship names, per the fix-ups on relationships.
    fn resolve(&self, target_type: &str, property: &str) -> Option<AttrTypeId> {
        let attribute = self
            .by_name
            .get(&(target_type.to_owned(), property.to_owned()))
            .cloned();
        fixups::resolve_relationship(property, attribute, || {
            self.ref_type.get(target_type).cloned()
        })
    }
}

/// The attribute whose type `attr` reuses ([`fixups::SAME_ATTRIBUTE`]).
fn shared_attribute(type_name: &str, attr: &str) -> Option<&'static str> {
    fixups::SAME_ATTRIBUTE
        .iter()
        .find(|(t, _, a)| *t == type_name && *a == attr)
        .map(|(_, base, _)| *base)
}

/// The single identifier `Ref` returns: `cfnRefIdentifier`, else the primary identifier;
/// `None` when it is compound or absent.
pub fn ref_identifier(r: &ResourceSpec) -> Option<&str> {
    let ids = r
        .cfn_ref_identifier
        .as_ref()
        .or(r.primary_identifier.as_ref())?;
    match ids.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// Plans one resource file.
struct Planner<'a> {
    spec: &'a Spec,
    index: &'a AttrIndex,
    resource: &'a ResourceSpec,
}

/// A string enum before naming: where it is used and its values.
struct EnumCandidate {
    owner: String,
    property: String,
    values: Vec<String>,
    from_lint: bool,
}

/// The enum name of each (owner, property) of a file.
type EnumIndex = BTreeMap<(String, String), String>;

/// Names decided so far in one file, to keep every type name unique.
#[derive(Default)]
struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    fn claim(&mut self, name: &str, what: &str, type_name: &str) -> Result<()> {
        if naming::RESERVED_TYPE_NAMES.contains(&name) || !self.taken.insert(name.to_owned()) {
            bail!(
                "{type_name}: the {what} name `{name}` is already taken in its file; add a naming rule"
            );
        }
        Ok(())
    }
}

impl Planner<'_> {
    fn type_name(&self) -> &str {
        &self.resource.cloud_formation_type
    }

    fn service(&self) -> String {
        naming::service_module(self.resource.namespace())
    }

    fn plan(&self) -> Result<Resource> {
        let r = self.resource;
        let mut names = Names::default();
        let struct_name = naming::resource_struct(&r.name);
        names.claim(&struct_name, "resource struct", self.type_name())?;
        names.claim(
            &naming::required_struct(&struct_name),
            "required struct",
            self.type_name(),
        )?;
        let nested_ids = self.nested_type_ids()?;
        let mut nested_names = BTreeMap::new();
        for id in &nested_ids {
            let def = self.spec.type_def(id)?;
            let name = naming::property_type(&def.name);
            names.claim(&name, "property type", self.type_name())?;
            names.claim(
                &naming::required_struct(&name),
                "required struct",
                self.type_name(),
            )?;
            nested_names.insert(id.clone(), name);
        }
        let (attr_types, attributes, ref_type, imports) = self.attributes(&mut names)?;
        let (enums, enum_index) = self.enums(&nested_ids, &mut names)?;
        let mut ctx = KindCtx {
            nested_names,
            enums: enum_index,
            names,
            slots: vec![],
            imports,
        };
        let body = self.structure(
            "",
            &struct_name,
            &r.documentation,
            &docs::resource_url(self.type_name()),
            &r.properties,
            &mut ctx,
        )?;
        let mut nested = Vec::new();
        for id in &nested_ids {
            let def = self.spec.type_def(id)?;
            let url = docs::property_type_url(self.type_name(), &def.name);
            let name = ctx.nested_names[id].clone();
            nested.push(self.structure(
                &def.name,
                &name,
                &def.documentation,
                &url,
                &def.properties,
                &mut ctx,
            )?);
        }
        nested.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
        let KindCtx {
            mut slots,
            mut imports,
            ..
        } = ctx;
        slots.sort_by(|a, b| a.name.cmp(&b.name));
        imports.sort_by(|a, b| a.alias.cmp(&b.alias));
        Ok(Resource {
            type_name: self.type_name().to_owned(),
            module: naming::resource_module(&r.name),
            body,
            nested,
            enums,
            attr_types,
            attributes,
            ref_type,
            slots,
            imports,
        })
    }

    /// The `$id`s of every type definition reachable from the resource, sorted.
    fn nested_type_ids(&self) -> Result<Vec<String>> {
        let mut seen = BTreeSet::new();
        let mut queue: Vec<String> = self
            .resource
            .properties
            .values()
            .flat_map(|p| crate::vendor::refs(&p.ty))
            .collect();
        while let Some(id) = queue.pop() {
            if seen.insert(id.clone()) {
                queue.extend(
                    self.spec
                        .type_def(&id)?
                        .properties
                        .values()
                        .flat_map(|p| crate::vendor::refs(&p.ty)),
                );
            }
        }
        Ok(seen.into_iter().collect())
    }

    /// Attribute types, attribute methods and the `Ref` type.
    fn attributes(&self, names: &mut Names) -> Result<AttributePlan> {
        let r = self.resource;
        let mut types: BTreeMap<String, AttrType> = BTreeMap::new();
        let mut attributes = Vec::new();
        let mut foreign: Vec<AttrTypeId> = Vec::new();
        let module = naming::resource_module(&r.name);
        for (name, a) in &r.attributes {
            let returns = match &a.ty {
                SpecType::String { .. } => {
                    let id = &self.index.by_name[&(self.type_name().to_owned(), name.clone())];
                    if id.module != module {
                        // Another resource's identifier (fix-up FOREIGN_ATTRIBUTES).
                        foreign.push(id.clone());
                        let doc = docs::summary(&a.documentation);
                        let returns = AttrReturn::Typed(id.name.clone());
                        attributes.push(Attribute {
                            cfn_name: name.clone(),
                            method: attr_method(&r.attributes, name),
                            doc,
                            returns,
                        });
                        continue;
                    }
                    let base = shared_attribute(self.type_name(), name).unwrap_or(name);
                    let doc = format!("The `{base}` of an `{}` (`Fn::GetAtt`).", self.type_name());
                    types.entry(id.name.clone()).or_insert(AttrType {
                        name: id.name.clone(),
                        doc,
                        parameter_type: None,
                    });
                    AttrReturn::Typed(id.name.clone())
                }
                other => AttrReturn::Value(attribute_value_kind(other)),
            };
            let doc = docs::summary(&a.documentation);
            attributes.push(Attribute {
                cfn_name: name.clone(),
                method: attr_method(&r.attributes, name),
                doc,
                returns,
            });
        }
        let ref_id = &self.index.ref_type[self.type_name()];
        let ref_doc = match ref_identifier(r) {
            Some(ident) => format!(
                "The `{ident}` of an `{}` (what `Ref` returns).",
                self.type_name()
            ),
            None => format!(
                "What `Ref` returns for an `{}` (a compound identifier).",
                self.type_name()
            ),
        };
        match types.get_mut(&ref_id.name) {
            Some(t) => t.doc = format!("{} Also what `Ref` returns.", t.doc),
            None => {
                types.insert(
                    ref_id.name.clone(),
                    AttrType {
                        name: ref_id.name.clone(),
                        doc: ref_doc,
                        parameter_type: None,
                    },
                );
            }
        }
        for (type_name, attr, cfn) in fixups::PARAMETER_TYPES {
            if *type_name == self.type_name() {
                let id = self.index.resolve(type_name, attr);
                let Some(t) = id.and_then(|id| types.get_mut(&id.name)) else {
                    bail!(
                        "fix-up PARAMETER_TYPES: `{type_name}` has no string attribute or identifier `{attr}`"
                    );
                };
                t.parameter_type = Some((*cfn).to_owned());
            }
        }
        for t in types.keys() {
            names.claim(t, "attribute type", self.type_name())?;
        }
        let mut imports = Vec::new();
        for target in foreign {
            if !imports.iter().any(|i: &Import| i.target == target) {
                names.claim(&target.name, "imported attribute type", self.type_name())?;
                imports.push(Import {
                    alias: target.name.clone(),
                    target,
                });
            }
        }
        check_unique(
            attributes.iter().map(|a| a.method.as_str()),
            &format!("attribute methods of `{}`", self.type_name()),
        )?;
        Ok((
            types.into_values().collect(),
            attributes,
            ref_id.name.clone(),
            imports,
        ))
    }

    /// Every string enum of the file, and the enum of each (owner, property).
    fn enums(&self, nested_ids: &[String], names: &mut Names) -> Result<(Vec<Enum>, EnumIndex)> {
        let mut candidates = self.enum_candidates("", &self.resource.properties);
        for id in nested_ids {
            let def = self.spec.type_def(id)?;
            candidates.extend(self.enum_candidates(&def.name, &def.properties));
        }
        let mut by_short: BTreeMap<String, Vec<&EnumCandidate>> = BTreeMap::new();
        for c in &candidates {
            by_short
                .entry(naming::enum_type(&c.property))
                .or_default()
                .push(c);
        }
        let mut enums: Vec<Enum> = Vec::new();
        let mut index = EnumIndex::new();
        for (short, group) in &by_short {
            let distinct: BTreeSet<&Vec<String>> = group.iter().map(|c| &c.values).collect();
            let shared = distinct.len() == 1
                && !names.taken.contains(short)
                && !naming::RESERVED_TYPE_NAMES.contains(&short.as_str());
            for c in group {
                let owner = if c.owner.is_empty() {
                    &self.resource.name
                } else {
                    &c.owner
                };
                let name = if shared {
                    short.clone()
                } else {
                    let qualified = naming::qualified_enum_type(owner, &c.property);
                    // Taken by an attribute or property type of the same words
                    // (`Workgroup.Status` beside the attribute type `WorkgroupStatus`).
                    if names.taken.contains(&qualified)
                        && !enums.iter().any(|e| e.name == qualified)
                    {
                        qualified + "Enum"
                    } else {
                        qualified
                    }
                };
                let used_by = self.property_path(&c.owner, &c.property);
                index.insert((c.owner.clone(), c.property.clone()), name.clone());
                if let Some(e) = enums.iter_mut().find(|e| e.name == name) {
                    if e.variants.iter().map(|v| &v.value).ne(c.values.iter()) {
                        bail!(
                            "{}: enums `{name}` differ in their values; add a naming rule",
                            self.type_name()
                        );
                    }
                    e.used_by.push(used_by);
                    continue;
                }
                names.claim(&name, "enum", self.type_name())?;
                let variants = self.variants(c)?;
                enums.push(Enum {
                    name,
                    used_by: vec![used_by],
                    variants,
                    from_lint: c.from_lint,
                });
            }
        }
        enums.sort_by(|a, b| a.name.cmp(&b.name));
        Ok((enums, index))
    }

    /// `AWS::ECS::TaskDefinition.PortMapping.Protocol` (`owner` is `""` for the resource).
    fn property_path(&self, owner: &str, prop: &str) -> String {
        if owner.is_empty() {
            format!("{}.{prop}", self.type_name())
        } else {
            format!("{}.{owner}.{prop}", self.type_name())
        }
    }

    /// String enums of one owner's properties: the spec's `allowedValues`, else cfn-lint's enum.
    fn enum_candidates(
        &self,
        owner: &str,
        props: &BTreeMap<String, PropertySpec>,
    ) -> Vec<EnumCandidate> {
        let lint = self
            .spec
            .supplement
            .enums
            .get(self.type_name())
            .and_then(|o| o.get(owner));
        let mut out = Vec::new();
        for (name, p) in props {
            let SpecType::String { allowed_values } = innermost(&p.ty) else {
                continue;
            };
            let spec_values: Option<Vec<String>> = allowed_values.as_ref().map(|vs| {
                vs.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            });
            let (values, from_lint) = match spec_values {
                Some(vs) if !vs.is_empty() => (vs, false),
                _ => match lint.and_then(|l| l.get(name)) {
                    Some(vs) if fixups::adopt_lint_enum(vs) => (vs.clone(), true),
                    _ => continue,
                },
            };
            let mut unique = Vec::new();
            for v in values {
                if !unique.contains(&v) {
                    unique.push(v);
                }
            }
            out.push(EnumCandidate {
                owner: owner.to_owned(),
                property: name.clone(),
                values: unique,
                from_lint,
            });
        }
        out
    }

    fn variants(&self, c: &EnumCandidate) -> Result<Vec<Variant>> {
        let mut variants: Vec<Variant> = Vec::new();
        for value in &c.values {
            let mut name = naming::enum_variant(value);
            if variants.iter().any(|v| v.name == name) {
                name = naming::enum_variant_alternative(&name, |c| {
                    variants.iter().any(|v| v.name == c)
                });
            }
            let deprecated =
                fixups::deprecated_value(self.spec, self.type_name(), &c.owner, &c.property, value);
            variants.push(Variant {
                name,
                value: value.clone(),
                deprecated,
            });
        }
        check_unique(
            variants.iter().map(|v| v.name.as_str()),
            &format!("variants of `{}.{}`", self.type_name(), c.property),
        )?;
        Ok(variants)
    }

    /// One struct (the resource body or a nested type) with its properties.
    fn structure(
        &self,
        owner: &str,
        rust_name: &str,
        documentation: &str,
        url: &str,
        props: &BTreeMap<String, PropertySpec>,
        ctx: &mut KindCtx,
    ) -> Result<Struct> {
        let mut out = Vec::new();
        for (name, p) in props {
            let kind = self.kind(owner, name, p, &p.ty, ctx)?;
            out.push(Prop {
                cfn_name: name.clone(),
                setter: naming::setter(name, owner.is_empty()),
                field: naming::required_field(name),
                param: naming::required_param(name),
                doc: docs::summary(&p.documentation),
                url: docs::property_url(self.type_name(), owner, name),
                kind,
                required: p.required,
                deprecated: p
                    .deprecated
                    .as_ref()
                    .map(|_| fixups::deprecation_note(self.type_name(), owner, name)),
                replacement: match p.causes_replacement.as_deref() {
                    Some("yes") => Replacement::Always,
                    Some("maybe") => Replacement::Conditional,
                    _ => Replacement::Never,
                },
            });
        }
        let what = format!("setters of `{}`", rust_name);
        check_unique(out.iter().map(|p| p.setter.as_str()), &what)?;
        Ok(Struct {
            owner: owner.to_owned(),
            rust_name: rust_name.to_owned(),
            doc: docs::summary(documentation),
            url: url.to_owned(),
            props: out,
        })
    }

    /// The kind of a property (or of a list/map element of it).
    fn kind(
        &self,
        owner: &str,
        prop: &str,
        p: &PropertySpec,
        ty: &SpecType,
        ctx: &mut KindCtx,
    ) -> Result<Kind> {
        Ok(match ty {
            SpecType::String { .. } => {
                if let Some(e) = ctx.enum_for(owner, prop) {
                    Kind::Named(e)
                } else {
                    self.reference_kind(owner, prop, p, ctx)?
                }
            }
            SpecType::DateTime => Kind::Scalar("String"),
            SpecType::Integer { .. } => Kind::Scalar("i64"),
            SpecType::Number => Kind::Scalar("f64"),
            SpecType::Boolean => Kind::Scalar("bool"),
            SpecType::Json => Kind::Scalar("Json"),
            SpecType::Tag => Kind::Tag,
            SpecType::Array { element } => {
                Kind::List(Box::new(self.kind(owner, prop, p, element, ctx)?))
            }
            SpecType::Map { element } => {
                Kind::Map(Box::new(self.kind(owner, prop, p, element, ctx)?))
            }
            SpecType::Ref { reference } => Kind::Named(ctx.nested_names[&reference.id].clone()),
            SpecType::Union { types } => match fixups::union_kind(types) {
                Some(resolved) => self.kind(owner, prop, p, &resolved, ctx)?,
                None => bail!(
                    "{}: property `{prop}` has a union type no rule covers; extend `fixups::union_kind`",
                    self.type_name()
                ),
            },
        })
    }

    /// `String`, one resource's attribute type, or a slot for several.
    fn reference_kind(
        &self,
        owner: &str,
        prop: &str,
        p: &PropertySpec,
        ctx: &mut KindCtx,
    ) -> Result<Kind> {
        let mut targets: Vec<AttrTypeId> = Vec::new();
        for (target_type, target_prop) in
            fixups::relationships(self.type_name(), owner, prop, &p.relationship_refs)
        {
            if self.spec.resource(&target_type).is_none() {
                continue;
            }
            if let Some(t) = self.index.resolve(&target_type, &target_prop)
                && !targets.contains(&t)
            {
                targets.push(t);
            }
        }
        targets.sort();
        let service = self.service();
        let module = naming::resource_module(&self.resource.name);
        match targets.as_slice() {
            [] => Ok(Kind::Scalar("String")),
            [one] if one.service == service && one.module == module => {
                Ok(Kind::Named(one.name.clone()))
            }
            [one] => Ok(Kind::Named(ctx.import(one, self.type_name())?)),
            _ => {
                let owner_name = if owner.is_empty() {
                    &self.resource.name
                } else {
                    owner
                };
                let name = naming::slot_type(owner_name, prop);
                let used_by = self.property_path(owner, prop);
                if let Some(existing) = ctx.slots.iter().find(|s| s.name == name) {
                    if existing.targets != targets {
                        bail!(
                            "{}: slot `{name}` is used with different targets; add a naming rule",
                            self.type_name()
                        );
                    }
                } else {
                    ctx.names.claim(&name, "slot", self.type_name())?;
                    ctx.slots.push(Slot {
                        name: name.clone(),
                        used_by,
                        targets,
                    });
                }
                Ok(Kind::AnyOf(name))
            }
        }
    }
}

/// The state of one file while kinds are decided.
struct KindCtx {
    nested_names: BTreeMap<String, String>,
    enums: EnumIndex,
    names: Names,
    slots: Vec<Slot>,
    imports: Vec<Import>,
}

impl KindCtx {
    fn enum_for(&self, owner: &str, prop: &str) -> Option<String> {
        self.enums
            .get(&(owner.to_owned(), prop.to_owned()))
            .cloned()
    }

    /// The name under which an attribute type of another file is used here.
    fn import(&mut self, target: &AttrTypeId, type_name: &str) -> Result<String> {
        if let Some(i) = self.imports.iter().find(|i| &i.target == target) {
            return Ok(i.alias.clone());
        }
        let alias = if self.names.taken.contains(&target.name)
            || naming::RESERVED_TYPE_NAMES.contains(&target.name.as_str())
        {
            naming::import_alias(&target.service, &target.name)
        } else {
            target.name.clone()
        };
        self.names
            .claim(&alias, "imported attribute type", type_name)?;
        self.imports.push(Import {
            target: target.clone(),
            alias: alias.clone(),
        });
        Ok(alias)
    }
}

/// The type inside lists and maps.
fn innermost(ty: &SpecType) -> &SpecType {
    match ty {
        SpecType::Array { element } | SpecType::Map { element } => innermost(element),
        other => other,
    }
}

/// The method of an attribute: [`naming::attr_method`], unless a dotted name gives the same
/// method as an undotted one (`CertificateAuthority.Data` beside `CertificateAuthorityData`):
/// then the dotted one gets [`naming::nested_attr_method`], and `sub!` resolves the text to the
/// undotted attribute.
fn attr_method(attributes: &BTreeMap<String, crate::model::AttributeSpec>, name: &str) -> String {
    let method = naming::attr_method(name);
    let clashes = name.contains('.')
        && attributes
            .keys()
            .any(|other| !other.contains('.') && naming::attr_method(other) == method);
    if clashes {
        naming::nested_attr_method(name)
    } else {
        method
    }
}

/// The `Value<K>` of a non-string attribute.
fn attribute_value_kind(ty: &SpecType) -> Kind {
    match ty {
        SpecType::Integer { .. } => Kind::Scalar("i64"),
        SpecType::Number => Kind::Scalar("f64"),
        SpecType::Boolean => Kind::Scalar("bool"),
        SpecType::String { .. } | SpecType::DateTime => Kind::Scalar("String"),
        SpecType::Array { element } if matches!(**element, SpecType::String { .. }) => {
            Kind::List(Box::new(Kind::Scalar("String")))
        }
        _ => Kind::Scalar("Json"),
    }
}

/// What `Planner::attributes` plans for one resource: the attribute types, the
/// attribute methods, the `Ref` type's name and the imports they need.
type AttributePlan = (Vec<AttrType>, Vec<Attribute>, String, Vec<Import>);
