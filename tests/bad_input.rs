//! A corpus of bad inputs, each with the Vietnamese message or finding it must produce: what a
//! careless paste, a foreign keyboard or a hostile file gives Kiểm số, and what the official sees.

use kiemso::outcome::{Check, Kind, Outcome, Status};
use kiemso::read::{ReadError, MAX_CELLS_PER_RECORD, MAX_RECORDS, MAX_TEXT_BYTES};
use kiemso::{check_file, check_text, Options};

/// Builds .docx/.xlsx packages around given parts (shared with the fuzz targets).
#[path = "../fuzz/fuzz_targets/common/mod.rs"]
mod common;

const SEED: &str = include_str!("../www/examples/khanh-hoa-q3-2024.txt");

fn run(text: &str) -> Outcome {
    check_text(text, &Options::default()).expect("readable")
}

fn refusal(text: &str) -> String {
    match check_text(text, &Options::default()) {
        Ok(o) => panic!("accepted: {} forms, {:?}", o.forms.len(), o.summary),
        Err(e) => e.to_string(),
    }
}

fn by_id<'a>(o: &'a Outcome, id: &str) -> &'a Check {
    o.checks.iter().find(|c| c.id == id).unwrap_or_else(|| {
        let ids: Vec<&str> = o.checks.iter().map(|c| c.id.as_str()).collect();
        panic!("no check {id} among {ids:#?}")
    })
}

fn notices(o: &Outcome) -> Vec<String> {
    o.notices.iter().map(|n| n.message.clone()).collect()
}

fn has_notice(o: &Outcome, parts: &[&str]) -> bool {
    o.notices
        .iter()
        .any(|n| parts.iter().all(|p| n.message.contains(p)))
}

/// Form 02's first block: `1 = 1.1 + 1.2 + 1.3`, counts of documents, with the given value cells.
/// Lines: title 1, subtitle 2, header 3, then rows from line 4.
fn b02(total: &str, province: &str, district: &str, commune: &str) -> String {
    format!(
        "Biểu mẫu số 02\nCải cách thể chế\n\
         STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\tGhi chú\n\
         1.\tTổng số VBQPPL do địa phương ban hành\tVăn bản\t{total}\t\n\
         1.1.\tSố VBQPPL do cấp tỉnh ban hành\tVăn bản\t{province}\t\n\
         1.2.\tSố VBQPPL do cấp huyện ban hành\tVăn bản\t{district}\t\n\
         1.3.\tSố VBQPPL do cấp xã ban hành\tVăn bản\t{commune}\t\n"
    )
}

const SUM_B02: &str = "sum:B02/1,B02/1.1,B02/1.2,B02/1.3";

#[test]
fn empty_input_is_refused_with_a_reason() {
    for text in ["", "   ", "\n\n\t\r\n", "\u{FEFF}", "\u{FEFF}  \n"] {
        assert_eq!(
            check_text(text, &Options::default()),
            Err(ReadError::Empty),
            "{text:?}"
        );
    }
    assert_eq!(
        refusal(" \n"),
        "Không có nội dung để kiểm tra: hãy dán bảng số liệu hoặc toàn bộ báo cáo."
    );
}

#[test]
fn only_headers_say_there_are_no_rows() {
    let o = run("STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\tGhi chú\n");
    assert!(o.forms.is_empty() && o.checks.is_empty());
    assert!(
        has_notice(&o, &["chỉ có dòng tiêu đề", "chưa có dòng số liệu nào"]),
        "{:?}",
        notices(&o)
    );
    // The template's two-row header, repeated as at a page break.
    let two_rows = "STT\tChỉ tiêu\tKết quả thống kê\t\tGhi chú\n\t\tĐơn vị tính\tSố liệu\t\n";
    let o = run(&two_rows.repeat(2));
    assert_eq!(notices(&o).len(), 1, "{:?}", notices(&o));
    assert!(has_notice(&o, &["chỉ có dòng tiêu đề"]));
    // Under a form's title: the form is named.
    let o = run(&format!("Biểu mẫu số 03\n{two_rows}"));
    assert_eq!(
        notices(&o),
        ["Biểu mẫu số 03 không có dòng số liệu nào."],
        "{:?}",
        notices(&o)
    );
    assert_eq!(o.notices[0].line, Some(1));
}

