/**
 * IPC fuzzing: every channel of the handler map gets thousands of generated malformed requests. Requests are
 * built from each channel's own zod schema (a sample of the right shape, then one to three corruptions), so a
 * new channel is fuzzed without editing this file. Seeded: FUZZ_SEED=<n> replays a run; the seed is printed.
 *
 * The oracle is independent of the schema where it can be: a corruption that is wrong for the declared shape
 * (wrong type, missing required field, unknown field, NaN/Infinity for a number, an array for an object) must
 * answer InvalidInput. Any other answer must be a closed-set error or a success, never a throw or a rejection.
 * Nothing may be written: no write reaches S3 (counted on the wire by the proxy, and the bucket listed before and
 * after), no file appears in the working directory, its parent or the home folder, Object.prototype stays clean,
 * and the core still lists normally afterwards. Dialogs and drags are the test fakes the other integration tests
 * use, so no real window can open.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors';
import type { Channel } from '../../shared/ipc';
import { API_METHODS } from '../../shared/ipc';
import { type CoreFixture, listFolder, startCoreFixture } from '../../testkit/core-fixture';
import { createFakeSecretBox } from '../../testkit/fake-secret-box';
import { requestSchemas } from './schemas';

const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);
const CASES_PER_CHANNEL = Number(process.env['FUZZ_CASES'] ?? 250);
/** 250 cases a channel take ~20 s here (a loaded machine); FUZZ_CASES=2000 must not hit a fixed timeout. */
const TIMEOUT_MS = 120_000 * Math.max(1, CASES_PER_CHANNEL / 250);
const BUCKET = 'fuzz';
/** Channels whose schema-valid requests are not sent: they reach out to arbitrary endpoints or credential chains. */
const NOT_SENT_WHEN_VALID = new Set<Channel>(['connections:test']);
/** Schema-valid requests to these may use the real connection (they only read); others get an unknown one. */
const READ_ONLY = new Set<Channel>(['buckets:list', 'objects:list', 'objects:stat', 'objects:head', 'operations:plan', 'operations:share', 'operations:preview', 'cache:invalidate']);
const WRITE_OPS = /^(Put|Delete|Copy|Create|Complete|Upload|Abort|Restore)/;

