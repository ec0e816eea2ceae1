from __future__ import annotations

import pytest
from offline import external_references
from scripted import findings, history

from lstm_doctor.errors import ArtifactError
from lstm_doctor.reporting.report import (
    MAX_BYTES,
    forecast_report,
    log_report,
    sequence_report,
    write_report,
)

SECTIONS = (
    "verdict",
    "curves",
    "forecast",
    "errors",
    "baselines",
    "audit",
    "diagnosis",
    "reproducibility",
)


@pytest.mark.slow
def test_fit_report_has_every_section_is_small_and_offline(fitted, tmp_path) -> None:
    forecaster, path = fitted
    html = forecast_report(forecaster, data=path)
    for key in SECTIONS:
        assert f'id="{key}"' in html, key
    assert html.count("<svg") >= 8
    assert external_references(html) == []
    assert forecaster.provenance_["data"]["sha256"] in html
    size = write_report(tmp_path / "r.html", html).stat().st_size
    assert 20_000 < size < 1_000_000  # a few hundred KB at most for this small run


@pytest.mark.slow
def test_without_data_the_forecast_sections_say_how_to_get_them(fitted) -> None:
    forecaster, _ = fitted
    html = forecast_report(forecaster, data=None, data_note="pass --data FILE")
    assert 'id="forecast"' in html and "pass --data FILE" in html
    assert 'id="errors"' not in html and 'id="audit"' not in html


def test_offline_check_catches_every_kind_of_external_reference() -> None:
    page = (
        '<html><head><link rel="stylesheet" href="https://cdn.x/a.css">'
        "<style>@import 'https://x/b.css'; body{background:url(http://x/c.png)}</style>"
        '<script src="//x/d.js"></script></head><body><img src="e.png">'
        '<a href="#ok">ok</a><svg xmlns="http://www.w3.org/2000/svg"><image '
        'xlink:href="http://x/f.png"/></svg><div style="background:url(g.png)"></div>'
        '<g clip-path="url(#local)"></g>'
        "</body></html>"
    )
    found = external_references(page)
    for url in (
        "https://cdn.x/a.css",
        "https://x/b.css",
        "http://x/c.png",
        "//x/d.js",
        "e.png",
        "http://x/f.png",
        "g.png",
        "<script>",
        "<link>",
        "<img>",
    ):
        assert url in found, url
    assert "#ok" not in found and "#local" not in found
    assert "http://www.w3.org/2000/svg" not in found  # a namespace, not a request


def test_sequence_and_log_reports() -> None:
    h = history(10)
    for row in h.rows:
        row["val_accuracy"] = 0.1 * row["epoch"] / 1.1
    metrics = {
        "test": {"accuracy": 0.9, "confusion_matrix": [[4, 1], [0, 5]]},
        "val": {"accuracy": 0.8},
        "baselines": {"majority": {"val": {"accuracy": 0.4}, "test": {"accuracy": 0.5}}},
    }
    html = sequence_report(h, metrics, [], task="classify", classes=["a", "b"])
    assert "beats the majority baseline on test: accuracy 0.9000 vs 0.5000" in html
    assert 'id="classes"' in html
    assert "val accuracy" in html and external_references(html) == []
    html = log_report(history(8, val=False, nan_epoch=2), findings(), "keras.json")
    assert 'id="curves"' in html and 'id="diagnosis"' in html and "keras.json" in html
    assert 'id="forecast"' not in html


def test_write_report_is_atomic_and_refuses_more_than_5_mb(tmp_path) -> None:
    target = tmp_path / "deep" / "r.html"
    write_report(target, "<html></html>")
    assert target.read_text() == "<html></html>"
    with pytest.raises(ArtifactError, match="above the 5 MB limit"):
        write_report(target, "x" * (MAX_BYTES + 1))
    assert target.read_text() == "<html></html>"
    assert [p.name for p in target.parent.iterdir()] == ["r.html"]
