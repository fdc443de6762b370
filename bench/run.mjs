// Hookbridge benchmarks: `npm run bench` runs every part, `npm run bench -- ingest` only the ones named.
//
// ingest: how fast `hookbridge serve` captures webhooks, measured against a bare node:http server on the same
// machine in the same run. Both get the same LOX24 payload (test/fixtures/seeds/…channel.failed.json, JSON)
// from autocannon with 64 keep-alive connections. Hookbridge's req/s and p99 are reported as ratios to the
// bare server's (targets: req/s >= 0.6 × bare, p99 <= 3 × bare), because absolute numbers on a noisy 2-core
// machine say little. A third target is the same serve with `--commit-batch 1` (each webhook committed in its
// own transaction): the "before" of group commit, measured in the same run. The runs alternate (A, B, C, A, …,
// after a warm-up of each): a slow minute on the machine then hits every target instead of skewing one. After the runs the
// bench checks durability: every 2xx autocannon counted for Hookbridge must be in the database (counted live,
// and again by a fresh `hookbridge serve` on the same folder after a clean stop).
//
// openapi: GitHub's webhooks OpenAPI description imported into a real serve: every community example checked,
// and ingest with the description ÷ without it (the check runs in a worker thread, behind the commit).
//
// Environment: BENCH_ROUNDS (3), BENCH_SECONDS (5 per run), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (64).
// Figures go to stdout and to bench/results.json (git-ignored). Traffic goes only to 127.0.0.1.
// Parts whose issue has not landed say "not yet" and make the exit code non-zero.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = path.join(root, 'bench');
const resultsFile = path.join(benchDir, 'results.json');

function envInt(name, fallback, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`bench: ${name}=${raw} is not a whole number >= ${min}.`);
    process.exit(2);
  }
  return value;
}

const settings = {
  rounds: envInt('BENCH_ROUNDS', 3, 1),
  seconds: envInt('BENCH_SECONDS', 5, 1),
  warmupSeconds: envInt('BENCH_WARMUP_SECONDS', 2, 0),
  connections: envInt('BENCH_CONNECTIONS', 64, 1),
};
const targets = { throughputRatioMin: 0.6, p99RatioMax: 3 };

// ---------------------------------------------------------------------------------------------------------
// Children and temp folders: tracked so that nothing outlives the bench, whatever happens.

const children = new Set();
const tempDirs = new Set();

function killAllNow() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
}

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`bench: ${signal}, stopping.`);
    killAllNow();
    process.exit(130);
  });
}

function startHardTimeout(selected) {
  // ~5 minutes, or more when BENCH_ROUNDS / BENCH_SECONDS ask for longer runs than that; generating and querying
  // a million events (history, ui) gets 25 minutes more. BENCH_TIMEOUT_SECONDS overrides it all.
  const plannedSeconds = 3 * (settings.warmupSeconds + settings.rounds * settings.seconds) + (selected.includes('history') || selected.includes('ui') ? 1_500 : 0) +
    (selected.includes('openapi') ? 2 * (settings.warmupSeconds + settings.rounds * settings.seconds) + 420 : 0);
  const limitMs = envInt('BENCH_TIMEOUT_SECONDS', Math.max(300, plannedSeconds + 120), 10) * 1000;
  const timer = setTimeout(() => {
    console.error(`bench: hard timeout after ${limitMs / 1000} s; killing the servers.`);
    killAllNow();
    process.exit(1);
  }, limitMs);
  timer.unref();
  return timer;
}

/** Spawns a node child, resolves with the first JSON line it prints on stdout. */
function spawnJson(label, args, { timeoutMs = 20_000 } = {}) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  const lines = createInterface({ input: child.stdout });
  const first = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} printed nothing within ${timeoutMs} ms. ${stderr}`)), timeoutMs);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`${label} printed "${line}" instead of one JSON line. ${stderr}`));
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${signal ?? code}) before it was ready. ${stderr.trim()}`));
    });
  });
  // Keep draining stdout after the first line, so a chatty child never blocks on a full pipe.
  lines.on('line', () => {});
  return {
    child,
    first,
    exited,
    stderr: () => stderr,
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

function assertLoopback(url, what) {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1') throw new Error(`${what} is ${url}; the bench only sends traffic to 127.0.0.1.`);
}

/** POST over node:http (loopback only); resolves with {status, body}. */
function post(url, body, headers = {}) {
  assertLoopback(url, 'a request URL');
  return new Promise((resolve, reject) => {
    const data = typeof body === 'string' ? body : JSON.stringify(body);
    const req = http.request(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`POST ${url} timed out`)));
    req.on('error', reject);
    req.end(data);
  });
}

async function callApi(serveInfo, method, input = {}) {
  const base = new URL(serveInfo.ui);
  const url = `${base.protocol}//${base.host}/api/${method}`;
  const res = await post(url, input, { Authorization: `Bearer ${serveInfo.token}` });
  if (res.status !== 200) throw new Error(`${method} answered ${res.status}: ${res.body}`);
  return JSON.parse(res.body);
}

