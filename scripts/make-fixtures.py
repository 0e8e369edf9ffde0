#!/usr/bin/env python3
"""Writes the file fixtures of tests/files.rs into tests/fixtures/, from the seed report
(www/examples/khanh-hoa-q3-2024.txt). Standard library only: the Office files are written as raw
OOXML so that they hold what real Word and Excel files hold and python-docx/openpyxl cannot write
(cached formula values, footnotes, runs split inside numbers).

  khanh-hoa-q3-2024.docx      the whole report: narrative paragraphs with real footnotes, the seven
                              forms as Word tables with the template's merged two-row header
                              (gridSpan, vMerge); forms 01-03 split across pages as separate tables
                              with the header repeated, forms 04-07 as one table each; numbers split
                              over runs, a footnote mark after a figure, page breaks.
  khanh-hoa-q3-2024.xlsx      the seven forms, one sheet each, with formulas (ratios, totals) whose
                              cached values are stored at full precision and displayed through
                              0.00, 0.00%, #,##0, 00 and General formats; a hidden sheet; a formula
                              never calculated.
  khanh-hoa-q3-2024-utf16.tsv the whole report as Excel's "Unicode text" (UTF-16 LE, BOM, CRLF).
  khanh-hoa-q3-2024-1258.csv  the appendix as CSV in Windows-1258, tones as combining marks.

Usage: python3 scripts/make-fixtures.py   (deterministic: same bytes every run)
"""

import csv
import io
import os
import re
import unicodedata
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "www", "examples", "khanh-hoa-q3-2024.txt")
OUT = os.path.join(ROOT, "tests", "fixtures")
STAMP = (2024, 9, 18, 8, 0, 0)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def seed_lines():
    with open(SEED, encoding="utf-8") as f:
        return f.read().split("\n")


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def x(text):
    return escape(text, {'"': "&quot;"})


# ---------------------------------------------------------------- the seed, understood


def parse_seed():
    """Items in order: ('p', text), ('blank',), ('row', cells)."""
    items = []
    for line in seed_lines():
        if "\t" in line:
            items.append(("row", line.split("\t")))
        elif line.strip():
            items.append(("p", line.strip()))
        else:
            items.append(("blank",))
    return items


def is_header1(cells):
    return cells[0].strip() == "STT"


def is_header2(cells):
    return not cells[0].strip() and any("Đơn vị tính" in c for c in cells)


def forms():
    """The appendix: [(number, title, [data rows])], header repeats dropped."""
    out = []
    items = parse_seed()
    i = 0
    while i < len(items):
        item = items[i]
        m = item[0] == "p" and re.match(r"Biểu mẫu số (\d+)$", item[1])
        if not m:
            i += 1
            continue
        number = int(m.group(1))
        title = items[i + 1][1]
        rows = []
        i += 2
        while i < len(items):
            kind = items[i][0]
            if kind == "p":
                break
            if kind == "row":
                cells = (items[i][1] + [""] * 5)[:5]
                if not (is_header1(cells) or is_header2(cells)):
                    rows.append(cells)
            i += 1
        out.append((number, title, rows))
    return out


def vn_number(text):
    """A Vietnamese-printed number as (Decimal, decimals), or None."""
    t = text.strip()
    if not re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d+)?|-?\d+(,\d+)?", t):
        return None
    int_part, _, frac = t.partition(",")
    return Decimal(int_part.replace(".", "") + ("." + frac if frac else "")), len(frac)


def round_half_up(value, decimals):
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- .docx


def run(text, props=""):
    space = ' xml:space="preserve"' if text != text.strip() else ""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}<w:t{space}>{x(text)}</w:t></w:r>"


