//! `summary.json`: the machine-readable summary for schedulers and dashboards — tool
//! version, parameters, input checksums, counts, response rate, roles, informal leaders,
//! alignment.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::classify::{Role, RuleApplied};
use crate::export::context::{ExportContext, Exporter};
use crate::options::HighInfluenceRule;

/// Bumped whenever a field changes meaning or disappears. 2: the default high-influence
/// rule is `standing` (per-group bars in `high_influence_rule.groups`, `threshold` null).
pub const SCHEMA_VERSION: u32 = 2;
/// How many informal leaders the summary lists by name.
const TOP_LEADERS: usize = 25;

pub struct SummaryJson;

#[derive(Serialize)]
struct Summary<'a> {
    schema_version: u32,
    tool: Tool,
    generated_at: &'a str,
    parameters: Parameters<'a>,
    inputs: SummaryInputs<'a>,
    counts: Counts<'a>,
    response_rate: f64,
    response_rate_by_question: BTreeMap<&'a str, f64>,
    questions: Vec<QuestionSummary<'a>>,
    high_influence_rule: &'a RuleApplied,
    roles: BTreeMap<&'static str, usize>,
    informal_leaders: Vec<Leader<'a>>,
    most_sought_after: Vec<SoughtSummary<'a>>,
    nearest_to_the_bar: Vec<SoughtSummary<'a>>,
    departments: Departments,
    /// How far influence ties stay inside the groups of each attribute.
    homophily: HomophilySection,
    /// Written when the org chart has no reporting lines or has a level column.
    #[serde(skip_serializing_if = "Option::is_none")]
    org_chart: Option<OrgChartShape<'a>>,
    alignment: Alignment,
    communities: CommunitySummary,
    betweenness: PathsSummary,
    findings_by_severity: BTreeMap<&'static str, usize>,
    findings_by_kind: BTreeMap<&'static str, usize>,
    graph_files: GraphFiles,
    /// Written when perception files were given.
    #[serde(skip_serializing_if = "Option::is_none")]
    perceptions: Option<serde_json::Value>,
}

/// How the graph files were cut for a large organisation.
#[derive(Serialize)]
struct GraphFiles {
    /// Above this many people the graph files are cut.
    large_organisation: usize,
    /// Files the default format set left out for the organisation's size.
    left_out: Vec<&'static str>,
    /// Whether graph.graphml carries yEd's drawing hints.
    yed_drawing_hints: bool,
    /// Whether graph.gexf gives each edge its own colour, thickness and dashes.
    gexf_edge_looks: bool,
}

/// How betweenness and closeness were computed.
#[derive(Serialize)]
struct PathsSummary {
    /// `exact`, or `sampled` from some sources.
    method: &'static str,
    /// Sources of the combined layer's estimate, and of each question's.
    sources: Option<usize>,
    per_question_sources: Option<usize>,
    seed: Option<u64>,
    /// Hoeffding's bound on each person's combined betweenness error, at 95 % confidence.
    error_bound_95: Option<f64>,
}

fn paths_summary(cx: &ExportContext<'_>) -> PathsSummary {
    use crate::metrics::Method;
    let m = cx.view.metrics();
    let n = cx.view.people();
    let per_question = m.per_question.first().and_then(|q| match q.paths.method {
        Method::Sampled { sources, .. } => Some(sources),
        Method::Exact => None,
    });
    match m.combined.paths.method {
        Method::Exact => PathsSummary {
            method: "exact",
            sources: None,
            per_question_sources: None,
            seed: None,
            error_bound_95: None,
        },
        Method::Sampled { sources, seed } => PathsSummary {
            method: "sampled",
            sources: Some(sources),
            per_question_sources: per_question,
            seed: Some(seed),
            error_bound_95: Some(round(crate::metrics::error_bound(n, sources, 0.05))),
        },
    }
}

