// Secrets encrypted by a cipher the host provides (Electron: safeStorage, backed by the OS
// keychain) and persisted as ciphertext in the store. Runtime: Node.

import type { SecretsInfo } from '../app/api';
import type { SecretsRepo } from '../store/secrets-repo';
import type { SecretStore } from './secret-store';

export interface SecretCipher {
  encrypt(plaintext: string): Buffer;
  decrypt(ciphertext: Buffer): string;
  /** Which OS facility protects the key, e.g. 'gnome_libsecret', 'keychain', 'dpapi'. */
  readonly backendName: string;
  /** False when the OS offers no real protection (Linux 'basic_text'): said in the UI. */
  readonly strong: boolean;
}

export class EncryptedSecretStore implements SecretStore {
  readonly info: SecretsInfo;

  constructor(
    private readonly repo: SecretsRepo,
    private readonly cipher: SecretCipher,
    private readonly now: () => number = Date.now,
  ) {
    this.info = {
      backend: 'os',
      persistent: true,
      description: cipher.strong
        ? `Secrets are stored encrypted with the operating system keychain (${cipher.backendName}).`
        : `Secrets are stored encrypted, but this system offers no keychain (${cipher.backendName}): ` +
          'the key is weak. Install and unlock a keyring (e.g. gnome-keyring or KWallet) for real protection.',
    };
  }

  get(name: string): string | undefined {
    const ciphertext = this.repo.get(name);
    return ciphertext === undefined ? undefined : this.cipher.decrypt(ciphertext);
  }

  set(name: string, value: string): void {
    this.repo.put(name, this.cipher.encrypt(value), this.now());
  }

  delete(name: string): void {
    this.repo.delete(name);
  }
}
