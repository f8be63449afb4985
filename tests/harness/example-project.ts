import { cpSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './node';

/** The example ML project (breast-cancer data) that the tests, the demo and the docs use. */
export const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples', 'breast-cancer');

/** What a run of the example writes; a checkout never contains them, even when a run by hand left them behind. */
const GENERATED = new Set(['model', 'metrics.json', 'predictions.csv', 'run.json', 'profile.json', 'validation.json', '__pycache__']);

/** The train step of the example's workflow, as its README shows it. */
export const EXAMPLE_TRAIN_STEP: Readonly<Record<string, string>> = {
  command: 'node train.mjs',
  params: 'params.yaml',
  inputs: 'train.mjs\nlib.mjs\ndata/**',
  model: 'model',
  metrics: 'metrics.json',
  predictions: 'predictions.csv',
};

/** The validate-data step of the example's workflow. */
export const EXAMPLE_VALIDATE_STEP: Readonly<Record<string, string>> = {
  data: 'data/*.csv',
  contract: 'contract.yaml',
};

/** Copies the example's sources (nothing a run generated) into `target`, like a fresh checkout. */
export function checkoutExample(target: string): string {
  cpSync(EXAMPLE_DIR, target, { recursive: true, filter: (source) => !GENERATED.has(path.basename(source)) });
  return target;
}
