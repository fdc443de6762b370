// `npm start`: build, then launch the desktop app. Where Electron cannot start (its binary is downloaded on
// first launch, and some machines cannot reach the download), say what failed and why in one paragraph and
// run the same app headless in the browser instead (`hookbridge serve --open`), so a newcomer still gets it.
// Extra arguments go to `hookbridge serve` (e.g. `npm start -- --data-dir /tmp/hb`).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

if (!process.env.HOOKBRIDGE_SKIP_BUILD) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

/** The Electron binary's path, or why there is none. Resolved in a child: a failed download is noisy. */
function electronBinary() {
  // Electron's installer prints progress on stdout too: the answer follows the last marker.
  const probe = `import('electron').then((m) => process.stdout.write('\\n@@PATH ' + String(m.default)), (e) => { process.stdout.write('\\n@@ERROR ' + String(e && e.message || e)); })`;
  try {
    const raw = execFileSync(process.execPath, ['-e', probe], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 120_000 });
    const answer = raw.slice(raw.lastIndexOf('\n@@') + 3);
    if (answer.startsWith('ERROR ')) return { error: answer.slice(6).split('\n')[0].replace(/\.$/, '') };
    const out = answer.replace(/^PATH /, '').trim();
    return fs.existsSync(out) ? { path: out } : { error: `Electron reported ${out}, which does not exist` };
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

function fallBack(why) {
  console.error(
    `\nhookbridge: the desktop app could not start here: ${why}. ` +
      'Electron downloads its own binary the first time it runs; this machine could not get or run it (no access to ' +
      "Electron's download site, or no display). To fix it on a laptop: check the network and run `npm start` again, " +
      'or set ELECTRON_MIRROR to a reachable mirror. Meanwhile Hookbridge runs headless: the same engine and UI, in ' +
      'your browser, on the same data folder.\n',
  );
  const serveArgs = ['serve', ...(process.env.HOOKBRIDGE_NO_BROWSER ? [] : ['--open']), ...args];
  const child = spawn(process.execPath, [path.join(root, 'bin/hookbridge.js'), ...serveArgs], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const shellEntry = path.join(root, 'dist/electron/main.cjs');
if (!fs.existsSync(shellEntry)) {
  fallBack('this version does not build the desktop shell yet (dist/electron/main.cjs is missing)');
} else {
  const electron = electronBinary();
  if (!electron.path) {
    fallBack(`Electron is not available (${electron.error})`);
  } else {
    const started = Date.now();
    const app = spawn(electron.path, [root, ...args], { stdio: 'inherit' });
    app.on('exit', (code) => {
      // A crash within seconds of launch is a launch failure (missing libraries, no display): fall back.
      if (code !== 0 && Date.now() - started < 15_000) fallBack(`Electron exited with code ${code} while starting`);
      else process.exit(code ?? 0);
    });
    app.on('error', (error) => fallBack(`Electron could not be run (${error.message})`));
  }
}
