//! The report's words against its numbers (`src/narrative`).
//!
//! 1. Recall on the real report: every arithmetic statement of the seed's narrative verified by
//!    hand is listed in `SEED`; the checker must evaluate each one and judge it right, and must
//!    report nothing else. Statements verified by hand that the checker does not evaluate are
//!    listed in `NOT_EVALUATED`, with the reason, so that the recall is measured, not guessed.
//! 2. Invented sentences for every pattern, correct and wrong.
//! 3. Precision: dates, document numbers, years, labels, ranges and word-counts are never read as
//!    arithmetic; a text without arithmetic gives no finding.
//! 4. Page-break artefacts, the JSON contract, and the text against invented tables.
//!
//! `cargo test --test narrative -- --nocapture` prints the recall table.

#![cfg(feature = "narrative")]

use kiemso::outcome::{Check, Kind, Outcome, Status};
use kiemso::{check_text, Options};
use std::collections::BTreeMap;

const SEED: &str = include_str!("../www/examples/khanh-hoa-q3-2024.txt");

fn outcome(text: &str) -> Outcome {
    check_text(text, &Options::default()).expect("readable")
}

/// The narrative checks of a text.
fn narrative(text: &str) -> Vec<Check> {
    outcome(text)
        .checks
        .into_iter()
        .filter(|c| c.kind == Kind::Narrative)
        .collect()
}

/// What a narrative check evaluated: the part of its id after `narrative:`, up to the next `:`.
fn what(c: &Check) -> &str {
    c.id.split(':').nth(1).unwrap_or("")
}

/// The only narrative check of `text`, of kind `kind`.
fn only(text: &str, kind: &str) -> Check {
    let found: Vec<Check> = narrative(text)
        .into_iter()
        .filter(|c| what(c) == kind)
        .collect();
    assert_eq!(found.len(), 1, "{text}\n{found:#?}");
    found.into_iter().next().expect("one")
}

fn assert_status(text: &str, kind: &str, status: Status) -> Check {
    let c = only(text, kind);
    assert_eq!(c.status, status, "{text}\n{}", c.message());
    c
}

// -------------------------------------------------------------------------------------------------
// 1. The seed report.

/// A statement of the seed: its line, what is checked, how it must come out, the figure the text
/// prints, the table cells it is compared with (none for arithmetic inside the text), and what
/// it says, verified by hand.
struct Statement {
    line: usize,
    what: &'static str,
    status: Status,
    reported: &'static str,
    cells: &'static [&'static str],
    says: &'static str,
}

const fn s(
    line: usize,
    what: &'static str,
    status: Status,
    reported: &'static str,
    cells: &'static [&'static str],
    says: &'static str,
) -> Statement {
    Statement {
        line,
        what,
        status,
        reported,
        cells,
        says,
    }
}

use Status::{Pass, Warn};

const B03_ON_TIME_ALL: &[&str] = &[
    "B03/3.1.2",
    "B03/3.2.2",
    "B03/3.3.2",
    "B03/3.1.1",
    "B03/3.2.1",
    "B03/3.3.1",
];

