import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_HOSTS, isAllowedExternalUrl } from '../../src/main/external-links';
import { chooseRendererUrl, isOwnUrl } from '../../src/main/navigation';

// The Electron shell cannot run here: its decisions live in electron-free modules tested below, and the
// wiring in src/main is checked as text (as architecture.test.ts does for the window's baseline).
const root = join(__dirname, '../..');
const source = (path: string) => readFileSync(join(root, path), 'utf8');

describe('the Electron shell: which page is ours', () => {
  const file = 'file:///opt/Pairwise/resources/app.asar/out/renderer/index.html';

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(chooseRendererUrl({ isPackaged: true, devServerUrl: 'http://evil.example/', indexFileUrl: file })).toBe(file);
    expect(chooseRendererUrl({ isPackaged: false, devServerUrl: 'http://localhost:5173/', indexFileUrl: file })).toBe('http://localhost:5173/');
    expect(chooseRendererUrl({ isPackaged: false, devServerUrl: undefined, indexFileUrl: file })).toBe(file);
    expect(chooseRendererUrl({ isPackaged: false, devServerUrl: '', indexFileUrl: file })).toBe(file);
  });

  it('compares file: URLs by host and path, the dev server by origin', () => {
    expect(isOwnUrl(file, file)).toBe(true);
    expect(isOwnUrl(`${file}#/matching`, file)).toBe(true);
    expect(isOwnUrl('file://attacker-host/opt/Pairwise/resources/app.asar/out/renderer/index.html', file)).toBe(false); // UNC: another machine
    expect(isOwnUrl('file:///opt/Pairwise/resources/app.asar/out/renderer/other.html', file)).toBe(false);
    expect(isOwnUrl('file:///etc/passwd', file)).toBe(false);
    expect(isOwnUrl('https://example.org/index.html', file)).toBe(false);
    expect(isOwnUrl('not a url', file)).toBe(false);
    expect(isOwnUrl('', file)).toBe(false);
    const dev = 'http://localhost:5173/';
    expect(isOwnUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isOwnUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isOwnUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isOwnUrl('file:///opt/x/index.html', dev)).toBe(false);
  });

  it('opens externally only https links to the hosts listed in one module', () => {
    expect(EXTERNAL_LINK_HOSTS.length).toBeGreaterThan(0);
    expect(EXTERNAL_LINK_HOSTS.length).toBeLessThanOrEqual(5);
    const host = EXTERNAL_LINK_HOSTS[0]!;
    expect(isAllowedExternalUrl(`https://${host}/guide#matching`)).toBe(true);
    for (const url of [
      `http://${host}/`,
      `https://evil.${host}/`,
      `https://${host}.evil.example/`,
      `https://user:pw@${host}/`,
      `https://${host}:8443/`,
      'https://example.org/',
      'file:///etc/passwd',
      'smb://server/share',
      'javascript:alert(1)',
      'mailto:a@b.c',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('the Electron shell: wiring', () => {
  const window = source('src/main/window.ts');
  const index = source('src/main/index.ts');
  const menu = source('src/main/menu.ts');

  it('answers IPC only from the main frame of our window, showing our page', () => {
    expect(window).toMatch(/event\.senderFrame/);
    expect(window).toMatch(/window\.webContents\.mainFrame/);
    expect(window).toMatch(/frame\.parent !== null/);
    expect(index).toContain('isTrustedSender(event, window)');
  });

  it('checks redirects and the navigation of every frame, in every WebContents', () => {
    for (const event of ["'will-navigate'", "'will-frame-navigate'", "'will-redirect'"]) expect(window).toContain(event);
    expect(index).toMatch(/app\.on\('web-contents-created', \(_event, contents\) => lockDown\(contents\)\)/);
    expect(window).toContain('isAllowedExternalUrl(url)');
    expect(window.match(/shell\.openExternal\(/g)).toHaveLength(1);
  });

  it('has no DevTools in a packaged app', () => {
    expect(window).toContain('devTools: !app.isPackaged');
    expect(index).toContain('devTools: !app.isPackaged');
    expect(menu).toMatch(/actions\.devTools \? \[\{ role: 'toggleDevTools' \}\] : \[\]/);
    expect(menu.match(/toggleDevTools/g)).toHaveLength(1); // the conditional item, nowhere else
    expect(window).toContain('process.env.ELECTRON_RENDERER_URL');
    expect(window).toContain('isPackaged: app.isPackaged');
  });

  it('sets the Electron fuses in electron-builder.yml, valid for its electron-builder', async () => {
    const require = createRequire(import.meta.url);
    const yaml = require('js-yaml') as { load(text: string): Record<string, unknown> };
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(config: unknown, logger: unknown): Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const config = yaml.load(source('electron-builder.yml'));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // electron-builder's own schema check, as `npm run dist` runs it: a misspelt fuse fails here, not at release.
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, new DebugLogger(false))).rejects.toThrow(/does not match the API schema/);
  });
});
