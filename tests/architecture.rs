//! The shape of the code: imports point one way along the pipeline (read → report → rules →
//! evaluate → outcome → present), with no cycle between the crate's modules, nor between the
//! narrative checker's parts. A cycle is how a layer starts to know about the layers after it
//! (a reader writing into outcomes, a catalogue typing values by the report's rules), and each one
//! makes the next change harder; this test names the imports that close it.
//!
//! Imports are read from the source text: every `crate::module` path outside comments and test
//! modules, `use crate::{a, b}` groups, and `super::sibling` inside the narrative checker.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The code of a file without its comments and its `#[cfg(test)]` modules: what it imports to run.
fn code_of(text: &str) -> String {
    let mut code = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]")
            && lines
                .peek()
                .is_some_and(|l| l.trim_start().starts_with("mod "))
        {
            // Test modules are the file's last item in this crate.
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        // A trailing comment: cut at `//` outside a string (crude, but paths never follow `//`).
        let cut = match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        };
        code.push_str(cut);
        code.push('\n');
    }
    code
}

/// The identifiers right after each `prefix` in `code` (`crate::` → `read`, `report`, …), with
/// `prefix{a, b::c}` groups opened.
fn paths_after(code: &str, prefix: &str) -> BTreeSet<Vec<String>> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        // `foo_crate::x` is not `crate::x`.
        let before = rest[..i].chars().next_back();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let item = item.trim();
                let parts: Vec<String> = item.split("::").map(|p| ident(p.trim())).collect();
                if !parts[0].is_empty() {
                    out.insert(parts);
                }
            }
            continue;
        }
        let first = ident(rest);
        if first.is_empty() {
            continue;
        }
        let mut parts = vec![first.clone()];
        if let Some(more) = rest[first.len()..].strip_prefix("::") {
            let second = ident(more);
            if !second.is_empty() {
                parts.push(second);
            }
        }
        out.insert(parts);
    }
    out
}

/// A cycle in `graph`, as the list of its nodes, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = path.iter().position(|n| n == node).unwrap();
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, marks, path) {
                return Some(c);
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(c) = visit(node, graph, &mut marks, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The crate's top-level module a file belongs to (`src/read/docx.rs` → `read`), or `None` for the
/// crate root and the binaries.
fn top_module(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src()).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    match first.as_str() {
        "lib.rs" | "bin" => None,
        f => Some(f.trim_end_matches(".rs").to_string()),
    }
}

/// Module → the modules it imports, and for each edge the files that make it.
type Graph = (
    BTreeMap<String, BTreeSet<String>>,
    BTreeMap<(String, String), BTreeSet<String>>,
);

fn crate_graph() -> Graph {
    let modules: BTreeSet<String> = rust_files(&src())
        .iter()
        .filter_map(|f| top_module(f))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut why: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&src()) {
        let Some(from) = top_module(&file) else {
            continue;
        };
        let code = code_of(&fs::read_to_string(&file).unwrap());
        graph.entry(from.clone()).or_default();
        for path in paths_after(&code, "crate::") {
            let to = &path[0];
            if *to != from && modules.contains(to) {
                graph.entry(from.clone()).or_default().insert(to.clone());
                why.entry((from.clone(), to.clone()))
                    .or_default()
                    .insert(file.strip_prefix(src()).unwrap().display().to_string());
            }
        }
    }
    (graph, why)
}

