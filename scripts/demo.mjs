// npm run demo — the main job: the train action on the example project, run through the runner's protocol
// with the local defaults (a cache folder, summaries written to files), in a scratch folder under .tmp/.
import { spawnSync } from 'node:child_process';
import { bundleTypeScript, ROOT } from './run-ts.mjs';

const { demo } = await bundleTypeScript({ demo: 'scripts/demo.ts' }, 'demo-build');
const result = spawnSync(process.execPath, [demo, ...process.argv.slice(2)], { stdio: 'inherit', cwd: ROOT });
process.exitCode = result.status ?? 1;
