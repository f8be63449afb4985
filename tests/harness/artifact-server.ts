/**
 * A fake of the GitHub Actions results service's artifact API and of the Azure blob storage it signs uploads
 * for, which @actions/artifact v2+ (here v6) speaks when ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN are set
 * and GITHUB_SERVER_URL is github.com, *.ghe.com, *.localhost or unset (anything else is GHES, which it refuses).
 *
 * The requests of DefaultArtifactClient.uploadArtifact, from @actions/artifact's internal/upload/*.js:
 *   POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact    JSON, snake_case fields:
 *        {workflow_run_backend_id, workflow_job_run_backend_id, name, version: 7, mime_type, expires_at?}
 *        → {ok: true, signed_upload_url}. Twirp errors are {code, msg} with the code's HTTP status.
 *   PUT  <signed_upload_url>&comp=block&blockid=B   one block of the zip (8 MiB at most); 201
 *   PUT  <signed_upload_url>&comp=blocklist         <BlockList><Latest>B</Latest>…</BlockList>: the blob is the
 *        blocks in that order; 201 with ETag and Last-Modified
 *   POST /twirp/…/FinalizeArtifact {workflow_run_backend_id, workflow_job_run_backend_id, name, size, hash}
 *        → {ok: true, artifact_id}; size is an int64 as a string and hash `sha256:<hex>` of the zip
 * The twirp client takes only the origin of ACTIONS_RESULTS_URL, sends the runtime token as a bearer token and
 * reads the backend ids from its `scp` claim (a JWT it decodes without checking a signature). The blob requests
 * go through @azure/storage-blob's BlockBlobClient.uploadStream with the URL's SAS and no Authorization header.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { crc32, inflateRawSync } from 'node:zlib';
import { matchTemplate, startReplyingServer, type RecordedRequest, type Reply } from './http-util';

export interface StoredArtifact {
  id: number;
  name: string;
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
  /** CreateArtifact's `version`: 7 for @actions/artifact 6. */
  version: number;
  /** CreateArtifact's `mime_type`, `application/zip` for a zipped artifact. */
  mimeType?: string;
  /** CreateArtifact's `expires_at` (RFC 3339): sent only with the retentionDays option, capped by GITHUB_RETENTION_DAYS. */
  expiresAt?: string;
  /** The blob's content type, x-ms-blob-content-type of the block list. */
  contentType?: string;
  /** Blocks staged and not yet committed, by block id. */
  blocks: Map<string, Buffer>;
  /** The committed blob: the zip. Empty until the block list is committed. */
  zip: Buffer;
  /** The block ids of the committed block list, in order. */
  blockList: string[];
  /** FinalizeArtifact's size; 0 until finalized. */
  size: number;
  /** FinalizeArtifact's hash, `sha256:<hex>`. */
  digest?: string;
  finalized: boolean;
}

export interface ArtifactServer {
  /** The value for ACTIONS_RESULTS_URL: the service root, ending with '/'. */
  url: string;
  /** What a bundle needs in its environment to upload artifacts here. */
  env: { ACTIONS_RESULTS_URL: string; ACTIONS_RUNTIME_TOKEN: string };
  /** The backend ids in the runtime token's `Actions.Results` scope; requests must name these. */
  backendIds: { workflowRunBackendId: string; workflowJobRunBackendId: string };
  /** The artifacts of the workflow run by name, finalized or not. */
  artifacts: Map<string, StoredArtifact>;
  calls: RecordedRequest[];
  close(): Promise<void>;
}

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';
/** Blob URLs at an IP host are path-style for the Azure SDK: /<account>/<container>/<blob>. */
const BLOB_PREFIX = '/fakeblobaccount/actions-results/';
const STORAGE_VERSION = '2025-11-05';


/** Twirp error codes and the HTTP status each is sent with. */
const TWIRP_STATUS = {
  invalid_argument: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  failed_precondition: 412,
  internal: 500,
} as const;

function twirpError(code: keyof typeof TWIRP_STATUS, msg: string): Reply {
  return { status: TWIRP_STATUS[code], body: { code, msg } };
}

