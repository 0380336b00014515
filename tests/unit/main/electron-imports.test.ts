// The shell stays testable without Electron: only the two entry files load 'electron' at run
// time; every other module takes the Electron objects it needs as parameters.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '../../..');
const ENTRY_FILES = new Set(['electron/main/index.ts', 'electron/preload/index.ts']);
const VALUE_IMPORT = /^import\s+(?!type\b)[^;]*?from\s+['"]electron(?:\/[^'"]*)?['"]/m;

describe('electron imports', () => {
  for (const dir of ['electron/main', 'electron/preload']) {
    for (const name of readdirSync(join(repo, dir)).filter((f) => f.endsWith('.ts'))) {
      const file = `${dir}/${name}`;
      it(`${file} ${ENTRY_FILES.has(file) ? 'may' : 'does not'} load electron at run time`, () => {
        const source = readFileSync(join(repo, file), 'utf8');
        if (!ENTRY_FILES.has(file)) expect(source).not.toMatch(VALUE_IMPORT);
        else expect(source).toMatch(VALUE_IMPORT);
      });
    }
  }
});
