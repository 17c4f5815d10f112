/**
 * Test helper, not app code: a core in its own process, so resume.integration.test.ts can kill it with
 * SIGKILL mid-transfer (no dispose, no flush, nothing but what was already on disk survives). It starts one
 * download or upload as told in argv[2] (JSON), reports transferred bytes to the parent over the IPC channel, and
 * then waits to be killed.
 */
import type { EventChannel, IpcEvents } from '../../../shared/ipc';
import type { TransferProgressEvent } from '../../../shared/transfers';
import { createCore } from '../../core/create-core';
import { SHARED_TEST_SECRET_BOX } from './shared-test-secret-box';

export interface ChildPlan {
  readonly userDataDir: string;
  readonly tempDir: string;
  readonly endpoint: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The lane's signing region (RGW answers to its zonegroup's api_name). */
  readonly region: string;
  readonly direction: 'download' | 'upload';
  readonly bucket: string;
  /** Download: the object, into `destination`. Upload: the local file `source`, under the prefix "". */
  readonly key: string;
  readonly destination: string;
  readonly source?: string;
  readonly partSize: number;
  readonly partConcurrency: number;
}

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2]!) as ChildPlan;
  const send = (message: unknown) => process.send?.(message);
  const core = createCore({
    userDataDir: plan.userDataDir,
    secretBox: SHARED_TEST_SECRET_BOX,
    events: <E extends EventChannel>(channel: E, payload: IpcEvents[E]) => {
      if (channel !== 'transfers:progress') return;
      send({ transferred: (payload as TransferProgressEvent).totals.bytesTransferred });
    },
    transfers: {
      tempDir: plan.tempDir,
      throttleMs: 20,
      download: { partSize: plan.partSize, partConcurrency: plan.partConcurrency, maxRetries: 2, retryBaseMs: 5 },
      upload: { partSize: plan.partSize, partConcurrency: plan.partConcurrency },
    },
  });
  const added = await core.handlers['connections:add']({
    name: 'child',
    endpoint: plan.endpoint,
    region: plan.region,
    forcePathStyle: true,
    credentials: plan.credentials,
  });
  if (!added.ok) throw new Error(added.error.message);
  const connectionId = added.value.id;
  const queued =
    plan.direction === 'download'
      ? await core.handlers['transfers:download']({ connectionId, bucket: plan.bucket, items: [{ key: plan.key, kind: 'object' }], destination: plan.destination, conflict: 'overwrite' })
      : await core.handlers['transfers:upload']({ connectionId, bucket: plan.bucket, prefix: '', paths: [plan.source!], conflict: 'overwrite' });
  if (!queued.ok) throw new Error(queued.error.message);
  send({ queued: true, connectionId: added.value.id });
}

main().catch((error: unknown) => {
  process.send?.({ error: String(error) });
  process.exit(1);
});
