/**
 * What a plan will cost before it runs (issue 15). Pure: a plan describes its requests, bytes, restores and
 * the objects it removes from their class; a price table turns that into dollar lines. Tables are per
 * provider and region, editable, and every estimate names the table it used and the table's date.
 */

export type RequestClass = 'list' | 'put' | 'get' | 'delete';
export type RestoreTier = 'Expedited' | 'Standard' | 'Bulk';
export const RESTORE_TIERS: readonly RestoreTier[] = ['Expedited', 'Standard', 'Bulk'];

export interface ClassPrices {
  /** USD per GB-month stored. */
  readonly storageGbMonth: number;
  /** USD per 1,000 PUT, COPY, POST (and LIST, on AWS priced with the bucket's STANDARD PUTs). */
  readonly putPer1000: number;
  /** USD per 1,000 GET, HEAD and other reads. */
  readonly getPer1000: number;
  /** USD per GB read (IA, Glacier IR retrieval fee), paid by a GET or a COPY of the object. */
  readonly retrievalGb: number;
  /** Days billed at least; removing the object earlier bills the rest (early deletion). */
  readonly minimumDays: number;
  /** Archive classes: what a restore costs per tier (absent tier: not offered). */
  readonly restore?: Readonly<Partial<Record<RestoreTier, { readonly perGb: number; readonly per1000: number }>>>;
}

export interface PriceTable {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly region: string;
  /** When these prices were taken from the provider's price page (ISO date). */
  readonly asOf: string;
  readonly listPer1000: number;
  /** USD per GB leaving the provider to the internet (0 for R2 and Wasabi). */
  readonly egressGb: number;
  /** By storage class; classes missing here are priced as `fallbackClass`. */
  readonly classes: Readonly<Record<string, ClassPrices>>;
  readonly fallbackClass: string;
}

/** Everything a plan does that a provider bills. */
export interface CostInput {
  /** Requests by class; put/get are priced by the storage class they touch. */
  readonly requests: ReadonlyArray<{ readonly kind: RequestClass; readonly storageClass?: string; readonly count: number }>;
  /** Bytes the app downloads from the provider (egress). */
  readonly bytesRead: number;
  /** Bytes the app uploads to it (ingress: free everywhere listed, still shown). */
  readonly bytesWritten: number;
  /** Bytes read out of a class with a retrieval fee by GET or server-side COPY. */
  readonly retrievals?: ReadonlyArray<{ readonly storageClass: string; readonly bytes: number }>;
  readonly restores?: ReadonlyArray<{ readonly storageClass: string; readonly tier: RestoreTier; readonly objects: number; readonly bytes: number }>;
  /** Objects that leave their class now (deleted, overwritten, or changed to another class), with their age. */
  readonly removals?: ReadonlyArray<{ readonly storageClass: string; readonly bytes: number; readonly ageDays: number }>;
}

export interface CostLine {
  readonly label: string;
  readonly usd: number;
}

export interface CostEstimate {
  readonly table: { readonly id: string; readonly name: string; readonly asOf: string };
  readonly requests: Readonly<Record<RequestClass, number>>;
  readonly bytesRead: number;
  readonly bytesWritten: number;
  /** Only lines that cost something, or that are free but worth saying (egress on a free-egress provider). */
  readonly lines: readonly CostLine[];
  readonly totalUsd: number;
  /** Objects billed for early deletion, and how many days in all remain billed. */
  readonly earlyDeletion: { readonly objects: number; readonly bytes: number };
  readonly notes: readonly string[];
}

const GB = 1024 ** 3;

const cls = (storageGbMonth: number, putPer1000: number, getPer1000: number, retrievalGb = 0, minimumDays = 0, restore?: ClassPrices['restore']): ClassPrices => ({
  storageGbMonth,
  putPer1000,
  getPer1000,
  retrievalGb,
  minimumDays,
  ...(restore ? { restore } : {}),
});

