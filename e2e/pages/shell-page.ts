/** Page object for the app shell: tabs, the sidebar's trees, bookmarks, recents and the window title. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ShellPage {
  readonly tabs: Locator;
  readonly sidebar: Locator;
  readonly bookmarks: Locator;
  readonly recents: Locator;
  readonly addBookmark: Locator;

  constructor(readonly page: Page) {
    this.tabs = page.getByTestId('tab');
    this.sidebar = page.getByTestId('sidebar');
    this.bookmarks = page.getByTestId('sidebar-bookmark');
    this.recents = page.getByTestId('sidebar-recent');
    this.addBookmark = page.getByTestId('add-bookmark');
  }

  activeTab(): Locator {
    return this.page.locator('[data-testid="tab"][data-active="true"]');
  }

  async tabLabels(): Promise<string[]> {
    return this.tabs.getByRole('tab').allTextContents();
  }

  async expectActive(index: number): Promise<void> {
    await expect(this.tabs.nth(index)).toHaveAttribute('data-active', 'true');
  }

  sidebarConnection(name: string): Locator {
    return this.page.locator(`[data-testid="sidebar-connection"][data-name="${name}"]`);
  }

  sidebarBucket(connection: string, bucket: string): Locator {
    return this.sidebarConnection(connection).locator(`[data-testid="sidebar-bucket"][data-bucket="${bucket}"]`);
  }

  bookmark(path: string): Locator {
    return this.page.locator(`[data-testid="sidebar-bookmark"][data-path="${path}"]`);
  }

  recent(path: string): Locator {
    return this.page.locator(`[data-testid="sidebar-recent"][data-path="${path}"]`);
  }

  /** Press a shortcut with the focus on the page body, as a user would from anywhere in the window. */
  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }
}
