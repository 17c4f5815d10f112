/** A desktop adapter that records what the app asked the OS to show or open (e2e and integration tests). */
import type { DesktopAdapter } from '../main/transfers/adapters';

export interface RecordedDesktopCall {
  readonly how: 'show' | 'open';
  readonly path: string;
}

export class FakeDesktop implements DesktopAdapter {
  readonly calls: RecordedDesktopCall[] = [];
  /** What openPath answers: '' (opened) or an error message, as Electron's shell.openPath does. */
  openProblem = '';

  showItemInFolder(path: string): void {
    this.calls.push({ how: 'show', path });
  }

  openPath(path: string): Promise<string> {
    this.calls.push({ how: 'open', path });
    return Promise.resolve(this.openProblem);
  }
}