/// Every statement of the seed's narrative the checker evaluates, each verified by hand.
const SEED_STATEMENTS: &[Statement] = &[
    s(
        29,
        "table",
        Pass,
        "29.000",
        &["B01/6.1"],
        "29.000 phiếu khảo sát = B01/6.1",
    ),
    s(
        37,
        "sum",
        Pass,
        "20",
        &[],
        "kiểm tra 20/30 cơ quan, trong đó 08 + 03 = 11 ≤ 20",
    ),
    s(37, "bound", Pass, "20/30", &[], "20/30 cơ quan: 20 ≤ 30"),
    s(
        37,
        "table",
        Pass,
        "08",
        &["B01/3.1"],
        "08 cơ quan chuyên môn cấp tỉnh đã kiểm tra = B01/3.1",
    ),
    // A real inconsistency of the seed: the text says the inspection teams visited 03 district
    // people's committees ("03 UBND các huyện, thị xã, thành phố"), while form 01 row 3.2 "Số
    // UBND cấp huyện đã kiểm tra" says 11 — which is 08 + 03, the two kinds added up: the total
    // was typed into the district row.
    s(
        37,
        "table",
        Warn,
        "03",
        &["B01/3.2"],
        "03 UBND cấp huyện đã kiểm tra ≠ B01/3.2 (11)",
    ),
    s(
        99,
        "sum",
        Pass,
        "127",
        &[],
        "127 nhiệm vụ; kết quả: 86 + 22 + 19 = 127",
    ),
    s(
        99,
        "table",
        Pass,
        "127",
        &["B01/5.1"],
        "127 nhiệm vụ được giao = B01/5.1",
    ),
    s(
        99,
        "table",
        Pass,
        "86",
        &["B01/5.2"],
        "86 nhiệm vụ hoàn thành đúng hạn = B01/5.2",
    ),
    s(
        123,
        "sum",
        Pass,
        "60",
        &[],
        "60 văn bản QPPL (06 + 06 + 45 + 03)",
    ),
    s(
        123,
        "table",
        Pass,
        "60",
        &["B02/1"],
        "60 văn bản QPPL = B02/1",
    ),
    s(
        123,
        "table",
        Pass,
        "12",
        &["B02/1.1"],
        "06 NQ HĐND tỉnh + 06 QĐ UBND tỉnh = B02/1.1 (12)",
    ),
    s(
        123,
        "table",
        Pass,
        "45",
        &["B02/1.2"],
        "45 QĐ UBND cấp huyện = B02/1.2",
    ),
    s(
        123,
        "table",
        Pass,
        "03",
        &["B02/1.3"],
        "03 QĐ UBND cấp xã = B02/1.3",
    ),
    s(
        159,
        "sum",
        Pass,
        "08",
        &[],
        "tự kiểm tra 08 quyết định (gồm 06; 02)",
    ),
    s(
        159,
        "table",
        Pass,
        "34",
        &["B02/2.1"],
        "kiểm tra theo thẩm quyền 34 quyết định = B02/2.1",
    ),
    s(
        161,
        "table",
        Pass,
        "12",
        &["B02/3.1"],
        "số văn bản đã rà soát: 12 = B02/3.1",
    ),
    s(
        161,
        "table",
        Pass,
        "08",
        &["B02/3.2.1"],
        "cần xử lý sau rà soát: 08 = B02/3.2.1",
    ),
    s(
        161,
        "table",
        Pass,
        "05",
        &["B02/3.2.2"],
        "đã được xử lý xong: 05 = B02/3.2.2",
    ),
    s(
        171,
        "remainder",
        Pass,
        "69",
        &[],
        "giải quyết xong 58/69; đang giải quyết 11: 58 + 11 = 69",
    ),
    s(173, "count", Pass, "04", &[], "04 Hội thảo: four listed"),
    s(
        199,
        "sum",
        Pass,
        "2.189",
        &[],
        "2.189 thủ tục, trong đó 1.664 + 341 + 184 = 2.189",
    ),
    s(
        199,
        "table",
        Pass,
        "175",
        &["B03/1.2"],
        "175 thủ tục ban hành mới = B03/1.2",
    ),
    s(
        199,
        "table",
        Pass,
        "121",
        &["B03/1.3"],
        "121 thủ tục bãi bỏ = B03/1.3",
    ),
    s(
        199,
        "table",
        Pass,
        "2.189",
        &["B03/1.4"],
        "2.189 TTHC thuộc thẩm quyền = B03/1.4",
    ),
    s(
        199,
        "table",
        Pass,
        "1.664",
        &["B03/1.4.1"],
        "cấp tỉnh 1.664 = B03/1.4.1",
    ),
    s(
        199,
        "table",
        Pass,
        "341",
        &["B03/1.4.2"],
        "cấp huyện 341 = B03/1.4.2",
    ),
    s(
        199,
        "table",
        Pass,
        "184",
        &["B03/1.4.3"],
        "cấp xã 184 = B03/1.4.3",
    ),
    s(
        215,
        "ratio",
        Pass,
        "99,59",
        &[],
        "120.067 / 120.561 = 99,59%",
    ),
    s(
        215,
        "table",
        Pass,
        "120.561",
        &["B03/3.1.1", "B03/3.2.1", "B03/3.3.1"],
        "120.561 đã giải quyết = 66.959 + 11.443 + 42.159",
    ),
    s(
        215,
        "table",
        Pass,
        "120.067",
        &["B03/3.1.2", "B03/3.2.2", "B03/3.3.2"],
        "120.067 đúng hạn = 66.687 + 11.317 + 42.063",
    ),
    s(
        215,
        "table",
        Pass,
        "99,59",
        B03_ON_TIME_ALL,
        "99,59% of the three levels = B03 sums",
    ),
    s(
        215,
        "table",
        Pass,
        "99,59",
        &["B03/3.1"],
        "đúng hạn cấp tỉnh 99,59% = B03/3.1",
    ),
    s(
        215,
        "table",
        Pass,
        "98,90",
        &["B03/3.2"],
        "đúng hạn UBND cấp huyện 98,90% = B03/3.2",
    ),
    s(
        215,
        "table",
        Pass,
        "99,77",
        &["B03/3.3"],
        "đúng hạn UBND cấp xã 99,77% = B03/3.3",
    ),
    s(
        217,
        "ratio",
        Pass,
        "99,98",
        &[],
        "1.363.786 / 1.364.090 = 99,98% (ngành dọc)",
    ),
    s(
        219,
        "flow",
        Pass,
        "232",
        &[],
        "232 PAKN: 221 giải quyết + 11 đang trong hạn = 232",
    ),
    // "(đạt tỷ lệ 100%)": 221 / 232 is 95,26%, but 11 are still within their time limit: of the
    // 221 due, 221 were resolved, 100%. The rate is judged on the items due, and says so.
    s(219, "ratio", Pass, "100", &[], "221 / (232 − 11) = 100%"),
    s(
        219,
        "table",
        Pass,
        "232",
        &["B03/3.4.1"],
        "232 PAKN tiếp nhận = B03/3.4.1",
    ),
    s(
        219,
        "table",
        Pass,
        "221",
        &["B03/3.4.2"],
        "221 PAKN giải quyết = B03/3.4.2",
    ),
    s(
        245,
        "count",
        Pass,
        "02",
        &[],
        "02 quyết định ủy quyền: two listed",
    ),
    s(
        261,
        "sum",
        Pass,
        "255",
        &[],
        "còn 255 thôn, tổ dân phố (66 + 189)",
    ),
    s(
        261,
        "change",
        Pass,
        "43",
        &[],
        "sáp nhập 95 thành 53, giải thể 01: giảm 42 + 1 = 43",
    ),
    s(
        261,
        "sum",
        Pass,
        "77",
        &[],
        "còn 77 thôn, tổ dân phố (65 + 12)",
    ),
    s(
        261,
        "change",
        Pass,
        "1",
        &[],
        "sáp nhập 02 thôn thành 01: giảm 1 thôn",
    ),
    s(
        279,
        "table",
        Pass,
        "73",
        &["B05/2.1"],
        "73 công chức tuyển dụng = B05/2.1",
    ),
    s(
        279,
        "table",
        Pass,
        "02",
        &["B05/2.2"],
        "02 công chức trường hợp đặc biệt = B05/2.2",
    ),
    s(
        279,
        "table",
        Pass,
        "01",
        &["B05/2.3"],
        "xét chuyển 01 công chức = B05/2.3",
    ),
    s(
        281,
        "count",
        Pass,
        "03",
        &[],
        "03 cơ quan (Sở Du lịch, UBND TP Cam Ranh và UBND huyện Vạn Ninh)",
    ),
    s(
        281,
        "table",
        Pass,
        "144",
        &["B05/2.4"],
        "tuyển dụng viên chức (144 trường hợp) = B05/2.4",
    ),
    s(295, "count", Pass, "02", &[], "02 Nghị quyết: two listed"),
    s(
        315,
        "ratio",
        Pass,
        "32,53",
        &[],
        "2.990.163 / 9.191.517 = 32,53%",
    ),
    s(
        315,
        "table",
        Pass,
        "2.990.163",
        &["B06/1.2"],
        "đã giải ngân 2.990.163 triệu đồng = B06/1.2",
    ),
    s(
        315,
        "table",
        Pass,
        "9.191.517",
        &["B06/1.1"],
        "kế hoạch 9.191.517 triệu đồng = B06/1.1",
    ),
    s(
        315,
        "table",
        Pass,
        "32,53",
        &["B06/1"],
        "tỷ lệ giải ngân 32,53% = B06/1",
    ),
    s(
        317,
        "sum",
        Pass,
        "11.481",
        &[],
        "11.481 tỷ đồng. Trong đó: 5.119 + 6.280 = 11.399 ≤ 11.481",
    ),
    s(319, "ratio", Pass, "93,93", &[], "3.638 / 3.873 = 93,93%"),
    s(
        319,
        "ratio",
        Pass,
        "6,1",
        &[],
        "chưa thực hiện 235 / 3.873 = 6,1%",
    ),
    s(
        319,
        "remainder",
        Pass,
        "3.873",
        &[],
        "3.638 + 235 = 3.873 tỷ đồng",
    ),
    s(323, "ratio", Pass, "19,16", &[], "118 / 616 = 19,16%"),
    s(
        323,
        "sum",
        Pass,
        "616",
        &[],
        "bullets 09 + 31 + 78 + 498 = 616",
    ),
    s(
        325,
        "table",
        Pass,
        "09",
        &["B06/2.2"],
        "tự chủ chi thường xuyên và chi đầu tư: 09 = B06/2.2",
    ),
    s(
        327,
        "table",
        Pass,
        "31",
        &["B06/2.3"],
        "tự chủ 100% chi thường xuyên: 31 = B06/2.3",
    ),
    s(
        329,
        "sum",
        Pass,
        "78",
        &[],
        "78, trong đó: 07 + 36 + 35 = 78",
    ),
    s(
        329,
        "table",
        Pass,
        "78",
        &["B06/2.4"],
        "tự chủ một phần: 78 = B06/2.4",
    ),
    s(
        331,
        "table",
        Pass,
        "07",
        &["B06/2.4.1"],
        "70% – dưới 100%: 07 = B06/2.4.1",
    ),
    s(
        333,
        "table",
        Pass,
        "36",
        &["B06/2.4.2"],
        "30% – dưới 70%: 36 = B06/2.4.2",
    ),
    s(
        335,
        "table",
        Pass,
        "35",
        &["B06/2.4.3"],
        "10% – dưới 30%: 35 = B06/2.4.3",
    ),
    s(
        337,
        "table",
        Pass,
        "498",
        &["B06/2.5"],
        "nhà nước đảm bảo: 498 = B06/2.5",
    ),
    s(
        347,
        "remainder",
        Pass,
        "139",
        &[],
        "136/139 Tổ (trừ 03 …): 136 + 3 = 139",
    ),
    s(
        347,
        "sum",
        Pass,
        "145",
        &[],
        "145 Tổ công tác, gồm: 01 + 08 + 136 = 145",
    ),
    s(
        347,
        "bound",
        Pass,
        "08/09",
        &[],
        "08/09 Tổ công tác cấp huyện: 8 ≤ 9",
    ),
    s(363, "count", Pass, "16", &[], "16 hệ thống: sixteen listed"),
    // A real inconsistency of the seed: "53 cơ quan cấp tỉnh, bao gồm 44 cơ quan chuyên môn, cơ
    // quan ngành dọc, ĐVSNCL thuộc tỉnh và 19 cơ quan Đảng, mặt trận và đoàn thể": 44 + 19 = 63,
    // not 53 (`bao gồm`: the parts make the whole).
    s(
        369,
        "sum",
        Warn,
        "53",
        &[],
        "53 cơ quan cấp tỉnh, bao gồm 44 + 19 = 63",
    ),
    s(
        369,
        "table",
        Pass,
        "95,00",
        &["B07/5.2"],
        "văn bản điện tử 95,00% = B07/5.2",
    ),
    s(
        375,
        "sum",
        Pass,
        "164",
        &[],
        "164 cổng/trang (20 + 08 + 136)",
    ),
    s(375, "bound", Pass, "20/21", &[], "20/21 cơ quan chuyên môn"),
    s(375, "bound", Pass, "08/08", &[], "08/08 UBND cấp huyện"),
    s(375, "bound", Pass, "136/136", &[], "136/136 UBND cấp xã"),
    s(
        381,
        "flow",
        Pass,
        "213",
        &[],
        "213 PAKN: từ chối 68 + chuyển 145 = 213",
    ),
    s(385, "ratio", Pass, "76,33", &[], "56.863 / 74.501 = 76,33%"),
    s(
        385,
        "sum",
        Pass,
        "51.385",
        &[],
        "51.385 lượt (trong đó 10.126 + 41.259)",
    ),
    s(
        385,
        "sum",
        Pass,
        "59.033.653.036",
        &[],
        "59.033.653.036 đồng (trong đó 52.795.800.826 + 6.237.852.210)",
    ),
    s(
        385,
        "table",
        Pass,
        "56.863",
        &["B07/6.4.2"],
        "56.863 hồ sơ trực tuyến = B07/6.4.2",
    ),
    s(
        385,
        "table",
        Pass,
        "74.501",
        &["B07/6.4.1"],
        "74.501 hồ sơ = B07/6.4.1",
    ),
    s(
        385,
        "table",
        Pass,
        "76,33",
        &["B07/6.4"],
        "76,33% = B07/6.4",
    ),
    s(
        387,
        "sum",
        Pass,
        "1.305.999",
        &[],
        "1.305.999 hồ sơ, trong đó five agencies add up exactly",
    ),
    s(395, "count", Pass, "05", &[], "05/09 CQHCCN (five named)"),
    s(395, "bound", Pass, "05/09", &[], "05/09 CQHCCN: 5 ≤ 9"),
    s(
        405,
        "table",
        Pass,
        "99,59",
        B03_ON_TIME_ALL,
        "đánh giá chung: đúng hạn 99,59% = B03 sums",
    ),
    s(
        405,
        "table",
        Pass,
        "76,33",
        &["B07/6.4"],
        "đánh giá chung: trực tuyến 76,33% = B07/6.4",
    ),
];

