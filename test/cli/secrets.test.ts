// No secret leaves where it lives: the ngrok authtoken, endpoint secrets and the control token are scanned for
// in everything a real `hookbridge serve` prints and in every answer and stream message of its API.
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app';
import { messageOf, openSse, type SseFrame } from '../support/sse';
import { startServe, type ServeProcess } from '../support/serve';

let serve: ServeProcess | null = null;

/** The tunnel states the stream reported, in order. */
const tunnelStates = (frames: SseFrame[]): string[] =>
  frames.map(messageOf).flatMap((m) => (m.type === 'status.changed' ? [String((m.data.tunnel as { state: string }).state)] : []));
afterEach(async () => {
  serve?.child.kill('SIGTERM');
  await serve?.exited;
  serve = null;
});

describe('secrets', () => {
  it('never appear in logs, API answers or the stream', async () => {
    const ngrokToken = '2xSECRETngrokTOKEN_4242424242abcdef';
    const headerSecret = 'lox24-header-secret-9911';
    const hubSecret = 'soyio-hub-secret-8822';
    const stripeSecret = 'whsec_stripe_secret_7733';
    const basicPassword = 'basic-password-6644';
    const tokenFile = path.join(tempDir(), 'ngrok-token');
    fs.writeFileSync(tokenFile, `${ngrokToken}\n`);
    serve = await startServe(['--data-dir', tempDir(), '--tunnel', '--ngrok-authtoken-file', tokenFile]);
    const origin = new URL(serve.info.ui).origin;
    const controlToken = serve.info.token;
    const answers: string[] = [];
    const call = async (method: string, input: unknown = {}): Promise<unknown> => {
      const response = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${controlToken}` }, body: JSON.stringify(input) });
      const text = await response.text();
      answers.push(text);
      return JSON.parse(text) as unknown;
    };
    const stream = await openSse(`${origin}/api/stream`, { Authorization: `Bearer ${controlToken}` });
    try {
      const endpoints = [
        await call('createEndpoint', { name: 'lox24', auth: { kind: 'header', header: 'X-LOX24-Token', value: headerSecret } }),
        await call('createEndpoint', { name: 'soyio', auth: { kind: 'hub-signature-256', secret: hubSecret } }),
        await call('createEndpoint', { name: 'stripe', auth: { kind: 'stripe', secret: stripeSecret } }),
        await call('createEndpoint', { name: 'basic', auth: { kind: 'basic', username: 'me', password: basicPassword } }),
      ] as { id: string; url: string }[];
      // Requests that pass and fail each check, so the stored verdicts and notifications-to-be are exercised.
      await fetch(endpoints[0]?.url ?? '', { method: 'POST', headers: { 'X-LOX24-Token': headerSecret }, body: '{"name":"ok"}' });
      await fetch(endpoints[0]?.url ?? '', { method: 'POST', headers: { 'X-LOX24-Token': 'wrong-value-1234' }, body: '{"name":"bad"}' });
      await fetch(endpoints[1]?.url ?? '', { method: 'POST', body: '{"name":"unsigned"}' });
      await fetch(endpoints[3]?.url ?? '', { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`me:${basicPassword}`).toString('base64')}` }, body: '{}' });
      await call('startTunnel');
      await call('setTunnelAuthtoken', { authtoken: ngrokToken, remember: true });
      await call('updateEndpoint', { id: endpoints[1]?.id, name: 'soyio renamed' });
      const page = (await call('listEvents')) as { events: { id: string }[] };
      for (const event of page.events) {
        await call('getEvent', { id: event.id });
        await call('listDeliveries', { id: event.id });
      }
      for (const method of ['getStatus', 'listEndpoints', 'getSettings', 'countEvents']) await call(method);
      // Wait for the stream to carry everything the above caused, instead of for a while: the tunnel's attempt with
      // the pasted token has an outcome (it stopped, reconnected, and settled), and a last change made after all the
      // others arrives (the stream keeps the order of the messages).
      await call('updateEndpoint', { id: endpoints[2]?.id, name: 'last change' });
      await stream.waitFor((frames) => {
        const states = tunnelStates(frames);
        const off = states.lastIndexOf('off');
        const connecting = states.indexOf('connecting', off);
        const settled = off !== -1 && connecting !== -1 && states.slice(connecting + 1).some((state) => state !== 'connecting');
        return settled && frames.some((f) => f.data.includes('"name":"last change"'));
      }, 20_000);
    } finally {
      stream.close();
    }
    serve.child.kill('SIGTERM');
    await serve.exited;
    // All it printed has been read once its stderr has closed ('exit' can come first).
    if (!serve.child.stderr.closed) await once(serve.child.stderr, 'close');
    const printed = serve.stderr();
    const streamed = stream.frames.map((f) => f.data).join('\n');
    const basicHeader = Buffer.from(`me:${basicPassword}`).toString('base64');
    const scanned = { printed, streamed, answers: answers.join('\n') };
    for (const [where, text] of Object.entries(scanned)) {
      // Even a stored request that carried the endpoint's own token (as the provider sends it) shows only a hint.
      for (const secret of [ngrokToken, headerSecret, hubSecret, stripeSecret, basicPassword, basicHeader]) expect(text, `${where} shows a secret`).not.toContain(secret);
      expect(text, `${where} shows the control token`).not.toContain(controlToken);
    }
    expect(answers.join('\n')).toContain('"X-LOX24-Token","lo•••••• (24 characters)"');
  });
});
