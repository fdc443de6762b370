import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trayIconPng } from '../../main/electron/icons';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { main: string; dependencies: Record<string, string> };

/** The package a require names: "ajv/dist/2020.js" → "ajv", "@fastify/busboy" → "@fastify/busboy". */
const packageOf = (name: string): string => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/');

function requires(file: string): string[] {
  return [...new Set([...fs.readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? ''))];
}

describe('the desktop bundles (built by npm run build)', () => {
  it('package.json main points at the built Electron main process', () => {
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(fs.existsSync(pkg.main)).toBe(true);
  });

  it('the main process loads only Node built-ins, electron and declared runtime dependencies', () => {
    const allowed = new Set(['electron', ...Object.keys(pkg.dependencies)]);
    for (const name of requires('dist/electron/main.cjs')) {
      const bare = name.replace(/^node:/, '');
      expect(builtinModules.includes(bare) || allowed.has(packageOf(name)), name).toBe(true);
    }
  });

  it('the schema worker the main process starts is built where it looks, and loads only built-ins and declared runtime dependencies', () => {
    expect(fs.readFileSync('dist/electron/main.cjs', 'utf8')).toContain('"schema-worker.cjs"');
    const worker = path.join('dist/electron', '..', 'schema-worker.cjs');
    expect(fs.existsSync(worker)).toBe(true);
    const names = requires(worker);
    expect(names).toEqual(expect.arrayContaining(['ajv/dist/2020.js', 'ajv-formats']));
    for (const name of names) expect(builtinModules.includes(name.replace(/^node:/, '')) || Object.hasOwn(pkg.dependencies, packageOf(name)), name).toBe(true);
  });

  it('the store writer the main process starts is built where it looks, and loads only built-ins and declared runtime dependencies', () => {
    // main.ts: path.join(__dirname, '..', 'store-writer.cjs'), with __dirname = dist/electron
    expect(fs.readFileSync('dist/electron/main.cjs', 'utf8')).toContain('"store-writer.cjs"');
    const worker = path.join('dist/electron', '..', 'store-writer.cjs');
    expect(fs.existsSync(worker)).toBe(true);
    const names = requires(worker);
    expect(names).toContain('better-sqlite3');
    for (const name of names) expect(builtinModules.includes(name.replace(/^node:/, '')) || Object.hasOwn(pkg.dependencies, packageOf(name)), name).toBe(true);
  });

  it('the checkpoint worker the main process starts is built where it looks, and loads only built-ins and better-sqlite3', () => {
    // main.ts: path.join(__dirname, '..', 'checkpoint-worker.cjs'), with __dirname = dist/electron
    expect(fs.readFileSync('dist/electron/main.cjs', 'utf8')).toContain('"checkpoint-worker.cjs"');
    const worker = path.join('dist/electron', '..', 'checkpoint-worker.cjs');
    expect(fs.existsSync(worker)).toBe(true);
    for (const name of requires(worker)) {
      expect(builtinModules.includes(name.replace(/^node:/, '')) || name === 'better-sqlite3', name).toBe(true);
    }
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
  });

  it('the sandboxed preload requires nothing but electron', () => {
    expect(requires('dist/electron/preload.cjs')).toEqual(['electron']);
  });
});

describe('tray icons', () => {
  it('are real PNG images of the requested size, one colour per state', () => {
    const idle = trayIconPng('idle', 32);
    const failing = trayIconPng('unseen-failures', 32);
    expect(idle.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(idle.readUInt32BE(16)).toBe(32);
    expect(idle.readUInt32BE(20)).toBe(32);
    expect(idle.equals(failing)).toBe(false);
  });
});
