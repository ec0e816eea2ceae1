"""Score ``lstm-doctor diagnose`` on the corpus of real framework logs; print ONE JSON line.

    .venv/bin/python benchmarks/diagnosis_corpus/evaluate.py --split heldout

Each log is diagnosed the way a user does it, ``lstm-doctor diagnose LOG --json`` (run
in-process), and its primary finding is compared with the run's rule-based label
(``labels.py``; ``manifest.json``). A primary finding is right when it names the label or
the ``acceptable`` second label (``unstable`` also accepts ``diverging``). "Harmful" counts
a ``good_fit`` verdict on a run labelled overfitting, unstable or underfitting.

``--split dev`` is where the diagnosis was tuned first; ``--split heldout`` was measured
after that, then tuned on too, so ``--split all`` (the 84 logs of ``corpus/``) is all
development data now. ``--split heldout2`` is the second held-out set
(``corpus_heldout/``, generated and frozen before the diagnosis saw it), measured once
(docs/diagnosis_corpus.md), then tuned on too: ``--split dev180`` is both (180 logs),
all development data since. ``--split heldout3`` is the third held-out set
(``corpus_heldout3/``, generated and frozen while the diagnosis was tuned on the other two),
measured once (73/92), then tuned on too: ``--split dev272`` is all three (272 logs), all
development data since. ``--split heldout4`` is the fourth (``corpus_heldout4/``, generated
and frozen after the third was measured, before the diagnosis saw it), measured once
(81/96), then tuned on too: ``--split dev368`` is all four (368 logs), all development data
since. ``--split heldout5`` is the fifth (``corpus_heldout5/``, 120 logs, generated and
frozen while the diagnosis was tuned on dev368, before the diagnosis saw it), measured once
(109/120), then tuned on too: ``--split dev488`` is all five (488 logs). ``--split heldout6``
is the sixth (``corpus_heldout6/``, 200 logs, generated and frozen after the fifth became
development data, before the diagnosis saw it), measured once (176/200); ``--split dev688``
is all six, for whatever is decided next. ``--split heldout7`` is the seventh
(``corpus_heldout7/``, generated and frozen after the sixth was measured, before the
diagnosis saw it, the diagnosis code unchanged since the sixth), measured once (124/140);
``--split dev828`` is all seven. ``--split heldout8`` is the eighth (``corpus_heldout8/``,
generated and frozen after the seventh was measured, before the diagnosis saw it), measured
once (125/143): ``--split dev971`` is all eight. ``--split heldout9`` is the ninth
(``corpus_heldout9/``, generated and frozen after the eighth was frozen, before the change
decided on dev971 was measured), measured once (120/150); ``--split dev1121`` is all nine.
``--split heldout10`` is the tenth (``corpus_heldout10/``, generated and frozen after the
ninth was measured, before the diagnosis saw it), measured once (123/140); ``--split
dev1261`` is all ten. ``--split heldout11`` is the eleventh (``corpus_heldout11/``,
generated and frozen after the tenth was measured, before the change decided on dev1261
was committed), measured once (121/148); ``--split dev1409`` is all eleven.
Every figure also comes split by the label margin
(``label_margin.py``): clear labels and borderline ones.
``--fit-calibration`` fits the confidence mapping of ``lstm_doctor.diagnosis.calibration`` on
the dev split (raw confidences, every curve finding, right when its kind is among the rules
that fired on the run) and prints it; ``--fit-on dev272`` fits it on every development log
instead.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from lstm_doctor.diagnosis.calibration import CURVE_KINDS  # the kinds a curve finding has

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or imported
from label_margin import borderline_thresholds

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "diagnosis" / "corpus"
HELDOUT_SETS = {
    "heldout2": CORPUS.parent / "corpus_heldout",
    **{f"heldout{k}": CORPUS.parent / f"corpus_heldout{k}" for k in range(3, 12)},
}
# Every log up to a held-out set, once that set had been measured: split -> (the split
# before it, the set). dev180..dev488 were tuned on; dev688 and later are measured sets too.
DEVELOPMENT = {
    "dev180": ("all", "heldout2"),
    "dev272": ("dev180", "heldout3"),
    "dev368": ("dev272", "heldout4"),
    "dev488": ("dev368", "heldout5"),
    "dev688": ("dev488", "heldout6"),
    "dev828": ("dev688", "heldout7"),
    "dev971": ("dev828", "heldout8"),
    "dev1121": ("dev971", "heldout9"),
    "dev1261": ("dev1121", "heldout10"),
    "dev1409": ("dev1261", "heldout11"),
}
HARMFUL = ("overfitting", "unstable", "underfitting")
# Label -> finding kinds that name it.
ACCEPTS = {"unstable": ("unstable", "diverging")}


def accepted(entry: dict[str, Any]) -> set[str]:
    kinds: set[str] = set()
    for label in (entry["label"], entry.get("acceptable")):
        if label:
            kinds.update(ACCEPTS.get(label, (label,)))
    return kinds


def finding_right(kind: str, entry: dict[str, Any]) -> bool:
    """A (not necessarily primary) finding agrees with some rule that fired on the run."""
    fired = set(entry["rules_fired"])
    if kind == "good_fit":
        return fired == {"good_fit"}
    return any(kind in ACCEPTS.get(rule, (rule,)) for rule in fired if rule != "good_fit")


def load(split: str) -> list[dict[str, Any]]:
    if split in HELDOUT_SETS:
        return json.loads((HELDOUT_SETS[split] / "manifest.json").read_text())
    if split in DEVELOPMENT:
        before, added = DEVELOPMENT[split]
        return load(before) + load(added)
    manifest = json.loads((CORPUS / "manifest.json").read_text())
    if split == "all":
        return manifest
    ids = set(json.loads((CORPUS / "split.json").read_text())[split])
    return [e for e in manifest if e["id"] in ids]


def root_of(entry: dict[str, Any]) -> Path:
    """The corpus directory an entry's ``path`` is relative to: ``hK-...`` ids are the K-th
    set's, the others ``corpus/``'s."""
    match = re.match(r"h(\d+)-", entry["id"])
    return HELDOUT_SETS[f"heldout{match.group(1)}"] if match else CORPUS


def diagnose_all(
    entries: list[dict[str, Any]], *, with_baseline: bool = False
) -> list[dict[str, Any]]:
    """``lstm-doctor diagnose --json`` on each entry's log: its findings (or the error).

    ``with_baseline``: pass the trivial predictor's training loss the generator recorded
    (``label_baseline``, in the log's units) as ``--baseline-loss``, where there is one above
    zero: what a user who knows that number can give the diagnosis."""
    from typer.testing import CliRunner

    from lstm_doctor.cli import app

    runner = CliRunner()
    out = []
    for entry in entries:
        command = ["diagnose", str(root_of(entry) / entry["path"]), "--json"]
        baseline = entry.get("label_baseline")
        if with_baseline and baseline is not None and baseline > 0:
            command += ["--baseline-loss", repr(float(baseline))]
        result = runner.invoke(app, command)
        if result.exit_code != 0:
            out.append({"error": (result.output or repr(result.exception)).strip()[:200]})
            continue
        out.append(json.loads(result.stdout))
    return out


def score(entries: list[dict[str, Any]], results: list[dict[str, Any]]) -> dict[str, Any]:
    rows = []
    for entry, result in zip(entries, results, strict=True):
        findings = result.get("diagnosis") or []
        primary = findings[0]["kind"] if findings else result.get("error", "none")[:40]
        rows.append(
            {
                "id": entry["id"],
                "label": entry["label"],
                "framework": entry["framework"],
                "format": entry["format"],
                "primary": primary,
                "confidence": findings[0]["confidence"] if findings else None,
                "right": primary in accepted(entry),
                "harmful": entry["label"] in HARMFUL and primary == "good_fit",
                "borderline": borderline_thresholds(entry),
            }
        )

    def share(subset: list[dict[str, Any]]) -> dict[str, Any]:
        right = sum(r["right"] for r in subset)
        return {"n": len(subset), "right": right, "accuracy": round(right / len(subset), 3)}

    by: dict[str, dict[str, list]] = {"label": defaultdict(list), "framework": defaultdict(list)}
    for r in rows:
        by["label"][r["label"]].append(r)
        by["framework"][r["framework"]].append(r)
    confusion: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        confusion[r["label"]][r["primary"]] += 1
    # "cannot judge" (still improving, too jumpy to read, or a log it could not read) is an
    # abstention: wrong for the accuracy above, shown apart so a reader can see what the
    # verdicts given were worth.
    judged = [r for r in rows if r["primary"] != "cannot_judge"]
    # A label that moving one threshold by a quarter of its effect size would change
    # (label_margin.py) is borderline: the rest are clear, where the answer key is sharp.
    clear = [r for r in rows if not r["borderline"]]
    borderline = [r for r in rows if r["borderline"]]
    return {
        "overall": share(rows) if rows else {"n": 0},
        "harmful_good_fit": sum(r["harmful"] for r in rows),
        "abstained": len(rows) - len(judged),
        "accuracy_when_judged": share(judged) if judged else {"n": 0},
        "clear_labels": share(clear) if clear else {"n": 0},
        "borderline_labels": share(borderline) if borderline else {"n": 0},
        "harmful_on_clear_labels": sum(r["harmful"] for r in clear),
        "per_label": {k: share(v) for k, v in sorted(by["label"].items())},
        "per_framework": {k: share(v) for k, v in sorted(by["framework"].items())},
        "confusion": {k: dict(v) for k, v in sorted(confusion.items())},
        "wrong": [
            f"{r['id']}: {r['label']} -> {r['primary']}"
            + (f" (borderline: {', '.join(r['borderline'])})" if r["borderline"] else "")
            for r in rows
            if not r["right"]
        ],
        "reliability": reliability(entries, results),
    }


def curve_findings(entries, results):
    """(confidence, right) for every curve finding of every run."""
    pairs = []
    for entry, result in zip(entries, results, strict=True):
        for f in result.get("diagnosis") or []:
            if f["kind"] in CURVE_KINDS:
                raw = f["evidence"].get("raw_confidence", f["confidence"])
                pairs.append((f["confidence"], raw, finding_right(f["kind"], entry)))
    return pairs


def reliability(entries, results) -> list[dict[str, Any]]:
    """How often a curve finding with each calibrated confidence agrees with the rules: a
    row per step of ``calibration.TABLE`` (every curve finding's confidence is one of them)."""
    pairs = curve_findings(entries, results)
    table = []
    for value in sorted({round(c, 3) for c, _, _ in pairs}):
        inside = [ok for c, _, ok in pairs if round(c, 3) == value]
        table.append(
            {
                "confidence": value,
                "findings": len(inside),
                "share_right": round(sum(inside) / len(inside), 3),
            }
        )
    return table


def isotonic(points: list[tuple[float, bool]]) -> list[tuple[float, float]]:
    """Pool-adjacent-violators: a non-decreasing step map raw -> share right.

    Returns ``[(raw_upper, calibrated, findings), ...]`` by increasing raw confidence.
    """
    tied: dict[float, list[float]] = {}
    for raw, ok in points:  # equal raw confidences form one point
        tied.setdefault(round(raw, 3), [0.0, 0.0])
        tied[round(raw, 3)][0] += float(ok)
        tied[round(raw, 3)][1] += 1.0
    blocks: list[list[float]] = []  # [sum_right, count, raw_upper]
    for raw in sorted(tied):
        blocks.append([tied[raw][0], tied[raw][1], raw])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, n, upper = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += n
            blocks[-1][2] = upper
    return [(round(b[2], 4), round(b[0] / b[1], 3), int(b[1])) for b in blocks]


def main() -> None:
    parser = argparse.ArgumentParser()
    splits = ("dev", "heldout", "all", *HELDOUT_SETS, *DEVELOPMENT)
    parser.add_argument("--split", choices=splits, default="heldout")
    parser.add_argument("--fit-calibration", action="store_true")
    parser.add_argument(
        "--fit-on", choices=splits, default="dev", help="the split --fit-calibration fits on"
    )
    parser.add_argument("--verbose", action="store_true", help="every run's verdict on stderr")
    parser.add_argument(
        "--with-baseline",
        action="store_true",
        help="give each log's trivial-predictor loss to the diagnosis (--baseline-loss)",
    )
    args = parser.parse_args()
    import torch

    torch.set_num_threads(1)
    entries = load(args.fit_on if args.fit_calibration else args.split)
    started = time.time()
    results = diagnose_all(entries, with_baseline=args.with_baseline)
    if args.fit_calibration:
        pairs = [(raw, ok) for _, raw, ok in curve_findings(entries, results)]
        table = isotonic(pairs)
        print(json.dumps({"split": args.fit_on, "findings": len(pairs), "table": table}))
        return
    report = {
        "benchmark": "diagnosis_corpus",
        "split": args.split,
        "baseline_given": args.with_baseline,
        **score(entries, results),
        "seconds": round(time.time() - started, 2),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "note": "shared machine",
    }
    if args.verbose:
        for entry, result in zip(entries, results, strict=True):
            kinds = [(f["kind"], f["confidence"]) for f in result.get("diagnosis") or []]
            print(entry["id"], entry["label"], entry.get("acceptable"), kinds, file=sys.stderr)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