/** mulberry32: small, seedable, good enough to pick cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ── reading zod 4 schemas (their def is public data: _zod.def) ──
interface Def {
  readonly type: string;
  readonly shape?: Record<string, Schema>;
  readonly catchall?: Schema;
  readonly element?: Schema;
  readonly innerType?: Schema;
  readonly options?: readonly Schema[];
  readonly values?: readonly unknown[];
  readonly entries?: Record<string, string>;
  readonly format?: string;
  readonly in?: Schema;
  readonly out?: Schema;
}
interface Schema {
  readonly _zod: { readonly def: Def };
  safeParse(value: unknown): { success: boolean };
}
const defOf = (s: Schema): Def => s._zod.def;

type Rng = () => number;
const pick = <T,>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

// ── hostile values ──
const big = (n: number, c = 'a') => c.repeat(n);
const protoObject = () => JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}') as unknown;
const HOSTILE_STRINGS = [
  '', ' ', '../', '../../../../etc/passwd', '..\\..\\windows\\system32', '/etc/passwd', '/', 'C:\\Windows\\win.ini', '\\\\server\\share\\x',
  'a\0b', '\0', 'CON', 'nul.txt', 'file:///etc/passwd', 's3desk-drag://object/?c=x', 'http://169.254.169.254/', 'javascript:alert(1)',
  '\u202eevil', '\ud800', '\udfff\ud800', 'e\u0301', '😀'.repeat(300), '\uFEFF', '%2e%2e%2f', 'a//b', './x', '~/x', '$HOME', '${x}',
  '__proto__', 'constructor', 'prototype', 'toString', big(1025), big(4097), big(40_000, 'é'), big(70_000), big(2 * 1024 * 1024),
];
function hostileValue(rng: Rng): unknown {
  const r = rng();
  if (r < 0.45) return pick(rng, HOSTILE_STRINGS);
  return pick(rng, [
    () => NaN, () => Infinity, () => -Infinity, () => -1, () => 0, () => 1.5, () => 2 ** 53 + 1, () => 1e308, () => -0,
    () => true, () => false, () => null, () => undefined, () => [], () => [null], () => ['x', 1], () => ({}), () => protoObject(),
    () => Object.create(null) as unknown, () => new Date(0), () => new Map([['a', 1]]), () => new Set([1]), () => new Uint8Array(8),
    () => 10n, () => /x/, () => Array.from({ length: 200_000 }, () => 'k'),
  ])();
}

/** A value of the schema's shape with plausible content (valid often, not always: regexes and refinements vary). */
function sample(schema: Schema, rng: Rng, field: string, connectionId: string): unknown {
  const d = defOf(schema);
  switch (d.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d.shape ?? {})) {
        const value = sample(v, rng, k, connectionId);
        if (value !== undefined) out[k] = value;
      }
      return out;
    }
    case 'optional':
      return rng() < 0.5 ? undefined : sample(d.innerType!, rng, field, connectionId);
    case 'nullable':
      return rng() < 0.2 ? null : sample(d.innerType!, rng, field, connectionId);
    case 'array':
      return Array.from({ length: 1 + Math.floor(rng() * 2) }, () => sample(d.element!, rng, field, connectionId));
    case 'union':
      return sample(pick(rng, d.options!), rng, field, connectionId);
    case 'pipe':
      return sample(d.out!, rng, field, connectionId);
    case 'literal':
      return d.values![0];
    case 'enum':
      return pick(rng, Object.values(d.entries!));
    case 'boolean':
      return rng() < 0.5;
    case 'number':
      return 1 + Math.floor(rng() * 10);
    case 'string':
      if (d.format === 'url') return 'http://127.0.0.1:9/';
      if (field === 'connectionId') return rng() < 0.6 ? connectionId : 'no-such-connection';
      if (field === 'bucket') return BUCKET;
      if (field === 'region') return 'us-east-1';
      return pick(rng, ['a', 'x.txt', 'folder/', 'folder/x.txt', 'name', 'id-1', ...HOSTILE_STRINGS.slice(0, 30)]);
    default:
      return 'x';
  }
}

type Kind = 'strict' | 'loose';
interface Corruption {
  readonly kind: Kind;
  readonly what: string;
}

/** Every place in a sampled value with the schema that governs it. */
function places(value: unknown, schema: Schema, at: string[] = []): Array<{ path: string[]; schema: Schema; value: unknown }> {
  const out = [{ path: at, schema, value }];
  let d = defOf(schema);
  while (d.type === 'optional' || d.type === 'nullable' || d.type === 'pipe') d = defOf(d.innerType ?? d.out!);
  if (d.type === 'object' && value && typeof value === 'object') {
    for (const [k, v] of Object.entries(d.shape ?? {})) if (k in value) out.push(...places((value as Record<string, unknown>)[k], v, [...at, k]));
  }
  if (d.type === 'union' && value && typeof value === 'object') {
    const option = d.options!.find((o) => o.safeParse(value).success);
    if (option) out.push(...places(value, option, at).slice(1));
  }
  // Only the first few elements: a corrupted array may hold 200,000.
  if (d.type === 'array' && Array.isArray(value)) value.slice(0, 3).forEach((v, i) => out.push(...places(v, d.element!, [...at, String(i)])));
  return out;
}

/** What JS types a schema admits at the top: a value of none of them is a strict (must-reject) corruption. */
function admits(schema: Schema, value: unknown): boolean {
  const d = defOf(schema);
  switch (d.type) {
    case 'optional':
      return value === undefined || admits(d.innerType!, value);
    case 'nullable':
      return value === null || admits(d.innerType!, value);
    case 'pipe':
      return admits(d.in!, value) && admits(d.out!, value);
    case 'custom':
      return true;
    case 'union':
      return d.options!.some((o) => admits(o, value));
    case 'object':
      return typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);
    case 'array':
      return Array.isArray(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'literal':
      return d.values!.includes(value);
    case 'enum':
      return Object.values(d.entries!).includes(value as string);
    default:
      return true;
  }
}

