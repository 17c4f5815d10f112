/** Entry icons, from lucide like every icon of the app (inline SVG: no font, no network, CSP-safe). */
import { Database, File, Folder } from 'lucide-react';

export function FolderIcon() {
  return <Folder className="icon icon-folder" size={16} strokeWidth={1.75} aria-hidden="true" />;
}

export function FileIcon() {
  return <File className="icon icon-file" size={16} strokeWidth={1.75} aria-hidden="true" />;
}

export function BucketIcon() {
  return <Database className="icon icon-bucket" size={16} strokeWidth={1.75} aria-hidden="true" />;
}
