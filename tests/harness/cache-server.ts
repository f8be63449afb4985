/**
 * A fake of the Actions cache service, protocol v1 (`_apis/artifactcache`), which @actions/cache speaks when
 * ACTIONS_CACHE_URL is set and ACTIONS_CACHE_SERVICE_V2 is not (and always on GHES). With `env` in a bundle's
 * environment, restoreCache/saveCache get real hits and misses. The archives are opaque bytes here: gzip or
 * zstd tarballs, whichever @actions/cache chose.
 *
 * The requests, from @actions/cache's internal/cacheHttpClient.js:
 *   GET   _apis/artifactcache/cache?keys=k1,k2&version=V   204 on a miss; 200 {cacheKey, archiveLocation, …}
 *   GET   _apis/artifactcache/caches?key=K                 listing, only asked for in debug mode after a miss
 *   POST  _apis/artifactcache/caches {key, version, cacheSize}   reserve: 201 {cacheId}; 409 when taken
 *   PATCH _apis/artifactcache/caches/{id}  Content-Range: bytes S-E/*   one chunk of the archive; 204
 *   POST  _apis/artifactcache/caches/{id} {size}          commit: 204, or 400 when the chunks do not add up
 * and the download of archiveLocation, a plain GET that must send Content-Length (it checks the size).
 */
import { matchTemplate, startReplyingServer, type RecordedRequest, type Reply } from './http-util';

export interface CacheEntry {
  id: number;
  key: string;
  version: string;
  /** The branch the entry belongs to. The fake has one scope; the real service also matches the default branch. */
  scope: string;
  /** Size announced when reserving, if any. */
  reservedSize?: number;
  committed: boolean;
  createdAt: string;
  /** Uploaded chunks by offset, until the commit joins them into `archive`. */
  chunks: Map<number, Buffer>;
  archive?: Buffer;
}

