// Headless mode: the core plus the control server (API over HTTP+SSE and the built renderer), for
// `hookbridge serve`, for e2e tests, and as the fallback when Electron is not installed. The desktop app
// attaches the same control server to its core (attachControl), so the CLI and coding agents reach it too.
import { createApp, type App, type AppDeps, type CreateAppInput } from './app';
import { createControlServer, type ControlServer } from './api/http-server';
import { EventStream } from './api/stream';
import type { ControlConfig } from './config';
import { newSecretToken } from './ids';
import { removeRuntimeFile, writeRuntimeFile, type RuntimeInfo } from './runtime-file';

export interface Headless {
  app: App;
  control: ControlServer;
  /** The per-run control token. */
  token: string;
  /** The URL a person opens: it carries the token in the fragment, which never reaches a server log. */
  uiUrl: string;
  /** What the runtime file says (null without a runtimeOwner). */
  runtime: RuntimeInfo | null;
  stop(): Promise<void>;
}

export interface HeadlessOptions {
  /** Who runs it, written into the data folder's runtime file so the CLI and agents can attach; absent: no runtime file (tests). */
  runtimeOwner?: RuntimeInfo['owner'];
}

/** The loopback control API of a started app, and the runtime file that lets other processes find it. */
export interface ControlAttachment {
  control: ControlServer;
  token: string;
  uiUrl: string;
  /** What the runtime file says (null without a runtimeOwner). */
  runtime: RuntimeInfo | null;
  /** Removes the runtime file, then closes the server and its stream (the app keeps running). */
  close(): Promise<void>;
}

export async function attachControl(app: App, control: Partial<ControlConfig> = {}, options: HeadlessOptions = {}): Promise<ControlAttachment> {
  const stream = new EventStream(app.bus);
  const token = control.token ?? newSecretToken();
  const server = createControlServer({
    port: control.port ?? 8788,
    token,
    rendererDir: control.rendererDir,
    handlers: app.handlers,
    stream,
    downloads: app.exports,
  });
  try {
    await server.listen();
  } catch (error) {
    stream.close();
    throw error;
  }
  const dataDir = app.config.dataDir;
  const runtime: RuntimeInfo | null = options.runtimeOwner
    ? { pid: process.pid, owner: options.runtimeOwner, controlUrl: `http://127.0.0.1:${server.port}`, token, ingressUrl: app.ingressUrl, startedAt: Date.now() }
    : null;
  if (runtime) writeRuntimeFile(dataDir, runtime);
  return {
    control: server,
    token,
    runtime,
    uiUrl: `http://127.0.0.1:${server.port}/#token=${token}`,
    async close() {
      if (options.runtimeOwner) removeRuntimeFile(dataDir, token);
      await server.close();
      stream.close();
    },
  };
}

export async function startHeadless(appConfig: CreateAppInput, control: Partial<ControlConfig> = {}, deps: AppDeps = {}, options: HeadlessOptions = {}): Promise<Headless> {
  const app = createApp(appConfig, deps);
  await app.start();
  let attached: ControlAttachment;
  try {
    attached = await attachControl(app, control, options);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return {
    app,
    control: attached.control,
    token: attached.token,
    uiUrl: attached.uiUrl,
    runtime: attached.runtime,
    async stop() {
      await attached.close();
      await app.stop();
    },
  };
}
