/**
 * S3's own XML for lifecycle rules and CORS (what the S3 documentation and most consoles show), read into the
 * JSON shape the editors keep (shared/bucket-config.ts), so a pasted <LifecycleConfiguration> works too. A small
 * reader for that subset of XML: elements, text, entities, comments, the declaration; attributes (xmlns) are
 * ignored. Every element's line is kept, so a problem the shape check finds is reported at its line.
 */

export interface XmlProblem {
  readonly at: number;
  readonly reason: string;
}

interface XmlElement {
  readonly name: string;
  readonly at: number;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

class XmlError extends Error {
  constructor(
    readonly at: number,
    reason: string,
  ) {
    super(reason);
  }
}

/** Parse `text` into its root element, or throw XmlError at the first offending character. */
function parse(text: string): XmlElement {
  let i = 0;
  const skipMisc = () => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i] as string)) i++;
      if (text.startsWith('<?', i)) {
        const end = text.indexOf('?>', i);
        if (end < 0) throw new XmlError(i, 'a declaration that never ends (missing "?>")');
        i = end + 2;
      } else if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) throw new XmlError(i, 'a comment that never ends (missing "-->")');
        i = end + 3;
      } else return;
    }
  };
  const decode = (raw: string, at: number) =>
    raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);|&/g, (m, name: string | undefined, offset: number) => {
      if (!name) throw new XmlError(at + offset, 'a bare "&" (write &amp;)');
      if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      const v = ENTITIES[name];
      if (v === undefined) throw new XmlError(at + offset, `an unknown entity "${m}"`);
      return v;
    });
  const element = (): XmlElement => {
    const at = i;
    const open = /^<([A-Za-z_][\w.-]*(?::[\w.-]+)?)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(text.slice(i, i + 4096));
    if (!open) throw new XmlError(i, text[i] === '<' ? 'a start tag like <Rule> expected' : `unexpected ${JSON.stringify(text[i] ?? 'end of text')}; an element expected`);
    const name = (open[1] as string).replace(/^\w+:/, '');
    i += open[0].length;
    const el: XmlElement = { name, at, children: [], text: '' };
    if (open[3] === '/') return el;
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0) throw new XmlError(at, `<${name}> is never closed`);
      el.text += decode(text.slice(i, lt), i);
      i = lt;
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) throw new XmlError(i, 'a comment that never ends (missing "-->")');
        i = end + 3;
      } else if (text.startsWith('</', i)) {
        const close = /^<\/([A-Za-z_][\w.-]*(?::[\w.-]+)?)\s*>/.exec(text.slice(i, i + 300));
        const closing = close ? (close[1] as string).replace(/^\w+:/, '') : null;
        if (closing !== name) throw new XmlError(i, `</${closing ?? '…'}> does not close <${name}>`);
        i += (close as RegExpExecArray)[0].length;
        return el;
      } else el.children.push(element());
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i < text.length) throw new XmlError(i, 'text after the end of the root element');
  return root;
}

/** Elements that repeat, by "Parent/Child", and the JSON list they make. */
const LISTS: Readonly<Record<string, string>> = {
  'LifecycleConfiguration/Rule': 'Rules',
  'Rule/Transition': 'Transitions',
  'Rule/NoncurrentVersionTransition': 'NoncurrentVersionTransitions',
  'And/Tag': 'Tags',
  'CORSConfiguration/CORSRule': 'CORSRules',
  'CORSRule/AllowedOrigin': 'AllowedOrigins',
  'CORSRule/AllowedMethod': 'AllowedMethods',
  'CORSRule/AllowedHeader': 'AllowedHeaders',
  'CORSRule/ExposeHeader': 'ExposeHeaders',
};
const NUMBERS = new Set(['Days', 'NoncurrentDays', 'NewerNoncurrentVersions', 'DaysAfterInitiation', 'ObjectSizeGreaterThan', 'ObjectSizeLessThan', 'MaxAgeSeconds']);
const BOOLEANS = new Set(['ExpiredObjectDeleteMarker']);
/** Elements that are objects even when written empty (<Filter/>). */
const OBJECTS = new Set(['Filter', 'And', 'Tag', 'Expiration', 'Transition', 'NoncurrentVersionExpiration', 'NoncurrentVersionTransition', 'AbortIncompleteMultipartUpload', 'Rule', 'CORSRule']);
const ROOTS: Readonly<Record<'lifecycle' | 'cors', readonly string[]>> = {
  lifecycle: ['LifecycleConfiguration', 'BucketLifecycleConfiguration'],
  cors: ['CORSConfiguration'],
};

export type XmlRead = { readonly ok: true; readonly value: unknown; readonly lines: ReadonlyMap<string, number> } | { readonly ok: false; readonly problem: XmlProblem };

/** Read S3's XML for `kind` into the JSON shape; `lines` maps each JSON path ("Rules[0].Status") to its offset. */
export function readConfigXml(kind: 'lifecycle' | 'cors', text: string): XmlRead {
  let root: XmlElement;
  try {
    root = parse(text);
  } catch (error) {
    if (error instanceof XmlError) return { ok: false, problem: { at: error.at, reason: error.message } };
    throw error;
  }
  if (!ROOTS[kind].includes(root.name)) return { ok: false, problem: { at: root.at, reason: `the root element must be <${ROOTS[kind][0]}>, not <${root.name}>` } };
  const lines = new Map<string, number>();
  const canonicalRoot = ROOTS[kind][0] as string;
  try {
    return { ok: true, value: convert({ ...root, name: canonicalRoot }, '', lines), lines };
  } catch (error) {
    if (error instanceof XmlError) return { ok: false, problem: { at: error.at, reason: error.message } };
    throw error;
  }
}

function convert(el: XmlElement, path: string, lines: Map<string, number>): unknown {
  lines.set(path, el.at);
  if (el.children.length === 0 && !OBJECTS.has(el.name) && path !== '') {
    const t = el.text.trim();
    if (NUMBERS.has(el.name) && /^\d+$/.test(t)) return Number(t);
    if (BOOLEANS.has(el.name) && (t === 'true' || t === 'false')) return t === 'true';
    return el.text;
  }
  if (el.text.trim() !== '') throw new XmlError(el.at, `<${el.name}> holds text beside its elements`);
  const out: Record<string, unknown> = {};
  const seen = new Map<string, number>();
  for (const child of el.children) {
    const list = LISTS[`${el.name}/${child.name}`];
    if (list) {
      const n = seen.get(list) ?? 0;
      seen.set(list, n + 1);
      const arr = (out[list] as unknown[] | undefined) ?? [];
      out[list] = arr;
      arr.push(convert(child, `${path ? `${path}.` : ''}${list}[${n}]`, lines));
      continue;
    }
    if (child.name in out) throw new XmlError(child.at, `<${child.name}> appears twice in <${el.name}>`);
    out[child.name] = convert(child, path ? `${path}.${child.name}` : child.name, lines);
  }
  return out;
}
