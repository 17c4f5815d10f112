/**
 * The transfer journal as the rest of the feature sees it: the store (journal-store.ts), which of its
 * entries a previous run left unfinished (shown with Resume / Discard until the user picks one), and the
 * `closing` flag that tells a cancel caused by quitting (keep the entry and its part file) from a cancel the
 * user asked for (forget both).
 */
import type { UnfinishedReport, UnfinishedTransfer } from '../../../shared/transfers';
import type { JournalEntry } from './journal-schema';
import { JournalStore, type SetAside } from './journal-store';
import { recordedBytes, sidecarPathFor } from './range-sidecar';

export class TransferJournal {
  /** Set when the service is shutting down: cancels from now on are a quit, not a user's cancel. */
  closing = false;

  private constructor(
    readonly store: JournalStore,
    readonly setAside: SetAside | null,
    private readonly restored: Set<string>,
  ) {}

  static async open(folder: string, options?: { minIntervalMs?: number }): Promise<TransferJournal> {
    const { store, setAside } = await JournalStore.open(folder, options);
    return new TransferJournal(store, setAside, new Set(store.list().map((e) => e.id)));
  }

  /** Part files and sidecars a journaled download still needs (the part-file sweep leaves them). */
  keepPaths(): Set<string> {
    const keep = new Set<string>();
    for (const e of this.store.list()) {
      if (e.direction !== 'download') continue;
      keep.add(e.partPath);
      keep.add(sidecarPathFor(e.partPath));
    }
    return keep;
  }

  /** Entries from before this start not yet resumed or discarded (the given ids, or all). */
  restoredEntries(ids?: readonly string[]): JournalEntry[] {
    const wanted = ids ? ids.filter((id) => this.restored.has(id)) : [...this.restored];
    return wanted.flatMap((id) => this.store.get(id) ?? []);
  }

  /** They leave the unfinished list (resumed into the queue, or discarded). */
  release(ids: readonly string[]): void {
    for (const id of ids) this.restored.delete(id);
  }

  async unfinished(): Promise<UnfinishedReport> {
    const items: UnfinishedTransfer[] = [];
    for (const e of this.restoredEntries()) {
      const bytesKept = e.direction === 'download' ? await recordedBytes(e.partPath) : e.parts.reduce((n, p) => n + p.size, 0);
      items.push({
        id: e.id,
        direction: e.direction,
        connectionId: e.connectionId,
        bucket: e.bucket,
        key: e.key,
        localPath: e.direction === 'download' ? e.target : e.localPath,
        size: e.size,
        bytesKept,
        state: e.state === 'paused' ? 'paused' : e.state === 'failed' ? 'failed' : 'interrupted',
        note: e.note,
      });
    }
    return { items, setAside: this.setAside };
  }
}
