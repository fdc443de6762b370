// The MCP tools: read tools always, write tools only with --allow-write. Each is a thin translation of the API
// contract — input checked by zod (a bad input is a tool error the agent can act on), the answer worded for an
// agent with sender-written text inside the untrusted-data block.
import fs from 'node:fs';
import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { unzipSync } from 'fflate';
import { z } from 'zod';
import { diffHeaders, diffJson, compareText } from '../diff';
import { HookbridgeError } from '../errors';
import { ForwardConfig, HeaderPair, ResponseRuleInput, Severity, type EventFilter, type EventSummary, type ExportProgress, type PublicEndpoint } from '../model';
import type { EngineLink } from './link';
import { eventDetailText, eventLine, headerForAgent, iso } from './format';
import { untrusted } from './untrusted';
import { waitForMatch } from './wait';

export interface ToolOptions {
  allowWrite: boolean;
  /** The folder export_fixtures may write into (real path), or why there is none (a sentence). */
  workspace: string | { problem: string };
  /** Replays go to loopback, or to these hosts too (--allow-replay-host). */
  replayHosts: readonly string[];
  /** Said in answers: whether the MCP server started the engine itself. */
  ownsEngine: boolean;
  /** How often wait_for_event reports progress (10 s; tests shorten it). */
  progressIntervalMs?: number;
}

const filterShape = {
  endpoint: z.string().max(200).optional().describe('Endpoint name or id (list_endpoints names them).'),
  provider: z.string().max(40).optional().describe('Provider id: lox24, soyio, github, stripe, twilio, … or generic.'),
  name: z.string().max(200).optional().describe('Event name, * as a wildcard: verify_code.*, payment_intent.payment_failed.'),
  severity: z.array(Severity).min(1).optional().describe('Only these severities: failed, error, ok, info.'),
  text: z.string().max(500).optional().describe('Full-text search over names, summaries and bodies (a phone number, an id, a word).'),
  correlation_key: z.string().max(500).optional().describe('Events sharing this key, e.g. lox24:verify:<id> or phone:+4915112345678.'),
  since: z.union([z.string(), z.number()]).optional().describe('Received at or after: ISO 8601 time or milliseconds since the epoch.'),
  until: z.union([z.string(), z.number()]).optional().describe('Received at or before: ISO 8601 time or milliseconds since the epoch.'),
};
type FilterInput = { [K in keyof typeof filterShape]?: z.infer<(typeof filterShape)[K]> };

const text = (body: string): CallToolResult => ({ content: [{ type: 'text', text: body }] });
const failure = (message: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text: message }] });

/** Runs a tool; whatever goes wrong becomes a tool error with a sentence, never a crash. */
async function guarded(run: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HookbridgeError) return failure(error.message);
    return failure(`Hookbridge could not do that: ${(error as Error).message}`);
  }
}

function time(value: string | number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new HookbridgeError('INVALID_INPUT', `${field} “${String(value)}” is not a time: give ISO 8601 (2026-12-03T10:00:00Z) or milliseconds since the epoch.`);
  return ms;
}

async function endpointByNameOrId(link: EngineLink, nameOrId: string): Promise<PublicEndpoint> {
  const endpoints = await link.api.listEndpoints();
  const found = endpoints.find((e) => e.id === nameOrId) ?? endpoints.find((e) => e.name === nameOrId);
  if (!found) throw new HookbridgeError('NOT_FOUND', `There is no endpoint “${nameOrId}”. Endpoints: ${endpoints.map((e) => e.name).join(', ')}.`);
  return found;
}

async function toFilter(link: EngineLink, input: FilterInput): Promise<EventFilter> {
  const filter: EventFilter = {};
  if (input.endpoint) filter.endpointId = (await endpointByNameOrId(link, input.endpoint)).id;
  if (input.provider) filter.provider = input.provider;
  if (input.name) filter.name = input.name;
  if (input.severity) filter.severity = input.severity;
  if (input.text) filter.text = input.text;
  if (input.correlation_key) filter.correlationKey = input.correlation_key;
  const from = time(input.since, 'since');
  const to = time(input.until, 'until');
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  return filter;
}

function listening(endpoints: readonly PublicEndpoint[]): string {
  return endpoints.map((e) => `- ${e.name}: ${e.url}${e.publicUrl ? ` (public: ${e.publicUrl})` : ''}${e.enabled ? '' : ' (disabled)'}`).join('\n');
}

