//! What the decisions stage is asked (key players, change agents): the people to assess
//! as key players besides those the analysis picks (`--key-player`), and how many change
//! agents to choose (`--change-agents`).

/// Key players and change agents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DecisionOptions {
    /// Ids (or, when pseudonymised, pseudonyms) of people to assess as key players
    /// whatever their role (`--key-player`, repeatable).
    pub key_players: Vec<String>,
    /// Change agents to choose (`--change-agents K`; 0 = as many as reaching the stated
    /// share takes); `None` chooses none and writes no `change-agents.csv`.
    pub change_agents: Option<usize>,
}