export interface CacheServer {
  /** The value for ACTIONS_CACHE_URL: the service root, ending with '/'. */
  url: string;
  /** What a bundle needs in its environment to use this cache. */
  env: { ACTIONS_CACHE_URL: string; ACTIONS_RUNTIME_TOKEN: string };
  entries: CacheEntry[];
  calls: RecordedRequest[];
  /** While down, every request answers 503, as during a cache service outage. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

const SCOPE = 'refs/heads/main';
const RUNTIME_TOKEN = 'fake-actions-runtime-token';
/** A path prefix like the real service's per-account segment, so clients must use the URL as given. */
const SERVICE_PATH = '/fake-cache-service/';


function json(status: number, body: unknown): Reply {
  return { status, body };
}

/**
 * The lookup rule: for each key in order, an exact match of key and version first, then the newest entry
 * whose key starts with it. Only committed entries are visible.
 */
export function findEntry(entries: CacheEntry[], keys: string[], version: string): CacheEntry | undefined {
  const candidates = entries.filter((e) => e.committed && e.version === version);
  for (const key of keys) {
    const exact = candidates.find((e) => e.key === key);
    if (exact) return exact;
    const prefixed = candidates.filter((e) => e.key.startsWith(key)).sort((a, b) => b.id - a.id)[0];
    if (prefixed) return prefixed;
  }
  return undefined;
}

export async function startCacheServer(): Promise<CacheServer> {
  const entries: CacheEntry[] = [];
  const calls: RecordedRequest[] = [];
  let down = false;
  let nextId = 1;

  const entryJson = (entry: CacheEntry): Record<string, unknown> => ({
    scope: entry.scope,
    cacheKey: entry.key,
    cacheVersion: entry.version,
    creationTime: entry.createdAt,
    archiveLocation: `${origin}/_storage/caches/${entry.id}`,
  });

  const serve = (request: RecordedRequest): Reply => {
    if (down) return json(503, { message: 'Service Unavailable' });
    const storage = matchTemplate('/_storage/caches/{id}', request.path);
    if (storage && request.method === 'GET') {
      // The archive URL is pre-signed on the real service (Azure blob storage): no runtime token.
      const entry = entries.find((e) => e.id === Number(storage['id']) && e.committed);
      return entry?.archive ? { status: 200, body: entry.archive, headers: { 'content-type': 'application/octet-stream' } } : json(404, { message: 'BlobNotFound' });
    }
    if (!request.path.startsWith(SERVICE_PATH)) return json(404, { message: 'Not Found' });
    if (request.headers['authorization'] !== `Bearer ${RUNTIME_TOKEN}`) return json(401, { message: 'Unauthorized' });
    const resource = `/${request.path.slice(SERVICE_PATH.length)}`;

    if (request.method === 'GET' && resource === '/_apis/artifactcache/cache') {
      const keys = (request.query['keys'] ?? '').split(',').filter((k) => k !== '');
      const version = request.query['version'] ?? '';
      if (keys.length === 0 || version === '') return json(400, { message: 'keys and version are required' });
      const entry = findEntry(entries, keys, version);
      return entry ? json(200, entryJson(entry)) : { status: 204 };
    }
    if (request.method === 'GET' && resource === '/_apis/artifactcache/caches') {
      const key = request.query['key'] ?? '';
      const matching = entries.filter((e) => e.committed && e.key === key);
      return json(200, { totalCount: matching.length, artifactCaches: matching.map(entryJson) });
    }
    if (request.method === 'POST' && resource === '/_apis/artifactcache/caches') {
      const body = request.body as { key?: unknown; version?: unknown; cacheSize?: unknown };
      if (typeof body?.key !== 'string' || typeof body.version !== 'string') return json(400, { message: 'key and version are required' });
      // A key is taken from the reservation on, so two jobs saving the same key race and one gets 409.
      if (entries.some((e) => e.key === body.key && e.version === body.version)) {
        return json(409, {
          message: `Cache already exists. Scope: ${SCOPE}, Key: ${body.key}, Version: ${body.version}`,
          typeKey: 'ArtifactCacheAlreadyExistsException',
        });
      }
      const entry: CacheEntry = {
        id: nextId++,
        key: body.key,
        version: body.version,
        scope: SCOPE,
        reservedSize: typeof body.cacheSize === 'number' ? body.cacheSize : undefined,
        committed: false,
        createdAt: new Date().toISOString(),
        chunks: new Map(),
      };
      entries.push(entry);
      return json(201, { cacheId: entry.id });
    }
    const cacheId = matchTemplate('/_apis/artifactcache/caches/{id}', resource);
    if (cacheId) {
      const entry = entries.find((e) => e.id === Number(cacheId['id']));
      if (!entry) return json(404, { message: `Cache ${cacheId['id']} not found` });
      if (entry.committed) return json(400, { message: `Cache ${entry.id} is already committed` });
      if (request.method === 'PATCH') return uploadChunk(entry, request);
      if (request.method === 'POST') return commit(entry, request);
    }
    return json(404, { message: 'Not Found' });
  };

  const listening = await startReplyingServer(calls, (request) => serve(request));
  const origin = listening.origin;
  const url = `${origin}${SERVICE_PATH}`;
  return {
    url,
    env: { ACTIONS_CACHE_URL: url, ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN },
    entries,
    calls,
    setDown: (value) => {
      down = value;
    },
    close: listening.close,
  };
}

/** Content-Range is `bytes START-END/*`, END inclusive; the body must be exactly that long. */
function uploadChunk(entry: CacheEntry, request: RecordedRequest): Reply {
  const range = /^bytes (\d+)-(\d+)\/(\*|\d+)$/.exec(String(request.headers['content-range'] ?? ''));
  if (!range) return json(400, { message: `Bad Content-Range ${JSON.stringify(request.headers['content-range'])}` });
  const start = Number(range[1]);
  const end = Number(range[2]);
  if (end - start + 1 !== request.rawBody.length) {
    return json(400, { message: `Content-Range ${start}-${end} does not match the ${request.rawBody.length} bytes sent` });
  }
  entry.chunks.set(start, request.rawBody);
  return { status: 204 };
}

/** Joins the chunks, which must cover 0…size-1 without gaps or overlaps. */
function commit(entry: CacheEntry, request: RecordedRequest): Reply {
  const size = (request.body as { size?: unknown })?.size;
  if (typeof size !== 'number') return json(400, { message: 'size is required' });
  const parts: Buffer[] = [];
  let offset = 0;
  for (const start of [...entry.chunks.keys()].sort((a, b) => a - b)) {
    if (start !== offset) return json(400, { message: `Chunks leave a gap or overlap at byte ${offset}` });
    const chunk = entry.chunks.get(start) as Buffer;
    parts.push(chunk);
    offset += chunk.length;
  }
  if (offset !== size) return json(400, { message: `The uploaded size ${offset} does not match the committed size ${size}` });
  entry.archive = Buffer.concat(parts);
  entry.chunks.clear();
  entry.committed = true;
  return { status: 204 };
}
