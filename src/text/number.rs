//! Numbers as every output writes them, appended to a caller's buffer without allocating:
//! floats with at most 10 significant digits in their shortest fixed-point form (see
//! [`super::float`]), integers in decimal.
//!
//! Most floats (1e-7 to 1e12) are scaled by an exact power of ten and rounded to a whole
//! number of 10 digits, unless the product lies too near a half to decide; the others take
//! the shortest round-trip form (`ryu`), rounded to 10 significant digits. That equals
//! rounding the exact binary value except when the shortest form is exactly a tie (11 digits ending in 5, such as `0.10000000005`): a
//! double that near a tie may lie on either side of it, so those rare values take the
//! exact (slower) path. The output is therefore the same as the exact rounding for every
//! value, which the tests check against it on random, tiny, huge, whole and tie values.

/// Appends `x` with at most 10 significant digits, shortest form, no exponent; `-0` is
/// `0` and NaN is nothing.
pub fn push_float(out: &mut String, x: f64) {
    if x == 0.0 || !x.is_finite() {
        if !x.is_nan() {
            out.push('0');
        }
        return;
    }
    // Whole numbers below 10^10 (tie weights, counts kept as floats) are their own 10
    // significant digits.
    if x.abs() < 1e10 && (x as i64) as f64 == x {
        push_int(out, x as i64);
        return;
    }
    if let Some((whole, point)) = scaled(x.abs()) {
        if x < 0.0 {
            out.push('-');
        }
        significand(whole, point).push_fixed(out);
        return;
    }
    let mut ryu = ryu::Buffer::new();
    let mut d = Digits::parse(ryu.format_finite(x));
    if !d.round_to(10) {
        out.push_str(&exact(x));
        return;
    }
    if x < 0.0 {
        out.push('-');
    }
    d.push_fixed(out);
}

/// Appends an integer in decimal.
pub fn push_int(out: &mut String, v: impl itoa::Integer) {
    out.push_str(itoa::Buffer::new().format(v));
}