function startServe(dataDir, extraArgs = []) {
  const bin = path.join(root, 'bin', 'hookbridge.js');
  return spawnJson('hookbridge serve', [bin, 'serve', '--json', '--data-dir', dataDir, '--ingress-port', '0', '--ui-port', '0', ...extraArgs]);
}

// ---------------------------------------------------------------------------------------------------------
// ingest

function cannon(url, payload, seconds) {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload,
    connections: settings.connections,
    duration: seconds,
  });
}

/** The figures of one autocannon run that the report uses. */
function figures(result) {
  return {
    reqPerSec: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    latencyMean: result.latency.mean,
    latencyMax: result.latency.max,
    twoXx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    resets: result.resets,
    durationSeconds: result.duration,
  };
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const sum = (values) => values.reduce((a, b) => a + b, 0);

function summarize(warmup, rounds) {
  const all = warmup ? [warmup, ...rounds] : rounds;
  return {
    reqPerSec: mean(rounds.map((r) => r.reqPerSec)),
    p50: mean(rounds.map((r) => r.p50)),
    p99: mean(rounds.map((r) => r.p99)),
    reqPerSecByRound: rounds.map((r) => r.reqPerSec),
    p99ByRound: rounds.map((r) => r.p99),
    non2xx: sum(all.map((r) => r.non2xx)),
    errors: sum(all.map((r) => r.errors)),
    timeouts: sum(all.map((r) => r.timeouts)),
    twoXx: sum(all.map((r) => r.twoXx)),
    warmup,
    rounds,
  };
}

let builtThisRun = false;

/** Builds dist/ from the current sources once per run (3 s): a stale bundle would measure old code. */
function ensureBuilt() {
  if (builtThisRun) return;
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  builtThisRun = true;
}

async function ingest() {
  ensureBuilt();
  const payloadFile = path.join(root, 'test', 'fixtures', 'seeds', 'lox24.verify_code.channel.failed.json');
  const payload = fs.readFileSync(payloadFile, 'utf8');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbridge-bench-'));
  tempDirs.add(dataDir);
  // The "before" of group commit, in the same run: the same serve committing each webhook on its own.
  const singleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbridge-bench-single-'));
  tempDirs.add(singleDir);

  let serve = null;
  let single = null;
  let bare = null;
  try {
    serve = startServe(dataDir);
    single = startServe(singleDir, ['--commit-batch', '1']);
    bare = spawnJson('bare server', [path.join(benchDir, 'bare-server.mjs')]);
    const serveInfo = await serve.first;
    const singleInfo = await single.first;
    const bareInfo = await bare.first;
    for (const info of [serveInfo, singleInfo]) {
      assertLoopback(info.ingress, 'the ingress');
      assertLoopback(info.ui, 'the UI');
    }
    const endpointUrl = (info) => {
      const endpoint = info.endpoints.find((e) => e.name === 'default') ?? info.endpoints[0];
      if (!endpoint) throw new Error('hookbridge serve printed no endpoint.');
      return `${endpoint.url}/lox24`;
    };
    const targetUrls = { hookbridge: endpointUrl(serveInfo), single: endpointUrl(singleInfo), bare: `${bareInfo.url}/` };
    for (const url of Object.values(targetUrls)) assertLoopback(url, 'a target');

    // One request each first: a wrong URL or a refusal should fail in a second, not after the runs.
    let hookbridge2xx = 0;
    for (const [name, url] of Object.entries(targetUrls)) {
      const res = await post(url, payload);
      if (res.status !== 200) throw new Error(`${name} answered ${res.status} to the LOX24 payload: ${res.body}`);
      if (name === 'hookbridge') hookbridge2xx++;
    }

    const order = ['hookbridge', 'single', 'bare'];
    const labels = { hookbridge: 'hookbridge', single: 'hookbridge, 1 per commit', bare: 'bare' };
    const warmups = {};
    const rounds = { hookbridge: [], single: [], bare: [] };
    const alive = () => {
      for (const [name, proc] of [['hookbridge serve', serve], ['hookbridge serve --commit-batch 1', single], ['bare server', bare]]) {
        if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
          const how = proc.child.signalCode ?? `code ${proc.child.exitCode}`;
          throw new Error(`${name} stopped during the bench (${how}). ${proc.stderr().trim()}`);
        }
      }
    };
    if (settings.warmupSeconds > 0) {
      for (const name of order) {
        process.stdout.write(`  warm-up ${labels[name]} (${settings.warmupSeconds} s)\n`);
        warmups[name] = figures(await cannon(targetUrls[name], payload, settings.warmupSeconds));
        alive();
      }
    }
    for (let round = 1; round <= settings.rounds; round++) {
      for (const name of order) {
        const f = figures(await cannon(targetUrls[name], payload, settings.seconds));
        rounds[name].push(f);
        alive();
        process.stdout.write(
          `  round ${round}/${settings.rounds} ${labels[name].padEnd(27)} ${f.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms\n`,
        );
      }
    }

    const hb = summarize(warmups.hookbridge, rounds.hookbridge);
    const perRequest = summarize(warmups.single, rounds.single);
    const base = summarize(warmups.bare, rounds.bare);
    const singleLive = await callApi(singleInfo, 'getStatus');
    const singleStopped = await single.stop();
    if (singleStopped.code !== 0) throw new Error(`hookbridge serve --commit-batch 1 exited with ${singleStopped.signal ?? singleStopped.code} on SIGTERM. ${single.stderr().trim()}`);
    single = null;
    hookbridge2xx += hb.twoXx;
    const throughputRatio = hb.reqPerSec / base.reqPerSec;
    // autocannon records latency in whole milliseconds: a bare p99 under 1 ms counts as 1 ms.
    const p99Ratio = hb.p99 / Math.max(base.p99, 1);

    // Durability: what the running server says, then what a fresh server counts in the database.
    const live = await callApi(serveInfo, 'getStatus');
    const stopped = await serve.stop();
    if (stopped.code !== 0) throw new Error(`hookbridge serve exited with ${stopped.signal ?? stopped.code} on SIGTERM. ${serve.stderr().trim()}`);
    serve = startServe(dataDir);
    const againInfo = await serve.first;
    assertLoopback(againInfo.ui, 'the UI');
    const again = await callApi(againInfo, 'getStatus');
    await serve.stop();
    serve = null;

    const pruned = live.retention.totalPruned;
    const durability = {
      answered2xx: hookbridge2xx,
      storedCounter: live.counters.stored,
      eventsLive: live.retention.events,
      eventsAfterRestart: again.retention.events,
      pruned,
      everyAnswerStored: again.retention.events + pruned >= hookbridge2xx,
    };

    return {
      settings: { ...settings, payload: path.relative(root, payloadFile), payloadBytes: Buffer.byteLength(payload) },
      hookbridge: hb,
      // +1: the first check request before the runs.
      commitPerRequest: {
        ...perRequest,
        ratio: perRequest.reqPerSec / base.reqPerSec,
        stored: singleLive.retention.events,
        everyAnswerStored: singleLive.retention.events + singleLive.retention.totalPruned >= perRequest.twoXx + 1,
      },
      bare: base,
      ratios: {
        groupCommitGain: hb.reqPerSec / perRequest.reqPerSec,
        throughput: throughputRatio,
        p99: p99Ratio,
        throughputPass: throughputRatio >= targets.throughputRatioMin,
        p99Pass: p99Ratio <= targets.p99RatioMax,
      },
      targets,
      durability,
      serveCounters: live.counters,
      serveStore: live.store,
    };
  } finally {
    await serve?.stop();
    await single?.stop();
    await bare?.stop(2_000);
    for (const dir of [dataDir, singleDir]) {
      fs.rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    }
  }
}

