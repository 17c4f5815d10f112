import { fail, ok, type Result } from '../shared/errors';
import type { ConnectionInput } from '../shared/ipc';
import { requestSchemas } from './ipc/schemas';

/** `npm run demo` passes the local S3 server's connection to the app in this variable, as JSON. */
export const DEMO_CONNECTION_ENV = 'S3DESK_DEMO_CONNECTION';

/**
 * The demo connection from the environment, checked with the same schema as `connections:add`; null when the
 * variable is unset. Never echoes the value back (it holds a secret).
 */
export function demoConnectionFrom(env: Readonly<Record<string, string | undefined>>): Result<ConnectionInput> | null {
  const raw = env[DEMO_CONNECTION_ENV];
  if (raw === undefined || raw.trim() === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return fail('InvalidInput', `${DEMO_CONNECTION_ENV} is not JSON`);
  }
  const parsed = requestSchemas['connections:add'].safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('InvalidInput', `${DEMO_CONNECTION_ENV}: ${issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid'}`);
  }
  return ok(parsed.data);
}

/** Add the demo connection, if any, through the normal handler; problems are reported, never thrown. */
export async function addDemoConnection(
  env: Readonly<Record<string, string | undefined>>,
  add: (input: ConnectionInput) => Promise<Result<unknown>>,
  warn: (message: string) => void,
): Promise<void> {
  const demo = demoConnectionFrom(env);
  if (demo === null) return;
  const result = demo.ok ? await add(demo.value) : demo;
  if (!result.ok) warn(`demo connection not added: ${result.error.message}`);
}
