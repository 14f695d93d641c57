// The server form's values as typed, their checks (the same rules the API applies, so most
// mistakes are caught before a round trip), and the conversion to the API's ServerInput. Pure.

import type { ServerInput, ServerSummary } from '../../../core/app/api';
import { parseTags } from './server-text';

/** Everything as the text in the inputs: empty means "not set". */
export interface ServerFormValues {
  name: string;
  host: string;
  port: string;
  username: string;
  identityFile: string;
  tags: string;
  notes: string;
}

export type FieldErrors = Partial<Record<keyof ServerFormValues, string>>;

export const EMPTY_FORM: ServerFormValues = {
  name: '',
  host: '',
  port: '',
  username: '',
  identityFile: '',
  tags: '',
  notes: '',
};

export function formFromServer(s: ServerSummary): ServerFormValues {
  return {
    name: s.name,
    host: s.host,
    port: s.port === null ? '' : String(s.port),
    username: s.username ?? '',
    identityFile: s.identityFile ?? '',
    tags: s.tags.join(', '),
    notes: s.notes,
  };
}

export function checkForm(v: ServerFormValues): FieldErrors {
  const errors: FieldErrors = {};
  // Without a host there is no default name either: the host's message says what to do.
  if (!v.name.trim() && v.host) errors.name = 'Give the server a name.';
  if (!v.host) errors.host = 'Enter a host name, an address, or an alias from your ssh config.';
  else if ([...v.host].some((c) => c.trim() === '' || c.charCodeAt(0) < 32 || c === '\x7f'))
    errors.host = 'A host has no spaces or control characters.';
  else if (v.host.startsWith('-')) errors.host = 'A host must not start with "-".';
  if (v.port.trim()) {
    const port = Number(v.port.trim());
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      errors.port = 'From 1 to 65535, or empty.';
  }
  const key = v.identityFile.trim();
  if (key && !key.startsWith('/') && !key.startsWith('~/'))
    errors.identityFile = 'Use an absolute path, or one starting with ~/.';
  if (parseTags(v.tags).some((t) => t.length > 64))
    errors.tags = 'A tag has at most 64 characters.';
  return errors;
}

/** The values as the API takes them; names and notes stay verbatim (only tags are split). */
export function toInput(v: ServerFormValues): Required<ServerInput> {
  return {
    name: v.name,
    host: v.host,
    port: v.port.trim() ? Number(v.port.trim()) : null,
    username: v.username.trim() ? v.username : null,
    identityFile: v.identityFile.trim() ? v.identityFile.trim() : null,
    tags: parseTags(v.tags),
    notes: v.notes,
  };
}

/** Only what changed, for servers.update (an unchanged field is not sent, nor audited). */
export function changedFields(before: ServerSummary, v: ServerFormValues): Partial<ServerInput> {
  const next = toInput(v);
  const patch: Partial<ServerInput> = {};
  if (next.name !== before.name) patch.name = next.name;
  if (next.host !== before.host) patch.host = next.host;
  if (next.port !== before.port) patch.port = next.port;
  if (next.username !== before.username) patch.username = next.username;
  if (next.identityFile !== before.identityFile) patch.identityFile = next.identityFile;
  if (JSON.stringify(next.tags) !== JSON.stringify(before.tags)) patch.tags = next.tags;
  if (next.notes !== before.notes) patch.notes = next.notes;
  return patch;
}
