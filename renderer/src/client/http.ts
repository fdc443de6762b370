// Headless transport: POST /api/<method> and Server-Sent Events from /api/stream, authenticated by an
// HttpOnly cookie obtained once from the token in the URL fragment.
import { ApiError, apiOver, type Client, type FieldIssue, type Incoming } from './client';

async function post(method: string, input: unknown): Promise<unknown> {
  const response = await fetch(`./api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
    credentials: 'same-origin',
  });
  const body = (await response.json()) as { error?: { code: string; message: string; details?: { fields?: FieldIssue[] } } };
  if (!response.ok) {
    throw new ApiError(body.error?.code ?? 'HTTP_' + response.status, body.error?.message ?? `${method} failed (${response.status})`, body.error?.details?.fields ?? []);
  }
  return body;
}

/** The token travels once, in the fragment; it becomes an HttpOnly cookie and leaves the address bar. */
async function startSession(): Promise<void> {
  const hash = new URLSearchParams(location.hash.slice(1));
  const token = hash.get('token');
  if (!token) return;
  hash.delete('token');
  const rest = hash.toString();
  history.replaceState(history.state, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
  const response = await fetch('./api/session', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, credentials: 'same-origin' });
  if (!response.ok) throw new ApiError('UNAUTHORIZED', 'This link’s token was refused. Open the newest link `hookbridge serve` printed.');
}

export async function connectHttp(): Promise<Client> {
  await startSession();
  const listeners = new Set<(message: Incoming) => void>();
  const connection = new Set<(state: 'live' | 'reconnecting') => void>();
  const stream = new EventSource('./api/stream');
  stream.onmessage = (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as Incoming;
    for (const listener of listeners) listener(message);
  };
  stream.onopen = () => connection.forEach((l) => l('live'));
  stream.onerror = () => connection.forEach((l) => l('reconnecting'));
  return {
    transport: 'http',
    api: apiOver(post),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connection.add(listener);
      return () => connection.delete(listener);
    },
  };
}
