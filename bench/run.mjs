// Hookbridge benchmarks: `npm run bench` runs every part, `npm run bench -- ingest` only the ones named.
//
// ingest: `hookbridge serve` beside the other local tools that capture requests, in the same run on the same
// machine: Hookbridge as people run it (a terminal line per event) and with --quiet, a bare node:http responder,
// mockttp (HTTP Toolkit's engine), mountebank (an imposter answering with keep-alive: its default
// Connection: close would make the load generator open a connection per request) and WireMock when `java` is
// here (otherwise a line says it was skipped). The peers come from bench/peers/package.json, installed on first
// use (never by npm ci, never in CI). Every target gets the same LOX24 payload from autocannon (64 keep-alive
// connections), the same warm-up, then alternating rounds. Per target: req/s, p50, p99, server CPU µs per
// request (utime + stime of its process tree, from /proc), peak RSS (sampled every 200 ms) and how many
// requests it kept; Hookbridge's figures as ratios to the best peer's. Then durability: every 2xx Hookbridge
// sent is stored exactly once (counted live, and again by a fresh serve after a clean stop).
//
// openapi: GitHub's webhooks OpenAPI description imported into a real serve: every community example checked,
// and ingest with the description ÷ without it (the check runs in a worker thread, behind the commit).
//
// idle: a serve after a burst, then an idle minute: CPU time and voluntary context switches of every thread.
//
// Environment: BENCH_ROUNDS (3), BENCH_SECONDS (5 per run), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (64),
// BENCH_IDLE_SECONDS (60).
// Figures go to stdout and to bench/results.json (git-ignored). Traffic goes only to 127.0.0.1.
// Parts whose issue has not landed say "not yet" and make the exit code non-zero.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
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
  const plannedSeconds = 7 * (settings.warmupSeconds + settings.rounds * settings.seconds) + 120 + (selected.includes('history') || selected.includes('ui') ? 1_500 : 0) +
    (selected.includes('openapi') ? 2 * (settings.warmupSeconds + settings.rounds * settings.seconds) + 420 : 0) +
    (selected.includes('idle') ? envInt('BENCH_IDLE_SECONDS', 60, 5) + 60 : 0) +
    (selected.includes('rowcost') ? 300 : 0);
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

/** Asks a serve's control API for the first feed page, one call after another (100 ms apart), until stopped. */
function probeReads(info) {
  const latencies = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      await callApi(info, 'listEvents', { limit: 50 });
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return latencies;
    },
  };
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function startServe(dataDir, extraArgs = []) {
  const bin = path.join(root, 'bin', 'hookbridge.js');
  return spawnJson('hookbridge serve', [bin, 'serve', '--json', '--data-dir', dataDir, '--ingress-port', '0', '--ui-port', '0', ...extraArgs]);
}

// ---------------------------------------------------------------------------------------------------------
// ingest

/**
 * The payload's "[<id>]" becomes a fresh UUID in every request, as LOX24 sends its envelope ids: each request is
 * a distinct delivery (the durability check counts distinct ids in the database), and a valid one — autocannon's
 * own idReplacement is not a UUID, so every request failed LOX24's documented id format, charging the schema
 * check's error path to each webhook.
 */
function uuidRequests(url, payload) {
  const [before, after] = payload.split('[<id>]');
  return [{ method: 'POST', path: new URL(url).pathname, headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: `${before}${randomUUID()}${after}` }) }];
}

