//! RDS rules: engines, engine versions and instance classes RDS offers, from cfn-lint's data.

use crate::template::Node;

use super::Check;
use super::data::rds::{CLASS_SETS, CLASSES, DEPRECATED, ENGINES, VERSIONS};
use super::findings::Findings;
use super::helpers::{alternatives, literal_text};
use super::index::{Index, Res};

/// `RDS001`.
pub(super) const UNKNOWN_ENGINE: Check =
    Check::error("RDS001", "a DB instance's `Engine` is one RDS offers");
/// `RDS002` (cfn-lint E3691).
pub(super) const ENGINE_VERSION: Check = Check::error(
    "RDS002",
    "a DB instance's `EngineVersion` is offered for its engine",
);
/// `RDS003` (cfn-lint E3062).
pub(super) const INSTANCE_CLASS: Check = Check::error(
    "RDS003",
    "a DB instance's `DBInstanceClass` is offered for its engine and version",
);
/// `RDS004` (cfn-lint W3691).
pub(super) const DEPRECATED_VERSION: Check = Check::warning(
    "RDS004",
    "a DB instance's `EngineVersion` is not deprecated (deprecated versions cannot create new instances)",
);

/// Runs the RDS rules.
pub(super) fn check(ix: &Index<'_>, out: &mut Findings) {
    for db in ix.of_type("AWS::RDS::DBInstance") {
        // CloudFormation takes `Engine` in any case (`MySQL`).
        let Some(engine) = db
            .prop("Engine")
            .and_then(Node::as_str)
            .map(str::to_ascii_lowercase)
        else {
            continue;
        };
        if !ENGINES.contains(&engine.as_str()) {
            out.add(
                db,
                UNKNOWN_ENGINE.finding(
                    db.path("Engine"),
                    format!("`{engine}` is not an RDS engine"),
                    format!("use one of {}", alternatives(ENGINES)),
                ),
            );
            continue;
        }
        let Some(version) = db.prop("EngineVersion").and_then(literal_text) else {
            continue;
        };
        engine_version(db, &engine, &version, out);
        instance_class(db, &engine, &version, out);
    }
}

/// `RDS002` and `RDS004`.
fn engine_version(db: Res<'_>, engine: &str, version: &str, out: &mut Findings) {
    let Some((_, offered)) = VERSIONS.iter().find(|(e, _)| *e == engine) else {
        return;
    };
    let deprecated = DEPRECATED
        .iter()
        .find(|(e, _)| *e == engine)
        .map_or(&[][..], |(_, v)| v);
    // The lists are oldest first: suggest the newest current version of the same major version,
    // and the newest current version.
    let current = || offered.iter().rev().filter(|v| !deprecated.contains(v));
    let newest = current().next().copied().unwrap_or_default();
    let major = major(engine, version);
    let same_major = current().find(|v| in_group(v, major)).copied();
    let help = match same_major {
        Some(v) if v != newest => {
            format!("use `{v}`, the newest {major} version, or `{newest}`, the newest {engine}")
        }
        _ => format!("use a version offered for {engine}, such as `{newest}`"),
    };
    if !offered.contains(&version) {
        out.add(
            db,
            ENGINE_VERSION.finding(
                db.path("EngineVersion"),
                format!("`{version}` is not an offered `{engine}` engine version"),
                help,
            ),
        );
    } else if deprecated.contains(&version) {
        out.add(
            db,
            DEPRECATED_VERSION.finding(
                db.path("EngineVersion"),
                format!("`{engine}` engine version `{version}` is deprecated: no new DB instance can be created with it"),
                help,
            ),
        );
    }
}

/// The major version: two parts for MySQL and MariaDB (`8.0` of `8.0.39`), one for PostgreSQL
/// from 10 on (`16` of `16.4`, but `9.6` of `9.6.22`).
fn major<'v>(engine: &str, version: &'v str) -> &'v str {
    let first: Option<u32> = version.split('.').next().and_then(|p| p.parse().ok());
    let parts = if engine == "postgres" && first.is_some_and(|m| m >= 10) {
        1
    } else {
        2
    };
    version
        .match_indices('.')
        .nth(parts - 1)
        .map_or(version, |(end, _)| &version[..end])
}

/// `RDS003`.
fn instance_class(db: Res<'_>, engine: &str, version: &str, out: &mut Findings) {
    let Some(class) = db.prop("DBInstanceClass").and_then(Node::as_str) else {
        return;
    };
    let Some((_, group, set)) = CLASSES
        .iter()
        .find(|(e, g, _)| *e == engine && in_group(version, g))
    else {
        return;
    };
    let Some(families) = CLASS_SETS.get(*set) else {
        return;
    };
    let (family, size) = class.rsplit_once('.').unwrap_or((class, ""));
    if families
        .iter()
        .any(|(f, sizes)| *f == family && sizes.contains(&size))
    {
        return;
    }
    let similar = similar_classes(families, family, size);
    let help = if similar.is_empty() {
        format!(
            "choose a class offered for {engine} {group}, such as `db.t3.micro` or `db.m5.large`"
        )
    } else {
        format!(
            "use {} (a current class of the same kind and size)",
            alternatives(&similar)
        )
    };
    out.add(
        db,
        INSTANCE_CLASS.finding(
            db.path("DBInstanceClass"),
            format!("`{class}` is not an offered instance class for {engine} {group}"),
            help,
        ),
    );
}

/// Whether `version` belongs to the version group `group` (`5.7.44` and `5.7` are in `5.7`).
fn in_group(version: &str, group: &str) -> bool {
    version == group
        || version
            .strip_prefix(group)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// Offered classes of the same letter (`db.t…`) and size (`micro`) as a class that is not.
fn similar_classes(families: &[(&str, &[&str])], family: &str, size: &str) -> Vec<String> {
    let letter = family.strip_prefix("db.").and_then(|f| f.chars().next());
    families
        .iter()
        .filter(|(f, sizes)| {
            f.strip_prefix("db.").and_then(|f| f.chars().next()) == letter && sizes.contains(&size)
        })
        .map(|(f, _)| format!("{f}.{size}"))
        .collect()
}