function setAt(root: unknown, pathTo: string[], value: unknown, remove = false): unknown {
  if (pathTo.length === 0) return value;
  const parent = pathTo.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root) as Record<string, unknown>;
  const last = pathTo[pathTo.length - 1]!;
  if (remove) delete parent[last];
  else Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

/** One generated request: a sample with one to three corruptions, and whether it must be refused. */
function generate(schema: Schema, rng: Rng, connectionId: string): { request: unknown; strict: boolean; what: string[] } {
  let request = sample(schema, rng, '', connectionId);
  const what: string[] = [];
  // A later corruption at or above an earlier one's place replaces it: only the surviving ones decide.
  let applied: Array<{ path: string[]; strict: boolean }> = [];
  const rounds = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < rounds; i++) {
    const all = places(request, schema);
    const place = pick(rng, all);
    const c = corrupt(place, rng);
    what.push(`${place.path.join('.') || '(root)'}: ${c.what}`);
    applied = applied.filter((a) => !place.path.every((k, j) => a.path[j] === k));
    applied.push({ path: place.path, strict: c.kind === 'strict' });
    request = c.apply(request);
    if (place.path.length === 0) break;
  }
  return { request, strict: applied.some((a) => a.strict), what };
}

function corrupt(place: { path: string[]; schema: Schema; value: unknown }, rng: Rng): Corruption & { apply(r: unknown): unknown } {
  const r = rng();
  const isObject = place.value !== null && typeof place.value === 'object' && !Array.isArray(place.value);
  const d = defOf(place.schema);
  if (r < 0.15 && isObject) {
    const extra = pick(rng, ['__proto__', 'constructor', 'extra', 'then', 'toString', 'prototype']);
    return { kind: 'strict', what: `extra field ${extra}`, apply: (req) => setAt(req, [...place.path, extra], hostileValue(rng)) };
  }
  if (r < 0.3 && place.path.length > 0) {
    const required = d.type !== 'optional';
    return { kind: required ? 'strict' : 'loose', what: 'field removed', apply: (req) => setAt(req, place.path, undefined, true) };
  }
  if (r < 0.38 && isObject) {
    const array = Object.values(place.value as object);
    const kind: Kind = admits(place.schema, array) ? 'loose' : 'strict';
    return { kind, what: 'object as array', apply: (req) => setAt(req, place.path, array) };
  }
  const value = hostileValue(rng);
  // The core reads an absent request as {} (channels without fields are called with no argument).
  const kind: Kind = admits(place.schema, place.path.length === 0 ? (value ?? {}) : value) ? 'loose' : 'strict';
  return { kind, what: `replaced by ${describeValue(value)}`, apply: (req) => setAt(req, place.path, value) };
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return v.length > 40 ? `string(${v.length})` : JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return `array(${v.length})`;
  if (v && typeof v === 'object') return `${Object.getPrototypeOf(v)?.constructor?.name ?? 'null-proto'} ${JSON.stringify(Object.keys(v))}`;
  return String(v);
}

/** Swap the real connection for an unknown one everywhere in a request (deep). */
function withoutRealConnection(value: unknown, real: string): unknown {
  if (value === real) return 'no-such-connection';
  if (Array.isArray(value)) return value.map((v) => withoutRealConnection(v, real));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutRealConnection(v, real)]));
  }
  return value;
}

let f: CoreFixture;
let root: string;
const drags: string[][] = [];
const watched = [process.cwd(), path.dirname(process.cwd()), os.homedir()];
const listing = async (dir: string) => (await readdir(dir).catch(() => [])).sort();

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 's3desk-fuzz-'));
  f = await startCoreFixture({
    userDataDir: path.join(root, 'user-data'),
    secretBox: createFakeSecretBox(),
    transfers: {
      tempDir: path.join(root, 'app-temp'),
      stageGraceMs: 0,
      drag: { startDrag: (paths) => void drags.push([...paths]) },
      dialogs: {
        // As if the user cancelled: no folder is ever granted, so no download can target a real folder.
        pickFolder: async () => null,
        pickUploadPaths: async () => [],
        notify: () => {},
      },
    },
  });
  await f.server.seed(BUCKET, [['a', 'one'], ['folder/x.txt', 'two'], ['folder/sub/y', 'three']]);
}, 60_000);
afterAll(async () => {
  await f?.close();
  await rm(root, { recursive: true, force: true });
});

