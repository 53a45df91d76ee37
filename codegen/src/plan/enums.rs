//! The string enums of one resource file: which properties get one, their names and variants.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};

use super::names::Names;
use super::resource::Planner;
use super::{Enum, Variant, check_unique};
use crate::model::{PropertySpec, SpecType};
use crate::{fixups, naming};

/// A string enum before naming: where it is used and its values.
struct EnumCandidate {
    owner: String,
    property: String,
    values: Vec<String>,
    from_lint: bool,
}

/// The enum name of each (owner, property) of a file.
pub(super) type EnumIndex = BTreeMap<(String, String), String>;

impl Planner<'_> {
    /// Every string enum of the file, and the enum of each (owner, property).
    pub(super) fn enums(
        &self,
        nested_ids: &[String],
        names: &mut Names,
    ) -> Result<(Vec<Enum>, EnumIndex)> {
        let mut candidates = self.enum_candidates("", &self.resource.properties);
        for id in nested_ids {
            let def = self.spec.type_def(id)?;
            candidates.extend(self.enum_candidates(&def.name, &def.properties));
        }
        let mut enums: Vec<Enum> = Vec::new();
        let mut index = EnumIndex::new();
        for c in &candidates {
            let name =
                naming::enum_name(self.type_name(), &self.resource.name, &c.owner, &c.property);
            let used_by = self.property_path(&c.owner, &c.property);
            index.insert((c.owner.clone(), c.property.clone()), name.clone());
            if let Some(e) = enums.iter_mut().find(|e| e.name == name) {
                if e.variants.iter().map(|v| &v.value).ne(c.values.iter()) {
                    bail!(
                        "`{used_by}` and `{}` both give the enum name `{name}`, with different values; name one in `naming::ENUM_NAMES`",
                        e.used_by[0]
                    );
                }
                e.used_by.push(used_by);
                continue;
            }
            names
                .claim(&name, "enum", self.type_name())
                .with_context(|| {
                    format!("the enum of `{used_by}`; name it in `naming::ENUM_NAMES`")
                })?;
            let variants = self.variants(c)?;
            enums.push(Enum {
                name,
                used_by: vec![used_by],
                variants,
                from_lint: c.from_lint,
            });
        }
        enums.sort_by(|a, b| a.name.cmp(&b.name));
        Ok((enums, index))
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
}

/// The type inside lists and maps.
fn innermost(ty: &SpecType) -> &SpecType {
    match ty {
        SpecType::Array { element } | SpecType::Map { element } => innermost(element),
        other => other,
    }
}
