import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Cache, Logger } from '../ports';

// `@actions/cache` brings the Azure storage SDK: loaded on first use, so actions that never cache start fast.
const loadCacheModule = () => import('@actions/cache');

/**
 * The runner's cache service through `@actions/cache`. The library reports a failing service itself (a
 * `Failed to restore: …` warning) and answers a miss; it does not tell its caller. So the restore watches for
 * that line, and when the service failed, the save is skipped instead of waiting on the same outage again and
 * warning twice.
 */
export function actionsCacheService(logger: Logger): Cache {
  let restoreFailed = false;
  return {
    description: 'the GitHub Actions cache',
    async restore(paths, key) {
      const actionsCache = await loadCacheModule();
      const { result, printed } = await watchStdout(() => actionsCache.restoreCache(paths, key));
      restoreFailed = /^::(warning|error)::Failed to restore/m.test(printed);
      return result;
    },
    async save(paths, key) {
      if (restoreFailed) {
        logger.info('Not saving to the cache: the cache service failed when it was asked for this key.');
        return;
      }
      const actionsCache = await loadCacheModule();
      try {
        await actionsCache.saveCache(paths, key);
      } catch (error) {
        // Another job saved the same key first (ReserveCacheError), or saving is not allowed: not worth failing for.
        if (error instanceof actionsCache.ValidationError) throw error;
        throw new CacheSaveSkipped((error as Error).message);
      }
    },
  };
}

/** Runs `fn` and returns what it printed on stdout too (still printing it), for libraries that only log. */
async function watchStdout<T>(fn: () => Promise<T>): Promise<{ result: T; printed: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    return { result: await fn(), printed: chunks.join('') };
  } finally {
    process.stdout.write = write;
  }
}

export class CacheSaveSkipped extends Error {
  override readonly name = 'CacheSaveSkipped';
}

/**
 * A cache in a local folder, for the local runner and for any CI without the Actions cache
 * (`MLOPS_CACHE_DIR`). An entry is written to a temporary folder and renamed into place, so a killed save
 * never leaves half an entry behind.
 */
export function localFolderCache(directory: string, workspace: string): Cache {
  const entryDir = (key: string): string => path.join(directory, createHash('sha256').update(key).digest('hex'));
  return {
    description: `the local cache folder ${directory}`,
    async restore(paths, key) {
      const dir = entryDir(key);
      let manifest: { key: string; paths: string[] };
      try {
        manifest = JSON.parse(await readFile(path.join(dir, 'entry.json'), 'utf8')) as typeof manifest;
      } catch {
        return undefined;
      }
      if (manifest.key !== key) return undefined;
      const wanted = paths.map((p) => path.relative(workspace, path.resolve(workspace, p)));
      if (JSON.stringify(wanted) !== JSON.stringify(manifest.paths)) return undefined;
      for (const [index, relative] of manifest.paths.entries()) {
        const target = path.resolve(workspace, relative);
        await rm(target, { recursive: true, force: true });
        await mkdir(path.dirname(target), { recursive: true });
        await cp(path.join(dir, 'files', String(index)), target, { recursive: true });
      }
      return key;
    },
    async save(paths, key) {
      const dir = entryDir(key);
      const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
      const relative = paths.map((p) => path.relative(workspace, path.resolve(workspace, p)));
      await mkdir(path.join(staging, 'files'), { recursive: true });
      for (const [index, p] of paths.entries()) {
        await cp(path.resolve(workspace, p), path.join(staging, 'files', String(index)), { recursive: true });
      }
      await writeFile(path.join(staging, 'entry.json'), JSON.stringify({ key, paths: relative }));
      await rm(dir, { recursive: true, force: true });
      await rename(staging, dir);
    },
  };
}

/** No cache at all: warns once, then every lookup misses and nothing is saved. */
export function noCache(reason: string, logger: Logger): Cache {
  let warned = false;
  const warnOnce = (): void => {
    if (!warned) logger.warning(`No cache service: ${reason}. Training runs every time.`);
    warned = true;
  };
  return {
    description: 'no cache',
    restore: async () => {
      warnOnce();
      return undefined;
    },
    save: async () => warnOnce(),
  };
}

/** Picks the cache: the runner's service when it is there, else MLOPS_CACHE_DIR, else none (with a warning). */
export function selectCache(env: NodeJS.ProcessEnv, workspace: string, logger: Logger): Cache {
  if (cacheServiceAvailable(env)) return actionsCacheService(logger);
  const localDir = env['MLOPS_CACHE_DIR'];
  if (localDir) return localFolderCache(path.resolve(localDir), workspace);
  return noCache('not on a GitHub runner (ACTIONS_CACHE_URL and ACTIONS_RESULTS_URL are unset) and MLOPS_CACHE_DIR is not set', logger);
}

/** The rule of `@actions/cache`'s isFeatureAvailable(), read from the environment without loading the module. */
function cacheServiceAvailable(env: NodeJS.ProcessEnv): boolean {
  return env['ACTIONS_CACHE_SERVICE_V2'] ? Boolean(env['ACTIONS_RESULTS_URL']) : Boolean(env['ACTIONS_CACHE_URL']);
}
