//! Organisation findings: overload, and how far influence follows the hierarchy.

use super::{Finding, FindingInputs, Sentence, Severity};
use crate::classify::flags::overload_bar;
use crate::metrics::normalized_mutual_information;

/// Overload / bottleneck: a person named by a very large share of the organisation (the
/// `overloaded` flag of `classify::flags`).
pub fn overload(cx: &FindingInputs<'_>) -> Vec<Finding> {
    let cls = &cx.analysis.classification;
    let bars = [
        overload_bar(&cls.rule, false),
        overload_bar(&cls.rule, true),
    ];
    let inf = &cx.analysis.metrics.combined;
    (0..inf.in_degree.len())
        .filter_map(|p| {
            let bar = bars[usize::from(cls.formal_power[p])]?;
            (inf.in_degree[p] >= bar).then_some((p, bar))
        })
        .map(|(p, bar)| Finding {
            kind: "overload",
            severity: Severity::Medium,
            group: None,
            people: vec![p as u32],
            summary: Sentence::new().person(p as u32).text(format!(
                " is named by {} people ({:.0} % of respondents), at least twice the high-influence bar: a likely bottleneck",
                inf.in_degree[p],
                inf.in_share(p).unwrap_or(0.0) * 100.0
            )),
            action: Sentence::new()
                .text("Take load off ")
                .person(p as u32)
                .text(": move routine questions to others, document what only they know, and protect their time"),
            evidence: vec![("in_degree", inf.in_degree[p].into()), ("in_share", inf.in_share(p).unwrap_or(0.0)), ("overload_bar", bar.into())],
        })
        .collect()
}

/// Alignment: the share of influence ties that follow the chain of command, and the
/// agreement of communities with departments. Without reporting lines there is no chain of
/// command to follow: the finding says so instead of giving 0 %.
pub fn alignment(cx: &FindingInputs<'_>) -> Vec<Finding> {
    let a = cx.analysis;
    let Some(share) = a.metrics.chain.up_share() else {
        return Vec::new();
    };
    let nmi =
        normalized_mutual_information(&a.metrics.communities.community, &a.metrics.department);
    let no_lines = a.dataset.structure.reporting_lines.why_none();
    let mut evidence = Vec::with_capacity(3);
    let mut summary = match &no_lines {
        None => {
            evidence.push(("ties_up_the_chain", share));
            format!(
                "{:.0} % of influence ties point up the chain of command",
                share * 100.0
            )
        }
        Some(why) => format!(
            "The org chart has no reporting lines ({why}), so how far influence ties follow a chain of command is not measured"
        ),
    };
    evidence.push(("modularity", a.metrics.communities.modularity));
    if let Some(nmi) = nmi {
        evidence.push(("community_department_nmi", nmi));
        summary += &format!(
            "; communities match departments with normalised mutual information {nmi:.2} (1 = the same groups)"
        );
    }
    vec![Finding {
        kind: "alignment",
        severity: Severity::Info,
        group: None,
        people: Vec::new(),
        summary: Sentence::new().text(summary),
        action: Sentence::new()
            .text("No action by itself: read it as the background of the other findings"),
        evidence,
    }]
}
