// `hookbridge` — the headless command line: serve (capture + UI in a browser), gen (fill a folder with samples),
// replay (send a stored request again), trigger (post a provider sample); each action beyond serve lives in cli/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { fail, integer } from './cli/common';
import { followEvents } from './cli/live-output';
import { osNotifier } from './cli/os-notifications';
import { exportCommand, type ExportCommandOptions } from './cli/export';
import { mcpCommand, type McpOptions } from './cli/mcp';
import { importOpenApiCommand, listProvidersCommand } from './cli/providers';
import { replayCommand } from './cli/replay';
import { triggerCommand } from './cli/trigger';
import { systemClock } from './core/clock';
import { resolveDataDir } from './core/data-dir';
import type { App } from './core/app';
import { startHeadless } from './core/headless';
import { generateEvents } from './core/describing/generate';
import type { Status } from './core/model';
import { version } from './core/version';

/** The built renderer sits next to this file once bundled (dist/cli.js → dist/renderer). */
function rendererDir(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'renderer');
}

/** The worker threads, built beside the CLI by scripts/build.mjs. */
function builtWorker(name: 'store-writer.cjs' | 'checkpoint-worker.cjs' | 'schema-worker.cjs'): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), name);
}

function openInBrowser(url: string): void {
  // Tests (and people on headless machines) can ask not to: the URL is printed either way.
  if (process.env.HOOKBRIDGE_NO_BROWSER) return;
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const child = spawn(command, args as string[], { detached: true, stdio: 'ignore' });
  child.on('error', () => console.error(`hookbridge: could not open a browser; open ${url.split('#')[0]} yourself (with the link above).`));
  child.unref();
}

interface ServeOptions {
  dataDir?: string;
  ingressPort: number;
  uiPort: number;
  token?: string;
  tunnel: boolean;
  ngrokAuthtokenFile?: string;
  ngrokDomain?: string;
  json?: boolean;
  open?: boolean;
  bodyLimit: number;
  requestTimeout: number;
  busyTimeout: number;
  commitBatch?: number;
  /** Where the store commits: its writer thread (the default) or the main thread (for the benchmark's comparison). */
  storeWriter?: 'thread' | 'main';
  alertWindow?: number;
  quiet?: boolean;
  notify?: boolean;
}

/**
 * The ngrok authtoken for --tunnel: from --ngrok-authtoken-file (a missing or empty file is an error), else
 * NGROK_AUTHTOKEN, else none (the tunnel then reports needs-token). The token itself is never printed.
 */
