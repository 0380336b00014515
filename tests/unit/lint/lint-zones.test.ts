import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint zones of DESIGN §2: each wrong import below must be an error where it is written. */
describe('lint zones', () => {
  const eslint = new ESLint();
  const errorsFor = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it.each([
    ['renderer/src/app/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", /Node built-ins/],
    ['renderer/src/app/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only electron\/main/],
    ['renderer/src/app/x.ts', "import { Store } from '../../../electron/core/store/store.ts';\nexport const s = Store;", /only through its client/],
    ['shared/domain/x.ts', "import { join } from 'node:path';\nexport const j = join;", /Node built-ins/],
    ['electron/core/api/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;", /Only electron\/core\/store/],
    ['electron/core/api/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only electron\/main/],
    ['electron/preload/x.ts', "import { Store } from '../core/store/store.ts';\nexport const s = Store;", /only bridges IPC/],
  ])('%s: %s is refused', async (file, code, message) => {
    const errors = await errorsFor(file, code);
    expect(errors.join('\n')).toMatch(message);
  });

  it('allows what each layer may use', async () => {
    expect(await errorsFor('electron/core/store/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;")).toEqual([]);
    expect(await errorsFor('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;")).toEqual([]);
    expect(await errorsFor('renderer/src/app/x.ts', "import type { Call } from '../../../shared/domain/call.ts';\nexport type C = Call;")).toEqual([]);
  });
});
