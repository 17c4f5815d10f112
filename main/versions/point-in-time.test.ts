import { describe, expect, it } from 'vitest';
import type { ObjectVersion } from '../../shared/versions';
import { deletedNow, restoreSteps, versionAt } from './point-in-time';

const v = (key: string, versionId: string, at: number, extra: Partial<ObjectVersion> = {}): ObjectVersion => ({
  key,
  versionId,
  isLatest: false,
  isDeleteMarker: false,
  size: 10,
  etag: `"${versionId}"`,
  lastModified: at,
  storageClass: 'STANDARD',
  ...extra,
});

// Newest first per key, as listAllVersions returns them.
const listing: ObjectVersion[] = [
  v('f/changed', 'c2', 300, { isLatest: true }),
  v('f/changed', 'c1', 100),
  v('f/created-later', 'n1', 250, { isLatest: true }),
  v('f/deleted-later', 'dm', 260, { isLatest: true, isDeleteMarker: true, size: 0 }),
  v('f/deleted-later', 'd1', 50),
  v('f/deleted-before', 'dm0', 150, { isLatest: true, isDeleteMarker: true, size: 0 }),
  v('f/deleted-before', 'b1', 20),
  v('f/same', 's1', 10, { isLatest: true }),
];

describe('point in time', () => {
  it('picks the version current at the instant; markers and later keys are absent', () => {
    const at = 200;
    const group = (k: string) => listing.filter((x) => x.key === k);
    expect(versionAt(group('f/changed'), at)?.versionId).toBe('c1');
    expect(versionAt(group('f/created-later'), at)).toBeUndefined();
    expect(versionAt(group('f/deleted-later'), at)?.versionId).toBe('d1');
    expect(versionAt(group('f/deleted-before'), at)).toBeUndefined();
    expect(versionAt(group('f/same'), at)?.versionId).toBe('s1');
  });

  it('restores what differs from today, never the unchanged, hides only when asked', () => {
    const plain = restoreSteps(listing, 200, false).map((s) => `${s.kind}:${s.key}:${s.version.versionId}`);
    expect(plain.sort()).toEqual(['copy:f/changed:c1', 'copy:f/deleted-later:d1']);
    const hiding = restoreSteps(listing, 200, true).map((s) => `${s.kind}:${s.key}`);
    expect(hiding.sort()).toEqual(['copy:f/changed', 'copy:f/deleted-later', 'hide:f/created-later']);
  });

  it('finds the delete markers that are current', () => {
    expect(deletedNow(listing).map((m) => m.versionId).sort()).toEqual(['dm', 'dm0']);
  });
});
