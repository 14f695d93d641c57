// Secret stores. The OS keychain (Electron safeStorage) exists only inside Electron, so its
// place is taken by a named fake cipher (real AES-GCM, key in memory) at exactly that boundary.

import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EncryptedSecretStore,
  type SecretCipher,
} from '../../../core/secrets/encrypted-secret-store';
import { MemorySecretStore } from '../../../core/secrets/memory-secret-store';
import { openStore } from '../../../core/store/database';
import { SecretsRepo } from '../../../core/store/secrets-repo';
import { tempDir } from '../../support/temp';

function fakeKeychainCipher(strong = true): SecretCipher {
  const key = crypto.randomBytes(32);
  return {
    backendName: strong ? 'fake-keychain' : 'basic_text',
    strong,
    encrypt(plaintext) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(ciphertext) {
      const d = crypto.createDecipheriv('aes-256-gcm', key, ciphertext.subarray(0, 12));
      d.setAuthTag(ciphertext.subarray(12, 28));
      return Buffer.concat([d.update(ciphertext.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('secrets', () => {
  it('encrypted store keeps only ciphertext in the database and survives a reopen', () => {
    const file = path.join(tempDir(), 'm.db');
    const cipher = fakeKeychainCipher();
    const store = openStore(file);
    const secrets = new EncryptedSecretStore(new SecretsRepo(store.db), cipher);
    secrets.set('ssh-passphrase:mx1', 'correct horse battery staple');
    const raw = store.db.prepare('SELECT ciphertext FROM secrets').pluck().get() as Buffer;
    expect(raw.toString('latin1')).not.toContain('horse');
    store.close();

    const reopened = openStore(file);
    const again = new EncryptedSecretStore(new SecretsRepo(reopened.db), cipher);
    expect(again.get('ssh-passphrase:mx1')).toBe('correct horse battery staple');
    again.delete('ssh-passphrase:mx1');
    expect(again.get('ssh-passphrase:mx1')).toBeUndefined();
    expect(again.info).toMatchObject({ backend: 'os', persistent: true });
    reopened.close();
  });

  it('says when the OS protection is weak, and memory mode says it forgets', () => {
    const store = openStore(path.join(tempDir(), 'w.db'));
    const weak = new EncryptedSecretStore(new SecretsRepo(store.db), fakeKeychainCipher(false));
    expect(weak.info.description).toMatch(/no keychain/);
    store.close();
    const memory = new MemorySecretStore();
    memory.set('a', 'b');
    expect(memory.get('a')).toBe('b');
    expect(memory.info).toMatchObject({ backend: 'memory', persistent: false });
    expect(memory.info.description).toMatch(/memory only/);
  });
});