fn explain(cycle: &[String], why: &BTreeMap<(String, String), BTreeSet<String>>) -> String {
    cycle
        .windows(2)
        .map(|w| {
            let files = why
                .get(&(w[0].clone(), w[1].clone()))
                .map(|f| f.iter().cloned().collect::<Vec<_>>().join(", "))
                .unwrap_or_default();
            format!("{} → {} (in {files})", w[0], w[1])
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn the_crates_modules_import_one_way() {
    let (graph, why) = crate_graph();
    // The pipeline's edges exist at all (the reading of imports works): a test that cannot fail
    // is worth nothing.
    assert!(graph["report"].contains("read"), "{graph:?}");
    assert!(graph["evaluate"].contains("report"), "{graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle between modules: {}", explain(&cycle, &why));
    }
}

#[test]
fn the_reader_knows_nothing_of_checks() {
    let (graph, why) = crate_graph();
    for later in [
        "outcome",
        "rules",
        "evaluate",
        "locate",
        "narrative",
        "present",
        "target",
    ] {
        assert!(
            !graph["read"].contains(later),
            "read imports {later}: {:?}",
            why.get(&("read".to_string(), later.to_string()))
        );
    }
}

#[test]
fn the_narrative_checkers_parts_import_one_way() {
    let dir = src().join("narrative");
    let part_of = |file: &Path| -> String {
        let rel = file.strip_prefix(&dir).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        first.trim_end_matches(".rs").to_string()
    };
    let parts: BTreeSet<String> = rust_files(&dir).iter().map(|f| part_of(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut why: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&dir) {
        let from = part_of(&file);
        if from == "mod" {
            continue;
        }
        let code = code_of(&fs::read_to_string(&file).unwrap());
        let nested = file.parent() != Some(dir.as_path());
        let mut targets: Vec<String> = paths_after(&code, "crate::")
            .into_iter()
            .filter(|p| p[0] == "narrative" && p.len() > 1)
            .map(|p| p[1].clone())
            .collect();
        // `super::x` from `narrative/x.rs` names a sibling; from `narrative/arith/y.rs` it names
        // `arith` itself.
        if !nested {
            targets.extend(
                paths_after(&code, "super::")
                    .into_iter()
                    .map(|p| p[0].clone()),
            );
        }
        for to in targets {
            if to != from && parts.contains(&to) {
                graph.entry(from.clone()).or_default().insert(to.clone());
                why.entry((from.clone(), to))
                    .or_default()
                    .insert(file.strip_prefix(src()).unwrap().display().to_string());
            }
        }
    }
    assert!(
        graph.get("tables").is_some_and(|t| t.contains("scan")),
        "{graph:?}"
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle in src/narrative: {}", explain(&cycle, &why));
    }
}

#[test]
fn a_cycle_is_found_and_named() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph
        .entry("read".into())
        .or_default()
        .insert("report".into());
    graph
        .entry("report".into())
        .or_default()
        .insert("catalogue".into());
    assert_eq!(find_cycle(&graph), None);
    graph
        .entry("catalogue".into())
        .or_default()
        .insert("read".into());
    let cycle = find_cycle(&graph).unwrap();
    assert_eq!(cycle.first(), cycle.last());
    assert_eq!(cycle.len(), 4);
    let code = "use crate::{read::Document, report};\n// crate::outcome\nfn f() { crate::rules::x(); a_crate::b(); }\n";
    let found: Vec<String> = paths_after(&code_of(code), "crate::")
        .into_iter()
        .map(|p| p[0].clone())
        .collect();
    assert_eq!(found, ["read", "report", "rules"]);
}

#[test]
fn the_project_documents_itself() {
    // The product brief lives outside the repository; the code points to docs/ instead.
    let brief = concat!("DESIGN", ".md");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cites = Vec::new();
    let mut stack: Vec<PathBuf> = ["src", "www", "tests", "scripts", "bench", "docs"]
        .iter()
        .map(|d| root.join(d))
        .collect();
    stack.push(root.join("README.md"));
    stack.push(root.join("Cargo.toml"));
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            if p.ends_with("pkg") || p.ends_with("out") || p.ends_with("fixtures") {
                continue;
            }
            stack.extend(fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        } else if let Ok(text) = fs::read_to_string(&p) {
            if text.contains(brief) {
                cites.push(p.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    cites.sort();
    assert!(cites.is_empty(), "{brief} is cited by {cites:?}");
}

#[test]
fn the_readme_is_short_and_its_links_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.len() <= 15 * 1024,
        "README.md is {} bytes; docs/ is for the rest",
        readme.len()
    );
    let mut docs: Vec<PathBuf> = vec![root.join("README.md")];
    docs.extend(
        fs::read_dir(root.join("docs"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    let mut broken = Vec::new();
    for doc in docs
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
    {
        let text = fs::read_to_string(doc).unwrap();
        let mut rest = text.as_str();
        while let Some(i) = rest.find("](") {
            rest = &rest[i + 2..];
            let end = rest.find(')').unwrap_or(rest.len());
            let target = rest[..end].split('#').next().unwrap_or("");
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            if !doc.parent().unwrap().join(target).exists() {
                broken.push(format!(
                    "{} → {target}",
                    doc.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    assert!(broken.is_empty(), "links to missing files: {broken:?}");
}
