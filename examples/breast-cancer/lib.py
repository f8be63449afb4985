"""What train.py and evaluate.py share, and the Python twin of lib.mjs: the same parameters, data, fixed split
and output formats, so the Node and Python pipelines test on the same rows and write the same files.

Only the standard library and PyYAML at import time: scikit-learn is imported where it is used, so the split
can be checked against the Node one (tests/unit/example-project.test.ts) on a Python without it.
"""

import csv
import json
import math
import os
import re
import sys
from pathlib import Path

import yaml

DATA_PATH = Path(__file__).resolve().parent / "data" / "breast_cancer.csv"
TARGET = "diagnosis"
POSITIVE = "malignant"
NEGATIVE = "benign"

DEFAULTS = {
    "train": {"learning_rate": 0.1, "epochs": 300, "l2": 0.001},
    "split": {"test_fraction": 0.25, "seed": 7},
    "features": "all",
}


class UsageError(Exception):
    """A mistake of the user (a bad parameter, a broken data file): one clear line and exit code 2."""


def run_main(script, main):
    """Runs a script's main: a UsageError prints `<script>: <message>` and exits 2, as lib.mjs's runMain."""
    try:
        main()
    except UsageError as error:
        print(f"{script}: {error}", file=sys.stderr)
        sys.exit(2)


def output_paths(env=os.environ):
    """The train action sets these to absolute paths; the defaults suit a run by hand."""
    return {
        "params": env.get("MLOPS_PARAMS") or "params.yaml",
        "model": env.get("MLOPS_MODEL") or "model",
        "metrics": env.get("MLOPS_METRICS") or "metrics.json",
        "predictions": env.get("MLOPS_PREDICTIONS") or "predictions.csv",
    }


# --- Parameters -------------------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """PyYAML follows YAML 1.1, where `1e-3` is a string; YAML 1.2 (and lib.mjs) read it as a number."""


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(\.\d+|\d+\.\d*|\d+(\.\d*)?[eE][-+]?\d+)$"),
    list("-+0123456789."),
)


def read_params(file, feature_names):
    """params.yaml with the defaults for missing keys; unknown keys and bad values are UsageErrors."""
    try:
        raw = yaml.load(Path(file).read_text(encoding="utf-8"), Loader=_Loader) or {}
    except OSError as error:
        raise UsageError(f"cannot read the parameters file {file}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise UsageError(f"{file}: not valid YAML: {error}") from None
    if not isinstance(raw, dict):
        raise UsageError(f"{file}: expected a map of keys at the top")
    _check_keys(raw, DEFAULTS, file, "")

    def section(name):
        value = raw.get(name) or {}
        if not isinstance(value, dict):
            raise UsageError(f"{file}: {name} must be a map of keys, got {_show(value)}")
        _check_keys(value, DEFAULTS[name], file, f"{name}.")
        return {**DEFAULTS[name], **value}

    params = {"train": section("train"), "split": section("split")}

    def expect(key, ok, expected, convert=None):
        name, field = key.split(".")
        value = params[name][field]
        if not ok(value):
            raise UsageError(f"{file}: {key} must be {expected}, got {_show(value)}")
        if convert:
            params[name][field] = convert(value)  # 3e2 reads as 300.0: store the integer

    expect("train.learning_rate", lambda v: _is_number(v) and 0 < v <= 100, "a number > 0 and <= 100")
    expect("train.epochs", lambda v: _is_integer(v) and 1 <= v <= 100_000, "an integer from 1 to 100000", int)
    expect("train.l2", lambda v: _is_number(v) and v >= 0, "a number >= 0")
    expect("split.test_fraction", lambda v: _is_number(v) and 0 < v < 1, "a number between 0 and 1 (exclusive)")
    expect("split.seed", lambda v: _is_integer(v) and 0 <= v <= 0xFFFFFFFF, "an integer from 0 to 4294967295", int)
    features = raw.get("features")
    features = _choose_features(DEFAULTS["features"] if features is None else features, feature_names, f"{file}: features")
    return {**params, "features": features}


def _choose_features(value, feature_names, where):
    if value == "all":
        return list(feature_names)
    if not isinstance(value, list) or not value:
        raise UsageError(f"{where} must be `all` or a non-empty list of column names, got {_show(value)}")
    for index, name in enumerate(value):
        if name not in feature_names:
            raise UsageError(f"{where}: unknown column {_show(name)}; the columns are {', '.join(feature_names)}")
        if name in value[:index]:
            raise UsageError(f"{where}: column {_show(name)} is listed twice")
    return value


def _check_keys(mapping, known, file, prefix):
    for key in mapping:
        if key not in known:
            expected = ", ".join(prefix + k for k in known)
            raise UsageError(f"{file}: unknown key {prefix}{key}; expected one of {expected}")


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_integer(value):
    return _is_number(value) and float(value).is_integer()


def _show(value):
    return json.dumps(value, default=str)


# --- Data -------------------------------------------------------------------------------------------------


def read_dataset(file=DATA_PATH):
    """id, the numeric features and diagnosis, each row checked, as lib.mjs's readDataset."""
    name = Path(file).name
    try:
        with open(file, newline="", encoding="utf-8") as handle:
            header, *rows = list(csv.reader(handle))
    except OSError as error:
        raise UsageError(f"cannot read the data file {file}: {error.strerror}") from None
    if header[0] != "id" or header[-1] != TARGET:
        raise UsageError(f"{name}:1: expected the columns id, the features, {TARGET}; got {','.join(header)}")
    ids, X, y = [], [], []
    for line, fields in enumerate(rows, start=2):
        if len(fields) != len(header):
            raise UsageError(f"{name}:{line}: expected {len(header)} fields, got {len(fields)}")
        try:
            numbers = [float(field) for field in fields[:-1]]
        except ValueError as error:
            raise UsageError(f"{name}:{line}: {error}") from None
        if fields[-1] not in (POSITIVE, NEGATIVE):
            raise UsageError(f"{name}:{line}: {TARGET} must be {POSITIVE} or {NEGATIVE}, got {_show(fields[-1])}")
        ids.append(int(numbers[0]))
        X.append(numbers[1:])
        y.append(1 if fields[-1] == POSITIVE else 0)
    return {"ids": ids, "feature_names": header[1:-1], "X": X, "y": y}


def select_columns(data, features):
    indexes = [data["feature_names"].index(name) for name in features]
    return [[row[i] for i in indexes] for row in data["X"]]


# --- The fixed split: bit for bit the same as lib.mjs -----------------------------------------------------

_MASK = 0xFFFFFFFF


def mulberry32(seed):
    """lib.mjs's mulberry32 in unsigned 32-bit arithmetic (Math.imul is a product modulo 2^32)."""
    state = seed & _MASK

    def random():
        nonlocal state
        state = (state + 0x6D2B79F5) & _MASK
        t = ((state ^ (state >> 15)) * (1 | state)) & _MASK
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & _MASK)) & _MASK) ^ t
        return ((t ^ (t >> 14)) & _MASK) / 4294967296

    return random