#[derive(Serialize)]
struct CommunitySummary {
    count: usize,
    modularity: f64,
    /// Normalised mutual information between communities and departments.
    department_agreement: Option<f64>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Parameters<'a> {
    manager_titles: &'a str,
    min_nominations: u32,
    min_weight: Option<f64>,
    min_response_rate: Option<f64>,
    strict: bool,
    pagerank_damping: f64,
    /// The default title pattern's individual-contributor titles (null with
    /// --manager-titles).
    contributor_titles: Option<&'a str>,
    /// --manager-levels: levels of the level column that carry formal power (absent when
    /// not given).
    #[serde(skip_serializing_if = "Option::is_none")]
    manager_levels: Option<&'a str>,
    /// --question-kind: questions whose kind was set by hand.
    question_kinds: BTreeMap<&'a str, &'static str>,
    /// Each question's weight in the combined influence layer.
    question_weights: BTreeMap<&'a str, f64>,
    /// Ids are keyed pseudonyms; names, e-mails and free-text columns are left out.
    pseudonymized: bool,
    /// The pseudonym of a fixed text under the key: equal in two runs that used one key.
    key_check: Option<String>,
    min_group_size: usize,
    /// `standing` (the default, `--false-discovery`), `outlier` (`--outlier-z`) or
    /// `top-share` (`--top-share`).
    high_influence: &'static str,
    false_discovery: Option<f64>,
    /// With the standing rule: the local false-discovery rate allowed
    /// (`--local-false-discovery`; 1 leaves the local test out).
    local_false_discovery: Option<f64>,
    outlier_z: Option<f64>,
    top_share: Option<f64>,
    /// Bootstrap resamples for `leader_stability` (0: none).
    bootstrap: usize,
    /// The seed of every random choice (resamples, sampled paths, communities).
    seed: u64,
    exact_paths_limit: usize,
    path_samples: usize,
    /// `--question-map`: survey column prefixes, question codes or texts → question, in
    /// the order given.
    question_map: Vec<[&'a str; 2]>,
    /// `--weight-label`: answer labels → weights, besides the known ones.
    weight_labels: Vec<(&'a str, f64)>,
    /// `--answer-separators`: what separates several answers in a form's question column.
    answer_separators: String,
}

/// Per-department figures; groups smaller than `min_group_size` are merged or suppressed.
#[derive(Serialize)]
struct Departments {
    groups: Vec<Department>,
    /// People whose group is too small to report even merged.
    suppressed_people: usize,
}

/// The homophily figure: per attribute, the E-I index of the influence ties between
/// people of its groups of at least `min_group_size`.
#[derive(Serialize)]
struct HomophilySection {
    /// The column the group findings and the group matrix group by (`--group-by`).
    grouped_by: String,
    attributes: Vec<HomophilyRow>,
}

#[derive(Serialize)]
struct HomophilyRow {
    attribute: String,
    groups: usize,
    ties_within: usize,
    ties_between: usize,
    ei_index: Option<f64>,
}

fn homophily(cx: &ExportContext<'_>) -> HomophilySection {
    HomophilySection {
        grouped_by: cx.view.grouping().attribute.clone(),
        attributes: cx
            .view
            .homophily(cx.options.output.min_group_size)
            .into_iter()
            .map(|h| HomophilyRow {
                attribute: h.attribute,
                groups: h.groups,
                ties_within: h.ties_within,
                ties_between: h.ties_between,
                ei_index: h.ei_index.map(round),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct Department {
    department: String,
    people: usize,
    informal_leaders: usize,
    leader_managers: usize,
}

#[derive(Serialize)]
struct SummaryInputFile<'a> {
    file: &'a str,
    sha256: &'a str,
    encoding: &'a str,
    rows: usize,
    /// `long` or `wide` for a survey; absent for the org chart.
    #[serde(skip_serializing_if = "Option::is_none")]
    shape: Option<&'static str>,
}

#[derive(Serialize)]
struct SummaryInputs<'a> {
    org: SummaryInputFile<'a>,
    surveys: Vec<SummaryInputFile<'a>>,
}

#[derive(Serialize)]
struct Counts<'a> {
    people: usize,
    respondents: usize,
    questions: &'a [String],
    survey_rows: usize,
    nominations: usize,
    influence_ties: usize,
    authority_ties: usize,
    below_min_weight: usize,
    below_rating_cut: usize,
    zero_weight: usize,
    matched_by_email: usize,
    matched_by_name: usize,
    warnings: usize,
    warnings_by_code: BTreeMap<&'static str, usize>,
}

#[derive(Serialize)]
struct Leader<'a> {
    employee_id: &'a str,
    in_degree: u32,
    pagerank: f64,
    reason: std::borrow::Cow<'a, str>,
}

/// One question: what kind it is and how it was read.
#[derive(Serialize)]
struct QuestionSummary<'a> {
    name: &'a str,
    /// `influence`, `collaboration`, `social` or `negative`.
    kind: &'static str,
    /// `recognised` from its name, `given` by --question-kind, or `assumed` influence.
    kind_from: &'static str,
    /// The leadership dimension, only when the survey asks how people lead.
    #[serde(skip_serializing_if = "Option::is_none")]
    dimension: Option<&'static str>,
    /// `recognised` from its name or `given` by --question-dimension, with `dimension`.
    #[serde(skip_serializing_if = "Option::is_none")]
    dimension_from: Option<&'static str>,
    respondents: usize,
    ties: usize,
    /// When the question was read as a rating scale: its values and the cut applied.
    rating_scale: Option<ScaleSummary>,
}

/// A rating-scale question's values and cut, numbers written as every output writes them.
#[derive(Serialize)]
struct ScaleSummary {
    values: Vec<serde_json::Value>,
    pair_share: f64,
    min_tie: serde_json::Value,
    below_cut: usize,
}

impl ScaleSummary {
    fn of(s: &crate::validate::RatingScale) -> Self {
        ScaleSummary {
            values: s.values.iter().map(|&v| json_number(v)).collect(),
            pair_share: round(s.pair_share),
            min_tie: json_number(s.min_tie),
            below_cut: s.below_cut,
        }
    }
}

/// A person among the most sought after, with the bar that applies to them.
#[derive(Serialize)]
struct SoughtSummary<'a> {
    employee_id: &'a str,
    role: &'static str,
    formal_power: bool,
    in_degree: u32,
    /// The high-influence bar for people of their formal standing (null without one).
    bar: Option<u32>,
    /// Nominators still missing to reach it (0 at or above it).
    short_of_bar: Option<u32>,
}

