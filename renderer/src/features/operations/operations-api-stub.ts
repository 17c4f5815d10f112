/**
 * The operations part of RendererApi answering "not available", for other features' test fakes that must
 * satisfy the whole contract but never exercise operations.
 */
import { fail } from '../../../../shared/errors';
import type { RendererApi } from '../../../../shared/ipc';
import type { OperationsApi } from './operations-store';

/** The store's API less headObject, which belongs to the browser feature. */
type OperationMethods = Exclude<keyof OperationsApi, 'headObject'>;

export function operationsApiStub(): Pick<RendererApi, OperationMethods> {
  const no = async () => fail('Unknown', 'operations are not part of this fake');
  return {
    createFolder: no,
    planOperation: no,
    runOperation: no,
    cancelOperation: no,
    discardPlan: no,
    shareObject: no,
    previewObject: no,
    onOperationProgress: () => () => {},
    onPlanningProgress: () => () => {},
  };
}
