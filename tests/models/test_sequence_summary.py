"""In-network summary features and per-series z-normalization."""

from __future__ import annotations

import numpy as np
import torch

from lstm_doctor.diagnosis.sequence_baselines import summary_features as numpy_summary
from lstm_doctor.models.sequence_summary import SummaryFeatures, summary_features, znormalize

LENGTHS = torch.tensor([5, 2, 3])


def _batch() -> torch.Tensor:
    x = torch.randn(3, 5, 2, generator=torch.Generator().manual_seed(0))
    for i, n in enumerate(LENGTHS):
        x[i, n:] = float("nan")
    return x


def test_the_features_are_the_summary_baselines() -> None:
    x = _batch()
    ours = summary_features(x, LENGTHS).double().numpy()
    theirs = numpy_summary(np.nan_to_num(x.numpy()), LENGTHS.numpy())
    np.testing.assert_allclose(ours, theirs, atol=1e-4)


def test_fitted_features_are_standardized_on_the_training_sequences() -> None:
    x = _batch()
    features = SummaryFeatures(2).fit(x, LENGTHS)
    z = features(x, LENGTHS)
    torch.testing.assert_close(z.mean(0), torch.zeros(10), atol=1e-5, rtol=0)
    assert set(features.state_dict()) == {"center", "scale"}


def test_znormalize_each_sequence_over_its_own_steps() -> None:
    x = _batch()
    z = znormalize(x, LENGTHS)
    for i, n in enumerate(LENGTHS):
        real = z[i, :n]
        torch.testing.assert_close(real.mean(0), torch.zeros(2), atol=1e-5, rtol=0)
        torch.testing.assert_close(real.std(0, unbiased=False), torch.ones(2), atol=1e-4, rtol=0)
        assert (z[i, n:] == 0).all()
    constant = znormalize(torch.ones(1, 4, 1), torch.tensor([4]))
    assert (constant == 0).all()
