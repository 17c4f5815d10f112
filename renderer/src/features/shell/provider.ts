/** Which provider a connection is, for its sidebar icon: its preset if it has one, else from the endpoint. */
import type { ConnectionSummary } from '../../../../shared/types';

export type Provider = 'aws' | 'minio' | 'r2' | 'wasabi' | 'b2' | 'spaces' | 'ceph' | 'custom';

const PRESET_PROVIDERS: Readonly<Record<string, Provider>> = {
  minio: 'minio',
  r2: 'r2',
  wasabi: 'wasabi',
  b2: 'b2',
  spaces: 'spaces',
  ceph: 'ceph',
};

const HOST_PROVIDERS: readonly (readonly [RegExp, Provider])[] = [
  [/(^|\.)amazonaws\.com(\.cn)?$/i, 'aws'],
  [/\.r2\.cloudflarestorage\.com$/i, 'r2'],
  [/(^|\.)wasabisys\.com$/i, 'wasabi'],
  [/\.backblazeb2\.com$/i, 'b2'],
  [/\.digitaloceanspaces\.com$/i, 'spaces'],
];

export function providerOf(connection: Pick<ConnectionSummary, 'preset' | 'endpoint'>): Provider {
  const preset = connection.preset ? PRESET_PROVIDERS[connection.preset] : undefined;
  if (preset) return preset;
  if (connection.endpoint === null) return 'aws';
  let host: string;
  try {
    host = new URL(connection.endpoint).hostname;
  } catch {
    return 'custom';
  }
  return HOST_PROVIDERS.find(([re]) => re.test(host))?.[1] ?? 'custom';
}

export const PROVIDER_NAMES: Readonly<Record<Provider, string>> = {
  aws: 'Amazon S3',
  minio: 'MinIO',
  r2: 'Cloudflare R2',
  wasabi: 'Wasabi',
  b2: 'Backblaze B2',
  spaces: 'DigitalOcean Spaces',
  ceph: 'Ceph',
  custom: 'S3-compatible',
};
