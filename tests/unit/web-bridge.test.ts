import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../src/core/api/dispatch';
import { createHandlers } from '../../src/core/api/handlers';
import { CONTENT_SECURITY_POLICY, cspHtmlPlugin, HEADER_ONLY_POLICY } from '../../src/web/csp';
import { startWebBridge, type CallCore, type WebBridge } from '../../src/web/server';
import { tempDir, tempStore } from './temp';

const resourcesDir = join(__dirname, '../../resources');
const bridges: WebBridge[] = [];
afterEach(async () => {
  while (bridges.length) await bridges.pop()!.close();
  vi.restoreAllMocks();
});

async function bridgeOn(call?: CallCore, staticDir = tempDir()): Promise<WebBridge> {
  const handlers = createHandlers({ store: await tempStore(), resourcesDir });
  const bridge = await startWebBridge({ call: call ?? ((method, input) => dispatch(handlers, method, input)), staticDir });
  bridges.push(bridge);
  return bridge;
}

/** One request written byte for byte (fetch and http.request would refuse or re-encode what these tests send). */
function rawRequest(bridge: WebBridge, head: Buffer | string, body = ''): Promise<{ status: number; headers: string; body: string }> {
  const { port, host } = new URL(bridge.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [headers = '', ...rest] = text.split('\r\n\r\n');
      let body = rest.join('\r\n\r\n');
      if (/^transfer-encoding: chunked$/im.test(headers)) {
        let plain = '';
        for (let at = 0, size = 0; (size = parseInt(body.slice(at), 16)) > 0; ) {
          const start = body.indexOf('\r\n', at) + 2;
          plain += body.slice(start, start + size);
          at = start + size + 2;
        }
        body = plain;
      }
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(headers)?.[1] ?? 0), headers, body });
    });
    const bodyBytes = Buffer.from(body);
    socket.write(Buffer.concat([Buffer.isBuffer(head) ? head : Buffer.from(head, 'latin1'), Buffer.from(`\r\nHost: ${host}\r\nContent-Length: ${bodyBytes.length}\r\nConnection: close\r\n\r\n`), bodyBytes]));
  });
}

const post = (bridge: WebBridge, body: string) =>
  fetch(new URL('/api/call', bridge.url), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Pairwise-Token': bridge.token }, body });

const STACK = /\n\s+at\s|\.ts:\d+|node:internal|Error:/;

describe('web bridge: requests that do not fit', () => {
  it('answers a body that is not a {method, input} object with 400 and says what it must be', async () => {
    const bridge = await bridgeOn();
    for (const body of ['null', '[]', '42', '"programs.list"', 'true', '{}', '{"method": 7}', '{"method": ""}', 'not json', '']) {
      const response = await post(bridge, body);
      expect(response.status, body).toBe(400);
      const answer = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(answer.error.message, body).toContain('must be a JSON object: {"method": "<name>", "input": …}');
    }
    // A well-formed call still goes through, and input may be left out.
    expect(await (await post(bridge, '{"method": "programs.list", "input": {}}')).json()).toEqual({ ok: true, value: [] });
  });

  it('answers a token header with a non-ASCII byte (or of another length) with 401, not 500', async () => {
    const bridge = await bridgeOn();
    const body = '{"method":"programs.list","input":{}}';
    const withToken = (token: Buffer) => Buffer.concat([Buffer.from('POST /api/call HTTP/1.1\r\nContent-Type: application/json\r\nX-Pairwise-Token: '), token]);
    const sameLengthOneByteOff = Buffer.concat([Buffer.from(bridge.token.slice(0, 47)), Buffer.from([0xe9])]);
    for (const token of [sameLengthOneByteOff, Buffer.from('é'.repeat(48)), Buffer.from([0xff, 0xfe]), Buffer.from(bridge.token + 'a')]) {
      const answer = await rawRequest(bridge, withToken(token), body);
      expect(answer.status, token.toString('hex')).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { message: expect.stringContaining('open the URL that npm run web printed') } });
    }
    expect((await rawRequest(bridge, withToken(Buffer.from(bridge.token)), body)).status).toBe(200);
  });

  it('answers a path that is not valid percent-encoding with 400, and never leaves the static folder', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'web'));
    writeFileSync(join(dir, 'web/index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
    const bridge = await bridgeOn(undefined, join(dir, 'web'));
    for (const path of ['/%E0%A4%A', '/%', '/%zz', '/%C0%AF', '/%ED%A0%80']) {
      const answer = await rawRequest(bridge, `GET ${path} HTTP/1.1`);
      expect(answer.status, path).toBe(400);
      expect(answer.body).not.toMatch(STACK);
    }
    for (const path of ['/..%2Fsecret.txt', '/%2E%2E/secret.txt', '/a/..%2F..%2Fsecret.txt']) {
      const answer = await rawRequest(bridge, `GET ${path} HTTP/1.1`);
      expect(answer.body, path).not.toContain('not for the browser');
    }
    expect((await rawRequest(bridge, 'GET /participants HTTP/1.1')).body).toContain('<title>app</title>'); // client-side routes
  });

  it('never answers with a stack trace or an internal message: a failing call is a plain 500, its details only in the log', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const bridge = await bridgeOn(async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'secretColumn') at /home/coordinator/pairwise/src/core/x.ts:12:3");
    });
    const response = await post(bridge, '{"method":"programs.list","input":{}}');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(STACK);
    expect(text).not.toContain('secretColumn');
    expect(JSON.parse(text)).toEqual({ ok: false, error: { code: 'internal', message: 'Pairwise could not answer this request; the terminal running npm run web has the details.' } });
    expect(logged).toHaveBeenCalled();

    // Nor does anything else the bridge answers: wrong method, wrong host, a malformed request line.
    const answers = [
      await rawRequest(bridge, 'DELETE /api/call HTTP/1.1'),
      await rawRequest(bridge, 'PUT /index.html HTTP/1.1'),
      await rawRequest(bridge, 'GET /%00 HTTP/1.1'),
      await rawRequest(bridge, 'GET / HTTP/1.1\r\nHost: evil.example'),
      await rawRequest(bridge, 'GARBAGE\x01 / HTTP/1.1'),
    ];
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.body).not.toMatch(STACK);
    }
  });
});

describe('one Content-Security-Policy', () => {
  it('is what the bridge sends with every page and what the build writes into index.html', async () => {
    const dir = tempDir();
    // The build's own step: the plugin both Vite configs use, on the real index.html.
    const built = cspHtmlPlugin().transformIndexHtml(readFileSync(join(__dirname, '../../src/renderer/index.html'), 'utf8'));
    writeFileSync(join(dir, 'index.html'), built);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(built)?.[1];
    expect(meta?.replace(/&#39;|&apos;/g, "'")).toBe(CONTENT_SECURITY_POLICY);

    const bridge = await bridgeOn(undefined, dir);
    const page = await fetch(new URL('/', bridge.url));
    expect(await page.text()).toBe(built);
    // Two policies, both enforced: the meta tag's, and frame-ancestors, which a meta tag cannot carry.
    expect(page.headers.get('content-security-policy')).toBe(`${CONTENT_SECURITY_POLICY}, ${HEADER_ONLY_POLICY}`);
    expect(CONTENT_SECURITY_POLICY).not.toContain(',');
  });

  it('fails the build when index.html lost its placeholder', () => {
    expect(() => cspHtmlPlugin().transformIndexHtml('<html><head></head></html>')).toThrow(/placeholder/);
  });
});
