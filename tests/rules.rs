//! Each rule kind, passing and failing, on small tables as officials paste them.

use kiemso::catalogue::Catalogue;
use kiemso::outcome::{Check, Kind, Outcome, Status};
use kiemso::report::Recognition;
use kiemso::{check_text, Options};

fn run(text: &str) -> Outcome {
    check_text(text, &Options::default()).expect("readable")
}

fn by_id<'a>(o: &'a Outcome, id: &str) -> &'a Check {
    o.checks.iter().find(|c| c.id == id).unwrap_or_else(|| {
        let ids: Vec<&str> = o.checks.iter().map(|c| c.id.as_str()).collect();
        panic!("no check {id} among {ids:#?}")
    })
}

/// Form 01's ratio rows 2, 2.1, 2.2 with the given figures.
fn b01_ratio(percent: &str, planned: &str, done: &str) -> String {
    format!(
        "Biểu mẫu số 01\n\
         2.\tTỷ lệ hoàn thành kế hoạch CCHC (Lũy kế đến thời điểm báo cáo)\t%\t{percent}\t\n\
         2.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t{planned}\t\n\
         2.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t{done}\t\n"
    )
}

const RATIO_B01: &str = "ratio:B01/2,B01/2.2,B01/2.1";

#[test]
fn rounding_edges() {
    for (printed, expected) in [
        ("31,15", Status::Pass),
        ("31,1", Status::Pass),
        ("31", Status::Pass),
        ("31,148", Status::Pass),
        ("31,14", Status::Fail),
        ("31,16", Status::Fail),
        ("31,2", Status::Fail),
        ("32", Status::Fail),
    ] {
        let o = run(&b01_ratio(printed, "61", "19"));
        assert_eq!(
            by_id(&o, RATIO_B01).status,
            expected,
            "19/61 printed {printed}"
        );
    }
    let c = run(&b01_ratio("31,2", "61", "19"));
    let c = by_id(&c, RATIO_B01);
    assert_eq!(c.expected.as_deref(), Some("31,1"));
    assert_eq!(c.imbalance.as_deref(), Some("+0,1"));

    let o = run(&b01_ratio("100", "278", "278"));
    assert_eq!(by_id(&o, RATIO_B01).status, Status::Pass);
    let o = run(&b01_ratio("100,00", "278", "277"));
    assert_eq!(by_id(&o, RATIO_B01).status, Status::Fail);
    let o = run(&b01_ratio("62,50", "8", "5"));
    assert_eq!(by_id(&o, RATIO_B01).status, Status::Pass);
    let o = run(&b01_ratio("62,5", "8", "5"));
    assert_eq!(by_id(&o, RATIO_B01).status, Status::Pass);
    let o = run(&b01_ratio("62,4", "8", "5"));
    assert_eq!(by_id(&o, RATIO_B01).status, Status::Fail);
    let o = run(&b01_ratio("62,51", "8", "5"));
    assert_eq!(by_id(&o, RATIO_B01).status, Status::Fail);
    // A % sign in the cell changes nothing.
    let o = run(&b01_ratio("31,15%", "61", "19"));
    assert_eq!(by_id(&o, RATIO_B01).status, Status::Pass);
}

#[test]
fn zero_denominators() {
    let o = run(&b01_ratio("0", "0", "0"));
    let c = by_id(&o, RATIO_B01);
    assert_eq!(c.status, Status::Warn);
    assert!(
        c.message().contains("0/0") && c.message().contains("để trống"),
        "{}",
        c.message()
    );

    let o = run(&b01_ratio("", "0", "0"));
    assert_eq!(by_id(&o, RATIO_B01).status, Status::Na);

    let o = run(&b01_ratio("100", "0", "3"));
    let c = by_id(&o, RATIO_B01);
    assert_eq!(c.status, Status::Na);
    assert!(c.message().contains("mẫu số"), "{}", c.message());
    // …but a numerator above its denominator is a failure of its own.
    assert_eq!(by_id(&o, "part:B01/2.2,B01/2.1").status, Status::Fail);
}