/// Statements of the seed verified by hand that the checker does not evaluate, and why: the
/// denominator of the recall.
const NOT_EVALUATED: &[(usize, &str)] = &[
    (61, "5 biết gồm: 5 listed; 5 rõ: 5; 3 không: 3; 3 thể hiện: 3 — slogans counted by words, not \
          read on purpose (`5 biết, 5 rõ` must never be arithmetic)"),
    (61, "4 Xin và 04 Luôn (4 + 4 listed) — same"),
    (69, "riêng Cổng CCHC: 355 tin bài ≤ 563 — `riêng` next to running totals (`lũy kế`) in the same \
          parenthesis: not pinned down"),
    (267, "22 quyết định phê duyệt vị trí việc làm vs B05/1.1 (22 cơ quan) — not the same unit"),
    (313, "87,7% dự toán, vượt 21% so với tiến độ, tăng 3.502 tỷ đồng — needs the 8-month schedule \
           (8/12 of the budget), which the text does not state"),
    (347, "08/09 Tổ công tác cấp huyện (trừ huyện Trường Sa): 9 − 8 = 1 named district"),
    (381, "đã giải quyết 129 ≤ 145 chuyển đi — which figure 129 is a part of is not said"),
    (405, "51.385 lượt, 59.033.653.036 đồng, 81,71%, 87,7% repeated from lines 385, 231, 313 — \
           repetitions of text-only figures are not compared with each other"),
];

#[test]
fn seed_statements_are_found_and_judged_right() {
    let checks = narrative(SEED);
    let mut found = 0;
    let mut right = 0;
    let mut used = vec![false; checks.len()];
    println!("line  what       status  reported          says");
    for st in SEED_STATEMENTS {
        let hit = checks.iter().enumerate().position(|(i, c)| {
            !used[i]
                && c.line == Some(st.line)
                && what(c) == st.what
                && c.reported.as_deref() == Some(st.reported)
                && c.cells == st.cells
        });
        let mark = match hit {
            Some(i) => {
                used[i] = true;
                found += 1;
                if checks[i].status == st.status {
                    right += 1;
                    "ok"
                } else {
                    "WRONG"
                }
            }
            None => "MISSING",
        };
        println!(
            "{:>4}  {:<9}  {:<6}  {:<16}  {} [{mark}]",
            st.line,
            st.what,
            format!("{:?}", st.status),
            st.reported,
            st.says
        );
        let Some(i) = hit else {
            panic!(
                "not evaluated: line {} {} {}",
                st.line, st.what, st.reported
            );
        };
        assert_eq!(checks[i].status, st.status, "{}", checks[i].message());
    }
    let total = SEED_STATEMENTS.len() + NOT_EVALUATED.len();
    println!(
        "\nstatements verified by hand: {total}; evaluated: {found}; judged right: {right}; \
         recall {found}/{total} = {:.0}%",
        100.0 * found as f64 / total as f64
    );
    for (line, why) in NOT_EVALUATED {
        println!("  not evaluated, line {line}: {why}");
    }
    // Every statement verified by hand is still found and judged as it was verified (each is
    // asserted above); a rule that learns to read more of the seed may add checks, but none of
    // them may warn: the seed's only inconsistencies are the two of
    // `seed_warnings_are_only_the_two_real_inconsistencies`.
    assert_eq!(found, SEED_STATEMENTS.len());
    assert_eq!(right, found);
    let extra: Vec<&str> = checks
        .iter()
        .zip(&used)
        .filter(|(c, u)| !**u && c.status != Status::Pass)
        .map(|(c, _)| c.id.as_str())
        .collect();
    assert!(
        extra.is_empty(),
        "warnings not verified by hand: {extra:#?}"
    );
}

#[test]
fn seed_warnings_are_only_the_two_real_inconsistencies() {
    let o = outcome(SEED);
    let warned: Vec<(&str, Option<usize>)> = o
        .checks
        .iter()
        .filter(|c| c.kind == Kind::Narrative && c.status != Status::Pass)
        .map(|c| (c.id.as_str(), c.line))
        .collect();
    assert_eq!(
        warned,
        [
            ("narrative:table:B01/3.2=03", Some(37)),
            ("narrative:sum:44+19=53", Some(369)),
        ]
    );
    // Never a failure: a reading of a sentence is an interpretation, the tables stay the judge.
    assert_eq!(o.summary.fail, 0);
    let district = o
        .checks
        .iter()
        .find(|c| c.id == "narrative:table:B01/3.2=03")
        .unwrap();
    // Both places are quoted: the sentence and the row.
    assert!(
        district.message().contains("03 UBND các huyện"),
        "{}",
        district.message()
    );
    assert!(
        district
            .message()
            .contains("dòng 3.2 «Số UBND cấp huyện đã kiểm tra»"),
        "{}",
        district.message()
    );
    assert!(
        district.message().contains("ghi 11"),
        "{}",
        district.message()
    );
    assert_eq!(district.expected.as_deref(), Some("11"));
    let sum = o
        .checks
        .iter()
        .find(|c| c.id == "narrative:sum:44+19=53")
        .unwrap();
    assert_eq!(sum.expected.as_deref(), Some("63"));
    assert_eq!(sum.imbalance.as_deref(), Some("-10"));
    assert!(
        sum.message().contains("44 + 19 = 63 cơ quan"),
        "{}",
        sum.message()
    );
}

#[test]
fn seed_narrative_checks_count_in_the_summary_and_the_json() {
    let o = outcome(SEED);
    let tables_only = o
        .checks
        .iter()
        .filter(|c| c.kind != Kind::Narrative)
        .count();
    let narrative = o.checks.len() - tables_only;
    assert!(narrative >= SEED_STATEMENTS.len());
    assert_eq!(
        o.summary.pass + o.summary.warn + o.summary.fail + o.summary.na,
        o.checks.len()
    );
    // The narrative comes after the table checks.
    let first = o
        .checks
        .iter()
        .position(|c| c.kind == Kind::Narrative)
        .unwrap();
    assert_eq!(first, tables_only);
    let json: serde_json::Value = serde_json::from_str(&o.to_json()).unwrap();
    let checks = json["checks"].as_array().unwrap();
    let ratio = checks
        .iter()
        .find(|c| c["id"] == "narrative:ratio:120.067/120.561×100=99,59")
        .unwrap();
    assert_eq!(ratio["kind"], "narrative");
    assert_eq!(ratio["status"], "pass");
    assert_eq!(ratio["line"], 215);
    assert_eq!(ratio["cells"].as_array().unwrap().len(), 0);
    assert_eq!(ratio["expected"], "99,59");
    assert!(ratio["quote"]
        .as_str()
        .unwrap()
        .contains("trong đó đúng hạn 120.067 hồ sơ, đạt tỷ lệ 99,59%"));
    let table = checks
        .iter()
        .find(|c| c["id"] == "narrative:table:B03/3.2=98,90")
        .unwrap();
    assert_eq!(table["cells"], serde_json::json!(["B03/3.2"]));
    assert!(table["quote"]
        .as_str()
        .unwrap()
        .ends_with("UBND cấp huyện 98,90%…"));
    // Table checks carry no quote.
    let table_rule = checks.iter().find(|c| c["kind"] == "ratio").unwrap();
    assert!(table_rule["quote"].is_null());
}

#[test]
fn seed_sentence_cut_by_a_page_break_is_read_whole() {
    // Line 37 ends with "(gọi", the footnotes of the page follow, and the sentence ends on line
    // 47 with "chung là UBND cấp huyện).": one sentence, reported at line 37.
    let checks = narrative(SEED);
    let sum = checks
        .iter()
        .find(|c| c.id == "narrative:sum:08+03=20")
        .unwrap();
    assert_eq!(sum.line, Some(37));
    assert!(sum
        .quote
        .as_deref()
        .unwrap()
        .contains("(gọi chung là UBND cấp huyện)"));
    // "…phê duyệt vị trí việc làm … cho 100% cơ sở giáo dục nghề nghiệp," continues after a
    // footnote on line 271 with "100% cơ sở y tế": no figure is cut, no footnote is read.
    assert!(checks.iter().all(|c| c.line != Some(269)));
}

