"""Diagnosis: why test loss is worse than training loss, with evidence and remedies.

Works on a History (ours or anyone's logs), the data and the baselines; never imports
``training``.
"""

from lstm_doctor.diagnosis.baselines import BASELINES, baseline_forecasts, detect_season
from lstm_doctor.diagnosis.checks import check_data
from lstm_doctor.diagnosis.curves import RunContext
from lstm_doctor.diagnosis.diagnose import diagnose, diagnose_curves
from lstm_doctor.diagnosis.findings import KINDS, Diagnosis, Finding, Remedy
from lstm_doctor.diagnosis.logs import LoadedLog, read_log
from lstm_doctor.diagnosis.shift import diagnose_shift

__all__ = [
    "BASELINES",
    "KINDS",
    "Diagnosis",
    "Finding",
    "LoadedLog",
    "Remedy",
    "RunContext",
    "baseline_forecasts",
    "check_data",
    "detect_season",
    "diagnose",
    "diagnose_curves",
    "diagnose_shift",
    "read_log",
]
