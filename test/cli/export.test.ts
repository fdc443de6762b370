// `hookbridge export` as a user runs it, beside a running serve: files land in the folder, filters apply,
// bad options are explained, and the default redacts.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { runCli, startServe, type ServeProcess } from '../support/serve';

let serve: ServeProcess | null = null;
afterEach(async () => {
  serve?.child.kill('SIGTERM');
  await serve?.exited;
  serve = null;
});

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

describe('hookbridge export', () => {
  it('exports the failed LOX24 events of a running serve as JSON fixtures, redacted', async () => {
    const dataDir = tempDir();
    serve = await startServe(['--data-dir', dataDir]);
    for (const event of ['verify_code.channel.failed', 'verify_code.success', 'verify_code.channel.failed']) {
      const run = await runCli(['trigger', 'lox24', event, '--data-dir', dataDir, '--ingress', serve.info.ingress]);
      expect(run.code).toBe(0);
    }
    const out = path.join(tempDir(), 'fixtures');
    const run = await runCli(['export', '--data-dir', dataDir, '--out', out, '--failed', '--provider', 'lox24']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`Exported 2 requests as json to ${out} (redacted).\n`);
    const files = filesUnder(out);
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).toMatch(/^lox24\/verify_code\.channel\.failed\//);
    const fixture = JSON.parse(fs.readFileSync(path.join(out, files[0] as string), 'utf8')) as { meta: { redacted: boolean; severity: string } };
    expect(fixture.meta).toMatchObject({ redacted: true, severity: 'failed' });

    const deduped = path.join(tempDir(), 'one');
    const once = await runCli(['export', '--data-dir', dataDir, '--out', deduped, '--failed', '--dedupe', '--format', 'ts']);
    expect(once.stdout).toContain('Exported 1 request as ts');
    expect(once.stdout).toContain('1 repeats of the same shape left out');
    expect(filesUnder(deduped)).toEqual(['index.ts']);
  });

  it('explains a bad format, a bad filter and a folder that is not empty, and writes nothing', async () => {
    const dataDir = tempDir();
    serve = await startServe(['--data-dir', dataDir]);
    await runCli(['trigger', 'soyio', 'auth_attempt.failed', '--data-dir', dataDir, '--ingress', serve.info.ingress]);
    const out = path.join(tempDir(), 'x');
    const format = await runCli(['export', '--data-dir', dataDir, '--out', out, '--format', 'xml']);
    expect(format.code).toBe(1);
    expect(format.stderr).toContain('--format xml is not one Hookbridge writes: use json, ts, har, curl.');
    const filter = await runCli(['export', '--data-dir', dataDir, '--out', out, '--provider', 'Not a provider']);
    expect(filter.stderr).toContain('The filter is not valid: provider:');
    const busy = tempDir();
    fs.writeFileSync(path.join(busy, 'keep.txt'), 'mine');
    const full = await runCli(['export', '--data-dir', dataDir, '--out', busy]);
    expect(full.stderr).toContain('is not empty: export into a new or empty folder');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(busy)).toEqual(['keep.txt']);
  });
});
