// Composition root: createApp(config) wires the data folder lock, the store, the ingress, retention and the API.
// Electron and the headless CLI both start Hookbridge through this one function.
import { Bus } from './bus';
import { AppConfig, type AppConfigInput } from './config';
import { lockDataDir, makeDataDirPrivate, type DataDirLock } from './data-dir';
import { HookbridgeError } from './errors';
import { createHandlers, toPublicEndpoint } from './api/handlers';
import { ExportJobs, type ExportFolderChooser } from './export/jobs';
import { createLocalApi } from './api/call';
import type { Api, Handlers } from './api/contract';
import { createIngress, type Ingress, type IngressClock } from './ingress/server';
import type { Endpoint, Status, TunnelSetup } from './model';
import { Redescriber } from './describing/redescribe';
import { GroupCommit } from './store/group-commit';
import { Checkpointer } from './store/checkpointer';
import { Store } from './store/store';
import { version } from './version';
import { memorySecretStore, type SecretStore } from './secrets';
import { ngrokAdapter, type TunnelAdapter } from './tunnel/adapter';
import { TunnelAuthtoken } from './tunnel/authtoken';
import { TunnelController } from './tunnel/controller';

/** The ngrok tunnel's startup configuration. The authtoken never appears in status, API output or logs. */
export interface TunnelConfig {
  /** NGROK_AUTHTOKEN or --ngrok-authtoken-file; wins over a saved token, until the user enters another. */
  authtoken?: string;
  /** A domain reserved on the ngrok account (--ngrok-domain); wins over the ngrokDomain setting for this run. */
  domain?: string;
}

export type CreateAppInput = AppConfigInput & { tunnel?: TunnelConfig };

/** Seams for tests. */
export interface AppDeps {
  tunnelAdapter?: TunnelAdapter;
  /** Where an authtoken entered in the UI is remembered; the desktop app passes its keychain-backed store. */
  secrets?: SecretStore;
  /** What only the desktop app can do; absent in headless mode. */
  desktop?: DesktopHost;
  /** The desktop app's save dialog for exports; absent: exports become zip downloads (headless). */
  exportFolder?: ExportFolderChooser;
  /** The built checkpoint worker (dist/checkpoint-worker.cjs); absent: the writer checkpoints on its own thread. */
  checkpointWorker?: string;
  /** The ingress's clock and rule-delay timers; absent: the system's. */
  ingressClock?: Partial<IngressClock>;
}

/** The desktop app's native settings, implemented by main/electron with Electron's app module. */
export interface DesktopHost {
  /** null where the platform offers no login item (Linux). */
  openAtLogin(): boolean | null;
  setOpenAtLogin(enabled: boolean): void;
  /** Why a setting is unavailable, or another word for the settings page; null: nothing to say. */
  readonly note: string | null;
}

const headlessSecrets = (): SecretStore =>
  memorySecretStore(
    'Headless mode keeps an entered token only until it stops (it never writes one in plain text). To keep it, start with NGROK_AUTHTOKEN or --ngrok-authtoken-file, or use the desktop app, which encrypts it with the system keychain.',
  );

export interface App {
  readonly config: AppConfig;
  readonly bus: Bus;
  /** In-process calls, validated like the transports' calls. */
  readonly api: Api;
  readonly handlers: Handlers;
  /** Takes the data folder lock, opens the store, starts the ingress. */
  start(): Promise<void>;
  /** Stops accepting, finishes in-flight requests, closes the database, releases the lock. */
  stop(): Promise<void>;
  status(): Status;
  /** The open store (after start): for the generator, tests and the CLI's offline commands. */
  readonly store: Store;
  readonly ingressUrl: string | null;
  /** The ngrok tunnel to the ingress (off until started: `api.startTunnel()`). */
  readonly tunnel: TunnelController;
  /** Exports started from the UI (the control server hands out headless downloads from here). */
  readonly exports: ExportJobs;
}

