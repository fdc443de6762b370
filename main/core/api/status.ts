// The status snapshot: what getStatus answers and every status.changed carries, read from the running parts.
// Each snapshot has a higher sequence number, so a client can drop one that arrives after a newer one.
import type { IngressCounters } from '../ingress/server';
import type { AlertState, Status } from '../model';
import type { Store } from '../store/store';
import type { TunnelService } from '../tunnel/setup';
import { version } from '../version';
import type { DesktopHost } from './services';

export interface StatusSources {
  startedAt: number;
  dataDir: string;
  store(): Store;
  ingress(): { port: number | null; counters: Readonly<IngressCounters> } | null;
  tunnel: TunnelService;
  desktop: DesktopHost | null;
  alerts(): AlertState;
  /** Warnings beyond the store's own (the data folder made private this run, a secret store that cannot keep). */
  warnings(): string[];
}

export function statusReader(sources: StatusSources): () => Status {
  let sequence = 0;
  return () => {
    const store = sources.store();
    const ingress = sources.ingress();
    const port = ingress?.port ?? null;
    return {
      sequence: ++sequence,
      version,
      startedAt: sources.startedAt,
      dataDir: sources.dataDir,
      ingress: { url: port ? `http://127.0.0.1:${port}` : null, port },
      store: store.getHealth(),
      counters: { ...(ingress?.counters ?? { received: 0, stored: 0, notFound: 0, rejected: 0 }) },
      retention: store.getRetention(),
      tunnel: sources.tunnel.view(),
      tunnelSetup: sources.tunnel.setup(),
      desktop: sources.desktop ? { openAtLogin: sources.desktop.openAtLogin(), note: sources.desktop.note } : null,
      publicUrl: sources.tunnel.publicBaseUrl(),
      alerts: sources.alerts(),
      warnings: [...store.warnings, ...sources.warnings()],
    };
  };
}
