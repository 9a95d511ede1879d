//! Matching the ids of survey and perception rows to people: each distinct id text resolved
//! once (by id, then trimmed and case-folded, then e-mail address and name), with the same
//! row-level warnings when an id had to be normalised, is ambiguous or unknown.

use std::sync::Arc;

use rayon::prelude::*;

use super::contacts::maybe_contact;
use super::ids::Match;
use super::people::{Listed, People, suggestion_budget};
use crate::diagnostics::{Problem, Problems, code};
use crate::load::OrgChart;

/// How the warnings about one column's ids read.
pub(super) struct IdWording {
    /// What the column holds, such as "respondent".
    pub what: &'static str,
    /// The code of an id that matches nobody.
    pub unknown: &'static str,
    /// What happens to the row when its id matches nobody, such as "the row was dropped".
    pub consequence: &'static str,
}

/// Where in the input an id stands.
pub(super) struct Place<'p> {
    pub file: &'p Arc<str>,
    pub row: u32,
    pub column: &'p str,
}

impl Place<'_> {
    /// Places a problem at the row and the cell.
    pub fn at(&self, p: Problem) -> Problem {
        p.at_row(self.row.into()).in_column(self.column)
    }
}

/// Resolves every id text to a person; the org chart's e-mail addresses and names are
/// indexed only when some unknown text may be one.
pub(super) fn resolve_all(symbols: &[Box<str>], org: &OrgChart, people: &mut People) -> Vec<Match> {
    let mut matches: Vec<Match> = symbols.par_iter().map(|s| people.resolve(s)).collect();
    if people.contacts.is_none()
        && org.has_contacts()
        && matches
            .iter()
            .zip(symbols)
            .any(|(m, s)| *m == Match::Unknown && maybe_contact(s))
    {
        people.ensure_contacts(org);
        for (m, s) in matches.iter_mut().zip(symbols) {
            if *m == Match::Unknown {
                *m = people.resolve(s);
            }
        }
    }
    matches
}

/// The state of matching one input's ids.
pub(super) struct PersonMatcher<'a> {
    symbols: &'a [Box<str>],
    org: &'a OrgChart,
    people: &'a People,
    /// How each symbol matched.
    pub matches: Vec<Match>,
    /// "Did you mean" per unknown symbol, computed once and only while the budget lasts.
    hints: Vec<Option<String>>,
    budget: usize,
    /// Ambiguous names whose candidates a warning has listed.
    listed: Listed,
}

impl<'a> PersonMatcher<'a> {
    pub fn new(
        symbols: &'a [Box<str>],
        org: &'a OrgChart,
        people: &'a People,
        matches: Vec<Match>,
    ) -> Self {
        PersonMatcher {
            symbols,
            org,
            people,
            matches,
            hints: vec![None; symbols.len()],
            budget: suggestion_budget(people.len()),
            listed: Listed::default(),
        }
    }

    /// Resolves one id of a row to a person, warning when it had to be normalised, is
    /// ambiguous or unknown (the row is then dropped).
    pub fn person(
        &mut self,
        symbol: u32,
        role: &IdWording,
        place: &Place,
        problems: &mut Problems,
    ) -> Option<u32> {
        let text = &*self.symbols[symbol as usize];
        let file = place.file;
        let people = self.people;
        let IdWording {
            what,
            unknown,
            consequence,
        } = *role;
        let problem = match self.matches[symbol as usize] {
            Match::Exact(p) | Match::Email(p) | Match::Name(p) => return Some(p),
            Match::Normalised(p) => {
                let id = &people.ids[p as usize];
                let warning = Problem::warning(
                    file,
                    code::ID_NORMALISED,
                    format!(
                        "{what} id {text:?} matches {id:?} only after trimming spaces or folding case; read as {id:?}"
                    ),
                );
                problems.push(place.at(warning));
                return Some(p);
            }
            Match::Ambiguous => Problem::warning(
                file,
                code::AMBIGUOUS_NAME,
                format!(
                    "{what} {:?} may be any of {}; {consequence}. Give the person's id or e-mail address instead",
                    text.trim(),
                    people.candidates(self.org, text, &mut self.listed, || format!(
                        "row {} of {file}",
                        place.row
                    ))
                ),
            ),
            Match::Unknown => {
                let hint = self.hint(symbol, text);
                Problem::warning(
                    file,
                    unknown,
                    format!(
                        "{what} {:?} is not an id, e-mail address or name in the org chart; {consequence}{hint}",
                        text.trim()
                    ),
                )
            }
        };
        problems.push(place.at(problem));
        None
    }

    fn hint(&mut self, symbol: u32, text: &str) -> String {
        let (people, budget) = (self.people, &mut self.budget);
        self.hints[symbol as usize]
            .get_or_insert_with(|| {
                if *budget == 0 {
                    return String::new();
                }
                *budget -= 1;
                people.hint(text)
            })
            .clone()
    }
}
