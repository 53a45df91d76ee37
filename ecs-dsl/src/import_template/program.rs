//! Prints the Rust program of one template: parameters, mappings, conditions, resources on the
//! generated types (in dependency order, references as handles), outputs.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value as Json};

use super::catalog::{Property, ResourceType, catalog};
use super::names::Variables;
use super::notes::{self, Code, Note};

/// The program and what it needs.
#[derive(Debug)]
pub struct Imported {
    /// The Rust source: `pub fn stack() -> Stack` and a `main`.
    pub program: String,
    /// The Cargo features of `ecs-dsl` the program needs (one per service it uses).
    pub features: BTreeSet<String>,
    /// What was kept verbatim, also written as comments in the program.
    pub notes: Vec<Note>,
}

const SECTIONS: &[&str] = &[
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Parameters",
    "Mappings",
    "Conditions",
    "Transform",
    "Resources",
    "Outputs",
];

const PARAMETERS: &str = "Parameters";
const MAPPINGS: &str = "Mappings";
const CONDITIONS: &str = "Conditions";
const RESOURCES: &str = "Resources";
const OUTPUTS: &str = "Outputs";

/// The functions `rt::call` turns into modelled intrinsics (with the right arguments), and the
/// ones the importer resolves itself; any other `Fn::` name is one ecs-dsl does not model.
const MODELLED_FUNCTIONS: &[&str] = &[
    "Ref",
    "Condition",
    "Fn::GetAtt",
    "Fn::If",
    "Fn::FindInMap",
    "Fn::Sub",
    "Fn::Join",
    "Fn::Select",
    "Fn::Split",
    "Fn::Equals",
    "Fn::And",
    "Fn::Or",
    "Fn::Not",
    "Fn::Cidr",
    "Fn::GetAZs",
    "Fn::ImportValue",
    "Fn::Base64",
    "Fn::Length",
    "Fn::ToJsonString",
    "Fn::GetStackOutput",
];

/// The transform that generates resources the template refers to without declaring them.
const SERVERLESS: &str = "AWS::Serverless-2016-10-31";

/// The program of `template`, or the errors that stop it.
pub fn import(template: &Json) -> Result<Imported, Vec<Note>> {
    let Some(top) = template.as_object() else {
        return Err(vec![note(
            notes::NOT_A_TEMPLATE,
            "",
            "the file is not an object",
        )]);
    };
    let Some(resources) = top.get(RESOURCES).and_then(Json::as_object) else {
        return Err(vec![note(notes::NOT_A_TEMPLATE, "", "no Resources object")]);
    };
    let mut w = Writer::default();
    let section = |name: &str| top.get(name).and_then(Json::as_object);
    for name in [PARAMETERS, MAPPINGS, CONDITIONS, RESOURCES, OUTPUTS] {
        for key in section(name).into_iter().flat_map(Map::keys) {
            if key.starts_with("Fn::ForEach") {
                w.error(notes::FOR_EACH, &format!("{name}.{key}"), "");
            }
        }
    }
    for (kind, entries) in [
        (PARAMETERS, section(PARAMETERS)),
        (MAPPINGS, section(MAPPINGS)),
        (CONDITIONS, section(CONDITIONS)),
        (RESOURCES, Some(resources)),
    ] {
        for name in entries.into_iter().flat_map(Map::keys) {
            w.vars.declare(kind, name);
        }
    }
    for (name, r) in resources {
        let ty = r.get("Type").and_then(Json::as_str).unwrap_or_default();
        w.resource_types.insert(name.clone(), ty.to_owned());
    }
    w.serverless = match top.get("Transform") {
        Some(Json::String(t)) => t == SERVERLESS,
        Some(Json::Array(items)) => items.iter().any(|t| t == SERVERLESS),
        _ => false,
    };
    w.template_level(top);
    for (name, p) in section(PARAMETERS).into_iter().flatten() {
        w.parameter(name, p);
    }
    for (name, m) in section(MAPPINGS).into_iter().flatten() {
        w.mapping(name, m);
    }
    let conditions = section(CONDITIONS).cloned().unwrap_or_default();
    for name in w.order(&conditions, CONDITIONS) {
        w.condition(&name, &conditions[&name]);
    }
    for name in w.order(resources, RESOURCES) {
        w.resource(&name, &resources[&name]);
    }
    for (name, o) in section(OUTPUTS).into_iter().flatten() {
        w.output(name, o);
    }
    for (key, v) in top {
        if !SECTIONS.contains(&key.as_str()) {
            w.verbatim_section(key, v);
        }
    }
    if !w.errors.is_empty() {
        return Err(w.errors);
    }
    Ok(w.finish())
}

