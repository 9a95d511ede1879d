//! The shape of the formal structure: whether the org chart has reporting lines, and the
//! level column read as numbers with its top told apart from its bottom.
//!
//! Partnerships and consultancies export titles and levels, not managers. Without reporting
//! lines orgsphere warns about no one being a top of the hierarchy, measures no alignment
//! with a chain of command that is not there, and the chart places people in rows by level
//! (or formal power) instead of one grid. The level column's values are numbers (`1`, `3`),
//! text holding a number (`L3`, `Band 5`, `E4`) or words: a column whose filled cells
//! mostly hold no number is kept as an attribute and not read. Some HR systems put level 1
//! at the top, others at the bottom: the top is the end managers sit at above their reports,
//! else the end people with formal power sit at on average, else (nothing tells) level 1.

use foldhash::HashMap;
use serde::Serialize;

use super::people::People;
use crate::diagnostics::{Problem, Problems, code};
use crate::error::{Error, Result};
use crate::load::OrgChart;
use crate::options::{FormalPowerOptions, level_number};

/// Whether the org chart has reporting lines, and if not, why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportingLines {
    /// At least one person has a manager.
    Given,
    /// The org chart has no manager column.
    NoManagerColumn,
    /// The manager column (its header) is empty for everyone.
    EmptyManagerColumn(String),
    /// The manager column holds text, but no manager in it is a person of the org chart
    /// (each such cell is warned about on its own).
    NoManagerFound(String),
}

impl ReportingLines {
    pub fn given(&self) -> bool {
        *self == ReportingLines::Given
    }

    /// Why there are none, for messages: "its manager column "manager_id" is empty for
    /// everyone"; `None` when there are.
    pub fn why_none(&self) -> Option<String> {
        match self {
            ReportingLines::Given => None,
            ReportingLines::NoManagerColumn => Some("it has no manager column".into()),
            ReportingLines::EmptyManagerColumn(h) => {
                Some(format!("its manager column {h:?} is empty for everyone"))
            }
            ReportingLines::NoManagerFound(h) => Some(format!(
                "no manager named in its column {h:?} is a person of the org chart"
            )),
        }
    }
}

/// Which end of the level column is the top of the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Top {
    /// Level 1 (the smallest number) is the top.
    Lowest,
    /// The largest number is the top.
    Highest,
}

/// How the top of the level column was told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TopFrom {
    /// Managers sit at that end above their reports, in most reporting lines where the two
    /// levels differ.
    ReportingLines,
    /// People with formal power (reports, a managerial title, `--manager-levels`) sit
    /// nearer that end on average.
    FormalPower,
    /// Nothing told the ends apart: the smallest number is taken for the top.
    Assumed,
}

/// A level column read as numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Levels {
    /// The column's header as the file spells it.
    pub header: String,
    /// Each person's level; `None` for an empty cell or one without a number.
    pub value: Vec<Option<f64>>,
    pub top: Top,
    pub top_from: TopFrom,
    /// What told the top: (managers above their reports, below them) for
    /// [`TopFrom::ReportingLines`]; the mean level of people with formal power and of the
    /// others for [`TopFrom::FormalPower`].
    pub evidence: (f64, f64),
    /// The distinct levels, top first.
    pub distinct: Vec<f64>,
    /// Filled cells that hold no number.
    pub not_a_number: usize,
    /// Who is at a level `--manager-levels` names; empty without the flag.
    pub power: Vec<bool>,
}

impl Levels {
    /// Whether person `p`'s level gives them formal power (`--manager-levels`).
    pub fn gives_power(&self, p: usize) -> bool {
        self.power.get(p).copied().unwrap_or(false)
    }

    /// Each person's row from the top (0 = the top level); people without a level come
    /// after the last level.
    pub fn rows(&self) -> Vec<u32> {
        let index: HashMap<u64, u32> = self
            .distinct
            .iter()
            .enumerate()
            .map(|(i, v)| (v.to_bits(), i as u32))
            .collect();
        let none = self.distinct.len() as u32;
        self.value
            .iter()
            .map(|v| v.map_or(none, |v| index[&v.to_bits()]))
            .collect()
    }
}

/// The org chart's level column, if it has one.
#[derive(Debug, Clone, PartialEq)]
pub enum LevelColumn {
    None,
    /// A column whose filled cells mostly hold no number (or that is empty): kept in
    /// `people.csv` as given, not read.
    Unused {
        header: String,
        /// Filled cells, and those that hold a number.
        filled: usize,
        numbers: usize,
    },
    Used(Levels),
}

