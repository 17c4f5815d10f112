/**
 * The four bucket settings the editors change (issue 15): bucket policy, CORS, lifecycle rules and the public
 * access block. Each is edited as JSON — the policy in its own language, the other three in the shape the S3 API
 * and `aws s3api get-bucket-…` print — and checked here before anything is sent, so the renderer says where a
 * text is wrong as it is typed and main refuses the same text again. A problem names its place: a line and
 * column for broken JSON, a path (`Rules[0].Expiration.Days`) for a rule S3 would refuse. Lifecycle rules and
 * CORS may also be pasted as S3's XML (shared/config-xml.ts): read into the same shape, checked the same way,
 * a problem reported at its element's line. Pure TS.
 */
import { readConfigXml } from './config-xml';

export const CONFIG_KINDS = ['policy', 'cors', 'lifecycle', 'public-access-block'] as const;
export type BucketConfigKind = (typeof CONFIG_KINDS)[number];

export const CONFIG_LABELS: Readonly<Record<BucketConfigKind, string>> = {
  policy: 'Bucket policy',
  cors: 'CORS',
  lifecycle: 'Lifecycle rules',
  'public-access-block': 'Public access block',
};

export interface ConfigProblem {
  /** "line 3, column 7" or a path such as "Rules[0].Status". */
  readonly where: string;
  readonly message: string;
}

export type ConfigCheck = { readonly ok: true; readonly value: unknown; readonly text: string } | { readonly ok: false; readonly problem: ConfigProblem };

/** The text is at most this long (S3: a policy is at most 20 KB; lifecycle and CORS are far smaller in practice). */
export const MAX_CONFIG_TEXT = 256 * 1024;

/** One canonical text for a value: what the editor shows and what the diff compares. */
export const canonicalText = (value: unknown): string => JSON.stringify(value, null, 2);

/** Check a text for `kind`: valid JSON of the right shape, then the canonical text of what will be saved. */
export function checkConfig(kind: BucketConfigKind, text: string): ConfigCheck {
  if (text.length > MAX_CONFIG_TEXT) return { ok: false, problem: { where: 'the whole text', message: `longer than ${MAX_CONFIG_TEXT} characters` } };
  if ((kind === 'lifecycle' || kind === 'cors') && text.trimStart().startsWith('<')) return checkXml(kind, text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: jsonProblem(text, error) };
  }
  const problem = CHECKS[kind](value);
  return problem ? { ok: false, problem } : { ok: true, value, text: canonicalText(value) };
}

/** S3's XML, read into the JSON shape and checked there; a problem is reported at its element's line. */
function checkXml(kind: 'lifecycle' | 'cors', text: string): ConfigCheck {
  const read = readConfigXml(kind, text);
  if (!read.ok) return { ok: false, problem: { where: lineColumn(text, read.problem.at), message: `not valid ${kind === 'cors' ? 'CORS' : 'lifecycle'} XML: ${read.problem.reason}` } };
  const problem = CHECKS[kind](read.value);
  if (!problem) return { ok: true, value: read.value, text: canonicalText(read.value) };
  // The path's own element, or its nearest ancestor that was written (a missing field has no line).
  let path = problem.where;
  while (path !== '' && !read.lines.has(path)) path = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
  const at = read.lines.get(path) ?? 0;
  return { ok: false, problem: { where: `${lineColumn(text, at).replace(/, column \d+/, '')} (${problem.where})`, message: problem.message } };
}

function lineColumn(text: string, at: number): string {
  const before = text.slice(0, at);
  return `line ${before.split('\n').length}, column ${at - before.lastIndexOf('\n')}`;
}

/**
 * Where a text stops being JSON. JSON.parse's messages differ between engines and often give no position
 * ("Unexpected token ',', …"), so a small scanner walks the grammar and reports the first offending character.
 */
export function jsonProblem(text: string, error?: unknown): ConfigProblem {
  const found = scanJson(text);
  const reason = found?.reason ?? (error instanceof Error ? error.message : 'unreadable');
  return { where: lineColumn(text, found?.at ?? text.length), message: `not valid JSON: ${reason}` };
}

