/**
 * The price-table editor (issue 15): Settings › Price tables… edits the table a connection's estimates use;
 * a plan's confirmation then names the edited prices, and Reset goes back to the built-in list prices.
 * Costs are computed in main from main's tables (cost:tables / cost:save-table / cost:reset-table).
 */
import { expect, test } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';

const CONNECTION = 'Local fauxqs';

test('edits a price table in Settings; the next plan is priced with it; Reset restores the list prices', async ({ app, s3 }) => {
  s3.seed('prices', [['big.bin', 'x'.repeat(1000)]]);
  const ui = new BrowserPage(app);
  await ui.openConnection(CONNECTION);
  await ui.goTo('s3://prices/');
  await ui.waitForFolder('s3://prices/');

  // The table this connection's estimates use, as the delete confirmation names it.
  await ui.row('big.bin').click();
  await app.keyboard.press('Delete');
  const costTable = app.getByTestId('ops-cost-table');
  const before = (await costTable.textContent()) ?? '';
  const name = /“(.+)”/.exec(before)?.[1] ?? '';
  expect(name).not.toBe('');
  await app.getByTestId('ops-confirm-cancel').click();

  await app.keyboard.press('ControlOrMeta+Comma');
  await app.getByTestId('settings-price-tables').click();
  const dialog = app.getByTestId('price-tables');
  await expect(app.getByTestId('settings-dialog')).toHaveCount(0);
  await dialog.getByTestId('prices-table').selectOption({ label: name });
  await expect(dialog.getByTestId('prices-which')).toContainText('built-in list prices');
  await dialog.getByTestId('prices-as-of').fill('yesterday');
  await expect(dialog.getByTestId('prices-problems')).toContainText('is not a date');
  await expect(dialog.getByTestId('prices-save')).toBeDisabled();
  await dialog.getByTestId('prices-as-of').fill('2026-12-01');
  await dialog.getByTestId('prices-STANDARD-storageGbMonth').fill('-1');
  await expect(dialog.getByTestId('prices-problems')).toContainText('STANDARD Storage $/GB-month');
  await dialog.getByTestId('prices-STANDARD-storageGbMonth').fill('0.02');
  await dialog.getByTestId('prices-save').click();
  await expect(dialog.getByTestId('prices-saved')).toContainText('Saved');
  await expect(dialog.getByTestId('prices-which')).toContainText('your prices');
  await ui.screenshot('price-tables');
  await dialog.getByTestId('prices-close').click();

  await ui.row('big.bin').click();
  await app.keyboard.press('Delete');
  await expect(costTable).toContainText(`Priced with “${name}”, prices as of 2026-12-01.`);
  await app.getByTestId('ops-confirm-cancel').click();

  await app.keyboard.press('ControlOrMeta+Comma');
  await app.getByTestId('settings-price-tables').click();
  await dialog.getByTestId('prices-table').selectOption({ label: `${name} (edited)` });
  await dialog.getByTestId('prices-reset').click();
  await expect(dialog.getByTestId('prices-saved')).toContainText('Reset to the built-in prices');
  await dialog.getByTestId('prices-close').click();
  await ui.row('big.bin').click();
  await app.keyboard.press('Delete');
  await expect(costTable).toHaveText(before);
});
