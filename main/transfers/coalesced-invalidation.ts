import type { CoreContext } from '../core/context';

interface Group {
  readonly connectionId: string;
  readonly bucket: string;
  readonly keys: string[];
  readonly waiters: Array<() => void>;
}

/**
 * Uploads report each new key through the core's single invalidation path, coalesced over a few
 * milliseconds so a 10,000-file upload does not send 10,000 cache:changed events.
 */
export class CoalescedInvalidation {
  private readonly groups = new Map<string, Group>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: Pick<CoreContext, 'invalidate'>,
    private readonly delayMs = 20,
  ) {}

  /** Report a put; resolves once the change went out (an upload is done only after that). */
  put(connectionId: string, bucket: string, key: string): Promise<void> {
    const id = JSON.stringify([connectionId, bucket]);
    let group = this.groups.get(id);
    if (!group) this.groups.set(id, (group = { connectionId, bucket, keys: [], waiters: [] }));
    group.keys.push(key);
    const done = new Promise<void>((resolve) => group.waiters.push(resolve));
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
    return done;
  }

  /** Send what is pending now (on dispose: nothing is left unreported). */
  flushNow(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.flush();
  }

  private flush(): void {
    this.timer = null;
    const groups = [...this.groups.values()];
    this.groups.clear();
    for (const g of groups) {
      this.ctx.invalidate(g.connectionId, g.bucket, g.keys.map((key) => ({ key, change: 'put' as const })));
      for (const w of g.waiters) w();
    }
  }
}
