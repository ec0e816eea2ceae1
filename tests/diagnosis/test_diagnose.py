from __future__ import annotations

import json
import math
import sys

import numpy as np
import pytest
from curve_histories import history, wobble
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_doctor.diagnosis.curves import RunContext
from lstm_doctor.diagnosis.diagnose import diagnose
from lstm_doctor.diagnosis.findings import Finding, Remedy
from lstm_doctor.history import History


def converged() -> History:
    h = History(stop_reason="early_stopping", best_epoch=8)
    train = np.r_[np.geomspace(1.0, 0.3, 8), [0.3] * 6]
    val = np.r_[np.geomspace(1.0, 0.32, 8), [0.321, 0.322, 0.321, 0.323, 0.322, 0.321]]
    for epoch, (t, v) in enumerate(zip(train, val, strict=True), start=1):
        h.append(epoch=epoch, train_loss=t, val_loss=v, lr=1e-3, grad_norm=1.0, seconds=0.1)
    return h


def test_a_clean_run_that_beats_the_baselines_is_a_good_fit() -> None:
    context = RunContext(baselines_val={"naive": 0.5}, model_val=0.32)
    diagnosis = diagnose(converged(), context)
    assert diagnosis.kinds() == ["good_fit"]
    assert diagnosis.primary.evidence["skill_val"] == round(1 - 0.32 / 0.5, 3)


def test_worse_than_naive_on_val_and_test() -> None:
    context = RunContext(
        baselines_val={"naive": 0.2, "mean": 1.0},
        baselines_test={"naive": 0.25, "mean": 1.0},
        model_val=0.32,
        model_test=0.4,
    )
    diagnosis = diagnose(converged(), context)
    finding = diagnosis.primary
    assert finding.kind == "worse_than_naive" and finding.severity == "critical"
    assert "validation and test" in finding.summary
    assert finding.evidence["ratio_val"] == 1.6 and finding.evidence["ratio_test"] == 1.6
    assert "good_fit" not in diagnosis.kinds()


def test_a_data_finding_blocks_the_good_fit_verdict() -> None:
    leak = Finding("leakage", "critical", "leak", {"check": "prescaled_file"})
    diagnosis = diagnose(converged(), RunContext(), [leak])
    assert diagnosis.kinds() == ["leakage"]


def test_beating_naive_on_val_but_not_on_test_is_reported() -> None:
    context = RunContext(
        baselines_val={"naive": 0.07}, baselines_test={"naive": 0.034},
        model_val=0.056, model_test=0.062,
    )  # fmt: skip
    finding = diagnose(converged(), context).primary
    assert finding.kind == "worse_than_naive"
    assert (
        "worse than naive on test" in finding.summary and "test period differs" in finding.summary
    )
    assert finding.evidence["ratio_test"] == round(0.062 / 0.034, 3)


def test_a_remedy_the_run_already_uses_is_not_offered_again() -> None:
    shift = Finding(
        "distribution_shift",
        "warning",
        "distribution shift: target 'y' in test sits 1.3 training SDs below its mean",
        {"split": "test"},
        (
            Remedy({"normalization": "revin"}, "Normalize each window (RevIN)."),
            Remedy({"normalization": "last_value"}, "Or forecast the change from the last value."),
        ),
    )
    context = RunContext(baselines_val={"naive": 0.5}, model_val=0.32,
                         settings={"normalization": "revin"})  # fmt: skip
    finding = next(f for f in diagnose(converged(), context, [shift]).findings
                   if f.kind == "distribution_shift")  # fmt: skip
    assert [r.change for r in finding.remedies] == [{"normalization": "last_value"}]
    assert finding.remedies[0].reason == "Forecast the change from the last value."
    assert finding.evidence["already_in_effect"] == ["normalization=revin"]
    # Without the setting in effect, both remedies stay as they were.
    plain = next(f for f in diagnose(converged(), RunContext(), [shift]).findings
                 if f.kind == "distribution_shift")  # fmt: skip
    assert plain.remedies == shift.remedies and "already_in_effect" not in plain.evidence


