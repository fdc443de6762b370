// Imported descriptions on disk: <data folder>/providers/openapi/<provider>.json, one per provider, written
// whole or not at all (a temporary file renamed over the old one), private like the rest of the folder.
import fs from 'node:fs';
import path from 'node:path';
import { CompiledSpec } from './spec';

export function specFile(folder: string, provider: string): string {
  return path.join(folder, `${provider}.json`);
}

export function writeSpec(folder: string, spec: CompiledSpec): void {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const target = specFile(folder, spec.provider);
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(spec), { mode: 0o600 });
  fs.renameSync(temporary, target);
}

export function removeSpec(folder: string, provider: string): boolean {
  try {
    fs.unlinkSync(specFile(folder, provider));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Every description in the folder; a file that cannot be read is reported, never fatal. */
export function readSpecs(folder: string): { specs: CompiledSpec[]; errors: { file: string; message: string }[] } {
  const specs: CompiledSpec[] = [];
  const errors: { file: string; message: string }[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') errors.push({ file: folder, message: `The folder cannot be read: ${(error as Error).message}` });
    return { specs, errors };
  }
  for (const file of names) {
    try {
      const spec = CompiledSpec.parse(JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')));
      if (`${spec.provider}.json` !== file) throw new Error(`it describes provider “${spec.provider}”; import it again`);
      specs.push(spec);
    } catch (error) {
      errors.push({ file, message: `Imported OpenAPI description ${file} cannot be used (${(error as Error).message.split('\n')[0]}); import the document again.` });
    }
  }
  return { specs, errors };
}