def stratified_split(y, test_fraction, seed):
    """Per class (0, then 1), shuffle the row indexes with one seeded PRNG and take round(n * fraction).

    Rounds halves up like JavaScript's Math.round (Python's round() rounds them to even, which would pick a
    different number of rows).
    """
    random = mulberry32(seed)
    train, test = [], []
    for label in (0, 1):
        rows = [index for index, value in enumerate(y) if value == label]
        for i in range(len(rows) - 1, 0, -1):
            j = math.floor(random() * (i + 1))
            rows[i], rows[j] = rows[j], rows[i]
        share = len(rows) * test_fraction
        test_count = math.floor(share) + (1 if share - math.floor(share) >= 0.5 else 0)
        test += rows[:test_count]
        train += rows[test_count:]
    return {"train": sorted(train), "test": sorted(test)}


# --- Metrics and outputs ----------------------------------------------------------------------------------


def binary_metrics(labels, scores):
    """The metrics lib.mjs computes, from scikit-learn (positive class = malignant, positive when P > 0.5)."""
    from sklearn import metrics  # here, not at the top: see the module's docstring

    predictions = [1 if score > 0.5 else 0 for score in scores]
    two_classes = len(set(labels)) == 2
    return {
        "accuracy": float(metrics.accuracy_score(labels, predictions)),
        "precision": float(metrics.precision_score(labels, predictions, zero_division=0)),
        "recall": float(metrics.recall_score(labels, predictions, zero_division=0)),
        "f1": float(metrics.f1_score(labels, predictions, zero_division=0)),
        "roc_auc": float(metrics.roc_auc_score(labels, scores)) if two_classes else None,
        "log_loss": float(metrics.log_loss(labels, scores, labels=[0, 1])),
    }


def write_output(file, text):
    Path(file).resolve().parent.mkdir(parents=True, exist_ok=True)
    Path(file).write_text(text, encoding="utf-8")


def write_json(file, value):
    write_output(file, json.dumps(value, indent=2) + "\n")


def write_predictions(file, ids, labels, scores):
    rows = sorted(zip(ids, labels, scores))
    lines = [f"{i},{label},{1 if score > 0.5 else 0},{float(score)!r}" for i, label, score in rows]
    write_output(file, "\n".join(["id,label,prediction,score", *lines, ""]))


def format_metrics(metrics):
    return " ".join(f"{name}={'n/a' if value is None else f'{value:.4f}'}" for name, value in metrics.items())