function cannon(url, payload, seconds) {
  return autocannon({ url, requests: uuidRequests(url, payload), connections: settings.connections, duration: seconds });
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

// The process tree of a target: its pid and every descendant (mountebank's mb, WireMock's JVM, serve's threads
// are in the process itself). CPU is utime + stime of each, from /proc; memory is the sum of VmRSS.
const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function processTree(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift();
    tree.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

/** CPU seconds (user + system: fields 14 and 15) in the text of a /proc stat file. */
function cpuSecondsIn(stat) {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** The same, read from the file; 0 when the process or thread is gone. */
function statCpuSeconds(file) {
  try {
    return cpuSecondsIn(fs.readFileSync(file, 'utf8'));
  } catch {
    return 0;
  }
}

/** CPU seconds of one process's main thread (its task with the process's own id). */
const mainThreadCpuSeconds = (pid) => statCpuSeconds(`/proc/${pid}/task/${pid}/stat`);

/** CPU seconds (user + system) the tree used so far. */
const cpuSeconds = (pids) => pids.reduce((sum, pid) => sum + statCpuSeconds(`/proc/${pid}/stat`), 0);

function rssBytes(pids) {
  let kib = 0;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) kib += Number(match[1]);
    } catch {
      // gone
    }
  }
  return kib * 1024;
}

const peersDir = path.join(benchDir, 'peers');

/** Installs bench/peers on first use (never in CI). Returns why the peers cannot run, or null. */
function ensurePeers() {
  if (fs.existsSync(path.join(peersDir, 'node_modules', 'mockttp'))) return null;
  process.stdout.write('  installing the peers (bench/peers: mockttp, mountebank, wiremock) once…\n');
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: peersDir, stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
    return null;
  } catch (error) {
    return `npm install in bench/peers failed (${error.message.split('\n')[0]})`;
  }
}

