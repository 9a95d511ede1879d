//! `people.parquet`: the person table of `people.csv` with the same columns, in the same
//! order, typed: text as UTF-8 strings, counts as 64-bit integers, measures as doubles,
//! flags as booleans; "does not apply" is null. Text is stored as given (a Parquet reader
//! runs no formulas, so the CSV's leading-apostrophe guard is not needed here).
//!
//! Written with the `parquet` crate's column writers (no Arrow, Snappy compression), one
//! row group per 65,536 people. The file holds no timestamp, so it is byte-identical
//! across runs.

use std::io::{self, Write};
use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use super::columns::{Cell, Column, Kind};
use super::{Context, Exporter};

pub struct PeopleParquet;

const ROW_GROUP: usize = 65_536;

fn err(e: ParquetError) -> io::Error {
    io::Error::other(e)
}

fn schema(columns: &[Column<'_>]) -> Result<Type, ParquetError> {
    let fields = columns
        .iter()
        .map(|c| {
            let (physical, logical) = match c.kind {
                Kind::Text => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                Kind::Int => (Physical::INT64, None),
                Kind::Float => (Physical::DOUBLE, None),
                Kind::Bool => (Physical::BOOLEAN, None),
            };
            Type::primitive_type_builder(&c.name, physical)
                .with_repetition(Repetition::OPTIONAL)
                .with_logical_type(logical)
                .build()
                .map(Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Type::group_type_builder("person")
        .with_fields(fields)
        .build()
}

impl Exporter for PeopleParquet {
    fn file_name(&self) -> &'static str {
        "people.parquet"
    }

    fn write(&self, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
        let columns = cx.view.columns();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("orgsphere {}", env!("CARGO_PKG_VERSION")))
            .build();
        let schema = Arc::new(schema(&columns).map_err(err)?);
        let mut buf = Vec::new();
        let mut writer =
            SerializedFileWriter::new(&mut buf, schema, Arc::new(props)).map_err(err)?;
        for rows in cx.view.order().chunks(ROW_GROUP) {
            let mut group = writer.next_row_group().map_err(err)?;
            for c in &columns {
                let mut col = group
                    .next_column()
                    .map_err(err)?
                    .ok_or_else(|| io::Error::other("parquet: fewer columns than the schema"))?;
                write_column(col.untyped(), c, rows).map_err(err)?;
                col.close().map_err(err)?;
            }
            group.close().map_err(err)?;
        }
        writer.close().map_err(err)?;
        out.write_all(&buf)
    }
}

/// Writes one column for `rows`: the values present, and a definition level per row
/// (1 present, 0 null).
fn write_column(
    w: &mut ColumnWriter<'_>,
    c: &Column<'_>,
    rows: &[usize],
) -> Result<(), ParquetError> {
    let cells: Vec<Cell<'_>> = rows.iter().map(|&p| c.cell(p)).collect();
    let defs: Vec<i16> = cells.iter().map(|x| i16::from(*x != Cell::Empty)).collect();
    let present = cells.iter().filter(|x| **x != Cell::Empty);
    match w {
        ColumnWriter::ByteArrayColumnWriter(w) => {
            let v: Vec<ByteArray> = present
                .map(|x| ByteArray::from(x.text().as_bytes().to_vec()))
                .collect();
            w.write_batch(&v, Some(&defs), None)?;
        }
        ColumnWriter::Int64ColumnWriter(w) => {
            let v: Vec<i64> = present
                .map(|x| match x {
                    Cell::Int(v) => i64::try_from(*v).unwrap_or(i64::MAX),
                    other => other.text().parse().unwrap_or(0),
                })
                .collect();
            w.write_batch(&v, Some(&defs), None)?;
        }
        ColumnWriter::DoubleColumnWriter(w) => {
            let v: Vec<f64> = present
                .map(|x| x.text().parse().unwrap_or(f64::NAN))
                .collect();
            w.write_batch(&v, Some(&defs), None)?;
        }
        ColumnWriter::BoolColumnWriter(w) => {
            let v: Vec<bool> = present.map(|x| matches!(x, Cell::Bool(true))).collect();
            w.write_batch(&v, Some(&defs), None)?;
        }
        _ => {
            return Err(ParquetError::General(format!(
                "column {}: unexpected type",
                c.name
            )));
        }
    }
    Ok(())
}
