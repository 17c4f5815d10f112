/**
 * Playwright's global setup: one RGW for the run (see global-setup.ts), started only when the rgw project can
 * run in this invocation. Playwright runs a config's global setup whatever the filters, so
 * `npx playwright test e2e/dialogs.spec.ts` or `--project=fauxqs` would otherwise pay for a gateway it never uses.
 */
import { rgwSelected } from '../e2e-lanes';
import startRgwForRun from './global-setup';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (!rgwSelected(process.argv.slice(2))) return undefined;
  return startRgwForRun();
}
