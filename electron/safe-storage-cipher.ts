// The OS keychain (Electron safeStorage) as the core's SecretCipher. Runtime: Electron main,
// after the app is ready.

import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/app/host';

/** undefined when the OS offers no encryption at all: the core then keeps secrets in memory. */
export function safeStorageCipher(): SecretCipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const backendName =
    process.platform === 'linux'
      ? safeStorage.getSelectedStorageBackend()
      : process.platform === 'darwin'
        ? 'macOS Keychain'
        : 'Windows DPAPI';
  return {
    encrypt: (plaintext) => safeStorage.encryptString(plaintext),
    decrypt: (ciphertext) => safeStorage.decryptString(ciphertext),
    backendName,
    // Linux without a keyring falls back to a hard-coded key: say so instead of pretending.
    strong: backendName !== 'basic_text' && backendName !== 'unknown',
  };
}