#[test]
fn seed_edit_of_a_table_cell_is_seen_from_the_text() {
    // The what-if of a meeting: correct B01/3.2 to what the text says.
    let options = Options {
        overrides: BTreeMap::from([("B01/3.2".to_string(), "03".to_string())]),
        ..Options::default()
    };
    let o = check_text(SEED, &options).unwrap();
    let c = o
        .checks
        .iter()
        .find(|c| c.id == "narrative:table:B01/3.2=03")
        .unwrap();
    assert_eq!(c.status, Status::Pass, "{}", c.message());
    // And an edit that breaks a figure the text repeats.
    let options = Options {
        overrides: BTreeMap::from([("B03/3.2".to_string(), "98,80".to_string())]),
        ..Options::default()
    };
    let o = check_text(SEED, &options).unwrap();
    let c = o
        .checks
        .iter()
        .find(|c| c.id == "narrative:table:B03/3.2=98,90")
        .unwrap();
    assert_eq!(c.status, Status::Warn, "{}", c.message());
    assert!(c.message().contains("98,80%"), "{}", c.message());
    assert!(c.message().contains("chênh 0,10 điểm %"), "{}", c.message());
}

// -------------------------------------------------------------------------------------------------
// 2. Invented sentences, pattern by pattern.

#[test]
fn a_fraction_and_its_percentage() {
    let c = assert_status(
        "Trong kỳ đã giải quyết 180/200 hồ sơ, đạt tỷ lệ 90%.",
        "ratio",
        Status::Pass,
    );
    assert_eq!(c.formula.as_deref(), Some("180 / 200 × 100"));
    let c = assert_status(
        "Trong kỳ đã giải quyết 180/200 hồ sơ, đạt tỷ lệ 91%.",
        "ratio",
        Status::Warn,
    );
    assert_eq!(c.expected.as_deref(), Some("90"));
    assert_eq!(c.imbalance.as_deref(), Some("+1"));
    assert!(
        c.message()
            .contains("ghi tỷ lệ 91% nhưng 180 / 200 × 100 = 90%"),
        "{}",
        c.message()
    );
}

#[test]
fn percentages_follow_the_rounding_rule_of_the_tables() {
    // 19 / 61 = 31,1475…%
    for (p, status) in [
        ("31,15", Status::Pass),
        ("31,1", Status::Pass),
        ("31", Status::Pass),
        ("31,14", Status::Warn),
        ("31,2", Status::Warn),
    ] {
        let text = format!("Kế hoạch CCHC: đã hoàn thành 19/61 nhiệm vụ, đạt {p}%.");
        assert_status(&text, "ratio", status);
    }
}

#[test]
fn out_of_a_total() {
    assert_status(
        "Tiếp nhận 56.863 hồ sơ trực tuyến trên tổng số 74.501 hồ sơ, đạt tỷ lệ 76,33%.",
        "ratio",
        Status::Pass,
    );
    assert_status(
        "Tiếp nhận 56.863 hồ sơ trực tuyến trên tổng số 74.501 hồ sơ, đạt tỷ lệ 76,30%.",
        "ratio",
        Status::Warn,
    );
    // Amounts of money: millions of đồng out of millions of đồng.
    assert_status(
        "Đã giải ngân 2.990.163 triệu đồng trên 9.191.517 triệu đồng kế hoạch giao, đạt tỷ lệ 32,53%.",
        "ratio",
        Status::Pass,
    );
}

#[test]
fn received_resolved_on_time() {
    // The percentage after `đúng hạn K` is read first as of the dossiers resolved; provinces
    // that compute it over the dossiers received (Gia Lai's one-stop statistics do) are not
    // wrong: a rate that matches a base the sentence names is not judged.
    let base =
        "Tiếp nhận 200 hồ sơ, đã giải quyết 180 hồ sơ, trong đó đúng hạn 171 hồ sơ, đạt tỷ lệ";
    assert_status(&format!("{base} 95%."), "ratio", Status::Pass);
    let c = assert_status(&format!("{base} 85,5%."), "ratio", Status::Pass);
    assert_eq!(c.formula.as_deref(), Some("171 / 200 × 100"));
    let c = assert_status(&format!("{base} 80%."), "ratio", Status::Warn);
    assert_eq!(c.formula.as_deref(), Some("171 / 180 × 100"));
    // After `giải quyết M`, it is of those received.
    assert_status(
        "Tiếp nhận 200 hồ sơ, đã giải quyết 180 hồ sơ, đạt tỷ lệ 90%.",
        "ratio",
        Status::Pass,
    );
    assert_status(
        "Tiếp nhận 200 hồ sơ, đã giải quyết 180 hồ sơ, đạt tỷ lệ 95%.",
        "ratio",
        Status::Warn,
    );
}

#[test]
fn a_share_of_a_whole() {
    let base = "Đã thực hiện 3.638/3.873 tỷ đồng, đạt tỷ lệ 93,93%, chưa thực hiện 235 tỷ đồng, chiếm tỷ lệ";
    let ok: Vec<Check> = narrative(&format!("{base} 6,1%."));
    assert!(ok.iter().all(|c| c.status == Status::Pass), "{ok:#?}");
    assert_eq!(ok.iter().filter(|c| what(c) == "ratio").count(), 2);
    let wrong = narrative(&format!("{base} 7,1%."));
    let bad: Vec<&Check> = wrong.iter().filter(|c| c.status == Status::Warn).collect();
    assert_eq!(bad.len(), 1, "{wrong:#?}");
    assert_eq!(bad[0].formula.as_deref(), Some("235 / 3.873 × 100"));
}

#[test]
fn a_percentage_without_its_pair_is_not_judged() {
    for text in [
        "Tỷ lệ hồ sơ đúng hạn đạt 98%, tiếp nhận 500 hồ sơ.",
        "Tỉnh có 45 cơ quan, đạt 90% kế hoạch.",
        "Tiếp nhận 1.305.999 hồ sơ trực tuyến, đạt tỷ lệ 97,20%.",
        "Công an tỉnh, Cục Thuế tỉnh đạt lần lượt là 99,98%, 99,97%.",
    ] {
        let found = narrative(text);
        assert!(
            found.iter().all(|c| what(c) != "ratio"),
            "{text}: {found:#?}"
        );
    }
}

#[test]
fn parts_that_make_the_whole() {
    let c = assert_status(
        "Tỉnh có 45 cơ quan, bao gồm 30 cơ quan chuyên môn và 15 đơn vị sự nghiệp.",
        "sum",
        Status::Pass,
    );
    assert_eq!(c.formula.as_deref(), Some("30 + 15"));
    let c = assert_status(
        "Tỉnh có 45 cơ quan, bao gồm 30 cơ quan chuyên môn và 16 đơn vị sự nghiệp.",
        "sum",
        Status::Warn,
    );
    assert_eq!(c.expected.as_deref(), Some("46"));
    assert!(
        c.message().contains("ghi 45 cơ quan nhưng"),
        "{}",
        c.message()
    );
    assert_status(
        "Đã thành lập 145 Tổ công tác, gồm: 01 Tổ công tác cấp tỉnh; 08/09 Tổ công tác cấp huyện; 136/139 Tổ công tác cấp xã.",
        "sum",
        Status::Pass,
    );
    assert_status(
        "Đã thành lập 146 Tổ công tác, gồm: 01 Tổ công tác cấp tỉnh; 08/09 Tổ công tác cấp huyện; 136/139 Tổ công tác cấp xã.",
        "sum",
        Status::Warn,
    );
}

#[test]
fn parts_that_may_be_only_some() {
    let c = assert_status(
        "Tổng số TTHC là 2.189 thủ tục, trong đó: cấp tỉnh 1.664, cấp huyện 341, cấp xã 184.",
        "sum",
        Status::Pass,
    );
    assert_eq!(c.expected.as_deref(), Some("≤ 2.189"));
    let c = assert_status(
        "Tổng số TTHC là 2.189 thủ tục, trong đó: cấp tỉnh 1.000, cấp huyện 341.",
        "sum",
        Status::Pass,
    );
    assert!(c.message().contains("còn 848 thủ tục"), "{}", c.message());
    let c = assert_status(
        "Tổng số TTHC là 2.189 thủ tục, trong đó: cấp tỉnh 1.664, cấp huyện 441, cấp xã 184.",
        "sum",
        Status::Warn,
    );
    assert!(c.message().contains("vượt 100 thủ tục"), "{}", c.message());
    // One part alone is no list.
    assert!(
        narrative("Tổng số là 2.189 thủ tục, trong đó có 184 thủ tục cấp xã.")
            .iter()
            .all(|c| what(c) != "sum")
    );
    // A list that counts other things than the whole is not its breakdown.
    assert!(narrative(
        "Đã ban hành 36 quyết định công bố TTHC, trong đó có 175 thủ tục ban hành mới, 188 thủ tục sửa đổi, 121 thủ tục bãi bỏ."
    )
    .iter()
    .all(|c| what(c) != "sum"));
}

#[test]
fn a_whole_in_the_sentence_before() {
    assert_status(
        "Chi ngân sách 09 tháng là 11.481 tỷ đồng. Trong đó: chi đầu tư 5.119 tỷ đồng; chi thường xuyên 6.280 tỷ đồng.",
        "sum",
        Status::Pass,
    );
    assert_status(
        "Chi ngân sách 09 tháng là 11.481 tỷ đồng. Trong đó: chi đầu tư 5.119 tỷ đồng; chi thường xuyên 6.480 tỷ đồng.",
        "sum",
        Status::Warn,
    );
}