/// The formal structure's shape: reporting lines and the level column.
#[derive(Serialize)]
struct OrgChartShape<'a> {
    /// Whether anyone in the org chart has a manager.
    reporting_lines: bool,
    /// What follows from having none; null with reporting lines.
    reporting_lines_note: Option<String>,
    /// The level column, when the org chart has one.
    level_column: Option<LevelSummary<'a>>,
}

#[derive(Serialize)]
struct LevelSummary<'a> {
    header: &'a str,
    /// Whether its numbers were read (false: mostly words, kept as given only).
    used: bool,
    /// People with a level read.
    people: usize,
    /// Filled cells without a number.
    not_a_number: usize,
    /// How many distinct levels, the top one and the bottom one.
    levels: usize,
    top_level: Option<serde_json::Value>,
    bottom_level: Option<serde_json::Value>,
    /// `lowest` (the smallest number is the top) or `highest`.
    top: Option<crate::validate::structure::Top>,
    /// `reporting-lines`, `formal-power` or `assumed`.
    top_from: Option<crate::validate::structure::TopFrom>,
    /// People whose level `--manager-levels` names.
    formal_power_by_level: usize,
    note: String,
}

#[derive(Serialize)]
struct Alignment {
    /// Share of influence ties that point up the respondent's chain of command.
    ties_up_the_chain: Option<f64>,
    /// Share of influence ties that point to the respondent's own manager.
    ties_to_own_manager: Option<f64>,
    /// Share of managers who are high influence (leader-managers among all with formal power).
    managers_with_high_influence: Option<f64>,
    /// Why the chain-of-command shares are null when the org chart has no reporting lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

impl Exporter for SummaryJson {
    fn file_name(&self) -> &'static str {
        "summary.json"
    }

    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let standing = match cx.options.roles.rule {
            HighInfluenceRule::Standing(rates) => Some(rates),
            _ => None,
        };
        let v = &cx.view;
        let mut roles: BTreeMap<&'static str, usize> =
            Role::ALL.iter().map(|r| (r.as_str(), 0)).collect();
        for r in v.roles() {
            *roles.entry(r.as_str()).or_default() += 1;
        }
        let mut warnings_by_code = BTreeMap::new();
        for w in v.warnings() {
            *warnings_by_code.entry(w.code).or_default() += 1;
        }
        let inf = &v.metrics().combined;
        let informal_leaders = v
            .ranking()
            .iter()
            .copied()
            .filter(|&p| v.roles()[p] == Role::InformalLeader)
            .take(TOP_LEADERS)
            .map(|p| Leader {
                employee_id: cx.view.id(p),
                in_degree: inf.in_degree[p],
                pagerank: round(inf.pagerank[p]),
                reason: cx.view.reason(p),
            })
            .collect();
        let sought = |s: &crate::export::view::sought::Sought| SoughtSummary {
            employee_id: cx.view.id(s.person),
            role: v.roles()[s.person].as_str(),
            formal_power: s.formal_power,
            in_degree: s.in_degree,
            bar: s.bar,
            short_of_bar: s.short_of_bar,
        };
        let listed = cx.sought_after();
        let most_sought_after = listed.most.iter().map(sought).collect();
        let nearest_to_the_bar = listed.nearest.iter().map(sought).collect();
        let questions = (0..v.questions().len())
            .map(|q| QuestionSummary {
                name: &v.questions()[q],
                kind: v.question_kinds()[q].as_str(),
                kind_from: v.question_kind_sources()[q].as_str(),
                dimension: v.question_dimension(q).map(|(x, _)| x.as_str()),
                dimension_from: v.question_dimension(q).map(|(_, from)| from.as_str()),
                respondents: v.answers().responded[q].iter().filter(|&&r| r).count(),
                ties: v.metrics().per_question[q]
                    .in_degree
                    .iter()
                    .map(|&k| k as usize)
                    .sum(),
                rating_scale: v.rating_scale(q).map(ScaleSummary::of),
            })
            .collect();
        let people = v.people().max(1) as f64;
        let (org_file, org_sha256, org_encoding, org_rows) = v.org_file();
        let summary = Summary {
            schema_version: SCHEMA_VERSION,
            tool: Tool {
                name: "orgsphere",
                version: env!("CARGO_PKG_VERSION"),
            },
            generated_at: &cx.generated_at,
            parameters: Parameters {
                manager_titles: cx.options.formal.manager_titles.as_str(),
                min_nominations: cx.options.roles.min_nominations,
                min_weight: cx.options.check.min_weight,
                min_response_rate: cx.options.check.min_response_rate,
                strict: cx.options.check.strict,
                pagerank_damping: crate::metrics::DAMPING,
                contributor_titles: cx
                    .options
                    .formal
                    .contributor_titles
                    .as_ref()
                    .map(|r| r.as_str()),
                manager_levels: cx
                    .options
                    .formal
                    .manager_levels
                    .as_ref()
                    .map(|l| l.as_str()),
                question_kinds: cx
                    .options
                    .check
                    .question_kinds
                    .iter()
                    .map(|(q, k)| (q.as_str(), k.as_str()))
                    .collect(),
                pseudonymized: cx.view.pseudonymized(),
                key_check: cx
                    .options
                    .output
                    .pseudonymize
                    .as_ref()
                    .map(crate::export::view::privacy::key_check),
                min_group_size: cx.options.output.min_group_size,
                high_influence: match cx.options.roles.rule {
                    HighInfluenceRule::Standing(_) => "standing",
                    HighInfluenceRule::Outlier { .. } => "outlier",
                    HighInfluenceRule::TopShare { .. } => "top-share",
                },
                false_discovery: standing.map(|r| r.false_discovery),
                local_false_discovery: standing.map(|r| r.local),
                outlier_z: match cx.options.roles.rule {
                    HighInfluenceRule::Outlier { z } => Some(z),
                    _ => None,
                },
                top_share: match cx.options.roles.rule {
                    HighInfluenceRule::TopShare { share } => Some(share),
                    _ => None,
                },
                bootstrap: cx.options.roles.bootstrap,
                seed: cx.options.seed,
                exact_paths_limit: cx.options.paths.exact_limit,
                path_samples: cx.options.paths.samples,
                question_map: cx
                    .options
                    .read
                    .question_map
                    .iter()
                    .map(|(from, to)| [from.as_str(), to.as_str()])
                    .collect(),
                weight_labels: cx
                    .options
                    .read
                    .weight_labels
                    .iter()
                    .map(|(label, w)| (label.as_str(), *w))
                    .collect(),
                answer_separators: cx.options.read.answer_separators.iter().collect(),
                question_weights: v
                    .questions()
                    .iter()
                    .map(String::as_str)
                    .zip(v.question_weights().iter().copied())
                    .collect(),
            },
            inputs: SummaryInputs {
                org: SummaryInputFile {
                    file: org_file,
                    sha256: org_sha256,
                    encoding: org_encoding,
                    rows: org_rows,
                    shape: None,
                },
                surveys: v
                    .survey_files()
                    .iter()
                    .map(|f| SummaryInputFile {
                        file: &f.file,
                        sha256: &f.sha256,
                        encoding: f.encoding,
                        rows: f.rows,
                        shape: Some(match f.shape {
                            crate::load::survey::Shape::Long => "long",
                            crate::load::survey::Shape::Wide(_) => "wide",
                        }),
                    })
                    .collect(),
            },
            counts: Counts {
                people: v.people(),
                respondents: v.respondents(),
                questions: v.questions(),
                survey_rows: v.survey_rows(),
                nominations: v.answers().nominations.len(),
                influence_ties: v
                    .graph()
                    .influence(crate::graph::Questions::All)
                    .edge_count(),
                authority_ties: v.managers().iter().flatten().count(),
                below_min_weight: v.answers().below_min_weight,
                below_rating_cut: v.answers().below_rating_cut,
                zero_weight: v.answers().zero_weight,
                matched_by_email: v.answers().matched_by_email,
                matched_by_name: v.answers().matched_by_name,
                warnings: v.warnings().len(),
                warnings_by_code,
            },
            response_rate: round(v.response_rate()),
            response_rate_by_question: v
                .questions()
                .iter()
                .zip(&v.answers().responded)
                .map(|(q, r)| {
                    (
                        q.as_str(),
                        round(r.iter().filter(|&&x| x).count() as f64 / people),
                    )
                })
                .collect(),
            questions,
            high_influence_rule: v.rule(),
            roles,
            informal_leaders,
            most_sought_after,
            nearest_to_the_bar,
            departments: departments(cx),
            homophily: homophily(cx),
            org_chart: org_chart(cx),
            alignment: alignment(cx),
            communities: CommunitySummary {
                count: v.metrics().communities.count,
                modularity: round(v.metrics().communities.modularity),
                department_agreement: crate::metrics::normalized_mutual_information(
                    &v.metrics().communities.community,
                    &v.metrics().department,
                )
                .map(round),
            },
            betweenness: paths_summary(cx),
            findings_by_severity: count_by(v.findings().iter().map(|f| f.severity.as_str())),
            findings_by_kind: count_by(v.findings().iter().map(|f| f.kind)),
            graph_files: GraphFiles {
                large_organisation: crate::options::LARGE_ORGANISATION,
                left_out: cx
                    .options
                    .output
                    .left_out(v.people())
                    .into_iter()
                    .map(crate::options::Format::file_name)
                    .collect(),
                yed_drawing_hints: !cx.large(),
                gexf_edge_looks: !cx.large(),
            },
            perceptions: super::perception::summary(cx),
        };
        serde_json::to_writer_pretty(&mut *out, &summary)?;
        out.write_all(b"\n")
    }
}

