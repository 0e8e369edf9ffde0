//! Checks as data, words at the edge (src/words.rs): the checks every row gets keep what their
//! explanation needs and are worded when shown, the same words in `Check::message`, the JSON
//! document and the text output.

use kiemso::outcome::{Message, Status};
use kiemso::{check_text, Options};

/// A table with a percentage over its two counts, a total over its parts and an amount, as an
/// unknown table (inferred rules), with one broken total.
const TABLE: &str = "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\tGhi chú\n\
1.\tTỷ lệ hồ sơ đúng hạn\t%\t31,15\t\n\
1.1.\tSố hồ sơ đã giải quyết\tHồ sơ\t61\t\n\
1.2.\tSố hồ sơ đúng hạn\tHồ sơ\t19\t\n\
2.\tTổng số cán bộ\tNgười\t10\t\n\
2.1.\tCán bộ nam\tNgười\t4\t\n\
2.2.\tCán bộ nữ\tNgười\t6\t\n\
3.\tTổng kinh phí\tTriệu đồng\t12,5\t\n\
3.1.\tKinh phí thường xuyên\tTriệu đồng\t2,5\t\n\
3.2.\tKinh phí đầu tư\tTriệu đồng\t9\t\n";

#[test]
fn passing_row_checks_are_worded_when_shown_and_say_the_same_everywhere() {
    let outcome = check_text(TABLE, &Options::default()).unwrap();
    let deferred = outcome
        .checks
        .iter()
        .filter(|c| matches!(c.message, Message::Deferred { .. }))
        .count();
    // Every row's range check, the matching ratio and total: not worded when made.
    assert!(
        deferred >= 9,
        "{deferred} deferred of {}",
        outcome.checks.len()
    );
    let json: serde_json::Value = serde_json::from_str(&outcome.to_json()).unwrap();
    let text = kiemso::present::render_text(&outcome, true);
    for (c, j) in outcome
        .checks
        .iter()
        .zip(json["checks"].as_array().unwrap())
    {
        let m = c.message();
        assert!(
            m.starts_with(char::is_uppercase) && m.ends_with(['.', ')']),
            "{m}"
        );
        assert_eq!(j["message"].as_str(), Some(&*m));
        assert!(text.contains(&*m), "{m}");
        if c.inferred {
            assert!(m.contains("Quy tắc suy ra từ cấu trúc bảng"), "{m}");
        }
    }
    // The broken total (12,5 ≠ 2,5 + 9) is worded with its figures.
    let broken = outcome
        .checks
        .iter()
        .find(|c| c.status != Status::Pass && c.cells[0].ends_with("/3"))
        .expect("the broken total");
    assert!(
        broken.message().contains("2,5 + 9 = 11,5"),
        "{}",
        broken.message()
    );
}

#[test]
fn adding_to_a_deferred_message_words_it_first() {
    let mut outcome = check_text(TABLE, &Options::default()).unwrap();
    let c = outcome
        .checks
        .iter_mut()
        .find(|c| matches!(c.message, Message::Deferred { .. }))
        .unwrap();
    let before = c.message().into_owned();
    c.push_message(" Thêm.");
    assert_eq!(c.message(), before + " Thêm.");
}
