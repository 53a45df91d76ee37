//! In-process microbenchmarks for profiling: building the big stack, checking it into a
//! `Template`, rendering JSON, and validating, at 25 (one service set, the size of todobackend),
//! 100 and 500 resources. Run with `cargo bench -p ecs-dsl-bench`; whole-process figures beside
//! the peers come from `bench/run`.

use divan::{Bencher, black_box};
use ecs_dsl::synth::{Format, render};
use ecs_dsl_bench::{SET_SIZE, big_stack};

const SIZES: [usize; 3] = [SET_SIZE, 100, 500];

fn main() {
    divan::main();
}

/// The number of service sets for a resource count.
fn sets(resources: usize) -> usize {
    resources / SET_SIZE
}

/// Writing the stack: the program's own code, builders and `Stack::add`.
#[divan::bench(args = SIZES)]
fn build_stack(bencher: Bencher, resources: usize) {
    bencher.bench(|| big_stack(black_box(sets(resources))));
}

/// `Stack::to_template`: overrides, reference, cycle and limit checks.
#[divan::bench(args = SIZES)]
fn to_template(bencher: Bencher, resources: usize) {
    let stack = big_stack(sets(resources));
    bencher.bench(|| {
        black_box(&stack)
            .to_template()
            .expect("the big stack synthesizes")
    });
}

/// Rendering the checked template as JSON text.
#[divan::bench(args = SIZES)]
fn render_json(bencher: Bencher, resources: usize) {
    let template = big_stack(sets(resources))
        .to_template()
        .expect("the big stack synthesizes");
    bencher.bench(|| render(black_box(&template), Format::Json).expect("renders"));
}

/// Rendering the checked template as YAML text.
#[divan::bench(args = SIZES)]
fn render_yaml(bencher: Bencher, resources: usize) {
    let template = big_stack(sets(resources))
        .to_template()
        .expect("the big stack synthesizes");
    bencher.bench(|| render(black_box(&template), Format::Yaml).expect("renders"));
}

/// Every validation rule over the checked template.
#[divan::bench(args = SIZES)]
fn validate(bencher: Bencher, resources: usize) {
    let template = big_stack(sets(resources))
        .to_template()
        .expect("the big stack synthesizes");
    bencher.bench(|| ecs_dsl::validate::validate(black_box(&template)));
}

/// Everything `big_stack` does before printing: build, check, render.
#[divan::bench(args = SIZES)]
fn synth_end_to_end(bencher: Bencher, resources: usize) {
    bencher.bench(|| {
        let template = big_stack(black_box(sets(resources)))
            .to_template()
            .expect("the big stack synthesizes");
        render(&template, Format::Json).expect("renders")
    });
}
