//! Interval arithmetic on decimals: the XBRL Calculations 1.1 rule (docs/checking.md).
//!
//! A figure printed with `d` decimals stands for every value that rounds to it,
//! `[v − ½·10^−d, v + ½·10^−d]`; an exact count stands for itself. A check passes when the
//! interval computed from the parts meets the interval of the printed result, which forgives
//! correct rounding and still catches every real error.

use rust_decimal::Decimal;

/// A closed interval `[lo, hi]` of decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// Lower bound.
    pub lo: Decimal,
    /// Upper bound.
    pub hi: Decimal,
}

/// Slack added to quotient bounds: decimal division rounds at the 28th significant digit, far
/// below any printed precision, and the slack keeps that rounding from ever narrowing a bound.
fn division_slack() -> Decimal {
    Decimal::new(1, 20)
}

impl Interval {
    /// The single value `v` (an exact count).
    pub fn exact(v: Decimal) -> Interval {
        Interval { lo: v, hi: v }
    }

    /// Every value that rounds to `v` at `decimals` places.
    ///
    /// ```
    /// use kiemso::interval::Interval;
    /// use rust_decimal::Decimal;
    /// let i = Interval::rounded(Decimal::new(3115, 2), 2);
    /// assert_eq!(i.lo, Decimal::new(31145, 3));
    /// assert_eq!(i.hi, Decimal::new(31155, 3));
    /// ```
    pub fn rounded(v: Decimal, decimals: u32) -> Interval {
        let half = Decimal::new(5, decimals.min(27) + 1);
        // A figure read from a cell has at most 27 digits, far from the decimal's limit; a value
        // near the limit (from a caller) widens to the limit instead of overflowing, which keeps
        // the interval a superset of the true one.
        Interval {
            lo: v.checked_sub(half).unwrap_or(Decimal::MIN),
            hi: v.checked_add(half).unwrap_or(Decimal::MAX),
        }
    }

    /// Whether the two intervals share at least one value.
    pub fn meets(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    /// Whether `v` lies inside.
    pub fn contains(&self, v: Decimal) -> bool {
        self.lo <= v && v <= self.hi
    }

    /// Whether zero lies inside (a denominator that may be zero).
    pub fn may_be_zero(&self) -> bool {
        self.contains(Decimal::ZERO)
    }

    /// Every difference of a value of `self` and one of `other` (`self − other`), or `None` on
    /// overflow.
    pub fn checked_sub(&self, other: &Interval) -> Option<Interval> {
        Some(Interval {
            lo: self.lo.checked_sub(other.hi)?,
            hi: self.hi.checked_sub(other.lo)?,
        })
    }

    /// The opposite values (`−x` for each `x`); a decimal's negation cannot overflow.
    pub fn negated(&self) -> Interval {
        Interval {
            lo: -self.hi,
            hi: -self.lo,
        }
    }

    /// The sum, or `None` on overflow.
    pub fn checked_add(&self, other: &Interval) -> Option<Interval> {
        Some(Interval {
            lo: self.lo.checked_add(other.lo)?,
            hi: self.hi.checked_add(other.hi)?,
        })
    }

    /// `self / other × 100`, or `None` when `other` may be zero or the result overflows.
    ///
    /// ```
    /// use kiemso::interval::Interval;
    /// use rust_decimal::Decimal;
    /// let r = Interval::exact(Decimal::from(19)).percent_of(&Interval::exact(Decimal::from(61))).unwrap();
    /// assert!(r.meets(&Interval::rounded(Decimal::new(3115, 2), 2)));
    /// assert!(!r.meets(&Interval::rounded(Decimal::new(3114, 2), 2)));
    /// ```
    pub fn percent_of(&self, other: &Interval) -> Option<Interval> {
        if other.may_be_zero() {
            return None;
        }
        let hundred = Decimal::ONE_HUNDRED;
        let mut candidates = [Decimal::ZERO; 4];
        let mut k = 0;
        for n in [self.lo, self.hi] {
            for d in [other.lo, other.hi] {
                candidates[k] = n.checked_mul(hundred)?.checked_div(d)?;
                k += 1;
            }
        }
        let lo = candidates.iter().copied().min()?;
        let hi = candidates.iter().copied().max()?;
        let slack = division_slack();
        Some(Interval {
            lo: lo.checked_sub(slack)?,
            hi: hi.checked_add(slack)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn rounding_edges_of_19_over_61() {
        let r = Interval::exact(d("19"))
            .percent_of(&Interval::exact(d("61")))
            .unwrap();
        assert!(r.meets(&Interval::rounded(d("31.15"), 2)));
        assert!(!r.meets(&Interval::rounded(d("31.14"), 2)));
        assert!(!r.meets(&Interval::rounded(d("31.2"), 1)));
        assert!(r.meets(&Interval::rounded(d("31.1"), 1)));
        assert!(r.meets(&Interval::rounded(d("31"), 0)));
    }

    #[test]
    fn zero_denominator_is_not_evaluable() {
        let zero = Interval::exact(Decimal::ZERO);
        assert!(Interval::exact(Decimal::ONE).percent_of(&zero).is_none());
        assert!(Interval::exact(Decimal::ONE)
            .percent_of(&Interval::rounded(Decimal::ZERO, 1))
            .is_none());
    }

    #[test]
    fn sums_add_bounds() {
        let a = Interval::rounded(d("1.5"), 1);
        let b = Interval::exact(d("2"));
        let s = a.checked_add(&b).unwrap();
        assert_eq!((s.lo, s.hi), (d("3.45"), d("3.55")));
        assert!(Interval::exact(Decimal::MAX)
            .checked_add(&Interval::exact(Decimal::MAX))
            .is_none());
    }
}