function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]' || hostname === '::1';
}

/** A URL write tools may send webhooks to: this machine, or a host named with --allow-replay-host. */
function allowedTarget(target: string, hosts: readonly string[], tool: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new HookbridgeError('INVALID_INPUT', `${target} is not a URL: give one like http://localhost:3000/webhooks.`);
  }
  if (!isLoopback(url.hostname) && !hosts.includes(url.hostname)) {
    throw new HookbridgeError('FORBIDDEN', `${url.hostname} is not this machine: ${tool} sends webhooks only to loopback URLs (localhost, 127.0.0.1) unless the MCP server is started with --allow-replay-host ${url.hostname}.`);
  }
  return url;
}

/** The folder an export writes into: inside the workspace (symlinks resolved), new or empty. */
function exportFolder(workspace: string, folder: string): string {
  const target = path.resolve(workspace, folder);
  // Resolve what exists of the path, so a symlink inside the workspace cannot point outside it.
  let existing = target;
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  const real = path.join(fs.realpathSync(existing), path.relative(existing, target));
  const relative = path.relative(workspace, real);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new HookbridgeError('FORBIDDEN', `${folder} is outside the workspace ${workspace}: export_fixtures writes only into a folder inside it (start the MCP server with --workspace to choose another).`);
  }
  if (fs.existsSync(real) && fs.readdirSync(real).length > 0) throw new HookbridgeError('INVALID_INPUT', `${folder} is not empty: choose a new or empty folder, so no file of yours is overwritten.`);
  return real;
}

