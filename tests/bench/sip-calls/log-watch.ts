// Counts lines of interest in logs while the bench runs: a child's output as it arrives (the
// harnesses keep only a 64 KB tail, which load warnings overwrite in seconds) and Kamailio's log
// file.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface LineWatch {
  readonly count: number;
  /** Up to `keep` matching lines, oldest first. */
  readonly examples: string[];
}

export function watchLines(child: ChildProcess, re: RegExp, keep = 20): LineWatch {
  const w = { count: 0, examples: [] as string[] };
  let partial = '';
  const onData = (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      if (!re.test(l)) continue;
      w.count++;
      if (w.examples.length < keep) w.examples.push(l);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return w;
}

/** Lines of a log file matching `re` (0 if it cannot be read). */
export function countInFile(path: string, re: RegExp): number {
  try {
    return readFileSync(path, 'utf8').split('\n').filter((l) => re.test(l)).length;
  } catch {
    return 0;
  }
}

/** Kamailio's "out of shared memory" errors (its -m pool, 64 MB in the test PBX). */
export const PBX_OUT_OF_MEMORY = /out of mem|could not allocate shared memory/;