/** AWS S3 list prices, US East (N. Virginia), from aws.amazon.com/s3/pricing. */
export const AWS_US_EAST_1: PriceTable = {
  id: 'aws-us-east-1',
  name: 'AWS S3 list prices, us-east-1',
  provider: 'aws',
  region: 'us-east-1',
  asOf: '2025-06-01',
  listPer1000: 0.005,
  // First 10 TB a month after the free 100 GB; the estimate does not know what else was sent this month.
  egressGb: 0.09,
  fallbackClass: 'STANDARD',
  classes: {
    STANDARD: cls(0.023, 0.005, 0.0004),
    REDUCED_REDUNDANCY: cls(0.024, 0.005, 0.0004),
    INTELLIGENT_TIERING: cls(0.023, 0.005, 0.0004),
    STANDARD_IA: cls(0.0125, 0.01, 0.001, 0.01, 30),
    ONEZONE_IA: cls(0.01, 0.01, 0.001, 0.01, 30),
    GLACIER_IR: cls(0.004, 0.02, 0.01, 0.03, 90),
    GLACIER: cls(0.0036, 0.03, 0.0004, 0, 90, {
      Expedited: { perGb: 0.03, per1000: 10 },
      Standard: { perGb: 0.01, per1000: 0.05 },
      Bulk: { perGb: 0, per1000: 0 },
    }),
    DEEP_ARCHIVE: cls(0.00099, 0.05, 0.0004, 0, 180, {
      Standard: { perGb: 0.02, per1000: 0.1 },
      Bulk: { perGb: 0.0025, per1000: 0.025 },
    }),
  },
};

/** Wasabi: no request or egress fees; every object is billed at least 90 days ($6.99 per TB-month). */
export const WASABI: PriceTable = {
  id: 'wasabi',
  name: 'Wasabi pay-as-you-go',
  provider: 'wasabi',
  region: 'any',
  asOf: '2025-06-01',
  listPer1000: 0,
  egressGb: 0,
  fallbackClass: 'STANDARD',
  classes: { STANDARD: cls(0.00699, 0, 0, 0, 90) },
};

/** Cloudflare R2 Standard: Class A (writes, lists) $4.50 and Class B (reads) $0.36 per million; free egress. */
export const R2: PriceTable = {
  id: 'r2',
  name: 'Cloudflare R2 Standard',
  provider: 'r2',
  region: 'auto',
  asOf: '2025-06-01',
  listPer1000: 0.0045,
  egressGb: 0,
  fallbackClass: 'STANDARD',
  classes: { STANDARD: cls(0.015, 0.0045, 0.00036) },
};

export const DEFAULT_PRICE_TABLES: readonly PriceTable[] = [AWS_US_EAST_1, WASABI, R2];

/** The table for a connection's preset: Wasabi and R2 by their preset, AWS's list prices otherwise. */
export function tableFor(tables: readonly PriceTable[], preset: string | null | undefined, region: string): PriceTable {
  const byId = (id: string) => tables.find((t) => t.id === id);
  if (preset === 'wasabi') return byId('wasabi') ?? AWS_US_EAST_1;
  if (preset === 'r2' || preset === 'cloudflare-r2') return byId('r2') ?? AWS_US_EAST_1;
  return byId(`aws-${region}`) ?? byId('aws-us-east-1') ?? AWS_US_EAST_1;
}

function prices(table: PriceTable, storageClass: string | undefined): ClassPrices {
  const own = storageClass ? table.classes[storageClass] : undefined;
  return own ?? (table.classes[table.fallbackClass] as ClassPrices);
}

const usdLine = (label: string, usd: number): CostLine => ({ label, usd });

