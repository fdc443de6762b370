// Headless mode: the core plus the control server (API over HTTP+SSE and the built renderer), for
// `hookbridge serve`, for e2e tests, and as the fallback when Electron is not installed.
import { createApp, type App, type AppDeps, type CreateAppInput } from './app';
import { createControlServer, type ControlServer } from './api/http-server';
import { EventStream } from './api/stream';
import type { ControlConfig } from './config';
import { newSecretToken } from './ids';

export interface Headless {
  app: App;
  control: ControlServer;
  /** The per-run control token. */
  token: string;
  /** The URL a person opens: it carries the token in the fragment, which never reaches a server log. */
  uiUrl: string;
  stop(): Promise<void>;
}

export async function startHeadless(appConfig: CreateAppInput, control: Partial<ControlConfig> = {}, deps: AppDeps = {}): Promise<Headless> {
  const app = createApp(appConfig, deps);
  const stream = new EventStream(app.bus);
  const token = control.token ?? newSecretToken();
  await app.start();
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
    await app.stop();
    throw error;
  }
  return {
    app,
    control: server,
    token,
    uiUrl: `http://127.0.0.1:${server.port}/#token=${token}`,
    async stop() {
      await server.close();
      stream.close();
      await app.stop();
    },
  };
}
