/**
 * electron-builder.yml is only exercised when someone packages the app, so check it here: electron-builder's
 * own loader and schema accept it, and the hardening fuses stay set.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// app-builder-lib is electron-builder's engine (a pinned dependency of it); these are its config helpers.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const root = fileURLToPath(new URL('..', import.meta.url));

describe('electron-builder.yml', () => {
  it('is valid for electron-builder and sets the identity, targets and hardening fuses', async () => {
    const config = await getConfig(root, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config).toMatchObject({
      appId: 'dev.s3desk.app',
      productName: 'S3 Desk',
      files: [{ filter: expect.arrayContaining(['out/**', '!node_modules/**']) }],
      icon: 'build/icon.png',
      mac: { target: 'dmg', icon: 'build/icon.icns', hardenedRuntime: true },
      win: { target: 'nsis', icon: 'build/icon.ico' },
      linux: { target: ['AppImage', 'deb'], icon: 'build/icons', executableName: 's3-desk', syncDesktopName: true },
      electronFuses: {
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        onlyLoadAppFromAsar: true,
        enableEmbeddedAsarIntegrityValidation: true,
        // The renderer is served from app://, so file:// keeps no extra powers.
        grantFileProtocolExtraPrivileges: false,
        // Without a signing identity the flipped macOS binary is re-signed ad hoc (or arm64 kills it at launch).
        resetAdHocDarwinSignature: true,
      },
    });
    // No identity key: one found in the keychain (or CSC_LINK/CSC_NAME) must still be able to sign the app;
    // `identity: '-'` would force ad-hoc signing even then.
    expect((config['mac'] as Record<string, unknown>)['identity']).toBeUndefined();
  });

  it('rejects what electron-builder does not know (so the check above can fail)', async () => {
    await expect(validateConfiguration({ electronFuses: { runAsNodee: false } }, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });
});
