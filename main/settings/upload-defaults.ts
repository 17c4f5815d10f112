/**
 * Per-connection upload defaults (storage class, encryption, metadata, tags), saved in
 * <userData>/upload-defaults.json by the versioned, zod-checked helpers (an unreadable file is moved aside).
 * Uploads that name no options of their own use them; the upload dialog starts from them.
 */
import { z } from 'zod';
import type { UploadDefaults } from '../../shared/upload-options';
import { loadVersionedFileSync, saveVersionedFile, type VersionedFile } from '../connections/settings-file';
import type { UploadDefaultsPolicy } from '../transfers/transfer-options';
import { uploadDefaultsSchema } from '../transfers/upload-options-schema';

const FILE = 'upload-defaults.json';
const VERSION = 1;

const fileSchema = z.object({ version: z.literal(VERSION), connections: z.record(z.string().min(1).max(200), uploadDefaultsSchema) }).strict();
type Body = z.infer<typeof fileSchema>;

export class UploadDefaultsStore implements UploadDefaultsPolicy {
  private readonly byConnection = new Map<string, UploadDefaults>();
  private writing: Promise<void> = Promise.resolve();
  readonly problem: string | null;

  constructor(private readonly userDataDir?: string) {
    const loaded = userDataDir === undefined ? null : loadVersionedFileSync(this.file(userDataDir));
    for (const [id, d] of Object.entries(loaded?.value?.connections ?? {})) this.byConnection.set(id, d as UploadDefaults);
    this.problem = loaded?.problem?.message ?? null;
  }

  defaultsFor(connectionId: string): UploadDefaults {
    return this.byConnection.get(connectionId) ?? {};
  }

  /** Replace a connection's defaults ({} clears them); resolves once they are on disk. */
  async set(connectionId: string, defaults: UploadDefaults): Promise<UploadDefaults> {
    if (Object.values(defaults).every((v) => v === undefined)) this.byConnection.delete(connectionId);
    else this.byConnection.set(connectionId, defaults);
    const dir = this.userDataDir;
    if (dir !== undefined) {
      const body: Body = { version: VERSION, connections: Object.fromEntries(this.byConnection) as Body['connections'] };
      this.writing = this.writing.catch(() => {}).then(() => saveVersionedFile(this.file(dir), body));
      await this.writing;
    }
    return this.defaultsFor(connectionId);
  }

  flush(): Promise<void> {
    return this.writing.catch(() => {});
  }

  private file(dir: string): VersionedFile<Body> {
    return { dir, fileName: FILE, version: VERSION, schema: fileSchema, what: 'Upload defaults' };
  }
}
