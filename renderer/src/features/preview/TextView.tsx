import hljs from 'highlight.js/lib/common';
import { useMemo } from 'react';

/** Text/code with line numbers; highlighted by highlight.js (its output escapes the text; no HTML of ours). */
export function TextView({ text, language }: { readonly text: string; readonly language: string | null }) {
  const html = useMemo(() => {
    if (!language || !hljs.getLanguage(language)) return null;
    return hljs.highlight(text, { language, ignoreIllegals: true }).value;
  }, [text, language]);
  const lines = useMemo(() => text.split('\n').length, [text]);
  return (
    <div className="pv-code" data-testid="preview-text">
      <pre className="pv-lines" aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => `${i + 1}\n`).join('')}
      </pre>
      {html !== null ? (
        <pre className="pv-src hljs" data-testid="preview-code" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <pre className="pv-src" data-testid="preview-code">
          {text}
        </pre>
      )}
    </div>
  );
}