#[test]
fn missing_and_unreadable_operands_are_not_evaluable() {
    let text = "Biểu mẫu số 01\n2.\tTỷ lệ hoàn thành kế hoạch CCHC\t%\t31,15\t\n2.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t19\t\n";
    let o = run(text);
    let c = by_id(&o, RATIO_B01);
    assert_eq!(c.status, Status::Na);
    assert!(c.message().contains("thiếu dòng 2.1"), "{}", c.message());

    let o = run(&b01_ratio("31,15", "Đang cập nhật", "19"));
    assert_eq!(by_id(&o, RATIO_B01).status, Status::Na);
    let parse = by_id(&o, "parse:B01/2.1");
    assert_eq!(parse.status, Status::Warn);
    assert!(parse.message().contains("Đang cập nhật"));

    let o = run(&b01_ratio("31,15", "6,1,0", "19"));
    let parse = by_id(&o, "parse:B01/2.1");
    assert_eq!(parse.status, Status::Fail);
    assert!(
        parse.message().contains("không đọc được «6,1,0»"),
        "{}",
        parse.message()
    );
}

#[test]
fn sums() {
    let table = |total: &str| {
        format!(
            "Biểu mẫu số 02\n1.\tTổng số VBQPPL do địa phương ban hành\tVăn bản\t{total}\t\n\
             1.1.\tSố VBQPPL do cấp tỉnh ban hành\tVăn bản\t12\t\n\
             1.2.\tSố VBQPPL do cấp huyện ban hành\tVăn bản\t45\t\n\
             1.3.\tSố VBQPPL do cấp xã ban hành\tVăn bản\t03\t\n"
        )
    };
    let o = run(&table("60"));
    let c = by_id(&o, "sum:B02/1,B02/1.1,B02/1.2,B02/1.3");
    assert_eq!(c.status, Status::Pass);
    assert_eq!(c.formula.as_deref(), Some("12 + 45 + 3"));
    let o = run(&table("61"));
    let c = by_id(&o, "sum:B02/1,B02/1.1,B02/1.2,B02/1.3");
    assert_eq!(c.status, Status::Fail);
    assert_eq!(c.expected.as_deref(), Some("60"));
    assert_eq!(c.imbalance.as_deref(), Some("+1"));
    assert_eq!(
        c.message(),
        "Dòng 1 «Tổng số VBQPPL do địa phương ban hành»: ghi 61 nhưng 12 + 45 + 3 = 60 (chênh 1)."
    );
}

#[test]
fn parts_within_a_whole() {
    let text = |whole: &str| {
        format!(
            "Biểu mẫu số 01\n5.1.\tTổng số nhiệm vụ được giao\tNhiệm vụ\t{whole}\t\n\
             5.2.\tSố nhiệm vụ đã hoàn thành đúng hạn\tNhiệm vụ\t86\t\n\
             5.3.\tSố nhiệm vụ đã hoàn thành nhưng quá hạn\tNhiệm vụ\t0\t\n\
             5.4.\tSố nhiệm vụ quá hạn nhưng chưa hoàn thành\tNhiệm vụ\t0\t\n"
        )
    };
    let id = "part:B01/5.2,B01/5.3,B01/5.4,B01/5.1";
    assert_eq!(by_id(&run(&text("127")), id).status, Status::Pass);
    // Equality is allowed: tasks in progress may be none.
    assert_eq!(by_id(&run(&text("86")), id).status, Status::Pass);
    let o = run(&text("80"));
    let c = by_id(&o, id);
    assert_eq!(c.status, Status::Fail);
    assert!(c.message().contains("lớn hơn dòng 5.1"), "{}", c.message());

    // A warning-level rule of the catalogue.
    let staff = "Biểu mẫu số 04\n2.1.\tTổng số biên chế được giao trong năm\tNgười\t1.859\t\n\
                 2.2.\tTổng số biên chế có mặt tại thời điểm báo cáo\tNgười\t1.900\t\n";
    assert_eq!(
        by_id(&run(staff), "part:B04/2.2,B04/2.1").status,
        Status::Warn
    );
}

