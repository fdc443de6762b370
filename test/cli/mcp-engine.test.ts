// `hookbridge mcp` with no Hookbridge running on the folder: it starts the engine itself (one writer: serve is
// refused until it exits), ignores a runtime file left by a crash or written by a stranger, and keeps stdout for
// JSON-RPC alone while webhooks arrive.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../main/core/app';
import { attachControl } from '../../main/core/headless';
import { readRuntimeFile, writeRuntimeFile } from '../../main/core/runtime-file';
import { tempDir, waitUntil } from '../support/app';
import { bin, runCli, startServe } from '../support/serve';

const seed = (name: string): string => fs.readFileSync(path.join('test/fixtures/seeds', name), 'utf8');
const textOf = (result: unknown): string => ((result as CallToolResult).content as { text: string }[]).map((c) => c.text).join('\n');

async function connect(dataDir: string): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp', '--data-dir', dataDir], cwd: tempDir('hookbridge-workspace-'), stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const client = new Client({ name: 'hookbridge-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

/** The first endpoint URL list_endpoints reports. */
async function endpointUrl(client: Client): Promise<string> {
  const listed = textOf(await client.callTool({ name: 'list_endpoints', arguments: {} }));
  const url = /(http:\/\/127\.0\.0\.1:\d+\/h\/[\w-]+)/.exec(listed)?.[1];
  if (!url) throw new Error(`no endpoint URL in: ${listed}`);
  return url;
}

describe('hookbridge mcp without a running Hookbridge', () => {
  it('starts the engine, returns a webhook posted to the URL it reports, and keeps serve off the folder until it exits', async () => {
    const dataDir = tempDir();
    const { client, stderr } = await connect(dataDir);
    try {
      expect(textOf(await client.callTool({ name: 'list_endpoints', arguments: {} }))).toContain('(served by the engine this MCP server started)');
      expect(readRuntimeFile(dataDir)?.owner).toBe('mcp');
      const url = await endpointUrl(client);
      const since = Date.now();
      const waiting = client.callTool({ name: 'wait_for_event', arguments: { since, timeout_seconds: 60 } });
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: seed('lox24.verify_code.channel.failed.json') });
      const { id } = (await response.json()) as { id: string };
      expect(textOf(await waiting)).toContain(`Event ${id},`);
      expect(stderr()).toContain('started the engine');

      const refused = await runCli(['serve', '--data-dir', dataDir, '--ingress-port', '0', '--ui-port', '0']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(`Another Hookbridge (pid`);
    } finally {
      await client.close();
    }
    await waitUntil(() => readRuntimeFile(dataDir) === null, 'the MCP server to remove its runtime file as it stops');
    const serve = await startServe(['--data-dir', dataDir]);
    expect(readRuntimeFile(dataDir)?.owner).toBe('serve');
    serve.child.kill('SIGTERM');
    await serve.exited;
  });

  it('ignores the runtime file a killed serve left behind', async () => {
    const dataDir = tempDir();
    const serve = await startServe(['--data-dir', dataDir]);
    serve.child.kill('SIGKILL');
    await serve.exited;
    expect(readRuntimeFile(dataDir)?.owner).toBe('serve'); // stale: its process is gone
    const { client, stderr } = await connect(dataDir);
    try {
      expect(textOf(await client.callTool({ name: 'list_endpoints', arguments: {} }))).toContain('(served by the engine this MCP server started)');
      expect(stderr()).toContain('started the engine');
      expect(readRuntimeFile(dataDir)?.owner).toBe('mcp');
    } finally {
      await client.close();
    }
  });

  it('never sends the token to a server that cannot prove it knows it', async () => {
    const dataDir = tempDir();
    const seen: (string | undefined)[] = [];
    const impostor = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ proof: 'f'.repeat(64) }));
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    try {
      // A live pid (this test's), a port now held by someone else.
      writeRuntimeFile(dataDir, { pid: process.pid, owner: 'serve', controlUrl: `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`, token: 'secret-token-the-impostor-wants', ingressUrl: null, startedAt: 0 });
      const { client, stderr } = await connect(dataDir);
      try {
        expect(textOf(await client.callTool({ name: 'list_endpoints', arguments: {} }))).toContain('(served by the engine this MCP server started)');
        expect(stderr()).toContain('started the engine');
      } finally {
        await client.close();
      }
      expect(seen.length).toBeGreaterThan(0); // it was asked for its proof
      expect(seen.every((h) => h === undefined)).toBe(true); // and never given the token
    } finally {
      impostor.close();
    }
  });

  it('writes nothing but JSON-RPC messages on stdout while webhooks arrive', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, [bin, 'mcp', '--data-dir', dataDir], { cwd: tempDir('hookbridge-workspace-'), stdio: ['pipe', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const replies = new Map<number, unknown>();
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const message = JSON.parse(line) as { id?: number };
      if (typeof message.id === 'number') replies.set(message.id, message);
    });
    const send = (message: unknown): boolean => child.stdin.write(`${JSON.stringify(message)}\n`);
    const reply = async (id: number): Promise<{ result: CallToolResult }> => {
      await waitUntil(() => replies.has(id), `reply ${id}`);
      return replies.get(id) as { result: CallToolResult };
    };
    try {
      send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
      await reply(1);
      send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_endpoints', arguments: {} } });
      const url = /(http:\/\/127\.0\.0\.1:\d+\/h\/[\w-]+)/.exec(textOf((await reply(2)).result))?.[1] as string;
      const since = Date.now();
      send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'wait_for_event', arguments: { since, provider: 'soyio', timeout_seconds: 60 } } });
      for (const name of ['lox24.verify_code.channel.failed.json', 'soyio.validation_attempt.failed.json']) {
        const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Hub-Delivery': name }, body: seed(name) });
        expect(response.status).toBe(200);
      }
      expect(textOf((await reply(3)).result)).toContain('validation_attempt.failed');
      expect(lines.length).toBeGreaterThanOrEqual(3);
      for (const line of lines) expect((JSON.parse(line) as { jsonrpc: string }).jsonrpc).toBe('2.0');
    } finally {
      child.stdin.end();
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});

