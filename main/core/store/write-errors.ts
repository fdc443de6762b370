// Turns a failed SQLite write into an error code and a sentence the user can act on.
import { HookbridgeError } from '../errors';

export function classifyWriteError(error: unknown): HookbridgeError {
  if (error instanceof HookbridgeError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const detail = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_FULL')) {
    return new HookbridgeError('STORE_FULL', `The database is full (${detail}). Free disk space or lower the retention limits; capture resumes by itself.`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new HookbridgeError('STORE_BUSY', `The database is locked by another program (${detail}). Close whatever holds it (a SQLite browser?); capture resumes by itself.`);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new HookbridgeError('STORE_READONLY', `The database cannot be written (${detail}). Check the data folder's permissions and disk; capture resumes by itself.`);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new HookbridgeError('STORE_IO', `The disk reported an I/O error while writing the database (${detail}). Check the disk; capture resumes by itself once writes succeed.`);
  }
  return new HookbridgeError('STORE_FAILED', `The database could not store the request (${detail}).`);
}
