//! Export: the result files, written into a temporary folder and moved into place only
//! when all are complete, so an output folder is whole or absent ([`crate::outdir`]).
//!
//! - [`formats`]: one [`Exporter`] per file written (`people.csv`, `people.parquet`,
//!   `graph.gexf`, `graph.graphml`, `graph.dot`, the JSON graphs, the findings,
//!   `summary.json`, `data-quality.csv`, `report.html`); each writes to any `io::Write`.
//! - [`view`]: what the files may show of the analysis. Every exporter reads the analysis
//!   only through one [`View`], which holds it privately (people by id or pseudonym, the
//!   privacy rules), and group figures through one [`DepartmentGroups`] (small groups
//!   suppressed), so no file can forget them.
//! - [`writing`]: the files written side by side, each through a background sink.
//! - [`context`]: what an exporter is given ([`ExportContext`]) and the [`Exporter`] trait.
//! - [`clock`]: the run's one timestamp.
//!
//! Text and numbers are escaped and written by [`crate::text`], shared with the stages
//! below.

pub mod clock;
pub mod context;
pub mod formats;
pub mod view;
pub mod writing;

pub use context::{ExportContext, Exporter};
pub use formats::summary::SCHEMA_VERSION;
pub use formats::{check_dot_root, exporters};
pub use view::columns::{Cell, Column, ColumnKind, person_columns, person_order};
pub use view::groups::DepartmentGroups;
pub use view::layout::{self, PeopleLayout};
pub use view::{View, privacy};
pub use writing::{people_and_summary, write_all};
