/**
 * Name/value rows as forms edit them (user metadata, tags): ids for React keys, which rows say something, and
 * the problems of the rows themselves (nameless values, names given twice). What S3 allows in a name or value
 * is checked by the shared rules (shared/properties.ts, shared/upload-options.ts).
 */
export interface NameValueRow {
  readonly id: number;
  readonly name: string;
  readonly value: string;
}

let nextId = 1;
export const nextRowId = (): number => nextId++;

/** Rows that say something: a name, or a value waiting for its name. */
export const filledRows = <R extends NameValueRow>(rows: readonly R[]): R[] => rows.filter((r) => r.name !== '' || r.value !== '');

/** `what` names the list in the message: "metadata", "tag". */
export function rowProblems(rows: readonly NameValueRow[], what: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of filledRows(rows)) {
    if (r.name === '') problems.push(`A ${what} value has no name.`);
    else if (seen.has(r.name)) problems.push(`The ${what} name "${r.name}" is given twice.`);
    seen.add(r.name);
  }
  return problems;
}
