// Bulk paste and file import: one entry per line with an optional note after whitespace or a
// comma — or a CSV file with a header row (what "Export CSV" writes), so an export comes back in
// unchanged. Every line is judged with the list's own entry schema; the report names each bad
// line by its number and says why. Pure.

import type { ListDef, ListEntry } from './list-kinds';
import { checkEntry } from './policy-issues';

export interface BadLine {
  line: number;
  text: string;
  message: string;
}

export interface DuplicateLine {
  line: number;
  value: string;
  /** The line of the list that has it already; undefined when it repeats an earlier pasted line. */
  existingLine?: number;
  pastedLine?: number;
}

export interface ParseReport {
  good: { line: number; entry: ListEntry }[];
  bad: BadLine[];
  duplicates: DuplicateLine[];
  /** Blank lines and # comments. */
  ignored: number;
  csv: boolean;
}

export interface LineDefaults {
  scope?: ListEntry['scope'];
  requireSpf?: boolean;
  expires?: string;
  source?: string;
}

/** A bare access-map action after the value ("192.0.2.1 OK") is not a note. */
const ACCESS_ACTION =
  /^(ok|permit|reject|dunno|relay|discard|defer|defer_if_permit|defer_if_reject)$/i;

/** Splits "value note…" / "value, note…"; a /regex/ may itself contain spaces and commas. */
export function splitLine(line: string): { value: string; note: string } {
  const text = line.trim();
  let end = -1;
  if (text.startsWith('/')) {
    const m = /\/(?=\s|,|$)/g;
    m.lastIndex = 1;
    const hit = m.exec(text);
    if (hit) end = hit.index + 1;
  }
  if (end < 0) {
    const m = /[\s,]/.exec(text);
    end = m ? m.index : text.length;
  }
  const value = text.slice(0, end);
  let note = text
    .slice(end)
    .replace(/^[\s,]+/, '')
    .replace(/^#\s*/, '')
    .trim();
  if (/^".*"$/.test(note) || /^'.*'$/.test(note)) note = note.slice(1, -1);
  if (ACCESS_ACTION.test(note)) note = '';
  return { value, note };
}

/** RFC 4180 fields of one CSV record (quoted fields may hold commas and doubled quotes). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (!quoted && c === '"' && cur === '') quoted = true;
    else if (!quoted && c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  // Our CSV export protects cells a spreadsheet would run as formulas with a leading '.
  return out.map((f) => (/^'[=+\-@\t\r]/.test(f) ? f.slice(1) : f));
}

/** Splits CSV text into records, keeping line breaks inside quotes; each with its first line number. */
function csvRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  const lines = text.split(/\r?\n/);
  let start = 0;
  let buffer: string | undefined;
  lines.forEach((l, i) => {
    if (buffer === undefined) {
      buffer = l;
      start = i + 1;
    } else buffer += `\n${l}`;
    if (((buffer.match(/"/g) ?? []).length & 1) === 0) {
      records.push({ line: start, fields: csvFields(buffer) });
      buffer = undefined;
    }
  });
  if (buffer !== undefined) records.push({ line: start, fields: csvFields(buffer) });
  return records;
}

const HEADER_NAMES: Record<string, keyof ListEntry> = {
  value: 'value',
  note: 'note',
  source: 'source',
  expires: 'expires',
  scope: 'scope',
  'only if spf passes': 'requireSpf',
  requirespf: 'requireSpf',
  require_spf: 'requireSpf',
};

const truthy = (s: string) => /^(true|yes|1|y|x|✓)$/i.test(s.trim());

function fromCsv(
  text: string,
): { line: number; raw: string; entry: Partial<ListEntry> }[] | undefined {
  const records = csvRecords(text);
  const head = records.find((r) => r.fields.some((f) => f.trim()));
  if (!head) return undefined;
  const names = head.fields.map((f) => HEADER_NAMES[f.trim().toLowerCase()]);
  if (names[0] !== 'value') return undefined;
  return records
    .filter((r) => r !== head)
    .map((r) => {
      const entry: Partial<ListEntry> = {};
      r.fields.forEach((f, i) => {
        const key = names[i];
        const v = f.trim();
        if (!key || v === '') return;
        if (key === 'requireSpf') entry.requireSpf = truthy(v);
        else (entry as Record<string, string>)[key] = v;
      });
      return { line: r.line, raw: r.fields.join(','), entry };
    });
}

function fromLines(text: string): { line: number; raw: string; entry: Partial<ListEntry> }[] {
  return text.split(/\r?\n/).map((raw, i) => {
    const t = raw.trim();
    if (!t || t.startsWith('#')) return { line: i + 1, raw, entry: {} };
    const { value, note } = splitLine(t);
    return { line: i + 1, raw, entry: note ? { value, note } : { value } };
  });
}

/** Builds the entry the list stores: only the fields this list has. */
export function makeEntry(def: ListDef, fields: Partial<ListEntry>, d: LineDefaults): ListEntry {
  const entry: ListEntry = { value: (fields.value ?? '').trim() };
  if (fields.note) entry.note = fields.note;
  entry.source = fields.source ?? d.source ?? 'manual';
  if (def.expires && (fields.expires ?? d.expires)) entry.expires = fields.expires ?? d.expires;
  if (def.scope) {
    const scope = fields.scope ?? d.scope;
    if (scope && scope !== 'all') entry.scope = scope;
  }
  if (def.kind === 'sender') entry.requireSpf = fields.requireSpf ?? d.requireSpf ?? false;
  return entry;
}

export const entryKey = (value: string): string => value.trim().toLowerCase();

export function parseLines(
  text: string,
  def: ListDef,
  existing: readonly ListEntry[],
  defaults: LineDefaults = {},
): ParseReport {
  const csv = fromCsv(text);
  const rows = csv ?? fromLines(text);
  const known = new Map<string, number>();
  existing.forEach((e, i) => {
    const k = entryKey(e.value);
    if (!known.has(k)) known.set(k, i + 1);
  });
  const pasted = new Map<string, number>();
  const report: ParseReport = { good: [], bad: [], duplicates: [], ignored: 0, csv: !!csv };
  for (const row of rows) {
    if (!row.entry.value) {
      if (row.raw.trim() && !row.raw.trim().startsWith('#'))
        report.bad.push({ line: row.line, text: row.raw, message: 'has no value' });
      else report.ignored++;
      continue;
    }
    const entry = makeEntry(def, row.entry, defaults);
    const problem = checkEntry(def, entry);
    if (problem) {
      report.bad.push({ line: row.line, text: row.raw, message: problem });
      continue;
    }
    const k = entryKey(entry.value);
    const existingLine = known.get(k);
    const pastedLine = pasted.get(k);
    if (existingLine !== undefined || pastedLine !== undefined) {
      report.duplicates.push({
        line: row.line,
        value: entry.value,
        ...(existingLine !== undefined ? { existingLine } : { pastedLine }),
      });
      continue;
    }
    pasted.set(k, row.line);
    report.good.push({ line: row.line, entry });
  }
  return report;
}
