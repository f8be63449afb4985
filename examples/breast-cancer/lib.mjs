// What train.mjs and evaluate.mjs share: the parameters, the data, the fixed test split, the model's scoring
// and the metrics. Both scripts must agree on the split and the metrics, or the gate would compare a
// re-scored production model with the candidate on different rows; one module is how they agree.
// Plain Node.js (>= 20), no dependencies, so the example runs anywhere the actions run.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The data ships next to the scripts, so they find it from any working directory. */
export const DATA_PATH = fileURLToPath(new URL('./data/breast_cancer.csv', import.meta.url));
const TARGET = 'diagnosis';
/** The positive class (label 1, the class whose probability is the score). */
export const POSITIVE = 'malignant';
const NEGATIVE = 'benign';

/** A mistake of the user (a bad parameter, a broken data file): one clear line and exit code 2, no stack. */
export class UsageError extends Error {}

/** Output paths: the train action sets these to absolute paths; the defaults suit a run by hand. */
export function outputPaths(env = process.env) {
  return {
    params: env.MLOPS_PARAMS || 'params.yaml',
    model: env.MLOPS_MODEL || 'model',
    metrics: env.MLOPS_METRICS || 'metrics.json',
    predictions: env.MLOPS_PREDICTIONS || 'predictions.csv',
  };
}

/** Runs a script's main: a UsageError prints `<script>: <message>` and exits 2; anything else is a bug. */
export function runMain(script, main) {
  main().catch((error) => {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${script}: ${error.message}`);
    process.exitCode = 2;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Parameters

const DEFAULTS = {
  train: { learning_rate: 0.1, epochs: 300, l2: 0.001 },
  split: { test_fraction: 0.25, seed: 7 },
  features: 'all',
};

/**
 * Reads params.yaml. Missing keys take the defaults above; unknown keys are errors (a typo must not be
 * silently ignored); every value is checked, and the message names the file, the key, the value and what
 * was expected.
 */
export function readParams(file, featureNames) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the parameters file ${file}: ${error.code ?? error.message}`);
  }
  const raw = parseSimpleYaml(text, file);
  const where = (key) => `${file}: ${key}`;
  checkKeys(raw, Object.keys(DEFAULTS), file, '');
  const section = (name) => {
    const value = raw[name] ?? {};
    if (!isMap(value)) throw new UsageError(`${where(name)} must be a map of keys, got ${show(value)}`);
    checkKeys(value, Object.keys(DEFAULTS[name]), file, `${name}.`);
    return { ...DEFAULTS[name], ...value };
  };
  const train = section('train');
  const split = section('split');
  expect(train.learning_rate, (v) => typeof v === 'number' && v > 0 && v <= 100, where('train.learning_rate'), 'a number > 0 and <= 100');
  expect(train.epochs, (v) => Number.isInteger(v) && v >= 1 && v <= 100_000, where('train.epochs'), 'an integer from 1 to 100000');
  expect(train.l2, (v) => typeof v === 'number' && v >= 0 && Number.isFinite(v), where('train.l2'), 'a number >= 0');
  expect(split.test_fraction, (v) => typeof v === 'number' && v > 0 && v < 1, where('split.test_fraction'), 'a number between 0 and 1 (exclusive)');
  expect(split.seed, (v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff, where('split.seed'), 'an integer from 0 to 4294967295');
  return { train, split, features: chooseFeatures(raw.features ?? DEFAULTS.features, featureNames, where('features')) };
}

function chooseFeatures(value, featureNames, where) {
  if (value === 'all') return [...featureNames];
  if (!Array.isArray(value) || value.length === 0) throw new UsageError(`${where} must be \`all\` or a non-empty list of column names, got ${show(value)}`);
  const seen = new Set();
  for (const name of value) {
    if (!featureNames.includes(name)) throw new UsageError(`${where}: unknown column ${show(name)}; the columns are ${featureNames.join(', ')}`);
    if (seen.has(name)) throw new UsageError(`${where}: column ${show(name)} is listed twice`);
    seen.add(name);
  }
  return value;
}

function checkKeys(map, known, file, prefix) {
  for (const key of Object.keys(map)) {
    if (!known.includes(key)) throw new UsageError(`${file}: unknown key ${prefix}${key}; expected one of ${known.map((k) => prefix + k).join(', ')}`);
  }
}

function expect(value, ok, where, expected) {
  if (!ok(value)) throw new UsageError(`${where} must be ${expected}, got ${show(value)}`);
}

const isMap = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const show = (value) => JSON.stringify(value) ?? String(value);

/**
 * A minimal reader for the YAML subset params.yaml uses, so the example needs no npm package: nested maps
 * (`key:` then indented lines, or `{ key: value, … }` of scalars on one line), scalars (numbers, true/false,
 * null, plain or quoted strings), and lists of scalars, either `[a, b]` or `- a` lines. Comments and blank lines are skipped. Anything else (anchors,
 * multi-line strings, tabs, lists of maps) is an error naming the line, never a silent misreading. Every file
 * it accepts is also valid YAML with the same meaning, which matters because the train action reads the
 * same file with a real YAML parser to record the parameters.
 */
export function parseSimpleYaml(text, file) {
  const lines = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const content = stripComment(line).trimEnd();
    if (content.trim() === '') return;
    const fail = (why) => {
      throw new UsageError(`${file}:${index + 1}: ${why} (this reader takes nested maps of scalars and lists of scalars only)`);
    };
    if (/^\s*\t/.test(line)) fail('tab in indentation');
    lines.push({ indent: content.length - content.trimStart().length, body: content.trim(), fail });
  });
  let next = 0;

  const block = (indent) => (lines[next].body.startsWith('- ') || lines[next].body === '-' ? list(indent) : map(indent));

  function map(indent) {
    const result = {};
    while (next < lines.length && lines[next].indent === indent) {
      const line = lines[next++];
      const match = /^([A-Za-z_][\w.-]*)\s*:(?:\s+(.*))?$/.exec(line.body);
      if (!match) line.fail('expected `key: value` or `key:`');
      const [, key, value] = match;
      if (Object.hasOwn(result, key)) line.fail(`duplicate key ${key}`);
      if (value !== undefined) result[key] = flowOrScalar(value, line.fail);
      else if (next < lines.length && lines[next].indent > indent) result[key] = block(lines[next].indent);
      else result[key] = null;
    }
    if (next < lines.length && lines[next].indent > indent) lines[next].fail('unexpected indentation');
    return result;
  }

  function list(indent) {
    const result = [];
    while (next < lines.length && lines[next].indent === indent && /^-(\s|$)/.test(lines[next].body)) {
      const line = lines[next++];
      const value = line.body.slice(1).trim();
      if (value === '' || value.startsWith('[') || /^[A-Za-z_][\w.-]*\s*:(\s|$)/.test(value)) line.fail('expected a scalar list item');
      result.push(scalar(value, line.fail));
    }
    if (next < lines.length && lines[next].indent > indent) lines[next].fail('unexpected indentation');
    return result;
  }

  if (lines.length === 0) return {};
  if (lines[0].indent !== 0) lines[0].fail('the first key must not be indented');
  const result = map(0);
  if (next < lines.length) lines[next].fail('unexpected line');
  return result;
}

