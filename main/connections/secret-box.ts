/**
 * The one way secrets reach the disk: encrypted by the OS (Electron safeStorage in the app, a fake in tests).
 * When `isAvailable()` is false nothing secret is written; secrets stay in memory for the session.
 */
export interface SecretBox {
  isAvailable(): boolean;
  /** Opaque ciphertext as base64; throws when encryption is unavailable. */
  encrypt(plain: string): string;
  /** Throws when the ciphertext cannot be decrypted (other machine, changed keyring). */
  decrypt(cipherBase64: string): string;
}

/** For cores without OS encryption (no user-data folder, or headless use). */
export const UNAVAILABLE_SECRET_BOX: SecretBox = {
  isAvailable: () => false,
  encrypt: () => {
    throw new Error('encryption is unavailable');
  },
  decrypt: () => {
    throw new Error('encryption is unavailable');
  },
};