/** The first syntax error of `text` as JSON, or null if the grammar holds. */
function scanJson(text: string): { at: number; reason: string } | null {
  let i = 0;
  const fail = (reason: string): never => {
    throw { at: i, reason };
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('a line break or control character inside a string');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('\\u needs four hex digits');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('an unknown escape');
      }
      i++;
    }
    if (i >= text.length) fail('a string that never ends (missing ")');
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === undefined) fail('the text ends where a value should be');
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(text[i] === '}' ? 'a comma before "}"' : 'a field name in double quotes expected');
        str();
        ws();
        if (text[i] !== ':') fail('":" expected after the field name');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        fail('"," or "}" expected');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        ws();
        if (text[i] === ']' || text[i] === ',') fail(text[i] === ']' ? 'a comma before "]"' : 'a value expected before ","');
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return void i++;
        fail('"," or "]" expected');
      }
    }
    if (c === '"') return str();
    const lit = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!lit) fail(`unexpected ${JSON.stringify(c)}`);
    i += (lit as RegExpExecArray)[0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail('text after the end of the JSON value');
    return null;
  } catch (e) {
    return e as { at: number; reason: string };
  }
}

// ── shape checks: the first problem, with its path ──

type Check = (value: unknown) => ConfigProblem | null;

class Bad extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: unknown, where: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isObject(v)) throw new Bad(where || 'the top level', 'must be a JSON object { … }');
  for (const k of Object.keys(v)) if (!allowed.includes(k)) throw new Bad(join(where, k), `unknown field; allowed here: ${allowed.join(', ')}`);
  return v;
}

function array(v: unknown, where: string, min: number, max: number): unknown[] {
  if (!Array.isArray(v)) throw new Bad(where, 'must be a list [ … ]');
  if (v.length < min) throw new Bad(where, min === 1 ? 'must not be empty' : `needs at least ${min} entries`);
  if (v.length > max) throw new Bad(where, `at most ${max} entries`);
  return v;
}

function string(v: unknown, where: string, max = 1024): string {
  if (typeof v !== 'string') throw new Bad(where, 'must be a string');
  if (v.length > max) throw new Bad(where, `at most ${max} characters`);
  return v;
}

function oneOf(v: unknown, where: string, values: readonly string[]): void {
  if (typeof v !== 'string' || !values.includes(v)) throw new Bad(where, `must be one of ${values.map((x) => `"${x}"`).join(', ')}`);
}

function int(v: unknown, where: string, min: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new Bad(where, `must be a whole number, at least ${min}`);
}

function bool(v: unknown, where: string): void {
  if (typeof v !== 'boolean') throw new Bad(where, 'must be true or false');
}

const join = (where: string, key: string | number) => (typeof key === 'number' ? `${where}[${key}]` : where ? `${where}.${key}` : key);

function stringOrList(v: unknown, where: string): void {
  if (typeof v === 'string') return;
  array(v, where, 1, 1000).forEach((x, i) => string(x, join(where, i)));
}

function guarded(check: (value: unknown) => void): Check {
  return (value) => {
    try {
      check(value);
      return null;
    } catch (error) {
      if (error instanceof Bad) return { where: error.where, message: error.message };
      throw error;
    }
  };
}

const STATEMENT_FIELDS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

function checkPolicy(value: unknown): void {
  const p = object(value, '', ['Version', 'Id', 'Statement']);
  if (p['Version'] !== undefined) oneOf(p['Version'], 'Version', ['2012-10-17', '2008-10-17']);
  if (p['Id'] !== undefined) string(p['Id'], 'Id');
  if (p['Statement'] === undefined) throw new Bad('Statement', 'a policy needs at least one statement');
  const statements = Array.isArray(p['Statement']) ? array(p['Statement'], 'Statement', 1, 1000) : [p['Statement']];
  statements.forEach((s, i) => {
    const where = Array.isArray(p['Statement']) ? join('Statement', i) : 'Statement';
    const st = object(s, where, STATEMENT_FIELDS);
    if (st['Sid'] !== undefined) string(st['Sid'], join(where, 'Sid'));
    oneOf(st['Effect'], join(where, 'Effect'), ['Allow', 'Deny']);
    exactlyOne(st, where, 'Principal', 'NotPrincipal', 'a bucket policy statement names who it applies to');
    exactlyOne(st, where, 'Action', 'NotAction', 'a statement names the actions it allows or denies');
    exactlyOne(st, where, 'Resource', 'NotResource', 'a statement names the bucket or objects it applies to');
    for (const field of ['Principal', 'NotPrincipal'] as const) {
      const who = st[field];
      if (who === undefined || who === '*') continue;
      const w = object(who, join(where, field), ['AWS', 'Service', 'Federated', 'CanonicalUser']);
      for (const [k, v] of Object.entries(w)) stringOrList(v, join(join(where, field), k));
    }
    for (const field of ['Action', 'NotAction'] as const) {
      const a = st[field];
      if (a === undefined) continue;
      stringOrList(a, join(where, field));
      const list = typeof a === 'string' ? [a] : (a as string[]);
      list.forEach((x, j) => {
        if (x !== '*' && !/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(x)) throw new Bad(typeof a === 'string' ? join(where, field) : join(join(where, field), j), `"${x}" is not an action like "s3:GetObject"`);
      });
    }
    for (const field of ['Resource', 'NotResource'] as const) if (st[field] !== undefined) stringOrList(st[field], join(where, field));
    if (st['Condition'] !== undefined) {
      const c = st['Condition'];
      if (!isObject(c)) throw new Bad(join(where, 'Condition'), 'must be a JSON object { … }');
      for (const [op, body] of Object.entries(c)) if (!isObject(body)) throw new Bad(join(join(where, 'Condition'), op), 'must be an object of condition keys');
    }
  });
}

