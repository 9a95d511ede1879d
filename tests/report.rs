//! report.html: well-formed, structured as the report promises, every input text escaped,
//! nothing loaded from outside; and (where Chromium is installed) rendered by a browser.

mod common;

use common::xml::{Element, parse};
use common::{Workdir, chromium_dom, external_references, root};

/// An org chart whose names hold markup, and a survey that makes person 2 an informal
/// leader.
fn hostile(w: &Workdir) {
    w.write(
        "in/org.csv",
        "employee_id,manager_id,name,title,department\n\
         1,,Ada Boss,CEO,Board\n\
         2,1,<script>alert(1)</script>,Engineer,R&D\n\
         3,1,\"=cmd|' /C calc'!A0\",Engineer,R&D\n\
         4,1,Dee,Engineer,R&D\n\
         5,1,Eve,Engineer,R&D\n\
         6,1,Fay,Engineer,R&D\n",
    );
    w.write(
        "in/survey.csv",
        "respondent_id,nominee_id\n1,2\n3,2\n4,2\n5,2\n6,2\n2,1\n",
    );
}

fn sections(doc: &Element) -> Vec<String> {
    doc.all("h2")
        .iter()
        .filter_map(|h| h.attr("id").map(str::to_string))
        .collect()
}

#[test]
fn the_report_is_structured_escaped_and_self_contained() {
    let w = Workdir::new();
    hostile(&w);
    w.run(&["analyze", "in", "--out", "out"]).expect_code(0);
    let text = w.read("out/report.html");
    assert!(text.starts_with("<!DOCTYPE html>"));
    let doc = parse(&text);
    assert_eq!(doc.name, "html");
    let head = doc.child("head").unwrap();
    assert!(head.child("title").is_some() && head.child("style").is_some());
    assert_eq!(doc.all("h1").len(), 1);
    assert_eq!(
        sections(&doc),
        [
            "quadrant",
            "leaders",
            "findings",
            "key-players",
            "ego-networks",
            "departments",
            "map",
            "matrix",
            "quality",
            "rule",
            "method"
        ]
    );
    // The quadrant chart: inline SVG, one dot per person. Then one ego network, the
    // informal leader's (also the only key player); no map, as one department is too small
    // to draw.
    let svg = doc.all("svg");
    assert_eq!(svg.len(), 2);
    assert_eq!(svg[0].all("circle").len(), 6);
    assert!(
        svg[1]
            .all("title")
            .iter()
            .any(|t| t.all_text() == "Who names <script>alert(1)</script>")
    );
    assert!(
        doc.all_text()
            .contains("Fewer than two departments are large enough to draw.")
    );
    // Markup from the inputs appears only escaped.
    assert!(
        !text.to_lowercase().contains("<script"),
        "a script tag got through"
    );
    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(doc.all_text().contains("<script>alert(1)</script>"));
    assert!(text.contains("R&amp;D"));
    // The informal leader is named in the leaders table.
    let leaders_table = &doc.all("table")[0];
    assert!(
        leaders_table
            .all_text()
            .contains("<script>alert(1)</script>")
    );
    external_references(&text);
}

