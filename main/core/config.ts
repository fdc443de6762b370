// Startup configuration (flags and environment), as opposed to Settings, which the user edits in the app.
import { z } from 'zod';

const port = z.number().int().min(0).max(65535);

export const IngressConfig = z.object({
  /** 0 picks a free port. */
  port: port.default(8787),
  bodyLimitBytes: z.number().int().min(1).max(1024 * 1024 * 1024).default(5 * 1024 * 1024),
  /** Time allowed for a client to send all request headers. */
  headersTimeoutMs: z.number().int().min(1).default(10_000),
  /** Time allowed for a whole request, headers and body. */
  requestTimeoutMs: z.number().int().min(1).default(30_000),
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: z.number().int().min(1).default(5_000),
});
export type IngressConfig = z.infer<typeof IngressConfig>;

export const ControlConfig = z.object({
  /** The headless UI and API; 0 picks a free port. */
  port: port.default(8788),
  /** The per-run secret for the control API; random when absent. */
  token: z.string().min(16).optional(),
  /** Folder with the built renderer (index.html). */
  rendererDir: z.string().optional(),
});
export type ControlConfig = z.infer<typeof ControlConfig>;

export const AppConfig = z.object({
  dataDir: z.string().min(1),
  ingress: IngressConfig.default(IngressConfig.parse({})),
  store: z
    .object({
      /** How long a write waits for another connection's lock before the request is answered 500. */
      busyTimeoutMs: z.number().int().min(0).default(2_000),
      /** Most webhooks committed in one transaction (group commit); 1 commits each on its own. */
      commitBatch: z.number().int().min(1).max(10_000).default(512),
    })
    .default({ busyTimeoutMs: 2_000, commitBatch: 512 }),
  retention: z
    .object({
      /** How often retention runs, besides every `everyInserts` inserts. */
      intervalMs: z.number().int().min(100).default(60_000),
      everyInserts: z.number().int().min(1).default(500),
    })
    .default({ intervalMs: 60_000, everyInserts: 500 }),
  alerts: z
    .object({
      /** Failures within this window are alerted one by one up to a few, then folded into one summary. */
      windowMs: z.number().int().min(100).max(600_000).default(10_000),
    })
    .default({ windowMs: 10_000 }),
});
export type AppConfig = z.infer<typeof AppConfig>;
export type AppConfigInput = z.input<typeof AppConfig>;
