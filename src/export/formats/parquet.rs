//! `people.parquet`: the person table of `people.csv` with the same columns, in the same
//! order, typed: text as UTF-8 strings, counts as 64-bit integers, measures as doubles,
//! flags as booleans; "does not apply" is null. Text is stored as given (a Parquet reader
//! runs no formulas, so the CSV's leading-apostrophe guard is not needed here). Measures are
//! the exact doubles orgsphere computed (`people.csv` writes them rounded to 10 significant
//! digits).
//!
//! Written with the `parquet` crate's column writers (no Arrow, Snappy compression), one
//! row group per 65,536 people, the columns of a row group encoded in parallel. Text columns
//! are dictionary-encoded (titles, departments and roles repeat); numbers are not (nearly
//! every value differs, so a dictionary would be built only to be dropped). The file holds
//! no timestamp, so it is byte-identical across runs.

use std::io::{self, Write};
use std::sync::Arc;

use bytes::Bytes;
use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::column::writer::{ColumnCloseResult, ColumnWriter, get_column_writer};
use parquet::data_type::ByteArray;
use parquet::errors::ParquetError;
use parquet::file::properties::{WriterProperties, WriterPropertiesPtr};
use parquet::file::writer::{SerializedFileWriter, SerializedPageWriter, TrackedWrite};
use parquet::schema::types::{ColumnDescPtr, ColumnPath, Type};
use rayon::prelude::*;

use crate::export::context::{ExportContext, Exporter};
use crate::export::view::columns::{Cell, Column, ColumnKind};

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
                ColumnKind::Text => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                ColumnKind::Int => (Physical::INT64, None),
                ColumnKind::Float => (Physical::DOUBLE, None),
                ColumnKind::Bool => (Physical::BOOLEAN, None),
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

    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let columns = cx.view.columns();
        let props = columns
            .iter()
            .filter(|c| matches!(c.kind, ColumnKind::Text | ColumnKind::Bool))
            .fold(
                WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .set_dictionary_enabled(false)
                    .set_created_by(format!("orgsphere {}", env!("CARGO_PKG_VERSION"))),
                |b, c| b.set_column_dictionary_enabled(ColumnPath::from(c.name.as_ref()), true),
            )
            .build();
        let props = Arc::new(props);
        let schema = Arc::new(schema(&columns).map_err(err)?);
        // Written straight to the file: only one row group's encoded columns are held.
        let mut writer = SerializedFileWriter::new(out, schema, Arc::clone(&props)).map_err(err)?;
        let descriptors = writer.schema_descr().columns().to_vec();
        for rows in cx.view.order().chunks(ROW_GROUP) {
            // The columns of a row group are encoded in parallel, each into its own
            // buffer, then appended in schema order: the same bytes with any threads.
            let encoded = columns
                .par_iter()
                .zip(&descriptors)
                .map(|(c, d)| encode(c, Arc::clone(d), Arc::clone(&props), rows))
                .collect::<Result<Vec<_>, _>>()
                .map_err(err)?;
            let mut group = writer.next_row_group().map_err(err)?;
            for (bytes, close) in encoded {
                group.append_column(&bytes, close).map_err(err)?;
            }
            group.close().map_err(err)?;
        }
        writer.close().map_err(err)?;
        Ok(())
    }
}

/// One column chunk of `rows`, encoded and compressed into its own buffer.
fn encode(
    c: &Column<'_>,
    descr: ColumnDescPtr,
    props: WriterPropertiesPtr,
    rows: &[usize],
) -> Result<(Bytes, ColumnCloseResult), ParquetError> {
    let mut sink = TrackedWrite::new(Vec::new());
    let pages = Box::new(SerializedPageWriter::new(&mut sink));
    let mut w = get_column_writer(descr, props, pages);
    write_column(&mut w, c, rows)?;
    let close = w.close()?;
    Ok((Bytes::from(sink.into_inner()?), close))
}

/// Writes one column for `rows`: the values present, and a definition level per row
/// (1 present, 0 null). Text values are slices of one buffer per column. Each cell is
/// made once and goes straight to its value list: no list of every cell is kept.
fn write_column(
    w: &mut ColumnWriter<'_>,
    c: &Column<'_>,
    rows: &[usize],
) -> Result<(), ParquetError> {
    match w {
        ColumnWriter::ByteArrayColumnWriter(w) => {
            let mut text = String::new();
            let mut ends = Vec::with_capacity(rows.len());
            let defs = present(c, rows, |x| {
                x.push_text(&mut text, |buf, t| buf.push_str(t));
                ends.push(text.len());
            });
            let all = Bytes::from(text.into_bytes());
            let v: Vec<ByteArray> = ends
                .iter()
                .scan(0, |start, &end| {
                    let value = ByteArray::from(all.slice(*start..end));
                    *start = end;
                    Some(value)
                })
                .collect();
            w.write_batch(&v, Some(&defs), None)?;
        }
        ColumnWriter::Int64ColumnWriter(w) => {
            let mut v: Vec<i64> = Vec::with_capacity(rows.len());
            let defs = present(c, rows, |x| {
                v.push(match x {
                    Cell::Int(v) => i64::try_from(v).unwrap_or(i64::MAX),
                    other => other.text().parse().unwrap_or(0),
                })
            });
            w.write_batch(&v, Some(&defs), None)?;
        }
        ColumnWriter::DoubleColumnWriter(w) => {
            let mut v: Vec<f64> = Vec::with_capacity(rows.len());
            let defs = present(c, rows, |x| {
                v.push(match x {
                    Cell::Float(v) => v,
                    other => other.text().parse().unwrap_or(f64::NAN),
                })
            });
            w.write_batch(&v, Some(&defs), None)?;
        }
        ColumnWriter::BoolColumnWriter(w) => {
            let mut v: Vec<bool> = Vec::with_capacity(rows.len());
            let defs = present(c, rows, |x| v.push(matches!(x, Cell::Bool(true))));
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

/// Hands each present (non-empty) cell of `c` for `rows`, in order, to `value`; returns
/// the definition levels (1 present, 0 null), one per row.
fn present<'a>(c: &Column<'a>, rows: &[usize], mut value: impl FnMut(Cell<'a>)) -> Vec<i16> {
    rows.iter()
        .map(|&p| match c.cell(p) {
            Cell::Empty => 0,
            x => {
                value(x);
                1
            }
        })
        .collect()
}
