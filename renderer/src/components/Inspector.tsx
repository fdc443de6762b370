// The inspector of one event: what happened (overview), and everything that was sent and answered.
import { useMemo, useState } from 'preact/hooks';
import type { Client, EventDetail } from '../client';
import { curlCommand } from '../../../main/core/curl';
import { absoluteTime, bytes, severityLabel, visible } from '../format';
import { HeaderTable } from './HeaderTable';
import { BodyView } from './BodyView';
import { HandshakePanel } from './HandshakePanel';
import { providerLabel, useProviders } from '../providers';
import { ReplayPanel } from './ReplayPanel';

const tabs = ['Overview', 'Body', 'Headers', 'Request', 'Response', 'Replay'] as const;
type Tab = (typeof tabs)[number];

interface InspectorProps {
  client: Client;
  event: EventDetail;
  /** The endpoint has an auth or signature check, so a replay can be signed again. */
  canResign: boolean;
  ingressUrl: string | null;
  endpointToken: string | null;
  onFilterKey(key: string): void;
  onFilterName(name: string): void;
  onSelect(id: string): void;
  onPin(id: string, pinned: boolean): void;
  /** True while this event is the first of a comparison. */
  comparing: boolean;
  onCompare(id: string): void;
}

function decodedBody(event: EventDetail): { text: string | null; bytes: Uint8Array } {
  if (event.bodyEncoding === 'utf8') return { text: event.body, bytes: new TextEncoder().encode(event.body) };
  const binary = atob(event.body);
  return { text: null, bytes: Uint8Array.from(binary, (c) => c.charCodeAt(0)) };
}

function parseJson(text: string | null): { ok: true; value: unknown } | { ok: false } {
  if (text === null) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch {
    return { ok: false };
  }
}


function copy(text: string): void {
  void navigator.clipboard?.writeText(text);
}



const authSchemeNames: Record<NonNullable<EventDetail['authCheck']>['scheme'], string> = {
  header: 'Header check',
  basic: 'HTTP Basic',
  'hub-signature-256': 'X-Hub-Signature-256',
  stripe: 'Stripe signature',
  slack: 'Slack signature',
  zoom: 'Zoom signature',
  shopify: 'Shopify signature',
  twilio: 'Twilio signature',
  sendgrid: 'SendGrid signature',
  paddle: 'Paddle signature',
  mailgun: 'Mailgun signature',
  'standard-webhooks': 'Standard Webhooks signature',
};

type AlertDecision = EventDetail['alerts'][number];

const alertReasons: Record<AlertDecision['reason'], string> = {
  failed: 'the provider reported a failure',
  auth: 'the auth check failed',
  forward: 'your app failed the forward',
  redelivery: 'a redelivery of a failure already told',
  rule: 'an alert rule',
};

/** What the alert policy decided about this event, and why, in words. */
function alertWords({ outcome, reason, rule }: AlertDecision): string {
  if (reason === 'rule') {
    const named = `alert rule “${visible(rule || 'unnamed')}”`;
    if (outcome === 'quiet') return `not notified: ${named} says never`;
    return alertWords({ outcome, reason: 'failed' }).replace(alertReasons.failed, named);
  }
  switch (outcome) {
    case 'alerted':
      return `notified: ${alertReasons[reason]}`;
    case 'summarized':
      return `in a burst’s summary: ${alertReasons[reason]}`;
    case 'paused':
      return `not notified: alerts were paused (${alertReasons[reason]})`;
    case 'muted':
      return `not notified: this endpoint’s notifications are off (${alertReasons[reason]})`;
    case 'quiet':
      return `not notified: ${alertReasons[reason]}`;
  }
}

