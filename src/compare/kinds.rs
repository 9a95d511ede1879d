//! What each number compare reads can be, as `orgsphere analyze` writes it: a count (a
//! whole number that fits the u32 orgsphere counts people and ties in), a share (0 to 1)
//! or a measure (any finite number). A value outside its kind cannot come from orgsphere:
//! the folder was written by something else, or edited.
//!
//! In: `people.csv` cells, and `summary.json`'s text. Out: the checked values, or where
//! the first value outside its kind is (for `summary.json`, its line and dotted path).

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// The kind of a number orgsphere writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A whole number from 0 to `u32::MAX`: people, nominators, ties, warnings.
    Count,
    /// A number from 0 to 1: response rates, alignment, PageRank.
    Share,
    /// Any finite number: modularity, medians, spreads.
    Measure,
}

impl ValueKind {
    /// Whether `x` is a value of this kind.
    pub fn holds(self, x: f64) -> bool {
        match self {
            ValueKind::Count => x >= 0.0 && x <= f64::from(u32::MAX) && x.fract() == 0.0,
            ValueKind::Share => (0.0..=1.0).contains(&x),
            ValueKind::Measure => x.is_finite(),
        }
    }

    /// The kind in words, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            ValueKind::Count => "a count (a whole number from 0 to 4294967295)",
            ValueKind::Share => "a share (a number from 0 to 1)",
            ValueKind::Measure => "a finite number",
        }
    }

    /// The value of a `people.csv` cell of this kind: `Ok(None)` when empty (does not
    /// apply), `Err` when it is not a number of this kind.
    pub fn cell(self, text: &str) -> Result<Option<f64>, ()> {
        if text.is_empty() {
            return Ok(None);
        }
        match text.parse::<f64>() {
            Ok(x) if self.holds(x) => Ok(Some(x)),
            _ => Err(()),
        }
    }
}

/// `summary.json`'s counts and shares by dotted path; a path ending in `.` covers every
/// number under it. Every other number is a measure, so fields added to the summary later
/// are compared as long as they are finite.
const SUMMARY_KINDS: [(&str, ValueKind); 16] = [
    ("counts.", ValueKind::Count),
    ("roles.", ValueKind::Count),
    ("findings_by_severity.", ValueKind::Count),
    ("findings_by_kind.", ValueKind::Count),
    ("communities.count", ValueKind::Count),
    ("departments.suppressed_people", ValueKind::Count),
    ("high_influence_rule.min_nominations", ValueKind::Count),
    ("high_influence_rule.threshold", ValueKind::Count),
    ("betweenness.sources", ValueKind::Count),
    ("betweenness.per_question_sources", ValueKind::Count),
    ("graph_files.large_organisation", ValueKind::Count),
    ("response_rate", ValueKind::Share),
    ("response_rate_by_question.", ValueKind::Share),
    ("alignment.", ValueKind::Share),
    ("communities.department_agreement", ValueKind::Share),
    ("high_influence_rule.top_share", ValueKind::Share),
];

/// The kind of the `summary.json` number at `path` (`counts.people`).
pub fn summary_kind(path: &str) -> ValueKind {
    SUMMARY_KINDS
        .iter()
        .find(|(rule, _)| {
            if rule.ends_with('.') {
                path.starts_with(rule)
            } else {
                path == *rule
            }
        })
        .map_or(ValueKind::Measure, |&(_, kind)| kind)
}

/// A number of `summary.json` outside its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct BadFigure {
    /// 1-based line of the file.
    pub line: usize,
    /// Dotted path, e.g. `counts.people`.
    pub path: String,
    /// The value as read.
    pub value: String,
    pub kind: ValueKind,
}

/// Why `summary.json` could not be read.
#[derive(Debug)]
pub enum SummaryError {
    /// Not JSON.
    Json(serde_json::Error),
    /// JSON, with a figure orgsphere could not have written.
    Figure(BadFigure),
}

/// Parses `summary.json` into a JSON value, checking every figure (every number outside
/// the top-level sections in `skip` and outside arrays) against [`summary_kind`].
pub fn parse_summary(text: &[u8], skip: &[&str]) -> Result<Value, SummaryError> {
    let bad = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_slice(text);
    let seed = Checked {
        path: "",
        skip,
        bad: &bad,
    };
    let parsed = seed.deserialize(&mut de).and_then(|v| de.end().map(|_| v));
    match (parsed, bad.into_inner()) {
        (Err(e), Some(mut figure)) => {
            // The error is placed just past the byte after the number: at column 0 of the
            // next line when the number ends its line.
            figure.line = if e.column() == 0 && e.line() > 1 {
                e.line() - 1
            } else {
                e.line()
            };
            Err(SummaryError::Figure(figure))
        }
        (Err(e), None) => Err(SummaryError::Json(e)),
        (Ok(v), _) => Ok(v),
    }
}

