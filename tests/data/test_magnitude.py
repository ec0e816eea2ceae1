from __future__ import annotations

import numpy as np
import pytest

from lstm_doctor.data.magnitude import FLOAT32_MAX, check_magnitude
from lstm_doctor.errors import DataError


@pytest.mark.parametrize(
    "column",
    [
        [1e308, -1e308, 0.0],  # the spread overflows even float64
        [1e307, 1.0000001e307, 1e307],  # all near 1e307: beyond float32
        [3e38, -3e38, 0.0],  # each value fits float32, the spread does not
    ],
)
def test_a_column_beyond_float32_is_refused(column) -> None:
    values = np.column_stack([np.arange(3.0), column])
    with pytest.raises(DataError, match=r"Column 'x' of the data spans .* beyond the float32"):
        check_magnitude(values, ["y", "x"])


def test_ordinary_and_odd_but_safe_columns_pass() -> None:
    values = np.array([[0.0, np.nan, -0.0], [1e30, np.inf, 1.0], [-1e30, np.nan, FLOAT32_MAX / 4]])
    check_magnitude(values, ["big", "no finite value", "zero"])
    check_magnitude(np.empty((0, 2)), ["a", "b"])