export function Inspector({ client, event, canResign, ingressUrl, endpointToken, onFilterKey, onFilterName, onSelect, onPin, comparing, onCompare }: InspectorProps) {
  const [tab, setTab] = useState<Tab>('Overview');
  const choices = useProviders();
  const body = useMemo(() => decodedBody(event), [event.id]);
  const json = useMemo(() => parseJson(body.text), [event.id]);
  const sev = severityLabel[event.severity] ?? { icon: '?', label: event.severity };
  const url = `${ingressUrl ?? 'http://127.0.0.1:8787'}/h/${endpointToken ?? '<token>'}${event.path ? `/${event.path}` : ''}${event.query ? `?${event.query}` : ''}`;
  const { facts } = event;

  return (
    <section class="inspector" aria-label="Inspector">
      <header class="inspector-head">
        <span class={`sev-pill sev-${event.severity}`}>
          {sev.icon} {sev.label}
        </span>
        <h2>{visible(event.title)}</h2>
        <div class="inspector-actions">
          <button type="button" onClick={() => onPin(event.id, !event.pinned)}>{event.pinned ? 'Unpin' : 'Pin'}</button>
          <button type="button" aria-pressed={comparing} title="Pick this event, then select another one to compare their bodies" onClick={() => onCompare(event.id)}>
            {comparing ? 'Comparing: pick another event' : 'Compare…'}
          </button>
          <button type="button" onClick={() => copy(body.text ?? '')}>Copy body</button>
          <button type="button" onClick={() => copy(curlCommand(event, url))}>Copy as cURL</button>
        </div>
      </header>
      <div class="tabs" role="tablist">
        {tabs.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} class={tab === name ? 'active' : ''} onClick={() => setTab(name)}>
            {name}
          </button>
        ))}
      </div>
      <div class="tab-body" role="tabpanel" aria-label={tab}>
        {tab === 'Overview' && (
          <div class="overview">
            <p class="summary">{visible(event.summary)}</p>
            <HandshakePanel client={client} event={event} />
            {event.name && (
              <p>
                <button type="button" class="chip" title="Show only events with this name" onClick={() => onFilterName(event.name ?? '')}>
                  all {visible(event.name)} events
                </button>
              </p>
            )}
            {event.explanation && (
              <div class="explanation" data-key={event.explanation.key}>
                <h3>{event.explanation.title}</h3>
                <p>{event.explanation.text}</p>
              </div>
            )}
            {facts.length > 0 && (
              <dl class="facts">
                {facts.map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{visible(v)}</dd>
                  </div>
                ))}
              </dl>
            )}
            <dl class="facts">
              {event.attempt && (
                <div>
                  <dt>Attempt</dt>
                  <dd>
                    {event.attempt.number} of {event.attempt.total}
                  </dd>
                </div>
              )}
              {event.duplicateOf && (
                <div>
                  <dt>Duplicate of</dt>
                  <dd>
                    <button type="button" class="link" onClick={() => onSelect(event.duplicateOf ?? '')}>{event.duplicateOf}</button>
                  </dd>
                </div>
              )}
              {event.retryOf && (
                <div>
                  <dt>Retry of</dt>
                  <dd>
                    <button type="button" class="link" onClick={() => onSelect(event.retryOf ?? '')}>{event.retryOf}</button>
                  </dd>
                </div>
              )}
              {event.authCheck && (
                <div class="wide" data-field="auth-check">
                  <dt>{authSchemeNames[event.authCheck.scheme]}</dt>
                  <dd class={`auth-${event.authCheck.result}`}>
                    {event.authCheck.result}: {event.authCheck.reason}
                    {event.authCheck.result !== 'valid' && (event.authCheck.enforced ? ' Answered 401.' : ' Accepted anyway (the endpoint flags instead of rejecting).')}
                  </dd>
                </div>
              )}
              {event.claim && (
                <div class="wide" data-field="claim">
                  <dt>Provider</dt>
                  <dd>
                    {providerLabel(choices, event.provider)}: {visible(event.claim)}
                  </dd>
                </div>
              )}
              {event.severityReason && (
                <div class="wide" data-field="severity-reason">
                  <dt>Why {sev.label.toLowerCase()}</dt>
                  <dd>{visible(event.severityReason)}</dd>
                </div>
              )}
              <div data-field="answered">
                <dt>Answered</dt>
                <dd>
                  {event.answeredBy?.dropped ? 'connection closed without an answer' : `${event.status} in ${event.response.durationMs} ms`}
                  {event.answeredBy && ` by rule “${visible(event.answeredBy.name || 'unnamed')}”${event.answeredBy.delayMs > 0 ? ` after ${event.answeredBy.delayMs} ms` : ''}`}
                </dd>
              </div>
              {event.alerts.length > 0 && (
                <div data-field="alert">
                  <dt>Alert</dt>
                  {event.alerts.map((decision, i) => (
                    <dd key={i}>{alertWords(decision)}</dd>
                  ))}
                </div>
              )}
            </dl>
            {event.correlationKeys.length > 0 && (
              <div class="keys">
                <h3>Related</h3>
                {event.correlationKeys.map((key) => (
                  <button key={key} type="button" class="chip" title="Show every event with this key" onClick={() => onFilterKey(key)}>
                    {visible(key)}
                  </button>
                ))}
              </div>
            )}
            {event.parseError && (
              <p class="problem">
                {event.flags.includes('parse_error') ? `Body is not valid JSON: ${visible(event.parseError.message)}` : visible(event.parseError.message)}
              </p>
            )}
            {event.schemaCheck && (
              <p class="schema-check" role="status">
                {event.schemaCheck.state === 'pending'
                  ? 'Checking against the imported OpenAPI description…'
                  : event.schemaCheck.webhook
                    ? `Checked against “${visible(event.schemaCheck.spec ?? '')}” (imported OpenAPI), webhook ${visible(event.schemaCheck.webhook)}: ${event.issues.length === 0 ? 'no issues' : 'see the issues below'}.`
                    : `“${visible(event.schemaCheck.spec ?? '')}” (imported OpenAPI) documents no webhook for this event.`}
              </p>
            )}
            {event.issues.length > 0 && (
              <div class="issues">
                <h3>Schema issues</h3>
                <table class="kv">
                  <thead>
                    <tr>
                      <th>Path</th>
                      <th>Problem</th>
                      <th>Expected</th>
                      <th>Received</th>
                    </tr>
                  </thead>
                  <tbody>
                    {event.issues.map((issue, i) => (
                      <tr key={i}>
                        <td>
                          <code>{visible(issue.path)}</code>
                        </td>
                        <td>{visible(issue.message)}</td>
                        <td>{visible(issue.expected)}</td>
                        <td>{visible(issue.received)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
        {tab === 'Body' && <BodyView key={event.id} client={client} event={event} body={body} json={json} />}
        {tab === 'Headers' && <HeaderTable headers={event.headers} />}
        {tab === 'Request' && (
          <table class="kv">
            <tbody>
              {(
                [
                  ['Method', event.method],
                  ['Path', `/${event.path}`],
                  ['Query', event.query || '—'],
                  ['Remote address', event.remoteAddress],
                  ['Forwarded for', event.forwardedFor ?? '—'],
                  ['Size', bytes(event.bodySize)],
                  ['Received', absoluteTime(event.receivedAt)],
                  ['Event id', event.id],
                ] as const
              ).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{visible(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tab === 'Response' && (
          <div>
            <p>
              Answered <strong>{event.response.status}</strong> in {event.response.durationMs} ms
            </p>
            <HeaderTable headers={event.response.headers} />
            <pre class="raw">{visible(event.response.body)}</pre>
          </div>
        )}
        {tab === 'Replay' && <ReplayPanel key={event.id} client={client} event={event} canResign={canResign} />}
      </div>
    </section>
  );
}
