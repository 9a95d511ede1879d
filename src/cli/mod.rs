//! Command-line definition (clap derive) and the translation of flags into the library's
//! [`Options`]. clap types stay here; the library never sees them.

mod analyze;
mod compare;
mod config;
mod docs;
mod generate;
mod log;
mod parse;
mod progress;
mod template;
mod validate;

pub use parse::parse;

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueHint};
use orgsphere::options::{self, HighInfluenceRule, InputFiles, Key, MAX_WEIGHT, OutputOptions};
use orgsphere::{Error, Options, Result};

/// The exit codes of SPEC §8, for every `--help` (a macro so that `concat!` can use it).
macro_rules! exit_codes {
    () => {
        "Exit codes: 0 success (warnings allowed), 64 usage error (a wrong flag, config key or value), 65 invalid input data or a failed threshold, 66 input missing, 73 cannot create output, 74 I/O error."
    };
}

#[derive(Parser)]
#[command(
    name = "orgsphere",
    version,
    about = "Organisational network analysis: separates formal power from influence and names the informal leaders.",
    after_help = concat!(
        "Examples:\n",
        "  orgsphere analyze sample-data --out results\n",
        "  orgsphere analyze --config job.toml\n",
        "  orgsphere compare last-week this-week --out changes\n\n",
        exit_codes!()
    )
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print nothing but errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// How to write messages on stderr: text for people, json (one object per line) for log collectors.
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        global = true,
        default_value = "text"
    )]
    log_format: log::LogFormat,
}

/// `--config FILE`, read before clap parses the command line (see [`config`]).
#[derive(Args, Clone)]
pub struct ConfigArg {
    /// Read options from a TOML file whose keys are the long flags' names (e.g. min-response-rate = 0.8); flags on the command line override it; relative paths are relative to the file.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    config: Option<PathBuf>,
}

/// A parsed subcommand.
#[derive(Subcommand)]
pub enum Command {
    /// Analyse an org chart and surveys; write people.csv, summary.json, data-quality.csv, the graph files and report.html.
    #[command(after_help = concat!(
        "Examples:\n",
        "  orgsphere analyze sample-data --out results\n",
        "  orgsphere analyze --org hr/org.csv --survey advice.csv --survey trust.csv --out results\n",
        "  orgsphere analyze firm/ --manager-titles 'Partner' --out results\n",
        "  orgsphere analyze consultancy/ --manager-levels 1-2 --out results\n",
        "  orgsphere analyze data/ --min-weight 4 --min-response-rate 0.7 --out results\n",
        "  orgsphere analyze --config job.toml --out results-2025-06\n",
        "  ORGSPHERE_KEY=... orgsphere analyze data/ --pseudonymize --out shareable\n",
        "  orgsphere analyze data/ --formats report,gexf --dot-root E0042 --out results\n\n",
        exit_codes!()
    ))]
    Analyze(analyze::AnalyzeArgs),
    /// Check the inputs and print a data-quality summary; writes nothing.
    #[command(after_help = concat!(
        "Examples:\n",
        "  orgsphere validate sample-data\n",
        "  orgsphere validate --org org.csv --survey survey.csv --strict\n",
        "  orgsphere validate --config job.toml --log-format json\n\n",
        exit_codes!()
    ))]
    Validate(validate::ValidateArgs),
    /// Write a synthetic organisation with known truth (planted informal leaders, weak managers, a silo; with --roster a dense roster survey).
    #[command(after_help = concat!(
        "Examples:\n",
        "  orgsphere generate --people 5000 --seed 7 --out synthetic\n",
        "  orgsphere generate --roster --people 150 --seed 1 --out roster\n",
        "  orgsphere analyze synthetic --out results   # then compare results with synthetic/truth.csv\n\n",
        exit_codes!()
    ))]
    Generate(generate::GenerateArgs),
    /// Write a survey on how people lead from an org chart: the questions in plain language, the roster as answer choices, files for Microsoft Forms, Google Forms and Qualtrics, a long-format answer template and a README for the analyst.
    #[command(after_help = concat!(
        "Examples:\n",
        "  orgsphere survey-template sample-data --out survey\n",
        "  orgsphere survey-template --org hr/org.csv --dimensions advice,example,energy,future,direction --out survey\n",
        "  orgsphere survey-template big-org/ --roster department --out survey\n",
        "  orgsphere analyze answers/   # org.csv and the exported survey*.csv: dimensions recognised\n\n",
        exit_codes!()
    ))]
    SurveyTemplate(template::TemplateArgs),
    /// Compare two runs or survey waves (result folders, or input folders analysed on the way): who became an informal leader, who stopped, role changes, rank movers, and how the summary figures moved.
    #[command(after_help = concat!(
        "Writes changes.csv (one row per person in either run), compare.json and compare.html.\n",
        "A folder holding summary.json is read as results; one holding org.csv is analysed in memory\n",
        "with the options below (those of analyze), and nothing of that analysis is written.\n\n",
        "Examples:\n",
        "  orgsphere compare results-2025-03 results-2025-06 --out changes\n",
        "  orgsphere compare wave-1/ wave-2/ --out changes --top-share 0.05\n",
        "  orgsphere compare results-2025-03 wave-2025-06/ --out changes --pseudonymize\n",
        "  orgsphere compare old/ new/ --out changes --log-format json\n\n",
        exit_codes!()
    ))]
    Compare(compare::CompareArgs),
    /// Print a shell completion script on stdout.
    #[command(after_help = concat!(
        "Examples:\n",
        "  orgsphere completions bash > ~/.local/share/bash-completion/completions/orgsphere\n",
        "  orgsphere completions zsh > ~/.zfunc/_orgsphere\n",
        "  orgsphere completions fish > ~/.config/fish/completions/orgsphere.fish\n\n",
        exit_codes!()
    ))]
    Completions(docs::CompletionsArgs),
    /// Print the manual page (roff) on stdout.
    #[command(after_help = concat!(
        "Examples:\n",
        "  orgsphere man > orgsphere.1 && man ./orgsphere.1\n",
        "  orgsphere man analyze > orgsphere-analyze.1\n\n",
        exit_codes!()
    ))]
    Man(docs::ManArgs),
}