export function estimateCost(table: PriceTable, input: CostInput): CostEstimate {
  const counts: Record<RequestClass, number> = { list: 0, put: 0, get: 0, delete: 0 };
  const lines: CostLine[] = [];
  const notes: string[] = [];
  let putUsd = 0;
  let getUsd = 0;
  for (const r of input.requests) {
    counts[r.kind] += r.count;
    if (r.kind === 'put') putUsd += (r.count / 1000) * prices(table, r.storageClass).putPer1000;
    if (r.kind === 'get') getUsd += (r.count / 1000) * prices(table, r.storageClass).getPer1000;
  }
  const listUsd = (counts.list / 1000) * table.listPer1000;
  if (counts.list) lines.push(usdLine(`${counts.list.toLocaleString('en-US')} LIST requests`, listUsd));
  if (counts.put) lines.push(usdLine(`${counts.put.toLocaleString('en-US')} PUT/COPY/POST requests`, putUsd));
  if (counts.get) lines.push(usdLine(`${counts.get.toLocaleString('en-US')} GET/HEAD requests`, getUsd));
  if (counts.delete) lines.push(usdLine(`${counts.delete.toLocaleString('en-US')} DELETE requests (free)`, 0));

  if (input.bytesRead > 0) {
    const usd = (input.bytesRead / GB) * table.egressGb;
    lines.push(usdLine(table.egressGb === 0 ? 'Data transfer out (free on this provider)' : 'Data transfer out to the internet', usd));
    if (table.egressGb > 0) notes.push('Transfer out assumes the internet rate past the monthly free 100 GB.');
  }
  if (input.bytesWritten > 0) lines.push(usdLine('Data transfer in (free)', 0));

  const retrieval = new Map<string, number>();
  for (const r of input.retrievals ?? []) retrieval.set(r.storageClass, (retrieval.get(r.storageClass) ?? 0) + r.bytes);
  for (const [storageClass, bytes] of retrieval) {
    const fee = prices(table, storageClass).retrievalGb;
    if (fee > 0) lines.push(usdLine(`Retrieval of ${formatGb(bytes)} from ${storageClass}`, (bytes / GB) * fee));
  }

  for (const r of input.restores ?? []) {
    const offer = prices(table, r.storageClass).restore?.[r.tier];
    if (!offer) {
      notes.push(`${r.storageClass} has no ${r.tier} restore in this table.`);
      continue;
    }
    const usd = (r.bytes / GB) * offer.perGb + (r.objects / 1000) * offer.per1000;
    lines.push(usdLine(`${r.tier} restore of ${r.objects.toLocaleString('en-US')} ${r.storageClass} objects (${formatGb(r.bytes)})`, usd));
  }

  // Early deletion: the rest of the minimum duration, at the class's storage price (prorated by day).
  const early = new Map<string, { objects: number; bytes: number; usd: number }>();
  let earlyObjects = 0;
  let earlyBytes = 0;
  for (const r of input.removals ?? []) {
    const p = prices(table, r.storageClass);
    const remaining = p.minimumDays - r.ageDays;
    if (p.minimumDays === 0 || remaining <= 0) continue;
    const acc = early.get(r.storageClass) ?? { objects: 0, bytes: 0, usd: 0 };
    acc.objects++;
    acc.bytes += r.bytes;
    acc.usd += (r.bytes / GB) * p.storageGbMonth * (remaining / 30);
    early.set(r.storageClass, acc);
    earlyObjects++;
    earlyBytes += r.bytes;
  }
  for (const [storageClass, e] of early) {
    const min = prices(table, storageClass).minimumDays;
    lines.push(usdLine(`Early deletion: ${e.objects.toLocaleString('en-US')} ${storageClass} objects younger than ${min} days`, e.usd));
  }

  const totalUsd = lines.reduce((n, l) => n + l.usd, 0);
  return {
    table: { id: table.id, name: table.name, asOf: table.asOf },
    requests: counts,
    bytesRead: input.bytesRead,
    bytesWritten: input.bytesWritten,
    lines,
    totalUsd,
    earlyDeletion: { objects: earlyObjects, bytes: earlyBytes },
    notes,
  };
}

function formatGb(bytes: number): string {
  const gb = bytes / GB;
  return `${gb >= 10 ? gb.toFixed(0) : gb >= 0.01 ? gb.toFixed(2) : gb.toPrecision(2)} GB`;
}

/** "$0.0125", "$12.50", "< $0.0001": small sums keep four decimals so a few requests are not shown as $0.00. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '< $0.0001';
  if (usd < 1) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

export const ageDays = (lastModified: number, now: number): number => (lastModified > 0 ? Math.max(0, (now - lastModified) / 86_400_000) : Infinity);