/// The formal structure's shape, as validation found it.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    pub reporting_lines: ReportingLines,
    pub levels: LevelColumn,
    /// Whether the org chart has a title column.
    pub titles: bool,
}

impl Default for Structure {
    fn default() -> Self {
        Structure {
            reporting_lines: ReportingLines::Given,
            levels: LevelColumn::None,
            titles: false,
        }
    }
}

impl Structure {
    /// The level column, when it is read.
    pub fn levels(&self) -> Option<&Levels> {
        match &self.levels {
            LevelColumn::Used(l) => Some(l),
            _ => None,
        }
    }

    /// Whether `--manager-levels` gives anyone formal power.
    pub fn level_power(&self) -> bool {
        self.levels().is_some_and(|l| l.power.contains(&true))
    }

    /// Where formal power comes from without reporting lines: "titles", "titles and
    /// levels".
    pub fn power_sources(&self) -> &'static str {
        match (self.titles, self.level_power()) {
            (true, false) => "titles",
            (true, true) => "titles and levels",
            (false, true) => "levels",
            (false, false) => "nowhere (no titles, no --manager-levels): nobody has it",
        }
    }

    /// The sentence that says the org chart has no reporting lines and what follows;
    /// `None` when it has them.
    pub fn reporting_lines_note(&self) -> Option<String> {
        let why = self.reporting_lines.why_none()?;
        Some(format!(
            "The org chart has no reporting lines ({why}): formal power comes from {}; the chart places people in rows by {}; alignment with a chain of command is not measured",
            self.power_sources(),
            if self.levels().is_some() {
                "level"
            } else {
                "formal power"
            }
        ))
    }

    /// The sentence that says how the level column was read; `None` without one.
    pub fn level_note(&self, formal: &FormalPowerOptions) -> Option<String> {
        match &self.levels {
            LevelColumn::None => None,
            LevelColumn::Unused {
                header,
                filled,
                numbers,
            } => Some(if *filled == 0 {
                format!("Level column {header:?} is empty: it is kept as given and not read")
            } else {
                format!(
                    "Level column {header:?} is kept as given and not read: {numbers} of its {filled} filled cells hold a number (levels are read from numbers such as 3, L3 or Band 5)"
                )
            }),
            LevelColumn::Used(l) => {
                let people = l.value.iter().filter(|v| v.is_some()).count();
                let (top, bottom) = (l.distinct[0], l.distinct[l.distinct.len() - 1]);
                let mut note = format!(
                    "Level column {:?}: {people} people at {} level{}",
                    l.header,
                    l.distinct.len(),
                    if l.distinct.len() == 1 { "" } else { "s" }
                );
                if l.distinct.len() > 1 {
                    note += &format!(" from {} (top) to {}", number(top), number(bottom));
                    note += &match l.top_from {
                        TopFrom::ReportingLines => format!(
                            "; {} is the top because managers sit at that end above their reports ({} of {} reporting lines between levels)",
                            number(top),
                            l.evidence.0,
                            l.evidence.0 + l.evidence.1
                        ),
                        TopFrom::FormalPower => format!(
                            "; {} is the top because people with formal power sit nearer it (mean level {:.1}, the others {:.1})",
                            number(top),
                            l.evidence.0,
                            l.evidence.1
                        ),
                        TopFrom::Assumed if l.evidence.0.is_nan() => format!(
                            "; nobody with a level has formal power to tell which end is the top, so {} (the lowest) is taken for it; --manager-levels names the levels with formal power",
                            number(top)
                        ),
                        TopFrom::Assumed => format!(
                            "; neither reporting lines nor formal power tell which end is the top (people with formal power at mean level {:.1}, the others {:.1}), so {} (the lowest) is taken for it; --manager-levels names the levels with formal power",
                            l.evidence.0,
                            l.evidence.1,
                            number(top)
                        ),
                    };
                }
                if let Some(set) = &formal.manager_levels {
                    let given = l.power.iter().filter(|&&p| p).count();
                    note += &format!(
                        "; --manager-levels {} gives formal power to {given} {}",
                        set.as_str(),
                        if given == 1 { "person" } else { "people" }
                    );
                }
                Some(note)
            }
        }
    }

    /// Every note, for `validate` and the report.
    pub fn notes(&self, formal: &FormalPowerOptions) -> Vec<String> {
        self.reporting_lines_note()
            .into_iter()
            .chain(self.level_note(formal))
            .collect()
    }
}

/// A level as the messages write it: `1`, `2.5`.
pub fn number(x: f64) -> String {
    crate::text::float(x)
}

