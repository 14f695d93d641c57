// A mail log and its rotated generations on a server, listed in one command: for each file its
// inode, size, modification time and first bytes (decompressed for .gz/.bz2/.xz/.zst), plus the
// server's clock and UTC offset. Rotation schemes differ — logrotate's mail.log.1 and
// mail.log.2.gz, its dateext mail.log-20261123.gz, `postfix logrotate`'s
// postfix.log.20261123-080714.gz — so every sibling whose name is the log's plus such a suffix
// counts. The script is fixed text; the path reaches it as an argument. Runtime: Node.

import crypto from 'node:crypto';
import { AppError } from '../../app/result';
import type { SshSession } from '../ssh/session';

export interface LogFile {
  /** Absolute path. */
  path: string;
  inode: number;
  size: number;
  /** Modification time, Unix ms. */
  mtimeMs: number;
  compressed: boolean;
  /** The first line (or first 256 bytes), hashed; '' while the file has no complete first line. */
  fingerprint: string;
  /** The live log (the path Postfix writes to). */
  live: boolean;
}

export interface LogFamily {
  /** Oldest first; the live file, when it exists, last. */
  files: LogFile[];
  /** Server clock minus ours when listed (ms), and its zone (minutes east of UTC). */
  clockSkewMs: number;
  utcOffsetMinutes: number;
}

export const FIRST_BYTES = 256;

const ROTATED_SUFFIX = /^[.-](?:\d+|\d{8}(?:-\d{6})?|\d{4}-\d{2}-\d{2})(?:\.(gz|bz2|xz|zst))?$/;

// $1 = the live log's path. Prints NUL-separated records: the clock first, then per file its
// name, "inode size mtime" and its first bytes in base64.
const SCRIPT = String.raw`
date '+%s %z'; printf '\0'
dir=$(dirname -- "$1"); base=$(basename -- "$1")
cd -- "$dir" 2>/dev/null || exit 3
for f in "$base" "$base".* "$base"-*; do
  [ -f "$f" ] || continue
  st=$(stat -L -c '%i %s %Y' -- "$f" 2>/dev/null) || continue
  case "$f" in
    *.gz) head=$(gzip -dc -- "$f" 2>/dev/null | head -c 256 | base64 -w0) ;;
    *.bz2) head=$(bzip2 -dc -- "$f" 2>/dev/null | head -c 256 | base64 -w0) ;;
    *.xz) head=$(xz -dc -- "$f" 2>/dev/null | head -c 256 | base64 -w0) ;;
    *.zst) head=$(zstd -dc -- "$f" 2>/dev/null | head -c 256 | base64 -w0) ;;
    *) head=$(head -c 256 -- "$f" 2>/dev/null | base64 -w0) ;;
  esac
  printf '%s\0%s\0%s\0' "$f" "$st" "$head"
done
`;

/** The identity of a log's content: its first line, which rotation and compression keep. */
export function fingerprintOf(head: Buffer): string {
  const nl = head.indexOf(10);
  if (nl < 0 && head.length < FIRST_BYTES) return '';
  const first = head.subarray(0, nl < 0 ? FIRST_BYTES : nl);
  return crypto.createHash('sha256').update(first).digest('hex').slice(0, 32);
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** Parses the script's output (exported for tests). */
export function parseFamily(livePath: string, output: string, now: number): LogFamily {
  const fields = output.split('\0');
  const clock = /^(\d+) ([+-])(\d\d)(\d\d)\s*$/.exec(fields[0] ?? '');
  if (!clock)
    throw new AppError(
      'COMMAND_FAILED',
      `Unexpected answer listing ${livePath}: ${fields[0] ?? ''}`,
    );
  const offset = (Number(clock[3]) * 60 + Number(clock[4])) * (clock[2] === '-' ? -1 : 1);
  const slash = livePath.lastIndexOf('/');
  const dir = slash <= 0 ? '/' : livePath.slice(0, slash);
  const base = livePath.slice(slash + 1);
  const files: LogFile[] = [];
  for (let i = 1; i + 2 < fields.length; i += 3) {
    const name = fields[i] as string;
    const [inode, size, mtime] = (fields[i + 1] as string).split(' ').map(Number);
    const head = Buffer.from(fields[i + 2] as string, 'base64');
    const live = name === base;
    const suffix = name.slice(base.length);
    const m = live ? null : ROTATED_SUFFIX.exec(suffix);
    if (!live && !m) continue;
    if (inode === undefined || size === undefined || mtime === undefined) continue;
    files.push({
      path: joinPath(dir, name),
      inode,
      size,
      mtimeMs: mtime * 1000,
      compressed: m?.[1] !== undefined,
      fingerprint: fingerprintOf(head),
      live,
    });
  }
  // Oldest first by modification time; the live file last whatever its time. Same-second
  // rotations fall back to the generation number (a higher .N is older).
  const generation = (f: LogFile) => {
    const n = /[.-](\d+)(?:\.\w+)?$/.exec(f.path.slice(joinPath(dir, base).length));
    return n && (n[1] as string).length < 8 ? Number(n[1]) : 0;
  };
  files.sort((a, b) =>
    a.live !== b.live
      ? a.live
        ? 1
        : -1
      : a.mtimeMs - b.mtimeMs || generation(b) - generation(a) || a.path.localeCompare(b.path),
  );
  return { files, clockSkewMs: Number(clock[1]) * 1000 - now, utcOffsetMinutes: offset };
}

export async function listLogFamily(session: SshSession, livePath: string): Promise<LogFamily> {
  const r = await session.exec(['sh', '-c', SCRIPT, 'mxwarden-log-list', livePath], {
    timeoutMs: 120_000,
  });
  if (r.code === 3)
    throw new AppError(
      'NOT_FOUND',
      `The directory of ${livePath} does not exist or cannot be entered on ${session.server}.`,
    );
  if (r.code !== 0)
    throw new AppError(
      'COMMAND_FAILED',
      `Listing ${livePath} failed on ${session.server}: ${(r.stderr || r.stdout).trim() || `exit ${r.code}`}`,
    );
  return parseFamily(livePath, r.stdout, Date.now());
}
