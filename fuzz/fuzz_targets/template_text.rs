//! Any bytes through the template reader, the structural checks and every rule: no panic.
#![no_main]

use ecs_dsl::template::text;
use ecs_dsl::validate::{check_size, check_structure, template_from_json, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok((json, _)) = text::parse(bytes)
        && let Ok(template) = template_from_json(&json)
    {
        let _ = check_structure(&template);
        let _ = check_size(bytes.len());
        let _ = validate(&template);
    }
});
