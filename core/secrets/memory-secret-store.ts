// Secrets held only in this process's memory: forgotten when it exits. Runtime: pure.

import type { SecretStore } from './secret-store';

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  readonly info = {
    backend: 'memory' as const,
    persistent: false,
    description:
      'Secrets (such as SSH key passphrases) are kept in memory only and are forgotten when this process stops. ' +
      'The desktop app stores them encrypted with the operating system keychain.',
  };

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  set(name: string, value: string): void {
    this.values.set(name, value);
  }

  delete(name: string): void {
    this.values.delete(name);
  }
}