function hasJava() {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts `hookbridge serve` as people run it (terminal lines on, or --quiet) and finds it through its runtime file. */
async function startHookbridge(dataDir, extraArgs) {
  const bin = path.join(root, 'bin', 'hookbridge.js');
  const child = spawn(process.execPath, [bin, 'serve', '--data-dir', dataDir, '--ingress-port', '0', '--ui-port', '0', ...extraArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOOKBRIDGE_NO_BROWSER: '1' },
  });
  children.add(child);
  child.stdout.resume(); // the terminal lines are read and dropped, as a terminal would show them
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => (children.delete(child), resolve({ code, signal }))));
  const runtimeFile = path.join(dataDir, 'hookbridge.runtime.json');
  const started = performance.now();
  while (!fs.existsSync(runtimeFile)) {
    if (child.exitCode !== null) throw new Error(`hookbridge serve exited before it was ready: ${stderr}`);
    if (performance.now() - started > 20_000) throw new Error(`hookbridge serve wrote no runtime file within 20 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const runtime = JSON.parse(fs.readFileSync(runtimeFile, 'utf8'));
  const info = { ui: runtime.controlUrl, token: runtime.token };
  const [endpoint] = await callApi(info, 'listEndpoints');
  return {
    pid: child.pid,
    url: `${endpoint.url}/lox24`,
    info,
    kept: async () => (await callApi(info, 'getStatus')).retention.events,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
  };
}

async function startPeer(script) {
  const proc = spawnJson(script, [path.join(peersDir, script)], { timeoutMs: 60_000 });
  const info = await proc.first;
  return {
    pid: proc.child.pid,
    url: info.url,
    kept: async () => JSON.parse((await (await fetch(info.stats)).text())).kept,
    stop: () => proc.stop(),
    alive: () => proc.child.exitCode === null && proc.child.signalCode === null,
    stderr: proc.stderr,
  };
}

async function startBare() {
  const proc = spawnJson('bare server', [path.join(benchDir, 'bare-server.mjs')]);
  const info = await proc.first;
  return { pid: proc.child.pid, url: `${info.url}/`, kept: async () => null, stop: () => proc.stop(2_000), alive: () => proc.child.exitCode === null, stderr: proc.stderr };
}

async function ingest() {
  ensureBuilt();
  const payloadFile = path.join(root, 'test', 'fixtures', 'seeds', 'lox24.verify_code.channel.failed.json');
  // The LOX24 example with its own envelope id (a UUID) per request: see uuidRequests.
  const payload = JSON.stringify({ ...JSON.parse(fs.readFileSync(payloadFile, 'utf8')), id: '[<id>]' });
  const dirs = {};
  const skipped = [];
  const peersProblem = ensurePeers();
  const java = hasJava();
  /** [name, label, keeps, start] */
  const plan = [
    ['hookbridge', 'Hookbridge serve', 'durable, SQLite', async () => startHookbridge((dirs.hookbridge = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbridge-bench-'))), [])],
    ['quiet', 'Hookbridge serve --quiet', 'durable, SQLite', async () => startHookbridge((dirs.quiet = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbridge-bench-quiet-'))), ['--quiet'])],
    // The same serve with the store's writer on the main thread (a hidden switch): what the writer thread changes.
    ['mainwriter', 'Hookbridge --quiet, main-thread writer', 'durable, SQLite', async () => startHookbridge((dirs.mainwriter = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbridge-bench-main-'))), ['--quiet', '--store-writer', 'main'])],
    ['bare', 'bare node:http', 'nothing', startBare],
  ];
  if (peersProblem) skipped.push(`mockttp, mountebank, WireMock: ${peersProblem}`);
  else {
    plan.push(['mockttp', 'mockttp (HTTP Toolkit)', 'in memory', () => startPeer('mockttp.mjs')]);
    plan.push(['mountebank', 'mountebank, keep-alive', 'in memory', () => startPeer('mountebank.mjs')]);
    if (java) plan.push(['wiremock', 'WireMock (JVM)', 'in memory', () => startPeer('wiremock.mjs')]);
    else skipped.push('WireMock: no `java` on this machine');
  }
  for (const dir of Object.values(dirs)) tempDirs.add(dir);
  const targets = {};
  try {
    for (const [name, label, keeps, start] of plan) {
      const t = await start();
      assertLoopback(t.url, `${label}'s URL`);
      const res = await post(t.url, payload);
      if (res.status !== 200) throw new Error(`${label} answered ${res.status} to the LOX24 payload: ${res.body}`);
      targets[name] = { ...t, name, label, keeps, rounds: [], cpuSeconds: 0, requests: 1, twoXx: 1, peakRss: rssBytes(processTree(t.pid)) };
    }
    for (const dir of Object.values(dirs)) tempDirs.add(dir);
    const order = Object.keys(targets);
    const run = async (t, seconds, record) => {
      const tree = processTree(t.pid);
      const cpuBefore = cpuSeconds(tree);
      const mainBefore = mainThreadCpuSeconds(t.pid);
      const sampler = setInterval(() => (t.peakRss = Math.max(t.peakRss, rssBytes(processTree(t.pid)))), 200);
      const reads = t.info && record ? probeReads(t.info) : null;
      const result = figures(await cannon(t.url, payload, seconds));
      clearInterval(sampler);
      if (reads) t.readMs = [...(t.readMs ?? []), ...(await reads.stop())];
      t.peakRss = Math.max(t.peakRss, rssBytes(processTree(t.pid)));
      const cpu = cpuSeconds(processTree(t.pid)) - cpuBefore;
      const mainCpu = mainThreadCpuSeconds(t.pid) - mainBefore;
      if (!t.alive()) throw new Error(`${t.label} stopped during the bench. ${t.stderr().trim()}`);
      t.requests += result.requests;
      t.twoXx += result.twoXx;
      if (record) {
        t.rounds.push({ ...result, cpuSeconds: cpu, mainThreadCpuSeconds: mainCpu });
        t.cpuSeconds += cpu;
        t.mainCpuSeconds = (t.mainCpuSeconds ?? 0) + mainCpu;
      }
      return result;
    };
    if (settings.warmupSeconds > 0) {
      for (const name of order) {
        process.stdout.write(`  warm-up ${targets[name].label} (${settings.warmupSeconds} s)\n`);
        await run(targets[name], settings.warmupSeconds, false);
      }
    }
    for (let round = 1; round <= settings.rounds; round++) {
      for (const name of order) {
        const f = await run(targets[name], settings.seconds, true);
        process.stdout.write(`  round ${round}/${settings.rounds} ${targets[name].label.padEnd(26)} ${f.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms\n`);
      }
    }
    const rows = {};
    for (const name of order) {
      const t = targets[name];
      const s = summarize(null, t.rounds);
      const measured = t.rounds.reduce((sum, r) => sum + r.requests, 0);
      rows[name] = {
        label: t.label,
        keeps: t.keeps,
        reqPerSec: s.reqPerSec,
        p50: s.p50,
        p99: s.p99,
        reqPerSecByRound: s.reqPerSecByRound,
        non2xx: s.non2xx,
        errors: s.errors,
        timeouts: s.timeouts,
        cpuMicrosPerRequest: (t.cpuSeconds / Math.max(1, measured)) * 1e6,
        // Hookbridge only: how much of that its main thread took (the rest: the writer, checkpoint and GC threads).
        mainThreadMicrosPerRequest: t.info ? ((t.mainCpuSeconds ?? 0) / Math.max(1, measured)) * 1e6 : null,
        peakRssBytes: t.peakRss,
        answered2xx: t.twoXx,
        kept: await t.kept(),
        // The control API's first feed page, asked every 100 ms during the rounds: how reads fare under the load.
        apiRead: t.readMs ? { count: t.readMs.length, p50: quantile(t.readMs, 0.5), p99: quantile(t.readMs, 0.99) } : null,
      };
    }

    // Durability: every 2xx Hookbridge sent is stored exactly once, live and after a clean restart.
    const durability = {};
    for (const name of ['hookbridge', 'quiet', 'mainwriter']) {
      const t = targets[name];
      const live = rows[name].kept;
      const stopped = await t.stop();
      if (stopped.code !== 0) throw new Error(`${t.label} exited with ${stopped.signal ?? stopped.code} on SIGTERM. ${t.stderr().trim()}`);
      const again = await startHookbridge(dirs[name], ['--quiet']);
      const afterRestart = await again.kept();
      await again.stop();
      // Each request carried its own envelope id: every id once, and at least every answered one.
      const db = new Database(path.join(dirs[name], 'hookbridge.db'), { readonly: true });
      const { rows: stored, ids } = db.prepare("SELECT count(*) AS rows, count(DISTINCT json_extract(CAST(coalesce(decoded_body, body) AS TEXT), '$.id')) AS ids FROM requests").get();
      db.close();
      durability[name] = {
        answered2xx: t.twoXx,
        storedLive: live,
        storedAfterRestart: afterRestart,
        distinctIds: ids,
        // Requests still in flight when a round's clock stopped are stored but were never counted as answered.
        inFlightAtStop: stored - t.twoXx,
        exactlyOnce: ids === stored && stored === afterRestart && stored >= t.twoXx,
      };
      delete targets[name];
    }

    const peers = order.filter((n) => !['hookbridge', 'quiet', 'mainwriter', 'bare'].includes(n));
    // A peer that answered nothing (0 req/s) is not a best anything.
    const answering = peers.filter((n) => rows[n].reqPerSec > 0);
    const best = (figure, better) => (answering.length === 0 ? null : answering.map((n) => rows[n][figure]).reduce((a, b) => (better(a, b) ? a : b)));
    const bestPeer = {
      reqPerSec: best('reqPerSec', (a, b) => a > b),
      p99: best('p99', (a, b) => a < b),
      cpuMicrosPerRequest: best('cpuMicrosPerRequest', (a, b) => a < b),
      peakRssBytes: best('peakRssBytes', (a, b) => a < b),
    };
    const ratios = {};
    for (const name of ['hookbridge', 'quiet']) {
      const r = rows[name];
      ratios[name] = {
        reqPerSec: bestPeer.reqPerSec !== null ? r.reqPerSec / bestPeer.reqPerSec : null,
        // autocannon counts latency in whole milliseconds: a p99 under 1 ms counts as 1 ms.
        p99: bestPeer.p99 !== null ? Math.max(r.p99, 1) / Math.max(bestPeer.p99, 1) : null,
        cpuMicrosPerRequest: bestPeer.cpuMicrosPerRequest !== null ? r.cpuMicrosPerRequest / bestPeer.cpuMicrosPerRequest : null,
        peakRssBytes: bestPeer.peakRssBytes !== null ? r.peakRssBytes / bestPeer.peakRssBytes : null,
        bare: r.reqPerSec / rows.bare.reqPerSec,
      };
    }
    const q = rows.quiet;
    const m = rows.mainwriter;
    // The writer thread ÷ the main-thread writer, both --quiet, same run.
    const writerThread = {
      reqPerSec: q.reqPerSec / m.reqPerSec,
      p99: Math.max(q.p99, 1) / Math.max(m.p99, 1),
      cpuMicrosPerRequest: q.cpuMicrosPerRequest / m.cpuMicrosPerRequest,
      apiReadP99: q.apiRead && m.apiRead ? q.apiRead.p99 / m.apiRead.p99 : null,
    };
    return {
      settings: { ...settings, payload: path.relative(root, payloadFile), payloadBytes: Buffer.byteLength(payload) },
      writerThread,
      rows,
      order,
      bestPeer,
      ratios,
      durability,
      skipped,
      targets: { reqPerSecMin: 1, p99Max: 1, cpuMax: 1, rssMaxBytes: 300 * 1024 * 1024 },
    };
  } finally {
    for (const t of Object.values(targets)) await t.stop();
    for (const dir of Object.values(dirs)) {
      fs.rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    }
  }
}

