//! Finding columns by header: the aliases real HR systems and survey tools use, and the
//! explicit mapping (flag or config) that always wins.

use std::sync::Arc;

use crate::error::{Error, Result};
use crate::validate::Problem;

/// Folds a header for comparison: lower case, without spaces, `_`, `-`, `.` and `#`,
/// so `Employee ID`, `employee_id` and `EMPLOYEE-ID` are one header.
pub fn fold_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '#' | '\u{a0}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The aliases of one column role, already folded, most specific first.
pub struct Role {
    /// The name used in messages and in `people.csv`.
    pub name: &'static str,
    /// The flag that maps it explicitly.
    pub flag: &'static str,
    pub aliases: &'static [&'static str],
}

pub const EMPLOYEE_ID: Role = Role {
    name: "employee_id",
    flag: "--id-column",
    aliases: &[
        "employeeid",
        "empid",
        "employeenumber",
        "employeeno",
        "employeenr",
        "employeecode",
        "workerid",
        "personnelnumber",
        "personnelno",
        "personid",
        "personnumber",
        "staffid",
        "staffnumber",
        "eeid",
        "associateid",
        "userid",
        "id",
    ],
};
pub const MANAGER_ID: Role = Role {
    name: "manager_id",
    flag: "--manager-column",
    aliases: &[
        "managerid",
        "manageremployeeid",
        "manageremployeenumber",
        "managerworkerid",
        "managerpersonnelnumber",
        "linemanagerid",
        "supervisorid",
        "supervisoremployeeid",
        "reportsto",
        "reportstoid",
        "reportingto",
        "bossid",
        "parentid",
    ],
};
pub const TITLE: Role = Role {
    name: "title",
    flag: "--title-column",
    aliases: &[
        "title",
        "jobtitle",
        "businesstitle",
        "positiontitle",
        "position",
        "jobname",
        "jobprofile",
        "designation",
        "role",
    ],
};
pub const DEPARTMENT: Role = Role {
    name: "department",
    flag: "--department-column",
    aliases: &[
        "department",
        "dept",
        "departmentname",
        "orgunit",
        "organisationunit",
        "organizationunit",
        "orgunitname",
        "division",
        "businessunit",
        "function",
        "team",
    ],
};
pub const NAME: Role = Role {
    name: "name",
    flag: "--name-column",
    aliases: &[
        "name",
        "fullname",
        "employeename",
        "displayname",
        "workername",
        "preferredname",
        "legalname",
    ],
};
pub const EMAIL: Role = Role {
    name: "email",
    flag: "--email-column",
    aliases: &[
        "email",
        "emailaddress",
        "workemail",
        "businessemail",
        "mail",
    ],
};
pub const RESPONDENT: Role = Role {
    name: "respondent_id",
    flag: "--respondent-column",
    aliases: &[
        "respondentid",
        "respondent",
        "respondentemployeeid",
        "fromid",
        "from",
        "sourceid",
        "source",
        "egoid",
        "ego",
        "nominatorid",
        "nominator",
    ],
};
pub const NOMINEE: Role = Role {
    name: "nominee_id",
    flag: "--nominee-column",
    aliases: &[
        "nomineeid",
        "nominee",
        "nomineeemployeeid",
        "toid",
        "to",
        "targetid",
        "target",
        "alterid",
        "alter",
    ],
};
pub const QUESTION: Role = Role {
    name: "question",
    flag: "--question-column",
    aliases: &["question", "relation", "relationship", "network", "item"],
};
pub const WEIGHT: Role = Role {
    name: "weight",
    flag: "--weight-column",
    aliases: &["weight", "value", "strength", "frequency", "score"],
};

/// Finds the column of `role`: the explicit header if one was given (an error if the file
/// has no such header), otherwise the first alias that a header folds to.
pub fn find(
    file: &Arc<str>,
    headers: &[String],
    role: &Role,
    explicit: Option<&str>,
) -> Result<Option<usize>> {
    let folded: Vec<String> = headers.iter().map(|h| fold_header(h)).collect();
    if let Some(wanted) = explicit {
        let wanted_folded = fold_header(wanted);
        return match folded.iter().position(|h| *h == wanted_folded) {
            Some(i) => Ok(Some(i)),
            None => Err(Error::InvalidData(vec![Problem::error(
                file,
                "mapped-column-missing",
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
    role: &Role,
    explicit: Option<&str>,
) -> Result<usize> {
    find(file, headers, role, explicit)?.ok_or_else(|| {
        Error::InvalidData(vec![
            Problem::error(
                file,
                "no-id-column",
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

fn list_headers(headers: &[String]) -> String {
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
