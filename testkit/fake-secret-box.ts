import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../main/connections/secret-box';

/**
 * A SecretBox for tests: real AES-256-GCM with a key that lives in this object (the stand-in for the OS
 * keyring), so ciphertext never contains the plain text and a new core with the same box can decrypt.
 */
export interface FakeSecretBox extends SecretBox {
  setAvailable(available: boolean): void;
  readonly encryptCalls: number;
}

export function createFakeSecretBox(options: { available?: boolean } = {}): FakeSecretBox {
  const key = randomBytes(32);
  let available = options.available ?? true;
  let encryptCalls = 0;
  return {
    isAvailable: () => available,
    setAvailable: (value) => {
      available = value;
    },
    get encryptCalls() {
      return encryptCalls;
    },
    encrypt(plain) {
      if (!available) throw new Error('encryption unavailable');
      encryptCalls++;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(b64) {
      const raw = Buffer.from(b64, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
