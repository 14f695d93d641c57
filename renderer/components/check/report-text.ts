// The whole report as plain text, laid out like `mxwarden check` prints it, for tickets and
// chat. Pure.

import type { CheckReport } from '../../../core/app/api';
import { answerWords, largeSenderWords, policyWords, rdnsWords } from './check-words';

/** Left-aligned columns, two spaces apart (the CLI's table). */
function columns(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function reportText(r: CheckReport): string {
  const v = r.verdict;
  const out: string[] = [];
  const also = r.addresses.length > 1 ? ` (one of ${r.addresses.join(', ')})` : '';
  const target = r.target.trim() !== r.address ? `${r.target.trim()} → ` : '';
  out.push(`${target}${r.address}${also} — policy: ${policyWords(r.policy)}, as ${v.profile}`, '');
  if (r.lists.length) {
    out.push(
      columns([
        ['list', 'answer', 'weight', 'counts', 'ms', 'reason'],
        ...r.lists.map((l) => [
          `${l.zone}${l.filter ? `=${l.filter}` : ''}`,
          answerWords(l.status, l.answers, r.version),
          String(l.weight),
          l.matched ? (l.dryRun ? 'dry-run' : 'yes') : '',
          String(l.ms),
          l.text ?? '',
        ]),
      ]),
      `score ${r.score} (threshold ${r.threshold})`,
      '',
    );
  }
  const organisation =
    [
      r.organisation.client && `client ${r.organisation.client}`,
      r.organisation.sender && `sender ${r.organisation.sender}`,
    ]
      .filter(Boolean)
      .join(', ') || '—';
  out.push(
    columns([
      ['reverse DNS', rdnsWords(r.rdns)],
      ['SPF', r.spf ? `${r.spf.result} for ${r.spf.domain}` : 'not checked (no sender)'],
      ['organisation', organisation],
      ...(r.largeSender ? [['large sender', largeSenderWords(r.largeSender)]] : []),
      ['DNS servers', r.dnsServers.join(', ') || 'system resolver'],
    ]),
    '',
    `${v.action.toUpperCase()}: ${v.reply}`,
    v.summary,
    '',
    'trace:',
  );
  for (const t of v.trace)
    out.push(
      `  [${t.stage}] ${t.check}: ${t.status}${t.dryRun ? ' (dry-run)' : ''} — ${t.detail}${t.ms ? ` (${t.ms} ms)` : ''}`,
    );
  for (const t of v.dryRunHits) out.push(`dry-run: ${t.check} — ${t.detail}`);
  for (const n of r.notes) out.push(`note: ${n}`);
  return `${out.join('\n')}\n`;
}
