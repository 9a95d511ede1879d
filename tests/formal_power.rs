//! Formal power without reporting lines: partnerships and consultancies export titles and
//! levels, not managers. Their org charts get no warning for every person without a
//! manager, no alignment of 0 %, a chart in rows by seniority, and formal power by title
//! or (`--manager-levels`) by level.
//!
//! Data: the synthetic partnership of `tests/data/partnership/` (71 lawyers, partners by
//! title, the manager column empty for everyone) and Cross & Parker's consulting company
//! (`tests/data/published/cross_parker_consulting/`, GPL-3, see its SOURCE.md: 46 people,
//! levels 1–5 with 1 = Partner, no managers).

mod common;

use std::collections::HashMap;

use common::{Workdir, person, read_csv, root};
use serde_json::Value;

fn partnership() -> String {
    root()
        .join("tests/data/partnership")
        .to_string_lossy()
        .into_owned()
}

fn consulting() -> String {
    root()
        .join("tests/data/published/cross_parker_consulting")
        .to_string_lossy()
        .into_owned()
}

type People = Vec<HashMap<String, String>>;

/// Runs `analyze DIR ARGS --out out` and reads people.csv and summary.json.
fn analyze(w: &Workdir, dir: &str, args: &[&str]) -> (People, Value) {
    let mut all = vec!["analyze", dir, "--out", "out", "-q"];
    all.extend_from_slice(args);
    w.run(&all).expect_code(0);
    let people = read_csv(&w.read("out/people.csv"));
    let summary = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    (people, summary)
}

/// Each person's position in graph.gexf: id → (x, y), y growing upward.
fn gexf_positions(w: &Workdir) -> HashMap<String, (f64, f64)> {
    let doc = common::xml::parse(&w.read("out/graph.gexf"));
    doc.all("node")
        .iter()
        .map(|n| {
            let pos = n.child("viz:position").expect("a position");
            let at = |c: &str| pos.attr(c).unwrap().parse::<f64>().unwrap();
            (n.attr("id").unwrap().to_string(), (at("x"), at("y")))
        })
        .collect()
}

/// Renders `file` with Graphviz's dot to SVG; `None` (said loudly) without Graphviz.
fn render_dot(w: &Workdir, file: &str) -> Option<String> {
    let dot = std::process::Command::new("dot")
        .args(["-Tsvg", file])
        .current_dir(w.path())
        .output();
    match dot {
        Ok(out) => {
            assert!(
                out.status.success(),
                "dot failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8(out.stdout).unwrap())
        }
        Err(_) => {
            eprintln!("\n!!! SKIPPED: `dot` is not installed, so graph.dot was not rendered.\n");
            None
        }
    }
}

/// Each node's label height in a Graphviz SVG: id → y (growing downward).
fn node_heights(svg: &str) -> HashMap<String, f64> {
    svg.split("class=\"node\">")
        .skip(1)
        .map(|node| {
            let title = &node[node.find("<title>").unwrap() + 7..node.find("</title>").unwrap()];
            let text = &node[node.find("<text").unwrap()..];
            let y = &text[text.find(" y=\"").unwrap() + 4..];
            let y: f64 = y[..y.find('"').unwrap()].parse().unwrap();
            (title.replace("&quot;", "\""), y)
        })
        .collect()
}

#[test]
fn an_org_chart_without_reporting_lines_is_not_warned_about_each_root() {
    let w = Workdir::new();
    let run = w.run(&["validate", &partnership()]);
    run.expect_code(0);
    assert!(!run.stdout.contains("several-roots"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "note: The org chart has no reporting lines (its manager column \"manager_id\" is empty for everyone): formal power comes from titles"
        ),
        "{}",
        run.stdout
    );
    // A log collector gets the note as one info line.
    let run = w.run(&["validate", &partnership(), "--log-format", "json"]);
    run.expect_code(0);
    let note = run
        .stderr
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|l| {
            l["message"]
                .as_str()
                .unwrap()
                .starts_with("The org chart has no reporting lines")
        })
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert_eq!(note["level"], "info");
    assert!(!run.stderr.contains("several-roots"));
    // Nothing to turn into an error: --strict passes.
    w.run(&["validate", &partnership(), "--strict"])
        .expect_code(0);
    let (_, summary) = analyze(&w, &partnership(), &[]);
    assert!(
        summary["counts"]["warnings_by_code"]
            .get("several-roots")
            .is_none(),
        "{}",
        summary["counts"]
    );
    assert_eq!(summary["org_chart"]["reporting_lines"], false);
    assert!(
        summary["org_chart"]["reporting_lines_note"]
            .as_str()
            .unwrap()
            .contains("formal power comes from titles")
    );
    let quality = w.read("out/data-quality.csv");
    assert!(!quality.contains("several-roots"), "{quality}");

    // An org chart with reporting lines and several tops is still warned about.
    w.write("two/org.csv", "employee_id,manager_id\n1,\n2,1\n3,\n4,3\n");
    w.write("two/survey.csv", "respondent_id,nominee_id\n2,1\n4,3\n");
    let run = w.run(&["validate", "two"]);
    assert!(run.stdout.contains("several-roots"), "{}", run.stdout);
    assert!(!run.stdout.contains("no reporting lines"), "{}", run.stdout);
}

