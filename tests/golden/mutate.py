"""Inputs of the golden corpus made from real text (scripts/golden.sh): the example report with
one digit changed (400 places, each digit to the next, chosen by a fixed stride), slices of it
(100 windows of lines, so that forms and the narrative are cut in every place), and each source
of the narrative corpus as one text. Deterministic: the same files on every machine.

These are generated inputs for comparing two builds, not data: nothing here is presented as a
real report.
"""
import argparse
import json
import os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    with open(a.seed, encoding="utf-8") as f:
        seed = f.read()
    digits = [i for i, c in enumerate(seed) if c in "0123456789"]
    step = max(1, len(digits) // 400)
    for k, i in enumerate(digits[::step][:400]):
        d = str((int(seed[i]) + 1) % 10)
        with open(os.path.join(a.out, f"mutation-{k:03}.txt"), "w", encoding="utf-8") as f:
            f.write(seed[:i] + d + seed[i + 1:])
    lines = seed.split("\n")
    for k in range(100):
        start = k * len(lines) // 100
        end = min(len(lines), start + 40 + (k * 37) % 160)
        with open(os.path.join(a.out, f"slice-{k:03}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines[start:end]) + "\n")
    for name in sorted(os.listdir(a.corpus)):
        if not name.endswith(".jsonl"):
            continue
        texts = []
        with open(os.path.join(a.corpus, name), encoding="utf-8") as f:
            for line in f:
                item = json.loads(line)
                if "text" in item:
                    texts.append(item["text"])
        with open(os.path.join(a.out, f"corpus-{name[:-6]}.txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(texts) + "\n")


if __name__ == "__main__":
    main()
