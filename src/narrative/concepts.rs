//! The rows of the catalogue a narrative usually repeats, and how a sentence that states one is
//! recognised: the data of [`super::tables`].
//!
//! For each concept: the cells it is (their sum, or a percentage of two sums), the words each
//! row's indicator must contain (so that a template whose rows moved is never compared with the
//! wrong row), the units the figure may be counted in (`none`: a bare figure, as after a colon),
//! the level of government it must be about, and groups of phrases that must be found — one of
//! each group — around the figure at four distances: its own words (`item`), its clause, its
//! sentence, its paragraph; and phrases that must not be (`not_…`). Phrases are written as read:
//! lower-case, words and punctuation separated as the tokeniser separates them.
//!
//! A static table rather than a JSON file: it costs no parser in the Wasm module.

/// What a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MeasureKind {
    Percent,
    Count,
    Money,
}

/// The level of government a figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// No level is named.
    None,
    Province,
    District,
    Commune,
    /// The three levels together.
    All,
    /// The vertical agencies (`ngành dọc`): never a row of the forms.
    Vertical,
    /// Two levels: not pinned down.
    Mixed,
}

/// A percentage the tables hold as two sums of rows: the cells of the numerator and of the
/// denominator, each with the words their rows' indicators must contain.
#[derive(Debug)]
pub(crate) struct RatioCells {
    pub num: &'static [&'static str],
    pub num_row: &'static [&'static str],
    pub den: &'static [&'static str],
    pub den_row: &'static [&'static str],
}

