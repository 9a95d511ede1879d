//! The people of a checked org chart: ids in file order, their rows and managers, and the
//! indexes that resolve a text (id, e-mail address or name) to a person.

use foldhash::HashMap;

use super::contacts::{Contacts, maybe_contact};
use super::ids::{IdIndex, Match, did_you_mean, suggest};
use crate::load::OrgChart;

/// People named in the first warning about an ambiguous name; the rest are counted.
pub const CANDIDATES_SHOWN: usize = 10;

/// Ambiguous texts whose candidates a warning has listed: the text (trimmed) → how many
/// people it may mean, and where they were listed.
#[derive(Debug, Default)]
pub struct Listed(HashMap<String, (usize, String)>);

/// The people of a valid org chart, in file order; index = person number.
#[derive(Debug, Default)]
pub struct People {
    /// Canonical ids (trimmed, as first written).
    pub ids: Vec<String>,
    /// Index into `OrgChart::rows` of each person's row.
    pub record: Vec<usize>,
    /// Each person's manager, `None` for a root.
    pub manager: Vec<Option<u32>>,
    pub index: IdIndex,
    /// E-mail addresses and names, built the first time a text does not match an id.
    pub contacts: Option<Contacts>,
}

impl People {
    /// Builds the e-mail and name index if the org chart has such columns and it is not
    /// built yet.
    pub fn ensure_contacts(&mut self, org: &OrgChart) {
        if self.contacts.is_none() && org.has_contacts() {
            self.contacts = Some(Contacts::build(org, &self.record));
        }
    }

    /// Resolves a text by id, then (if built) by e-mail address and name.
    pub fn resolve(&self, text: &str) -> Match {
        match (self.index.resolve(text), &self.contacts) {
            (Match::Unknown, Some(c)) => c.resolve(text),
            (m, _) => m,
        }
    }

    /// "Did you mean" for an unknown text: close ids, and close addresses or names.
    /// Addresses and names come first for a text that may be one.
    pub fn hint(&self, text: &str) -> String {
        let mut close: Vec<String> = match &self.contacts {
            Some(c) if maybe_contact(text) => c.suggest(text, &self.ids),
            _ => Vec::new(),
        };
        if close.len() < 3 {
            close.extend(
                suggest(text, self.ids.iter().map(String::as_str))
                    .into_iter()
                    .map(str::to_string),
            );
        }
        close.truncate(3);
        did_you_mean(&close)
    }

    /// The message part saying whom an ambiguous `text` may mean. The first time a text
    /// is seen (`listed` remembers), up to `CANDIDATES_SHOWN` of them by id and org-chart
    /// row, with how many more: `1 (row 2), 2 (row 3)` or `4000 people: 1 (row 2), …, 10
    /// (row 11) and 3990 more`; `here()` says where that warning is. After that, how many
    /// and where they were listed: `the 4000 people listed at row 7 of survey.csv`. So a
    /// name thousands share, given on thousands of rows, makes messages of a few lines.
    pub fn candidates(
        &self,
        org: &OrgChart,
        text: &str,
        listed: &mut Listed,
        here: impl FnOnce() -> String,
    ) -> String {
        let key = text.trim();
        if let Some((count, at)) = listed.0.get(key) {
            return format!("the {count} people listed at {at}");
        }
        let list = self
            .contacts
            .as_ref()
            .map(|c| c.candidates(text))
            .unwrap_or_default();
        listed.0.insert(key.to_string(), (list.len(), here()));
        let shown = list
            .iter()
            .take(CANDIDATES_SHOWN)
            .map(|&p| {
                let record = self.record[p as usize];
                format!("{} (row {})", self.ids[p as usize], org.rows.line(record))
            })
            .collect::<Vec<_>>()
            .join(", ");
        match list.len().checked_sub(CANDIDATES_SHOWN) {
            Some(more) if more > 0 => format!("{} people: {shown} and {more} more", list.len()),
            _ => shown,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// How many unknown ids get "did you mean" suggestions: each costs a scan of every id.
/// The budget keeps the total work near a million comparisons: every unknown id gets
/// suggestions in an organisation of up to 1,000 people, the first one in a million.
pub(crate) fn suggestion_budget(people: usize) -> usize {
    (1_000_000 / people.max(1)).clamp(1, 1000)
}
