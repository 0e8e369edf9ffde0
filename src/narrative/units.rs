//! What a figure in the narrative counts: the noun after it (`45 Quyết định`, `120.561 hồ sơ`,
//! `2.990.163 triệu đồng`), and which nouns count the same kind of thing.
//!
//! Two figures may be added, or one compared with a table row, only when they count the same kind
//! of thing: `08 cơ quan` and `03 UBND` are both agencies; `36 quyết định` and `175 thủ tục` are
//! not, and a list of procedures is never summed against a number of decisions.

use super::words::WordMap;

/// A unit noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Its words, lower-case, as tokens (a comma is a token: `phản ánh, kiến nghị`).
    pub words: &'static [&'static str],
    /// What it counts; units of the same class can be added and compared.
    pub class: &'static str,
    /// For money: the power of ten of one unit in đồng (`triệu đồng` → 6).
    pub scale: u32,
}

impl Unit {
    /// Whether figures in these two units count the same kind of thing.
    pub fn compatible(&self, other: &Unit) -> bool {
        // A public service unit is one of a province's bodies: `45 cơ quan, bao gồm 30 cơ quan
        // chuyên môn và 15 đơn vị sự nghiệp`.
        self.class == other.class
            || matches!(
                (self.class, other.class),
                ("agency", "public unit") | ("public unit", "agency")
            )
    }

    /// Whether the unit is an amount of money.
    pub fn is_money(&self) -> bool {
        self.class == MONEY
    }

    /// Whether the unit is a length of time or a level of government (`09 tháng`, `03 cấp`):
    /// such figures describe, they are never parts of a total.
    pub fn is_descriptive(&self) -> bool {
        self.class == TIME || self.class == LEVEL
    }
}

pub(crate) const MONEY: &str = "money";

/// Whether `class` is the class of a unit of the lexicon (`document`, `dossier`…).
pub(crate) fn is_class(class: &str) -> bool {
    UNITS.iter().any(|u| u.class == class)
}
const TIME: &str = "time";
const LEVEL: &str = "level";

macro_rules! units {
    ($( $class:expr => [ $( [$($w:expr),+] $(* $scale:expr)? ),+ $(,)? ] ),+ $(,)?) => {
        &[ $( $( Unit { words: &[$($w),+], class: $class, scale: 0 $(+ $scale)? } ),+ ),+ ]
    };
}

