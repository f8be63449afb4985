// npm run bench [-- <name> …] — builds the benchmarks (TypeScript) and runs each under Node 24 when it is
// installed (as the actions run on GitHub), else under this Node. Each prints its figures against a baseline
// measured in the same run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { bundleTypeScript, preferredNode, ROOT } from '../scripts/run-ts.mjs';

const wanted = process.argv.slice(2);
const names = readdirSync(path.join(ROOT, 'bench'))
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();
const built = await bundleTypeScript(Object.fromEntries(names.map((name) => [name, `bench/${name}.bench.ts`])), 'bench-build');
const node = process.env.MLOPS_BENCH_NODE ?? preferredNode();
for (const name of names) {
  console.log(`\n## ${name}`);
  const result = spawnSync(node, [built[name]], { stdio: 'inherit', cwd: ROOT, env: { ...process.env, MLOPS_BENCH_NODE: node } });
  if (result.status !== 0) process.exitCode = 1;
}