def runs(text):
    """Text as Word stores it: several runs, with the proofing marks Word leaves between them."""
    if len(text) < 60:
        return run(text)
    cut = text.rfind(" ", 0, len(text) // 2) + 1 or len(text) // 2
    return run(text[:cut]) + '<w:proofErr w:type="spellStart"/>' + run(text[cut:]) + '<w:proofErr w:type="spellEnd"/>'


def paragraph(text, footnotes, bold=False):
    """A narrative paragraph; superscript markers that have a footnote become real references."""
    parts = re.split(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", text)
    body = []
    for part in parts:
        key = part.translate(SUPERSCRIPT)
        if part and key.isdigit() and int(key) in footnotes:
            body.append(
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{int(key)}"/></w:r>'
            )
        elif part:
            body.append(run(part, "<w:b/>") if bold else runs(part))
    return f"<w:p>{''.join(body)}</w:p>"


def cell(content, width, props=""):
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{props}</w:tcPr><w:p>{content}</w:p></w:tc>'


WIDTHS = [700, 4200, 1300, 1200, 2000]


def header_rows():
    """The template's two-row header: STT, Chỉ tiêu and Ghi chú merged down, Kết quả thống kê
    across Đơn vị tính and Số liệu."""
    head = '<w:trPr><w:tblHeader/></w:trPr>'
    restart = '<w:vMerge w:val="restart"/>'
    row1 = (
        f"<w:tr>{head}"
        + cell(run("STT", "<w:b/>"), WIDTHS[0], restart)
        + cell(run("Chỉ tiêu thống kê (Sử dụng trong báo cáo hàng quý, 06 tháng, năm)", "<w:b/>"), WIDTHS[1], restart)
        + cell(run("Kết quả thống kê", "<w:b/>"), WIDTHS[2] + WIDTHS[3], '<w:gridSpan w:val="2"/>')
        + cell(run("Ghi chú", "<w:b/>"), WIDTHS[4], restart)
        + "</w:tr>"
    )
    row2 = (
        f"<w:tr>{head}"
        + cell("", WIDTHS[0], "<w:vMerge/>")
        + cell("", WIDTHS[1], "<w:vMerge/>")
        + cell(run("Đơn vị tính", "<w:b/>"), WIDTHS[2])
        + cell(run("Số liệu", "<w:b/>"), WIDTHS[3])
        + cell("", WIDTHS[4], "<w:vMerge/>")
        + "</w:tr>"
    )
    return row1 + row2


# A figure with a footnote mark right after it, in a table cell.
CELL_FOOTNOTE = {("1", "5.1."): 900}
FOOTNOTE_900 = "Số liệu tính đến ngày 15/9/2024."


def value_runs(text, form, stt):
    """A value cell's runs: a number split in the middle (as Word does after an edit)."""
    out = run(text)
    if len(text) >= 4 and vn_number(text):
        mid = len(text) // 2
        out = run(text[:mid]) + '<w:r><w:lastRenderedPageBreak/></w:r>' + run(text[mid:])
    note = CELL_FOOTNOTE.get((form, stt))
    if note:
        out += (
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
            f'<w:footnoteReference w:id="{note}"/></w:r>'
        )
    return out


def data_row(cells, form):
    stt = cells[0].strip()
    return (
        "<w:tr>"
        + cell(run(cells[0]) if cells[0] else "", WIDTHS[0])
        + cell(runs(cells[1]) if cells[1] else "", WIDTHS[1])
        + cell(run(cells[2]) if cells[2] else "", WIDTHS[2])
        + cell(value_runs(cells[3], form, stt) if cells[3] else "", WIDTHS[3])
        + cell(runs(cells[4]) if cells[4] else "", WIDTHS[4])
        + "</w:tr>"
    )


def table(rows_xml):
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in WIDTHS)
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{rows_xml}</w:tbl>"
    )


PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def make_docx(path):
    items = parse_seed()
    footnotes = {}
    for item in items:
        if item[0] == "p":
            m = re.match(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+(.*)", item[1])
            if m:
                footnotes[int(m.group(1).translate(SUPERSCRIPT))] = m.group(2)
    body = []
    form = None
    segments = []  # the current form's table segments (lists of data-row XML)
    i = 0

    def flush():
        if not segments:
            return
        if form in ("1", "2", "3"):
            # Split across pages: one table per page, the header repeated, a page break between.
            for k, seg in enumerate(segments):
                if k:
                    body.append(PAGE_BREAK)
                body.append(table(header_rows() + "".join(seg)))
        else:
            body.append(table(header_rows() + "".join(r for seg in segments for r in seg)))
        segments.clear()

    while i < len(items):
        item = items[i]
        if item[0] == "row":
            cells = (item[1] + [""] * 5)[:5]
            if is_header1(cells):
                segments.append([])
            elif not is_header2(cells):
                if not segments:
                    segments.append([])
                segments[-1].append(data_row(cells, form))
        elif item[0] == "p":
            text = item[1]
            if re.match(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s", text) and int(re.match(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", text).group(0).translate(SUPERSCRIPT)) in footnotes:
                i += 1
                continue
            flush()
            m = re.match(r"Biểu mẫu số (\d+)$", text)
            if m:
                form = str(int(m.group(1)))
            body.append(paragraph(text, footnotes, bold=bool(m)))
        i += 1
    flush()
    body.append(
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" '
        'w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{"".join(body)}</w:body></w:document>'
    )
    notes = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
    ]
    for n, text in sorted(footnotes.items()) + [(900, FOOTNOTE_900)]:
        notes.append(
            f'<w:footnote w:id="{n}"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
            f"<w:footnoteRef/></w:r>{run(' ' + text)}</w:p></w:footnote>"
        )
    footnotes_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:footnotes xmlns:w="{W}" xmlns:r="{R}">{"".join(notes)}</w:footnotes>'
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
        '<w:sz w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>'
        + "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="auto"/>' for b in ["top", "left", "bottom", "right", "insideH", "insideV"])
        + "</w:tblBorders></w:tblPr></w:style></w:styles>"
    )
    write_zip(path, [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
         '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
         f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/_rels/document.xml.rels",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
         f'<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>'
         f'<Relationship Id="rId2" Type="{REL}/footnotes" Target="footnotes.xml"/></Relationships>'),
        ("word/document.xml", document),
        ("word/styles.xml", styles),
        ("word/footnotes.xml", footnotes_xml),
    ])


# ---------------------------------------------------------------- .xlsx

# Style indexes (cellXfs) and their number formats.
XF_GENERAL, XF_DEC2, XF_THOUSANDS, XF_PERCENT2, XF_TWO_DIGITS, XF_INT, XF_PERCENT0, XF_BUILTIN_DEC2 = range(8)
CELL_XFS = [0, 164, 3, 10, 165, 1, 9, 2]
NUM_FMTS = {164: "0.00", 165: "00"}


def col(c):
    return "ABCDE"[c]


class Sheet:
    def __init__(self, strings):
        self.strings = strings
        self.rows = {}
        self.merges = []

    def text(self, r, c, value, inline=False):
        if inline:
            self.rows.setdefault(r, []).append(
                f'<c r="{col(c)}{r}" t="inlineStr"><is><t>{x(value)}</t></is></c>')
        else:
            if value not in self.strings:
                self.strings[value] = len(self.strings)
            self.rows.setdefault(r, []).append(f'<c r="{col(c)}{r}" t="s"><v>{self.strings[value]}</v></c>')

    def number(self, r, c, value, xf, formula=None):
        f = f"<f>{x(formula)}</f>" if formula else ""
        v = f"<v>{value}</v>" if value is not None else ""
        self.rows.setdefault(r, []).append(f'<c r="{col(c)}{r}" s="{xf}">{f}{v}</c>')

    def raw(self, r, xml):
        self.rows.setdefault(r, []).append(xml)

    def xml(self):
        rows = "".join(
            f'<row r="{r}">{"".join(cells)}</row>' for r, cells in sorted(self.rows.items()))
        merges = "".join(f'<mergeCell ref="{m}"/>' for m in self.merges)
        merge_xml = f'<mergeCells count="{len(self.merges)}">{merges}</mergeCells>' if merges else ""
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{S}" xmlns:r="{R}"><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
            '<cols><col min="2" max="2" width="60" customWidth="1"/></cols>'
            f"<sheetData>{rows}</sheetData>{merge_xml}</worksheet>"
        )