/// Where the inputs are and how their columns are named.
#[derive(Args, Clone)]
pub struct InputArgs {
    /// Folder holding org.csv and survey*.csv.
    #[arg(value_name = "DIR", value_hint = ValueHint::DirPath)]
    dir: Option<PathBuf>,
    /// The org chart (overrides DIR/org.csv).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    org: Option<PathBuf>,
    /// A survey file, long or wide; repeat for several (overrides DIR/survey*.csv).
    #[arg(long = "survey", value_name = "FILE", value_hint = ValueHint::FilePath)]
    surveys: Vec<PathBuf>,
    /// A perception file: who people believe goes to whom (perceiver, sender, receiver), or whom they believe their team goes to (perceiver, nominee); repeat for several (overrides DIR/perceptions*.csv).
    #[arg(long = "perceptions", value_name = "FILE", value_hint = ValueHint::FilePath)]
    perceptions: Vec<PathBuf>,
    #[command(flatten)]
    reading: ReadingArgs,
}

/// How the org chart is read: its column names, the encoding of files without a byte-order
/// mark, the largest input. Part of [`ReadingArgs`]; `survey-template` takes these alone.
#[derive(Args, Clone)]
pub struct OrgChartArgs {
    /// Header of the person-id column in the org chart (detected when not given).
    #[arg(long, value_name = "HEADER", help_heading = "Column mapping")]
    id_column: Option<String>,
    /// Header of the manager-id column.
    #[arg(long, value_name = "HEADER", help_heading = "Column mapping")]
    manager_column: Option<String>,
    /// Header of the job-title column.
    #[arg(long, value_name = "HEADER", help_heading = "Column mapping")]
    title_column: Option<String>,
    /// Header of the department column.
    #[arg(long, value_name = "HEADER", help_heading = "Column mapping")]
    department_column: Option<String>,
    /// Header of the full-name column.
    #[arg(long, value_name = "HEADER", help_heading = "Column mapping")]
    name_column: Option<String>,
    /// Header of the first-name column (joined with the last name when there is no full name).
    #[arg(long, value_name = "HEADER", help_heading = "Column mapping")]
    first_name_column: Option<String>,
    /// Header of the last-name column.
    #[arg(long, value_name = "HEADER", help_heading = "Column mapping")]
    last_name_column: Option<String>,
    /// Header of the e-mail column.
    #[arg(long, value_name = "HEADER", help_heading = "Column mapping")]
    email_column: Option<String>,
    /// Header of the level column: the level or grade of each person's job, a number or text with one (1, L3, Band 5); found as level, grade, job level, band, pay grade… when not given.
    #[arg(long, value_name = "HEADER", help_heading = "Column mapping")]
    level_column: Option<String>,
    /// Read files without a byte-order mark in this encoding: utf-8, windows-1252, utf-16 (little-endian) or utf-16be. Default: UTF-8 if valid, else Windows-1252 (with a warning when the file holds UTF-8 text too). With utf-8, bytes that are not UTF-8 are read as � and warned about.
    #[arg(long, value_name = "ENCODING", help_heading = "Surveys and files")]
    encoding: Option<String>,
    /// The most an input file may hold: a number of bytes, or with K, M, G or T (counted in 1024s); a larger file, or a pipe that carries more, stops the run (exit 65).
    #[arg(
        long,
        value_name = "SIZE",
        default_value = "4G",
        value_parser = byte_size,
        help_heading = "Surveys and files"
    )]
    max_input_size: ByteSize,
}

