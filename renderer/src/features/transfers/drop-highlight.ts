/**
 * Where a file drag from the OS would land, while it is over the table: the folder row under the pointer, or
 * the current folder. Pure so it is tested without a DOM; useDropHighlight applies it.
 */
import { s3Uri } from '../../../../shared/keys';
import type { RowTarget } from '../../lib/row-element';

export interface DropTarget {
  /** The folder row that is the target, or null for the table (the current folder). */
  readonly rowKey: string | null;
  /** "Drop to upload to s3://bucket/prefix/". */
  readonly label: string;
}

export function dropTargetOf(bucket: string, prefix: string, row: RowTarget | null): DropTarget {
  const folder = row?.kind === 'folder' ? row.key : null;
  return { rowKey: folder, label: `Drop to upload to ${s3Uri(bucket, folder ?? prefix)}` };
}