#[test]
fn a_breakdown_in_parentheses() {
    let text = "Đã ban hành 60 văn bản QPPL (06 Nghị quyết của HĐND tỉnh, 06 Quyết định của UBND tỉnh, 45 Quyết định của UBND cấp huyện, 03 Quyết định của UBND cấp xã).";
    let c = assert_status(text, "sum", Status::Pass);
    assert_eq!(c.formula.as_deref(), Some("06 + 06 + 45 + 03"));
    assert_status(&text.replace("03 Quyết", "04 Quyết"), "sum", Status::Warn);
    assert_status(
        "Thành phố còn 255 thôn, tổ dân phố (66 thôn, 189 tổ dân phố).",
        "sum",
        Status::Pass,
    );
    assert_status(
        "Thành phố còn 255 thôn, tổ dân phố (66 thôn, 190 tổ dân phố).",
        "sum",
        Status::Warn,
    );
}

#[test]
fn money_in_dong_and_counts_of_turns() {
    assert_status(
        "Thu 59.033.653.036 đồng (trong đó: lệ phí 52.795.800.826 đồng; phí 6.237.852.210 đồng).",
        "sum",
        Status::Pass,
    );
    let c = assert_status(
        "Thu 59.033.653.036 đồng (trong đó: lệ phí 52.795.800.826 đồng; phí 6.337.852.210 đồng).",
        "sum",
        Status::Warn,
    );
    assert_eq!(c.expected.as_deref(), Some("≤ 59.033.653.036"));
    assert!(
        c.message().contains("vượt 100.000.000 đồng"),
        "{}",
        c.message()
    );
    assert_status(
        "Phát sinh 51.385 lượt thanh toán (trong đó: 10.126 lượt nộp thuế; 41.259 lượt nộp phí).",
        "sum",
        Status::Pass,
    );
}

#[test]
fn a_list_of_statuses_covers_the_whole() {
    // Done, in progress and waiting: every task has one status, so they add up to the total.
    let base = "UBND tỉnh nhận được 127 nhiệm vụ; kết quả thống kê có 86 nhiệm vụ đã hoàn thành, 22 nhiệm vụ đang thực hiện,";
    assert_status(
        &format!("{base} 19 nhiệm vụ đang chờ xác nhận."),
        "sum",
        Status::Pass,
    );
    let c = assert_status(
        &format!("{base} 18 nhiệm vụ đang chờ xác nhận."),
        "sum",
        Status::Warn,
    );
    assert_eq!(c.expected.as_deref(), Some("126"));
}

#[test]
fn bullets_under_a_header() {
    let header = "Đã giao quyền tự chủ cho 118/616 đơn vị, đạt tỷ lệ 19,16%. Cụ thể:\n";
    let bullets = "- Tự bảo đảm chi thường xuyên và chi đầu tư: 09\n- Tự bảo đảm chi thường xuyên: 31\n\
                   - Tự bảo đảm một phần chi thường xuyên: 78, trong đó:\n+ Từ 70% - dưới 100%: 07\n\
                   + Từ 30% - dưới 70%: 36\n+ Từ 10% - dưới 30%: 35\n- Nhà nước bảo đảm: 498.\n";
    let ok = narrative(&format!("{header}{bullets}"));
    let sums: Vec<&Check> = ok.iter().filter(|c| what(c) == "sum").collect();
    assert_eq!(sums.len(), 2, "{ok:#?}");
    assert!(sums.iter().all(|c| c.status == Status::Pass), "{sums:#?}");
    assert_eq!(sums[0].line, Some(1));
    assert_eq!(sums[1].line, Some(4));
    // A wrong sub-bullet breaks the sub-list only.
    let wrong = narrative(&format!("{header}{}", bullets.replace(": 36", ": 37")));
    let bad: Vec<&Check> = wrong.iter().filter(|c| c.status == Status::Warn).collect();
    assert_eq!(bad.len(), 1, "{wrong:#?}");
    assert_eq!(bad[0].reported.as_deref(), Some("78"));
    // A wrong bullet: 615 is neither 118 nor 616.
    let wrong = narrative(&format!("{header}{}", bullets.replace(": 498", ": 497")));
    let bad: Vec<&Check> = wrong.iter().filter(|c| c.status == Status::Warn).collect();
    assert_eq!(bad.len(), 1, "{wrong:#?}");
    assert_eq!(bad[0].reported.as_deref(), Some("118"));
    assert!(
        bad[0].message().contains("(số thứ hai trong «118/616»)"),
        "{}",
        bad[0].message()
    );
}

#[test]
fn the_rest_of_a_fraction() {
    assert_status(
        "Đã giải quyết xong 58/69 kiến nghị; đang giải quyết 11 kiến nghị.",
        "remainder",
        Status::Pass,
    );
    assert_status(
        "Đã giải quyết xong 58/69 kiến nghị; đang giải quyết 12 kiến nghị.",
        "remainder",
        Status::Warn,
    );
    assert_status(
        "Đã thực hiện 3.638/3.873 tỷ đồng, chưa thực hiện 235 tỷ đồng.",
        "remainder",
        Status::Pass,
    );
    let c = assert_status(
        "Đã thực hiện 3.638/3.873 tỷ đồng, chưa thực hiện 335 tỷ đồng.",
        "remainder",
        Status::Warn,
    );
    assert_eq!(c.expected.as_deref(), Some("3.973"));
    assert_status(
        "Thành lập 136/139 Tổ công tác cấp xã (trừ 03 xã đảo).",
        "remainder",
        Status::Pass,
    );
    assert_status(
        "Thành lập 136/139 Tổ công tác cấp xã (trừ 02 xã đảo).",
        "remainder",
        Status::Warn,
    );
}

#[test]
fn a_flow_of_items_received() {
    let c = assert_status(
        "Đã tiếp nhận 232 phản ánh; giải quyết 221 phản ánh; 11 phản ánh đang trong hạn giải quyết.",
        "flow",
        Status::Pass,
    );
    assert_eq!(c.formula.as_deref(), Some("221 + 11"));
    assert_status(
        "Đã tiếp nhận 232 phản ánh; giải quyết 221 phản ánh; 21 phản ánh đang trong hạn giải quyết.",
        "flow",
        Status::Warn,
    );
    assert_status(
        "Hệ thống tiếp nhận 213 phản ánh. Kết quả đã từ chối 68 phản ánh chưa đủ điều kiện; chuyển 145 phản ánh đến cơ quan có thẩm quyền.",
        "flow",
        Status::Pass,
    );
    assert_status(
        "Hệ thống tiếp nhận 213 phản ánh. Kết quả đã từ chối 68 phản ánh chưa đủ điều kiện; chuyển 155 phản ánh đến cơ quan có thẩm quyền.",
        "flow",
        Status::Warn,
    );
}

#[test]
fn mergers_and_dissolutions() {
    let c = assert_status(
        "Sáp nhập 95 tổ dân phố thành 53 tổ dân phố, đổi tên 02 tổ dân phố, giải thể 01 tổ dân phố; thành phố còn 255 thôn, tổ dân phố, giảm 43 tổ dân phố.",
        "change",
        Status::Pass,
    );
    assert_eq!(c.formula.as_deref(), Some("(95 − 53) + 01"));
    let c = assert_status(
        "Sáp nhập 95 tổ dân phố thành 53 tổ dân phố, giải thể 01 tổ dân phố, giảm 42 tổ dân phố.",
        "change",
        Status::Warn,
    );
    assert_eq!(c.expected.as_deref(), Some("43"));
    assert_status(
        "Sáp nhập 02 thôn thành 01 đồng thời đổi tên, sau khi sáp nhập còn 77 thôn, giảm 1 thôn.",
        "change",
        Status::Pass,
    );
}

#[test]
fn a_change_and_its_two_sides() {
    assert_status(
        "Số thôn giảm từ 300 thôn xuống 255 thôn, giảm 45 thôn.",
        "change",
        Status::Pass,
    );
    assert_status(
        "Số thôn giảm từ 300 thôn xuống 255 thôn, giảm 40 thôn.",
        "change",
        Status::Warn,
    );
    assert_status(
        "Năm 2024 tiếp nhận 150 hồ sơ, tăng 30 hồ sơ so với cùng kỳ năm 2023 (120 hồ sơ).",
        "change",
        Status::Pass,
    );
    assert_status(
        "Năm 2024 tiếp nhận 150 hồ sơ, tăng 40 hồ sơ so với cùng kỳ năm 2023 (120 hồ sơ).",
        "change",
        Status::Warn,
    );
    // A relative change of counts.
    assert_status(
        "Năm 2024 tiếp nhận 150 hồ sơ, tăng 25% so với cùng kỳ năm 2023 (120 hồ sơ).",
        "change",
        Status::Pass,
    );
    assert_status(
        "Năm 2024 tiếp nhận 150 hồ sơ, tăng 20% so với cùng kỳ năm 2023 (120 hồ sơ).",
        "change",
        Status::Warn,
    );
    // Percentage points, said so.
    assert_status(
        "Tỷ lệ trực tuyến đạt 76,33%, tăng 3,28 điểm phần trăm so với cùng kỳ (73,05%).",
        "change",
        Status::Pass,
    );
    // `tăng 3,28%` of a percentage: points or relative, whichever holds (here points);
    // `a_change_between_two_rates_in_points_or_relative` has both and neither.
    assert_status(
        "Tỷ lệ trực tuyến đạt 76,33%, tăng 3,28% so với cùng kỳ (73,05%).",
        "change",
        Status::Pass,
    );
    // Only one side stated: nothing to check.
    assert!(
        narrative("Tiếp nhận 56.863 hồ sơ, tăng 12.600 hồ sơ so với cùng kỳ năm 2023.").is_empty()
    );
}

