// Composition root: createApp(config) wires the data folder lock, the store and its upkeep, the ingress, the
// tunnel and the API's handlers. It decides nothing itself: each part's rules live in that part's module.
// Electron and the headless CLI both start Hookbridge through this one function.
import { createAlerts, type Alerts } from './alerts/service';
import type { Clock } from './clock';
import { Bus } from './bus';
import { AppConfig, type AppConfigInput } from './config';
import { lockDataDir, makeDataDirPrivate, type DataDirLock } from './data-dir';
import { HookbridgeError } from './errors';
import { createHandlers, toPublicEndpoint } from './api/handlers';
import type { DesktopHost, EndpointUrls } from './api/services';
import { statusReader } from './api/status';
import { ExportJobs, type ExportFolderChooser } from './export/jobs';
import { createLocalApi } from './api/call';
import type { Api, Handlers } from './api/contract';
import { createIngress, type Ingress, type IngressClock } from './ingress/server';
import { Maintenance } from './maintenance/maintenance';
import { SchemaChecks } from './maintenance/schema-checks';
import { UserPacks } from './maintenance/user-packs';
import path from 'node:path';
import type { Endpoint, Status } from './model';
import { GroupCommit } from './store/group-commit';
import { Checkpointer } from './store/checkpointer';
import { StoreWriter } from './store/writer';
import { Store } from './store/store';
import { memorySecretStore, type SecretStore } from './secrets';
import { ngrokAdapter, type TunnelAdapter } from './tunnel/adapter';
import type { TunnelController } from './tunnel/controller';
import { TunnelService } from './tunnel/setup';

export type { DesktopHost } from './api/services';

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
  /** The built store writer (dist/store-writer.cjs); absent: webhooks are committed on the main thread. */
  storeWriter?: string;
  /** The built checkpoint worker (dist/checkpoint-worker.cjs); absent: the writer checkpoints on its own thread. */
  checkpointWorker?: string;
  /** The built schema worker (dist/schema-worker.cjs); absent: checks against imported OpenAPI descriptions run on the main thread. */
  schemaWorker?: string;
  /** The ingress's clock and rule-delay timers; absent: the system's. */
  ingressClock?: Partial<IngressClock>;
  /** The alert policy's clock and timers; absent: the system's. */
  alertClock?: Clock;
  /** The fetch that confirms an AWS SNS subscription on the person's click; absent: the global fetch. Tests inject theirs. */
  outboundFetch?: typeof fetch;
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
  /** The alert policy (the API's pauseAlerts and getAlerts reach it too). */
  readonly alerts: Alerts;
}

