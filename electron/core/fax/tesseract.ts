import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A fax is a few pages; a page that takes longer than this is stuck. */
const OCR_TIMEOUT_MS = 180_000;
/** Japanese first (seed 000 serves Japanese offices), English beside it, when installed. */
const PREFERRED_LANGS = ['jpn', 'eng'];

export interface OcrEngineOptions {
  /** `EARSHOT_TESSERACT`: the binary; default: `tesseract` on PATH. */
  binary?: string;
  /** `EARSHOT_OCR_LANGS`, e.g. `jpn+eng`; default: those of jpn/eng that are installed. */
  langs?: string;
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** The system's `tesseract` OCR engine, looked up on each use so installing it later takes effect. */
export class TesseractOcr {
  private readonly opts: OcrEngineOptions;

  constructor(opts: OcrEngineOptions = {}) {
    this.opts = opts;
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): TesseractOcr {
    return new TesseractOcr({ binary: env.EARSHOT_TESSERACT?.trim() || undefined, langs: env.EARSHOT_OCR_LANGS?.trim() || undefined });
  }

  /** The binary to run, or null when there is none. */
  binary(): string | null {
    if (!this.opts.binary) return onPath('tesseract');
    try {
      accessSync(this.opts.binary, constants.X_OK);
      return this.opts.binary;
    } catch {
      return null;
    }
  }

  /** Why OCR cannot run here, or null when it can. */
  unavailableReason(): string | null {
    if (this.binary()) return null;
    return this.opts.binary
      ? `the OCR engine ${this.opts.binary} (EARSHOT_TESSERACT) is not an executable file`
      : 'tesseract is not installed on this machine (e.g. apt install tesseract-ocr tesseract-ocr-jpn)';
  }

  /** The text of each page of a (multi-page) TIFF. */
  async readPages(tiff: Uint8Array, signal?: AbortSignal): Promise<string[]> {
    const bin = this.binary();
    if (!bin) throw new Error(this.unavailableReason() ?? 'no OCR engine');
    const dir = await mkdtemp(join(tmpdir(), 'earshot-ocr-'));
    try {
      const file = join(dir, 'fax.tif');
      await writeFile(file, tiff, { mode: 0o600 });
      const langs = this.opts.langs ?? (await this.installedLangs(bin, signal));
      const { stdout } = await run(bin, [file, 'stdout', ...(langs ? ['-l', langs] : [])], {
        timeout: OCR_TIMEOUT_MS,
        maxBuffer: 32 * 1024 * 1024,
        encoding: 'utf8',
        signal,
      });
      // tesseract ends every page of a multi-page image with a form feed.
      const pages = stdout.split('\f').map((p) => p.trim());
      if (pages.length > 1 && pages.at(-1) === '') pages.pop();
      return pages;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async installedLangs(bin: string, signal?: AbortSignal): Promise<string | null> {
    const { stdout, stderr } = await run(bin, ['--list-langs'], { timeout: 10_000, encoding: 'utf8', signal });
    const installed = new Set(`${stdout}\n${stderr}`.split('\n').map((l) => l.trim()));
    const wanted = PREFERRED_LANGS.filter((l) => installed.has(l));
    return wanted.length ? wanted.join('+') : null;
  }
}