describe('IPC fuzzing', () => {
  it('derives its channel list from the contract: every channel has a handler and a schema', () => {
    const channels = Object.keys(f.core.handlers).sort();
    expect(channels).toEqual(Object.keys(requestSchemas).sort());
    expect(channels).toEqual([...new Set(Object.values(API_METHODS))].sort());
  });

  it(`every channel refuses malformed requests, never throws, writes nothing and stays usable (seed ${SEED})`, async () => {
    console.log(`IPC fuzz seed: ${SEED} (FUZZ_SEED=${SEED} replays this run)`);
    const rng = prng(SEED);
    const before = { objects: await keysOf(), dirs: await Promise.all(watched.map(listing)), proto: Object.getOwnPropertyNames(Object.prototype) };
    f.proxy.reset();
    const problems: string[] = [];
    const perChannel = new Map<string, { refused: number; sent: number }>();
    for (const channel of Object.keys(f.core.handlers) as Channel[]) {
      const schema = requestSchemas[channel] as unknown as Schema;
      const handler = f.core.handlers[channel] as (request: unknown) => Promise<unknown>;
      const tally = { refused: 0, sent: 0 };
      perChannel.set(channel, tally);
      for (let n = 0; n < CASES_PER_CHANNEL; n++) {
        const generated = generate(schema, rng, f.connectionId);
        let request = generated.request;
        const valid = schema.safeParse(request ?? {}).success;
        if (valid && NOT_SENT_WHEN_VALID.has(channel)) continue;
        if (valid && !READ_ONLY.has(channel)) request = withoutRealConnection(request, f.connectionId);
        const where = `${channel} case ${n} [${generated.what.join('; ')}]`;
        let answer: unknown;
        try {
          answer = await handler(request);
        } catch (error) {
          problems.push(`${where}: threw ${String(error)}`);
          continue;
        }
        tally.sent++;
        const envelope = answer as { ok?: unknown; error?: { code?: unknown } };
        if (typeof envelope?.ok !== 'boolean') problems.push(`${where}: not an envelope`);
        else if (!envelope.ok && !(ERROR_CODES as readonly unknown[]).includes(envelope.error?.code)) problems.push(`${where}: code ${String(envelope.error?.code)}`);
        else if (generated.strict && (envelope.ok || envelope.error?.code !== 'InvalidInput')) {
          problems.push(`${where}: answered ${envelope.ok ? 'ok' : String(envelope.error?.code)}, expected InvalidInput`);
        }
        if (!envelope.ok && envelope.error?.code === 'InvalidInput') tally.refused++;
      }
    }
    await f.core.transfers.queue.whenIdle();
    expect(problems.slice(0, 20)).toEqual([]);
    for (const [channel, tally] of perChannel) expect(tally.refused, `${channel} refused nothing`).toBeGreaterThan(0);
    expect(f.proxy.log.filter((r) => WRITE_OPS.test(r.operation)).map((r) => `${r.method} ${r.operation}`)).toEqual([]);
    expect(await keysOf()).toEqual(before.objects);
    expect(await Promise.all(watched.map(listing))).toEqual(before.dirs);
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(before.proto);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(drags).toEqual([]);
    // Still usable: a normal listing answers with what the bucket holds.
    const { entries } = await listFolder(f, BUCKET, 'folder/', true);
    expect(entries.map((e) => e.key).sort()).toEqual(['folder/sub/', 'folder/x.txt']);
  }, TIMEOUT_MS);
});

async function keysOf(): Promise<string[]> {
  return (await f.server.keys(BUCKET)).sort();
}
