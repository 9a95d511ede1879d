//! Validate: the checks of SPEC §3, and the clean data set the rest of the pipeline reads.
//!
//! In: the loaded [`OrgChart`] and [`Survey`]. Out: a [`Dataset`] of people, managers and
//! nominations resolved to person numbers, plus every warning; or, when a check fails hard,
//! [`Error::InvalidData`] with every error found.

mod contacts;
mod dimensions;
pub mod hierarchy;
mod ids;
mod matcher;
mod org;
mod people;
pub mod perceptions;
pub mod scales;
pub mod structure;
mod survey;

pub use contacts::Contacts;
pub use ids::{IdIndex, Match};
pub use people::People;
pub use scales::RatingScale;
pub use structure::{LevelColumn, Levels, ReportingLines, Structure};
pub use survey::{Answers, Nomination};

use std::sync::Arc;

use crate::diagnostics::{Problem, Problems, code, sort_by_place};
use crate::error::{Error, Result};
use crate::load::survey::kinds;
use crate::load::{OrgChart, QuestionKind, Survey, SurveyFile};
use crate::options::{CheckOptions, FormalPowerOptions};

/// The share of people who must answer for results to be read with confidence; below it a
/// warning is raised (the usual threshold in organisational network analysis).
pub const USUAL_RESPONSE_RATE: f64 = 0.8;

/// A checked data set: what every later stage reads.
#[derive(Debug)]
pub struct Dataset {
    pub org: OrgChart,
    pub people: People,
    /// Whether the org chart has reporting lines, and its level column read as numbers.
    pub structure: Structure,
    pub questions: Vec<String>,
    /// Each question's weight in the combined influence layer (`--question-weight`), by
    /// question index; 1 unless set.
    pub question_weights: Vec<f64>,
    /// Each question's kind, by question index; only influence questions make the
    /// influence layer and the roles.
    pub question_kinds: Vec<QuestionKind>,
    /// How each question's kind was decided.
    pub question_kind_source: Vec<KindSource>,
    /// Each question's leadership dimension and how it was decided, by question index;
    /// all `None` unless the survey asks how people lead (see [`Dataset::dimension`]).
    pub question_dimensions: Vec<Option<(crate::options::Dimension, KindSource)>>,
    /// The questions read as rating scales, with the cut applied.
    pub rating_scales: Vec<RatingScale>,
    pub answers: Answers,
    pub survey_files: Vec<SurveyFile>,
    /// Survey rows read, over all files.
    pub survey_rows: usize,
    /// Every warning, in file and row order.
    pub warnings: Vec<Problem>,
    /// The checked perception files, when any were given.
    pub perceptions: Option<perceptions::PerceptionData>,
}

/// How a question's kind was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindSource {
    /// Named with `--question-kind`.
    Given,
    /// Set with `--question-dimension`: a dimension makes the question influence,
    /// `direction` makes it a direction question. Written `given`, as `--question-kind`'s.
    DimensionGiven,
    /// Recognised from a word in the question's name.
    Recognised,
    /// The name matched no word list: counted as influence.
    Assumed,
}

impl KindSource {
    pub fn as_str(self) -> &'static str {
        match self {
            KindSource::Given | KindSource::DimensionGiven => "given",
            KindSource::Recognised => "recognised",
            KindSource::Assumed => "assumed",
        }
    }
}

impl Dataset {
    /// Question `q`'s kind and how it was decided, as `validate` and the report write it:
    /// `influence (from its name)`, `social (--question-kind)`, or `influence (assumed:
    /// the name matches no word list; set --question-kind q7=KIND)`.
    pub fn kind_in_words(&self, q: usize) -> String {
        let kind = self.question_kinds[q].as_str();
        match self.question_kind_source[q] {
            KindSource::Given => format!("{kind} (--question-kind)"),
            KindSource::DimensionGiven => format!("{kind} (--question-dimension)"),
            KindSource::Recognised => format!("{kind} (from its name)"),
            KindSource::Assumed => format!(
                "{kind} (assumed: the name matches no word list; set --question-kind {}=KIND)",
                self.questions[q]
            ),
        }
    }

    /// Question `q`'s rating scale, when it was read as one.
    pub fn rating_scale(&self, q: usize) -> Option<&RatingScale> {
        self.rating_scales.iter().find(|s| s.question as usize == q)
    }
}

impl Dataset {
    /// Whether question `q` is of the influence kind.
    pub fn is_influence(&self, q: usize) -> bool {
        self.question_kinds[q] == QuestionKind::Influence
    }

    /// Whether `person` answered at least one influence question: a respondent of the
    /// combined influence layer.
    pub fn responded_influence(&self, person: usize) -> bool {
        self.answers
            .responded
            .iter()
            .enumerate()
            .any(|(q, r)| r[person] && self.is_influence(q))
    }

    /// Number of people who answered at least one question.
    pub fn respondents(&self) -> usize {
        (0..self.people.len())
            .filter(|&p| self.responded_any(p))
            .count()
    }

    pub fn responded_any(&self, person: usize) -> bool {
        self.answers.responded.iter().any(|q| q[person])
    }

    /// Respondents over people.
    pub fn response_rate(&self) -> f64 {
        self.respondents() as f64 / self.people.len().max(1) as f64
    }
}

/// The checks of the org chart alone: who the people are and who manages whom. It needs no
/// survey, so it can run while the surveys are still being read; [`finish`] goes on.
pub fn check_org(org: &OrgChart, problems: &mut Problems) -> People {
    org::check_org(org, problems)
}