export function createApp(input: CreateAppInput, deps: AppDeps = {}): App {
  const config = AppConfig.parse(input);
  const bus = new Bus();
  const startedAt = Date.now();
  const secrets = deps.secrets ?? headlessSecrets();
  // What start() opens and stop() closes.
  let lock: DataDirLock | null = null;
  let store: Store | null = null;
  let writer: StoreWriter | null = null;
  let checkpointer: Checkpointer | null = null;
  let maintenance: Maintenance | null = null;
  let schemaChecks: SchemaChecks | null = null;
  // The user's provider packs: their folder is read when the app starts and followed while it runs.
  const userPacks = new UserPacks(path.join(config.dataDir, 'providers'), (providers) => maintenance?.providersChanged(providers));
  let ingress: Ingress | null = null;
  /** Said in the status of the run that had to make an existing data folder private. */
  let madePrivate: string | null = null;
  /** The ingress routes by token from memory; refreshed after every endpoint change. */
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

  const alerts = createAlerts({
    bus,
    windowMs: config.alerts.windowMs,
    ...(deps.alertClock ? { clock: deps.alertClock } : {}),
    endpoints: () => [...endpointsByToken.values()],
    record: (decisions) => (writer ? writer.setAlerts(decisions) : store?.requests.setAlerts(decisions)),
    summaryOf: (eventId) => {
      try {
        return store?.requests.get(eventId) ?? null;
      } catch {
        return null; // pruned or deleted before its forward came back
      }
    },
  });

  const tunnel = new TunnelService({
    adapter: deps.tunnelAdapter ?? ngrokAdapter,
    secrets,
    startupAuthtoken: input.tunnel?.authtoken,
    startupDomain: input.tunnel?.domain,
    settings: () => store?.getSettings() ?? null,
    ingressPort: () => ingress?.port ?? null,
    // Before start (or after stop) there is no store to report; the next status read shows the tunnel.
    onChange: () => store && bus.emit('status.changed', status()),
  });
  const status = statusReader({
    startedAt,
    dataDir: config.dataDir,
    store: openStore,
    ingress: () => ingress,
    tunnel,
    desktop: deps.desktop ?? null,
    alerts: () => alerts.state(),
    warnings: () => [...(madePrivate ? [madePrivate] : []), ...(secrets.problem ? [secrets.problem] : []), ...userPacks.state().errors.map((e) => e.message)],
  });
  const urls: EndpointUrls = {
    ingress: () => ingressUrl() ?? `http://127.0.0.1:${config.ingress.port}`,
    local: (token) => `${urls.ingress()}/h/${token}`,
    public: (token) => {
      const base = tunnel.publicBaseUrl();
      return base ? `${base}/h/${token}` : null;
    },
  };
  const exports = new ExportJobs(openStore, bus, deps.exportFolder ?? null);
  const handlers = createHandlers({
    get store() {
      return openStore();
    },
    bus,
    exports,
    tunnel,
    alerts,
    desktop: deps.desktop ?? null,
    urls,
    status,
    endpointsChanged: refreshEndpoints,
    retentionChanged: () => maintenance?.prune(),
    userPacks,
    get schemaChecks() {
      if (!schemaChecks) throw new HookbridgeError('INTERNAL', 'Hookbridge has not started yet.');
      return schemaChecks;
    },
    ...(deps.outboundFetch ? { fetch: deps.outboundFetch } : {}),
  });

  /** The ingress, and what happens after each of its steps: the bus hears it, the store's upkeep follows. */
  const connectIngress = (s: Store, upkeep: Maintenance, checks: SchemaChecks): Ingress => {
    const writes = new GroupCommit(writer ?? s, config.store.commitBatch);
    return createIngress({
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
        upkeep.afterInsert();
        checks.afterInsert();
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
          bus.emit('endpoint.changed', { endpoint: toPublicEndpoint(s.endpoints.get(endpoint.id), urls) });
        } catch (error) {
          // The in-memory count is right for this run; the next successful save catches the store up.
          console.error('hookbridge: could not save a rule counter:', (error as Error).message);
        }
      },
    });
  };

  /** Closes whatever start() opened, in the reverse order; the worker's connection before the writer's. */
  const close = async (): Promise<void> => {
    userPacks.stop();
    maintenance?.stop();
    await schemaChecks?.stop();
    await ingress?.close();
    // The writer thread commits what it was given before it closes; the main connection's close is the last one
    // and cleans up the WAL.
    await writer?.stop();
    await checkpointer?.stop();
    store?.close();
    lock?.release();
    maintenance = null;
    schemaChecks = null;
    ingress = null;
    writer = null;
    checkpointer = null;
    store = null;
    lock = null;
  };

  return {
    config,
    bus,
    handlers,
    exports,
    alerts,
    api: createLocalApi(handlers),
    status,
    get store() {
      return openStore();
    },
    get ingressUrl() {
      return ingressUrl();
    },
    tunnel: tunnel.controller,

    async start() {
      madePrivate = makeDataDirPrivate(config.dataDir);
      lock = lockDataDir(config.dataDir);
      try {
        const s = (store = Store.open(config.dataDir, { busyTimeoutMs: config.store.busyTimeoutMs }));
        if (deps.storeWriter) {
          writer = StoreWriter.start(s, { script: deps.storeWriter, busyTimeoutMs: config.store.busyTimeoutMs, onWrote: () => checkpointer?.nudge() });
        }
        if (deps.checkpointWorker) {
          checkpointer = Checkpointer.start(s.db, {
            script: deps.checkpointWorker,
            file: s.file,
            busyTimeoutMs: config.store.busyTimeoutMs,
            onThreshold: (pages) => writer?.setAutoCheckpoint(pages),
          });
        }
        const upkeep = (maintenance = new Maintenance(s, {
          retention: config.retention,
          onWrote: () => checkpointer?.nudge(),
          onPruned: () => bus.emit('status.changed', status()),
          indexedElsewhere: () => writer?.running ?? false,
          pruneElsewhere: (target) => writer?.prune(target) ?? null,
        }));
        userPacks.start();
        const checks = (schemaChecks = new SchemaChecks(s, {
          folder: path.join(config.dataDir, 'providers', 'openapi'),
          script: deps.schemaWorker,
          onWrote: () => checkpointer?.nudge(),
          writesSettled: () => writer?.settled() ?? null,
        }));
        checks.start();
        if (s.endpoints.list().length === 0) s.endpoints.create({ name: 'default' });
        refreshEndpoints();
        await tunnel.settingsChanged(); // the saved ngrokDomain, now readable
        ingress = connectIngress(s, upkeep, checks);
        await ingress.listen();
        upkeep.start();
      } catch (error) {
        await close();
        throw error;
      }
    },

    async stop() {
      exports.dispose();
      alerts.dispose();
      // The tunnel first: nothing should forward to an ingress that is closing.
      await tunnel.controller.stop();
      await close();
    },
  };
}