fn note(code: Code, place: &str, detail: &str) -> Note {
    Note {
        code,
        place: place.to_owned(),
        detail: detail.to_owned(),
    }
}

/// A Rust string literal.
fn lit(s: &str) -> String {
    format!("{s:?}")
}

#[derive(Default)]
struct Writer {
    vars: Variables,
    resource_types: BTreeMap<String, String>,
    parameter_types: BTreeMap<String, String>,
    features: BTreeSet<String>,
    notes: Vec<Note>,
    errors: Vec<Note>,
    body: String,
    /// Notes raised since the last statement, printed above the next one.
    pending: Vec<Note>,
    /// Whether the template declares SAM's transform, whose generated resources it may name.
    serverless: bool,
}

impl Writer {
    fn error(&mut self, code: Code, place: &str, detail: &str) {
        self.errors.push(note(code, place, detail));
    }

    fn note(&mut self, code: Code, place: &str, detail: &str) {
        self.pending.push(note(code, place, detail));
    }

    /// One statement, with the notes raised while building it as comments above.
    fn statement(&mut self, text: &str) {
        for n in std::mem::take(&mut self.pending) {
            self.body.push_str(&format!(
                "    // {}: {}{}\n",
                n.code.code,
                n.code.title,
                if n.detail.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", n.detail)
                }
            ));
            self.notes.push(n);
        }
        self.body.push_str("    ");
        self.body.push_str(text);
        self.body.push('\n');
    }

    fn finish(self) -> Imported {
        let mut program = String::from(
            "//! A stack imported by `ecs-dsl import-template` from a CloudFormation template.\n",
        );
        if self.features.is_empty() {
            program.push_str("//! It uses no generated resource type.\n");
        } else {
            let list: Vec<String> = self.features.iter().map(|f| format!("`{f}`")).collect();
            program.push_str(&format!(
                "//! It needs these features of `ecs-dsl`: {}.\n",
                list.join(", ")
            ));
        }
        program.push_str(
            "\n#[allow(unused_imports)]\nuse ecs_dsl::import_template::rt::{self, VerbatimOptions};\n\
             #[allow(unused_imports)]\nuse ecs_dsl::prelude::*;\n\n\
             /// The stack, as the template declared it.\n\
             #[allow(unused_variables, clippy::let_and_return)]\n\
             pub fn stack() -> Stack {\n    let mut stack = Stack::new();\n",
        );
        program.push_str(&self.body);
        program.push_str(
            "    stack\n}\n\n\
             /// Prints the template (`synth`), or runs another command of the stack CLI.\n\
             #[allow(dead_code)]\n\
             fn main() -> std::process::ExitCode {\n    ecs_dsl::cli::run(&stack())\n}\n",
        );
        Imported {
            program,
            features: self.features,
            notes: self.notes,
        }
    }

    fn template_level(&mut self, top: &Map<String, Json>) {
        if let Some(d) = top.get("Description") {
            match d.as_str() {
                Some(text) => self.statement(&format!("stack.description({});", lit(text))),
                None => self.error(notes::UNSUPPORTED_VALUE, "Description", "not a string"),
            }
        }
        for (key, v) in top
            .get("Metadata")
            .and_then(Json::as_object)
            .into_iter()
            .flatten()
        {
            let value = self.expr(v, &format!("Metadata.{key}"));
            self.statement(&format!("stack.metadata({}, {value}.node());", lit(key)));
        }
        match top.get("Transform") {
            None => {}
            Some(Json::String(t)) => self.statement(&format!("stack.transform({});", lit(t))),
            Some(Json::Array(items)) if items.iter().all(Json::is_string) => {
                for t in items.iter().filter_map(Json::as_str) {
                    self.statement(&format!("stack.transform({});", lit(t)));
                }
            }
            Some(_) => self.error(
                notes::UNSUPPORTED_VALUE,
                "Transform",
                "a transform with parameters",
            ),
        }
    }

    /// A top-level section the typed API does not model (`Rules`, SAM's `Globals`), kept as
    /// written with its references as handles.
    fn verbatim_section(&mut self, key: &str, v: &Json) {
        if !v.is_object() {
            return self.error(notes::UNSUPPORTED_SECTION, key, "not an object");
        }
        self.note(notes::VERBATIM_SECTION, key, "");
        let value = self.expr(v, key);
        self.statement(&format!("stack.section({}, {value}.node());", lit(key)));
    }

    fn parameter(&mut self, name: &str, p: &Json) {
        let place = format!("Parameters.{name}");
        let var = self
            .vars
            .get(PARAMETERS, name)
            .unwrap_or_default()
            .to_owned();
        let Some(p) = p.as_object() else {
            return self.error(notes::UNSUPPORTED_VALUE, &place, "not an object");
        };
        let cfn_type = p.get("Type").and_then(Json::as_str).unwrap_or("String");
        let floats = ["Default", "MinValue", "MaxValue"]
            .iter()
            .any(|k| p.get(*k).is_some_and(|v| v.is_f64()));
        let rust_type = self.parameter_type(cfn_type, floats, &place);
        self.parameter_types
            .insert(name.to_owned(), cfn_type.to_owned());
        let mut spec = String::from("ParameterSpec::new()");
        for (key, v) in p {
            let text = match (key.as_str(), v) {
                ("Type", _) => continue,
                ("Description", Json::String(s)) => format!(".description({})", lit(s)),
                ("ConstraintDescription", Json::String(s)) => {
                    format!(".constraint_description({})", lit(s))
                }
                ("AllowedPattern", Json::String(s)) => format!(".allowed_pattern({})", lit(s)),
                ("Default", Json::String(s)) => format!(".default({})", lit(s)),
                // As text: CloudFormation takes every default as a string, and an untyped integer
                // literal would be an `i32` in the printed program.
                ("Default", Json::Number(n)) => format!(".default({})", lit(&n.to_string())),
                ("Default", Json::Bool(b)) => format!(".default({})", lit(&b.to_string())),
                ("NoEcho", Json::Bool(true)) => ".no_echo()".to_owned(),
                ("NoEcho", Json::String(s)) if s.eq_ignore_ascii_case("true") => {
                    ".no_echo()".to_owned()
                }
                ("AllowedValues", Json::Array(items)) => {
                    let values: Vec<String> = items.iter().map(|i| lit(&scalar_text(i))).collect();
                    format!(".allowed_values([{}])", values.join(", "))
                }
                ("MinLength" | "MaxLength" | "MinValue" | "MaxValue", v) => {
                    let Some(n) = integer(v) else {
                        self.error(
                            notes::UNSUPPORTED_VALUE,
                            &place,
                            &format!("{key} is not an integer"),
                        );
                        continue;
                    };
                    let method = match key.as_str() {
                        "MinLength" => "min_length",
                        "MaxLength" => "max_length",
                        "MinValue" => "min_value",
                        _ => "max_value",
                    };
                    format!(".{method}({n})")
                }
                _ => {
                    self.error(
                        notes::UNSUPPORTED_VALUE,
                        &place,
                        &format!("parameter field {key}"),
                    );
                    continue;
                }
            };
            spec.push_str(&text);
        }
        self.statement(&format!(
            "let {var}: Parameter<{rust_type}> = stack.parameter({}, {spec});",
            lit(name)
        ));
    }

    /// The Rust type of a parameter type.
    fn parameter_type(&mut self, cfn: &str, floats: bool, place: &str) -> String {
        let simple = match cfn {
            "String" => Some("String"),
            "Number" if floats => Some("f64"),
            "Number" => Some("i64"),
            "CommaDelimitedList" => Some("Vec<String>"),
            "List<Number>" => Some("Vec<i64>"),
            "AWS::EC2::Image::Id" => Some("ecs_dsl::template::ImageId"),
            "AWS::EC2::AvailabilityZone::Name" => Some("ecs_dsl::template::AvailabilityZoneName"),
            "AWS::EC2::KeyPair::KeyName" => Some("ecs_dsl::template::KeyPairName"),
            _ => None,
        };
        if let Some(t) = simple {
            return t.to_owned();
        }
        if let Some(inner) = cfn.strip_prefix("List<").and_then(|s| s.strip_suffix('>')) {
            if let Some(path) = catalog().parameter_types.get(inner) {
                self.features
                    .insert(path.split("::").next().unwrap_or_default().to_owned());
                return format!("Vec<ecs_dsl::cfn::{path}>");
            }
            let item = self.parameter_type(inner, false, place);
            return format!("rt::ListOf<{item}>");
        }
        if let Some(inner) = cfn
            .strip_prefix("AWS::SSM::Parameter::Value<")
            .and_then(|s| s.strip_suffix('>'))
        {
            let t = self.parameter_type(inner, false, place);
            return format!("ecs_dsl::template::Ssm<{t}>");
        }
        if let Some(path) = catalog().parameter_types.get(cfn) {
            self.features
                .insert(path.split("::").next().unwrap_or_default().to_owned());
            return format!("ecs_dsl::cfn::{path}");
        }
        self.note(notes::UNTYPED_PARAMETER, place, cfn);
        "String".to_owned()
    }

    fn mapping(&mut self, name: &str, m: &Json) {
        let place = format!("Mappings.{name}");
        let shape = m
            .as_object()
            .is_some_and(|top| top.values().all(Json::is_object));
        if !shape {
            return self.error(notes::UNSUPPORTED_VALUE, &place, "not an object of objects");
        }
        let var = self.vars.get(MAPPINGS, name).unwrap_or_default().to_owned();
        self.statement(&format!(
            "let {var} = stack.mapping({}, rt::mapping({}));",
            lit(name),
            lit(&m.to_string())
        ));
    }

    fn condition(&mut self, name: &str, body: &Json) {
        let var = self
            .vars
            .get(CONDITIONS, name)
            .unwrap_or_default()
            .to_owned();
        let value = self.expr(body, &format!("Conditions.{name}"));
        self.statement(&format!(
            "let {var} = stack.condition({}, rt::cond({value}));",
            lit(name)
        ));
    }

    fn resource(&mut self, name: &str, r: &Json) {
        let place = format!("Resources.{name}");
        let var = self
            .vars
            .get(RESOURCES, name)
            .unwrap_or_default()
            .to_owned();
        let Some(r) = r.as_object() else {
            return self.error(notes::UNSUPPORTED_VALUE, &place, "not an object");
        };
        let type_name = r.get("Type").and_then(Json::as_str).unwrap_or_default();
        let empty = Map::new();
        // `Properties` as one intrinsic (an `Fn::If` choosing whole property sets): kept as
        // written on an untyped resource, as no typed constructor can take it.
        let mut intrinsic_properties = None;
        let props = match r.get("Properties") {
            None => &empty,
            Some(v @ Json::Object(p)) if p.len() == 1 && self.is_intrinsic(p) => {
                self.note(notes::INTRINSIC_PROPERTIES, &place, "");
                intrinsic_properties = Some(v);
                &empty
            }
            Some(Json::Object(p)) => p,
            Some(_) => {
                return self.error(
                    notes::UNSUPPORTED_VALUE,
                    &place,
                    "Properties is not an object",
                );
            }
        };
        let typed = match catalog().resources.get(type_name) {
            _ if intrinsic_properties.is_some() => None,
            None => {
                self.note(notes::UNKNOWN_TYPE, &place, type_name);
                None
            }
            Some(ty) => {
                let missing: Vec<&String> = ty
                    .props
                    .iter()
                    .filter(|(name, p)| p.required && !props.contains_key(*name))
                    .map(|(name, _)| name)
                    .collect();
                if missing.is_empty() {
                    Some(ty)
                } else {
                    let list: Vec<&str> = missing.iter().map(|m| m.as_str()).collect();
                    self.note(notes::MISSING_REQUIRED, &place, &list.join(", "));
                    None
                }
            }
        };
        let mut text = match typed {
            Some(ty) => {
                self.features.insert(ty.feature().to_owned());
                self.constructor(ty, props, &place)
            }
            None => format!("rt::UntypedResource::new({})", lit(type_name)),
        };
        if let Some(v) = intrinsic_properties {
            let value = self.expr(v, &format!("{place}.Properties"));
            text.push_str(&format!(
                "\n        .attribute_as_written(\"Properties\", {value})"
            ));
        }
        for (prop, v) in props {
            let p_place = format!("{place}.Properties.{prop}");
            match typed.map(|ty| ty.props.get(prop)) {
                Some(Some(p)) if p.required => {}
                Some(Some(p)) => {
                    let value = self.typed(p, v, &p_place);
                    text.push_str(&format!("\n        .{}({value})", p.setter));
                }
                unknown => {
                    if unknown.is_some() {
                        self.note(notes::UNKNOWN_PROPERTY, &p_place, "");
                    }
                    let value = self.expr(v, &p_place);
                    text.push_str(&format!(
                        "\n        .verbatim_property({}, {value})",
                        lit(prop)
                    ));
                }
            }
        }
        for (key, v) in r {
            let a_place = format!("{place}.{key}");
            let option = match key.as_str() {
                "Type" | "Properties" => continue,
                "DependsOn" => {
                    let targets: Vec<&Json> = match v {
                        Json::Array(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    let mut out = String::new();
                    for t in targets {
                        match t.as_str().and_then(|t| self.vars.get(RESOURCES, t)) {
                            Some(dep) => out.push_str(&format!("\n        .depends_on(&{dep})")),
                            None => self.error(notes::UNKNOWN_REFERENCE, &a_place, &t.to_string()),
                        }
                    }
                    out
                }
                "Condition" => match v.as_str().and_then(|c| self.vars.get(CONDITIONS, c)) {
                    Some(c) => format!("\n        .condition(&{c})"),
                    None => {
                        self.error(notes::UNKNOWN_REFERENCE, &a_place, &v.to_string());
                        continue;
                    }
                },
                "DeletionPolicy" | "UpdateReplacePolicy" => {
                    let policy = match v.as_str() {
                        Some(p @ ("Delete" | "Retain" | "RetainExceptOnCreate" | "Snapshot")) => p,
                        _ if v.is_object() => {
                            self.note(notes::INTRINSIC_POLICY, &a_place, "");
                            let value = self.expr(v, &a_place);
                            text.push_str(&format!(
                                "\n        .attribute_as_written({}, {value})",
                                lit(key)
                            ));
                            continue;
                        }
                        _ => {
                            self.error(notes::UNSUPPORTED_VALUE, &a_place, &v.to_string());
                            continue;
                        }
                    };
                    let method = if key == "DeletionPolicy" {
                        "deletion_policy"
                    } else {
                        "update_replace_policy"
                    };
                    format!("\n        .{method}(DeletionPolicy::{policy})")
                }
                "UpdatePolicy" | "CreationPolicy" => {
                    self.note(notes::VERBATIM_POLICY, &a_place, "");
                    let value = self.expr(v, &a_place);
                    let method = if key == "UpdatePolicy" {
                        "verbatim_update_policy"
                    } else {
                        "verbatim_creation_policy"
                    };
                    format!("\n        .{method}({value})")
                }
                "Metadata" => {
                    let Some(m) = v.as_object() else {
                        self.error(notes::UNSUPPORTED_VALUE, &a_place, "not an object");
                        continue;
                    };
                    let mut out = String::new();
                    for (k, mv) in m {
                        let value = self.expr(mv, &format!("{a_place}.{k}"));
                        out.push_str(&format!("\n        .metadata({}, {value}.node())", lit(k)));
                    }
                    out
                }
                _ => {
                    self.note(notes::UNMODELLED_ATTRIBUTE, &a_place, "");
                    let value = self.expr(v, &a_place);
                    format!("\n        .attribute_as_written({}, {value})", lit(key))
                }
            };
            text.push_str(&option);
        }
        self.statement(&format!(
            "let {var} = stack.add(\n        {},\n        {text},\n    );",
            lit(name)
        ));
    }

    /// `Type::new()` or `Type::new(TypeRequired { … })`.
    fn constructor(&mut self, ty: &ResourceType, props: &Map<String, Json>, place: &str) -> String {
        let path = format!("ecs_dsl::cfn::{}", ty.path);
        let required: Vec<(&String, &Property)> =
            ty.props.iter().filter(|(_, p)| p.required).collect();
        if required.is_empty() {
            return format!("{path}::new()");
        }
        let mut fields = Vec::new();
        for (name, p) in required {
            if let Some(v) = props.get(name) {
                let value = self.typed(p, v, &format!("{place}.Properties.{name}"));
                fields.push(format!("            {}: {value},", p.field));
            }
        }
        format!(
            "{path}::new({path}Required {{\n{}\n        }})",
            fields.join("\n")
        )
    }

    /// A property value: a plain literal where the kind takes one, else an expression.
    fn typed(&mut self, p: &Property, v: &Json, place: &str) -> String {
        match (p.kind.as_str(), v) {
            ("s", Json::String(s)) => lit(s),
            ("i", Json::Number(n)) if n.is_i64() => format!("{n}i64"),
            ("f", Json::Number(n)) if n.is_f64() => format!("{:?}f64", n.as_f64().unwrap_or(0.0)),
            ("b", Json::Bool(b)) => b.to_string(),
            _ => self.expr(v, place),
        }
    }

    fn output(&mut self, name: &str, o: &Json) {
        let place = format!("Outputs.{name}");
        let Some(o) = o.as_object() else {
            return self.error(notes::UNSUPPORTED_VALUE, &place, "not an object");
        };
        let Some(value) = o.get("Value") else {
            return self.error(notes::UNSUPPORTED_VALUE, &place, "no Value");
        };
        let mut text = format!("Output::new({})", self.expr(value, &place));
        for (key, v) in o {
            match (key.as_str(), v) {
                ("Value", _) => {}
                ("Description", Json::String(s)) => {
                    text.push_str(&format!(".description({})", lit(s)));
                }
                ("Export", Json::Object(e)) if e.len() == 1 && e.contains_key("Name") => {
                    let name = self.expr(&e["Name"], &format!("{place}.Export.Name"));
                    text.push_str(&format!(".export_name({name})"));
                }
                ("Condition", Json::String(c)) if self.vars.get(CONDITIONS, c).is_some() => {
                    let c = self.vars.get(CONDITIONS, c).unwrap_or_default().to_owned();
                    text.push_str(&format!(".condition(&{c})"));
                }
                _ => self.error(notes::UNSUPPORTED_VALUE, &place, key),
            }
        }
        self.statement(&format!("stack.output({}, {text});", lit(name)));
    }

    /// A value as an expression of type `rt::Verbatim`.
    fn expr(&mut self, v: &Json, place: &str) -> String {
        if !self.has_intrinsic(v) {
            return format!("rt::parse({})", lit(&v.to_string()));
        }
        match v {
            Json::Object(m) if m.len() == 1 && self.is_intrinsic(m) => {
                let (key, arg) = m.iter().next().unwrap_or_else(|| unreachable!("len 1"));
                self.intrinsic(key, arg, place)
            }
            Json::Array(items) => {
                let items: Vec<String> = items.iter().map(|i| self.expr(i, place)).collect();
                format!("rt::list([{}])", items.join(", "))
            }
            Json::Object(m) => {
                let entries: Vec<String> = m
                    .iter()
                    .map(|(k, v)| format!("({}, {})", lit(k), self.expr(v, place)))
                    .collect();
                format!("rt::map([{}])", entries.join(", "))
            }
            other => format!("rt::parse({})", lit(&other.to_string())),
        }
    }

    fn is_intrinsic(&self, m: &Map<String, Json>) -> bool {
        m.iter().next().is_some_and(|(k, v)| {
            k == "Ref"
                || k.starts_with("Fn::")
                || (k == "Condition"
                    && v.as_str()
                        .is_some_and(|c| self.vars.get(CONDITIONS, c).is_some()))
        })
    }

    fn has_intrinsic(&self, v: &Json) -> bool {
        match v {
            Json::Object(m) => {
                (m.len() == 1 && self.is_intrinsic(m)) || m.values().any(|v| self.has_intrinsic(v))
            }
            Json::Array(items) => items.iter().any(|v| self.has_intrinsic(v)),
            _ => false,
        }
    }

    fn intrinsic(&mut self, key: &str, arg: &Json, place: &str) -> String {
        let handle = |w: &Self, name: &str| {
            w.vars
                .get(RESOURCES, name)
                .or_else(|| w.vars.get(PARAMETERS, name))
                .map(str::to_owned)
        };
        match (key, arg) {
            ("Ref", Json::String(name)) => {
                if let Some(var) = handle(self, name) {
                    return format!("rt::ref_(&{var})");
                }
                if name.starts_with("AWS::") {
                    return format!("rt::pseudo({})", lit(name));
                }
            }
            ("Fn::GetAtt", _) => {
                let parts: Option<(String, Json)> = match arg {
                    Json::String(s) => s
                        .split_once('.')
                        .map(|(r, a)| (r.to_owned(), Json::String(a.to_owned()))),
                    Json::Array(items) if items.len() == 2 => {
                        items[0].as_str().map(|r| (r.to_owned(), items[1].clone()))
                    }
                    _ => None,
                };
                if let Some((res, Json::String(attr))) = parts
                    && let Some(var) = self.vars.get(RESOURCES, &res)
                {
                    return format!("rt::get_att(&{var}, {})", lit(&attr));
                }
            }
            ("Fn::Sub", Json::String(text)) => {
                if let Some(rewritten) = self.sub_text(text) {
                    return format!("rt::text(sub!({}))", lit(&rewritten));
                }
                self.note(notes::VERBATIM_SUB, place, "");
            }
            ("Fn::If", Json::Array(items)) if items.len() == 3 => {
                if let Some(c) = items[0].as_str().and_then(|c| self.vars.get(CONDITIONS, c)) {
                    let c = c.to_owned();
                    let a = self.expr(&items[1], place);
                    let b = self.expr(&items[2], place);
                    return format!("rt::if_(&{c}, {a}, {b})");
                }
                self.note(notes::UNKNOWN_REFERENCE, place, &items[0].to_string());
            }
            ("Fn::FindInMap", Json::Array(items)) if items.len() == 3 => {
                if let Some(m) = items[0].as_str().and_then(|m| self.vars.get(MAPPINGS, m)) {
                    let m = m.to_owned();
                    let a = self.expr(&items[1], place);
                    let b = self.expr(&items[2], place);
                    return format!("rt::find_in_map(&{m}, {a}, {b})");
                }
                self.note(notes::UNKNOWN_REFERENCE, place, &items[0].to_string());
            }
            ("Fn::FindInMap", Json::Array(items)) if items.len() == 4 => {
                let default = items[3]
                    .as_object()
                    .filter(|d| d.len() == 1)
                    .and_then(|d| d.get("DefaultValue"));
                let map = items[0].as_str().and_then(|m| self.vars.get(MAPPINGS, m));
                if let (Some(m), Some(default)) = (map, default) {
                    let m = m.to_owned();
                    let a = self.expr(&items[1], place);
                    let b = self.expr(&items[2], place);
                    let d = self.expr(default, place);
                    return format!("rt::find_in_map_or(&{m}, {a}, {b}, {d})");
                }
            }
            ("Condition", Json::String(c)) => {
                if let Some(c) = self.vars.get(CONDITIONS, c) {
                    return format!("rt::condition(&{c})");
                }
            }
            _ => {}
        }
        let written = format!("{{{key:?}: {arg}}}");
        let undeclared = matches!(key, "Ref" | "Fn::GetAtt") && is_name(arg);
        if rt_models(key, arg) || !place.starts_with(RESOURCES) {
            // Outside resources synth takes an unmodelled function as a plain map, with the
            // references inside as handles (the rule functions of `Rules`, `Fn::Contains`, …).
            if undeclared {
                self.note(notes::UNKNOWN_REFERENCE, place, &written);
            }
            let inner = self.expr(arg, place);
            return format!("rt::call({}, {inner})", lit(key));
        }
        let code = match key {
            _ if undeclared && self.serverless => notes::GENERATED_TARGET,
            // A reference to nothing is a broken template, not a missing model.
            _ if undeclared => {
                self.error(notes::UNDECLARED_TARGET, place, &written);
                return String::new();
            }
            _ if MODELLED_FUNCTIONS.contains(&key) => notes::UNMODELLED_SHAPE,
            _ => notes::UNMODELLED_FUNCTION,
        };
        self.note(code, place, &written);
        format!("rt::as_written({}, {})", lit(key), lit(&arg.to_string()))
    }

    /// The `Fn::Sub` text with each placeholder renamed to its Rust variable, or `None` when a
    /// placeholder names nothing `sub!` can resolve.
    fn sub_text(&self, text: &str) -> Option<String> {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            if after.starts_with('!') {
                out.push_str("${");
                rest = after;
                continue;
            }
            let end = after.find('}')?;
            let name = &after[..end];
            let resolved = if name.starts_with("AWS::") {
                crate::intrinsic::Pseudo::from_name(name)?;
                name.to_owned()
            } else if let Some((res, attr)) = name.split_once('.') {
                let var = self.vars.get(RESOURCES, res)?;
                let ty = catalog().resources.get(self.resource_types.get(res)?)?;
                if !ty.attrs.iter().any(|a| a == attr) {
                    return None;
                }
                format!("{var}.{attr}")
            } else if let Some(var) = self.vars.get(RESOURCES, name) {
                catalog().resources.get(self.resource_types.get(name)?)?;
                var.to_owned()
            } else {
                self.vars.get(PARAMETERS, name)?.to_owned()
            };
            out.push_str(&format!("${{{resolved}}}"));
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Some(out)
    }

    /// The names of `section` in an order where each comes after what it refers to (else in
    /// name order); a cycle is an error.
    fn order(&mut self, entries: &Map<String, Json>, section: &'static str) -> Vec<String> {
        let deps: BTreeMap<&String, BTreeSet<String>> = entries
            .iter()
            .map(|(name, v)| {
                let mut found = BTreeSet::new();
                references(v, section, &mut found);
                found.remove(name.as_str());
                found.retain(|d| entries.contains_key(d));
                (name, found)
            })
            .collect();
        let mut done: BTreeSet<String> = BTreeSet::new();
        let mut out = Vec::new();
        while out.len() < entries.len() {
            let next = deps.iter().find(|(name, d)| {
                !done.contains(name.as_str()) && d.iter().all(|x| done.contains(x))
            });
            match next {
                Some((name, _)) => {
                    done.insert((*name).clone());
                    out.push((*name).clone());
                }
                None => {
                    let left: Vec<&str> = deps
                        .keys()
                        .filter(|n| !done.contains(n.as_str()))
                        .map(|n| n.as_str())
                        .collect();
                    self.error(notes::CYCLE, section, &left.join(", "));
                    break;
                }
            }
        }
        out
    }
}

/// The names a value refers to within `section`: resources (`Ref`, `Fn::GetAtt`, `Fn::Sub`,
/// `DependsOn`) or conditions (`Condition`).
fn references(v: &Json, section: &str, found: &mut BTreeSet<String>) {
    match v {
        Json::Object(m) => {
            for (k, inner) in m {
                match (section, k.as_str(), inner) {
                    (RESOURCES, "Ref" | "DependsOn", Json::String(s)) => {
                        found.insert(s.clone());
                    }
                    (RESOURCES, "DependsOn", Json::Array(items)) => {
                        found.extend(items.iter().filter_map(Json::as_str).map(str::to_owned));
                    }
                    (RESOURCES, "Fn::GetAtt", Json::String(s)) => {
                        found.insert(s.split('.').next().unwrap_or_default().to_owned());
                    }
                    (RESOURCES, "Fn::GetAtt", Json::Array(items)) => {
                        found.extend(items.first().and_then(Json::as_str).map(str::to_owned));
                    }
                    (CONDITIONS, "Condition", Json::String(s)) => {
                        found.insert(s.clone());
                    }
                    _ => {}
                }
                if k == "Fn::Sub" {
                    let text = match inner {
                        Json::String(s) => Some(s.as_str()),
                        Json::Array(items) => items.first().and_then(Json::as_str),
                        _ => None,
                    };
                    if let Some(t) = text {
                        sub_names(t, found);
                    }
                }
                references(inner, section, found);
            }
        }
        Json::Array(items) => items.iter().for_each(|i| references(i, section, found)),
        _ => {}
    }
}

/// The resource names of `${Name}` and `${Name.Attr}` placeholders.
fn sub_names(text: &str, found: &mut BTreeSet<String>) {
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { return };
        let name = &after[..end];
        if !name.starts_with('!') {
            found.insert(name.split('.').next().unwrap_or_default().to_owned());
        }
        rest = &after[end + 1..];
    }
}

