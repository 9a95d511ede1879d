//! How the pictures look: one colour per role and a size by influence, shared by the graph
//! files and the report so that a role looks the same everywhere.

use crate::classify::Role;

/// A role's colour as (red, green, blue). Informal leaders stand out in vermilion, leader-
/// managers in purple, managers in blue, contributors in grey (Okabe–Ito hues, readable
/// with the common colour-vision deficiencies).
pub fn rgb(role: Role) -> (u8, u8, u8) {
    match role {
        Role::InformalLeader => (213, 94, 0),
        Role::LeaderManager => (142, 68, 173),
        Role::Manager => (0, 114, 178),
        Role::Contributor => (154, 165, 177),
    }
}

/// A role's colour as `#rrggbb`.
pub fn hex(role: Role) -> String {
    let (r, g, b) = rgb(role);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Appends a role's colour as `#rrggbb` (`#RRGGBB` when `upper`).
pub fn push_hex(out: &mut String, role: Role, upper: bool) {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let (r, g, b) = rgb(role);
    out.push('#');
    for v in [r, g, b] {
        out.push(digits[usize::from(v >> 4)] as char);
        out.push(digits[usize::from(v & 15)] as char);
    }
}

/// A node's size from `min` to `max` by the square root of its share of the largest
/// in-degree, so that area grows with nominations.
pub fn size(in_degree: u32, max_in_degree: u32, min: f64, max: f64) -> f64 {
    if max_in_degree == 0 {
        return min;
    }
    min + (max - min) * (in_degree as f64 / max_in_degree as f64).sqrt()
}
