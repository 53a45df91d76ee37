//! The vendored EC2 instance-type table (validate `ECS023`) is exactly what its script makes from
//! the pinned moto release: rerunning the script gives the committed file, byte for byte.

use std::process::Command;

use ecs_dsl_tests::oracle::{oracle_python, workspace_root};

#[test]
fn regenerating_the_instance_type_table_gives_the_committed_file() {
    let Some(python) = oracle_python() else {
        return;
    };
    let data = workspace_root().join("ecs-dsl/src/validate/data");
    let out = Command::new(python)
        .arg(data.join("instance_types.py"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let committed = std::fs::read_to_string(data.join("instance_types.rs")).unwrap();
    let generated = String::from_utf8(out.stdout).unwrap();
    assert!(
        generated.contains("(\"t3.micro\", 1024, 2)"),
        "{generated:.300}"
    );
    assert!(
        generated == committed,
        "instance_types.rs differs from what instance_types.py makes; rerun the script (see its docstring)"
    );
}