/// Whether `rt::call(key, arg)` makes a modelled intrinsic (mirrors `rt::intrinsic`).
fn rt_models(key: &str, arg: &Json) -> bool {
    let items = arg.as_array().map(Vec::as_slice);
    match (key, items) {
        ("Fn::Join" | "Fn::Split", Some([d, _])) => d.is_string(),
        ("Fn::Select" | "Fn::Equals", Some([_, _])) => true,
        ("Fn::And" | "Fn::Or", Some(_)) => true,
        ("Fn::Not", Some([_])) => true,
        ("Fn::Cidr", Some([_, _, _])) => true,
        ("Fn::Sub", Some([text, vars])) => text.is_string() && vars.is_object(),
        ("Fn::Sub", None) => arg.is_string(),
        ("Fn::GetAZs" | "Fn::ImportValue" | "Fn::Base64", None) => true,
        ("Fn::Length" | "Fn::ToJsonString", _) => true,
        ("Fn::GetStackOutput", None) => arg.as_object().is_some_and(|m| {
            let known = ["StackName", "OutputName", "Region", "RoleArn"];
            m.contains_key("StackName")
                && m.contains_key("OutputName")
                && m.keys().all(|k| known.contains(&k.as_str()))
        }),
        _ => false,
    }
}

/// A `Ref` or `Fn::GetAtt` argument that names something (`"Name"`, `"Name.Attr"`,
/// `["Name", "Attr"]`), as opposed to a malformed one.
fn is_name(arg: &Json) -> bool {
    match arg {
        Json::String(_) => true,
        Json::Array(items) => items.len() == 2 && items.iter().all(Json::is_string),
        _ => false,
    }
}

fn integer(v: &Json) -> Option<i64> {
    match v {
        Json::Number(n) => n.as_i64(),
        Json::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn scalar_text(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}
