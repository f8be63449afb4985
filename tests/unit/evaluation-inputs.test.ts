// Predictions files and pairing: the formats read, the column conventions, and one clear line for each mistake.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/src/errors';
import { computeMetric, evaluatePaired, pairPredictions, readPredictions, type PredictionsTable } from '../../shared/src/evaluation/index';

const dir = mkdtempSync(path.join(tmpdir(), 'evaluation-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string | Buffer): string {
  writeFileSync(path.join(dir, name), text);
  return name;
}
const read = (name: string, columns = {}, input = 'candidate-predictions'): Promise<PredictionsTable> => readPredictions(name, { cwd: dir, input, columns });

/** The one-line ConfigurationError a call gives. */
async function failure(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('reading predictions', () => {
  it('reads CSV, TSV, JSON Lines and gzip, numbers and text alike', async () => {
    const csv = await read(file('a.csv', 'id,label,prediction,score\n1,1,1,0.9\n2,0,1,0.6\n3,0,0,0.2\n'));
    const tsv = await read(file('a.tsv', 'id\tlabel\tprediction\tscore\n1\t1\t1\t0.9\n2\t0\t1\t0.6\n3\t0\t0\t0.2\n'));
    const jsonl = await read(file('a.jsonl.gz', gzipSync('{"id":3,"label":0,"prediction":0,"score":0.2}\n{"id":1,"label":1,"prediction":1,"score":0.9}\n\n{"id":2,"label":0,"prediction":1,"score":0.6}\n')));
    for (const table of [csv, tsv, jsonl]) {
      expect(table.rows).toBe(3);
      expect(computeMetric('accuracy', table)).toBeCloseTo(2 / 3, 15);
      expect(computeMetric('roc_auc', table)).toBe(1);
    }
    expect(jsonl.lines).toEqual(Int32Array.from([1, 2, 4]));
    const paired = pairPredictions(csv, jsonl);
    expect(paired.baseline.ids).toEqual(['1', '2', '3']);
    expect(paired.baseline.lines).toEqual(Int32Array.from([2, 4, 1]));
  });

  it('takes other column names, and keeps slice columns', async () => {
    const table = await read(file('named.csv', 'key,truth,guess,p_yes,segment\na,yes,yes,0.8,x\nb,no,yes,0.7,y\nc,no,no,0.1,\n'), {
      id: 'key',
      label: 'truth',
      prediction: 'guess',
      scorePrefix: 'p_',
      slices: ['segment'],
    });
    expect(table.slices.get('segment')).toEqual(['x', 'y', null]);
    expect(computeMetric('precision', table, { positiveLabel: 'yes' })).toBe(0.5);
    expect(computeMetric('roc_auc', table, { positiveLabel: 'yes' })).toBe(1);
  });

  it('derives predictions from scores when there is no prediction column: score > 0.5, or the argmax (first class on a tie)', async () => {
    const binary = await read(file('scores.csv', 'id,label,score\n1,1,0.5\n2,1,0.51\n3,0,0.2\n'));
    expect(computeMetric('accuracy', binary)).toBeCloseTo(2 / 3, 15);
    const multi = await read(file('multi.jsonl', ['{"id":1,"label":"b","score_a":0.4,"score_b":0.4,"score_c":0.2}', '{"id":2,"label":"c","score_a":0.1,"score_b":0.2,"score_c":0.7}'].join('\n')));
    expect(computeMetric('accuracy', multi)).toBe(0.5);
    expect(computeMetric('log_loss', multi)).toBeCloseTo(-(Math.log(0.4) + Math.log(0.7)) / 2, 14);
  });

  it('reads 1, "1" and "1.0" as one class, and pairs a JSON number id with its text', async () => {
    const a = await read(file('num.csv', 'id,label,prediction\n7,1.0,1\n8,0,0\n'));
    const b = await read(file('num.jsonl', '{"id":8,"label":0,"prediction":1}\n{"id":7,"label":1,"prediction":1}\n'), {}, 'baseline-predictions');
    const paired = pairPredictions(a, b);
    expect(computeMetric('accuracy', paired.candidate)).toBe(1);
    expect(computeMetric('accuracy', paired.baseline)).toBe(0.5);
  });
});

describe('mistakes, each one line naming the file, the line and what was expected', () => {
  it('a file of an unknown kind', async () => {
    expect(await failure(() => read(file('p.parquet', '')))).toBe(
      'candidate-predictions: "p.parquet" is not a predictions file this action reads; expected a name ending in .csv, .tsv, .jsonl or .ndjson (optionally .gz)',
    );
  });
  it('a missing id or label column, or no prediction nor score', async () => {
    expect(await failure(() => read(file('noid.csv', 'key,label,prediction\n1,0,0\n')))).toBe(
      'candidate-predictions: "noid.csv" has no id column "id"; its columns are "key", "label", "prediction"',
    );
    expect(await failure(() => read(file('nolabel.csv', 'id,y,prediction\n1,0,0\n')))).toContain('has no label column "label"');
    expect(await failure(() => read(file('nopred.csv', 'id,label\n1,0\n')))).toBe(
      'candidate-predictions: "nopred.csv" has no "prediction", "score" or "score_<class>" column; expected predictions or scores',
    );
    expect(await failure(() => read(file('noslice.csv', 'id,label,prediction\n1,0,0\n'), { slices: ['region'] }))).toContain('has no slice column "region"');
  });
  it('an empty file, an empty id or label, a duplicate id', async () => {
    expect(await failure(() => read(file('empty.csv', 'id,label,prediction\n')))).toBe('candidate-predictions: "empty.csv" has no rows; expected one row of predictions per test example');
    expect(await failure(() => read(file('emptyid.csv', 'id,label,prediction\n1,0,0\n,1,1\n')))).toBe(
      'candidate-predictions: "emptyid.csv" line 3: the id column "id" is empty; expected an id for every row',
    );
    expect(await failure(() => read(file('emptylabel.jsonl', '{"id":"a","label":null,"prediction":1}\n')))).toBe(
      'candidate-predictions: "emptylabel.jsonl" line 1: the label column "label" is empty for id "a"; expected the true value for every row',
    );
    expect(await failure(() => read(file('dup.csv', 'id,label,prediction\na,0,0\nb,1,1\na,1,0\n')))).toBe(
      'candidate-predictions: "dup.csv" line 4: duplicate id "a" (first on line 2); expected each id once',
    );
  });
  it("the readers' own errors keep their file and line, with the input named", async () => {
    expect(await failure(() => read(file('ragged.csv', 'id,label,prediction\n1,0\n')))).toBe('candidate-predictions: "ragged.csv" line 2: 2 fields; expected 3, as the header has');
    expect(await failure(() => read(file('bad.jsonl', '{"id":1,"label":0,"prediction":0}\n{"id":2,\n')))).toMatch(/^candidate-predictions: "bad\.jsonl" line 2: invalid JSON/);
  });
  it('ids in one file only, and different labels for the same id', async () => {
    const a = await read(file('pa.csv', 'id,label,prediction\n1,0,0\n2,1,1\n3,1,0\n'));
    const missing = await read(file('pb.csv', 'id,label,prediction\n1,0,0\n2,1,1\n'), {}, 'baseline-predictions');
    expect(await failure(() => pairPredictions(a, missing))).toBe(
      'candidate-predictions: "pa.csv" line 4: id "3" is not in baseline-predictions "pb.csv"; expected both models\' predictions on the same rows',
    );
    const extra = await read(file('pc.csv', 'id,label,prediction\n1,0,0\n2,1,1\n3,1,1\n4,0,0\n'), {}, 'baseline-predictions');
    expect(await failure(() => pairPredictions(a, extra))).toBe(
      'baseline-predictions: "pc.csv" line 5: id "4" is not in candidate-predictions "pa.csv"; expected both models\' predictions on the same rows',
    );
    const relabelled = await read(file('pd.csv', 'id,label,prediction\n1,0,0\n2,0,1\n3,1,1\n'), {}, 'baseline-predictions');
    expect(await failure(() => pairPredictions(a, relabelled))).toBe(
      'baseline-predictions: "pd.csv" line 3: id "2" has label "0", but "1" in candidate-predictions "pa.csv" line 3; expected the same label for the same id',
    );
  });
  it('values that do not fit the metric', async () => {
    const text = await read(file('text.csv', 'id,label,prediction\n1,3.5,4\n2,abc,2\n'));
    expect(await failure(() => computeMetric('rmse', text))).toBe('candidate-predictions: "text.csv" line 3: "label" is "abc"; expected a number (for rmse)');
    const prob = await read(file('prob.csv', 'id,label,score\n1,1,0.9\n2,0,1.3\n'));
    expect(await failure(() => computeMetric('brier', prob))).toBe('candidate-predictions: "prob.csv" line 3: "score" is 1.3; expected a probability between 0 and 1 (for brier)');
    expect(computeMetric('roc_auc', prob)).toBe(0); // a decision score need not be a probability
    const multi = await read(file('m.csv', 'id,label,prediction\n1,a,a\n2,b,c\n3,c,c\n'));
    expect(await failure(() => computeMetric('f1', multi))).toBe(
      'candidate-predictions: "m.csv": f1 is a binary metric, but the labels and predictions have 3 classes ("a", "b", "c"); expected two classes, or f1_macro / f1_weighted',
    );
    expect(await failure(() => computeMetric('log_loss', multi))).toBe(
      'candidate-predictions: "m.csv" has no column "score_a"; expected a probability column for every class ("a", "b", "c") (for log_loss)',
    );
    const words = await read(file('w.csv', 'id,label,prediction\n1,yes,yes\n2,no,yes\n'));
    expect(await failure(() => computeMetric('precision', words))).toBe(
      'candidate-predictions: "w.csv": the positive label "1" is not among the classes "no", "yes" (for precision); expected positive-label to name one of them',
    );
    expect(await failure(() => computeMetric('roc_auc', words, { positiveLabel: 'yes' }))).toBe(
      'candidate-predictions: "w.csv" has no "score" or "score_yes" column; expected the positive class\'s probability (for roc_auc)',
    );
    const oneClass = await read(file('one.csv', 'id,label,score\n1,1,0.9\n2,1,0.3\n'));
    expect(await failure(() => computeMetric('roc_auc', oneClass))).toBe(
      'candidate-predictions: "one.csv": roc_auc is undefined on these 2 rows (e.g. the labels hold one class only); expected rows of both classes',
    );
    expect(await failure(() => computeMetric('auc', oneClass))).toMatch(/^candidate-predictions: metric "auc" cannot be computed from predictions; expected one of accuracy, balanced_accuracy, /);
  });
  it('bad bootstrap settings', async () => {
    const a = await read(file('ba.csv', 'id,label,prediction\n1,0,0\n2,1,1\n3,1,0\n'));
    const paired = pairPredictions(a, a);
    expect(await failure(() => evaluatePaired('accuracy', paired, { resamples: 1.5 }))).toBe(
      'accuracy (candidate-predictions "ba.csv"): bootstrap resamples 1.5; expected an integer from 2 to 10,000,000 (default 2000)',
    );
    expect(await failure(() => evaluatePaired('accuracy', paired, { level: 95 }))).toBe(
      'accuracy (candidate-predictions "ba.csv"): confidence level 95; expected a number between 0 and 1, such as 0.95',
    );
    expect(await failure(() => evaluatePaired('accuracy', paired, { seed: -1 }))).toBe('accuracy (candidate-predictions "ba.csv"): bootstrap seed -1; expected a non-negative integer');
  });
});
