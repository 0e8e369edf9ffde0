//! The native half of `make bench` (run by `scripts/bench.sh`, which also runs the browser half
//! and prints the table). Figures only: nothing here asserts a time.
//!
//! ```text
//! bench gen   --out DIR [--rows 1000,10000,100000] [--seed FILE --batch N]
//! bench seed  FILE [--iters N] [--warmup N]        parse + check of one report, many times
//! bench scale FILE [--iters N] [--large]           one table, in this process: time, peak RSS
//! bench phases FILE [--iters N]                    where the time goes: read, report, rules, …
//! bench locate FILE [--iters N] [--many FILE]     what error localisation costs: FILE with one
//!                                                  typo (B03/3.1.2 66.687 → 66.867, an edit of
//!                                                  the page) and FILE as it is, checked with and
//!                                                  without it; `--many` a report with many
//!                                                  failures (swapped-50.txt of `gen`)
//! bench catalogue [--rows 15000,30000,60000]    a user's catalogue of N rows (each row at most
//!                                                  the one before): validation and check times
//!                                                  and their growth per size (linear: ×2 a
//!                                                  doubling)
//! bench minimal FILE.csv [--iters N]              Kiểm số beside a minimal checker (same rules
//!                                                  and verdicts, no messages), in this process
//! bench native --out DIR --seed FILE --kiemso BIN [--rows …] [--iters N] [--batch N]
//!                                                  all of the above into DIR/native.json
//! ```
//! Every subcommand prints (or writes) JSON; a benchmark that fails exits non-zero.

mod gen;
mod minimal;

use kiemso::{check_text, Options};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

