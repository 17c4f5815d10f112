import { type PeerCertificate, type TLSSocket, connect } from 'node:tls';
import { isIP } from 'node:net';
import type { ServerCertificateInfo } from '../../shared/types';

/**
 * A server certificate the user chose to trust for one connection: its SHA-256 fingerprint (what the user saw
 * and confirmed) and the certificate itself (public data, not a secret), which that connection's TLS agent
 * uses as its only trust anchor. Nothing here touches the process-wide TLS settings.
 */
export interface TrustedCertificate {
  /** "AB:CD:…", as Node's fingerprint256 and `openssl x509 -fingerprint -sha256` print it. */
  readonly sha256: string;
  readonly pem: string;
}

export const FINGERPRINT_RE = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

function pemOf(raw: Buffer): string {
  const b64 = raw.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

const nameOf = (n: PeerCertificate['subject'] | undefined): string =>
  n ? Object.entries(n).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`).join(', ') : '';

export interface CapturedCertificate {
  readonly info: ServerCertificateInfo;
  readonly trusted: TrustedCertificate;
}

/**
 * Fetch the certificate an https endpoint presents, without trusting it (nothing is sent over this connection
 * but the handshake), so the user can look at it after a failed test and decide. Null when it cannot be had.
 */
export function fetchServerCertificate(endpoint: string, timeoutMs = 5_000): Promise<CapturedCertificate | null> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return Promise.resolve(null);
  }
  if (url.protocol !== 'https:') return Promise.resolve(null);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket: TLSSocket = connect({
      host,
      port: Number(url.port || 443),
      ...(isIP(host) ? {} : { servername: host }),
      // Only to read the certificate; the socket is closed right after the handshake.
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => done(null), timeoutMs);
    function done(value: CapturedCertificate | null): void {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    }
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate(false);
      if (!cert?.raw || !cert.fingerprint256) return done(null);
      done({
        info: {
          sha256: cert.fingerprint256,
          subject: nameOf(cert.subject),
          issuer: nameOf(cert.issuer),
          validFrom: cert.valid_from,
          validTo: cert.valid_to,
          selfSigned: nameOf(cert.subject) === nameOf(cert.issuer),
        },
        trusted: { sha256: cert.fingerprint256, pem: pemOf(cert.raw) },
      });
    });
    socket.once('error', () => done(null));
  });
}

/**
 * Certificates seen by connection tests in this session, by fingerprint. The renderer only ever sends back the
 * fingerprint the user confirmed; main looks the certificate up here, so no certificate comes from the renderer.
 */
export class SeenCertificates {
  private readonly byFingerprint = new Map<string, TrustedCertificate>();

  remember(cert: TrustedCertificate): void {
    this.byFingerprint.delete(cert.sha256);
    this.byFingerprint.set(cert.sha256, cert);
    // A handful is plenty: one per endpoint the user is setting up.
    while (this.byFingerprint.size > 32) this.byFingerprint.delete(this.byFingerprint.keys().next().value!);
  }

  get(sha256: string): TrustedCertificate | undefined {
    return this.byFingerprint.get(sha256);
  }
}

/**
 * TLS options for a connection that trusts exactly one certificate: it is the only trust anchor (no system
 * roots, partial chains allowed so a leaf issued by a private CA can be pinned too), and the certificate the
 * server presents must have that fingerprint. The host name check is replaced by the fingerprint check on
 * purpose: self-signed certificates rarely name the address they are reached by, and a pin is stricter.
 */
export function pinnedTlsOptions(cert: TrustedCertificate): {
  ca: string;
  allowPartialTrustChain: boolean;
  checkServerIdentity: (host: string, peer: PeerCertificate) => Error | undefined;
} {
  return {
    ca: cert.pem,
    allowPartialTrustChain: true,
    checkServerIdentity: (_host, peer) =>
      peer.fingerprint256 === cert.sha256
        ? undefined
        : Object.assign(new Error(`the server certificate (${peer.fingerprint256}) is not the one trusted for this connection (${cert.sha256})`), {
            code: 'ERR_TLS_CERT_PIN_MISMATCH',
          }),
  };
}
