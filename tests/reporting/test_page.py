from __future__ import annotations

import math

from lstm_doctor.reporting.page import Section, esc, fmt, raw, render_page, table


def test_fmt_and_esc() -> None:
    assert fmt(None) == "–" and fmt(math.nan) == "–" and fmt(math.inf) == "–"
    assert fmt(0.12345) == "0.1235" and fmt(1234567.0) == "1.235e+06" and fmt(1e-5) == "1.000e-05"
    assert fmt(14400) == "14,400" and fmt(True) == "yes"
    assert esc('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"


def test_table_escapes_text_but_not_raw_cells() -> None:
    html = table(["model", "mse"], [["<b>", 0.5], [raw("<i>ok</i>"), None]])
    assert "&lt;b&gt;" in html and "<i>ok</i>" in html and "0.5000" in html and "–" in html


def test_page_is_one_document_with_sections_in_order() -> None:
    html = render_page(
        "T <1>",
        "sub",
        [Section("verdict", "Verdict", "<p>v</p>"), Section("curves", "Curves", "<p>c</p>")],
        "foot",
    )
    assert html.startswith("<!DOCTYPE html>") and html.count("<html") == 1
    assert "T &lt;1&gt;" in html and html.index('id="verdict"') < html.index('id="curves"')
    assert '<a href="#curves">' in html and '<a href="#verdict">' not in html
    assert "<script" not in html and "<style>" in html
