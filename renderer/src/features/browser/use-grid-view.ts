/**
 * The grid's wiring for BrowserView: the per-tab on/off toggle (hosted as the "toggle-grid-view" command) and a
 * fresh ThumbnailLoader per folder view while thumbnails are on, with its GET count for the status bar.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { RendererApi } from '../../../../shared/ipc';
import type { AppCommands } from '../../commands/app-commands';
import { ThumbnailLoader } from '../../lib/thumbnails';
import type { BrowserStore } from './browser-store';
import { gridViewOf, setGridViewOf } from './grid-state';

export interface ThumbnailWiring {
  /** The "Image thumbnails in the grid view" setting. */
  readonly enabled: boolean;
  /** The preview channel: image bytes as a data: URL (operations:preview). */
  readonly preview: RendererApi['previewObject'];
}

const noLoader = () => () => {};

export function useGridView(store: BrowserStore, commands: AppCommands, place: { connectionId: string; bucket: string; prefix: string } | null, wiring?: ThumbnailWiring) {
  const [grid, setGrid] = useState(() => gridViewOf(store));
  useEffect(() => {
    if (!place) return;
    return commands.host('toggle-grid-view', () =>
      setGrid((on) => {
        setGridViewOf(store, !on);
        return !on;
      }),
    );
  }, [commands, store, place !== null]); // eslint-disable-line react-hooks/exhaustive-deps -- only whether there is a place

  const enabled = grid && place !== null && wiring?.enabled === true;
  const connectionId = place?.connectionId;
  const bucket = place?.bucket;
  const prefix = place?.prefix;
  const preview = wiring?.preview;
  // A new loader (and cache) per folder: `prefix` is a dependency on purpose. Creating one sends nothing.
  const loader = useMemo(() => {
    if (!enabled || connectionId === undefined || bucket === undefined || !preview) return null;
    return new ThumbnailLoader(async (key) => {
      const result = await preview({ connectionId, bucket, key });
      return result.ok && result.value.kind === 'image' ? result.value.dataUrl : null;
    });
  }, [enabled, connectionId, bucket, prefix, preview]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!loader) return;
    loader.activate();
    return () => loader.dispose();
  }, [loader]);

  const requests = useSyncExternalStore(
    loader ? (listener) => loader.subscribe(listener) : noLoader,
    () => loader?.requests ?? 0,
  );
  return { grid, loader, thumbnailRequests: grid ? requests : null };
}
