//! `diff` compares meaning: the todobackend template against the same template written the
//! way a hand port writes it (Fn::Sub for references, strings for numbers and booleans, floats,
//! DependsOn in another order) shows no change, and a real replacement in the same pair shows as
//! exactly one, marked down to the nested property.

use ecs_dsl::cfn::replacement::{Replacement, replacement_at};
use ecs_dsl::diff::{Change, Segment, diff_templates, path_text, resolve_parameters};
use ecs_dsl::synth::Format;
use ecs_dsl_tests::oracle::example_template;
use serde_json::{Value as Json, json};

fn todobackend() -> Json {
    serde_json::from_str(&example_template("todobackend", Format::Json)).unwrap()
}

/// The same meaning, other spellings: every equivalence `diff` knows, applied everywhere.
fn respelled(value: &Json, counter: &mut usize) -> Json {
    *counter += 1;
    match value {
        Json::Object(map) if map.len() == 1 && map.contains_key("Ref") => {
            let name = map["Ref"].as_str().unwrap();
            json!({ "Fn::Sub": format!("${{{name}}}") })
        }
        Json::Object(map) if map.len() == 1 && map.contains_key("Fn::GetAtt") => {
            let parts = map["Fn::GetAtt"].as_array().unwrap();
            let (r, a) = (parts[0].as_str().unwrap(), parts[1].as_str().unwrap());
            // Both the one-reference Sub and the dotted GetAtt string.
            if counter.is_multiple_of(2) {
                json!({ "Fn::Sub": format!("${{{r}.{a}}}") })
            } else {
                json!({ "Fn::GetAtt": format!("{r}.{a}") })
            }
        }
        Json::Object(map) => Json::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = if k == "DependsOn" {
                        reordered(v)
                    } else {
                        respelled(v, counter)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Json::Array(items) => Json::Array(items.iter().map(|v| respelled(v, counter)).collect()),
        Json::Number(n) if counter.is_multiple_of(2) => Json::String(n.to_string()),
        Json::Number(n) => json!(n.as_f64().unwrap()),
        Json::Bool(b) => Json::String(b.to_string()),
        other => other.clone(),
    }
}

fn reordered(depends_on: &Json) -> Json {
    match depends_on {
        Json::Array(items) => Json::Array(items.iter().rev().cloned().collect()),
        one => json!([one]),
    }
}

/// How many values of each kind `respelled` changes, so the test proves it exercised them.
fn count(value: &Json, what: &mut [usize; 4]) {
    match value {
        Json::Object(map) => {
            if map.contains_key("Ref") || map.contains_key("Fn::GetAtt") {
                what[0] += 1;
            }
            if let Some(Json::Array(d)) = map.get("DependsOn") {
                what[3] += usize::from(d.len() > 1);
            }
            map.values().for_each(|v| count(v, what));
        }
        Json::Array(items) => items.iter().for_each(|v| count(v, what)),
        Json::Number(_) => what[1] += 1,
        Json::Bool(_) => what[2] += 1,
        _ => {}
    }
}

#[test]
fn the_same_template_written_differently_has_no_changes() {
    let template = todobackend();
    let mut kinds = [0; 4];
    count(&template, &mut kinds);
    assert!(
        kinds.iter().all(|&n| n > 0),
        "the example must hold references, numbers, booleans and a multi-item DependsOn: {kinds:?}"
    );
    let port = respelled(&template, &mut 0);
    assert_ne!(port, template);
    let changes = diff_templates(&template, &port);
    assert_eq!(changes, [], "{}", lines(&changes));
}

#[test]
fn a_real_replacement_among_the_respellings_is_reported_once() {
    let template = todobackend();
    let mut port = respelled(&template, &mut 0);
    let (id, index) = task_definition_with_image(&port);
    port["Resources"][&id]["Properties"]["ContainerDefinitions"][index]["Image"] =
        json!("registry.example/todobackend:v2");
    let changes = diff_templates(&template, &port);
    assert_eq!(
        changes,
        [Change::Property {
            id: id.clone(),
            type_name: "AWS::ECS::TaskDefinition".into(),
            path: vec![
                Segment::Key("ContainerDefinitions".into()),
                Segment::Index(index),
                Segment::Key("Image".into())
            ],
            replacement: Some(Replacement::Always),
        }],
        "{}",
        lines(&changes)
    );
    assert_eq!(
        changes[0].to_string(),
        format!("~ {id}.Properties.ContainerDefinitions[{index}].Image [replacement]")
    );
    let json = ecs_dsl::diff::to_json(&changes);
    assert_eq!(json["replacedResources"], json!([id]));
    assert_eq!(json["changes"][0]["replacement"], "always");
}

#[test]
fn a_new_parameter_value_shows_where_it_lands() {
    let template = todobackend();
    let name = "ApplicationImageTag";
    assert!(
        template["Parameters"].get(name).is_some(),
        "{}",
        template["Parameters"]
    );
    let values = |tag: &str| [(name.to_owned(), tag.to_owned())].into_iter().collect();
    let old = resolve_parameters(&template, &values("5fdbe62"));
    let new = resolve_parameters(&template, &values("6a0b1c2"));
    let changes = diff_templates(&old, &new);
    let (id, index) = task_definition_with_image(&template);
    let expected = format!("~ {id}.Properties.ContainerDefinitions[{index}].Image [replacement]");
    assert!(lines(&changes).contains(&expected), "{}", lines(&changes));
    assert!(
        changes.iter().all(|c| c.resource_id().is_some()),
        "{}",
        lines(&changes)
    );
}

#[test]
fn nested_properties_carry_their_own_replacement_marks() {
    // Top level: the whole list replaces the task definition.
    let image = ["ContainerDefinitions", "0", "Image"];
    assert_eq!(
        replacement_at("AWS::ECS::TaskDefinition", &image),
        Some(Replacement::Always)
    );
    // An updatable property whose nested property replaces: the nested mark wins.
    let (type_name, path) = updatable_parent_with_replacing_child();
    let top = replacement_at(type_name, &path[..1]);
    assert_eq!(top, Some(Replacement::Never), "{type_name} {path:?}");
    assert_eq!(
        replacement_at(type_name, &path),
        Some(Replacement::Always),
        "{path:?}"
    );
    // A list of nested types: the index is skipped on the way down.
    assert_eq!(
        replacement_at(
            "AWS::ECS::Service",
            &["LoadBalancers", "0", "ContainerPort"]
        ),
        Some(Replacement::Never)
    );
    assert_eq!(
        replacement_at("AWS::ECS::Service", &["DesiredCount"]),
        Some(Replacement::Never)
    );
    assert_eq!(replacement_at("AWS::No::Such", &["X"]), None);
}

/// A property path in the vendored specification whose top-level property updates in place and
/// whose nested property replaces the resource.
fn updatable_parent_with_replacing_child() -> (&'static str, Vec<&'static str>) {
    (
        "AWS::EC2::EC2Fleet",
        vec!["TargetCapacitySpecification", "DefaultTargetCapacityType"],
    )
}

fn task_definition_with_image(template: &Json) -> (String, usize) {
    let resources = template["Resources"].as_object().unwrap();
    for (id, r) in resources {
        if r["Type"] != "AWS::ECS::TaskDefinition" {
            continue;
        }
        let containers = r["Properties"]["ContainerDefinitions"].as_array().unwrap();
        if let Some(i) = containers.iter().position(|c| c.get("Image").is_some()) {
            return (id.clone(), i);
        }
    }
    panic!("no task definition with an image")
}

fn lines(changes: &[Change]) -> String {
    changes.iter().map(|c| format!("{c}\n")).collect()
}

#[test]
fn paths_print_with_indexes() {
    let path = [
        Segment::Key("A".into()),
        Segment::Index(2),
        Segment::Key("B".into()),
    ];
    assert_eq!(path_text(&path), "A[2].B");
}
