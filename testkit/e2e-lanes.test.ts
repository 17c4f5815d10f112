import { describe, expect, it } from 'vitest';
import { rgwSelected } from './e2e-lanes';

describe('rgwSelected: does a Playwright command line need the run’s RGW', () => {
  it('the whole suite, or a spec that runs on RGW: yes', () => {
    expect(rgwSelected(['test'])).toBe(true);
    expect(rgwSelected([])).toBe(true);
    expect(rgwSelected(['test', 'e2e/browse.spec.ts'])).toBe(true);
    expect(rgwSelected(['test', 'transfers', '--workers=2'])).toBe(true);
    expect(rgwSelected(['test', '--project=rgw', 'browse'])).toBe(true);
    expect(rgwSelected(['test', '--project', 'fauxqs', '--project', 'rgw'])).toBe(true);
    // An option's value is no file filter.
    expect(rgwSelected(['test', '--grep', 'Download', '--workers', '1'])).toBe(true);
  });

  it('only fauxqs-only specs, or only the fauxqs project: no', () => {
    expect(rgwSelected(['test', 'e2e/dialogs.spec.ts'])).toBe(false);
    expect(rgwSelected(['test', 'e2e/menus.spec.ts', 'e2e/sign-in.spec.ts'])).toBe(false);
    expect(rgwSelected(['test', '--project=fauxqs'])).toBe(false);
    expect(rgwSelected(['test', '-p', 'fauxqs', 'browse'])).toBe(false);
  });
});
