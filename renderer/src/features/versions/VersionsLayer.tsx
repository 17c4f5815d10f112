/** The versions feature's dialogs for one tab: bucket versioning, a file's versions, the as-of picker, plans. */
import './versions.css';
import { AsOfPicker } from './AsOfPicker';
import { PlanDialog } from './PlanDialog';
import { VersioningDialog } from './VersioningDialog';
import { VersionsPanel } from './VersionsPanel';
import type { VersionsWiring } from './versions-wiring';

export function VersionsLayer({ wiring, onDownload }: { readonly wiring: VersionsWiring; readonly onDownload?: (key: string, versionId: string | null) => void }) {
  return (
    <>
      <VersioningDialog store={wiring.versioning} />
      <VersionsPanel store={wiring.versioning} {...(onDownload ? { onDownload } : {})} />
      <AsOfPicker store={wiring.recovery} />
      <PlanDialog store={wiring.recovery} />
    </>
  );
}
