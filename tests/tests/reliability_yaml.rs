//! YAML output reads back as the JSON output, for any string: a seeded property test with our
//! reader as the oracle, and one batch through cfn-lint's own YAML decoder.

use std::process::Command;

use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::prelude::*;
use ecs_dsl::synth::{Format, render};
use ecs_dsl::template::text;
use ecs_dsl_tests::oracle::{ScratchDir, oracle_python, oracles_required};
use serde_json::Value as Json;

/// A small deterministic generator (xorshift), so a failure is reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Characters YAML treats specially, then any character at all.
const SPECIAL: &[char] = &[
    '\n', '\r', '\t', ' ', '#', ':', '-', '?', '|', '>', '!', '&', '*', '"', '\'', '\\', '{', '}',
    '[', ']', ',', '%', '@', '`', '~', '\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{80}', '\u{85}',
    '\u{a0}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{fffe}', '\u{ffff}', 'é', '日', '😀',
];

fn arbitrary_string(rng: &mut Rng) -> String {
    let len = rng.below(12);
    (0..len)
        .map(|_| match rng.below(4) {
            0 => SPECIAL[rng.below(SPECIAL.len())],
            1 => char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('x'),
            2 => ['y', 'n', 'N', 'o', '1', '0', '.', 'e', 'a'][rng.below(9)],
            _ => char::from(b' ' + rng.below(95) as u8),
        })
        .collect()
}

/// JSON and YAML text of a stack holding the strings as property values and a description.
fn both_formats(strings: &[String]) -> (String, String) {
    let mut stack = Stack::new();
    stack.description(&strings.concat());
    for (i, s) in strings.iter().enumerate() {
        stack.add(
            &format!("Logs{i}"),
            CfnLogGroup::new().log_group_name(s.as_str()),
        );
    }
    let template = stack.to_template().expect("a valid stack");
    (
        render(&template, Format::Json).unwrap(),
        render(&template, Format::Yaml).unwrap(),
    )
}

#[test]
fn yaml_output_reads_back_equal_to_json_for_arbitrary_strings() {
    for seed in 1..=400u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let strings: Vec<String> = (0..4).map(|_| arbitrary_string(&mut rng)).collect();
        let (json, yaml) = both_formats(&strings);
        let expected: Json = serde_json::from_str(&json).unwrap();
        let (read, _) = text::parse(yaml.as_bytes())
            .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{strings:?}\n{yaml}"));
        assert_eq!(read, expected, "seed {seed}: {strings:?}\n{yaml}");
    }
}

#[test]
fn cfn_lint_decodes_our_yaml_as_our_json() {
    let Some(python) = oracle_python() else {
        assert!(!oracles_required(), "python with cfn-lint is required");
        return;
    };
    let dir = ScratchDir::new("yaml-oracle");
    let mut rng = Rng(0xC0FF_EE00_D15E_A5E5);
    let strings: Vec<String> = (0..60).map(|_| arbitrary_string(&mut rng)).collect();
    let (json, yaml) = both_formats(&strings);
    let json_file = dir.write("t.json", &json);
    let yaml_file = dir.write("t.yaml", &yaml);
    let script = "import json, sys\nfrom cfnlint.decode import cfn_yaml, cfn_json\na = cfn_yaml.load(sys.argv[1])\nb = cfn_json.load(sys.argv[2])\nsys.exit(0 if json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True) else 3)\n";
    let out = Command::new(python)
        .args(["-c", script])
        .arg(&yaml_file)
        .arg(&json_file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cfn-lint reads our YAML differently: {}\n{yaml}",
        String::from_utf8_lossy(&out.stderr)
    );
}
