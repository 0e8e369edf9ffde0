#!/usr/bin/env python3
"""Writes the grid fixtures of tests/grids.rs into tests/fixtures/grids/: tables with several value
columns in the shapes officials pass around. The SHAPES are real (headers of the official wide
forms Biểu II.06a/VPCP/KSTT of Thông tư 01/2020/TT-VPCP, see ../shared/reference/vpcp-forms.md; the
consolidation and service-level tables of provincial CCHC reports); the FIGURES ARE GENERATED here by
a seeded generator, made consistent with integer arithmetic (totals are sums, percentages are
correctly rounded half up), and are no one's real data.

  commune.tsv / .html / .docx / .xlsx   units as rows, «Tổng cộng» last, a «Tỷ lệ đúng hạn (%)»
                                        column over «Đã giải quyết» (not over «tiếp nhận»)
  ii06a.tsv / .html / .docx / .xlsx     Biểu II.06a: three header rows with merged cells, the
                                        column-number row with its formulas, groups I/II of
                                        fields with their own subtotals, «Tổng cộng» first
  levels.tsv                            count-and-% pairs under merged headers, percentages
                                        printed with mixed precision (48,6 / 40 / 7)
  periods.tsv                           a vertical form with «Quý II/2024 | Quý III/2024» columns
  b03-periods.tsv                       Biểu mẫu số 03 (its rows from the seed) with a generated
                                        «Quý II/2024» column beside the seed's «Quý III/2024»
  commune-en.tsv                        commune.tsv as Excel in English locale copies it
                                        (1,175 and 99.57)

Usage: python3 scripts/make-grid-fixtures.py   (deterministic: same bytes every run)
"""

import importlib.util
import os
from decimal import ROUND_HALF_UP, Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("make_fixtures", os.path.join(HERE, "make-fixtures.py"))
base = importlib.util.module_from_spec(spec)
spec.loader.exec_module(base)
write_zip, x, W, S, R, REL, PKG_REL = base.write_zip, base.x, base.W, base.S, base.R, base.REL, base.PKG_REL

OUT = os.path.join(os.path.dirname(HERE), "tests", "fixtures", "grids")


class Lcg:
    """A small seeded generator: the same figures on every machine and Python version."""

    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 33) % n


def vn(n):
    """An integer printed the Vietnamese way: 1.175."""
    s = str(abs(n))
    groups = []
    while len(s) > 3:
        groups.insert(0, s[-3:])
        s = s[:-3]
    groups.insert(0, s)
    return ("-" if n < 0 else "") + ".".join(groups)


