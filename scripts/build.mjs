// One esbuild build for every action: actions/<name>/src/index.ts -> actions/<name>/dist/index.js (ESM), and
// the command line cli/mlops-actions.ts -> bin/mlops-actions.mjs (the package's `bin`).
//   node scripts/build.mjs           build into the actions' dist/ folders and bin/
//   node scripts/build.mjs --check   build into a temporary folder and fail when a committed bundle differs
import { build } from 'esbuild';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

// The toolkit's packages are ESM, but some of their dependencies still `require` Node built-ins: in an ESM
// bundle there is no `require`, so the banner makes one. Their free uses of __dirname and __filename become
// import.meta.dirname and import.meta.filename (Node 20.11 and later).
const banner = "import { createRequire as __mlopsCreateRequire } from 'node:module'; const require = __mlopsCreateRequire(import.meta.url);";

const actions = (await readdir(path.join(root, 'actions'), { withFileTypes: true }))
  .filter((entry) => entry.isDirectory() && existsSync(path.join(root, 'actions', entry.name, 'src', 'index.ts')))
  .map((entry) => entry.name)
  .sort();

const outRoot = check ? await mkdtemp(path.join(os.tmpdir(), 'mlops-dist-')) : path.join(root, 'actions');
const distOf = (name) => path.join(outRoot, name, 'dist');
const CLI_BUNDLE = 'bin/mlops-actions.mjs';
const cliOut = check ? path.join(outRoot, CLI_BUNDLE) : path.join(root, CLI_BUNDLE);
try {
  // Each action is its own build, so its dist/ stands alone. Splitting puts modules that are loaded on first
  // use (the cache and artifact clients) into chunks of their own, which keeps the cold start small.
  for (const name of actions) {
    if (!check) await rm(distOf(name), { recursive: true, force: true });
    await buildAction(name);
  }
  await buildCli();
  if (check) {
    const stale = [];
    const freshCli = await readFile(cliOut);
    const committedCli = path.join(root, CLI_BUNDLE);
    if (!existsSync(committedCli) || !freshCli.equals(await readFile(committedCli))) stale.push(CLI_BUNDLE);
    for (const name of actions) {
      const committedDir = path.join(root, 'actions', name, 'dist');
      const fresh = await listing(distOf(name));
      const committed = existsSync(committedDir) ? await listing(committedDir) : [];
      const names = new Set([...fresh, ...committed]);
      for (const file of names) {
        const a = fresh.includes(file) ? await readFile(path.join(distOf(name), file)) : undefined;
        const b = committed.includes(file) ? await readFile(path.join(committedDir, file)) : undefined;
        if (!a || !b || !a.equals(b)) stale.push(`actions/${name}/dist/${file}`);
      }
    }
    if (stale.length > 0) {
      console.error(`These bundles differ from a fresh build; run \`npm run build\` and commit them:\n  ${stale.join('\n  ')}`);
      process.exitCode = 1;
    } else {
      console.log(`${actions.length} action bundles match a fresh build.\n${CLI_BUNDLE} matches a fresh build.`);
    }
  } else {
    console.log(`Built ${actions.map((name) => `actions/${name}/dist/`).join(', ')}, ${CLI_BUNDLE}`);
  }
} finally {
  if (check) await rm(outRoot, { recursive: true, force: true });
}

/** Every file under `dir`, as sorted relative paths. */
async function listing(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

async function buildAction(name) {
  await build({
    absWorkingDir: root,
    entryPoints: { index: `actions/${name}/src/index.ts` },
    outdir: distOf(name),
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: banner },
    legalComments: 'none',
    logLevel: 'warning',
    // Reproducible output: no absolute paths, no timestamps.
    sourcemap: false,
    charset: 'utf8',
    define: { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' },
  });
}

// One file with its dependencies inside, so `npx mlops-actions` needs nothing but the package's actions/ beside
// it. It finds the action bundles relative to itself.
async function buildCli() {
  await build({
    absWorkingDir: root,
    entryPoints: ['cli/mlops-actions.ts'],
    outfile: cliOut,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: `#!/usr/bin/env node\n${banner}` },
    legalComments: 'none',
    logLevel: 'warning',
    sourcemap: false,
    charset: 'utf8',
    define: { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' },
  });
}