export function createApp(input: CreateAppInput, deps: AppDeps = {}): App {
  const config = AppConfig.parse(input);
  const bus = new Bus();
  const startedAt = Date.now();
  let lock: DataDirLock | null = null;
  /** Said in the status of the run that had to make an existing data folder private. */
  let madePrivate: string | null = null;
  let store: Store | null = null;
  /** Recomputes descriptions written by older provider code, in slices behind the ingress. */
  let redescriber: Redescriber | null = null;
  let ingress: Ingress | null = null;
  let retentionTimer: NodeJS.Timeout | null = null;
  let insertsSincePrune = 0;
  let pruneScheduled = false;
  let indexTimer: NodeJS.Timeout | null = null;
  let checkpointer: Checkpointer | null = null;
  const endpointsByToken = new Map<string, Endpoint>();

  const openStore = (): Store => {
    if (!store) throw new HookbridgeError('INTERNAL', 'Hookbridge has not started yet.');
    return store;
  };
  const ingressUrl = (): string | null => (ingress?.port ? `http://127.0.0.1:${ingress.port}` : null);

  const refreshEndpoints = (): void => {
    endpointsByToken.clear();
    for (const endpoint of openStore().endpoints.list()) endpointsByToken.set(endpoint.token, endpoint);
  };

  let statusSequence = 0;
  const status = (): Status => {
    const s = openStore();
    return {
      sequence: ++statusSequence,
      version,
      startedAt,
      dataDir: config.dataDir,
      ingress: { url: ingressUrl(), port: ingress?.port ?? null },
      store: s.getHealth(),
      counters: { ...(ingress?.counters ?? { received: 0, stored: 0, notFound: 0, rejected: 0 }) },
      retention: s.getRetention(),
      tunnel: tunnel.view(),
      tunnelSetup: tunnelSetup(),
      desktop: deps.desktop ? { openAtLogin: deps.desktop.openAtLogin(), note: deps.desktop.note } : null,
      publicUrl: publicBaseUrl(),
      warnings: [...s.warnings, ...(madePrivate ? [madePrivate] : []), ...(secrets.problem ? [secrets.problem] : [])],
    };
  };

  const prune = (): void => {
    pruneScheduled = false;
    insertsSincePrune = 0;
    if (!store) return;
    try {
      if (store.prune() > 0) {
        checkpointer?.nudge();
        bus.emit('status.changed', status());
      }
    } catch (error) {
      // A failed prune is retried on the next round; the ingress keeps working.
      console.error('hookbridge: retention failed:', (error as Error).message);
    }
  };

  /**
   * Keeps the full-text index close behind the ingress, in slices small enough not to stall it
   * (500 rows ≈ 5 ms here; up to 20,000 rows/s under sustained load, and a search always catches up first).
   */
  const indexSlice = 500;
  const indexIntervalMs = 25;
  const indexSoon = (): void => {
    if (indexTimer) return;
    indexTimer = setTimeout(() => {
      indexTimer = null;
      if (!store) return;
      try {
        // Old descriptions first (the index then reads the new ones), then whatever is not indexed yet.
        const redescribed = redescriber?.catchUp(indexSlice) ?? 0;
        const indexed = store.requests.searchIndex.catchUp(indexSlice);
        if (redescribed > 0 || indexed > 0) checkpointer?.nudge();
        if (redescribed === indexSlice || indexed === indexSlice) indexSoon();
      } catch (error) {
        console.error('hookbridge: indexing for search failed; a search will retry:', (error as Error).message);
      }
    }, indexIntervalMs);
  };

  const secrets = deps.secrets ?? headlessSecrets();
  const authtoken = new TunnelAuthtoken(secrets, input.tunnel?.authtoken?.trim() || undefined);
  const startupDomain = input.tunnel?.domain?.trim() || undefined;
  const tunnelDomain = (): TunnelSetup['domain'] => {
    if (startupDomain) return { value: startupDomain, source: 'startup' };
    const saved = store?.getSettings().ngrokDomain;
    return saved ? { value: saved, source: 'settings' } : null;
  };
  const tunnelSetup = (): TunnelSetup => ({ ...authtoken.view(), domain: tunnelDomain() });
  const publicBaseUrl = (): string | null => {
    const view = tunnel.view();
    if (view.state === 'online' && view.url) return view.url.replace(/\/+$/, '');
    return store?.getSettings().publicBaseUrl ?? null;
  };

  const tunnel = new TunnelController({
    adapter: deps.tunnelAdapter ?? ngrokAdapter,
    ingressPort: () => ingress?.port ?? null,
    authtoken: authtoken.current,
    domain: startupDomain,
    onChange: () => {
      // Before start (or after stop) there is no store to report; the next status read shows the tunnel.
      if (store) bus.emit('status.changed', status());
    },
  });
  const publicEndpointUrl = (token: string): string | null => {
    const base = publicBaseUrl();
    return base ? `${base}/h/${token}` : null;
  };
  const localEndpointUrl = (token: string): string => `${ingressUrl() ?? `http://127.0.0.1:${config.ingress.port}`}/h/${token}`;
  const tunnelChanged = async (): Promise<Status> => {
    await tunnel.reconfigure({ authtoken: authtoken.current, domain: tunnelDomain()?.value });
    const now = status();
    bus.emit('status.changed', now);
    return now;
  };

  const exports = new ExportJobs(openStore, bus, deps.exportFolder ?? null);

  const handlers = createHandlers({
    exports,
    get store() {
      return openStore();
    },
    bus,
    status,
    endpointUrl: localEndpointUrl,
    ingressUrl: () => ingressUrl() ?? `http://127.0.0.1:${config.ingress.port}`,
    publicEndpointUrl,
    endpointsChanged: refreshEndpoints,
    startTunnel: () => {
      openStore();
      void tunnel.start();
      return tunnel.view();
    },
    stopTunnel: async () => {
      await tunnel.stop();
      return tunnel.view();
    },
    setTunnelAuthtoken: async (token, remember) => {
      await authtoken.set(token, remember);
      return (await tunnelChanged()).tunnelSetup;
    },
    forgetTunnelAuthtoken: async () => {
      await authtoken.forget();
      return (await tunnelChanged()).tunnelSetup;
    },
    setOpenAtLogin: (enabled) => {
      const desktop = deps.desktop;
      if (!desktop) throw new HookbridgeError('UNSUPPORTED', 'Open at login is a setting of the desktop app; headless mode (hookbridge serve) never starts by itself.');
      if (desktop.openAtLogin() === null) throw new HookbridgeError('UNSUPPORTED', desktop.note ?? 'This system offers no way to open Hookbridge at login.');
      desktop.setOpenAtLogin(enabled);
      const now = status();
      bus.emit('status.changed', now);
      return now.desktop;
    },
    settingsChanged: async () => {
      // The ngrok domain may have changed: a running tunnel reconnects with it.
      if (tunnelDomain()?.value !== tunnel.domainInUse) await tunnelChanged();
    },
  });

  return {
    config,
    bus,
    handlers,
    exports,
    api: createLocalApi(handlers),
    status,
    get store() {
      return openStore();
    },
    get ingressUrl() {
      return ingressUrl();
    },
    tunnel,

    async start() {
      madePrivate = makeDataDirPrivate(config.dataDir);
      lock = lockDataDir(config.dataDir);
      try {
        store = Store.open(config.dataDir, { busyTimeoutMs: config.store.busyTimeoutMs });
        redescriber = new Redescriber(store);
        if (deps.checkpointWorker) {
          checkpointer = Checkpointer.start(store.db, { script: deps.checkpointWorker, file: store.file, busyTimeoutMs: config.store.busyTimeoutMs });
        }
        if (store.endpoints.list().length === 0) store.endpoints.create({ name: 'default' });
        refreshEndpoints();
        await tunnel.reconfigure({ domain: tunnelDomain()?.value }); // the saved ngrokDomain, now readable
        const s = store;
        const writes = new GroupCommit(s, config.store.commitBatch);
        ingress = createIngress({
          config: config.ingress,
          ...(deps.ingressClock ? { clock: deps.ingressClock } : {}),
          findEndpoint: (token) => endpointsByToken.get(token),
          defaultCountryCode: () => s.getSettings().defaultCountryCode,
          bodyLimit: () => s.getSettings().bodyLimitBytes ?? config.ingress.bodyLimitBytes,
          insert: async (request) => {
            const wasFailing = !s.getHealth().ok;
            const inserted = await writes.insert(request);
            // Capture resumed by itself: tell the UI so its banner goes away.
            if (wasFailing && s.getHealth().ok) bus.emit('status.changed', status());
            return inserted;
          },
          onStored: (summary) => {
            bus.emit('event.created', summary);
            checkpointer?.nudge();
            indexSoon();
            if (++insertsSincePrune >= config.retention.everyInserts && !pruneScheduled) {
              pruneScheduled = true;
              setImmediate(prune);
            }
          },
          onStoreFailed: () => bus.emit('status.changed', status()),
          onForwarded: (delivery) => {
            try {
              s.deliveries.insert(delivery);
              bus.emit('delivery.created', delivery);
            } catch (error) {
              // The request itself is stored; only the record of its forward is missing.
              console.error('hookbridge: could not save a forward result:', (error as Error).message);
            }
          },
          onRuleCounted: (endpoint) => {
            try {
              s.endpoints.saveRuleCounters(endpoint.id, endpoint.rules);
              const saved = s.endpoints.get(endpoint.id);
              bus.emit('endpoint.changed', { endpoint: toPublicEndpoint(saved, localEndpointUrl(saved.token), publicEndpointUrl(saved.token)) });
            } catch (error) {
              // The in-memory count is right for this run; the next successful save catches the store up.
              console.error('hookbridge: could not save a rule counter:', (error as Error).message);
            }
          },
        });
        await ingress.listen();
        indexSoon(); // whatever a crash left unindexed
        prune();
        retentionTimer = setInterval(prune, config.retention.intervalMs);
        retentionTimer.unref();
      } catch (error) {
        await ingress?.close();
        await checkpointer?.stop();
        checkpointer = null;
        store?.close();
        lock.release();
        ingress = null;
        store = null;
        redescriber = null;
        lock = null;
        throw error;
      }
    },

    async stop() {
      exports.dispose();
      // The tunnel first: nothing should forward to an ingress that is closing.
      await tunnel.stop();
      if (retentionTimer) clearInterval(retentionTimer);
      if (indexTimer) clearTimeout(indexTimer);
      retentionTimer = null;
      indexTimer = null;
      await ingress?.close();
      // The worker's connection closes before the writer's, so the writer's close is the last and cleans up the WAL.
      await checkpointer?.stop();
      checkpointer = null;
      store?.close();
      lock?.release();
      ingress = null;
      store = null;
      redescriber = null;
      lock = null;
    },
  };
}