#[test]
fn alignment_is_null_with_its_reason_without_reporting_lines() {
    let w = Workdir::new();
    let (_, summary) = analyze(&w, &consulting(), &[]);
    let alignment = &summary["alignment"];
    assert!(alignment["ties_up_the_chain"].is_null(), "{alignment}");
    assert!(alignment["ties_to_own_manager"].is_null(), "{alignment}");
    assert_eq!(
        alignment["reason"],
        "no reporting lines: its manager column \"manager_id\" is empty for everyone"
    );
    // Partners have formal power by title; none is high influence here.
    assert_eq!(alignment["managers_with_high_influence"], 0.0);
    let findings = read_csv(&w.read("out/findings.csv"));
    let finding = findings.iter().find(|f| f["kind"] == "alignment").unwrap();
    assert!(
        finding["summary"].starts_with("The org chart has no reporting lines"),
        "{}",
        finding["summary"]
    );
    assert!(!finding["evidence"].contains("ties_up_the_chain"));
    let report = w.read("out/report.html");
    let card = &report[report.find("<div class=\"label\">Alignment</div>").unwrap()..];
    let card = &card[..card.find("</div></div>").unwrap()];
    assert!(!card.contains("0 %"), "{card}");
    assert!(card.contains("no reporting lines"), "{card}");
    assert!(
        report.contains("<p class=\"note\">The org chart has no reporting lines"),
        "the report says where formal power comes from"
    );
    assert!(report.contains("so there is no chain of command and alignment is not measured"));

    // With reporting lines, alignment is a share and has no reason.
    let w = Workdir::new();
    let (_, summary) = analyze(&w, &root().join("sample-data").to_string_lossy(), &[]);
    assert!(summary["alignment"]["ties_up_the_chain"].is_number());
    assert!(summary["alignment"].get("reason").is_none());
    assert!(summary.get("org_chart").is_none());
}

#[test]
fn levels_place_people_in_rows_top_first_most_sought_after_first() {
    let w = Workdir::new();
    let (people, summary) = analyze(&w, &consulting(), &[]);
    let level = &summary["org_chart"]["level_column"];
    assert_eq!(level["header"], "level");
    assert_eq!(level["used"], true);
    assert_eq!(level["levels"], 5);
    assert_eq!(level["top_level"], 1);
    assert_eq!(level["top"], "lowest");
    assert_eq!(level["top_from"], "formal-power");
    // No teams and no departments: the reasons do not count nominators "outside their own
    // team".
    for p in &people {
        assert!(
            !p["reason"].contains("outside their own"),
            "{}",
            p["reason"]
        );
    }
    // The column is kept as given, under the name that does not collide with orgsphere's
    // own `level`.
    assert_eq!(person(&people, "8")["org_level"], "1");
    let at = gexf_positions(&w);
    let level_of = |p: &HashMap<String, String>| p["org_level"].parse::<u32>().unwrap();
    for a in &people {
        for b in &people {
            if level_of(a) < level_of(b) {
                let (ya, yb) = (at[&a["employee_id"]].1, at[&b["employee_id"]].1);
                assert!(
                    ya > yb,
                    "{} (level {}) should sit above {} (level {})",
                    a["employee_id"],
                    a["org_level"],
                    b["employee_id"],
                    b["org_level"]
                );
            }
        }
    }
    // In each level's row, the most sought-after person is first: top line, leftmost.
    for l in 1..=5 {
        let row: Vec<&HashMap<String, String>> =
            people.iter().filter(|p| level_of(p) == l).collect();
        let first = row
            .iter()
            .max_by(|a, b| {
                let (pa, pb) = (at[&a["employee_id"]], at[&b["employee_id"]]);
                pa.1.total_cmp(&pb.1).then(pb.0.total_cmp(&pa.0))
            })
            .unwrap();
        let most: u32 = row
            .iter()
            .map(|p| p["in_degree"].parse().unwrap())
            .max()
            .unwrap();
        assert_eq!(first["in_degree"], most.to_string(), "level {l}");
    }
    // graph.dot stacks the same rows.
    let dot = w.read("out/graph.dot");
    assert!(
        dot.contains("{rank=same; \"8\"; \"20\"; \"37\"; \"45\";}"),
        "{dot}"
    );
    assert_eq!(dot.matches("rank=same").count(), 5);
    assert_eq!(dot.matches("[style=invis]").count(), 4);
}