#[test]
fn cross_form_rule_applies_when_both_forms_are_present() {
    let b04 = "Biểu mẫu số 04\n1.5.\tTổng số ĐVSNCL tại địa phương\tĐơn vị\t578\t\n";
    let b06 =
        |n: &str| format!("Biểu mẫu số 06\n2.1.\tTổng số ĐVSN tại địa phương\tĐơn vị\t{n}\t\n");
    let o = run(b04);
    assert!(o.checks.iter().all(|c| !c.id.contains("B06")));
    let o = run(&format!("{b04}{}", b06("500")));
    assert_eq!(by_id(&o, "part:B04/1.5,B06/2.1").status, Status::Warn);
    let o = run(&format!("{b04}{}", b06("616")));
    assert_eq!(by_id(&o, "part:B04/1.5,B06/2.1").status, Status::Pass);
}

#[test]
fn codes_read_from_the_unit_column() {
    let text = |v: &str| {
        format!("Biểu mẫu số 01\n6.2.\tHình thức khảo sát\tTrực tuyến = 0 Phát phiếu = 1 Kết hợp = 2\t{v}\t\n")
    };
    let o = run(&text("2"));
    let c = by_id(&o, "code:B01/6.2");
    assert_eq!(c.status, Status::Pass);
    assert!(c.message().contains("Kết hợp"));
    let o = run(&text("3"));
    let c = by_id(&o, "code:B01/6.2");
    assert_eq!(c.status, Status::Fail);
    assert!(
        c.message()
            .contains("0 (Trực tuyến), 1 (Phát phiếu) hoặc 2 (Kết hợp)"),
        "{}",
        c.message()
    );
    assert_eq!(
        by_id(&run(&text("1,5")), "code:B01/6.2").status,
        Status::Fail
    );
    // Without the unit, the catalogue's codes.
    let o = run("Biểu mẫu số 07\n4.\tTriển khai xây dựng nền tảng LGSP\t\t3\t\n");
    assert_eq!(by_id(&o, "code:B07/4").status, Status::Fail);
}

#[test]
fn ranges_and_counts() {
    let o = run(
        "Biểu mẫu số 04\n1.1.\tTỷ lệ sở, ngành đã hoàn thành việc sắp xếp\t%\t100,4\t\n\
                 2.4.\tSố biên chế đã tinh giản trong kỳ báo cáo\tNgười\t12,5\t\n\
                 2.3.\tSố hợp đồng lao động\tNgười\t-3\t\n\
                 1.3.\tSố lượng ban quản lý trực thuộc UBND tỉnh\tBan\t03\t\n",
    );
    assert_eq!(by_id(&o, "range:B04/1.1").status, Status::Fail);
    let c = by_id(&o, "count:B04/2.4");
    assert_eq!(c.status, Status::Fail);
    assert!(
        c.message().contains("số nguyên không âm"),
        "{}",
        c.message()
    );
    assert_eq!(by_id(&o, "count:B04/2.3").status, Status::Fail);
    assert_eq!(by_id(&o, "count:B04/1.3").status, Status::Pass);
}

#[test]
fn excel_tsv_with_quoted_cells_and_no_title() {
    // Excel quotes a cell holding a line break; the table comes without its title.
    let text = "STT\tChỉ tiêu thống kê\tKết quả thống kê\t\tGhi chú\n\
                \t\tĐơn vị tính\tSố liệu\t\n\
                3.4.\tTỷ lệ giải quyết PAKN về quy định TTHC\t%\t95,26\t\"11 PAKN\nđang xử lý trong hạn\"\n\
                3.4.1.\tTổng số PAKN đã tiếp nhận\tPAKN\t232\t\n\
                3.4.2.\tSố PAKN đã giải quyết xong\tPAKN\t221\t\n";
    let o = run(text);
    assert_eq!(o.forms.len(), 1);
    assert_eq!(o.forms[0].form, "B03");
    assert_eq!(o.forms[0].recognition, Recognition::Indicators);
    assert_eq!(o.forms[0].table[0].note, "11 PAKN đang xử lý trong hạn");
    let c = by_id(&o, "ratio:B03/3.4,B03/3.4.2,B03/3.4.1");
    assert_eq!(c.status, Status::Pass);
    assert!(!c.inferred);
}

