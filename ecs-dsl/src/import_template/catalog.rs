//! The generated catalog of resource types (`cfn/catalog.json`, written by the generator beside
//! the types it describes): Rust paths, setters, required fields and attributes.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::Value as Json;

/// One property of a resource type.
pub struct Property {
    /// The builder method.
    pub setter: String,
    /// The field of the `…Required` struct.
    pub field: String,
    /// `s` text, `i` integer, `f` number, `b` boolean, `j` JSON, `t` another typed kind.
    pub kind: String,
    /// Whether `new` takes it.
    pub required: bool,
}

/// One resource type.
pub struct ResourceType {
    /// `s3::bucket::CfnBucket`, below `ecs_dsl::cfn`.
    pub path: String,
    /// Properties by CloudFormation name.
    pub props: BTreeMap<String, Property>,
    /// The attributes `sub!` resolves by name.
    pub attrs: Vec<String>,
}

impl ResourceType {
    /// The Cargo feature (the service module).
    pub fn feature(&self) -> &str {
        self.path.split("::").next().unwrap_or_default()
    }
}

/// The whole catalog.
pub struct Catalog {
    /// By CloudFormation type name.
    pub resources: BTreeMap<String, ResourceType>,
    /// AWS-specific parameter types (`AWS::EC2::VPC::Id`) → Rust path below `ecs_dsl::cfn`.
    pub parameter_types: BTreeMap<String, String>,
}

/// The catalog, read once.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| parse(include_str!("../cfn/catalog.json")))
}

fn parse(text: &str) -> Catalog {
    let json: Json = serde_json::from_str(text).unwrap_or(Json::Null);
    let str_of = |v: &Json| v.as_str().unwrap_or_default().to_owned();
    let resources = json["resources"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, r)| {
            let props = r["props"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(p, v)| {
                    (
                        p.clone(),
                        Property {
                            setter: str_of(&v[0]),
                            field: str_of(&v[1]),
                            kind: str_of(&v[2]),
                            required: v[3].as_bool().unwrap_or(false),
                        },
                    )
                })
                .collect();
            let attrs = r["attrs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(str_of)
                .collect();
            (
                name.clone(),
                ResourceType {
                    path: str_of(&r["path"]),
                    props,
                    attrs,
                },
            )
        })
        .collect();
    let parameter_types = json["parameterTypes"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), str_of(v)))
        .collect();
    Catalog {
        resources,
        parameter_types,
    }
}