def pct(num, den, decimals):
    """num / den × 100 rounded half up, printed the Vietnamese way."""
    q = (Decimal(num) * 100 / Decimal(den)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{q:.{decimals}f}".replace(".", ",")


def en(cell):
    """A Vietnamese-printed figure as Excel in English locale shows it."""
    return cell.replace(".", "\0").replace(",", ".").replace("\0", ",")


# ---------------------------------------------------------------- the tables: header rows + data rows


def commune():
    g = Lcg(11)
    names = ["Xã Cam Hải Tây", "Xã Cam Hải Đông", "Phường Cam Nghĩa", "Xã Suối Tân", "Phường Ba Ngòi",
             "Xã Cam Thành Bắc"]
    rows, tot = [], [0, 0, 0]
    for i, name in enumerate(names, 1):
        received = 300 + g.below(2500)
        resolved = received - g.below(40)
        on_time = resolved - g.below(25)
        tot = [tot[0] + received, tot[1] + resolved, tot[2] + on_time]
        rows.append([str(i), name, vn(received), vn(resolved), vn(on_time), pct(on_time, resolved, 2)])
    rows.append(["", "Tổng cộng", vn(tot[0]), vn(tot[1]), vn(tot[2]), pct(tot[2], tot[1], 2)])
    header = [["STT", "Đơn vị", "Tổng số hồ sơ tiếp nhận", "Đã giải quyết", "Đúng hạn", "Tỷ lệ đúng hạn (%)"]]
    return "Bảng tổng hợp kết quả giải quyết hồ sơ TTHC của các xã, phường quý III/2024", header, rows, []


def ii06a():
    g = Lcg(23)
    header = [
        ["TT", "Lĩnh vực, công việc giải quyết theo cấp", "Số hồ sơ nhận giải quyết", "", "", "",
         "Số lượng hồ sơ đã giải quyết", "", "", "", "Số lượng hồ sơ đang giải quyết", "", ""],
        ["", "", "Tổng số", "Trong đó", "", "", "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số",
         "Trong hạn", "Quá hạn"],
        ["", "", "", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước", "", "", "", "", "", "",
         ""],
        ["(1)", "(2)", "(3)=(4)+(5)+(6)", "(4)", "(5)", "(6)", "(7)=(8)+(9)+(10)", "(8)", "(9)", "(10)",
         "(11)=(12)+(13)", "(12)", "(13)"],
    ]
    # Row spans / column spans of the header, for .docx, .xlsx and HTML: (row, col, rowspan, colspan).
    merges = [(0, 0, 3, 1), (0, 1, 3, 1), (0, 2, 1, 4), (0, 6, 1, 4), (0, 10, 1, 3), (1, 2, 2, 1),
              (1, 3, 1, 3), (1, 6, 2, 1), (1, 7, 2, 1), (1, 8, 2, 1), (1, 9, 2, 1), (1, 10, 2, 1),
              (1, 11, 2, 1), (1, 12, 2, 1)]

    def field():
        before, on_time, late = g.below(300), g.below(900), g.below(15)
        resolved = before + on_time + late
        in_time, overdue = g.below(120), g.below(6)
        pending = in_time + overdue
        total = resolved + pending
        online = g.below(total + 1)
        carried = g.below(total - online + 1)
        direct = total - online - carried
        return [total, online, direct, carried, resolved, before, on_time, late, pending, in_time, overdue]

    groups = [("I", "Cấp tỉnh", ["Tư pháp", "Xây dựng", "Đất đai"]), ("II", "Cấp xã", ["Hộ tịch", "Chứng thực"])]
    body, grand = [], [0] * 11
    for stt, name, fields in groups:
        figs = [field() for _ in fields]
        sub = [sum(col) for col in zip(*figs)]
        grand = [a + b for a, b in zip(grand, sub)]
        body.append([stt, name] + [vn(v) for v in sub])
        for i, (fname, f) in enumerate(zip(fields, figs), 1):
            body.append([str(i), fname] + [vn(v) for v in f])
    rows = [["", "Tổng cộng"] + [vn(v) for v in grand]] + body
    title = ("Biểu số II.06a/VPCP/KSTT: Tình hình, kết quả giải quyết TTHC tại Trung tâm Phục vụ hành chính "
             "công")
    return title, header, rows, merges


def levels():
    g = Lcg(37)
    header = [
        ["STT", "Đơn vị", "Tổng số TTHC", "Dịch vụ công trực tuyến toàn trình", "",
         "Dịch vụ công trực tuyến một phần", "", "Dịch vụ cung cấp thông tin", ""],
        ["", "", "", "Số lượng", "Tỷ lệ (%)", "Số lượng", "Tỷ lệ (%)", "Số lượng", "Tỷ lệ (%)"],
    ]
    merges = [(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 2, 1), (0, 3, 1, 2), (0, 5, 1, 2), (0, 7, 1, 2)]
    names = ["Sở Tư pháp", "Sở Xây dựng", "Sở Y tế", "Sở Nội vụ", "Sở Tài chính"]
    rows, tot = [], [0, 0, 0, 0]
    precision = [1, 0, 2, 1, 0]
    for i, name in enumerate(names):
        total = 40 + g.below(200)
        full = g.below(total // 2 + 1)
        part = g.below(total - full + 1)
        info = total - full - part
        tot = [tot[0] + total, tot[1] + full, tot[2] + part, tot[3] + info]
        d = precision[i]
        rows.append([str(i + 1), name, vn(total), vn(full), pct(full, total, d), vn(part), pct(part, total, d),
                     vn(info), pct(info, total, (d + 1) % 3)])
    rows.append(["", "Cộng", vn(tot[0]), vn(tot[1]), pct(tot[1], tot[0], 1), vn(tot[2]), pct(tot[2], tot[0], 1),
                 vn(tot[3]), pct(tot[3], tot[0], 1)])
    return "Mức độ cung cấp dịch vụ công trực tuyến của các sở, ngành", header, rows, merges


def periods():
    g = Lcg(41)
    header = [["STT", "Chỉ tiêu", "Đơn vị tính", "Quý II/2024", "Quý III/2024"]]
    cols = []
    for _ in range(2):
        online, direct = 500 + g.below(4000), 200 + g.below(3000)
        resolved = online + direct - g.below(300)
        on_time = resolved - g.below(50)
        docs = 3 + g.below(20)
        cols.append([online + direct, online, direct, pct(on_time, resolved, 2), resolved, on_time, docs])
    labels = [("1", "Tổng số hồ sơ tiếp nhận", "Hồ sơ"), ("1.1", "Số hồ sơ tiếp nhận trực tuyến", "Hồ sơ"),
              ("1.2", "Số hồ sơ tiếp nhận trực tiếp", "Hồ sơ"),
              ("2", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%"), ("2.1", "Số hồ sơ đã giải quyết", "Hồ sơ"),
              ("2.2", "Số hồ sơ giải quyết đúng hạn", "Hồ sơ"), ("3", "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản")]
    rows = []
    for k, (stt, label, unit) in enumerate(labels):
        cells = [c[k] if isinstance(c[k], str) else vn(c[k]) for c in cols]
        rows.append([stt + ".", label, unit] + cells)
    return "Kết quả giải quyết hồ sơ TTHC quý này so với quý trước", header, rows, []


def b03_periods():
    """Biểu mẫu số 03 of the seed with a second value column: «Quý III/2024» is the seed's own
    column; «Quý II/2024» is GENERATED from it (every count doubled, percentages and codes kept,
    which keeps every sum and every ratio of the form exact)."""
    lines = base.seed_lines()
    start = next(i for i, l in enumerate(lines) if l.startswith("Biểu mẫu số 03"))
    end = next(i for i, l in enumerate(lines) if l.startswith("Biểu mẫu số 04"))
    rows = []
    for line in lines[start:end]:
        cells = line.split("\t")
        if len(cells) < 4 or not cells[0].strip() or not cells[0].strip()[0].isdigit():
            continue
        stt, indicator, unit, value = (c.strip() for c in cells[:4])
        previous = value
        if value and unit != "%" and "=" not in unit and value.replace(".", "").isdigit():
            previous = vn(int(value.replace(".", "")) * 2)
        rows.append([stt, indicator, unit, previous, value])
    header = [["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Quý II/2024", "Quý III/2024"]]
    return "Biểu mẫu số 03: Cải cách thủ tục hành chính", header, rows, []


# ---------------------------------------------------------------- writers


def tsv(title, header, rows):
    lines = [title] + ["\t".join(r) for r in header + rows]
    return "\n".join(lines) + "\n"


def html(title, header, rows, merges):
    """The table as Word puts it on the clipboard: colspan/rowspan, no text in covered cells."""
    covered = set()
    spans = {}
    for r, c, rs, cs in merges:
        spans[(r, c)] = (rs, cs)
        for i in range(r, r + rs):
            for j in range(c, c + cs):
                if (i, j) != (r, c):
                    covered.add((i, j))
    out = ["<html><body>", f"<p class=MsoNormal><b>{x(title)}</b></p>",
           '<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>']
    for i, row in enumerate(header):
        out.append("<tr>")
        for j, cell in enumerate(row):
            if (i, j) in covered:
                continue
            rs, cs = spans.get((i, j), (1, 1))
            attrs = (f' rowspan={rs}' if rs > 1 else "") + (f' colspan={cs}' if cs > 1 else "")
            out.append(f"<td{attrs}><p class=MsoNormal align=center><b>{x(cell)}</b></p></td>")
        out.append("</tr>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td><p class=MsoNormal>{x(c)}</p></td>" for c in row) + "</tr>")
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"


def docx(path, title, header, rows, merges):
    width = len(header[0])
    starts = {(r, c): (rs, cs) for r, c, rs, cs in merges}
    hcover, vcover = set(), set()
    for r, c, rs, cs in merges:
        for i in range(r, r + rs):
            for j in range(c, c + cs):
                if j > c:
                    hcover.add((i, j))
                elif i > r:
                    vcover.add((i, j))

    def tc(text, props=""):
        body = f'<w:p><w:r><w:t xml:space="preserve">{x(text)}</w:t></w:r></w:p>' if text else "<w:p/>"
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"

    trs = []
    for i, row in enumerate(header):
        cells = []
        for j in range(width):
            if (i, j) in hcover:
                continue
            rs, cs = starts.get((i, j), (1, 1))
            props = (f'<w:gridSpan w:val="{cs}"/>' if cs > 1 else "")
            if (i, j) in vcover:
                # The cell continuing a vertical merge spans what the merge's first cell spans.
                top = next((r, c) for r, c, rs2, cs2 in merges if c == j and r < i < r + rs2)
                cs = starts[top][1]
                props = (f'<w:gridSpan w:val="{cs}"/>' if cs > 1 else "") + "<w:vMerge/>"
                cells.append(tc("", props))
                continue
            if rs > 1:
                props += '<w:vMerge w:val="restart"/>'
            cells.append(tc(row[j], props))
        trs.append('<w:tr><w:trPr><w:tblHeader/></w:trPr>' + "".join(cells) + "</w:tr>")
    for row in rows:
        trs.append("<w:tr>" + "".join(tc(c) for c in row) + "</w:tr>")
    grid = "".join('<w:gridCol w:w="1200"/>' for _ in range(width))
    table = f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(trs)}</w:tbl>'
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:r="{R}">'
        f'<w:body><w:p><w:r><w:t>{x(title)}</w:t></w:r></w:p>{table}<w:p/></w:body></w:document>'
    )
    write_zip(path, [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         "</Types>"),
        ("_rels/.rels",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
         f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml", document),
    ])