function printIngest(r) {
  const n = (v, digits = 0) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const s = r.settings;
  const row = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(13) : String(c).padStart(i === 6 ? 28 : 9))).join(' ');
  console.log('');
  console.log(
    `ingest — ${s.connections} connections, ${s.rounds} rounds × ${s.seconds} s per target, alternating` +
      `${s.warmupSeconds ? ` (after ${s.warmupSeconds} s warm-up each)` : ''}; ${path.basename(s.payload)} (${s.payloadBytes} B)`,
  );
  console.log(row(['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'err/t-o', 'req/s by round']));
  for (const [label, t] of [['hookbridge', r.hookbridge], ['1 per commit', r.commitPerRequest], ['bare node', r.bare]]) {
    console.log(
      row([
        label,
        n(t.reqPerSec),
        n(t.p50, 1),
        n(t.p99, 1),
        n(t.non2xx),
        `${t.errors}/${t.timeouts}`,
        t.reqPerSecByRound.map((v) => n(v)).join(' '),
      ]),
    );
  }
  const mark = (ok) => (ok ? 'PASS' : 'MISS');
  console.log(
    `req/s  hookbridge ÷ bare = ${r.ratios.throughput.toFixed(2)}  (target >= ${r.targets.throughputRatioMin})  ${mark(r.ratios.throughputPass)}`,
  );
  console.log(`p99    hookbridge ÷ bare = ${r.ratios.p99.toFixed(2)}  (target <= ${r.targets.p99RatioMax})  ${mark(r.ratios.p99Pass)}`);
  console.log(
    `group commit: ${r.ratios.groupCommitGain.toFixed(2)} × the req/s of the same serve committing each webhook on its own ` +
      `(--commit-batch 1: ${n(r.commitPerRequest.reqPerSec)} req/s, ${r.commitPerRequest.ratio.toFixed(2)} × bare, p99 ${n(r.commitPerRequest.p99, 1)} ms)`,
  );
  const d = r.durability;
  console.log(
    `durability: hookbridge answered ${n(d.answered2xx)} × 2xx (incl. warm-up and a first check); ` +
      `stored ${n(d.eventsLive)} (live status, counter ${n(d.storedCounter)}), ` +
      `${n(d.eventsAfterRestart)} counted by a fresh serve after a clean stop` +
      `${d.pruned ? `, ${n(d.pruned)} pruned by retention` : ''} — ` +
      (d.everyAnswerStored ? 'every 2xx is stored' : `MISSING ${n(d.answered2xx - d.eventsAfterRestart - d.pruned)} answered events`),
  );
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: { model: cpus[0]?.model ?? 'unknown', count: cpus.length },
    memory: { totalBytes: os.totalmem(), totalGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10 },
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}


// ---------------------------------------------------------------------------------------------------------
// Generated history, shared by the parts that need it (history, ui): each size is generated once per run, with
// `hookbridge gen` (both providers, mixed severities, spread over a year), and removed when the bench ends.

const generated = new Map();

function generatedStore(count) {
  const known = generated.get(count);
  if (known) return known;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbridge-bench-store-'));
  tempDirs.add(dataDir);
  const started = Date.now();
  process.stdout.write(`  generating ${count.toLocaleString('en-US')} events\n`);
  execFileSync(process.execPath, [path.join(root, 'bin', 'hookbridge.js'), 'gen', '--count', String(count), '--data-dir', dataDir, '--days', '365'], { stdio: 'ignore' });
  const store = { dataDir, genSeconds: (Date.now() - started) / 1000 };
  generated.set(count, store);
  return store;
}

/** BENCH_HISTORY_EVENTS (1,000,000), or the largest count the temp folder's free disk holds, and why. */
let largeSize = null;

function largeStoreSize() {
  // Decided once per run: history and ui must measure the same store, and free disk shrinks once it exists.
  largeSize ??= decideLargeStoreSize();
  return largeSize;
}

function decideLargeStoreSize() {
  const wanted = envInt('BENCH_HISTORY_EVENTS', 1_000_000, 10_000);
  const bytesPerEvent = 3_200; // measured with hookbridge gen (~2,800 B); the check below leaves 50 % headroom
  const free = fs.statfsSync(os.tmpdir());
  const freeBytes = free.bavail * free.bsize;
  if (wanted * bytesPerEvent * 1.5 <= freeBytes) return { count: wanted, note: null };
  const fits = Math.floor(freeBytes / (bytesPerEvent * 1.5) / 10_000) * 10_000;
  const note = `only ${(freeBytes / 1e9).toFixed(1)} GB free in ${os.tmpdir()}: measured ${fits.toLocaleString('en-US')} events instead of ${wanted.toLocaleString('en-US')}`;
  console.log(`  note: ${note}`);
  return { count: fits, note };
}

// ---------------------------------------------------------------------------------------------------------
// ui: time from navigation to the first feed rows in Chromium, against a small and a large generated store.

async function uiFirstRows() {
  ensureBuilt();
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`ui: Chromium is not at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
  // The same stores as history: 1,000 events and the large one (BENCH_HISTORY_EVENTS, 1,000,000).
  if (process.env.BENCH_UI_EVENTS) console.log('  note: BENCH_UI_EVENTS is no longer read; the ui part uses the history stores (BENCH_HISTORY_EVENTS).');
  const { count: large, note } = largeStoreSize();
  const sizes = [1_000, large];
  const loads = envInt('BENCH_UI_LOADS', 5, 1);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const stores = [];
  try {
    for (const count of sizes) {
      const { dataDir, genSeconds } = generatedStore(count);
      const serve = startServe(dataDir);
      const info = await serve.first;
      assertLoopback(info.ui, 'the UI');
      const times = [];
      try {
        for (let i = 0; i < loads + 1; i++) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
          const page = await context.newPage();
          await page.goto(info.ui);
          await page.waitForSelector('.feed-row', { timeout: 30_000 });
          const ms = await page.evaluate(() => performance.now());
          if (i > 0) times.push(ms); // the first load warms the server's caches
          await context.close();
        }
      } finally {
        await serve.stop();
      }
      times.sort((a, b) => a - b);
      stores.push({ events: count, genSeconds, loads: times, p50: times[Math.floor(times.length / 2)], max: times.at(-1) });
    }
  } finally {
    await browser.close();
  }
  const [smallStore, largeStore] = stores;
  return { stores, ratio: largeStore.p50 / smallStore.p50, target: 2, note };
}

function printUi(r) {
  console.log('\nui — time from navigation to the first feed rows (Chromium, 1280×720), median of the loads after a warm-up');
  if (r.note) console.log(`  note: ${r.note}`);
  for (const s of r.stores) {
    console.log(`  ${String(s.events.toLocaleString('en-US')).padStart(9)} events   p50 ${s.p50.toFixed(0).padStart(5)} ms   max ${s.max.toFixed(0).padStart(5)} ms   (generated in ${s.genSeconds.toFixed(1)} s)`);
  }
  console.log(`  large ÷ small = ${r.ratio.toFixed(2)}  (target <= ${r.target})  ${r.ratio <= r.target ? 'PASS' : 'MISS'}`);
}

// stream: the UI under a live burst. Chromium shows the feed of a real serve while 500 webhooks a second arrive
// for 10 s (BENCH_STREAM_RATE, BENCH_STREAM_SECONDS); a long-task observer in the page records every main-thread
// task over 50 ms. Target: no long task over 100 ms, and the feed caught up (its count says every event).
async function liveStream() {
  ensureBuilt();
  const rate = envInt('BENCH_STREAM_RATE', 500, 10);
  const seconds = envInt('BENCH_STREAM_SECONDS', 10, 1);
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`stream: Chromium is not at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbridge-bench-stream-'));
  tempDirs.add(dataDir);
  const serve = startServe(dataDir);
  const info = await serve.first;
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(info.ui);
    await page.waitForSelector('.toolbar');
    await page.evaluate(() => {
      globalThis.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) globalThis.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const payload = fs.readFileSync(path.join(root, 'test', 'fixtures', 'seeds', 'lox24.verify_code.channel.failed.json'));
    const url = info.endpoints[0].url;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    const post = () =>
      new Promise((resolve) => {
        const request = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length } }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode));
        });
        request.on('error', () => resolve(0));
        request.end(payload);
      });
    // Paced in 20 ms ticks, so the rate is steady rather than one burst a second.
    const total = rate * seconds;
    const perTick = rate / 50;
    const sends = [];
    const started = Date.now();
    for (let tick = 0; sends.length < total; tick++) {
      const due = started + tick * 20;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      for (let i = 0; i < perTick && sends.length < total; i++) sends.push(post());
    }
    const statuses = await Promise.all(sends);
    const sentSeconds = (Date.now() - started) / 1000;
    agent.destroy();
    // The page has caught up when its status bar counts every event.
    const deadline = Date.now() + 30_000;
    let shown = 0;
    while (Date.now() < deadline) {
      shown = await page.evaluate(() => Number((document.querySelector('.statusbar')?.textContent ?? '').match(/([\d,]+) events? today/)?.[1]?.replace(/,/g, '') ?? 0));
      if (shown >= total) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const longTasks = await page.evaluate(() => globalThis.__longTasks);
    return {
      rate,
      seconds,
      sent: total,
      sentSeconds,
      ok: statuses.filter((s) => s === 200).length,
      shown,
      longTasks: longTasks.length,
      longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
      over100: longTasks.filter((d) => d > 100).length,
      target: 100,
    };
  } finally {
    await browser.close();
    await serve.stop();
  }
}