function printIngest(r) {
  const n = (v, digits = 0) => (v === null || v === undefined ? '—' : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  const s = r.settings;
  console.log('');
  console.log(
    `ingest — ${s.connections} connections, ${s.rounds} rounds × ${s.seconds} s per target, alternating` +
      `${s.warmupSeconds ? ` (after ${s.warmupSeconds} s warm-up each)` : ''}; ${path.basename(s.payload)} (${s.payloadBytes} B); autocannon in the bench's process`,
  );
  const row = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(38) : i === 1 ? String(c).padEnd(16) : String(c).padStart(9))).join(' ');
  console.log(row(['target', 'keeps requests', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'peak RSS', 'kept']));
  for (const name of r.order) {
    const t = r.rows[name];
    console.log(row([t.label, t.keeps, n(t.reqPerSec), n(t.p50, 1), n(t.p99, 1), n(t.cpuMicrosPerRequest), `${n(t.peakRssBytes / 1024 / 1024)} MB`, t.kept === null ? '—' : n(t.kept)]));
  }
  for (const line of r.skipped) console.log(`  skipped: ${line}`);
  for (const name of ['hookbridge', 'quiet', 'mainwriter']) {
    const a = r.rows[name].apiRead;
    if (a) console.log(`  ${r.rows[name].label}: the control API's first feed page under this load p50 ${n(a.p50, 1)} ms, p99 ${n(a.p99, 1)} ms (${n(a.count)} reads)`);
    const mainMicros = r.rows[name].mainThreadMicrosPerRequest;
    if (mainMicros !== null && mainMicros !== undefined) {
      console.log(`  ${r.rows[name].label}: CPU per request on the main thread ${n(mainMicros)} µs, on its other threads ${n(r.rows[name].cpuMicrosPerRequest - mainMicros)} µs`);
    }
  }
  const w = r.writerThread;
  console.log(
    `  writer thread ÷ main-thread writer (both --quiet): req/s ${n(w.reqPerSec, 2)}, p99 ${n(w.p99, 2)}, CPU/req ${n(w.cpuMicrosPerRequest, 2)}, API read p99 ${n(w.apiReadP99, 2)}`,
  );
  for (const name of ['hookbridge', 'quiet']) {
    const x = r.ratios[name];
    const label = r.rows[name].label;
    console.log(
      `${label} ÷ the best peer: req/s ${n(x.reqPerSec, 2)}, p99 ${n(x.p99, 2)}, CPU/req ${n(x.cpuMicrosPerRequest, 2)}, peak RSS ${n(x.peakRssBytes, 2)}; ÷ bare node req/s ${n(x.bare, 2)}`,
    );
    const d = r.durability[name];
    console.log(
      `  answered ${n(d.answered2xx)} × 2xx; stored ${n(d.storedLive)} live, ${n(d.storedAfterRestart)} after a clean restart, ${n(d.distinctIds)} distinct ids ` +
        `(${n(d.inFlightAtStop)} were in flight when a round stopped) — ${d.exactlyOnce ? 'every 2xx stored exactly once' : 'NOT exactly once'}`,
    );
  }
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
// idle: what Hookbridge costs while nothing happens, since it runs all day in a tray. A `serve` takes a burst of
// webhooks, settles for a few seconds, then every thread's CPU time and voluntary context switches are read
// from /proc/<pid>/task/* before and after an idle minute (BENCH_IDLE_SECONDS).

