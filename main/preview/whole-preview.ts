/**
 * Images, SVG and PDF: the whole object in one GET, up to WHOLE_PREVIEW_LIMIT. A size known from the listing
 * cache refuses a too-large object before any request; otherwise the GET asks for at most the limit and the
 * Content-Range total tells whether that was all.
 */
import { type TooLarge, WHOLE_PREVIEW_LIMIT, type WholeObject } from '../../shared/preview';
import { newMeter, type ObjectRef, readRange } from './ranged-read';

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

export async function previewWhole(ref: ObjectRef, knownSize: number | null, signal: AbortSignal, limit = WHOLE_PREVIEW_LIMIT): Promise<WholeObject | TooLarge> {
  const meter = newMeter();
  if (knownSize !== null && knownSize > limit) return { kind: 'too-large', size: knownSize, limit, cost: { ...meter } };
  try {
    const answer = await readRange(ref, { start: 0, end: limit - 1 }, meter, signal);
    if (answer.total > limit) return { kind: 'too-large', size: answer.total, limit, cost: { ...meter } };
    return { kind: 'bytes', base64: answer.bytes.toString('base64'), size: answer.total, contentType: answer.contentType, cost: { ...meter } };
  } catch (error) {
    if (statusOf(error) === 416) return { kind: 'bytes', base64: '', size: 0, contentType: null, cost: { ...meter } };
    throw error;
  }
}
