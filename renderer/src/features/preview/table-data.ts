/**
 * CSV/TSV (papaparse) and JSON Lines as rows of display text, with each column's type guessed from its
 * values. The text is the first 256 KiB of the object, so its last line is usually cut: it is dropped, and
 * the table says it shows the beginning.
 */
import Papa from 'papaparse';

export type ColumnType = 'integer' | 'number' | 'boolean' | 'date' | 'text' | 'empty';

export interface TableData {
  readonly columns: readonly { readonly name: string; readonly type: ColumnType }[];
  readonly rows: readonly (readonly string[])[];
  /** Lines that did not parse (JSON Lines) or had the wrong field count (CSV), with the first reason. */
  readonly problems: number;
  readonly firstProblem: string | null;
}

const INT = /^[-+]?\d+$/;
const NUM = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const BOOL = /^(true|false)$/i;
const DATE = /^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/;

/** The narrowest type every non-empty value fits. */
export function guessType(values: readonly string[]): ColumnType {
  const present = values.filter((v) => v.trim() !== '');
  if (present.length === 0) return 'empty';
  for (const [type, re] of [['integer', INT], ['number', NUM], ['boolean', BOOL], ['date', DATE]] as const) {
    if (present.every((v) => re.test(v.trim()))) return type;
  }
  return 'text';
}

function withTypes(header: readonly string[], rows: readonly (readonly string[])[], problems: number, firstProblem: string | null): TableData {
  // The types come from the first 1,000 rows: enough to judge, cheap on a 256 KiB sample of short rows.
  const sample = rows.slice(0, 1000);
  return { columns: header.map((name, i) => ({ name, type: guessType(sample.map((r) => r[i] ?? '')) })), rows, problems, firstProblem };
}

/** Drop the last line when the text was cut inside it. */
function completeLines(text: string, complete: boolean): string {
  if (complete) return text;
  const end = text.lastIndexOf('\n');
  return end >= 0 ? text.slice(0, end) : text;
}

export function parseDelimited(text: string, delimiter: ',' | '\t', complete: boolean): TableData {
  const parsed = Papa.parse<string[]>(completeLines(text, complete), { delimiter, skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data;
  const bad = parsed.errors.filter((e) => e.type !== 'Delimiter');
  if (header.length === 0 && bad.length > 0) throw new Error(`Not readable as ${delimiter === ',' ? 'CSV' : 'TSV'}: ${bad[0]!.message}.`);
  const width = header.length;
  const uneven = rows.filter((r) => r.length !== width).length;
  const first = bad[0] ? `row ${(bad[0].row ?? 0) + 1}: ${bad[0].message}` : uneven > 0 ? `some rows do not have ${width} fields` : null;
  return withTypes(header.map((h, i) => h || `column ${i + 1}`), rows, bad.length + uneven, first);
}

const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function parseJsonLines(text: string, complete: boolean): TableData {
  const names: string[] = [];
  const seen = new Set<string>();
  const records: Record<string, unknown>[] = [];
  let problems = 0;
  let firstProblem: string | null = null;
  completeLines(text, complete)
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        const value: unknown = JSON.parse(line);
        const record = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
        for (const k of Object.keys(record)) {
          if (seen.has(k)) continue;
          seen.add(k);
          names.push(k);
        }
        records.push(record);
      } catch (e) {
        problems++;
        firstProblem ??= `line ${i + 1}: ${(e as Error).message}`;
      }
    });
  if (records.length === 0 && problems > 0) throw new Error(`Not readable as JSON Lines: ${firstProblem}.`);
  return withTypes(names, records.map((r) => names.map((n) => cell(r[n]))), problems, firstProblem);
}
