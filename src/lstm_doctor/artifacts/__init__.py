"""The run directory: safetensors weights and JSON, saved and loaded for every task."""

from lstm_doctor.artifacts.run_dir import (
    FORMAT,
    RUN_FILES,
    Run,
    check_out_dir,
    is_run_dir,
    load_run,
    load_weights_checked,
    read_diagnosis,
    read_history,
    save_run,
    to_json,
    write_json_atomic,
)
from lstm_doctor.artifacts.sequence import SequenceRun, load_sequence_run, run_task

__all__ = [
    "FORMAT",
    "RUN_FILES",
    "Run",
    "SequenceRun",
    "check_out_dir",
    "is_run_dir",
    "load_run",
    "load_sequence_run",
    "load_weights_checked",
    "read_diagnosis",
    "read_history",
    "run_task",
    "save_run",
    "to_json",
    "write_json_atomic",
]
