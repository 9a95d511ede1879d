//! Who holds formal power (read by the validate and classify stages): managerial titles,
//! the titles that only look managerial, and the levels of the level column that carry
//! formal power.

use regex::Regex;

use crate::error::{Error, Result};

/// The managerial-title pattern used when `--manager-titles` is not given (SPEC §1): chief …
/// and the CxO abbreviations, president, vice president / VP, director, head of …, manager,
/// supervisor, team lead, partner. Matched case-insensitively anywhere in the title, except
/// the titles of [`DEFAULT_CONTRIBUTOR_TITLES`].
pub const DEFAULT_MANAGER_TITLES: &str = r"\b(chief|c[a-z]{1,2}o|president|vice[ -]?president|s?vp|evp|director|head of|manager|supervisor|team ?lead(er)?|partner)\b";

/// Titles that the default pattern would match but that name individual contributors: the
/// "… manager" roles that manage a product, project or client rather than people, and the
/// "… partner" roles that are not partners of a firm. Used only with the default pattern.
pub const DEFAULT_CONTRIBUTOR_TITLES: &str = r"\b(product|project|program|programme|account|key account|relationship|case|community|office|partner|channel|brand|category|release|client|customer success|success|portfolio|property|campaign|content|social media)\s+manager\b|\b(business|hr|people|talent|channel|alliance|strategic|solutions?|technology|implementation|learning|finance)\s+partner\b|\bpartner\s+(manager|success|marketing|account|engineer|development|relations|sales|program)\b";

/// What gives formal power besides having reports: a managerial title, a level.
#[derive(Debug, Clone)]
pub struct FormalPowerOptions {
    /// Titles that carry formal power, case-insensitive (`--manager-titles`).
    pub manager_titles: Regex,
    /// Titles that `manager_titles` matches but that carry no formal power (the default's
    /// individual-contributor "… manager" titles); `None` with `--manager-titles`.
    pub contributor_titles: Option<Regex>,
    /// Levels of the level column that carry formal power (`--manager-levels 1-2`).
    pub manager_levels: Option<LevelSet>,
}

impl Default for FormalPowerOptions {
    /// The default title patterns, no levels.
    fn default() -> Self {
        FormalPowerOptions {
            manager_titles: manager_title_regex(DEFAULT_MANAGER_TITLES)
                .expect("the default pattern compiles"),
            contributor_titles: Some(
                manager_title_regex(DEFAULT_CONTRIBUTOR_TITLES)
                    .expect("the default pattern compiles"),
            ),
            manager_levels: None,
        }
    }
}

impl FormalPowerOptions {
    /// Whether a job title carries formal power: it matches `--manager-titles` (and, with
    /// the default pattern, is not one of its individual-contributor titles).
    pub fn managerial_title(&self, title: &str) -> bool {
        self.manager_titles.is_match(title)
            && !self
                .contributor_titles
                .as_ref()
                .is_some_and(|c| c.is_match(title))
    }
}

/// Compiles a managerial-title pattern, case-insensitive.
pub fn manager_title_regex(pattern: &str) -> Result<Regex> {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .map_err(|e| Error::Usage(format!("--manager-titles: not a valid pattern: {e}")))
}

/// Levels of the level column, as `--manager-levels` names them: numbers and ranges,
/// comma-separated (`1-2`, `1,2,5`, `L1-L2`; a range includes both ends, in either order).
#[derive(Debug, Clone, PartialEq)]
pub struct LevelSet {
    text: String,
    ranges: Vec<(f64, f64)>,
}

impl LevelSet {
    /// Parses a list of levels; each needs a number ([`level_number`]).
    pub fn parse(text: &str) -> Result<LevelSet> {
        let bad = || {
            Error::Usage(format!(
                "--manager-levels {text:?}: give levels as numbers or ranges, e.g. 1-2 or 1,2,5 (the numbers of the level column, L1 read as 1)"
            ))
        };
        let mut ranges = Vec::new();
        for item in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (a, b) = match item.split_once(['-', '\u{2013}']) {
                Some((a, b)) => (a, b),
                None => (item, item),
            };
            let (a, b) = (
                level_number(a).ok_or_else(bad)?,
                level_number(b).ok_or_else(bad)?,
            );
            ranges.push((a.min(b), a.max(b)));
        }
        if ranges.is_empty() {
            return Err(bad());
        }
        Ok(LevelSet {
            text: text.trim().to_string(),
            ranges,
        })
    }

    /// The list as given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether level `v` is in the list.
    pub fn contains(&self, v: f64) -> bool {
        self.ranges.iter().any(|&(a, b)| a <= v && v <= b)
    }
}

/// The number a level cell holds: `3`, `L3`, `Band 5`, `E4`, `2.5` (or `2,5`); `None` for
/// words (`Senior`) and empty cells. The first number in the cell counts; the letters
/// around it are not compared (`M2` and `IC2` are both level 2).
pub fn level_number(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let start = bytes.iter().position(u8::is_ascii_digit)?;
    let mut end = start;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    let stop = match bytes.get(end) {
        Some(b'.' | b',') if bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
            let mut stop = end + 1;
            while stop < bytes.len() && bytes[stop].is_ascii_digit() {
                stop += 1;
            }
            stop
        }
        _ => end,
    };
    let number = &text[start..stop];
    let parsed = if bytes.get(end) == Some(&b',') && stop > end {
        number.replacen(',', ".", 1).parse::<f64>()
    } else {
        number.parse::<f64>()
    };
    parsed.ok().filter(|x| x.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manager_levels_are_numbers_and_ranges() {
        let set = LevelSet::parse("1-2").unwrap();
        assert!(set.contains(1.0) && set.contains(2.0) && set.contains(1.5));
        assert!(!set.contains(3.0) && !set.contains(0.0));
        let set = LevelSet::parse(" 5, L1 - L2 ,7").unwrap();
        assert_eq!(set.as_str(), "5, L1 - L2 ,7");
        assert!(set.contains(5.0) && set.contains(1.0) && set.contains(7.0));
        assert!(!set.contains(6.0));
        assert!(LevelSet::parse("4-3").unwrap().contains(3.5));
        for bad in ["", ",", "x", "1-x", "Partner", "1-"] {
            let err = LevelSet::parse(bad).unwrap_err().to_string();
            assert!(err.contains("--manager-levels"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn default_title_pattern_covers_managerial_titles_only() {
        let options = FormalPowerOptions::default();
        for t in [
            "CEO",
            "Chief Technology Officer",
            "CFO",
            "CHRO",
            "President",
            "Vice President",
            "VP Sales",
            "SVP Engineering",
            "Director of Finance",
            "Head of People",
            "Engineering Manager",
            "Warehouse Supervisor",
            "Team Lead",
            "Teamleader",
            "Partner",
            "Managing Partner",
            "Senior Partner",
            "Sales Manager",
            "Global Dept Manager",
        ] {
            assert!(options.managerial_title(t), "{t} should carry formal power");
        }
        for t in [
            "Software Engineer",
            "Managing Consultant",
            "Associate",
            "Data Scientist",
            "Account Executive",
            "Dispatcher",
            "Lead Engineer",
            "Accountant",
            "Product Manager",
            "Senior Project Manager",
            "Programme Manager",
            "Key Account Manager",
            "Relationship Manager",
            "Case Manager",
            "Community Manager",
            "Office Manager",
            "HR Business Partner",
            "Partner Manager",
            "Project Leader",
        ] {
            assert!(
                !options.managerial_title(t),
                "{t} should not carry formal power"
            );
        }
    }
}