#[test]
fn the_number_of_items_listed() {
    let items =
        "Hội thảo khởi nghiệp; Hội thảo quản trị; Hội thảo công nghệ; Hội thảo khu công nghệ cao.";
    let c = assert_status(
        &format!("Sở tổ chức 04 Hội thảo trên địa bàn tỉnh: {items}"),
        "count",
        Status::Pass,
    );
    assert_eq!(c.expected.as_deref(), Some("4"));
    assert_status(
        &format!("Sở tổ chức 05 Hội thảo trên địa bàn tỉnh: {items}"),
        "count",
        Status::Warn,
    );
    // Examples are not a full list.
    assert!(
        narrative("Ban hành 05 kế hoạch quan trọng, nổi bật như: Kế hoạch A; Kế hoạch B.")
            .is_empty()
    );
    assert_status(
        "Phê duyệt kế hoạch tuyển dụng của 03 cơ quan (Sở Du lịch, UBND thành phố Cam Ranh và UBND huyện Vạn Ninh).",
        "count",
        Status::Pass,
    );
    assert_status(
        "Phê duyệt kế hoạch tuyển dụng của 04 cơ quan (Sở Du lịch, UBND thành phố Cam Ranh và UBND huyện Vạn Ninh).",
        "count",
        Status::Warn,
    );
    // A name with a comma inside cannot be counted for sure: not judged.
    assert!(
        narrative("Kiểm tra 02 cơ quan (Sở Văn hóa, Thể thao và Du lịch, Sở Y tế).").is_empty()
    );
    // "Sở Kế hoạch và Đầu tư" is one agency.
    assert_status(
        "Kiểm tra trực tiếp tại 02 cơ quan (Sở Kế hoạch và Đầu tư, Sở Y tế).",
        "count",
        Status::Pass,
    );
}

#[test]
fn a_part_of_a_fraction_cannot_exceed_it() {
    assert_status("Đoàn đã kiểm tra 20/30 cơ quan.", "bound", Status::Pass);
    let c = assert_status("Đoàn đã kiểm tra 30/20 cơ quan.", "bound", Status::Warn);
    assert!(c.message().contains("30/20"), "{}", c.message());
}

// -------------------------------------------------------------------------------------------------
// 3. Precision.

