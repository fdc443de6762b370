// What the API's handlers work with: the running services themselves, not a list of per-method callbacks.
// A new API method is one entry in contract.ts and one handler in handlers.ts, using these.
import type { SchemaChecks } from '../maintenance/schema-checks';
import type { UserPacks } from '../maintenance/user-packs';
import type { Alerts } from '../alerts/service';
import type { Bus } from '../bus';
import type { ExportJobs } from '../export/jobs';
import type { Status } from '../model';
import type { Store } from '../store/store';
import type { TunnelService } from '../tunnel/setup';

/** The desktop app's native settings, implemented by main/electron with Electron's app module. */
export interface DesktopHost {
  /** null where the platform offers no login item (Linux). */
  openAtLogin(): boolean | null;
  setOpenAtLogin(enabled: boolean): void;
  /** Why a setting is unavailable, or another word for the settings page; null: nothing to say. */
  readonly note: string | null;
}

/** Where an endpoint can be reached. */
export interface EndpointUrls {
  /** The ingress's own URL (http://127.0.0.1:<port>), for samples posted to it. */
  ingress(): string;
  /** The local ingress URL of an endpoint token. */
  local(token: string): string;
  /** The endpoint's URL through the tunnel (or the user's public base URL), or null without one. */
  public(token: string): string | null;
}

export interface Services {
  /** The open store; reading it before the app started throws. */
  readonly store: Store;
  readonly bus: Bus;
  readonly exports: ExportJobs;
  readonly tunnel: TunnelService;
  /** The alert policy, shared by every place that shows alerts. */
  readonly alerts: Alerts;
  /** What only the desktop app can do; null in headless mode. */
  readonly desktop: DesktopHost | null;
  readonly urls: EndpointUrls;
  /** A fresh status snapshot (each with a higher sequence number). */
  status(): Status;
  /** After any endpoint change, so the ingress routes with it at once. */
  endpointsChanged(): void;
  /** After the retention limits changed: a prune round runs now (on the store's writer thread when it runs). */
  retentionChanged(): void;
  /** The user's provider packs (<data folder>/providers/). */
  readonly userPacks: UserPacks;
  /** The imported OpenAPI descriptions and the checks against them; reading it before the app started throws. */
  readonly schemaChecks: SchemaChecks;
  /** The fetch an SNS confirmation is sent with (tests inject theirs); absent: the global fetch. */
  readonly fetch?: typeof fetch;
}
