#!/usr/bin/env python3
"""Writes the inputs of the annotated-original tests (tests/annotate.rs, e2e/exports.test.mjs) into
tests/fixtures/annotate/, from the file fixtures of scripts/make-fixtures.py. Generated, not real
reports: the seed's figures with one of them mistyped on purpose, as a unit would send it.

  edited.xlsx   khanh-hoa-q3-2024.xlsx with form 03's row 3.1.2 typed 66867 instead of 66687 (two
                digits swapped: the ratio 3.1 above it no longer matches), and two notes already in
                the sheet of form 03 as Excel writes them (comments part, VML drawing, relationships):
                one on A1, one on the mistyped cell itself.
  edited.docx   khanh-hoa-q3-2024.docx with the same figure mistyped (the number is split over runs
                there: «66.» + «687»), and a comment already in the document, on a paragraph of the
                narrative (comments.xml, its relationship and content type).

  libreoffice.xlsx, libreoffice.docx
                the two files above opened and saved again by LibreOffice (headless `soffice
                --convert-to`), when it is installed: files as a real office suite writes them
                (its own styles, comment parts and VML, docProps). Not deterministic (LibreOffice
                stamps the time); kept as written.

Every other zip entry is copied byte for byte. Standard library only; deterministic but for
LibreOffice's copies.

Usage: python3 scripts/make-annotate-fixtures.py [--no-libreoffice]
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
OUT = os.path.join(FIXTURES, "annotate")
STAMP = (2024, 9, 18, 8, 0, 0)


def rewrite(src, dst, change, add):
    """Copies the zip `src` to `dst`, passing each entry's text through `change(name, text)` and
    appending the entries of `add` (name -> text)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            new = change(info.filename, data.decode("utf-8")) if info.filename.endswith((".xml", ".rels")) else None
            out = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            out.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(out, data if new is None else new.encode("utf-8"))
        for name, text in add.items():
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, text.encode("utf-8"))


def once(text, old, new):
    assert text.count(old) == 1, (old, text.count(old))
    return text.replace(old, new)


def xlsx():
    src = os.path.join(FIXTURES, "khanh-hoa-q3-2024.xlsx")
    with zipfile.ZipFile(src) as z:
        sheet = z.read("xl/worksheets/sheet4.xml").decode("utf-8")
    cell = re.search(r'<c r="([A-Z]+)(\d+)"[^>]*><v>66687</v></c>', sheet)
    assert cell, "row 3.1.2 of form 03 holds 66687"
    ref = cell.group(1) + cell.group(2)
    row, col = int(cell.group(2)), ord(cell.group(1)) - ord("A")

    def shape(n, r, c):
        return (
            f'<v:shape id="_x0000_s{1024 + n}" type="#_x0000_t202" style="position:absolute;'
            'margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" '
            'fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
            '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
            '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
            f'<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
            f"<x:Anchor>{c + 1}, 15, {r - 1}, 2, {c + 3}, 15, {r + 3}, 16</x:Anchor>"
            f"<x:AutoFill>False</x:AutoFill><x:Row>{r - 1}</x:Row><x:Column>{c}</x:Column>"
            "</x:ClientData></v:shape>"
        )

    vml = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit">'
        '<o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202" '
        'coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
        '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        + shape(1, 1, 0)
        + shape(2, row, col)
        + "</xml>"
    )
    comments = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<authors><author>Phòng Nội vụ</author></authors><commentList>"
        '<comment ref="A1" authorId="0"><text><r><t>Biểu này đã được lãnh đạo duyệt.</t></r></text></comment>'
        f'<comment ref="{ref}" authorId="0"><text><r><t>Số liệu do Trung tâm Phục vụ hành chính công cung cấp.</t></r></text></comment>'
        "</commentList></comments>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>'
        "</Relationships>"
    )

    def change(name, text):
        if name == "xl/worksheets/sheet4.xml":
            text = once(text, "<v>66687</v>", "<v>66867</v>")
            return once(text, "</worksheet>", '<legacyDrawing r:id="rId2"/></worksheet>')
        if name == "[Content_Types].xml":
            return once(
                text,
                "</Types>",
                '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
                '<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>',
            )
        return None

    with zipfile.ZipFile(src) as z:
        assert 'xmlns:r=' in z.read("xl/worksheets/sheet4.xml").decode("utf-8")
    rewrite(
        src,
        os.path.join(OUT, "edited.xlsx"),
        change,
        {
            "xl/comments1.xml": comments,
            "xl/drawings/vmlDrawing1.vml": vml,
            "xl/worksheets/_rels/sheet4.xml.rels": rels,
        },
    )


def docx():
    src = os.path.join(FIXTURES, "khanh-hoa-q3-2024.docx")
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    comments = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="Phòng Nội vụ" w:initials="PNV">'
        "<w:p><w:r><w:t>Đề nghị bổ sung số liệu quý trước.</w:t></w:r></w:p></w:comment></w:comments>"
    )

    def change(name, text):
        if name == "word/document.xml":
            text = once(
                text,
                "<w:t>66.</w:t></w:r><w:r><w:lastRenderedPageBreak/></w:r><w:r><w:t>687</w:t>",
                "<w:t>66.</w:t></w:r><w:r><w:lastRenderedPageBreak/></w:r><w:r><w:t>867</w:t>",
            )
            # The comment on the first paragraph of the body with text.
            m = re.search(r"<w:body><w:p>(.*?)</w:p>", text)
            assert m, "the body starts with a paragraph"
            start = m.start(1)
            end = m.end(1)
            return (
                text[:start]
                + '<w:commentRangeStart w:id="0"/>'
                + text[start:end]
                + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
                + text[end:]
            )
        if name == "word/_rels/document.xml.rels":
            return once(
                text,
                "</Relationships>",
                '<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>',
            )
        if name == "[Content_Types].xml":
            return once(
                text,
                "</Types>",
                '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
            )
        return None

    rewrite(src, os.path.join(OUT, "edited.docx"), change, {"word/comments.xml": comments})


def libreoffice():
    """Re-saves edited.{xlsx,docx} with LibreOffice as libreoffice.{xlsx,docx}."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice not installed: libreoffice.xlsx/.docx left as they are")
        return
    with tempfile.TemporaryDirectory() as tmp:
        for ext in ("xlsx", "docx"):
            subprocess.run(
                [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                 "--convert-to", ext, "--outdir", tmp, os.path.join(OUT, f"edited.{ext}")],
                check=True, capture_output=True, timeout=300,
            )
            shutil.copyfile(os.path.join(tmp, f"edited.{ext}"), os.path.join(OUT, f"libreoffice.{ext}"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    xlsx()
    docx()
    if "--no-libreoffice" not in sys.argv:
        libreoffice()
    print("wrote", OUT)
