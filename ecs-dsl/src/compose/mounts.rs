//! `volumes` and `tmpfs` → mount points, the task volumes they need, and tmpfs mounts.

use std::collections::BTreeMap;

use super::model::{Mount, MountKind, NamedVolume, Service};
use super::scalars::byte_size;
use super::spec::{MountPointSpec, TmpfsSpec, VolumeSource, VolumeSpec};
use super::unsupported::codes;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The size ECS needs for a tmpfs mount when compose gives none, MiB.
const DEFAULT_TMPFS_MIB: u64 = 64;

/// What a service's mounts become.
#[derive(Default)]
pub(crate) struct Mounts {
    /// The container's mount points.
    pub mount_points: Vec<MountPointSpec>,
    /// The task volumes they use.
    pub volumes: Vec<VolumeSpec>,
    /// The container's tmpfs mounts.
    pub tmpfs: Vec<TmpfsSpec>,
}

/// Converts the `volumes` and `tmpfs` of `s`.
pub(crate) fn mounts(
    s: &Service,
    named: &BTreeMap<String, NamedVolume>,
    here: &str,
    diags: &mut Diagnostics,
) -> Mounts {
    let mut out = Mounts::default();
    for (i, m) in s.volumes.iter().enumerate() {
        let at = format!("{here}.volumes[{i}]");
        let volume = match m.kind {
            MountKind::Tmpfs => {
                let size = m
                    .tmpfs_size
                    .map(|b| b.div_ceil(1 << 20))
                    .unwrap_or_else(|| default_size(&at, diags));
                out.tmpfs.push(TmpfsSpec {
                    container_path: m.target.clone(),
                    size,
                    mount_options: Vec::new(),
                });
                continue;
            }
            MountKind::Volume => named_volume(m, named, &at, diags),
            MountKind::Bind => match bind_volume(m, &at, diags) {
                Some(v) => v,
                None => continue,
            },
        };
        out.mount_points.push(MountPointSpec {
            source_volume: volume.name.clone(),
            container_path: m.target.clone(),
            read_only: m.read_only,
        });
        if !out.volumes.iter().any(|v| v.name == volume.name) {
            out.volumes.push(volume);
        }
    }
    for (i, entry) in s.tmpfs.iter().enumerate() {
        out.tmpfs
            .push(tmpfs_entry(entry, &format!("{here}.tmpfs[{i}]"), diags));
    }
    out
}

/// A named volume → the EFS file system of that name, shared by every service that mounts it;
/// an anonymous volume → a task-scoped volume.
fn named_volume(
    m: &Mount,
    named: &BTreeMap<String, NamedVolume>,
    at: &str,
    diags: &mut Diagnostics,
) -> VolumeSpec {
    let Some(source) = &m.source else {
        return VolumeSpec {
            name: volume_name(&format!("anonymous{}", m.target)),
            source: VolumeSource::Task,
        };
    };
    let declared = named.get(source);
    if declared.is_none() {
        diags.push(
            Diagnostic::warning(codes::UNDECLARED_VOLUME, at, format!("volume `{source}` is not declared under the top-level `volumes:`"))
                .help(format!("add `volumes: {{{source}: {{}}}}` at the top level, or write a path (`./{source}`) for a bind mount")),
        );
    }
    if let Some(v) = declared {
        let dropped: Vec<&str> = [
            (v.external, "external"),
            (v.driver.as_deref().is_some_and(|d| d != "local"), "driver"),
            (!v.driver_opts.is_empty(), "driver_opts"),
            (!v.labels.is_empty(), "labels"),
        ]
        .into_iter()
        .filter_map(|(set, key)| set.then_some(key))
        .collect();
        if !dropped.is_empty() {
            diags.push(
                Diagnostic::warning(
                    codes::VOLUME_OPTIONS_IGNORED,
                    format!("volumes.{source}"),
                    format!(
                        "volume `{source}` becomes an EFS file system; its `{}` is not imported",
                        dropped.join("`, `")
                    ),
                )
                .help("copy the data into the file system after the first deploy"),
            );
        }
    }
    VolumeSpec {
        name: volume_name(source),
        source: VolumeSource::Efs {
            volume: source.clone(),
        },
    }
}

/// A bind mount → a host volume; `None` (with a diagnostic) for a path relative to the compose
/// file, which exists on the developer's machine but not on a container instance.
fn bind_volume(m: &Mount, at: &str, diags: &mut Diagnostics) -> Option<VolumeSpec> {
    let source = m.source.as_deref().unwrap_or_default();
    if !source.starts_with('/') {
        diags.push(
            Diagnostic::warning(codes::RELATIVE_BIND, at, format!("bind mount of `{source}` is left out: that path is on your machine, not on a container instance"))
                .help("bake the files into the image, or use a named volume or an absolute host path"),
        );
        return None;
    }
    Some(VolumeSpec {
        name: volume_name(&format!("host{source}")),
        source: VolumeSource::Host {
            source_path: source.to_string(),
        },
    })
}

/// A valid ECS volume name (letters, digits, `-`, `_`; at most 255) made from `text`.
fn volume_name(text: &str) -> String {
    let mut name = String::new();
    for c in text.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            c
        } else {
            '-'
        };
        if !(c == '-' && name.ends_with('-')) {
            name.push(c);
        }
    }
    let name = name.trim_matches('-');
    let name = if name.is_empty() { "volume" } else { name };
    name.chars().take(255).collect()
}

/// The size used when a tmpfs mount gives none.
fn default_size(at: &str, diags: &mut Diagnostics) -> u64 {
    diags.push(
        Diagnostic::warning(
            codes::CLAMPED,
            at,
            format!("ECS needs a size for a tmpfs mount; {DEFAULT_TMPFS_MIB} MiB is used"),
        )
        .help("give the size, e.g. `/run:size=64m` or `tmpfs: {size: 64m}`"),
    );
    DEFAULT_TMPFS_MIB
}

/// A `tmpfs:` entry, `/path` or `/path:size=64m,noexec`.
fn tmpfs_entry(entry: &str, at: &str, diags: &mut Diagnostics) -> TmpfsSpec {
    let (path, options) = entry.split_once(':').unwrap_or((entry, ""));
    let mut size = None;
    let mut mount_options = Vec::new();
    for option in options.split(',').filter(|o| !o.is_empty()) {
        match option.strip_prefix("size=").map(byte_size) {
            Some(Some(bytes)) => size = Some(bytes.div_ceil(1 << 20)),
            Some(None) => diags.push(Diagnostic::warning(
                codes::UNSUPPORTED_VALUE,
                at,
                format!("`{option}` is not a size; it is ignored"),
            )),
            None => mount_options.push(option.to_string()),
        }
    }
    TmpfsSpec {
        container_path: path.to_string(),
        size: size.unwrap_or_else(|| default_size(at, diags)),
        mount_options,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_names() {
        assert_eq!(volume_name("public"), "public");
        assert_eq!(
            volume_name("host/var/run/docker.sock"),
            "host-var-run-docker-sock"
        );
        assert_eq!(volume_name("..."), "volume");
    }

    #[test]
    fn tmpfs_with_and_without_size() {
        let mut diags = Diagnostics::new();
        let t = tmpfs_entry("/run:size=1m,noexec", "p", &mut diags);
        assert_eq!(
            (t.size, t.mount_options.as_slice(), diags.is_empty()),
            (1, ["noexec".to_string()].as_slice(), true)
        );
        let t = tmpfs_entry("/tmp", "p", &mut diags);
        assert_eq!(
            (t.size, diags.codes()),
            (DEFAULT_TMPFS_MIB, vec![codes::CLAMPED])
        );
    }
}
