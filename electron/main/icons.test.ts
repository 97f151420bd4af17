import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { appIconPaths, loadAppIcon, overlayImage, trayImages, traySize, type ImageLike, type NativeImageModule } from './icons';

class Img implements ImageLike {
  reps: Array<{ scaleFactor: number; width?: number; buffer?: Buffer }> = [];
  constructor(
    public width = 512,
    public empty = false,
  ) {}
  isEmpty = () => this.empty;
  resize = (o: { width: number }) => new Img(o.width);
  toPNG = () => Buffer.from(`png${this.width}`);
  toBitmap = () => Buffer.alloc(this.width * this.width * 4);
  addRepresentation = (o: { scaleFactor: number; width?: number; buffer?: Buffer }) => void this.reps.push(o);
}

const images = {
  createFromPath: vi.fn((p: string) => new Img(512, !p.includes('good'))),
  createEmpty: vi.fn(() => new Img(0, true)),
  createFromBitmap: vi.fn((b: Buffer, o: { width: number }) => Object.assign(new Img(o.width), { bitmap: b })),
  createFromBuffer: vi.fn(() => new Img(16)),
} satisfies NativeImageModule;

describe('icons', () => {
  it('finds build/icon.png in development and resources/icon.png when packaged', () => {
    expect(appIconPaths({ isPackaged: false, resourcesPath: '/r', appPath: '/src' })).toEqual([join('/src', 'build', 'icon.png')]);
    expect(appIconPaths({ isPackaged: true, resourcesPath: '/opt/sb/resources', appPath: '/opt/sb/resources/app.asar' })).toEqual([join('/opt/sb/resources', 'icon.png')]);
  });

  it('loads the first icon that exists', () => {
    expect(loadAppIcon(images, ['/missing.png', '/good.png'])).not.toBeNull();
    expect(loadAppIcon(images, ['/missing.png'])).toBeNull();
  });

  it('makes tray icons at 1× and 2×, the unread one with the dot painted in', () => {
    expect(traySize('linux')).toBe(22);
    expect(traySize('win32')).toBe(16);
    const { normal, unread } = trayImages(images, new Img(), 'win32') as { normal: Img; unread: Img };
    expect(normal.reps.map((r) => [r.scaleFactor, r.width])).toEqual([
      [1, 16],
      [2, 32],
    ]);
    expect(unread.reps.map((r) => [r.scaleFactor, r.width])).toEqual([
      [1, 16],
      [2, 32],
    ]);
    const bitmap = (images.createFromBitmap.mock.results.at(-1)?.value as { bitmap: Buffer }).bitmap;
    // The blank 32×32 source now has an opaque dot in its top-right corner.
    expect(bitmap[(3 * 32 + 28) * 4 + 3]).toBe(255);
    expect(bitmap[(30 * 32 + 2) * 4 + 3]).toBe(0);
  });

  it('draws the Windows overlay as a PNG at 2×', () => {
    overlayImage(images, '9+');
    const [buffer, options] = images.createFromBuffer.mock.calls.at(-1) as unknown as [Buffer, { scaleFactor: number }];
    expect(buffer.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(options).toEqual({ scaleFactor: 2 });
  });
});
