// `hookbridge providers import-openapi <file> [--provider ID]` and `hookbridge providers list`: what a provider
// description and the user's packs add, from the command line. The import writes the compiled description
// into the data folder whether or not Hookbridge runs on it: a running instance notices the new file and checks
// that provider's stored events against it in the background; otherwise the next start does.
import fs from 'node:fs';
import path from 'node:path';
import { resolveDataDir } from '../core/data-dir';
import { HookbridgeError } from '../core/errors';
import { readUserPacks } from '../core/maintenance/user-packs';
import { providerList } from '../core/providers';
import { setUserPacks } from '../core/providers/packs/user';
import { readSpecs, writeSpec } from '../core/schemas/files';
import { importOpenApi } from '../core/schemas/import';
import { summarise } from '../core/schemas/spec';

function knownProviders(dataDir: string): ReturnType<typeof providerList> {
  setUserPacks(readUserPacks(path.join(dataDir, 'providers')).packs);
  return providerList();
}

export function importOpenApiCommand(file: string, options: { provider?: string; dataDir?: string; json?: boolean }): void {
  const dataDir = resolveDataDir(options.dataDir);
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new HookbridgeError('INVALID_INPUT', `${file} cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}.`);
  }
  const known = knownProviders(dataDir);
  const spec = importOpenApi({ fileName: path.basename(file), content, provider: options.provider, known, now: Date.now() });
  const folder = path.join(dataDir, 'providers', 'openapi');
  writeSpec(folder, spec);
  const summary = summarise(spec);
  if (options.json) {
    console.log(JSON.stringify({ ...summary, file: path.join(folder, `${spec.provider}.json`) }));
    return;
  }
  const label = known.find((p) => p.id === spec.provider)?.label;
  console.log(`Imported “${spec.title}” ${spec.version ? `${spec.version} ` : ''}(OpenAPI ${spec.openapi}) for ${label ? `${label} (${spec.provider})` : spec.provider}: ${summary.webhooks} webhooks, e.g. ${summary.names.slice(0, 3).join(', ')}.`);
  console.log(`Captured ${spec.provider} events are checked against it from now on; stored ones are checked in the background (a running Hookbridge picks the file up by itself).`);
  if (!label) console.log(`Note: no provider “${spec.provider}” is known yet (built in or one of your packs): its events are checked once a pack names them ${spec.provider}.`);
  for (const warning of spec.warnings) console.log(`Warning: ${warning}`);
}

export function listProvidersCommand(options: { dataDir?: string; json?: boolean }): void {
  const dataDir = resolveDataDir(options.dataDir);
  const providers = knownProviders(dataDir);
  const { specs, errors } = readSpecs(path.join(dataDir, 'providers', 'openapi'));
  const packs = readUserPacks(path.join(dataDir, 'providers')).state;
  if (options.json) {
    console.log(JSON.stringify({ providers, openapi: specs.map(summarise), errors: [...packs.errors, ...errors] }));
    return;
  }
  for (const p of providers) {
    const spec = specs.find((s) => s.provider === p.id);
    console.log(`${p.id.padEnd(18)} ${p.label}${p.origin === 'user' ? ' (your pack)' : ''}${spec ? ` · OpenAPI “${spec.title}”, ${spec.webhooks.length} webhooks` : ''}`);
  }
  for (const spec of specs.filter((s) => !providers.some((p) => p.id === s.provider))) console.log(`${spec.provider.padEnd(18)} (no pack) · OpenAPI “${spec.title}”, ${spec.webhooks.length} webhooks`);
  for (const e of [...packs.errors, ...errors]) console.error(`hookbridge: ${e.message}`);
}
