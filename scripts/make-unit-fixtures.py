#!/usr/bin/env python3
"""Generates tests/fixtures/units/: SYNTHETIC unit reports, not real data of any unit.

The province's report of Quý III/2024 (www/examples/khanh-hoa-q3-2024.txt, the seed) is split
into 25 unit reports (16 departments, 9 district-level People's Committees) whose counts and
amounts add up exactly to the province's figures:

- every count is split over the units with fixed weights (largest remainder);
- a part that cannot exceed its whole (a ratio's numerator, an «at most» rule's parts) is split
  in proportion to the whole's split, never above it in any unit;
- a total (a «sum» rule of the catalogue) is the sum of its parts in each unit;
- every percentage with operands in the catalogue is recomputed per unit and rounded to two
  decimals (printed «100» and «0» when exact, as the seed prints them; left empty for 0/0); percentages without
  operands and codes keep the province's value.

The same 25 units for Quý II/2024 are derived from each unit's Quý III figures: stocks
unchanged, cumulative rows («lũy kế», as the catalogue's batch words say) at 60 %, other counts
at 90 % (rounded down), parts capped by their wholes, totals and ratios recomputed: so every
cumulative figure grows from Quý II to Quý III.

Run from the repository root: python3 scripts/make-unit-fixtures.py
"""

import json
import os
from decimal import Decimal, ROUND_HALF_UP, ROUND_FLOOR

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "www/examples/khanh-hoa-q3-2024.txt")
CATALOGUE = os.path.join(ROOT, "catalogue/cchc.json")
OUT = os.path.join(ROOT, "tests/fixtures/units")

DEPARTMENTS = [
    "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Xây dựng",
    "Sở Giao thông vận tải", "Sở Công Thương", "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài nguyên và Môi trường", "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa và Thể thao", "Sở Du lịch",
    "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo", "Sở Y tế",
]
DISTRICTS = [
    "UBND thành phố Nha Trang", "UBND thành phố Cam Ranh", "UBND thị xã Ninh Hòa",
    "UBND huyện Cam Lâm", "UBND huyện Diên Khánh", "UBND huyện Khánh Vĩnh",
    "UBND huyện Khánh Sơn", "UBND huyện Vạn Ninh", "UBND huyện Trường Sa",
]
UNITS = DEPARTMENTS + DISTRICTS
# Fixed, uneven weights: districts larger than departments.
WEIGHTS = [3 + (7 * k) % 11 for k in range(len(DEPARTMENTS))] + [
    20 + (13 * k) % 17 for k in range(len(DISTRICTS))
]
SLUG = {
    "à": "a", "á": "a", "ả": "a", "ã": "a", "ạ": "a", "ă": "a", "ằ": "a", "ắ": "a", "ẳ": "a",
    "ẵ": "a", "ặ": "a", "â": "a", "ầ": "a", "ấ": "a", "ẩ": "a", "ẫ": "a", "ậ": "a", "đ": "d",
    "è": "e", "é": "e", "ẻ": "e", "ẽ": "e", "ẹ": "e", "ê": "e", "ề": "e", "ế": "e", "ể": "e",
    "ễ": "e", "ệ": "e", "ì": "i", "í": "i", "ỉ": "i", "ĩ": "i", "ị": "i", "ò": "o", "ó": "o",
    "ỏ": "o", "õ": "o", "ọ": "o", "ô": "o", "ồ": "o", "ố": "o", "ổ": "o", "ỗ": "o", "ộ": "o",
    "ơ": "o", "ờ": "o", "ớ": "o", "ở": "o", "ỡ": "o", "ợ": "o", "ù": "u", "ú": "u", "ủ": "u",
    "ũ": "u", "ụ": "u", "ư": "u", "ừ": "u", "ứ": "u", "ử": "u", "ữ": "u", "ự": "u", "ỳ": "y",
    "ý": "y", "ỷ": "y", "ỹ": "y", "ỵ": "y",
}


def slug(name):
    s = "".join(SLUG.get(c, c) for c in name.lower())
    return "-".join("".join(c if c.isalnum() else " " for c in s).split())


