/** The type icon of an entry, from lucide like every icon of the app (inline SVG: no font, no network, CSP-safe). */
import { File, FileArchive, FileCode, FileImage, FileMusic, FileSpreadsheet, FileText, FileVideoCamera, Folder, type LucideIcon } from 'lucide-react';
import { type FileKind, fileKindLabel, fileKindOf } from '../lib/file-kind';

const ICONS: Readonly<Record<FileKind, LucideIcon>> = {
  folder: Folder,
  image: FileImage,
  video: FileVideoCamera,
  audio: FileMusic,
  archive: FileArchive,
  code: FileCode,
  spreadsheet: FileSpreadsheet,
  text: FileText,
  file: File,
};

/**
 * The type icon of a key. It is an image named by its kind ("Folder", "Image", …), so a row or tile reads
 * "Folder photos" or "Image IMG_4100.jpg" and folders never sound like files.
 */
export function EntryIcon({ entryKey, size = 16 }: { entryKey: string; size?: number }) {
  const kind = fileKindOf(entryKey);
  const Icon = ICONS[kind];
  return (
    <Icon
      className={`icon ${kind === 'folder' ? 'icon-folder' : 'icon-file'}`}
      data-kind={kind}
      size={size}
      strokeWidth={1.75}
      role="img"
      aria-label={fileKindLabel(kind)}
      aria-hidden={false}
    />
  );
}

