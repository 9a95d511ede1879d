//! Compare: two result folders written by `orgsphere analyze` (two runs, or two survey
//! waves), or input folders analysed here, in memory, with the options given → who became
//! an informal leader, who stopped, role changes with both reasons, the biggest movers in
//! the influence ranking, who lost every nomination, and how the summary's figures
//! (response rate, alignment, role counts, and any others both runs have) moved. Written atomically as `changes.csv`, `compare.json` and `compare.html`.
//!
//! People are matched by id, so pseudonymised runs compare when they used the same key;
//! a pseudonymised run is never matched against a plain one.

mod diff;
pub mod html;
mod kinds;
mod read;
mod write;

pub use diff::{Comparison, Figure, ParameterChange, PersonChange, Status};
pub use read::{PersonRow, REQUIRED, ResultFolder};

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::classify::Role;
use crate::error::{Error, Result};
use crate::progress::{Progress, Silent, stage};
use crate::{Options, export};

/// What `orgsphere compare` was asked to do.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    pub old: CompareSide,
    pub new: CompareSide,
    pub out: PathBuf,
    /// The config file the options came from, if any: guarded like the two folders.
    pub config: Option<PathBuf>,
}

impl CompareOptions {
    /// What the comparison reads, which `out` may neither be nor hold: the two folders
    /// and the config file.
    pub fn inputs(&self) -> Vec<&Path> {
        [self.old.dir(), self.new.dir()]
            .into_iter()
            .chain(self.config.as_deref())
            .collect()
    }
}

/// One side of a comparison.
#[derive(Debug, Clone)]
pub enum CompareSide {
    /// A folder written by `orgsphere analyze --out`.
    Results(PathBuf),
    /// A folder of inputs (`options.inputs`), analysed with `options`; nothing of the
    /// analysis is written but the comparison.
    Inputs { dir: PathBuf, options: Box<Options> },
}

impl CompareSide {
    /// The folder this side names.
    pub fn dir(&self) -> &Path {
        match self {
            CompareSide::Results(dir) | CompareSide::Inputs { dir, .. } => dir,
        }
    }

    /// This side's results, and for an input folder, a note when its data had warnings.
    fn read(&self, progress: &dyn Progress) -> Result<(ResultFolder, Option<String>)> {
        let (dir, options) = match self {
            CompareSide::Results(dir) => return Ok((ResultFolder::read(dir)?, None)),
            CompareSide::Inputs { dir, options } => (dir, options),
        };
        let dataset = crate::check_with(options, progress)?;
        let analysis = crate::analyze_dataset_with(dataset, options, progress);
        let [people, summary] = stage(progress, "results in memory", || {
            export::people_and_summary(&analysis, options)
        })
        .map_err(|e| Error::io(dir, e))?;
        let warnings = analysis.dataset.warnings.len();
        let note = (warnings > 0).then(|| {
            format!(
                "{} was analysed from its inputs with {warnings} data warning{}; `orgsphere validate {}` lists them",
                dir.display(),
                if warnings == 1 { "" } else { "s" },
                dir.display()
            )
        });
        Ok((ResultFolder::from_bytes(dir, &people, &summary)?, note))
    }
}

/// How many people the rank-mover lists hold, each way.
pub const TOP_MOVERS: usize = 10;

/// Reads both folders (analysing input folders), compares them and writes the results to
/// `options.out`.
pub fn compare(options: &CompareOptions) -> Result<Comparison> {
    compare_with(options, &Silent)
}

/// [`compare`], reporting the analysis of input folders to `progress`.
pub fn compare_with(options: &CompareOptions, progress: &dyn Progress) -> Result<Comparison> {
    let inputs = options.inputs();
    crate::outdir::check(&options.out, &inputs)?;
    // One side after the other: an analysis at a time holds memory.
    let (old, old_note) = options.old.read(progress)?;
    let (new, new_note) = options.new.read(progress)?;
    let mut warnings = check_comparable(&old, &new)?;
    warnings.extend(old_note.into_iter().chain(new_note));
    let mut c = diff::diff(old, new);
    if !c.parameters_changed.is_empty() {
        let names: Vec<&str> = c
            .parameters_changed
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        warnings.push(format!(
            "the runs used different settings ({}): some changes may come from the settings, not from the people",
            names.join(", ")
        ));
    }
    c.warnings = warnings;
    write::write_all(&c, &options.out, &inputs)?;
    Ok(c)
}

/// Whether `summary.json` says the run replaced ids with pseudonyms.
pub fn pseudonymized(folder: &ResultFolder) -> bool {
    ["/parameters/pseudonymized", "/parameters/pseudonymize"]
        .iter()
        .filter_map(|p| folder.summary_at(p))
        .any(|v| v.as_bool().unwrap_or(!v.is_null()))
}

