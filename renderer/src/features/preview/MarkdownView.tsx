import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/** Markdown rendered by marked, then sanitized by DOMPurify: no scripts, handlers, iframes or forms survive. */
export function MarkdownView({ text }: { readonly text: string }) {
  const html = useMemo(
    () => DOMPurify.sanitize(marked.parse(text, { async: false }), { FORBID_TAGS: ['style', 'form', 'iframe', 'object', 'embed'], FORBID_ATTR: ['style'] }),
    [text],
  );
  return <article className="pv-markdown" data-testid="preview-markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