impl OrgChartArgs {
    /// Sets how `read`'s org chart and files are read: the org-chart columns, the encoding
    /// and the size bound.
    fn apply(&self, read: &mut options::ReadOptions) -> Result<()> {
        read.columns.id = self.id_column.clone();
        read.columns.manager = self.manager_column.clone();
        read.columns.title = self.title_column.clone();
        read.columns.department = self.department_column.clone();
        read.columns.name = self.name_column.clone();
        read.columns.first_name = self.first_name_column.clone();
        read.columns.last_name = self.last_name_column.clone();
        read.columns.email = self.email_column.clone();
        read.columns.level = self.level_column.clone();
        read.encoding = match &self.encoding {
            Some(e) => Some(e.parse().map_err(Error::Usage)?),
            None => None,
        };
        read.max_input_size = self.max_input_size.0;
        Ok(())
    }
}

/// How the inputs are read and checked: column names, encodings, survey tools' codes,
/// weights, thresholds. `compare` applies them to the input folders it analyses.
#[derive(Args, Clone)]
pub struct ReadingArgs {
    #[command(flatten)]
    org_chart: OrgChartArgs,
    /// Header of the respondent column in the surveys.
    #[arg(long, value_name = "HEADER", help_heading = "Column mapping")]
    respondent_column: Option<String>,
    /// Header of the nominee column in the surveys.
    #[arg(long, value_name = "HEADER", help_heading = "Column mapping")]
    nominee_column: Option<String>,
    /// Header of the question column in the surveys (else the file name is the question).
    #[arg(long, value_name = "HEADER", help_heading = "Column mapping")]
    question_column: Option<String>,
    /// Header of the weight column in the surveys (else every tie weighs 1).
    #[arg(long, value_name = "HEADER", help_heading = "Column mapping")]
    weight_column: Option<String>,
    /// Name the question of a survey tool's numbered columns or question codes, e.g. Q3=advice for Q3_1, Q3_2…; repeatable.
    #[arg(
        long = "question-map",
        value_name = "PREFIX=QUESTION",
        help_heading = "Surveys and files"
    )]
    question_map: Vec<String>,
    /// Weight of an answer label, e.g. "Several times a week=3.5"; repeatable. Known without it: Daily=4, Weekly=3, Monthly=2, Rarely=1, Never=0.
    #[arg(
        long = "weight-label",
        value_name = "LABEL=N",
        help_heading = "Surveys and files"
    )]
    weight_labels: Vec<String>,
    /// Weight of a question in the combined influence layer, e.g. advice=2 (default 1 each); repeatable.
    #[arg(
        long = "question-weight",
        value_name = "QUESTION=W",
        help_heading = "Surveys and files"
    )]
    question_weights: Vec<String>,
    /// The kind of a question: influence (the only kind that makes the influence layer and the roles), collaboration, social, negative or direction, e.g. value=influence or lunch=social; repeatable. Known without it from the question's name (advice, trust → influence; cowork → collaboration; friendship → social; conflict → negative; a name matching nothing → influence).
    #[arg(
        long = "question-kind",
        value_name = "QUESTION=KIND",
        help_heading = "Surveys and files"
    )]
    question_kinds: Vec<String>,
    /// The leadership dimension of an influence question: advice, example, energy, culture, future or enabling; or direction (who tells you what to work on: the formal sphere as practised, never influence), e.g. role_model=example or q9=direction; repeatable. Known without it from the question's name (example, energy, culture, future, enabling, direction…) when the survey asks how people lead.
    #[arg(
        long = "question-dimension",
        value_name = "QUESTION=DIMENSION",
        help_heading = "Surveys and files"
    )]
    question_dimensions: Vec<String>,
    /// Characters that separate several answers in a cell of a question's one column (a column --question-map names whole, as form tools write them), besides line breaks; e.g. ";," for Google Forms' checkbox answers when no name holds a comma.
    #[arg(
        long,
        value_name = "CHARS",
        default_value = ";",
        help_heading = "Surveys and files"
    )]
    answer_separators: String,
    /// Survey answers with a smaller weight are not ties (e.g. 4 on a 1–6 scale); from 0 to 1000000.
    #[arg(long, value_name = "W", value_parser = weight, help_heading = "Surveys and files")]
    min_weight: Option<f64>,
    /// Stop with exit 65 when fewer than this share (0–1) of people answered.
    #[arg(long, value_name = "RATE")]
    min_response_rate: Option<f64>,
    /// Treat every warning as an error.
    #[arg(long)]
    strict: bool,
}

