#!/usr/bin/env python3
"""The Python twin of evaluate.mjs: re-scores a model saved by train.py on this checkout's fixed test split.

    python evaluate.py [model folder]      (else $MLOPS_MODEL, else model/)

Writes metrics.json ($MLOPS_METRICS) and predictions.csv ($MLOPS_PREDICTIONS). As evaluate-gate's
baseline-command, the gate sets $MLOPS_BASELINE_MODEL (the production model) and $MLOPS_BASELINE_PREDICTIONS
(where the predictions go); the candidate's metrics.json is then left alone. model.joblib is a pickle:
load only models your own pipeline wrote.
"""

import json
import os
import sys
from pathlib import Path

import joblib

import lib


def main():
    paths = lib.output_paths()
    as_baseline = bool(os.environ.get("MLOPS_BASELINE_MODEL"))
    default_model = os.environ["MLOPS_BASELINE_MODEL"] if as_baseline else paths["model"]
    model_dir = Path(sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else default_model)
    try:
        features = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))["features"]
        pipeline = joblib.load(model_dir / "model.joblib")
    except (OSError, KeyError, ValueError) as error:
        raise lib.UsageError(f"cannot read the model in {model_dir} (model.json and model.joblib): {error}") from None
    data = lib.read_dataset()
    # The split comes from this checkout's params (the rows the candidate is tested on), the features from the model.
    split_params = lib.read_params(paths["params"], data["feature_names"])["split"]
    missing = [name for name in features if name not in data["feature_names"]]
    if missing:
        raise lib.UsageError(f"the model uses columns the data does not have: {', '.join(missing)}")
    test = lib.stratified_split(data["y"], split_params["test_fraction"], split_params["seed"])["test"]
    X = lib.select_columns(data, features)
    labels = [data["y"][i] for i in test]
    scores = [float(p) for p in pipeline.predict_proba([X[i] for i in test])[:, 1]]
    metrics = {"test": lib.binary_metrics(labels, scores)}
    if not as_baseline or os.environ.get("MLOPS_METRICS"):
        lib.write_json(paths["metrics"], metrics)
    predictions = (as_baseline and os.environ.get("MLOPS_BASELINE_PREDICTIONS")) or paths["predictions"]
    lib.write_predictions(predictions, [data["ids"][i] for i in test], labels, scores)
    print(f"test {lib.format_metrics(metrics['test'])}")


if __name__ == "__main__":
    lib.run_main("evaluate.py", main)
