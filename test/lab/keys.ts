// The lab's SSH client keys: one without passphrase and one encrypted with a known passphrase,
// made once per instance (kept across re-creations of its servers) and authorised on every server.
// Runtime: Node (lab).

import fs from 'node:fs';
import path from 'node:path';
import { runOk } from './run';
import type { LabKeys } from './types';

/** Not a secret: it protects a throw-away key that opens throw-away lab servers. */
export const ENCRYPTED_KEY_PASSPHRASE = 'mxwarden-lab-passphrase';

async function ensureKey(file: string, passphrase: string, comment: string) {
  if (fs.existsSync(file) && fs.existsSync(`${file}.pub`)) return;
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.pub`, { force: true });
  await runOk(['ssh-keygen', '-q', '-t', 'ed25519', '-N', passphrase, '-C', comment, '-f', file]);
}

export async function ensureClientKeys(dir: string, instance: string): Promise<LabKeys> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const plain = path.join(dir, 'id_ed25519');
  const encrypted = path.join(dir, 'id_ed25519_encrypted');
  await ensureKey(plain, '', `mxwarden-lab-${instance}`);
  await ensureKey(encrypted, ENCRYPTED_KEY_PASSPHRASE, `mxwarden-lab-${instance}-encrypted`);
  return { plain, encrypted: { path: encrypted, passphrase: ENCRYPTED_KEY_PASSPHRASE } };
}

export function publicKeys(keys: LabKeys): string[] {
  return [keys.plain, keys.encrypted.path].map((k) => fs.readFileSync(`${k}.pub`, 'utf8').trim());
}
