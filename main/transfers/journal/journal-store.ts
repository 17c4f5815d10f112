/**
 * The transfer journal: every queued, running, paused and failed transfer, in one JSON file in the user-data
 * folder, replaced crash-safely (atomic-file.ts) on every change. Writes are serialized and coalesced: many
 * changes while a write is under way cost one more write with the latest state, and `flush()` waits for it.
 * A journal from another version or a damaged one is renamed aside and reported by `open()`, never thrown.
 */
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { JOURNAL_VERSION, type JournalEntry, journalFileSchema } from './journal-schema';

export const JOURNAL_FILE = 'transfers-journal.json';

/** A journal that could not be used: where it was moved and why. */
export interface SetAside {
  readonly path: string;
  readonly reason: string;
}

export class JournalStore {
  private readonly entries = new Map<string, JournalEntry>();
  private writing: Promise<void> | null = null;
  private dirty = false;
  private failure: unknown = null;

  private constructor(readonly file: string) {}

  /** Load the journal in `folder` (an empty one when there is none); a bad file is set aside, not thrown. */
  static async open(folder: string, now: () => number = Date.now): Promise<{ store: JournalStore; setAside: SetAside | null }> {
    const store = new JournalStore(path.join(folder, JOURNAL_FILE));
    let text: string;
    try {
      text = await readFile(store.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { store, setAside: null };
      throw error;
    }
    const reason = parseInto(text, store.entries);
    if (reason === null) return { store, setAside: null };
    store.entries.clear();
    const aside = `${store.file}.set-aside-${now()}`;
    await rename(store.file, aside);
    return { store, setAside: { path: aside, reason } };
  }

  list(): JournalEntry[] {
    return [...this.entries.values()];
  }

  get(id: string): JournalEntry | undefined {
    return this.entries.get(id);
  }

  put(entry: JournalEntry): void {
    this.entries.set(entry.id, entry);
    this.schedule();
  }

  /** Change some fields of an entry (ignored for an id no longer journaled: it finished meanwhile). */
  update<E extends JournalEntry>(id: string, change: (entry: E) => E): void {
    const entry = this.entries.get(id) as E | undefined;
    if (!entry) return;
    this.entries.set(id, change(entry));
    this.schedule();
  }

  remove(id: string): void {
    if (this.entries.delete(id)) this.schedule();
  }

  /** Resolves once everything changed so far is on disk; rejects if the last write failed. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.failure) {
      const error = this.failure;
      this.failure = null;
      throw error;
    }
  }

  private schedule(): void {
    this.dirty = true;
    if (this.writing) return;
    this.writing = this.writeLoop().finally(() => {
      this.writing = null;
    });
  }

  private async writeLoop(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      const body = JSON.stringify({ version: JOURNAL_VERSION, entries: this.list() });
      try {
        await writeFileAtomic(this.file, body);
        this.failure = null;
      } catch (error) {
        // Kept for flush(): a full disk must not crash the app, but callers that need durability learn of it.
        this.failure = error;
      }
    }
  }
}

/** Fill `into` from the file's text; the reason it cannot be used, or null. */
function parseInto(text: string, into: Map<string, JournalEntry>): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'the file is damaged (not JSON)';
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== JOURNAL_VERSION) return `written by another version of S3 Desk (journal version ${String(version)})`;
  const parsed = journalFileSchema.safeParse(json);
  if (!parsed.success) return `the file is damaged (${parsed.error.issues[0]?.message ?? 'invalid'})`;
  for (const entry of parsed.data.entries) into.set(entry.id, entry);
  return null;
}
