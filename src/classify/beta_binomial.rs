//! The beta-binomial distribution: how many of `m` colleagues name a person when each
//! person's chance of being named varies around a mean (some people are more sought after
//! than others for reasons of their own: overdispersion).
//!
//! A person's probability `π` of being named by a colleague is Beta(a, b) distributed with
//! mean `μ = a / (a + b)` and intra-class correlation `ρ = 1 / (a + b + 1)`; given `π`, the
//! count is Binomial(m, π). The variance is `m μ (1 − μ) (1 + (m − 1) ρ)`: ρ = 0 is the
//! binomial (everyone equally likely to be named), larger ρ the fatter tail of real
//! nomination counts. Fitted by the method of moments (Skellam 1948; Griffiths 1973).
//!
//! Only upper tails are needed: [`BetaBinomial::upper_tails`] gives `P(K ≥ k)` for every
//! `k` up to a bound, in log space so that a million colleagues do not underflow, summing
//! the tail upward from the far end where that is more exact.

/// A fitted beta-binomial (or binomial, when `rho` is 0) of `m` trials.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BetaBinomial {
    pub m: u32,
    /// Mean chance of being named by one colleague.
    pub mu: f64,
    /// Intra-class correlation (overdispersion), 0 ≤ ρ < 1.
    pub rho: f64,
}

impl BetaBinomial {
    /// The beta-binomial of `m` trials whose counts have this mean and variance (method of
    /// moments). A mean below half a nomination counts as half a nomination, so that a
    /// group whose typical member nobody names still gives a finite tail; a variance at or
    /// below the binomial's gives the binomial.
    pub fn fit(m: u32, mean: f64, variance: f64) -> BetaBinomial {
        if m == 0 {
            return BetaBinomial {
                m,
                mu: 0.0,
                rho: 0.0,
            };
        }
        let mf = f64::from(m);
        let mu = (mean.max(0.5) / mf).min(1.0 - 0.5 / mf).max(0.0);
        let binomial = mf * mu * (1.0 - mu);
        let rho = if m > 1 && binomial > 0.0 {
            ((variance / binomial - 1.0) / (mf - 1.0)).clamp(0.0, 0.999)
        } else {
            0.0
        };
        BetaBinomial { m, mu, rho }
    }

    /// ln P(K = 0) and the log ratio P(K = k + 1) / P(K = k).
    fn log_start(&self) -> f64 {
        let m = f64::from(self.m);
        if self.rho <= 1e-12 {
            return m * (1.0 - self.mu).ln();
        }
        let (a, b) = self.shape();
        // B(a, m + b) / B(a, b)
        libm::lgamma(m + b) + libm::lgamma(a + b) - libm::lgamma(b) - libm::lgamma(m + a + b)
    }

    fn log_step(&self, k: u32) -> f64 {
        let (m, k) = (f64::from(self.m), f64::from(k));
        let ways = ((m - k) / (k + 1.0)).ln();
        if self.rho <= 1e-12 {
            return ways + (self.mu / (1.0 - self.mu)).ln();
        }
        let (a, b) = self.shape();
        ways + ((k + a) / (m - k - 1.0 + b)).ln()
    }

    fn shape(&self) -> (f64, f64) {
        let total = 1.0 / self.rho - 1.0;
        (self.mu * total, (1.0 - self.mu) * total)
    }

