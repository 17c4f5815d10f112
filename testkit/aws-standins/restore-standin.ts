/**
 * STAND-IN for S3's RestoreObject, which Ceph RGW 16 does not have. It is NOT a server feature: the counting
 * proxy in front of RGW answers `POST /bucket/key?restore` itself (202 accepted, 409 RestoreAlreadyInProgress
 * while one runs, 200 when already restored, as AWS does) and adds the `x-amz-restore` header S3 would send on
 * HEAD and GET of that key: `ongoing-request="true"` until the test calls `finish`, then
 * `ongoing-request="false", expiry-date="…"`. A ListObjectsV2 that asks for it (x-amz-optional-object-attributes:
 * RestoreStatus) gets each such key's <RestoreStatus> written into its <Contents>, as AWS answers (off with
 * `listings: false`, to stand for a server that sends none). Everything else (the object, its class, the bytes,
 * the rest of the listing) is RGW's own. A key marked with `archive` also has its GET refused as AWS refuses an
 * archived object's (403 InvalidObjectState) until its restore is finished; RGW itself would serve the bytes.
 * The app is tested against this emulation only for the request it sends and the state it shows.
 */
import type { CountingProxy } from '../counting-proxy';

export interface RestoreRequestSeen {
  readonly bucket: string;
  readonly key: string;
  readonly days: number | null;
  readonly tier: string | null;
}

export interface RestoreStandIn {
  /** Every RestoreObject the app sent, with the days and tier of its body. */
  readonly requests: readonly RestoreRequestSeen[];
  /** The restore of this key is done: readable until `expiry` (x-amz-restore says so from now on). */
  finish(bucket: string, key: string, expiry: Date): void;
  /** Refuse GET of this key with 403 InvalidObjectState until its restore is finished (as AWS does). */
  archive(bucket: string, key: string): void;
  /** Remove the stand-in's rule from the proxy. */
  remove(): void;
}

type State = { readonly ongoing: true } | { readonly ongoing: false; readonly expiry: Date };

const tagText = (xml: string, tag: string) => new RegExp(`<${tag}>\\s*([^<]*?)\\s*</${tag}>`).exec(xml)?.[1] ?? null;

export interface RestoreStandInOptions {
  /** Write <RestoreStatus> into listings that ask for it (default true, as AWS). */
  readonly listings?: boolean;
}

/** A listing's <Key> as the app will read it (EncodingType=url: form-encoded). */
const listedKey = (raw: string, encoded: boolean) => (encoded ? decodeURIComponent(raw.replace(/\+/g, ' ')) : raw);

function restoreStatusXml(state: State): string {
  return state.ongoing
    ? '<RestoreStatus><IsRestoreInProgress>true</IsRestoreInProgress></RestoreStatus>'
    : `<RestoreStatus><IsRestoreInProgress>false</IsRestoreInProgress><RestoreExpiryDate>${state.expiry.toISOString()}</RestoreExpiryDate></RestoreStatus>`;
}

export function installRestoreStandIn(proxy: CountingProxy, options: RestoreStandInOptions = {}): RestoreStandIn {
  const states = new Map<string, State>();
  const archived = new Set<string>();
  const requests: RestoreRequestSeen[] = [];
  const slot = (bucket: string, key: string) => `${bucket}/${key}`;
  const remove = proxy.addRule((req) => {
    const state = states.get(slot(req.bucket, req.key));
    if (req.operation === 'RestoreObject') {
      return {
        kind: 'answer',
        status: 202,
        onBody: (body) => {
          const days = tagText(body, 'Days');
          requests.push({ bucket: req.bucket, key: req.key, days: days === null ? null : Number(days), tier: tagText(body, 'Tier') });
          if (state?.ongoing) return { kind: 'status', status: 409, code: 'RestoreAlreadyInProgress', message: 'Object restore is already in progress' };
          if (state) return { kind: 'answer', status: 200 };
          states.set(slot(req.bucket, req.key), { ongoing: true });
          return undefined;
        },
      };
    }
    const asked = String(req.headers['x-amz-optional-object-attributes'] ?? '').includes('RestoreStatus');
    if (req.operation === 'ListObjectsV2' && asked && options.listings !== false && states.size > 0) {
      return {
        kind: 'rewrite',
        body: (xml) => {
          const encoded = /<EncodingType>url<\/EncodingType>/.test(xml);
          return xml.replace(/<Contents>([\s\S]*?)<\/Contents>/g, (whole, inner: string) => {
            const key = /<Key>([^<]*)<\/Key>/.exec(inner)?.[1];
            const s = key === undefined ? undefined : states.get(slot(req.bucket, listedKey(key, encoded)));
            return s ? `<Contents>${inner}${restoreStatusXml(s)}</Contents>` : whole;
          });
        },
      };
    }
    if (req.operation === 'GetObject' && archived.has(slot(req.bucket, req.key)) && (!state || state.ongoing)) {
      return { kind: 'status', status: 403, code: 'InvalidObjectState', message: 'The operation is not valid for the object\'s storage class' };
    }
    if (state && (req.operation === 'HeadObject' || req.operation === 'GetObject')) {
      const header = state.ongoing ? 'ongoing-request="true"' : `ongoing-request="false", expiry-date="${state.expiry.toUTCString()}"`;
      return { kind: 'add-headers', headers: { 'x-amz-restore': header } };
    }
    return undefined;
  });
  return {
    requests,
    finish: (bucket, key, expiry) => void states.set(slot(bucket, key), { ongoing: false, expiry }),
    archive: (bucket, key) => void archived.add(slot(bucket, key)),
    remove,
  };
}
