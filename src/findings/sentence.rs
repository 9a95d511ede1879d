//! A finding's sentence as parts: text, people and groups, kept apart until an exporter
//! writes it. A person is a person number, written as the output shows people (an id, a
//! pseudonym, a name with its id); text and group names are written as they are, so a
//! department whose name looks like anything else still prints as that name.

/// One part of a [`Sentence`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SentencePart {
    /// Words written as they are.
    Text(String),
    /// A person, by person number: each output writes them its own way.
    Person(u32),
    /// A department, or a pair of them, by name. Findings name only departments of at
    /// least the minimum group size.
    Group(String),
}

/// What a finding says, in one sentence of parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence(Vec<SentencePart>);

impl Sentence {
    pub fn new() -> Sentence {
        Sentence(Vec::new())
    }

    /// The sentence followed by `text`.
    pub fn text(mut self, text: impl Into<String>) -> Sentence {
        let text = text.into();
        if !text.is_empty() {
            self.0.push(SentencePart::Text(text));
        }
        self
    }

    /// The sentence followed by person `p`.
    pub fn person(mut self, p: u32) -> Sentence {
        self.0.push(SentencePart::Person(p));
        self
    }

    /// The sentence followed by the group `name`.
    pub fn group(mut self, name: impl Into<String>) -> Sentence {
        self.0.push(SentencePart::Group(name.into()));
        self
    }

    /// Appends `text` to the sentence in place.
    pub fn push_text(&mut self, text: impl Into<String>) {
        let text = text.into();
        if !text.is_empty() {
            self.0.push(SentencePart::Text(text));
        }
    }

    pub fn parts(&self) -> &[SentencePart] {
        &self.0
    }

    /// The sentence written into `out`: each person by `person`, text and group names by
    /// `text` (which escapes them for the destination, or copies them).
    pub fn write_into(
        &self,
        out: &mut String,
        mut person: impl FnMut(&mut String, usize),
        mut text: impl FnMut(&mut String, &str),
    ) {
        for part in &self.0 {
            match part {
                SentencePart::Text(t) | SentencePart::Group(t) => text(out, t),
                SentencePart::Person(p) => person(out, *p as usize),
            }
        }
    }

    /// The sentence as plain text, each person written by `name`.
    pub fn plain(&self, name: impl Fn(usize) -> String) -> String {
        let mut out = String::new();
        self.write_into(
            &mut out,
            |out, p| out.push_str(&name(p)),
            |out, t| out.push_str(t),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_written_by_the_caller_and_groups_as_they_are() {
        // A department named like a person marker of old stays its name.
        let s = Sentence::new()
            .person(3)
            .text(" leads ")
            .person(10)
            .text(" in ")
            .group("⟦3⟧");
        assert_eq!(s.plain(|p| format!("P{p}")), "P3 leads P10 in ⟦3⟧");
        let mut html = String::new();
        s.write_into(
            &mut html,
            |out, p| out.push_str(&format!("<b>{p}</b>")),
            |out, t| out.push_str(&t.replace('⟦', "[")),
        );
        assert_eq!(html, "<b>3</b> leads <b>10</b> in [3⟧");
        assert!(Sentence::new().text("").parts().is_empty());
    }
}