#[test]
fn the_headline_and_findings_speak_plainly() {
    // One finding (alignment) and one warning (a self-nomination): singular nouns.
    let w = Workdir::new();
    w.write(
        "in/org.csv",
        "employee_id,manager_id,name\n1,,Ada Boss\n2,1,Bo\n3,1,Cy\n4,1,Dee\n",
    );
    w.write(
        "in/survey.csv",
        "respondent_id,nominee_id\n1,2\n2,1\n3,1\n4,2\n2,2\n",
    );
    w.run(&["analyze", "in", "--out", "out"]).expect_code(0);
    let text = parse(&w.read("out/report.html")).all_text();
    assert!(text.contains("1 finding, most severe first"), "{text}");
    assert!(text.contains("1 warning; the run went on"), "{text}");
    // Beside alignment: the share of reports who name their own manager, 2 of 3.
    assert!(
        text.contains(
            "Reports who name their manager67 %2 of 3 responding reports name their own manager"
        ),
        "{text}"
    );

    // The findings table names people as the tables of people do: name, then id.
    let dir = root().join("sample-data");
    w.run(&["analyze", dir.to_str().unwrap(), "--out", "sample"])
        .expect_code(0);
    let doc = parse(&w.read("sample/report.html"));
    let findings = doc
        .all("table")
        .into_iter()
        .find(|t| t.all_text().contains("manager-without-influence"))
        .expect("a findings table");
    let text = findings.all_text();
    assert!(
        text.contains(
            "only 0 of 7 responding reports of Esther de Vries (E0053) name them for advice"
        ),
        "{text}"
    );
    assert!(
        text.contains("name José Álvarez (E0134) for advice"),
        "{text}"
    );
    assert!(
        doc.all_text()
            .contains("199 of 259 responding reports name their own manager for advice"),
        "the rate the manager findings use"
    );
}

#[test]
fn a_non_character_in_a_name_leaves_the_report_well_formed() {
    // U+FFFE and U+FFFF are not characters: XML forbids them and HTML parsers flag them.
    // The report drops them, as the GraphML and GEXF files do; the rest of the name stays.
    let w = Workdir::new();
    w.write(
        "in/org.csv",
        "employee_id,manager_id,name,title,department\n\
         1,,Ada\u{fffe} Boss,CEO,Board\u{ffff}\n\
         2,1,Bo\u{fffe},Engineer,R&D\n\
         3,1,Cy,Engineer,R&D\n",
    );
    w.write("in/survey.csv", "respondent_id,nominee_id\n2,1\n3,1\n1,2\n");
    w.run(&["analyze", "in", "--out", "out", "--min-group-size", "1"])
        .expect_code(0);
    let text = w.read("out/report.html");
    let doc = parse(&text);
    assert!(doc.all_text().contains("Ada Boss"));
    assert!(!text.contains(['\u{fffe}', '\u{ffff}']));
}

