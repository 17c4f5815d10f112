/** Electron glue: open an SSO verification address in the user's default browser (never in the app window). */
import { shell } from 'electron';

export async function openInBrowser(url: string): Promise<void> {
  // Only web addresses: a sign-in service answering file: or a custom scheme must not launch anything local.
  if (!/^https?:$/.test(new URL(url).protocol)) throw new Error(`not opening ${new URL(url).protocol} addresses`);
  await shell.openExternal(url);
}