function threads(pid) {
  const out = new Map();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const status = fs.readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      const voluntary = Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? 0);
      out.set(tid, { name: tid === String(pid) ? 'main thread' : name, cpuSeconds: cpuSecondsIn(stat), voluntary });
    } catch {
      // the thread ended
    }
  }
  return out;
}

async function idleCost() {
  ensureBuilt();
  const idleSeconds = envInt('BENCH_IDLE_SECONDS', 60, 5);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbridge-bench-idle-'));
  tempDirs.add(dataDir);
  let t = null;
  try {
    t = await startHookbridge(dataDir, ['--quiet']);
    const payload = JSON.stringify({ ...JSON.parse(fs.readFileSync(path.join(root, 'test', 'fixtures', 'seeds', 'lox24.verify_code.channel.failed.json'), 'utf8')), id: '[<id>]' });
    const burst = await autocannon({ url: t.url, requests: uuidRequests(t.url, payload), connections: 16, amount: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 5_000)); // the indexer, checkpoints and retention settle
    const before = threads(t.pid);
    process.stdout.write(`  ${burst['2xx']} webhooks, then idle for ${idleSeconds} s\n`);
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const after = threads(t.pid);
    const rows = [...after].map(([tid, a]) => {
      const b = before.get(tid) ?? { cpuSeconds: 0, voluntary: 0 };
      return { tid, name: a.name, cpuMs: (a.cpuSeconds - b.cpuSeconds) * 1000, voluntarySwitches: a.voluntary - b.voluntary };
    });
    const totalCpuMs = rows.reduce((sum, r) => sum + r.cpuMs, 0);
    return { idleSeconds, burst: burst['2xx'], threads: rows, totalCpuMs, perMinuteCpuMs: (totalCpuMs * 60) / idleSeconds, targetMsPerMinute: 500 };
  } finally {
    await t?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    tempDirs.delete(dataDir);
  }
}

