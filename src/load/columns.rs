//! Finding columns by header: the aliases real HR systems and survey tools use, and the
//! explicit mapping (flag or config) that always wins.

use std::sync::Arc;

use crate::error::{Error, Result};
use crate::validate::Problem;

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

/// The aliases of one column role, already folded, most specific first.
pub struct Role {
    /// The name used in messages and in `people.csv`.
    pub name: &'static str,
    /// The flag that maps it explicitly.
    pub flag: &'static str,
    pub aliases: &'static [&'static str],
}

// The aliases cover the usual exports of Workday, SAP (HCM and SuccessFactors), Oracle HCM,
// ADP, BambooHR, Personio, HiBob and spreadsheets kept by hand, plus a few German and French
// headers. A generic alias (`id`, `manager`) comes last so that a specific one wins.

pub const EMPLOYEE_ID: Role = Role {
    name: "employee_id",
    flag: "--id-column",
    aliases: &[
        "employeeid",
        "employeenumber",
        "employeeno",
        "employeenr",
        "employeecode",
        "empid",
        "empno",
        "empnumber",
        "eeid",
        "workerid",
        "workernumber",
        "personnelnumber",
        "personnelno",
        "persno",
        "pernr",
        "personnumber",
        "personid",
        "personidexternal",
        "staffid",
        "staffnumber",
        "staffno",
        "associateid",
        "userid",
        "personalnummer",
        "mitarbeiterid",
        "mitarbeiternummer",
        "matricule",
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
        "managernumber",
        "managerworkerid",
        "managerpersonnumber",
        "managerpersonnelnumber",
        "managerpernr",
        "manageruserid",
        "managerassociateid",
        "linemanagerid",
        "linemanageremployeeid",
        "supervisorid",
        "supervisoremployeeid",
        "supervisoreid",
        "supervisornumber",
        "supervisorassociateid",
        "superiorid",
        "reportstoid",
        "reportstoemployeeid",
        "reportstoassociateid",
        "reportingtoid",
        "directmanagerid",
        "bossid",
        "parentid",
        "vorgesetzterid",
        "manageremail",
        "supervisoremail",
        "linemanageremail",
        "reportsto",
        "reportingto",
        "manager",
        "linemanager",
        "directmanager",
        "supervisor",
        "superior",
        "vorgesetzter",
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
        "jobtitledescription",
        "position",
        "positionname",
        "jobname",
        "jobprofile",
        "jobrole",
        "designation",
        "role",
        "job",
        "stellenbezeichnung",
        "poste",
    ],
};
pub const DEPARTMENT: Role = Role {
    name: "department",
    flag: "--department-column",
    aliases: &[
        "department",
        "dept",
        "departmentname",
        "departmentdescription",
        "homedepartment",
        "homedepartmentdescription",
        "orgunit",
        "orgunitname",
        "organisationunit",
        "organizationunit",
        "organisationalunit",
        "organizationalunit",
        "supervisoryorganization",
        "supervisoryorganisation",
        "division",
        "businessunit",
        "function",
        "team",
        "abteilung",
        "service",
    ],
};
pub const NAME: Role = Role {
    name: "name",
    flag: "--name-column",
    aliases: &[
        "name",
        "fullname",
        "employeename",
        "employeefullname",
        "displayname",
        "workername",
        "preferredname",
        "preferredfullname",
        "legalname",
        "legalfullname",
        "worker",
    ],
};
pub const FIRST_NAME: Role = Role {
    name: "first_name",
    flag: "--first-name-column",
    aliases: &[
        "firstname",
        "givenname",
        "preferredfirstname",
        "legalfirstname",
        "forename",
        "first",
        "vorname",
        "prenom",
        "prénom",
    ],
};
pub const LAST_NAME: Role = Role {
    name: "last_name",
    flag: "--last-name-column",
    aliases: &[
        "lastname",
        "surname",
        "familyname",
        "preferredlastname",
        "legallastname",
        "last",
        "nachname",
        "nom",
    ],
};
pub const EMAIL: Role = Role {
    name: "email",
    flag: "--email-column",
    aliases: &[
        "email",
        "emailaddress",
        "workemail",
        "workemailaddress",
        "businessemail",
        "primaryworkemail",
        "emailprimarywork",
        "workcontactworkemail",
        "companyemail",
        "emailwork",
        "mail",
        "userprincipalname",
        "upn",
    ],
};
pub const RESPONDENT: Role = Role {
    name: "respondent_id",
    flag: "--respondent-column",
    aliases: &[
        "respondentid",
        "respondent",
        "respondentemployeeid",
        "respondentemail",
        "fromid",
        "from",
        "sourceid",
        "source",
        "egoid",
        "ego",
        "nominatorid",
        "nominator",
        "employeeid",
        "recipientemail",
        "externalreference",
        "externaldatareference",
        "email",
        "emailaddress",
    ],
};
pub const NOMINEE: Role = Role {
    name: "nominee_id",
    flag: "--nominee-column",
    aliases: &[
        "nomineeid",
        "nominee",
        "nomineeemployeeid",
        "nomineeemail",
        "nomineename",
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
    aliases: &[
        "weight",
        "value",
        "strength",
        "frequency",
        "score",
        "answer",
        "rating",
    ],
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
