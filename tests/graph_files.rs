//! The graph files, opened the way their users' tools open them: GraphML and GEXF parsed
//! as XML (every person with role and pagerank, both layers, GEXF viz on every node), the
//! JSON files parsed, graph.dot rendered by Graphviz, and networkx reading them all
//! (tests/scripts/check_graph_files.py) where Python has networkx.

mod common;

use std::collections::{HashMap, HashSet};
use std::process::Command;

use common::xml::{Element, parse};
use common::{Workdir, read_csv, root};

type Row = HashMap<String, String>;

fn krackhardt(w: &Workdir, extra: &[&str]) -> Vec<Row> {
    let dir = root().join("sample-data/krackhardt");
    let mut args = vec!["analyze", dir.to_str().unwrap(), "--out", "out"];
    args.extend_from_slice(extra);
    w.run(&args).expect_code(0);
    read_csv(&w.read("out/people.csv"))
}

fn managers(people: &[Row]) -> usize {
    people
        .iter()
        .filter(|p| !p["manager_id"].is_empty())
        .count()
}

/// Checks node `id`'s role and pagerank against people.csv.
fn same_as_csv(people: &[Row], id: &str, role: &str, pagerank: &str) {
    let p = people
        .iter()
        .find(|p| p["employee_id"] == id)
        .expect("a person");
    assert_eq!(role, p["role"], "role of {id}");
    let (a, b): (f64, f64) = (pagerank.parse().unwrap(), p["pagerank"].parse().unwrap());
    assert!((a - b).abs() < 1e-12, "pagerank of {id}: {a} vs {b}");
}

#[test]
fn graphml_holds_every_person_and_both_layers() {
    let w = Workdir::new();
    let people = krackhardt(&w, &[]);
    let doc = parse(&w.read("out/graph.graphml"));
    // yEd's graphics keys have no attr.name; every data key does.
    let keys: HashMap<&str, (&str, &str)> = doc
        .all("key")
        .iter()
        .filter_map(|k| Some((k.attr("id")?, (k.attr("attr.name")?, k.attr("attr.type")?))))
        .collect();
    assert_eq!(
        doc.all("y:ShapeNode").len(),
        people.len(),
        "yEd graphics on every node"
    );
    let typed = |name: &str| keys.values().find(|(n, _)| *n == name).unwrap().1;
    assert_eq!(typed("pagerank"), "double");
    assert_eq!(typed("in_degree"), "long");
    assert_eq!(typed("formal_power"), "boolean");
    let nodes = doc.all("node");
    assert_eq!(nodes.len(), people.len());
    for node in nodes {
        let data: HashMap<&str, String> = node
            .all("data")
            .iter()
            .filter_map(|d| Some((keys.get(d.attr("key")?)?.0, d.text.clone())))
            .collect();
        same_as_csv(
            &people,
            node.attr("id").unwrap(),
            &data["role"],
            &data["pagerank"],
        );
    }
    let layers = edge_layers(&doc, "data", |d| {
        keys.get(d.attr("key").unwrap())
            .map_or("yed", |k| k.0)
            .to_string()
    });
    assert_eq!(layers["authority"], managers(&people));
    assert_eq!(layers["influence"], 190, "190 advice ties");
    assert_eq!(
        layers["social"], 102,
        "102 friendship ties, a social question"
    );
}

/// Counts edges per `layer`, checking that influence edges carry a question and weight.
fn edge_layers(
    doc: &Element,
    value_tag: &str,
    name_of: impl Fn(&Element) -> String,
) -> HashMap<String, usize> {
    let mut layers: HashMap<String, usize> = HashMap::new();
    for edge in doc.all("edge") {
        let values: HashMap<String, String> = edge
            .all(value_tag)
            .iter()
            .map(|v| {
                (
                    name_of(v),
                    v.attr("value").map_or(v.text.clone(), str::to_string),
                )
            })
            .collect();
        let layer = values["layer"].clone();
        if layer == "influence" {
            assert!(["advice", "friendship"].contains(&values["question"].as_str()));
            let weight = edge
                .attr("weight")
                .map_or_else(|| values["weight"].clone(), str::to_string);
            assert!(weight.parse::<f64>().unwrap() > 0.0);
        }
        *layers.entry(layer).or_default() += 1;
    }
    layers
}