#[test]
fn csv_from_a_european_excel() {
    let text = "STT;Chỉ tiêu;Đơn vị tính;Số liệu;Ghi chú\n\
                3.2.;Tỷ lệ xử lý VBQPPL sau rà soát;%;62,50;\n\
                3.2.1.;Tổng số VBQPPL cần phải xử lý sau rà soát;Văn bản;08;\n\
                3.2.2.;Số VBQPPL có kiến nghị xử lý đã được xử lý xong;Văn bản;05;\n";
    let o = run(text);
    assert_eq!(o.forms[0].form, "B02");
    assert_eq!(
        by_id(&o, "ratio:B02/3.2,B02/3.2.2,B02/3.2.1").status,
        Status::Pass
    );
}

#[test]
fn unknown_tables_get_inferred_rules_as_warnings() {
    let text = |rate: &str, total: &str| {
        format!(
            "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n\
             1.\tTổng số hồ sơ tiếp nhận tại Trung tâm\tHồ sơ\t{total}\n\
             1.1.\tHồ sơ nộp trực tiếp\tHồ sơ\t120\n\
             1.2.\tHồ sơ nộp trực tuyến\tHồ sơ\t380\n\
             2.\tTỷ lệ hồ sơ trả kết quả qua bưu chính\t%\t{rate}\n\
             2.1.\tSố hồ sơ đã trả kết quả\tHồ sơ\t400\n\
             2.2.\tSố hồ sơ trả qua bưu chính\tHồ sơ\t90\n"
        )
    };
    let o = run(&text("22,50", "500"));
    assert_eq!(o.forms[0].form, "T1");
    assert_eq!(o.forms[0].recognition, Recognition::Unknown);
    let sum = by_id(&o, "sum:T1/1,T1/1.1,T1/1.2");
    let ratio = by_id(&o, "ratio:T1/2,T1/2.2,T1/2.1");
    assert!(sum.inferred && ratio.inferred);
    assert_eq!((sum.status, ratio.status), (Status::Pass, Status::Pass));

    let o = run(&text("25,00", "501"));
    let sum = by_id(&o, "sum:T1/1,T1/1.1,T1/1.2");
    let ratio = by_id(&o, "ratio:T1/2,T1/2.2,T1/2.1");
    assert_eq!((sum.status, ratio.status), (Status::Warn, Status::Warn));
    assert!(ratio.message().contains("suy ra"), "{}", ratio.message());
    assert_eq!(o.summary.fail, 0);
}

#[test]
fn a_user_catalogue_replaces_the_builtin_one() {
    let json = r#"{
      "name": "Biểu thống kê của Sở",
      "forms": [{
        "number": 8, "title": "Một cửa điện tử",
        "rows": [
          {"stt": "1", "indicator": "Tỷ lệ hồ sơ trực tuyến", "unit": "%"},
          {"stt": "1.1", "indicator": "Tổng số hồ sơ", "unit": "Hồ sơ"},
          {"stt": "1.2", "indicator": "Số hồ sơ trực tuyến", "unit": "Hồ sơ"}
        ],
        "rules": [{"kind": "ratio", "result": "1", "numerator": "1.2", "denominator": "1.1"}]
      }]
    }"#;
    let options = Options {
        catalogue: Some(Catalogue::from_json(json).unwrap()),
        ..Options::default()
    };
    let text = "Biểu mẫu số 08\n1.\tTỷ lệ hồ sơ trực tuyến\t%\t40,00\n1.1.\tTổng số hồ sơ\tHồ sơ\t200\n1.2.\tSố hồ sơ trực tuyến\tHồ sơ\t81\n";
    let o = check_text(text, &options).unwrap();
    let c = by_id(&o, "ratio:B08/1,B08/1.2,B08/1.1");
    assert_eq!(c.status, Status::Fail);
    assert!(!c.inferred);
    assert_eq!(c.expected.as_deref(), Some("40,50"));
    // The built-in forms are gone with it: form 02 is now unknown.
    let o = check_text(
        "Biểu mẫu số 02\n1.\tTổng số\tVăn bản\t2\n1.1.\tA\tVăn bản\t1\n1.2.\tB\tVăn bản\t1\n",
        &options,
    )
    .unwrap();
    assert_eq!(o.forms[0].recognition, Recognition::Unknown);
    assert!(by_id(&o, "sum:B02/1,B02/1.1,B02/1.2").inferred);
}

