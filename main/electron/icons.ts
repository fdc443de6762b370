// Hookbridge's icons, drawn in code from one glyph (a small suspension bridge) so no binary assets live in git: `npm run build` writes the app icon and the tray
// images into build/ for electron-builder, and the running app draws the same glyph per tray state.
// Shapes are signed distance fields, so every size is anti-aliased from the same description.
import { deflateSync } from 'node:zlib';
import type { TrayIconName } from './tray-menu';

type Rgb = [number, number, number];

/** The tray glyph's colour per state; macOS gets a black template image for the idle state. */
export const trayColours: Record<TrayIconName, Rgb> = {
  idle: [110, 118, 129],
  receiving: [47, 111, 237],
  online: [46, 125, 50],
  'needs-token': [180, 83, 9],
  error: [198, 40, 40],
  'unseen-failures': [198, 40, 40],
};

// --- shapes, in unit coordinates (0..1, y down); negative distance = inside ------------------------------

function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** The part of a circle's outline above the line y = `clipY` (the bridge's arch), as a stroke of half-width `w`. */
function archDistance(x: number, y: number, cx: number, cy: number, r: number, clipY: number, w: number): number {
  const footDx = Math.sqrt(r * r - (cy - clipY) ** 2);
  if (y <= clipY) return Math.abs(Math.hypot(x - cx, y - cy) - r) - w;
  // Below the deck the arch ends in round caps at its two feet.
  return Math.min(Math.hypot(x - (cx - footDx), y - clipY), Math.hypot(x - (cx + footDx), y - clipY)) - w;
}