/// Finds whether the org chart has reporting lines.
pub fn reporting_lines(org: &OrgChart, people: &People) -> ReportingLines {
    let Some(col) = org.columns.manager else {
        return ReportingLines::NoManagerColumn;
    };
    if people.manager.iter().any(Option::is_some) {
        return ReportingLines::Given;
    }
    let header = org.headers[col].clone();
    let filled = people
        .record
        .iter()
        .any(|&r| !org.rows.cell(r, col).trim().is_empty());
    if filled {
        ReportingLines::NoManagerFound(header)
    } else {
        ReportingLines::EmptyManagerColumn(header)
    }
}

/// Reads the shape of the formal structure; warns about level cells without a number, and
/// stops with a usage error when `--manager-levels` has no level column to read.
pub fn structure(
    org: &OrgChart,
    people: &People,
    formal: &FormalPowerOptions,
    problems: &mut Problems,
) -> Result<Structure> {
    let reporting_lines = reporting_lines(org, people);
    let levels = match org.columns.level {
        None => LevelColumn::None,
        Some(col) => read_levels(org, people, col, formal, problems),
    };
    if let Some(set) = &formal.manager_levels {
        let fix = match &levels {
            LevelColumn::Used(_) => None,
            LevelColumn::None => Some(format!(
                "{}: the org chart has no level column; name it with --level-column HEADER",
                org.file
            )),
            LevelColumn::Unused { header, .. } => Some(format!(
                "{}: the level column {header:?} holds no numbers to match; write levels as numbers (3, L3, Band 5) or name another column with --level-column HEADER",
                org.file
            )),
        };
        if let Some(fix) = fix {
            return Err(Error::Usage(format!(
                "--manager-levels {}: {fix}",
                set.as_str()
            )));
        }
    }
    Ok(Structure {
        reporting_lines,
        levels,
        titles: org.columns.title.is_some(),
    })
}

fn read_levels(
    org: &OrgChart,
    people: &People,
    col: usize,
    formal: &FormalPowerOptions,
    problems: &mut Problems,
) -> LevelColumn {
    let header = org.headers[col].clone();
    let mut value = Vec::with_capacity(people.len());
    let (mut filled, mut numbers) = (0usize, 0usize);
    // The first filled cell without a number, and how many there are.
    let mut words: Option<(u64, String)> = None;
    let mut not_a_number = 0usize;
    for &r in &people.record {
        let cell = org.rows.cell(r, col).trim();
        if cell.is_empty() {
            value.push(None);
            continue;
        }
        filled += 1;
        let v = level_number(cell);
        match v {
            Some(_) => numbers += 1,
            None => {
                not_a_number += 1;
                if words.is_none() {
                    words = Some((org.rows.line(r), cell.to_string()));
                }
            }
        }
        value.push(v);
    }
    if numbers == 0 || numbers * 2 < filled {
        return LevelColumn::Unused {
            header,
            filled,
            numbers,
        };
    }
    if let Some((row, first)) = words {
        problems.push(
            Problem::warning(
                &org.file,
                code::LEVEL_NOT_A_NUMBER,
                if not_a_number == 1 {
                    format!(
                        "1 cell of the level column holds no number ({first:?}): that person has no level, sits below the levels in the chart, and --manager-levels gives them no formal power. Write a level as a number, e.g. 3 or L3"
                    )
                } else {
                    format!(
                        "{not_a_number} cells of the level column hold no number (the first: {first:?}): those people have no level, sit below the levels in the chart, and --manager-levels gives them no formal power. Write a level as a number, e.g. 3 or L3"
                    )
                },
            )
            .at_row(row)
            .in_column(header.as_str()),
        );
    }
    let power: Vec<bool> = match &formal.manager_levels {
        Some(set) => value
            .iter()
            .map(|v| v.is_some_and(|v| set.contains(v)))
            .collect(),
        None => Vec::new(),
    };
    let (top, top_from, evidence) = orient(org, people, &value, &power, formal);
    let mut distinct: Vec<f64> = value.iter().flatten().copied().collect();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    if top == Top::Highest {
        distinct.reverse();
    }
    if let Some(set) = &formal.manager_levels
        && !power.contains(&true)
    {
        problems.push(
            Problem::warning(
                &org.file,
                code::MANAGER_LEVELS_MATCH_NOBODY,
                format!(
                    "--manager-levels {} matches nobody's level: the levels are {}; give levels the column holds",
                    set.as_str(),
                    distinct.iter().take(20).map(|&v| number(v)).collect::<Vec<_>>().join(", ")
                ),
            )
            .in_column(header.as_str()),
        );
    }
    LevelColumn::Used(Levels {
        header,
        value,
        top,
        top_from,
        evidence,
        distinct,
        not_a_number,
        power,
    })
}

