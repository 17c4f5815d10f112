import { describe, expect, it } from 'vitest';
import { planningText } from './planning-text';

describe('planningText', () => {
  it('says what has been counted, in objects and bytes', () => {
    expect(planningText({ objects: 0, bytes: 0 })).toBe('Counting objects…');
    expect(planningText({ objects: 12_345, bytes: 1.2 * 1024 ** 3 })).toBe('Counting objects… 12,345 (1.2 GB)');
    expect(planningText({ objects: 1, bytes: 5 })).toBe('Counting objects… 1 (5 B)');
  });
});
