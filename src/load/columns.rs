//! Finding columns by header: the aliases real HR systems and survey tools use, and the
//! explicit mapping (flag or config) that always wins.

use std::sync::Arc;

pub use super::aliases::*;
use crate::diagnostics::{Problem, code};
use crate::error::{Error, Result};

/// Folds a header for comparison: lower case, without spaces, `_`, `-`, `.`, `:`, `/`,
/// `(` and `)`; `#` reads as `number`. So `Employee ID`, `employee_id` and `EMPLOYEE-ID`
/// are one header, and BambooHR's `Employee #` is `employeenumber`.
pub fn fold_header(header: &str) -> String {
    let mut folded = String::with_capacity(header.len());
    for c in header.chars() {
        match c {
            ' ' | '_' | '-' | '.' | ':' | '/' | '(' | ')' | '\u{a0}' | '\u{feff}' => {}
            '#' | '\u{2116}' => folded.push_str("number"),
            c => folded.extend(c.to_lowercase()),
        }
    }
    folded
}

/// Finds the column of `role`: the explicit header if one was given (an error if the file
/// has no such header), otherwise the first alias that a header folds to.
pub fn find(
    file: &Arc<str>,
    headers: &[String],
    role: &ColumnRole,
    explicit: Option<&str>,
) -> Result<Option<usize>> {
    let folded: Vec<String> = headers.iter().map(|h| fold_header(h)).collect();
    if let Some(wanted) = explicit {
        let wanted_folded = fold_header(wanted);
        return match folded.iter().position(|h| *h == wanted_folded) {
            Some(i) => Ok(Some(i)),
            None => Err(Error::InvalidData(vec![Problem::error(
                file,
                code::MAPPED_COLUMN_MISSING,
                format!(
                    "{} {wanted:?} names no column of this file; the headers are: {}",
                    role.flag,
                    list_headers(headers)
                ),
            )])),
        };
    }
    Ok(role
        .aliases
        .iter()
        .find_map(|alias| folded.iter().position(|h| h == alias)))
}

/// Like [`find`], for a column the file cannot do without.
pub fn require(
    file: &Arc<str>,
    headers: &[String],
    role: &ColumnRole,
    explicit: Option<&str>,
) -> Result<usize> {
    find(file, headers, role, explicit)?.ok_or_else(|| {
        Error::InvalidData(vec![
            Problem::error(
                file,
                code::NO_ID_COLUMN,
                format!(
                    "no {} column: none of the headers is a known name for it. The headers \
                     are: {}. Name the column with {} HEADER",
                    role.name,
                    list_headers(headers),
                    role.flag
                ),
            )
            .at_row(1),
        ])
    })
}