function exactlyOne(o: Record<string, unknown>, where: string, a: string, b: string, why: string): void {
  if (o[a] === undefined && o[b] === undefined) throw new Bad(join(where, a), `missing: ${why}`);
  if (o[a] !== undefined && o[b] !== undefined) throw new Bad(join(where, b), `give ${a} or ${b}, not both`);
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

function checkCors(value: unknown): void {
  const c = object(value, '', ['CORSRules']);
  array(c['CORSRules'], 'CORSRules', 1, 100).forEach((r, i) => {
    const where = join('CORSRules', i);
    const rule = object(r, where, ['ID', 'AllowedOrigins', 'AllowedMethods', 'AllowedHeaders', 'ExposeHeaders', 'MaxAgeSeconds']);
    if (rule['ID'] !== undefined) string(rule['ID'], join(where, 'ID'), 255);
    array(rule['AllowedOrigins'], join(where, 'AllowedOrigins'), 1, 100).forEach((o, j) => string(o, join(join(where, 'AllowedOrigins'), j)));
    array(rule['AllowedMethods'], join(where, 'AllowedMethods'), 1, 5).forEach((m, j) => oneOf(m, join(join(where, 'AllowedMethods'), j), METHODS));
    for (const f of ['AllowedHeaders', 'ExposeHeaders'] as const) {
      if (rule[f] !== undefined) array(rule[f], join(where, f), 0, 100).forEach((h, j) => string(h, join(join(where, f), j)));
    }
    if (rule['MaxAgeSeconds'] !== undefined) int(rule['MaxAgeSeconds'], join(where, 'MaxAgeSeconds'), 0);
  });
}

const RULE_FIELDS = ['ID', 'Status', 'Filter', 'Prefix', 'Expiration', 'Transitions', 'NoncurrentVersionExpiration', 'NoncurrentVersionTransitions', 'AbortIncompleteMultipartUpload'];
const ACTIONS = ['Expiration', 'Transitions', 'NoncurrentVersionExpiration', 'NoncurrentVersionTransitions', 'AbortIncompleteMultipartUpload'];

function date(v: unknown, where: string): void {
  // S3 wants midnight UTC: "2030-01-01" or "2030-01-01T00:00:00.000Z".
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}(T00:00:00(\.000)?Z)?$/.test(v) || Number.isNaN(Date.parse(v))) {
    throw new Bad(where, 'must be a date at midnight UTC, like "2030-01-01"');
  }
}

function tag(v: unknown, where: string): void {
  const t = object(v, where, ['Key', 'Value']);
  string(t['Key'], join(where, 'Key'), 128);
  string(t['Value'], join(where, 'Value'), 256);
}

