// curl: a POSIX shell script that sends every request again to $TARGET with curl — the exact body bytes
// (through printf, or base64 -d for binary), the method, the sub-path and query, and the headers.
import { curlParts, shellWord } from '../../curl';
import type { Fixture } from '../fixture';
import type { ExportFile } from './types';

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
    const { feed, args } = curlParts({ method: f.request.method, headers: f.request.headers, body: f.request.rawBody, bodyEncoding: f.request.rawBodyEncoding });
    const label = `${i + 1}/${fixtures.length} ${f.meta.provider} ${f.meta.name ?? 'unnamed'}`;
    lines.push(`# ${label.replace(/[\r\n]/g, ' ')} (${f.meta.receivedAt})`);
    lines.push(
      `${feed} | curl -sS -o /dev/null -w ${shellWord(`%{http_code} ${label.replace(/%/g, '%%')}\\n`)} ${args.join(' ')} "$TARGET"${shellWord(suffix)}`,
      '',
    );
  });
  return { path: 'replay.sh', content: lines.join('\n') };
}
