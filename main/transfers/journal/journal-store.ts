/**
 * The transfer journal: every queued, running, paused and failed transfer, in one JSON file in the user-data
 * folder, replaced crash-safely on every change (coalesced-writer.ts: serialized, coalesced, at most a few
 * writes a second unless flushed).
 * A journal from another version or a damaged one is renamed aside and reported by `open()`, never thrown.
 */
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive } from '../temp-sweep';
import { CoalescedWriter } from './coalesced-writer';
import { JOURNAL_VERSION, type JournalEntry, journalFileSchema } from './journal-schema';

export const JOURNAL_FILE = 'transfers-journal.json';

/** A journal that could not be used: where it was moved and why. */
export interface SetAside {
  readonly path: string;
  readonly reason: string;
}

export class JournalStore {
  private readonly entries = new Map<string, JournalEntry>();
  private readonly writer: CoalescedWriter;

  private constructor(readonly file: string, minIntervalMs: number) {
    this.writer = new CoalescedWriter(file, () => JSON.stringify({ version: JOURNAL_VERSION, entries: this.list() }), minIntervalMs);
  }

  /** Load the journal in `folder` (an empty one when there is none); a bad file is set aside, not thrown. */
  static async open(
    folder: string,
    { now = Date.now, minIntervalMs = 250 }: { now?: () => number; minIntervalMs?: number } = {},
  ): Promise<{ store: JournalStore; setAside: SetAside | null }> {
    const store = new JournalStore(path.join(folder, JOURNAL_FILE), minIntervalMs);
    await removeDeadTemps(folder);
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
  flush(): Promise<void> {
    return this.writer.flush();
  }

  private schedule(): void {
    this.writer.schedule();
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

/** A write cut short by a crash leaves its temp file (atomic-file.ts names it after the writer's pid). */
async function removeDeadTemps(folder: string): Promise<void> {
  const temp = new RegExp(`^\\.${JOURNAL_FILE.replaceAll('.', '\\.')}\\.(\\d+)\\.tmp$`);
  for (const name of await readdir(folder).catch(() => [])) {
    const pid = Number(temp.exec(name)?.[1] ?? NaN);
    if (Number.isNaN(pid) || pid === process.pid || isProcessAlive(pid)) continue;
    await rm(path.join(folder, name), { force: true });
  }
}