function printIdle(r) {
  console.log(`\nidle — hookbridge serve --quiet after ${r.burst.toLocaleString('en-US')} webhooks, ${r.idleSeconds} s with nothing arriving`);
  for (const t of [...r.threads].sort((a, b) => b.cpuMs - a.cpuMs)) {
    console.log(`  ${t.name.padEnd(18)} ${t.cpuMs.toFixed(0).padStart(6)} ms CPU  ${String(t.voluntarySwitches).padStart(6)} voluntary switches`);
  }
  console.log(`  all threads: ${r.totalCpuMs.toFixed(0)} ms CPU = ${r.perMinuteCpuMs.toFixed(0)} ms per idle minute`);
}

const idleTargets = (r) => [['CPU per idle minute, all threads', `${r.perMinuteCpuMs.toFixed(0)} ms`, `< ${r.targetMsPerMinute} ms`, r.perMinuteCpuMs < r.targetMsPerMinute]];

// ---------------------------------------------------------------------------------------------------------

// Every target of every part, for the summary at the end: [figure, measured, target, pass].
const ingestTargets = (r) =>
  ['hookbridge', 'quiet'].flatMap((name) => {
    const x = r.ratios[name];
    const label = name === 'quiet' ? ' (--quiet)' : '';
    const ratio = (figure, value, max) => (value === null ? [] : [[`${figure}${label}, ÷ best peer`, value.toFixed(2), max, figure === 'req/s' ? value >= 1 : value <= 1]]);
    return [
      ...ratio('req/s', x.reqPerSec, '>= 1.0'),
      ...ratio('p99', x.p99, '<= 1.0'),
      ...ratio('CPU µs/req', x.cpuMicrosPerRequest, '<= 1.0'),
      [`peak RSS${label}`, `${Math.round(r.rows[name].peakRssBytes / 1024 / 1024)} MB`, '<= 300 MB', r.rows[name].peakRssBytes <= r.targets.rssMaxBytes],
      [`every 2xx stored exactly once${label}`, r.durability[name].exactlyOnce ? 'yes' : 'no', 'yes', r.durability[name].exactlyOnce],
    ];
  });
