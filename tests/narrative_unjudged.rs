//! When a sentence's figures cannot be pinned down the checker does not judge it, and says so:
//! `kiemso check --all` lists the figure-bearing sentences no rule judged, with the reason when
//! one is plain (#14, item 3).

use kiemso::outcome::{Kind, Outcome, Unjudged};
use kiemso::{check_text, Options};

fn outcome(text: &str) -> Outcome {
    check_text(text, &Options::default()).unwrap()
}

/// The sentence of `text` not judged that holds `words`, if any.
fn unjudged<'o>(o: &'o Outcome, words: &str) -> Option<&'o Unjudged> {
    o.unjudged.iter().find(|u| u.quote.contains(words))
}

#[test]
fn a_sentence_whose_figures_cannot_be_pinned_down_is_listed_with_its_reason() {
    let text = "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95,5%.\n\n\
                Tổng thu ngân sách đạt 14.626 tỷ đồng, tăng 38,5% so với cùng kỳ năm 2023.\n\n\
                Hội nghị có gần 150 đại biểu tham dự.\n\n\
                Sở Nội vụ đã tổ chức 3 lớp bồi dưỡng cho cán bộ.";
    let o = outcome(text);
    let reason = |w: &str| {
        unjudged(&o, w)
            .unwrap_or_else(|| panic!("{w}: {:?}", o.unjudged))
            .reason
    };
    assert_eq!(reason("95,5%"), Some("không rõ mẫu số"));
    assert_eq!(reason("cùng kỳ"), Some("so sánh với kỳ khác"));
    assert_eq!(reason("gần 150"), Some("số làm tròn hoặc ước chừng"));
    // Not judged, for no single plain reason.
    assert_eq!(reason("3 lớp"), None);
    let lines: Vec<usize> = o.unjudged.iter().map(|u| u.line).collect();
    assert_eq!(
        lines,
        [1, 3, 5, 7],
        "in the order of the text, on their lines"
    );
}

#[test]
fn judged_sentences_and_sentences_without_figures_are_not_listed() {
    let text = "Trong kỳ đã giải quyết 180/200 hồ sơ, đạt tỷ lệ 90%.\n\n\
                Ngày 30/8/2024, UBND tỉnh tổ chức hội nghị trong 2 ngày.\n\n\
                Công tác cải cách hành chính được quan tâm.";
    let o = outcome(text);
    assert!(o.checks.iter().any(|c| c.kind == Kind::Narrative));
    assert!(o.unjudged.is_empty(), "{:?}", o.unjudged);
}

#[test]
fn the_seed_lists_its_unjudged_sentences_only_with_all() {
    let seed = include_str!("../www/examples/khanh-hoa-q3-2024.txt");
    let o = outcome(seed);
    // Some of each plain reason, and none of these sentences is one a check quotes.
    for reason in [
        "không rõ mẫu số",
        "so sánh với kỳ khác",
        "số làm tròn hoặc ước chừng",
    ] {
        assert!(
            o.unjudged.iter().any(|u| u.reason == Some(reason)),
            "{reason}"
        );
    }
    let judged: Vec<String> = o
        .checks
        .iter()
        .filter(|c| c.kind == Kind::Narrative)
        .map(|c| c.message().into_owned())
        .collect();
    for u in &o.unjudged {
        assert!(
            !judged.iter().any(|m| m.contains(&u.quote)),
            "{u:?} is judged"
        );
    }
    let heading = "Câu có số liệu chưa được đối chiếu";
    let all = kiemso::present::render_text(&o, true);
    assert!(all.contains(heading));
    assert!(all.contains("— không rõ mẫu số."));
    assert!(!kiemso::present::render_text(&o, false).contains(heading));
    // Not part of the JSON contract.
    assert!(!o.to_json().contains(&o.unjudged[0].quote));
}
