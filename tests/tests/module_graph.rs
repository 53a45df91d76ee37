//! The hand-written top-level modules of ecs-dsl depend on each other one way only (the
//! direction ARCHITECTURE.md states): no import cycle, such as `template` ↔ `intrinsic` or
//! `template` → `stack` → `template`, may come back.
//!
//! The graph is read from the source: every `crate::module` path (in `use` lines and inline
//! paths, grouped `crate::{a, b}` imports, `$crate::` in macros, `super::` chains that climb to
//! the crate root) outside comments. A name re-exported at the crate root (`crate::Stack`) counts
//! as its module. The generated `cfn/` and the crate root itself are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Module → module it imports → where (the first `file:line` that does).
type Graph = BTreeMap<String, BTreeMap<String, String>>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ecs-dsl/src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file: `validate/structure/names.rs` → `[validate, structure, names]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without comment lines and trailing comments (doc links are not imports).
fn code_lines(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(i, line)| {
            let code = line.find(" // ").map_or(line, |at| &line[..at]);
            (i + 1, code.to_owned())
        })
        .collect()
}

/// The first identifiers of the items of a `{…}` group starting at `text[0] == '{'`, which may
/// span lines (rustfmt breaks long `use` groups).
fn group_heads(text: &str) -> Vec<String> {
    let mut depth = 0;
    let mut items = vec![String::new()];
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 1 => break,
            '}' => depth -= 1,
            ',' if depth == 1 => items.push(String::new()),
            _ if depth >= 1 => items.last_mut().expect("one item").push(c),
            _ => {}
        }
    }
    items
        .iter()
        .filter_map(|item| {
            let head: String = item
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!head.is_empty()).then_some(head)
        })
        .collect()
}

fn ident_at(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The names each path of a file reaches at the crate root, with their line numbers.
fn root_names(text: &str, module: &[String]) -> Vec<(usize, String)> {
    let lines = code_lines(text);
    let joined: String = lines.iter().map(|(_, l)| format!("{l}\n")).collect();
    let line_of = |offset: usize| lines[joined[..offset].matches('\n').count()].0;
    let mut found = Vec::new();
    let mut record = |offset: usize, rest: &str| {
        if rest.starts_with('{') {
            found.extend(group_heads(rest).into_iter().map(|n| (line_of(offset), n)));
        } else {
            found.push((line_of(offset), ident_at(rest)));
        }
    };
    for (at, _) in joined.match_indices("crate::") {
        let before = joined[..at].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        record(at, &joined[at + "crate::".len()..]);
    }
    // `super::super::x` from a file `depth` modules deep reaches the root after `depth` supers.
    let supers = "super::".repeat(module.len());
    for (at, _) in joined.match_indices(&supers) {
        let before = joined[..at].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        record(at, &joined[at + supers.len()..]);
    }
    found
}

/// `pub use module::{A, B}` / `pub use module::A` at the crate root: name → module.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for (_, line) in code_lines(lib) {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let module = ident_at(rest);
        let after = rest[module.len()..].trim_start_matches("::");
        let names = if after.starts_with('{') {
            group_heads(after)
        } else {
            vec![ident_at(after)]
        };
        for name in names {
            map.insert(name, module.clone());
        }
    }
    map
}

fn module_graph() -> Graph {
    let src = src();
    let lib = fs::read_to_string(src.join("lib.rs")).expect("ecs-dsl/src/lib.rs");
    let reexports = root_reexports(&lib);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| module_path(f.strip_prefix(&src).expect("under src"))[0].clone())
        .filter(|m| m != "lib")
        .collect();
    let mut graph = Graph::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src");
        let path = module_path(relative);
        let from = &path[0];
        if from == "lib" || from == "cfn" {
            continue;
        }
        let text = fs::read_to_string(file).expect("readable source");
        let node = graph.entry(from.clone()).or_default();
        for (line, name) in root_names(&text, &path) {
            let to = if modules.contains(&name) {
                name
            } else if let Some(module) = reexports.get(&name) {
                module.clone()
            } else {
                continue;
            };
            if &to != from {
                node.entry(to)
                    .or_insert_with(|| format!("{}:{line}", relative.display()));
            }
        }
    }
    graph
}

/// One cycle of the graph, as the modules along it (first repeated last), if there is any.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        done: &mut BTreeSet<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flat_map(|edges| edges.keys()) {
            if let Some(cycle) = visit(next, graph, done, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

fn describe(cycle: &[String], graph: &Graph) -> String {
    cycle
        .windows(2)
        .map(|pair| {
            format!(
                "  {} -> {}  ({})",
                pair[0], pair[1], graph[&pair[0]][&pair[1]]
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn hand_written_modules_import_each_other_one_way() {
    let graph = module_graph();
    // The reader works: it sees the modules and the edges ARCHITECTURE.md names.
    assert!(graph.len() > 15, "too few modules read: {:?}", graph.keys());
    assert!(
        graph["template"].contains_key("intrinsic"),
        "template builds on intrinsic"
    );
    assert!(
        graph["stack"].contains_key("template"),
        "stack assembles a template"
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "import cycle between modules of ecs-dsl (see ARCHITECTURE.md for the direction):\n{}",
            describe(&cycle, &graph)
        );
    }
}

#[test]
fn the_cycle_finder_reports_a_cycle_through_a_reexport() {
    let lib = "pub use stack::Stack;\npub use intrinsic::{Func, Handle};\n";
    let reexports = root_reexports(lib);
    assert_eq!(reexports["Stack"], "stack");
    assert_eq!(reexports["Handle"], "intrinsic");
    let text = "//! see [`crate::stack`]\nuse crate::{\n    intrinsic::Node,\n    Stack,\n};\nfn f(s: &super::super::Stack) {}\n";
    let names: Vec<String> = root_names(text, &["template".into(), "parameter".into()])
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    assert_eq!(names, ["intrinsic", "Stack", "Stack"]);
    let mut graph = Graph::new();
    let edge = |to: &str| BTreeMap::from([(to.to_owned(), "x.rs:1".to_owned())]);
    graph.insert("template".into(), edge("stack"));
    graph.insert("stack".into(), edge("synth"));
    graph.insert("synth".into(), BTreeMap::new());
    assert_eq!(find_cycle(&graph), None);
    graph.insert("synth".into(), edge("template"));
    let cycle = find_cycle(&graph).expect("a cycle");
    assert_eq!(cycle, ["stack", "synth", "template", "stack"]);
    assert!(describe(&cycle, &graph).contains("synth -> template  (x.rs:1)"));
}
