/**
 * Electron glue for drag-out: hands complete, already-staged files to the OS drag via webContents.startDrag.
 * (Staging — download, verify, rename — happens in the headless core first; see main/transfers/.)
 */
import { nativeImage, type WebContents } from 'electron';
import type { DragAdapter } from '../transfers/adapters';

// A 16×16 document glyph; macOS refuses to start a drag with an empty image.
const ICON_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAJ0lEQVR4nGNgoCYICIj6TwzGa8DXr7/w4lEDRg0YKQYQg3EaQA4AAD2gy/wDVyN1AAAAAElFTkSuQmCC';

export function electronDrag(target: () => WebContents | undefined): DragAdapter {
  const icon = nativeImage.createFromDataURL(`data:image/png;base64,${ICON_PNG}`);
  return {
    startDrag(paths) {
      const contents = target();
      if (!contents || contents.isDestroyed() || paths.length === 0) return;
      contents.startDrag({ file: paths[0]!, files: [...paths], icon });
    },
  };
}
