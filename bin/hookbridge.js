#!/usr/bin/env node
// Entry of the `hookbridge` command: checks the Node version, then runs the bundled CLI (built by `npm ci`'s
// prepare step, or `npm run build`).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `hookbridge: Node ${process.versions.node} is too old; Hookbridge needs Node >= 22.12. ` +
      'Run it through npm (npx hookbridge, npm run serve), which uses the Node 22 the project installs.',
  );
  process.exit(1);
}
const cli = new URL('../dist/cli.js', import.meta.url);
import(cli.href).then(
  (module) => module.main(process.argv),
  (error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
      console.error('hookbridge: the CLI is not built yet. Run `npm run build` (npm ci does it for you).');
    } else {
      console.error(error);
    }
    process.exit(1);
  },
);
