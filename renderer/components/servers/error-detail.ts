// Reading the structured `detail` of API errors. The API types it as unknown (it is shown on
// demand and may grow), so every field is checked before the UI relies on it. Pure.

import type { ApiError } from '../../../core/app/api';

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export interface UnknownKeyDetail {
  fingerprint: string;
  keyType: string;
  host: string;
  port: number;
  otherTypesKnown: string[];
}

/** HOST_KEY_UNKNOWN: the key the server presented, which "Accept and pin" will pin. */
export function unknownKeyDetail(error: ApiError): UnknownKeyDetail | undefined {
  const d = record(error.detail);
  const fingerprint = text(d.fingerprint);
  if (!fingerprint) return undefined;
  return {
    fingerprint,
    keyType: text(d.keyType) ?? 'unknown',
    host: text(d.host) ?? '',
    port: typeof d.port === 'number' ? d.port : 22,
    otherTypesKnown: Array.isArray(d.otherTypesKnown)
      ? d.otherTypesKnown.filter((t): t is string => typeof t === 'string')
      : [],
  };
}

/** PASSPHRASE_REQUIRED: which key, and whether the last passphrase given was wrong. */
export function passphraseDetail(error: ApiError): { keyPath: string; wrong: boolean } | undefined {
  const d = record(error.detail);
  const keyPath = text(d.keyPath);
  return keyPath ? { keyPath, wrong: d.wrong === true } : undefined;
}

/** HOST_KEY_CHANGED: OpenSSH's own banner, which admins recognise at a glance. */
export const opensshText = (error: ApiError): string | undefined =>
  text(record(error.detail).openssh);

/**
 * Validation issues by field: `servers.add` names them with dotted paths (`host`, `tags.0`);
 * the first segment is the form field. A CONFLICT names its field (the name is the only unique one).
 */
export function fieldIssues(error: ApiError): Record<string, string> {
  const d = record(error.detail);
  const out: Record<string, string> = {};
  if (error.code === 'CONFLICT') {
    out[text(d.field) ?? 'name'] = error.message;
    return out;
  }
  if (!Array.isArray(d.issues)) return out;
  for (const raw of d.issues) {
    const issue = record(raw);
    const field = (text(issue.path) ?? '').split('.')[0] ?? '';
    const message = text(issue.message);
    if (field && message && !out[field]) out[field] = message;
  }
  return out;
}
