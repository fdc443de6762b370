import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: string[];
  asar?: boolean;
  asarUnpack?: string[];
  electronFuses?: Record<string, boolean>;
  mac?: { target?: string[] };
  win?: { target?: string[] };
  linux?: { target?: string[] };
  deb?: { depends?: string[] };
}

const config = parse(fs.readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { productName: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };

function nativeFiles(dir: string): string[] {
  const found: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop() as string;
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name.endsWith('.node')) found.push(path.relative('.', full));
    }
  }
  return found;
}

describe('electron-builder.yml', () => {
  it('names the app as the data folder expects and targets every desktop', () => {
    expect(config.appId).toBe('dev.hookbridge.app');
    expect(config.productName).toBe(pkg.productName);
    expect(config.mac?.target).toContain('dmg');
    expect(config.win?.target).toContain('nsis');
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.deb?.depends).toContain('libnotify4');
  });

  it('turns the security fuses on', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('unpacks every native module the app depends on out of the asar', () => {
    const natives = ['better-sqlite3', '@ngrok'].flatMap((dep) => nativeFiles(path.join('node_modules', dep)));
    expect(natives.length).toBeGreaterThan(0);
    for (const file of natives) {
      expect(config.asarUnpack?.some((glob) => path.matchesGlob(file, glob)), file).toBe(true);
    }
  });

  it('keeps electron and electron-builder out of the runtime dependencies (electron-builder refuses them there)', () => {
    expect(Object.keys(pkg.dependencies)).not.toContain('electron');
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['electron', 'electron-builder']));
  });
});