#[test]
fn odd_input_gives_findings_not_crashes() {
    for text in [
        "STT\tChỉ tiêu\n",
        "1.\t\t\t\t\n",
        "\t\t\t7\n",
        "Biểu mẫu số 03\n",
        "Biểu mẫu số 99\n1.\tTổng số\tHồ sơ\tabc\n",
        "1.1.1.1.1.1.1.1.1.1.\tSâu\tHồ sơ\t1\n",
        "2.\tTỷ lệ\t%\t50\n2.\tTỷ lệ\t%\t50\n",
        "1.\tA\tHồ sơ\t99999999999999999999999999\n1.1.\tB\tHồ sơ\t99999999999999999999999999\n",
        "\u{202E}1.\tA\t%\t\u{0661}\u{0662}\n",
    ] {
        let o = run(text);
        let _ = o.to_json();
    }
    assert!(check_text("", &Options::default()).is_err());
}

#[test]
fn every_check_has_a_vietnamese_message_and_the_kinds_are_named() {
    let o = run(include_str!("../www/examples/khanh-hoa-q3-2024.txt"));
    for c in &o.checks {
        assert!(c.message().chars().count() > 15, "{c:?}");
        assert!(
            !c.message().contains("Some(") && !c.message().contains("None"),
            "{}",
            c.message()
        );
    }
    for kind in [
        Kind::Ratio,
        Kind::Sum,
        Kind::Part,
        Kind::Code,
        Kind::Range,
        Kind::Count,
    ] {
        assert!(o.checks.iter().any(|c| c.kind == kind), "{kind:?}");
    }
}

#[test]
fn an_error_in_one_form_never_discards_the_results_of_the_others() {
    let seed = include_str!("../www/examples/khanh-hoa-q3-2024.txt");
    let clean = run(seed);
    // Form 01 broken every way at once: a malformed figure, words, a code out of range, a row cut.
    let broken = seed
        .replace(
            "2.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t61",
            "2.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t6,1,0",
        )
        .replace(
            "2.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t19",
            "2.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\tĐang cập nhật",
        )
        .replace(
            "Hình thức khảo sát\tTrực tuyến = 0 Phát phiếu = 1 Kết hợp = 2\t2",
            "Hình thức khảo sát\tTrực tuyến = 0 Phát phiếu = 1 Kết hợp = 2\t7",
        )
        .replace(
            "5.2.\tSố nhiệm vụ đã hoàn thành đúng hạn\tNhiệm vụ\t86\t\n",
            "",
        );
    assert_ne!(broken, seed);
    let o = run(&broken);
    assert!(o.summary.fail >= 2, "{:?}", o.summary);
    let others = |o: &Outcome| -> Vec<(String, Status)> {
        o.checks
            .iter()
            .filter(|c| c.kind != Kind::Narrative && c.cells.iter().all(|n| !n.starts_with("B01/")))
            .map(|c| (c.id.clone(), c.status))
            .collect()
    };
    assert_eq!(others(&o), others(&clean));
    assert_eq!(o.forms.len(), 7);
}

/// The benchmark's generator, so that the shape `bench catalogue` times is the one tested here:
/// a catalogue of one form with `n` rows, each row at most the one before it, and its table.
#[allow(dead_code)]
#[path = "../examples/bench/gen.rs"]
mod gen;

#[test]
fn a_large_catalogue_is_validated_and_applied_whole() {
    let n: usize = std::env::var("KIEMSO_CATALOGUE_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60_000);
    let (json, text) = gen::large_catalogue(n);
    let catalogue = Catalogue::from_json(&json).unwrap();
    let options = Options {
        catalogue: Some(catalogue),
        ..Options::default()
    };
    // How long this takes is the benchmark's to measure (`bench catalogue`), not a test's: a
    // quadratic validation took minutes for these rows, which the test run would show anyway.
    let o = check_text(&text, &options).unwrap();
    assert_eq!(o.summary.fail, 0);
    assert!(o.checks.iter().filter(|c| c.kind == Kind::Part).count() >= n - 1);
}
