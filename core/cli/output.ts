// Printing results for people (aligned text) or scripts (--json). Runtime: Node.

import type { Writable } from 'node:stream';
import type { ApiError } from '../app/api';

export function printJson(out: Writable, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printError(err: Writable, error: ApiError): void {
  err.write(`mxwarden: ${error.message}\n`);
  const issues = (error.detail as { issues?: { path: string; message: string }[] } | undefined)
    ?.issues;
  for (const issue of issues ?? []) err.write(`  - ${issue.path || '(value)'}: ${issue.message}\n`);
}

/** Columns padded to their widest cell; the last column is never padded. */
export function printTable(out: Writable, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  out.write(`${line(header)}\n`);
  for (const row of rows) out.write(`${line(row)}\n`);
}
