//! `people.csv`: one row per person — attributes, metrics, role and reason.

use std::io::{self, Write};

use super::columns::Cell;
use super::{Context, Exporter, format};

pub struct PeopleCsv;

impl Exporter for PeopleCsv {
    fn file_name(&self) -> &'static str {
        "people.csv"
    }

    fn write(&self, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        let columns = cx.view.columns();
        let mut w = csv::Writer::from_writer(out);
        w.write_record(columns.iter().map(|c| c.name.as_str()))?;
        let mut row: Vec<String> = Vec::with_capacity(columns.len());
        for &p in cx.view.order() {
            row.clear();
            row.extend(columns.iter().map(|c| match c.cell(p) {
                Cell::Text(t) => format::csv_text(&t).into_owned(),
                other => other.text().into_owned(),
            }));
            w.write_record(&row)?;
        }
        w.flush()
    }
}
