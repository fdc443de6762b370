// The MCP server: the API contract as tools for coding agents, over stdio. It finds the engine that runs on the
// data folder through its runtime file (serve, the desktop app, another MCP server) — or, when none runs,
// starts one itself (ingress, store and the loopback control API, no UI) and says so in its answers.
import fs from 'node:fs';
import os from 'node:os';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { HookbridgeError } from '../errors';
import { version } from '../version';
import { processAlive, readRuntimeFile, type RuntimeInfo } from '../runtime-file';
import { provesToken, type EngineLink } from './link';
import { registerTools, type ToolOptions } from './tools';
import { instructions } from './untrusted';

/** The workspace export_fixtures writes into: a real folder, never / or the home folder itself. */
export function checkWorkspace(folder: string): string {
  let real: string;
  try {
    real = fs.realpathSync(folder);
  } catch {
    throw new HookbridgeError('INVALID_INPUT', `The workspace ${folder} does not exist.`);
  }
  if (!fs.statSync(real).isDirectory()) throw new HookbridgeError('INVALID_INPUT', `The workspace ${folder} is not a folder.`);
  const home = (() => {
    try {
      return fs.realpathSync(os.homedir());
    } catch {
      return os.homedir();
    }
  })();
  if (real === '/' || real === home || /^[A-Za-z]:\\?$/.test(real)) {
    throw new HookbridgeError('INVALID_INPUT', `${real} is too broad a workspace: exports could land anywhere in it. Start the MCP server in your project folder, or give --workspace <project folder>.`);
  }
  return real;
}

/** The instance running on the folder, if its runtime file is current: its process lives and it proves the token. */
export async function runningInstance(dataDir: string): Promise<RuntimeInfo | null> {
  const runtime = readRuntimeFile(dataDir);
  if (!runtime || !processAlive(runtime.pid)) return null;
  return (await provesToken(runtime)) ? runtime : null;
}

export function createMcpServer(link: EngineLink, options: ToolOptions): McpServer {
  const server = new McpServer({ name: 'hookbridge', version }, { instructions, capabilities: { tools: {} } });
  registerTools(server, link, options);
  return server;
}

