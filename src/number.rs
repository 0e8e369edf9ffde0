//! Numbers as Vietnamese officials print them: `9.191.517`, `31,15`, `08`, `29.000`, `95,00 %`.
//!
//! A [`Figure`] keeps the exact decimal value *and* how many decimals were printed, because the
//! printed precision decides the rounding interval a check must allow (docs/checking.md, «Tables»).

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// A number read from a report cell, with the number of decimals it was printed with.
///
/// ```
/// use kiemso::number::Figure;
/// let f = Figure::parse("31,15").unwrap();
/// assert_eq!(f.value.to_string(), "31.15");
/// assert_eq!(f.decimals, 2);
/// assert_eq!(Figure::parse("9.191.517").unwrap().value.to_string(), "9191517");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// The exact value as printed.
    pub value: Decimal,
    /// Digits printed after the decimal comma (`31,15` → 2, `100` → 0).
    pub decimals: u32,
    /// Whether the cell carried a `%` sign.
    pub percent_sign: bool,
}

/// Why a cell could not be read as a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// The cell holds words, not a number (`Đang cập nhật`). Kept and reported as text.
    Text,
    /// The cell looks like a number but is not a well-formed Vietnamese one (`12,3,4`, `1.23`),
    /// or it is written with digits other than 0–9 (`١٢`, `１２`), which are never read silently.
    Malformed(String),
}

impl Figure {
    /// Reads a cell printed the Vietnamese way.
    ///
    /// Accepts `.` (or a space, a no-break space, a narrow no-break space, a thin or figure space)
    /// between groups of three digits, `,` before the decimals, an optional sign, and an optional
    /// `%`. Leading zeros (`08`) are fine. Invisible characters that copy-paste leaves behind
    /// (zero-width spaces, direction marks, soft hyphens) are ignored.
    /// Returns [`NumberError::Text`] for cells without digits and [`NumberError::Malformed`]
    /// for cells that look numeric but are ambiguous or broken, including digits other than 0–9
    /// (see [`foreign_digit`]).
    ///
    /// ```
    /// use kiemso::number::{Figure, NumberError};
    /// assert_eq!(Figure::parse("08").unwrap().value.to_string(), "8");
    /// assert!(Figure::parse("100%").unwrap().percent_sign);
    /// assert!(matches!(Figure::parse("12,3,4"), Err(NumberError::Malformed(_))));
    /// assert_eq!(Figure::parse("Đang cập nhật"), Err(NumberError::Text));
    /// ```
    pub fn parse(cell: &str) -> Result<Figure, NumberError> {
        // Nearly every cell has nothing to clean: it is read in place, not copied.
        let unclean = |c: char| is_invisible(c) || c == '\u{2212}' || c == '\u{2013}';
        let cleaned: std::borrow::Cow<'_, str> = if cell.contains(unclean) {
            cell.chars()
                .filter(|c| !is_invisible(*c))
                .map(|c| if unclean(c) { '-' } else { c })
                .collect::<String>()
                .into()
        } else {
            cell.into()
        };
        let mut s = cleaned.trim();
        let malformed = || NumberError::Malformed(cell.trim().to_string());
        // Arabic-Indic, full-width… digits would be read by a careless parser as a different
        // number, or as text; either way the official must retype them (see `foreign_digit`).
        if foreign_digit(s).is_some() && !s.chars().any(char::is_alphabetic) {
            return Err(malformed());
        }
        // `#REF!`, `#DIV/0!`: a formula that failed, where a number should be.
        if excel_error(s) {
            return Err(malformed());
        }
        if !s.chars().any(|c| c.is_ascii_digit()) {
            return Err(NumberError::Text);
        }
        let mut percent_sign = false;
        if let Some(rest) = s.strip_suffix('%') {
            percent_sign = true;
            s = rest.trim_end();
        }
        let negative = if let Some(rest) = s.strip_prefix('-') {
            s = rest.trim_start();
            true
        } else if let Some(rest) = s.strip_prefix('+') {
            s = rest.trim_start();
            false
        } else {
            false
        };
        if s.is_empty() {
            return Err(malformed());
        }
        let (int_part, frac_part) = match s.split_once(',') {
            Some((i, f)) => (i, Some(f)),
            None => (s, None),
        };
        // The digits as `Decimal` reads them (`-1234.5`), written on the stack: a figure is read
        // for every value cell, hundreds of thousands in a large table.
        let mut text = DigitBuf::default();
        if negative {
            text.push(b'-').ok_or_else(malformed)?;
        }
        let int_start = text.len;
        group_digits(int_part, &mut text).ok_or_else(malformed)?;
        let int_len = text.len - int_start;
        let frac = match frac_part {
            Some(f) if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) => f,
            Some(_) => return Err(malformed()),
            None => "",
        };
        if int_len == 0 {
            return Err(malformed());
        }
        if int_len + frac.len() > 27 {
            return Err(malformed());
        }
        if !frac.is_empty() {
            text.push(b'.').ok_or_else(malformed)?;
            text.push_str(frac).ok_or_else(malformed)?;
        }
        let text = text.as_str();
        let value: Decimal = text.parse().map_err(|_| malformed())?;
        Ok(Figure {
            value,
            // At most 27 (checked above), so the cast is exact.
            decimals: frac.len() as u32,
            percent_sign,
        })
    }

    /// The figure printed back the Vietnamese way, with its own decimals.
    pub fn printed(&self) -> String {
        format_vi(self.value, self.decimals)
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.printed())
    }
}