def excel_float(value):
    """How Excel stores a computed double: the shortest text that reads back the same."""
    return repr(float(value))


def make_xlsx(path):
    strings = {}
    sheets = []
    for number, title, rows in forms():
        sh = Sheet(strings)
        sh.text(1, 0, title)
        sh.merges.append("A1:E1")
        sh.text(3, 0, "STT")
        sh.text(3, 1, "Chỉ tiêu thống kê (Sử dụng trong báo cáo hàng quý, 06 tháng, năm)")
        sh.text(3, 2, "Kết quả thống kê")
        sh.text(3, 4, "Ghi chú")
        sh.text(4, 2, "Đơn vị tính")
        sh.text(4, 3, "Số liệu")
        sh.merges += ["A3:A4", "B3:B4", "C3:D3", "E3:E4"]
        first = 5
        where = {}  # STT -> Excel row
        for k, cells in enumerate(rows):
            if cells[0].strip():
                where[cells[0].strip()] = first + k
        values = {stt: vn_number(rows[r - first][3]) for stt, r in where.items()}
        for k, cells in enumerate(rows):
            r = first + k
            stt, indicator, unit, value, note = (c.strip() for c in cells)
            if stt:
                sh.text(r, 0, stt, inline=(number == 5))
            if indicator:
                sh.text(r, 1, indicator)
            if unit:
                sh.text(r, 2, unit)
            if note:
                sh.text(r, 4, note)
            if not value:
                continue
            parsed = vn_number(value)
            if parsed is None or "=" in unit:
                if parsed is not None:
                    sh.number(r, 3, str(parsed[0]), XF_GENERAL)
                else:
                    sh.text(r, 3, value)
                continue
            num, decimals = parsed
            children = [c for c in where if c.startswith(stt) and c.count(".") == stt.count(".") + 1]
            c1, c2 = stt + "1.", stt + "2."
            if unit == "%" and c1 in where and c2 in where and values[c1] and values[c2] and values[c1][0]:
                exact = values[c2][0] / values[c1][0] * 100
                if round_half_up(exact, decimals) == num:
                    ref1, ref2 = f"D{where[c1]}", f"D{where[c2]}"
                    if number in (3, 7):
                        # Stored as a fraction, shown through a percentage format.
                        xf = XF_PERCENT2 if decimals == 2 else XF_PERCENT0
                        sh.number(r, 3, excel_float(values[c2][0] / values[c1][0]), xf, f"{ref2}/{ref1}")
                    else:
                        xf = {2: XF_DEC2 if number != 6 else XF_BUILTIN_DEC2, 0: XF_INT}.get(decimals)
                        if xf is not None:
                            sh.number(r, 3, excel_float(exact), xf, f"{ref2}/{ref1}*100")
                            continue
                        sh.number(r, 3, str(num), XF_GENERAL)
                    continue
            numeric_children = [c for c in children if values.get(c)]
            if (unit != "%" and len(numeric_children) >= 2 and decimals == 0
                    and sum(values[c][0] for c in numeric_children) == num):
                refs = sorted(where[c] for c in numeric_children)
                formula = (f"SUM(D{refs[0]}:D{refs[-1]})" if refs[-1] - refs[0] == len(refs) - 1
                           else "+".join(f"D{x_}" for x_ in refs))
                sh.number(r, 3, str(num), XF_THOUSANDS, formula)
                continue
            if decimals:
                sh.number(r, 3, str(num), XF_DEC2 if decimals == 2 else XF_GENERAL)
            elif value.startswith("0") and len(value) == 2:
                sh.number(r, 3, str(num), XF_TWO_DIGITS)
            elif num >= 1000:
                sh.number(r, 3, str(num), XF_THOUSANDS)
            else:
                sh.number(r, 3, str(num), XF_GENERAL)
        if number == 1:
            # A formula Excel never calculated (written by another program): no cached value.
            sh.number(2, 4, None, XF_GENERAL, "SUM(D5:D6)")
        sheets.append((f"Biểu mẫu số {number:02d}", sh.xml(), False))
    draft = Sheet(strings)
    draft.text(1, 0, "Bản nháp quý II (ẩn)")
    draft.text(2, 0, "1.")
    draft.text(2, 1, "Tổng số VBQPPL do địa phương ban hành")
    draft.number(2, 3, "999", XF_GENERAL)
    sheets.insert(1, ("Nháp", draft.xml(), True))

    preserve = ' xml:space="preserve"'
    sst = "".join(f"<si><t{preserve if s != s.strip() else ''}>{x(s)}</t></si>" for s in strings)
    shared = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="{S}" count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>'
    )
    fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{x(c)}"/>' for i, c in NUM_FMTS.items())
    apply = ' applyNumberFormat="1"'
    xfs = "".join(
        f'<xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" xfId="0"{apply if n else ""}/>'
        for n in CELL_XFS)
    styles = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<styleSheet xmlns="{S}"><numFmts count="{len(NUM_FMTS)}">{fmts}</numFmts>'
        '<fonts count="1"><font><sz val="13"/><name val="Times New Roman"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(CELL_XFS)}">{xfs}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )
    state = ' state="hidden"'
    sheet_tags = "".join(
        f'<sheet name="{x(name)}" sheetId="{k + 1}"{state if hidden else ""} r:id="rId{k + 1}"/>'
        for k, (name, _, hidden) in enumerate(sheets))
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{S}" xmlns:r="{R}"><workbookPr defaultThemeVersion="124226"/>'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheet_tags}</sheets>'
        '<calcPr calcId="191029"/></workbook>'
    )
    n = len(sheets)
    rels = "".join(
        f'<Relationship Id="rId{k + 1}" Type="{REL}/worksheet" Target="worksheets/sheet{k + 1}.xml"/>'
        for k in range(n))
    rels += (f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" Target="styles.xml"/>'
             f'<Relationship Id="rId{n + 2}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{k + 1}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for k in range(n))
    parts = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
         '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
         f"{overrides}</Types>"),
        ("_rels/.rels",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
         f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">{rels}</Relationships>'),
        ("xl/styles.xml", styles),
        ("xl/sharedStrings.xml", shared),
    ] + [(f"xl/worksheets/sheet{k + 1}.xml", xml) for k, (_, xml, _) in enumerate(sheets)]
    write_zip(path, parts)


