/** The connection dialog's form as pure data: defaults, presets, validation and the request it becomes. */
import type { ConnectionInput, ConnectionUpdate } from '../../../shared/ipc';
import { applyPreset, type PresetValues, presetById, presetValuesFromEndpoint } from '../../../shared/endpoint-presets';
import type { ConnectionAuthKind, ConnectionSummary, ConnectionTestResult } from '../../../shared/types';

/** Where the data lives: Amazon S3 itself, a known S3-compatible provider (preset id), or any endpoint. */
export type Provider = 'aws' | 'custom' | (string & {});

export interface ConnectionForm {
  readonly name: string;
  readonly provider: Provider;
  readonly presetValues: PresetValues;
  readonly endpoint: string;
  readonly region: string;
  readonly forcePathStyle: boolean;
  /** Static keys, a ~/.aws profile, or the SDK's default chain (environment, default profile, SSO, ECS/IMDS). */
  readonly auth: ConnectionAuthKind;
  readonly profile: string;
  readonly accessKeyId: string;
  /** Empty while editing means "keep the stored secret" (the renderer never receives it). */
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly bucket: string;
  /** The preset a saved connection was made from, kept when its endpoint is edited as a custom one. */
  readonly presetId: string | null;
  /** SHA-256 of the one server certificate the user chose to trust (self-signed https endpoints). */
  readonly trustedCertSha256: string | null;
}

export type FormErrors = Partial<Record<keyof ConnectionForm | 'url' | 'accountId', string>>;

export function emptyForm(): ConnectionForm {
  return {
    name: '',
    provider: 'aws',
    presetValues: {},
    endpoint: '',
    region: 'us-east-1',
    forcePathStyle: false,
    auth: 'keys',
    profile: '',
    accessKeyId: '',
    secretAccessKey: '',
    sessionToken: '',
    bucket: '',
    presetId: null,
    trustedCertSha256: null,
  };
}

/**
 * The form for editing a saved connection: everything but the secret, which stays in main. A preset connection
 * opens as that preset with its fields (account ID, region, URL) read back from the endpoint it built; one whose
 * endpoint no longer fits the preset's template opens as a custom endpoint.
 */
export function formFromSummary(c: ConnectionSummary): ConnectionForm {
  const preset = presetById(c.preset);
  const presetValues = preset && c.endpoint !== null ? presetValuesFromEndpoint(preset, c.endpoint) : null;
  return {
    ...emptyForm(),
    name: c.name,
    provider: c.endpoint === null ? 'aws' : preset && presetValues ? preset.id : 'custom',
    presetValues: presetValues ?? {},
    endpoint: c.endpoint ?? '',
    region: c.region,
    forcePathStyle: c.forcePathStyle,
    auth: c.auth ?? 'keys',
    profile: c.profile ?? '',
    // The full key ID is not sent to the renderer either; the hint is shown as a placeholder instead.
    accessKeyId: '',
    bucket: c.bucket ?? '',
    presetId: c.preset ?? null,
    trustedCertSha256: c.trustedCertSha256 ?? null,
  };
}

/** Switching provider fills that provider's defaults (region, path-style); typed names and keys stay. */
export function selectProvider(form: ConnectionForm, provider: Provider): ConnectionForm {
  if (provider === 'aws') return { ...form, provider, presetId: null, endpoint: '', forcePathStyle: false, region: 'us-east-1' };
  if (provider === 'custom') return { ...form, provider, presetId: null, forcePathStyle: true };
  const preset = presetById(provider);
  if (!preset) return form;
  return { ...form, provider, presetId: preset.id, presetValues: { region: preset.defaultRegion }, region: preset.defaultRegion, forcePathStyle: preset.forcePathStyle };
}

const URL_RE = /^https?:\/\/[^\s/]+(\/[^\s]*)?$/i;
const REGION_RE = /^[a-z0-9-]+$/i;

export interface Target {
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly forcePathStyle: boolean;
}

/** Endpoint, signing region and path-style the form describes, or null while incomplete. */
export function targetOf(form: ConnectionForm): Target | null {
  if (form.provider === 'aws') return { endpoint: undefined, region: form.region.trim(), forcePathStyle: false };
  if (form.provider === 'custom') return { endpoint: form.endpoint.trim().replace(/\/+$/, ''), region: form.region.trim(), forcePathStyle: form.forcePathStyle };
  const preset = presetById(form.provider);
  const applied = preset ? applyPreset(preset, form.presetValues) : null;
  return applied ? { endpoint: applied.endpoint, region: applied.region, forcePathStyle: form.forcePathStyle } : null;
}

