/**
 * What kind of entry a key names, from its extension alone (no request: a listing has no Content-Type), for the
 * type icon and the words a screen reader says before the name. Folders are keys that end in "/".
 */
export type FileKind = 'folder' | 'image' | 'video' | 'audio' | 'archive' | 'code' | 'spreadsheet' | 'text' | 'file';

const BY_EXTENSION: Readonly<Record<string, FileKind>> = {
  ...Object.fromEntries(['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'bmp', 'svg', 'tif', 'tiff', 'heic', 'ico'].map((e) => [e, 'image'])),
  ...Object.fromEntries(['mp4', 'mov', 'm4v', 'mkv', 'webm', 'avi', 'wmv', 'mpg', 'mpeg'].map((e) => [e, 'video'])),
  ...Object.fromEntries(['mp3', 'wav', 'flac', 'aac', 'm4a', 'ogg', 'opus', 'aiff'].map((e) => [e, 'audio'])),
  ...Object.fromEntries(['zip', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar'].map((e) => [e, 'archive'])),
  ...Object.fromEntries(
    ['js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'py', 'rb', 'go', 'rs', 'java', 'kt', 'c', 'h', 'cpp', 'cs', 'php', 'sh', 'sql', 'html', 'css', 'json', 'yaml', 'yml', 'toml', 'xml'].map(
      (e) => [e, 'code'],
    ),
  ),
  ...Object.fromEntries(['csv', 'tsv', 'xls', 'xlsx', 'ods', 'parquet'].map((e) => [e, 'spreadsheet'])),
  ...Object.fromEntries(['txt', 'md', 'log', 'rtf', 'pdf', 'doc', 'docx', 'odt'].map((e) => [e, 'text'])),
};

const LABELS: Readonly<Record<FileKind, string>> = {
  folder: 'Folder',
  image: 'Image',
  video: 'Video',
  audio: 'Audio',
  archive: 'Archive',
  code: 'Code',
  spreadsheet: 'Spreadsheet',
  text: 'Document',
  file: 'File',
};

/** A key's extension, lower-cased, without the dot; '' when it has none (".env" and "a." have none). */
export function extensionOf(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : '';
}

export function fileKindOf(key: string): FileKind {
  if (key.endsWith('/')) return 'folder';
  return BY_EXTENSION[extensionOf(key)] ?? 'file';
}

/** The spoken kind ("Folder", "Image", …): files and folders never read the same. */
export function fileKindLabel(kind: FileKind): string {
  return LABELS[kind];
}