function checkFilter(v: unknown, where: string): void {
  const f = object(v, where, ['Prefix', 'Tag', 'And', 'ObjectSizeGreaterThan', 'ObjectSizeLessThan']);
  const given = Object.keys(f).filter((k) => f[k] !== undefined);
  if (given.length > 1) throw new Bad(where, `give one of Prefix, Tag, And, ObjectSizeGreaterThan, ObjectSizeLessThan (combine them with And), not ${given.join(' and ')}`);
  if (f['Prefix'] !== undefined) string(f['Prefix'], join(where, 'Prefix'));
  if (f['Tag'] !== undefined) tag(f['Tag'], join(where, 'Tag'));
  for (const k of ['ObjectSizeGreaterThan', 'ObjectSizeLessThan'] as const) if (f[k] !== undefined) int(f[k], join(where, k), 0);
  if (f['And'] !== undefined) {
    const w = join(where, 'And');
    const a = object(f['And'], w, ['Prefix', 'Tags', 'ObjectSizeGreaterThan', 'ObjectSizeLessThan']);
    if (a['Prefix'] !== undefined) string(a['Prefix'], join(w, 'Prefix'));
    if (a['Tags'] !== undefined) array(a['Tags'], join(w, 'Tags'), 0, 10).forEach((t, i) => tag(t, join(join(w, 'Tags'), i)));
    for (const k of ['ObjectSizeGreaterThan', 'ObjectSizeLessThan'] as const) if (a[k] !== undefined) int(a[k], join(w, k), 0);
  }
}

function checkLifecycle(value: unknown): void {
  const c = object(value, '', ['Rules']);
  const ids = new Set<string>();
  array(c['Rules'], 'Rules', 1, 1000).forEach((r, i) => {
    const where = join('Rules', i);
    const rule = object(r, where, RULE_FIELDS);
    if (rule['ID'] !== undefined) {
      const id = string(rule['ID'], join(where, 'ID'), 255);
      if (ids.has(id)) throw new Bad(join(where, 'ID'), `"${id}" is used by an earlier rule; rule IDs must differ`);
      ids.add(id);
    }
    oneOf(rule['Status'], join(where, 'Status'), ['Enabled', 'Disabled']);
    if (rule['Filter'] !== undefined && rule['Prefix'] !== undefined) throw new Bad(join(where, 'Prefix'), 'give Filter or the older Prefix, not both');
    if (rule['Filter'] !== undefined) checkFilter(rule['Filter'], join(where, 'Filter'));
    if (rule['Prefix'] !== undefined) string(rule['Prefix'], join(where, 'Prefix'));
    if (!ACTIONS.some((a) => rule[a] !== undefined)) throw new Bad(where, `a rule needs an action: ${ACTIONS.join(', ')}`);
    if (rule['Expiration'] !== undefined) {
      const w = join(where, 'Expiration');
      const e = object(rule['Expiration'], w, ['Days', 'Date', 'ExpiredObjectDeleteMarker']);
      const given = ['Days', 'Date', 'ExpiredObjectDeleteMarker'].filter((k) => e[k] !== undefined);
      if (given.length !== 1) throw new Bad(w, 'give exactly one of Days, Date, ExpiredObjectDeleteMarker');
      if (e['Days'] !== undefined) int(e['Days'], join(w, 'Days'), 1);
      if (e['Date'] !== undefined) date(e['Date'], join(w, 'Date'));
      if (e['ExpiredObjectDeleteMarker'] !== undefined) bool(e['ExpiredObjectDeleteMarker'], join(w, 'ExpiredObjectDeleteMarker'));
    }
    if (rule['Transitions'] !== undefined) {
      array(rule['Transitions'], join(where, 'Transitions'), 1, 10).forEach((t, j) => {
        const w = join(join(where, 'Transitions'), j);
        const tr = object(t, w, ['Days', 'Date', 'StorageClass']);
        if ((tr['Days'] === undefined) === (tr['Date'] === undefined)) throw new Bad(w, 'give Days or Date (one of them)');
        if (tr['Days'] !== undefined) int(tr['Days'], join(w, 'Days'), 0);
        if (tr['Date'] !== undefined) date(tr['Date'], join(w, 'Date'));
        storageClass(tr['StorageClass'], join(w, 'StorageClass'));
      });
    }
    if (rule['NoncurrentVersionExpiration'] !== undefined) {
      const w = join(where, 'NoncurrentVersionExpiration');
      const e = object(rule['NoncurrentVersionExpiration'], w, ['NoncurrentDays', 'NewerNoncurrentVersions']);
      int(e['NoncurrentDays'], join(w, 'NoncurrentDays'), 1);
      if (e['NewerNoncurrentVersions'] !== undefined) int(e['NewerNoncurrentVersions'], join(w, 'NewerNoncurrentVersions'), 1);
    }
    if (rule['NoncurrentVersionTransitions'] !== undefined) {
      array(rule['NoncurrentVersionTransitions'], join(where, 'NoncurrentVersionTransitions'), 1, 10).forEach((t, j) => {
        const w = join(join(where, 'NoncurrentVersionTransitions'), j);
        const tr = object(t, w, ['NoncurrentDays', 'StorageClass', 'NewerNoncurrentVersions']);
        int(tr['NoncurrentDays'], join(w, 'NoncurrentDays'), 0);
        storageClass(tr['StorageClass'], join(w, 'StorageClass'));
        if (tr['NewerNoncurrentVersions'] !== undefined) int(tr['NewerNoncurrentVersions'], join(w, 'NewerNoncurrentVersions'), 1);
      });
    }
    // S3 (and RGW) refuse these two with a tag filter: an upload or a delete marker has no tags to match.
    const filter = rule['Filter'] as Record<string, unknown> | undefined;
    const tagged = filter !== undefined && (filter['Tag'] !== undefined || ((filter['And'] as Record<string, unknown> | undefined)?.['Tags'] as unknown[] | undefined)?.length);
    if (tagged && rule['AbortIncompleteMultipartUpload'] !== undefined) throw new Bad(join(where, 'AbortIncompleteMultipartUpload'), 'cannot be used with a tag filter');
    if (tagged && (rule['Expiration'] as Record<string, unknown> | undefined)?.['ExpiredObjectDeleteMarker'] !== undefined) {
      throw new Bad(join(join(where, 'Expiration'), 'ExpiredObjectDeleteMarker'), 'cannot be used with a tag filter');
    }
    if (rule['AbortIncompleteMultipartUpload'] !== undefined) {
      const w = join(where, 'AbortIncompleteMultipartUpload');
      int(object(rule['AbortIncompleteMultipartUpload'], w, ['DaysAfterInitiation'])['DaysAfterInitiation'], join(w, 'DaysAfterInitiation'), 1);
    }
  });
}