/** Field errors; `editing` says whether a blank secret may keep the stored one. */
export function validateForm(form: ConnectionForm, editing: ConnectionSummary | null): FormErrors {
  const errors: FormErrors = {};
  if (!form.name.trim()) errors.name = 'Give the connection a name.';
  const preset = presetById(form.provider);
  if (preset) {
    if (preset.fields.includes('url') && !URL_RE.test(form.presetValues.url?.trim() ?? '')) errors.url = 'Enter the endpoint URL, e.g. http://127.0.0.1:9000';
    if (preset.fields.includes('accountId') && !form.presetValues.accountId?.trim()) errors.accountId = 'Enter the account ID.';
    if (preset.fields.includes('region') && !REGION_RE.test(form.presetValues.region?.trim() || preset.defaultRegion)) errors.region = 'Not a region name.';
  } else {
    if (form.provider === 'custom' && !URL_RE.test(form.endpoint.trim())) errors.endpoint = 'Enter the endpoint URL, e.g. https://s3.example.com';
    if (!REGION_RE.test(form.region.trim())) errors.region = 'Not a region name (e.g. us-east-1).';
  }
  if (form.auth === 'profile') {
    if (!form.profile.trim()) errors.profile = 'Pick a profile.';
  } else if (form.auth === 'keys') {
    // Only an edit of a connection that has stored keys may leave them blank (main keeps them).
    const keepsKey = editing !== null && (editing.auth ?? 'keys') === 'keys' && editing.secret !== 'missing';
    if (!form.accessKeyId.trim() && !keepsKey) errors.accessKeyId = 'Enter the access key ID.';
    if (!form.secretAccessKey && !(keepsKey && !form.accessKeyId.trim())) errors.secretAccessKey = 'Enter the secret access key.';
  }
  if (form.bucket && !/^[^\s/\\]+$/.test(form.bucket.trim())) errors.bucket = 'Not a bucket name.';
  return errors;
}

/**
 * The request for main. While editing, a blank access key + secret means "keep the stored keys": main fills
 * them in (the renderer never had them), so `credentials` is left out for unchanged keys only on update.
 */
export function toUpdate(form: ConnectionForm): ConnectionUpdate | null {
  const target = targetOf(form);
  if (!target) return null;
  const base = {
    name: form.name.trim(),
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    region: target.region,
    forcePathStyle: target.forcePathStyle,
    ...(form.presetId ? { preset: form.presetId } : {}),
    ...(form.bucket.trim() ? { bucket: form.bucket.trim() } : {}),
    // A pinned certificate only means something for an https endpoint.
    ...(form.trustedCertSha256 && target.endpoint?.startsWith('https:') ? { trustedCertSha256: form.trustedCertSha256 } : {}),
  };
  if (form.auth === 'profile') return { ...base, profile: form.profile.trim() };
  if (form.auth === 'default-chain') return { ...base, defaultChain: true };
  if (!form.accessKeyId.trim() && !form.secretAccessKey) return base;
  return {
    ...base,
    credentials: {
      accessKeyId: form.accessKeyId.trim(),
      ...(form.secretAccessKey ? { secretAccessKey: form.secretAccessKey } : {}),
      ...(form.sessionToken.trim() ? { sessionToken: form.sessionToken.trim() } : {}),
    },
  };
}

/** For a new connection every secret must be present. */
export function toInput(form: ConnectionForm): ConnectionInput | null {
  const update = toUpdate(form);
  if (!update) return null;
  const { credentials, ...rest } = update;
  if (!credentials) return form.auth === 'keys' ? null : rest;
  if (!credentials.secretAccessKey) return null;
  return { ...rest, credentials: { ...credentials, secretAccessKey: credentials.secretAccessKey } };
}

/** Short title for a test outcome; the message from main says what to do. */
export function testTitle(result: ConnectionTestResult): string {
  if (result.ok) return 'Connection works';
  switch (result.failure) {
    case 'InvalidAccessKeyId':
      return 'Unknown access key';
    case 'SignatureDoesNotMatch':
      return 'Wrong secret key';
    case 'ExpiredToken':
      return 'Session token expired';
    case 'NoCredentials':
      return 'No credentials';
    case 'DnsFailure':
      return 'Host not found';
    case 'ConnectionRefused':
      return 'Connection refused';
    case 'Timeout':
      return 'No answer';
    case 'Tls':
      return 'TLS error';
    case 'NotS3':
      return 'Not an S3 endpoint';
    case 'NoListPermission':
      return 'No permission to list buckets';
    case 'NoSuchBucket':
      return 'No such bucket';
    case 'BucketAccessDenied':
      return 'Access to the bucket denied';
    case 'Other':
      return 'Test failed';
  }
}
