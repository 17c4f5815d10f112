import { useMemo } from 'react';
import { formatSize } from '../../lib/format';
import { ParquetView, MediaView, ZipView } from './DataViews';
import { ImageView } from './ImageView';
import { MarkdownView } from './MarkdownView';
import { PdfView } from './PdfView';
import type { PreviewContent, PreviewShown } from './preview-store';
import { parseDelimited, parseJsonLines, type TableData } from './table-data';
import { TableView } from './TableView';
import { TextView } from './TextView';

type TextContent = Extract<PreviewContent, { type: 'text' }>;

function Table({ content }: { readonly content: TextContent }) {
  const parsed = useMemo((): { table: TableData } | { problem: string } => {
    try {
      const complete = !content.more;
      if (content.as === 'jsonl') return { table: parseJsonLines(content.text, complete) };
      return { table: parseDelimited(content.text, content.as === 'tsv' ? '\t' : ',', complete) };
    } catch (e) {
      return { problem: (e as Error).message };
    }
  }, [content]);
  if ('problem' in parsed) return <p className="pv-problem" data-testid="preview-unreadable">{parsed.problem}</p>;
  return <TableView table={parsed.table} note={content.more ? `from the first ${formatSize(content.next)} of ${formatSize(content.size)}` : null} />;
}

/** The viewer for what the store read. */
export function PreviewBody({ shown, content, onMediaError, onMore }: { readonly shown: PreviewShown; readonly content: PreviewContent; onMediaError(m: string): void; onMore(): void }) {
  switch (content.type) {
    case 'unknown':
      return (
        <p data-testid="preview-unknown">
          S3 Desk cannot preview this type of file. Use Open to view it in its default app, or Download it.
        </p>
      );
    case 'unreadable':
      return (
        <p className="pv-problem" data-testid="preview-unreadable">
          {content.message}
        </p>
      );
    case 'too-large':
      return (
        <p data-testid="preview-too-large">
          This file is {formatSize(content.size)}; previews read whole files only up to {formatSize(content.limit)}. Use Open or Download.
        </p>
      );
    case 'blob':
      if (shown.kind === 'pdf') return <PdfView bytes={content.bytes} />;
      return <ImageView url={content.url} alt={shown.key} svg={shown.kind === 'svg'} />;
    case 'media':
      return <MediaView url={content.url} video={content.video} onError={onMediaError} />;
    case 'parquet':
      return <ParquetView value={content.value} />;
    case 'zip':
      return <ZipView value={content.value} />;
    case 'text': {
      if (content.binary) return <p data-testid="preview-binary">This looks like a binary file, not text. Use Open or Download.</p>;
      const more = content.more ? (
        <p className="pv-note">
          Showing the first {formatSize(content.next)} of {formatSize(content.size)}.{' '}
          <button type="button" onClick={onMore} disabled={shown.status === 'loading'} data-testid="preview-more">
            Load more
          </button>
        </p>
      ) : null;
      const view =
        content.as === 'markdown' ? (
          <MarkdownView text={content.text} />
        ) : content.as === 'csv' || content.as === 'tsv' || content.as === 'jsonl' ? (
          <Table content={content} />
        ) : (
          // HTML is shown as its source, never rendered: nothing in it can run or reach the network.
          <TextView text={content.text} language={content.as === 'html' ? 'xml' : content.language} />
        );
      return (
        <>
          {view}
          {more}
        </>
      );
    }
  }
}