export function registerTools(server: McpServer, link: EngineLink, options: ToolOptions): void {
  const { api } = link;

  server.registerTool(
    'list_events',
    {
      title: 'List captured webhooks',
      description:
        'Lists captured webhook requests, newest first, one line each: id, time, provider · event name, severity, the status Hookbridge answered, and the summary (phone numbers and codes masked). Filter by endpoint, provider, event name (wildcards), severity, text, correlation key and time. Page with the returned cursor.',
      inputSchema: { ...filterShape, cursor: z.number().int().positive().optional().describe('The next_cursor of the previous page.'), limit: z.number().int().min(1).max(100).default(20).describe('Events per page (1–100).') },
      annotations: { readOnlyHint: true },
    },
    (input) =>
      guarded(async () => {
        const page = await api.listEvents({ filter: await toFilter(link, input), cursor: input.cursor ?? null, limit: input.limit });
        if (page.events.length === 0) return text('No captured events match.');
        const head = `${page.events.length} event${page.events.length === 1 ? '' : 's'}, newest first${page.nextCursor ? `; more with cursor ${page.nextCursor}` : '; no more'}.`;
        return text(`${head}\n${untrusted(page.events.map(eventLine).join('\n'))}`);
      }),
  );

  server.registerTool(
    'get_event',
    {
      title: 'Read one captured webhook',
      description:
        'Everything about one captured request: method, path, query, headers (secret values as hints), the body as captured (cut after 64 KiB with a note), the description and explanation of the provider’s code, schema issues, the signature verdict and its reason, the response Hookbridge sent, and its deliveries (replays and forwards).',
      inputSchema: { id: z.string().min(1).max(200).describe('The event id (from list_events or wait_for_event).') },
      annotations: { readOnlyHint: true },
    },
    ({ id }) =>
      guarded(async () => {
        const [event, endpoints, deliveries] = await Promise.all([api.getEvent({ id }), api.listEndpoints(), api.listDeliveries({ id, limit: 20 })]);
        return text(eventDetailText(event, endpoints.find((e) => e.id === event.endpointId), deliveries));
      }),
  );

  server.registerTool(
    'wait_for_event',
    {
      title: 'Wait for the next webhook',
      description:
        'Waits until a webhook matching the filters arrives, then returns it like get_event. With `after` (an event id) or `since` (a time), the first match after that point is returned even if it already arrived — use one of them when you trigger the webhook yourself. Waits up to timeout_seconds (default 25, at most 300), sending progress notifications every 10 s. Nothing arriving is a normal answer that says which endpoint URLs were listening.',
      inputSchema: {
        ...filterShape,
        after: z.string().min(1).max(200).optional().describe('Return the first matching event received after this event id (one that already arrived counts).'),
        timeout_seconds: z.number().int().min(1).max(300).default(25).describe('How long to wait (1–300 s).'),
      },
      annotations: { readOnlyHint: true },
    },
    (input, extra) =>
      guarded(async () => {
        const filter = await toFilter(link, input);
        const abandon = new AbortController();
        const found = waitForMatch(link, filter, { after: input.after }, abandon.signal);
        const timeoutMs = input.timeout_seconds * 1000;
        const started = Date.now();
        const progressToken = extra._meta?.progressToken;
        let ticker: NodeJS.Timeout | null = null;
        if (progressToken !== undefined) {
          ticker = setInterval(() => {
            const elapsed = Math.round((Date.now() - started) / 1000);
            void extra
              .sendNotification({ method: 'notifications/progress', params: { progressToken, progress: elapsed, total: input.timeout_seconds, message: `Still waiting for a webhook (${elapsed} s of ${input.timeout_seconds} s).` } })
              .catch(() => undefined);
          }, options.progressIntervalMs ?? 10_000);
        }
        let timer: NodeJS.Timeout | null = null;
        const outcome = await Promise.race([
          found,
          new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
          new Promise<'cancelled'>((resolve) => extra.signal.addEventListener('abort', () => resolve('cancelled'), { once: true })),
        ]).finally(() => {
          if (ticker) clearInterval(ticker);
          if (timer) clearTimeout(timer);
          abandon.abort(); // the waiter keeps no subscription once answered
        });
        found.catch(() => undefined);
        if (outcome === 'timeout' || outcome === 'cancelled') {
          const endpoints = await api.listEndpoints();
          return text(
            `Nothing matching arrived within ${input.timeout_seconds} s${options.ownsEngine ? ' (this MCP server runs the engine itself: webhooks must be sent to the URLs below)' : ''}. Listening:\n${listening(endpoints)}`,
          );
        }
        const [event, endpoints, deliveries] = await Promise.all([api.getEvent({ id: outcome.id }), api.listEndpoints(), api.listDeliveries({ id: outcome.id, limit: 20 })]);
        return text(eventDetailText(event, endpoints.find((e) => e.id === event.endpointId), deliveries));
      }),
  );

  server.registerTool(
    'get_timeline',
    {
      title: 'Events of one correlation key',
      description: 'The events sharing a correlation key (a verification id, a phone number, an order), oldest first, with retries and duplicates folded into the delivery they repeat.',
      inputSchema: { key: z.string().min(1).max(500).describe('A correlation key from get_event, e.g. lox24:verify:<id> or phone:+4915112345678.') },
      annotations: { readOnlyHint: true },
    },
    ({ key }) =>
      guarded(async () => {
        const { events } = await api.getTimeline({ key });
        if (events.length === 0) return text(`No events carry the key ${key}.`);
        const folded = new Map<string, EventSummary[]>();
        const heads: EventSummary[] = [];
        for (const e of events) {
          const of = e.retryOf ?? e.duplicateOf;
          if (of && events.some((h) => h.id === of)) folded.set(of, [...(folded.get(of) ?? []), e]);
          else heads.push(e);
        }
        const lines = heads.map((e) => {
          const more = folded.get(e.id) ?? [];
          const retries = more.filter((m) => m.retryOf).length;
          const duplicates = more.length - retries;
          const note = [retries ? `${retries} retr${retries === 1 ? 'y' : 'ies'}` : '', duplicates ? `${duplicates} duplicate${duplicates === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
          return `${eventLine(e)}${note ? `  (+ ${note}, last ${iso(more[more.length - 1]?.receivedAt ?? e.receivedAt)})` : ''}`;
        });
        return text(`${events.length} events, ${heads.length} after folding retries and duplicates, oldest first.\n${untrusted(lines.join('\n'))}`);
      }),
  );

  server.registerTool(
    'compare_events',
    {
      title: 'Diff two captured webhooks',
      description: 'The structural difference between two events’ bodies (JSON path by path: added, removed, changed) and headers — e.g. a failure against a success of the same event.',
      inputSchema: { base_id: z.string().min(1).max(200).describe('The event to compare from.'), other_id: z.string().min(1).max(200).describe('The event to compare with.') },
      annotations: { readOnlyHint: true },
    },
    ({ base_id, other_id }) =>
      guarded(async () => {
        const [a, b] = await Promise.all([api.getEvent({ id: base_id }), api.getEvent({ id: other_id })]);
        const parse = (body: string, encoding: string): { ok: true; value: unknown } | { ok: false } => {
          if (encoding !== 'utf8') return { ok: false };
          try {
            return { ok: true, value: JSON.parse(body) };
          } catch {
            return { ok: false };
          }
        };
        const pa = parse(a.body, a.bodyEncoding);
        const pb = parse(b.body, b.bodyEncoding);
        const lines: string[] = [];
        if (pa.ok && pb.ok) {
          const diff = diffJson(pa.value, pb.value);
          for (const e of diff.entries) {
            const show = (v: unknown): string => JSON.stringify(v)?.slice(0, 200) ?? 'undefined';
            lines.push(e.kind === 'added' ? `+ ${e.path}: ${show(e.after)}` : e.kind === 'removed' ? `- ${e.path}: ${show(e.before)}` : `~ ${e.path}: ${show(e.before)} → ${show(e.after)}`);
          }
          if (diff.truncated) lines.push(`… and more differences (the first ${diff.entries.length} are listed)`);
          if (diff.entries.length === 0) lines.push('The bodies are the same JSON.');
        } else {
          const first = compareText(a.body, b.body);
          lines.push(first ? `The bodies (not both JSON) first differ at line ${first.line}, column ${first.column} (byte ${first.byteOffset}).` : 'The bodies are identical.');
        }
        const headers = diffHeaders(a.headers, b.headers);
        lines.push('', headers.length === 0 ? 'Headers: the same.' : 'Headers:');
        // Secret-bearing headers as hints, as get_event shows them: a signature differs on every request.
        const shown = (name: string, value: string | undefined): string => headerForAgent(name, value ?? '');
        for (const h of headers) lines.push(h.kind === 'added' ? `+ ${shown(h.name, h.after)}` : h.kind === 'removed' ? `- ${shown(h.name, h.before)}` : `~ ${shown(h.name, h.before)} → ${shown(h.name, h.after).slice(h.name.length + 2)}`);
        const names = `first: ${a.provider} · ${a.name ?? 'no name'} (${a.severity}); second: ${b.provider} · ${b.name ?? 'no name'} (${b.severity})`;
        return text(`${base_id} compared with ${other_id}: + only in the second, - only in the first, ~ changed.\n${untrusted(`${names}\n\n${lines.join('\n')}`)}`);
      }),
  );

  server.registerTool(
    'list_endpoints',
    {
      title: 'List endpoints',
      description: 'Every endpoint: its name, local URL and public (tunnel) URL, provider, signature check (secrets as hints), response rules and forward-to.',
      inputSchema: {},
      annotations: { readOnlyHint: true },
    },
    () =>
      guarded(async () => {
        const endpoints = await api.listEndpoints();
        const lines = endpoints.map((e) => {
          const auth = e.auth.kind === 'none' ? 'no check' : `${e.auth.kind} check (${Object.entries(e.auth).filter(([k]) => k.endsWith('Hint')).map(([k, v]) => `${k}: ${String(v)}`).join(', ')})`;
          const rules = e.rules.length === 0 ? 'no response rules' : `rules: ${e.rules.map((r) => `${r.name || r.id}${r.enabled ? '' : ' (off)'}`).join('; ')}`;
          const forward = e.forward?.enabled ? `forward ${e.forward.mode} to ${e.forward.url ?? '(routes only)'}${e.forward.routes.length ? ` + ${e.forward.routes.length} routes` : ''}` : 'no forward';
          return `- ${e.name} (${e.id}): ${e.url}${e.publicUrl ? `, public ${e.publicUrl}` : ''}; provider ${e.provider}; ${auth}; ${rules}; ${forward}${e.enabled ? '' : '; disabled'}`;
        });
        return text(`${endpoints.length} endpoint${endpoints.length === 1 ? '' : 's'}${options.ownsEngine ? ' (served by the engine this MCP server started)' : ` (served by Hookbridge ${link.runtime.owner}, pid ${link.runtime.pid})`}:\n${lines.join('\n')}`);
      }),
  );

  server.registerTool(
    'export_fixtures',
    {
      title: 'Write captured webhooks as test fixtures',
      description:
        'Exports the events matching the filters (or exactly `ids`) as fixtures into a new or empty folder inside the workspace: json (a file per request), ts (one typed module), har, or curl (a replay script). Phone numbers, codes and references are redacted unless redact is false.',
      inputSchema: {
        ...filterShape,
        ids: z.array(z.string().min(1).max(200)).min(1).max(10_000).optional().describe('Export exactly these events instead of the filters.'),
        folder: z.string().min(1).max(500).describe('Where to write, relative to the workspace, e.g. test/fixtures/webhooks.'),
        format: z.enum(['json', 'ts', 'har', 'curl']).default('json'),
        redact: z.boolean().default(true).describe('Mask phone numbers, codes and references (default true).'),
        dedupe: z.boolean().default(false).describe('One fixture per provider, event name and JSON shape.'),
      },
    },
    (input) =>
      guarded(async () => {
        const workspace = options.workspace;
        if (typeof workspace !== 'string') throw new HookbridgeError('FORBIDDEN', workspace.problem);
        const target = exportFolder(workspace, input.folder);
        const filter = await toFilter(link, input);
        let finish: (p: ExportProgress) => void = () => undefined;
        const finished = new Promise<ExportProgress>((resolve) => (finish = resolve));
        const seen: ExportProgress[] = [];
        let exportId: string | null = null;
        const stop = await link.subscribe((message) => {
          if (message.type !== 'export.progress' || message.data.state === 'running') return;
          if (exportId === null) seen.push(message.data);
          else if (message.data.exportId === exportId) finish(message.data);
        });
        try {
          exportId = (await api.exportEvents({ format: input.format, filter, ...(input.ids ? { ids: input.ids } : {}), redact: input.redact, dedupe: input.dedupe })).exportId;
          const early = seen.find((p) => p.exportId === exportId);
          if (early) finish(early);
          let timer: NodeJS.Timeout | undefined;
          const progress = await Promise.race([finished, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 120_000)))]).finally(() => clearTimeout(timer));
          if (!progress) throw new HookbridgeError('INTERNAL', 'The export did not finish within 2 minutes; narrow the filters and try again.');
          if (progress.state !== 'done' || !progress.result) throw new HookbridgeError('INTERNAL', `The export ${progress.state}: ${progress.error ?? 'no reason given'}.`);
          if (progress.result.count === 0) return text('No events match: nothing was written.');
          const files = unzipSync(await link.download(exportId));
          fs.mkdirSync(target, { recursive: true });
          const written: string[] = [];
          for (const [name, bytes] of Object.entries(files)) {
            if (name.endsWith('/')) continue;
            const file = path.resolve(target, name);
            if (path.relative(target, file).startsWith('..')) continue; // never outside the folder
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, bytes);
            written.push(path.relative(workspace, file));
          }
          const notes = progress.result.notes.length ? `\nNotes: ${progress.result.notes.join(' ')}` : '';
          return text(`Wrote ${progress.result.count} event${progress.result.count === 1 ? '' : 's'} as ${input.format} fixtures${input.redact ? ', redacted' : ', NOT redacted'}, into ${path.relative(workspace, target)}:\n${written.map((f) => `- ${f}`).join('\n')}${notes}`);
        } finally {
          stop();
        }
      }),
  );

  if (!options.allowWrite) return;

  server.registerTool(
    'replay_event',
    {
      title: 'Replay a captured webhook',
      description:
        'Sends a captured request again to your handler (a loopback URL such as http://localhost:3000/webhooks, unless the MCP server was started with --allow-replay-host), optionally with an edited body or headers and signed again with the endpoint’s secret; returns the handler’s status, headers, body and latency.',
      inputSchema: {
        id: z.string().min(1).max(200).describe('The event to replay.'),
        url: z.string().min(1).max(2000).describe('Where to send it, e.g. http://localhost:3000/webhooks/lox24.'),
        body: z.string().max(10 * 1024 * 1024).optional().describe('A replacement body (UTF-8); absent: the exact captured bytes.'),
        headers: z.array(HeaderPair).max(500).optional().describe('Replacement headers as [name, value] pairs; absent: the captured ones.'),
        resign: z.boolean().default(false).describe('Sign again with the endpoint’s secret and a fresh timestamp.'),
      },
    },
    (input) =>
      guarded(async () => {
        allowedTarget(input.url, options.replayHosts, 'replay_event');
        const d = await api.replayEvent({ id: input.id, url: input.url, ...(input.body !== undefined ? { body: input.body } : {}), ...(input.headers ? { headers: input.headers } : {}), resign: input.resign });
        if (!d.response) return text(`No answer from ${d.url} after ${Math.round(d.durationMs)} ms: ${d.error ?? 'unknown error'}.`);
        const reply = [`HTTP ${d.response.status}`, ...d.response.headers.map(([n, v]) => `${n}: ${v}`), '', d.response.body + (d.response.bodyTruncated ? '\n(cut)' : '')].join('\n');
        return text(`Replayed ${input.id} to ${d.url}${d.edited ? ' (edited)' : ''}${d.resigned ? ' (signed again)' : ''}: ${d.response.status} in ${Math.round(d.durationMs)} ms. Your handler's answer (it may echo the payload):\n${untrusted(reply)}`);
      }),
  );

  server.registerTool(
    'send_sample',
    {
      title: 'Post a provider sample',
      description: 'Posts a realistic sample event (LOX24, Soyio, or any provider pack’s documented example) to an endpoint, signed the way it checks — like `stripe trigger`. Call without a name to list the samples.',
      inputSchema: {
        endpoint: z.string().min(1).max(200).describe('Endpoint name or id.'),
        provider: z.string().min(1).max(40).describe('lox24, soyio, github, stripe, …'),
        name: z.string().min(1).max(200).optional().describe('The sample’s event name, e.g. verify_code.channel.failed; absent: list them.'),
      },
    },
    (input) =>
      guarded(async () => {
        const endpoint = await endpointByNameOrId(link, input.endpoint);
        const samples = (await api.listSamples()).find((s) => s.provider === input.provider);
        if (!samples) throw new HookbridgeError('NOT_FOUND', `There are no samples for “${input.provider}”. Providers with samples: ${(await api.listSamples()).map((s) => s.provider).join(', ')}.`);
        if (!input.name) return text(`Samples of ${input.provider}: ${samples.names.join(', ')}.`);
        const sent = await api.sendSample({ endpointId: endpoint.id, provider: input.provider, name: input.name });
        return text(sent.eventId ? `Posted ${input.provider} ${input.name} to ${endpoint.name}: answered ${sent.status}; event ${sent.eventId}.` : `Posting failed: ${sent.error ?? `status ${sent.status}`}.`);
      }),
  );

  server.registerTool(
    'set_response_rule',
    {
      title: 'Set an endpoint’s response rules',
      description:
        'Replaces an endpoint’s response rules (tried in order before the default 200): e.g. answer 503 to verify_code.* to watch the provider retry, or delay an answer. An empty list removes them all.',
      inputSchema: { endpoint: z.string().min(1).max(200).describe('Endpoint name or id.'), rules: z.array(ResponseRuleInput).max(50).describe('The rules, in order (see list_endpoints for the current ones).') },
    },
    (input) =>
      guarded(async () => {
        const endpoint = await endpointByNameOrId(link, input.endpoint);
        const updated = await api.updateEndpoint({ id: endpoint.id, rules: input.rules });
        return text(`${updated.name} now has ${updated.rules.length} response rule${updated.rules.length === 1 ? '' : 's'}${updated.rules.length ? `: ${updated.rules.map((r) => r.name || r.id).join('; ')}` : ''}.`);
      }),
  );

  server.registerTool(
    'set_forward',
    {
      title: 'Set an endpoint’s forward-to',
      description:
        'Sets where an endpoint forwards captured webhooks (your local handler), and whether the provider gets your handler’s answer (pass-through) or Hookbridge’s (acknowledge); null turns forwarding off.',
      inputSchema: { endpoint: z.string().min(1).max(200).describe('Endpoint name or id.'), forward: ForwardConfig.nullable().describe('{ url, mode, routes } or null.') },
    },
    (input) =>
      guarded(async () => {
        // Like replay_event: webhooks (with their signatures) go only to this machine unless a host is allowed.
        for (const target of [input.forward?.url, ...(input.forward?.routes ?? []).map((r) => r.url)]) {
          if (target) allowedTarget(target, options.replayHosts, 'set_forward');
        }
        const endpoint = await endpointByNameOrId(link, input.endpoint);
        const updated = await api.updateEndpoint({ id: endpoint.id, forward: input.forward });
        return text(updated.forward?.enabled ? `${updated.name} forwards (${updated.forward.mode}) to ${updated.forward.url ?? 'its routes only'}.` : `${updated.name} forwards nothing.`);
      }),
  );
}
