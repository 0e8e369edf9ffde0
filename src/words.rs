//! The explanations of the checks every row of a table gets, worded when they are shown.
//!
//! A table of 100,000 rows makes about 137,000 checks, nearly all of them passing, and the text
//! output lists only the ones that do not pass: building each Vietnamese sentence when the check
//! is made cost a third of the instructions and a sixth of the memory of checking such a table.
//! So [`crate::evaluate`] records what the sentence needs (the row's name, shared by every check
//! about the row, and which sentence) and the sentence is written from it and from the check's own
//! figures when the check is shown: [`crate::outcome::Check::message`], the JSON document, the
//! command line's text. The output is the same, byte for byte.

use crate::number::{format_vi, format_vi_trimmed, round_to};
use rust_decimal::Decimal;
use std::fmt::{self, Write};
use std::sync::Arc;

/// Which sentence a check is explained by, with what it needs beyond the check's own figures
/// (`reported`, `expected`, `formula`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words {
    /// A percentage within 0–100 (`ok`), or not.
    Percent {
        /// The row's name opening a sentence ([`crate::explain::row_phrase_capital`]).
        about: Arc<str>,
        /// Whether the figure is within the range.
        ok: bool,
    },
    /// A count: whole and not negative (`ok`), or not.
    Count {
        /// The row's name opening a sentence.
        about: Arc<str>,
        /// The row's unit, short and lower-cased; empty in a grid column.
        unit: Arc<str>,
        /// Whether the figure is a valid count.
        ok: bool,
    },
    /// An amount: not negative (`ok`), or negative.
    NotNegative {
        /// The row's name opening a sentence.
        about: Arc<str>,
        /// The row's unit, trimmed and lower-cased.
        unit: Arc<str>,
        /// Whether the figure is not negative.
        ok: bool,
    },
    /// A total that matches its parts: `formula` = `expected`.
    SumHolds {
        /// The total's row name opening a sentence.
        about: Arc<str>,
    },
    /// One part within its whole: `reported` ≤ `expected` (`≤ ` and the whole's figure).
    PartWithin {
        /// The part's row name opening a sentence.
        part: Arc<str>,
        /// The whole's row name, as opening a sentence (lower-cased when shown).
        whole: Arc<str>,
    },
    /// A percentage that matches its numerator over its denominator.
    RatioHolds {
        /// The percentage's row name opening a sentence.
        about: Arc<str>,
        /// `numerator × 100 / denominator`, exactly.
        exact: Decimal,
        /// The decimals the percentage is printed with.
        decimals: u32,
    },
}

/// What a [`Check`] says, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Worded when the check was made (the rarer checks: failures, narrative, grids…).
    Text(String),
    /// Worded when shown, from [`Words`] and the check's figures.
    Deferred {
        /// Which sentence.
        words: Words,
        /// Whether the sentence ends with the note that the rule was inferred.
        inferred: bool,
    },
}

impl Default for Message {
    fn default() -> Message {
        Message::Text(String::new())
    }
}

impl From<String> for Message {
    fn from(text: String) -> Message {
        Message::Text(text)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Message {
        Message::Text(text.to_string())
    }
}

/// The note ending the explanation of a check whose rule is inferred.
pub(crate) const INFERRED: &str =
    " (Quy tắc suy ra từ cấu trúc bảng, không có trong danh mục biểu mẫu.)";

/// A check's explanation as it is shown ([`crate::outcome::Check::message`]): its [`Message`]
/// with the check's figures.
pub struct Shown<'a> {
    /// What the check says.
    pub message: &'a Message,
    /// The printed value under test.
    pub reported: Option<&'a str>,
    /// The computation with the figures.
    pub formula: Option<&'a str>,
    /// The value it should have.
    pub expected: Option<&'a str>,
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (words, inferred) = match self.message {
            Message::Text(text) => return f.write_str(text),
            Message::Deferred { words, inferred } => (words, *inferred),
        };
        let printed = self.reported.unwrap_or_default();
        let formula = self.formula.unwrap_or_default();
        let expected = self.expected.unwrap_or_default();
        match words {
            Words::Percent { about, ok: true } => {
                write!(f, "{about}: tỷ lệ {printed}% nằm trong khoảng 0–100%.")?
            }
            Words::Percent { about, ok: false } => write!(
                f,
                "{about}: tỷ lệ ghi {printed}%, nhưng tỷ lệ phải nằm trong khoảng 0–100%."
            )?,
            Words::Count { about, unit, ok } => {
                let spaced = if unit.is_empty() { "" } else { " " };
                if *ok {
                    write!(f, "{about}: {printed}{spaced}{unit}, là số đếm hợp lệ.")?
                } else if unit.is_empty() {
                    write!(
                        f,
                        "{about}: ghi {printed}, nhưng ô này phải là số nguyên không âm."
                    )?
                } else {
                    write!(
                        f,
                        "{about}: ghi {printed}, nhưng số {unit} phải là số nguyên không âm."
                    )?
                }
            }
            Words::NotNegative { about, unit, ok } => {
                if *ok {
                    let sep = if unit.is_empty() { "" } else { " " };
                    write!(f, "{about}: {printed}{sep}{unit}, không âm.")?
                } else {
                    write!(f, "{about}: ghi {printed}, nhưng số liệu này không thể âm.")?
                }
            }
            Words::PartWithin { part, whole } => {
                let whole_printed = expected.strip_prefix("≤ ").unwrap_or(expected);
                let mut w = whole.chars();
                let first = w.next().map(|c| c.to_lowercase());
                write!(f, "{part} ghi {printed}, không vượt ")?;
                for c in first.into_iter().flatten() {
                    f.write_char(c)?;
                }
                write!(f, "{} ({whole_printed}).", w.as_str())?
            }
            Words::SumHolds { about } => {
                write!(f, "{about}: {formula} = {expected}, khớp với số ghi.")?
            }
            Words::RatioHolds {
                about,
                exact,
                decimals,
            } => {
                let expected = round_to(*exact, *decimals);
                let approx = if *exact == round_to(*exact, 4) {
                    ""
                } else {
                    "…"
                };
                write!(
                    f,
                    "{about}: {formula} = {}{approx}%",
                    format_vi_trimmed(*exact, 4)
                )?;
                if *exact != expected {
                    if *decimals == 0 {
                        write!(f, ", làm tròn đến số nguyên là {}%", format_vi(expected, 0))?
                    } else {
                        write!(
                            f,
                            ", làm tròn {decimals} chữ số thập phân là {}%",
                            format_vi(expected, *decimals)
                        )?
                    }
                }
                write!(f, ", khớp với số ghi {printed}%.")?
            }
        }
        if inferred {
            f.write_str(INFERRED)?;
        }
        Ok(())
    }
}
