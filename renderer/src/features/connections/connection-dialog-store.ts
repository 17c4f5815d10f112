/** The connection dialog's state: one form for add and edit, test, save, delete. Factory over the methods it uses. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { presetById } from '../../../../shared/endpoint-presets';
import type { RendererApi } from '../../../../shared/ipc';
import type { AwsProfileList, ConnectionStoreStatus, ConnectionSummary, ConnectionTestResult } from '../../../../shared/types';
import { call, type UserError } from '../../lib/call';
import {
  type ConnectionForm,
  emptyForm,
  type FormErrors,
  formFromSummary,
  type Provider,
  selectProvider,
  toInput,
  toUpdate,
  validateForm,
} from '../../lib/connection-form';

export type TestState =
  | { readonly status: 'idle' }
  | { readonly status: 'running' }
  | { readonly status: 'done'; readonly result: ConnectionTestResult }
  | { readonly status: 'error'; readonly error: UserError };

export interface ConnectionDialogState {
  readonly open: boolean;
  /** The connection being edited; null while adding. */
  readonly editing: ConnectionSummary | null;
  readonly form: ConnectionForm;
  /** Shown only after the first save/test attempt, so an empty form is not all red. */
  readonly showErrors: boolean;
  readonly test: TestState;
  readonly saving: boolean;
  readonly deleting: boolean;
  readonly confirmingDelete: boolean;
  readonly error: UserError | null;
  readonly profiles: AwsProfileList | null;
  readonly storeStatus: ConnectionStoreStatus | null;

  openAdd(): void;
  openEdit(connection: ConnectionSummary): void;
  /** A new connection signing in with a ~/.aws profile, named after it, in its region. */
  openAddFromProfile(profile: string): void;
  close(): void;
  setField<K extends keyof ConnectionForm>(key: K, value: ConnectionForm[K]): void;
  setPresetValue(key: 'url' | 'accountId' | 'region', value: string): void;
  setProvider(provider: Provider): void;
  /** Pick a ~/.aws profile; for Amazon S3 its region (and endpoint_url, if set) fill the form too. */
  chooseProfile(name: string): void;
  /** Profiles and the store status (encryption available?) for the dialog's pickers and banners. */
  loadContext(): Promise<void>;
  /** Test the form as it stands (unsaved edits included); `bucket` tests opening that bucket instead. */
  runTest(bucket?: string): Promise<void>;
  /** Resolves to the saved connection, or null (errors are in the state). */
  save(): Promise<ConnectionSummary | null>;
  /** Trust the certificate a failed test showed (by its SHA-256), for this connection only, and test again. */
  trustCertificate(sha256: string): Promise<void>;
  /** Stop trusting the pinned certificate (back to the system's trust store). */
  untrustCertificate(): void;
  askDelete(confirming: boolean): void;
  remove(): Promise<boolean>;
}

export type ConnectionDialogStore = StoreApi<ConnectionDialogState>;

export type ConnectionDialogApi = Pick<
  RendererApi,
  'listProfiles' | 'connectionStoreStatus' | 'testConnection' | 'addConnection' | 'updateConnection' | 'deleteConnection'
>;

export interface ConnectionDialogOptions {
  readonly onSaved?: (connection: ConnectionSummary) => void;
  readonly onDeleted?: (id: string) => void;
}

export function errorsOf(state: Pick<ConnectionDialogState, 'form' | 'editing'>): FormErrors {
  return validateForm(state.form, state.editing);
}

const closedState = {
  open: false,
  editing: null,
  form: emptyForm(),
  showErrors: false,
  test: { status: 'idle' } as TestState,
  saving: false,
  deleting: false,
  confirmingDelete: false,
  error: null,
};

