#!/usr/bin/env node
// Re-scores a saved model on this checkout's fixed test split, as the gate's `baseline-command` does with the
// production model, so production and candidate are measured on the same rows.
//   node evaluate.mjs [model folder or model.json]     (else $MLOPS_MODEL, else model/)
// Writes metrics.json ($MLOPS_METRICS) and predictions.csv ($MLOPS_PREDICTIONS) in the formats train.mjs uses.
// As evaluate-gate's baseline-command, the gate sets $MLOPS_BASELINE_MODEL (the production model it downloaded)
// and $MLOPS_BASELINE_PREDICTIONS (where the predictions go); the candidate's metrics.json is then left alone.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  UsageError, binaryMetrics, formatMetrics, outputPaths, predictProba, readDataset, readParams, runMain, selectColumns,
  stratifiedSplit, writeMetrics, writePredictions,
} from './lib.mjs';

runMain('evaluate.mjs', async () => {
  const paths = outputPaths();
  const asBaseline = Boolean(process.env.MLOPS_BASELINE_MODEL);
  const model = readModel(process.argv[2] || (asBaseline ? process.env.MLOPS_BASELINE_MODEL : paths.model));
  const data = readDataset();
  // The split comes from this checkout's params (the rows the candidate is tested on), the features from the model.
  const { split: splitParams } = readParams(paths.params, data.featureNames);
  const missing = model.features.filter((name) => !data.featureNames.includes(name));
  if (missing.length > 0) throw new UsageError(`the model uses columns the data does not have: ${missing.join(', ')}`);
  const { test } = stratifiedSplit(data.y, splitParams.test_fraction, splitParams.seed);
  const X = selectColumns(data, model.features);
  const labels = test.map((i) => data.y[i]);
  const scores = predictProba(model, test.map((i) => X[i]));
  const metrics = { test: binaryMetrics(labels, scores) };
  if (!asBaseline || process.env.MLOPS_METRICS) await writeMetrics(paths.metrics, metrics);
  const predictions = (asBaseline && process.env.MLOPS_BASELINE_PREDICTIONS) || paths.predictions;
  await writePredictions(predictions, test.map((i) => data.ids[i]), labels, scores);
  console.log(`test ${formatMetrics(metrics.test)}`);
});

function readModel(location) {
  let file = location;
  try {
    if (statSync(location).isDirectory()) file = path.join(location, 'model.json');
    const model = JSON.parse(readFileSync(file, 'utf8'));
    if (model.kind !== 'logistic-regression' || !Array.isArray(model.weights) || model.weights.length !== model.features?.length) {
      throw new UsageError(`${file} is not a model written by train.mjs or train.py (kind, features and weights)`);
    }
    return model;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read the model ${file}: ${error.code ?? error.message}`);
  }
}
