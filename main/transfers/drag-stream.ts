/**
 * The app protocol behind DownloadURL drag-outs (Windows, macOS): Chromium requests `s3desk-drag://object/?…`
 * when the user drops, and this answers with the object's bytes. Plain Node over the fetch API's Request and
 * Response, so tests call it directly; main/electron/drag-protocol.ts only registers it with Electron.
 *
 * Nothing is answered before the object is complete and verified in the temp folder (see
 * drag-fetch.ts): an error then is an error status, never a short body at the drop location.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { parseDragStreamUrl } from '../../shared/drag-stream';
import type { AppError, ErrorCode } from '../../shared/errors';
import { bucket, id, nonEmptyKey } from '../core/field-schemas';
import { toAppError } from '../core/to-app-error';
import type { DragFile } from './drag-fetch';
import type { TransferService } from './transfer-service';

export type DragStreamHandler = (request: Request) => Promise<Response>;

const ref = z.object({ connectionId: id, bucket, key: nonEmptyKey }).strict();

const STATUS: Partial<Record<ErrorCode, number>> = {
  InvalidInput: 400,
  AccessDenied: 403,
  InvalidCredentials: 403,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchConnection: 404,
  Throttled: 503,
  Cancelled: 499,
  // Our temp folder failed, not the server: no "bad gateway".
  LocalFileError: 500,
};

const READ_CHUNK = 1024 * 1024;

export function createDragStreamHandler(service: Pick<TransferService, 'fetchForDrag'>): DragStreamHandler {
  return async (request) => {
    if (request.method !== 'GET') return failure({ code: 'InvalidInput', message: `${request.method} is not supported` });
    const parsed = ref.safeParse(parseDragStreamUrl(request.url));
    if (!parsed.success) return failure({ code: 'InvalidInput', message: 'not a drag-out address of this app' });
    const { connectionId, bucket: name, key: objectKey } = parsed.data;
    let file: DragFile;
    try {
      file = await service.fetchForDrag(connectionId, name, objectKey, request.signal);
    } catch (error) {
      return failure(toAppError(error, objectKey));
    }
    return new Response(fileBody(file), {
      status: 200,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(file.size), 'cache-control': 'no-store' },
    });
  };
}

/** The verified temp file as a body; the file is deleted once it was read to the end or the reader gave up. */
function fileBody(file: DragFile): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  let finished = false;
  const finish = async () => {
    if (finished) return;
    finished = true;
    await handle?.close().catch(() => {});
    await file.release();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          handle ??= await open(file.path, 'r');
          const chunk = Buffer.allocUnsafe(READ_CHUNK);
          const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
          if (bytesRead === 0) {
            await finish();
            controller.close();
          } else controller.enqueue(chunk.subarray(0, bytesRead));
        } catch (error) {
          await finish();
          controller.error(error);
        }
      },
      cancel: finish,
    },
    // Read ahead one chunk at most: Chromium writing to disk is the pace.
    { highWaterMark: 1 },
  );
}

function failure(error: AppError): Response {
  return new Response(`${error.code}: ${error.message}`, {
    status: STATUS[error.code] ?? 502,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
