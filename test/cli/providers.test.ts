// `hookbridge providers import-openapi` and `providers list`, run as a person runs them: into a folder a running
// `serve` watches (it picks the description up and checks stored events), and with the mistakes people make.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, waitUntil } from '../support/app';
import { runCli, startServe } from '../support/serve';

const require = createRequire(import.meta.url);
const github = require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json');

describe('hookbridge providers', () => {
  it('imports GitHub’s description into the folder a running serve uses, which then checks its GitHub events', async () => {
    const dataDir = tempDir();
    const serve = await startServe(['--data-dir', dataDir]);
    try {
      const endpoint = serve.info.endpoints[0]?.url as string;
      const posted = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'ping' }, body: JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1, surprise: true }) });
      const { id } = (await posted.json()) as { id: string };

      const imported = await runCli(['providers', 'import-openapi', github, '--data-dir', dataDir]);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toContain('(OpenAPI 3.1.0) for GitHub (github): 261 webhooks');
      expect(fs.statSync(path.join(dataDir, 'providers', 'openapi', 'github.json')).mode & 0o777).toBe(0o600);

      const getEvent = async () => {
        const response = await fetch(`${new URL(serve.info.ui).origin}/api/getEvent`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.info.token}` }, body: JSON.stringify({ id }) });
        return (await response.json()) as { schemaCheck: { state: string; webhook: string } | null; issues: { path: string; message: string }[] };
      };
      await waitUntil(async () => (await getEvent()).schemaCheck?.state === 'checked', 'the stored ping checked against the imported description');
      const event = await getEvent();
      expect(event.schemaCheck?.webhook).toBe('ping');
      expect(event.issues.map((i) => `${i.path} ${i.message}`)).toContain('$.surprise undocumented field');

      const listed = await runCli(['providers', 'list', '--data-dir', dataDir]);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/^github\s+GitHub · OpenAPI “GitHub's official Webhooks OpenAPI spec \+ Octokit extension”, 261 webhooks$/m);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });

  it('says what is wrong with a file it cannot import, and exits 1', async () => {
    const dataDir = tempDir();
    const missing = await runCli(['providers', 'import-openapi', path.join(dataDir, 'nope.json'), '--data-dir', dataDir]);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain(`hookbridge: ${path.join(dataDir, 'nope.json')} cannot be read: there is no such file.`);

    const rest = path.join(dataDir, 'rest.yaml');
    fs.writeFileSync(rest, 'openapi: 3.1.0\ninfo: { title: Acme REST API, version: "1" }\npaths: {}\n');
    const noHooks = await runCli(['providers', 'import-openapi', rest, '--data-dir', dataDir]);
    expect(noHooks.code).toBe(1);
    expect(noHooks.stderr).toContain('rest.yaml describes no webhooks');
    expect(fs.existsSync(path.join(dataDir, 'providers', 'openapi'))).toBe(false);
  });
});
