import { describe, expect, it } from 'vitest';
import { localFileError } from './local-file-error';
import { toAppError } from './to-app-error';

/** Shaped as node:fs throws them: code, syscall, path (and dest for a rename). */
function fsError(code: string, syscall: string, extra: Record<string, string> = {}): Error {
  return Object.assign(new Error(`${code}: ${syscall}`), { code, syscall, ...extra });
}

describe('localFileError', () => {
  it.each([
    ['EISDIR', 'exists as a folder'],
    ['EEXIST', 'already exists'],
    ['ENOSPC', 'disk full'],
    ['EDQUOT', 'disk quota exceeded'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EROFS', 'read-only file system'],
    ['ENOTDIR', 'a part of the path is a file, not a folder'],
    ['ENOENT', 'no such file or folder'],
  ])('%s names the path and says "%s"', (code, meaning) => {
    const mapped = toAppError(fsError(code, 'open', { path: '/home/u/Downloads/a.txt' }));
    expect(mapped.code).toBe('LocalFileError');
    expect(mapped.message).toBe(`/home/u/Downloads/a.txt: ${meaning} [${code}]`);
  });

  it('names the destination of a rename, not our part file', () => {
    const e = fsError('EISDIR', 'rename', { path: '/d/.s3desk-1-ab-0.part', dest: '/d/report.pdf' });
    expect(toAppError(e, 'download').message).toBe('download: /d/report.pdf: exists as a folder [EISDIR]');
  });

  it('falls back to the file it was given when the error names none (a write to an open file)', () => {
    expect(localFileError(fsError('ENOSPC', 'write'), '/d/big.iso')?.message).toBe('/d/big.iso: disk full [ENOSPC]');
    expect(localFileError(fsError('ENOSPC', 'write'))?.message).toBe('local file: disk full [ENOSPC]');
  });

  it('keeps network failures as network, even with an errno a disk could give', () => {
    expect(toAppError(fsError('EACCES', 'connect')).code).toBe('Network');
    expect(toAppError(fsError('ECONNRESET', 'read')).code).toBe('Network');
    expect(toAppError(fsError('EPIPE', 'write')).code).toBe('Network');
    expect(localFileError(fsError('ECONNREFUSED', 'connect'))).toBeNull();
  });

  it('is not fooled by S3 error shapes', () => {
    expect(localFileError({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } })).toBeNull();
    expect(localFileError(new Error('plain'))).toBeNull();
  });
});
