//! Task volumes, typed by the launch types that can mount them.

use crate::cfn::ecs::task_definition::{self as cfn_td, HostVolumeProperties};

use super::launch::{Ec2, LaunchType};

/// A task volume any launch type can mount: a task-scoped bind mount, or any volume the
/// generated type describes (EFS, FSx, …).
#[derive(Clone, Debug)]
pub struct Volume(cfn_td::Volume);

/// A bind mount of a directory of the container instance: EC2 only.
#[derive(Clone, Debug)]
pub struct HostVolume(cfn_td::Volume);

/// A Docker volume with a driver and its options: EC2 only.
#[derive(Clone, Debug)]
pub struct DockerVolume(cfn_td::Volume);

impl Volume {
    /// A bind mount of a directory of the container instance (`Host.SourcePath`). Fargate has no
    /// instance to mount from, so a Fargate task definition does not accept it.
    pub fn host(name: &str, source_path: &str) -> HostVolume {
        HostVolume(
            cfn_td::Volume::new()
                .name(name)
                .host(HostVolumeProperties::new().source_path(source_path)),
        )
    }

    /// A volume that lives as long as the task, shared by its containers.
    pub fn task_scoped(name: &str) -> Self {
        Volume(cfn_td::Volume::new().name(name))
    }

    /// A Docker volume with a driver and its options (`DockerVolumeConfiguration`); EC2 only.
    pub fn docker(name: &str, configuration: cfn_td::DockerVolumeConfiguration) -> DockerVolume {
        DockerVolume(
            cfn_td::Volume::new()
                .name(name)
                .docker_volume_configuration(configuration),
        )
    }
}

/// Any volume the generated type can describe (EFS, FSx, …); validate checks what it cannot
/// type (a `Host.SourcePath` on Fargate is `ECS022`).
impl From<cfn_td::Volume> for Volume {
    fn from(volume: cfn_td::Volume) -> Self {
        Volume(volume)
    }
}

/// A volume a task definition of launch type `L` can mount.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a volume of a `{L}` task definition",
    label = "a `{L}` task cannot mount this volume",
    note = "Fargate tasks have no container instance: use `Volume::task_scoped` (or an EFS volume) instead of a host directory or a Docker volume"
)]
pub trait VolumeFor<L: LaunchType> {
    /// The generated volume.
    fn into_cfn(self) -> cfn_td::Volume;
}

impl<L: LaunchType> VolumeFor<L> for Volume {
    fn into_cfn(self) -> cfn_td::Volume {
        self.0
    }
}

impl VolumeFor<Ec2> for HostVolume {
    fn into_cfn(self) -> cfn_td::Volume {
        self.0
    }
}

impl VolumeFor<Ec2> for DockerVolume {
    fn into_cfn(self) -> cfn_td::Volume {
        self.0
    }
}
