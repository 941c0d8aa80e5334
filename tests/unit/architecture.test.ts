import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_LABELS } from '../../src/core/import/fields';
import { IMPORT_FIELD_LABELS } from '../../src/renderer/src/import/fields';
import { MatchSettings } from '../../src/core/matching';
import { DEFAULT_SETTINGS } from '../../src/renderer/src/matching/defaults';

const src = join(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every import/export-from statement, with whether it is type-only. */
function imports(file: string): { specifier: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const found: { specifier: string; typeOnly: boolean }[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm)) {
    found.push({ specifier: match[3]!, typeOnly: match[2] !== undefined });
  }
  for (const match of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ specifier: match[1]!, typeOnly: false });
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: match[1]!, typeOnly: false });
  return found;
}

describe('architecture boundaries', () => {
  it('core never touches electron or the DOM', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(src, 'core'))) {
      for (const { specifier } of imports(file)) {
        if (specifier === 'electron' || specifier.startsWith('electron/') || /\/(main|renderer|preload)\//.test(specifier)) {
          offenders.push(`${relative(src, file)} imports ${specifier}`);
        }
      }
      const code = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      if (/\b(window|document|localStorage|navigator)\s*\./.test(code)) offenders.push(`${relative(src, file)} uses a DOM global`);
    }
    expect(offenders).toEqual([]);
  });

  it('the renderer imports only types from core, main and preload', () => {
    const offenders = sourceFiles(join(src, 'renderer')).flatMap((file) =>
      imports(file)
        .filter(({ specifier, typeOnly }) => !typeOnly && /(^|\/)(core|main|preload|web|cli)\//.test(specifier))
        .map(({ specifier }) => `${relative(src, file)} imports runtime code from ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the preload exposes one object and imports nothing but electron', () => {
    const file = join(src, 'preload/index.ts');
    expect(imports(file).map((i) => i.specifier)).toEqual(['electron']);
    expect(readFileSync(file, 'utf8').match(/exposeInMainWorld/g)).toHaveLength(1);
  });

  it('the window keeps the security baseline', () => {
    const window = readFileSync(join(src, 'main/window.ts'), 'utf8');
    for (const setting of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', "action: 'deny'", 'will-navigate']) {
      expect(window).toContain(setting);
    }
    expect(readFileSync(join(src, 'renderer/index.html'), 'utf8')).toContain('Content-Security-Policy');
  });

  it("the import wizard offers exactly the core's import fields", () => {
    expect(IMPORT_FIELD_LABELS).toEqual(FIELD_LABELS);
  });

  it("the matching page starts from the engine's default settings", () => {
    expect(DEFAULT_SETTINGS).toEqual(MatchSettings.parse({}));
  });
});
