import { describe, expect, it } from 'vitest';
import { gzipInner, languageOf, previewKind } from './preview-kind';

describe('previewKind', () => {
  it('picks a viewer by extension, case-insensitively', () => {
    expect(previewKind('a/Photo.JPG')).toBe('image');
    expect(previewKind('logo.svg')).toBe('svg');
    expect(previewKind('doc.pdf')).toBe('pdf');
    expect(previewKind('song.wav')).toBe('audio');
    expect(previewKind('clip.webm')).toBe('video');
    expect(previewKind('README.md')).toBe('markdown');
    expect(previewKind('page.html')).toBe('html');
    expect(previewKind('t.csv')).toBe('csv');
    expect(previewKind('t.tsv')).toBe('tsv');
    expect(previewKind('events.jsonl')).toBe('jsonl');
    expect(previewKind('d.parquet')).toBe('parquet');
    expect(previewKind('app.log.gz')).toBe('gzip');
    expect(previewKind('bundle.zip')).toBe('zip');
    expect(previewKind('src/main.ts')).toBe('text');
    expect(previewKind('Dockerfile')).toBe('text');
  });

  it('calls what it cannot show unknown, folders included', () => {
    expect(previewKind('disk.iso')).toBe('unknown');
    expect(previewKind('noext')).toBe('unknown');
    expect(previewKind('photos/')).toBe('unknown');
    expect(previewKind('.hidden')).toBe('unknown');
  });

  it('knows the language and what a gzip holds', () => {
    expect(languageOf('x/app.py')).toBe('python');
    expect(languageOf('x/app.py.gz')).toBe('python');
    expect(languageOf('notes.txt')).toBeNull();
    expect(gzipInner('data.csv.gz')).toBe('csv');
    expect(gzipInner('events.jsonl.gz')).toBe('jsonl');
    expect(gzipInner('server.log.gz')).toBe('text');
  });
});
