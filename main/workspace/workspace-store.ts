/**
 * The workspace store: the one copy main keeps, loaded from the user-data folder when the core is built and
 * written back (atomically, one write at a time, the newest winning) whenever the renderer sets it.
 */
import { EMPTY_WORKSPACE, type Workspace, type WorkspaceSnapshot } from '../../shared/workspace';
import { loadVersionedFileSync, saveVersionedFile } from '../connections/settings-file';
import { WORKSPACE_FILE_NAME, WORKSPACE_VERSION, workspaceFileSchema } from './workspace-schema';

export interface WorkspaceStoreOptions {
  /** Without it the workspace lasts for the session (tests, benchmarks). */
  readonly userDataDir?: string;
  readonly now?: () => Date;
}

export class WorkspaceStore {
  private workspace: Workspace = EMPTY_WORKSPACE;
  private problem: string | null = null;
  private persistent: boolean;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly options: WorkspaceStoreOptions = {}) {
    this.persistent = options.userDataDir !== undefined;
    if (options.userDataDir === undefined) return;
    const loaded = loadVersionedFileSync(
      { dir: options.userDataDir, fileName: WORKSPACE_FILE_NAME, version: WORKSPACE_VERSION, schema: workspaceFileSchema, what: 'Tabs and bookmarks' },
      options.now,
    );
    if (loaded.value) this.workspace = loaded.value.workspace;
    if (loaded.problem) {
      this.problem = loaded.problem.message;
      // A file we could not move aside must never be overwritten: keep this session's changes in memory only.
      if (loaded.problem.movedTo === null) this.persistent = false;
    }
  }

  get(): WorkspaceSnapshot {
    return { workspace: this.workspace, problem: this.problem };
  }

  /** Replace the workspace; resolves once it is on disk (or failed to be: then `problem` says why). */
  async set(workspace: Workspace): Promise<WorkspaceSnapshot> {
    this.workspace = workspace;
    const dir = this.options.userDataDir;
    if (dir === undefined || !this.persistent) return this.get();
    // Chained so two quick sets never race on the temp file; each write takes the newest state.
    this.writing = this.writing
      .catch(() => {})
      .then(() => saveVersionedFile({ dir, fileName: WORKSPACE_FILE_NAME, schema: workspaceFileSchema }, { version: WORKSPACE_VERSION, workspace: this.workspace }))
      .then(
        () => {
          if (this.problem?.startsWith('Tabs and bookmarks could not be saved')) this.problem = null;
        },
        (error: unknown) => {
          this.problem = `Tabs and bookmarks could not be saved: ${(error as Error).message}`;
        },
      );
    await this.writing;
    return this.get();
  }

  /** Resolves when the last write is done (dispose, tests). */
  flush(): Promise<void> {
    return this.writing.catch(() => {});
  }
}