#[test]
fn partners_by_title_sit_above_associates() {
    let w = Workdir::new();
    let (people, _) = analyze(&w, &partnership(), &[]);
    let at = gexf_positions(&w);
    let (partners, associates): (Vec<_>, Vec<_>) =
        people.iter().partition(|p| p["formal_power"] == "true");
    assert_eq!((partners.len(), associates.len()), (36, 35));
    let lowest_partner = partners
        .iter()
        .map(|p| at[&p["employee_id"]].1)
        .fold(f64::INFINITY, f64::min);
    let highest_associate = associates
        .iter()
        .map(|p| at[&p["employee_id"]].1)
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(lowest_partner > highest_associate);
    // The associates' row starts with the most sought after of them (1038, planted).
    let first = associates
        .iter()
        .filter(|p| at[&p["employee_id"]].1 == highest_associate)
        .min_by(|a, b| at[&a["employee_id"]].0.total_cmp(&at[&b["employee_id"]].0))
        .unwrap();
    assert_eq!(first["employee_id"], "1038");
    // Graphviz draws the partners' row above the associates' (where Graphviz is installed:
    // apt-get install graphviz).
    if let Some(svg) = render_dot(&w, "out/graph.dot") {
        let y = node_heights(&svg);
        assert_eq!(y.len(), 71);
        let row = |p: &&HashMap<String, String>| y[&p["employee_id"]];
        let lowest_partner = partners.iter().map(row).fold(f64::NEG_INFINITY, f64::max);
        let highest_associate = associates.iter().map(row).fold(f64::INFINITY, f64::min);
        assert!(lowest_partner < highest_associate, "SVG y grows downward");
    }
    // Nobody has a team without reporting lines: reasons count nominators from outside the
    // department (the practice) only.
    for p in &people {
        assert!(!p["reason"].contains("team"), "{}", p["reason"]);
    }
    assert!(
        person(&people, "1038")["reason"].contains("of them outside their own department"),
        "{}",
        person(&people, "1038")["reason"]
    );
}

#[test]
fn manager_levels_give_formal_power() {
    let w = Workdir::new();
    let (people, summary) = analyze(&w, &consulting(), &["--manager-levels", "1-2"]);
    for p in &people {
        let level: u32 = p["org_level"].parse().unwrap();
        assert_eq!(
            p["formal_power"] == "true",
            level <= 2,
            "{}: {}",
            p["employee_id"],
            p["reason"]
        );
    }
    // Partners by title, managing consultants by level alone.
    let managing = person(&people, "2");
    assert_eq!(managing["title"], "Managing Consultant");
    assert!(
        managing["reason"].contains("; no direct reports, but level 2 carries formal power"),
        "{}",
        managing["reason"]
    );
    assert!(
        person(&people, "8")["reason"].contains("but the title \"Partner\" is managerial"),
        "{}",
        person(&people, "8")["reason"]
    );
    assert_eq!(summary["parameters"]["manager_levels"], "1-2");
    let level = &summary["org_chart"]["level_column"];
    assert_eq!(level["formal_power_by_level"], 21);
    assert!(
        level["note"]
            .as_str()
            .unwrap()
            .ends_with("--manager-levels 1-2 gives formal power to 21 people")
    );
    assert!(
        summary["org_chart"]["reporting_lines_note"]
            .as_str()
            .unwrap()
            .contains("formal power comes from titles and levels")
    );

    // From a config file, as every flag.
    w.write(
        "job.toml",
        format!(
            "dir = {:?}\nmanager-levels = \"1\"\nout = \"cfg\"\n",
            consulting()
        ),
    );
    w.run(&["analyze", "--config", "job.toml", "-q"])
        .expect_code(0);
    let from_config = read_csv(&w.read("cfg/people.csv"));
    assert_eq!(
        from_config
            .iter()
            .filter(|p| p["formal_power"] == "true")
            .count(),
        4
    );

    // Levels need a level column, and a list of levels.
    w.run(&[
        "analyze",
        &partnership(),
        "--manager-levels",
        "1",
        "--out",
        "none",
    ])
    .expect_code(64)
    .expect_stderr(&["--manager-levels 1", "no level column", "--level-column"]);
    w.run(&[
        "analyze",
        &consulting(),
        "--manager-levels",
        "Partner",
        "--out",
        "none",
    ])
    .expect_code(64)
    .expect_stderr(&["e.g. 1-2"]);
    assert!(!w.join("none").exists());
}

