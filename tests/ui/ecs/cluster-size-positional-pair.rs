// `size(min, max)` took two counts in a row, and `size(4, 1)` swapped them silently. Each bound
// is a named setter now (`.min_size(1).max_size(4)`); the pair does not compile.
use ecs_dsl::ecs::{Ec2Cluster, Network};
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let network = Network::new("vpc-1", vec!["subnet-1"]);
    Ec2Cluster::new(&network, "ami-1").size(4, 1).add(&mut stack, "App");
}
