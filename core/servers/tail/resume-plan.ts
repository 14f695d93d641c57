// Where to read next, from the stored position and what the log family looks like now: the
// file the position is in (found by inode, or by its first line once rotation renamed or
// compressed it) from the stored offset, then every newer generation from its start, ending
// with the live log. No position: every generation, oldest first (the backfill). A position
// whose file is gone (rotated away beyond the kept generations) cannot be continued without a
// gap; the plan says so and starts at the generations newer than the last one read.
// Runtime: pure.

import type { LogFile } from './log-family';

/** How far the tail of one server's log file got; stored with the events it produced. */
export interface FilePosition {
  kind: 'file';
  /** The live log's path. */
  path: string;
  /** The file being read: its inode, first-line fingerprint, and where it was last seen. */
  inode: number;
  fingerprint: string;
  name: string;
  compressed: boolean;
  /** Bytes of the file's (decompressed) content read and committed. */
  offset: number;
  /** Its modification time when last listed (Unix ms). */
  mtimeMs: number;
}

export interface PlanStep {
  file: LogFile;
  from: number;
}

export interface ResumePlan {
  steps: PlanStep[];
  /** Set when lines may be missing: what happened, in words. */
  gap?: string;
}

function sameFile(f: LogFile, p: FilePosition): boolean {
  if (
    !f.compressed &&
    f.inode === p.inode &&
    (p.fingerprint === '' || f.fingerprint === p.fingerprint)
  )
    return true;
  return p.fingerprint !== '' && f.fingerprint === p.fingerprint;
}

export function positionOf(file: LogFile, livePath: string, offset: number): FilePosition {
  return {
    kind: 'file',
    path: livePath,
    inode: file.inode,
    fingerprint: file.fingerprint,
    name: file.path,
    compressed: file.compressed,
    offset,
    mtimeMs: file.mtimeMs,
  };
}

export function planResume(
  position: FilePosition | undefined,
  files: readonly LogFile[],
): ResumePlan {
  if (!position) return { steps: files.map((file) => ({ file, from: 0 })) };
  // Prefer the uncompressed file with the same inode: a compressed copy of it may exist as well.
  let at = files.findIndex(
    (f) =>
      !f.compressed &&
      f.inode === position.inode &&
      (position.fingerprint === '' || f.fingerprint === position.fingerprint),
  );
  if (at < 0) at = files.findIndex((f) => sameFile(f, position));
  if (at >= 0) {
    const file = files[at] as LogFile;
    const steps: PlanStep[] = [];
    if (!file.compressed && file.size < position.offset) {
      // The same first line but less content than was read: the file was rewritten.
      return {
        steps: files.slice(at).map((f, i) => ({ file: f, from: i === 0 ? f.size : 0 })),
        gap: `${file.path} is shorter than what was already read from it (${file.size} < ${position.offset} bytes); it was rewritten, so reading continues at its end.`,
      };
    }
    steps.push({ file, from: position.offset });
    for (const f of files.slice(at + 1)) steps.push({ file: f, from: 0 });
    return { steps };
  }
  const fromStart = (keep: (f: LogFile) => boolean): PlanStep[] =>
    files.filter((f) => f.live || keep(f)).map((file) => ({ file, from: 0 }));
  if (position.offset === 0 && position.fingerprint === '')
    // The file was empty when last seen: nothing was read from it, nothing can be missing.
    return { steps: fromStart((f) => f.mtimeMs >= position.mtimeMs) };
  return {
    steps: fromStart((f) => f.mtimeMs > position.mtimeMs),
    gap: `${position.name}, which was being read, is no longer there (rotated away while mxwarden was not reading); lines written to it after byte ${position.offset} may be missing.`,
  };
}