/// An org chart of people at levels 1–5 without managers, and a survey where everyone
/// names the next person: `titles[level - 1]` is the title at each level.
fn levelled(w: &Workdir, header: &str, titles: [&str; 5], cell: impl Fn(u32) -> String) {
    let mut org = format!("employee_id,manager_id,title,{header}\n");
    let mut survey = String::from("respondent_id,nominee_id\n");
    for i in 1..=20u32 {
        let level = i % 5 + 1;
        org += &format!("{i},,{},{}\n", titles[level as usize - 1], cell(level));
        survey += &format!("{i},{}\n", i % 20 + 1);
    }
    w.write("in/org.csv", org);
    w.write("in/survey.csv", survey);
}

#[test]
fn the_top_level_is_where_formal_power_sits_or_level_1() {
    // Partners at level 5: this HR system counts upward.
    let w = Workdir::new();
    levelled(
        &w,
        "Job Grade",
        ["Analyst", "Associate", "Manager", "Director", "Partner"],
        |l| format!("G{l}"),
    );
    let (people, summary) = analyze(&w, "in", &[]);
    let level = &summary["org_chart"]["level_column"];
    assert_eq!(level["header"], "Job Grade");
    assert_eq!(level["top"], "highest");
    assert_eq!(level["top_from"], "formal-power");
    assert_eq!(level["top_level"], 5);
    let at = gexf_positions(&w);
    let grade = |id: &str| person(&people, id)["Job Grade"].clone();
    assert_eq!(grade("4"), "G5");
    assert_eq!(grade("5"), "G1");
    assert!(at["4"].1 > at["3"].1 && at["3"].1 > at["5"].1);

    // Nobody with formal power: level 1 is taken for the top, and validate says so.
    let w = Workdir::new();
    levelled(
        &w,
        "Band",
        ["Wireman", "Wireman", "Solderman", "Inspector", "Inspector"],
        |l| l.to_string(),
    );
    let run = w.run(&["validate", "in"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            "note: Level column \"Band\": 20 people at 5 levels from 1 (top) to 5; nobody with a level has formal power to tell which end is the top, so 1 (the lowest) is taken for it"
        ),
        "{}",
        run.stdout
    );
    let (_, summary) = analyze(&w, "in", &[]);
    assert_eq!(summary["org_chart"]["level_column"]["top_from"], "assumed");
    assert_eq!(summary["org_chart"]["level_column"]["top"], "lowest");
}

#[test]
fn a_level_column_of_words_is_kept_and_not_read() {
    let w = Workdir::new();
    levelled(
        &w,
        "Grade",
        ["Analyst", "Associate", "Manager", "Director", "Partner"],
        |l| ["Junior", "Senior", "Lead", "Principal", "Partner"][l as usize - 1].into(),
    );
    let run = w.run(&["validate", "in"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            "note: Level column \"Grade\" is kept as given and not read: 0 of its 20 filled cells hold a number"
        ),
        "{}",
        run.stdout
    );
    let (people, summary) = analyze(&w, "in", &[]);
    assert_eq!(person(&people, "1")["Grade"], "Senior");
    assert_eq!(summary["org_chart"]["level_column"]["used"], false);
    // Without levels, formal power by title is the top row.
    let at = gexf_positions(&w);
    assert!(
        at["4"].1 > at["1"].1,
        "the partner sits above the associate"
    );
}

#[test]
fn level_cells_without_a_number_are_warned_about_once() {
    let w = Workdir::new();
    levelled(
        &w,
        "Career Level",
        ["Analyst", "Associate", "Manager", "Director", "Partner"],
        |l| {
            if l == 1 {
                "Intern".into()
            } else {
                format!("L{l}")
            }
        },
    );
    let run = w.run(&["validate", "in"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("in/org.csv:6: warning in column 'Career Level' [level-not-a-number]: 4 cells of the level column hold no number (the first: \"Intern\")"),
        "{}",
        run.stdout
    );
    let (_, summary) = analyze(&w, "in", &[]);
    let level = &summary["org_chart"]["level_column"];
    assert_eq!(level["not_a_number"], 4);
    assert_eq!(level["people"], 16);
    // People without a level sit below the levels.
    let at = gexf_positions(&w);
    assert!(at["4"].1 > at["5"].1, "level 5 (partner) above no level");

    // --level-column names a column no alias finds.
    let w = Workdir::new();
    levelled(&w, "Stufe X", ["A", "B", "C", "D", "Partner"], |l| {
        l.to_string()
    });
    let (_, summary) = analyze(&w, "in", &["--level-column", "stufe x"]);
    assert_eq!(summary["org_chart"]["level_column"]["header"], "Stufe X");
    let run = w.run(&["validate", "in", "--level-column", "Grade"]);
    run.expect_code(65);
    assert!(
        run.stdout
            .contains("[mapped-column-missing]: --level-column \"Grade\" names no column"),
        "{}",
        run.stdout
    );
}