/** Providers add their own classes, so any upper-case class name passes; S3 then says whether it knows it. */
function storageClass(v: unknown, where: string): void {
  if (typeof v !== 'string' || !/^[A-Z][A-Z0-9_]{0,63}$/.test(v)) throw new Bad(where, 'must be a storage class such as "STANDARD_IA" or "GLACIER"');
}

const PAB_FIELDS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];

function checkPab(value: unknown): void {
  const p = object(value, '', PAB_FIELDS);
  for (const k of PAB_FIELDS) if (p[k] !== undefined) bool(p[k], k);
}

const CHECKS: Readonly<Record<BucketConfigKind, Check>> = {
  policy: guarded(checkPolicy),
  cors: guarded(checkCors),
  lifecycle: guarded(checkLifecycle),
  'public-access-block': guarded(checkPab),
};

/** A starting text for a setting the bucket does not have yet. */
export const CONFIG_TEMPLATES: Readonly<Record<BucketConfigKind, unknown>> = {
  policy: {
    Version: '2012-10-17',
    Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::BUCKET/*' }],
  },
  cors: { CORSRules: [{ AllowedOrigins: ['https://example.com'], AllowedMethods: ['GET', 'HEAD'], AllowedHeaders: ['*'], MaxAgeSeconds: 3000 }] },
  lifecycle: { Rules: [{ ID: 'expire-tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 7 } }] },
  'public-access-block': { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
};

// ── the diff the confirmation shows ──

export interface DiffLine {
  readonly op: 'same' | 'add' | 'remove';
  readonly text: string;
}

/** Line diff of two texts (longest common subsequence), before → after; null sides are "none configured". */
export function diffLines(before: string | null, after: string | null): DiffLine[] {
  const a = before === null ? [] : before.split('\n');
  const b = after === null ? [] : after.split('\n');
  // Settings are small; a quadratic table is fine up to a few thousand lines, past that show remove-all/add-all.
  if (a.length * b.length > 4_000_000) return [...a.map((text) => ({ op: 'remove' as const, text })), ...b.map((text) => ({ op: 'add' as const, text }))];
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      (lcs[i] as Uint32Array)[j] = a[i] === b[j] ? (lcs[i + 1] as Uint32Array)[j + 1]! + 1 : Math.max((lcs[i + 1] as Uint32Array)[j]!, (lcs[i] as Uint32Array)[j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i] as string });
      i++;
      j++;
    } else if ((lcs[i + 1] as Uint32Array)[j]! >= (lcs[i] as Uint32Array)[j + 1]!) out.push({ op: 'remove', text: a[i++] as string });
    else out.push({ op: 'add', text: b[j++] as string });
  }
  while (i < a.length) out.push({ op: 'remove', text: a[i++] as string });
  while (j < b.length) out.push({ op: 'add', text: b[j++] as string });
  return out;
}