function printStream(r) {
  console.log(`\nstream — Chromium showing the live feed while ${r.rate} webhooks/s arrive for ${r.seconds} s`);
  console.log(`  sent ${r.sent} in ${r.sentSeconds.toFixed(1)} s, ${r.ok} answered 200; the page counted ${r.shown}`);
  console.log(`  long tasks (> 50 ms): ${r.longTasks}, longest ${r.longestTaskMs.toFixed(0)} ms, over ${r.target} ms: ${r.over100}  ${r.over100 === 0 ? 'PASS' : 'MISS'}`);
}

// history: what a year of captures does to the UI's queries. Two generated folders (1,000 and
// BENCH_HISTORY_EVENTS, default 1,000,000, both providers, mixed severities); for each, over the control API of a
// real serve: the first feed page, a failed-only page, a full-text search, opening one event, the timeline of one
// correlation key (p50/p95 of BENCH_HISTORY_REPS after a warm-up), the server's RSS and database bytes per event.
// Targets are growth ratios, large ÷ small: pages and event open <= 2, search <= 5, RSS <= 1.5.
async function historyAtScale() {
  ensureBuilt();
  const reps = envInt('BENCH_HISTORY_REPS', 30, 5);
  const { count: large, note } = largeStoreSize();
  const stores = [];
  for (const count of [1_000, large]) {
    const { dataDir, genSeconds } = generatedStore(count);
    const serve = startServe(dataDir);
    const info = await serve.first;
    const origin = new URL(info.ui).origin;
    const call = async (method, input = {}) => {
      const response = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${info.token}` }, body: JSON.stringify(input) });
      if (!response.ok) throw new Error(`${method} answered ${response.status}: ${await response.text()}`);
      return response.json();
    };
    const timed = async (fn) => {
      const t = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    try {
      // gen indexes as it writes; the first search (cold caches) is timed on its own, the rest are warm.
      const firstSearchMs = await timed(() => call('listEvents', { filter: { text: 'timeout' }, limit: 50 }));
      const first = await call('listEvents', { limit: 100 });
      const sample = first.events.slice(0, 50).map((e) => e.id);
      const detail = await call('getEvent', { id: sample[0] });
      const key = detail.correlationKeys.find((k) => k.startsWith('lox24:verify:') || k.startsWith('soyio:user:')) ?? detail.correlationKeys[0];
      const queries = {
        firstPage: () => call('listEvents', { limit: 100 }),
        failedPage: () => call('listEvents', { filter: { severity: ['failed'] }, limit: 100 }),
        search: () => call('listEvents', { filter: { text: 'Telegram' }, limit: 100 }),
        openEvent: (i) => call('getEvent', { id: sample[i % sample.length] }),
        timeline: () => call('getTimeline', { key }),
      };
      const results = {};
      for (const [name, query] of Object.entries(queries)) {
        await query(0); // warm-up
        const times = [];
        for (let i = 0; i < reps; i++) times.push(await timed(() => query(i)));
        times.sort((a, b) => a - b);
        results[name] = { p50: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] };
      }
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${serve.child.pid}/status`, 'utf8'))?.[1] ?? 0);
      const dbBytes = fs.statSync(path.join(dataDir, 'hookbridge.db')).size + (fs.existsSync(path.join(dataDir, 'hookbridge.db-wal')) ? fs.statSync(path.join(dataDir, 'hookbridge.db-wal')).size : 0);
      stores.push({ events: count, genSeconds, firstSearchMs, queries: results, rssMb: rssKb / 1024, bytesPerEvent: dbBytes / count });
    } finally {
      await serve.stop();
    }
  }
  const [s, l] = stores;
  const targets = { firstPage: 2, failedPage: 2, openEvent: 2, timeline: 2, search: 5 };
  const ratios = Object.fromEntries(Object.keys(targets).map((q) => [q, { ratio: l.queries[q].p50 / s.queries[q].p50, target: targets[q] }]));
  ratios.rss = { ratio: l.rssMb / s.rssMb, target: 1.5 };
  return { stores, ratios, note };
}

