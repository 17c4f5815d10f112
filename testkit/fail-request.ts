import type { ServerResponse } from 'node:http';
import type { RejectionReport } from '../shared/fire-and-forget';

/**
 * The rejection reporter for a test server's async request handler (with fireAndForget): log the error and
 * drop the connection, so the client fails at once instead of waiting for a response that never comes.
 */
export const failRequest =
  (res: ServerResponse): RejectionReport =>
  (scope, error) => {
    console.error(`${scope}:`, error);
    res.destroy();
  };