#[test]
fn binary_garbage_is_refused() {
    // What a PNG looks like when pasted or decoded as text.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\\r\xa8f";
    let text = String::from_utf8_lossy(png);
    let e = refusal(&text);
    assert!(e.contains("không phải văn bản"), "{e}");
    // The same bytes opened as a file: refused, with the file named.
    let e = check_file(png, "bieu-mau.txt", &Options::default()).unwrap_err();
    assert!(!e.to_string().is_empty());
    assert!(matches!(e, ReadError::Unreadable { .. }), "{e:?}");
    // Random bytes under a text name: decoded as best as can be, then refused as binary.
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let e = check_file(&noise, "du-lieu.txt", &Options::default()).unwrap_err();
    assert!(e.to_string().contains("không phải văn bản"), "{e}");
    // A program renamed to .docx.
    let e = check_file(b"MZ\x90\0\x03\0\0\0", "bao-cao.docx", &Options::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("chương trình"), "{e}");
    // A .docx that is not one.
    let e = check_file(b"PK\x03\x04 cut short", "bao-cao.docx", &Options::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("bao-cao.docx"), "{e}");
}

#[test]
fn fifty_megabytes_of_report_are_checked() {
    // The seed report pasted over and over up to 50 MB: every copy is checked, and the repeats
    // are noticed. (How fast: README, Reliability; it is linear, about 2 s natively in release.)
    let copies = 50 * 1024 * 1024 / SEED.len();
    let big = SEED.repeat(copies);
    let o = run(&big);
    assert_eq!(o.forms.len(), 7 * copies);
    assert_eq!(o.summary.fail, 0);
    // Each copy passes what the seed passes, except the rules between forms, which use the
    // first copy of each form and so are evaluated once.
    let seed = run(SEED);
    let cross = seed
        .checks
        .iter()
        .filter(|c| {
            c.id.contains(",B0") && {
                let forms: std::collections::BTreeSet<&str> =
                    c.cells.iter().map(|n| &n[..3]).collect();
                forms.len() > 1
            }
        })
        .count();
    assert_eq!(o.summary.pass, (seed.summary.pass - cross) * copies + cross);
    assert!(
        has_notice(
            &o,
            &[
                "Bảng B01 xuất hiện",
                "các quy tắc liên biểu dùng bảng đầu tiên"
            ]
        ),
        "{:?}",
        &notices(&o)[..notices(&o).len().min(5)]
    );
}

