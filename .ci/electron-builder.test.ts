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
      files: [{ filter: expect.arrayContaining(['out/**']) }],
      mac: { target: 'dmg' },
      win: { target: 'nsis' },
      linux: { target: ['AppImage', 'deb'] },
      electronFuses: {
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        onlyLoadAppFromAsar: true,
      },
    });
  });

  it('rejects what electron-builder does not know (so the check above can fail)', async () => {
    await expect(validateConfiguration({ electronFuses: { runAsNodee: false } }, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });
});