/// The lexicon. Longer entries win (`tin nhắn` over `tin`, `đơn vị sự nghiệp` over `đơn vị`).
static UNITS: &[Unit] = units![
    "document" => [
        ["văn", "bản"], ["vbqppl"], ["quyết", "định"], ["nghị", "quyết"], ["công", "văn"],
        ["kế", "hoạch"], ["thông", "báo"], ["chỉ", "thị"], ["báo", "cáo"], ["tờ", "trình"],
        ["thông", "tư"], ["nghị", "định"], ["kết", "luận"], ["văn", "bản", "qppl"],
    ],
    "procedure" => [["thủ", "tục"], ["tthc"], ["thủ", "tục", "hành", "chính"]],
    "dossier" => [["hồ", "sơ"]],
    "task" => [["nhiệm", "vụ"]],
    "agency" => [
        ["cơ", "quan"], ["cqhccn"], ["cqhcnn"], ["sở"], ["sở", ",", "ngành"],
        ["sở", ",", "ban", ",", "ngành"], ["ubnd"], ["ủy", "ban", "nhân", "dân"],
        ["uỷ", "ban", "nhân", "dân"], ["ban"], ["đơn", "vị"], ["địa", "phương"], ["huyện"],
        ["xã"], ["phường"], ["thị", "trấn"], ["đặc", "khu"], ["địa", "bàn"],
    ],
    "public unit" => [
        ["đvsncl"], ["đvsnncl"], ["đvsn"], ["đơn", "vị", "sự", "nghiệp"],
        ["đơn", "vị", "sự", "nghiệp", "công", "lập"],
    ],
    "person" => [
        ["người"], ["công", "chức"], ["viên", "chức"], ["cán", "bộ"], ["trường", "hợp"],
        ["đại", "biểu"], ["học", "viên"], ["lãnh", "đạo"], ["biên", "chế"], ["thành", "viên"],
        ["lao", "động"], ["học", "sinh"], ["sinh", "viên"], ["đoàn", "viên"], ["người", "dân"],
    ],
    "feedback" => [
        ["phản", "ánh"], ["phản", "ánh", ",", "kiến", "nghị"], ["phản", "ánh", "kiến", "nghị"],
        ["kiến", "nghị"], ["pakn"],
    ],
    "residential" => [
        ["thôn"], ["tổ", "dân", "phố"], ["thôn", ",", "tổ", "dân", "phố"], ["khu", "phố"],
        ["ấp"], ["thôn", ",", "khu", "phố"],
    ],
    "team" => [["tổ", "công", "tác"], ["tổ"], ["đoàn", "kiểm", "tra"], ["đoàn"]],
    "visit" => [["lượt"]],
    "case" => [["vụ", "việc"], ["vụ"]],
    "letter" => [["đơn"], ["đơn", "thư"]],
    MONEY => [
        ["đồng"], ["nghìn", "đồng"] * 3, ["ngàn", "đồng"] * 3, ["triệu", "đồng"] * 6,
        ["tỷ", "đồng"] * 9, ["tỉ", "đồng"] * 9,
    ],
    "ballot" => [["phiếu"], ["phiếu", "khảo", "sát"]],
    "article" => [
        ["tin", "bài"], ["tin"], ["bài"], ["bài", "viết"], ["phóng", "sự"], ["chuyên", "mục"],
    ],
    "event" => [["hội", "nghị"], ["hội", "thảo"], ["lớp"], ["cuộc"], ["buổi"]],
    "portal" => [["cổng"], ["trang"], ["cổng", "/", "trang"], ["website"]],
    "system" => [
        ["hệ", "thống"], ["htqlcl"], ["htqlct"], ["cơ", "sở", "dữ", "liệu"], ["phần", "mềm"],
        ["nền", "tảng"],
    ],
    "account" => [["tài", "khoản"]],
    "message" => [["tin", "nhắn"]],
    "facility" => [["cơ", "sở"]],
    "service" => [["dịch", "vụ"], ["dịch", "vụ", "công"]],
    "workflow" => [["quy", "trình"]],
    "issue" => [["vấn", "đề"]],
    "project" => [["dự", "án"], ["đề", "án"], ["chương", "trình"]],
    "model" => [["mô", "hình"], ["sáng", "kiến"], ["giải", "pháp"]],
    "business" => [["doanh", "nghiệp"]],
    "situation" => [["tình", "huống"]],
    "bridge" => [["điểm", "cầu"]],
    "target" => [["chỉ", "tiêu"]],
    LEVEL => [["cấp"]],
    TIME => [["tháng"], ["năm"], ["ngày"], ["giờ"], ["phút"], ["tuần"], ["quý"]],
];

/// The lexicon indexed by first word, built once.
fn index() -> &'static WordMap<&'static str, Vec<u16>> {
    static INDEX: std::sync::OnceLock<WordMap<&'static str, Vec<u16>>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: WordMap<&'static str, Vec<u16>> = WordMap::default();
        for (i, u) in UNITS.iter().enumerate() {
            map.entry(u.words[0]).or_default().push(i as u16);
        }
        map
    })
}

/// The unit starting at `words[0]` (the longest that fits), and how many words it takes.
/// `words` are lower-case token texts.
pub(crate) fn unit_at(words: &[&str]) -> Option<(&'static Unit, usize)> {
    let first = words.first()?;
    index()
        .get(first)?
        .iter()
        .map(|&i| &UNITS[i as usize])
        .filter(|u| words.len() >= u.words.len() && u.words.iter().zip(words).all(|(a, b)| a == b))
        .max_by_key(|u| u.words.len())
        .map(|u| (u, u.words.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_unit_wins() {
        let (u, n) = unit_at(&["tin", "nhắn", "đến"]).unwrap();
        assert_eq!((u.class, n), ("message", 2));
        let (u, n) = unit_at(&["đơn", "vị", "sự", "nghiệp", "công", "lập"]).unwrap();
        assert_eq!((u.class, n), ("public unit", 6));
        let (u, _) = unit_at(&["triệu", "đồng", "kế", "hoạch"]).unwrap();
        assert_eq!((u.class, u.scale), (MONEY, 6));
        assert!(unit_at(&["biết", "nghe"]).is_none());
    }

    #[test]
    fn agencies_and_public_units_count_bodies_systems_do_not() {
        let (cq, _) = unit_at(&["cơ", "quan"]).unwrap();
        let (ubnd, _) = unit_at(&["ubnd"]).unwrap();
        let (dv, _) = unit_at(&["đvsncl"]).unwrap();
        let (ht, _) = unit_at(&["htqlcl"]).unwrap();
        assert!(cq.compatible(ubnd));
        assert!(cq.compatible(dv));
        assert!(!dv.compatible(ht));
    }
}