#[test]
fn the_sample_report_shows_departments_and_suppresses_small_groups() {
    let w = Workdir::new();
    let dir = root().join("sample-data");
    w.run(&[
        "analyze",
        dir.to_str().unwrap(),
        "--out",
        "out",
        "--min-group-size",
        "40",
    ])
    .expect_code(0);
    let doc = parse(&w.read("out/report.html"));
    let matrix = doc
        .all("table")
        .into_iter()
        .find(|t| t.attr("class") == Some("matrix"))
        .expect("a department matrix");
    let rows: Vec<String> = matrix
        .all("th")
        .iter()
        .filter(|th| th.attr("class") == Some("row"))
        .map(|th| th.all_text())
        .collect();
    assert_eq!(
        rows,
        [
            "1 · Operations",
            "2 · Engineering",
            "3 · Sales",
            "4 · other departments (3)"
        ]
    );
    let text = doc.all_text();
    assert!(text.contains("at least 40 people"));
    assert!(
        !text.contains("Executive (1)"),
        "a group of 5 is named in the headline"
    );
    let summary: serde_json::Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    let groups = summary["departments"]["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 4);
    assert_eq!(groups[3]["people"], 56);
    w.run(&[
        "analyze",
        dir.to_str().unwrap(),
        "--out",
        "none",
        "--min-group-size",
        "400",
    ])
    .expect_code(0);
    let summary: serde_json::Value = serde_json::from_str(&w.read("none/summary.json")).unwrap();
    assert_eq!(
        summary["departments"]["groups"].as_array().unwrap().len(),
        0
    );
    assert_eq!(summary["departments"]["suppressed_people"], 306);
    let report = w.read("none/report.html");
    assert!(!report.contains("class=\"matrix\""));
    external_references(&report);
}

#[test]
fn chromium_renders_the_report() {
    let w = Workdir::new();
    let dir = root().join("sample-data");
    w.run(&[
        "analyze",
        dir.to_str().unwrap(),
        "--out",
        "out",
        "--formats",
        "report",
    ])
    .expect_code(0);
    let Some(dom) = chromium_dom(&w, "out/report.html") else {
        return;
    };
    // The browser built the page: the chart's dots and the tables are in its DOM.
    assert!(
        dom.contains("<svg") && first_svg(&dom).matches("<circle").count() == 306,
        "{}",
        &dom[..dom.len().min(400)]
    );
    assert!(dom.contains("Informal leaders") && dom.contains("class=\"matrix\""));
}

/// The first `<svg>` element of a page (the quadrant chart), as text.
fn first_svg(page: &str) -> &str {
    let start = page.find("<svg").expect("an svg");
    let end = page[start..].find("</svg>").expect("a closed svg");
    &page[start..start + end]
}

/// Rows of the first table whose header row holds `header`, as cell texts.
fn table_rows(doc: &Element, header: &str) -> Vec<Vec<String>> {
    let table = doc
        .all("table")
        .into_iter()
        .find(|t| t.all("th").iter().any(|th| th.all_text() == header))
        .unwrap_or_else(|| panic!("no table with a {header:?} column"));
    table
        .all("tr")
        .into_iter()
        .filter(|tr| !tr.all("td").is_empty())
        .map(|tr| tr.all("td").iter().map(|td| td.all_text()).collect())
        .collect()
}

fn summary(w: &Workdir, out: &str) -> serde_json::Value {
    serde_json::from_str(&w.read(&format!("{out}/summary.json"))).unwrap()
}

/// The roster's report, parsed, with its summary.json; checked for outside references.
fn roster_report(w: &Workdir, out: &str, extra: &[&str]) -> (Element, serde_json::Value) {
    let mut args = vec!["analyze", "in", "--out", out];
    args.extend(extra);
    w.run(&args).expect_code(0);
    let text = w.read(&format!("{out}/report.html"));
    external_references(&text);
    (parse(&text), summary(w, out))
}

#[test]
fn the_report_lists_each_question_with_its_kind_and_rating_scale() {
    let w = Workdir::new();
    let below = common::roster(&w);
    let (doc, s) = roster_report(&w, "out", &[]);
    let rows = table_rows(&doc, "Answers read");
    let shown: Vec<[&str; 3]> = rows
        .iter()
        .map(|r| [r[0].as_str(), r[1].as_str(), r[4].as_str()])
        .collect();
    let each = "every colleague named is a tie";
    assert_eq!(
        shown,
        [
            ["advice", "influence (from its name)", each],
            ["friendship", "social (from its name)", each],
            ["conflict", "negative (from its name)", each],
            [
                "information",
                "influence (from its name)",
                &format!(
                    "rating scale 1–5 on 100 % of pairs; answers of 4 or more are ties, {below} lower answers are not"
                )
            ],
        ]
    );
    for (row, q) in rows.iter().zip(s["questions"].as_array().unwrap()) {
        assert_eq!(row[2], q["respondents"].to_string());
        assert_eq!(row[3], q["ties"].to_string());
    }
    // A kind given by hand says so.
    let (doc, _) = roster_report(
        &w,
        "given",
        &["--question-kind", "friendship=collaboration"],
    );
    assert_eq!(
        table_rows(&doc, "Answers read")[1][1],
        "collaboration (--question-kind)"
    );
}

/// The roster's bar for people without formal power (0) or with it (1).
fn bar(s: &serde_json::Value, group: usize) -> u64 {
    s["high_influence_rule"]["groups"][group]["threshold"]
        .as_u64()
        .unwrap()
}

#[test]
fn the_quadrant_chart_draws_a_bar_per_formal_standing() {
    let w = Workdir::new();
    common::roster(&w);
    let (doc, s) = roster_report(&w, "out", &[]);
    assert_ne!(bar(&s, 0), bar(&s, 1), "the roster should give two bars");
    // Each bar over its own side: the strip (no formal power), then the rest.
    let svg = doc.all("svg")[0];
    let strip = svg.all("rect")[1];
    let num = |e: &Element, a: &str| e.attr(a).unwrap().parse::<f64>().unwrap();
    let strip_end = num(strip, "x") + num(strip, "width");
    let lines: Vec<&Element> = svg
        .all("line")
        .into_iter()
        .filter(|l| l.attr("stroke-dasharray").is_some())
        .collect();
    let labels: Vec<String> = svg
        .all("text")
        .iter()
        .map(|t| t.all_text())
        .filter(|t| t.contains("bar: "))
        .collect();
    assert_eq!((lines.len(), labels.len()), (2, 2), "{labels:?}");
    assert!(num(lines[0], "x1") >= num(strip, "x") && num(lines[0], "x2") <= strip_end);
    assert!(num(lines[1], "x1") >= strip_end);
    assert_eq!(labels[0], format!("bar: {} nominators", bar(&s, 0)));
    assert_eq!(
        labels[1],
        format!("high-influence bar: {} nominators", bar(&s, 1))
    );
    // Higher bar, higher line (the y axis grows upwards).
    assert!(num(lines[1], "y1") < num(lines[0], "y1"));
    // A rule with one bar draws one line across.
    let (doc, s) = roster_report(&w, "outlier", &["--outlier-z", "3"]);
    let lines: Vec<&Element> = doc.all("svg")[0]
        .all("line")
        .into_iter()
        .filter(|l| l.attr("stroke-dasharray").is_some())
        .collect();
    assert_eq!(lines.len(), 1);
    assert!(num(lines[0], "x1") < strip_end && num(lines[0], "x2") > strip_end);
    assert!(s["high_influence_rule"]["threshold"].is_u64());
}

#[test]
fn the_rule_section_states_each_groups_model_and_bar() {
    let w = Workdir::new();
    common::roster(&w);
    let (doc, s) = roster_report(&w, "out", &[]);
    let groups = s["high_influence_rule"]["groups"].as_array().unwrap();
    let rows = table_rows(&doc, "Overdispersion");
    assert_eq!(rows.len(), 2);
    for (row, g) in rows.iter().zip(groups) {
        assert_eq!(row[0], g["standing"].as_str().unwrap());
        assert_eq!(row[1], g["people"].to_string());
        assert_eq!(row[2], "the group");
        let mean = g["mean"].as_f64().unwrap();
        assert_eq!(
            row[3].parse::<f64>().unwrap(),
            (mean * 100.0).round() / 100.0
        );
        // Of the 29 colleagues who could name anyone.
        assert_eq!(row[5], format!("{} of 29 possible", g["threshold"]));
    }
    // Someone reaches a bar: the most sought after are listed, the first reaching it.
    let sought = table_rows(&doc, "Nominators lacking");
    assert_eq!(sought[0][5], "none: reaches it");
    assert_eq!(sought[0][0], "Person 12E12");

    // A group fitted on its own but smaller than --min-group-size: its model figures are
    // withheld, its bar stays; the larger group keeps its figures.
    let (doc, _) = roster_report(&w, "small", &["--min-group-size", "15"]);
    let rows = table_rows(&doc, "Overdispersion");
    assert_eq!(rows[0][0], "no formal power");
    assert_ne!(rows[0][3], "withheld");
    assert_eq!(rows[1][0], "formal power");
    assert_eq!(
        (rows[1][3].as_str(), rows[1][4].as_str()),
        ("withheld", "withheld")
    );
    assert_eq!(rows[1][5], format!("{} of 29 possible", bar(&s, 1)));
    assert!(doc.all_text().contains(
        "The model figures of a group of fewer than 15 people are withheld (--min-group-size)."
    ));
}

#[test]
fn the_headline_counts_informal_leaders_in_the_singular_and_the_plural() {
    let w = Workdir::new();
    common::roster(&w);
    let (doc, _) = roster_report(&w, "out", &[]);
    let lead = |doc: &Element| {
        doc.all("p")
            .into_iter()
            .find(|p| p.attr("class") == Some("lead"))
            .unwrap()
            .all_text()
    };
    assert!(
        lead(&doc).starts_with("1 informal leader: a person without managerial authority whom far more colleagues seek out than is typical for people of the same formal standing"),
        "{}",
        lead(&doc)
    );
    assert!(
        lead(&doc).ends_with("others follow them anyway. By department: Engineering (1)."),
        "{}",
        lead(&doc)
    );
    // The same organisation exported without its department column: nothing is said by
    // department (not "By department: (no department) (1)").
    let org = w.read("in/org.csv");
    let without: String = org
        .lines()
        .map(|l| format!("{}\n", l.rsplit_once(',').unwrap().0))
        .collect();
    assert!(without.starts_with("employee_id,manager_id,name,title\n"));
    w.write("in/org.csv", without);
    let (doc, _) = roster_report(&w, "flat", &[]);
    assert!(
        lead(&doc).ends_with("others follow them anyway."),
        "{}",
        lead(&doc)
    );
    let dir = root().join("sample-data");
    w.run(&["analyze", dir.to_str().unwrap(), "--out", "sample"])
        .expect_code(0);
    let doc = parse(&w.read("sample/report.html"));
    assert!(
        lead(&doc).starts_with("4 informal leaders: people without managerial authority whom")
            && lead(&doc).ends_with(
                "By department: Engineering (1), Finance (1), Operations (1), People (1)."
            ),
        "{}",
        lead(&doc)
    );
}

/// Twelve colleagues who each name the next three; P01–P03 are named a little more. Nobody
/// stands out.
fn flat(w: &Workdir) {
    let id = |i: usize| format!("P{:02}", i + 1);
    let mut org = String::from("employee_id,name\n");
    let mut survey = String::from("respondent_id,nominee_id\n");
    for i in 0..12 {
        org.push_str(&format!(
            "{},Person {}\n",
            id(i),
            char::from(b'A' + i as u8)
        ));
        let mut named = vec![(i + 1) % 12, (i + 2) % 12, (i + 3) % 12];
        if i >= 4 && !named.contains(&(i % 3)) {
            named.push(i % 3);
        }
        for j in named {
            survey.push_str(&format!("{},{}\n", id(i), id(j)));
        }
    }
    w.write("in/org.csv", org);
    w.write("in/survey.csv", survey);
}

#[test]
fn when_nobody_reaches_the_bar_the_report_and_summary_list_the_most_sought_after() {
    let w = Workdir::new();
    flat(&w);
    for (out, extra) in [
        ("plain", &[][..]),
        (
            "pseudo",
            &["--pseudonymize", "--key", "0123456789abcdef0123"][..],
        ),
    ] {
        let mut args = vec!["analyze", "in", "--out", out];
        args.extend(extra);
        w.run(&args).expect_code(0);
        let s = summary(&w, out);
        assert_eq!(s["roles"]["informal-leader"], 0);
        assert_eq!(s["roles"]["leader-manager"], 0);
        let listed = s["most_sought_after"].as_array().unwrap();
        assert_eq!(listed.len(), 10);
        let text = w.read(&format!("{out}/report.html"));
        external_references(&text);
        let doc = parse(&text);
        let all = doc.all_text();
        assert!(
            all.contains("No one stands out from people of the same formal standing: nobody reaches the bar. The most sought after, and how many nominators each lacks:"),
            "{all}"
        );
        assert!(all.contains("No informal leader: nobody without managerial authority"));
        // The report's table is summary.json's list, person by person.
        let rows = table_rows(&doc, "Nominators lacking");
        assert_eq!(rows.len(), listed.len());
        for (row, p) in rows.iter().zip(listed) {
            let id = p["employee_id"].as_str().unwrap();
            assert!(row[0].ends_with(id), "{row:?} {p}");
            assert_eq!(row[1], "no formal power");
            assert_eq!(row[3], p["in_degree"].to_string());
            assert_eq!(row[4], p["bar"].to_string());
            assert_eq!(row[5], p["short_of_bar"].to_string());
            assert!(p["short_of_bar"].as_u64().unwrap() > 0);
        }
        // People named as the rest of the report names them: name and id, or the
        // pseudonym alone.
        if out == "plain" {
            // P03 is Person C: the name over the id.
            let id = listed[0]["employee_id"].as_str().unwrap();
            let n: u8 = id[1..].parse().unwrap();
            assert_eq!(
                rows[0][0],
                format!("Person {}{id}", char::from(b'A' + n - 1))
            );
        } else {
            assert!(rows.iter().all(|r| r[0].starts_with("p_")));
            assert!(!all.contains("Person A"));
        }
    }
}

/// The sample with questions on how people lead (direction, example, future beside advice).
fn dimensions_sample() -> String {
    root()
        .join("tests/data/dimensions-sample")
        .to_str()
        .unwrap()
        .to_string()
}

/// The figures of the small multiples, by caption.
fn multiples(doc: &Element) -> Vec<(String, Vec<(String, String)>)> {
    doc.all("figure")
        .into_iter()
        .filter(|f| f.attr("class") == Some("multiple"))
        .map(|f| {
            let bars = f
                .all("g")
                .iter()
                .map(|g| {
                    let rect = g.all("rect")[0];
                    (
                        g.all("text")[0].all_text(),
                        rect.attr("fill").unwrap().to_string(),
                    )
                })
                .collect();
            (f.child("figcaption").unwrap().all_text(), bars)
        })
        .collect()
}

#[test]
fn the_report_says_how_they_lead_when_the_survey_asks() {
    let w = Workdir::new();
    let dir = dimensions_sample();
    w.run(&["analyze", &dir, "--out", "out"]).expect_code(0);
    let text = w.read("out/report.html");
    external_references(&text);
    let doc = parse(&text);
    let ids = sections(&doc);
    let at = ids
        .iter()
        .position(|s| s == "how-they-lead")
        .expect("the section");
    assert_eq!(ids[at - 1], "leaders");
    assert_eq!(ids[at + 1], "findings");
    // The headline names the dimensions the informal leadership comes from.
    let lead: Vec<String> = doc
        .all("p")
        .into_iter()
        .filter(|p| p.attr("class") == Some("lead"))
        .map(|p| p.all_text())
        .collect();
    assert_eq!(
        lead[1],
        "How they lead. The informal leadership here comes from example (1 of 1 informal leader), then future (1); none leads on advice."
    );
    // One chart for the planted leader by example (and future), without title: a bar per
    // dimension asked and one for direction, in colour where they lead.
    let vermilion = "#d55e00";
    assert_eq!(
        multiples(&doc),
        [(
            "E0007".to_string(),
            vec![
                ("advice".to_string(), "#c5ccd4".to_string()),
                ("example".to_string(), vermilion.to_string()),
                ("future".to_string(), vermilion.to_string()),
                ("direction".to_string(), "#0072b2".to_string()),
            ]
        )]
    );
    // Each team's two spheres: the manager who only directs beside the one whose team
    // takes direction from a dotted-line manager.
    let rows = table_rows(&doc, "Direction sphere");
    let row = |id: &str| {
        rows.iter()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("no row for {id}: {rows:?}"))
            .clone()
    };
    assert_eq!(
        row("E0003")[2..],
        ["12", "100 % (12 of 12)", "0 % (0 of 12)"]
    );
    assert_eq!(
        row("E0004")[2..],
        ["12", "8 % (1 of 12)", "83 % (10 of 12)"]
    );
    assert_eq!(rows.len(), 6);
    // The spheres that differ most come first.
    assert!(["E0003", "E0005"].contains(&rows[0][0].as_str()));

    // Teams smaller than --min-group-size (the manager included) are left out: E0001 has
    // five reports.
    w.run(&["analyze", &dir, "--out", "six", "--min-group-size", "6"])
        .expect_code(0);
    let rows = table_rows(&parse(&w.read("six/report.html")), "Direction sphere");
    assert!(rows.iter().any(|r| r[0] == "E0001"));
    w.run(&["analyze", &dir, "--out", "seven", "--min-group-size", "7"])
        .expect_code(0);
    let rows = table_rows(&parse(&w.read("seven/report.html")), "Direction sphere");
    assert_eq!(rows.len(), 5);
    assert!(!rows.iter().any(|r| r[0] == "E0001"));
}

