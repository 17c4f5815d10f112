/**
 * A fake of the shell store's API (`ShellApi`): an in-memory workspace that answers like main (the snapshot
 * back), saved connections, and a bucket list; every call is logged.
 */
import { ok } from '../../shared/errors';
import type { ConnectionSummary } from '../../shared/types';
import { EMPTY_WORKSPACE, type Workspace } from '../../shared/workspace';
import type { ShellApi } from '../../renderer/src/features/shell';

export interface FakeShellApi {
  readonly api: ShellApi;
  workspace: Workspace;
  /** Every workspace the store sent, in order. */
  readonly saved: Workspace[];
  readonly calls: string[];
}

export function fakeConnection(id: string, name = id): ConnectionSummary {
  return { id, name, endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true, accessKeyHint: null };
}

export function createFakeShellApi(connections: readonly ConnectionSummary[], initial: Workspace = EMPTY_WORKSPACE): FakeShellApi {
  const fake: FakeShellApi = {
    workspace: initial,
    saved: [],
    calls: [],
    api: {
      async getWorkspace() {
        fake.calls.push('getWorkspace');
        return ok({ workspace: fake.workspace, problem: null });
      },
      async setWorkspace({ workspace }) {
        fake.calls.push('setWorkspace');
        fake.workspace = workspace;
        fake.saved.push(workspace);
        return ok({ workspace, problem: null });
      },
      async listConnections() {
        fake.calls.push('listConnections');
        return ok(connections);
      },
      async listBuckets({ connectionId }) {
        fake.calls.push(`listBuckets:${connectionId}`);
        return ok([{ name: 'b1', createdAt: null }, { name: 'b2', createdAt: null }]);
      },
    },
  };
  return fake;
}
