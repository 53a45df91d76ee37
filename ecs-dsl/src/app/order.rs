//! The deploy order of an app, derived from the values its stacks share: every stack after the
//! stacks whose values it uses. Stacks that use each other's values cannot be deployed at all.

use std::collections::{BTreeMap, BTreeSet};

use super::exports::Link;
use super::imports::Use;
use crate::diagnostics::Diagnostic;

/// A stack's index in the app and the indexes of the stacks it must be deployed after.
pub(crate) type Ordered = Vec<(usize, BTreeSet<usize>)>;

/// The stacks in deploy order; among stacks free to go, the one added first goes first.
pub(crate) fn deploy_order(names: &[&str], links: &[Link]) -> Result<Ordered, Box<Diagnostic>> {
    let edges = first_uses(links);
    let mut after: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); names.len()];
    for &(consumer, producer) in edges.keys() {
        after[consumer].insert(producer);
    }
    let mut placed = BTreeSet::new();
    let mut order = Vec::new();
    while order.len() < names.len() {
        let ready = (0..names.len()).find(|i| !placed.contains(i) && after[*i].is_subset(&placed));
        let Some(next) = ready else {
            return Err(Box::new(cycle_error(names, &after, &placed, &edges)));
        };
        placed.insert(next);
        order.push((next, after[next].clone()));
    }
    Ok(order)
}

/// For each (consumer, producer) pair, the first use and the label of the value used.
fn first_uses(links: &[Link]) -> BTreeMap<(usize, usize), (String, &Use)> {
    let mut edges = BTreeMap::new();
    for link in links {
        for u in &link.uses {
            edges
                .entry((u.consumer, link.producer))
                .or_insert_with(|| (link.value.label(), u));
        }
    }
    edges
}

/// The error for the stacks left unplaced: one cycle among them, with a use on every edge.
fn cycle_error(
    names: &[&str],
    after: &[BTreeSet<usize>],
    placed: &BTreeSet<usize>,
    edges: &BTreeMap<(usize, usize), (String, &Use)>,
) -> Diagnostic {
    let cycle = find_cycle(after, placed);
    let steps: Vec<(usize, usize)> = cycle
        .iter()
        .zip(cycle.iter().cycle().skip(1))
        .map(|(&c, &p)| (c, p))
        .collect();
    let describe = |&(c, p): &(usize, usize)| {
        let (label, u) = &edges[&(c, p)];
        format!(
            "stack `{}` uses `{label}` of stack `{}` at {}/{}{}",
            names[c],
            names[p],
            names[c],
            u.path,
            u.location.map(|l| format!(" ({l})")).unwrap_or_default()
        )
    };
    let chain: Vec<&str> = cycle
        .iter()
        .chain(cycle.first())
        .map(|&i| names[i])
        .collect();
    let (_, first_use) = &edges[&steps[0]];
    let mut d = Diagnostic::error(
        "APP002",
        format!("{}/{}", names[steps[0].0], first_use.path),
        format!(
            "the stacks use each other's values, so none of them can be deployed first ({}): {}",
            chain.join(" → "),
            steps.iter().map(describe).collect::<Vec<_>>().join("; ")
        ),
    )
    .help(
        "move the resources one stack uses into the other stack, or into a new stack that both \
         use",
    )
    .at(first_use.location);
    let closing = steps[steps.len() - 1];
    if let Some(location) = edges[&closing].1.location {
        d = d.related(
            format!(
                "stack `{}` uses `{}` of stack `{}`",
                names[closing.0], edges[&closing].0, names[closing.1]
            ),
            location,
        );
    }
    d
}

/// A cycle among the stacks not yet placed (each of which waits on another unplaced stack),
/// starting from the first stack added.
fn find_cycle(after: &[BTreeSet<usize>], placed: &BTreeSet<usize>) -> Vec<usize> {
    let waiting = |i: usize| after[i].iter().copied().find(|p| !placed.contains(p));
    let start = (0..after.len())
        .find(|i| !placed.contains(i))
        .unwrap_or_default();
    let mut path = vec![start];
    let mut at = start;
    while let Some(next) = waiting(at) {
        if let Some(pos) = path.iter().position(|&p| p == next) {
            return path.split_off(pos);
        }
        path.push(next);
        at = next;
    }
    path
}