#[test]
fn how_they_lead_shows_people_by_pseudonym_under_pseudonymize() {
    let w = Workdir::new();
    let dir = dimensions_sample();
    w.run_with_env(
        &["analyze", &dir, "--out", "out", "--pseudonymize"],
        ("ORGSPHERE_KEY", "0123456789abcdef0123"),
    )
    .expect_code(0);
    let text = w.read("out/report.html");
    let doc = parse(&text);
    let charts = multiples(&doc);
    assert_eq!(charts.len(), 1);
    let pseudonym = &charts[0].0;
    assert_ne!(pseudonym, "E0007");
    // The same pseudonym as people.csv gives the informal leader.
    let people = w.read("out/people.csv");
    let leader = people
        .lines()
        .find(|l| l.contains(",informal-leader,"))
        .unwrap();
    assert!(leader.starts_with(&format!("{pseudonym},")), "{leader}");
    // No employee id of the org chart appears anywhere in the page.
    for id in ["E0001", "E0003", "E0004", "E0007"] {
        assert!(!text.contains(id), "{id} in a pseudonymised report");
    }
    assert_eq!(table_rows(&doc, "Direction sphere").len(), 6);
}

#[test]
fn chromium_renders_how_they_lead() {
    let w = Workdir::new();
    let dir = dimensions_sample();
    w.run(&["analyze", &dir, "--out", "out", "--formats", "report"])
        .expect_code(0);
    let Some(dom) = chromium_dom(&w, "out/report.html") else {
        return;
    };
    assert!(
        dom.contains("id=\"how-they-lead\""),
        "{}",
        &dom[..dom.len().min(400)]
    );
    assert_eq!(dom.matches("class=\"multiple\"").count(), 1);
    assert!(dom.contains("Direction sphere") && dom.contains("Leadership sphere"));
    // The quadrant's dots, one per person, and the charts' bars.
    assert_eq!(first_svg(&dom).matches("<circle").count(), 66);
    assert!(dom.matches("<rect").count() >= 4);
}

