/** Electron safeStorage behind the SecretBox interface (the only Electron-aware file of connections). */
import { safeStorage } from 'electron';
import type { SecretBox } from '../connections/secret-box';

/**
 * On Linux without a keyring, safeStorage falls back to a hard-coded key ("basic_text"): that is obfuscation,
 * not encryption, so S3 Desk treats it as unavailable and keeps secrets for the session only.
 */
export function safeStorageSecretBox(): SecretBox {
  const isAvailable = (): boolean => {
    if (!safeStorage.isEncryptionAvailable()) return false;
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false;
    return true;
  };
  return {
    isAvailable,
    encrypt: (plain) => {
      if (!isAvailable()) throw new Error('OS encryption is unavailable');
      return safeStorage.encryptString(plain).toString('base64');
    },
    decrypt: (cipher) => safeStorage.decryptString(Buffer.from(cipher, 'base64')),
  };
}
