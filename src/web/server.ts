import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { CallResult } from '../core/api/contract';
import { CONTENT_SECURITY_POLICY, CSP_HEADER_VALUES } from './csp';

// Defined once in ./csp (also the renderer's meta tag and the Electron window's header); re-exported for callers of the bridge.
export { CONTENT_SECURITY_POLICY };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const MAX_BODY_BYTES = 100 * 1024 * 1024;

export interface WebBridge {
  url: string;
  token: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Compares bytes, not characters: a header with a non-ASCII byte is just a wrong token. */
function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

const refusal = (message: string, code: 'invalid-input' | 'internal' = 'invalid-input') => JSON.stringify({ ok: false, error: { code, message } });

export const ACCESS_TOKEN_MESSAGE =
  'Missing or wrong access token: open the URL that npm run web printed (it ends in #token=…) in this tab; the page takes the token from it.';

const BODY_SHAPE = 'The request body must be a JSON object: {"method": "<name>", "input": …}';

/** The `{ method, input }` of a call, or the reason it is not one. */
function parseCall(body: string): { method: string; input: unknown } | string {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return `Request body is not JSON. ${BODY_SHAPE}`;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return BODY_SHAPE;
  const { method, input } = payload as { method?: unknown; input?: unknown };
  if (typeof method !== 'string' || method === '') return `${BODY_SHAPE}; "method" must be a non-empty string`;
  return { method, input };
}

/** Runs one contract call: the web bridge relays it to the core host (src/core/host), tests may dispatch directly. */
export type CallCore = (method: string, input: unknown) => Promise<CallResult>;

/**
 * Serves the built renderer and the API contract on 127.0.0.1 only. Calls need the random token that
 * is printed with the URL, and the Host header must be the loopback address, so that neither another
 * local user's browser tab nor a DNS-rebinding page can drive the coordinator's data. This thread only
 * checks and relays: `call` runs the work elsewhere, so a long call never holds up the next request.
 */
export async function startWebBridge(options: { call: CallCore; staticDir: string; port?: number; token?: string }): Promise<WebBridge> {
  // A token kept per workspace (./token.ts) lets a restarted bridge accept the tabs that were open.
  const token = options.token ?? randomBytes(24).toString('hex');
  const root = normalize(options.staticDir + sep);
  let allowedHosts = new Set<string>();

  const server = createServer(async (req, res) => {
    try {
      if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, JSON.stringify({ error: 'Wrong host' }));
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/api/call') {
        if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'POST only' }));
        if (!tokenMatches(req.headers['x-pairwise-token'], token)) return send(res, 401, refusal(ACCESS_TOKEN_MESSAGE));
        let body: string;
        try {
          body = await readBody(req);
        } catch {
          return send(res, 413, refusal('Request body too large'));
        }
        const call = parseCall(body);
        if (typeof call === 'string') return send(res, 400, refusal(call));
        const result = await options.call(call.method, call.input);
        return send(res, 200, JSON.stringify(result));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '');
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        return send(res, 400, 'Bad request: the path is not valid percent-encoded UTF-8', 'text/plain; charset=utf-8');
      }
      if (path.includes('\0')) return send(res, 400, 'Bad request', 'text/plain; charset=utf-8');
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) return send(res, 403, '');
      if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html'); // client-side routes
      if (!existsSync(file)) return send(res, 500, 'The web build is missing: run npm run build:web', 'text/plain; charset=utf-8');
      res.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': [...CSP_HEADER_VALUES],
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      });
      if (req.method === 'HEAD') return void res.end();
      createReadStream(file)
        .on('error', (error) => {
          console.error(`[pairwise] could not read ${file}:`, error);
          res.destroy();
        })
        .pipe(res);
    } catch (error) {
      // Never a stack trace or an internal message on the wire: the details go to the terminal only.
      console.error('[pairwise] the web bridge could not answer a request:', error);
      if (res.headersSent) return void res.destroy();
      send(res, 500, refusal('Pairwise could not answer this request; the terminal running npm run web has the details.', 'internal'));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