describe('hookbridge mcp attached to the desktop app', () => {
  it('finds the control API the desktop app attaches to its core, through the runtime file', async () => {
    const dataDir = tempDir();
    // What main/electron/main.ts does once its core started (Electron itself cannot run here).
    const core = createApp({ dataDir, ingress: { port: 0 } });
    await core.start();
    const control = await attachControl(core, { port: 0 }, { runtimeOwner: 'desktop' });
    try {
      expect(readRuntimeFile(dataDir)).toMatchObject({ owner: 'desktop', pid: process.pid });
      const { client, stderr } = await connect(dataDir);
      try {
        expect(textOf(await client.callTool({ name: 'list_endpoints', arguments: {} }))).toContain(`(served by Hookbridge desktop, pid ${process.pid})`);
        expect(stderr()).toContain('attached to Hookbridge desktop');
        const [endpoint] = await core.api.listEndpoints();
        const since = Date.now();
        const waiting = client.callTool({ name: 'wait_for_event', arguments: { since, timeout_seconds: 60 } });
        const response = await fetch(endpoint?.url ?? '', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: seed('lox24.verify_code.channel.failed.json') });
        const { id } = (await response.json()) as { id: string };
        expect(textOf(await waiting)).toContain(`Event ${id},`);
      } finally {
        await client.close();
      }
    } finally {
      await control.close();
      await core.stop();
    }
    expect(readRuntimeFile(dataDir)).toBeNull(); // removed on a clean stop
  });
});

describe('hookbridge mcp when the Hookbridge it attached to stops', () => {
  it('answers with a sentence instead of hanging, and sends no token without a fresh proof', async () => {
    const dataDir = tempDir();
    const serve = await startServe(['--data-dir', dataDir]);
    const { client } = await connect(dataDir);
    try {
      expect(textOf(await client.callTool({ name: 'list_endpoints', arguments: {} }))).toContain('(served by Hookbridge serve');
      serve.child.kill('SIGTERM');
      await serve.exited;
      const after = await client.callTool({ name: 'list_events', arguments: {} });
      expect(after.isError).toBe(true);
      expect(textOf(after)).toMatch(/^Hookbridge \(serve, pid \d+\) no longer answers at http:\/\/127\.0\.0\.1:\d+\. Start it again/);
      const waiting = await client.callTool({ name: 'wait_for_event', arguments: { timeout_seconds: 5 } });
      expect(waiting.isError).toBe(true);
    } finally {
      await client.close();
    }
  });
});
