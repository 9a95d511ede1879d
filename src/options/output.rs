//! What the exporters are asked to write (the export stage's settings): which files
//! (`--formats`), how people are named in them (`--pseudonymize`), how small a group may be
//! before its figures are suppressed (`--min-group-size`), which subtree `graph.dot` draws
//! (`--dot-root`), and the run's time the files carry.

use std::collections::BTreeSet;
use std::fmt;

use crate::error::{Error, Result};

/// An optional output file. `people.csv`, `data-quality.csv` and `summary.json` are always
/// written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Parquet,
    Graphml,
    Gexf,
    Dot,
    Cyjs,
    Json,
    Report,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Parquet,
        Format::Graphml,
        Format::Gexf,
        Format::Dot,
        Format::Cyjs,
        Format::Json,
        Format::Report,
    ];

    /// The file this format writes.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Parquet => "people.parquet",
            Format::Graphml => "graph.graphml",
            Format::Gexf => "graph.gexf",
            Format::Dot => "graph.dot",
            Format::Cyjs => "graph.cyjs",
            Format::Json => "graph.json",
            Format::Report => "report.html",
        }
    }

    /// The name `--formats` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Dot => "dot",
            Format::Cyjs => "cyjs",
            Format::Json => "json",
            Format::Report => "report",
        }
    }

    /// Parses a comma-separated list such as `graphml,report` (`all` means every format,
    /// `none` none of them).
    pub fn parse_list(list: &str) -> Result<BTreeSet<Format>> {
        let mut set = BTreeSet::new();
        for word in list.split(',').map(|w| w.trim().to_ascii_lowercase()) {
            match word.as_str() {
                "" | "none" | "csv" | "people.csv" => {}
                "all" => set.extend(Format::ALL),
                w => match Format::ALL.iter().find(|f| f.as_str() == w) {
                    Some(f) => {
                        set.insert(*f);
                    }
                    None => {
                        return Err(Error::Usage(format!(
                            "--formats: unknown format {w:?}; choose among parquet, graphml, gexf, dot, cyjs, json, report (comma-separated), or all"
                        )));
                    }
                },
            }
        }
        Ok(set)
    }

    /// The formats a `--formats` list names one by one (not through `all`): they are
    /// written whatever the size of the organisation.
    pub fn named_in(list: &str) -> BTreeSet<Format> {
        list.split(',')
            .map(|w| w.trim().to_ascii_lowercase())
            .filter_map(|w| Format::ALL.into_iter().find(|f| f.as_str() == w))
            .collect()
    }
}

/// Above this many people the graph files are cut to what tools can open: the default
/// format set (`all`) leaves out `graph.cyjs` and `graph.json`, `graph.graphml` leaves out
/// yEd's drawing hints and `graph.gexf` each edge's own look (every data attribute stays).
///
/// Why 20,000: both JSON files exist to draw the node-link graph in a browser
/// (Cytoscape.js, D3), which stops being interactive at some tens of thousands of
/// elements; 20,000 people are about 100,000 nodes and edges, and each file already holds
/// about 35 MB. yEd's automatic layouts take minutes at that size, so its per-node and
/// per-edge hints (a third of the GraphML) would only be read to be discarded. Below the
/// limit nothing changes; `--formats cyjs,json` writes the JSON files at any size.
pub const LARGE_ORGANISATION: usize = 20_000;

/// The fewest characters a pseudonymisation key has. `summary.json`'s `key_check` (like
/// every pseudonym of an id someone knows) lets whoever holds the results test guessed
/// keys offline, as fast as they can compute HMACs: a short key would be found. Sixteen
/// random characters are out of reach; `openssl rand -hex 32` makes 64.
pub const MIN_KEY_CHARS: usize = 16;

/// The secret that turns ids into pseudonyms. Its `Debug` form never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Key(String);

impl Key {
    /// A key has at least [`MIN_KEY_CHARS`] characters.
    pub fn new(secret: impl Into<String>) -> Result<Key> {
        let secret = secret.into();
        let chars = secret.chars().count();
        if chars < MIN_KEY_CHARS {
            return Err(Error::Usage(format!(
                "--pseudonymize: the key (--key or ORGSPHERE_KEY) has {chars} characters; give one of at least {MIN_KEY_CHARS}. Anyone holding the results can test guessed keys against summary.json's key_check offline, so a short key would be found. Make one with `openssl rand -hex 32`, keep it secret, and use it for every wave you want to compare"
            )));
        }
        Ok(Key(secret))
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(<secret>)")
    }
}