/// Characters that copy-paste leaves inside numbers and labels and that carry no meaning there:
/// zero-width spaces and joiners, the byte-order mark, left-to-right/right-to-left marks and
/// embeddings (from mixed-script documents), the Arabic letter mark, and the soft hyphen Word
/// inserts at line breaks.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}'
            | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// The first digit in `cell` that is not one of 0–9 (`١` in `١٢`, `２` in `２０`, a superscript
/// `²`), if any. Such digits are never read as a number: a cell typed with an Arabic or
/// full-width keyboard layout is reported, so that it is retyped rather than misread.
///
/// ```
/// use kiemso::number::foreign_digit;
/// assert_eq!(foreign_digit("١٢"), Some('١'));
/// assert_eq!(foreign_digit("１２"), Some('１'));
/// assert_eq!(foreign_digit("12"), None);
/// ```
pub fn foreign_digit(cell: &str) -> Option<char> {
    cell.chars().find(|c| c.is_numeric() && !c.is_ascii_digit())
}

/// Whether `cell` is an error value Excel shows for a formula it could not calculate (`#REF!`,
/// `#DIV/0!`, `#N/A`…): a number that should be there and is not, never words.
///
/// ```
/// use kiemso::number::excel_error;
/// assert!(excel_error("#REF!") && excel_error("#div/0!") && excel_error("#N/A"));
/// assert!(!excel_error("#1") && !excel_error("REF"));
/// ```
pub fn excel_error(cell: &str) -> bool {
    const ERRORS: [&str; 14] = [
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
    ];
    let cell = cell.trim();
    cell.starts_with('#') && ERRORS.iter().any(|e| e.eq_ignore_ascii_case(cell))
}

/// Whether a cell that is not a well-formed number still stands where a number would: it
/// starts like one (a digit of any script, a sign) or is an [`excel_error`]. `12.3.4`, `1e308`,
/// `١٢` and `#REF!` do; `Đang cập nhật` and `Quyết định 12` do not.
pub fn looks_numeric(cell: &str) -> bool {
    let cell = cell.trim_start_matches(|c: char| c.is_whitespace() || is_invisible(c));
    excel_error(cell)
        || cell
            .chars()
            .next()
            .is_some_and(|c| c.is_numeric() || matches!(c, '-' | '+' | '\u{2212}'))
            && matches!(Figure::parse(cell), Err(NumberError::Malformed(_)))
}