/// Refuses runs whose ids cannot be matched; returns warnings for the reader otherwise.
fn check_comparable(old: &ResultFolder, new: &ResultFolder) -> Result<Vec<String>> {
    let (po, pn) = (pseudonymized(old), pseudonymized(new));
    let name = |f: &ResultFolder| f.dir.display().to_string();
    if po != pn {
        let (yes, no) = if po { (old, new) } else { (new, old) };
        return Err(Error::Incomparable(format!(
            "{} was pseudonymised and {} was not, so their ids cannot be matched; run both with --pseudonymize and the same key, or both without",
            name(yes),
            name(no)
        )));
    }
    let fingerprint = |f: &ResultFolder| f.summary_at("/parameters/key_check").cloned();
    if po && fingerprint(old) != fingerprint(new) {
        return Err(Error::Incomparable(format!(
            "{} and {} were pseudonymised with different keys, so their pseudonyms cannot be matched; run both with the same --key",
            name(old),
            name(new)
        )));
    }
    let common = old
        .people
        .iter()
        .filter(|p| {
            new.people
                .binary_search_by(|q| crate::text::natural_cmp(&q.id, &p.id))
                .is_ok()
        })
        .count();
    let mut warnings = Vec::new();
    if common == 0 && !old.people.is_empty() && !new.people.is_empty() {
        if po {
            return Err(Error::Incomparable(format!(
                "no person is in both {} and {}: pseudonymised runs compare only when they used the same key",
                name(old),
                name(new)
            )));
        }
        warnings
            .push("no person is in both runs: are these results of the same organisation?".into());
    }
    if old.perceptions != new.perceptions {
        let (with, without) = if old.perceptions {
            (old, new)
        } else {
            (new, old)
        };
        warnings.push(format!(
            "only {} has perception columns ({} read no perception file): perceptions are not compared",
            name(with),
            name(without)
        ));
    }
    Ok(warnings)
}

impl Comparison {
    fn leader(role: Option<&str>) -> bool {
        role == Some(Role::InformalLeader.as_str())
    }

    /// People who are informal leaders now and were not (joiners included).
    pub fn became_informal_leaders(&self) -> Vec<&PersonChange> {
        self.people
            .iter()
            .filter(|p| Self::leader(p.new_role()) && !Self::leader(p.old_role()))
            .collect()
    }

    /// People who were informal leaders and are not now (leavers included).
    pub fn stopped_being_informal_leaders(&self) -> Vec<&PersonChange> {
        self.people
            .iter()
            .filter(|p| Self::leader(p.old_role()) && !Self::leader(p.new_role()))
            .collect()
    }

    /// People in both runs whose role changed.
    pub fn role_changes(&self) -> Vec<&PersonChange> {
        self.people.iter().filter(|p| p.role_changed()).collect()
    }

    /// The [`TOP_MOVERS`] people who moved furthest up (`up`) or down the ranking.
    pub fn rank_movers(&self, up: bool) -> Vec<&PersonChange> {
        let sign = if up { 1 } else { -1 };
        let mut movers: Vec<(i64, &PersonChange)> = self
            .people
            .iter()
            .filter_map(|p| Some((p.rank_change()? * sign, p)))
            .filter(|(moved, _)| *moved > 0)
            .collect();
        movers.sort_by_key(|m| std::cmp::Reverse(m.0));
        movers
            .into_iter()
            .take(TOP_MOVERS)
            .map(|(_, p)| p)
            .collect()
    }

    /// People in both runs who had nominations and now have none: per question, and for
    /// all questions together (`None`). Most nominations lost first.
    pub fn lost_all_nominations(&self) -> Vec<(&PersonChange, Option<&str>, u32)> {
        let mut out = Vec::new();
        for p in self.people.iter().filter(|p| p.status == Status::Stayed) {
            if let (Some(o), Some(n)) = (&p.old, &p.new)
                && o.in_degree > 0
                && n.in_degree == 0
            {
                out.push((p, None, o.in_degree));
            }
            for (q, (o, n)) in self.questions.iter().zip(&p.by_question) {
                if let (Some(o), Some(0)) = (o, n)
                    && *o > 0
                {
                    out.push((p, Some(q.as_str()), *o));
                }
            }
        }
        out.sort_by_key(|l| std::cmp::Reverse(l.2));
        out
    }

    /// How many people joined, left and stayed.
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |s: Status| self.people.iter().filter(|p| p.status == s).count();
        (n(Status::Joined), n(Status::Left), n(Status::Stayed))
    }
}

/// A figure's path, e.g. `alignment.ties_up_the_chain`, is one the HTML report shows.
pub fn headline_figure(path: &str) -> bool {
    [
        "response_rate",
        "roles.",
        "alignment.",
        "counts.people",
        "counts.respondents",
    ]
    .iter()
    .any(|p| path.starts_with(p))
        || path.contains("silo")
        || path.contains("communit")
}

/// A JSON number written as every output writes numbers (10 significant digits; whole
/// numbers without a fraction); null for infinity or NaN, which JSON cannot hold.
pub(crate) fn number(x: f64) -> Value {
    if !x.is_finite() {
        return Value::Null;
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return Value::from(x as i64);
    }
    crate::text::float(x)
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}
