// "Send sample": posts a realistic event (LOX24, Soyio, or a provider pack's documented example) to this endpoint, signed the way it checks, so the
// whole path (check, rules, forward, feed, notification) can be tried without the provider.
import { useEffect, useState } from 'preact/hooks';
import type { Client, PublicEndpoint } from '../client';
import { errorMessage } from '../format';

export function SendSample({ client, endpoint }: { client: Client; endpoint: PublicEndpoint }) {
  const [choice, setChoice] = useState(endpoint.provider === 'soyio' ? 'soyio validation_attempt.failed' : 'lox24 verify_code.channel.failed');
  // An endpoint set to a provider offers that provider's samples first.
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // The engine says which samples it has; until it answers, the default choice is the only one.
  const [choices, setChoices] = useState<string[]>([choice]);
  const id = `sample-${endpoint.id}`;

  useEffect(() => {
    let current = true;
    client.api.listSamples().then(
      (lists) => {
        if (!current) return;
        const all = lists.flatMap(({ provider, names }) => names.map((name) => `${provider} ${name}`));
        const own = all.filter((c) => c.startsWith(`${endpoint.provider} `));
        setChoices([...own, ...all.filter((c) => !own.includes(c))]);
        if (own[0] && endpoint.provider !== 'soyio' && endpoint.provider !== 'lox24') setChoice(own[0]);
      },
      (e: unknown) => current && setResult({ ok: false, text: errorMessage(e) }),
    );
    return () => {
      current = false;
    };
  }, [client]);

  const send = async (): Promise<void> => {
    const space = choice.indexOf(' ');
    const [provider, name] = [choice.slice(0, space), choice.slice(space + 1)];
    setBusy(true);
    setResult(null);
    try {
      const sent = await client.api.sendSample({ endpointId: endpoint.id, provider, name });
      setResult(sent.status === null ? { ok: false, text: sent.error ?? 'no answer' } : { ok: sent.status < 300, text: `Sent: answered ${sent.status}.` });
    } catch (e) {
      setResult({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="send-sample">
      <label class="inline" for={id}>
        Sample
      </label>
      <select id={id} value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <button type="button" disabled={busy} onClick={() => void send()}>
        Send sample
      </button>
      {result && (
        <span class={result.ok ? 'form-ok' : 'form-error'} role="status">
          {result.text}
        </span>
      )}
    </div>
  );
}
