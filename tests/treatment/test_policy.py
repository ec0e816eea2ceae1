from __future__ import annotations

from lstm_doctor.diagnosis.findings import Diagnosis, Finding, Remedy
from lstm_doctor.treatment.policy import prescribe

SETTINGS = {"layers": 2, "units": 64, "dropout": 0.0, "lr": 1e-3, "weight_decay": 0.0}


def diagnosis(*findings: Finding) -> Diagnosis:
    return Diagnosis(tuple(findings))


def overfitting() -> Finding:
    return Finding("overfitting", "warning", "overfitting", {}, (
        Remedy({"dropout": 0.2}, "dropout"),
        Remedy({"weight_decay": 1e-4}, "decay"),
        Remedy({"units": 32}, "smaller"),
    ))  # fmt: skip


def test_remedies_come_in_the_order_the_diagnosis_gives() -> None:
    changes = [p.change for p in prescribe(diagnosis(overfitting()), SETTINGS, set())]
    assert changes == [{"dropout": 0.2}, {"weight_decay": 1e-4}, {"units": 32}]


def test_tried_changes_are_skipped() -> None:
    first = prescribe(diagnosis(overfitting()), SETTINGS, set())[0]
    again = prescribe(diagnosis(overfitting()), SETTINGS, {first.key})
    assert [p.change for p in again] == [{"weight_decay": 1e-4}, {"units": 32}]


def test_a_change_that_changes_nothing_is_skipped() -> None:
    settings = {**SETTINGS, "dropout": 0.2}
    changes = [p.change for p in prescribe(diagnosis(overfitting()), settings, set())]
    assert {"dropout": 0.2} not in changes


def test_dropout_on_one_layer_becomes_weight_drop() -> None:
    settings = {**SETTINGS, "layers": 1}
    first = prescribe(diagnosis(overfitting()), settings, set())[0]
    assert first.change == {"weight_drop": 0.2}


def test_relative_changes_are_resolved() -> None:
    unstable = Finding("unstable", "warning", "unstable", {}, (Remedy({"lr": "x0.3"}, "lower"),))
    (prescription,) = prescribe(diagnosis(unstable), SETTINGS, set())
    assert prescription.change == {"lr": 1e-3 * 0.3}


def test_notes_data_issues_and_fixed_settings_are_not_treated() -> None:
    noisy = Finding(
        "noisy_validation", "warning", "noisy", {}, (Remedy({"split": "0.6,0.2,0.2"}, ""),)
    )
    leak = Finding("leakage", "critical", "leak", {}, (Remedy({"covariates": []}, "drop"),))
    assert prescribe(diagnosis(noisy, leak), SETTINGS, set()) == []


def test_unavailable_remedies_are_skipped() -> None:
    shift = Finding("distribution_shift", "warning", "shift", {}, (
        Remedy({"not_a_setting": 1}, "future"), Remedy({"normalization": "revin"}, "revin"),
    ))  # fmt: skip
    assert [p.change for p in prescribe(diagnosis(shift), SETTINGS, set())] == [
        {"normalization": "revin"}
    ]


def test_a_good_fit_tries_normalization_then_a_longer_lookback_then_grows_the_model() -> None:
    good = Finding("good_fit", "info", "good")
    settings = {**SETTINGS, "lookback": 96}
    changes = [p.change for p in prescribe(diagnosis(good), settings, set())]
    assert changes == [
        {"normalization": "last_value"},
        {"normalization": "revin"},
        {"lookback": 192},
        {"units": 128},
        {"layers": 3},
    ]
    normalized = {**settings, "normalization": "revin", "lookback": 512}
    changes = [p.change for p in prescribe(diagnosis(good), normalized, set())]
    assert changes == [
        {"normalization": "last_value"},
        SEGMENT,  # a long lookback: the segment LSTM before the lookback grows
        {"lookback": 720},  # capped
        {"units": 128},
        {"layers": 3},
    ]
    longest = {**normalized, "lookback": 720}
    assert {"lookback": 1440} not in [p.change for p in prescribe(diagnosis(good), longest, set())]


def test_a_good_fit_with_several_targets_tries_channel_independence() -> None:
    good = Finding("good_fit", "info", "good")
    settings = {**SETTINGS, "normalization": "revin", "target": ["a", "b"], "covariates": []}
    changes = [p.change for p in prescribe(diagnosis(good), settings, set())]
    assert {"channel_independent": True} in changes
    with_covariate = {**settings, "covariates": ["c"]}
    changes = [p.change for p in prescribe(diagnosis(good), with_covariate, set())]
    assert {"channel_independent": True} not in changes


