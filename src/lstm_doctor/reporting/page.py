"""The HTML shell of a report: one file, styles inline, figures inline, no script, no fonts
or images from anywhere. Sections are ``Section`` values rendered in order."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Section", "esc", "figure", "fmt", "raw", "render_page", "table"]

_CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;
background:#f6f6f4}
main{max-width:980px;margin:0 auto;padding:20px 24px 48px;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid
#ddd;padding-bottom:4px}h3{font-size:14px;margin:16px 0 6px}
.sub{color:#555;margin:0 0 14px}
.card{border:2px solid #111;border-radius:6px;padding:12px 16px;margin:12px 0}
.card.bad{border-color:#D55E00;background:#fff6f0}.card.good{border-color:#009E73;
background:#f0fbf6}.card.info{border-color:#0072B2;background:#f2f7fc}
.card .big{font-size:18px;font-weight:600;margin:0 0 6px}
.card p{margin:4px 0}
table{border-collapse:collapse;margin:6px 0 10px;font-size:13px}
th,td{border-bottom:1px solid #e3e3e3;padding:3px 10px;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}th{background:#f3f3f3;font-weight:600}
td.l,th.l{text-align:left}
.kept{color:#00744f;font-weight:600}.reverted{color:#a33f00}
svg.fig{width:100%;height:auto;display:block;margin:4px 0 2px}
figcaption,.cap{color:#555;font-size:12px;margin:0 0 12px}
.sev-critical{color:#a33f00;font-weight:600}.sev-warning{color:#7a5a00;font-weight:600}
.sev-info{color:#0b5a91}
nav{font-size:12px;color:#555;margin:0 0 8px}nav a{color:#0b5a91;margin-right:10px}
footer{margin-top:32px;border-top:1px solid #ddd;padding-top:8px;font-size:12px;color:#444}
code{font-size:12px;background:#f3f3f3;padding:0 3px;border-radius:3px;word-break:break-all}
ul{margin:4px 0 8px;padding-left:20px}
@media print{body{background:#fff}main{max-width:none}}
"""


@dataclass(frozen=True)
class Section:
    """A part of the report: ``key`` (the element id), a title and its HTML body."""

    key: str
    title: str
    body: str


def esc(value: Any) -> str:
    """Text for HTML (everything a user or a log wrote goes through here)."""
    return html.escape(str(value), quote=True)


def fmt(value: Any, digits: int = 4) -> str:
    """A number for a table: 4 significant decimals, '–' for missing or non-finite."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return "–"
        if value != 0 and (abs(value) >= 1e5 or abs(value) < 1e-3):
            return f"{value:.3e}"
        return f"{value:.{digits}f}"
    return esc(value)


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], left: int = 1) -> str:
    """An HTML table; the first ``left`` columns are left-aligned text, the rest numbers."""
    head = "".join(
        f'<th class="l">{esc(h)}</th>' if k < left else f"<th>{esc(h)}</th>"
        for k, h in enumerate(header)
    )
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="l">{c if isinstance(c, _Raw) else esc(c)}</td>'
            if k < left
            else f"<td>{c if isinstance(c, _Raw) else fmt(c)}</td>"
            for k, c in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


class _Raw(str):
    """HTML that ``table`` must not escape (already escaped by its maker)."""


def raw(text: str) -> str:
    return _Raw(text)


def figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{esc(caption)}</figcaption></figure>"


def render_page(title: str, subtitle: str, sections: Sequence[Section], footer: str) -> str:
    """The whole document."""
    links = "".join(
        f'<a href="#{esc(s.key)}">{esc(s.title)}</a>' for s in sections if s.key != "verdict"
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body><main>",
        f'<h1>{esc(title)}</h1><p class="sub">{esc(subtitle)}</p>',
        f"<nav>{links}</nav>",
    ]
    for section in sections:
        heading = "" if section.key == "verdict" else f"<h2>{esc(section.title)}</h2>"
        parts.append(f'<section id="{esc(section.key)}">{heading}{section.body}</section>')
    parts.append(f'<footer id="reproducibility">{footer}</footer></main></body></html>')
    return "\n".join(parts)