function roundedSquareDistance(x: number, y: number, inset: number, radius: number): number {
  const half = 0.5 - inset - radius;
  const qx = Math.abs(x - 0.5) - half;
  const qy = Math.abs(y - 0.5) - half;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/**
 * The glyph: a bridge — an arch springing from the deck, hangers, two piers. The tray version (`bold`) is
 * taller with thicker strokes and no hangers, so it still reads at 16 px.
 */
function glyphDistance(x: number, y: number, bold: boolean): number {
  const shape = bold
    ? { w: 0.085, deckY: 0.6, cy: 0.7, r: 0.45, pierBottom: 0.9, hangers: [] as number[] }
    : { w: 0.05, deckY: 0.6, cy: 0.92, r: 0.52, pierBottom: 0.8, hangers: [0.32, 0.5, 0.68] };
  const { w, deckY, cy, r } = shape;
  const arch = archDistance(x, y, 0.5, cy, r, deckY, w);
  const deck = segmentDistance(x, y, 0.06, deckY, 0.94, deckY) - w;
  // Hangers from the arch (at y = cy - sqrt(r² - (x - 0.5)²)) down to the deck.
  const hangers = Math.min(...shape.hangers.map((hx) => segmentDistance(x, y, hx, cy - Math.sqrt(r * r - (hx - 0.5) ** 2), hx, deckY) - w * 0.7));
  const piers = Math.min(segmentDistance(x, y, 0.3, deckY, 0.3, shape.pierBottom), segmentDistance(x, y, 0.7, deckY, 0.7, shape.pierBottom)) - w;
  return Math.min(arch, deck, hangers, piers);
}

/** 0..1 pixel coverage of a shape whose distance at the pixel centre is `d` (in pixels). */
const coverage = (d: number): number => Math.max(0, Math.min(1, 0.5 - d));

// --- PNG and ICO encoding ------------------------------------------------------------------------------------

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes a size×size RGBA image whose pixels `shade(x, y)` gives as [r, g, b, alpha 0..1]. */
function png(size: number, shade: (x: number, y: number) => [number, number, number, number]): Buffer {
  const stride = size * 4 + 1;
  const raw = Buffer.alloc(stride * size);
  for (let y = 0; y < size; y++) {
    raw[y * stride] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = shade(x + 0.5, y + 0.5);
      const at = y * stride + 1 + x * 4;
      raw[at] = r;
      raw[at + 1] = g;
      raw[at + 2] = b;
      raw[at + 3] = Math.round(Math.max(0, Math.min(1, a)) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** An ICO file holding PNG images (Windows Vista and later read these; 256 px is written as 0 in the directory). */
export function icoFromPngs(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  let offset = header.length + directory.length;
  images.forEach(({ size, png: data }, i) => {
    const at = i * 16;
    directory[at] = size >= 256 ? 0 : size;
    directory[at + 1] = size >= 256 ? 0 : size;
    directory[at + 2] = 0; // no palette
    directory[at + 3] = 0;
    directory.writeUInt16LE(1, at + 4); // colour planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(data.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([header, directory, ...images.map((image) => image.png)]);
}

// --- the images ---------------------------------------------------------------------------------------------

/** A size×size tray image: the glyph in the state's colour (black for a macOS template image). */
export function trayIconPng(name: TrayIconName, size = 32, template = false): Buffer {
  const [r, g, b] = template ? [0, 0, 0] : trayColours[name];
  return png(size, (x, y) => [r, g, b, coverage(glyphDistance(x / size, y / size, true) * size)]);
}

/** The application icon: the white glyph on a blue rounded square, with the margin macOS icons keep. */
export function appIconPng(size: number): Buffer {
  const top: Rgb = [59, 130, 246];
  const bottom: Rgb = [30, 64, 175];
  return png(size, (px, py) => {
    const x = px / size;
    const y = py / size;
    const tile = coverage(roundedSquareDistance(x, y, 0.08, 0.19) * size);
    if (tile === 0) return [0, 0, 0, 0];
    // The glyph sits in the middle of the tile at 72 % of its size.
    const ink = coverage(glyphDistance((x - 0.14) / 0.72, (y - 0.07) / 0.72, false) * 0.72 * size);
    const t = Math.max(0, Math.min(1, (y - 0.08) / 0.84));
    const mix = (i: 0 | 1 | 2): number => Math.round((top[i] + (bottom[i] - top[i]) * t) * (1 - ink) + 255 * ink);
    return [mix(0), mix(1), mix(2), tile];
  });
}

/** Sizes the Windows tray and app icons carry. */
export const icoSizes = { tray: [16, 20, 24, 32, 40, 48], app: [16, 24, 32, 48, 64, 128, 256] } as const;

/** Every file `npm run build` writes into build/ (electron-builder's resources) with its bytes. */
export function iconFiles(): { path: string; bytes: Buffer }[] {
  const files: { path: string; bytes: Buffer }[] = [
    // electron-builder turns icon.png into the macOS .icns and the Linux sizes; icon.ico is the Windows one.
    { path: 'icon.png', bytes: appIconPng(1024) },
    { path: 'icon.ico', bytes: icoFromPngs(icoSizes.app.map((size) => ({ size, png: appIconPng(size) }))) },
    // macOS menu bar: a template image (black + alpha) that the system tints for light and dark bars.
    { path: 'tray/trayTemplate.png', bytes: trayIconPng('idle', 16, true) },
    { path: 'tray/trayTemplate@2x.png', bytes: trayIconPng('idle', 32, true) },
  ];
  for (const name of Object.keys(trayColours) as TrayIconName[]) {
    files.push({ path: `tray/${name}.ico`, bytes: icoFromPngs(icoSizes.tray.map((size) => ({ size, png: trayIconPng(name, size) }))) });
    files.push({ path: `tray/${name}.png`, bytes: trayIconPng(name, 16) });
    files.push({ path: `tray/${name}@2x.png`, bytes: trayIconPng(name, 32) });
  }
  return files;
}

/** The tray image file of a state, under the packaged tray/ folder: ICO on Windows, a template image for macOS idle. */
export function trayIconFile(name: TrayIconName, platform: NodeJS.Platform): string {
  if (platform === 'win32') return `${name}.ico`;
  if (platform === 'darwin' && name === 'idle') return 'trayTemplate.png'; // Electron picks trayTemplate@2x.png on Retina
  return `${name}.png`;
}