/** An Azure storage error: XML body and the x-ms-error-code header. */
function storageError(status: number, code: string, message: string): Reply {
  const requestId = randomUUID();
  const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nRequestId:${requestId}\nTime:${new Date().toISOString()}</Message></Error>`;
  return {
    status,
    body: Buffer.from(xml),
    headers: { 'content-type': 'application/xml', 'x-ms-error-code': code, 'x-ms-request-id': requestId, 'x-ms-version': STORAGE_VERSION },
  };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An unsigned JWT (`alg: none`, empty signature) with the scope the runner's token has; jwt-decode only decodes. */
export function runtimeToken(workflowRunBackendId: string, workflowJobRunBackendId: string): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = { scp: `Actions.GenericRead:00000000-0000-0000-0000-000000000000 Actions.Results:${workflowRunBackendId}:${workflowJobRunBackendId}`, iat: now, exp: now + 6 * 3600 };
  return `${base64url({ typ: 'JWT', alg: 'none' })}.${base64url(claims)}.`;
}

export async function startArtifactServer(): Promise<ArtifactServer> {
  const artifacts = new Map<string, StoredArtifact>();
  const calls: RecordedRequest[] = [];
  const backendIds = { workflowRunBackendId: randomUUID(), workflowJobRunBackendId: randomUUID() };
  const token = runtimeToken(backendIds.workflowRunBackendId, backendIds.workflowJobRunBackendId);
  // The SAS signature of every upload URL; a blob request without it is refused as Azure refuses a bad SAS.
  const signature = randomBytes(16).toString('base64');
  let nextId = 4_000_001;

  const signedUrl = (artifact: StoredArtifact): string => {
    const query = new URLSearchParams({ sv: STORAGE_VERSION, sr: 'b', sp: 'cw', se: new Date(Date.now() + 3_600_000).toISOString(), sig: signature });
    return `${origin}${BLOB_PREFIX}${artifact.id}/${encodeURIComponent(`${artifact.name}.zip`)}?${query}`;
  };

  /** The request's backend ids, which must be the token's, and the artifact name. */
  const identify = (body: Record<string, unknown>): Reply | { name: string } => {
    if (body['workflow_run_backend_id'] !== backendIds.workflowRunBackendId || body['workflow_job_run_backend_id'] !== backendIds.workflowJobRunBackendId) {
      return twirpError('permission_denied', 'the workflow run and job backend ids do not match the runtime token');
    }
    const name = body['name'];
    if (typeof name !== 'string' || name === '') return twirpError('invalid_argument', 'name is required');
    return { name };
  };

  const createArtifact = (body: Record<string, unknown>): Reply => {
    const who = identify(body);
    if ('status' in who) return who;
    const existing = artifacts.get(who.name);
    if (existing?.finalized) return twirpError('already_exists', 'an artifact with this name already exists on the workflow run');
    const artifact: StoredArtifact = {
      id: nextId++,
      name: who.name,
      workflowRunBackendId: backendIds.workflowRunBackendId,
      workflowJobRunBackendId: backendIds.workflowJobRunBackendId,
      version: typeof body['version'] === 'number' ? body['version'] : 0,
      mimeType: typeof body['mime_type'] === 'string' ? body['mime_type'] : undefined,
      expiresAt: typeof body['expires_at'] === 'string' ? body['expires_at'] : undefined,
      blocks: new Map(),
      zip: Buffer.alloc(0),
      blockList: [],
      size: 0,
      finalized: false,
    };
    artifacts.set(who.name, artifact); // an unfinalized upload of the same name is replaced, as on a retry
    return { status: 200, body: { ok: true, signed_upload_url: signedUrl(artifact) } };
  };

  const finalizeArtifact = (body: Record<string, unknown>): Reply => {
    const who = identify(body);
    if ('status' in who) return who;
    const artifact = artifacts.get(who.name);
    if (!artifact) return twirpError('not_found', `no artifact ${who.name} was created on this workflow run`);
    if (artifact.finalized) return twirpError('already_exists', `the artifact ${who.name} is already finalized`);
    if (artifact.blockList.length === 0) return twirpError('failed_precondition', `nothing was uploaded for the artifact ${who.name}`);
    const size = Number(body['size']);
    if (size !== artifact.zip.length) return twirpError('invalid_argument', `size ${String(body['size'])} does not match the ${artifact.zip.length} bytes uploaded`);
    const hash = body['hash'];
    if (hash !== undefined && hash !== `sha256:${createHash('sha256').update(artifact.zip).digest('hex')}`) {
      return twirpError('invalid_argument', `hash ${String(hash)} does not match the uploaded blob`);
    }
    artifact.size = size;
    artifact.digest = typeof hash === 'string' ? hash : undefined;
    artifact.finalized = true;
    // int64 fields are strings in proto3 JSON.
    return { status: 200, body: { ok: true, artifact_id: String(artifact.id) } };
  };

  const serveBlob = (request: RecordedRequest, artifact: StoredArtifact): Reply => {
    const ok = (headers: Record<string, string>): Reply => ({
      status: 201,
      headers: { 'x-ms-request-id': randomUUID(), 'x-ms-version': STORAGE_VERSION, 'x-ms-request-server-encrypted': 'true', date: new Date().toUTCString(), ...headers },
    });
    const comp = request.query['comp'];
    if (request.method === 'PUT' && comp === 'block') {
      if (artifact.finalized) return storageError(403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.');
      const blockId = request.query['blockid'] ?? '';
      if (blockId === '' || Buffer.from(blockId, 'base64').length > 64) return storageError(400, 'InvalidQueryParameterValue', 'Value for one of the query parameters specified in the request URI is invalid.');
      const length = Number(request.headers['content-length']);
      if (length !== request.rawBody.length) return storageError(400, 'InvalidHeaderValue', 'The value for one of the HTTP headers is not in the correct format.');
      artifact.blocks.set(blockId, request.rawBody);
      return ok({ 'content-md5': createHash('md5').update(request.rawBody).digest('base64') });
    }
    if (request.method === 'PUT' && comp === 'blocklist') {
      if (artifact.finalized) return storageError(403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.');
      const ids = [...String(request.rawBody).matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map((m) => m[2] ?? '');
      const parts: Buffer[] = [];
      for (const id of ids) {
        const block = artifact.blocks.get(id);
        if (!block) return storageError(400, 'InvalidBlockList', 'The specified block list is invalid.');
        parts.push(block);
      }
      artifact.zip = Buffer.concat(parts);
      artifact.blockList = ids;
      artifact.blocks.clear(); // uncommitted blocks are discarded when a block list is committed
      artifact.contentType = typeof request.headers['x-ms-blob-content-type'] === 'string' ? request.headers['x-ms-blob-content-type'] : undefined;
      return ok({ etag: `"0x${createHash('sha256').update(artifact.zip).digest('hex').slice(0, 15).toUpperCase()}"`, 'last-modified': new Date().toUTCString(), 'x-ms-version-id': new Date().toISOString() });
    }
    if (request.method === 'GET' && comp === undefined) {
      if (artifact.blockList.length === 0) return storageError(404, 'BlobNotFound', 'The specified blob does not exist.');
      return { status: 200, body: artifact.zip, headers: { 'content-type': artifact.contentType ?? 'application/octet-stream', 'x-ms-blob-type': 'BlockBlob' } };
    }
    return storageError(400, 'UnsupportedHttpVerb', `The fake blob storage does not support ${request.method} ${comp ? `comp=${comp}` : 'here'}.`);
  };

  const serve = (request: RecordedRequest): Reply => {
    if (request.path.startsWith(BLOB_PREFIX)) {
      // The blob store authorizes by the URL's SAS signature alone, never by the runtime token.
      if (request.query['sig'] !== signature) return storageError(403, 'AuthenticationFailed', 'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.');
      const blob = matchTemplate(`${BLOB_PREFIX}{id}/{file}`, request.path);
      const artifact = [...artifacts.values()].find((a) => a.id === Number(blob?.['id']) && `${a.name}.zip` === blob?.['file']);
      if (!artifact) return storageError(404, 'ContainerNotFound', 'The specified container does not exist.');
      return serveBlob(request, artifact);
    }
    if (!request.path.startsWith(SERVICE) || request.method !== 'POST') return twirpError('bad_route', `no route for ${request.method} ${request.path}`);
    if (request.headers['authorization'] !== `Bearer ${token}`) return twirpError('unauthenticated', 'the runtime token is missing or invalid');
    if (typeof request.body !== 'object' || request.body === null) return twirpError('invalid_argument', 'the body must be a JSON object');
    const body = request.body as Record<string, unknown>;
    const method = request.path.slice(SERVICE.length);
    if (method === 'CreateArtifact') return createArtifact(body);
    if (method === 'FinalizeArtifact') return finalizeArtifact(body);
    return twirpError('bad_route', `the fake implements no ${method}`);
  };

  const listening = await startReplyingServer(calls, (request) => serve(request));
  const origin = listening.origin;
  const url = `${origin}/`;
  return { url, env: { ACTIONS_RESULTS_URL: url, ACTIONS_RUNTIME_TOKEN: token }, backendIds, artifacts, calls, close: listening.close };
}

/**
 * The files of a zip by path, read through its central directory (so entries streamed with data descriptors,
 * as archiver writes them, read fine). Stored and deflated entries only; sizes and CRC-32s are checked.
 */
export function readZip(zip: Buffer): Map<string, Buffer> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip: no end of central directory record');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory header at ${offset}`);
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    offset += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw);
    else throw new Error(`${name}: compression method ${method} is not supported`);
    if (data.length !== size || crc32(data) !== crc) throw new Error(`${name}: size or CRC-32 does not match the central directory`);
    if (!name.endsWith('/')) files.set(name, data);
  }
  return files;
}