#[test]
fn gexf_opens_as_a_coloured_laid_out_picture() {
    let w = Workdir::new();
    let people = krackhardt(&w, &[]);
    let doc = parse(&w.read("out/graph.gexf"));
    assert_eq!(doc.name, "gexf");
    assert_eq!(doc.attr("version"), Some("1.3"));
    assert_eq!(doc.attr("xmlns"), Some("http://gexf.net/1.3"));
    let titles: HashMap<&str, &str> = doc
        .all("attribute")
        .iter()
        .map(|a| (a.attr("id").unwrap(), a.attr("title").unwrap()))
        .collect();
    let nodes = doc.all("node");
    assert_eq!(nodes.len(), people.len());
    let mut positions = HashSet::new();
    for node in &nodes {
        let values: HashMap<&str, &str> = node
            .all("attvalue")
            .iter()
            .map(|v| (titles[v.attr("for").unwrap()], v.attr("value").unwrap()))
            .collect();
        let id = node.attr("id").unwrap();
        same_as_csv(&people, id, values["role"], values["pagerank"]);
        let color = node
            .child("viz:color")
            .unwrap_or_else(|| panic!("{id} has no colour"));
        let rgb: Vec<u8> = ["r", "g", "b"]
            .iter()
            .map(|c| color.attr(c).unwrap().parse().unwrap())
            .collect();
        assert_eq!(rgb.len(), 3);
        let pos = node
            .child("viz:position")
            .unwrap_or_else(|| panic!("{id} has no position"));
        let xy: Vec<f64> = ["x", "y"]
            .iter()
            .map(|c| pos.attr(c).unwrap().parse().unwrap())
            .collect();
        assert!(
            positions.insert(format!("{xy:?}")),
            "{id} shares a position"
        );
        let size: f64 = node
            .child("viz:size")
            .unwrap()
            .attr("value")
            .unwrap()
            .parse()
            .unwrap();
        assert!((6.0..=30.0).contains(&size));
    }
    // The CEO (7) is at the top of the picture, the vice presidents one level down.
    let y_of = |id: &str| -> f64 {
        let n = nodes.iter().find(|n| n.attr("id") == Some(id)).unwrap();
        n.child("viz:position")
            .unwrap()
            .attr("y")
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(y_of("7") > y_of("2") && y_of("2") > y_of("1"));
    let layers = edge_layers(&doc, "attvalue", |v| v.attr("for").unwrap().to_string());
    assert_eq!(layers["authority"], managers(&people));
    assert_eq!(layers["influence"], 190);
    assert_eq!(layers["social"], 102);
    // A small organisation's edges have their own look: influence dashed, authority solid,
    // a social question (friendship) dotted.
    let shapes: HashSet<&str> = doc
        .all("edge")
        .iter()
        .map(|e| e.child("viz:shape").unwrap().attr("value").unwrap())
        .collect();
    assert_eq!(shapes, HashSet::from(["solid", "dashed", "dotted"]));
}

#[test]
fn json_files_parse_with_every_person_and_edge() {
    let w = Workdir::new();
    let people = krackhardt(&w, &[]);
    let d3: serde_json::Value = serde_json::from_str(&w.read("out/graph.json")).unwrap();
    assert_eq!(d3["directed"], true);
    assert_eq!(d3["nodes"].as_array().unwrap().len(), people.len());
    let links = d3["links"].as_array().unwrap();
    assert_eq!(links.len(), managers(&people) + 292);
    let node = &d3["nodes"][0];
    assert!(
        node["in_degree"].is_u64()
            && node["pagerank"].is_f64()
            && node["formal_power"].is_boolean()
    );
    assert!(node["x"].is_number() && node["color"].as_str().unwrap().starts_with('#'));
    assert!(
        links
            .iter()
            .all(|l| l["source"].is_string() && l["target"].is_string())
    );
    let cy: serde_json::Value = serde_json::from_str(&w.read("out/graph.cyjs")).unwrap();
    let nodes = cy["elements"]["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), people.len());
    assert!(
        nodes
            .iter()
            .all(|n| n["data"]["id"].is_string() && n["position"]["y"].is_number())
    );
    let edges = cy["elements"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), links.len());
    let ids: HashSet<&str> = nodes
        .iter()
        .map(|n| n["data"]["id"].as_str().unwrap())
        .collect();
    assert!(
        edges
            .iter()
            .all(|e| ids.contains(e["data"]["source"].as_str().unwrap()))
    );
}

fn have(tool: &str, probe: &[&str]) -> bool {
    let ok = Command::new(tool)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "\n!!! SKIPPED: `{tool}` is not installed, so this check did not run. Install it (Debian: see the test) to run it.\n"
        );
    }
    ok
}

