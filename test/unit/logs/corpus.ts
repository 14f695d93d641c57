// The mail-log samples written by others (../shared/fixtures/logs, see its SOURCES.md), read in
// place: never copied into the project. Absent in a user's clone — tests then say so and skip.
// The whyscream TSV holds message bodies without their syslog header, one per row, with the
// grok pattern naming the Postfix daemon; four of its patterns are fragments of lines (command
// counters, delays, a relay, TLS features), not lines, and are left out here with that reason.
// Runtime: Node (vitest).

import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../support/project';

export const CORPUS =
  process.env.MXWARDEN_LOG_CORPUS ?? path.resolve(ROOT, '..', 'shared', 'fixtures', 'logs');

export const corpusPresent = (): boolean => fs.existsSync(path.join(CORPUS, 'SOURCES.md'));

export interface SampleLine {
  file: string;
  /** 1-based line number in the file. */
  line: number;
  text: string;
  /** For header-less bodies: the program that wrote them. */
  program?: string;
}

/** Grok patterns of the TSV that match parts of a line, not lines. */
export const FRAGMENT_PATTERNS = ['COMMAND_COUNTER_DATA', 'DELAYS', 'RELAY', 'TLS_FEATURES'];

/** POSTFIX_TRIVIAL_REWRITE → postfix/trivial-rewrite; SCRIPT is postfix-script's. */
function programOfPattern(pattern: string): string | undefined {
  const m = /%\{POSTFIX_([A-Z_]+)\}/.exec(pattern);
  if (!m || FRAGMENT_PATTERNS.includes(m[1] as string)) return undefined;
  const daemon = (m[1] as string).toLowerCase().replace(/_/g, '-');
  return `postfix/${daemon === 'script' ? 'postfix-script' : daemon}`;
}

export function sampleFiles(): string[] {
  return fs
    .readdirSync(CORPUS)
    .filter((f) => f.endsWith('.log') || f.endsWith('.tsv'))
    .sort();
}

/**
 * The lines of a sample that are log lines: fail2ban's `# failJSON` annotations and comments,
 * blank lines and the TSV's header and fragment rows are not.
 */
export function sampleLines(file: string): { lines: SampleLine[]; skipped: SampleLine[] } {
  const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
  const lines: SampleLine[] = [];
  const skipped: SampleLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.startsWith('#')) return;
    if (!file.endsWith('.tsv')) {
      lines.push({ file, line, text: raw });
      return;
    }
    const [, pattern = '', ...rest] = raw.split('\t');
    const program = programOfPattern(pattern);
    const body = rest.join('\t');
    if (program) lines.push({ file, line, text: body, program });
    else skipped.push({ file, line, text: body });
  });
  return { lines, skipped };
}
