/**
 * S3-compatible providers as plain data: the dialog fills its form from these, and main never needs them
 * (it only sees the resulting endpoint, region and path-style flag). Pure TS so both sides can import it.
 */

/** What the user must type for a preset; the endpoint template refers to these as {url}, {accountId}, {region}. */
export type PresetField = 'url' | 'accountId' | 'region';

export interface EndpointPreset {
  readonly id: string;
  readonly label: string;
  /** e.g. "https://{accountId}.r2.cloudflarestorage.com"; "{url}" means the user types the whole endpoint. */
  readonly endpointTemplate: string;
  readonly fields: readonly PresetField[];
  readonly forcePathStyle: boolean;
  readonly defaultRegion: string;
  /** Some providers put a location in the host name but expect a fixed signing region (DigitalOcean). */
  readonly signingRegion?: string;
  /** Shown in the dialog as suggestions; free text is still accepted. */
  readonly regions: readonly string[];
  readonly placeholder?: string;
  readonly help: string;
}

export const ENDPOINT_PRESETS: readonly EndpointPreset[] = [
  {
    id: 'minio',
    label: 'MinIO',
    endpointTemplate: '{url}',
    fields: ['url'],
    forcePathStyle: true,
    defaultRegion: 'us-east-1',
    regions: ['us-east-1'],
    placeholder: 'http://127.0.0.1:9000',
    help: 'The MinIO API address (not the console). MinIO uses path-style addressing unless a domain is configured.',
  },
  {
    id: 'r2',
    label: 'Cloudflare R2',
    endpointTemplate: 'https://{accountId}.r2.cloudflarestorage.com',
    fields: ['accountId'],
    forcePathStyle: true,
    defaultRegion: 'auto',
    regions: ['auto'],
    placeholder: 'Cloudflare account ID',
    help: 'Use an R2 API token (access key ID and secret). The region is always "auto".',
  },
  {
    id: 'wasabi',
    label: 'Wasabi',
    endpointTemplate: 'https://s3.{region}.wasabisys.com',
    fields: ['region'],
    forcePathStyle: false,
    defaultRegion: 'us-east-1',
    regions: ['us-east-1', 'us-east-2', 'us-central-1', 'us-west-1', 'ca-central-1', 'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2'],
    help: 'Each Wasabi region has its own endpoint: pick the region your buckets live in.',
  },
  {
    id: 'b2',
    label: 'Backblaze B2',
    endpointTemplate: 'https://s3.{region}.backblazeb2.com',
    fields: ['region'],
    forcePathStyle: false,
    defaultRegion: 'us-west-004',
    regions: ['us-west-000', 'us-west-001', 'us-west-002', 'us-west-004', 'us-east-005', 'eu-central-003'],
    help: 'Use an application key; the region is part of the bucket\'s "Endpoint" shown in the B2 console.',
  },
  {
    id: 'spaces',
    label: 'DigitalOcean Spaces',
    endpointTemplate: 'https://{region}.digitaloceanspaces.com',
    fields: ['region'],
    forcePathStyle: false,
    defaultRegion: 'nyc3',
    signingRegion: 'us-east-1',
    regions: ['nyc3', 'sfo2', 'sfo3', 'ams3', 'fra1', 'sgp1', 'syd1', 'blr1', 'lon1', 'tor1', 'atl1'],
    help: 'Spaces access keys come from API → Spaces Keys. Requests are signed for us-east-1.',
  },
  {
    id: 'ceph',
    label: 'Ceph RGW',
    endpointTemplate: '{url}',
    fields: ['url'],
    forcePathStyle: true,
    defaultRegion: 'us-east-1',
    regions: ['us-east-1', 'default'],
    placeholder: 'https://rgw.example.com',
    help: 'Path-style works without wildcard DNS (rgw_dns_name). The region is the zonegroup name; most clusters accept us-east-1.',
  },
];

export function presetById(id: string | null | undefined): EndpointPreset | undefined {
  return ENDPOINT_PRESETS.find((p) => p.id === id);
}

export interface PresetValues {
  readonly url?: string;
  readonly accountId?: string;
  readonly region?: string;
}

export interface PresetSettings {
  readonly endpoint: string;
  /** The region to sign with. */
  readonly region: string;
  readonly forcePathStyle: boolean;
}

/** Fill a preset's template. Returns null while a required field is still empty. */
export function applyPreset(preset: EndpointPreset, values: Readonly<PresetValues>): PresetSettings | null {
  const region = values.region?.trim() || preset.defaultRegion;
  const filled: Record<PresetField, string> = {
    url: (values.url ?? '').trim().replace(/\/+$/, ''),
    accountId: (values.accountId ?? '').trim(),
    region,
  };
  if (preset.fields.some((f) => filled[f] === '')) return null;
  const endpoint = preset.endpointTemplate.replace(/\{(url|accountId|region)\}/g, (_, f: PresetField) => filled[f]);
  return { endpoint, region: preset.signingRegion ?? region, forcePathStyle: preset.forcePathStyle };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FIELD_PATTERN: Readonly<Record<PresetField, string>> = {
  url: '(https?://\\S+)',
  // One DNS label each: an account ID or a region never holds a dot.
  accountId: '([A-Za-z0-9-]+)',
  region: '([A-Za-z0-9-]+)',
};

/**
 * The inputs a preset's endpoint was built from, read back from the endpoint (the inverse of applyPreset), so
 * an edited R2/Wasabi/B2/Spaces connection shows its preset and fields again. Saved connections keep only the
 * endpoint, so this also works for connections saved before. Null when the endpoint does not fit the template
 * (the user typed another address): the form then shows it as a custom endpoint.
 */
export function presetValuesFromEndpoint(preset: EndpointPreset, endpoint: string): PresetValues | null {
  const order: PresetField[] = [];
  const source = preset.endpointTemplate
    .split(/(\{(?:url|accountId|region)\})/)
    .map((part) => {
      const field = /^\{(url|accountId|region)\}$/.exec(part)?.[1] as PresetField | undefined;
      if (!field) return escapeRegExp(part);
      order.push(field);
      return FIELD_PATTERN[field];
    })
    .join('');
  const match = new RegExp(`^${source}/?$`, preset.endpointTemplate.startsWith('{') ? '' : 'i').exec(endpoint.trim());
  if (!match) return null;
  const values: { url?: string; accountId?: string; region?: string } = {};
  order.forEach((field, i) => {
    values[field] = field === 'url' ? match[i + 1]!.replace(/\/+$/, '') : match[i + 1]!;
  });
  return values;
}