#[test]
fn too_many_rows_are_refused_quickly() {
    // 50 MB of one-line rows is over a million records: refused at the limit, not checked for
    // minutes (or until the browser tab runs out of memory).
    let mut text = String::from("STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n");
    let mut k = 0;
    while text.len() < 50 * 1024 * 1024 {
        k += 1;
        text.push_str(&format!("1.{k}.\tHồ sơ loại {k}\tHồ sơ\t1\n"));
    }
    assert!(k > MAX_RECORDS);
    let e = check_text(&text, &Options::default()).unwrap_err();
    assert!(matches!(e, ReadError::TooLarge { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        format!(
            "Bảng quá lớn (giới hạn {MAX_RECORDS} dòng). Hãy chia nhỏ dữ liệu rồi kiểm tra từng phần."
        )
    );
    // Over the size limit: refused before reading.
    let huge = "a".repeat(MAX_TEXT_BYTES + 1);
    let e = refusal(&huge);
    assert!(
        e.starts_with("Văn bản dán vào quá lớn (giới hạn 64 MB)"),
        "{e}"
    );
}

#[test]
fn a_row_of_a_million_columns_is_refused() {
    let row = format!("1.\tSố văn bản\tVăn bản{}\n", "\t1".repeat(1_000_000));
    let e = refusal(&row);
    assert!(
        e.contains("Dòng 1 có 1000003 cột")
            && e.contains(&format!("giới hạn {MAX_CELLS_PER_RECORD} cột")),
        "{e}"
    );
}

/// An unknown table nested `depth` deep: at each level a "Tổng số" row whose children are a leaf
/// (1) and the next level's total; the deepest total has two leaves.
fn nested(depth: usize, deepest_total: &str) -> String {
    let mut text = String::from("STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n");
    for level in 1..=depth {
        let stt = vec!["1"; level].join(".");
        let total = if level == depth {
            deepest_total.to_string()
        } else {
            (depth - level + 2).to_string()
        };
        text.push_str(&format!(
            "{stt}.\tTổng số hồ sơ cấp {level}\tHồ sơ\t{total}\n"
        ));
        if level == depth {
            text.push_str(&format!("{stt}.1.\tHồ sơ trực tuyến\tHồ sơ\t1\n"));
        }
        text.push_str(&format!("{stt}.2.\tHồ sơ trực tiếp\tHồ sơ\t1\n"));
    }
    text
}

#[test]
fn stt_nested_ten_deep() {
    let o = run(&nested(10, "2"));
    assert_eq!(o.forms[0].form, "T1");
    let deepest = "T1/1.1.1.1.1.1.1.1.1.1";
    let c = by_id(&o, &format!("sum:{deepest},{deepest}.1,{deepest}.2"));
    assert_eq!(c.status, Status::Pass, "{}", c.message());
    assert_eq!(
        o.checks.iter().filter(|c| c.kind == Kind::Sum).count(),
        10,
        "one inferred sum per level"
    );
    assert_eq!(o.summary.fail + o.summary.warn, 0, "{:#?}", o.checks);
    assert_eq!(o.forms[0].table.iter().map(|r| r.depth).max(), Some(11));
    // A wrong total ten levels down is found (a warning: the rule is inferred).
    let o = run(&nested(10, "3"));
    let c = by_id(&o, &format!("sum:{deepest},{deepest}.1,{deepest}.2"));
    assert_eq!(c.status, Status::Warn);
    assert!(
        c.message().contains("ghi 3 nhưng 1 + 1 = 2"),
        "{}",
        c.message()
    );
    // Twenty-one levels is not an STT any more: the row is named, not silently dropped.
    let deep = format!("{}.\tQuá sâu\tHồ sơ\t1\n", vec!["1"; 21].join("."));
    let o = run(&format!("{}{deep}", nested(2, "2")));
    assert!(
        has_notice(&o, &["Dòng không có STT hợp lệ"]),
        "{:?}",
        notices(&o)
    );
}

#[test]
fn duplicate_stt_is_noticed_and_the_first_row_is_used() {
    // Row 1.2 twice (lines 6 and 8): the sum uses the first (45), which makes it balance.
    let text =
        b02("60", "12", "45", "03") + "1.2.\tSố VBQPPL do cấp huyện ban hành\tVăn bản\t99\t\n";
    let o = run(&text);
    assert_eq!(by_id(&o, SUM_B02).status, Status::Pass);
    assert_eq!(by_id(&o, SUM_B02).formula.as_deref(), Some("12 + 45 + 3"));
    assert_eq!(
        notices(&o),
        [
            "Bảng B02: STT 1.2 xuất hiện 2 lần (dòng 6, 8); chỉ dòng 6 được dùng để kiểm tra, các \
          dòng trùng STT sau đó bị bỏ qua."
        ],
    );
    assert_eq!(o.notices[0].line, Some(8));
    // One check per cell, however many rows repeat it.
    assert_eq!(
        o.checks.iter().filter(|c| c.id == "count:B02/1.2").count(),
        1
    );
    // Both rows are still shown.
    assert_eq!(o.forms[0].rows, 5);
}

#[test]
fn many_duplicates_are_summed_up_not_listed_one_by_one() {
    let mut text = String::from("STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n");
    for k in 1..=30 {
        text.push_str(&format!(
            "{k}.\tHồ sơ\tHồ sơ\t1\n{k}.\tHồ sơ\tHồ sơ\t1\n{k}.\tHồ sơ\tHồ sơ\t1\n"
        ));
    }
    let o = run(&text);
    assert_eq!(o.notices.len(), 21, "{:?}", notices(&o));
    assert!(notices(&o)[0].contains("STT 1 xuất hiện 3 lần (dòng 2, 3, 4)"));
    assert_eq!(notices(&o)[20], "Bảng T1: còn 10 STT khác cũng bị trùng.");
}

#[test]
fn stt_out_of_order_is_noticed() {
    let text = "Biểu mẫu số 02\n\
         1.\tTổng số VBQPPL do địa phương ban hành\tVăn bản\t60\t\n\
         1.2.\tSố VBQPPL do cấp huyện ban hành\tVăn bản\t45\t\n\
         1.1.\tSố VBQPPL do cấp tỉnh ban hành\tVăn bản\t12\t\n\
         1.3.\tSố VBQPPL do cấp xã ban hành\tVăn bản\t03\t\n";
    let o = run(text);
    assert_eq!(
        notices(&o),
        [
            "Bảng B02: STT 1.1 (dòng 4) đứng sau STT 1.2 (dòng 3), thứ tự STT bị đảo; có thể dòng \
          bị dán sai chỗ."
        ]
    );
    // The arithmetic does not depend on the order.
    assert_eq!(by_id(&o, SUM_B02).status, Status::Pass);
    // The seed report is in order and has no repeated STT: no such notice.
    assert!(run(SEED).notices.is_empty(), "{:?}", notices(&run(SEED)));
}

#[test]
fn english_style_numbers_are_explained() {
    let o = run(&b02("1.294,5", "1,234.5", "45", "15"));
    let c = by_id(&o, "parse:B02/1.1");
    assert_eq!(c.status, Status::Fail);
    assert_eq!(
        c.message(),
        "Dòng 1.1 «Số VBQPPL do cấp tỉnh ban hành»: «1,234.5» có vẻ viết theo kiểu Anh–Mỹ (dấu \
         chấm trước phần thập phân); nếu vậy, viết kiểu Việt Nam là 1.234,5 (dấu chấm ngăn cách \
         hàng nghìn, dấu phẩy trước phần thập phân)."
    );
    // The sum it belongs to cannot be computed, and says why.
    let s = by_id(&o, SUM_B02);
    assert_eq!(s.status, Status::Na);
    assert!(
        s.message().contains("không cộng được vì dòng 1.1"),
        "{}",
        s.message()
    );
    // `12.34` (an English decimal, or a broken group) is explained too.
    let o = run(&b02("60", "12.34", "45", "03"));
    assert!(by_id(&o, "parse:B02/1.1").message().contains("là 12,34"));
    // English thousands separators.
    let o = run(&b02("1.234.617", "1,234,567", "45", "05"));
    assert!(by_id(&o, "parse:B02/1.1")
        .message()
        .contains("viết kiểu Việt Nam là 1.234.567"));
    // Broken beyond a swap: the general rule is stated.
    let o = run(&b02("60", "1,2,3", "45", "03"));
    assert!(by_id(&o, "parse:B02/1.1")
        .message()
        .contains("không đọc được «1,2,3» thành số. Số viết kiểu Việt Nam"));
}

#[test]
fn negative_counts_fail() {
    for minus in ["-", "\u{2212}", "\u{2013}"] {
        let o = run(&b02("54", "12", "45", &format!("{minus}3")));
        let c = by_id(&o, "count:B02/1.3");
        assert_eq!(c.status, Status::Fail, "{minus}");
        assert_eq!(
            c.message(),
            "Dòng 1.3 «Số VBQPPL do cấp xã ban hành»: ghi -3, nhưng số văn bản phải là số \
             nguyên không âm."
        );
        // The arithmetic itself still holds: 12 + 45 − 3 = 54.
        assert_eq!(by_id(&o, SUM_B02).status, Status::Pass);
    }
}

#[test]
fn words_in_value_cells() {
    // `N/A`, `Đang cập nhật`: not the official convention, so a warning that says what to do.
    for word in ["N/A", "Đang cập nhật"] {
        let o = run(&b02("60", "12", word, "03"));
        let c = by_id(&o, "parse:B02/1.2");
        assert_eq!(c.status, Status::Warn, "{word}");
        assert_eq!(
            c.message(),
            format!(
                "Dòng 1.2 «Số VBQPPL do cấp huyện ban hành»: ô số liệu ghi chữ «{word}» thay vì \
                 một con số, nên không dùng được để kiểm tra. Nếu không có số liệu, hãy để trống \
                 hoặc ghi «-»."
            )
        );
        assert_eq!(by_id(&o, SUM_B02).status, Status::Na);
    }
    // `-`, `x`, `…`: the statistical convention for "no figure": no complaint about the cell,
    // and the rules that need it say what it holds.
    for mark in ["-", "x", "…", "...", "–"] {
        let o = run(&b02("60", "12", mark, "03"));
        assert!(
            o.checks.iter().all(|c| !c.cells[0].ends_with("/1.2")),
            "{mark}: {:#?}",
            o.checks
        );
        let s = by_id(&o, SUM_B02);
        assert_eq!(s.status, Status::Na, "{mark}");
        assert_eq!(
            s.message(),
            format!(
                "Dòng 1 «Tổng số VBQPPL do địa phương ban hành»: không cộng được vì dòng 1.2 «Số \
                 VBQPPL do cấp huyện ban hành» ghi «{mark}» (ký hiệu không có số liệu)."
            )
        );
        assert_eq!(o.forms[0].table[2].value, mark, "what was printed is kept");
        assert_eq!(o.summary.fail + o.summary.warn, 0);
    }
    // A paragraph pasted into a value cell is quoted short.
    let long = "Số liệu đang được tổng hợp từ các sở, ban, ngành và UBND cấp huyện, sẽ báo cáo bổ sung sau";
    let o = run(&b02("60", "12", long, "03"));
    let m = &by_id(&o, "parse:B02/1.2").message();
    assert!(
        m.contains("«Số liệu đang được tổng hợp từ các sở, ban, ngành và UBND cấp…»"),
        "{m}"
    );
}

#[test]
fn foreign_digits_are_a_finding_not_a_number() {
    for (cell, digit) in [("١٢", '١'), ("１２", '１'), ("۱۲", '۱'), ("4٥", '٥')] {
        let o = run(&b02("60", cell, "45", "03"));
        let c = by_id(&o, "parse:B02/1.1");
        assert_eq!(c.status, Status::Fail, "{cell}");
        assert_eq!(
            c.message(),
            format!(
                "Dòng 1.1 «Số VBQPPL do cấp tỉnh ban hành»: «{cell}» có chữ số «{digit}» không \
                 phải chữ số 0–9 (có thể do bàn phím tiếng Ả Rập hoặc chữ toàn khổ), nên không \
                 đọc thành số. Hãy gõ lại bằng chữ số 0–9."
            )
        );
        assert_eq!(by_id(&o, SUM_B02).status, Status::Na, "never read silently");
    }
}

#[test]
fn invisible_characters_inside_numbers_are_ignored() {
    for (cell, what) in [
        ("4\u{200B}5", "zero-width space"),
        (
            "\u{200F}45\u{200E}",
            "right-to-left and left-to-right marks",
        ),
        ("\u{202B}45\u{202C}", "an embedding"),
        ("4\u{00AD}5", "a soft hyphen"),
        ("\u{FEFF}45", "a byte-order mark"),
        ("\u{2066}45\u{2069}", "an isolate"),
    ] {
        let o = run(&b02("60", "12", cell, "03"));
        let s = by_id(&o, SUM_B02);
        assert_eq!(s.status, Status::Pass, "{what}: {}", s.message());
        assert_eq!(s.formula.as_deref(), Some("12 + 45 + 3"), "{what}");
    }
    // In the STT too.
    let text = b02("60", "12", "45", "03").replace("1.3.\t", "\u{200B}1.3.\u{200F}\t");
    assert_eq!(by_id(&run(&text), SUM_B02).status, Status::Pass);
}

#[test]
fn spaces_as_thousands_separators_are_read() {
    for (sep, what) in [
        ("\u{00A0}", "no-break space"),
        ("\u{202F}", "narrow no-break space"),
        ("\u{2009}", "thin space"),
        (" ", "space"),
        (".", "dot"),
    ] {
        let o = run(&b02(
            &format!("1{sep}290"),
            &format!("1{sep}234"),
            "45",
            "11",
        ));
        let s = by_id(&o, SUM_B02);
        assert_eq!(s.status, Status::Pass, "{what}: {}", s.message());
        assert_eq!(s.formula.as_deref(), Some("1.234 + 45 + 11"), "{what}");
        assert_eq!(s.reported.as_deref(), Some("1.290"), "{what}");
    }
    // A space that is not a thousands separator is not one.
    let o = run(&b02("60", "12 34", "45", "03"));
    assert_eq!(by_id(&o, "parse:B02/1.1").status, Status::Fail);
}

#[test]
fn huge_figures_do_not_overflow() {
    // 27-digit figures, summed: the sum exceeds what a decimal holds: said, not crashed.
    let big = "999.999.999.999.999.999.999.999.999";
    let mut text = String::from(
        "Biểu mẫu số 02\n1.\tTổng số VBQPPL do địa phương ban hành\tVăn bản\t-999.999.999.999.999.999.999.999.999\t\n",
    );
    for k in 1..=3 {
        text.push_str(&format!("1.{k}.\tSố VBQPPL\tVăn bản\t{big}\t\n"));
    }
    for _ in 0..100 {
        text.push_str(&format!("1.3.\tSố VBQPPL\tVăn bản\t{big}\t\n"));
    }
    let o = run(&text);
    let s = by_id(&o, SUM_B02);
    assert!(matches!(s.status, Status::Fail | Status::Na), "{s:?}");
    // A ratio of the largest counts: too large to compute is `na`, with the reason.
    let ratio = "Biểu mẫu số 01\n\
        2.\tTỷ lệ hoàn thành kế hoạch CCHC\t%\t100\t\n\
        2.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t0,00000000000000000000000001\t\n\
        2.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t999.999.999.999.999.999.999.999.999\t\n";
    let o = run(ratio);
    let c = by_id(&o, "ratio:B01/2,B01/2.2,B01/2.1");
    assert_eq!(c.status, Status::Na, "{c:?}");
    assert!(c.message().contains("quá lớn"), "{}", c.message());
}

#[test]
fn figures_too_large_once_scaled_are_a_finding_not_a_panic() {
    // 10^20 tỷ đồng is 10^29 đồng, beyond a decimal: every narrative rule that scales or
    // combines figures (sums, ratios, remainders, changes) used to panic on it.
    let big = "100.000.000.000.000.000.000";
    let texts = [
        format!("Tổng kinh phí là {big} tỷ đồng, gồm 5 tỷ đồng và 3 đồng."),
        format!("Đã thực hiện {big}/3 tỷ đồng, đạt tỷ lệ 93,93%, chưa thực hiện 235 đồng."),
        format!("Đã thực hiện 3/{big} tỷ đồng, đạt tỷ lệ 93,93%, chưa thực hiện 235 đồng."),
        format!("Chi ngân sách 09 tháng là {big} tỷ đồng. Trong đó: chi đầu tư 5.119 đồng; chi thường xuyên 6.280 tỷ đồng."),
        format!("Đã thực hiện {big}/3.873 tỷ đồng, chưa thực hiện 235 đồng."),
        format!("Giải ngân từ {big} tỷ đồng xuống 5 đồng, giảm 43 tỷ đồng."),
        format!("Giải ngân {big} tỷ đồng, tăng 25% so với cùng kỳ (3 đồng)."),
        format!("Giải ngân 3 đồng, tăng 25% so với cùng kỳ ({big} tỷ đồng)."),
    ];
    for text in &texts {
        let o = run(text);
        let too_large = o.checks.iter().find(|c| c.message().contains("quá lớn"));
        let c = too_large.unwrap_or_else(|| panic!("{text}: {:#?}", o.checks));
        assert_eq!((c.kind, c.status), (Kind::Narrative, Status::Na), "{c:?}");
        assert!(c.message().contains("Câu «"), "{}", c.message());
    }
}

#[test]
fn a_form_whose_every_value_is_unreadable_fails_as_one_unreadable_value_does() {
    let rows = [
        ("1.", "Số văn bản", "Văn bản"),
        ("2.", "Tỷ lệ hoàn thành kế hoạch CCHC", "%"),
        ("2.1.", "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ"),
        ("2.2.", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ"),
    ];
    let form = |values: [&str; 4]| {
        let mut text = String::from("Biểu mẫu số 01\n");
        for ((stt, indicator, unit), value) in rows.iter().zip(values) {
            text.push_str(&format!("{stt}\t{indicator}\t{unit}\t{value}\n"));
        }
        text
    };
    let broken = ["#REF!", "1e308", "١٢", "12.3.4"];
    for values in [
        broken,
        ["14", broken[1], broken[2], broken[3]],
        ["#DIV/0!", "#VALUE!", "#N/A", "#REF!"],
    ] {
        let o = run(&form(values));
        assert!(o.has_failures(), "{values:?}: {:#?}", o.checks);
        for ((stt, _, _), value) in rows.iter().zip(values) {
            if value.parse::<u32>().is_ok() {
                continue;
            }
            let id = format!("parse:B01/{}", stt.trim_end_matches('.'));
            let c = by_id(&o, &id);
            assert_eq!((c.kind, c.status), (Kind::Parse, Status::Fail), "{c:?}");
            assert!(c.message().contains(value), "{}", c.message());
        }
    }
    // Words where a number should be stay a warning, as before.
    let o = run(&form(["Đang cập nhật", "14", "5", "4"]));
    assert_eq!(by_id(&o, "parse:B01/1").status, Status::Warn);
}

#[test]
fn titles_with_letters_that_change_length_when_lowercased() {
    // `Ⱥ` is two bytes, `ⱥ` three: a position found in the lowercased line is not one in the
    // original. This once sliced inside a character (a panic: the page's checker died).
    let o = run("Biểu mẫu 3 ȺȺ sốố\n1.\tTổng số\tVăn bản\t5\t\n");
    assert_eq!(o.forms[0].form, "B03");
    assert_eq!(o.forms[0].title, "ȺȺ sốố");
    let o = run("BIỂU MẪU SỐ 02: CẢI CÁCH THỂ CHẾ\n1.\tTổng số\tVăn bản\t5\t\n");
    assert_eq!(o.forms[0].title, "CẢI CÁCH THỂ CHẾ");
}

#[test]
fn tables_nested_ten_thousand_deep_are_refused_without_overflowing_the_stack() {
    // A few KB once deflated; read recursively, it overflowed the stack and killed the checker.
    // Run with the 1 MB stack a Wasm instance has.
    let depth = 10_000;
    let mut body = String::new();
    for _ in 0..depth {
        body.push_str("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p>");
    }
    for _ in 0..depth {
        body.push_str("</w:tc></w:tr></w:tbl>");
    }
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let file = common::docx(xml.as_bytes(), true);
    assert!(file.len() < 50_000, "{} bytes", file.len());
    let result = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || check_file(&file, "long-nhau.docx", &Options::default()).map(|_| ()))
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert_eq!(
        result.unwrap_err().to_string(),
        "Tài liệu có bảng lồng trong bảng quá 32 tầng, không phải một báo cáo thông thường. Hãy \
         sao chép các bảng số liệu rồi dán vào."
    );
    // Nesting as Word documents have it is read.
    let nested = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Biểu mẫu số 02</w:t></w:r></w:p>\
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>1.</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Tổng số</w:t></w:r></w:p></w:tc>\
        <w:tc><w:p><w:r><w:t>Văn bản</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>60</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
        </w:tc></w:tr></w:tbl>";
    let xml = xml.replace(&body, nested);
    assert!(check_file(
        &common::docx(xml.as_bytes(), false),
        "a.docx",
        &Options::default()
    )
    .is_ok());
}

#[test]
fn a_refusal_says_where_the_reader_gave_up() {
    // Pasted text with a binary byte on its third line.
    let text = "Biểu mẫu số 01\n1.\tSố văn bản\t3\nab\0c";
    let e = kiemso::check_text(text, &Options::default()).unwrap_err();
    let at = e.position().expect("a position");
    assert_eq!((at.line, at.byte), (Some(3), text.find('\0')));
    // A Word document whose body is cut short: the part, and the byte where it broke.
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Biểu"#;
    let e = check_file(
        &common::docx(xml.as_bytes(), true),
        "cut.docx",
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "unreadable");
    let at = e.position().expect("a position");
    assert_eq!(at.part.as_deref(), Some("word/document.xml"));
    assert!(at.byte.is_some_and(|b| b <= xml.len()), "{at:?}");
    // Refusals with nowhere to point to have no position.
    let e = kiemso::check_text("   ", &Options::default()).unwrap_err();
    assert!(e.position().is_none());
}

#[test]
fn the_public_api_does_not_panic_on_odd_arguments() {
    use kiemso::catalogue::Severity;
    use kiemso::interval::Interval;
    use kiemso::number::format_vi;
    use kiemso::rules::{CellRef, Rule, RuleKind};
    use rust_decimal::Decimal;

    // Absurd precision is capped at the 28 decimals a decimal has (found by the `number` fuzz
    // target: `u32::MAX` decimals asked for a 4 GB string).
    assert_eq!(
        format_vi(Decimal::ONE, u32::MAX),
        format!("1,{}", "0".repeat(28))
    );
    // Intervals at the decimal's limit widen to the limit rather than overflow.
    assert_eq!(Interval::rounded(Decimal::MAX, 0).hi, Decimal::MAX);
    assert_eq!(Interval::rounded(Decimal::MIN, 3).lo, Decimal::MIN);
    // Rules that point past the report (built for another one) are `na`, not an index panic.
    let doc = kiemso::read::read_text("Biểu mẫu số 02\n1.\tTổng số\tVăn bản\t5\n").unwrap();
    let report = kiemso::report::build(doc, kiemso::builtin_catalogue());
    let stray = |name: &str, at| CellRef {
        name: name.into(),
        at: Some(at),
    };
    let rules = [
        Rule {
            kind: RuleKind::Sum {
                total: stray("B02/1", (7, 0)),
                parts: vec![stray("B02/1.1", (0, 99))],
            },
            severity: Severity::Fail,
            inferred: false,
        },
        Rule {
            kind: RuleKind::Readable {
                cell: stray("B02/9", (0, 5)),
            },
            severity: Severity::Warn,
            inferred: true,
        },
    ];
    let checks = kiemso::evaluate::evaluate(&report, &rules);
    assert!(checks.iter().all(|c| c.status == Status::Na), "{checks:#?}");
    assert_eq!(
        checks[0].message(),
        "Tổng B02/1: không cộng được vì bảng thiếu dòng 1.1."
    );
    assert_eq!(checks[1].message(), "Không tìm thấy ô B02/9.");
}

#[test]
fn old_macintosh_line_ends_keep_line_numbers_in_order() {
    use kiemso::read::{read_text, Block};
    // Found by the `read_text` fuzz target: a lone `\r` ended a record but not a line, so line
    // numbers went past the end of the input, and backwards after the next prose line.
    let fuzzed = "1.\tS\r14\t31,\u{FEFF}";
    let doc = read_text(fuzzed).unwrap();
    let lines: Vec<usize> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Text { line, .. } | Block::Record { line, .. } => Some(*line),
            Block::Break => None,
        })
        .collect();
    assert_eq!(lines, [1, 2]);
    // A form saved as "CSV (Macintosh)": checked, and each finding names its real line.
    let mac = "Biểu mẫu số 02\rSTT;Chỉ tiêu;Đơn vị tính;Số liệu\r\
               1.;Tổng số VBQPPL do địa phương ban hành;Văn bản;60\r\
               1.1.;Số VBQPPL do cấp tỉnh ban hành;Văn bản;12\r\
               1.2.;Số VBQPPL do cấp huyện ban hành;Văn bản;45\r\
               1.3.;Số VBQPPL do cấp xã ban hành;Văn bản;4\r";
    let o = run(mac);
    let s = by_id(&o, SUM_B02);
    assert_eq!(s.status, Status::Fail, "{}", s.message());
    assert_eq!(s.line, Some(3));
}

