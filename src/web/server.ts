import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { CallResult } from '../core/api/contract';

/** The same policy the Electron window enforces, so the browser build cannot do more than the app. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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

function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

/** Runs one contract call: the web bridge relays it to the core host (src/core/host), tests may dispatch directly. */
export type CallCore = (method: string, input: unknown) => Promise<CallResult>;

/**
 * Serves the built renderer and the API contract on 127.0.0.1 only. Calls need the random token that
 * is printed with the URL, and the Host header must be the loopback address, so that neither another
 * local user's browser tab nor a DNS-rebinding page can drive the coordinator's data. This thread only
 * checks and relays: `call` runs the work elsewhere, so a long call never holds up the next request.
 */
export async function startWebBridge(options: { call: CallCore; staticDir: string; port?: number }): Promise<WebBridge> {
  const token = randomBytes(24).toString('hex');
  const root = normalize(options.staticDir + sep);
  let allowedHosts = new Set<string>();

  const server = createServer(async (req, res) => {
    try {
      if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, JSON.stringify({ error: 'Wrong host' }));
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/api/call') {
        if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'POST only' }));
        if (!tokenMatches(req.headers['x-pairwise-token'] as string | undefined, token)) {
          return send(res, 401, JSON.stringify({ ok: false, error: { code: 'invalid-input', message: 'Missing or wrong access token: open the URL printed by npm run web' } }));
        }
        let payload: { method?: unknown; input?: unknown };
        try {
          payload = JSON.parse(await readBody(req)) as typeof payload;
        } catch {
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid-input', message: 'Request body is not JSON' } }));
        }
        const result = await options.call(String(payload?.method ?? ''), payload?.input);
        return send(res, 200, JSON.stringify(result));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '');
      let file = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!file.startsWith(root)) return send(res, 403, '');
      if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html'); // client-side routes
      if (!existsSync(file)) return send(res, 500, 'The web build is missing: run npm run build:web', 'text/plain');
      res.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      });
      createReadStream(file).pipe(res);
    } catch (error) {
      send(res, 500, JSON.stringify({ ok: false, error: { code: 'internal', message: (error as Error).message } }));
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
