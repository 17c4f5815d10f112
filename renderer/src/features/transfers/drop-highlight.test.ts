import { describe, expect, it } from 'vitest';
import { dropTargetOf } from './drop-highlight';

describe('dropTargetOf', () => {
  it('targets the folder row under the pointer, else the current folder', () => {
    expect(dropTargetOf('b', 'in/', { key: 'in/photos/', kind: 'folder' })).toEqual({ rowKey: 'in/photos/', label: 'Drop to upload to s3://b/in/photos/' });
    expect(dropTargetOf('b', 'in/', { key: 'in/a.txt', kind: 'object' })).toEqual({ rowKey: null, label: 'Drop to upload to s3://b/in/' });
    expect(dropTargetOf('b', '', null)).toEqual({ rowKey: null, label: 'Drop to upload to s3://b/' });
  });
});
