//! The baseline of the synth budget: a Rust process that does nothing, built with the same
//! profile as the stack programs, so "synth + validation within 3x of an empty process" compares
//! like with like (process start, dynamic loading and exit are in both).

fn main() {}
