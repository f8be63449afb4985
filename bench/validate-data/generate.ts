/**
 * A generated dataset for the validate-data benchmarks: 20 mixed columns (integers, floats, categories, strings
 * with quoting, timestamps, booleans, nulls), deterministic for a given row count, written as CSV or JSON Lines.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { uniforms } from '../../tests/fixtures/random';

export const COLUMNS = [
  'id', 'age', 'income', 'score', 'plan', 'country', 'email', 'signup', 'active', 'clicks',
  'ratio', 'name', 'zip', 'height', 'weight', 'segment', 'device', 'session_seconds', 'referrer', 'notes',
] as const;

const PLANS = ['free', 'pro', 'team'];
const COUNTRIES = Array.from({ length: 30 }, (_, i) => `C${String.fromCharCode(65 + (i % 26))}${i}`);
const SEGMENTS = ['a', 'b', 'c', 'd', 'e'];
const DEVICES = ['ios', 'android', 'web', 'desktop'];
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];

export function* rows(count: number, seed = 1): Generator<Array<string | number | boolean | null>> {
  // Seeded, so every run writes the same bytes.
  const rand = uniforms(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const start = Date.UTC(2024, 0, 1);
  for (let id = 1; id <= count; id++) {
    const name = `${pick(WORDS)} ${pick(WORDS)}${rand() < 0.1 ? ', jr.' : ''}`;
    yield [
      id,
      18 + Math.floor(rand() * 70),
      Math.round(Math.exp(10 + normal() * 0.5) * 100) / 100,
      Math.round(rand() * 1e6) / 1e6,
      pick(PLANS),
      pick(COUNTRIES),
      `user${id}@example.com`,
      new Date(start + Math.floor(rand() * 300 * 86_400_000)).toISOString(),
      rand() < 0.5,
      Math.floor(rand() * 1000),
      Math.round(rand() * 1e4) / 1e4,
      name,
      String(10000 + Math.floor(rand() * 89999)),
      Math.round((170 + normal() * 10) * 10) / 10,
      Math.round((70 + normal() * 12) * 10) / 10,
      pick(SEGMENTS),
      pick(DEVICES),
      Math.round(rand() * 3600 * 100) / 100,
      rand() < 0.2 ? null : `https://ref${Math.floor(rand() * 100)}.example.org/`,
      rand() < 0.3 ? `said "${pick(WORDS)}", then ${pick(WORDS)}` : pick(WORDS),
    ];
  }
}

function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes rows until the file reaches `bytes`; returns the row count. */
export async function writeDataset(file: string, format: 'csv' | 'jsonl', bytes: number, seed = 1): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  let count = 0;
  const write = async (text: string): Promise<void> => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  if (format === 'csv') await write(`${COLUMNS.join(',')}\n`);
  for (const row of rows(Number.MAX_SAFE_INTEGER, seed)) {
    if (written >= bytes) break;
    count++;
    if (format === 'csv') await write(`${row.map(csvField).join(',')}\n`);
    else await write(`${JSON.stringify(Object.fromEntries(COLUMNS.map((c, i) => [c, row[i]])))}\n`);
  }
  out.end();
  await once(out, 'finish');
  return count;
}
