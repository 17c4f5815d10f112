/** The versions feature's dialogs for one tab: bucket versioning, a file's versions, the as-of picker, plans. */
import './versions.css';
import { AsOfPicker } from './AsOfPicker';
import { PlanDialog } from './PlanDialog';
import { VersioningDialog } from './VersioningDialog';
import { VersionsPanel, type VersionsPanelProps } from './VersionsPanel';
import type { VersionsWiring } from './versions-wiring';

export function VersionsLayer({ wiring, onDownload, onView }: { readonly wiring: VersionsWiring } & Pick<VersionsPanelProps, 'onDownload' | 'onView'>) {
  return (
    <>
      <VersioningDialog store={wiring.versioning} />
      <VersionsPanel store={wiring.versioning} {...(onDownload ? { onDownload } : {})} {...(onView ? { onView } : {})} />
      <AsOfPicker store={wiring.recovery} />
      <PlanDialog store={wiring.recovery} />
    </>
  );
}
