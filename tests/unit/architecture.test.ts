import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../src/core/api/contract';

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

  it('the renderer imports runtime code only from core (pure modules: its tsconfig has no Node types), never from the shells', () => {
    const offenders = sourceFiles(join(src, 'renderer')).flatMap((file) =>
      imports(file)
        .filter(({ specifier, typeOnly }) => !typeOnly && /(^|\/)(main|preload|web|cli)\//.test(specifier))
        .map(({ specifier }) => `${relative(src, file)} imports runtime code from ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('has no import cycle in the core (type-only imports included)', () => {
    const resolveImport = (from: string, specifier: string): string | undefined => {
      const base = resolve(dirname(from), specifier);
      return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => {
        try {
          return statSync(candidate).isFile();
        } catch {
          return false;
        }
      });
    };
    const files = sourceFiles(join(src, 'core'));
    const graph = new Map(
      files.map((file) => [
        file,
        imports(file)
          .filter(({ specifier }) => specifier.startsWith('.'))
          .map(({ specifier }) => resolveImport(file, specifier))
          .filter((f): f is string => f !== undefined),
      ]),
    );
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (file: string): void => {
      index.set(file, counter);
      low.set(file, counter++);
      stack.push(file);
      onStack.add(file);
      for (const next of graph.get(file) ?? []) {
        if (!index.has(next)) {
          visit(next);
          low.set(file, Math.min(low.get(file)!, low.get(next)!));
        } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
      if (low.get(file) === index.get(file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(relative(src, member));
        } while (member !== file);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const file of files) if (!index.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('keeps one folder per feature: each contract slice is served by its own folder, with the method prefix of its slice', () => {
    const prefixes = new Set(Object.keys(contract).map((name) => name.split('.')[0]));
    expect([...prefixes].sort()).toEqual(['checkins', 'cohorts', 'due', 'edits', 'feedback', 'goals', 'import', 'learning', 'matching', 'members', 'mentors', 'pairs', 'people', 'programs', 'reminders', 'reports', 'runs', 'sample', 'sessions', 'settings', 'sync', 'workspace']);
    for (const feature of ['checkins', 'reminders', 'workspace', 'programs', 'participants', 'people', 'import', 'edits', 'runs', 'pairs', 'matching', 'sample', 'sessions', 'feedback', 'sync', 'reports', 'learning', 'goals', 'due', 'mentors']) {
      for (const file of ['contract.ts', 'handlers.ts']) expect(statSync(join(src, 'core', feature, file)).isFile()).toBe(true);
    }
  });

  it('keeps source files small enough to read: none over 400 lines', () => {
    const long = [...sourceFiles(src)]
      .map((file) => ({ file: relative(src, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 400);
    expect(long).toEqual([]);
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
});
