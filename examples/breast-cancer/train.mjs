#!/usr/bin/env node
// Trains a logistic regression that tells malignant from benign breast masses, in plain Node.js.
//   node train.mjs
// Reads params.yaml (or $MLOPS_PARAMS) and data/breast_cancer.csv; writes the model folder ($MLOPS_MODEL,
// default model/), metrics.json ($MLOPS_METRICS) and predictions.csv ($MLOPS_PREDICTIONS).
// Deterministic: the split is seeded, the weights start at zero and gradient descent sums in a fixed order,
// so two runs on the same inputs write byte-identical files (the train action's cache relies on it).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  POSITIVE, binaryMetrics, formatMetrics, outputPaths, predictProba, readDataset, readParams, runMain, selectColumns,
  sigmoid, stratifiedSplit, writeMetrics, writeOutput, writePredictions,
} from './lib.mjs';

runMain('train.mjs', async () => {
  const paths = outputPaths();
  const data = readDataset();
  const params = readParams(paths.params, data.featureNames);
  const X = selectColumns(data, params.features);
  const split = stratifiedSplit(data.y, params.split.test_fraction, params.split.seed);
  const pick = (values, rows) => rows.map((i) => values[i]);
  const trainX = pick(X, split.train);
  const trainY = pick(data.y, split.train);
  console.log(`training on ${split.train.length} rows, testing on ${split.test.length}, ${params.features.length} features`);

  const scaler = fitScaler(trainX);
  const { weights, bias, loss } = gradientDescent(standardize(trainX, scaler), trainY, params.train);
  const model = {
    kind: 'logistic-regression',
    // No versions or dates here: the model's digest must depend on its inputs only.
    trained_with: 'train.mjs (Node.js)',
    positive_class: POSITIVE,
    features: params.features,
    scaler,
    weights,
    bias,
    params,
    training: { rows: split.train.length, final_loss: loss },
  };

  const testY = pick(data.y, split.test);
  const testScores = predictProba(model, pick(X, split.test));
  const metrics = {
    test: binaryMetrics(testY, testScores),
    train: { accuracy: binaryMetrics(trainY, predictProba(model, trainX)).accuracy },
  };

  await mkdir(paths.model, { recursive: true });
  await writeOutput(path.join(paths.model, 'model.json'), `${JSON.stringify(model, null, 2)}\n`);
  await writeOutput(path.join(paths.model, 'card.md'), modelCard(model, metrics));
  await writeMetrics(paths.metrics, metrics);
  await writePredictions(paths.predictions, pick(data.ids, split.test), testY, testScores);
  console.log(`test ${formatMetrics(metrics.test)}`);
});

/** Per-feature mean and population standard deviation (as scikit-learn's StandardScaler), from training rows only. */
function fitScaler(rows) {
  const n = rows.length;
  const mean = rows[0].map((_, j) => rows.reduce((sum, row) => sum + row[j], 0) / n);
  const std = mean.map((m, j) => Math.sqrt(rows.reduce((sum, row) => sum + (row[j] - m) ** 2, 0) / n));
  // A constant column carries no signal; dividing by 1 instead of 0 keeps it harmless (StandardScaler does the same).
  return { mean, std: std.map((s) => (s === 0 ? 1 : s)) };
}

function standardize(rows, { mean, std }) {
  return rows.map((row) => row.map((value, j) => (value - mean[j]) / std[j]));
}

/**
 * Batch gradient descent on the mean log loss plus (l2 / 2)·|w|², from zero weights. Prints the loss at the
 * first epoch, every fifth of the run and the last, so a CI log shows it converging without flooding.
 */
function gradientDescent(rows, labels, { learning_rate: rate, epochs, l2 }) {
  const n = rows.length;
  const weights = new Array(rows[0].length).fill(0);
  let bias = 0;
  let loss = NaN;
  const every = Math.max(1, Math.ceil(epochs / 5));
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const gradient = new Array(weights.length).fill(0);
    let biasGradient = 0;
    let logLoss = 0;
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      let z = bias;
      for (let j = 0; j < row.length; j++) z += weights[j] * row[j];
      const p = sigmoid(z);
      const error = p - labels[i];
      for (let j = 0; j < row.length; j++) gradient[j] += error * row[j];
      biasGradient += error;
      // log(1 + e^-|z|) + max(z, 0) - y·z is the log loss without overflow for large |z|.
      logLoss += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - labels[i] * z;
    }
    loss = logLoss / n + (l2 / 2) * weights.reduce((sum, w) => sum + w * w, 0);
    if (epoch === 1 || epoch % every === 0 || epoch === epochs) console.log(`epoch ${epoch}/${epochs} loss ${loss.toFixed(6)}`);
    for (let j = 0; j < weights.length; j++) weights[j] -= rate * (gradient[j] / n + l2 * weights[j]);
    bias -= rate * (biasGradient / n);
  }
  return { weights, bias, loss };
}

function modelCard(model, metrics) {
  const rows = Object.entries(metrics.test).map(([name, value]) => `| ${name} | ${value === null ? 'n/a' : value.toFixed(4)} |`);
  const { train, split } = model.params;
  return `# Model card: breast-cancer logistic regression

- **What**: logistic regression on ${model.features.length} standardized features; the score is P(${model.positive_class}).
- **Trained with**: ${model.trained_with}, batch gradient descent, learning rate ${train.learning_rate}, ${train.epochs} epochs, L2 ${train.l2}.
- **Data**: Breast Cancer Wisconsin (Diagnostic), UCI, CC BY 4.0 (see data/SOURCE.md); ${model.training.rows} training rows.
- **Test set**: stratified ${split.test_fraction} of the rows, split seed ${split.seed}.
- **Intended use**: a demonstration of ML CI/CD. Not a medical device; do not use it to diagnose anyone.

| test metric | value |
| --- | --- |
${rows.join('\n')}
`;
}
