//! The code of every problem orgsphere reports: stable, machine-readable, written in
//! `data-quality.csv`, `summary.json`'s warnings by code, `validate`'s groups and the JSON
//! log lines. README's Data quality section describes each; a code is never reused for
//! another problem.

// Files that cannot be read as a table.

/// Binary data, no line break in the first MiB, UTF-16 without a byte-order mark, bytes
/// that are not the encoding named, or a device or socket named as an input.
pub const NOT_A_TEXT_TABLE: &str = "not-a-text-table";
/// A file above `--max-input-size`, or an org chart whose cells hold more than 4 GiB.
pub const FILE_TOO_LARGE: &str = "file-too-large";
/// No header row.
pub const EMPTY_FILE: &str = "empty-file";
/// Quoting the CSV reader cannot parse.
pub const UNREADABLE_CSV: &str = "unreadable-csv";
/// A row with more or fewer cells than the header.
pub const RAGGED_ROW: &str = "ragged-row";
/// A file with UTF-8 text and a few bytes that are not UTF-8, read as Windows-1252.
pub const ENCODING_GUESSED: &str = "encoding-guessed";
/// Bytes that are not UTF-8 in a file read as UTF-8, read as U+FFFD.
pub const ENCODING_REPLACED: &str = "encoding-replaced";

// Columns.

/// The id column (or a survey's respondent column) cannot be identified.
pub const NO_ID_COLUMN: &str = "no-id-column";
/// A survey's nominee column cannot be identified.
pub const NO_NOMINEE_COLUMN: &str = "no-nominee-column";
/// A `--*-column` names a header the file lacks.
pub const MAPPED_COLUMN_MISSING: &str = "mapped-column-missing";

// The org chart.

/// A row without an id (left out).
pub const MISSING_ID: &str = "missing-id";
/// Two rows with one id and different contents.
pub const DUPLICATE_ID: &str = "duplicate-id";
/// An identical repeat of a row (merged).
pub const DUPLICATE_ROW: &str = "duplicate-row";
/// A header but nobody with an id.
pub const EMPTY_ORG_CHART: &str = "empty-org-chart";
/// A manager id that is nobody's (the person becomes a root).
pub const UNKNOWN_MANAGER: &str = "unknown-manager";
/// Someone who is their own manager.
pub const SELF_MANAGER: &str = "self-manager";
/// Several people without a manager where others have one.
pub const SEVERAL_ROOTS: &str = "several-roots";
/// Managers that report to each other.
pub const REPORTING_CYCLE: &str = "reporting-cycle";
/// Filled cells of the level column without a number.
pub const LEVEL_NOT_A_NUMBER: &str = "level-not-a-number";
/// `--manager-levels` names no level the column holds.
pub const MANAGER_LEVELS_MATCH_NOBODY: &str = "manager-levels-match-nobody";
/// An id matched only after trimming or case folding.
pub const ID_NORMALISED: &str = "id-normalised";

// The surveys.

/// A survey row without a respondent (dropped).
pub const MISSING_RESPONDENT: &str = "missing-respondent";
/// A respondent who is nobody in the org chart (dropped).
pub const UNKNOWN_RESPONDENT: &str = "unknown-respondent";
/// A nominee who is nobody in the org chart (dropped).
pub const UNKNOWN_NOMINEE: &str = "unknown-nominee";
/// A name several people share (dropped).
pub const AMBIGUOUS_NAME: &str = "ambiguous-name";
/// A respondent who named themselves (dropped).
pub const SELF_NOMINATION: &str = "self-nomination";
/// The same nomination twice (merged, the larger weight kept).
pub const DUPLICATE_NOMINATION: &str = "duplicate-nomination";
/// A weight that is neither a number nor a known label.
pub const WEIGHT_NOT_A_NUMBER: &str = "weight-not-a-number";
/// A weight above the largest orgsphere accepts.
pub const WEIGHT_OUT_OF_RANGE: &str = "weight-out-of-range";
/// A negative weight (dropped).
pub const WEIGHT_NOT_POSITIVE: &str = "weight-not-positive";
/// A survey tool's second header row (skipped).
pub const SURVEY_TOOL_HEADER: &str = "survey-tool-header";
/// A question read as a rating scale, with the cut applied.
pub const RATING_SCALE: &str = "rating-scale";
/// More questions than one run may hold.
pub const TOO_MANY_QUESTIONS: &str = "too-many-questions";
/// A survey file with more rows than one run may hold.
pub const TOO_MANY_ROWS: &str = "too-many-rows";
/// A response rate below the usual threshold.
pub const LOW_RESPONSE_RATE: &str = "low-response-rate";