# The switch as prescribed to SETTINGS: settings already as wanted are left out of it.
SEGMENT = {
    "architecture": "segment", "layers": 1,
    "normalization": "last_value", "loss": "mae", "bidirectional": False,
    "layer_norm": False, "weight_drop": 0.0, "head": "last",
}  # fmt: skip


def test_a_good_fit_switches_to_the_segment_lstm_for_channels_or_long_lookbacks() -> None:
    good = Finding("good_fit", "info", "good")
    several = {**SETTINGS, "lookback": 96, "target": ["a", "b"], "covariates": []}
    changes = [p.change for p in prescribe(diagnosis(good), several, set())]
    assert changes.index(SEGMENT) < changes.index({"lookback": 192})
    for settings in (
        {**several, "target": ["a"]},  # one channel, a short lookback
        {**several, "covariates": ["c"]},  # the segment LSTM takes no covariates
        {**several, "architecture": "segment"},  # already there
    ):
        assert SEGMENT not in [p.change for p in prescribe(diagnosis(good), settings, set())]
    long = {**several, "target": ["a"], "lookback": 192}
    assert SEGMENT in [p.change for p in prescribe(diagnosis(good), long, set())]


def test_available_names_limit_the_remedies_to_the_task() -> None:
    remedies = (Remedy({"normalization": "revin"}, "n"), Remedy({"pooling": "mean"}, "p"))
    found = Finding("overfitting", "warning", "overfitting", {}, remedies)
    changes = [p.change for p in prescribe(diagnosis(found), SETTINGS, set(), {"pooling"})]
    assert changes == [{"pooling": "mean"}]


def test_when_seasonal_naive_wins_the_seasonal_remedies_come_first() -> None:
    settings = {**SETTINGS, "lookback": 12}
    changes = [p.change for p in prescribe(diagnosis(overfitting()), settings, set(), None, 12)]
    assert changes[:2] == [{"normalization": "seasonal"}, {"lookback": 24}]
    assert changes[2:] == [{"dropout": 0.2}, {"weight_decay": 1e-4}, {"units": 32}]
    first = prescribe(diagnosis(overfitting()), settings, set(), None, 12)[0]
    assert first.finding.kind == "seasonal_naive_best" and first.finding.evidence["season"] == 12
    # two seasons already read: no lookback change; without the hint, no seasonal remedy
    longer = {**settings, "lookback": 36}
    assert {"lookback": 36} not in [
        p.change for p in prescribe(diagnosis(overfitting()), longer, set(), None, 12)
    ]
    assert {"normalization": "seasonal"} not in [
        p.change for p in prescribe(diagnosis(overfitting()), settings, set())
    ]


def test_a_segment_lstm_is_not_offered_step_options_and_keeps_its_dropout() -> None:
    remedies = (
        Remedy({"head": "attention"}, "a"),
        Remedy({"weight_drop": 0.3}, "w"),
        Remedy({"dropout": 0.2}, "d"),
    )
    found = Finding("overfitting", "warning", "overfitting", {}, remedies)
    settings = {**SETTINGS, "architecture": "segment", "layers": 1}
    changes = [p.change for p in prescribe(diagnosis(found), settings, set())]
    assert changes == [{"dropout": 0.2}]


def test_the_segment_lstm_comes_after_every_other_remedy_of_an_unhealthy_run() -> None:
    settings = {**SETTINGS, "lookback": 96, "target": ["a", "b"], "covariates": []}
    changes = [p.change for p in prescribe(diagnosis(overfitting()), settings, set())]
    assert changes == [{"dropout": 0.2}, {"weight_decay": 1e-4}, {"units": 32}, SEGMENT]
    one = {**settings, "target": ["a"]}
    assert SEGMENT not in [p.change for p in prescribe(diagnosis(overfitting()), one, set())]


def test_settings_already_as_wanted_are_left_out_of_a_change() -> None:
    current = {**SETTINGS, "layers": 1, "normalization": "last_value", "head": "last"}
    found = Finding("overfitting", "warning", "overfitting", {}, (
        Remedy({"layers": 1, "units": 32, "head": "last"}, "smaller"),
    ))  # fmt: skip
    assert [p.change for p in prescribe(diagnosis(found), current, set())] == [{"units": 32}]
