//! Deterministic inputs for the benchmarks: CCHC-like tables of any length (valid hierarchies
//! whose totals add up and whose percentages match their counts), as TSV (what an official
//! pastes) and CSV with a Table Schema (what a data person would validate), and a province's
//! batch of quarterly reports made from the seed.

use kiemso::number::format_vi;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// A small xorshift generator: the same tables on every machine, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// One generated row: STT (with its trailing dot, as printed), indicator, unit, value, note.
pub struct GenRow {
    pub stt: String,
    pub indicator: String,
    pub unit: &'static str,
    pub value: String,
    pub note: String,
}

/// The units the generator uses (the Table Schema's enum).
pub const UNITS: [&str; 6] = [
    "%",
    "Hồ sơ",
    "Văn bản",
    "Đơn vị",
    "Triệu đồng",
    "Có = 1; Không = 0",
];

const LEVELS: [&str; 3] = ["cấp tỉnh", "cấp huyện", "cấp xã"];
const SECTORS: [&str; 6] = [
    "tư pháp",
    "đất đai",
    "xây dựng",
    "giáo dục",
    "y tế",
    "lao động",
];

fn count(n: u64) -> String {
    format_vi(Decimal::from(n), 0)
}

/// Builds `n` rows: groups of a ratio (a "Tỷ lệ …" row in % over two counts), flat totals, nested
/// totals, totals of amounts in millions of đồng with one decimal, and yes/no codes, numbered
/// `1.`, `2.`, … with children `k.1.`, `k.2.`, `k.2.1.`; the last rows are single counts so the
/// table has exactly `n` rows. Every sum and ratio holds, exactly as the checker reads them.
pub fn table_rows(n: usize, seed: u64) -> Vec<GenRow> {
    let mut rng = Rng::new(seed);
    let mut rows: Vec<GenRow> = Vec::with_capacity(n);
    let mut k = 0u64;
    let row = |stt: String, indicator: String, unit: &'static str, value: String| GenRow {
        stt,
        indicator,
        unit,
        value,
        note: String::new(),
    };
    while rows.len() < n {
        k += 1;
        let left = n - rows.len();
        let sector = SECTORS[(rng.next() % SECTORS.len() as u64) as usize];
        let kind = rng.next() % 10;
        match kind {
            // A ratio: k. = k.2. / k.1. × 100, two decimals.
            0..=3 if left >= 3 => {
                let d = rng.range(1, 90_000);
                let num = rng.range(0, d);
                let pct = Decimal::from(num) * Decimal::ONE_HUNDRED / Decimal::from(d);
                rows.push(row(
                    format!("{k}."),
                    format!("Tỷ lệ hồ sơ TTHC lĩnh vực {sector} được giải quyết đúng hạn"),
                    "%",
                    format_vi(pct, 2),
                ));
                rows.push(row(
                    format!("{k}.1."),
                    format!("Tổng số hồ sơ TTHC lĩnh vực {sector} đã giải quyết xong"),
                    "Hồ sơ",
                    count(d),
                ));
                let mut r = row(
                    format!("{k}.2."),
                    format!("Số hồ sơ TTHC lĩnh vực {sector} đã giải quyết đúng hạn"),
                    "Hồ sơ",
                    count(num),
                );
                if num < d && rng.next() % 4 == 0 {
                    r.note = format!("{} hồ sơ đang xử lý trong hạn", count(d - num));
                }
                rows.push(r);
            }
            // A flat total: k. = k.1. + … + k.m. (three levels of government, then sectors).
            4..=5 if left >= 4 => {
                let m = (rng.range(3, 5) as usize).min(left - 1);
                let parts: Vec<u64> = (0..m).map(|_| rng.range(0, 400)).collect();
                rows.push(row(
                    format!("{k}."),
                    format!("Tổng số VBQPPL lĩnh vực {sector} do địa phương ban hành"),
                    "Văn bản",
                    count(parts.iter().sum()),
                ));
                for (i, p) in parts.iter().enumerate() {
                    let who = LEVELS.get(i).copied().unwrap_or(SECTORS[i % SECTORS.len()]);
                    rows.push(row(
                        format!("{k}.{}.", i + 1),
                        format!("Số VBQPPL lĩnh vực {sector} do {who} ban hành"),
                        "Văn bản",
                        count(*p),
                    ));
                }
            }
            // A nested total: k. = k.1. + k.2. + k.3., and k.2. = k.2.1. + k.2.2. + k.2.3.
            6..=7 if left >= 7 => {
                let a = rng.range(0, 50);
                let parts: Vec<u64> = (0..3).map(|_| rng.range(0, 120)).collect();
                let b: u64 = parts.iter().sum();
                let c = rng.range(0, 600);
                rows.push(row(
                    format!("{k}."),
                    format!("Tổng số ĐVSN công lập lĩnh vực {sector}"),
                    "Đơn vị",
                    count(a + b + c),
                ));
                rows.push(row(
                    format!("{k}.1."),
                    format!("Số ĐVSN lĩnh vực {sector} tự bảo đảm chi thường xuyên"),
                    "Đơn vị",
                    count(a),
                ));
                rows.push(row(
                    format!("{k}.2."),
                    format!("Tổng số ĐVSN lĩnh vực {sector} tự bảo đảm một phần chi thường xuyên"),
                    "Đơn vị",
                    count(b),
                ));
                for (i, (p, band)) in parts
                    .iter()
                    .zip([
                        "từ 70% - dưới 100%",
                        "từ 30% - dưới 70%",
                        "từ 10% - dưới 30%",
                    ])
                    .enumerate()
                {
                    rows.push(row(
                        format!("{k}.2.{}.", i + 1),
                        format!("ĐVSN lĩnh vực {sector} tự bảo đảm {band} chi thường xuyên"),
                        "Đơn vị",
                        count(*p),
                    ));
                }
                rows.push(row(
                    format!("{k}.3."),
                    format!("Số ĐVSN lĩnh vực {sector} do Nhà nước bảo đảm chi thường xuyên"),
                    "Đơn vị",
                    count(c),
                ));
            }
            // A total of amounts printed with one decimal: k. = k.1. + k.2. + k.3.
            8 if left >= 4 => {
                let parts: Vec<Decimal> = (0..3)
                    .map(|_| Decimal::new(rng.range(0, 99_999_999) as i64, 1))
                    .collect();
                let total: Decimal = parts.iter().sum();
                rows.push(row(
                    format!("{k}."),
                    format!("Tổng kinh phí thực hiện CCHC lĩnh vực {sector}"),
                    "Triệu đồng",
                    format_vi(total, 1),
                ));
                for (i, p) in parts.iter().enumerate() {
                    rows.push(row(
                        format!("{k}.{}.", i + 1),
                        format!("Kinh phí CCHC lĩnh vực {sector} {}", LEVELS[i]),
                        "Triệu đồng",
                        format_vi(*p, 1),
                    ));
                }
            }
            // A yes/no answer.
            9 => {
                rows.push(row(
                    format!("{k}."),
                    format!("Khảo sát sự hài lòng về lĩnh vực {sector}"),
                    "Có = 1; Không = 0",
                    (rng.next() % 2).to_string(),
                ));
            }
            // Too few rows left for the group drawn: a single count.
            _ => {
                rows.push(row(
                    format!("{k}."),
                    format!("Số văn bản chỉ đạo CCHC lĩnh vực {sector} đã ban hành"),
                    "Văn bản",
                    count(rng.range(0, 60)),
                ));
            }
        }
    }
    debug_assert_eq!(rows.len(), n);
    rows
}

