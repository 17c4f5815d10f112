/**
 * Streamed uploads: files dropped without a local path arrive from the renderer in chunks and are kept in a
 * temp file until the upload that names them runs (then released, uploaded or not).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { invalidInput } from '../core/app-error';

export interface UploadStream {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly file: string;
  received: number;
  closed: boolean;
}

export class UploadStreams {
  private readonly streams = new Map<string, UploadStream>();

  constructor(private readonly tempDir: string) {}

  async open(name: string, size: number): Promise<{ streamId: string }> {
    const id = randomUUID();
    const dir = path.join(this.tempDir, 'streams');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, id);
    await (await open(file, 'wx')).close();
    this.streams.set(id, { id, name, size, file, received: 0, closed: false });
    return { streamId: id };
  }

  async write(streamId: string, offset: number, data: Buffer): Promise<{ received: number }> {
    const s = this.streams.get(streamId);
    if (!s || s.closed) throw invalidInput(`no open upload stream ${streamId}`);
    if (offset !== s.received) throw invalidInput(`upload stream ${streamId}: expected offset ${s.received}, got ${offset}`);
    if (s.received + data.length > s.size) throw invalidInput(`upload stream ${streamId}: more bytes than announced`);
    const fh = await open(s.file, 'r+');
    try {
      await fh.write(data, 0, data.length, offset);
    } finally {
      await fh.close();
    }
    s.received += data.length;
    return { received: s.received };
  }

  async close(streamId: string, abort = false): Promise<{ size: number }> {
    const s = this.streams.get(streamId);
    if (!s || s.closed) throw invalidInput(`no open upload stream ${streamId}`);
    if (abort || s.received !== s.size) {
      await this.release(streamId);
      if (abort) return { size: 0 };
      throw invalidInput(`upload stream ${streamId}: got ${s.received} of ${s.size} bytes`);
    }
    s.closed = true;
    return { size: s.size };
  }

  /** A complete stream, ready to be planned as an upload. */
  completed(streamId: string): UploadStream {
    const s = this.streams.get(streamId);
    if (!s?.closed) throw invalidInput(`upload stream ${streamId} is not complete`);
    return s;
  }

  async release(id: string | undefined): Promise<void> {
    if (!id) return;
    const s = this.streams.get(id);
    if (!s) return;
    this.streams.delete(id);
    await rm(s.file, { force: true });
  }

  /** Forget every stream (their files go with the temp folder). */
  clear(): void {
    this.streams.clear();
  }
}
