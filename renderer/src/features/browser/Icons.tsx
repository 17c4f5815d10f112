/** Entry icons, from lucide like every icon of the app (inline SVG: no font, no network, CSP-safe). */
import { Database } from 'lucide-react';

export { EntryIcon } from '../../ui/EntryIcon';

export function BucketIcon() {
  return <Database className="icon icon-bucket" size={16} strokeWidth={1.75} aria-hidden="true" />;
}