def parse_vi(text):
    return Decimal(text.replace(".", "").replace(",", "."))


def print_vi(value, decimals=0):
    q = Decimal(1).scaleb(-decimals)
    v = value.quantize(q, rounding=ROUND_HALF_UP)
    sign = "-" if v < 0 else ""
    whole, _, frac = f"{abs(v):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return sign + ".".join(groups or ["0"]) + ("," + frac if decimals else "")


def split(amount, weights, caps=None):
    """Largest remainder: integers proportional to `weights`, summing to `amount` exactly, and
    never above `caps` when given."""
    total = sum(weights)
    if total == 0:
        assert amount == 0
        return [0] * len(weights)
    exact = [Decimal(amount) * w / total for w in weights]
    out = [int(e.to_integral_value(rounding=ROUND_FLOOR)) for e in exact]
    left = amount - sum(out)
    order = sorted(range(len(weights)), key=lambda k: (out[k] - exact[k], k))
    for k in order:
        if left == 0:
            break
        if weights[k] > 0 and (caps is None or out[k] < caps[k]):
            out[k] += 1
            left -= 1
    assert left == 0, "cannot split within the caps"
    return out


def split_capped(amount, caps):
    """Split in proportion to `caps`, never above a cap (the part of a whole, unit by unit)."""
    assert amount <= sum(caps), (amount, caps)
    return split(amount, caps, caps)


def read_seed():
    """The seed's lines, and the form section's value rows: {(form, stt): (line index, cells)}."""
    lines = open(SEED, encoding="utf-8").read().split("\n")
    start = next(k for k, l in enumerate(lines) if l.startswith("Biểu mẫu số 01"))
    rows = {}
    form = None
    for k in range(start, len(lines)):
        l = lines[k]
        if l.startswith("Biểu mẫu số "):
            form = int(l.split()[-1])
            continue
        cells = l.split("\t")
        if len(cells) >= 4 and cells[0].rstrip(".").replace(".", "").isdigit():
            rows[(form, cells[0].rstrip("."))] = (k, cells)
    return lines, start, rows


