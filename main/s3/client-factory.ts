import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { pinnedTlsOptions, type TrustedCertificate } from '../connections/tls-trust';

export interface ClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly forcePathStyle: boolean;
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Let the SDK retry a 301 that names the bucket's region (x-amz-bucket-region) against that region. */
  readonly followRegionRedirects?: boolean;
  /** Trust exactly this server certificate (a self-signed server the user confirmed), for this client only. */
  readonly trustedCertificate?: TrustedCertificate;
}

/** Called once per S3 operation the app sends (not per retry), for the status bar's request counter. */
export type RequestObserver = (operation: string) => void;

export type S3ClientFactory = (config: ClientConfig, observe?: RequestObserver) => S3Client;

const agents = new WeakMap<S3Client, { readonly http: HttpAgent; readonly https: HttpsAgent }>();
const observers = new WeakMap<S3Client, RequestObserver>();

/** The keep-alive agents a client of this factory sends on (requests made around the SDK share its sockets). */
export function agentsOf(client: S3Client): { readonly http: HttpAgent; readonly https: HttpsAgent } | undefined {
  return agents.get(client);
}

/** The request observer of a client, for requests made around the SDK (they count like any other). */
export function observerOf(client: S3Client): RequestObserver | undefined {
  return observers.get(client);
}

export interface ClientFactoryOptions {
  readonly maxAttempts?: number;
  readonly maxSockets?: number;
  readonly connectionTimeoutMs?: number;
}

/**
 * Builds S3 clients that work with AWS and with older S3-compatible servers: checksums are only sent when an
 * operation requires them (Ceph RGW and older MinIO reject the SDK's newer default CRC32 trailers), keep-alive
 * sockets are reused, and the SDK's standard retry handles 5xx/SlowDown with backoff.
 */
const REQUEST_OBSERVER = 's3deskRequestObserver';

/**
 * The same client for presigning: signing runs the client's middleware but sends nothing, so the request
 * observer is left out and the status bar does not count a request that never happened.
 */
export function presigningClient(client: S3Client): S3Client {
  const stack = client.middlewareStack.clone();
  stack.remove(REQUEST_OBSERVER);
  return Object.create(client, { middlewareStack: { value: stack } }) as S3Client;
}

export function createS3ClientFactory(options: ClientFactoryOptions = {}): S3ClientFactory {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  // One agent per pinned certificate, shared by the clients (regions) that pin it, so they share sockets too.
  // The shared agent above and Node's global TLS settings are never touched: no other connection trusts it.
  const pinnedAgents = new Map<string, HttpsAgent>();
  const httpsAgentFor = (cert: TrustedCertificate | undefined): HttpsAgent => {
    if (!cert) return httpsAgent;
    let agent = pinnedAgents.get(cert.sha256);
    if (!agent) {
      agent = new HttpsAgent({ ...agentOptions, ...pinnedTlsOptions(cert) });
      pinnedAgents.set(cert.sha256, agent);
    }
    return agent;
  };
  return (config, observe) => {
    const clientHttpsAgent = httpsAgentFor(config.trustedCertificate);
    const client = new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials,
      followRegionRedirects: config.followRegionRedirects ?? false,
      maxAttempts: options.maxAttempts ?? 4,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { httpAgent, httpsAgent: clientHttpsAgent, connectionTimeout: options.connectionTimeoutMs ?? 10_000 },
    });
    // The SDK's logger middleware deep-copies every response through its sensitive-data filter before handing it
    // to the (no-op) logger: for a 1000-key listing that is a second copy of the page per request. We never
    // log SDK responses, so it goes.
    client.middlewareStack.remove('loggerMiddleware');
    // The very agents the SDK uses (a pinned certificate's included): direct requests trust exactly what it trusts.
    agents.set(client, { http: httpAgent, https: clientHttpsAgent });
    if (observe) {
      observers.set(client, observe);
      client.middlewareStack.add(
        (next, context) => (args) => {
          observe(String(context.commandName ?? 'Unknown').replace(/Command$/, ''));
          return next(args);
        },
        { step: 'initialize', name: REQUEST_OBSERVER },
      );
    }
    return client;
  };
}