/** Drops a `# comment` that starts the line or follows a space, unless it is inside a quoted value. */
function stripComment(line) {
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,]/.test(line[i - 1]))) {
      quote = c; // only a quote that opens a value: the apostrophe in `it's` is a plain character
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      return line.slice(0, i);
    }
  }
  return line;
}

/** A scalar, or a one-line `[a, b]` list or `{ k: v }` map of scalars (no nesting, so commas split items). */
function flowOrScalar(text, fail) {
  const close = { '[': ']', '{': '}' }[text[0]];
  if (!close) return scalar(text, fail);
  if (!text.endsWith(close)) fail(`a \`${text[0]}\` must close on the same line`);
  const inner = text.slice(1, -1).trim();
  const items = inner === '' ? [] : inner.split(',').map((item) => item.trim());
  if (close === ']') return items.map((item) => scalar(item, fail));
  const result = {};
  for (const item of items) {
    const match = /^([A-Za-z_][\w.-]*)\s*:\s+(.+)$/.exec(item);
    if (!match || Object.hasOwn(result, match[1])) fail(`expected \`{ key: value, … }\` with distinct keys, got ${text}`);
    result[match[1]] = scalar(match[2], fail);
  }
  return result;
}

function scalar(text, fail) {
  const quoted = /^"([^"\\]*)"$|^'([^']*)'$/.exec(text);
  if (quoted) return quoted[1] ?? quoted[2];
  // The forms of YAML 1.2's core schema, which the `yaml` package reads by default.
  if (/^[-+]?(\.\d+|\d+(\.\d*)?)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (/^(true|True|TRUE|false|False|FALSE)$/.test(text)) return text.toLowerCase() === 'true';
  if (/^(null|Null|NULL|~)$/.test(text)) return null;
  if (/^[&*!|>{"'[\]]/.test(text) || /[,:]\s|[,:]$|[{}[\]]/.test(text)) fail(`unsupported value ${text}`);
  return text;
}

// ---------------------------------------------------------------------------------------------------------
// Data

/**
 * Reads the CSV: `id`, the numeric features, and `diagnosis` (benign/malignant). The file has no quoted
 * fields, so a split on commas is exact; every row is checked for its width and its numbers.
 */
export function readDataset(file = DATA_PATH) {
  const name = path.basename(file);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the data file ${file}: ${error.code ?? error.message}`);
  }
  const [header, ...rows] = text.split(/\r?\n/).filter((line) => line !== '');
  const columns = header.split(',');
  if (columns[0] !== 'id' || columns.at(-1) !== TARGET) throw new UsageError(`${name}:1: expected the columns id, the features, ${TARGET}; got ${header}`);
  const featureNames = columns.slice(1, -1);
  const ids = [];
  const X = [];
  const y = [];
  rows.forEach((row, index) => {
    const fields = row.split(',');
    const where = `${name}:${index + 2}`;
    if (fields.length !== columns.length) throw new UsageError(`${where}: expected ${columns.length} fields, got ${fields.length}`);
    const numbers = fields.slice(0, -1).map(Number);
    const bad = numbers.findIndex((value, i) => fields[i].trim() === '' || !Number.isFinite(value));
    if (bad >= 0) throw new UsageError(`${where}: column ${columns[bad]} must be a number, got ${show(fields[bad])}`);
    const label = fields.at(-1);
    if (label !== POSITIVE && label !== NEGATIVE) throw new UsageError(`${where}: ${TARGET} must be ${POSITIVE} or ${NEGATIVE}, got ${show(label)}`);
    ids.push(numbers[0]);
    X.push(numbers.slice(1));
    y.push(label === POSITIVE ? 1 : 0);
  });
  return { ids, featureNames, X, y };
}

/** The rows' values of the chosen columns, in the chosen order. */
export function selectColumns(data, features) {
  const indexes = features.map((name) => data.featureNames.indexOf(name));
  return data.X.map((row) => indexes.map((i) => row[i]));
}

// ---------------------------------------------------------------------------------------------------------
// The fixed split

/**
 * mulberry32: a tiny 32-bit PRNG whose every step is integer arithmetic, so lib.py reproduces it bit for
 * bit and both languages pick the same test rows. Returns floats in [0, 1) with 32 random bits.
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A stratified split, the same for the same seed, fraction and labels: per class (0, then 1), the row
 * indexes in file order are shuffled with one seeded PRNG (Fisher-Yates, from the end) and the first
 * round(n * fraction) go to the test set, so both sets keep the class balance. Indexes come back sorted.
 */
export function stratifiedSplit(y, testFraction, seed) {
  const random = mulberry32(seed);
  const test = [];
  const train = [];
  for (const label of [0, 1]) {
    const rows = y.flatMap((value, index) => (value === label ? [index] : []));
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    const testCount = Math.round(rows.length * testFraction);
    test.push(...rows.slice(0, testCount));
    train.push(...rows.slice(testCount));
  }
  const byIndex = (a, b) => a - b;
  return { train: train.sort(byIndex), test: test.sort(byIndex) };
}

// ---------------------------------------------------------------------------------------------------------
// The model

export const sigmoid = (z) => 1 / (1 + Math.exp(-z));

/** P(malignant) for each row: the model's own scaler, then the linear score. */
export function predictProba(model, rows) {
  const { mean, std } = model.scaler;
  return rows.map((row) => {
    let z = model.bias;
    for (let j = 0; j < row.length; j++) z += model.weights[j] * ((row[j] - mean[j]) / std[j]);
    return sigmoid(z);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Metrics (positive class = malignant, a prediction is positive when P > 0.5, as scikit-learn's predict)

const LOG_LOSS_EPS = 1e-15;

/** accuracy, precision, recall, F1, ROC AUC and log loss, defined as scikit-learn defines them. */
export function binaryMetrics(labels, scores) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let logLoss = 0;
  labels.forEach((label, i) => {
    const predicted = scores[i] > 0.5 ? 1 : 0;
    if (predicted === 1 && label === 1) tp++;
    else if (predicted === 1) fp++;
    else if (label === 1) fn++;
    else tn++;
    const p = Math.min(Math.max(scores[i], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    logLoss -= label === 1 ? Math.log(p) : Math.log(1 - p);
  });
  const ratio = (num, den) => (den === 0 ? 0 : num / den); // scikit-learn's zero_division=0
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    accuracy: (tp + tn) / labels.length,
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    roc_auc: rocAuc(labels, scores),
    log_loss: logLoss / labels.length,
  };
}

/** ROC AUC as the Mann-Whitney statistic: the chance a positive outscores a negative, ties counting half. */
function rocAuc(labels, scores) {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end++;
    const averageRank = (start + end) / 2 + 1; // tied scores share their average rank
    for (let k = start; k <= end; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return null; // undefined with one class; JSON has no NaN
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

// ---------------------------------------------------------------------------------------------------------
// Outputs

/** metrics.json: JSON, nested, as the train action and DVC read it. */
export async function writeMetrics(file, metrics) {
  await writeOutput(file, `${JSON.stringify(metrics, null, 2)}\n`);
}

/** predictions.csv: one row per test row, sorted by id: id, label, prediction (1 = malignant), score. */
export async function writePredictions(file, ids, labels, scores) {
  const lines = ids
    .map((id, i) => ({ id, line: `${id},${labels[i]},${scores[i] > 0.5 ? 1 : 0},${scores[i]}` }))
    .sort((a, b) => a.id - b.id)
    .map((row) => row.line);
  await writeOutput(file, ['id,label,prediction,score', ...lines, ''].join('\n'));
}

export async function writeOutput(file, text) {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, text);
}

/** The final line both scripts print. */
export function formatMetrics(metrics) {
  return Object.entries(metrics)
    .map(([name, value]) => `${name}=${value === null ? 'n/a' : value.toFixed(4)}`)
    .join(' ');
}
