/** Small pieces the fake servers share: listening on loopback, reading bodies, matching route templates. */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type RequestListener, type Server } from 'node:http';
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
