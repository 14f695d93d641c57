// Where secrets (SSH key passphrases, later API tokens) live. Runtime: pure.
// The Electron shell supplies an OS-keychain cipher; browser mode and the CLI keep them in memory.

import type { SecretsInfo } from '../app/api';

export interface SecretStore {
  readonly info: SecretsInfo;
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
}