/// How a malformed cell reads if its `.` and `,` are swapped, printed the Vietnamese way: the
/// likely intent of a figure typed with English-style separators (`1,234.5` → `1.234,5`,
/// `31.15` → `31,15`, `1,234,567` → `1.234.567`). `None` for a well-formed cell, and when
/// swapping does not give a well-formed number either.
///
/// ```
/// use kiemso::number::english_style;
/// assert_eq!(english_style("1,234.5").as_deref(), Some("1.234,5"));
/// assert_eq!(english_style("31.15").as_deref(), Some("31,15"));
/// assert_eq!(english_style("1,234,567").as_deref(), Some("1.234.567"));
/// assert_eq!(english_style("12,3,4"), None);
/// assert_eq!(english_style("31,15"), None); // already well-formed
/// ```
pub fn english_style(cell: &str) -> Option<String> {
    if !matches!(Figure::parse(cell), Err(NumberError::Malformed(_))) {
        return None;
    }
    let swapped: String = cell
        .chars()
        .map(|c| match c {
            '.' => ',',
            ',' => '.',
            c => c,
        })
        .collect();
    Figure::parse(&swapped)
        .ok()
        .map(|f| format!("{}{}", f.printed(), if f.percent_sign { "%" } else { "" }))
}

/// The digits of an integer part with Vietnamese thousands separators removed, or `None` when the
/// grouping is wrong (`1.23`, `12.3456`): a wrong grouping is how a mixed-up locale shows itself.
fn group_digits(int_part: &str, digits: &mut DigitBuf) -> Option<()> {
    // A dot, or any of the spaces Word and Excel put between groups: space, no-break space,
    // figure space, thin space, narrow no-break space.
    let is_sep = |c: char| {
        matches!(
            c,
            '.' | ' ' | '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}'
        )
    };
    let all_digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    if !int_part.contains(is_sep) {
        return all_digits(int_part).then(|| digits.push_str(int_part))?;
    }
    let mut groups = int_part.split(is_sep);
    // `split` always yields at least one piece.
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !all_digits(first) {
        return None;
    }
    digits.push_str(first)?;
    for g in groups {
        if g.len() != 3 || !all_digits(g) {
            return None;
        }
        digits.push_str(g)?;
    }
    Some(())
}

/// A figure's digits as `Decimal` reads them, on the stack: a sign, 27 digits and a point fit
/// (more digits are malformed anyway, [`Figure::parse`]); a push past the end is `None`.
#[derive(Default)]
struct DigitBuf {
    buf: [u8; 32],
    len: usize,
}

impl DigitBuf {
    fn push(&mut self, b: u8) -> Option<()> {
        *self.buf.get_mut(self.len)? = b;
        self.len += 1;
        Some(())
    }

