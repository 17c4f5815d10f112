/**
 * A provider's badge: a coloured tile with a short mark. Drawn, not the vendors' logos (trademarks, and no
 * image requests under the CSP); the colour and letters tell connections apart at a glance.
 */
import { type Provider, PROVIDER_NAMES } from './provider';

const MARKS: Readonly<Record<Provider, { readonly text: string; readonly bg: string }>> = {
  aws: { text: 'aws', bg: '#b35c00' },
  minio: { text: 'Mi', bg: '#b0163a' },
  r2: { text: 'R2', bg: '#c2410c' },
  wasabi: { text: 'W', bg: '#157a3b' },
  b2: { text: 'B2', bg: '#b91c1c' },
  spaces: { text: 'DO', bg: '#0b63c4' },
  ceph: { text: 'Ce', bg: '#a1122e' },
  custom: { text: 'S3', bg: '#4b5563' },
};

export function ProviderIcon({ provider }: { readonly provider: Provider }) {
  const mark = MARKS[provider];
  return (
    <svg className="provider-icon" viewBox="0 0 20 16" width="20" height="16" role="img" aria-label={PROVIDER_NAMES[provider]} data-provider={provider}>
      <rect x="0" y="0" width="20" height="16" rx="3" fill={mark.bg} />
      <text x="10" y="11.5" textAnchor="middle" fontSize={mark.text.length > 2 ? 7 : 8} fontWeight="700" fill="#ffffff">
        {mark.text}
      </text>
    </svg>
  );
}
