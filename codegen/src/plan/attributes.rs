//! The attributes of one resource: a typed method per `Fn::GetAtt` attribute, the attribute
//! types this file defines (string attributes and the `Ref` type), and those it imports.

use std::collections::BTreeMap;

use anyhow::{Result, bail};

use super::attr_index::{ref_identifier, shared_attribute};
use super::names::Names;
use super::resource::Planner;
use super::{AttrReturn, AttrType, AttrTypeId, Attribute, Import, Kind, check_unique};
use crate::model::{AttributeSpec, SpecType};
use crate::{docs, fixups, naming};

impl Planner<'_> {
    /// Attribute types, attribute methods and the `Ref` type.
    pub(super) fn attributes(&self, names: &mut Names) -> Result<AttributePlan> {
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
        for parameter in fixups::PARAMETER_TYPES {
            let (type_name, attr) = (parameter.attribute.resource, parameter.attribute.attribute);
            if type_name == self.type_name() {
                let id = self.index.resolve(type_name, attr);
                let Some(t) = id.and_then(|id| types.get_mut(&id.name)) else {
                    bail!(
                        "fix-up PARAMETER_TYPES: `{type_name}` has no string attribute or identifier `{attr}`"
                    );
                };
                t.parameter_type = Some(parameter.parameter_type.to_owned());
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
}

/// The method of an attribute: [`naming::attr_method`], unless a dotted name gives the same
/// method as an undotted one (`CertificateAuthority.Data` beside `CertificateAuthorityData`):
/// then the dotted one gets [`naming::nested_attr_method`], and `sub!` resolves the text to the
/// undotted attribute.
fn attr_method(attributes: &BTreeMap<String, AttributeSpec>, name: &str) -> String {
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