function printHistory(r) {
  console.log('\nhistory — control API queries over generated history (p50 / p95 ms)');
  if (r.note) console.log(`  note: ${r.note}`);
  const names = ['firstPage', 'failedPage', 'search', 'openEvent', 'timeline'];
  console.log(`  ${'events'.padStart(10)}  ${names.map((n) => n.padStart(16)).join('')}  ${'RSS MB'.padStart(8)}  ${'B/event'.padStart(8)}  1st search ms`);
  for (const s of r.stores) {
    console.log(
      `  ${s.events.toLocaleString('en-US').padStart(10)}  ${names.map((n) => `${s.queries[n].p50.toFixed(1)} / ${s.queries[n].p95.toFixed(1)}`.padStart(16)).join('')}  ${s.rssMb.toFixed(0).padStart(8)}  ${s.bytesPerEvent.toFixed(0).padStart(8)}  ${s.firstSearchMs.toFixed(0)}`,
    );
  }
  for (const [name, { ratio, target }] of Object.entries(r.ratios)) console.log(`  ${name.padEnd(11)} large ÷ small = ${ratio.toFixed(2)}  (target <= ${target})  ${ratio <= target ? 'PASS' : 'MISS'}`);
}

// export: `hookbridge export` of BENCH_EXPORT_EVENTS (10,000) generated LOX24 and Soyio events in each format,
// redacted (the default), as a user runs it (process start included); json also without redaction, so the
// cost of redaction shows. Reported as events per second.
async function exportSpeed() {
  ensureBuilt();
  const count = envInt('BENCH_EXPORT_EVENTS', 10_000, 100);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbridge-bench-export-'));
  tempDirs.add(dataDir);
  const cli = path.join(root, 'bin', 'hookbridge.js');
  execFileSync(process.execPath, [cli, 'gen', '--count', String(count), '--data-dir', dataDir], { stdio: 'ignore' });
  const runs = [];
  for (const [format, redact] of [['json', true], ['json', false], ['ts', true], ['har', true], ['curl', true]]) {
    const out = path.join(dataDir, `out-${format}-${redact ? 'redacted' : 'raw'}`);
    const started = process.hrtime.bigint();
    execFileSync(process.execPath, [cli, 'export', '--data-dir', dataDir, '--out', out, '--format', format, ...(redact ? [] : ['--no-redact'])], { stdio: 'ignore' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const bytes = fs.readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).reduce((sum, e) => sum + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
    runs.push({ format, redact, events: count, seconds, eventsPerSecond: count / seconds, bytes });
  }
  return { runs };
}

function printExport(r) {
  console.log('\nexport — hookbridge export of generated events (process start included)');
  for (const run of r.runs) {
    console.log(
      `  ${run.format.padEnd(4)} ${run.redact ? 'redacted  ' : 'unredacted'}  ${run.events.toLocaleString('en-US')} events in ${run.seconds.toFixed(2)} s = ${Math.round(run.eventsPerSecond).toLocaleString('en-US').padStart(7)} events/s   ${(run.bytes / 1024 / 1024).toFixed(1)} MiB`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// openapi: GitHub's webhooks OpenAPI description imported into a real serve. First every community example
// (@octokit/webhooks-examples) is posted and the time until all are checked is measured (validators compile on
// first use, in the schema worker). Then the ingest cost: the same serve with and without the description,
// GitHub's check_run.completed example from autocannon, alternating rounds; after the runs, how long the checks
// take to catch up, and whether every stored row was checked.

const requireFromRoot = createRequire(path.join(root, 'package.json'));

function pendingChecks(dataDir) {
  const db = new Database(path.join(dataDir, 'hookbridge.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT count(*) AS rows, coalesce(sum(schema_pending = 1), 0) AS pending, coalesce(sum(schema_check IS NOT NULL), 0) AS checked FROM requests WHERE provider = 'github'").get();
  } finally {
    db.close();
  }
}

async function untilChecked(dataDir, limitMs) {
  const started = performance.now();
  for (;;) {
    const counts = pendingChecks(dataDir);
    if (counts.pending === 0) return { ...counts, ms: performance.now() - started };
    if (performance.now() - started > limitMs) throw new Error(`${counts.pending} GitHub events still wait for their check after ${limitMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function openapiChecks() {
  ensureBuilt();
  const document = fs.readFileSync(requireFromRoot.resolve('@octokit/openapi-webhooks/generated/api.github.com.json'), 'utf8');
  const groups = JSON.parse(fs.readFileSync(requireFromRoot.resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8'));
  const examples = groups.flatMap((g) => g.examples.map((body) => ({ event: g.name, body: JSON.stringify(body) })));
  const checkRun = JSON.stringify(groups.find((g) => g.name === 'check_run').examples.find((e) => e.action === 'completed'));
  const dirs = ['examples', 'with', 'without'].map((name) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hookbridge-bench-openapi-${name}-`));
    tempDirs.add(dir);
    return dir;
  });
  const serves = [];
  try {
    // 1. every example, checked
    const first = startServe(dirs[0]);
    serves.push(first);
    const info = await first.first;
    assertLoopback(info.ui, 'the UI');
    const importStarted = performance.now();
    const imported = await callApi(info, 'importOpenApi', { fileName: 'api.github.com.json', content: document });
    const importMs = performance.now() - importStarted;
    const url = info.endpoints[0].url;
    const postStarted = performance.now();
    for (const e of examples) {
      const res = await post(url, e.body, { 'X-GitHub-Event': e.event });
      if (res.status !== 200) throw new Error(`an example was answered ${res.status}: ${res.body}`);
    }
    const postedMs = performance.now() - postStarted;
    const drained = await untilChecked(dirs[0], 120_000);
    const db = new Database(path.join(dirs[0], 'hookbridge.db'), { readonly: true });
    const checks = db.prepare("SELECT schema_check FROM requests WHERE provider = 'github'").pluck().all().map((c) => JSON.parse(c));
    db.close();
    const byMessage = {};
    for (const c of checks) for (const i of c.issues) byMessage[i.message] = (byMessage[i.message] ?? 0) + 1;
    const exampleRun = {
      webhooks: imported.webhooks,
      importMs,
      examples: examples.length,
      postedMs,
      allCheckedMsAfterPosting: drained.ms,
      clean: checks.filter((c) => c.issues.length === 0).length,
      withIssues: checks.filter((c) => c.issues.length > 0).length,
      issuesByMessage: byMessage,
    };
    await first.stop();
    serves.length = 0;

    // 2. ingest with and without the description
    const withSpec = startServe(dirs[1]);
    const withoutSpec = startServe(dirs[2]);
    serves.push(withSpec, withoutSpec);
    const infos = { with: await withSpec.first, without: await withoutSpec.first };
    await callApi(infos.with, 'importOpenApi', { fileName: 'api.github.com.json', content: document });
    const targetsNow = Object.fromEntries(Object.entries(infos).map(([k, v]) => [k, v.endpoints[0].url]));
    for (const u of Object.values(targetsNow)) assertLoopback(u, 'a target');
    const fire = (u, seconds) =>
      autocannon({ url: u, method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'check_run' }, body: checkRun, connections: settings.connections, duration: seconds });
    const rounds = { with: [], without: [] };
    if (settings.warmupSeconds > 0) for (const k of ['with', 'without']) await fire(targetsNow[k], settings.warmupSeconds);
    for (let round = 1; round <= settings.rounds; round++) {
      for (const k of ['with', 'without']) {
        const f = figures(await fire(targetsNow[k], settings.seconds));
        rounds[k].push(f);
        process.stdout.write(`  round ${round}/${settings.rounds} ${`${k} the description`.padEnd(24)} ${f.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms\n`);
      }
    }
    const caughtUp = await untilChecked(dirs[1], 300_000);
    const a = summarize(null, rounds.with);
    const b = summarize(null, rounds.without);
    return {
      examples: exampleRun,
      ingest: {
        payload: 'check_run.completed (@octokit/webhooks-examples)',
        with: { reqPerSec: a.reqPerSec, p50: a.p50, p99: a.p99 },
        without: { reqPerSec: b.reqPerSec, p50: b.p50, p99: b.p99 },
        throughputRatio: a.reqPerSec / b.reqPerSec,
        p99Ratio: a.p99 / Math.max(b.p99, 1),
        checksCaughtUpMs: caughtUp.ms,
        rows: caughtUp.rows,
        checked: caughtUp.checked,
      },
    };
  } finally {
    for (const serve of serves) await serve.stop();
    for (const dir of dirs) {
      fs.rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    }
  }
}

function printOpenapi(r) {
  const e = r.examples;
  const i = r.ingest;
  const n = (v) => Math.round(v).toLocaleString('en-US');
  console.log(`\nopenapi — GitHub's webhooks description (${e.webhooks} webhooks) imported into a real serve`);
  console.log(`  import over the API: ${n(e.importMs)} ms; ${e.examples} community examples posted in ${n(e.postedMs)} ms, all checked ${n(e.allCheckedMsAfterPosting)} ms later`);
  console.log(`  ${e.clean} without issues, ${e.withIssues} with: ${Object.entries(e.issuesByMessage).map(([m, c]) => `${c} ${m}`).join(', ')}`);
  console.log(`  ingest of ${i.payload}: with the description ${n(i.with.reqPerSec)} req/s (p99 ${n(i.with.p99)} ms), without ${n(i.without.reqPerSec)} req/s (p99 ${n(i.without.p99)} ms): ratio ${i.throughputRatio.toFixed(2)}`);
  console.log(`  the checks caught up ${n(i.checksCaughtUpMs)} ms after the last round; ${i.checked.toLocaleString('en-US')} of ${i.rows.toLocaleString('en-US')} rows checked`);
}

const openapiTargets = (r) => [
  ['req/s with ÷ without the description', r.ingest.throughputRatio.toFixed(2), '>= 0.9', r.ingest.throughputRatio >= 0.9],
  ['every stored row checked', `${r.ingest.checked} / ${r.ingest.rows}`, 'all', r.ingest.checked === r.ingest.rows],
  ['every example checked', `${r.examples.clean + r.examples.withIssues} / ${r.examples.examples}`, 'all', r.examples.clean + r.examples.withIssues === r.examples.examples],
];

// ---------------------------------------------------------------------------------------------------------

// Every target of every part, for the summary at the end: [figure, measured, target, pass].
const ingestTargets = (r) => [
  ['req/s, hookbridge ÷ bare', r.ratios.throughput.toFixed(2), `>= ${r.targets.throughputRatioMin}`, r.ratios.throughputPass],
  ['p99, hookbridge ÷ bare', r.ratios.p99.toFixed(2), `<= ${r.targets.p99RatioMax}`, r.ratios.p99Pass],
  ['every 2xx stored', r.durability.everyAnswerStored ? 'yes' : 'no', 'yes', r.durability.everyAnswerStored],
  ['every 2xx stored (1 per commit)', r.commitPerRequest.everyAnswerStored ? 'yes' : 'no', 'yes', r.commitPerRequest.everyAnswerStored],
];
const historyTargets = (r) => Object.entries(r.ratios).map(([name, { ratio, target }]) => [`${name}, ${r.stores[1].events.toLocaleString('en-US')} ÷ 1,000 events`, ratio.toFixed(2), `<= ${target}`, ratio <= target]);
const uiTargets = (r) => [[`first rows, ${r.stores[1].events.toLocaleString('en-US')} ÷ 1,000 events`, r.ratio.toFixed(2), `<= ${r.target}`, r.ratio <= r.target]];
const streamTargets = (r) => [
  [`long tasks over ${r.target} ms`, String(r.over100), '0', r.over100 === 0],
  ['events shown ÷ sent', `${r.shown} / ${r.sent}`, 'all', r.shown === r.sent],
];

const parts = {
  ingest: { run: ingest, print: printIngest, targets: ingestTargets },
  history: { run: historyAtScale, print: printHistory, targets: historyTargets },
  ui: { run: uiFirstRows, print: printUi, targets: uiTargets },
  stream: { run: liveStream, print: printStream, targets: streamTargets },
  export: { run: exportSpeed, print: printExport, targets: () => [] },
  openapi: { run: openapiChecks, print: printOpenapi, targets: openapiTargets },
};

function printMachine(m) {
  console.log(`machine: ${m.cpus.count} × ${m.cpus.model}, ${m.memory.totalGiB} GiB, Node ${m.node}, ${m.platform}`);
}

function printTargets(rows) {
  if (rows.length === 0) return;
  console.log('\ntargets');
  for (const [part, figure, measured, target, pass] of rows) {
    console.log(`  ${part.padEnd(8)} ${figure.padEnd(40)} ${measured.padStart(12)}  (target ${target})  ${pass ? 'PASS' : 'MISS'}`);
  }
}

async function main() {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((p) => !(p in parts));
  if (unknown.length > 0) {
    console.error(`bench: unknown part ${unknown.join(', ')}; the parts are ${Object.keys(parts).join(', ')}.`);
    return 2;
  }
  const selected = asked.length > 0 ? Object.keys(parts).filter((p) => asked.includes(p)) : Object.keys(parts);
  const hardTimeout = startHardTimeout(selected);
  let exitCode = 0;
  const results = { machine: machine(), date: new Date().toISOString() };
  printMachine(results.machine);
  const summary = [];
  let ran = false;
  try {
    for (const name of selected) {
      const part = parts[name];
      if (part.notYet) {
        console.error(`${name}: not yet — ${part.notYet}.`);
        exitCode = 1;
        continue;
      }
      console.log(`${name}: running`);
      const result = await part.run();
      part.print(result);
      results[name] = result;
      for (const row of part.targets(result)) summary.push([name, ...row]);
      ran = true;
      if (name === 'ingest' && !(result.durability.everyAnswerStored && result.commitPerRequest.everyAnswerStored)) exitCode = 1;
    }
    printTargets(summary);
    if (ran) {
      fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
      console.log(`\nfigures written to ${path.relative(process.cwd(), resultsFile) || resultsFile}`);
    }
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  } finally {
    clearTimeout(hardTimeout);
    killAllNow();
  }
  return exitCode;
}

process.exitCode = await main();
