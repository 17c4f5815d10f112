import type * as PdfJs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';

// pdf.js (about 1 MB) loads with the first PDF preview, not with the app. Its worker is bundled by Vite from
// node_modules and served as the app's own file ('self'): no CDN.
let pdfjs: Promise<typeof PdfJs> | null = null;
function loadPdfjs(): Promise<typeof PdfJs> {
  pdfjs ??= import('pdfjs-dist').then((m) => {
    m.GlobalWorkerOptions.workerSrc = new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url).href;
    return m;
  });
  return pdfjs;
}

/** A PDF page by page with zoom (pdf.js; eval off). A malformed file shows pdf.js's reason. */
export function PdfView({ bytes }: { readonly bytes: Uint8Array }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(1);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let live = true;
    let destroy: (() => Promise<void>) | null = null;
    loadPdfjs()
      .then((m) => {
        if (!live) return;
        const task = m.getDocument({ data: bytes.slice(), isEvalSupported: false });
        destroy = () => task.destroy();
        return task.promise.then((d) => (live ? setDoc(d) : void d.destroy()));
      })
      .catch((e: Error) => live && setProblem(`Not readable as PDF: ${e.message}`));
    return () => {
      live = false;
      void destroy?.();
    };
  }, [bytes]);

  useEffect(() => {
    if (!doc || !canvas.current) return;
    let cancelled = false;
    void doc.getPage(page).then((p) => {
      if (cancelled || !canvas.current) return;
      const viewport = p.getViewport({ scale: 1.25 * zoom });
      canvas.current.width = viewport.width;
      canvas.current.height = viewport.height;
      return p.render({ canvas: canvas.current, viewport }).promise;
    }).catch((e: Error) => setProblem(`This page could not be drawn: ${e.message}`));
    return () => {
      cancelled = true;
    };
  }, [doc, page, zoom]);

  if (problem) return <p className="pv-problem" data-testid="preview-unreadable">{problem}</p>;
  if (!doc) return <p>Opening the PDF…</p>;
  return (
    <div className="pv-pdf" data-testid="preview-pdf">
      <div className="pv-tools">
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>Previous page</button>
        <span data-testid="preview-pdf-page">
          Page {page} of {doc.numPages}
        </span>
        <button type="button" disabled={page >= doc.numPages} onClick={() => setPage(page + 1)}>Next page</button>
        <button type="button" onClick={() => setZoom(zoom / 1.25)} aria-label="Zoom out">−</button>
        <span>{Math.round(zoom * 100)}%</span>
        <button type="button" onClick={() => setZoom(zoom * 1.25)} aria-label="Zoom in">+</button>
      </div>
      <canvas ref={canvas} data-testid="preview-pdf-canvas" />
    </div>
  );
}
