//! People by e-mail address and full name: survey answers and manager cells that name a
//! person this way instead of by id are matched here, trimmed and case-folded.
//!
//! In: the org chart and the rows of its people. Out: a [`Contacts`] index that resolves a text to one
//! person, to several (a name two people share), or to nobody, and suggests close
//! addresses and names. Built only when some text did not match an id, so an org chart
//! whose surveys use ids pays nothing for it.

use foldhash::HashMap;

use super::ids::{Match, suggest};
use crate::load::OrgChart;

/// E-mail addresses and names, folded, with the people who hold them.
#[derive(Debug, Default)]
pub struct Contacts {
    emails: HashMap<String, Holders>,
    names: HashMap<String, Holders>,
}

/// One person, or several who share an address or a name.
#[derive(Debug, Clone, PartialEq)]
enum Holders {
    One(u32),
    Many(Vec<u32>),
}

impl Holders {
    fn add(&mut self, person: u32) {
        match self {
            Holders::One(p) if *p == person => {}
            Holders::One(p) => *self = Holders::Many(vec![*p, person]),
            Holders::Many(list) if !list.contains(&person) => list.push(person),
            Holders::Many(_) => {}
        }
    }

    fn people(&self) -> &[u32] {
        match self {
            Holders::One(p) => std::slice::from_ref(p),
            Holders::Many(list) => list,
        }
    }
}

impl Contacts {
    /// Indexes every person's e-mail address and name; `records[p]` is person `p`'s row of
    /// the org chart. A name is also indexed in its other order (`Doe, Jane` as `Jane Doe`;
    /// first + last as `Last First`).
    pub fn build(org: &OrgChart, records: &[usize]) -> Contacts {
        let mut contacts = Contacts::default();
        for (p, &record) in records.iter().enumerate() {
            let p = p as u32;
            let cells = org.rows.record(record);
            if let Some(email) = org.columns.email.and_then(|c| cells.get(c)) {
                let email = fold_email(email);
                if !email.is_empty() {
                    insert(&mut contacts.emails, email, p);
                }
            }
            if let Some(name) = org.name_of(record) {
                for key in name_keys(&name) {
                    insert(&mut contacts.names, key, p);
                }
            }
        }
        contacts
    }

    /// Matches `text` as an e-mail address, then as a name.
    pub fn resolve(&self, text: &str) -> Match {
        let by = |map: &HashMap<String, Holders>, key: String, one: fn(u32) -> Match| {
            map.get(&key).map(|h| match h {
                Holders::One(p) => one(*p),
                Holders::Many(_) => Match::Ambiguous,
            })
        };
        by(&self.emails, fold_email(text), Match::Email)
            .or_else(|| by(&self.names, fold_name(text), Match::Name))
            .unwrap_or(Match::Unknown)
    }

    /// The people an ambiguous `text` may mean, in org-chart order.
    pub fn candidates(&self, text: &str) -> Vec<u32> {
        let mut list = match self.emails.get(&fold_email(text)) {
            Some(h) => h.people().to_vec(),
            None => self
                .names
                .get(&fold_name(text))
                .map(|h| h.people().to_vec())
                .unwrap_or_default(),
        };
        list.sort_unstable();
        list
    }

    /// Up to three addresses (for a text with `@`) or names close to `text`, each with the
    /// person's id (`ids[p]` is person `p`'s): `jane.doe@x.org (E0042)`.
    pub fn suggest(&self, text: &str, ids: &[String]) -> Vec<String> {
        let (map, key) = if text.contains('@') {
            (&self.emails, fold_email(text))
        } else {
            (&self.names, fold_name(text))
        };
        suggest(&key, map.keys().map(String::as_str))
            .into_iter()
            .flat_map(|k| {
                let ids: Vec<&str> = map[k]
                    .people()
                    .iter()
                    .map(|&p| ids[p as usize].as_str())
                    .collect();
                Some(format!("{k} ({})", ids.join(", ")))
            })
            .collect()
    }
}

/// Whether an unknown text may be an e-mail address or a full name (it has an `@`, a space
/// or a comma) rather than a mistyped id. Only such texts make the e-mail and name index
/// worth building.
pub fn maybe_contact(text: &str) -> bool {
    text.trim().contains(['@', ' ', ','])
}

fn insert(map: &mut HashMap<String, Holders>, key: String, person: u32) {
    map.entry(key)
        .and_modify(|h| h.add(person))
        .or_insert(Holders::One(person));
}

/// An e-mail address trimmed and case-folded, without a `mailto:` prefix.
fn fold_email(text: &str) -> String {
    let t = text.trim();
    let t = t
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("mailto:"))
        .map_or(t, |_| &t[7..]);
    t.trim().to_lowercase()
}

/// A name case-folded, commas as spaces, runs of spaces as one: `" Doe,  JANE"` →
/// `"doe jane"`.
pub fn fold_name(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The keys a name is found under: as written, and in its other order when it has a
/// comma (`Doe, Jane` → `jane doe`) or two words and more (`Jane Doe` → `doe jane`).
fn name_keys(name: &str) -> Vec<String> {
    let folded = fold_name(name);
    let mut keys = vec![folded.clone()];
    if let Some((last, first)) = name.split_once(',') {
        keys.push(fold_name(&format!("{first} {last}")));
    } else if let Some((first, last)) = folded.rsplit_once(' ') {
        keys.push(format!("{last} {first}"));
    }
    keys.retain(|k| !k.is_empty());
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_addresses_and_names_and_knows_when_a_name_is_shared() {
        let org = OrgChart::from_bytes(
            "org.csv",
            "id,First Name,Last Name,Email\n\
             1,Zoë,Müller,Zoe.Muller@Example.com\n\
             2,Jane,Doe,jane@example.com\n\
             3,Jane,Doe,jdoe2@example.com\n\
             4,Li,Wei,\n"
                .as_bytes(),
            &crate::options::ReadOptions::default(),
        )
        .unwrap();
        let ids: Vec<String> = (1..=4).map(|i| i.to_string()).collect();
        let c = Contacts::build(&org, &[0, 1, 2, 3]);
        assert_eq!(c.resolve(" zoe.muller@example.COM "), Match::Email(0));
        assert_eq!(c.resolve("mailto:jane@example.com"), Match::Email(1));
        assert_eq!(c.resolve("ZOË  MÜLLER"), Match::Name(0));
        assert_eq!(c.resolve("Müller, Zoë"), Match::Name(0));
        assert_eq!(c.resolve("Wei Li"), Match::Name(3));
        assert_eq!(c.resolve("Jane Doe"), Match::Ambiguous);
        assert_eq!(c.candidates("jane doe"), [1, 2]);
        assert_eq!(c.resolve("Zoe Muller"), Match::Unknown);
        assert_eq!(c.suggest("Zoe Muller", &ids), ["zoë müller (1)"]);
        assert_eq!(
            c.suggest("jane@exmple.com", &ids)[0],
            "jane@example.com (2)"
        );
    }
}