/// The table as pasted from Word/Excel: a title line, the header, tab-separated rows.
pub fn to_tsv(rows: &[GenRow]) -> String {
    let mut s = String::with_capacity(rows.len() * 110);
    let _ = writeln!(
        s,
        "Số liệu CCHC tổng hợp của các cơ quan, đơn vị ({} dòng)",
        rows.len()
    );
    s.push_str("STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\tGhi chú\n");
    for r in rows {
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t{}\t{}",
            r.stt, r.indicator, r.unit, r.value, r.note
        );
    }
    s
}

fn csv_field(s: &mut String, field: &str) {
    if field.contains([',', '"', '\n']) {
        s.push('"');
        s.push_str(&field.replace('"', "\"\""));
        s.push('"');
    } else {
        s.push_str(field);
    }
}

/// The same table as RFC 4180 CSV (a header line, then rows), for both checkers.
pub fn to_csv(rows: &[GenRow]) -> String {
    let mut s = String::with_capacity(rows.len() * 115);
    s.push_str("STT,Chỉ tiêu,Đơn vị tính,Số liệu,Ghi chú\n");
    for r in rows {
        for (i, f) in [r.stt.as_str(), &r.indicator, r.unit, &r.value, &r.note]
            .iter()
            .enumerate()
        {
            if i > 0 {
                s.push(',');
            }
            csv_field(&mut s, f);
        }
        s.push('\n');
    }
    s
}

