import { useState } from 'react';

/**
 * An image (SVG too: as <img> from a blob, where SVG never runs script or loads anything) with zoom (buttons,
 * +/-, Ctrl+wheel) and pan (drag, or scroll when zoomed).
 */
export function ImageView({ url, alt, svg }: { readonly url: string; readonly alt: string; readonly svg: boolean }) {
  const [zoom, setZoom] = useState(1);
  const [drag, setDrag] = useState<{ x: number; y: number; left: number; top: number } | null>(null);
  const step = (f: number) => setZoom((z) => Math.min(16, Math.max(0.1, z * f)));
  return (
    <div className="pv-image">
      <div className="pv-tools">
        <button type="button" onClick={() => step(1 / 1.25)} aria-label="Zoom out" data-testid="preview-zoom-out">−</button>
        <span data-testid="preview-zoom">{Math.round(zoom * 100)}%</span>
        <button type="button" onClick={() => step(1.25)} aria-label="Zoom in" data-testid="preview-zoom-in">+</button>
        <button type="button" onClick={() => setZoom(1)}>Fit</button>
      </div>
      <div
        className="pv-canvas"
        onWheel={(e) => {
          if (e.ctrlKey) step(e.deltaY < 0 ? 1.1 : 1 / 1.1);
        }}
        onPointerDown={(e) => setDrag({ x: e.clientX, y: e.clientY, left: e.currentTarget.scrollLeft, top: e.currentTarget.scrollTop })}
        onPointerMove={(e) => {
          if (!drag) return;
          e.currentTarget.scrollLeft = drag.left - (e.clientX - drag.x);
          e.currentTarget.scrollTop = drag.top - (e.clientY - drag.y);
        }}
        onPointerUp={() => setDrag(null)}
      >
        <img
          src={url}
          alt={alt}
          draggable={false}
          data-testid={svg ? 'preview-svg' : 'preview-image'}
          style={zoom === 1 ? { maxWidth: '100%', maxHeight: '70vh' } : { width: `${zoom * 100}%` }}
        />
      </div>
    </div>
  );
}
