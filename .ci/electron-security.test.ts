/** The security check must actually find what it is there to find: scan a deliberately unsafe app. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanElectronSecurity } from './electron-security';

const dir = mkdtempSync(join(tmpdir(), 's3desk-unsafe-app-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('electron security check', () => {
  it('reports HIGH findings for a window without context isolation and without navigation limits', async () => {
    writeFileSync(
      join(dir, 'index.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export function open(): BrowserWindow {',
        '  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });',
        "  void win.loadURL('http://example.com/');",
        '  return win;',
        '}',
      ].join('\n'),
    );
    const report = await scanElectronSecurity(dir, '41.0.0');
    const high = report.findings.filter((f) => f.severity === 'HIGH').map((f) => f.id);
    expect(high).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
    expect(report.unparsed).toEqual([]);
  });
});