def column_letter(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx(path, title, header, rows, merges):
    """One sheet: the title, the header with merged ranges, figures stored as numbers and shown
    through formats (#,##0 and 0.00), as Excel saves them."""
    strings = {}

    def s(text):
        if text not in strings:
            strings[text] = len(strings)
        return strings[text]

    xml_rows = []

    def cell(r, c, text):
        ref = f"{column_letter(c)}{r}"
        t = text.strip()
        if not t:
            return ""
        plain = t.replace(".", "").replace(",", ".")
        try:
            value = Decimal(plain)
        except Exception:
            return f'<c r="{ref}" t="s"><v>{s(t)}</v></c>'
        if "(" in t or not any(ch.isdigit() for ch in t):
            return f'<c r="{ref}" t="s"><v>{s(t)}</v></c>'
        decimals = len(t.split(",")[1]) if "," in t else 0
        style = {0: 1, 1: 3, 2: 2}[decimals]
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'

    xml_rows.append(f'<row r="1"><c r="A1" t="s"><v>{s(title)}</v></c></row>')
    r = 3
    for row in header:
        # The column-number row is text in Excel too: «(3)=(4)+(5)+(6)».
        cells = "".join(f'<c r="{column_letter(c)}{r}" t="s"><v>{s(v)}</v></c>' for c, v in enumerate(row) if v)
        xml_rows.append(f'<row r="{r}">{cells}</row>')
        r += 1
    for row in rows:
        xml_rows.append(f'<row r="{r}">' + "".join(cell(r, c, v) for c, v in enumerate(row)) + "</row>")
        r += 1
    merge_refs = [f"{column_letter(c)}{3 + i}:{column_letter(c + cs - 1)}{3 + i + rs - 1}" for i, c, rs, cs in merges]
    merge_xml = (f'<mergeCells count="{len(merge_refs)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merge_refs)
                 + "</mergeCells>") if merge_refs else ""
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{S}" xmlns:r="{R}">'
             f'<sheetData>{"".join(xml_rows)}</sheetData>{merge_xml}</worksheet>')
    shared = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{S}" count="{len(strings)}" '
              f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{x(t)}</t></si>" for t in strings) + "</sst>")
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{S}">'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>'
              '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
              '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
              '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="3" applyNumberFormat="1"/>'
              '<xf numFmtId="2" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>'
              "</styleSheet>")
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{S}" xmlns:r="{R}">'
                '<sheets><sheet name="Bieu" sheetId="1" r:id="rId1"/></sheets></workbook>')
    write_zip(path, [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
         '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
         "</Types>"),
        ("_rels/.rels",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
         f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
         f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
         f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
         f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", shared),
        ("xl/styles.xml", styles),
    ])


def main():
    os.makedirs(OUT, exist_ok=True)
    tables = {"commune": commune(), "ii06a": ii06a(), "levels": levels(), "periods": periods(),
              "b03-periods": b03_periods()}
    for name, (title, header, rows, merges) in tables.items():
        with open(os.path.join(OUT, f"{name}.tsv"), "w", encoding="utf-8", newline="") as f:
            f.write(tsv(title, header, rows))
        if name in ("commune", "ii06a", "levels"):
            with open(os.path.join(OUT, f"{name}.html"), "w", encoding="utf-8", newline="") as f:
                f.write(html(title, header, rows, merges))
            docx(os.path.join(OUT, f"{name}.docx"), title, header, rows, merges)
            xlsx(os.path.join(OUT, f"{name}.xlsx"), title, header, rows, merges)
    title, header, rows, _ = tables["commune"]
    with open(os.path.join(OUT, "commune-en.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write(tsv(title, header, [r[:2] + [en(c) for c in r[2:]] for r in rows]))


if __name__ == "__main__":
    main()