/// The export options of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputOptions {
    /// Optional files to write (default: all).
    pub formats: BTreeSet<Format>,
    /// The formats named one by one in `--formats`: written even above
    /// [`LARGE_ORGANISATION`] people.
    pub named_formats: BTreeSet<Format>,
    /// When set, ids become keyed pseudonyms and names, e-mails and free-text columns are
    /// left out of every file.
    pub pseudonymize: Option<Key>,
    /// Groups (departments) with fewer people have their figures suppressed.
    pub min_group_size: usize,
    /// The org-chart column the group findings and the group matrix group people by
    /// (`--group-by`); `None` for the department column.
    pub group_by: Option<String>,
    /// `graph.dot` draws only this person's subtree (an id from the inputs, or its
    /// pseudonym).
    pub dot_root: Option<String>,
    /// The run's time, in seconds since 1970, that `summary.json` and the report carry;
    /// `None` for the time the files are written. The command line sets it from
    /// `SOURCE_DATE_EPOCH`, so that two runs can give identical folders.
    pub generated_at: Option<i64>,
}

/// The default `--min-group-size`.
pub const DEFAULT_MIN_GROUP_SIZE: usize = 5;

impl Default for OutputOptions {
    fn default() -> Self {
        OutputOptions {
            formats: Format::ALL.into_iter().collect(),
            named_formats: BTreeSet::new(),
            pseudonymize: None,
            min_group_size: DEFAULT_MIN_GROUP_SIZE,
            group_by: None,
            dot_root: None,
            generated_at: None,
        }
    }
}

impl OutputOptions {
    pub fn wants(&self, format: Format) -> bool {
        self.formats.contains(&format)
    }

    /// The formats left out for an organisation of `people`: above
    /// [`LARGE_ORGANISATION`], `graph.cyjs` and `graph.json` unless named one by one.
    pub fn left_out(&self, people: usize) -> Vec<Format> {
        if people <= LARGE_ORGANISATION {
            return Vec::new();
        }
        [Format::Cyjs, Format::Json]
            .into_iter()
            .filter(|f| self.formats.contains(f) && !self.named_formats.contains(f))
            .collect()
    }

    /// The formats written for an organisation of `people`.
    pub fn written(&self, people: usize) -> BTreeSet<Format> {
        let left_out = self.left_out(people);
        self.formats
            .iter()
            .copied()
            .filter(|f| !left_out.contains(f))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_lists() {
        let set = Format::parse_list("GraphML, report").unwrap();
        assert_eq!(
            set.into_iter().collect::<Vec<_>>(),
            [Format::Graphml, Format::Report]
        );
        assert_eq!(Format::parse_list("all").unwrap().len(), 7);
        assert!(Format::parse_list("none").unwrap().is_empty());
        let err = Format::parse_list("gexf,pdf").unwrap_err();
        assert_eq!(err.exit_code(), crate::error::EXIT_USAGE);
        assert!(err.to_string().contains("\"pdf\""));
    }

    #[test]
    fn large_organisations_get_no_browser_files_unless_named() {
        let all = OutputOptions::default();
        assert!(all.left_out(LARGE_ORGANISATION).is_empty());
        assert_eq!(
            all.left_out(LARGE_ORGANISATION + 1),
            [Format::Cyjs, Format::Json]
        );
        assert!(!all.written(LARGE_ORGANISATION + 1).contains(&Format::Json));
        let list = "all, CYJS";
        let named = OutputOptions {
            formats: Format::parse_list(list).unwrap(),
            named_formats: Format::named_in(list),
            ..OutputOptions::default()
        };
        assert_eq!(named.left_out(1_000_000), [Format::Json]);
        assert!(named.written(1_000_000).contains(&Format::Cyjs));
    }

    #[test]
    fn keys_are_never_printed() {
        let key = Key::new("hunter2-hunter2-hunter2").unwrap();
        assert!(!format!("{key:?}").contains("hunter2"));
    }

    #[test]
    fn short_keys_are_refused_with_how_to_make_a_good_one() {
        // 15 characters in 30 bytes: characters are counted, not bytes.
        let accents = "é".repeat(MIN_KEY_CHARS - 1);
        for short in ["", "k", "hunter2", &accents] {
            let e = Key::new(short).unwrap_err();
            assert_eq!(e.exit_code(), crate::error::EXIT_USAGE);
            let message = e.to_string();
            assert!(message.contains("openssl rand -hex 32"), "{message}");
            if short.len() > 1 {
                assert!(!message.contains(short), "the key was printed: {message}");
            }
        }
        assert!(Key::new("é".repeat(MIN_KEY_CHARS)).is_ok());
        assert!(Key::new("0123456789abcdef").is_ok());
    }
}
