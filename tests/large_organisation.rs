//! An organisation above `LARGE_ORGANISATION` people: the default format set leaves out
//! the browser files (graph.cyjs, graph.json) and says so once, GraphML leaves out yEd's
//! drawing hints but keeps every attribute, and formats named in `--formats` are written.

mod common;

use common::Workdir;
use orgsphere::options::LARGE_ORGANISATION;
use serde_json::Value;

fn graph_files(w: &Workdir, dir: &str) -> Value {
    let summary: Value = serde_json::from_str(&w.read(&format!("{dir}/summary.json"))).unwrap();
    summary["graph_files"].clone()
}

#[test]
fn browser_files_are_left_out_above_the_limit_unless_named() {
    let w = Workdir::new();
    let people = (LARGE_ORGANISATION + 1).to_string();
    w.run(&["generate", "--people", &people, "--out", "org", "-q"])
        .expect_code(0);

    // The default (`all`): no browser files, one line on stderr, the summary says why.
    let run = w.run(&["analyze", "org", "--out", "default"]);
    run.expect_code(0);
    let notes: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("left out"))
        .collect();
    assert_eq!(notes.len(), 1, "{}", run.stderr);
    assert!(
        notes[0].contains("graph.cyjs and graph.json left out")
            && notes[0].contains(&format!("{people} people"))
            && notes[0].contains("--formats cyjs,json"),
        "{}",
        notes[0]
    );
    assert!(!w.join("default/graph.cyjs").exists());
    assert!(!w.join("default/graph.json").exists());
    let files = graph_files(&w, "default");
    assert_eq!(
        files["left_out"],
        serde_json::json!(["graph.cyjs", "graph.json"])
    );
    assert_eq!(files["yed_drawing_hints"], false);
    assert_eq!(files["gexf_edge_looks"], false);
    assert_eq!(files["large_organisation"], LARGE_ORGANISATION);

    // GraphML without yEd's hints, with every attribute; GEXF keeps its look.
    let graphml = w.read("default/graph.graphml");
    assert!(!graphml.contains("yed_node") && !graphml.contains("y:PolyLineEdge"));
    assert_eq!(graphml.matches("<node ").count(), LARGE_ORGANISATION + 1);
    assert_eq!(
        graphml.matches(r#"<data key="label">"#).count(),
        LARGE_ORGANISATION + 1
    );
    assert!(
        graphml.contains(r#"attr.name="pagerank""#) && graphml.contains(r#"<data key="weight">"#)
    );
    let gexf = w.read("default/graph.gexf");
    assert!(gexf.contains("<viz:position") && gexf.contains("<viz:color"));
    assert!(!gexf.contains("<viz:thickness") && !gexf.contains(r#"label="influence""#));

    // Named one by one, they are written at any size, and nothing is said.
    let run = w.run(&["analyze", "org", "--out", "named", "--formats", "cyjs,json"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("left out"), "{}", run.stderr);
    let cy: Value = serde_json::from_str(&w.read("named/graph.cyjs")).unwrap();
    assert_eq!(
        cy["elements"]["nodes"].as_array().unwrap().len(),
        LARGE_ORGANISATION + 1
    );
    let d3: Value = serde_json::from_str(&w.read("named/graph.json")).unwrap();
    assert_eq!(
        d3["nodes"].as_array().unwrap().len(),
        LARGE_ORGANISATION + 1
    );
    assert_eq!(graph_files(&w, "named")["left_out"], serde_json::json!([]));

    // --quiet silences the note; `all,cyjs` still writes the one named.
    let run = w.run(&[
        "analyze",
        "org",
        "--out",
        "quiet",
        "--formats",
        "all,cyjs",
        "-q",
    ]);
    run.expect_code(0);
    assert_eq!(run.stderr, "");
    assert!(w.join("quiet/graph.cyjs").exists() && !w.join("quiet/graph.json").exists());
    assert_eq!(
        graph_files(&w, "quiet")["left_out"],
        serde_json::json!(["graph.json"])
    );
}