const historyTargets = (r) => Object.entries(r.ratios).map(([name, { ratio, target }]) => [`${name}, ${r.stores[1].events.toLocaleString('en-US')} ÷ 1,000 events`, ratio.toFixed(2), `<= ${target}`, ratio <= target]);
const uiTargets = (r) => [[`first rows, ${r.stores[1].events.toLocaleString('en-US')} ÷ 1,000 events`, r.ratio.toFixed(2), `<= ${r.target}`, r.ratio <= r.target]];
const streamTargets = (r) => [
  [`long tasks over ${r.target} ms`, String(r.over100), '0', r.over100 === 0],
  ['events shown ÷ sent', `${r.shown} / ${r.sent}`, 'all', r.shown === r.sent],
];

// ---------------------------------------------------------------------------------------------------------
// rowcost: what one webhook costs the store's writer, piece by piece (bench/row-cost.ts, bundled here)

async function rowCost() {
  const { build } = await import('esbuild');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbridge-rowcost-bundle-'));
  tempDirs.add(dir);
  const out = path.join(dir, 'row-cost.cjs');
  await build({ entryPoints: [path.join(benchDir, 'row-cost.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs', target: 'node22', packages: 'external', logLevel: 'warning' });
  const payloadFile = path.join(root, 'test', 'fixtures', 'seeds', 'lox24.verify_code.channel.failed.json');
  // The bundle sits in a temp folder: its dependencies (better-sqlite3, zod…) come from the project's node_modules.
  const output = execFileSync(process.execPath, [out, payloadFile], { cwd: root, encoding: 'utf8', timeout: 280_000, env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } });
  return JSON.parse(output.trim().split('\n').at(-1));
}

function printRowCost(r) {
  console.log('');
  console.log(`rowcost — the store writer's CPU per row, ${r.rows.toLocaleString('en-US')} LOX24 rows in batches of ${r.batch}, lowest of ${r.rounds} alternating rounds, no HTTP, one thread`);
  // A step shows what it adds to the step above; a lever, what it changes against the last step (as shipped).
  let previous = null;
  for (const v of r.variants) {
    const delta = previous === null ? '' : `  (${v.writerMicros - previous >= 0 ? '+' : ''}${(v.writerMicros - previous).toFixed(1)})`;
    console.log(`  ${v.label.padEnd(58)} ${v.writerMicros.toFixed(1).padStart(7)} µs/row${delta}`);
    if (!v.lever) previous = v.writerMicros;
  }
  const made = Math.min(...r.variants.map((v) => v.prepareMicros));
  console.log(`  making the row on the main thread (toRow, the body's hash)          ${made.toFixed(1).padStart(7)} µs/row`);
}

const parts = {
  ingest: { run: ingest, print: printIngest, targets: ingestTargets },
  history: { run: historyAtScale, print: printHistory, targets: historyTargets },
  ui: { run: uiFirstRows, print: printUi, targets: uiTargets },
  stream: { run: liveStream, print: printStream, targets: streamTargets },
  export: { run: exportSpeed, print: printExport, targets: () => [] },
  openapi: { run: openapiChecks, print: printOpenapi, targets: openapiTargets },
  idle: { run: idleCost, print: printIdle, targets: idleTargets },
  rowcost: { run: rowCost, print: printRowCost, targets: () => [] },
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
      if (name === 'ingest' && !Object.values(result.durability).every((d) => d.exactlyOnce)) exitCode = 1;
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
