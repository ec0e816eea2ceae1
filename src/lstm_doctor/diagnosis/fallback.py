"""A diagnosis that failed must not cost the trained model: it becomes a warning finding."""

from __future__ import annotations

import logging
from collections.abc import Callable

from lstm_doctor.diagnosis.findings import Diagnosis, Finding

__all__ = ["diagnose_or_warn"]

log = logging.getLogger(__name__)


def diagnose_or_warn(run: Callable[[], Diagnosis]) -> Diagnosis:
    """``run()``, or, if it raises, a Diagnosis of one warning that says what failed.

    Training is over when the diagnosis runs; an error there (odd data, a numerical corner)
    would otherwise lose the model and leave its checkpoint behind. KeyboardInterrupt and
    other BaseExceptions still propagate.
    """
    try:
        return run()
    except Exception as exc:  # any failure of the diagnosis; the model and metrics stand
        log.debug("diagnosis failed", exc_info=True)
        message = " ".join(str(exc).split())[:200] or "no message"
        finding = Finding(
            kind="data_issue",
            severity="warning",
            summary=(
                f"The diagnosis could not be computed ({type(exc).__name__}: {message}); the "
                "model was trained, scored and saved as usual. Rerun with --debug to see why."
            ),
            evidence={"error": type(exc).__name__, "message": message},
            confidence=1.0,
        )
        return Diagnosis((finding,))
