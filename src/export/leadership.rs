//! The person columns of how people lead (issue 17), written only when the survey asks
//! (a question on a leadership dimension or on direction): per dimension asked,
//! `lead_<dimension>_nominators` and `lead_<dimension>_percentile` (among people of the
//! same formal standing); `leads_on` (the dimensions a person leads on, `;`-separated);
//! with a direction question, `direction_nominators` and `direction_coverage`; with a
//! dimension, `leadership_coverage`; and `leadership_profile`, the profile in words.

use std::borrow::Cow;

use super::columns::{Cell, Column, Kind};
use crate::analysis::Analysis;

/// Appends the leadership columns to `cols` (nothing when the survey does not ask).
pub(super) fn push_columns<'a>(cols: &mut Vec<Column<'a>>, a: &'a Analysis) {
    let Some(l) = &a.leadership else {
        return;
    };
    for d in &l.dimensions {
        let name = d.dimension.as_str();
        cols.push(Column::new(
            format!("lead_{name}_nominators"),
            Kind::Int,
            move |p| Cell::Int(d.nominators[p].into()),
        ));
        cols.push(Column::new(
            format!("lead_{name}_percentile"),
            Kind::Float,
            move |p| d.percentile[p].map_or(Cell::Empty, Cell::Float),
        ));
    }
    if !l.dimensions.is_empty() {
        cols.push(Column::new("leads_on", Kind::Text, move |p| {
            let led: Vec<&str> = l.led_by(p).iter().map(|d| d.as_str()).collect();
            Cell::Text(Cow::Owned(led.join(";")))
        }));
    }
    if let Some(direction) = &l.direction {
        cols.push(Column::new("direction_nominators", Kind::Int, move |p| {
            Cell::Int(direction.nominators[p].into())
        }));
        cols.push(Column::new("direction_coverage", Kind::Float, move |p| {
            l.direction_coverage(p).map_or(Cell::Empty, Cell::Float)
        }));
    }
    if !l.dimensions.is_empty() {
        cols.push(Column::new("leadership_coverage", Kind::Float, move |p| {
            l.leadership_coverage(p).map_or(Cell::Empty, Cell::Float)
        }));
    }
    cols.push(Column::new("leadership_profile", Kind::Text, move |p| {
        Cell::Text(Cow::Borrowed(&l.profile[p]))
    }));
}
