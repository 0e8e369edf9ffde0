"""Reads an exported .docx, .xlsx or .csv with readers other than Kiểm số's own (python-docx,
openpyxl, Python's csv module) and prints what it found as JSON, for tests/export.rs."""
import csv
import json
import sys


def read_docx(path):
    import docx

    d = docx.Document(path)
    section = d.sections[0]
    styles = d.styles.element
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    fonts = styles.findall(".//w:docDefaults//w:rFonts", ns)
    size = styles.find(".//w:docDefaults//w:sz", ns)
    footer = "".join(
        node.text or ""
        for p in section.footer.paragraphs
        for node in p._p.iter()
        if node.tag.endswith("}instrText") or node.tag.endswith("}t")
    )
    return {
        "paragraphs": [p.text for p in d.paragraphs],
        "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
        "page_mm": [round(section.page_width.mm), round(section.page_height.mm)],
        "margins_mm": [round(m.mm) for m in (section.top_margin, section.right_margin,
                                             section.bottom_margin, section.left_margin)],
        "font": fonts[0].get("{%s}ascii" % ns["w"]) if fonts else None,
        "size_pt": int(size.get("{%s}val" % ns["w"])) / 2 if size is not None else None,
        "footer": footer,
        "title": d.core_properties.title,
    }


def read_xlsx(path):
    import openpyxl

    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                fill = c.fill.fgColor.rgb if c.fill and c.fill.fill_type == "solid" else None
                cells.append({
                    "at": c.coordinate,
                    "row": c.row,
                    "col": c.column,
                    "value": str(c.value),
                    "fill": fill if isinstance(fill, str) else None,
                    "comment": c.comment.text if c.comment else None,
                })
        sheets[ws.title] = {"cells": cells, "merged": [str(r) for r in ws.merged_cells.ranges]}
    return {"sheets": sheets, "order": wb.sheetnames, "title": wb.properties.title}


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    with open(path, "rb") as f:
        bom = f.read(3) == b"\xef\xbb\xbf"
    # What a spreadsheet does on opening: guess the separator from the text, then split.
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    rows = list(csv.reader(text.splitlines(keepends=True), delimiter=dialect.delimiter))
    return {"bom": bom, "delimiter": dialect.delimiter, "rows": rows}


if __name__ == "__main__":
    path = sys.argv[1]
    kind = path.rsplit(".", 1)[-1].lower()
    out = {"docx": read_docx, "xlsx": read_xlsx, "csv": read_csv}[kind](path)
    json.dump(out, sys.stdout, ensure_ascii=False)
