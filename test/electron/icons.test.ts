// The icons npm run build writes for electron-builder and the tray: real PNG/ICO files of the sizes each
// platform asks for, one per tray state, matching what the app draws.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { parse } from 'yaml';
import { iconFiles, icoSizes, trayColours, trayIconFile, trayIconPng } from '../../main/electron/icons';
import type { TrayIconName } from '../../main/electron/tray-menu';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const states = Object.keys(trayColours) as TrayIconName[];

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(pngSignature);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The images an ICO file holds, with their directory sizes (0 = 256) and their embedded PNGs. */
function icoImages(bytes: Buffer): { size: number; png: Buffer }[] {
  expect(bytes.readUInt16LE(0)).toBe(0);
  expect(bytes.readUInt16LE(2)).toBe(1);
  return Array.from({ length: bytes.readUInt16LE(4) }, (_, i) => {
    const at = 6 + i * 16;
    const length = bytes.readUInt32LE(at + 8);
    const offset = bytes.readUInt32LE(at + 12);
    return { size: bytes[at] === 0 ? 256 : (bytes[at] as number), png: bytes.subarray(offset, offset + length) };
  });
}

/** Share of pixels an image covers (alpha > 50 %): a blank or solid image is a broken drawing. */
function inkShare(png: Buffer): number {
  const { width, height } = pngSize(png);
  // Our PNGs are one IDAT of unfiltered RGBA rows; inflating it gives the pixels back.
  const idat = png.indexOf('IDAT', 8, 'latin1');
  const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
  let inked = 0;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((raw[y * (width * 4 + 1) + 1 + x * 4 + 3] as number) > 127) inked++;
  return inked / (width * height);
}

describe('icons', () => {
  it('the app icon is a 1024 px PNG (electron-builder makes .icns and Linux sizes from it) and an ICO up to 256 px', () => {
    expect(pngSize(fs.readFileSync('build/icon.png'))).toEqual({ width: 1024, height: 1024 });
    const ico = icoImages(fs.readFileSync('build/icon.ico'));
    expect(ico.map((image) => image.size)).toEqual([...icoSizes.app]);
    for (const image of ico) expect(pngSize(image.png)).toEqual({ width: image.size, height: image.size });
  });

  it('every tray state has a Windows ICO and 1x/2x PNGs, and macOS has a black template image', () => {
    for (const state of states) {
      const ico = icoImages(fs.readFileSync(`build/tray/${state}.ico`));
      expect(ico.map((image) => image.size), state).toEqual([...icoSizes.tray]);
      expect(pngSize(fs.readFileSync(`build/tray/${state}.png`))).toEqual({ width: 16, height: 16 });
      expect(pngSize(fs.readFileSync(`build/tray/${state}@2x.png`))).toEqual({ width: 32, height: 32 });
    }
    const template = fs.readFileSync('build/tray/trayTemplate@2x.png');
    expect(pngSize(template)).toEqual({ width: 32, height: 32 });
    expect(template.equals(trayIconPng('idle', 32, true))).toBe(true);
  });

  it('the files in build/ are what the code draws today (the build writes them; nothing stale ships)', () => {
    for (const file of iconFiles()) expect(fs.readFileSync(path.join('build', file.path)).equals(file.bytes), file.path).toBe(true);
  });

  it('draws a visible glyph, neither blank nor a filled square, at every tray size', () => {
    for (const size of [16, 32]) {
      const share = inkShare(trayIconPng('idle', size));
      expect(share, `${size} px`).toBeGreaterThan(0.15);
      expect(share, `${size} px`).toBeLessThan(0.6);
    }
    expect(trayIconPng('online', 32).equals(trayIconPng('error', 32))).toBe(false);
  });

  it('the app picks ICO on Windows, the template on macOS idle, PNG elsewhere; electron-builder ships that folder', () => {
    expect(trayIconFile('error', 'win32')).toBe('error.ico');
    expect(trayIconFile('idle', 'darwin')).toBe('trayTemplate.png');
    expect(trayIconFile('online', 'darwin')).toBe('online.png');
    expect(trayIconFile('receiving', 'linux')).toBe('receiving.png');
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      for (const state of states) expect(fs.existsSync(path.join('build/tray', trayIconFile(state, platform))), `${platform} ${state}`).toBe(true);
    }
    const config = parse(fs.readFileSync('electron-builder.yml', 'utf8')) as {
      extraResources?: { from: string; to: string }[];
      mac?: { icon?: string };
      win?: { icon?: string };
      linux?: { icon?: string };
    };
    expect(config.extraResources).toContainEqual({ from: 'build/tray', to: 'tray' });
    for (const icon of [config.mac?.icon, config.win?.icon, config.linux?.icon]) expect(icon && fs.existsSync(icon), icon).toBe(true);
  });
});
