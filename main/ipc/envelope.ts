/**
 * The transport edge: every channel's plain implementation wrapped with schema validation and the result
 * envelope. Whatever a feature throws becomes one closed error code here (toAppError), never a rejection.
 */
import { fail, ok, type Result } from '../../shared/errors';
import type { Channel, HandlerMap, RequestOf, ResponseOf } from '../../shared/ipc';
import { toAppError } from '../core/to-app-error';
import { firstNonPlain } from './plain-data';
import { requestSchemas } from './schemas';

/** Plain implementations of some channels; wrapChannels adds validation and the result envelope. */
export type ChannelImpls<C extends Channel> = {
  readonly [K in C]: (request: RequestOf<K>) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

export function wrapChannels(impl: ChannelImpls<Channel>): HandlerMap {
  return Object.fromEntries(
    (Object.keys(impl) as Channel[]).map((channel) => [channel, wrap(channel, impl[channel] as never)]),
  ) as unknown as HandlerMap;
}

function wrap<C extends Channel>(
  channel: C,
  run: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>,
): (request: unknown) => Promise<Result<ResponseOf<C>>> {
  const schema = requestSchemas[channel];
  return async (request) => {
    const odd = firstNonPlain(request);
    if (odd) return fail('InvalidInput', `${channel}: ${odd.join('.') || 'request'}: expected plain data`);
    const parsed = schema.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('InvalidInput', `${channel}: ${issue ? `${issue.path.join('.') || 'request'}: ${issue.message}` : 'invalid request'}`);
    }
    try {
      return ok(await run(parsed.data as RequestOf<C>));
    } catch (error) {
      return { ok: false, error: toAppError(error, channel) };
    }
  };
}