/// A number of bytes (`--max-input-size`). A type of its own, so that a config file may
/// give it as text (`"8G"`) or as a whole number of bytes.
#[derive(Clone, Copy)]
pub struct ByteSize(u64);

fn byte_size(text: &str) -> std::result::Result<ByteSize, String> {
    options::parse_size(text).map(ByteSize)
}

impl InputArgs {
    /// Builds the options shared by `analyze` and `validate`.
    fn options(&self, out: PathBuf) -> Result<Options> {
        let mut inputs = match &self.dir {
            Some(dir) => Options::inputs_from_dir(dir)?,
            None => InputFiles::default(),
        };
        if let Some(org) = &self.org {
            inputs.org = org.clone();
        }
        if !self.surveys.is_empty() {
            inputs.surveys = self.surveys.clone();
        }
        if !self.perceptions.is_empty() {
            inputs.perceptions = self.perceptions.clone();
        }
        if inputs.org.as_os_str().is_empty() {
            return Err(Error::Usage(
                "no org chart: give a folder holding org.csv, or --org FILE (see --help)".into(),
            ));
        }
        let mut o = Options::new(inputs, out);
        self.reading.apply(&mut o)?;
        Ok(o)
    }
}

/// A weight given on the command line (`--min-weight`): from 0 to [`MAX_WEIGHT`], as
/// survey weights are.
fn weight(text: &str) -> std::result::Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(w) if options::is_weight(w) => Ok(w),
        _ => Err(format!(
            "give a weight from 0 to {MAX_WEIGHT}, e.g. 4 (answers with a smaller weight are no ties)"
        )),
    }
}

impl ReadingArgs {
    /// Sets how `o`'s inputs are read and checked.
    fn apply(&self, o: &mut Options) -> Result<()> {
        if let Some(rate) = self.min_response_rate
            && !(0.0..=1.0).contains(&rate)
        {
            return Err(Error::Usage(format!(
                "--min-response-rate {rate}: give a share between 0 and 1, e.g. 0.8"
            )));
        }
        self.org_chart.apply(&mut o.read)?;
        o.read.columns.respondent = self.respondent_column.clone();
        o.read.columns.nominee = self.nominee_column.clone();
        o.read.columns.question = self.question_column.clone();
        o.read.columns.weight = self.weight_column.clone();
        for entry in &self.question_map {
            let (prefix, question) = options::key_value("--question-map", entry)?;
            o.read
                .question_map
                .push((prefix.to_string(), question.to_string()));
        }
        for entry in &self.weight_labels {
            o.read
                .weight_labels
                .push(options::key_number("--weight-label", entry)?);
        }
        for entry in &self.question_weights {
            o.check
                .question_weights
                .push(options::key_number("--question-weight", entry)?);
        }
        for entry in &self.question_kinds {
            o.check
                .question_kinds
                .push(options::key_kind("--question-kind", entry)?);
        }
        for entry in &self.question_dimensions {
            o.check
                .question_dimensions
                .push(options::key_dimension("--question-dimension", entry)?);
        }
        o.read.answer_separators = self.answer_separators.chars().collect();
        o.check.min_weight = self.min_weight;
        o.check.min_response_rate = self.min_response_rate;
        o.check.strict = self.strict;
        Ok(())
    }
}