/// The checks after [`check_org`]: stops on its errors, then checks the surveys against
/// the people. `problems` holds the org chart's and the loaders' problems. Errors are
/// listed in the order warnings are: by file (the org chart, then the surveys as given),
/// then by row.
pub fn finish(
    org: OrgChart,
    mut people: People,
    survey: Survey,
    options: &CheckOptions,
    formal: &FormalPowerOptions,
    mut problems: Problems,
) -> Result<Dataset> {
    if problems.has_errors() {
        return Err(Error::InvalidData(errors_only(
            problems,
            &org,
            &survey.files,
        )));
    }
    let structure = structure::structure(&org, &people, formal, &mut problems)?;
    let mut answers = survey::check_survey(
        &survey,
        &org,
        &mut people,
        options.min_weight,
        &mut problems,
    );
    let rating_scales = scales::apply(
        &survey,
        people.len(),
        options.min_weight,
        &mut answers,
        &mut problems,
    );
    let question_weights = question_weights(&survey.questions, &options.question_weights)?;
    let (mut question_kinds, mut question_kind_source) =
        question_kinds(&survey.questions, &options.question_kinds)?;
    let question_dimensions = dimensions::question_dimensions(
        &survey.questions,
        &mut question_kinds,
        &mut question_kind_source,
        &options.question_dimensions,
    )?;
    let mut dataset = Dataset {
        org,
        people,
        structure,
        questions: survey.questions,
        question_weights,
        question_kinds,
        question_kind_source,
        question_dimensions,
        rating_scales,
        answers,
        survey_rows: survey.rows.len(),
        survey_files: survey.files,
        warnings: Vec::new(),
        perceptions: None,
    };
    check_response_rate(&dataset, options, &mut problems)?;
    if problems.has_errors() {
        return Err(Error::InvalidData(errors_only(
            problems,
            &dataset.org,
            &dataset.survey_files,
        )));
    }
    let mut warnings = problems.into_vec();
    sort_by_place(&mut warnings, &files(&dataset.org, &dataset.survey_files));
    dataset.warnings = warnings;
    Ok(dataset)
}

/// The weight of each question: 1, or what `--question-weight` says. A name that is no
/// question of the surveys is a usage error listing the questions.
fn question_weights(questions: &[String], given: &[(String, f64)]) -> Result<Vec<f64>> {
    let mut weights = vec![1.0; questions.len()];
    for (name, weight) in given {
        let key = crate::load::survey::question_key(name);
        match questions.iter().position(|q| *q == key) {
            Some(i) => weights[i] = *weight,
            None => {
                return Err(Error::Usage(format!(
                    "--question-weight {name}={weight}: the surveys have no question {key:?}; their questions are: {}",
                    questions.join(", ")
                )));
            }
        }
    }
    Ok(weights)
}

/// Each question's kind: as `--question-kind` says, else recognised from its name, else
/// influence. A name that is no question of the surveys is a usage error listing them.
fn question_kinds(
    questions: &[String],
    given: &[(String, QuestionKind)],
) -> Result<(Vec<QuestionKind>, Vec<KindSource>)> {
    let mut out: Vec<(QuestionKind, KindSource)> = questions
        .iter()
        .map(|q| match kinds::recognise(q) {
            Some(kind) => (kind, KindSource::Recognised),
            None => (QuestionKind::Influence, KindSource::Assumed),
        })
        .collect();
    for (name, kind) in given {
        let key = crate::load::survey::question_key(name);
        match questions.iter().position(|q| *q == key) {
            Some(i) => out[i] = (*kind, KindSource::Given),
            None => {
                return Err(Error::Usage(format!(
                    "--question-kind {name}={}: the surveys have no question {key:?}; their questions are: {}",
                    kind.as_str(),
                    questions.join(", ")
                )));
            }
        }
    }
    Ok(out.into_iter().unzip())
}

fn check_response_rate(
    dataset: &Dataset,
    options: &CheckOptions,
    problems: &mut Problems,
) -> Result<()> {
    let rate = dataset.response_rate();
    let files: Arc<str> = Arc::from(
        dataset
            .survey_files
            .iter()
            .map(|f| &*f.file)
            .collect::<Vec<_>>()
            .join(", "),
    );
    let (respondents, people) = (dataset.respondents(), dataset.people.len());
    if let Some(min) = options.min_response_rate
        && rate < min
    {
        return Err(Error::Threshold(format!(
            "{files}: response rate {:.1} % ({respondents} of {people} people answered) is below --min-response-rate {:.1} %; collect more answers or lower the threshold",
            rate * 100.0,
            min * 100.0
        )));
    }
    if rate < USUAL_RESPONSE_RATE {
        problems.push(Problem::warning(&files, code::LOW_RESPONSE_RATE, format!(
            "response rate {:.1} % ({respondents} of {people} people answered) is below the usual {:.0} %; read influence figures with care, and see leader_stability",
            rate * 100.0,
            USUAL_RESPONSE_RATE * 100.0
        )));
    }
    Ok(())
}

/// The errors among `problems`, in the order [`finish`] lists problems.
fn errors_only(problems: Problems, org: &OrgChart, surveys: &[SurveyFile]) -> Vec<Problem> {
    let mut errors: Vec<Problem> = problems
        .into_vec()
        .into_iter()
        .filter(Problem::is_error)
        .collect();
    sort_by_place(&mut errors, &files(org, surveys));
    errors
}

/// The input files in the order problems are listed: the org chart, then the surveys.
fn files<'a>(org: &'a OrgChart, surveys: &'a [SurveyFile]) -> Vec<&'a str> {
    std::iter::once(&*org.file)
        .chain(surveys.iter().map(|f| &*f.file))
        .collect()
}
