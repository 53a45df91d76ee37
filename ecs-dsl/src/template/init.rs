//! `AWS::CloudFormation::Init` metadata: what `cfn-init` does on an instance at boot.

use std::collections::BTreeMap;

use super::Node;
use crate::intrinsic::IntoValue;

/// The `AWS::CloudFormation::Init` metadata of a launch template or instance.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Init {
    config_sets: BTreeMap<String, Node>,
    configs: BTreeMap<String, Node>,
}

impl Init {
    /// Metadata with one config, named `config` (the name `cfn-init` runs by default).
    pub fn new(config: InitConfig) -> Self {
        Init::default().config("config", config)
    }

    /// Adds a named config.
    #[must_use]
    pub fn config(mut self, name: &str, config: InitConfig) -> Self {
        self.configs.insert(name.to_owned(), config.into_node());
        self
    }

    /// Adds a config set: configs run in the given order.
    #[must_use]
    pub fn config_set(mut self, name: &str, configs: &[&str]) -> Self {
        let list = configs.iter().map(|c| Node::Str((*c).to_owned())).collect();
        self.config_sets.insert(name.to_owned(), Node::List(list));
        self
    }

    /// The metadata as a template node.
    pub fn into_node(self) -> Node {
        let mut m = self.configs;
        if !self.config_sets.is_empty() {
            m.insert("configSets".into(), Node::Map(self.config_sets));
        }
        Node::Map(m)
    }
}

/// One config of `AWS::CloudFormation::Init`: packages, files, commands and services, applied by
/// `cfn-init` in that order (commands run in the alphabetical order of their names).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InitConfig {
    packages: BTreeMap<String, BTreeMap<String, Node>>,
    files: BTreeMap<String, Node>,
    commands: BTreeMap<String, Node>,
    services: BTreeMap<String, BTreeMap<String, Node>>,
}

impl InitConfig {
    /// An empty config.
    pub fn new() -> Self {
        InitConfig::default()
    }

    /// Installs a package with a package manager (`yum`, `apt`, `rpm`, `python`, …), latest version.
    #[must_use]
    pub fn package(mut self, manager: &str, name: &str) -> Self {
        self.packages
            .entry(manager.to_owned())
            .or_default()
            .insert(name.to_owned(), Node::List(vec![]));
        self
    }

    /// Writes a file.
    #[must_use]
    pub fn file(mut self, path: &str, file: InitFile) -> Self {
        self.files.insert(path.to_owned(), Node::Map(file.0));
        self
    }

    /// Runs a command; commands run in the alphabetical order of their names (`05_…`, `10_…`).
    #[must_use]
    pub fn command(mut self, name: &str, command: InitCommand) -> Self {
        self.commands.insert(name.to_owned(), Node::Map(command.0));
        self
    }

    /// Manages a service with a service manager (`sysvinit`, `systemd`).
    #[must_use]
    pub fn service(mut self, manager: &str, name: &str, service: InitService) -> Self {
        self.services
            .entry(manager.to_owned())
            .or_default()
            .insert(name.to_owned(), Node::Map(service.0));
        self
    }

    fn into_node(self) -> Node {
        let mut m = BTreeMap::new();
        let nested = |section: BTreeMap<String, BTreeMap<String, Node>>| {
            Node::Map(
                section
                    .into_iter()
                    .map(|(k, v)| (k, Node::Map(v)))
                    .collect(),
            )
        };
        if !self.packages.is_empty() {
            m.insert("packages".into(), nested(self.packages));
        }
        if !self.files.is_empty() {
            m.insert("files".into(), Node::Map(self.files));
        }
        if !self.commands.is_empty() {
            m.insert("commands".into(), Node::Map(self.commands));
        }
        if !self.services.is_empty() {
            m.insert("services".into(), nested(self.services));
        }
        Node::Map(m)
    }
}

/// A command of an [`InitConfig`].
#[derive(Clone, Debug, PartialEq)]
pub struct InitCommand(BTreeMap<String, Node>);

impl InitCommand {
    /// Runs `command` in a shell.
    pub fn new(command: impl IntoValue<String>) -> Self {
        InitCommand(BTreeMap::from([(
            "command".to_owned(),
            command.into_node(),
        )]))
    }

    /// Sets `cwd`, the working directory.
    #[must_use]
    pub fn cwd(mut self, dir: &str) -> Self {
        self.0.insert("cwd".into(), dir.into());
        self
    }

    /// Adds an environment variable (`env`).
    #[must_use]
    pub fn env(mut self, name: &str, value: impl IntoValue<String>) -> Self {
        let env = self
            .0
            .entry("env".into())
            .or_insert_with(|| Node::Map(BTreeMap::new()));
        if let Node::Map(m) = env {
            m.insert(name.to_owned(), value.into_node());
        }
        self
    }

    /// Sets `test`: the command runs only when this one exits 0.
    #[must_use]
    pub fn test(mut self, test: &str) -> Self {
        self.0.insert("test".into(), test.into());
        self
    }

    /// Sets `ignoreErrors`.
    #[must_use]
    pub fn ignore_errors(mut self) -> Self {
        self.0.insert("ignoreErrors".into(), Node::Bool(true));
        self
    }
}

/// A file of an [`InitConfig`].
#[derive(Clone, Debug, PartialEq)]
pub struct InitFile(BTreeMap<String, Node>);

impl InitFile {
    /// A file with the given content.
    pub fn content(content: impl IntoValue<String>) -> Self {
        InitFile(BTreeMap::from([(
            "content".to_owned(),
            content.into_node(),
        )]))
    }

    /// Sets `mode`, such as `"000644"`.
    #[must_use]
    pub fn mode(mut self, mode: &str) -> Self {
        self.0.insert("mode".into(), mode.into());
        self
    }

    /// Sets `owner`.
    #[must_use]
    pub fn owner(mut self, owner: &str) -> Self {
        self.0.insert("owner".into(), owner.into());
        self
    }

    /// Sets `group`.
    #[must_use]
    pub fn group(mut self, group: &str) -> Self {
        self.0.insert("group".into(), group.into());
        self
    }
}

/// A service of an [`InitConfig`].
#[derive(Clone, Debug, PartialEq)]
pub struct InitService(BTreeMap<String, Node>);

impl InitService {
    /// A service that is enabled at boot and kept running.
    pub fn enabled_and_running() -> Self {
        InitService(BTreeMap::from([
            ("enabled".to_owned(), Node::Bool(true)),
            ("ensureRunning".to_owned(), Node::Bool(true)),
        ]))
    }

    /// Restarts the service when one of these files changes.
    #[must_use]
    pub fn restart_on_files(mut self, files: &[&str]) -> Self {
        let list = files.iter().map(|f| Node::Str((*f).to_owned())).collect();
        self.0.insert("files".into(), Node::List(list));
        self
    }
}
