//! The Python with the independent readers of exported files (python-docx, openpyxl), for the
//! export tests: the venv `.venv-export`, installed on first use as scripts/setup.sh does.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The Python of the venv with the independent readers, installed once if missing.
pub fn python() -> PathBuf {
    static PY: OnceLock<PathBuf> = OnceLock::new();
    PY.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let py = root.join(".venv-export/bin/python");
        let ready = |py: &Path| {
            Command::new(py)
                .args(["-c", "import docx, openpyxl"])
                .status()
                .is_ok_and(|s| s.success())
        };
        if !ready(&py) {
            let venv = Command::new("python3")
                .args(["-m", "venv"])
                .arg(root.join(".venv-export"))
                .status()
                .expect("python3 runs");
            assert!(venv.success(), "python3 -m venv failed");
            let pip = Command::new(root.join(".venv-export/bin/pip"))
                .args(["install", "--quiet", "--disable-pip-version-check"])
                .args(["python-docx", "openpyxl"])
                .status()
                .expect("pip runs");
            assert!(pip.success(), "pip install python-docx openpyxl failed");
        }
        assert!(ready(&py), "python-docx and openpyxl are importable");
        py
    })
    .clone()
}