/// How clear a difference must be to tell the top: about 2 standard errors (95 %), so that
/// levels unrelated to the hierarchy are not read as pointing one way.
const CLEAR: f64 = 2.0;

/// Tells the top of the levels: the end managers sit at above their reports (a sign test
/// over the reporting lines between two levels); else the end people with formal power sit
/// nearer on average (Welch's t on the two groups' levels; the side of the levels
/// `--manager-levels` names without a test); else the lowest number. Each must be clear by
/// [`CLEAR`] standard errors.
fn orient(
    org: &OrgChart,
    people: &People,
    value: &[Option<f64>],
    power: &[bool],
    formal: &FormalPowerOptions,
) -> (Top, TopFrom, (f64, f64)) {
    // Reporting lines where both levels are known and differ.
    let (mut above, mut below) = (0usize, 0usize);
    for (p, m) in people.manager.iter().enumerate() {
        if let (Some(m), Some(v)) = (m, value[p])
            && let Some(mv) = value[*m as usize]
        {
            above += usize::from(mv < v);
            below += usize::from(mv > v);
        }
    }
    let lines = (above + below) as f64;
    if lines > 0.0 && (above as f64 - below as f64).abs() >= CLEAR * lines.sqrt() {
        let top = if above > below {
            Top::Lowest
        } else {
            Top::Highest
        };
        let (agree, disagree) = (above.max(below), above.min(below));
        return (
            top,
            TopFrom::ReportingLines,
            (agree as f64, disagree as f64),
        );
    }
    // Formal power: reports, a managerial title, a level --manager-levels names.
    let mut has_reports = vec![false; value.len()];
    for m in people.manager.iter().flatten() {
        has_reports[*m as usize] = true;
    }
    let mut managerial: HashMap<&str, bool> = HashMap::default();
    // Per group (no formal power, formal power): count, sum, sum of squares.
    let mut sums = [(0usize, 0.0f64, 0.0f64); 2];
    for (p, v) in value.iter().enumerate() {
        let Some(v) = *v else { continue };
        let title = org
            .columns
            .title
            .map_or("", |c| org.rows.cell(people.record[p], c).trim());
        let formal = has_reports[p]
            || power.get(p).copied().unwrap_or(false)
            || (!title.is_empty()
                && *managerial
                    .entry(title)
                    .or_insert_with(|| formal.managerial_title(title)));
        let s = &mut sums[usize::from(formal)];
        s.0 += 1;
        s.1 += v;
        s.2 += v * v;
    }
    let mean = |(k, sum, _): (usize, f64, f64)| {
        if k > 0 { sum / k as f64 } else { f64::NAN }
    };
    let variance = |(k, sum, squares): (usize, f64, f64)| {
        (k > 1).then(|| ((squares - sum * sum / k as f64) / (k - 1) as f64).max(0.0))
    };
    let [others, formal] = sums;
    let (with, without) = (mean(formal), mean(others));
    if formal.0 > 0 && others.0 > 0 {
        let gap = (with - without).abs();
        // Levels --manager-levels names are the user's word, not a sample: their side is
        // the top. Otherwise a group of one borrows the other's spread, and two people
        // alone tell nothing.
        let (vf, vo) = (variance(formal), variance(others));
        let clear = power.contains(&true)
            || match (vf.or(vo), vo.or(vf)) {
                (Some(vf), Some(vo)) => {
                    gap >= CLEAR * (vf / formal.0 as f64 + vo / others.0 as f64).sqrt()
                }
                _ => false,
            };
        if gap > 0.0 && clear {
            let top = if with < without {
                Top::Lowest
            } else {
                Top::Highest
            };
            return (top, TopFrom::FormalPower, (with, without));
        }
    }
    (Top::Lowest, TopFrom::Assumed, (with, without))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Options;

    #[test]
    fn levels_are_read_from_the_number_in_the_cell() {
        for (text, want) in [
            ("1", Some(1.0)),
            (" 3 ", Some(3.0)),
            ("L3", Some(3.0)),
            ("Band 5", Some(5.0)),
            ("E4", Some(4.0)),
            ("Level 10", Some(10.0)),
            ("2.5", Some(2.5)),
            ("2,5", Some(2.5)),
            ("IC3 (senior)", Some(3.0)),
            ("07", Some(7.0)),
            ("Senior", None),
            ("Partner", None),
            ("", None),
            ("3.", Some(3.0)),
        ] {
            assert_eq!(level_number(text), want, "{text:?}");
        }
    }

    fn structure_of(org: &str, options: &Options) -> Structure {
        let survey: &[u8] = b"respondent_id,nominee_id\n1,2\n";
        crate::check_bytes(("org.csv", org.as_bytes()), &[("s.csv", survey)], options)
            .unwrap()
            .structure
    }

    #[test]
    fn reporting_lines_are_given_missing_empty_or_unmatched() {
        let o = Options::default();
        let of = |org: &str| structure_of(org, &o).reporting_lines;
        assert_eq!(of("id,manager\n1,\n2,1\n"), ReportingLines::Given);
        assert_eq!(of("id,title\n1,\n2,\n"), ReportingLines::NoManagerColumn);
        assert_eq!(
            of("id,Manager ID\n1,\n2, \n"),
            ReportingLines::EmptyManagerColumn("Manager ID".into())
        );
        assert_eq!(
            of("id,manager\n1,9\n2,8\n"),
            ReportingLines::NoManagerFound("manager".into())
        );
    }

    #[test]
    fn the_top_is_where_managers_sit_then_formal_power_then_level_1() {
        let o = Options::default();
        // Managers at grade 5 above reports at 1 and 3, though the titles say nothing.
        let s = structure_of(
            "id,manager,grade,title\n1,,G5,Boss\n2,1,G1,Clerk\n3,1,G3,Clerk\n4,,,Clerk\n\
             5,1,G3,Clerk\n6,1,G3,Clerk\n",
            &o,
        );
        let l = s.levels().unwrap();
        assert_eq!((l.top, l.top_from), (Top::Highest, TopFrom::ReportingLines));
        assert_eq!(l.evidence, (4.0, 0.0));
        assert_eq!(l.distinct, [5.0, 3.0, 1.0]);
        // Top row 0 (grade 5); no grade after the last level.
        assert_eq!(l.rows(), [0, 2, 1, 3, 1, 1]);
        // Two reports tell nothing clear (a sign test at 2 standard errors); the boss's
        // reports make them formal power, which tells no more with one person against two.
        let s = structure_of(
            "id,manager,grade,title\n1,,G5,Boss\n2,1,G1,Clerk\n3,1,G3,Clerk\n",
            &o,
        );
        assert_eq!(s.levels().unwrap().top_from, TopFrom::Assumed);
        // No reporting lines: the partners' end is the top.
        let s = structure_of(
            "id,title,level\n1,Partner,1\n2,Associate,2\n3,Associate,3\n4,Partner,1\n5,Associate,3\n",
            &o,
        );
        let l = s.levels().unwrap();
        assert_eq!((l.top, l.top_from), (Top::Lowest, TopFrom::FormalPower));
        assert_eq!(l.evidence, (1.0, 8.0 / 3.0));
        // Levels unrelated to formal power tell nothing: level 1 is assumed, and the note
        // gives the means.
        let s = structure_of(
            "id,title,level\n1,Partner,1\n2,Associate,1\n3,Partner,3\n4,Associate,3\n",
            &o,
        );
        assert_eq!(s.levels().unwrap().top_from, TopFrom::Assumed);
        assert!(
            s.level_note(&o.formal)
                .unwrap()
                .contains("neither reporting lines nor formal power tell which end is the top (people with formal power at mean level 2.0, the others 2.0)")
        );
        // Nothing tells: level 1.
        let s = structure_of("id,title,band\n1,Clerk,3\n2,Clerk,1\n", &o);
        let l = s.levels().unwrap();
        assert_eq!((l.top, l.top_from), (Top::Lowest, TopFrom::Assumed));
        assert!(l.power.is_empty());
        // --manager-levels gives power, and with it the top.
        let mut o = Options::default();
        o.formal.manager_levels = Some(crate::options::LevelSet::parse("3").unwrap());
        let s = structure_of("id,title,band\n1,Clerk,3\n2,Clerk,1\n", &o);
        let l = s.levels().unwrap();
        assert_eq!(l.power, [true, false]);
        assert_eq!((l.top, l.top_from), (Top::Highest, TopFrom::FormalPower));
        assert!(s.level_power());
    }

    #[test]
    fn a_column_mostly_of_words_is_not_read() {
        let o = Options::default();
        let s = structure_of("id,level\n1,Senior\n2,Junior\n3,L2\n", &o);
        assert_eq!(
            s.levels,
            LevelColumn::Unused {
                header: "level".into(),
                filled: 3,
                numbers: 1
            }
        );
        let s = structure_of("id,level\n1,\n2,\n", &o);
        assert!(matches!(s.levels, LevelColumn::Unused { filled: 0, .. }));
        assert!(s.level_note(&o.formal).unwrap().contains("is empty"));
    }
}
