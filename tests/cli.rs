//! The `kiemso` command line: text and JSON output, and the exit statuses of docs/contract.md.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SEED: &str = "www/examples/khanh-hoa-q3-2024.txt";

fn kiemso(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kiemso"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kiemso runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

#[test]
fn seed_as_json_passes_with_exit_0() {
    let out = kiemso(&["check", SEED, "--json"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["forms"].as_array().unwrap().len(), 7);
    assert_eq!(v["summary"]["fail"], 0);
    let rows: u64 = v["forms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rows"].as_u64().unwrap())
        .sum();
    assert_eq!(rows, 146);
}

#[test]
fn a_failure_gives_exit_1_and_readable_text() {
    let seed = std::fs::read_to_string(SEED).unwrap();
    let broken = seed.replace(
        "3.1.2.\tSố hồ sơ TTHC đã giải quyết đúng hạn\tHồ sơ\t66.687",
        "3.1.2.\tSố hồ sơ TTHC đã giải quyết đúng hạn\tHồ sơ\t66.678",
    );
    assert_ne!(broken, seed);
    let out = kiemso(&["check", "-"], Some(&broken));
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let b03 = text.find("B03 —").unwrap();
    let fail = text.find("✗ LỖI [B03/3.1, B03/3.1.2, B03/3.1.1]").unwrap();
    assert!(fail > b03, "{text}");
    assert!(text.contains("nhưng 66.678 / 66.959 = 99,58%"), "{text}");
    assert!(text.contains(" kiểm tra: 1 lỗi, "), "{text}");
}

#[test]
fn unreadable_input_gives_exit_2_with_a_reason() {
    let out = kiemso(&["check", "-"], Some("   \n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Không có nội dung"));
    let out = kiemso(&["check", "/no/such/file.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = kiemso(&["check", SEED, "--catalogue", "/no/such.json"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = kiemso(&["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn forms_lists_the_catalogue_and_a_user_catalogue_replaces_it() {
    let out = kiemso(&["forms"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("Biểu mẫu số").count(), 7, "{text}");
    assert!(
        text.contains("Biểu mẫu số 03: Cải cách thủ tục hành chính — 25 dòng"),
        "{text}"
    );

    let dir = std::env::temp_dir().join(format!("kiemso-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("catalogue.json");
    std::fs::write(&path, r#"{"name":"Biểu riêng","forms":[{"number":9,"title":"Thử","rows":[{"stt":"1","indicator":"Tổng số","unit":"Hồ sơ"},{"stt":"1.1","indicator":"A","unit":"Hồ sơ"}],"rules":[{"kind":"at_most","parts":["1.1"],"whole":"1"}]}]}"#).unwrap();
    let out = kiemso(&["forms", "--catalogue", path.to_str().unwrap()], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Biểu riêng") && text.contains("Biểu mẫu số 09"),
        "{text}"
    );
    let out = kiemso(
        &[
            "check",
            "-",
            "--json",
            "--catalogue",
            path.to_str().unwrap(),
        ],
        Some("Biểu mẫu số 09\n1.\tTổng số\tHồ sơ\t5\n1.1.\tA\tHồ sơ\t6\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == "part:B09/1.1,B09/1" && c["status"] == "fail"));
    std::fs::write(&path, "{\"name\": 1}").unwrap();
    let out = kiemso(
        &["check", SEED, "--catalogue", path.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Danh mục biểu mẫu không hợp lệ"));
}

#[test]
fn a_form_whose_every_value_is_broken_never_exits_0() {
    let text = "Biểu mẫu số 01\n1.\tSố văn bản\tVăn bản\t#REF!\n\
                2.\tTỷ lệ hoàn thành kế hoạch CCHC\t%\t1e308\n\
                2.1.\tSố nhiệm vụ đề ra trong kế hoạch\tNhiệm vụ\t١٢\n\
                2.2.\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t12.3.4\n";
    let out = kiemso(&["check", "-"], Some(text));
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// A folder of its own under the system's temporary folder, for files a test writes.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kiemso-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_read_or_refused_never_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    // «báo cáo.txt» in Windows-1258, as an old archive unpacks it on Linux.
    let dir = scratch("non-utf8");
    let name = std::ffi::OsStr::from_bytes(b"b\xe1o c\xe1o.txt");
    let path = dir.join(name);
    std::fs::write(
        &path,
        "Biểu mẫu số 02\n1.\tTổng số\tVăn bản\t5\n1.1.\tA\tVăn bản\t5\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kiemso"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout).unwrap().contains("B02"));
    // Missing, and as the catalogue: exit 2 with the reason in Vietnamese.
    let missing = dir.join(std::ffi::OsStr::from_bytes(b"thi\xeau.txt"));
    for args in [
        vec![
            std::ffi::OsString::from("check"),
            missing.clone().into_os_string(),
        ],
        vec![
            std::ffi::OsString::from("forms"),
            "--catalogue".into(),
            missing.into_os_string(),
        ],
        vec![
            std::ffi::OsString::from("check"),
            std::ffi::OsStr::from_bytes(b"--x\xff").into(),
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_kiemso"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("không"), "{err}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn text_from_the_input_or_the_catalogue_cannot_drive_the_terminal() {
    // Clear the screen, set the window title, an 8-bit CSI, a right-to-left override, and a
    // line end that would print a fake summary.
    let hostile = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}\rTổng cộng 0 kiểm tra";
    let text = format!(
        "Biểu mẫu số 02 {hostile}\n1.\tTổng số {hostile}\tVăn bản\t5\n1.1.\tA\tVăn bản\t2\n1.2.\tB {hostile}\tVăn bản\tx{hostile}\n"
    );
    let is_raw = |c: char| c.is_control() && c != '\n' || c == '\u{202e}';
    for args in [&["check", "-", "--all"][..], &["check", "-", "--json"]] {
        let out = kiemso(args, Some(&text));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(!stdout.chars().any(is_raw), "{args:?}: {stdout:?}");
        assert!(stdout.contains("\\u001b"), "{args:?}: {stdout}");
        if args.contains(&"--json") {
            // The same strings once parsed.
            let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert!(v.to_string().contains('\u{202e}'));
        }
    }
    // A catalogue's names, and an error naming a file.
    let dir = scratch("escapes");
    let catalogue = dir.join("c.json");
    std::fs::write(
        &catalogue,
        serde_json::json!({"name": hostile, "forms": [{"number": 8, "title": hostile, "rows": []}]})
            .to_string(),
    )
    .unwrap();
    let out = kiemso(&["forms", "--catalogue", catalogue.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.chars().any(is_raw), "{stdout:?}");
    let missing = dir.join(format!("{hostile}.docx"));
    let out = kiemso(&["check", missing.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.chars().any(is_raw), "{stderr:?}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn target_prints_the_change_as_json() {
    let out = kiemso(&["target", SEED, "B03/3.1", "99,80", "--json"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["cell"], "B03/3.1");
    assert_eq!(v["target"], "99,80");
    assert_eq!(v["changes"][0]["cell"], "B03/3.1.2");
    assert_eq!(v["changes"][0]["from"], "66.687");
    assert_eq!(v["changes"][0]["to"], "66.822");
    assert_eq!(v["changes"][1]["cell"], "B03/3.1");
    assert_eq!(v["changes"][1]["to"], "99,80");
    assert!(v["message"].as_str().unwrap().contains("cần thêm 135"));
    // The denominator on request, from standard input, as text.
    let seed = std::fs::read_to_string(SEED).unwrap();
    let out = kiemso(
        &["target", "-", "B03/3.1", "99,80", "--change", "3.1.1"],
        Some(&seed),
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("cần bớt 136"), "{text}");
    assert!(text.contains("B03/3.1.1: 66.959 → 66.823"), "{text}");
}

#[test]
fn target_out_of_reach_gives_exit_1_and_why() {
    let out = kiemso(&["target", SEED, "B03/3.1", "100,01", "--json"], None);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["changes"].as_array().unwrap().len(), 0);
    assert_eq!(v["reachable"], false);
    assert!(v["message"]
        .as_str()
        .unwrap()
        .contains("không thể vượt 100%"));
}

#[test]
fn target_of_an_unknown_cell_or_file_gives_exit_2() {
    for (args, says) in [
        (vec!["target", SEED, "B09/1", "5"], "không tìm thấy ô B09/1"),
        (vec!["target", SEED, "B03/3.1", "abc"], "không phải là số"),
        (
            vec!["target", "khong-co.txt", "B03/3.1", "99"],
            "không mở được",
        ),
        (vec!["target", SEED, "B03/3.1"], "cần tệp, ô và giá trị"),
    ] {
        let out = kiemso(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn compact_json_is_the_same_document_on_one_line() {
    let pretty = kiemso(&["check", SEED, "--json"], None);
    let compact = kiemso(&["check", SEED, "--compact"], None);
    assert_eq!(compact.status.code(), pretty.status.code());
    let text = String::from_utf8(compact.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "one line");
    assert!(
        text.len() * 10 < pretty.stdout.len() * 9,
        "smaller than pretty"
    );
    let a: serde_json::Value = serde_json::from_str(&text).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&pretty.stdout).unwrap();
    assert_eq!(a, b);
}

#[test]
fn large_raises_the_page_limit_on_records() {
    // 200,001 records (no STT: nothing to check, so the debug build reads them quickly): one
    // over the page's limit.
    let table = "Chỉ tiêu\tGhi chú\n".repeat(kiemso::read::MAX_RECORDS + 1);
    let refused = kiemso(&["check", "-"], Some(&table));
    assert_eq!(refused.status.code(), Some(2));
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(
        why.contains(&format!("{} dòng", kiemso::read::MAX_RECORDS)),
        "{why}"
    );
    let accepted = kiemso(&["check", "-", "--large", "--compact"], Some(&table));
    assert_ne!(
        accepted.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&accepted.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&accepted.stdout).unwrap();
    assert!(v["summary"].is_object());
}
