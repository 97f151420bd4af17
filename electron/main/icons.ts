import { join } from 'node:path';
import { encodePng, renderCountBadge, withUnreadDot } from '../backend/desktop/badgeImage';

/** The parts of Electron's nativeImage module and NativeImage used here. */
export interface ImageLike {
  isEmpty(): boolean;
  resize(options: { width: number; height: number; quality?: 'good' | 'better' | 'best' }): ImageLike;
  toPNG(): Buffer;
  toBitmap(): Buffer;
  addRepresentation(options: { scaleFactor: number; width?: number; height?: number; buffer?: Buffer }): void;
}
export interface NativeImageModule {
  createFromPath(path: string): ImageLike;
  createEmpty(): ImageLike;
  createFromBitmap(buffer: Buffer, options: { width: number; height: number; scaleFactor?: number }): ImageLike;
  createFromBuffer(buffer: Buffer, options?: { scaleFactor?: number }): ImageLike;
}

/**
 * build/icon.png, which electron-builder also copies to resources/icon.png (extraResources) because
 * the tray and Linux notifications need it at run time and build/ itself is not packaged.
 */
export function appIconPaths(o: { isPackaged: boolean; resourcesPath: string | undefined; appPath: string }): string[] {
  return o.isPackaged && o.resourcesPath ? [join(o.resourcesPath, 'icon.png')] : [join(o.appPath, 'build', 'icon.png')];
}

export function loadAppIcon(images: NativeImageModule, paths: readonly string[]): ImageLike | null {
  for (const p of paths) {
    const img = images.createFromPath(p);
    if (!img.isEmpty()) return img;
  }
  return null;
}

/** Tray icon sizes in points: the macOS menu bar and Windows use 16, Linux panels 22. */
export function traySize(platform: string): number {
  return platform === 'linux' ? 22 : 16;
}

/**
 * The tray icon and the same with the unread dot, each at 1× and 2× so it is sharp on high-density
 * screens. (toBitmap is BGRA on every platform Electron supports.)
 */
export function trayImages(images: NativeImageModule, icon: ImageLike, platform: string): { normal: ImageLike; unread: ImageLike } {
  const size = traySize(platform);
  const normal = images.createEmpty();
  const unread = images.createEmpty();
  for (const scaleFactor of [1, 2]) {
    const px = size * scaleFactor;
    const resized = icon.resize({ width: px, height: px, quality: 'best' });
    normal.addRepresentation({ scaleFactor, width: px, height: px, buffer: resized.toPNG() });
    const dotted = Buffer.from(withUnreadDot(resized.toBitmap(), px, px, 'bgra'));
    unread.addRepresentation({ scaleFactor, width: px, height: px, buffer: images.createFromBitmap(dotted, { width: px, height: px, scaleFactor }).toPNG() });
  }
  return { normal, unread };
}

/** The Windows taskbar overlay for a label ('1'…'9', '9+'): 16 points, drawn at 2×. */
export function overlayImage(images: NativeImageModule, label: string): ImageLike {
  return images.createFromBuffer(encodePng(renderCountBadge(label, 32)), { scaleFactor: 2 });
}
