import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { type ConnectionDialogState, createConnectionDialogStore } from './connection-dialog-store';
import { ConnectionDialog } from './ConnectionDialog';
import { createFakeConnectionsApi } from '../../../../testkit/renderer/fake-connections-api';

/**
 * Server-rendered markup: enough to check what the dialog shows for a state, without a DOM. Server rendering
 * reads a store's initial state, so the state reached by `setup` is frozen into a snapshot store.
 */
function render(setup: (store: ReturnType<typeof createConnectionDialogStore>) => void): string {
  const store = createConnectionDialogStore(createFakeConnectionsApi().api);
  setup(store);
  const snapshot = createStore<ConnectionDialogState>()(() => store.getState());
  return renderToStaticMarkup(<ConnectionDialog store={snapshot} />);
}

describe('ConnectionDialog', () => {
  it('renders nothing while closed', () => {
    expect(render(() => {})).toBe('');
  });

  it('shows preset fields for the chosen provider', () => {
    const html = render((store) => {
      store.getState().openAdd();
      store.getState().setProvider('r2');
    });
    expect(html).toContain('data-testid="conn-account-id"');
    expect(html).not.toContain('data-testid="conn-endpoint"');
    expect(html).toContain('Cloudflare R2');
  });

  it('offers "Open bucket…" after a login that may not list buckets, and warns about session-only secrets', () => {
    const html = render((store) => {
      store.getState().openAdd();
      store.setState({
        storeStatus: { persistent: true, encryptionAvailable: false, settingsFile: null, problem: null },
        test: { status: 'done', result: { ok: false, failure: 'NoListPermission', message: 'no list', canOpenBucket: true } },
      });
    });
    expect(html).toContain('data-testid="conn-open-bucket"');
    expect(html).toContain('data-outcome="NoListPermission"');
    expect(html).toContain('data-testid="conn-session-only"');
  });

  it('never shows a secret when editing', () => {
    const html = render((store) =>
      store.getState().openEdit({ id: 'c', name: 'x', endpoint: null, region: 'us-east-1', forcePathStyle: false, accessKeyHint: 'AKIA…WXYZ', auth: 'keys', secret: 'encrypted' }),
    );
    expect(html).toContain('placeholder="(unchanged)"');
    expect(html).toContain('data-testid="conn-delete"');
  });

  it('offers the default credential chain with what it looks at, and then asks for no keys', () => {
    const html = render((store) => {
      store.getState().openAdd();
      store.getState().setField('auth', 'default-chain');
    });
    expect(html).toContain('data-testid="conn-auth-default-chain"');
    expect(html).toContain('data-testid="conn-default-chain-help"');
    expect(html).toMatch(/AWS_ACCESS_KEY_ID[\s\S]*default[\s\S]*SSO[\s\S]*ECS[\s\S]*IMDS/);
    expect(html).not.toContain('data-testid="conn-access-key"');
    expect(html).not.toContain('data-testid="conn-profile');
  });

  it('editing a Wasabi connection in a region the list does not know yet still shows that region', () => {
    const html = render((store) =>
      store.getState().openEdit({ id: 'w', name: 'w', endpoint: 'https://s3.ap-south-9.wasabisys.com', region: 'ap-south-9', forcePathStyle: false, accessKeyHint: null, auth: 'keys', preset: 'wasabi', secret: 'encrypted' }),
    );
    expect(html).toMatch(/<option value="ap-south-9" selected="">ap-south-9<\/option>/);
  });

  it('shows the certificate of a failed TLS test with its fingerprint and a trust button', () => {
    const sha256 = Array.from({ length: 32 }, () => '5E').join(':');
    const html = render((store) => {
      store.getState().openAdd();
      store.setState({
        test: {
          status: 'done',
          result: { ok: false, failure: 'Tls', message: 'not trusted', canOpenBucket: false, certificate: { sha256, subject: 'CN=nas.lan', issuer: 'CN=nas.lan', validFrom: 'Jan 1', validTo: 'Jan 2', selfSigned: true } },
        },
      });
    });
    expect(html).toContain('data-testid="conn-certificate"');
    expect(html).toContain(sha256);
    expect(html).toContain('CN=nas.lan');
    expect(html).toContain('data-testid="conn-trust-cert"');
    expect(html).not.toContain('data-testid="conn-trusted-cert"');
  });
});
