//! The key-player section of the findings: the ranked key players — what their leaving
//! would cost, who could step in or that nobody could — and the suggested change agents
//! with their reach, each with what to do about it. Read from the decisions stage, which
//! runs beside the other findings; listed after them (`kind` `key-player` and
//! `change-agents`).

use super::{Finding, Sentence, Severity};
use crate::decisions::{AgentSet, ChangeAgents, Decisions, KeyPlayer, Risk};

/// Key players listed, in their rank order; every one has a `retention_risk` in
/// `people.csv`.
pub const KEY_PLAYERS_LISTED: usize = 10;
/// Change agents named in the change-agents finding; the others are counted.
pub const AGENTS_NAMED: usize = 10;

/// The key-player findings, then the change-agents finding when agents were chosen.
/// `formal_power` marks who has it, by person.
pub fn key_player_findings(decisions: &Decisions, formal_power: &[bool]) -> Vec<Finding> {
    let kp = &decisions.key_players;
    let mut out: Vec<Finding> = kp
        .players
        .iter()
        .take(KEY_PLAYERS_LISTED)
        .enumerate()
        .map(|(i, k)| key_player(decisions, i + 1, k))
        .collect();
    if let Some(agents) = &decisions.suggested_agents
        && let Some(f) = change_agents(agents, formal_power)
    {
        out.push(f);
    }
    out
}

fn key_player(decisions: &Decisions, rank: usize, k: &KeyPlayer) -> Finding {
    let kp = &decisions.key_players;
    let p = k.person;
    let mut summary = Sentence::new()
        .text(format!("key player {rank}: "))
        .person(p)
        .text(format!(
            "; what their leaving costs: {}",
            kp.costs(k).join("; ")
        ));
    let mut action = Sentence::new().text("Plan a backup for ").person(p);
    if k.backups.is_empty() {
        summary.push_text("; backup: nobody is sought by the same people or departments");
        action.push_text(
            ": nobody is placed to step in, so choose a successor, introduce them to the people who rely on ",
        );
        action = action.person(p).text(", and talk with them about staying");
    } else {
        let by = if k.backups[0].same_people {
            "the same people"
        } else {
            "the same departments"
        };
        summary.push_text(format!("; possible backups, sought by {by}: "));
        action.push_text(": involve ");
        for (i, b) in k.backups.iter().enumerate() {
            if i > 0 {
                summary.push_text(", ");
                action.push_text(", ");
            }
            summary = summary.person(b.person);
            action = action.person(b.person);
        }
        action.push_text(" in their work now, so that what they know and whom they know is shared");
    }
    let mut evidence = vec![
        ("rank", rank as f64),
        ("only_source_for", k.only_source.into()),
        ("main_source_for", k.main_source.into()),
        ("department_pairs_losing_last_tie", k.last_ties.len() as f64),
        ("left_alone", k.left_alone.into()),
        ("backups", k.backups.len() as f64),
    ];
    if let (Some(after), Some(whole)) = (k.after, kp.whole) {
        evidence.extend([
            ("distance_weighted_fragmentation", whole.distance_weighted),
            (
                "distance_weighted_fragmentation_without",
                after.distance_weighted,
            ),
            ("reach", whole.reach()),
            ("reach_without", after.reach()),
        ]);
    }
    let mut people = vec![p];
    people.extend(k.backups.iter().map(|b| b.person));
    Finding {
        kind: "key-player",
        severity: match k.risk {
            Risk::High => Severity::High,
            Risk::Medium => Severity::Medium,
            Risk::Low => Severity::Low,
        },
        group: None,
        people,
        summary,
        action,
        evidence,
    }
}

/// The suggested change agents: how many reach half the organisation within one and
/// within two steps, the two-step set named with each agent's reach.
fn change_agents(agents: &ChangeAgents, formal_power: &[bool]) -> Option<Finding> {
    let one = agents.sets.iter().find(|s| s.steps == 1)?;
    let two = agents.sets.iter().find(|s| s.steps == 2)?;
    let last = two.agents.last()?;
    let people = agents.people.max(1) as f64;
    let share = |set: &AgentSet| set.agents.last().map_or(0.0, |a| a.covered as f64 / people);
    let agents_reach = |n: usize| {
        if n == 1 {
            "1 change agent reaches".to_string()
        } else {
            format!("{n} change agents together reach")
        }
    };
    let mut summary = Sentence::new().text(format!(
        "{} {:.0} % of the organisation within two nomination steps ({} within one step reach {:.0} %): ",
        agents_reach(two.agents.len()),
        100.0 * last.covered as f64 / people,
        one.agents.len(),
        100.0 * share(one),
    ));
    let named: Vec<u32> = two
        .agents
        .iter()
        .take(AGENTS_NAMED)
        .map(|a| a.person)
        .collect();
    for (i, a) in two.agents.iter().take(AGENTS_NAMED).enumerate() {
        if i > 0 {
            summary.push_text(", ");
        }
        summary = summary.person(a.person).text(format!(
            " (reach {}{})",
            a.reach,
            if formal_power[a.person as usize] {
                ", formal power"
            } else {
                ""
            }
        ));
    }
    if two.agents.len() > AGENTS_NAMED {
        summary.push_text(format!(" and {} more", two.agents.len() - AGENTS_NAMED));
    }
    let without = two
        .agents
        .iter()
        .filter(|a| !formal_power[a.person as usize])
        .count();
    let mut action = Sentence::new().text("Enlist ");
    for (i, &p) in named.iter().enumerate() {
        if i > 0 {
            action.push_text(", ");
        }
        action = action.person(p);
    }
    if two.agents.len() > AGENTS_NAMED {
        action.push_text(" and the others in change-agents.csv (--change-agents 0)");
    }
    action.push_text(
        " as change agents: brief them first and ask them to carry the change to the people who turn to them",
    );
    action.push_text(match without {
        0 => String::new(),
        1 => "; 1 of them has no formal power, so enlist them openly, with their manager's support".to_string(),
        k => format!("; {k} of them have no formal power, so enlist those openly, with their managers' support"),
    });
    Some(Finding {
        kind: "change-agents",
        severity: Severity::Info,
        group: None,
        people: named,
        summary,
        action,
        evidence: vec![
            ("agents_two_steps", two.agents.len() as f64),
            ("reach_share_two_steps", last.covered as f64 / people),
            ("agents_one_step", one.agents.len() as f64),
            ("reach_share_one_step", share(one)),
            ("agents_without_formal_power", without as f64),
            ("bound_two_steps", two.bound),
        ],
    })
}
