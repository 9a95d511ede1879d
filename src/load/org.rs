//! The org chart: one row per person, `employee_id` required, the other known columns found
//! by header, every column kept as given so it can be carried to `people.csv`.

use std::sync::Arc;

use csv::StringRecord;

use super::columns::{
    self, DEPARTMENT, EMAIL, EMPLOYEE_ID, FIRST_NAME, LAST_NAME, LEVEL, MANAGER_ID, NAME, TITLE,
};
use super::input::InputFile;
use super::table::{Source, ragged_row};
use crate::diagnostics::{Problem, code};
use crate::error::{Error, Result};
use crate::options::ReadOptions;

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
    /// The level or grade of each person's job, an org-chart column like any other in
    /// `people.csv`; validation reads its numbers (`validate::levels`).
    pub level: Option<usize>,
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
    pub rows: Records,
    /// A warning about how the file was decoded (bytes that are not UTF-8), for validation
    /// to list.
    pub encoding_warning: Option<Problem>,
}

/// The org chart's data rows, every one as wide as the header. All cells' text is kept in
/// one buffer, so a chart of a million people is a few large arrays, not millions of small
/// ones.
#[derive(Debug, Default)]
pub struct Records {
    width: usize,
    text: String,
    /// Where each cell ends in `text`, row after row, `width` cells a row.
    ends: Vec<u32>,
    /// Each row's 1-based spreadsheet row.
    lines: Vec<u64>,
}

impl Records {
    /// Room for the rows of `source`: its text and line count bound the cells and rows.
    fn new(width: usize, source: &Source) -> Self {
        let rows = source.max_rows();
        Records {
            width,
            text: String::with_capacity(source.len()),
            ends: Vec::with_capacity(rows * width),
            lines: Vec::with_capacity(rows),
        }
    }

    /// Appends a row of `width` cells; `false` (and nothing appended) when the text of all
    /// rows would pass 4 GiB.
    fn push(&mut self, line: u64, record: &StringRecord) -> bool {
        debug_assert_eq!(record.len(), self.width);
        if self.text.len() + record.as_byte_record().as_slice().len() > u32::MAX as usize {
            return false;
        }
        for cell in record {
            self.text.push_str(cell);
            self.ends.push(self.text.len() as u32);
        }
        self.lines.push(line);
        true
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Row `i`'s 1-based spreadsheet row.
    pub fn line(&self, i: usize) -> u64 {
        self.lines[i]
    }

    /// Row `i`'s cells.
    pub fn record(&self, i: usize) -> Record<'_> {
        let first = i * self.width;
        Record {
            text: &self.text,
            start: if first == 0 { 0 } else { self.ends[first - 1] },
            ends: &self.ends[first..first + self.width],
        }
    }

    /// Row `i`'s cells, or `None` past the last row.
    pub fn get(&self, i: usize) -> Option<Record<'_>> {
        (i < self.len()).then(|| self.record(i))
    }

    /// The text of row `i`, column `c`.
    pub fn cell(&self, i: usize, c: usize) -> &str {
        self.record(i).cell(c)
    }

    /// Every row: its spreadsheet row and its cells.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (u64, Record<'_>)> {
        (0..self.len()).map(|i| (self.lines[i], self.record(i)))
    }
}

/// One row of the org chart, cell by cell.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    text: &'a str,
    start: u32,
    ends: &'a [u32],
}

impl<'a> Record<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The text of column `c`, or `None` past the last column.
    pub fn get(&self, c: usize) -> Option<&'a str> {
        let end = *self.ends.get(c)? as usize;
        let start = match c {
            0 => self.start,
            _ => self.ends[c - 1],
        } as usize;
        Some(&self.text[start..end])
    }

    /// The text of column `c`, which must be a column of the chart.
    pub fn cell(&self, c: usize) -> &'a str {
        self.get(c).expect("a column of the org chart")
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let record = *self;
        (0..record.len()).map(move |c| record.cell(c))
    }
}

impl OrgChart {
    /// Reads the org chart.
    pub fn read(input: InputFile<'_>, options: &ReadOptions) -> Result<OrgChart> {
        OrgChart::from_source(Source::read(input, options)?, options)
    }

    /// Reads an org chart from bytes, as [`OrgChart::read`] does.
    pub fn from_bytes(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<OrgChart> {
        OrgChart::read(InputFile::Bytes(name, bytes), options)
    }

    /// The full name of the person on `rows[record]`: the name column, or first and last
    /// name joined by a space; `None` when the chart has neither or the cells are empty.
    pub fn name_of(&self, record: usize) -> Option<std::borrow::Cow<'_, str>> {
        let cells = self.rows.get(record)?;
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

    fn from_source(source: Source, options: &ReadOptions) -> Result<OrgChart> {
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
            level: columns::find(file, h, &LEVEL, map.level.as_deref())?,
        };
        let mut rows = Records::new(h.len(), &source);
        let mut ragged = Vec::new();
        while let Some((row, record)) = table.rows.next_record()? {
            if record.len() != h.len() {
                ragged.push(ragged_row(file, row, record.len(), h));
            } else if !rows.push(row, record) {
                return Err(Error::InvalidData(vec![
                    Problem::error(
                        file,
                        code::FILE_TOO_LARGE,
                        "the org chart's cells hold more than 4 GiB of text; leave out the columns orgsphere does not need and export again",
                    )
                    .at_row(row),
                ]));
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
            encoding_warning: source.encoding_warning(),
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
        let org =
            OrgChart::from_bytes("org.csv", bytes.as_bytes(), &ReadOptions::default()).unwrap();
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
                email: Some(4),
                level: None,
            }
        );
        assert_eq!(org.rows.len(), 2);
        assert_eq!(org.rows.line(1), 3);
        assert_eq!(org.rows.cell(0, 3), "Zoë Müller");
        assert_eq!(org.rows.cell(1, 3), "Doe; Jane");
        let second: Vec<&str> = org.rows.record(1).iter().collect();
        assert_eq!(
            second,
            ["2", "1", "Engineer", "Doe; Jane", "jane@example.com"]
        );
        assert_eq!(org.rows.record(0).get(5), None);
        assert!(org.rows.get(2).is_none());
    }

    #[test]
    fn first_and_last_name_make_a_name() {
        let bytes = b"Employee #,First Name,Last Name\n1,Zo\xEB,M\xFCller\n2,,Cher\n3,,\n";
        let org = OrgChart::from_bytes("org.csv", bytes, &ReadOptions::default()).unwrap();
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
        let err = OrgChart::from_bytes("org.csv", bytes, &ReadOptions::default()).unwrap_err();
        let Error::InvalidData(problems) = err else {
            panic!("wrong error")
        };
        let rows: Vec<_> = problems.iter().map(|p| (p.code, p.row)).collect();
        assert_eq!(rows, [("ragged-row", Some(3)), ("ragged-row", Some(4))]);
    }
}
