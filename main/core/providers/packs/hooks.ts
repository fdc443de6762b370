// What a built-in pack needs that its data cannot say. Only built-in packs have hooks.
import { readJsonPath } from '../../json-path';
import type { PackHook } from './module';

/** Slack's interactivity and shortcuts post a form whose `payload` field is the JSON: the pack reads that JSON. */
const slack: PackHook = {
  json(request) {
    const payload = readJsonPath(request.json, '$.payload');
    if (typeof payload !== 'string' || !payload.startsWith('{')) return undefined;
    try {
      return JSON.parse(payload) as unknown;
    } catch {
      return undefined;
    }
  },
};

export const hooks: Readonly<Record<string, PackHook>> = { slack };
