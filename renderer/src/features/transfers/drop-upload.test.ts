import { describe, expect, it } from 'vitest';
import { droppedFiles, getPathForFileOf, isFileDrag } from './drop-upload';

describe('dropped files', () => {
  it('uses the preload path when there is one, else reads the bytes from the File', async () => {
    const a = new File(['hello world'], 'a.txt');
    const b = new File(['xyz'], 'b.txt');
    const files = droppedFiles([a, b], (f) => (f === a ? '/home/me/a.txt' : ''));
    expect(files.map((f) => [f.name, f.size, f.path])).toEqual([
      ['a.txt', 11, '/home/me/a.txt'],
      ['b.txt', 3, null],
    ]);
    expect(new TextDecoder().decode(await files[0]!.read(6, 5))).toBe('world');
  });

  it('treats a throwing path lookup as no path', () => {
    const files = droppedFiles([new File(['x'], 'x')], () => {
      throw new Error('not a file from the OS');
    });
    expect(files[0]!.path).toBeNull();
  });

  it('finds the preload extra only when it is a function, and recognises OS file drags', () => {
    expect(getPathForFileOf({ getPathForFile: () => '/p' })).toBeTypeOf('function');
    expect(getPathForFileOf({})).toBeUndefined();
    expect(getPathForFileOf(null)).toBeUndefined();
    expect(isFileDrag(['Files'])).toBe(true);
    expect(isFileDrag(['text/plain'])).toBe(false);
  });
});
