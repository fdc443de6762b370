// A registration handshake in the inspector: which provider's, what Hookbridge answered, what to do next — and,
// for AWS SNS, the one button that calls a URL a sender gave: "Confirm subscription" (HTTPS to an SNS host only).
import { useState } from 'preact/hooks';
import type { Client, Delivery, EventDetail } from '../client';
import { errorMessage, visible } from '../format';
import { FormError } from './FormError';

const outcomeWords: Record<NonNullable<EventDetail['handshake']>['outcome'], string> = {
  answered: 'Answered as the provider documents it.',
  refused: 'Refused.',
  'needs-secret': 'Not answered: this endpoint lacks the secret the answer is computed with.',
  'echo-too-long': 'Answered as an ordinary webhook: the value to echo is over 1 KiB.',
  'awaiting-confirmation': 'Waiting for your confirmation.',
  confirmed: 'Subscription confirmed.',
};

export function HandshakePanel({ client, event }: { client: Client; event: EventDetail }) {
  const handshake = event.handshake;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState<Delivery | null>(null);
  if (!handshake) return null;

  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setConfirmed(await client.api.confirmSubscription({ id: event.id }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const answered = confirmed?.response ? confirmed.response.status : null;
  return (
    <section class="handshake-panel" aria-label="Registration handshake" data-outcome={handshake.outcome}>
      <h3>Registration handshake</h3>
      <p>{outcomeWords[handshake.outcome]}</p>
      {handshake.note && <p class="hint">{visible(handshake.note)}</p>}
      {handshake.id === 'sns' && handshake.outcome !== 'confirmed' && (
        <div class="handshake-actions">
          <button type="button" class="primary" disabled={busy} onClick={() => void confirm()}>
            {busy ? 'Confirming…' : 'Confirm subscription'}
          </button>
          <span class="hint">Calls the SubscribeURL in this message, only if it is HTTPS to sns.&lt;region&gt;.amazonaws.com.</span>
        </div>
      )}
      {confirmed && (
        <p role="status" class={answered !== null && answered < 300 ? 'ok' : 'problem'}>
          {confirmed.error ? `Not confirmed: ${visible(confirmed.error)}` : `SNS answered ${answered ?? '—'}${answered !== null && answered < 300 ? ': the subscription is confirmed.' : '.'}`}
        </p>
      )}
      <FormError message={error} />
    </section>
  );
}
