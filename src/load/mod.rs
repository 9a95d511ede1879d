//! Load: input files to in-memory tables, with the positions every later message needs.
//!
//! In: the paths (or bytes) of the org chart and the survey files. Out: an [`OrgChart`] with
//! its rows and detected columns, and a [`Survey`] of nominations with interned ids. Nothing
//! is resolved against the org chart here; that is validation's work.

pub mod aliases;
pub mod columns;
pub mod decode;
pub mod input;
pub mod intern;
pub mod org;
pub mod perceptions;
pub mod survey;
pub mod table;
pub mod weight;

pub use input::InputFile;
pub use org::{OrgChart, OrgColumns};
pub use survey::{QuestionKind, Survey, SurveyFile, SurveyRow};
