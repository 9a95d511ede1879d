//! `data-quality.csv`: every warning — file, row, column, code, message.

use std::io::{self, Write};

use crate::export::context::{ExportContext, Exporter};
use crate::text as format;

pub struct DataQualityCsv;

impl Exporter for DataQualityCsv {
    fn file_name(&self) -> &'static str {
        "data-quality.csv"
    }

    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(["file", "row", "column", "code", "message"])?;
        for p in cx.view.warnings() {
            let row = p.row.map(|r| r.to_string()).unwrap_or_default();
            let column = p.column.as_deref().unwrap_or("");
            w.write_record([
                &*format::csv_text(&p.file),
                &row,
                &*format::csv_text(column),
                p.code,
                &*format::csv_text(&cx.view.message(p)),
            ])?;
        }
        w.flush()
    }
}
