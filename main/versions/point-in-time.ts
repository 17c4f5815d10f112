/**
 * Pure rules of recovery, from a version listing (no S3 here, so they are tested on their own):
 * which version was current at an instant, which keys are deleted now, and what a restore must copy.
 */
import type { ObjectVersion } from '../../shared/versions';

/** Versions grouped by key; each group newest first (the order listAllVersions returns). */
export function byKey(versions: readonly ObjectVersion[]): Map<string, ObjectVersion[]> {
  const groups = new Map<string, ObjectVersion[]>();
  for (const v of versions) {
    const group = groups.get(v.key);
    if (group) group.push(v);
    else groups.set(v.key, [v]);
  }
  return groups;
}

/** The current version of one key's group: the one S3 marks latest (newest as a fallback). */
export function currentOf(group: readonly ObjectVersion[]): ObjectVersion | undefined {
  return group.find((v) => v.isLatest) ?? group[0];
}

/**
 * The version of one key that was current at `at`: the newest written at or before it. A delete marker there
 * means the key did not exist then; so does no version that old.
 */
export function versionAt(group: readonly ObjectVersion[], at: number): ObjectVersion | undefined {
  const v = group.find((x) => x.lastModified <= at);
  return v && !v.isDeleteMarker ? v : undefined;
}

/** Keys whose current version is a delete marker, with that marker (the one an undelete removes). */
export function deletedNow(versions: readonly ObjectVersion[]): ObjectVersion[] {
  const markers: ObjectVersion[] = [];
  for (const group of byKey(versions).values()) {
    const current = currentOf(group);
    if (current?.isDeleteMarker) markers.push(current);
  }
  return markers;
}

export interface RestoreStep {
  readonly kind: 'copy' | 'hide';
  readonly key: string;
  /** copy: the version copied back; hide: the current version the marker will cover. */
  readonly version: ObjectVersion;
}

/**
 * What "restore folder to this time" does: copy back every version current at `at` that is not today's current
 * (changed or deleted since), and optionally hide keys created after `at` with a delete marker. Never a
 * version deletion, so every step can be undone from the versions panel.
 */
export function restoreSteps(versions: readonly ObjectVersion[], at: number, hideNewer: boolean): RestoreStep[] {
  const steps: RestoreStep[] = [];
  for (const [key, group] of byKey(versions)) {
    const then = versionAt(group, at);
    const now = currentOf(group);
    if (then) {
      if (!now || now.versionId !== then.versionId) steps.push({ kind: 'copy', key, version: then });
    } else if (hideNewer && now && !now.isDeleteMarker) {
      steps.push({ kind: 'hide', key, version: now });
    }
  }
  return steps;
}