fn count_by(keys: impl Iterator<Item = &'static str>) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for k in keys {
        *counts.entry(k).or_default() += 1;
    }
    counts
}

fn departments(cx: &ExportContext<'_>) -> Departments {
    let g = &cx.groups;
    let role = cx.view.roles();
    let informal = g.count(|p| role[p] == Role::InformalLeader);
    let leading = g.count(|p| role[p] == Role::LeaderManager);
    Departments {
        groups: (0..g.len())
            .map(|i| Department {
                department: g.names[i].clone(),
                people: g.sizes[i],
                informal_leaders: informal[i],
                leader_managers: leading[i],
            })
            .collect(),
        suppressed_people: g.suppressed,
    }
}

fn alignment(cx: &ExportContext<'_>) -> Alignment {
    let v = &cx.view;
    let share = |x: usize, of: usize| (of > 0).then(|| round(x as f64 / of as f64));
    let formal = v.formal_power().iter().filter(|&&f| f).count();
    let leading = v
        .roles()
        .iter()
        .filter(|&&r| r == Role::LeaderManager)
        .count();
    let lines = v.structure().reporting_lines.given();
    Alignment {
        ties_up_the_chain: v.metrics().chain.up_share().filter(|_| lines).map(round),
        ties_to_own_manager: v
            .metrics()
            .chain
            .own_manager_share()
            .filter(|_| lines)
            .map(round),
        managers_with_high_influence: share(leading, formal),
        reason: v
            .structure()
            .reporting_lines
            .why_none()
            .map(|why| format!("no reporting lines: {why}")),
    }
}

