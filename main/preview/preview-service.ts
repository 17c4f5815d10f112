/** Previews that read only the ranges they need (Parquet, ZIP) and the media scheme's tokens and handler. */
import type { CoreContext } from '../core/context';
import type { ParquetPreview, TextChunk, TooLarge, Unreadable, WholeObject, ZipListing } from '../../shared/preview';
import { codedError } from '../core/app-error';
import { createMediaHandler, MediaTokens } from './media-protocol';
import { previewParquet } from './parquet-preview';
import type { ObjectRef } from './ranged-read';
import { previewGzip, previewText } from './text-preview';
import { previewWhole } from './whole-preview';
import { listZip } from './zip-listing';

interface ObjectRequest {
  readonly connectionId: string;
  readonly bucket: string;
  readonly key: string;
  /** An older version by its id; absent: the current one. */
  readonly versionId?: string | undefined;
  /** Names the read so `cancel` can stop it (large previews are cancellable). */
  readonly requestId?: string;
}

export class PreviewService {
  readonly media = new MediaTokens();
  /** Aborted on dispose: a preview still reading stops with the app. */
  private readonly life = new AbortController();
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly ctx: CoreContext) {}

  private ref(req: ObjectRequest): ObjectRef {
    return { client: this.ctx.clientFor(req.connectionId, req.bucket), bucket: req.bucket, key: req.key, ...(req.versionId !== undefined ? { versionId: req.versionId } : {}) };
  }

  /** Runs one preview read under its own signal (cancel by requestId), aborted with the app too. */
  private async cancellable<T>(req: ObjectRequest, read: (ref: ObjectRef, signal: AbortSignal) => Promise<T>): Promise<T> {
    const ref = this.ref(req);
    const own = new AbortController();
    if (req.requestId) this.running.set(req.requestId, own);
    try {
      return await read(ref, AbortSignal.any([own.signal, this.life.signal]));
    } catch (error) {
      if (own.signal.aborted) throw codedError('Cancelled', 'the preview was cancelled');
      throw error;
    } finally {
      if (req.requestId && this.running.get(req.requestId) === own) this.running.delete(req.requestId);
    }
  }

  parquet(req: ObjectRequest): Promise<ParquetPreview | Unreadable> {
    return this.cancellable(req, (ref, signal) => previewParquet(ref, signal));
  }

  zip(req: ObjectRequest): Promise<ZipListing | Unreadable> {
    return this.cancellable(req, (ref, signal) => listZip(ref, signal));
  }

  text(req: ObjectRequest & { readonly offset: number; readonly gzip?: boolean }): Promise<TextChunk | Unreadable> {
    return this.cancellable(req, (ref, signal) => (req.gzip ? previewGzip(ref, req.offset, signal) : previewText(ref, req.offset, signal)));
  }

  whole(req: ObjectRequest): Promise<WholeObject | TooLarge> {
    // The listing cache may know the size: a too-large object is refused without a request. It holds the
    // current version only, so an older one is measured by its first read.
    const stat = req.versionId === undefined ? this.ctx.cache.getStat(req.connectionId, req.bucket, req.key) : undefined;
    return this.cancellable(req, (ref, signal) => previewWhole(ref, stat?.kind === 'object' ? stat.size : null, signal));
  }

  cancel(requestId: string): { cancelled: boolean } {
    const c = this.running.get(requestId);
    c?.abort();
    return { cancelled: c !== undefined };
  }

  openMedia(req: ObjectRequest & { readonly contentType?: string }): { url: string } {
    // Resolving the client now refuses an unknown connection here, not later inside the player.
    this.ctx.clientFor(req.connectionId, req.bucket);
    return {
      url: this.media.add({
        connectionId: req.connectionId,
        bucket: req.bucket,
        key: req.key,
        ...(req.versionId !== undefined ? { versionId: req.versionId } : {}),
        ...(req.contentType ? { contentType: req.contentType } : {}),
      }),
    };
  }

  closeMedia(url: string): { closed: boolean } {
    return { closed: this.media.remove(url) };
  }

  /** For the Electron glue (session.protocol.handle) and tests. */
  mediaHandler(): (request: Request) => Promise<Response> {
    return createMediaHandler({ tokens: this.media, clientFor: (c, b) => this.ctx.clientFor(c, b) });
  }

  dispose(): void {
    this.life.abort();
    this.media.clear();
  }
}
