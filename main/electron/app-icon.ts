/// <reference types="electron-vite/node" />
/**
 * The window icon. macOS takes the app bundle's icon (build/icon.icns) and ignores this; Linux and Windows show
 * it in the title bar and task switcher. `?asset` makes electron-vite copy the PNG into out/ and give its path.
 */
import iconPath from '../../build/icons/256x256.png?asset';

export function windowIcon(platform: NodeJS.Platform): string | undefined {
  return platform === 'darwin' ? undefined : iconPath;
}
