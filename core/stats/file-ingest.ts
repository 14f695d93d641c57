// `mxwarden ingest FILE --server NAME`: a mail log from disk (plain or gzip) into the statistics
// of a source, committed every few megabytes with how far it got. A file is known by its first
// line, so importing it again — grown, or rotated and compressed — adds only what is new, and an
// import killed half-way continues where its last commit ended: nothing is counted twice.
// Runtime: Node.

import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { AppError } from '../app/result';
import type { ParseOptions } from '../logs/parse-line';
import type { LogSourceRow, LogSourcesRepo } from '../store/log-sources-repo';
import type { StatsWriter } from '../store/stats-writer';
import { IngestSession, type SessionState } from './ingest-session';

export interface FileIngestProgress {
  file: string;
  bytesDone: number;
  bytesTotal: number;
  lines: number;
}

export interface FileIngestResult {
  file: string;
  source: string;
  sourceId: number;
  compressed: boolean;
  /** Lines read by this run (not those an earlier run of the same file committed). */
  lines: number;
  events: number;
  unknown: number;
  /** Decompressed bytes already imported before this run (a resumed or grown file). */
  resumedAt: number;
  /** Where this run stopped (decompressed bytes). */
  offset: number;
  /** The last line had no newline: left for the next import (the log may still be written). */
  unterminatedTail: boolean;
  durationMs: number;
}

export interface FileIngestOptions {
  file: string;
  source: LogSourceRow;
  sources: LogSourcesRepo;
  writer: StatsWriter;
  parse: ParseOptions;
  now: () => number;
  /** Greylisting networks of the server that wrote the log. */
  ipv4Prefix?: number;
  ipv6Prefix?: number;
  /** Bytes per transaction (default 4 MiB). */
  chunkBytes?: number;
  onProgress?: (p: FileIngestProgress) => void;
  /** After each transaction (so the UI can show the import filling in). */
  onCommit?: () => void;
}

interface FilePosition {
  offset: number;
}

const FIRST_LINE_MAX = 256;

function open(file: string): { fd: number; size: number; mtimeMs: number } {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new Error('not a regular file');
    return { fd: fs.openSync(file, 'r'), size: st.size, mtimeMs: st.mtimeMs };
  } catch (e) {
    throw new AppError('NOT_FOUND', `Cannot read ${file}: ${(e as Error).message}.`, { file });
  }
}

function isGzip(fd: number): boolean {
  const head = Buffer.alloc(2);
  const n = fs.readSync(fd, head, 0, 2, 0);
  return n === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The file's content from byte `from` on (a gzip file is decompressed from its start: the
 * caller skips), and how many bytes of the file itself have been read so far.
 */
function contentFrom(
  file: string,
  gzip: boolean,
  from: number,
): { content: Readable; fileBytes: () => number } {
  const raw = fs.createReadStream(file, { start: gzip ? 0 : from, highWaterMark: 1 << 20 });
  let read = gzip ? 0 : from;
  raw.on('data', (chunk) => (read += chunk.length));
  return { content: gzip ? raw.pipe(zlib.createGunzip()) : raw, fileBytes: () => read };
}

/** The file's identity: its first line, which rotation and compression keep. */
async function firstLine(file: string, gzip: boolean): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  const { content } = contentFrom(file, gzip, 0);
  for await (const chunk of content as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= FIRST_LINE_MAX) break;
  }
  content.destroy();
  const head = Buffer.concat(chunks).subarray(0, FIRST_LINE_MAX);
  const nl = head.indexOf(10);
  if (nl < 0 && head.length < FIRST_LINE_MAX) return undefined;
  return head.subarray(0, nl < 0 ? FIRST_LINE_MAX : nl).toString('latin1');
}

export function fileStream(first: string): string {
  return `file:${crypto.createHash('sha256').update(first, 'latin1').digest('hex').slice(0, 32)}`;
}

export async function ingestFile(o: FileIngestOptions): Promise<FileIngestResult> {
  const started = Date.now();
  const { fd, size, mtimeMs } = open(o.file);
  let gzip: boolean;
  try {
    gzip = isGzip(fd);
  } finally {
    fs.closeSync(fd);
  }
  const source = o.source;
  const result: FileIngestResult = {
    file: o.file,
    source: source.name,
    sourceId: source.id,
    compressed: gzip,
    lines: 0,
    events: 0,
    unknown: 0,
    resumedAt: 0,
    offset: 0,
    unterminatedTail: false,
    durationMs: 0,
  };
  const first = await firstLine(o.file, gzip).catch((e: Error) => {
    throw new AppError('INVALID_REQUEST', `${o.file} cannot be read as a log: ${e.message}.`);
  });
  if (first === undefined) {
    // Empty, or one unfinished line: nothing to import yet.
    result.unterminatedTail = size > 0;
    result.durationMs = Date.now() - started;
    return result;
  }
  const stream = fileStream(first);
  const stored = o.sources.position(source.id, stream);
  const from = (stored?.position as FilePosition | undefined)?.offset ?? 0;
  result.resumedAt = from;
  result.offset = from;
  const session = new IngestSession({
    writer: o.writer,
    sourceId: source.id,
    stream,
    revision: stored?.revision ?? null,
    state: (stored?.state as SessionState | null | undefined) ?? null,
    // A resumed import keeps the year its lines were read in.
    parse: { referenceTime: mtimeMs, ...o.parse },
    aggregator: {
      ...(o.ipv4Prefix !== undefined ? { ipv4Prefix: o.ipv4Prefix } : {}),
      ...(o.ipv6Prefix !== undefined ? { ipv6Prefix: o.ipv6Prefix } : {}),
    },
    now: o.now,
  });
  const chunkBytes = o.chunkBytes ?? 4 << 20;
  let offset = from;
  let carry: Buffer | undefined;
  let sinceCommit = 0;
  let toSkip = gzip ? from : 0;
  const { content, fileBytes } = contentFrom(o.file, gzip, from);
  const progress = () =>
    o.onProgress?.({
      file: o.file,
      bytesDone: Math.min(size, fileBytes()),
      bytesTotal: size,
      lines: session.totals.lines + session.pendingLines,
    });

  const flush = () => {
    const r = session.commit({ offset } satisfies FilePosition);
    result.lines += r.lines;
    result.events += r.events;
    result.unknown += r.unknown;
    result.offset = offset;
    sinceCommit = 0;
    o.onCommit?.();
    progress();
  };

  for await (let chunk of content as AsyncIterable<Buffer>) {
    if (toSkip > 0) {
      if (chunk.length <= toSkip) {
        toSkip -= chunk.length;
        continue;
      }
      chunk = chunk.subarray(toSkip);
      toSkip = 0;
    }
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    const last = buf.lastIndexOf(10);
    if (last < 0) {
      carry = buf;
      continue;
    }
    session.addText(buf.toString('utf8', 0, last + 1));
    offset += last + 1;
    sinceCommit += last + 1;
    carry = last + 1 < buf.length ? buf.subarray(last + 1) : undefined;
    if (sinceCommit >= chunkBytes) flush();
  }
  result.unterminatedTail = carry !== undefined && carry.length > 0;
  flush();
  result.durationMs = Date.now() - started;
  return result;
}