/// Renders `file` with Graphviz's dot to SVG and returns the SVG.
fn render_dot(w: &Workdir, file: &str) -> Option<String> {
    if !have("dot", &["-V"]) {
        return None;
    }
    let out = Command::new("dot")
        .args(["-Tsvg", file])
        .current_dir(w.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "dot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn dot_draws_the_org_chart_with_influence_overlaid() {
    let w = Workdir::new();
    krackhardt(&w, &[]);
    let dot = w.read("out/graph.dot");
    assert!(dot.starts_with("digraph orgsphere {"));
    assert!(dot.contains("rankdir=TB"));
    assert!(dot.contains("\"7\" -> \"2\";"), "authority edge CEO → VP");
    assert!(dot.contains("style=dashed") && dot.contains("constraint=false"));
    // apt-get install graphviz
    if let Some(svg) = render_dot(&w, "out/graph.dot") {
        assert_eq!(
            parse(&svg)
                .all("g")
                .iter()
                .filter(|g| g.attr("class") == Some("node"))
                .count(),
            21
        );
    }
}

#[test]
fn a_large_chart_is_condensed_into_departments_and_a_subtree_can_be_chosen() {
    let w = Workdir::new();
    let dir = root().join("sample-data");
    w.run(&["analyze", dir.to_str().unwrap(), "--out", "out"])
        .expect_code(0);
    let dot = w.read("out/graph.dot");
    assert!(dot.contains("subgraph cluster_0 {") && dot.contains("Condensed:"));
    // Every informal leader is drawn and highlighted.
    let people = read_csv(&w.read("out/people.csv"));
    for p in people.iter().filter(|p| p["role"] == "informal-leader") {
        assert!(
            dot.contains(&format!("\"{}\" [label=", p["employee_id"])),
            "{} drawn",
            p["employee_id"]
        );
    }
    assert!(dot.contains("fillcolor=\"#d55e00\""));
    w.run(&[
        "analyze",
        dir.to_str().unwrap(),
        "--out",
        "team",
        "--formats",
        "dot",
        "--dot-root",
        "E0092",
    ])
    .expect_code(0);
    let team = w.read("team/graph.dot");
    assert!(team.contains("Subtree of E0092") && !team.contains("Condensed"));
    assert!(
        !team.contains("\"E0001\""),
        "the CEO is outside the subtree"
    );
    let err = w.run(&[
        "analyze",
        dir.to_str().unwrap(),
        "--out",
        "x",
        "--dot-root",
        "E9999",
    ]);
    err.expect_code(64);
    assert!(err.stderr.contains("--dot-root \"E9999\""));
    for file in ["out/graph.dot", "team/graph.dot"] {
        render_dot(&w, file);
    }
}

#[test]
fn networkx_reads_the_graph_files() {
    let w = Workdir::new();
    krackhardt(&w, &[]);
    // pip install networkx (tests/data/networkx_reference.py needs it too)
    if !have("python3", &["-c", "import networkx"]) {
        return;
    }
    let script = root().join("tests/scripts/check_graph_files.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(w.join("out"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("graph.gexf: 21 people") && stdout.ends_with("OK\n"),
        "{stdout}"
    );
}

#[test]
fn the_layout_puts_everyone_apart_and_managers_above_their_reports() {
    let w = Workdir::new();
    let dir = root().join("sample-data");
    w.run(&[
        "analyze",
        dir.to_str().unwrap(),
        "--out",
        "out",
        "--formats",
        "json",
    ])
    .expect_code(0);
    let d3: serde_json::Value = serde_json::from_str(&w.read("out/graph.json")).unwrap();
    let nodes = d3["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 306);
    let at: HashMap<&str, (f64, f64)> = nodes
        .iter()
        .map(|n| {
            let id = n["id"].as_str().unwrap();
            (id, (n["x"].as_f64().unwrap(), n["y"].as_f64().unwrap()))
        })
        .collect();
    let distinct: HashSet<String> = at.values().map(|p| format!("{p:?}")).collect();
    assert_eq!(distinct.len(), 306, "two people share a position");
    for n in nodes {
        if let Some(m) = n["manager_id"].as_str() {
            let (me, boss) = (at[n["id"].as_str().unwrap()], at[m]);
            assert!(me.1 > boss.1, "{} is not below their manager {m}", n["id"]);
        }
    }
    // The picture is laid out, not piled up: it spans many slots across and levels down.
    let (xs, ys): (Vec<f64>, Vec<f64>) = at.values().copied().unzip();
    let span = |v: &[f64]| {
        v.iter().cloned().fold(f64::MIN, f64::max) - v.iter().cloned().fold(f64::MAX, f64::min)
    };
    assert!(span(&xs) > 40.0 * 30.0 && span(&ys) >= 120.0 * 4.0);
}

/// A `--dot-root` nobody has is said before the analysis, right after the data are
/// checked: no stage of the analysis runs (on a large organisation, minutes of work), and
/// no folder is written. Under `--pseudonymize` a person's pseudonym names them too.
#[test]
fn an_unknown_dot_root_stops_the_run_before_the_analysis() {
    use std::sync::Mutex;

    use orgsphere::progress::Progress;

    /// The stages a run began.
    #[derive(Default)]
    struct Stages(Mutex<Vec<String>>);
    impl Progress for Stages {
        fn begin(&self, stage: &str) {
            self.0.lock().unwrap().push(stage.to_string());
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let inputs = orgsphere::Options::inputs_from_dir(&root().join("sample-data")).unwrap();
    let mut options = orgsphere::Options::new(inputs, dir.path().join("out"));
    options.output.formats = orgsphere::options::Format::parse_list("dot").unwrap();
    let key = orgsphere::options::Key::new("a-key-for-the-dot-root-test").unwrap();
    let pseudonym = orgsphere::export::privacy::pseudonym(&key, "E0092");
    for (root, pseudonymize, known) in [
        ("E9999", None, false),
        ("E0092", None, true),
        ("p_0123456789abcdef", Some(key.clone()), false),
        (pseudonym.as_str(), Some(key.clone()), true),
    ] {
        options.output.dot_root = Some(root.to_string());
        options.output.pseudonymize = pseudonymize;
        let stages = Stages::default();
        let result = orgsphere::analyze_with(&options, &stages);
        let stages = stages.0.into_inner().unwrap();
        if known {
            assert!(result.is_ok(), "{root}: {:?}", result.err());
            assert!(stages.iter().any(|s| s == "build graph"), "{stages:?}");
            continue;
        }
        let err = result.expect_err("an unknown --dot-root fails");
        assert_eq!(err.exit_code(), 64);
        assert!(
            err.to_string().contains(&format!("--dot-root {root:?}")),
            "{err}"
        );
        assert_eq!(stages, ["read inputs", "validate"], "{root}");
    }
}
