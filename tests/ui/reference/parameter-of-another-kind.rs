// A `List<AWS::EC2::Subnet::Id>` parameter cannot stand where a VPC ID is expected.
use ecs_dsl::cfn::ec2::CfnSecurityGroup;
use ecs_dsl::cfn::ec2::security_group::CfnSecurityGroupRequired;
use ecs_dsl::cfn::ec2::subnet::SubnetId;
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let subnets: Parameter<Vec<SubnetId>> = stack.parameter("Subnets", ParameterSpec::new());
    stack.add("Group", CfnSecurityGroup::new(CfnSecurityGroupRequired { group_description: "web" }).vpc_id(&subnets));
}