/// A Table Schema with everything it can say about these tables: types (Vietnamese numbers, with
/// `,` before decimals and `.` between thousands), required cells, a unique STT of the right
/// shape, the units as an enum, values not negative. It cannot say that a total is the sum of its
/// children nor that a percentage is its numerator over its denominator, nor that a percentage is
/// at most 100 only on rows in %.
pub fn table_schema() -> String {
    let units: Vec<String> = UNITS.iter().map(|u| format!("{u:?}")).collect();
    format!(
        r#"{{
  "fields": [
    {{ "name": "STT", "type": "string",
       "constraints": {{ "required": true, "unique": true, "pattern": "[0-9]+(\\.[0-9]+)*\\." }} }},
    {{ "name": "Chỉ tiêu", "type": "string", "constraints": {{ "required": true }} }},
    {{ "name": "Đơn vị tính", "type": "string",
       "constraints": {{ "required": true, "enum": [{}] }} }},
    {{ "name": "Số liệu", "type": "number", "decimalChar": ",", "groupChar": ".",
       "constraints": {{ "required": true, "minimum": 0 }} }},
    {{ "name": "Ghi chú", "type": "string" }}
  ],
  "primaryKey": ["STT"]
}}
"#,
        units.join(", ")
    )
}

/// Unit `i` of a province's batch: the seed report under another unit's name, with figures
/// varied so that about a third fail a ratio and a third fail a total.
pub fn report_variant(seed: &str, i: usize) -> String {
    let name = format!("Đơn vị hành chính số {:04}", i + 1);
    let mut text = seed.replace("tỉnh Khánh Hòa", &name);
    text = text.replace("Khánh Hòa", &name);
    match i % 3 {
        // B03 3.1.2: one more file on time than was settled → the ratio 3.1 breaks.
        1 => {
            let edited = format!("Hồ sơ\t{}\t", count(66_687 + 1 + i as u64));
            text = text.replacen("Hồ sơ\t66.687\t", &edited, 1);
        }
        // B02 1.: a total that no longer adds up.
        2 => {
            let edited = format!("Văn bản\t{}\t", 60 + 1 + (i % 7));
            text = text.replacen("Văn bản\t60\t", &edited, 1);
        }
        _ => {}
    }
    text
}

/// A wide consolidation table shaped like Biểu II.06a: `n` units as rows under a two-row header,
/// eleven count columns that hold the form's identities ((3) = (4)+(5)+(6), (7) = (8)+(9)+(10),
/// (11) = (12)+(13), (3) = (7)+(11)) and an on-time rate over the resolved files, with a
/// «Tổng cộng» row last that sums them (12 value columns in all). Figures are generated.
pub fn grid_tsv(n: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut s = String::with_capacity(n * 120);
    let _ = writeln!(
        s,
        "Kết quả giải quyết hồ sơ TTHC của các đơn vị ({n} đơn vị)"
    );
    s.push_str(
        "STT\tĐơn vị\tSố hồ sơ nhận giải quyết\t\t\t\tSố hồ sơ đã giải quyết\t\t\t\t\
         Số hồ sơ đang giải quyết\t\t\tTỷ lệ giải quyết đúng hạn (%)\n",
    );
    s.push_str(
        "\t\tTổng số\tTrực tuyến\tTrực tiếp\tTừ kỳ trước\tTổng số\tTrước hạn\tĐúng hạn\tQuá hạn\t\
         Tổng số\tTrong hạn\tQuá hạn\t\n",
    );
    let mut total = [0u64; 11];
    let line = |s: &mut String, stt: &str, name: &str, f: &[u64; 11]| {
        let _ = write!(s, "{stt}\t{name}");
        for v in f {
            let _ = write!(s, "\t{}", format_vi(Decimal::from(*v), 0));
        }
        // The on-time rate: (before + on time) / resolved, two decimals, half up.
        let rate = if f[4] == 0 {
            String::new()
        } else {
            let exact = Decimal::from((f[5] + f[6]) * 100) / Decimal::from(f[4]);
            format_vi(
                exact.round_dp_with_strategy(
                    2,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                ),
                2,
            )
        };
        let _ = writeln!(s, "\t{rate}");
    };
    for i in 1..=n {
        let (before, on_time, late) = (rng.range(0, 300), rng.range(1, 900), rng.range(0, 15));
        let resolved = before + on_time + late;
        let (in_time, overdue) = (rng.range(0, 120), rng.range(0, 6));
        let pending = in_time + overdue;
        let all = resolved + pending;
        let online = rng.range(0, all);
        let carried = rng.range(0, all - online);
        let f = [
            all,
            online,
            all - online - carried,
            carried,
            resolved,
            before,
            on_time,
            late,
            pending,
            in_time,
            overdue,
        ];
        for (t, v) in total.iter_mut().zip(f) {
            *t += v;
        }
        line(&mut s, &i.to_string(), &format!("Đơn vị số {i}"), &f);
    }
    line(&mut s, "", "Tổng cộng", &total);
    s
}