type Phrases = &'static [&'static str];
type Groups = &'static [&'static [&'static str]];

/// One concept.
#[derive(Debug)]
pub(crate) struct Def {
    /// What the figure is, in Vietnamese, for the message.
    pub about: &'static str,
    pub measure: MeasureKind,
    /// The cells whose sum the text states.
    pub cells: Phrases,
    /// Words every row's indicator must contain.
    pub row: Phrases,
    /// A percentage computed from sums of cells.
    pub ratio: Option<RatioCells>,
    /// Unit classes the figure may be counted in.
    pub units: Phrases,
    /// The figure is the `b` of `a/b`.
    pub denominator: bool,
    /// The levels it may be about (any when empty).
    pub scope: &'static [Scope],
    pub item: Groups,
    pub clause: Groups,
    pub sentence: Groups,
    pub paragraph: Groups,
    pub not_item: Phrases,
    pub not_clause: Phrases,
    pub not_sentence: Phrases,
    pub not_paragraph: Phrases,
}

impl Def {
    const NONE: Def = Def {
        about: "",
        measure: MeasureKind::Count,
        cells: &[],
        row: &[],
        ratio: None,
        units: &[],
        denominator: false,
        scope: &[],
        item: &[],
        clause: &[],
        sentence: &[],
        paragraph: &[],
        not_item: &[],
        not_clause: &[],
        not_sentence: &[],
        not_paragraph: &[],
    };
}

use MeasureKind::{Count, Money, Percent};

/// The concepts.
pub(crate) static DEFS: &[Def] = &[
    Def {
        about: "số văn bản chỉ đạo CCHC đã ban hành",
        measure: Count,
        cells: &["B01/1"],
        row: &["văn bản chỉ đạo"],
        units: &["document"],
        item: &[&["văn bản chỉ đạo"]],
        sentence: &[&["cchc", "cải cách hành chính"]],
        not_item: &["qppl", "quy phạm"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ hoàn thành kế hoạch CCHC",
        measure: Percent,
        cells: &["B01/2"],
        row: &["hoàn thành kế hoạch"],
        clause: &[
            &["kế hoạch cchc", "kế hoạch cải cách hành chính"],
            &["hoàn thành"],
        ],
        not_sentence: &["chính phủ", "thủ tướng"],
        ..Def::NONE
    },
    Def {
        about: "số nhiệm vụ đề ra trong kế hoạch CCHC",
        measure: Count,
        cells: &["B01/2.1"],
        row: &["nhiệm vụ", "kế hoạch"],
        units: &["task"],
        denominator: true,
        clause: &[&["kế hoạch"], &["hoàn thành"]],
        sentence: &[&["cchc", "cải cách hành chính"]],
        not_sentence: &["chính phủ", "thủ tướng"],
        ..Def::NONE
    },
    Def {
        about: "số nhiệm vụ đề ra trong kế hoạch CCHC",
        measure: Count,
        cells: &["B01/2.1"],
        row: &["nhiệm vụ", "kế hoạch"],
        units: &["task"],
        item: &[&["đề ra"]],
        clause: &[&["kế hoạch"]],
        sentence: &[&["cchc", "cải cách hành chính"]],
        not_sentence: &["chính phủ", "thủ tướng"],
        ..Def::NONE
    },
    Def {
        about: "số nhiệm vụ của kế hoạch CCHC đã hoàn thành",
        measure: Count,
        cells: &["B01/2.2"],
        row: &["nhiệm vụ", "hoàn thành"],
        units: &["task"],
        item: &[&["hoàn thành"]],
        clause: &[&["kế hoạch"]],
        sentence: &[&["cchc", "cải cách hành chính"]],
        not_item: &["chưa", "đang", "quá hạn", "trễ hạn"],
        not_sentence: &["chính phủ", "thủ tướng"],
        ..Def::NONE
    },
    Def {
        about: "số sở, ngành đã được kiểm tra CCHC",
        measure: Count,
        cells: &["B01/3.1"],
        row: &["kiểm tra"],
        units: &["agency"],
        scope: &[Scope::Province],
        sentence: &[&["kiểm tra"], &["cchc", "cải cách hành chính"]],
        not_item: &["văn bản", "quyết định", "chưa"],
        not_sentence: &["htqlcl", "iso", "thanh tra"],
        ..Def::NONE
    },
    Def {
        about: "số UBND cấp huyện đã được kiểm tra CCHC",
        measure: Count,
        cells: &["B01/3.2"],
        row: &["kiểm tra"],
        units: &["agency"],
        scope: &[Scope::District],
        sentence: &[&["kiểm tra"], &["cchc", "cải cách hành chính"]],
        not_item: &["văn bản", "quyết định", "chưa"],
        not_sentence: &["htqlcl", "iso", "thanh tra"],
        ..Def::NONE
    },
    Def {
        about: "số vấn đề phát hiện qua kiểm tra CCHC",
        measure: Count,
        cells: &["B01/3.3.1"],
        row: &["phát hiện"],
        units: &["issue"],
        item: &[&["phát hiện"]],
        sentence: &[&["kiểm tra"]],
        not_item: &["xử lý", "khắc phục"],
        ..Def::NONE
    },
    Def {
        about: "số vấn đề phát hiện qua kiểm tra đã xử lý xong",
        measure: Count,
        cells: &["B01/3.3.2"],
        row: &["xử lý"],
        units: &["issue"],
        item: &[&["xử lý xong", "đã xử lý", "khắc phục xong", "đã khắc phục"]],
        sentence: &[&["kiểm tra"]],
        not_item: &["chưa", "đang"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ xử lý các vấn đề phát hiện qua kiểm tra",
        measure: Percent,
        cells: &["B01/3.3"],
        row: &["xử lý", "kiểm tra"],
        clause: &[&["vấn đề"], &["xử lý", "khắc phục"], &["kiểm tra"]],
        ..Def::NONE
    },
    Def {
        about: "số cơ quan, đơn vị được thanh tra về tuyển dụng, quản lý công chức, viên chức",
        measure: Count,
        cells: &["B01/4.1"],
        row: &["được kiểm tra"],
        units: &["agency"],
        item: &[&["thanh tra"]],
        sentence: &[&["tuyển dụng", "công chức, viên chức", "tổ chức bộ máy"]],
        not_item: &["chưa"],
        ..Def::NONE
    },
    Def {
        about: "tổng số nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao",
        measure: Count,
        cells: &["B01/5.1"],
        row: &["nhiệm vụ", "giao"],
        units: &["task"],
        item: &[&["nhận được", "được giao", "giao"]],
        sentence: &[&["chính phủ", "thủ tướng"]],
        not_item: &["hoàn thành", "đang", "chờ", "quá hạn", "chưa", "trễ hạn"],
        ..Def::NONE
    },
    Def {
        about: "số nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao đã hoàn thành đúng hạn",
        measure: Count,
        cells: &["B01/5.2"],
        row: &["hoàn thành đúng hạn"],
        units: &["task"],
        item: &[&["hoàn thành"], &["đúng hạn"]],
        sentence: &[&["chính phủ", "thủ tướng"]],
        not_item: &["quá hạn", "chưa", "trễ hạn"],
        ..Def::NONE
    },
    Def {
        about: "số nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao đã hoàn thành nhưng quá hạn",
        measure: Count,
        cells: &["B01/5.3"],
        row: &["quá hạn"],
        units: &["task"],
        item: &[&["hoàn thành"], &["quá hạn", "trễ hạn"]],
        sentence: &[&["chính phủ", "thủ tướng"]],
        not_item: &["chưa"],
        ..Def::NONE
    },
    Def {
        about: "số nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao quá hạn chưa hoàn thành",
        measure: Count,
        cells: &["B01/5.4"],
        row: &["chưa hoàn thành"],
        units: &["task"],
        item: &[&["chưa hoàn thành"], &["quá hạn", "trễ hạn"]],
        sentence: &[&["chính phủ", "thủ tướng"]],
        ..Def::NONE
    },
    Def {
        about: "số phiếu khảo sát sự hài lòng",
        measure: Count,
        cells: &["B01/6.1"],
        row: &["phiếu"],
        units: &["ballot"],
        sentence: &[&["khảo sát"]],
        not_item: &["thu về", "hợp lệ", "đã phát"],
        ..Def::NONE
    },
    Def {
        about: "tổng số văn bản QPPL do địa phương ban hành",
        measure: Count,
        cells: &["B02/1"],
        row: &["vbqppl", "ban hành"],
        units: &["document"],
        scope: &[Scope::None, Scope::All],
        item: &[&["qppl", "quy phạm pháp luật", "vbqppl"], &["ban hành"]],
        not_clause: &["kiểm tra", "rà soát", "xử lý", "hệ thống hóa", "bãi bỏ"],
        ..Def::NONE
    },
    Def {
        about: "số văn bản QPPL do cấp tỉnh ban hành",
        measure: Count,
        cells: &["B02/1.1"],
        row: &["cấp tỉnh", "ban hành"],
        units: &["document", "none"],
        scope: &[Scope::Province],
        clause: &[&["qppl", "quy phạm pháp luật", "vbqppl"], &["ban hành"]],
        not_clause: &["kiểm tra", "rà soát", "xử lý", "hệ thống hóa", "bãi bỏ"],
        ..Def::NONE
    },
    Def {
        about: "số văn bản QPPL do cấp huyện ban hành",
        measure: Count,
        cells: &["B02/1.2"],
        row: &["cấp huyện", "ban hành"],
        units: &["document", "none"],
        scope: &[Scope::District],
        clause: &[&["qppl", "quy phạm pháp luật", "vbqppl"], &["ban hành"]],
        not_clause: &["kiểm tra", "rà soát", "xử lý", "hệ thống hóa", "bãi bỏ"],
        ..Def::NONE
    },
    Def {
        about: "số văn bản QPPL do cấp xã ban hành",
        measure: Count,
        cells: &["B02/1.3"],
        row: &["cấp xã", "ban hành"],
        units: &["document", "none"],
        scope: &[Scope::Commune],
        clause: &[&["qppl", "quy phạm pháp luật", "vbqppl"], &["ban hành"]],
        not_clause: &["kiểm tra", "rà soát", "xử lý", "hệ thống hóa", "bãi bỏ"],
        ..Def::NONE
    },
    Def {
        about: "số văn bản QPPL đã kiểm tra theo thẩm quyền",
        measure: Count,
        cells: &["B02/2.1"],
        row: &["kiểm tra", "thẩm quyền"],
        units: &["document", "none"],
        item: &[&["kiểm tra"], &["thẩm quyền"]],
        sentence: &[&["qppl", "quy phạm pháp luật", "vbqppl"]],
        not_item: &["tự kiểm tra", "xử lý"],
        ..Def::NONE
    },
    Def {
        about: "số văn bản QPPL cần xử lý sau kiểm tra",
        measure: Count,
        cells: &["B02/2.2.1"],
        row: &["xử lý sau kiểm tra"],
        units: &["document", "none"],
        item: &[&["cần xử lý", "cần phải xử lý", "phải xử lý"]],
        sentence: &[&["kiểm tra"]],
        not_sentence: &["rà soát"],
        ..Def::NONE
    },
    Def {
        about: "số văn bản QPPL sau kiểm tra đã được xử lý xong",
        measure: Count,
        cells: &["B02/2.2.2"],
        row: &["xử lý xong"],
        units: &["document", "none"],
        item: &[&["xử lý xong", "đã được xử lý"]],
        sentence: &[&["kiểm tra"]],
        not_item: &["cần"],
        not_sentence: &["rà soát"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ xử lý văn bản QPPL sau kiểm tra",
        measure: Percent,
        cells: &["B02/2.2"],
        row: &["sau kiểm tra"],
        clause: &[
            &["xử lý"],
            &["sau kiểm tra"],
            &["qppl", "quy phạm pháp luật", "vbqppl", "văn bản"],
        ],
        not_sentence: &["rà soát"],
        ..Def::NONE
    },
    Def {
        about: "số văn bản QPPL đã rà soát",
        measure: Count,
        cells: &["B02/3.1"],
        row: &["rà soát"],
        units: &["document", "none"],
        item: &[&["rà soát"], &["văn bản", "qppl", "vbqppl"]],
        not_item: &["xử lý"],
        ..Def::NONE
    },
    Def {
        about: "số văn bản QPPL cần xử lý sau rà soát",
        measure: Count,
        cells: &["B02/3.2.1"],
        row: &["xử lý sau rà soát"],
        units: &["document", "none"],
        item: &[&["cần xử lý", "cần phải xử lý", "phải xử lý"]],
        sentence: &[&["rà soát"]],
        not_sentence: &["kiểm tra"],
        ..Def::NONE
    },
    Def {
        about: "số văn bản QPPL sau rà soát đã được xử lý xong",
        measure: Count,
        cells: &["B02/3.2.2"],
        row: &["xử lý xong"],
        units: &["document", "none"],
        item: &[&["xử lý xong", "đã được xử lý"]],
        sentence: &[&["rà soát"]],
        not_item: &["cần"],
        not_sentence: &["kiểm tra"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ xử lý văn bản QPPL sau rà soát",
        measure: Percent,
        cells: &["B02/3.2"],
        row: &["sau rà soát"],
        clause: &[
            &["xử lý"],
            &["sau rà soát"],
            &["qppl", "quy phạm pháp luật", "vbqppl", "văn bản"],
        ],
        not_sentence: &["kiểm tra"],
        ..Def::NONE
    },
    Def {
        about: "số TTHC đã được phê duyệt phương án đơn giản hóa",
        measure: Count,
        cells: &["B03/1.1"],
        row: &["đơn giản hóa"],
        units: &["procedure"],
        item: &[&["đơn giản hóa", "đơn giản hoá"], &["phê duyệt"]],
        ..Def::NONE
    },
    Def {
        about: "số TTHC công bố mới",
        measure: Count,
        cells: &["B03/1.2"],
        row: &["công bố mới"],
        units: &["procedure"],
        item: &[&["ban hành mới", "công bố mới", "mới ban hành"]],
        sentence: &[&["công bố"]],
        ..Def::NONE
    },
    Def {
        about: "số TTHC bãi bỏ, thay thế",
        measure: Count,
        cells: &["B03/1.3"],
        row: &["bãi bỏ"],
        units: &["procedure"],
        item: &[&["bãi bỏ"]],
        sentence: &[&["công bố"]],
        ..Def::NONE
    },
    Def {
        about: "tổng số TTHC thuộc thẩm quyền giải quyết của địa phương",
        measure: Count,
        cells: &["B03/1.4"],
        row: &["tổng số tthc"],
        units: &["procedure"],
        scope: &[Scope::None, Scope::All],
        item: &[&["tổng số"], &["thẩm quyền"]],
        ..Def::NONE
    },
    Def {
        about: "số TTHC cấp tỉnh",
        measure: Count,
        cells: &["B03/1.4.1"],
        row: &["cấp tỉnh"],
        units: &["procedure", "none"],
        scope: &[Scope::Province],
        sentence: &[&["tổng số"], &["thẩm quyền"], &["tthc", "thủ tục"]],
        not_item: &["hồ sơ", "mới", "bãi bỏ", "sửa đổi"],
        ..Def::NONE
    },
    Def {
        about: "số TTHC cấp huyện",
        measure: Count,
        cells: &["B03/1.4.2"],
        row: &["cấp huyện"],
        units: &["procedure", "none"],
        scope: &[Scope::District],
        sentence: &[&["tổng số"], &["thẩm quyền"], &["tthc", "thủ tục"]],
        not_item: &["hồ sơ", "mới", "bãi bỏ", "sửa đổi"],
        ..Def::NONE
    },
    Def {
        about: "số TTHC cấp xã",
        measure: Count,
        cells: &["B03/1.4.3"],
        row: &["cấp xã"],
        units: &["procedure", "none"],
        scope: &[Scope::Commune],
        sentence: &[&["tổng số"], &["thẩm quyền"], &["tthc", "thủ tục"]],
        not_item: &["hồ sơ", "mới", "bãi bỏ", "sửa đổi"],
        ..Def::NONE
    },
    Def {
        about: "số TTHC liên thông cùng cấp",
        measure: Count,
        cells: &["B03/2.1"],
        row: &["cùng cấp"],
        units: &["procedure"],
        item: &[&["liên thông cùng cấp"]],
        ..Def::NONE
    },
    Def {
        about: "số TTHC liên thông giữa các cấp chính quyền",
        measure: Count,
        cells: &["B03/2.2"],
        row: &["giữa các cấp"],
        units: &["procedure"],
        item: &[&["liên thông giữa các cấp"]],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ hồ sơ giải quyết đúng hạn của các sở, ngành",
        measure: Percent,
        cells: &["B03/3.1"],
        row: &["sở, ngành"],
        scope: &[Scope::Province],
        clause: &[&["đúng hạn"], &["hồ sơ", "tthc"]],
        not_item: &["trực tuyến", "trễ hạn", "số hóa", "số hoá"],
        not_clause: &["phản ánh", "pakn"],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ hồ sơ giải quyết đúng hạn của UBND cấp huyện",
        measure: Percent,
        cells: &["B03/3.2"],
        row: &["cấp huyện", "đúng hạn"],
        scope: &[Scope::District],
        clause: &[&["đúng hạn"], &["hồ sơ", "tthc"]],
        not_item: &["trực tuyến", "trễ hạn", "số hóa", "số hoá"],
        not_clause: &["phản ánh", "pakn"],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ hồ sơ giải quyết đúng hạn của UBND cấp xã",
        measure: Percent,
        cells: &["B03/3.3"],
        row: &["cấp xã", "đúng hạn"],
        scope: &[Scope::Commune],
        clause: &[&["đúng hạn"], &["hồ sơ", "tthc"]],
        not_item: &["trực tuyến", "trễ hạn", "số hóa", "số hoá"],
        not_clause: &["phản ánh", "pakn"],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ hồ sơ giải quyết đúng hạn của cả ba cấp tỉnh, huyện, xã",
        measure: Percent,
        ratio: Some(RatioCells {
            num: &["B03/3.1.2", "B03/3.2.2", "B03/3.3.2"],
            num_row: &["đúng hạn"],
            den: &["B03/3.1.1", "B03/3.2.1", "B03/3.3.1"],
            den_row: &["giải quyết xong"],
        }),
        scope: &[Scope::All, Scope::None],
        clause: &[&["đúng hạn"], &["hồ sơ", "tthc"]],
        not_item: &["trực tuyến", "trễ hạn", "số hóa", "số hoá"],
        not_clause: &["phản ánh", "pakn"],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "số hồ sơ TTHC các sở, ngành đã giải quyết",
        measure: Count,
        cells: &["B03/3.1.1"],
        row: &["giải quyết xong"],
        units: &["dossier"],
        scope: &[Scope::Province],
        item: &[&["giải quyết"]],
        not_item: &[
            "đúng hạn",
            "trễ hạn",
            "trước hạn",
            "quá hạn",
            "đang",
            "chưa",
            "trực tuyến",
        ],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "số hồ sơ TTHC UBND cấp huyện đã giải quyết",
        measure: Count,
        cells: &["B03/3.2.1"],
        row: &["giải quyết xong"],
        units: &["dossier"],
        scope: &[Scope::District],
        item: &[&["giải quyết"]],
        not_item: &[
            "đúng hạn",
            "trễ hạn",
            "trước hạn",
            "quá hạn",
            "đang",
            "chưa",
            "trực tuyến",
        ],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "số hồ sơ TTHC UBND cấp xã đã giải quyết",
        measure: Count,
        cells: &["B03/3.3.1"],
        row: &["giải quyết xong"],
        units: &["dossier"],
        scope: &[Scope::Commune],
        item: &[&["giải quyết"]],
        not_item: &[
            "đúng hạn",
            "trễ hạn",
            "trước hạn",
            "quá hạn",
            "đang",
            "chưa",
            "trực tuyến",
        ],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "số hồ sơ TTHC cả ba cấp tỉnh, huyện, xã đã giải quyết",
        measure: Count,
        cells: &["B03/3.1.1", "B03/3.2.1", "B03/3.3.1"],
        row: &["giải quyết xong"],
        units: &["dossier"],
        scope: &[Scope::All],
        item: &[&["giải quyết"]],
        not_item: &[
            "đúng hạn",
            "trễ hạn",
            "trước hạn",
            "quá hạn",
            "đang",
            "chưa",
            "trực tuyến",
        ],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "số hồ sơ TTHC các sở, ngành đã giải quyết đúng hạn",
        measure: Count,
        cells: &["B03/3.1.2"],
        row: &["đúng hạn"],
        units: &["dossier"],
        scope: &[Scope::Province],
        item: &[&["đúng hạn"]],
        clause: &[&["giải quyết"]],
        not_item: &["trễ hạn", "quá hạn", "đang", "chưa", "trực tuyến"],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "số hồ sơ TTHC UBND cấp huyện đã giải quyết đúng hạn",
        measure: Count,
        cells: &["B03/3.2.2"],
        row: &["đúng hạn"],
        units: &["dossier"],
        scope: &[Scope::District],
        item: &[&["đúng hạn"]],
        clause: &[&["giải quyết"]],
        not_item: &["trễ hạn", "quá hạn", "đang", "chưa", "trực tuyến"],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "số hồ sơ TTHC UBND cấp xã đã giải quyết đúng hạn",
        measure: Count,
        cells: &["B03/3.3.2"],
        row: &["đúng hạn"],
        units: &["dossier"],
        scope: &[Scope::Commune],
        item: &[&["đúng hạn"]],
        clause: &[&["giải quyết"]],
        not_item: &["trễ hạn", "quá hạn", "đang", "chưa", "trực tuyến"],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "số hồ sơ TTHC cả ba cấp tỉnh, huyện, xã đã giải quyết đúng hạn",
        measure: Count,
        cells: &["B03/3.1.2", "B03/3.2.2", "B03/3.3.2"],
        row: &["đúng hạn"],
        units: &["dossier"],
        scope: &[Scope::All],
        item: &[&["đúng hạn"]],
        clause: &[&["giải quyết"]],
        not_item: &["trễ hạn", "quá hạn", "đang", "chưa", "trực tuyến"],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ giải quyết phản ánh, kiến nghị về quy định TTHC",
        measure: Percent,
        cells: &["B03/3.4"],
        row: &["pakn"],
        clause: &[&["phản ánh", "kiến nghị", "pakn"], &["giải quyết"]],
        paragraph: &[&["tthc", "thủ tục hành chính"]],
        not_sentence: &[
            "đang trong hạn",
            "đang xử lý",
            "đang giải quyết",
            "trong hạn",
        ],
        not_paragraph: &["kinh tế - xã hội"],
        ..Def::NONE
    },
    Def {
        about: "số phản ánh, kiến nghị về quy định TTHC đã tiếp nhận",
        measure: Count,
        cells: &["B03/3.4.1"],
        row: &["pakn", "tiếp nhận"],
        units: &["feedback"],
        item: &[&["tiếp nhận"]],
        paragraph: &[&["tthc", "thủ tục hành chính"]],
        not_item: &["trực tuyến", "từ chối"],
        not_paragraph: &["kinh tế - xã hội"],
        ..Def::NONE
    },
    Def {
        about: "số phản ánh, kiến nghị về quy định TTHC đã giải quyết",
        measure: Count,
        cells: &["B03/3.4.2"],
        row: &["pakn", "giải quyết"],
        units: &["feedback"],
        item: &[&["giải quyết"]],
        paragraph: &[&["tthc", "thủ tục hành chính"]],
        not_item: &["đang", "chưa", "trong hạn"],
        not_paragraph: &["kinh tế - xã hội"],
        ..Def::NONE
    },
    Def {
        about: "tổng số biên chế công chức được giao trong năm",
        measure: Count,
        cells: &["B04/2.1"],
        row: &["biên chế", "giao"],
        units: &["person"],
        item: &[&["biên chế"], &["giao"]],
        sentence: &[&["công chức"]],
        not_item: &["tinh giản", "có mặt", "hợp đồng", "năm 2015", "năm 2023"],
        ..Def::NONE
    },
    Def {
        about: "tổng số biên chế công chức có mặt",
        measure: Count,
        cells: &["B04/2.2"],
        row: &["biên chế", "có mặt"],
        units: &["person"],
        item: &[&["có mặt"]],
        sentence: &[&["biên chế"], &["công chức"]],
        not_item: &["tinh giản", "giao"],
        ..Def::NONE
    },
    Def {
        about: "tổng số người làm việc được giao trong đơn vị sự nghiệp công lập",
        measure: Count,
        cells: &["B04/3.1"],
        row: &["người làm việc", "giao"],
        units: &["person"],
        item: &[&["người làm việc"], &["giao"]],
        sentence: &[&["đơn vị sự nghiệp", "đvsncl"]],
        not_item: &["tinh giản", "có mặt", "tạm giao"],
        ..Def::NONE
    },
    Def {
        about: "tổng số người làm việc có mặt trong đơn vị sự nghiệp công lập",
        measure: Count,
        cells: &["B04/3.2"],
        row: &["người làm việc", "có mặt"],
        units: &["person"],
        item: &[&["có mặt"]],
        sentence: &[&["người làm việc"], &["đơn vị sự nghiệp", "đvsncl"]],
        not_item: &["tinh giản", "giao"],
        ..Def::NONE
    },
    Def {
        about: "số cơ quan, tổ chức hành chính được phê duyệt vị trí việc làm",
        measure: Count,
        cells: &["B05/1.1"],
        row: &["vị trí việc làm", "hành chính"],
        units: &["agency"],
        item: &[&["vị trí việc làm"], &["phê duyệt"]],
        not_item: &["sự nghiệp", "viên chức", "vi phạm"],
        ..Def::NONE
    },
    Def {
        about: "số công chức được tuyển dụng qua thi tuyển, xét tuyển",
        measure: Count,
        cells: &["B05/2.1"],
        row: &["công chức", "tuyển dụng"],
        units: &["person"],
        item: &[&["tuyển dụng"], &["công chức"]],
        not_item: &["đặc biệt", "viên chức", "xét chuyển", "kế hoạch"],
        ..Def::NONE
    },
    Def {
        about: "số công chức được tuyển dụng theo trường hợp đặc biệt",
        measure: Count,
        cells: &["B05/2.2"],
        row: &["công chức", "đặc biệt"],
        units: &["person"],
        item: &[&["tuyển dụng"], &["đặc biệt"], &["công chức"]],
        not_item: &["viên chức"],
        ..Def::NONE
    },
    Def {
        about: "số cán bộ, công chức cấp xã được xét chuyển thành công chức cấp huyện trở lên",
        measure: Count,
        cells: &["B05/2.3"],
        row: &["xét chuyển"],
        units: &["person"],
        item: &[&["xét chuyển"]],
        ..Def::NONE
    },
    Def {
        about: "số viên chức được tuyển dụng qua thi tuyển, xét tuyển",
        measure: Count,
        cells: &["B05/2.4"],
        row: &["viên chức", "tuyển dụng"],
        units: &["person"],
        clause: &[&["tuyển dụng viên chức"]],
        not_item: &["đặc biệt", "công chức", "kế hoạch"],
        not_clause: &["đặc biệt"],
        ..Def::NONE
    },
    Def {
        about: "số viên chức được tuyển dụng theo trường hợp đặc biệt",
        measure: Count,
        cells: &["B05/2.5"],
        row: &["viên chức", "đặc biệt"],
        units: &["person"],
        item: &[&["tuyển dụng"], &["đặc biệt"], &["viên chức"]],
        not_item: &["công chức"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ giải ngân kế hoạch vốn đầu tư công",
        measure: Percent,
        cells: &["B06/1"],
        row: &["giải ngân"],
        clause: &[&["giải ngân"], &["đầu tư công", "vốn đầu tư"]],
        not_item: &["nguồn vốn", "vốn oda", "vốn vay", "nguồn"],
        ..Def::NONE
    },
    Def {
        about: "kế hoạch vốn đầu tư công được giao",
        measure: Money,
        cells: &["B06/1.1"],
        row: &["kế hoạch"],
        units: &["money"],
        item: &[&["kế hoạch"]],
        clause: &[&["giải ngân"], &["đầu tư công", "vốn đầu tư"]],
        not_item: &["nguồn vốn", "vốn oda", "vốn vay"],
        ..Def::NONE
    },
    Def {
        about: "số vốn đầu tư công đã giải ngân",
        measure: Money,
        cells: &["B06/1.2"],
        row: &["đã thực hiện"],
        units: &["money"],
        item: &[&["giải ngân", "đã thực hiện"]],
        clause: &[&["giải ngân"], &["đầu tư công", "vốn đầu tư"]],
        not_item: &["kế hoạch", "nguồn vốn", "vốn oda", "vốn vay"],
        ..Def::NONE
    },
    Def {
        about: "tổng số đơn vị sự nghiệp công lập của địa phương",
        measure: Count,
        cells: &["B06/2.1"],
        row: &["tổng số đvsn"],
        units: &["public unit"],
        denominator: true,
        item: &[&["tự chủ"]],
        ..Def::NONE
    },
    Def {
        about: "tổng số đơn vị sự nghiệp công lập của địa phương",
        measure: Count,
        cells: &["B06/2.1"],
        row: &["tổng số đvsn"],
        units: &["public unit"],
        item: &[&["tổng số"]],
        sentence: &[&["tự chủ", "tự bảo đảm"]],
        ..Def::NONE
    },
    Def {
        about: "số đơn vị sự nghiệp công lập được giao quyền tự chủ tài chính",
        measure: Count,
        cells: &["B06/2.2", "B06/2.3", "B06/2.4"],
        row: &["tự bảo đảm"],
        units: &["public unit"],
        item: &[&["giao quyền tự chủ", "tự chủ tài chính"]],
        not_item: &["tổng số"],
        ..Def::NONE
    },
    Def {
        about: "số đơn vị sự nghiệp công lập tự bảo đảm chi thường xuyên và chi đầu tư",
        measure: Count,
        cells: &["B06/2.2"],
        row: &["chi đầu tư"],
        units: &["public unit", "none"],
        item: &[
            &["đvsn", "đvsncl", "đvsnncl", "đơn vị sự nghiệp"],
            &["chi đầu tư"],
            &["tự chủ", "tự bảo đảm", "tự đảm bảo"],
        ],
        not_item: &["một phần", "nhà nước"],
        ..Def::NONE
    },
    Def {
        about: "số đơn vị sự nghiệp công lập tự bảo đảm chi thường xuyên",
        measure: Count,
        cells: &["B06/2.3"],
        row: &["tự bảo đảm chi thường xuyên"],
        units: &["public unit", "none"],
        item: &[
            &["đvsn", "đvsncl", "đvsnncl", "đơn vị sự nghiệp"],
            &["chi thường xuyên"],
            &[
                "tự chủ 100%",
                "tự bảo đảm chi thường xuyên",
                "tự bảo đảm 100%",
                "tự đảm bảo 100%",
                "tự đảm bảo chi thường xuyên",
            ],
        ],
        not_item: &["chi đầu tư", "một phần", "nhà nước", "từ"],
        ..Def::NONE
    },
    Def {
        about: "số đơn vị sự nghiệp công lập tự bảo đảm một phần chi thường xuyên",
        measure: Count,
        cells: &["B06/2.4"],
        row: &["một phần"],
        units: &["public unit", "none"],
        item: &[
            &["đvsn", "đvsncl", "đvsnncl", "đơn vị sự nghiệp"],
            &["một phần"],
        ],
        not_item: &["từ", "nhà nước"],
        ..Def::NONE
    },
    Def {
        about: "số đơn vị sự nghiệp công lập tự bảo đảm từ 70% đến dưới 100% chi thường xuyên",
        measure: Count,
        cells: &["B06/2.4.1"],
        row: &["70%"],
        units: &["public unit", "none"],
        item: &[
            &["đvsn", "đvsncl", "đvsnncl", "đơn vị sự nghiệp"],
            &["từ 70%"],
        ],
        ..Def::NONE
    },
    Def {
        about: "số đơn vị sự nghiệp công lập tự bảo đảm từ 30% đến dưới 70% chi thường xuyên",
        measure: Count,
        cells: &["B06/2.4.2"],
        row: &["30%"],
        units: &["public unit", "none"],
        item: &[
            &["đvsn", "đvsncl", "đvsnncl", "đơn vị sự nghiệp"],
            &["từ 30%"],
        ],
        ..Def::NONE
    },
    Def {
        about: "số đơn vị sự nghiệp công lập tự bảo đảm từ 10% đến dưới 30% chi thường xuyên",
        measure: Count,
        cells: &["B06/2.4.3"],
        row: &["10%"],
        units: &["public unit", "none"],
        item: &[
            &["đvsn", "đvsncl", "đvsnncl", "đơn vị sự nghiệp"],
            &["từ 10%"],
        ],
        ..Def::NONE
    },
    Def {
        about: "số đơn vị sự nghiệp công lập do Nhà nước bảo đảm chi thường xuyên",
        measure: Count,
        cells: &["B06/2.5"],
        row: &["nhà nước"],
        units: &["public unit", "none"],
        item: &[
            &["đvsn", "đvsncl", "đvsnncl", "đơn vị sự nghiệp"],
            &["nhà nước"],
            &["bảo đảm", "đảm bảo"],
        ],
        not_item: &["một phần", "tự chủ", "tự bảo đảm", "tự đảm bảo"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ báo cáo định kỳ gửi, nhận qua Hệ thống thông tin báo cáo quốc gia",
        measure: Percent,
        cells: &["B07/3"],
        row: &["báo cáo định kỳ"],
        clause: &[&["báo cáo định kỳ"], &["hệ thống thông tin báo cáo"]],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ văn bản gửi, nhận dưới dạng điện tử của địa phương",
        measure: Percent,
        cells: &["B07/5.2"],
        row: &["văn bản điện tử"],
        scope: &[Scope::None, Scope::All],
        clause: &[&["văn bản"], &["điện tử"], &["gửi", "sử dụng"]],
        not_item: &["kết nối", "liên thông"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ văn bản điện tử của các sở, ban, ngành",
        measure: Percent,
        cells: &["B07/5.2.1"],
        row: &["văn bản điện tử", "sở"],
        scope: &[Scope::Province],
        clause: &[&["văn bản"], &["điện tử"], &["gửi", "sử dụng"]],
        not_item: &["kết nối", "liên thông"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ văn bản điện tử của UBND cấp huyện",
        measure: Percent,
        cells: &["B07/5.2.2"],
        row: &["văn bản điện tử", "cấp huyện"],
        scope: &[Scope::District],
        clause: &[&["văn bản"], &["điện tử"], &["gửi", "sử dụng"]],
        not_item: &["kết nối", "liên thông"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ văn bản điện tử của UBND cấp xã",
        measure: Percent,
        cells: &["B07/5.2.3"],
        row: &["văn bản điện tử", "cấp xã"],
        scope: &[Scope::Commune],
        clause: &[&["văn bản"], &["điện tử"], &["gửi", "sử dụng"]],
        not_item: &["kết nối", "liên thông"],
        ..Def::NONE
    },
    Def {
        about: "số TTHC đang cung cấp trực tuyến một phần",
        measure: Count,
        cells: &["B07/6.1.2"],
        row: &["một phần"],
        units: &["procedure"],
        item: &[&["trực tuyến một phần"]],
        not_item: &["đủ điều kiện", "phát sinh", "toàn trình"],
        ..Def::NONE
    },
    Def {
        about: "số TTHC đang cung cấp trực tuyến toàn trình",
        measure: Count,
        cells: &["B07/6.2.2"],
        row: &["toàn trình"],
        units: &["procedure"],
        item: &[&["trực tuyến toàn trình"]],
        not_item: &["đủ điều kiện", "phát sinh", "một phần"],
        ..Def::NONE
    },
    Def {
        about:
            "tỷ lệ TTHC cung cấp trực tuyến đã tích hợp, công khai trên Cổng Dịch vụ công quốc gia",
        measure: Percent,
        cells: &["B07/6.3"],
        row: &["tích hợp"],
        clause: &[
            &["tích hợp"],
            &[
                "cổng dịch vụ công quốc gia",
                "cổng dvc quốc gia",
                "cổng dvcqg",
            ],
            &["tthc", "thủ tục"],
        ],
        not_clause: &["thanh toán", "hồ sơ"],
        ..Def::NONE
    },
    Def {
        about: "tỷ lệ hồ sơ TTHC tiếp nhận trực tuyến",
        measure: Percent,
        cells: &["B07/6.4"],
        row: &["trực tuyến"],
        scope: &[Scope::None, Scope::All],
        clause: &[&["trực tuyến"], &["hồ sơ"]],
        not_item: &["thanh toán", "đúng hạn"],
        not_clause: &[
            "thanh toán",
            "toàn trình",
            "một phần",
            "tích hợp",
            "đúng hạn",
        ],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "tổng số hồ sơ TTHC đã tiếp nhận của các TTHC trực tuyến có phát sinh hồ sơ",
        measure: Count,
        cells: &["B07/6.4.1"],
        row: &["tiếp nhận"],
        units: &["dossier"],
        scope: &[Scope::None, Scope::All],
        item: &[&["tổng số"]],
        clause: &[&["trực tuyến"], &["tiếp nhận"]],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
    Def {
        about: "số hồ sơ TTHC tiếp nhận trực tuyến",
        measure: Count,
        cells: &["B07/6.4.2"],
        row: &["tiếp nhận trực tuyến"],
        units: &["dossier"],
        scope: &[Scope::None, Scope::All],
        item: &[&["trực tuyến"], &["tiếp nhận"]],
        not_item: &["tổng số", "tăng", "giảm"],
        not_sentence: &["ngành dọc"],
        ..Def::NONE
    },
];
