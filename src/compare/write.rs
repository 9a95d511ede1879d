//! Writing a comparison: `changes.csv` (one row per person in either run), `compare.json`
//! (the lists and figures for dashboards) and `compare.html`, into one folder, atomically.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde_json::{Map, Value, json};

use super::{Comparison, PersonChange, number};
use crate::error::{Error, Result};
use crate::outdir::write_folder;
use crate::text::{csv_text, float, opt_int};

/// Bumped whenever a field of `compare.json` changes meaning or disappears.
pub const COMPARE_SCHEMA_VERSION: u32 = 1;

/// Writes the comparison's files to `out`; `inputs` are what it was made from, which `out`
/// may neither be nor hold.
pub fn write_all(c: &Comparison, out: &Path, inputs: &[&Path]) -> Result<()> {
    write_folder(out, inputs, |dir| {
        write_file(dir, "changes.csv", |w| changes_csv(c, w))?;
        write_file(dir, "compare.json", |w| {
            serde_json::to_writer_pretty(&mut *w, &compare_json(c))?;
            w.write_all(b"\n")
        })?;
        write_file(dir, "compare.html", |w| {
            w.write_all(super::html::page(c).as_bytes())
        })
    })
}

fn write_file(
    dir: &Path,
    name: &str,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let path = dir.join(name);
    let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
    let mut w = BufWriter::new(file);
    fill(&mut w)
        .and_then(|_| w.flush())
        .map_err(|e| Error::io(&path, e))
}

fn changes_csv(c: &Comparison, w: &mut dyn Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(w);
    let mut header: Vec<String> = [
        "employee_id",
        "status",
        "old_role",
        "new_role",
        "role_change",
        "old_in_degree",
        "new_in_degree",
        "in_degree_change",
        "old_rank",
        "new_rank",
        "rank_change",
    ]
    .map(String::from)
    .to_vec();
    for q in &c.questions {
        header.push(csv_text(&format!("old_{q}_in_degree")).into_owned());
        header.push(csv_text(&format!("new_{q}_in_degree")).into_owned());
    }
    if c.perceptions {
        header.extend(PERCEPTION_COLUMNS.map(String::from));
    }
    header.extend(["old_reason".into(), "new_reason".into()]);
    csv.write_record(&header)?;
    for p in &c.people {
        csv.write_record(row(p, c.perceptions))?;
    }
    csv.flush()
}

/// The perception columns of `changes.csv`, written when both runs have perceptions.
const PERCEPTION_COLUMNS: [&str; 6] = [
    "old_perception_accuracy",
    "new_perception_accuracy",
    "perception_accuracy_change",
    "old_perceived_in_degree",
    "new_perceived_in_degree",
    "perceived_in_degree_change",
];

fn row(p: &PersonChange, perceptions: bool) -> Vec<String> {
    let side = |s: &Option<crate::compare::PersonRow>,
                f: &dyn Fn(&crate::compare::PersonRow) -> String| {
        s.as_ref().map(f).unwrap_or_default()
    };
    let role_change = if p.role_changed() {
        format!(
            "{} -> {}",
            p.old_role().unwrap_or(""),
            p.new_role().unwrap_or("")
        )
    } else {
        String::new()
    };
    let signed = |x: Option<i64>| x.map(|v| v.to_string()).unwrap_or_default();
    let mut cells = vec![
        csv_text(&p.id).into_owned(),
        p.status.as_str().to_string(),
        side(&p.old, &|r| csv_text(&r.role).into_owned()),
        side(&p.new, &|r| csv_text(&r.role).into_owned()),
        role_change,
        side(&p.old, &|r| r.in_degree.to_string()),
        side(&p.new, &|r| r.in_degree.to_string()),
        signed(p.in_degree_change()),
        side(&p.old, &|r| r.rank.to_string()),
        side(&p.new, &|r| r.rank.to_string()),
        signed(p.rank_change()),
    ];
    for (o, n) in &p.by_question {
        cells.push(opt_int(*o));
        cells.push(opt_int(*n));
    }
    if perceptions {
        let accuracy =
            |r: &crate::compare::PersonRow| r.perception_accuracy.map(float).unwrap_or_default();
        let perceived =
            |r: &Option<crate::compare::PersonRow>| r.as_ref().and_then(|r| r.perceived_in_degree);
        cells.push(side(&p.old, &accuracy));
        cells.push(side(&p.new, &accuracy));
        cells.push(
            p.perception_accuracy_change()
                .map(float)
                .unwrap_or_default(),
        );
        cells.push(opt_int(perceived(&p.old)));
        cells.push(opt_int(perceived(&p.new)));
        cells.push(signed(
            perceived(&p.old)
                .zip(perceived(&p.new))
                .map(|(o, n)| i64::from(n) - i64::from(o)),
        ));
    }
    cells.push(side(&p.old, &|r| csv_text(&r.reason).into_owned()));
    cells.push(side(&p.new, &|r| csv_text(&r.reason).into_owned()));
    cells
}

