// curl: a POSIX shell script that sends every request again to $TARGET with curl — the exact body bytes
// (through printf, or base64 -d for binary), the method, the sub-path and query, and the headers.
import { endToEndHeaders } from '../../outbound/send';
import type { Fixture } from '../fixture';
import type { ExportFile } from './types';

/** One shell word in single quotes: nothing inside is expanded. */
export function shellWord(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A shell string cannot carry a NUL byte: such bodies go as base64. */
const unsafe = (text: string): boolean => text.includes('\0');

export function curlFile(fixtures: readonly Fixture[], banner: string): ExportFile {
  const lines = [
    '#!/bin/sh',
    `# ${banner}`,
    '# Sends each captured request again. TARGET is the URL each request goes to, without the sub-path, e.g.',
    '#   TARGET=http://localhost:3000/webhooks sh replay.sh',
    '#   TARGET=http://127.0.0.1:8787/h/<token> sh replay.sh      (another Hookbridge endpoint)',
    'set -eu',
    ': "${TARGET:?set TARGET to the URL to send to, e.g. TARGET=http://localhost:3000/webhooks}"',
    '',
  ];
  fixtures.forEach((f, i) => {
    const suffix = `${f.request.path ? `/${f.request.path}` : ''}${f.request.query ? `?${f.request.query}` : ''}`;
    const binary = f.request.rawBodyEncoding === 'base64' || unsafe(f.request.rawBody);
    const feed = binary
      ? `printf '%s' ${shellWord(f.request.rawBodyEncoding === 'base64' ? f.request.rawBody : Buffer.from(f.request.rawBody).toString('base64'))} | base64 -d`
      : `printf '%s' ${shellWord(f.request.rawBody)}`;
    const headers = endToEndHeaders(f.request.headers).map(([name, value]) => `-H ${shellWord(`${name}: ${value}`)}`);
    // curl would add a form content type of its own to a request that had none.
    if (!f.request.headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(`-H 'Content-Type:'`);
    const label = `${i + 1}/${fixtures.length} ${f.meta.provider} ${f.meta.name ?? 'unnamed'}`;
    lines.push(`# ${label.replace(/[\r\n]/g, ' ')} (${f.meta.receivedAt})`);
    lines.push(
      `${feed} | curl -sS -o /dev/null -w ${shellWord(`%{http_code} ${label.replace(/%/g, '%%')}\\n`)} -X ${shellWord(f.request.method)} "$TARGET"${shellWord(suffix)} ${headers.join(' ')} --data-binary @-`,
      '',
    );
  });
  return { path: 'replay.sh', content: lines.join('\n') };
}
