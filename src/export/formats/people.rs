//! `people.csv`: one row per person — attributes, metrics, role and reason.

use std::io::{self, Write};

use crate::export::context::{ExportContext, Exporter};
use crate::export::view::columns::for_each_row;
use crate::export::writing::chunks;
use crate::text as format;

pub struct PeopleCsv;

impl Exporter for PeopleCsv {
    fn file_name(&self) -> &'static str {
        "people.csv"
    }

    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let columns = cx.view.columns();
        let mut w = csv::Writer::from_writer(&mut *out);
        // Headers come from the org chart and the survey's questions: guarded like cells.
        w.write_record(
            columns
                .iter()
                .map(|c| format::csv_text(&c.name).into_owned()),
        )?;
        w.flush()?;
        drop(w);
        // Rows formatted in parallel chunks, cell by cell (no string per value), quoted as
        // the csv crate quotes.
        let order = cx.view.order();
        chunks::write_blocks(out, order.len(), |rows, buf| {
            for_each_row(&columns, &order[rows], |_, cells| {
                for (k, cell) in cells.iter().enumerate() {
                    if k > 0 {
                        buf.push(',');
                    }
                    cell.push_text(buf, |buf, text| {
                        format::push_csv_field(buf, &format::csv_text(text));
                    });
                }
                buf.push('\n');
            });
        })
    }
}