def main():
    catalogue = json.load(open(CATALOGUE, encoding="utf-8"))
    batch = catalogue["batch"]
    lines, start, rows = read_seed()
    spec = {f["number"]: f for f in catalogue["forms"]}
    unit_of = {(f, r["stt"]): r["unit"] for f in spec for r in spec[f]["rows"]}

    def kind(cell):
        unit = unit_of.get(cell, "").strip().lower()
        if unit == "%":
            return "percent"
        if "=" in unit:
            return "code"
        if unit == "":
            return None
        return "count"

    sums, wholes, ratios = {}, {}, {}
    for f, form in spec.items():
        for r in form["rules"]:
            if r["kind"] == "sum":
                sums[(f, r["total"])] = [(f, p) for p in r["parts"]]
            elif r["kind"] == "ratio":
                ratios[(f, r["result"])] = ((f, r["numerator"]), (f, r["denominator"]))
                wholes.setdefault((f, r["numerator"]), (f, r["denominator"]))
            elif r["kind"] == "at_most":
                for p in r["parts"]:
                    wholes.setdefault((f, p), ((f, r["whole"]), [(f, q) for q in r["parts"]]))
    # A ratio's numerator is one part of its denominator.
    wholes = {
        p: (w if isinstance(w, tuple) and isinstance(w[1], list) else (w, [p]))
        for p, w in wholes.items()
    }

    def province(cell):
        return parse_vi(rows[cell][1][3])

    def derive(values, base):
        """Fills `values` (cell → per-unit list) for every count cell, by `base(cell)`."""

        def resolve(cell):
            if cell in values:
                return values[cell]
            if cell in sums:
                parts = [resolve(p) for p in sums[cell]]
                values[cell] = [sum(x) for x in zip(*parts)]
            elif cell in wholes:
                whole, siblings = wholes[cell]
                caps = list(resolve(whole))
                for s in siblings:
                    if s == cell:
                        break
                    caps = [c - x for c, x in zip(caps, resolve(s))]
                values[cell] = base(cell, caps)
            else:
                values[cell] = base(cell, None)
            return values[cell]

        for cell in rows:
            if kind(cell) == "count":
                resolve(cell)
        return values

    # Quý III: the province's figures split.
    def q3_base(cell, caps):
        amount = int(province(cell))
        return split_capped(amount, caps) if caps is not None else split(amount, WEIGHTS)

    q3 = derive({}, q3_base)
    for cell, parts in sums.items():
        assert sum(q3[cell]) == province(cell), cell

    # Quý II: from each unit's Quý III figures.
    def nature(cell):
        f, stt = cell
        indicator = next(r["indicator"] for r in spec[f]["rows"] if r["stt"] == stt).lower()
        has = lambda text, words: any(w in text for w in words)
        if has(indicator, batch["cumulative_words"]):
            return "cumulative"
        unit = unit_of[cell].strip().lower()
        if has(indicator, batch["stock_words"]) or (
            unit in batch["stock_units"] and not has(indicator, batch["flow_words"])
        ):
            return "stock"
        parents = [r["indicator"].lower() for r in spec[f]["rows"]
                   if stt.startswith(r["stt"] + ".")]
        return "cumulative" if any(has(p, batch["cumulative_words"]) for p in parents) else "flow"

    def q2_base(cell, caps):
        share = {"stock": Decimal(1), "cumulative": Decimal("0.6"), "flow": Decimal("0.9")}[
            nature(cell)
        ]
        out = [int((Decimal(v) * share).to_integral_value(rounding=ROUND_FLOOR)) for v in q3[cell]]
        if caps is not None:
            out = [min(v, c) for v, c in zip(out, caps)]
        return out

    q2 = derive({}, q2_base)

    def value(values, cell, u):
        k = kind(cell)
        if k == "count":
            return print_vi(Decimal(values[cell][u]))
        if k == "percent" and cell in ratios:
            n, d = ratios[cell]
            num, den = values[n][u], values[d][u]
            if den == 0:
                return ""  # 0/0: left empty, as the checker advises, not 0
            if num == 0:
                return "0"
            if num == den:
                return "100"
            return print_vi(Decimal(num) * 100 / Decimal(den), 2)
        return rows[cell][1][3]

    def report(values, u, period):
        name = UNITS[u]
        head = []
        if name.startswith("Sở"):
            head.append("UBND TỈNH KHÁNH HÒA")
        head += [
            name,
            "",
            "BÁO CÁO",
            f"Tình hình, kết quả thực hiện công tác cải cách hành chính {period}",
            "",
            "(Báo cáo tạo tự động để kiểm thử bởi scripts/make-unit-fixtures.py từ báo cáo "
            "của tỉnh; không phải số liệu thật của đơn vị.)",
            "",
        ]
        by_line = {k: cell for cell, (k, _) in rows.items()}
        body = []
        for k in range(start, len(lines)):
            l = lines[k]
            cells = l.split("\t")
            if k in by_line:
                cell = by_line[k]
                cells = cells[:3] + [value(values, cell, u)] + [""] * (len(cells) > 4)
                body.append("\t".join(cells))
            elif len(cells) >= 4 and cells[0] == "" and cells[1] == "" and cells[-1].strip():
                continue  # a note's continuation after a page break
            else:
                body.append(l)
        return "\n".join(head + body).rstrip("\n") + "\n"

    for folder, values, period in [("q3-2024", q3, "Quý III/2024"), ("q2-2024", q2, "Quý II/2024")]:
        path = os.path.join(OUT, folder)
        os.makedirs(path, exist_ok=True)
        for old in os.listdir(path):
            os.remove(os.path.join(path, old))
        for u, name in enumerate(UNITS):
            with open(os.path.join(path, f"{u + 1:02d}-{slug(name)}.txt"), "w", encoding="utf-8") as f:
                f.write(report(values, u, period))
    print(f"{len(UNITS)} units × 2 quarters written to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
