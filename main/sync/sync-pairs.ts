/**
 * Saved sync pairs in the user-data folder (sync-pairs.json, versioned and zod-checked through the same
 * helpers as saved connections), each with the counts of its last comparison. Without a folder they last
 * for the session.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CompareMode, GroupTotals, SyncGroup, SyncLocation, SyncPair } from '../../shared/sync';
import { loadVersionedFileSync, saveVersionedFile } from '../connections/settings-file';
import { syncPair } from './sync-schemas';

const FILE_NAME = 'sync-pairs.json';
const VERSION = 1;
const fileSchema = z.object({ version: z.literal(VERSION), pairs: z.array(syncPair).max(1000) }).strict();

export class SyncPairs {
  private pairs: SyncPair[];

  constructor(private readonly dir: string | null) {
    const loaded = dir === null ? null : loadVersionedFileSync({ dir, fileName: FILE_NAME, version: VERSION, schema: fileSchema, what: 'Saved sync pairs' });
    this.pairs = [...((loaded?.value?.pairs ?? []) as SyncPair[])];
  }

  list(): readonly SyncPair[] {
    return this.pairs;
  }

  async save(input: { name: string; left: SyncLocation; right: SyncLocation; mode: CompareMode }): Promise<SyncPair> {
    const pair: SyncPair = { id: randomUUID(), ...input, last: null };
    this.pairs = [...this.pairs, pair];
    await this.flush();
    return pair;
  }

  async remove(id: string): Promise<boolean> {
    const before = this.pairs.length;
    this.pairs = this.pairs.filter((p) => p.id !== id);
    if (this.pairs.length !== before) await this.flush();
    return this.pairs.length !== before;
  }

  get(id: string): SyncPair | undefined {
    return this.pairs.find((p) => p.id === id);
  }

  async recordResult(id: string, at: number, groups: Readonly<Record<SyncGroup, GroupTotals>>): Promise<void> {
    this.pairs = this.pairs.map((p) => (p.id === id ? { ...p, last: { at, groups } } : p));
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.dir !== null) await saveVersionedFile({ dir: this.dir, fileName: FILE_NAME, schema: fileSchema }, { version: VERSION, pairs: [...this.pairs] });
  }
}
