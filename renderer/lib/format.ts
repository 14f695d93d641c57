// Times as the user chose to see them: local time or UTC.

import type { Settings } from '../../core/settings/schema';

export function formatTime(ms: number, display: Settings['timeDisplay']): string {
  const d = new Date(ms);
  if (display === 'utc') return `${d.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
