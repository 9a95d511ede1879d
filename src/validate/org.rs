//! Org-chart checks: ids (missing, duplicated, needing normalisation), managers (unknown,
//! self, several roots) and reporting cycles (found on the graph of reporting lines, see
//! [`super::hierarchy`]).

use super::hierarchy::{ChainsOfCommand, chains_of_command};
use super::ids::Match;
use super::people::{Listed, People, suggestion_budget};
use crate::diagnostics::{Problem, Problems, code};
use crate::load::OrgChart;

/// Checks the org chart and builds its people.
pub fn check_org(org: &OrgChart, problems: &mut Problems) -> People {
    if let Some(warning) = &org.encoding_warning {
        problems.push(warning.clone());
    }
    let mut people = read_people(org, problems);
    if people.is_empty() {
        problems.push(Problem::error(
            &org.file,
            code::EMPTY_ORG_CHART,
            "the org chart has no people: it has a header but no rows with an id",
        ));
        return people;
    }
    people.manager = resolve_managers(org, &mut people, problems);
    report_cycles(org, &people, problems);
    report_roots(org, &people, problems);
    people
}

fn read_people(org: &OrgChart, problems: &mut Problems) -> People {
    let file = &org.file;
    let id_col = org.columns.id;
    let id_header = &org.headers[id_col];
    let mut people = People::default();
    people.index.reserve(org.rows.len());
    for (i, (row, record)) in org.rows.iter().enumerate() {
        let raw = record.cell(id_col);
        let id = raw.trim();
        if id.is_empty() {
            problems.push(
                Problem::warning(
                    file,
                    code::MISSING_ID,
                    "the row has no id and was left out; give the person an id",
                )
                .at_row(row)
                .in_column(id_header),
            );
            continue;
        }
        let person = people.ids.len() as u32;
        if let Some(first) = people.index.insert(id, person) {
            let first_record = org.rows.record(people.record[first as usize]);
            let first_row = org.rows.line(people.record[first as usize]);
            let same = first_record
                .iter()
                .zip(record.iter())
                .all(|(a, b)| a.trim() == b.trim());
            let first_id = &people.ids[first as usize];
            if same {
                problems.push(
                    Problem::warning(
                        file,
                        code::DUPLICATE_ROW,
                        format!(
                            "the row repeats row {first_row} (id {first_id}) and was merged with it"
                        ),
                    )
                    .at_row(row)
                    .in_column(id_header),
                );
            } else {
                problems.push(Problem::error(file, code::DUPLICATE_ID, format!("id {id:?} is also on row {first_row} (as {first_id:?}) with different contents; give each person one row, or distinct ids")).at_row(row).in_column(id_header));
            }
            continue;
        }
        if raw != id {
            problems.push(
                Problem::warning(
                    file,
                    code::ID_NORMALISED,
                    format!("id {raw:?} has spaces around it; read as {id:?}"),
                )
                .at_row(row)
                .in_column(id_header),
            );
        }
        people.ids.push(id.to_string());
        people.record.push(i);
    }
    people
}

/// Each person's manager, given by id, e-mail address or name.
fn resolve_managers(
    org: &OrgChart,
    people: &mut People,
    problems: &mut Problems,
) -> Vec<Option<u32>> {
    let Some(col) = org.columns.manager else {
        return vec![None; people.len()];
    };
    let cell = |record: usize| org.rows.cell(record, col);
    let unknown = |people: &People, record: usize| {
        let raw = cell(record);
        super::contacts::maybe_contact(raw) && people.index.resolve(raw) == Match::Unknown
    };
    if people.record.iter().any(|&r| unknown(people, r)) {
        people.ensure_contacts(org);
    }
    let people = &*people;
    let file = &org.file;
    let header = &org.headers[col];
    let mut budget = suggestion_budget(people.len());
    let mut listed = Listed::default();
    let mut managers = Vec::with_capacity(people.len());
    for (person, &record) in people.record.iter().enumerate() {
        let (row, raw) = (org.rows.line(record), org.rows.cell(record, col));
        let at = |p: Problem| p.at_row(row).in_column(header);
        let manager = match people.resolve(raw) {
            _ if raw.trim().is_empty() => None,
            Match::Exact(m) | Match::Normalised(m) | Match::Email(m) | Match::Name(m)
                if m as usize == person =>
            {
                problems.push(at(Problem::warning(
                    file,
                    code::SELF_MANAGER,
                    format!(
                        "{} is their own manager; treated as having no manager",
                        people.ids[person]
                    ),
                )));
                None
            }
            Match::Exact(m) | Match::Email(m) | Match::Name(m) => Some(m),
            Match::Ambiguous => {
                problems.push(at(Problem::warning(file, code::AMBIGUOUS_NAME, format!("manager {:?} may be any of {}, so {} is treated as a top of the hierarchy; give the manager's id instead", raw.trim(), people.candidates(org, raw, &mut listed, || format!("row {row}")), people.ids[person]))));
                None
            }
            Match::Normalised(m) => {
                problems.push(at(Problem::warning(file, code::ID_NORMALISED, format!("manager id {raw:?} matches {:?} only after trimming spaces or folding case; read as {:?}", people.ids[m as usize], people.ids[m as usize]))));
                Some(m)
            }
            Match::Unknown => {
                let hint = if budget > 0 {
                    budget -= 1;
                    people.hint(raw)
                } else {
                    String::new()
                };
                problems.push(at(Problem::warning(file, code::UNKNOWN_MANAGER, format!("manager id {:?} is not in the org chart, so {} is treated as a top of the hierarchy{hint}", raw.trim(), people.ids[person]))));
                None
            }
        };
        managers.push(manager);
    }
    managers
}

