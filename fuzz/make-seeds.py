#!/usr/bin/env python3
"""Writes the fuzz seeds that reproduce the hostile inputs of issue 17 (#2-#5, #7, #21).

Each seed is the input format of its target (fuzz/fuzz_targets/*.rs): for `xlsx`, a mode byte
(1: stored parts, 2: deflated) then workbook, sheet, shared strings and styles separated by
"\\n=====\\n"; for `docx`, a mode byte then word/document.xml; for `check`, UTF-8 text. The large
ones are as small as the defect allows (the limits are 5,000,000 grid cells, 64 MB of text).

    python3 fuzz/make-seeds.py        # from the repository's root
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "seeds"
SEP = b"\n=====\n"
WORKBOOK = (b'<workbook xmlns:r="r"><sheets><sheet name="Bieu 01" sheetId="1" r:id="rId1"/>'
            b"</sheets></workbook>")


def xlsx(sheet_data: bytes, strings: bytes = b"", styles: bytes = b"", workbook: bytes = WORKBOOK,
         mode: int = 2) -> bytes:
    sheet = b"<worksheet><sheetData>" + sheet_data + b"</sheetData></worksheet>"
    return bytes([mode]) + SEP.join([workbook, sheet, strings, styles])


def docx(body: bytes, mode: int = 2, prolog: bytes = b"") -> bytes:
    return bytes([mode]) + prolog + b'<w:document xmlns:w="w"><w:body>' + body + b"</w:body></w:document>"


def write(target: str, name: str, data: bytes) -> None:
    path = ROOT / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"{path.relative_to(ROOT.parent)}: {len(data):,} bytes")


# #2: 1E+28 shown as a percentage overflows a decimal; a narrative figure of 10^29 đồng.
write("xlsx", "i17-02-percent-overflow", xlsx(
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>1.</t></is></c><c r="B1" s="1"><v>1E+28</v></c></row>',
    styles=b'<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="9"/></cellXfs></styleSheet>'))
big = "100.000.000.000.000.000.000"
write("check", "i17-02-narrative-overflow.txt", (
    f"Tổng kinh phí là {big} tỷ đồng, gồm 5 tỷ đồng và 3 đồng.\n"
    f"Đã thực hiện {big}/3 tỷ đồng, đạt tỷ lệ 93,93%, chưa thực hiện 235 đồng.\n"
    f"Giải ngân từ {big} tỷ đồng xuống 5 đồng, giảm 43 tỷ đồng.\n"
    f"Giải ngân 3 đồng, tăng 25% so với cùng kỳ ({big} tỷ đồng).\n").encode())

# #3: one 20 KB shared string used by 3,500 cells: 70 MB once copied, over the 64 MB of text.
cells = b'<c r="A1" t="s"><v>0</v></c>' * 3500
write("xlsx", "i17-03-shared-string-amplification", xlsx(
    b'<row r="1">' + cells + b"</row>",
    strings=b"<sst><si><t>" + b"x" * 20_000 + b"</t></si></sst>"))

# #4: cells at A and SR (512 columns) in 9,800 rows; a cell spanning 511 columns in 9,800 rows.
write("xlsx", "i17-04-far-columns", xlsx(
    b'<row><c r="A1"><v>1</v></c><c r="SR1"><v>2</v></c></row>' * 9800))
write("docx", "i17-04-grid-span", docx(
    b"<w:tbl>" + b'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="511"/></w:tcPr></w:tc></w:tr>' * 9800
    + b"</w:tbl>"))

# #5: one 100 KB number format used by 2,000 styles.
write("xlsx", "i17-05-format-code-bomb", xlsx(
    b'<row r="1"><c r="A1" s="1999"><v>2.5</v></c></row>',
    styles=b'<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.00'
    + b"\\x" * 50_000 + b'"/></numFmts><cellXfs>' + b'<xf numFmtId="164"/>' * 2000
    + b"</cellXfs></styleSheet>"))

# #7: a row number that wraps `base + row`.
write("xlsx", "i17-07-row-wrap", xlsx(
    b'<row r="1"><c r="A1"><v>1</v></c></row>'
    b'<row r="18446744073709551615"><c r="A2"><v>2</v></c></row><row><c><v>3</v></c></row>'))

# #21: a DOCTYPE whose internal subset holds `]>` in a literal, a comment and a PI.
doctype = (b'<!DOCTYPE w:document [<!ENTITY x "]><b>"><!ENTITY y \']>\'>'
           b"<!-- ]> <c> --><?pi ]> <d> ?>]>")
write("docx", "i17-21-doctype-subset", docx(
    b"<w:p><w:r><w:t>Bi\xe1\xbb\x83u m\xe1\xba\xabu s\xe1\xbb\x91 02</w:t></w:r></w:p>", prolog=doctype))
write("xlsx", "i17-21-doctype-subset", xlsx(
    b'<row r="1"><c r="A1"><v>1</v></c></row>',
    workbook=b'<!DOCTYPE workbook [<!ENTITY x "]>">]>' + WORKBOOK))
