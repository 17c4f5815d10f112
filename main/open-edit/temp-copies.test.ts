import { describe, expect, it } from 'vitest';
import { localName } from './temp-copies';

describe('localName', () => {
  it('keeps the file name, replacing what an OS refuses', () => {
    expect(localName('a/b/report.pdf')).toBe('report.pdf');
    expect(localName('x/what?<>.txt')).toBe('what___.txt');
    expect(localName('x/tab\there')).toBe('tab_here');
    expect(localName('x/ends with dots..')).toBe('ends with dots');
    expect(localName('x/..')).toBe('object');
  });
});