pub fn list_headers(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| format!("{h:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_hr_system_headers() {
        let file: Arc<str> = Arc::from("org.csv");
        let h = headers(&[
            "Employee ID",
            "Manager ID",
            "Job Title",
            "Full Name",
            "Email",
        ]);
        assert_eq!(require(&file, &h, &EMPLOYEE_ID, None).unwrap(), 0);
        assert_eq!(find(&file, &h, &MANAGER_ID, None).unwrap(), Some(1));
        assert_eq!(find(&file, &h, &TITLE, None).unwrap(), Some(2));
        assert_eq!(find(&file, &h, &NAME, None).unwrap(), Some(3));
        assert_eq!(find(&file, &h, &EMAIL, None).unwrap(), Some(4));
        assert_eq!(find(&file, &h, &DEPARTMENT, None).unwrap(), None);
        let h = headers(&["Worker_ID", "Supervisor ID", "Org Unit"]);
        assert_eq!(require(&file, &h, &EMPLOYEE_ID, None).unwrap(), 0);
        assert_eq!(find(&file, &h, &MANAGER_ID, None).unwrap(), Some(1));
        assert_eq!(find(&file, &h, &DEPARTMENT, None).unwrap(), Some(2));
    }

    #[test]
    fn finds_the_headers_of_common_hr_systems() {
        let file: Arc<str> = Arc::from("org.csv");
        // (headers, id, manager, title, department, name, first, last, email)
        type Case<'a> = (
            &'a [&'a str],
            usize,
            usize,
            usize,
            usize,
            Option<usize>,
            Option<usize>,
        );
        let cases: [Case; 6] = [
            // Workday
            (
                &[
                    "Employee_ID",
                    "Worker",
                    "Manager_Employee_ID",
                    "Business Title",
                    "Supervisory Organization",
                    "Primary Work Email",
                ],
                0,
                2,
                3,
                4,
                Some(1),
                None,
            ),
            // SAP SuccessFactors
            (
                &[
                    "USERID",
                    "FIRSTNAME",
                    "LASTNAME",
                    "MANAGER",
                    "TITLE",
                    "DEPARTMENT",
                    "EMAIL",
                ],
                0,
                3,
                4,
                5,
                None,
                Some(1),
            ),
            // SAP HCM
            (
                &["Pers.No.", "Superior", "Position", "Org. Unit", "Name"],
                0,
                1,
                2,
                3,
                Some(4),
                None,
            ),
            // BambooHR
            (
                &[
                    "Employee #",
                    "First Name",
                    "Last Name",
                    "Job Title",
                    "Department",
                    "Reporting to",
                    "Work Email",
                ],
                0,
                5,
                3,
                4,
                None,
                Some(1),
            ),
            // Personio
            (
                &[
                    "ID",
                    "First name",
                    "Last name",
                    "Email",
                    "Position",
                    "Department",
                    "Supervisor",
                ],
                0,
                6,
                4,
                5,
                None,
                Some(1),
            ),
            // ADP
            (
                &[
                    "Associate ID",
                    "Reports To Associate ID",
                    "Job Title Description",
                    "Home Department Description",
                    "Legal First Name",
                    "Legal Last Name",
                ],
                0,
                1,
                2,
                3,
                None,
                Some(4),
            ),
        ];
        for (h, id, manager, title, dept, name, first) in cases {
            let h = headers(h);
            assert_eq!(require(&file, &h, &EMPLOYEE_ID, None).unwrap(), id, "{h:?}");
            assert_eq!(
                find(&file, &h, &MANAGER_ID, None).unwrap(),
                Some(manager),
                "{h:?}"
            );
            assert_eq!(find(&file, &h, &TITLE, None).unwrap(), Some(title), "{h:?}");
            assert_eq!(
                find(&file, &h, &DEPARTMENT, None).unwrap(),
                Some(dept),
                "{h:?}"
            );
            assert_eq!(find(&file, &h, &NAME, None).unwrap(), name, "{h:?}");
            assert_eq!(find(&file, &h, &FIRST_NAME, None).unwrap(), first, "{h:?}");
            if let Some(f) = first {
                assert_eq!(
                    find(&file, &h, &LAST_NAME, None).unwrap(),
                    Some(f + 1),
                    "{h:?}"
                );
            }
        }
    }

    #[test]
    fn finds_level_columns() {
        let file: Arc<str> = Arc::from("org.csv");
        for header in [
            "Job Level",
            "JOB_GRADE",
            "Career Level",
            "Management Level",
            "Pay Grade",
            "Seniority Level",
            "level",
            "Grade",
            "Band",
        ] {
            let h = headers(&["Employee ID", "Job Title", header]);
            assert_eq!(find(&file, &h, &LEVEL, None).unwrap(), Some(2), "{header}");
        }
        // The specific name wins over the bare one; a name that is no level is not taken.
        let h = headers(&["level", "Job Level", "Job Title"]);
        assert_eq!(find(&file, &h, &LEVEL, None).unwrap(), Some(1));
        let h = headers(&["Employee ID", "Seniority Years", "Levelling Notes"]);
        assert_eq!(find(&file, &h, &LEVEL, None).unwrap(), None);
    }

    #[test]
    fn the_specific_alias_wins_over_a_generic_one() {
        // `id` is an alias too, but `Personnel Number` is the more specific one.
        let file: Arc<str> = Arc::from("org.csv");
        let h = headers(&["id", "Personnel Number"]);
        assert_eq!(require(&file, &h, &EMPLOYEE_ID, None).unwrap(), 1);
    }

    #[test]
    fn an_explicit_mapping_wins_and_must_exist() {
        let file: Arc<str> = Arc::from("org.csv");
        let h = headers(&["employee_id", "Badge"]);
        assert_eq!(require(&file, &h, &EMPLOYEE_ID, Some("badge")).unwrap(), 1);
        let err = require(&file, &h, &EMPLOYEE_ID, Some("Staff")).unwrap_err();
        assert!(err.to_string().contains("--id-column \"Staff\""));
        assert!(err.to_string().contains("\"Badge\""));
    }

    #[test]
    fn a_missing_id_column_lists_the_headers_found() {
        let file: Arc<str> = Arc::from("org.csv");
        let err = require(&file, &headers(&["Name", "Team"]), &EMPLOYEE_ID, None).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("org.csv:1"), "{msg}");
        assert!(
            msg.contains("\"Name\", \"Team\"") && msg.contains("--id-column"),
            "{msg}"
        );
    }
}
