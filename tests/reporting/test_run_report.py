from __future__ import annotations

import json

import pandas as pd
import pytest
from scripted import treatment

from lstm_doctor.api.runs import report_run
from lstm_doctor.errors import ArtifactError
from lstm_doctor.reporting.run_report import resolve_data, study_of


def test_resolve_data_prefers_given_then_the_unchanged_recorded_file(tmp_path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("a\n1\n")
    from lstm_doctor.artifacts.provenance import file_sha256

    recorded = {"data": {"path": str(path), "sha256": file_sha256(path)}}
    assert resolve_data(recorded, "other.csv") == ("other.csv", None)
    assert resolve_data(recorded) == (str(path), None)
    path.write_text("a\n2\n")
    data, note = resolve_data(recorded)
    assert data is None and "changed since the fit" in note
    path.unlink()
    assert "not there any more" in resolve_data(recorded)[1]
    assert "not recorded as a file" in resolve_data({"data": {"source": "DataFrame"}})[1]
    assert "not recorded" in resolve_data(None)[1]
    frame, note = resolve_data({"data": {"source": "builtin:demo"}})
    assert isinstance(frame, pd.DataFrame) and note is None


def test_study_of_reads_a_tune_folder_and_values_pruned_trials(tmp_path) -> None:
    best = tmp_path / "best"
    best.mkdir()
    assert study_of(best) is None
    trials = pd.DataFrame({"number": [0, 1], "state": ["complete", "pruned"],
                           "val_vs_naive": [0.8, None], "best_val_loss": [0.04, 0.1],
                           "naive_val_mse": [0.05, 0.05]})  # fmt: skip
    trials.to_csv(tmp_path / "trials.csv", index=False)
    (tmp_path / "importances.json").write_text(json.dumps({"importances": {"units": 1.0}}))
    (tmp_path / "study.json").write_text(json.dumps({"best": {"number": 0}}))
    study = study_of(best)
    assert study["trials"][0]["value"] == 0.8
    assert study["trials"][1]["value"] == pytest.approx(2.0)  # best val it reached / naive
    assert study["importances"] == {"units": 1.0} and study["best"] == {"number": 0}
    (tmp_path / "study.json").write_text("{not json")
    with pytest.raises(ArtifactError, match="Cannot read"):
        study_of(best)


@pytest.mark.slow
def test_report_of_a_saved_run_with_treatment(fitted, tmp_path) -> None:
    forecaster, _ = fitted
    run = forecaster.save(tmp_path / "run")
    (run / "treatment.json").write_text(json.dumps(treatment()))
    html = report_run(run).read_text()
    assert 'id="heal"' in html and 'id="lr-find"' in html and 'id="forecast"' in html
    assert "heal of load" in html