export function createConnectionDialogStore(api: ConnectionDialogApi, options: ConnectionDialogOptions = {}): ConnectionDialogStore {
  /** Bumped by every form change and test start: a late answer for an older form is dropped. */
  let generation = 0;

  return createStore<ConnectionDialogState>()((set, get) => {
    const edit = (form: ConnectionForm) => {
      generation++;
      set({ form, test: { status: 'idle' }, error: null });
    };
    const valid = () => Object.keys(errorsOf(get())).length === 0;

    return {
      ...closedState,
      profiles: null,
      storeStatus: null,

      openAdd() {
        generation++;
        set({ ...closedState, open: true });
        void get().loadContext();
      },

      openEdit(connection) {
        generation++;
        set({ ...closedState, open: true, editing: connection, form: formFromSummary(connection) });
        void get().loadContext();
      },

      openAddFromProfile(profile) {
        generation++;
        set({ ...closedState, open: true, form: { ...emptyForm(), name: profile, auth: 'profile' } });
        get().chooseProfile(profile);
        void get().loadContext();
      },

      close() {
        generation++;
        set({ ...closedState });
      },

      setField(key, value) {
        edit({ ...get().form, [key]: value });
      },

      setPresetValue(key, value) {
        const form = get().form;
        edit({ ...form, presetValues: { ...form.presetValues, [key]: value } });
      },

      setProvider(provider) {
        edit(selectProvider(get().form, provider));
      },

      chooseProfile(name) {
        const { form, profiles } = get();
        const profile = profiles?.profiles.find((p) => p.name === name);
        let next: ConnectionForm = { ...form, profile: name };
        if (profile?.endpoint && form.provider === 'aws') next = { ...selectProvider(next, 'custom'), endpoint: profile.endpoint };
        if (profile?.region && !presetById(next.provider)) next = { ...next, region: profile.region };
        edit(next);
      },

      async loadContext() {
        // Both only feed pickers and banners; the dialog works without them, so a failure just hides them.
        const [profiles, status] = await Promise.all([call(() => api.listProfiles({})), call(() => api.connectionStoreStatus({}))]);
        set({ profiles: profiles.ok ? profiles.value : null, storeStatus: status.ok ? status.value : null });
      },

      async runTest(bucket) {
        set({ showErrors: true });
        const update = toUpdate(get().form);
        if (!valid() || !update) return;
        const mine = ++generation;
        set({ test: { status: 'running' }, error: null });
        const editing = get().editing;
        const res = await call(() => api.testConnection({ input: update, ...(editing ? { id: editing.id } : {}), ...(bucket ? { bucket } : {}) }));
        if (mine !== generation) return;
        set({ test: res.ok ? { status: 'done', result: res.value } : { status: 'error', error: res.error } });
      },

      async save() {
        set({ showErrors: true });
        const { form, editing } = get();
        if (!valid() || get().saving) return null;
        const request = editing ? toUpdate(form) : toInput(form);
        if (!request) return null;
        set({ saving: true, error: null });
        const res = editing
          ? await call(() => api.updateConnection({ id: editing.id, input: request }))
          : await call(() => api.addConnection(request as NonNullable<ReturnType<typeof toInput>>));
        if (!res.ok) {
          set({ saving: false, error: res.error });
          return null;
        }
        generation++;
        set({ ...closedState });
        options.onSaved?.(res.value);
        return res.value;
      },

      async trustCertificate(sha256) {
        edit({ ...get().form, trustedCertSha256: sha256 });
        await get().runTest();
      },

      untrustCertificate() {
        edit({ ...get().form, trustedCertSha256: null });
      },

      askDelete(confirming) {
        set({ confirmingDelete: confirming });
      },

      async remove() {
        const editing = get().editing;
        if (!editing || get().deleting) return false;
        set({ deleting: true, error: null });
        const res = await call(() => api.deleteConnection({ id: editing.id }));
        if (!res.ok) {
          set({ deleting: false, confirmingDelete: false, error: res.error });
          return false;
        }
        generation++;
        set({ ...closedState });
        options.onDeleted?.(editing.id);
        return true;
      },
    };
  });
}