/// How the people in the results are protected.
#[derive(Args, Clone)]
pub struct PrivacyArgs {
    /// Replace every id with a keyed pseudonym and leave out names, e-mails and every org-chart column but title and department, in every file. Needs a key: --key or ORGSPHERE_KEY.
    #[arg(long, help_heading = "Privacy")]
    pseudonymize: bool,
    /// The pseudonymisation key, at least 16 characters (make one with `openssl rand -hex 32`; prefer the ORGSPHERE_KEY environment variable: a flag shows in the process list). The same key gives the same pseudonyms in every run.
    #[arg(
        long,
        value_name = "KEY",
        requires = "pseudonymize",
        help_heading = "Privacy"
    )]
    key: Option<String>,
    /// Suppress group-level figures (per department) for groups smaller than N people.
    #[arg(long, value_name = "N", default_value_t = options::DEFAULT_MIN_GROUP_SIZE, help_heading = "Privacy")]
    min_group_size: usize,
}

impl PrivacyArgs {
    /// Sets pseudonymisation and the smallest group size on `output`.
    fn apply(&self, output: &mut OutputOptions) -> Result<()> {
        output.pseudonymize = if self.pseudonymize {
            let secret = match &self.key {
                Some(k) => k.clone(),
                None => std::env::var("ORGSPHERE_KEY").map_err(|_| {
                    Error::Usage(
                        "--pseudonymize needs a key: pass --key KEY or set the ORGSPHERE_KEY environment variable (keep the same key across waves to compare them)".into(),
                    )
                })?,
            };
            Some(Key::new(secret)?)
        } else {
            None
        };
        if self.min_group_size == 0 {
            return Err(Error::Usage(
                "--min-group-size 0: give at least 1 (1 turns suppression off)".into(),
            ));
        }
        output.min_group_size = self.min_group_size;
        Ok(())
    }
}

/// How influence is judged high.
#[derive(Args, Clone)]
pub struct RuleArgs {
    /// Titles that carry formal power (regular expression, case-insensitive). Default: chief, CxO, president, vice president, VP, director, head of, manager, supervisor, team lead, partner, except individual-contributor titles such as product, project or account manager and business partner.
    #[arg(long, value_name = "REGEX")]
    manager_titles: Option<String>,
    /// Levels of the level column that carry formal power, as numbers or ranges, e.g. 1-2 or 1,2,5 (L1 reads as 1). Not set by default: a level alone gives no formal power.
    #[arg(long, value_name = "LIST")]
    manager_levels: Option<String>,
    /// Instead of the default rule, call the top SHARE (0–1) of people high influence.
    #[arg(long, value_name = "SHARE")]
    top_share: Option<f64>,
    /// Use the earlier outlier rule instead of the default: high influence starts this many spreads above the median of everyone (e.g. 5).
    #[arg(long, value_name = "Z", conflicts_with = "top_share")]
    outlier_z: Option<f64>,
    /// The default rule's false-discovery rate: the share (0–1) of the people it names that may stand out by chance alone.
    #[arg(long, value_name = "Q", default_value_t = options::DEFAULT_FALSE_DISCOVERY, conflicts_with_all = ["top_share", "outlier_z"])]
    false_discovery: f64,
    /// The default rule's local false-discovery rate (0–1): a person is named only where at most this share of the people with about as many nominators (within one standard deviation of the model) are what the model of ordinary colleagues expects; 1 leaves this test out.
    #[arg(long, value_name = "S", default_value_t = options::DEFAULT_LOCAL_FALSE_DISCOVERY, conflicts_with_all = ["top_share", "outlier_z"])]
    local_false_discovery: f64,
    /// Fewest distinct nominators a high-influence person must have.
    #[arg(long, value_name = "N", default_value_t = options::DEFAULT_MIN_NOMINATIONS)]
    min_nominations: u32,
    /// Bootstrap resamples of the respondents for leader_stability (0 turns it off).
    #[arg(long, value_name = "N", default_value_t = options::DEFAULT_BOOTSTRAP)]
    bootstrap: usize,
    /// Seed of every random choice (bootstrap, sampled betweenness, communities).
    #[arg(long, value_name = "S", default_value_t = options::DEFAULT_SEED)]
    seed: u64,
    /// Up to this many people betweenness and closeness are exact; above it, sampled.
    #[arg(long, value_name = "N", default_value_t = options::EXACT_LIMIT)]
    exact_paths_limit: usize,
    /// Sources sampled for betweenness and closeness above the exact limit.
    #[arg(long, value_name = "K", default_value_t = options::DEFAULT_SAMPLES)]
    path_samples: usize,
}