// The perception files.

/// A perception file's perceiver or receiver column cannot be identified.
pub const NO_PERCEPTION_COLUMN: &str = "no-perception-column";
/// A perception row with an empty perceiver, sender or receiver (dropped).
pub const INCOMPLETE_PERCEPTION: &str = "incomplete-perception";
/// A perceiver who is nobody in the org chart (dropped).
pub const UNKNOWN_PERCEIVER: &str = "unknown-perceiver";
/// A sender or receiver of a perceived tie who is nobody in the org chart (dropped).
pub const UNKNOWN_PERCEIVED: &str = "unknown-perceived";
/// A perceived tie from a person to themselves (dropped).
pub const SELF_TIE_PERCEIVED: &str = "self-tie-perceived";
/// A perception question that is no question of the surveys (dropped).
pub const PERCEPTION_QUESTION_UNKNOWN: &str = "perception-question-unknown";
/// A perceiver of the team form who has no team: no reports and no colleagues under the
/// same manager (dropped).
pub const PERCEIVER_WITHOUT_TEAM: &str = "perceiver-without-team";

// The result folders `compare` reads.

/// A file of a result folder that cannot be read as `orgsphere analyze` writes it.
pub const UNREADABLE_RESULTS: &str = "unreadable-results";
/// A `summary.json` that is not one orgsphere wrote.
pub const INVALID_SUMMARY: &str = "invalid-summary";
/// A value orgsphere never writes in that place.
pub const IMPOSSIBLE_VALUE: &str = "impossible-value";
/// A column `compare` needs is missing from `people.csv`.
pub const MISSING_COLUMN: &str = "missing-column";

/// Every code, in the order above.
pub const ALL: [&str; 46] = [
    NOT_A_TEXT_TABLE,
    FILE_TOO_LARGE,
    EMPTY_FILE,
    UNREADABLE_CSV,
    RAGGED_ROW,
    ENCODING_GUESSED,
    ENCODING_REPLACED,
    NO_ID_COLUMN,
    NO_NOMINEE_COLUMN,
    MAPPED_COLUMN_MISSING,
    MISSING_ID,
    DUPLICATE_ID,
    DUPLICATE_ROW,
    EMPTY_ORG_CHART,
    UNKNOWN_MANAGER,
    SELF_MANAGER,
    SEVERAL_ROOTS,
    REPORTING_CYCLE,
    LEVEL_NOT_A_NUMBER,
    MANAGER_LEVELS_MATCH_NOBODY,
    ID_NORMALISED,
    MISSING_RESPONDENT,
    UNKNOWN_RESPONDENT,
    UNKNOWN_NOMINEE,
    AMBIGUOUS_NAME,
    SELF_NOMINATION,
    DUPLICATE_NOMINATION,
    WEIGHT_NOT_A_NUMBER,
    WEIGHT_OUT_OF_RANGE,
    WEIGHT_NOT_POSITIVE,
    SURVEY_TOOL_HEADER,
    RATING_SCALE,
    TOO_MANY_QUESTIONS,
    TOO_MANY_ROWS,
    LOW_RESPONSE_RATE,
    NO_PERCEPTION_COLUMN,
    INCOMPLETE_PERCEPTION,
    UNKNOWN_PERCEIVER,
    UNKNOWN_PERCEIVED,
    SELF_TIE_PERCEIVED,
    PERCEPTION_QUESTION_UNKNOWN,
    PERCEIVER_WITHOUT_TEAM,
    UNREADABLE_RESULTS,
    INVALID_SUMMARY,
    IMPOSSIBLE_VALUE,
    MISSING_COLUMN,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_each_is_documented() {
        let readme = include_str!("../../README.md");
        for (i, code) in ALL.iter().enumerate() {
            assert!(!ALL[..i].contains(code), "{code} twice");
            assert!(
                code.split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{code}"
            );
            assert!(
                readme.contains(&format!("`{code}`")),
                "README.md does not describe {code}"
            );
        }
    }
}
