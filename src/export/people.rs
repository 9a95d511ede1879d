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
        // Cell by cell into the writer: no row of owned strings per person.
        for &p in cx.view.order() {
            for c in &columns {
                match c.cell(p) {
                    Cell::Text(t) => w.write_field(format::csv_text(&t).as_bytes())?,
                    other => w.write_field(other.text().as_bytes())?,
                }
            }
            w.write_record(None::<&[u8]>)?;
        }
        w.flush()
    }
}
