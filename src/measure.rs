//! What a row's unit says its figures are: a percentage, a count, an amount or a code.
//!
//! Below both the catalogue (which validates a row's unit) and the report (which types every
//! value by it), so that neither imports the other for it.

/// What a row's unit says its figure is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Measure {
    /// A percentage (`%`), printed rounded.
    Percent,
    /// A count of documents, people, procedures…: exact, whole, not negative.
    Count,
    /// An amount (money, points): printed rounded, not negative.
    Amount,
    /// A code spelled by the unit (`Có = 1; Không = 0`): the codes and their labels.
    Code(Vec<(i64, String)>),
    /// No unit: nothing is assumed.
    Unknown,
}

impl Measure {
    /// Classifies a unit cell.
    ///
    /// ```
    /// use kiemso::measure::Measure;
    /// assert_eq!(Measure::of("%"), Measure::Percent);
    /// assert_eq!(Measure::of("Văn bản"), Measure::Count);
    /// assert_eq!(Measure::of("Triệu đồng"), Measure::Amount);
    /// assert_eq!(Measure::of("Có = 1; Không = 0"),
    ///            Measure::Code(vec![(1, "Có".into()), (0, "Không".into())]));
    /// ```
    pub fn of(unit: &str) -> Measure {
        // Asked several times for every row a check reads, and a table has a handful of units:
        // the last few units seen are remembered (checking 10,000 rows asked 37,000 times).
        const REMEMBERED: usize = 8;
        thread_local! {
            static SEEN: std::cell::RefCell<(usize, Vec<(String, Measure)>)> =
                const { std::cell::RefCell::new((0, Vec::new())) };
        }
        let hit = SEEN.with(|seen| {
            let seen = seen.borrow();
            seen.1
                .iter()
                .find(|(u, _)| u == unit)
                .map(|(_, m)| m.clone())
        });
        if let Some(m) = hit {
            return m;
        }
        let m = Measure::classify(unit);
        if unit.len() <= 96 {
            SEEN.with(|seen| {
                let (next, entries) = &mut *seen.borrow_mut();
                let entry = (unit.to_string(), m.clone());
                if entries.len() < REMEMBERED {
                    entries.push(entry);
                } else {
                    entries[*next % REMEMBERED] = entry;
                    *next += 1;
                }
            });
        }
        m
    }

    /// [`Measure::of`], worked out.
    fn classify(unit: &str) -> Measure {
        // The unit is lower-cased into a buffer
        // on the stack when it fits (units are a few words), so this allocates nothing. Lower-casing
        // a character at a time differs from `str::to_lowercase` only for a final Greek capital
        // sigma, which none of the words compared here has.
        let t = unit.trim();
        let mut stack = [0u8; 96];
        let heap: String;
        let u: &str = match lowercase_into(&mut stack, t) {
            Some(u) => u,
            None => {
                heap = t.to_lowercase();
                &heap
            }
        };
        if u.is_empty() {
            return Measure::Unknown;
        }
        if u == "%" || u.starts_with("% ") || u.starts_with("tỷ lệ %") || u == "phần trăm" {
            return Measure::Percent;
        }
        if u.contains('=') {
            if let Some(codes) = parse_codes(unit) {
                return Measure::Code(codes);
            }
        }
        // A plain scan of the few bytes of a unit: `str::contains` sets up a substring searcher
        // for each word, which cost more than all the rest of this function.
        let has = |word: &str| {
            u.as_bytes()
                .windows(word.len())
                .any(|w| w == word.as_bytes())
        };
        if has("đồng") || has("usd") || has("điểm") || has("giờ") {
            return Measure::Amount;
        }
        Measure::Count
    }

    /// Whether a figure of this kind is exact as printed (counts), as opposed to rounded.
    pub fn is_exact(&self) -> bool {
        matches!(self, Measure::Count | Measure::Code(_))
    }
}

/// `s` lower-cased into `buf`, or `None` when it does not fit.
fn lowercase_into<'a>(buf: &'a mut [u8], s: &str) -> Option<&'a str> {
    let mut len = 0;
    for c in s.chars().flat_map(char::to_lowercase) {
        let end = len + c.len_utf8();
        c.encode_utf8(buf.get_mut(len..end)?);
        len = end;
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// Reads "Chưa có = 0 2 cấp = 1 3 cấp = 2" as [(0, "Chưa có"), (1, "2 cấp"), (2, "3 cấp")].
fn parse_codes(unit: &str) -> Option<Vec<(i64, String)>> {
    let segments: Vec<&str> = unit.split('=').collect();
    // With at least two segments, `segments[0]` and `segments[1..]` exist.
    if segments.len() < 2 {
        return None;
    }
    let clean = |s: &str| {
        s.trim()
            .trim_matches([';', ',', '/', '-'])
            .trim()
            .to_string()
    };
    let mut label = clean(segments[0]);
    let mut codes = Vec::new();
    for seg in &segments[1..] {
        let s = seg.trim_start();
        let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        let code: i64 = digits.parse().ok()?;
        if label.is_empty() {
            return None;
        }
        codes.push((code, label));
        // `digits` is a prefix of `s` made of ASCII digits, so its length is a char boundary.
        label = clean(&s[digits.len()..]);
    }
    label.is_empty().then_some(codes)
}