# --------------------------------------------------------------------------- never raises
_LOSS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.sampled_from([0.0, -1.0, 1e300, -1e300, 1e-300, math.nan, math.inf, -math.inf]),
)


def _history(train: list[float], val: list[float] | None, stop: str | None) -> History:
    h = History(stop_reason=stop)
    for epoch, t in enumerate(train, start=1):
        row = {"epoch": epoch, "train_loss": t}
        if val is not None:
            row["val_loss"] = val[(epoch - 1) % len(val)] if val else math.nan
        h.append(**row)
    return h


@settings(max_examples=300, deadline=None)
@given(
    train=st.lists(_LOSS, max_size=40),
    val=st.one_of(st.none(), st.lists(_LOSS, max_size=40)),
    stop=st.sampled_from([None, "max_epochs", "early_stopping", "nonfinite"]),
)
def test_diagnose_never_raises_and_always_says_something(train, val, stop) -> None:
    diagnosis = diagnose(_history(train, val, stop))

    assert diagnosis.findings
    for finding in diagnosis.to_dict():
        assert 0.0 <= finding["confidence"] <= 1.0
        json.dumps(finding, allow_nan=True)  # serialisable, whatever the numbers


NLL = list(-3.0 + 2.0 * np.exp(-np.arange(30) / 3))


@pytest.mark.parametrize(
    ("train", "val", "kind"),
    [
        ([], [], "too_short"),
        ([0.5], [0.6], "too_short"),
        ([1.0] * 30, [1.0] * 30, "underfitting"),  # constant from the first epoch: never learnt
        ([math.nan] * 10, [math.nan] * 10, "diverging"),
        (list(np.geomspace(1.0, 0.1, 30)), None, "no_validation"),
        (NLL, list(np.add(NLL, 0.1)), "good_fit"),  # a negative log-likelihood: finite
        ([1e300] * 10, [1e300] * 10, "underfitting"),
    ],
)
def test_edge_histories_get_a_plain_verdict(train, val, kind) -> None:
    assert diagnose(_history(train, val, None)).primary.kind == kind


def test_ten_thousand_epochs_are_judged() -> None:
    rng = np.random.default_rng(0)
    train = np.geomspace(1.0, 0.1, 10_000) * np.exp(0.01 * rng.standard_normal(10_000))
    diagnosis = diagnose(_history(list(train), list(train * 1.05), "max_epochs"))
    assert diagnosis.primary.kind in {"good_fit", "slow_convergence"}


def test_a_failing_check_becomes_a_finding(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise ValueError("boom")

    module = sys.modules["lstm_doctor.diagnosis.diagnose"]
    monkeypatch.setattr(module, "curve_stats", broken)
    diagnosis = diagnose(converged())
    assert diagnosis.kinds() == ["cannot_judge"]
    assert "ValueError: boom" in diagnosis.primary.summary


def test_no_good_fit_is_asserted_over_a_val_curve_too_jumpy_to_read() -> None:
    # Train and val both jump ~10% an epoch (so val is not noisy *against* train), with no
    # trend to speak of: a rise or a stall could hide in that noise, so the verdict is
    # "cannot judge", not "good fit"; the same curves, steady, are a good fit.
    n = 30
    level_train = np.r_[np.geomspace(1.0, 0.4, 6), np.full(n - 6, 0.4)]
    level_val = np.r_[np.geomspace(1.0, 0.45, 6), np.full(n - 6, 0.45)]
    jumpy = diagnose(history(level_train * wobble(n, 0.08, 1), level_val * wobble(n, 0.12, 11)))
    assert jumpy.primary.kind == "cannot_judge", jumpy.kinds()
    assert jumpy.primary.evidence["val_median_move_pct"] >= 8.0
    steady = diagnose(history(level_train * wobble(n, 0.005, 1), level_val * wobble(n, 0.01, 11)))
    assert steady.primary.kind == "good_fit", steady.kinds()