/// One person in a `compare.json` list.
fn person(p: &PersonChange) -> Value {
    let mut m = Map::new();
    m.insert("employee_id".into(), json!(p.id));
    m.insert("status".into(), json!(p.status.as_str()));
    m.insert("old_role".into(), json!(p.old_role()));
    m.insert("new_role".into(), json!(p.new_role()));
    m.insert(
        "old_reason".into(),
        json!(p.old.as_ref().map(|r| &r.reason)),
    );
    m.insert(
        "new_reason".into(),
        json!(p.new.as_ref().map(|r| &r.reason)),
    );
    m.insert(
        "old_in_degree".into(),
        json!(p.old.as_ref().map(|r| r.in_degree)),
    );
    m.insert(
        "new_in_degree".into(),
        json!(p.new.as_ref().map(|r| r.in_degree)),
    );
    m.insert("old_rank".into(), json!(p.old.as_ref().map(|r| r.rank)));
    m.insert("new_rank".into(), json!(p.new.as_ref().map(|r| r.rank)));
    m.insert("rank_change".into(), json!(p.rank_change()));
    Value::Object(m)
}

fn list(people: Vec<&PersonChange>) -> Value {
    Value::Array(people.into_iter().map(person).collect())
}

fn compare_json(c: &Comparison) -> Value {
    let (joined, left, stayed) = c.counts();
    let figures: Map<String, Value> = c
        .figures
        .iter()
        .map(|(path, f)| {
            let n = |x: Option<f64>| x.map_or(Value::Null, number);
            (
                path.clone(),
                json!({"old": n(f.old), "new": n(f.new), "change": n(f.change())}),
            )
        })
        .collect();
    let lost: Vec<Value> = c
        .lost_all_nominations()
        .into_iter()
        .map(|(p, q, before)| json!({"employee_id": p.id, "question": q, "old_in_degree": before, "new_in_degree": 0}))
        .collect();
    let parameters: Vec<Value> = c
        .parameters_changed
        .iter()
        .map(|p| json!({"parameter": p.name, "old": p.old, "new": p.new}))
        .collect();
    json!({
        "schema_version": COMPARE_SCHEMA_VERSION,
        "tool": {"name": "orgsphere", "version": env!("CARGO_PKG_VERSION")},
        "old": {"folder": c.old_dir, "generated_at": c.old_generated_at, "analysed_from_inputs": c.old_analysed},
        "new": {"folder": c.new_dir, "generated_at": c.new_generated_at, "analysed_from_inputs": c.new_analysed},
        "people": {
            "old": stayed + left, "new": stayed + joined,
            "joined": joined, "left": left, "stayed": stayed,
            "role_changes": c.role_changes().len(),
        },
        "became_informal_leaders": list(c.became_informal_leaders()),
        "stopped_being_informal_leaders": list(c.stopped_being_informal_leaders()),
        "role_changes": list(c.role_changes()),
        "rank_movers": {"up": list(c.rank_movers(true)), "down": list(c.rank_movers(false))},
        "lost_all_nominations": lost,
        "figures": figures,
        "parameters_changed": parameters,
        "warnings": c.warnings,
    })
}
