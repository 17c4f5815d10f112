/** Previews that read only the ranges they need (Parquet, ZIP) and the media scheme's tokens and handler. */
import type { CoreContext } from '../core/context';
import type { ParquetPreview, Unreadable, ZipListing } from '../../shared/preview';
import { createMediaHandler, MediaTokens } from './media-protocol';
import { previewParquet } from './parquet-preview';
import type { ObjectRef } from './ranged-read';
import { listZip } from './zip-listing';

interface ObjectRequest {
  readonly connectionId: string;
  readonly bucket: string;
  readonly key: string;
}

export class PreviewService {
  readonly media = new MediaTokens();
  /** Aborted on dispose: a preview still reading stops with the app. */
  private readonly life = new AbortController();

  constructor(private readonly ctx: CoreContext) {}

  private ref(req: ObjectRequest): ObjectRef {
    return { client: this.ctx.clientFor(req.connectionId, req.bucket), bucket: req.bucket, key: req.key };
  }

  parquet(req: ObjectRequest): Promise<ParquetPreview | Unreadable> {
    return previewParquet(this.ref(req), this.life.signal);
  }

  zip(req: ObjectRequest): Promise<ZipListing | Unreadable> {
    return listZip(this.ref(req), this.life.signal);
  }

  openMedia(req: ObjectRequest & { readonly contentType?: string }): { url: string } {
    // Resolving the client now refuses an unknown connection here, not later inside the player.
    this.ctx.clientFor(req.connectionId, req.bucket);
    return { url: this.media.add({ connectionId: req.connectionId, bucket: req.bucket, key: req.key, ...(req.contentType ? { contentType: req.contentType } : {}) }) };
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
