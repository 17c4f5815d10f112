import { ageDays, type CostInput } from '../../shared/cost';
import { changesTags, HEADER_NAMES, needsCopy, type ContentHeader, type PropertiesEdit, type RequestCounts } from '../../shared/properties';
import type { CopyLimits } from '../operations/object-copy';
import { copyParts } from './apply-edit';

/** One object a property edit touches, as the listing (or cache) described it. */
export interface PropertiesItem {
  readonly key: string;
  readonly size: number;
  readonly storageClass: string;
  readonly lastModified: number;
}

export interface PlannedRequests {
  readonly requests: RequestCounts;
  readonly requestsAtMost: RequestCounts;
  readonly copies: number;
  readonly multipartCopies: number;
}

const add = (counts: Record<string, number>, op: string, n: number) => {
  if (n > 0) counts[op] = (counts[op] ?? 0) + n;
};

/** Exactly what applyEdit will send for these items, counted before anything is sent. */
export function plannedRequests(items: readonly PropertiesItem[], edit: PropertiesEdit, limits: CopyLimits): PlannedRequests {
  const requests: Record<string, number> = {};
  const atMost: Record<string, number> = {};
  const n = items.length;
  const copy = needsCopy(edit);
  const tags = changesTags(edit);
  const big = copy ? items.filter((i) => i.size > limits.multipartThreshold) : [];
  if (edit.restore) {
    add(requests, 'RestoreObject', n);
    return { requests, requestsAtMost: atMost, copies: 0, multipartCopies: 0 };
  }
  if (!copy) {
    add(requests, 'GetObjectTagging', tags ? n : 0);
    add(requests, 'PutObjectTagging', tags ? n : 0);
    add(requests, 'PutObjectAcl', edit.acl ? n : 0);
    return { requests, requestsAtMost: atMost, copies: 0, multipartCopies: 0 };
  }
  add(requests, 'GetObjectTagging', n);
  add(requests, 'HeadObject', n);
  add(requests, 'GetObjectAcl', edit.acl ? 0 : n);
  add(requests, 'CopyObject', n - big.length);
  add(requests, 'CreateMultipartUpload', big.length);
  add(requests, 'UploadPartCopy', big.reduce((s, i) => s + copyParts(i.size, limits), 0));
  add(requests, 'CompleteMultipartUpload', big.length);
  // Tags are put back after the copy where there are any (a changed set always).
  add(tags ? requests : atMost, 'PutObjectTagging', n);
  add(atMost, 'PutObjectAcl', edit.acl ? 0 : n);
  return { requests, requestsAtMost: atMost, copies: n, multipartCopies: big.length };
}

const READS = new Set(['HeadObject', 'GetObjectTagging', 'GetObjectAcl']);

function groupByClass(items: readonly PropertiesItem[]): Map<string, PropertiesItem[]> {
  const byClass = new Map<string, PropertiesItem[]>();
  for (const i of items) {
    const group = byClass.get(i.storageClass);
    if (group) group.push(i);
    else byClass.set(i.storageClass, [i]);
  }
  return byClass;
}

/** What the cost estimate needs to know of a property edit. Server-side copies move no bytes over the network. */
export function propertiesCostInput(items: readonly PropertiesItem[], edit: PropertiesEdit, limits: CopyLimits, now: number): CostInput {
  const requests: Array<CostInput['requests'][number]> = [];
  const copy = needsCopy(edit);
  if (edit.restore) {
    // A restore is billed by its tier (per request and per GB retrieved), not as a PUT; nothing moves over the network.
    const restores = [...groupByClass(items)].map(([storageClass, group]) => ({
      storageClass,
      tier: edit.restore!.tier,
      objects: group.length,
      bytes: group.reduce((s, i) => s + i.size, 0),
    }));
    return { requests, bytesRead: 0, bytesWritten: 0, restores };
  }
  const byClass = groupByClass(items);
  // Exact per class: reads are priced by the object's class, writes by the class the object ends in.
  for (const [storageClass, group] of byClass) {
    const planned = plannedRequests(group, edit, limits);
    for (const [op, count] of Object.entries(planned.requests)) {
      const kind = READS.has(op) ? 'get' : 'put';
      requests.push({ kind, storageClass: kind === 'put' && copy ? (edit.storageClass ?? storageClass) : storageClass, count });
    }
  }
  return {
    requests,
    bytesRead: 0,
    bytesWritten: 0,
    // A copy reads its source: IA and Glacier IR bill that as retrieval. The old object then leaves its class.
    retrievals: copy ? items.map((i) => ({ storageClass: i.storageClass, bytes: i.size })) : [],
    removals: copy ? items.map((i) => ({ storageClass: i.storageClass, bytes: i.size, ageDays: ageDays(i.lastModified, now) })) : [],
  };
}

/** The confirmation's sentences: what changes, and how what is not changed is kept. */
export function editEffects(edit: PropertiesEdit, planned: PlannedRequests): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(edit.headers ?? {})) {
    const label = HEADER_NAMES[name as ContentHeader];
    out.push(value === null ? `Remove ${label}.` : `Set ${label} to "${value}".`);
  }
  for (const [k, v] of Object.entries(edit.metadata?.set ?? {})) out.push(`Set metadata x-amz-meta-${k} to "${v}".`);
  for (const k of edit.metadata?.remove ?? []) out.push(`Remove metadata x-amz-meta-${k}.`);
  if (edit.storageClass) out.push(`Change the storage class to ${edit.storageClass}.`);
  if (edit.encryption) out.push(edit.encryption.kind === 'AES256' ? 'Encrypt with SSE-S3 (AES256).' : `Encrypt with SSE-KMS${edit.encryption.keyId ? ` key ${edit.encryption.keyId}` : ' (AWS-managed key)'}.`);
  for (const [k, v] of Object.entries(edit.tags?.set ?? {})) out.push(`Set tag ${k} = "${v}".`);
  for (const k of edit.tags?.remove ?? []) out.push(`Remove tag ${k}.`);
  if (edit.acl) out.push(`Apply the canned ACL ${edit.acl}.`);
  if (edit.restore) {
    const { days, tier } = edit.restore;
    out.push(`Request a ${tier} restore of each archived object, readable for ${days} ${days === 1 ? 'day' : 'days'} once it is done (the object stays in its class).`);
    out.push(`${tier === 'Expedited' ? 'Expedited restores take minutes' : tier === 'Standard' ? 'Standard restores take hours' : 'Bulk restores take up to a day or two'}; Info shows the state from x-amz-restore.`);
  }
  if (planned.copies > 0) {
    out.push(
      `Each object is rewritten by a server-side copy onto itself; one HeadObject per object first reads what is kept ` +
        `(the other headers, metadata, class, encryption); tags${edit.acl ? '' : ' and the ACL'} are read before and put back after.`,
    );
    out.push('In a versioned bucket each rewrite adds a new version; the old one stays (and is billed).');
  }
  if (planned.multipartCopies > 0) out.push(`${planned.multipartCopies} objects above 5 GiB are copied in parts (UploadPartCopy).`);
  return out;
}
