from __future__ import annotations

import hashlib

import pandas as pd

from lstm_doctor.artifacts.provenance import data_fingerprint, file_sha256, fit_provenance


def test_a_file_is_named_by_its_path_and_sha256(tmp_path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("a,b\n1,2\n3,4\n")
    frame = pd.read_csv(path)
    assert file_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    info = data_fingerprint(path, frame)
    assert info == {"path": str(path), "sha256": file_sha256(path), "rows": 2,
                    "columns": ["a", "b"]}  # fmt: skip


def test_a_dataframe_is_named_by_its_content() -> None:
    frame = pd.DataFrame({"a": [1.0, 2.0], "b": [3, 4]})
    first = data_fingerprint(frame, frame)
    assert first["rows"] == 2 and "path" not in first
    assert data_fingerprint(frame.copy(), frame.copy())["sha256"] == first["sha256"]
    changed = frame.assign(a=[1.0, 2.5])
    assert data_fingerprint(changed, changed)["sha256"] != first["sha256"]


def test_fit_provenance_records_versions_seed_and_device() -> None:
    frame = pd.DataFrame({"a": [1.0]})
    info = fit_provenance(frame, frame, seed=7, device="cpu")
    assert info["seed"] == 7 and info["device"] == "cpu" and info["command"] is None
    assert {"lstm_doctor", "torch", "numpy", "python", "created"} <= set(info)