#[test]
fn dates_beyond_excels_calendar_show_hashes_instead_of_overflowing() {
    // Found with overflow checks on: a date-formatted cell holding 9·10¹⁸ overflowed the day
    // arithmetic (a panic in debug builds, a wrong date in release). Excel shows `########`.
    const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let workbook = format!(
        r#"<workbook {NS}><sheets><sheet name="Biểu 02" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let text = |r: &str, t: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#);
    let mut rows = String::new();
    for (n, (stt, indicator, value)) in [
        ("1.", "Tổng số VBQPPL do địa phương ban hành", "<v>5</v>"),
        (
            "2.",
            "Ngày ban hành văn bản cuối cùng",
            "<v>9223372036854775000</v>",
        ),
        (
            "3.",
            "Ngày ban hành văn bản đầu tiên",
            "<v>-9223372036854775000</v>",
        ),
        ("4.", "Ngày báo cáo", "<v>45565</v>"),
    ]
    .into_iter()
    .enumerate()
    {
        let r = n + 1;
        let style = if n == 0 { "" } else { r#" s="1""# };
        rows.push_str(&format!(
            r#"<row r="{r}">{}{}<c r="C{r}"{style}>{value}</c></row>"#,
            text(&format!("A{r}"), stt),
            text(&format!("B{r}"), indicator),
        ));
    }
    let sheet = format!(r#"<worksheet {NS}><sheetData>{rows}</sheetData></worksheet>"#);
    let styles = format!(
        r#"<styleSheet {NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#
    );
    let parts: [&[u8]; 4] = [
        workbook.as_bytes(),
        sheet.as_bytes(),
        b"",
        styles.as_bytes(),
    ];
    let file = common::xlsx(&parts, true);
    let o = check_file(&file, "ngay.xlsx", &Options::default()).expect("readable");
    let values: Vec<&str> = o.forms[0].table.iter().map(|r| r.value.as_str()).collect();
    assert_eq!(values, ["5", "########", "########", "30/09/2024"]);
    let c = by_id(&o, &format!("parse:{}/2", o.forms[0].form));
    assert!(
        c.message().contains("ô số liệu ghi chữ «########»"),
        "{}",
        c.message()
    );
}

#[test]
fn a_byte_order_mark_after_a_space_does_not_keep_the_space() {
    use kiemso::read::{read_text, Block};
    // Found by the `read_text` fuzz target: `"Ghi \u{FEFF}"` kept its space (prose and cells are
    // documented as trimmed).
    // A quoted field holding a tab is one cell: a line of prose.
    let doc = read_text("\"Ghi\tchú \u{FEFF}\"\n1.\tSố văn bản \u{FEFF}\tVăn bản\t5\n").unwrap();
    assert_eq!(
        doc.blocks[0],
        Block::Text {
            line: 1,
            text: "Ghi\tchú".into()
        }
    );
    assert!(
        matches!(&doc.blocks[1], Block::Record { cells, .. } if cells[1] == "Số văn bản"),
        "{:?}",
        doc.blocks[1]
    );
}
