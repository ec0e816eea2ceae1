from __future__ import annotations

import numpy as np

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
