import * as Dialog from '@radix-ui/react-dialog';
import type { ConflictPolicy } from '../../../../shared/transfers';
import { CONCURRENCY_MAX, CONCURRENCY_MIN, type AppSettings, type SettingsPatch, type Theme } from '../../../../shared/settings';
import type { UserError } from '../../lib/call';

export interface SettingsDialogProps {
  readonly open: boolean;
  readonly settings: AppSettings | null;
  readonly error: UserError | null;
  onOpenChange(open: boolean): void;
  onChange(patch: SettingsPatch): void;
  onChooseFolder(): void;
  /** The price tables cost estimates use (their own dialog). */
  onOpenPrices?: () => void;
}

const CONFLICTS: ReadonlyArray<[ConflictPolicy, string]> = [
  ['ask', 'Ask'],
  ['overwrite', 'Overwrite'],
  ['skip', 'Skip'],
  ['keep-both', 'Keep both'],
];
const THEME_LABELS: ReadonlyArray<[Theme, string]> = [
  ['system', 'System'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

/** A number field that only reports whole numbers inside the bounds main accepts. */
function clampCount(text: string): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n >= CONCURRENCY_MIN && n <= CONCURRENCY_MAX ? n : null;
}

/** The Settings dialog (Ctrl/Cmd+,): every change is sent to main at once and saved there. */
export function SettingsDialog({ open, settings, error, onOpenChange, onChange, onChooseFolder, onOpenPrices }: SettingsDialogProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="settings-overlay" />
        <Dialog.Content className="settings-dialog" data-testid="settings-dialog" aria-describedby={undefined}>
          <Dialog.Title>Settings</Dialog.Title>
          {settings === null ? (
            <p role="status">Loading…</p>
          ) : (
            <div className="settings-fields">
              <fieldset>
                <legend>Downloads</legend>
                <div className="settings-row">
                  <span className="settings-label" id="settings-folder-label">
                    Download folder
                  </span>
                  <span className="settings-path" data-testid="settings-download-folder" aria-labelledby="settings-folder-label" title={settings.downloadFolder}>
                    {settings.downloadFolder}
                    {settings.downloadFolderIsDefault ? ' (default)' : ''}
                  </span>
                  <button type="button" data-testid="settings-choose-folder" onClick={onChooseFolder}>
                    Choose…
                  </button>
                  {!settings.downloadFolderIsDefault && (
                    <button type="button" onClick={() => onChange({ resetDownloadFolder: true })}>
                      Use Downloads
                    </button>
                  )}
                </div>
                <label className="settings-check">
                  <input
                    type="checkbox"
                    data-testid="settings-ask-every-time"
                    checked={settings.askEveryTime}
                    onChange={(e) => onChange({ askEveryTime: e.target.checked })}
                  />
                  Ask where to save every download
                  {settings.lastFolder ? <small> (opens at {settings.lastFolder})</small> : null}
                </label>
                <label className="settings-row">
                  <span className="settings-label">When a name exists</span>
                  <select
                    data-testid="settings-conflict"
                    value={settings.conflict}
                    onChange={(e) => onChange({ conflict: e.target.value as ConflictPolicy })}
                  >
                    {CONFLICTS.map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </label>
              </fieldset>
              <fieldset>
                <legend>Transfers</legend>
                <CountField
                  label="Files at once"
                  testId="settings-file-concurrency"
                  value={settings.fileConcurrency}
                  onChange={(n) => onChange({ fileConcurrency: n })}
                />
                <CountField
                  label="Requests in flight"
                  testId="settings-request-concurrency"
                  value={settings.requestConcurrency}
                  onChange={(n) => onChange({ requestConcurrency: n })}
                />
              </fieldset>
              <fieldset>
                <legend>Appearance</legend>
                <label className="settings-row">
                  <span className="settings-label">Theme</span>
                  <select data-testid="settings-theme" value={settings.theme} onChange={(e) => onChange({ theme: e.target.value as Theme })}>
                    {THEME_LABELS.map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="settings-check">
                  <input
                    type="checkbox"
                    data-testid="settings-request-metrics"
                    checked={settings.requestMetrics}
                    onChange={(e) => onChange({ requestMetrics: e.target.checked })}
                  />
                  Show S3 request counts in the status bar
                </label>
                <label className="settings-check">
                  <input
                    type="checkbox"
                    data-testid="settings-thumbnails"
                    checked={settings.thumbnails}
                    onChange={(e) => onChange({ thumbnails: e.target.checked })}
                  />
                  Image thumbnails in the grid view
                </label>
              </fieldset>
              {onOpenPrices ? (
                <fieldset>
                  <legend>Cost estimates</legend>
                  <button type="button" data-testid="settings-price-tables" onClick={onOpenPrices}>
                    Price tables…
                  </button>
                </fieldset>
              ) : null}
            </div>
          )}
          {error && (
            <p className="settings-problem" role="alert">
              <strong>{error.title}:</strong> {error.message}
            </p>
          )}
          <div className="settings-buttons">
            <Dialog.Close asChild>
              <button type="button" data-testid="settings-close">
                Done
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function CountField({ label, testId, value, onChange }: { label: string; testId: string; value: number; onChange: (n: number) => void }) {
  return (
    <label className="settings-row">
      <span className="settings-label">{label}</span>
      <input
        type="number"
        data-testid={testId}
        min={CONCURRENCY_MIN}
        max={CONCURRENCY_MAX}
        step={1}
        // Keyed by the saved value: an out-of-range entry is not sent and snaps back on blur.
        key={value}
        defaultValue={value}
        onBlur={(e) => {
          const n = clampCount(e.target.value);
          if (n === null) e.target.value = String(value);
          else if (n !== value) onChange(n);
        }}
      />
    </label>
  );
}
