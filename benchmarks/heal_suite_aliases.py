"""Is a heal-suite series the same data as another under a new name?

A held-out series that is an earlier one renamed, rescaled or cut out of it (Seatbelts[drivers]
was the dev suite's UKDriverDeaths) is not held out. This check reads only the raw values, no
model and no split: for every pair of series (every suite of ``heal_suite.py``, or the
``--suite`` given against all the others and itself), it looks for a ``--window``-value stretch
of one that is proportional to a stretch of the other (same values up to a factor, to
``--tolerance`` relative), and, with ``--affine``, equal up to a factor and an offset (a change
of units with a zero shift, such as Fahrenheit to Celsius). Windows with no variation are
skipped: any two constant stretches are proportional.

    python benchmarks/heal_suite_aliases.py [--suite fresh2] [--window 12] [--affine]

Prints one line per pair with an alias (the stretches' starts and the factor) and a summary;
exits 1 when an alias is found.
"""

from __future__ import annotations

import argparse
import itertools
import sys

import numpy as np

from heal_suite import SUITES, load


def windows(values: np.ndarray, width: int, centre: bool) -> tuple[np.ndarray, np.ndarray]:
    """Unit-length stretches of ``values`` (centred first with ``centre``) and their starts;
    stretches with no variation are left out."""
    stretches = np.lib.stride_tricks.sliding_window_view(values, width).astype("float64")
    if centre:
        stretches = stretches - stretches.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(stretches, axis=1)
    keep = (np.ptp(stretches, axis=1) > 0) & (norms > 0)
    return stretches[keep] / norms[keep, None], np.flatnonzero(keep)


def aliases(a: np.ndarray, b: np.ndarray, width: int, tolerance: float, centre: bool) -> list:
    """(start in a, start in b, factor) for each pair of proportional stretches."""
    unit_a, start_a = windows(a, width, centre)
    unit_b, start_b = windows(b, width, centre)
    if len(unit_a) == 0 or len(unit_b) == 0:
        return []
    # Proportional stretches have unit vectors equal up to sign: |cosine| = 1. The cosine is
    # a screen; each hit is confirmed on the raw values with the least-squares factor.
    cosine = np.abs(unit_a @ unit_b.T)
    found = []
    for i, j in zip(*np.nonzero(cosine > 1 - tolerance), strict=True):
        x = a[start_a[i] : start_a[i] + width].astype("float64")
        y = b[start_b[j] : start_b[j] + width].astype("float64")
        if centre:
            x, y = x - x.mean(), y - y.mean()
        factor = float(x @ y / (y @ y))
        if np.max(np.abs(x - factor * y)) <= tolerance * np.max(np.abs(x)):
            found.append((int(start_a[i]), int(start_b[j]), factor))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--suite",
        choices=tuple(SUITES),
        default=None,
        help="check this suite against every series; default: all pairs",
    )
    parser.add_argument("--window", type=int, default=12)
    parser.add_argument("--tolerance", type=float, default=1e-6, help="relative")
    parser.add_argument("--affine", action="store_true", help="also allow an offset")
    args = parser.parse_args()

    series = {}
    for suite, members in SUITES.items():
        for name, (item, column, *_) in members.items():
            series[f"{suite}/{name}"] = load(item, column)["y"].to_numpy()
    names = list(series)
    pairs = [
        (x, y)
        for x, y in itertools.combinations(names, 2)
        if args.suite is None or args.suite in (x.split("/")[0], y.split("/")[0])
    ]
    modes = [False, True] if args.affine else [False]
    hits = 0
    for x, y in pairs:
        for centre in modes:
            found = aliases(series[x], series[y], args.window, args.tolerance, centre)
            if found:
                hits += 1
                start_x, start_y, factor = found[0]
                kind = "affine" if centre else "proportional"
                print(
                    f"ALIAS ({kind}) {x}[{start_x}:] ~ {factor:.6g} * {y}[{start_y}:] "
                    f"({len(found)} stretches)"
                )
    print(
        f"{len(names)} series, {len(pairs)} pairs, window {args.window}, tolerance "
        f"{args.tolerance:g}, {'proportional and affine' if args.affine else 'proportional'}:"
        f" {hits} with an alias"
    )
    sys.exit(1 if hits else 0)


if __name__ == "__main__":
    main()