/// Reports every reporting cycle once, listing the people in it (see
/// [`chains_of_command`]).
fn report_cycles(org: &OrgChart, people: &People, problems: &mut Problems) {
    if let ChainsOfCommand::Cycles(cycles) = chains_of_command(&people.manager) {
        for cycle in cycles {
            problems.push(cycle_problem(org, people, &cycle));
        }
    }
}

fn cycle_problem(org: &OrgChart, people: &People, cycle: &[u32]) -> Problem {
    let row_of = |p: u32| org.rows.line(people.record[p as usize]);
    let mut chain: Vec<String> = cycle
        .iter()
        .map(|&p| format!("{} (row {})", people.ids[p as usize], row_of(p)))
        .collect();
    chain.push(people.ids[cycle[0] as usize].clone());
    let header = org
        .columns
        .manager
        .map(|c| org.headers[c].clone())
        .unwrap_or_default();
    Problem::error(&org.file, code::REPORTING_CYCLE, format!("reporting cycle: {}; every chain of managers must end at someone with no manager, so fix one of these manager ids", chain.join(" → ")))
        .at_row(row_of(cycle[0]))
        .in_column(header)
}

fn report_roots(org: &OrgChart, people: &People, problems: &mut Problems) {
    let roots: Vec<&str> = (0..people.len())
        .filter(|&p| people.manager[p].is_none())
        .map(|p| people.ids[p].as_str())
        .collect();
    // Without reporting lines (nobody has a manager) everyone is a root by design: the
    // data set's structure says so once, not this warning.
    if roots.len() > 1 && roots.len() < people.len() && org.columns.manager.is_some() {
        let shown = roots
            .iter()
            .take(10)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let more = if roots.len() > 10 {
            format!(" and {} more", roots.len() - 10)
        } else {
            String::new()
        };
        problems.push(Problem::warning(&org.file, code::SEVERAL_ROOTS, format!("{} people have no manager in the org chart ({shown}{more}); levels are counted from each of them. Usual for a partial export; check it if you expected one top", roots.len())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managers_given_by_name_or_address() {
        // BambooHR writes the manager's name under "Reporting to".
        let org = OrgChart::from_bytes(
            "org.csv",
            "Employee #,First Name,Last Name,Work Email,Reporting to\n\
             1,Zoë,Müller,zoe@example.com,\n\
             2,Jane,Doe,jane@example.com,Zoë Müller\n\
             3,Li,Wei,li@example.com,JANE@example.com\n\
             4,Jane,Doe,jd2@example.com,\"Müller, Zoë\"\n\
             5,Ann,Lee,ann@example.com,Jane Doe\n"
                .as_bytes(),
            &crate::options::ReadOptions::default(),
        )
        .unwrap();
        let mut problems = Problems::new(false);
        let people = check_org(&org, &mut problems);
        assert_eq!(people.manager, [None, Some(0), Some(1), Some(0), None]);
        let problems = problems.into_vec();
        let ambiguous: Vec<_> = problems
            .iter()
            .filter(|p| p.code == "ambiguous-name")
            .collect();
        assert_eq!(ambiguous.len(), 1, "{problems:?}");
        assert_eq!(ambiguous[0].row, Some(6));
        assert!(
            ambiguous[0].message.contains("2 (row 3), 4 (row 5)"),
            "{}",
            ambiguous[0].message
        );
    }
}
