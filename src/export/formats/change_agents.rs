//! `change-agents.csv` (with `--change-agents`): the greedy change agents, within one
//! nomination step and within two, each with their reach and what the agents so far reach
//! together.

use std::io::{self, Write};

use crate::export::context::{ExportContext, Exporter};
use crate::text as format;

pub struct ChangeAgentsCsv;

impl Exporter for ChangeAgentsCsv {
    fn file_name(&self) -> &'static str {
        "change-agents.csv"
    }

    fn write(&self, cx: &ExportContext<'_>, out: &mut (dyn Write + Send)) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record([
            "steps",
            "order",
            "employee_id",
            "formal_power",
            "department",
            "reach",
            "new_reach",
            "cumulative_reach",
            "cumulative_reach_share",
            "departments_covered",
            "suggested_agents",
            "bound",
        ])?;
        let Some(agents) = cx.view.change_agents() else {
            return w.flush();
        };
        let formal_power = cx.view.formal_power();
        for set in &agents.sets {
            for (i, agent) in set.agents.iter().enumerate() {
                let p = agent.person as usize;
                // As people.csv shows it.
                let department = cx.view.department(p);
                w.write_record([
                    set.steps.to_string().as_str(),
                    &(i + 1).to_string(),
                    &format::csv_text(cx.view.id(p)),
                    if formal_power[p] { "true" } else { "false" },
                    &format::csv_text(department),
                    &agent.reach.to_string(),
                    &agent.new.to_string(),
                    &agent.covered.to_string(),
                    &format::float(agent.covered as f64 / agents.people.max(1) as f64),
                    &agent.departments_covered.to_string(),
                    &set.suggested.to_string(),
                    &format::float(set.bound),
                ])?;
            }
        }
        w.flush()
    }
}
