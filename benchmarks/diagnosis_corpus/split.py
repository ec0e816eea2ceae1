"""Split the corpus ONCE, at random, into a development half and a held-out half.

    python3 benchmarks/diagnosis_corpus/split.py    # refuses to overwrite an existing split

Seeded, stratified by label (each label's runs shuffled and dealt alternately, so both
halves hold every label). The diagnosis is tuned on ``dev`` only; ``heldout`` is measured
once after tuning (docs/diagnosis_corpus.md).
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "diagnosis" / "corpus"
SEED = 12


def main() -> None:
    target = CORPUS / "split.json"
    if target.exists():
        sys.exit(f"{target} exists: the split is made once; delete it by hand to redo it.")
    manifest = json.loads((CORPUS / "manifest.json").read_text())
    rng = random.Random(SEED)
    by_label: dict[str, list[str]] = defaultdict(list)
    for entry in manifest:
        by_label[entry["label"]].append(entry["id"])
    dev, heldout = [], []
    flip = 0
    for label in sorted(by_label):
        ids = sorted(by_label[label])
        rng.shuffle(ids)
        for rid in ids:
            (dev if flip % 2 == 0 else heldout).append(rid)
            flip += 1
    split = {"seed": SEED, "dev": sorted(dev), "heldout": sorted(heldout)}
    target.write_text(json.dumps(split, indent=1) + "\n")
    print(json.dumps({"dev": len(dev), "heldout": len(heldout)}))


if __name__ == "__main__":
    main()
