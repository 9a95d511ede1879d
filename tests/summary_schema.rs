//! `summary.json` follows its published, versioned schema (schema/summary.schema.json),
//! and the schema describes every field orgsphere writes.

mod common;

use common::{Workdir, root};
use serde_json::Value;

fn schema() -> Value {
    let text = std::fs::read_to_string(root().join("schema/summary.schema.json")).unwrap();
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn sample_summary() -> Value {
    let w = Workdir::new();
    let dir = root().join("sample-data");
    w.run(&["analyze", dir.to_str().unwrap(), "--out", "r", "-q"])
        .expect_code(0);
    serde_json::from_str(&w.read("r/summary.json")).unwrap()
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_sample_summary_validates_against_the_schema() {
    let schema = schema();
    jsonschema::draft202012::meta::validate(&schema).expect("a valid draft 2020-12 schema");
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let summary = sample_summary();
    assert_eq!(errors(&validator, &summary), Vec::<String>::new());

    // What a scheduler reads first.
    assert_eq!(summary["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(summary["response_rate"], 0.8562091503);
    let leaders: Vec<&str> = summary["informal_leaders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["employee_id"].as_str().unwrap())
        .collect();
    assert_eq!(leaders, ["E0086", "E0031", "E0134", "E0131"]);

    // The schema can fail: a summary without its response rate, or with a share above 1.
    let mut broken = summary.clone();
    broken.as_object_mut().unwrap().remove("response_rate");
    assert!(!errors(&validator, &broken).is_empty());
    let mut broken = summary;
    broken["alignment"]["ties_up_the_chain"] = 1.5.into();
    assert!(!errors(&validator, &broken).is_empty());
}

/// The schema node that describes `key` inside an object described by `node`.
fn child<'s>(root: &'s Value, node: &'s Value, key: &str) -> Option<&'s Value> {
    let node = resolve(root, node);
    node.get("properties")
        .and_then(|p| p.get(key))
        .or_else(|| node.get("additionalProperties").filter(|a| a.is_object()))
}

fn resolve<'s>(root: &'s Value, node: &'s Value) -> &'s Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => root
            .pointer(r.trim_start_matches('#'))
            .expect("a $ref inside the schema"),
        None => node,
    }
}

/// Every object key in `value` is described in the schema (not merely allowed).
fn undocumented(root: &Value, node: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match child(root, node, key) {
                    Some(sub) => undocumented(root, sub, v, &format!("{path}/{key}"), out),
                    None => out.push(format!("{path}/{key}")),
                }
            }
        }
        Value::Array(items) => {
            if let Some(sub) = resolve(root, node).get("items") {
                for v in items {
                    undocumented(root, sub, v, &format!("{path}/*"), out);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn the_schema_describes_every_field_written() {
    let schema = schema();
    let mut missing = Vec::new();
    undocumented(&schema, &schema, &sample_summary(), "", &mut missing);
    assert!(
        missing.is_empty(),
        "summary.json writes fields that schema/summary.schema.json does not describe: {missing:?}"
    );
}

#[test]
fn a_summary_without_reporting_lines_validates_and_is_described() {
    // Cross & Parker's consultancy: no managers, a level column, formal power by title and
    // by --manager-levels: `org_chart`, `alignment.reason`, `parameters.manager_levels`.
    let schema = schema();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let w = Workdir::new();
    let dir = root().join("tests/data/published/cross_parker_consulting");
    w.run(&[
        "analyze",
        dir.to_str().unwrap(),
        "--manager-levels",
        "1-2",
        "--out",
        "r",
        "-q",
    ])
    .expect_code(0);
    let summary: Value = serde_json::from_str(&w.read("r/summary.json")).unwrap();
    assert!(summary["org_chart"]["level_column"].is_object());
    assert_eq!(errors(&validator, &summary), Vec::<String>::new());
    let mut missing = Vec::new();
    undocumented(&schema, &schema, &summary, "", &mut missing);
    assert!(missing.is_empty(), "undescribed: {missing:?}");
    let mut broken = summary;
    broken["org_chart"]["level_column"]["top"] = "up".into();
    assert!(!errors(&validator, &broken).is_empty());
}

#[test]
fn the_schema_version_matches_the_code() {
    assert_eq!(
        schema()["properties"]["schema_version"]["const"],
        orgsphere::export::SCHEMA_VERSION
    );
}
