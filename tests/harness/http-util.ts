/** Small pieces the fake servers share: listening on loopback, reading bodies, matching route templates. */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The body as raw bytes. */
  rawBody: Buffer;
  /** The body parsed as JSON when it is JSON, else the raw text ('' when empty). */
  body: unknown;
  /** The status the server answered. */
  status?: number;
}

/** Listens on 127.0.0.1 on a free port; never on another interface, so tests expose nothing. */
export async function listenOnLoopback(handler: RequestListener): Promise<{ server: Server; origin: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets of the clients would hold close() open until they time out.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export async function readRequest(request: IncomingMessage, origin: string): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks);
  const url = new URL(request.url ?? '/', origin);
  const text = rawBody.toString('utf8');
  let body: unknown = text;
  if (/json/i.test(request.headers['content-type'] ?? '') && text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text; // recorded as sent; the route answers 400
    }
  }
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: request.headers,
    rawBody,
    body,
  };
}

/**
 * Matches a path against a template such as `/repos/{owner}/{repo}/issues/{issue_number}/comments`; each
 * `{name}` is one URL-decoded path segment. Returns the parameters, or undefined when it does not match.
 */
export function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const templateParts = template.split('/');
  const pathParts = path.split('/');
  if (templateParts.length !== pathParts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of templateParts.entries()) {
    const actual = pathParts[index] ?? '';
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name) {
      if (actual === '') return undefined;
      params[name] = decodeURIComponent(actual);
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
}

/** What a fake server answers: a Buffer body goes as it is, any other body as JSON. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ReplyOptions {
  /** The content type of JSON bodies (default application/json). */
  jsonType?: string;
  /** The content type of Buffer bodies when the reply sets none. */
  binaryType?: string;
  /** Headers every answer carries, computed after `serve` (a reply's own headers win). */
  headers?: () => Record<string, string>;
}

/**
 * A loopback server for the fakes: records every request in `calls` (with the status it got), answers with what
 * `serve` returns, and turns a bug of the fake into a plain 500 instead of a hung request.
 */
export async function startReplyingServer(
  calls: RecordedRequest[],
  serve: (request: RecordedRequest) => Reply | Promise<Reply>,
  options: ReplyOptions = {},
): Promise<{ origin: string; close: () => Promise<void> }> {
  let origin = '';
  const handler = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const request = await readRequest(incoming, origin);
    calls.push(request);
    const reply = await serve(request);
    request.status = reply.status;
    const headers: Record<string, string> = { ...options.headers?.(), ...reply.headers };
    let payload: Buffer | undefined;
    if (Buffer.isBuffer(reply.body)) {
      payload = reply.body;
      if (options.binaryType) headers['content-type'] ??= options.binaryType;
    } else if (reply.body !== undefined) {
      payload = Buffer.from(JSON.stringify(reply.body));
      headers['content-type'] = options.jsonType ?? 'application/json';
    }
    headers['content-length'] = String(payload?.length ?? 0);
    response.writeHead(reply.status, headers);
    response.end(payload);
  };
  const listening = await listenOnLoopback((incoming, response) => {
    handler(incoming, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  origin = listening.origin;
  return { origin, close: listening.close };
}
