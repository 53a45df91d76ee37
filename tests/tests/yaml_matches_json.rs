//! The YAML each example prints describes the same template as its JSON, as CloudFormation
//! reads them: cfn-lint's own template decoder (short-form tags included) turns both into data.

use std::process::Command;

use ecs_dsl::synth::Format;
use ecs_dsl_tests::oracle::{ScratchDir, example_template, oracle_python, oracles_required};

/// Prints a template file as JSON data, decoded the way cfn-lint reads templates.
const DECODE: &str = "import json, sys\nfrom cfnlint.decode import decode\ntemplate, matches = decode(sys.argv[1])\nif matches:\n    sys.exit(str(matches))\nprint(json.dumps(template, sort_keys=True))\n";

#[test]
fn yaml_and_json_decode_to_the_same_template() {
    let Some(python) = oracle_python() else {
        assert!(
            !oracles_required(),
            "ECS_DSL_ORACLES=1 but the project venv's python is missing"
        );
        eprintln!("SKIPPED: no oracle python (run ./scripts/test to install cfn-lint)");
        return;
    };
    let dir = ScratchDir::new("yaml-json");
    for name in ["todobackend", "fargate_web_app"] {
        let decoded: Vec<serde_json::Value> = [(Format::Json, "json"), (Format::Yaml, "yaml")]
            .into_iter()
            .map(|(format, ext)| {
                let file = dir.write(&format!("{name}.{ext}"), &example_template(name, format));
                let out = Command::new(&python)
                    .args(["-c", DECODE])
                    .arg(&file)
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "decoding {}: {}",
                    file.display(),
                    String::from_utf8_lossy(&out.stderr)
                );
                serde_json::from_slice(&out.stdout).unwrap()
            })
            .collect();
        assert_eq!(decoded[0], decoded[1], "{name}: YAML and JSON differ");
    }
}
