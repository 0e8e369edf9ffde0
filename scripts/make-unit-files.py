#!/usr/bin/env python3
"""Writes the SYNTHETIC unit reports of tests/fixtures/units/ (made by make-unit-fixtures.py from
the seed; not real data of any unit) as the files officials send: the departments' («Sở …»)
as Word documents (.docx), the districts' («UBND …») as Excel workbooks (.xlsx).

The .docx has the report's lines as paragraphs and each run of tab-separated lines as a Word
table (one cell a column); the .xlsx has one sheet, one row a line, every cell as text (figures
as printed, «9.191.517», «31,15»). Written with the standard library only (zipfile), the
smallest parts Word and Excel open, so the e2e test and the benchmark need no Python package.

Usage (from the repository root):
    python3 scripts/make-unit-files.py tests/fixtures/units/q3-2024 OUT_DIR
"""

import os
import sys
import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES_DOCX = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS_DOCX = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES_XLSX = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
RELS_XLSX = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Báo cáo" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""


def paragraph(text):
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def table(lines):
    width = max(len(l.split("\t")) for l in lines)
    rows = []
    for line in lines:
        cells = line.split("\t") + [""] * (width - len(line.split("\t")))
        rows.append("<w:tr>" + "".join(f"<w:tc>{paragraph(c)}</w:tc>" for c in cells) + "</w:tr>")
    return "<w:tbl>" + "".join(rows) + "</w:tbl>"


def docx(text):
    body, run = [], []
    for line in text.split("\n"):
        if "\t" in line:
            run.append(line)
            continue
        if run:
            body.append(table(run))
            run = []
        body.append(paragraph(line))
    if run:
        body.append(table(run))
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{"".join(body)}</w:body></w:document>'
    return {"[Content_Types].xml": CONTENT_TYPES_DOCX, "_rels/.rels": RELS_DOCX, "word/document.xml": document}


def column(k):
    name = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        name = chr(65 + r) + name
    return name


def xlsx(text):
    rows = []
    for r, line in enumerate(text.split("\n"), start=1):
        cells = [
            f'<c r="{column(k)}{r}" t="inlineStr"><is><t xml:space="preserve">{escape(c)}</t></is></c>'
            for k, c in enumerate(line.split("\t"))
            if c
        ]
        if cells:
            rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData>{"".join(rows)}</sheetData></worksheet>')
    return {"[Content_Types].xml": CONTENT_TYPES_XLSX, "_rels/.rels": RELS_XLSX, "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS, "xl/worksheets/sheet1.xml": sheet}


def write(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(source)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(source, name), encoding="utf-8") as f:
            text = f.read()
        stem = name[:-4]
        # The departments' letterhead names a «Sở»: Word; the districts': Excel.
        if "\nSở " in text[:200]:
            write(os.path.join(out, stem + ".docx"), docx(text))
        else:
            write(os.path.join(out, stem + ".xlsx"), xlsx(text))


if __name__ == "__main__":
    main()