# ---------------------------------------------------------------- text files


def make_utf16_tsv(path):
    text = "\r\n".join(seed_lines())
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))


TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text):
    """Windows-1258 as Vietnamese Windows writes it: the tone of every toned vowel as a separate
    combining mark after the (possibly circumflexed, breved or horned) base letter."""
    out = bytearray()
    for ch in text:
        nfd = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in nfd if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def make_cp1258_csv(path):
    lines = seed_lines()
    start = lines.index("Biểu mẫu số 01")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for line in lines[start:]:
        if "\t" in line:
            writer.writerow(line.split("\t"))
        elif line:
            # As Excel saves a sheet: a title alone in its cell, quoted when it holds a comma.
            writer.writerow([line])
        else:
            buf.write("\r\n")
    with open(path, "wb") as f:
        f.write(cp1258(buf.getvalue()))


def main():
    os.makedirs(OUT, exist_ok=True)
    make_docx(os.path.join(OUT, "khanh-hoa-q3-2024.docx"))
    make_xlsx(os.path.join(OUT, "khanh-hoa-q3-2024.xlsx"))
    make_utf16_tsv(os.path.join(OUT, "khanh-hoa-q3-2024-utf16.tsv"))
    make_cp1258_csv(os.path.join(OUT, "khanh-hoa-q3-2024-1258.csv"))
    for name in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(os.path.join(OUT, name)):>8}  tests/fixtures/{name}")


if __name__ == "__main__":
    main()
