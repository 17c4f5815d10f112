/**
 * Self-signed HTTPS in front of the counting proxy, for tests of per-connection certificate trust. The
 * certificates come from the openssl command line at test time (node:crypto cannot make X.509 certificates);
 * tests skip with a reason where openssl is missing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface SelfSignedCert {
  readonly key: string;
  readonly cert: string;
  /** As openssl itself prints it ("AB:CD:…"): an independent check of what the app shows. */
  readonly sha256: string;
}

/** A fresh P-256 self-signed certificate whose name matches neither 127.0.0.1 nor anything else. */
export function makeSelfSignedCert(dir: string, name: string): SelfSignedCert {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/CN=${name}.s3desk.invalid`, '-keyout', key, '-out', cert],
    { stdio: 'ignore' },
  );
  const fp = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', cert], { encoding: 'utf8' });
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8'), sha256: fp.trim().split('=')[1]!.toUpperCase() };
}

export interface TlsFront {
  readonly url: string;
  readonly server: Server;
  /** Present another certificate from now on (open connections are dropped). */
  useCert(cert: SelfSignedCert): void;
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 that forwards every request to `targetUrl` (plain http). */
export async function startTlsFront(targetUrl: string, cert: SelfSignedCert): Promise<TlsFront> {
  const target = new URL(targetUrl);
  const server = createHttpsServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    useCert: (next) => {
      server.setSecureContext({ key: next.key, cert: next.cert });
      server.closeAllConnections();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
