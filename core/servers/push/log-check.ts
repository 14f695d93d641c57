// After a reload: did Postfix log anything fatal since? A mark is taken just before the reload
// (the log file's size, or the time for journald) and everything after it is searched for the
// lines that mean the new configuration does not work: fatal and panic, a table Postfix cannot
// open or read. Runtime: Node (reading), pure (matching).

import type { SshSession } from '../ssh/session';

export type LogSource = { kind: 'file'; path: string } | { kind: 'journald' } | { kind: 'unknown' };

const TROUBLE =
  /\b(fatal|panic):|table lookup problem|unsupported dictionary type|error: open database|bad net\/mask|bad address pattern|no closing regexp delimiter/;
const POSTFIX_LINE = /\bpostfix(-[\w.-]+)?\/[\w/.-]+\[\d+\]:/;

/** Postfix's lines that say its configuration is broken. */
export function troubleLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => POSTFIX_LINE.test(l) && TROUBLE.test(l))
    .slice(0, 50);
}

/** Postfix's own lines (the last ones), e.g. what `postfix reload` said into the log. */
export function postfixLines(text: string, max = 20): string[] {
  return text
    .split('\n')
    .filter((l) => POSTFIX_LINE.test(l))
    .slice(-max);
}

export interface LogMark {
  source: LogSource;
  offset: number;
  at: number;
}

export async function markLog(s: SshSession, source: LogSource): Promise<LogMark> {
  const at = Date.now();
  if (source.kind !== 'file') return { source, offset: 0, at };
  const st = await s.stat(source.path).catch(() => undefined);
  return { source, offset: st?.size ?? 0, at };
}

/** What was logged since the mark; undefined when this server's log cannot be read from here. */
export async function logSince(s: SshSession, mark: LogMark): Promise<string | undefined> {
  if (mark.source.kind === 'file') {
    const st = await s.stat(mark.source.path);
    if (!st) return undefined;
    // Rotated since the mark: the new file holds only lines written after it.
    const from = st.size < mark.offset ? 0 : mark.offset;
    return (await s.readFrom(mark.source.path, from)).toString('utf8');
  }
  if (mark.source.kind === 'journald') {
    const r = await s.exec([
      'journalctl',
      '--no-pager',
      '-q',
      '-o',
      'short-iso',
      '--since',
      `@${Math.floor(mark.at / 1000) - 1}`,
    ]);
    return r.code === 0 ? r.stdout : undefined;
  }
  return undefined;
}
