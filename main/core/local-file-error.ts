import type { AppError } from '../../shared/errors';

/** What each errno means to someone looking at their disk (the words the user reads after the path). */
const MEANING: Readonly<Record<string, string>> = {
  EEXIST: 'already exists',
  EISDIR: 'exists as a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOTEMPTY: 'exists as a folder that is not empty',
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or folder',
  ENAMETOOLONG: 'the name is too long for this file system',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'in use by another program',
  EXDEV: 'on another disk',
  EIO: 'input/output error on the disk',
};

/** Calls that touch the network, not the disk: an EACCES from connect() is a firewall, not a folder. */
const NETWORK_SYSCALLS = new Set(['connect', 'getaddrinfo', 'getnameinfo', 'bind', 'listen', 'accept', 'send', 'recv']);

interface ErrnoLike {
  code?: unknown;
  syscall?: unknown;
  path?: unknown;
  dest?: unknown;
}

/**
 * The LocalFileError for a Node file-system error (or a worker's copy of one: code, syscall, path), or null
 * when `error` is not one. `fallbackPath`: the file meant when the error names none (a write to an open file).
 * The message names the path and the errno meaning: "/dl/a.txt: exists as a folder".
 */
export function localFileError(error: object, fallbackPath?: string): AppError | null {
  const e = error as ErrnoLike;
  if (typeof e.code !== 'string') return null;
  const meaning = MEANING[e.code];
  if (!meaning) return null;
  if (typeof e.syscall === 'string' && NETWORK_SYSCALLS.has(e.syscall)) return null;
  // A rename names both ends; the destination is the path the user knows (the part file is ours).
  const where = typeof e.dest === 'string' ? e.dest : typeof e.path === 'string' ? e.path : fallbackPath;
  return { code: 'LocalFileError', message: `${where ?? 'local file'}: ${meaning} [${e.code}]` };
}
