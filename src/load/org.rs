//! The org chart: one row per person, `employee_id` required, the other known columns found
//! by header, every column kept as given so it can be carried to `people.csv`.

use std::path::Path;
use std::sync::Arc;

use csv::StringRecord;

use super::columns::{
    self, DEPARTMENT, EMAIL, EMPLOYEE_ID, FIRST_NAME, LAST_NAME, MANAGER_ID, NAME, TITLE,
};
use super::table::{Source, ragged_row};
use crate::error::{Error, Result};
use crate::options::Options;

/// Which header index plays which role.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrgColumns {
    pub id: usize,
    pub manager: Option<usize>,
    pub title: Option<usize>,
    pub department: Option<usize>,
    pub name: Option<usize>,
    /// First and last name, used as the name when there is no full-name column.
    pub first_name: Option<usize>,
    pub last_name: Option<usize>,
    pub email: Option<usize>,
}

impl OrgColumns {
    /// The indices of the columns that have a fixed place in `people.csv`.
    pub fn fixed(&self) -> [Option<usize>; 4] {
        [Some(self.id), self.manager, self.title, self.department]
    }
}

/// The org chart as read, before validation.
#[derive(Debug)]
pub struct OrgChart {
    pub file: Arc<str>,
    pub sha256: String,
    pub encoding: &'static str,
    pub headers: Vec<String>,
    pub columns: OrgColumns,
    /// Data rows with their 1-based spreadsheet row numbers.
    pub rows: Vec<(u64, StringRecord)>,
}

impl OrgChart {
    /// Reads the org chart at `path`.
    pub fn read(path: &Path, options: &Options) -> Result<OrgChart> {
        OrgChart::from_source(Source::open(path, options.encoding)?, options)
    }

    /// Reads an org chart from bytes (for tests and standard input).
    pub fn from_bytes(name: &str, bytes: &[u8], options: &Options) -> Result<OrgChart> {
        OrgChart::from_source(Source::from_bytes(name, bytes, options.encoding)?, options)
    }

    /// The full name of the person on `rows[record]`: the name column, or first and last
    /// name joined by a space; `None` when the chart has neither or the cells are empty.
    pub fn name_of(&self, record: usize) -> Option<std::borrow::Cow<'_, str>> {
        let cells = &self.rows.get(record)?.1;
        let cell = |c: Option<usize>| c.and_then(|c| cells.get(c)).map(str::trim).unwrap_or("");
        let full = cell(self.columns.name);
        if !full.is_empty() {
            return Some(full.into());
        }
        let (first, last) = (cell(self.columns.first_name), cell(self.columns.last_name));
        match (first.is_empty(), last.is_empty()) {
            (true, true) => None,
            (false, true) => Some(first.into()),
            (true, false) => Some(last.into()),
            (false, false) => Some(format!("{first} {last}").into()),
        }
    }

    /// Whether people have names or e-mail addresses that survey answers may use.
    pub fn has_contacts(&self) -> bool {
        let c = &self.columns;
        c.name.is_some() || c.first_name.is_some() || c.last_name.is_some() || c.email.is_some()
    }

    fn from_source(source: Source, options: &Options) -> Result<OrgChart> {
        let map = &options.columns;
        let mut table = source.table()?;
        let file = &source.file;
        let h = &table.headers;
        let columns = OrgColumns {
            id: columns::require(file, h, &EMPLOYEE_ID, map.id.as_deref())?,
            manager: columns::find(file, h, &MANAGER_ID, map.manager.as_deref())?,
            title: columns::find(file, h, &TITLE, map.title.as_deref())?,
            department: columns::find(file, h, &DEPARTMENT, map.department.as_deref())?,
            name: columns::find(file, h, &NAME, map.name.as_deref())?,
            first_name: columns::find(file, h, &FIRST_NAME, map.first_name.as_deref())?,
            last_name: columns::find(file, h, &LAST_NAME, map.last_name.as_deref())?,
            email: columns::find(file, h, &EMAIL, map.email.as_deref())?,
        };
        let mut rows = Vec::new();
        let mut ragged = Vec::new();
        while let Some((row, record)) = table.rows.next_record()? {
            if record.len() != h.len() {
                ragged.push(ragged_row(file, row, record.len(), h));
            } else {
                rows.push((row, record.clone()));
            }
        }
        if !ragged.is_empty() {
            return Err(Error::InvalidData(ragged));
        }
        Ok(OrgChart {
            file: Arc::clone(file),
            sha256: source.sha256.clone(),
            encoding: source.encoding,
            headers: table.headers,
            columns,
            rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_hr_export_with_semicolons_and_crlf() {
        let bytes = "\u{feff}Employee ID;Manager ID;Job Title;Full Name;Email\r\n\
                     1;;CEO;Zoë Müller;zoe@example.com\r\n\
                     2;1;Engineer;\"Doe; Jane\";jane@example.com\r\n";
        let org = OrgChart::from_bytes("org.csv", bytes.as_bytes(), &Options::default()).unwrap();
        assert_eq!(org.encoding, "UTF-8 with BOM");
        assert_eq!(
            org.columns,
            OrgColumns {
                id: 0,
                manager: Some(1),
                title: Some(2),
                department: None,
                name: Some(3),
                first_name: None,
                last_name: None,
                email: Some(4)
            }
        );
        assert_eq!(org.rows.len(), 2);
        assert_eq!(org.rows[1].0, 3);
        assert_eq!(&org.rows[0].1[3], "Zoë Müller");
        assert_eq!(&org.rows[1].1[3], "Doe; Jane");
    }

    #[test]
    fn first_and_last_name_make_a_name() {
        let bytes = b"Employee #,First Name,Last Name\n1,Zo\xEB,M\xFCller\n2,,Cher\n3,,\n";
        let org = OrgChart::from_bytes("org.csv", bytes, &Options::default()).unwrap();
        let names: Vec<_> = (0..3)
            .map(|r| org.name_of(r).map(|n| n.into_owned()))
            .collect();
        assert_eq!(
            names,
            [Some("Zoë Müller".into()), Some("Cher".into()), None]
        );
        assert!(org.has_contacts());
    }

    #[test]
    fn every_ragged_row_is_reported_with_its_row() {
        let bytes = b"employee_id,manager_id\n1,\n2,1,extra\n3\n";
        let err = OrgChart::from_bytes("org.csv", bytes, &Options::default()).unwrap_err();
        let Error::InvalidData(problems) = err else {
            panic!("wrong error")
        };
        let rows: Vec<_> = problems.iter().map(|p| (p.code, p.row)).collect();
        assert_eq!(rows, [("ragged-row", Some(3)), ("ragged-row", Some(4))]);
    }
}