/// Deserialises one JSON value at `path` (empty: the whole file), checking its numbers.
#[derive(Clone, Copy)]
struct Checked<'a> {
    path: &'a str,
    skip: &'a [&'a str],
    bad: &'a RefCell<Option<BadFigure>>,
}

impl Checked<'_> {
    fn number<E: de::Error>(self, x: f64, value: Value) -> Result<Value, E> {
        let kind = summary_kind(self.path);
        if kind.holds(x) {
            return Ok(value);
        }
        *self.bad.borrow_mut() = Some(BadFigure {
            line: 0,
            path: self.path.to_string(),
            value: value.to_string(),
            kind,
        });
        Err(E::custom("a figure orgsphere could not have written"))
    }
}

impl<'de> DeserializeSeed<'de> for Checked<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Checked<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Value, E> {
        self.number(n as f64, Value::from(n))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Value, E> {
        self.number(n as f64, Value::from(n))
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Value, E> {
        let value = Number::from_f64(x).map_or(Value::Null, Value::Number);
        self.number(x, value)
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        // Arrays (the top informal leaders, the departments) are not figures.
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = if self.path.is_empty() && self.skip.contains(&key.as_str()) {
                map.next_value::<Value>()?
            } else {
                let path = if self.path.is_empty() {
                    key.clone()
                } else {
                    format!("{}.{key}", self.path)
                };
                map.next_value_seed(Checked {
                    path: &path,
                    ..self
                })?
            };
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// Sections of `summary.json` that describe the run rather than the organisation.
pub(super) const NOT_FIGURES: [&str; 5] = [
    "schema_version",
    "tool",
    "generated_at",
    "parameters",
    "inputs",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_hold_what_orgsphere_writes_and_nothing_else() {
        assert_eq!(ValueKind::Count.cell("17"), Ok(Some(17.0)));
        assert_eq!(ValueKind::Count.cell(""), Ok(None));
        assert_eq!(ValueKind::Count.cell("4294967295"), Ok(Some(4294967295.0)));
        for bad in ["4294967296", "1e308", "-5", "3.7", "NaN", "inf", "x"] {
            assert_eq!(ValueKind::Count.cell(bad), Err(()), "{bad}");
        }
        assert_eq!(ValueKind::Share.cell("0.25"), Ok(Some(0.25)));
        for bad in ["1.5", "-0.1", "NaN"] {
            assert_eq!(ValueKind::Share.cell(bad), Err(()), "{bad}");
        }
        assert!(ValueKind::Measure.holds(-1e300));
        assert!(!ValueKind::Measure.holds(f64::INFINITY));
    }

    #[test]
    fn summary_paths_have_their_kinds() {
        assert_eq!(summary_kind("counts.people"), ValueKind::Count);
        assert_eq!(summary_kind("counts.warnings_by_code.x"), ValueKind::Count);
        assert_eq!(summary_kind("roles.informal-leader"), ValueKind::Count);
        assert_eq!(summary_kind("response_rate"), ValueKind::Share);
        assert_eq!(
            summary_kind("response_rate_by_question.advice"),
            ValueKind::Share
        );
        assert_eq!(
            summary_kind("alignment.ties_up_the_chain"),
            ValueKind::Share
        );
        assert_eq!(summary_kind("communities.modularity"), ValueKind::Measure);
        assert_eq!(summary_kind("a_field_added_later"), ValueKind::Measure);
    }

    #[test]
    fn a_bad_figure_is_found_with_its_line_and_path() {
        let text = "{\n  \"parameters\": {\"seed\": 18446744073709551615},\n  \"counts\": {\n    \"people\": 1e30\n  },\n  \"roles\": {\"manager\": -3, \"contributor\": 1}\n}\n";
        let bad = |text: &str| match parse_summary(text.as_bytes(), &["parameters"]) {
            Err(SummaryError::Figure(f)) => f,
            other => panic!("{other:?}"),
        };
        // The last number of its line, then one followed by a comma.
        let f = bad(text);
        assert_eq!((f.line, f.path.as_str()), (4, "counts.people"));
        assert_eq!(f.kind, ValueKind::Count);
        assert_eq!(f.value, "1e+30");
        let f = bad(&text.replace("1e30", "1"));
        assert_eq!(
            (f.line, f.path.as_str(), f.value.as_str()),
            (6, "roles.manager", "-3")
        );
        let good = "{\"counts\": {\"people\": 3, \"questions\": [\"a\"]}, \"x\": [-1e300, null]}";
        let v = parse_summary(good.as_bytes(), &[]).unwrap();
        assert_eq!(v, serde_json::from_str::<Value>(good).unwrap());
        assert!(matches!(
            parse_summary("{ not json".as_bytes(), &[]),
            Err(SummaryError::Json(_))
        ));
    }
}
