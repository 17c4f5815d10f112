/**
 * Page object for the file browser and start screen: locators by data-testid and waits on the app's own state
 * attributes (data-status, data-complete), never on time.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';

const E2E_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Screenshots of the main views, kept as test artifacts. */
export const SCREENSHOT_DIR = join(E2E_DIR, 'artifacts', 'screenshots');
/** The screenshots the README shows (committed; e2e/readme-screenshots.spec.ts writes them on request). */
export const README_SCREENSHOT_DIR = join(E2E_DIR, 'screenshots');

export class BrowserPage {
  readonly browser: Locator;
  readonly rows: Locator;
  readonly rowNames: Locator;
  readonly address: Locator;
  readonly filter: Locator;
  readonly tableBody: Locator;
  readonly crumbs: Locator;
  readonly statusBar: Locator;
  readonly errorState: Locator;

  constructor(readonly page: Page) {
    this.browser = page.getByTestId('browser');
    this.rows = page.getByTestId('row');
    this.rowNames = page.getByTestId('row-name');
    this.address = page.getByTestId('address-input');
    this.filter = page.getByTestId('filter-input');
    this.tableBody = page.getByTestId('file-table-body');
    this.crumbs = page.getByTestId('crumb');
    this.statusBar = page.getByTestId('status-bar');
    this.errorState = page.getByTestId('error-state');
  }

  connection(name: string): Locator {
    return this.page.locator(`[data-testid="connection"][data-name="${name}"]`);
  }

  async openConnection(name: string): Promise<void> {
    await this.connection(name).getByTestId('connection-open').click();
    await expect(this.browser).toBeVisible();
  }

  bucket(name: string): Locator {
    return this.page.locator(`[data-testid="bucket"][data-bucket="${name}"]`);
  }

  row(key: string): Locator {
    return this.page.locator(`[data-testid="row"][data-key="${key}"]`);
  }

  /** Wait until the shown location is `address` and every page of it is in. */
  async waitForFolder(address: string): Promise<void> {
    await expect(this.address).toHaveValue(address);
    await expect(this.browser).toHaveAttribute('data-status', 'ready');
    await expect(this.browser).toHaveAttribute('data-complete', 'true');
  }

  async goTo(address: string): Promise<void> {
    await this.address.fill(address);
    await this.address.press('Enter');
  }

  /** Names of the rows currently rendered (the virtualized window), in display order. */
  async visibleNames(): Promise<string[]> {
    return this.rowNames.allTextContents();
  }

  async crumbLabels(): Promise<string[]> {
    return this.crumbs.allTextContents();
  }

  async selectedKeys(): Promise<string[]> {
    return this.page.locator('[data-testid="row"][aria-selected="true"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));
  }

  /** Select exactly these rows, as a user does: click the first, Ctrl/⌘-click the others. */
  async selectRows(first: string, ...more: readonly string[]): Promise<void> {
    await this.row(first).click();
    for (const key of more) await this.row(key).click({ modifiers: ['ControlOrMeta'] });
  }

  /**
   * A real mouse drag that starts on `key`'s row: press, move well past the drag threshold, release. The
   * table's dragstart fires from it (what starts staging and the native drag); used by the Chromium harness and
   * by the Electron spec alike, so both exercise the same gesture.
   */
  async dragRowOut(key: string): Promise<void> {
    const box = await this.row(key).boundingBox();
    if (!box) throw new Error(`row ${key} is not rendered`);
    await this.page.mouse.move(box.x + 20, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + 80, box.y + 60, { steps: 5 });
    await this.page.mouse.up();
  }

  async screenshot(name: string, alsoTo?: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path, animations: 'disabled' });
    if (alsoTo) {
      mkdirSync(dirname(alsoTo), { recursive: true });
      await this.page.screenshot({ path: alsoTo, animations: 'disabled' });
    }
  }
  /** Drops one small text file from the OS onto the table, as a drag from the desktop would. */
  async dropFile(name: string): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle((fileName) => {
      const dt = new DataTransfer();
      dt.items.add(new File(['dropped'], fileName, { type: 'text/plain' }));
      return dt;
    }, name);
    await this.tableBody.dispatchEvent('dragover', { dataTransfer });
    await this.tableBody.dispatchEvent('drop', { dataTransfer });
  }
}
