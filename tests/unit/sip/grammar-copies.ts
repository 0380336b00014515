// Side-by-side copies of sip.js's generated grammar parser, for the grammar tests and the
// parser bench (tests/bench/sip-parser.ts). Plain Node APIs and erasable TypeScript only: the
// bench loads this file with Node's own type stripping, vitest loads it through Vite.
//
// The "pristine" parser is rebuilt from the installed (patched) file by reversing
// patches/sip.js+0.21.2.patch in memory, and checked against the sha256 of the file as
// published in the sip.js 0.21.2 tarball, so no network and no npm cache are needed.
// Each copy is written to its own temp dir and imported as a fresh module instance; its two
// relative imports are pointed at the installed sip.js so URI / NameAddrHeader are the same
// classes as the ones `import { Grammar } from 'sip.js'` uses.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../support/proc.ts';

export const SIPJS_VERSION = '0.21.2';
/** sha256 of lib/grammar/pegjs/dist/grammar.js inside sip.js-0.21.2.tgz (`npm pack sip.js@0.21.2`). */
export const PRISTINE_GRAMMAR_SHA256 = '66f6eabdcec39bfe90b9dbf3104e42af6169a6f4f5a1773694fce36c0262ab03';
/** The comment our patch adds above the memo; also what the tests look for. */
export const PATCH_MARKER = '[earshot patch]';

const GRAMMAR_REL = 'lib/grammar/pegjs/dist/grammar.js';
export const sipjsDir = join(repoRoot, 'node_modules', 'sip.js');
export const installedGrammarPath = join(sipjsDir, GRAMMAR_REL);
export const patchPath = join(repoRoot, 'patches', `sip.js+${SIPJS_VERSION}.patch`);

export interface ParseOptions {
  startRule?: string;
  data?: unknown;
}

/** The generated module's exports (lib/grammar/pegjs/dist/grammar.js). */
export interface PegGrammar {
  parse(input: string, options?: ParseOptions): unknown;
  SyntaxError: new (...args: never[]) => Error;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

interface Hunk {
  oldLines: string[];
  newLines: string[];
}

/** The hunks of one file's section in a unified diff (as written by patch-package / git diff). */
function hunksFor(patchText: string, file: string): Hunk[] {
  const lines = patchText.split('\n');
  const hunks: Hunk[] = [];
  let inFile = false;
  let hunk: Hunk | null = null;
  for (const line of lines) {
    if (line.startsWith('diff --git ')) {
      inFile = line.endsWith(` b/${file}`);
      hunk = null;
      continue;
    }
    if (!inFile) continue;
    if (line.startsWith('@@ ')) {
      hunk = { oldLines: [], newLines: [] };
      hunks.push(hunk);
      continue;
    }
    if (!hunk || line.startsWith('\\')) continue; // headers before the first hunk, "\ No newline…"
    const body = line.slice(1);
    if (line.startsWith(' ')) {
      hunk.oldLines.push(body);
      hunk.newLines.push(body);
    } else if (line.startsWith('-')) {
      hunk.oldLines.push(body);
    } else if (line.startsWith('+')) {
      hunk.newLines.push(body);
    } else if (line === '') {
      // a blank context line may lose its leading space; the final split also yields ''
      hunk.oldLines.push('');
      hunk.newLines.push('');
    }
  }
  return hunks;
}

/** Undo the grammar.js hunks of `patchText` on `patched`; throws if a hunk does not match exactly. */
export function reverseGrammarPatch(patched: string, patchText: string): string {
  const hunks = hunksFor(patchText, `node_modules/sip.js/${GRAMMAR_REL}`);
  if (hunks.length === 0) throw new Error(`no hunks for ${GRAMMAR_REL} in the patch`);
  let out = patched;
  let from = 0;
  for (const h of hunks) {
    // Trailing '' entries come from the split of the patch text, not from the file.
    while (h.newLines.length > 0 && h.newLines.at(-1) === '' && h.oldLines.at(-1) === '') {
      h.newLines.pop();
      h.oldLines.pop();
    }
    const newBlock = h.newLines.join('\n');
    const oldBlock = h.oldLines.join('\n');
    const at = out.indexOf(newBlock, from);
    if (at < 0 || out.indexOf(newBlock, at + 1) >= 0) {
      throw new Error(`a hunk of ${patchPath} is not found exactly once in ${installedGrammarPath}: is the patch applied? (npx patch-package)`);
    }
    out = out.slice(0, at) + oldBlock + out.slice(at + newBlock.length);
    from = at + oldBlock.length;
  }
  return out;
}

export function installedGrammarSource(): string {
  return readFileSync(installedGrammarPath, 'utf8');
}

/** grammar.js exactly as published in sip.js 0.21.2 (verified by sha256). */
export function pristineGrammarSource(): string {
  const source = reverseGrammarPatch(installedGrammarSource(), readFileSync(patchPath, 'utf8'));
  const got = sha256(source);
  if (got !== PRISTINE_GRAMMAR_SHA256) {
    throw new Error(`reversing ${patchPath} did not give the published sip.js ${SIPJS_VERSION} grammar.js (sha256 ${got})`);
  }
  return source;
}

/** Import `source` (a grammar.js text) as a fresh module instance. */
export async function loadGrammarCopy(source: string, label: string): Promise<PegGrammar> {
  const relImports = /from "\.\.\/\.\.\/(name-addr-header|uri)\.js";/g;
  const rewritten = source.replace(relImports, (_m, name: string) => `from ${JSON.stringify(pathToFileURL(join(sipjsDir, 'lib', 'grammar', `${name}.js`)).href)};`);
  if (rewritten === source) throw new Error('grammar.js imports changed: cannot load a side-by-side copy');
  const dir = mkdtempSync(join(tmpdir(), `earshot-sip-grammar-${label}-`));
  try {
    const file = join(dir, 'grammar.mjs'); // .mjs: ESM without a package.json
    writeFileSync(file, rewritten);
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as PegGrammar;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What `Grammar.parse(input, startRule)` does (sip.js lib/grammar/grammar.js), for a given copy. */
export function grammarParse(peg: PegGrammar, input: string, startRule: string): unknown {
  const options: ParseOptions = { startRule };
  try {
    peg.parse(input, options);
  } catch {
    options.data = -1;
  }
  return options.data;
}
