// A first view until the renderer issue lands: trades the URL's token for a session cookie, then lists
// endpoints and the latest events live. Everything from the server is written with textContent only.

interface EventRow {
  id: string;
  receivedAt: number;
  method: string;
  status: number;
  severity: string;
  title: string;
  summary: string;
}

async function call<T>(method: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
    credentials: 'same-origin',
  });
  const body = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `${method} failed with ${response.status}`);
  return body;
}

/** The token travels once, in the fragment; it becomes an HttpOnly cookie and leaves the address bar. */
async function startSession(): Promise<void> {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return;
  history.replaceState(null, '', location.pathname + location.search);
  const response = await fetch('/api/session', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, credentials: 'same-origin' });
  if (!response.ok) throw new Error('The link’s token was refused. Open the newest link `hookbridge serve` printed.');
}

function element(tag: string, text: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

function eventItem(event: EventRow): HTMLElement {
  const item = document.createElement('li');
  item.dataset.id = event.id;
  item.append(
    element('span', event.severity, `sev sev-${event.severity}`),
    element('strong', event.title),
    document.createTextNode(' — '),
    element('span', event.summary),
    document.createTextNode(` · ${event.status} · ${new Date(event.receivedAt).toLocaleTimeString()}`),
  );
  return item;
}

function showStatus(text: string, problem = false): void {
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = text;
  status.classList.toggle('problem', problem);
}

async function start(): Promise<void> {
  await startSession();
  const endpoints = await call<{ name: string; url: string }[]>('listEndpoints');
  const list = document.getElementById('endpoints');
  list?.replaceChildren(...endpoints.map((e) => {
    const item = element('li', `${e.name}  `);
    item.append(element('code', e.url));
    return item;
  }));
  const page = await call<{ events: EventRow[] }>('listEvents', { limit: 50 });
  const events = document.getElementById('events');
  events?.replaceChildren(...page.events.map(eventItem));
  showStatus('Live');
  const stream = new EventSource('/api/stream');
  stream.onmessage = (message: MessageEvent<string>) => {
    const parsed = JSON.parse(message.data) as { type: string; data: unknown };
    if (parsed.type === 'event.created') {
      events?.prepend(eventItem(parsed.data as EventRow));
      while (events && events.children.length > 200) events.lastElementChild?.remove();
    } else if (parsed.type === 'status.changed') {
      const error = (parsed.data as { store: { lastError: { message: string } | null } }).store.lastError;
      showStatus(error ? `Not capturing: ${error.message}` : 'Live', error !== null);
    } else if (parsed.type === 'stream.resync') {
      location.reload();
    }
  };
  stream.onerror = () => showStatus('Reconnecting…', true);
  stream.onopen = () => showStatus('Live');
}

start().catch((error: unknown) => showStatus(error instanceof Error ? error.message : String(error), true));
