//! Leadership dimensions: *how* a person leads, as an influence question asks it.

use serde::Serialize;

/// The leadership dimension an influence question measures: what people follow
/// someone for. `direction` is not among them: it is a question kind of its own (the formal
/// sphere as practised), never influence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    /// Expertise: whom people go to for advice.
    Advice,
    /// Whose way of working people follow.
    Example,
    /// Who lifts morale and energises people.
    Energy,
    /// Who embodies how things are done here.
    Culture,
    /// Whose ideas shape where the organisation is heading.
    Future,
    /// Who helps people do their best work and removes obstacles.
    Enabling,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Advice,
        Dimension::Example,
        Dimension::Energy,
        Dimension::Culture,
        Dimension::Future,
        Dimension::Enabling,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Advice => "advice",
            Dimension::Example => "example",
            Dimension::Energy => "energy",
            Dimension::Culture => "culture",
            Dimension::Future => "future",
            Dimension::Enabling => "enabling",
        }
    }

    /// The dimension a flag or config value names, in any letter case.
    pub fn parse(text: &str) -> Option<Dimension> {
        let text = text.trim().to_lowercase();
        Dimension::ALL.into_iter().find(|d| d.as_str() == text)
    }
}

/// What `--question-dimension NAME=VALUE` sets: a leadership dimension (the question is
/// then of the influence kind), or `direction` (the question kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DimensionSetting {
    Dimension(Dimension),
    Direction,
}

impl DimensionSetting {
    /// `advice`, `example`, `energy`, `culture`, `future`, `enabling` or `direction`, in any
    /// letter case.
    pub fn parse(text: &str) -> Option<DimensionSetting> {
        if text.trim().eq_ignore_ascii_case("direction") {
            return Some(DimensionSetting::Direction);
        }
        Dimension::parse(text).map(DimensionSetting::Dimension)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DimensionSetting::Dimension(d) => d.as_str(),
            DimensionSetting::Direction => "direction",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_parse_by_name() {
        assert_eq!(Dimension::parse(" Future"), Some(Dimension::Future));
        assert_eq!(Dimension::parse("direction"), None);
        assert_eq!(
            DimensionSetting::parse("DIRECTION"),
            Some(DimensionSetting::Direction)
        );
        assert_eq!(
            DimensionSetting::parse("enabling"),
            Some(DimensionSetting::Dimension(Dimension::Enabling))
        );
        assert_eq!(DimensionSetting::parse("trust"), None);
    }
}
