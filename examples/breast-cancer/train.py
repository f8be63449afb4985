#!/usr/bin/env python3
"""The Python twin of train.mjs, with scikit-learn: StandardScaler and LogisticRegression on the same split.

    python train.py

Reads params.yaml (or $MLOPS_PARAMS) and data/breast_cancer.csv; writes the model folder ($MLOPS_MODEL,
default model/: model.joblib, the fitted pipeline, and model.json, the same summary train.mjs writes, so
evaluate.mjs can score it too), metrics.json ($MLOPS_METRICS) and predictions.csv ($MLOPS_PREDICTIONS).

The objective is train.mjs's (mean log loss + l2/2 * |w|^2, the bias unpenalized) written as scikit-learn's
C = 1 / (l2 * rows). lbfgs solves it to convergence instead of a fixed number of gradient steps, so
`learning_rate` does not apply and `epochs` only caps the solver's iterations: expect numbers close to the
Node model's, not equal.
"""

from pathlib import Path

import joblib
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import lib


def main():
    paths = lib.output_paths()
    data = lib.read_dataset()
    params = lib.read_params(paths["params"], data["feature_names"])
    X = lib.select_columns(data, params["features"])
    split = lib.stratified_split(data["y"], params["split"]["test_fraction"], params["split"]["seed"])
    pick = lambda values, rows: [values[i] for i in rows]  # noqa: E731
    train_X, train_y = pick(X, split["train"]), pick(data["y"], split["train"])
    print(f"training on {len(split['train'])} rows, testing on {len(split['test'])}, {len(params['features'])} features")

    l2, epochs = params["train"]["l2"], params["train"]["epochs"]
    regression = (
        LogisticRegression(C=1 / (l2 * len(train_X)), max_iter=epochs)
        if l2 > 0
        else LogisticRegression(penalty=None, max_iter=epochs)
    )
    pipeline = make_pipeline(StandardScaler(), regression).fit(train_X, train_y)
    print(f"lbfgs stopped after {regression.n_iter_[0]} of at most {epochs} iterations")

    test_y = pick(data["y"], split["test"])
    test_scores = [float(p) for p in pipeline.predict_proba(pick(X, split["test"]))[:, 1]]
    train_scores = [float(p) for p in pipeline.predict_proba(train_X)[:, 1]]
    metrics = {
        "test": lib.binary_metrics(test_y, test_scores),
        "train": {"accuracy": lib.binary_metrics(train_y, train_scores)["accuracy"]},
    }

    model_dir = Path(paths["model"])
    model_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, model_dir / "model.joblib")
    lib.write_json(model_dir / "model.json", summary(pipeline, params, len(train_X)))
    lib.write_json(paths["metrics"], metrics)
    lib.write_predictions(paths["predictions"], pick(data["ids"], split["test"]), test_y, test_scores)
    print(f"test {lib.format_metrics(metrics['test'])}")


def summary(pipeline, params, rows):
    """model.json in train.mjs's shape: enough to score the model without Python."""
    scaler, regression = pipeline[0], pipeline[-1]
    return {
        "kind": "logistic-regression",
        "trained_with": "train.py (scikit-learn)",
        "positive_class": lib.POSITIVE,
        "features": params["features"],
        "scaler": {"mean": scaler.mean_.tolist(), "std": scaler.scale_.tolist()},
        "weights": regression.coef_[0].tolist(),
        "bias": float(regression.intercept_[0]),
        "params": params,
        "training": {"rows": rows, "iterations": int(regression.n_iter_[0])},
    }


if __name__ == "__main__":
    lib.run_main("train.py", main)