#[test]
fn a_team_sphere_needs_four_reports_who_answered() {
    // Two teams of six: all of N's reports answer, only three of M's.
    let w = Workdir::new();
    let mut org =
        String::from("employee_id,manager_id,title\nCEO,,Chief\nM,CEO,Head\nN,CEO,Head\n");
    let mut direction = String::from("respondent_id,nominee_id\n");
    let mut example = String::from("respondent_id,nominee_id\n");
    for i in 1..=5 {
        org.push_str(&format!("M{i},M,Analyst\nN{i},N,Analyst\n"));
        direction.push_str(&format!("N{i},N\n"));
        example.push_str(&format!("N{i},N1\n"));
        if i <= 3 {
            direction.push_str(&format!("M{i},M\n"));
            example.push_str(&format!("M{i},M\n"));
        }
    }
    w.write("in/org.csv", &org);
    w.write("in/survey-direction.csv", &direction);
    w.write("in/survey-example.csv", &example);
    w.run(&["analyze", "in", "--out", "out"]).expect_code(0);
    let doc = parse(&w.read("out/report.html"));
    let rows = table_rows(&doc, "Direction sphere");
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["N"], "{rows:?}");
    assert_eq!(rows[0][3..], ["100 % (5 of 5)", "0 % (0 of 5)"]);
}
