//! Typed lookups on a [`Template`]: resources by generated type, by logical ID, by reference.

use super::found::Found;
use super::reference::{self, Reference};
use crate::intrinsic::Resource;
use crate::template::Template;

impl Template {
    /// Every resource of type `R`, by logical ID: `template.resources::<CfnService>()`.
    pub fn resources<R: Resource>(&self) -> Vec<Found<'_, R>> {
        self.resources
            .iter()
            .filter(|(_, r)| r.type_name == R::TYPE)
            .map(|(id, r)| Found::new(id, r))
            .collect()
    }

    /// The number of resources of type `R`.
    pub fn count<R: Resource>(&self) -> usize {
        self.resources
            .values()
            .filter(|r| r.type_name == R::TYPE)
            .count()
    }

    /// The resource with this logical ID, if it is an `R`.
    pub fn resource<R: Resource>(&self, logical_id: &str) -> Option<Found<'_, R>> {
        let (id, r) = self.resources.get_key_value(logical_id)?;
        (r.type_name == R::TYPE).then(|| Found::new(id, r))
    }

    /// The resource a captured reference points at, if it is an `R`.
    pub fn follow<R: Resource>(&self, reference: &Reference) -> Option<Found<'_, R>> {
        self.resource(&reference.target)
    }

    /// The template path of every place that refers to `logical_id` (`Ref`, `Fn::GetAtt`,
    /// `Fn::Sub`, `DependsOn`), in template order; `.len()` counts them.
    pub fn references_to(&self, logical_id: &str) -> Vec<String> {
        reference::references_to(self, logical_id)
    }
}
