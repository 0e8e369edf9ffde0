"""Reads an annotated copy of an .xlsx or .docx next to its original with readers other than
Kiểm số's own (openpyxl, python-docx, Python's zipfile) and prints what it found as JSON, for
tests/annotate.rs and e2e/exports.test.mjs.

Usage: read_annotated.py ORIGINAL COPY
"""

import json
import sys
import zipfile


def entries(original, copy):
    """Which zip entries the copy changed, added or dropped; the others byte for byte."""
    with zipfile.ZipFile(original) as a, zipfile.ZipFile(copy) as b:
        old = {i.filename: i for i in a.infolist()}
        new = {i.filename: i for i in b.infolist()}
        changed = [n for n in new if n in old and a.read(n) != b.read(n)]
        # Untouched entries are copied as stored: same compressed size, same CRC.
        restored = [
            n
            for n in new
            if n in old
            and n not in changed
            and (old[n].compress_size, old[n].CRC) != (new[n].compress_size, new[n].CRC)
        ]
        return {
            "changed": sorted(changed),
            "added": sorted(n for n in new if n not in old),
            "dropped": sorted(n for n in old if n not in new),
            "recompressed": sorted(restored),
        }


def read_xlsx(original, copy):
    import openpyxl

    def cells(path):
        wb = openpyxl.load_workbook(path)
        out = {}
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    fill = c.fill.fgColor.rgb if c.fill and c.fill.fill_type == "solid" else None
                    out[f"{ws.title}!{c.coordinate}"] = {
                        "value": None if c.value is None else str(c.value),
                        "format": c.number_format,
                        "font": [c.font.name, c.font.sz, bool(c.font.b)],
                        "fill": fill if isinstance(fill, str) else None,
                        "comment": c.comment.text if c.comment else None,
                        "author": c.comment.author if c.comment else None,
                    }
        return out, wb.sheetnames

    before, sheets_before = cells(original)
    after, sheets_after = cells(copy)
    return {
        "sheets": [sheets_before, sheets_after],
        "before": before,
        "after": after,
        "entries": entries(original, copy),
    }


def read_docx(original, copy):
    import docx
    from docx.oxml.ns import qn

    def tables(path):
        d = docx.Document(path)
        out = []
        for t in d.tables:
            rows = []
            for tr in t._tbl.tr_lst:
                row = []
                for tc in tr.tc_lst:
                    shd = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
                    refs = [r.get(qn("w:id")) for r in tc.iter(qn("w:commentReference"))]
                    text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
                    row.append({
                        "text": text,
                        "fill": shd.get(qn("w:fill")) if shd is not None else None,
                        "comments": refs,
                    })
                rows.append(row)
            out.append(rows)
        comments = [
            {"id": str(c.comment_id), "author": c.author, "text": c.text} for c in d.comments
        ]
        paragraphs = [p.text for p in d.paragraphs]
        noted = [
            {"text": p.text, "comments": [r.get(qn("w:id")) for r in p._p.iter(qn("w:commentReference"))]}
            for p in d.paragraphs
            if p._p.find(f".//{qn('w:commentReference')}") is not None
        ]
        return {"tables": out, "comments": comments, "paragraphs": paragraphs, "noted": noted}

    return {"before": tables(original), "after": tables(copy), "entries": entries(original, copy)}


if __name__ == "__main__":
    original, copy = sys.argv[1], sys.argv[2]
    kind = copy.rsplit(".", 1)[-1].lower()
    out = {"xlsx": read_xlsx, "docx": read_docx}[kind](original, copy)
    json.dump(out, sys.stdout, ensure_ascii=False)
