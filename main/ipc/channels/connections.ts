import { listAwsProfiles } from '../../connections/aws-profiles';
import { clientConfigOf, definitionOf } from '../../connections/registry';
import type { SavedConnections } from '../../connections/saved-connections';
import type { SignInBroker } from '../../connections/sign-in-broker';
import { testConnection } from '../../connections/test-connection';
import { fetchServerCertificate } from '../../connections/tls-trust';
import type { RequestObserver, S3ClientFactory } from '../../s3/client-factory';
import { CodedError } from '../../core/app-error';
import type { CoreContext } from '../../core/context';
import type { ChannelImpls } from '../envelope';

type ConnectionChannel =
  | 'connections:add'
  | 'connections:list'
  | 'connections:update'
  | 'connections:delete'
  | 'connections:test'
  | 'connections:profiles'
  | 'connections:status'
  | 'connections:mfa-answer'
  | 'connections:sso-sign-in'
  | 'connections:sso-cancel';

/** Every answer is a redacted ConnectionSummary or plain status: secrets never leave main. */
export function connectionChannels(
  ctx: CoreContext,
  saved: SavedConnections,
  clientFactory: S3ClientFactory,
  /** The status bar's request counter: a test's requests are real S3 requests and are counted like any other. */
  observe: RequestObserver | undefined,
  signIn: SignInBroker,
): ChannelImpls<ConnectionChannel> {
  return {
    'connections:add': (req) => saved.add(req),
    'connections:list': () => ctx.connections.list(),
    // An edited or deleted connection may point elsewhere now: nothing cached under its id may be served again.
    'connections:update': async (req) => {
      const summary = await saved.update(req.id, req.input);
      ctx.cache.invalidateScope(req.id);
      return summary;
    },
    'connections:delete': async (req) => {
      const deleted = await saved.remove(req.id);
      ctx.cache.invalidateScope(req.id);
      return { deleted };
    },
    'connections:profiles': () => listAwsProfiles(),
    'connections:status': () => saved.status(),
    'connections:mfa-answer': async (req) => ({ accepted: signIn.answerMfa(req.promptId, req.code) }),
    'connections:sso-sign-in': (req) => signIn.signInSso(req.profile),
    'connections:sso-cancel': async (req) => ({ cancelled: signIn.cancelSso(req.flowId) }),
    'connections:test': async (req) => {
      const existing = req.id === undefined ? undefined : ctx.connections.get(req.id);
      if (req.id !== undefined && !existing) throw new CodedError({ code: 'NoSuchConnection', message: `no connection ${req.id}` });
      if (!req.input && !existing) throw new CodedError({ code: 'InvalidInput', message: 'connections:test: give a connection id or a connection to test' });
      const definition = req.input
        ? definitionOf(saved.completeUpdate(req.id, req.input), false, saved.trustOf(req.id, req.input))
        : existing!.definition;
      const bucket = req.bucket ?? definition.bucket ?? undefined;
      // A fresh client (credentials resolved anew, its own middleware); never destroy()ed, because clients
      // share the factory's keep-alive agents and destroying one would cut other requests in flight.
      // A test may ask for an MFA code, but never opens a browser for SSO: a signed-out profile reports the
      // SDK's "run aws sso login" and the dialog offers Sign in.
      const config = clientConfigOf(definition, { mfaCode: (r) => signIn.mfaCode(r) });
      const result = await testConnection(clientFactory(config, observe), {
        endpoint: definition.endpoint,
        ...(bucket ? { bucket } : {}),
        onBucketRegion: (region) => {
          if (req.id !== undefined && bucket) ctx.connections.learnBucketRegion(req.id, bucket, region);
        },
        clientForRegion: (region) => clientFactory({ ...config, region }, observe),
      });
      if (result.ok || result.failure !== 'Tls' || !definition.endpoint) return result;
      // Show the certificate the server presents, so the user can check its fingerprint and choose to trust
      // it for this connection only. Kept in main; the renderer can only name it back by fingerprint.
      const captured = await fetchServerCertificate(definition.endpoint);
      if (!captured) return result;
      saved.seenCertificates.remember(captured.trusted);
      const pinnedElsewhere = definition.trustedCertificate && definition.trustedCertificate.sha256 !== captured.info.sha256;
      return {
        ...result,
        message: pinnedElsewhere
          ? `The server now presents a different certificate than the one trusted for this connection (SHA-256 ${captured.info.sha256}). If the server's certificate was renewed, check the new fingerprint and trust it; otherwise someone may be intercepting the connection.`
          : `The server's certificate is not trusted by this computer${captured.info.selfSigned ? ' (it is self-signed)' : ''}. If this is your server, compare the SHA-256 fingerprint below with the one on the server (openssl x509 -noout -fingerprint -sha256 -in cert.pem) and trust it for this connection only.`,
        certificate: captured.info,
      };
    },
  };
}