function readAuthtoken(options: ServeOptions): string | undefined {
  if (options.ngrokAuthtokenFile) {
    let text: string;
    try {
      text = fs.readFileSync(options.ngrokAuthtokenFile, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : 'it cannot be read';
      fail(`--ngrok-authtoken-file ${options.ngrokAuthtokenFile}: ${reason}. Put your ngrok authtoken in it, or set NGROK_AUTHTOKEN.`);
    }
    const token = text.trim();
    if (!token) fail(`--ngrok-authtoken-file ${options.ngrokAuthtokenFile} is empty. Put your ngrok authtoken in it, or set NGROK_AUTHTOKEN.`);
    return token;
  }
  const fromEnv = process.env.NGROK_AUTHTOKEN?.trim();
  return fromEnv ? fromEnv : undefined;
}

/** One line about the tunnel for people: the public URL, or what is wrong and what to do. */
function tunnelLine(view: Status['tunnel']): string {
  switch (view.state) {
    case 'online':
      return `online at ${view.url ?? ''} (forwards to the ingress)`;
    case 'off':
      return 'off (the ingress listens on 127.0.0.1 only)';
    case 'connecting':
      return 'connecting to ngrok…';
    case 'needs-token':
      return `needs a token: ${view.error?.message ?? ''} Capture on 127.0.0.1 keeps working.`;
    case 'error':
      return `error: ${view.error?.message ?? ''}`;
  }
}

/** How long serve waits for the tunnel's first outcome before printing its state anyway. */
const tunnelFirstOutcomeMs = 10_000;

async function serve(options: ServeOptions): Promise<void> {
  const authtoken = options.tunnel ? readAuthtoken(options) : undefined;
  const dataDir = resolveDataDir(options.dataDir);
  let headless;
  try {
    headless = await startHeadless(
      {
        dataDir,
        ingress: { port: options.ingressPort, bodyLimitBytes: options.bodyLimit, requestTimeoutMs: options.requestTimeout },
        store: { busyTimeoutMs: options.busyTimeout, commitBatch: options.commitBatch },
        ...(options.alertWindow !== undefined ? { alerts: { windowMs: options.alertWindow } } : {}),
        ...(options.tunnel ? { tunnel: { authtoken, domain: options.ngrokDomain } } : {}),
      },
      { port: options.uiPort, token: options.token, rendererDir: rendererDir() },
      { ...(options.storeWriter === 'main' ? {} : { storeWriter: builtWorker('store-writer.cjs') }), checkpointWorker: builtWorker('checkpoint-worker.cjs'), schemaWorker: builtWorker('schema-worker.cjs') },
      { runtimeOwner: 'serve' },
    );
  } catch (error) {
    fail(error);
  }
  const { app } = headless;
  if (options.tunnel) {
    // The tunnel never stops capture: whatever it does, the ingress on 127.0.0.1 keeps serving.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([app.tunnel.start(), new Promise((resolve) => (timer = setTimeout(resolve, tunnelFirstOutcomeMs)))]);
    clearTimeout(timer);
    // Later changes go to stderr, once each: reconnect attempts ('connecting') and a repeat of the same error stay quiet.
    let last = tunnelLine(app.tunnel.view());
    app.bus.subscribe((message) => {
      if (message.type !== 'status.changed') return;
      const view = app.tunnel.view();
      const line = tunnelLine(view);
      if (view.state === 'connecting' || view.state === 'off' || line === last) return;
      last = line;
      console.error(`hookbridge: tunnel ${line}`);
    });
  }
  const notify = options.notify ? await notifyOnDesktop(app) : null;
  const endpoints = await app.api.listEndpoints();
  const ingress = app.ingressUrl ?? '';
  for (const warning of app.status().warnings) console.error(`hookbridge: warning: ${warning}`);
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({
        ingress,
        ui: headless.uiUrl,
        token: headless.token,
        dataDir,
        endpoints: endpoints.map((e) => ({ id: e.id, name: e.name, url: e.url })),
        ...(options.tunnel ? { tunnel: { state: app.tunnel.view().state, url: app.tunnel.view().url } } : {}),
        ...(notify ? { notify } : {}),
      })}\n`,
    );
  } else {
    const width = Math.max(...endpoints.map((e) => e.name.length));
    console.log(`Hookbridge ${version} is capturing webhooks.`);
    console.log(`  Data      ${dataDir}`);
    console.log(`  UI        ${headless.uiUrl}`);
    console.log('  Endpoints (point your provider here, or at the tunnel URL that forwards to them)');
    for (const e of endpoints) {
      console.log(`    ${e.name.padEnd(width)}  ${e.url}${e.enabled ? '' : '  (disabled)'}`);
      if (e.publicUrl) console.log(`    ${''.padEnd(width)}  ${e.publicUrl}  (public, through the tunnel)`);
    }
    console.log(`  Tunnel    ${tunnelLine(app.tunnel.view())}`);
    if (notify) console.log(`  Notify    ${notify.on ? `failures show as desktop notifications (${notify.by})` : `off: ${notify.problem}`}`);
    console.log('Press Ctrl+C to stop.');
  }
  if (options.open) openInBrowser(headless.uiUrl);
  // A line per stored event from now on (NDJSON with --json), unless --quiet. Colour only on a terminal, and
  // never with NO_COLOR set (https://no-color.org).
  const following = options.quiet
    ? null
    : followEvents(app, {
        json: options.json === true,
        color: process.stdout.isTTY === true && !options.json && !process.env.NO_COLOR,
        width: () => (process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined),
        clock: systemClock,
      });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`hookbridge: ${signal} again, exiting now.`);
      process.exit(1);
    }
    stopping = true;
    following?.stop();
    // The last lines are printed before exit, unless nobody reads them: then a second is all they get.
    const printed = following ? Promise.race([following.flushed(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]) : Promise.resolve();
    headless
      .stop()
      .then(() => printed)
      .then(() => process.exit(0))
      .catch((error: unknown) => fail(error));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/**
 * `--notify`: the core's alerts as OS notifications from this process. Whether a notification service is there
 * is asked once at startup; without one Hookbridge says so once and goes on capturing (the browser UI then
 * shows the alerts), and a later failure to show one is said once too.
 */
async function notifyOnDesktop(app: App): Promise<{ on: true; by: string } | { on: false; problem: string }> {
  const notifier = await osNotifier();
  try {
    await notifier.probe();
  } catch (error) {
    notifier.close();
    const problem = `no desktop notification service is reachable (${(error as Error).message}); failures show in the UI and on this terminal`;
    console.error(`hookbridge: --notify: ${problem}.`);
    return { on: false, problem };
  }
  app.alerts.setOsNotifications(true);
  let said = false;
  app.bus.subscribe((message) => {
    if (message.type !== 'alert') return;
    notifier.show(message.data).catch((error: unknown) => {
      if (said) return;
      said = true;
      console.error(`hookbridge: --notify: a notification could not be shown (${(error as Error).message}); failures still show in the UI and on this terminal.`);
    });
  });
  return { on: true, by: notifier.name };
}

export function buildProgram(): Command {
  const program = new Command()
    .name('hookbridge')
    .description('Capture, inspect and replay the webhooks your providers send (LOX24, Soyio, anything).')
    .version(version)
    .showHelpAfterError();

  program
    .command('serve')
    .description('Run the capture engine and the UI without the desktop app (headless mode).')
    .option('--data-dir <dir>', 'data folder (default: $HOOKBRIDGE_DATA_DIR, else the desktop app’s folder)')
    .option('--ingress-port <port>', 'port of the webhook receiver on 127.0.0.1 (0 = any free)', integer(0, 65535), 8787)
    .option('--ui-port <port>', 'port of the UI and API on 127.0.0.1 (0 = any free)', integer(0, 65535), 8788)
    .option('--token <token>', 'control API token (default: random per run)')
    .option('--tunnel', 'expose the ingress through an ngrok tunnel', false)
    .option('--no-tunnel', 'do not start the tunnel (default)')
    .option('--ngrok-authtoken-file <path>', 'file holding the ngrok authtoken for --tunnel (default: $NGROK_AUTHTOKEN)')
    .option('--ngrok-domain <domain>', 'a domain reserved on your ngrok account, for --tunnel')
    .option('--json', 'print one JSON line with the URLs and token first, then one JSON line per stored event, for scripts')
    .option('--quiet', 'print no line per event (the startup lines and errors still print)')
    .option('--notify', 'show failures as desktop notifications from this process (a browser tab then stays quiet)')
    .option('--open', 'open the UI in the default browser')
    .addOption(new Option('--body-limit <bytes>', 'largest accepted body').argParser(integer(1, 1024 * 1024 * 1024)).default(5 * 1024 * 1024))
    .addOption(new Option('--request-timeout <ms>', 'time allowed for one whole request').argParser(integer(1, 3_600_000)).default(30_000))
    .addOption(new Option('--busy-timeout <ms>', 'how long a write waits for a database lock before answering 500').argParser(integer(0, 60_000)).default(2_000))
    // For the ingest benchmark's before/after: 1 commits each webhook in its own transaction.
    .addOption(new Option('--commit-batch <n>', 'most webhooks committed in one transaction (group commit)').argParser(integer(1, 10_000)).hideHelp())
    .addOption(new Option('--store-writer <where>', 'where the store commits: its own thread, or the main thread').choices(['thread', 'main']).default('thread').hideHelp())
    // For tests: a burst's summary after about a second instead of ten.
    .addOption(new Option('--alert-window <ms>', 'failures within this window are alerted one by one up to three, then summarized').argParser(integer(100, 600_000)).hideHelp())
    .action((options: ServeOptions) => serve(options));

  program
    .command('gen')
    .description('Fill a data folder with realistic LOX24 and Soyio events (for trying the UI and for benchmarks).')
    .requiredOption('--count <n>', 'how many events', integer(1, 50_000_000))
    .option('--data-dir <dir>', 'data folder (default: $HOOKBRIDGE_DATA_DIR, else the desktop app’s folder)')
    .option('--seed <n>', 'random seed, for the same events every time', integer(0, 2 ** 31), 1)
    .option('--days <n>', 'spread the events over this many days before now', integer(1, 3650), 30)
    .action((options: { count: number; dataDir?: string; seed: number; days: number }) => {
      const dataDir = resolveDataDir(options.dataDir);
      try {
        const result = generateEvents({ dataDir, count: options.count, seed: options.seed, days: options.days, onProgress: progress });
        process.stderr.write('\n');
        console.log(`Generated ${result.count} events in ${dataDir} (${(result.ms / 1000).toFixed(1)} s).`);
      } catch (error) {
        fail(error);
      }
    });

  program
    .command('export')
    .description('Write captured requests as test fixtures (redacted unless --no-redact).')
    .requiredOption('--out <dir>', 'a new or empty folder to write into')
    .option('--format <format>', 'json (a file per request), ts (one typed module), har, or curl (a replay script)', 'json')
    .option('--data-dir <dir>', 'data folder (default: $HOOKBRIDGE_DATA_DIR, else the desktop app’s folder)')
    .option('--no-redact', 'keep phone numbers, codes and references as captured')
    .option('--dedupe', 'one fixture per provider, event name and JSON shape')
    .option('--provider <provider>', 'only events of this provider: lox24, soyio, github, stripe, … or generic (listProviders names them all)')
    .option('--name <event>', 'only this event name')
    .option('--failed', 'only events that failed')
    .option('--search <text>', 'only events matching this full-text search')
    .option('--key <key>', 'only events with this correlation key (e.g. lox24:verify:<id>)')
    .option('--ids <ids>', 'only these event ids, comma-separated')
    .option('--filter <json>', 'the feed filter as JSON (what the UI puts in its URL)')
    .action((options: ExportCommandOptions) => exportCommand(options).catch(fail));

  program
    .command('replay')
    .description('Send a stored request again to a URL (your app), and show what it answered.')
    .argument('<id>', 'the event id (from the UI or the API)')
    .requiredOption('--to <url>', 'where to send it, e.g. http://localhost:3000/webhooks/lox24')
    .option('--resign', 'sign it again with the endpoint’s secret and a fresh timestamp')
    .option('--data-dir <dir>', 'data folder (default: $HOOKBRIDGE_DATA_DIR, else the desktop app’s folder)')
    .option('--json', 'print the result as one JSON line')
    .action((id: string, options: { to: string; resign?: boolean; dataDir?: string; json?: boolean }) => replayCommand(id, options).catch(fail));

  program
    .command('trigger')
    .description('Post a realistic sample (LOX24, Soyio, or a provider pack’s documented example) to an endpoint of a running Hookbridge (signed when it checks signatures).')
    .argument('<provider>', 'lox24, soyio, github, stripe, shopify, slack or standard-webhooks')
    .argument('<event-name>', 'e.g. verify_code.channel.failed, payment_intent.payment_failed or check_run.completed')
    .option('--endpoint <name>', 'endpoint name (default: the first endpoint)')
    .option('--ingress <url>', 'where Hookbridge receives webhooks', 'http://127.0.0.1:8787')
    .option('--data-dir <dir>', 'data folder (default: $HOOKBRIDGE_DATA_DIR, else the desktop app’s folder)')
    .action((provider: string, name: string, options: { endpoint?: string; ingress: string; dataDir?: string }) => triggerCommand(provider, name, options).catch(fail));

  program
    .command('mcp')
    .description('Run an MCP server on stdio for coding agents (Claude Code, Cursor, VS Code): read tools always, write tools with --allow-write. Attaches to the Hookbridge running on the data folder, or starts the engine itself.')
    .option('--data-dir <dir>', 'data folder (default: $HOOKBRIDGE_DATA_DIR, else the desktop app’s folder)')
    .option('--allow-write', 'also offer replay_event, send_sample, set_response_rule and set_forward')
    .option('--workspace <dir>', 'the folder export_fixtures may write into (default: the working directory)')
    .option('--allow-replay-host <host>', 'a host replay_event may send to besides loopback (repeatable)', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .addOption(new Option('--ingress-port <port>', 'port of the webhook receiver when this command starts the engine (0 = any free)').argParser(integer(0, 65535)).default(0))
    // For tests: wait_for_event's progress notifications sooner than every 10 s.
    .addOption(new Option('--progress-interval <ms>', 'progress notification interval').argParser(integer(50, 60_000)).hideHelp())
    .action((options: McpOptions) => mcpCommand(options).catch(fail));

  const providers = program.command('providers').description('The providers Hookbridge describes, your packs, and their imported OpenAPI descriptions.');
  providers
    .command('list')
    .description('List every provider (built in and your packs) and the OpenAPI description imported for each.')
    .option('--data-dir <dir>', 'data folder (default: $HOOKBRIDGE_DATA_DIR, else the desktop app’s folder)')
    .option('--json', 'print one JSON object')
    .action((options: { dataDir?: string; json?: boolean }) => {
      try {
        listProvidersCommand(options);
      } catch (error) {
        fail(error);
      }
    });
  providers
    .command('import-openapi')
    .description('Import a provider’s OpenAPI 3.0/3.1 description (JSON or YAML): its webhooks’ schemas check that provider’s captured payloads from then on.')
    .argument('<file>', 'the OpenAPI document, e.g. api.github.com.json from @octokit/openapi-webhooks')
    .option('--provider <id>', 'the provider its webhooks come from (default: recognised from the document’s title)')
    .option('--data-dir <dir>', 'data folder (default: $HOOKBRIDGE_DATA_DIR, else the desktop app’s folder)')
    .option('--json', 'print the result as one JSON line')
    .action((file: string, options: { provider?: string; dataDir?: string; json?: boolean }) => {
      try {
        importOpenApiCommand(file, options);
      } catch (error) {
        fail(error);
      }
    });

  return program;
}

function progress(done: number, total: number): void {
  if (process.stderr.isTTY) process.stderr.write(`\r  ${done} / ${total}`);
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}

// Run when executed directly (bin/hookbridge.js imports dist/cli.js and calls main).
if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv).catch(fail);
}