/// A table of `n` ratios (`k.` = `k.2.` / `k.1.` × 100) in which every numerator has two adjacent
/// digits swapped: `n` broken checks at once, for error localisation's cost (`src/locate.rs`).
/// Figures are generated; the ratios are printed from the true numerators.
pub fn swapped_ratios(n: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut s = format!("Bảng sinh tự động: {n} tỷ lệ, mỗi tử số bị gõ đảo hai chữ số\n");
    for k in 1..=n {
        let d = rng.range(1_000, 90_000);
        let num = rng.range(d / 2, d);
        let pct = Decimal::from(num) * Decimal::ONE_HUNDRED / Decimal::from(d);
        let mut digits: Vec<u8> = num.to_string().into_bytes();
        // The last pair of adjacent digits that differ, swapped.
        if let Some(i) = (0..digits.len() - 1)
            .rev()
            .find(|&i| digits[i] != digits[i + 1])
        {
            digits.swap(i, i + 1);
        }
        let typed: u64 = String::from_utf8(digits)
            .ok()
            .and_then(|t| t.parse().ok())
            .unwrap_or(num);
        let _ = writeln!(
            s,
            "{k}.\tTỷ lệ hồ sơ lĩnh vực {k} được giải quyết đúng hạn\t%\t{}\t",
            format_vi(pct, 2)
        );
        let _ = writeln!(
            s,
            "{k}.1.\tTổng số hồ sơ lĩnh vực {k} đã giải quyết\tHồ sơ\t{}\t",
            count(d)
        );
        let _ = writeln!(
            s,
            "{k}.2.\tSố hồ sơ lĩnh vực {k} giải quyết đúng hạn\tHồ sơ\t{}\t",
            count(typed)
        );
    }
    s
}

/// A user's catalogue of one form with `n` rows, each row at most the one before it (`at_most`
/// rules), and the table that satisfies it: what `bench catalogue` grows. tests/rules.rs checks
/// the same shape for correctness.
pub fn large_catalogue(n: usize) -> (String, String) {
    let rows: Vec<serde_json::Value> = (1..=n)
        .map(|i| serde_json::json!({"stt": i.to_string(), "indicator": format!("Chỉ tiêu {i}"), "unit": "Hồ sơ"}))
        .collect();
    let rules: Vec<serde_json::Value> = (1..n)
        .map(|i| serde_json::json!({"kind": "at_most", "parts": [(i + 1).to_string()], "whole": i.to_string()}))
        .collect();
    let json = serde_json::json!({"name": "Lớn", "forms": [{"number": 9, "title": "Thử", "rows": rows, "rules": rules}]});
    let mut text = String::from("Biểu mẫu số 09\n");
    for i in 1..=n {
        text.push_str(&format!("{i}.\tChỉ tiêu {i}\tHồ sơ\t{}\n", n + 1 - i));
    }
    (json.to_string(), text)
}