impl RuleArgs {
    fn apply(&self, o: &mut Options) -> Result<()> {
        if let Some(pattern) = &self.manager_titles {
            o.formal.manager_titles = options::manager_title_regex(pattern)?;
            o.formal.contributor_titles = None;
        }
        if let Some(levels) = &self.manager_levels {
            o.formal.manager_levels = Some(options::LevelSet::parse(levels)?);
        }
        o.roles.rule = match self.top_share {
            Some(share) if share > 0.0 && share <= 1.0 => HighInfluenceRule::TopShare { share },
            Some(share) => {
                return Err(Error::Usage(format!(
                    "--top-share {share}: give a share above 0 and at most 1, e.g. 0.05"
                )));
            }
            None => match self.outlier_z {
                Some(z) if z > 0.0 && z.is_finite() => HighInfluenceRule::Outlier { z },
                Some(z) => {
                    return Err(Error::Usage(format!(
                        "--outlier-z {z}: give a positive number, e.g. 5"
                    )));
                }
                None if !(self.local_false_discovery > 0.0
                    && self.local_false_discovery <= 1.0) =>
                {
                    return Err(Error::Usage(format!(
                        "--local-false-discovery {}: give a share above 0 and at most 1, e.g. 0.5 (1 leaves the local test out)",
                        self.local_false_discovery
                    )));
                }
                None if self.false_discovery > 0.0 && self.false_discovery < 1.0 => {
                    HighInfluenceRule::Standing(options::Rates {
                        false_discovery: self.false_discovery,
                        local: self.local_false_discovery,
                    })
                }
                None => {
                    return Err(Error::Usage(format!(
                        "--false-discovery {}: give a share above 0 and below 1, e.g. 0.1",
                        self.false_discovery
                    )));
                }
            },
        };
        o.roles.min_nominations = self.min_nominations;
        o.roles.bootstrap = self.bootstrap;
        o.seed = self.seed;
        o.paths.exact_limit = self.exact_paths_limit;
        if self.path_samples == 0 {
            return Err(Error::Usage(
                "--path-samples 0: give at least 1 source, e.g. 256".into(),
            ));
        }
        o.paths.samples = self.path_samples;
        Ok(())
    }
}

/// The time the result files carry: `SOURCE_DATE_EPOCH` (seconds since 1970) when it is
/// set to a number, so that two runs give identical folders; else `None`, the time they
/// are written. The library reads no environment: it is read here.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
}

/// Runs one subcommand.
pub fn run(command: Command) -> Result<()> {
    match command {
        Command::Analyze(args) => analyze::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Generate(args) => generate::run(args),
        Command::SurveyTemplate(args) => template::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Completions(args) => docs::completions(args, Cli::command()),
        Command::Man(args) => docs::man(args, Cli::command()),
    }
}

/// Prints the error a run ended with (as text or a JSON line).
pub fn report(e: &Error) {
    log::failure(e);
}