#[test]
fn dates_codes_years_labels_ranges_are_not_figures() {
    let text = "Thực hiện Thông báo số 363/TB-VPCP ngày 06/8/2024, Đề án 06, Nghị quyết số \
                04/2022/NQ-HĐND, Nghị quyết 09-NQ/TW, Điều 13 khoản 2, lần thứ 2 năm 2024, Kỳ họp thứ 15, \
                TCVN ISO 9001:2015, giai đoạn 2021-2030 và 2024 - 2025, từ ngày 16/9 đến hết năm 2024, \
                tháng 9/2024, Quý III/2024, phiên bản 3.0, Phòng Công chứng số 1, Tỉnh lộ 1B, \
                <https://stc.khanhhoa.gov.vn/?TopicId=f21699d8-90ad-4354-8d05-487ffb1512a7>.\n\
                1.1. Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật\n\
                (1) Đổi mới công tác đào tạo; (2) Tác động tích cực của CCHC.\n\
                Cán bộ thực hiện tốt 5 biết, 5 rõ, 3 không, 3 thể hiện (5 biết gồm: biết nghe dân nói, \
                biết nói dân hiểu, biết làm dân tin, biết xin lỗi, biết cảm ơn; 5 rõ gồm: rõ người, rõ việc, \
                rõ quy trình, rõ trách nhiệm, rõ hiệu quả).\n\
                Khẩu hiệu 4 Xin và 04 Luôn (Xin chào, Xin lỗi, Xin cảm ơn, Xin phép, Luôn mỉm cười, \
                Luôn nhẹ nhàng, Luôn lắng nghe, Luôn giúp đỡ).\n\
                ĐVSN tự bảo đảm từ 70% - dưới 100% chi thường xuyên; từ 10 đến 15 ngày.\n\
                Hội nghị với gần 150 đại biểu (gần 250 đại biểu), hơn 600 tin bài, khoảng 20.000 lượt.\n\
                100% cơ quan hành chính đã thực hiện cơ chế một cửa; hỗ trợ 100% học phí.";
    let found = narrative(text);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn text_without_arithmetic_gives_nothing() {
    let text = "Trong Quý III/2024, công tác cải cách hành chính của tỉnh tiếp tục được triển khai \
                đồng bộ, hiệu quả. Các cơ quan đã quán triệt và thực hiện nghiêm túc các nhiệm vụ được giao.";
    assert!(narrative(text).is_empty());
    assert!(outcome(text).checks.is_empty());
}

#[test]
fn a_subset_marker_inside_other_wording_is_not_a_list() {
    for text in [
        // `bao gồm` with nothing counted after it.
        "Tổng số TTHC là 2.189 thủ tục (đã bao gồm TTHC ngành dọc).",
        // Parts counting other things than the figure before them.
        "Áp dụng cho 01 ĐVSNCL cấp tỉnh, bao gồm 279 CQHCCN trong 166 HTQLCL.",
        // A running total next to the period's figure.
        "Đăng tải 563 tin bài (riêng Cổng đăng tải 355 tin bài, lũy kế 7.194 tin bài).",
    ] {
        let found = narrative(text);
        assert!(found.is_empty(), "{text}: {found:#?}");
    }
}

// -------------------------------------------------------------------------------------------------
// 4. Page breaks, footnotes, tables.

#[test]
fn footnotes_and_page_breaks_do_not_break_sentences_or_figures() {
    let text = "03 Đoàn kiểm tra đã kiểm tra 20/30 cơ quan, trong đó có 08 cơ quan chuyên môn cấp tỉnh và 13 UBND các huyện (gọi\n\
                \n\
                ⁴ Hội nghị được tổ chức vào ngày 13/9/2024\n\
                \n\
                ⁵ Quyết định số 1711/QĐ-UBND ngày 01/7/2024 của UBND tỉnh\n\
                \n\
                chung là UBND cấp huyện).\n";
    let c = assert_status(text, "sum", Status::Warn);
    assert_eq!(c.line, Some(1));
    assert_eq!(c.formula.as_deref(), Some("08 + 13"));
    assert!(c
        .quote
        .as_deref()
        .unwrap()
        .contains("(gọi chung là UBND cấp huyện)"));
    // A footnote mark glued to a figure or a word is not part of it.
    let c = assert_status(
        "Đã ban hành 45¹⁰ văn bản, gồm: 40¹¹ quyết định và 5 công văn²².",
        "sum",
        Status::Pass,
    );
    assert_eq!(c.formula.as_deref(), Some("40 + 5"));
    // A breakdown continued after a page break, on a line that starts with a figure.
    let text = "Toàn tỉnh có 164 cổng thông tin của các cơ quan (20 cơ quan chuyên môn cấp tỉnh;\n\
                ⁶ Kế hoạch số 1107/KH-UBND\n\
                08 UBND cấp huyện, 136 UBND cấp xã).\n";
    let c = assert_status(text, "sum", Status::Pass);
    assert_eq!(c.formula.as_deref(), Some("20 + 08 + 136"));
}

/// A report with a few rows of forms 01, 02 and 03, and `narrative` before it.
fn with_tables(narrative_text: &str) -> Outcome {
    let tables = "Biểu mẫu số 01\n\
        STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\tGhi chú\n\
        3.\tKiểm tra CCHC\t\t\t\n\
        3.1.\tSố sở, ngành đã kiểm tra\tCơ quan, đơn vị\t08\t\n\
        3.2.\tSố UBND cấp huyện đã kiểm tra\tCơ quan, đơn vị\t03\t\n\
        Biểu mẫu số 02\n\
        STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\tGhi chú\n\
        1.\tTổng số VBQPPL do địa phương ban hành\tVăn bản\t60\t\n\
        Biểu mẫu số 03\n\
        STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\tGhi chú\n\
        3.\tKết quả giải quyết TTHC\t\t\t\n\
        3.1.\tTỷ lệ hồ sơ TTHC do các sở, ngành tiếp nhận được giải quyết đúng hạn\t%\t99,59\t\n\
        3.1.1.\tTổng số TTHC đã giải quyết xong\tHồ sơ\t66.959\t\n\
        3.1.2.\tSố hồ sơ TTHC đã giải quyết đúng hạn\tHồ sơ\t66.687\t\n\
        3.2.\tTỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hạn\t%\t98,90\t\n\
        3.2.1.\tTổng số TTHC đã giải quyết xong\tHồ sơ\t11.443\t\n\
        3.2.2.\tSố hồ sơ TTHC đã giải quyết đúng hạn\tHồ sơ\t11.317\t\n\
        3.3.\tTỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn\t%\t99,77\t\n\
        3.3.1.\tTổng số TTHC đã giải quyết xong\tHồ sơ\t42.159\t\n\
        3.3.2.\tSố hồ sơ TTHC đã giải quyết đúng hạn\tHồ sơ\t42.063\t\n";
    outcome(&format!("{narrative_text}\n{tables}"))
}

fn table_checks(o: &Outcome) -> Vec<&Check> {
    o.checks
        .iter()
        .filter(|c| c.kind == Kind::Narrative && what(c) == "table")
        .collect()
}

#[test]
fn the_text_against_the_tables() {
    let o = with_tables(
        "Tỷ lệ hồ sơ đúng hạn của cơ quan chuyên môn cấp tỉnh là 99,59%, UBND cấp huyện 98,9%, UBND cấp xã 99,70%.\n\
         Đoàn kiểm tra CCHC tỉnh đã kiểm tra 11 cơ quan, trong đó có 08 cơ quan chuyên môn cấp tỉnh và 03 UBND các huyện.\n\
         Trong kỳ báo cáo đã ban hành 61 văn bản QPPL.",
    );
    let t = table_checks(&o);
    let by_cell = |cell: &str| {
        *t.iter()
            .find(|c| c.cells == [cell])
            .unwrap_or_else(|| panic!("no check of {cell}: {t:#?}"))
    };
    // 98,9 printed with one decimal still matches 98,90.
    assert_eq!(by_cell("B03/3.1").status, Status::Pass);
    assert_eq!(by_cell("B03/3.2").status, Status::Pass);
    let xa = by_cell("B03/3.3");
    assert_eq!(xa.status, Status::Warn, "{}", xa.message());
    assert_eq!(xa.line, Some(1));
    assert_eq!(xa.reported.as_deref(), Some("99,70"));
    assert_eq!(xa.expected.as_deref(), Some("99,77"));
    assert!(xa.quote.as_deref().unwrap().ends_with("UBND cấp xã 99,70%"));
    assert!(
        xa.message().contains("Biểu mẫu số 03, dòng 3.3"),
        "{}",
        xa.message()
    );
    assert_eq!(by_cell("B01/3.1").status, Status::Pass);
    assert_eq!(by_cell("B01/3.2").status, Status::Pass);
    let vb = by_cell("B02/1");
    assert_eq!(vb.status, Status::Warn);
    assert_eq!(vb.line, Some(3));
    assert!(
        vb.message().contains("ghi 61 văn bản QPPL"),
        "{}",
        vb.message()
    );
    assert!(vb.message().contains("ghi 60 văn bản"), "{}", vb.message());
    // The row of the table the text contradicts is marked in the page's table too.
    let row = o
        .forms
        .iter()
        .flat_map(|f| &f.table)
        .find(|r| r.cell == "B03/3.3")
        .unwrap();
    assert_eq!(row.status, Some(Status::Warn));
}

#[test]
fn the_text_against_sums_of_rows() {
    let o = with_tables(
        "Khối cơ quan chuyên môn cấp tỉnh, UBND cấp huyện, UBND cấp xã tiếp nhận 142.527 hồ sơ, đã giải quyết 120.561 hồ sơ, trong đó đúng hạn 120.067 hồ sơ, đạt tỷ lệ 99,59%.\n\
         Tỷ lệ hồ sơ giải quyết đúng hạn tiếp tục đạt tỷ lệ cao (đạt 99,60%).",
    );
    let t = table_checks(&o);
    let resolved = t
        .iter()
        .find(|c| c.reported.as_deref() == Some("120.561"))
        .unwrap();
    assert_eq!(resolved.status, Status::Pass);
    assert_eq!(resolved.cells, ["B03/3.1.1", "B03/3.2.1", "B03/3.3.1"]);
    assert_eq!(
        resolved.formula.as_deref(),
        Some("66.959 + 11.443 + 42.159")
    );
    let rates: Vec<&&Check> = t.iter().filter(|c| c.cells.len() == 6).collect();
    assert_eq!(rates.len(), 2);
    assert_eq!(rates[0].status, Status::Pass);
    // (66.687 + 11.317 + 42.063) / (66.959 + 11.443 + 42.159) = 99,5902…%: 99,60 is wrong.
    assert_eq!(rates[1].status, Status::Warn, "{}", rates[1].message());
    assert_eq!(rates[1].expected.as_deref(), Some("99,59"));
}

#[test]
fn the_text_is_compared_only_with_the_same_indicator_and_scope() {
    let o = with_tables(
        "Khối cơ quan ngành dọc: tiếp nhận 500 hồ sơ, tỷ lệ hồ sơ đúng hạn đạt 97,00%.\n\
         Sở Khoa học và Công nghệ đã kiểm tra hoạt động HTQLCL tại 05 sở, ngành.\n\
         Trong kỳ đã rà soát 40 văn bản; tự kiểm tra 08 quyết định do UBND tỉnh ban hành.\n\
         Tỷ lệ số hóa hồ sơ đạt 81,71%.",
    );
    let t = table_checks(&o);
    assert!(t.is_empty(), "{t:#?}");
}

// -------------------------------------------------------------------------------------------------
// Meanings met in other provinces' reports (tests/corpus/narrative/): each was a false alarm or a
// missed error before the rule that reads it.

/// No narrative warning at all.
fn quiet(text: &str) {
    let warned: Vec<String> = narrative(text)
        .into_iter()
        .filter(|c| c.status != Status::Pass)
        .map(|c| c.message().into_owned())
        .collect();
    assert!(warned.is_empty(), "{text}\n{warned:#?}");
}

#[test]
fn carried_over_and_to_handle_are_not_parts_of_what_was_received() {
    // «lũy kế đã và đang giải quyết» is new + carried over; «đến hạn» is a base, not a part.
    quiet(
        "Trong tháng, Trung tâm đã tiếp nhận mới 4.131 hồ sơ, hồ sơ tồn kỳ trước chuyển sang là \
         2.171, lũy kế đã và đang giải quyết trong kỳ là 6.302 hồ sơ; đến hạn giải quyết là 4.169 hồ sơ.",
    );
}

#[test]
fn an_on_time_rate_over_the_items_due() {
    let text = "Trong kỳ đã tiếp nhận mới 19.630 hồ sơ, hồ sơ trả trước và đúng hạn là 19.255 hồ sơ \
                (đạt 96,55%), hồ sơ đến hạn giải quyết 19.944 hồ sơ, hồ sơ quá hạn giải quyết nhưng \
                chưa có kết quả 689 hồ sơ chiếm 3,45 %.";
    let checks = narrative(text);
    assert_eq!(checks.len(), 2, "{checks:#?}");
    assert!(
        checks.iter().all(|c| c.status == Status::Pass),
        "{checks:#?}"
    );
    assert_eq!(checks[0].formula.as_deref(), Some("19.255 / 19.944 × 100"));
    // Matching no base the sentence names is still wrong.
    let checks = narrative(&text.replace("96,55", "95,55"));
    assert_eq!(checks[0].status, Status::Warn, "{checks:#?}");
}

#[test]
fn a_late_share_of_the_items_resolved() {
    // «quá hạn còn 708, chiếm 1,37%» is of the 51.780 resolved, not of the 54.575 received.
    let text = "Cấp tỉnh đã tiếp nhận 54.575 hồ sơ; đã giải quyết 51.780 hồ sơ, đúng và trước hạn \
                51.072 hồ sơ, đạt tỷ lệ 98,63%; quá hạn còn 708 hồ sơ, chiếm tỷ lệ 1,37%.";
    quiet(text);
}

#[test]
fn a_rate_stated_before_its_counts() {
    let base = "Tỉ lệ hồ sơ do UBND cấp xã tiếp nhận được giải quyết đúng hạn đạt {}%; trong đó \
                tổng số hồ sơ đã giải quyết xong là 207.030 hồ sơ, số hồ sơ giải quyết đúng hạn \
                là 204.847 hồ sơ.";
    assert_status(&base.replace("{}", "98,95"), "ratio", Status::Pass);
    let c = assert_status(&base.replace("{}", "98,94"), "ratio", Status::Warn);
    assert_eq!(c.expected.as_deref(), Some("98,95"));
}

#[test]
fn a_share_of_the_items_received_with_its_part() {
    let base = "Cấp huyện tiếp nhận 6.776 hồ sơ, với 2.521 hồ sơ trực tuyến (đạt tỷ lệ {}%).";
    assert_status(&base.replace("{}", "37,20"), "ratio", Status::Pass);
    assert_status(&base.replace("{}", "37,76"), "ratio", Status::Warn);
}

#[test]
fn shares_that_make_a_hundred_make_a_list_exhaustive() {
    // `trong đó` may name only some parts; parts whose shares add up to 100% are all of them.
    let base =
        "Đã giải quyết {} hồ sơ, trong đó có 13.767 hồ sơ trước hạn, chiếm 78%; có 3.254 hồ \
                sơ giải quyết đúng hạn, chiếm 18,4% và số quá hạn còn 634 hồ sơ, chiếm đến 3,6%.";
    assert_status(&base.replace("{}", "17.655"), "sum", Status::Pass);
    assert_status(&base.replace("{}", "17.651"), "sum", Status::Warn);
    // Without the shares, a smaller sum is not wrong.
    quiet("Đã giải quyết 17.651 hồ sơ, trong đó có 13.767 hồ sơ trước hạn, 3.254 hồ sơ đúng hạn.");
}

#[test]
fn a_change_is_compared_only_with_the_level_its_so_voi_names() {
    // The figure after «so với cùng kỳ…, trong đó» and a «gấp 1,9 lần» are not the level before.
    quiet(
        "Năm 2021 có 8.722 đơn, giảm 0,4% so với cùng kỳ năm 2020, trong đó đơn đủ điều kiện xử \
         lý 7.081 đơn, giảm 13,2 % so với cùng kỳ năm 2020.",
    );
    quiet(
        "Có 40.667 doanh nghiệp quay trở lại hoạt động, tăng 55,6% so với cùng kỳ năm 2021 và gấp \
         1,9 lần so với trung bình giai đoạn 2017-2021 (20.949 doanh nghiệp).",
    );
}

#[test]
fn a_list_that_breaks_down_one_of_its_parts_or_two_wholes_is_not_judged() {
    quiet(
        "Toàn tỉnh đã tiếp nhận 7.156 đơn, trong đó có 5.591 đơn đủ điều kiện xử lý với 651 đơn \
         khiếu nại, 281 đơn tố cáo và 4.659 đơn kiến nghị, phản ảnh.",
    );
    quiet(
        "Đã giải quyết 274 đơn khiếu nại và 105 đơn tố cáo; trong đó có 11 đơn khiếu nại đúng, 10 \
         đơn khiếu nại đúng một phần, 74 đơn được rút và 179 đơn khiếu nại sai.",
    );
    quiet(
        "Thực hiện 2.268 thủ tục gồm 1.833 thủ tục cấp tỉnh, 301 thủ tục cấp huyện và 134 thủ tục \
         cấp xã; trong đó mức độ 1,2 là 2.268 thủ tục, mức độ 3 là 1.089 thủ tục và mức độ 4 là 450 thủ tục.",
    );
}

#[test]
fn counts_rounded_to_thousands_are_not_computed_with() {
    quiet(
        "Trong đó, có 8,96 ngàn HS giải quyết đúng và trước hạn (đạt 99,8%), có 17 HS giải quyết \
         trễ hạn (tỷ lệ 0,2%).",
    );
}

#[test]
fn special_zones_count_with_communes_and_wards() {
    assert_status(
        "TP.HCM có 168 đơn vị hành chính cấp xã, gồm 113 phường, 54 xã và 1 đặc khu.",
        "sum",
        Status::Pass,
    );
}

#[test]
fn cases_count_in_a_fraction() {
    let c = assert_status(
        "Các cơ quan đã giải quyết được 238/316 vụ việc, đạt tỷ lệ 88,9%.",
        "ratio",
        Status::Warn,
    );
    assert_eq!(c.expected.as_deref(), Some("75,3"));
}

#[test]
fn a_paragraph_pasted_alone_is_checked_as_prose() {
    // Three sentences with the same number of commas and semicolons were read as a CSV table.
    let text = "Tỉ lệ hồ sơ do các sở, ngành tiếp nhận được giải quyết đúng hạn đạt 99,68%; trong đó, tổng số hồ sơ đã giải quyết xong là 175.920 hồ sơ, số hồ sơ giải quyết đúng hạn là 175.354 hồ sơ.\n\
                Tỉ lệ hồ sơ do UBND cấp huyện tiếp nhận được giải quyết đúng hạn đạt 98,15%; trong đó tổng số hồ sơ đã giải quyết xong là 26.972 hồ sơ, số hồ sơ giải quyết đúng hạn là 26.473 hồ sơ.\n\
                Tỉ lệ hồ sơ do UBND cấp xã tiếp nhận được giải quyết đúng hạn đạt 98,94%; trong đó tổng số hồ sơ đã giải quyết xong là 207.030 hồ sơ, số hồ sơ giải quyết đúng hạn là 204.847 hồ sơ.";
    let checks = narrative(text);
    assert_eq!(checks.len(), 3, "{checks:#?}");
    assert_eq!(checks[2].status, Status::Warn);
    assert_eq!(checks[2].line, Some(3));
}

/// The seed with one figure of line `line` changed: its first `from`, read as a whole number
/// (not inside a longer one), becomes `to`.
fn seed_with(line: usize, from: &str, to: &str) -> Option<String> {
    let lines: Vec<&str> = SEED.split('\n').collect();
    let l = lines[line - 1];
    let at = l.match_indices(from).map(|(k, _)| k).find(|&k| {
        let before = l[..k].chars().next_back();
        let after = l[k + from.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && !after.is_some_and(|c| {
                c.is_ascii_digit()
                    || (c == ',' || c == '.')
                        && l[k + from.len() + 1..].starts_with(|d: char| d.is_ascii_digit())
            })
    })?;
    let mut out: Vec<String> = lines.iter().map(|x| x.to_string()).collect();
    out[line - 1] = format!("{}{to}{}", &l[..at], &l[at + from.len()..]);
    Some(out.join("\n"))
}

#[test]
fn one_figure_edits_of_the_seeds_text_arithmetic_are_caught() {
    // Every statement of the seed whose arithmetic the text states (no table cell) and that
    // holds: its printed figure moved by one in its last digit must be warned on its line.
    let mut tried = 0;
    let mut caught = Vec::new();
    let mut missed = Vec::new();
    for st in SEED_STATEMENTS
        .iter()
        .filter(|st| st.cells.is_empty() && st.status == Status::Pass && st.what != "count")
        // A figure printed once on its line (the edit lands on the figure the check reads), and
        // not a fraction (`08/09` → `08/08` states another, consistent, fraction).
        .filter(|st| {
            !st.reported.contains('/')
                && SEED
                    .split('\n')
                    .nth(st.line - 1)
                    .unwrap()
                    .matches(st.reported)
                    .count()
                    == 1
        })
    {
        let last = st.reported.chars().last().unwrap().to_digit(10).unwrap();
        let bumped = format!(
            "{}{}",
            &st.reported[..st.reported.len() - 1],
            if last == 9 { 8 } else { last + 1 }
        );
        let Some(edited) = seed_with(st.line, st.reported, &bumped) else {
            continue;
        };
        tried += 1;
        let warned = narrative(&edited)
            .iter()
            .any(|c| c.status == Status::Warn && c.line == Some(st.line));
        if warned {
            caught.push((st.line, st.reported));
        } else {
            missed.push((st.line, st.reported, bumped));
        }
    }
    println!(
        "one-figure edits caught: {}/{tried}; missed: {missed:?}",
        caught.len()
    );
    assert!(tried >= 20, "{tried} edits tried");
    // Measured (before and after the corpus work alike): 20 of 26. The 6 others are absorbed
    // by design: amounts in `tỷ đồng` are rounded to the billion (3.638/3.873 tỷ đồng is
    // 93,92–93,95 %, so 93,94 is not wrong), and a whole above its `trong đó` parts is not
    // wrong (51.386 lượt of which 10.126 + 41.259).
    assert!(caught.len() * 100 >= tried * 75, "missed: {missed:?}");
}

#[test]
fn a_change_between_two_rates_in_points_or_relative() {
    // `tăng 2,58%` between 80,08% and 82,66%: percentage points (82,66 − 80,08) or a relative
    // change ((82,66 − 80,08) / 80,08 = 3,22%); a reading that holds is the one meant.
    let base = "Chỉ số SIPAS trung bình cả nước là 82,66%, tăng {}% so với năm 2022 (80,08%).";
    assert_status(&base.replace("{}", "2,58"), "change", Status::Pass);
    assert_status(&base.replace("{}", "3,22"), "change", Status::Pass);
    let c = assert_status(&base.replace("{}", "1,58"), "change", Status::Warn);
    assert_eq!(c.expected.as_deref(), Some("2,58 điểm %"));
}
