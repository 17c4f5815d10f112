import { describe, expect, it } from 'vitest';
import { ERROR_CODES, fail, ok } from '../../../shared/errors';
import { call, userError } from './call';

describe('call', () => {
  it('passes a value through', async () => {
    expect(await call(async () => ok(3))).toEqual({ ok: true, value: 3 });
  });

  it('turns a failed envelope into a user error: the code’s sentence, main’s words as detail without the channel', async () => {
    const result = await call(async () => fail('NoSuchBucket', 'objects:list: The specified bucket does not exist'));
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'NoSuchBucket',
        title: 'No such bucket',
        message: expect.stringMatching(/pick one from the bucket list/),
        detail: 'The specified bucket does not exist',
      },
    });
  });

  it('turns a rejected IPC promise into a user error instead of throwing', async () => {
    const result = await call(() => Promise.reject(new Error('IPC channel closed')));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'Unknown', title: 'The app stopped answering', detail: 'IPC channel closed' });
    expect(result.error.message).not.toMatch(/IPC/);
  });

  it('also catches a call that throws before it returns a promise', async () => {
    const result = await call(() => {
      throw new TypeError('api.listObjects is not a function');
    });
    expect(result.ok).toBe(false);
  });
});

describe('userError', () => {
  it('has a title and a sentence with a next step for every code, never main’s raw message', () => {
    for (const code of ERROR_CODES) {
      const e = userError({ code, message: 'objects:list: raw internal text' });
      expect(e.title.length, code).toBeGreaterThan(0);
      expect(e.message, code).toMatch(/\.$/);
      expect(e.message, code).not.toMatch(/objects:list|raw internal/);
      expect(e.detail, code).toBe('raw internal text');
    }
  });

  it('keeps main’s own words for invalid input and conflicts, which main writes for the user', () => {
    expect(userError({ code: 'Conflict', message: 'a folder named "x" already exists' }).message).toBe('A folder named "x" already exists.');
    expect(userError({ code: 'InvalidInput', message: 'enter the secret access key' }).message).toBe('Enter the secret access key.');
  });

  it('calls a schema refusal (channel prefix) a bug of the app, not the user’s input', () => {
    const e = userError({ code: 'InvalidInput', message: 'operations:plan: keys: too many' });
    expect(e.title).toBe('The app sent a bad request');
    expect(e.message).toMatch(/bug/);
    expect(e.detail).toBe('keys: too many');
  });

  it('names network failures with what to check next', () => {
    expect(userError({ code: 'Network', message: 'buckets:list: connect ECONNREFUSED 127.0.0.1:9' }).message).toMatch(/endpoint address and your network/);
  });
});
