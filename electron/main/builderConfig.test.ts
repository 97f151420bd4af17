import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_ID } from './lifecycle';

const root = join(__dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string>; scripts: Record<string, string> };

/** Target names whether written as strings or as { target, arch } objects. */
function targets(os: string): string[] {
  const list = config[os]?.target;
  return (Array.isArray(list) ? list : [list]).map((t: string | { target: string }) => (typeof t === 'string' ? t : t.target).toLowerCase());
}

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  pixels: Buffer;
}

/** A strict little PNG reader: signature, chunk CRCs, IHDR, and that IDAT inflates to exactly the image. */
function readPng(file: string): Png {
  const buf = readFileSync(file);
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  let offset = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  let sawEnd = false;
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    const crc = buf.readUInt32BE(offset + 8 + length);
    expect(crc32(buf.subarray(offset + 4, offset + 8 + length)) >>> 0, `CRC of ${type}`).toBe(crc);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') sawEnd = true;
    offset += 12 + length;
  }
  expect(sawEnd).toBe(true);
  if (!ihdr) throw new Error('no IHDR');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  return { width, height, bitDepth: ihdr[8] ?? 0, colorType: ihdr[9] ?? 0, pixels: inflateSync(Buffer.concat(idat)) };
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const requireFromBuilder = createRequire(createRequire(join(root, 'package.json')).resolve('electron-builder'));
    const { validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (config: unknown, logger: { isEnabled: boolean; add: () => void }) => Promise<void>;
    };
    await expect(validateConfiguration(structuredClone(config), { isEnabled: false, add: () => {} })).resolves.toBeUndefined();
    // The validator really rejects things: otherwise the line above proves nothing.
    await expect(validateConfiguration({ ...structuredClone(config), asarUnpak: [] }, { isEnabled: false, add: () => {} })).rejects.toThrow(/asarUnpak/);
  });

  it('is what `npm run dist` builds, after the bundles', () => {
    expect(pkg.scripts['dist']).toMatch(/^npm run build && electron-builder\b/);
    // electron-updater runs in the packaged app, so it must ship (a dependency, not a devDependency).
    expect(pkg.dependencies).toHaveProperty('electron-updater');
  });

  it('names the app', () => {
    expect(config.appId).toBe('ai.switchboard.desktop');
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe('Switchboard');
  });

  it('builds into dist from resources in build', () => {
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'build' });
  });

  it('ships the build output and package.json, not the sources', () => {
    expect(config.files).toContain('out/**/*');
    expect(config.files).toContain('package.json');
    expect(config.files.some((f: string) => f.startsWith('!') && f.includes('*.{ts,tsx,map}'))).toBe(true);
    for (const src of ['electron', 'renderer', 'shared', 'emulator', 'e2e']) {
      expect(config.files.some((f: string) => f.startsWith('!') && f.includes(src)), src).toBe(true);
    }
    // package.json's main must point into what is shipped.
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('packs into asar and unpacks the native modules (keytar, SQLite)', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/keytar/**', 'node_modules/better-sqlite3-multiple-ciphers/**']));
    // Every native dependency the app declares is unpacked.
    for (const dep of ['keytar', 'better-sqlite3-multiple-ciphers']) {
      expect(pkg.dependencies).toHaveProperty(dep);
      expect(config.asarUnpack).toContain(`node_modules/${dep}/**`);
    }
  });

  it('targets AppImage, deb and rpm on Linux, with a category and icon', () => {
    expect(targets('linux')).toEqual(['appimage', 'deb', 'rpm']);
    expect(config.linux.executableName).toBe('switchboard');
    expect(config.linux.category).toBe('Network');
    expect(config.linux.icon).toBe('build/icon.png');
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
  });

  it('targets dmg and zip on macOS with the hardened runtime and entitlements', () => {
    expect(targets('mac')).toEqual(['dmg', 'zip']);
    // Both architectures, each target: Apple silicon and Intel Macs get a native build.
    for (const t of config.mac.target as Array<{ arch: string[] }>) expect(t.arch).toEqual(['x64', 'arm64']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac.entitlementsInherit).toBe('build/entitlements.mac.plist');
    const plist = readFileSync(join(root, config.mac.entitlements), 'utf8');
    expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    // No broad exemptions sneak in.
    expect(plist).not.toMatch(/disable-library-validation|allow-dyld-environment-variables|device\.camera|device\.audio-input/);
  });

  it('targets nsis on Windows, a per-user installer that keeps the user’s data on uninstall', () => {
    expect(targets('win')).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, deleteAppDataOnUninstall: false });
  });

  it('ships the icon beside the app for the tray and notifications', () => {
    expect(config.extraResources).toEqual([{ from: 'build/icon.png', to: 'icon.png' }]);
    expect(existsSync(join(root, 'build', 'icon.png'))).toBe(true);
  });

  it('registers the switchboard:// scheme and publishes nowhere', () => {
    expect(config.protocols).toEqual([{ name: 'Switchboard', schemes: ['switchboard'] }]);
    expect(config.publish).toBeNull();
  });

  it('sets every Electron fuse: no RunAsNode, NODE_OPTIONS or --inspect, cookies encrypted, asar only and checked', () => {
    // All of them, spelled out: a fuse left at Electron's default is a decision nobody made.
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('has a fuse setting for every fuse electron-builder knows except the V8 snapshot one', () => {
    const requireFromBuilder = createRequire(createRequire(join(root, 'package.json')).resolve('electron-builder'));
    const scheme = requireFromBuilder('app-builder-lib/scheme.json') as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties).filter((k) => k !== 'loadBrowserProcessSpecificV8Snapshot');
    expect(Object.keys(config.electronFuses).sort()).toEqual(known.sort());
  });

  it('has an icon that exists and is a valid RGBA PNG of at least 512×512', () => {
    for (const os of ['linux', 'mac', 'win']) {
      const icon = join(root, config[os].icon as string);
      expect(existsSync(icon), `${os} icon`).toBe(true);
    }
    const png = readPng(join(root, 'build', 'icon.png'));
    expect(png.width).toBeGreaterThanOrEqual(512);
    expect(png.height).toBe(png.width);
    expect(png.bitDepth).toBe(8);
    expect(png.colorType).toBe(6);
    expect(png.pixels.length).toBe(png.height * (1 + png.width * 4));
    // Not a blank square: transparent corners, an opaque centre.
    const alphaAt = (x: number, y: number) => png.pixels[y * (1 + png.width * 4) + 1 + x * 4 + 3];
    expect(alphaAt(0, 0)).toBe(0);
    expect(alphaAt(png.width >> 1, png.height >> 1)).toBe(255);
  });
});