type Res<T> = Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen") => cmd_gen(&args[1..]),
        Some("seed") => cmd_seed(&args[1..]).map(|v| println!("{v}")),
        Some("scale") => cmd_scale(&args[1..]).map(|v| println!("{v}")),
        Some("phases") => cmd_phases(&args[1..]).map(|v| println!("{v}")),
        Some("locate") => cmd_locate(&args[1..]).map(|v| println!("{v}")),
        Some("minimal") => cmd_minimal(&args[1..]).map(|v| println!("{v}")),
        Some("catalogue") => cmd_catalogue(&args[1..]).map(|v| println!("{v}")),
        Some("native") => cmd_native(&args[1..]),
        _ => Err("usage: bench gen|seed|scale|native … (see examples/bench/main.rs)".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--name value` from the arguments.
fn opt<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn opt_num(args: &[String], name: &str, default: usize) -> Res<usize> {
    match opt(args, name) {
        Some(v) => v.parse().map_err(|_| format!("{name}: not a number: {v}")),
        None => Ok(default),
    }
}

fn sizes(args: &[String]) -> Res<Vec<usize>> {
    opt(args, "--rows")
        .unwrap_or("1000,10000,100000")
        .split(',')
        .map(|s| s.trim().parse().map_err(|_| format!("--rows: {s}")))
        .collect()
}

fn read(path: &Path) -> Res<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Res<()> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Median and 95th percentile (nearest rank) of durations, in milliseconds.
fn stats(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let n = samples.len();
    let median = if n % 2 == 1 {
        ms(samples[n / 2])
    } else {
        (ms(samples[n / 2 - 1]) + ms(samples[n / 2])) / 2.0
    };
    let p95 = ms(samples[((n * 95).div_ceil(100)).max(1) - 1]);
    (median, p95, ms(samples[0]))
}

/// A figure from `/proc/self/status` in kB (`VmHWM`: peak resident set; `VmRSS`: now).
fn proc_status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn table_path(dir: &Path, rows: usize, ext: &str) -> PathBuf {
    dir.join(format!("table-{rows}.{ext}"))
}

fn grid_path(dir: &Path) -> PathBuf {
    dir.join("grid.tsv")
}

fn batch_dir(dir: &Path) -> PathBuf {
    dir.join("batch")
}

/// Writes the generated tables (TSV, CSV, Table Schema) and the batch of reports.
fn cmd_gen(args: &[String]) -> Res<()> {
    let out = PathBuf::from(opt(args, "--out").ok_or("gen: --out DIR")?);
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    for n in sizes(args)? {
        let rows = gen::table_rows(n, 2024 + n as u64);
        write(&table_path(&out, n, "tsv"), &gen::to_tsv(&rows))?;
        write(&table_path(&out, n, "csv"), &gen::to_csv(&rows))?;
    }
    write(&out.join("table.schema.json"), &gen::table_schema())?;
    // A wide table (units × 12 measures), the grid model's benchmark: as many units as the
    // largest table has rows, over ten.
    let units = sizes(args)?.into_iter().max().unwrap_or(1000) / 10;
    write(&grid_path(&out), &gen::grid_tsv(units, 2025))?;
    // The smallest input the CLI accepts: a one-row table, to measure what a process costs.
    write(&out.join("tiny.txt"), "1.\tSố văn bản\tVăn bản\t14\n")?;
    // Fifty broken ratios at once: what error localisation costs when much is wrong.
    write(&out.join("swapped-50.txt"), &gen::swapped_ratios(50, 12))?;
    if let Some(seed) = opt(args, "--seed") {
        let seed = read(Path::new(seed))?;
        let count = opt_num(args, "--batch", 1000)?;
        let dir = batch_dir(&out);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        for i in 0..count {
            write(
                &dir.join(format!("unit-{:04}.txt", i + 1)),
                &gen::report_variant(&seed, i),
            )?;
        }
    }
    Ok(())
}

/// Parse + check of one report (`check_text`: read, build, rules, evaluate, outcome), many times.
fn cmd_seed(args: &[String]) -> Res<Value> {
    let path = args.first().ok_or("seed: FILE")?;
    let text = read(Path::new(path))?;
    let iters = opt_num(args, "--iters", 2000)?;
    let warmup = opt_num(args, "--warmup", 200)?;
    let options = Options::default();
    let mut checks = 0;
    for _ in 0..warmup {
        checks = check_text(&text, &options)
            .map_err(|e| e.to_string())?
            .checks
            .len();
    }
    let mut samples = Vec::with_capacity(iters);
    let mut json_samples = Vec::with_capacity(iters);
    for _ in 0..iters {
        let t = Instant::now();
        let outcome = check_text(&text, &options).map_err(|e| e.to_string())?;
        samples.push(t.elapsed());
        // What the CLI adds for `--json`, measured apart.
        let t = Instant::now();
        std::hint::black_box(outcome.to_json());
        json_samples.push(t.elapsed());
    }
    let (median, p95, min) = stats(samples);
    let (json_median, _, _) = stats(json_samples);
    Ok(json!({
        "bytes": text.len(), "checks": checks, "iters": iters,
        "median_ms": median, "p95_ms": p95, "min_ms": min, "json_median_ms": json_median,
    }))
}

/// Kiểm số (`check_text` and the CLI's text output) beside the minimal checker of
/// `minimal.rs`, on the same CSV, in this process: the medians, their ratio, and the verdicts of
/// both by kind, which must be the same (else the comparison is void and the benchmark fails).
fn cmd_minimal(args: &[String]) -> Res<Value> {
    let path = args.first().ok_or("minimal: FILE.csv")?;
    let iters = opt_num(args, "--iters", 5)?.max(1);
    let text = read(Path::new(path))?;
    let options = Options::default();
    let mut ours = Vec::with_capacity(iters);
    let mut theirs = Vec::with_capacity(iters);
    let mut verdicts = (minimal::Verdicts::new(), minimal::Verdicts::new());
    for _ in 0..iters {
        let t = Instant::now();
        let outcome = check_text(&text, &options).map_err(|e| e.to_string())?;
        std::hint::black_box(kiemso::present::render_text(&outcome, false));
        ours.push(t.elapsed());
        let by_kind = verdicts_of(&outcome);
        drop(outcome);
        let t = Instant::now();
        let v = std::hint::black_box(minimal::check(&text));
        theirs.push(t.elapsed());
        verdicts = (by_kind, v);
    }
    // The same verdicts on a copy with every 50th figure's last digit changed, so that failures
    // are compared too, not only passes.
    let broken: String = text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let mut line = line.to_string();
            // The value's last digit, on rows without a note (the line ends with the value's
            // field and a comma).
            if i % 50 == 7 && line.ends_with(',') {
                let value_end = line.len() - 1;
                if let Some(p) = line[..value_end].rfind(|c: char| c.is_ascii_digit()) {
                    if value_end - p <= 1 {
                        let d = line.as_bytes()[p] - b'0';
                        line.replace_range(p..=p, &((d + 1) % 10).to_string());
                    }
                }
            }
            line + "\n"
        })
        .collect();
    let broken_kinds = verdicts_of(&check_text(&broken, &options).map_err(|e| e.to_string())?);
    let broken_minimal = minimal::check(&broken);
    if broken_kinds != broken_minimal || broken_kinds.values().all(|(_, f)| *f == 0) {
        return Err(format!(
            "{path} with edits: the minimal checker's verdicts differ from Kiểm số's: {broken_minimal:?} against {broken_kinds:?}"
        ));
    }
    if verdicts.0 != verdicts.1 {
        return Err(format!(
            "{path}: the minimal checker's verdicts differ from Kiểm số's: {:?} against {:?}",
            verdicts.1, verdicts.0
        ));
    }
    let (ours_ms, _, _) = stats(ours);
    let (theirs_ms, _, _) = stats(theirs);
    Ok(json!({
        "bytes": text.len(), "iters": iters,
        "checks": verdicts.0.values().map(|(p, f)| p + f).sum::<usize>(),
        "kiemso_ms": ours_ms, "minimal_ms": theirs_ms, "ratio": ours_ms / theirs_ms,
    }))
}

/// Kiểm số's passed and failed checks by kind, as the minimal checker counts its own.
fn verdicts_of(outcome: &kiemso::outcome::Outcome) -> minimal::Verdicts {
    let mut by_kind = minimal::Verdicts::new();
    for c in &outcome.checks {
        let e = by_kind.entry(kind_name(&c.kind)).or_default();
        if c.status == kiemso::outcome::Status::Pass {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    by_kind
}

fn kind_name(kind: &kiemso::outcome::Kind) -> &'static str {
    match kind {
        kiemso::outcome::Kind::Ratio => "ratio",
        kiemso::outcome::Kind::Sum => "sum",
        kiemso::outcome::Kind::Part => "part",
        kiemso::outcome::Kind::Code => "code",
        kiemso::outcome::Kind::Range => "range",
        kiemso::outcome::Kind::Count => "count",
        _ => "other",
    }
}

/// One table, in a process of its own so that its peak resident set is its own.
fn cmd_scale(args: &[String]) -> Res<Value> {
    let path = args.first().ok_or("scale: FILE")?;
    let iters = opt_num(args, "--iters", 5)?.max(1);
    let text = read(Path::new(path))?;
    // Beyond the page's 200,000 records, the limits of `kiemso check --large`.
    let options = Options {
        limits: if args.iter().any(|a| a == "--large") {
            kiemso::read::Limits::LARGE
        } else {
            kiemso::read::Limits::PAGE
        },
        ..Options::default()
    };
    let rss_before = proc_status_kb("VmRSS");
    let mut samples = Vec::with_capacity(iters);
    let mut summary = (0, 0, 0);
    for _ in 0..iters {
        let t = Instant::now();
        let outcome = check_text(&text, &options).map_err(|e| e.to_string())?;
        samples.push(t.elapsed());
        let rows: usize = outcome.forms.iter().map(|f| f.rows).sum();
        summary = (rows, outcome.checks.len(), outcome.summary.pass);
        drop(outcome);
    }
    let (median, p95, min) = stats(samples);
    Ok(json!({
        "bytes": text.len(), "rows": summary.0, "checks": summary.1, "pass": summary.2,
        "iters": iters, "median_ms": median, "p95_ms": p95, "min_ms": min,
        "rss_before_kb": rss_before, "peak_rss_kb": proc_status_kb("VmHWM"),
    }))
}

/// How a large catalogue of the user's grows: `Catalogue::from_json` (validation) and the check
/// of its table, per size, with the growth against the size before (linear is ×2 a doubling).
fn cmd_catalogue(args: &[String]) -> Res<Value> {
    let sizes = opt(args, "--rows")
        .unwrap_or("15000,30000,60000")
        .split(',')
        .map(|s| s.trim().parse().map_err(|_| format!("--rows: {s}")))
        .collect::<Res<Vec<usize>>>()?;
    let mut lines = Vec::new();
    let mut before: Option<(usize, f64, f64)> = None;
    for n in sizes {
        let (json, text) = gen::large_catalogue(n);
        let t = Instant::now();
        let catalogue =
            kiemso::catalogue::Catalogue::from_json(&json).map_err(|e| e.to_string())?;
        let validated = t.elapsed().as_secs_f64() * 1e3;
        let options = Options {
            catalogue: Some(catalogue),
            ..Options::default()
        };
        let t = Instant::now();
        let outcome = check_text(&text, &options).map_err(|e| e.to_string())?;
        let checked = t.elapsed().as_secs_f64() * 1e3;
        let mut line = json!({"rows": n, "checks": outcome.checks.len(), "fail": outcome.summary.fail,
            "validated_ms": validated, "checked_ms": checked});
        if let Some((m, v, c)) = before {
            line["size_growth"] = json!(n as f64 / m as f64);
            line["validated_growth"] = json!(validated / v);
            line["checked_growth"] = json!(checked / c);
        }
        before = Some((n, validated, checked));
        lines.push(line);
    }
    Ok(Value::Array(lines))
}

/// Where the time of one check goes, step by step (the pipeline of `check_text`), medians in
/// milliseconds: what to look at first when a budget is missed.
fn cmd_phases(args: &[String]) -> Res<Value> {
    let path = args.first().ok_or("phases: FILE")?;
    let iters = opt_num(args, "--iters", 50)?.max(1);
    let text = read(Path::new(path))?;
    let catalogue = kiemso::builtin_catalogue();
    let names = [
        "read",
        "report",
        "rules",
        "evaluate",
        "narrative",
        "locate",
        "outcome",
        "to_json",
        "drop",
    ];
    let mut samples: Vec<Vec<Duration>> = vec![Vec::with_capacity(iters); names.len()];
    for _ in 0..iters {
        let mut lap = Instant::now();
        let mut mark = |k: usize| {
            samples[k].push(lap.elapsed());
            lap = Instant::now();
        };
        let doc = kiemso::read::read_text(&text).map_err(|e| e.to_string())?;
        mark(0);
        let report = kiemso::report::build(doc, catalogue);
        mark(1);
        let rules = kiemso::rules::rules_for(&report, catalogue);
        mark(2);
        let mut checks = kiemso::evaluate::evaluate(&report, &rules);
        mark(3);
        let mut claims = Vec::new();
        for (check, claim) in kiemso::narrative::checks_and_claims(&report) {
            if let Some(claim) = claim {
                claims.push((checks.len(), claim));
            }
            checks.push(check);
        }
        mark(4);
        let located = kiemso::locate::locate(&report, &rules, &checks, &claims);
        drop(rules);
        mark(5);
        let mut outcome = kiemso::outcome::Outcome::from_report(report, checks);
        outcome.suggestions = located.suggestions;
        mark(6);
        std::hint::black_box(outcome.to_json());
        mark(7);
        drop(outcome);
        mark(8);
    }
    let mut result = serde_json::Map::new();
    for (name, s) in names.iter().zip(samples) {
        result.insert(format!("{name}_ms"), json!(stats(s).0));
    }
    Ok(Value::Object(result))
}

/// The cell and value of the one-typo edit `bench locate` and bench/browser.mjs measure: the
/// issue's example (two digits of B03/3.1.2 swapped, 66.687 → 66.867), made as the page makes an
/// edit (an override), so that the report's text is the seed's own.
const TYPO: (&str, &str) = ("B03/3.1.2", "66.867");

/// Median milliseconds of checking `text` with `options`, and the outcome's failed checks and
/// suggestions (to show what was measured).
fn timed_check(text: &str, options: &Options, iters: usize) -> Res<Value> {
    let mut samples = Vec::with_capacity(iters);
    let mut seen = (0, 0, 0);
    for i in 0..iters + iters / 10 {
        let t = Instant::now();
        let outcome = check_text(text, options).map_err(|e| e.to_string())?;
        // The first tenth warms up.
        if i >= iters / 10 {
            samples.push(t.elapsed());
        }
        seen = (
            outcome.summary.fail,
            outcome.summary.warn,
            outcome.suggestions.len(),
        );
    }
    let (median, p95, min) = stats(samples);
    Ok(json!({
        "median_ms": median, "p95_ms": p95, "min_ms": min, "iters": iters,
        "fail": seen.0, "warn": seen.1, "suggestions": seen.2,
    }))
}

/// Checks `text` with and without localisation ([`Options::skip_locate`]) and the ratio of the
/// medians.
fn with_and_without(text: &str, overrides: &[(&str, &str)], iters: usize) -> Res<Value> {
    let overrides = overrides
        .iter()
        .map(|(c, v)| (c.to_string(), v.to_string()))
        .collect();
    let with = Options {
        overrides,
        ..Options::default()
    };
    let without = Options {
        skip_locate: true,
        ..with.clone()
    };
    // Alternated in rounds, so that a busy spell of the shared machine weighs on both alike.
    let rounds = 5;
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let mut last = (Value::Null, Value::Null);
    for _ in 0..rounds {
        let w = timed_check(text, &with, (iters / rounds).max(1))?;
        let wo = timed_check(text, &without, (iters / rounds).max(1))?;
        a.push(w["median_ms"].as_f64().unwrap_or(f64::NAN));
        b.push(wo["median_ms"].as_f64().unwrap_or(f64::NAN));
        last = (w, wo);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(|x, y| x.total_cmp(y));
        v[v.len() / 2]
    };
    let (with_ms, without_ms) = (median(a), median(b));
    // The last round's figures, with the medians and the count of all rounds.
    let mut with_v = last.0;
    with_v["median_ms"] = json!(with_ms);
    with_v["iters"] = json!((iters / rounds).max(1) * rounds);
    let mut without_v = last.1;
    without_v["median_ms"] = json!(without_ms);
    without_v["iters"] = json!((iters / rounds).max(1) * rounds);
    Ok(json!({
        "with": with_v, "without": without_v,
        "added_ms": with_ms - without_ms,
        "added_percent": (with_ms / without_ms - 1.0) * 100.0,
    }))
}

/// What error localisation costs (issue 12: under 20 % of the seed's check; a report with 50
/// failures answered in under 50 ms): the seed with one typo and as it is, with and without
/// localisation, and a report with many failures.
fn cmd_locate(args: &[String]) -> Res<Value> {
    let path = args.first().ok_or("locate: FILE")?;
    let iters = opt_num(args, "--iters", 500)?.max(5);
    let text = read(Path::new(path))?;
    let mut result = json!({
        "typo": { "cell": TYPO.0, "value": TYPO.1 },
        "seed_typo": with_and_without(&text, &[TYPO], iters)?,
        "seed": with_and_without(&text, &[], iters)?,
    });
    if let Some(many) = opt(args, "--many") {
        let many_text = read(Path::new(many))?;
        result["many"] = with_and_without(&many_text, &[], (iters / 5).max(5))?;
        result["many"]["file"] = json!(many);
    }
    Ok(result)
}

/// Runs this program's `scale` in a child process and reads its JSON.
fn scale_child(file: &Path, iters: usize) -> Res<Value> {
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(me)
        .arg("scale")
        .arg(file)
        .args(["--iters", &iters.to_string(), "--large"])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("scale {} failed: {}", file.display(), out.status));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())
}

/// Runs `kiemso check FILE --json` as its own process for each file; exit 2 or a signal is a
/// crash. Returns the wall time and the number of reports with a failed check.
fn run_cli(kiemso: &Path, files: &[PathBuf]) -> Res<(Duration, usize)> {
    let mut failed = 0;
    let t = Instant::now();
    for f in files {
        let status = Command::new(kiemso)
            .arg("check")
            .arg(f)
            .arg("--json")
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("{}: {e}", kiemso.display()))?;
        match status.code() {
            Some(0) => {}
            Some(1) => failed += 1,
            _ => return Err(format!("kiemso check {} crashed: {status}", f.display())),
        }
    }
    Ok((t.elapsed(), failed))
}

/// The CLI over a province's batch: one process per report, then the same reports in one process
/// (what a batch mode would cost), and what a process costs on a one-row table.
fn cli_batch(kiemso: &Path, dir: &Path) -> Res<Value> {
    let batch = batch_dir(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&batch)
        .map_err(|e| format!("{}: {e}", batch.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no reports", batch.display()));
    }
    let (wall, failed) = run_cli(kiemso, &files)?;
    let tiny = vec![dir.join("tiny.txt"); files.len()];
    let (tiny_wall, _) = run_cli(kiemso, &tiny)?;
    // In one process: read each file, check it, print its JSON contract to nowhere.
    let t = Instant::now();
    let mut in_process_failed = 0;
    for f in &files {
        let text = read(f)?;
        let outcome = check_text(&text, &Options::default()).map_err(|e| e.to_string())?;
        std::hint::black_box(outcome.to_json());
        in_process_failed += usize::from(outcome.has_failures());
    }
    let in_process = t.elapsed();
    if in_process_failed != failed {
        return Err(format!(
            "the CLI found {failed} failing reports, the library {in_process_failed}"
        ));
    }
    let n = files.len() as f64;
    Ok(json!({
        "files": files.len(), "failed": failed,
        "total_s": wall.as_secs_f64(), "per_file_ms": wall.as_secs_f64() * 1e3 / n,
        "tiny_per_process_ms": tiny_wall.as_secs_f64() * 1e3 / n,
        "in_process_total_s": in_process.as_secs_f64(),
        "in_process_per_file_ms": in_process.as_secs_f64() * 1e3 / n,
    }))
}

fn cmd_native(args: &[String]) -> Res<()> {
    let out = PathBuf::from(opt(args, "--out").ok_or("native: --out DIR")?);
    let seed = opt(args, "--seed").ok_or("native: --seed FILE")?;
    let kiemso = PathBuf::from(opt(args, "--kiemso").ok_or("native: --kiemso BIN")?);
    let iters = opt_num(args, "--iters", 2000)?;
    eprintln!("[bench] native: seed report × {iters}");
    let seed_result = cmd_seed(&[
        seed.to_string(),
        "--iters".into(),
        iters.to_string(),
        "--warmup".into(),
        (iters / 10).max(10).to_string(),
    ])?;
    let mut scaling = Vec::new();
    for n in sizes(args)? {
        // Enough runs for a stable median without spending minutes: fewer as tables grow.
        let runs = (iters * 40 / n).clamp(3, 50);
        eprintln!("[bench] native: {n} rows × {runs}");
        let mut r = scale_child(&table_path(&out, n, "tsv"), runs)?;
        if r["rows"].as_u64() != Some(n as u64) {
            return Err(format!("table-{n}: read {} rows", r["rows"]));
        }
        r["size"] = json!(n);
        scaling.push(r);
    }
    // Beside the minimal checker (same rules, same verdicts, no messages), in this process.
    let mut minimal = Vec::new();
    for n in sizes(args)? {
        let runs = (iters * 10 / n).clamp(1, 20);
        eprintln!("[bench] native: {n} rows beside the minimal checker × {runs}");
        let csv = table_path(&out, n, "csv");
        let mut r = cmd_minimal(&[
            csv.display().to_string(),
            "--iters".into(),
            runs.to_string(),
        ])?;
        r["size"] = json!(n);
        minimal.push(r);
    }
    eprintln!("[bench] native: error localisation, with and without");
    let locate = cmd_locate(&[
        seed.to_string(),
        "--iters".into(),
        (iters / 4).max(50).to_string(),
        "--many".into(),
        out.join("swapped-50.txt").display().to_string(),
    ])?;
    eprintln!("[bench] native: the wide table");
    let mut grid = scale_child(&grid_path(&out), (iters / 100).clamp(3, 20))?;
    grid["columns"] = json!(12);
    eprintln!("[bench] native: kiemso CLI over the batch");
    let cli = cli_batch(&kiemso, &out)?;
    let result = json!({
        "seed": seed_result, "scaling": scaling, "minimal": minimal, "grid": grid, "cli": cli,
        "locate": locate,
    });
    write(
        &out.join("native.json"),
        &serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?,
    )
}
