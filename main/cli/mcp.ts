// `hookbridge mcp`: the MCP server for coding agents, on stdio. Stdout carries JSON-RPC only: everything else
// Hookbridge would print goes to stderr. It attaches to the Hookbridge running on the data folder, or starts the
// engine itself (and then a `serve` on the folder is refused until it exits, as for any second writer).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { resolveDataDir } from '../core/data-dir';
import { HookbridgeError } from '../core/errors';
import { startHeadless, type Headless } from '../core/headless';
import { remoteLink } from '../core/mcp/link';
import { checkWorkspace, createMcpServer, runningInstance } from '../core/mcp/server';

export interface McpOptions {
  dataDir?: string;
  allowWrite?: boolean;
  workspace?: string;
  allowReplayHost: string[];
  ingressPort: number;
  progressInterval?: number;
}

export async function mcpCommand(options: McpOptions): Promise<void> {
  // A stray console.log would corrupt the protocol: the JSON-RPC stream is the transport's alone.
  console.log = console.error;
  console.info = console.error;
  const dataDir = resolveDataDir(options.dataDir);
  // A client may start us in / or the home folder: the server still runs, and export_fixtures says why it cannot write.
  let workspace: string | { problem: string };
  try {
    workspace = checkWorkspace(options.workspace ?? process.cwd());
  } catch (error) {
    workspace = { problem: `${(error as Error).message}` };
    console.error(`hookbridge mcp: ${workspace.problem}`);
  }
  let runtime = await runningInstance(dataDir);
  let owned: Headless | null = null;
  if (!runtime) {
    const dist = path.dirname(fileURLToPath(import.meta.url));
    owned = await startHeadless(
      { dataDir, ingress: { port: options.ingressPort } },
      { port: 0 },
      { storeWriter: path.join(dist, 'store-writer.cjs'), checkpointWorker: path.join(dist, 'checkpoint-worker.cjs'), schemaWorker: path.join(dist, 'schema-worker.cjs') },
      { runtimeOwner: 'mcp' },
    );
    runtime = owned.runtime;
    if (!runtime) throw new HookbridgeError('INTERNAL', 'The engine started without its control API.');
    console.error(`hookbridge mcp: no Hookbridge was running on ${dataDir}; started the engine (webhooks to ${owned.app.ingressUrl}).`);
  } else {
    console.error(`hookbridge mcp: attached to Hookbridge ${runtime.owner} (pid ${runtime.pid}) on ${dataDir}.`);
  }
  const server = createMcpServer(remoteLink(runtime), {
    allowWrite: options.allowWrite === true,
    workspace,
    replayHosts: options.allowReplayHost,
    ownsEngine: owned !== null,
    ...(options.progressInterval ? { progressIntervalMs: options.progressInterval } : {}),
  });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.close().catch(() => undefined);
    await owned?.stop();
    process.exit(0);
  };
  const transport = new StdioServerTransport();
  transport.onclose = () => void stop();
  process.stdin.on('end', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await server.connect(transport);
}
