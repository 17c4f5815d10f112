/**
 * The operations part of RendererApi answering "not available", for other features' test fakes that must
 * satisfy the whole contract but never exercise operations.
 */
import { fail } from '../../../../shared/errors';
import type { RendererApi } from '../../../../shared/ipc';

type OperationMethods =
  | 'createFolder'
  | 'planOperation'
  | 'runOperation'
  | 'cancelOperation'
  | 'discardPlan'
  | 'shareObject'
  | 'previewObject'
  | 'onOperationProgress'
  | 'onPlanningProgress';

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
