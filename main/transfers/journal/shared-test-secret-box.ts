/**
 * Test helper, not app code: a stand-in for the OS keyring that two processes share (base64, no secrecy).
 * resume.integration.test.ts's new core must read the connection a killed child saved, under the same id
 * the child's journal entries name.
 */
import type { SecretBox } from '../../connections/secret-box';

export const SHARED_TEST_SECRET_BOX: SecretBox = {
  isAvailable: () => true,
  encrypt: (plain) => Buffer.from(plain, 'utf8').toString('base64'),
  decrypt: (cipher) => Buffer.from(cipher, 'base64').toString('utf8'),
};