    /// `P(K ≥ k)` for `k` in `0..=top` (`top` at most `m`; above `m` the tail is 0).
    pub fn upper_tails(&self, top: u32) -> Vec<f64> {
        let top = top.min(self.m);
        // ln P(K = k), k = 0..=top.
        let mut log_pmf = Vec::with_capacity(top as usize + 1);
        let mut lp = self.log_start();
        for k in 0..=top {
            log_pmf.push(lp);
            if k < self.m {
                lp += self.log_step(k);
            }
        }
        // The tail beyond `top`, summed upward until its terms stop counting; relative to
        // e^{shift}, the largest term so far, so that nothing underflows or overflows (when
        // `top` lies below the distribution's mode, the terms beyond it are the largest).
        let mut shift = log_pmf.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut beyond = 0.0;
        let mut lp = log_pmf[top as usize];
        let mut k = top;
        while k < self.m {
            lp += self.log_step(k);
            k += 1;
            if lp > shift {
                beyond *= (shift - lp).exp();
                shift = lp;
            }
            let term = (lp - shift).exp();
            beyond += term;
            if term < beyond * 1e-17 || (term == 0.0 && lp < shift - 800.0) {
                break;
            }
        }
        let mut tails = vec![0.0; top as usize + 1];
        let mut sum = beyond;
        for k in (0..=top as usize).rev() {
            sum += (log_pmf[k] - shift).exp();
            tails[k] = sum;
        }
        // Normalise by the whole mass (the sum at k = 0), which also absorbs rounding.
        let total = tails[0];
        if total > 0.0 && total.is_finite() {
            tails.iter_mut().for_each(|t| *t = (*t / total).min(1.0));
        }
        tails
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// scipy.stats.betabinom(20, a, b).sf(k - 1) and binom(20, 0.3).sf(k - 1).
    #[test]
    fn tails_match_scipy() {
        // mu = 0.43, rho = 0.08: a + b = 11.5, a = 4.945, b = 6.555.
        let bb = BetaBinomial {
            m: 20,
            mu: 0.43,
            rho: 0.08,
        };
        let t = bb.upper_tails(20);
        assert!((t[0] - 1.0).abs() < 1e-12);
        // betabinom.sf(17, 20, 4.945, 6.555) = 0.0044958693, sf(9) = 0.3945321046
        assert!((t[18] - 0.004_495_869_3).abs() < 1e-9, "{}", t[18]);
        assert!((t[10] - 0.394_532_104_6).abs() < 1e-9, "{}", t[10]);
        let bin = BetaBinomial {
            m: 20,
            mu: 0.3,
            rho: 0.0,
        };
        let t = bin.upper_tails(20);
        // binom.sf(9, 20, 0.3) = 0.04796..., sf(19, 20, 0.3) = 3.486784401e-11
        assert!((t[10] - 0.047_962_1).abs() < 1e-6, "{}", t[10]);
        assert!((t[20] / 3.486_784_401e-11 - 1.0).abs() < 1e-6, "{}", t[20]);
    }

    #[test]
    fn a_million_colleagues_do_not_underflow() {
        let bb = BetaBinomial::fit(1_000_000, 4.0, 9.0);
        let t = bb.upper_tails(60);
        assert!((t[0] - 1.0).abs() < 1e-9);
        assert!(t.windows(2).all(|w| w[1] <= w[0]));
        assert!(t[60] > 0.0 && t[60] < 1e-6, "{}", t[60]);
    }

    /// Tails asked for only up to a count far below the mode (a small group compared with
    /// a model borrowed from everyone) are still finite, start at 1 and fall: the terms
    /// beyond the count asked for are the largest, and are summed without overflowing.
    #[test]
    fn tails_below_the_mode_are_finite() {
        for bb in [
            BetaBinomial::fit(1_000_000, 500_000.0, 250_000.0),
            BetaBinomial::fit(1_000_000, 100_000.0, 1.0e9),
            BetaBinomial::fit(400, 300.0, 100.0),
        ] {
            let t = bb.upper_tails(40);
            assert!(t.iter().all(|p| p.is_finite()), "{bb:?}: {t:?}");
            assert!((t[0] - 1.0).abs() < 1e-9, "{bb:?}: {}", t[0]);
            assert!(t.windows(2).all(|w| w[1] <= w[0]), "{bb:?}");
            // Nearly all the mass lies above 40.
            assert!(t[40] > 0.999_999, "{bb:?}: {}", t[40]);
        }
    }

    #[test]
    fn fit_by_moments() {
        // Binomial variance: rho 0.
        let bb = BetaBinomial::fit(20, 6.0, 20.0 * 0.3 * 0.7);
        assert!((bb.mu - 0.3).abs() < 1e-12 && bb.rho.abs() < 1e-12);
        // Twice the binomial variance: 1 + 19 rho = 2.
        let bb = BetaBinomial::fit(20, 6.0, 2.0 * 20.0 * 0.3 * 0.7);
        assert!((bb.rho - 1.0 / 19.0).abs() < 1e-12);
        // Nobody named: half a nomination stands in.
        let bb = BetaBinomial::fit(10, 0.0, 0.0);
        assert!((bb.mu - 0.05).abs() < 1e-12);
    }
}
