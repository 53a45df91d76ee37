//! Any bytes read as a parameter file and checked against an empty template: no panic.
#![no_main]

use ecs_dsl::template::parameters_file::{check_values, read_values};
use ecs_dsl::template::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok((json, _)) = text::parse(bytes)
        && let Ok(values) = read_values(&json)
    {
        let _ = check_values(&Default::default(), &values);
    }
});