/// The powers of ten a double holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The common case without the shortest form: for `a` in [1e-7, 1e12), `a · 10^k` (k
/// exact, one rounding, so within about 1e-6 of the true product) is scaled into
/// [1e9, 1e10) and rounded to a whole number, which gives the 10 significant digits.
/// When the product is within 1e-4 of a half, the rounding could go either way: `None`,
/// and the caller takes the exact route. Otherwise the digits are exactly those of
/// rounding the true value. Integer arithmetic only (no calls to `floor`), since every
/// measure of every person passes through here.
fn scaled(a: f64) -> Option<(u64, i32)> {
    if !(1e-7..1e12).contains(&a) {
        return None;
    }
    // The decimal exponent e, 10^e ≤ a < 10^(e + 1), estimated from the binary exponent
    // (⌊b · log10 2⌋ as ⌊b · 78913 / 2^18⌋, exact for |b| < 1650; at most one off for
    // the value) and corrected below.
    let binary = ((a.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let mut e = (binary * 78_913) >> 18;
    for _ in 0..3 {
        let k = 9 - e;
        let m = if k >= 0 {
            a * POW10[k as usize]
        } else {
            a / POW10[(-k) as usize]
        };
        if m >= 1e10 {
            e += 1;
            continue;
        }
        if m < 1e9 {
            e -= 1;
            continue;
        }
        // m is in [1e9, 1e10): the cast truncates, which is the floor.
        let floor = m as u64;
        let frac = m - floor as f64;
        if (frac - 0.5).abs() < 1e-4 {
            return None;
        }
        return Some((floor + u64::from(frac > 0.5), e + 1));
    }
    None
}

/// The digits of `whole · 10^(point − 10)`, for `whole` in [1e9, 1e10] (10 significant
/// digits, or 10^10 after rounding up), as [`scaled`] gives them.
fn significand(whole: u64, point: i32) -> Digits {
    let mut d = Digits {
        digits: [0; 20],
        len: 10,
        point,
    };
    if whole >= 10_000_000_000 {
        d.digits[0] = b'1';
        d.len = 1;
        d.point += 1;
    } else {
        let mut w = whole;
        for digit in d.digits[..10].iter_mut().rev() {
            *digit = b'0' + (w % 10) as u8;
            w /= 10;
        }
        d.trim();
    }
    d
}

/// A positive decimal: significant `digits` (ASCII, no leading or trailing zeros) with
/// the decimal point `point` places after the first digit's left edge
/// (`value = 0.d1d2… × 10^point`).
struct Digits {
    digits: [u8; 20],
    len: usize,
    point: i32,
}

impl Digits {
    /// Reads ryu's output (`1.25`, `1e-7`, `1.5e16`, `123.0`), ignoring the sign.
    fn parse(text: &str) -> Digits {
        let (mantissa, exp) = match text.split_once('e') {
            Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
            None => (text, 0),
        };
        let mut d = Digits {
            digits: [0; 20],
            len: 0,
            point: 0,
        };
        let mut seen_point = false;
        for &c in mantissa.as_bytes() {
            match c {
                b'.' => seen_point = true,
                b'0'..=b'9' => {
                    if d.len == 0 && c == b'0' {
                        // A leading zero: after the point it moves the point left.
                        if seen_point {
                            d.point -= 1;
                        }
                        continue;
                    }
                    if !seen_point {
                        d.point += 1;
                    }
                    d.digits[d.len] = c;
                    d.len += 1;
                }
                _ => {}
            }
        }
        d.point += exp;
        d.trim();
        d
    }

    fn trim(&mut self) {
        while self.len > 0 && self.digits[self.len - 1] == b'0' {
            self.len -= 1;
        }
    }

    /// Rounds to `n` significant digits, half up; false when the shortest form is
    /// exactly a tie, whose side only the exact value knows.
    fn round_to(&mut self, n: usize) -> bool {
        if self.len <= n {
            return true;
        }
        if self.len == n + 1 && self.digits[n] == b'5' {
            return false;
        }
        let up = self.digits[n] >= b'5';
        self.len = n;
        if up {
            let mut i = n;
            loop {
                if i == 0 {
                    self.digits[0] = b'1';
                    self.len = 1;
                    self.point += 1;
                    break;
                }
                i -= 1;
                if self.digits[i] == b'9' {
                    self.digits[i] = b'0';
                } else {
                    self.digits[i] += 1;
                    break;
                }
            }
        }
        self.trim();
        true
    }

    /// Appends the digits in fixed-point form.
    fn push_fixed(&self, out: &mut String) {
        // ASCII digits only, so the text is valid UTF-8 whatever the bytes' order.
        let digits = std::str::from_utf8(&self.digits[..self.len]).unwrap_or("0");
        const ZEROS: &str = "0000000000000000000000000000000000000000";
        let zeros = |out: &mut String, n: i32| {
            let mut n = n as usize;
            while n > 0 {
                let k = n.min(ZEROS.len());
                out.push_str(&ZEROS[..k]);
                n -= k;
            }
        };
        if self.point <= 0 {
            out.push_str("0.");
            zeros(out, -self.point);
            out.push_str(digits);
        } else if self.point as usize >= self.len {
            out.push_str(digits);
            zeros(out, self.point - self.len as i32);
        } else {
            let (int, frac) = digits.split_at(self.point as usize);
            out.push_str(int);
            out.push('.');
            out.push_str(frac);
        }
    }
}

/// The exact rounding of `x` (nonzero, finite) to 10 significant digits, through the
/// standard library's correctly rounded formatting.
pub(super) fn exact(x: f64) -> String {
    // Rounding to 10 significant digits is rounding to `decimals` places; one correctly
    // rounded fixed-point format does it (the same digits as scientific notation would).
    let decimals = 9 - x.abs().log10().floor() as i32;
    let text = if (0..=17).contains(&decimals) {
        let fixed = format!("{x:.*}", decimals as usize);
        let trimmed = if fixed.contains('.') {
            fixed.trim_end_matches('0').trim_end_matches('.')
        } else {
            &fixed
        };
        trimmed.to_string()
    } else {
        let rounded: f64 = format!("{x:.9e}").parse().unwrap_or(x);
        rounded.to_string()
    };
    if text == "-0" { "0".to_string() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast(x: f64) -> String {
        let mut s = String::new();
        push_float(&mut s, x);
        s
    }

    /// The exact rounding, with the contract's zero and NaN cases.
    fn reference(x: f64) -> String {
        if x.is_nan() {
            String::new()
        } else if x == 0.0 || x.is_infinite() {
            "0".into()
        } else {
            exact(x)
        }
    }

    #[test]
    fn same_text_as_the_exact_rounding_on_many_values() {
        let mut rng = crate::rng::SplitMix64::new(7);
        let mut checked = 0;
        for i in 0..1_000_000u64 {
            let x = match i % 8 {
                // Any bit pattern: every exponent from tiny to huge.
                0 => f64::from_bits(rng.next_u64()),
                1 => (rng.unit() - 0.3) * 10f64.powi(rng.below(40) as i32 - 20),
                2 => rng.unit(),
                3 => (rng.below(1_000_000) as f64) * 10f64.powi(rng.below(30) as i32 - 15),
                // Near ties: 10 digits and a 5, nudged by an ulp or not.
                4 => {
                    let t = (rng.below(9_000_000_000) + 1_000_000_000) as f64 * 10.0 + 5.0;
                    let x = t * 10f64.powi(rng.below(30) as i32 - 25);
                    f64::from_bits((x.to_bits() as i64 + rng.below(3) as i64 - 1) as u64)
                }
                5 if i % 16 == 5 => rng.below(20_000_000_000) as f64 - 1e10,
                5 => rng.below(u32::MAX as u64) as f64 / (1 + rng.below(1000)) as f64,
                // Metric-like values of every size the scaled route takes, and its edges.
                6 if i % 16 == 6 => rng.unit() * 10f64.powi(rng.below(21) as i32 - 8),
                6 => 1.0 / (1 + rng.below(10_000)) as f64,
                _ => -(rng.unit() * 1e12).sqrt(),
            };
            assert_eq!(fast(x), reference(x), "{x:e} ({:#x})", x.to_bits());
            checked += 1;
        }
        assert_eq!(checked, 1_000_000);
    }

    /// Typical measures take the scaled route; near-halves and far sizes do not.
    #[test]
    fn the_scaled_route_and_its_limits() {
        let text = |x: f64| {
            let mut out = String::new();
            scaled(x).map(|(whole, point)| {
                significand(whole, point).push_fixed(&mut out);
                out
            })
        };
        assert_eq!(text(0.03461766449123).as_deref(), Some("0.03461766449"));
        assert_eq!(text(2639.858047).as_deref(), Some("2639.858047"));
        assert_eq!(text(9_999_999_999.7).as_deref(), Some("10000000000"));
        assert_eq!(text(1.0).as_deref(), Some("1"));
        assert_eq!(text(1234567890.5), None);
        assert_eq!(text(5e-8), None);
        assert_eq!(text(2e12), None);
    }

    #[test]
    fn edge_values() {
        for x in [
            0.0,
            -0.0,
            f64::NAN,
            f64::INFINITY,
            f64::MIN_POSITIVE,
            5e-324,
            1.0,
            -1.0,
            0.1 + 0.2,
            9_999_999_999.5,
            9_999_999_999.4,
            0.999_999_999_95,
            1234567890.5,
            1234567891.5,
            0.10000000005,
            1e-20,
            1e21,
            123456789012.3,
            2.5e-7,
            1e16,
            12345678901234567890.0,
            // Whole numbers: their own digits below 10^10, rounded from there on.
            9_999_999_999.0,
            -9_999_999_999.0,
            10_000_000_000.0,
            12_345_678_901.0,
            -7.0,
            4096.0,
        ] {
            assert_eq!(fast(x), reference(x), "{x:e}");
        }
        // The one difference: above 1.7976931345e308 the 10-digit rounding exceeds the
        // largest double, which the exact path prints as `inf`; here it stays a number.
        assert_eq!(reference(f64::MAX), "inf");
        assert!(fast(-f64::MAX).starts_with("-1797693135000"));
        assert_eq!(fast(-0.0), "0");
        assert_eq!(fast(f64::NAN), "");
        assert_eq!(fast(9_999_999_999.6), "10000000000");
        assert_eq!(fast(0.16378123456789), "0.1637812346");
    }

    #[test]
    fn integers() {
        let mut s = String::new();
        push_int(&mut s, 0u32);
        s.push(',');
        push_int(&mut s, u64::MAX);
        s.push(',');
        push_int(&mut s, -42i64);
        assert_eq!(s, "0,18446744073709551615,-42");
    }
}
