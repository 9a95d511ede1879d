//! Feeds arbitrary bytes to the whole data-quality stage (the loaders and the checks, on
//! the path `orgsphere analyze` and `validate` take) and, when the data passes, to the
//! analysis: nothing may panic, and every failure must be a typed error with the exit code
//! of bad data or bad usage.
//!
//! The input is split in two: the first byte picks options (strict, a forced encoding,
//! a question map, a weight label, and whether to run the analysis too, which is slower);
//! the next two give the length of the org chart; the rest is the survey.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use orgsphere::options::Encoding;
use orgsphere::{Error, Options, analyze_dataset, check_bytes};

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (flags, rest) = (data[0], &data[3..]);
    let split = (u16::from_le_bytes([data[1], data[2]]) as usize).min(rest.len());
    let (org, survey) = rest.split_at(split);
    // Built once: compiling the default title pattern would dominate every run.
    static BASE: OnceLock<Options> = OnceLock::new();
    let mut options = BASE.get_or_init(Options::default).clone();
    options.check.strict = flags & 1 != 0;
    options.read.encoding = match (flags >> 1) & 7 {
        1 => Some(Encoding::Utf8),
        2 => Some(Encoding::Windows1252),
        3 => Some(Encoding::Utf16Le),
        4 => Some(Encoding::Utf16Be),
        _ => None,
    };
    if flags & 16 != 0 {
        options.read.question_map = vec![("Q3".into(), "advice".into())];
    }
    if flags & 32 != 0 {
        options.read.weight_labels = vec![("often".into(), 3.0)];
        options.check.min_weight = Some(2.0);
    }
    match check_bytes(("org.csv", org), &[("survey-advice.csv", survey)], &options) {
        Ok(dataset) if flags & 64 != 0 => {
            let _ = analyze_dataset(dataset, &options);
        }
        Ok(_) => {}
        Err(e) => {
            assert!(matches!(e.exit_code(), 64 | 65), "{e}");
            let message = e.to_string();
            assert!(
                matches!(e, Error::Usage(_)) || message.contains(".csv"),
                "an error that names no file: {message}"
            );
        }
    }
});
