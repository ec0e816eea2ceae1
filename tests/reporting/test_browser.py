"""A real browser opens the reports: headless Chromium loads the report of a real fit and of
a real heal, with every network name unresolvable, takes a screenshot and dumps the DOM.

Skips, saying why, where Chromium is not installed (``make test`` installs Debian's
``chromium`` package first, through scripts/ensure_chromium.sh, where it can).
"""

from __future__ import annotations

import json
import shutil
import subprocess

import numpy as np
import pytest

from lstm_doctor.reporting.run_report import forecaster_report_file

pytestmark = pytest.mark.slow

BROWSER = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
needs_browser = pytest.mark.skipif(
    BROWSER is None,
    reason="Chromium is not installed (make test installs Debian's chromium package through "
    "scripts/ensure_chromium.sh where it can)",
)


def open_in_chromium(page, tmp_path) -> tuple[str, str, list[str], np.ndarray]:
    """(DOM after load, Chromium's log, the page's network requests, screenshot pixels).

    Every host name resolves to nothing; Chromium's net log records every request, and the
    page's own are those whose network isolation key is the file:// page (Chromium's
    background requests to its own services are not the page's). ``--enable-logging=stderr
    --v=0`` puts console messages on stderr.
    """
    from matplotlib.image import imread

    common = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
              "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
              "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
              "--window-size=1000,2400"]  # fmt: skip
    url = page.resolve().as_uri()
    shot, net = tmp_path / f"{page.stem}.png", tmp_path / f"{page.stem}.net.json"
    run = subprocess.run([*common, f"--screenshot={shot}", f"--log-net-log={net}", url],
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    dom = subprocess.run([*common, "--dump-dom", url], capture_output=True, text=True,
                         timeout=120)  # fmt: skip
    assert dom.returncode == 0, dom.stderr[-2000:]
    return dom.stdout, run.stderr + dom.stderr, page_requests(net), imread(shot)


def page_requests(net_log) -> list[str]:
    """URLs the page itself asked for (not file:// or data:), from Chromium's net log."""
    events = json.loads(net_log.read_text()).get("events", [])
    found = set()
    for event in events:
        params = event.get("params") or {}
        url, key = params.get("url", ""), str(params.get("network_isolation_key", ""))
        if url and key.startswith("file://") and not url.startswith(("file:", "data:")):
            found.add(url)
    return sorted(found)


def assert_clean(log: str, requests: list[str]) -> None:
    """No console message (the page has no script: any message is a problem), no failed
    load, and no request to the network."""
    bad = [line for line in log.splitlines()
           if ":CONSOLE" in line or "Failed to load resource" in line]  # fmt: skip
    assert bad == []
    assert requests == []


def assert_not_blank(pixels: np.ndarray) -> None:
    grey = pixels[..., :3].mean(axis=-1)
    assert grey.shape[0] > 1000 and grey.std() > 0.05  # text, lines, cards: not one colour
    assert (grey < 0.3).mean() > 0.005  # dark ink (text and curves) on a light page


@needs_browser
def test_the_checks_catch_a_console_message_and_a_network_request(tmp_path) -> None:
    page = tmp_path / "bad.html"
    page.write_text('<html><body><img src="http://example.com/x.png">'
                    '<script>console.error("boom")</script>hi</body></html>')  # fmt: skip
    _, log, requests, _ = open_in_chromium(page, tmp_path)
    assert requests == ["http://example.com/x.png"]
    with pytest.raises(AssertionError):
        assert_clean(log, [])  # the console message alone fails it


@needs_browser
def test_chromium_renders_the_report_of_a_real_fit(fitted, tmp_path) -> None:
    forecaster, path = fitted
    page = forecaster_report_file(forecaster, tmp_path / "fit.html", data=path)
    dom, log, requests, pixels = open_in_chromium(page, tmp_path)
    for key in ("verdict", "curves", "forecast", "errors", "baselines", "audit", "diagnosis",
                "reproducibility"):  # fmt: skip
        assert f'id="{key}"' in dom, key
    assert dom.count("<svg") >= 8
    assert_clean(log, requests)
    assert_not_blank(pixels)


@needs_browser
def test_chromium_renders_the_report_of_a_real_heal(demo_frame, tmp_path) -> None:
    from lstm_doctor.api.forecast_heal import heal

    outcome = heal(demo_frame, "load", time="time", covariates="temperature", lookback=24,
                   horizon=6, epochs=2, batch_size=32, max_steps=2)  # fmt: skip
    page = outcome.forecaster.report(tmp_path / "heal.html", treatment=outcome.treatment())
    dom, log, requests, pixels = open_in_chromium(page, tmp_path)
    for key in ("verdict", "heal", "lr-find", "forecast", "diagnosis"):
        assert f'id="{key}"' in dom, key
    assert_clean(log, requests)
    assert_not_blank(pixels)