fn org_chart<'a>(cx: &ExportContext<'a>) -> Option<OrgChartShape<'a>> {
    use crate::validate::LevelColumn;
    let s = cx.view.structure();
    let level_column = match &s.levels {
        LevelColumn::None => None,
        LevelColumn::Unused {
            header,
            filled,
            numbers,
        } => Some(LevelSummary {
            header,
            used: false,
            people: 0,
            not_a_number: filled - numbers,
            levels: 0,
            top_level: None,
            bottom_level: None,
            top: None,
            top_from: None,
            formal_power_by_level: 0,
            note: s.level_note(&cx.options.formal).unwrap_or_default(),
        }),
        LevelColumn::Used(l) => Some(LevelSummary {
            header: &l.header,
            used: true,
            people: l.value.iter().filter(|v| v.is_some()).count(),
            not_a_number: l.not_a_number,
            levels: l.distinct.len(),
            top_level: l.distinct.first().map(|&v| json_number(v)),
            bottom_level: l.distinct.last().map(|&v| json_number(v)),
            top: Some(l.top),
            top_from: Some(l.top_from),
            formal_power_by_level: l.power.iter().filter(|&&p| p).count(),
            note: s.level_note(&cx.options.formal).unwrap_or_default(),
        }),
    };
    let lines = s.reporting_lines.given();
    (!lines || level_column.is_some()).then(|| OrgChartShape {
        reporting_lines: lines,
        reporting_lines_note: s.reporting_lines_note(),
        level_column,
    })
}

/// A number for JSON, rounded as every output writes numbers; whole numbers as integers.
pub fn json_number(x: f64) -> serde_json::Value {
    let x = round(x);
    if x.fract() == 0.0 && x.abs() < 9e15 {
        serde_json::Value::from(x as i64)
    } else {
        serde_json::Value::from(x)
    }
}

/// Rounds to 10 significant digits, as every output writes numbers.
fn round(x: f64) -> f64 {
    crate::text::float(x).parse().unwrap_or(x)
}
