import { describe, expect, it } from 'vitest';
import { holdModal, innermostReturnTarget, isModalOpen } from './modal-state';

const target = (name: string) => ({ isConnected: true, focus: () => {}, name });

describe('modal state', () => {
  it('is open while any layer holds it, and a release counts once', () => {
    expect(isModalOpen()).toBe(false);
    const dialog = holdModal(null);
    const question = holdModal(null);
    dialog();
    dialog();
    expect(isModalOpen()).toBe(true);
    question();
    expect(isModalOpen()).toBe(false);
  });

  it('knows where the innermost layer returns focus', () => {
    const table = target('table');
    const menu = holdModal(table);
    expect(innermostReturnTarget()).toBe(table);
    menu();
    expect(innermostReturnTarget()).toBeNull();
  });
});
