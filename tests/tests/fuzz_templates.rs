//! Bounded, seeded fuzzing in the test command: mutated templates (JSON and YAML) and parameter
//! files go through the reader, the structural checks and every rule, and each must end in a
//! value or an error, never a panic. Compose files have their own run (`compose_fuzz.rs`); the
//! `fuzz/` folder holds the same targets for longer runs with cargo-fuzz.

use std::panic::{AssertUnwindSafe, catch_unwind};

use ecs_dsl::template::parameters_file::{check_values, read_values};
use ecs_dsl::template::text;
use ecs_dsl::validate::{check_size, check_structure, template_from_json, validate};

const CASES_PER_SEED: usize = 300;

const SEEDS: &[&str] = &[
    r#"{"Parameters": {"P": {"Type": "Number", "MinValue": 1}}, "Conditions": {"C": {"Fn::Equals": [{"Ref": "P"}, "1"]}}, "Resources": {"A": {"Type": "AWS::SNS::Topic", "Condition": "C", "DependsOn": ["B"], "Properties": {"TopicName": {"Fn::Sub": ["${x}-${B.TopicName}", {"x": {"Ref": "AWS::Region"}}]}}}, "B": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::If": ["C", {"Fn::Join": ["-", ["a", {"Fn::Select": [0, {"Fn::GetAZs": ""}]}]]}, {"Ref": "AWS::NoValue"}]}}}}, "Outputs": {"O": {"Value": {"Fn::GetAtt": "A.TopicArn"}, "Export": {"Name": "x"}}}}"#,
    "Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Image: !Sub '${AWS::AccountId}.dkr.ecr/${Repo}'\n          Memory: 512\n          PortMappings: [{ContainerPort: 8000}]\n  Repo:\n    Type: AWS::ECR::Repository\nOutputs:\n  R: {Value: !GetAtt Repo.Arn}\n",
    r#"{"Parameters": {"Count": "1", "Name": "x"}}"#,
    r#"[{"ParameterKey": "Count", "ParameterValue": "2"}, {"ParameterKey": "Name", "UsePreviousValue": true}, "K=V"]"#,
];

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "!Ref ",
    "!Sub ",
    "!GetAtt ",
    "&a ",
    "*a",
    "<<: ",
    "- ",
    "\n",
    "\t",
    "${",
    "}",
    "Fn::",
    "Ref",
    "NaN",
    "1e999",
    "\u{feff}",
    "\u{2028}",
    "---\n",
    "\"Fn::Sub\": \"${Nope.Arn}\"",
    "\"DependsOn\": \"A\"",
    "é",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(seed: &str, rng: &mut Rng) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 => {
                let end = (at + rng.below(8)).min(bytes.len());
                bytes.drain(at..end);
            }
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            2 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] = rng.next() as u8;
            }
            _ => {
                let start = rng.below(bytes.len());
                let end = (start + rng.below(40)).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(at..at, copy);
            }
        }
    }
    bytes
}

/// Everything a file goes through, as the tool's `validate` and `--params` do.
fn run_all(bytes: &[u8]) {
    let Ok((json, _)) = text::parse(bytes) else {
        return;
    };
    if let Ok(template) = template_from_json(&json) {
        let _ = check_structure(&template);
        let _ = check_size(bytes.len());
        let _ = validate(&template);
        if let Ok(values) = read_values(&json) {
            let _ = check_values(&template, &values);
        }
    }
    if let Ok(values) = read_values(&json) {
        let _ = check_values(&Default::default(), &values);
    }
}

#[test]
fn mutated_templates_and_parameter_files_never_panic() {
    let mut panics = Vec::new();
    for (n, seed) in SEEDS.iter().enumerate() {
        let mut rng = Rng(0x5EED_0000 + n as u64 * 7919);
        for case in 0..CASES_PER_SEED {
            let input = mutate(seed, &mut rng);
            if catch_unwind(AssertUnwindSafe(|| run_all(&input))).is_err() {
                panics.push(format!(
                    "seed {n} case {case}: {:?}",
                    String::from_utf8_lossy(&input)
                ));
            }
        }
    }
    assert!(
        panics.is_empty(),
        "{} panics:\n{}",
        panics.len(),
        panics.join("\n")
    );
}

#[test]
fn the_seeds_themselves_are_read() {
    for seed in SEEDS {
        assert!(text::parse(seed.as_bytes()).is_ok(), "{seed}");
    }
}
