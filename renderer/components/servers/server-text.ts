// How a server's connection and status read in the UI. Pure: no React, no API calls.

import type { ApiErrorCode, ResolvedTarget, ServerStatus } from '../../../core/app/api';

/** Where the connection really goes, as ssh would print it: user@host:port. */
export function targetText(target: ResolvedTarget): string {
  return target.ok ? `${target.user}@${target.host}:${target.port}` : target.error;
}

/** Error codes in the words an admin would use; the message (shown as a title) has the detail. */
const CODE_WORDS: Partial<Record<ApiErrorCode, string>> = {
  UNREACHABLE: 'unreachable',
  TIMEOUT: 'timed out',
  HOST_KEY_UNKNOWN: 'host key not trusted yet',
  HOST_KEY_CHANGED: 'host key changed',
  HOST_KEY_REVOKED: 'host key revoked',
  AUTH_FAILED: 'login refused',
  PASSPHRASE_REQUIRED: 'key passphrase needed',
  PERMISSION_DENIED: 'permission denied',
  COMMAND_FAILED: 'command failed',
  NOT_FOUND: 'not found',
  DISCONNECTED: 'app disconnected',
};

export function codeWords(code: ApiErrorCode | undefined): string {
  if (!code) return 'failed';
  return CODE_WORDS[code] ?? `failed (${code})`;
}

/** ok: works; attention: needs a decision from the admin; bad: broken or refused; none: unknown. */
export type Tone = 'ok' | 'attention' | 'bad' | 'none';

export function statusTone(status: ServerStatus | undefined): Tone {
  if (!status) return 'none';
  if (status.ok) return status.privilege === 'none' ? 'attention' : 'ok';
  return status.code === 'HOST_KEY_UNKNOWN' || status.code === 'PASSPHRASE_REQUIRED'
    ? 'attention'
    : 'bad';
}

const PRIVILEGE_WORDS = { root: 'as root', sudo: 'with sudo', none: 'no sudo rights' } as const;

export function statusWords(status: ServerStatus | undefined): string {
  if (!status) return 'not tested yet';
  if (!status.ok) return codeWords(status.code);
  return status.privilege ? `reachable, ${PRIVILEGE_WORDS[status.privilege]}` : 'reachable';
}

/** "eu, prod ,, mx" → ['eu', 'prod', 'mx']: trimmed, no empties, no duplicates. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

export const isHostKeyRefusal = (code: ApiErrorCode | undefined): boolean =>
  code === 'HOST_KEY_CHANGED' || code === 'HOST_KEY_REVOKED';
