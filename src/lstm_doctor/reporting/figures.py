"""Figures as inline SVG text: matplotlib's SVG backend, no Agg, no pyplot, no files.

Why SVG through matplotlib: it is the plotting library ML engineers already have, its SVG
backend needs no compiled renderer and no browser, and an SVG string drops straight into
one HTML file that works offline. Text is kept as ``<text>`` (``svg.fonttype = "none"``)
rather than drawn as glyph outlines (``"path"``): a figure stays a few KB instead of tens,
and the text stays selectable and searchable; the price is that the reader's sans-serif
font is used. Ids are salted with a constant, so the same run gives the same bytes.

Colours are Okabe–Ito (safe for the common colour-blind types) and every series also has
its own line style, so each figure still reads in greyscale.
"""

from __future__ import annotations

import io
import itertools
import math
import re
from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

__all__ = [
    "COLORS",
    "MAX_POINTS",
    "STYLES",
    "decimate",
    "decimation_note",
    "log_scale_wanted",
    "new_figure",
    "note",
    "plain_log_ticks",
    "to_svg",
]

# Okabe & Ito (2008): black, blue, vermillion, bluish green, orange, reddish purple, sky blue.
COLORS = ("#000000", "#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9")
STYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 2)), (0, (8, 2)))
GREY = "#777777"
MAX_POINTS = 1200  # per plotted line: enough for the eye at report width, small in bytes

_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "lstm-doctor",
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "legend.fontsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "lines.linewidth": 1.3,
    "path.simplify": True,
}


def new_figure(width: float = 7.5, height: float = 3.0, ncols: int = 1, nrows: int = 1):
    """A Figure (no pyplot, so no global state) and its axes; sizes in inches."""
    with mpl.rc_context(_RC):
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False)
    for ax in axes.flat:
        _style(ax)
    return fig, axes


def _style(ax) -> None:
    for name, value in (("top", False), ("right", False)):
        ax.spines[name].set_visible(value)
    ax.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def to_svg(fig: Figure) -> str:
    """The figure as an ``<svg>`` element (no XML prolog, no doctype), ready to inline."""
    buffer = io.StringIO()
    with mpl.rc_context(_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    start = text.find("<svg")
    svg = text[start:]
    # Let the page scale it to its column: drop the fixed size, keep the viewBox.
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    return svg.replace("<svg", '<svg role="img" class="fig"', 1)


def decimate(
    x: np.ndarray, y: np.ndarray, max_points: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """At most ``max_points`` points of a line, keeping each bucket's minimum and maximum.

    Plain striding would hide exactly the spikes a reader looks for; min/max per bucket
    keeps the envelope (the shape a plotted line has at this width anyway).
    """
    max_points = max_points or MAX_POINTS
    x, y = np.asarray(x), np.asarray(y, dtype=float)
    n = len(y)
    if n <= max_points:
        return x, y
    n_buckets = max(1, max_points // 2)
    edges = np.linspace(0, n, n_buckets + 1).astype(int)
    keep: list[int] = []
    for lo, hi in itertools.pairwise(edges):
        if hi <= lo:
            continue
        chunk = y[lo:hi]
        if np.all(np.isnan(chunk)):
            keep.append(lo)
            continue
        a, b = lo + int(np.nanargmin(chunk)), lo + int(np.nanargmax(chunk))
        keep.extend(sorted({a, b}))
    index = np.asarray(keep)
    return x[index], y[index]


def decimation_note(n_points: int, max_points: int | None = None) -> str | None:
    """The sentence a decimated figure carries (None when nothing was dropped)."""
    max_points = max_points or MAX_POINTS
    if n_points <= max_points:
        return None
    return (
        f"{n_points:,} points per line drawn as ~{max_points:,} "
        "(min and max of each bucket kept) to keep the file small"
    )


def log_scale_wanted(values: Sequence[float], decades: float = 1.0) -> bool:
    """True when the positive finite values span at least ``decades`` powers of ten."""
    finite = [v for v in values if isinstance(v, int | float) and math.isfinite(v) and v > 0]
    if len(finite) < 2:
        return False
    return math.log10(max(finite) / min(finite)) >= decades


def plain_log_ticks(ax, axis: str = "y") -> None:
    """Log-scale tick labels as plain numbers (0.2, 2, 20) instead of 2×10⁻¹."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    plain = FuncFormatter(lambda value, _: f"{value:g}")
    target.set_major_formatter(plain)
    target.set_minor_formatter(plain)


def note(ax, text: str | None) -> None:
    """A small grey note in the axes' top right corner (decimation, units caveats)."""
    if text:
        ax.text(
            0.99,
            0.99,
            text,
            transform=ax.transAxes,
            fontsize=6.5,
            color="#555555",
            ha="right",
            va="top",
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1},
        )
