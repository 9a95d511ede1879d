//! Survey answer values to weights: numbers as written, and labels such as `Daily` or
//! `Strongly agree` mapped to numbers.
//!
//! In: a weight cell's text and the label table (defaults plus `--weight-label LABEL=N`).
//! Out: the weight, `None` for an empty cell (weight 1), or why the cell is no weight:
//! neither a number nor a known label, or a number above [`MAX_WEIGHT`].

use std::collections::HashMap;

use crate::options::MAX_WEIGHT;

/// Why a weight cell is no weight.
#[derive(Debug, Clone, PartialEq)]
pub enum BadWeight {
    /// Neither a number nor a known label: the cell's text.
    Unknown(String),
    /// A number above [`MAX_WEIGHT`].
    TooLarge(f64),
}

/// The labels every run knows, for the usual "how often do you go to this person" scale.
/// `Never` weighs 0: an answer, but not a tie. `--weight-label` adds to or overrides them.
pub const DEFAULT_LABELS: [(&str, f64); 10] = [
    ("daily", 4.0),
    ("every day", 4.0),
    ("weekly", 3.0),
    ("once a week", 3.0),
    ("monthly", 2.0),
    ("once a month", 2.0),
    ("rarely", 1.0),
    ("seldom", 1.0),
    ("less than monthly", 1.0),
    ("never", 0.0),
];

/// Labels to weights, matched ignoring case and runs of spaces.
#[derive(Debug, Clone)]
pub struct WeightLabels {
    labels: HashMap<String, f64>,
}

impl WeightLabels {
    /// The default labels, then `extra` on top (a later entry wins).
    pub fn new(extra: &[(String, f64)]) -> Self {
        let mut labels: HashMap<String, f64> = DEFAULT_LABELS
            .iter()
            .map(|&(l, w)| (l.to_string(), w))
            .collect();
        for (label, weight) in extra {
            labels.insert(fold_label(label), *weight);
        }
        WeightLabels { labels }
    }

    /// Parses a weight cell: empty is `None`; a number up to [`MAX_WEIGHT`] (a decimal
    /// comma is accepted when there is no decimal point, `0,5` from a European export); or
    /// a known label. Negative numbers pass (the survey checks drop them with a warning).
    pub fn parse(&self, cell: &str) -> Result<Option<f64>, BadWeight> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(None);
        }
        if let Some(w) = number(cell) {
            return if w > MAX_WEIGHT {
                Err(BadWeight::TooLarge(w))
            } else {
                Ok(Some(w))
            };
        }
        match self.labels.get(&fold_label(cell)) {
            Some(&w) => Ok(Some(w)),
            None => Err(BadWeight::Unknown(cell.to_string())),
        }
    }

    /// The labels known, sorted, for messages.
    pub fn known(&self) -> String {
        let mut known: Vec<&str> = self.labels.keys().map(String::as_str).collect();
        known.sort_unstable();
        known.join(", ")
    }
}

impl Default for WeightLabels {
    fn default() -> Self {
        WeightLabels::new(&[])
    }
}

fn number(cell: &str) -> Option<f64> {
    let normalised;
    let text = if cell.contains(',') && !cell.contains('.') {
        normalised = cell.replace(',', ".");
        &normalised
    } else {
        cell
    };
    text.parse::<f64>().ok().filter(|w| w.is_finite())
}

/// Lower case, single spaces, trimmed: `"  Once a  WEEK "` → `"once a week"`.
fn fold_label(label: &str) -> String {
    label
        .split_whitespace()
        .flat_map(|w| std::iter::once(" ").chain(std::iter::once(w)))
        .skip(1)
        .collect::<String>()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_labels_and_empty_cells() {
        let labels = WeightLabels::new(&[("Strongly agree".into(), 5.0), ("daily".into(), 6.0)]);
        assert_eq!(labels.parse(" 2 "), Ok(Some(2.0)));
        assert_eq!(labels.parse("0,5"), Ok(Some(0.5)));
        assert_eq!(labels.parse(""), Ok(None));
        assert_eq!(labels.parse("WEEKLY"), Ok(Some(3.0)));
        assert_eq!(labels.parse("Once a  week"), Ok(Some(3.0)));
        assert_eq!(labels.parse("never"), Ok(Some(0.0)));
        assert_eq!(labels.parse("strongly AGREE"), Ok(Some(5.0)));
        // A user's label overrides the default one.
        assert_eq!(labels.parse("Daily"), Ok(Some(6.0)));
        let unknown = |t: &str| Err(BadWeight::Unknown(t.to_string()));
        assert_eq!(labels.parse("often"), unknown("often"));
        assert_eq!(labels.parse("NaN"), unknown("NaN"));
        assert_eq!(labels.parse("inf"), unknown("inf"));
        assert!(labels.known().contains("strongly agree"));
    }

    #[test]
    fn weights_above_the_largest_are_refused() {
        let labels = WeightLabels::default();
        assert_eq!(labels.parse("1000000"), Ok(Some(MAX_WEIGHT)));
        assert_eq!(labels.parse("-3"), Ok(Some(-3.0)));
        assert_eq!(labels.parse("1e308"), Err(BadWeight::TooLarge(1e308)));
        assert_eq!(
            labels.parse("1000000,5"),
            Err(BadWeight::TooLarge(1_000_000.5))
        );
    }
}
