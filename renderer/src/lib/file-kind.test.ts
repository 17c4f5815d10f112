import { describe, expect, it } from 'vitest';
import { fileKindLabel, fileKindOf } from './file-kind';

describe('fileKindOf', () => {
  it('reads folders from the trailing slash, whatever the name looks like', () => {
    expect(fileKindOf('photos/')).toBe('folder');
    expect(fileKindOf('a/b.zip/')).toBe('folder');
  });

  it('maps extensions case-insensitively, from the last dot of the last segment', () => {
    expect(fileKindOf('2026/IMG_4100.JPG')).toBe('image');
    expect(fileKindOf('clips/intro.mp4')).toBe('video');
    expect(fileKindOf('music/a.flac')).toBe('audio');
    expect(fileKindOf('backup.tar.gz')).toBe('archive');
    expect(fileKindOf('src/main.ts')).toBe('code');
    expect(fileKindOf('data/q1.csv')).toBe('spreadsheet');
    expect(fileKindOf('lake/part-0.parquet')).toBe('spreadsheet');
    expect(fileKindOf('notes.txt')).toBe('text');
    expect(fileKindOf('report.pdf')).toBe('text');
  });

  it('says "file" when there is no usable extension', () => {
    expect(fileKindOf('Makefile')).toBe('file');
    expect(fileKindOf('dir.v2/README')).toBe('file');
    expect(fileKindOf('.env')).toBe('file');
    expect(fileKindOf('trailing.')).toBe('file');
    expect(fileKindOf('blob.xyz')).toBe('file');
  });

  it('gives folders and files different spoken labels', () => {
    expect(fileKindLabel(fileKindOf('photos/'))).toBe('Folder');
    expect(fileKindLabel(fileKindOf('a.bin'))).toBe('File');
    expect(fileKindLabel(fileKindOf('a.png'))).toBe('Image');
  });
});