    fn push_str(&mut self, s: &str) -> Option<()> {
        let end = self.len.checked_add(s.len())?;
        self.buf
            .get_mut(self.len..end)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Some(())
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits, `-` and `.` are pushed.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

/// The most decimals a figure can carry (the scale limit of [`Decimal`]).
pub const MAX_DECIMALS: u32 = 28;

/// Writes `m` in decimal digits at the end of `buf` and returns where they start. Divides as a
/// `u64` as soon as the value fits: 128-bit division is several times slower, and nearly every
/// figure fits.
pub(crate) fn digits_into(buf: &mut [u8], m: u128) -> usize {
    let mut k = buf.len();
    let mut wide = m;
    while wide > u128::from(u64::MAX) {
        k -= 1;
        buf[k] = b'0' + (wide % 10) as u8;
        wide /= 10;
    }
    let mut n = wide as u64;
    loop {
        k -= 1;
        buf[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    k
}

/// Appends `n` in decimal digits (what `n.to_string()` gives), without the formatting machinery:
/// STT labels and the line numbers of messages are written this way.
pub(crate) fn push_decimal(out: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    let k = digits_into(&mut buf, u128::from(n));
    out.extend(buf[k..].iter().map(|&d| char::from(d)));
}

/// Prints `value` the Vietnamese way with exactly `decimals` digits after the comma, rounding
/// half away from zero (the rule officials and spreadsheets use). `decimals` beyond
/// [`MAX_DECIMALS`] print as [`MAX_DECIMALS`]: a decimal has no further digits, and a caller's
/// `u32::MAX` must not become a 4 GB string.
///
/// ```
/// use kiemso::number::format_vi;
/// use rust_decimal::Decimal;
/// assert_eq!(format_vi(Decimal::new(9191517, 0), 0), "9.191.517");
/// assert_eq!(format_vi(Decimal::new(311475, 4), 2), "31,15");
/// assert_eq!(format_vi(Decimal::new(-36, 2), 2), "-0,36");
/// ```
pub fn format_vi(value: Decimal, decimals: u32) -> String {
    // Every check prints several figures: the digits come straight from the decimal's mantissa
    // and scale (the value is mantissa × 10^−scale), without printing it first and splitting
    // the text (three allocations and the formatting machinery, a fifth of evaluating a rule).
    let decimals = decimals.min(MAX_DECIMALS);
    let rounded = round_to(value, decimals);
    let scale = rounded.scale() as usize;
    let mut buf = [0u8; 40];
    let mut k = digits_into(&mut buf, rounded.mantissa().unsigned_abs());
    // At least one digit before the point: `0,05` is mantissa 5 at scale 2.
    while buf.len() - k <= scale {
        k -= 1;
        buf[k] = b'0';
    }
    let (int_part, frac_part) = buf[k..].split_at(buf.len() - k - scale);
    let mut out = String::with_capacity(int_part.len() * 4 / 3 + decimals as usize + 3);
    if rounded.is_sign_negative() && !rounded.is_zero() {
        out.push('-');
    }
    let n = int_part.len();
    for (i, &d) in int_part.iter().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push('.');
        }
        out.push(char::from(d));
    }
    if decimals > 0 {
        out.push(',');
        out.extend(frac_part.iter().map(|&d| char::from(d)));
        // `frac_part` has at most 28 digits (a decimal's scale), so the cast is exact.
        for _ in (frac_part.len() as u32)..decimals {
            out.push('0');
        }
    }
    out
}

/// Rounds half away from zero to `decimals` places.
pub fn round_to(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(
        decimals.min(MAX_DECIMALS),
        RoundingStrategy::MidpointAwayFromZero,
    )
}

/// Prints a value with as many decimals as it needs (at most `max`), trailing zeros dropped:
/// for quotients shown in explanations (`19/61 = 31,1475…`).
pub fn format_vi_trimmed(value: Decimal, max: u32) -> String {
    let r = round_to(value, max).normalize();
    format_vi(r, r.scale())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Figure {
        Figure::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn reads_vietnamese_print() {
        assert_eq!(p("9.191.517").value, Decimal::new(9191517, 0));
        assert_eq!(p("31,15").value, Decimal::new(3115, 2));
        assert_eq!(p("31,15").decimals, 2);
        assert_eq!(p("95,00").decimals, 2);
        assert_eq!(p("08").value, Decimal::new(8, 0));
        assert_eq!(p("29.000").value, Decimal::new(29000, 0));
        assert_eq!(p(" 100 % ").value, Decimal::new(100, 0));
        assert!(p("100%").percent_sign);
        assert_eq!(p("-5").value, Decimal::new(-5, 0));
        assert_eq!(p("1 234,5").value, Decimal::new(12345, 1));
        assert_eq!(p("1\u{00A0}234").value, Decimal::new(1234, 0));
        assert_eq!(p("\u{200B}12").value, Decimal::new(12, 0));
        assert_eq!(p("0").decimals, 0);
    }

    #[test]
    fn rejects_malformed_numbers() {
        for s in [
            "12,3,4", "1.23", "12.3456", "1,234.5", "1.2,3", ",5", "5,", "--3", "3-", "1e5", "12a",
        ] {
            assert!(
                matches!(Figure::parse(s), Err(NumberError::Malformed(_))),
                "{s}"
            );
        }
        for s in ["", "  ", "N/A", "-", "x", "Đang cập nhật"] {
            assert_eq!(Figure::parse(s), Err(NumberError::Text), "{s}");
        }
        assert!(Figure::parse("99999999999999999999999999999999").is_err());
    }

    /// `format_vi` as first written (printing the decimal, then regrouping the text): the
    /// direct version must print exactly the same.
    fn format_vi_reference(value: Decimal, decimals: u32) -> String {
        let decimals = decimals.min(MAX_DECIMALS);
        let rounded = round_to(value, decimals);
        let mut plain = rounded.abs().to_string();
        let (int_part, frac_part) = match plain.find('.') {
            Some(i) => {
                let frac = plain.split_off(i + 1);
                plain.pop();
                (plain, frac)
            }
            None => (plain, String::new()),
        };
        let mut out = String::new();
        if rounded.is_sign_negative() && !rounded.is_zero() {
            out.push('-');
        }
        let n = int_part.len();
        for (i, c) in int_part.chars().enumerate() {
            if i > 0 && (n - i) % 3 == 0 {
                out.push('.');
            }
            out.push(c);
        }
        if decimals > 0 {
            out.push(',');
            let mut frac = frac_part;
            while (frac.len() as u32) < decimals {
                frac.push('0');
            }
            out.push_str(&frac);
        }
        out
    }

    #[test]
    fn push_decimal_prints_as_to_string() {
        for n in [0, 7, 10, 487, 1_000_000, u64::from(u32::MAX), u64::MAX] {
            let mut s = String::from("x");
            push_decimal(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
    }

    #[test]
    fn format_vi_is_its_plain_statement() {
        let mut values = vec![
            Decimal::ZERO,
            Decimal::ONE,
            Decimal::NEGATIVE_ONE,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(5, 28),
            Decimal::new(-5, 28),
            Decimal::new(1, 1),
            Decimal::new(-4, 3),
            Decimal::new(311475409836, 10),
            Decimal::new(9191517, 0),
            Decimal::from_i128_with_scale(123_456_789_012_345_678_901_234_567, 9),
            Decimal::from_i128_with_scale(-79_228_162_514_264_337_593_543_950_335, 28),
        ];
        // A spread of magnitudes and scales, both signs.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mantissa = (x >> (x % 64)) as i64 * if x & 1 == 0 { 1 } else { -1 };
            values.push(Decimal::new(mantissa, (x % 29) as u32));
        }
        for v in values {
            for d in [0, 1, 2, 3, 4, 6, 10, 27, 28, 40] {
                assert_eq!(format_vi(v, d), format_vi_reference(v, d), "{v} at {d}");
            }
        }
    }

    #[test]
    fn formats_vietnamese_print() {
        assert_eq!(format_vi(Decimal::new(66687, 0), 0), "66.687");
        assert_eq!(format_vi(Decimal::new(100, 0), 0), "100");
        assert_eq!(format_vi(Decimal::new(625, 1), 2), "62,50");
        assert_eq!(format_vi(Decimal::new(1234567, 3), 1), "1.234,6");
        assert_eq!(format_vi(Decimal::new(-1, 3), 2), "0,00");
        assert_eq!(format_vi(Decimal::new(5, 3), 2), "0,01");
        assert_eq!(
            format_vi_trimmed(Decimal::new(311475409836, 10), 4),
            "31,1475"
        );
    }

    #[test]
    fn round_trips() {
        for s in [
            "0",
            "08",
            "1.664",
            "9.191.517",
            "31,15",
            "95,00",
            "0,5",
            "-12,25",
        ] {
            let f = p(s);
            assert_eq!(p(&f.printed()), f, "{s}");
        }
    }
}
