//! A small XML tree for tests: parses a whole document with quick-xml (failing on any
//! well-formedness error or unknown entity) and answers simple queries.

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// An element: its qualified name (`viz:color`), attributes, children and text.
#[derive(Debug, Default, Clone)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// The element's own text (not its children's).
    pub text: String,
    /// All text inside, children included, in document order.
    inner: String,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every descendant (self included) named `name`, in document order.
    pub fn all<'a>(&'a self, name: &str) -> Vec<&'a Element> {
        let mut out = Vec::new();
        self.walk(&mut |e| {
            if e.name == name {
                out.push(e)
            }
        });
        out
    }

    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Element)) {
        f(self);
        for c in &self.children {
            c.walk(f);
        }
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// All text inside, children included, in document order (`<p>a <b>b</b> c</p>` gives
    /// `a b c`).
    pub fn all_text(&self) -> String {
        self.inner.clone()
    }
}

fn element(e: &quick_xml::events::BytesStart<'_>) -> Element {
    let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
    let attrs = e
        .attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            (
                String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                a.normalized_value(XmlVersion::Implicit1_0)
                    .expect("attribute value")
                    .into_owned(),
            )
        })
        .collect();
    Element {
        name,
        attrs,
        ..Element::default()
    }
}

/// Whether XML 1.0 allows `c` in a document (its `Char` production): tab, line feed,
/// carriage return, and everything from U+0020 but U+FFFE and U+FFFF (a Rust `char` is
/// never a surrogate).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{fffe}' | '\u{ffff}'))
}

fn push_text(e: &mut Element, text: &str) {
    e.text.push_str(text);
    e.inner.push_str(text);
}

/// Parses `text` into its root element; panics with the position on any error, including
/// a character XML 1.0 does not allow (which quick-xml lets through).
pub fn parse(text: &str) -> Element {
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| !xml_char(c)) {
        panic!("not well-formed at {at}: {c:?} is not an XML 1.0 character");
    }
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.buffer_position()));
        match event {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().unwrap().children.push(el);
            }
            Event::End(_) => {
                let done = stack.pop().unwrap();
                let parent = stack.last_mut().expect("balanced tags");
                parent.inner.push_str(&done.inner);
                parent.children.push(done);
            }
            Event::Text(t) => push_text(stack.last_mut().unwrap(), &t.decode().unwrap()),
            Event::CData(t) => push_text(stack.last_mut().unwrap(), &String::from_utf8_lossy(&t)),
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref()
                        .unwrap()
                        .expect("a character")
                        .to_string()
                } else {
                    match r.decode().unwrap().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unknown entity &{other}; (not XML)"),
                    }
                    .to_string()
                };
                push_text(stack.last_mut().unwrap(), &c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut root = stack.pop().unwrap();
    assert_eq!(root.children.len(), 1, "one root element");
    root.children.pop().unwrap()
}
