/**
 * Which viewer a key gets, by its extension (no request: the listing has no Content-Type, and a HEAD per
 * preview would cost what S3 Desk avoids). Anything else is 'unknown': the pane says so and offers Open /
 * Download. Text that turns out binary says so too (main sniffs for NULs).
 */
import { extensionOf } from '../../lib/file-kind';

export type PreviewKind =
  | 'image'
  | 'svg'
  | 'pdf'
  | 'audio'
  | 'video'
  | 'markdown'
  | 'html'
  | 'csv'
  | 'tsv'
  | 'jsonl'
  | 'parquet'
  | 'gzip'
  | 'zip'
  | 'text'
  | 'unknown';

const BY_EXT: Record<string, PreviewKind> = {
  png: 'image', jpg: 'image', jpeg: 'image', gif: 'image', webp: 'image', bmp: 'image', ico: 'image', avif: 'image',
  svg: 'svg',
  pdf: 'pdf',
  mp3: 'audio', wav: 'audio', ogg: 'audio', oga: 'audio', flac: 'audio', m4a: 'audio', aac: 'audio', opus: 'audio',
  mp4: 'video', webm: 'video', mov: 'video', m4v: 'video', ogv: 'video',
  md: 'markdown', markdown: 'markdown',
  html: 'html', htm: 'html', xhtml: 'html',
  csv: 'csv', tsv: 'tsv', tab: 'tsv',
  jsonl: 'jsonl', ndjson: 'jsonl',
  parquet: 'parquet', pq: 'parquet',
  gz: 'gzip', gzip: 'gzip',
  zip: 'zip', jar: 'zip', apk: 'zip', docx: 'zip', xlsx: 'zip', pptx: 'zip', odt: 'zip',
};

/** Extensions shown as text, with the highlight.js language for each (null: plain text). */
const TEXT: Record<string, string | null> = {
  txt: null, log: null, text: null, ini: 'ini', cfg: 'ini', conf: 'ini', toml: 'ini', env: null,
  json: 'json', yaml: 'yaml', yml: 'yaml', xml: 'xml', css: 'css', scss: 'scss', less: 'less',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript', ts: 'typescript', tsx: 'typescript',
  py: 'python', rb: 'ruby', go: 'go', rs: 'rust', java: 'java', kt: 'kotlin', swift: 'swift', c: 'c', h: 'c',
  cc: 'cpp', cpp: 'cpp', hpp: 'cpp', cs: 'csharp', php: 'php', sh: 'bash', bash: 'bash', zsh: 'bash', ps1: 'powershell',
  sql: 'sql', r: 'r', lua: 'lua', pl: 'perl', scala: 'scala', dockerfile: 'dockerfile', makefile: 'makefile', tf: 'ini',
  gradle: 'gradle', proto: null, graphql: 'graphql', csv: null, tsv: null,
};

const NAMES: Record<string, string | null> = { dockerfile: 'dockerfile', makefile: 'makefile', readme: null, license: null };

export function previewKind(key: string): PreviewKind {
  if (key.endsWith('/')) return 'unknown';
  const ext = extensionOf(key);
  const known = BY_EXT[ext];
  if (known) return known;
  const name = key.slice(key.lastIndexOf('/') + 1).toLowerCase();
  return ext in TEXT || name in NAMES ? 'text' : 'unknown';
}

/** The highlight.js language of a text key (for gzip, of the name inside: "app.log.gz" → log). */
export function languageOf(key: string): string | null {
  const inner = previewKind(key) === 'gzip' ? key.replace(/\.(gz|gzip)$/i, '') : key;
  const name = inner.slice(inner.lastIndexOf('/') + 1).toLowerCase();
  return TEXT[extensionOf(inner)] ?? NAMES[name] ?? null;
}

/** What a gzip object holds, by the name inside ("data.csv.gz" is a table). */
export function gzipInner(key: string): 'csv' | 'tsv' | 'jsonl' | 'text' {
  const inner = previewKind(key.replace(/\.(gz|gzip)$/i, ''));
  return inner === 'csv' || inner === 'tsv' || inner === 'jsonl' ? inner : 'text';
}

/** Kinds that read the whole object into the pane (capped by main). */
export const WHOLE_KINDS: ReadonlySet<PreviewKind> = new Set(['image', 'svg', 'pdf']);
